"""The engine: rules from plugins, a failing rule kept to itself, suppression comments, determinism."""

import os
import subprocess
import sys
import textwrap
from importlib.metadata import EntryPoint

from lint import Article, Config, check_article, check_text
from lint.registry import discover
from lint.rule import Issue, accept, flag, rule


@rule(
    "demo.word-x",
    category="typography",
    description="Flags the word xyzzy.",
    languages={"fr", "en"},
    examples=[flag("en", "A <m>xyzzy</m>."), accept("en", "A word.")],
)
def flag_xyzzy(doc, ctx):
    start = doc.text.find("xyzzy")
    while start >= 0:
        yield Issue(start, start + 5, "xyzzy is not a word")
        start = doc.text.find("xyzzy", start + 1)


@rule("demo.explodes", category="typography", description="Always fails.")
def explodes(doc, ctx):
    raise RuntimeError("boom")
    yield  # pragma: no cover


def test_a_failing_rule_is_a_notice_and_other_findings_stay():
    art = Article(text="A xyzzy here.", source="a.txt", lang="en")
    result = check_article(art, Config(knowledge="off"), rules=[explodes, flag_xyzzy])
    assert [f.rule for f in result.findings] == ["demo.word-x"]
    assert any("demo.explodes failed" in n.message and n.level == "error" for n in result.notices)


def test_positions_and_severity_override():
    art = Article(text="Line one.\nA xyzzy here.", source="a.txt", lang="en")
    cfg = Config(knowledge="off", severity=(("demo.*", "error"),))
    (f,) = check_article(art, cfg, rules=[flag_xyzzy]).findings
    assert (f.line, f.column, f.end_line, f.end_column, f.offset, f.length) == (2, 3, 2, 8, 12, 5)
    assert f.severity == "error" and f.text == "xyzzy"


def test_plain_text_ignore_comment_and_markdown_disable_comments():
    text = "xyzzy one. newslint: ignore demo.word-x\nxyzzy two.\n"
    found = check_article(Article(text=text, source="t.txt", lang="en"), Config(knowledge="off"), rules=[flag_xyzzy])
    assert [f.line for f in found.findings] == [2]
    md = "xyzzy 1\n\n<!-- newslint-disable demo -->\nxyzzy 2\n<!-- newslint-enable demo -->\n\nxyzzy 3\n"
    art = Article(text=md, source="t.md", lang="en", format="markdown")
    assert [f.line for f in check_article(art, Config(knowledge="off"), rules=[flag_xyzzy]).findings] == [1, 7]


def test_language_is_detected_deterministically():
    text = "Le ministre des Affaires étrangères a déclaré mardi que la France soutenait l’Ukraine."
    langs = {
        check_article(Article(text=text, source="x"), Config(knowledge="off"), rules=[]).language for _ in range(3)
    }
    assert langs == {"fr"}


def test_check_text_api_runs_registered_rules():
    findings = check_text("« Bonjour,« a-t-il dit.", lang="fr", config=Config(knowledge="off"))
    assert all(f.source == "<text>" for f in findings)


def test_discover_loads_rules_from_an_entry_point_and_records_broken_plugins():
    good = EntryPoint(name="demo", value="tests.test_engine:flag_xyzzy", group="newslint.rules")
    bad = EntryPoint(name="broken", value="no_such_module_here:RULES", group="newslint.rules")
    sys.path.insert(0, os.path.dirname(os.path.dirname(__file__)))
    try:
        registry = discover([good, bad])
    finally:
        sys.path.pop(0)
    assert registry.get("demo.word-x") is not None
    assert len(registry.problems) == 1 and "broken" in registry.problems[0]


def test_an_installed_third_party_plugin_runs_through_the_cli(tmp_path):
    """A real distribution on sys.path with an entry point, exactly as `pip install` would leave it."""
    site = tmp_path / "site"
    (site / "newslint_demo-0.1.dist-info").mkdir(parents=True)
    (site / "newslint_demo-0.1.dist-info" / "METADATA").write_text(
        "Metadata-Version: 2.1\nName: newslint-demo\nVersion: 0.1\n"
    )
    (site / "newslint_demo-0.1.dist-info" / "entry_points.txt").write_text(
        "[newslint.rules]\ndemo = newslint_demo:RULES\n"
    )
    (site / "newslint_demo.py").write_text(
        textwrap.dedent("""
        from lint.rule import Issue, accept, flag, rule

        @rule("demo.shout", category="typography", description="Words in capitals of 8+ letters.",
              examples=[flag("en", "It was <m>ENORMOUS</m>."), accept("en", "It was big.")])
        def shout(doc, ctx):
            import re
            for m in re.finditer(r"\\b[A-Z]{8,}\\b", doc.text):
                yield Issue(m.start(), m.end(), "shouting")

        RULES = [shout]
    """)
    )
    article = tmp_path / "a.txt"
    article.write_text("It was ENORMOUS, said the official.\n")
    env = dict(os.environ, PYTHONPATH=str(site))
    cmd = [sys.executable, "-m", "lint.cli"]
    listed = subprocess.run([*cmd, "rules"], capture_output=True, text=True, env=env, check=True)
    assert "demo.shout" in listed.stdout
    run = subprocess.run(
        [*cmd, "check", str(article), "--select", "demo", "--lang", "en", "--format", "json"],
        capture_output=True,
        text=True,
        env=env,
    )
    assert run.returncode == 1, run.stderr
    assert '"rule": "demo.shout"' in run.stdout


def test_cosmetic_findings_inside_text_to_delete_are_dropped_and_weak_ones_are_info():
    from lint import Config, check_text

    cfg = Config(knowledge="off", select=("residue", "typography"))
    prompt = "Rends cet article compatible SEO , avec des sous-titres, at least 1000 words.\nLe pont rouvre , lundi."
    found = [(f.rule, f.text) for f in check_text(prompt, "fr", cfg)]
    assert ("typography.spacing", " ,") in found  # the one in the story
    assert [r for r, _ in found].count("typography.spacing") == 1  # not the one in the prompt
    mixed = "L’OTAN et l’Ukraine. L’armée d’Europe, qu’elle soit prête. La Russie l'a annexée."
    assert [(f.rule, f.severity) for f in check_text(mixed, "fr", cfg)] == [("typography.consistency", "info")]
