"""Fixes: applying them to a text (pure), the rules that propose them, and `check --fix / --diff`."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lint import run
from lint.article import Article
from lint.config import Config
from lint.document import Document
from lint.engine import check_article
from lint.fixes import NAME_CONFIDENCE, Conflict, apply, chosen, unified_diff
from lint.rule import Finding, Fix
from rules import duplicates, quotes

NBSP = "\u00a0"


def finding(fix: Fix | None) -> Finding:
    return Finding("x.y", "typography", "warning", "a.txt", 0, 0, 1, 1, 1, 1, "", "m", fix=fix)


# -- apply ----------------------------------------------------------------------------------------
def test_apply_replacements_insertions_and_deletions_in_one_pass():
    text = "Il a dit « oui« et  puis non."
    fixes = [Fix(14, 15, "»"), Fix(18, 19, ""), Fix(0, 0, ">> ")]
    assert apply(text, fixes) == ">> Il a dit « oui» et puis non."
    assert apply(text, []) == text


def test_identical_fixes_from_two_rules_apply_once():
    assert apply("ab", [Fix(0, 1, "A"), Fix(0, 1, "A")]) == "Ab"


@pytest.mark.parametrize(
    "fixes",
    [
        [Fix(0, 5, "x"), Fix(3, 7, "y")],  # overlapping ranges
        [Fix(2, 4, "x"), Fix(2, 4, "y")],  # one range, two answers
        [Fix(3, 3, "x"), Fix(3, 3, "y")],  # two insertions at one place
        [Fix(0, 5, "x"), Fix(3, 3, "y")],  # an insertion inside a replacement
        [Fix(5, 99, "x")],  # outside the text
    ],
)
def test_conflicts_change_nothing(fixes):
    result = apply("0123456789", fixes)
    assert isinstance(result, Conflict)
    assert "overlap" in str(result) or "outside" in str(result)


def test_touching_fixes_do_not_conflict():
    assert apply("0123456789", [Fix(2, 4, "x"), Fix(4, 6, "y"), Fix(6, 6, "+")]) == "01xy+6789"
    assert apply("0123", [Fix(1, 1, "+"), Fix(1, 2, "x")]) == "0+x23"


@st.composite
def text_and_disjoint_fixes(draw):
    """A text and fixes that never overlap (insertions may touch), in shuffled order: the cases
    `apply` must carry out, built so that every generated case reaches the assertion."""
    text = draw(st.text(max_size=30))
    cuts = sorted(draw(st.lists(st.integers(0, len(text)), max_size=10)))
    spans = list(zip(cuts[::2], cuts[1::2]))
    spans = [(a, b) for a, b in spans if a < b] + [(a, a) for a, b in spans if a == b][:1]
    fixes = [Fix(a, b, draw(st.text(max_size=3))) for a, b in spans]
    return text, draw(st.permutations(fixes))


@given(text_and_disjoint_fixes())
def test_apply_matches_applying_right_to_left(case):
    text, fixes = case
    result = apply(text, fixes)
    assert not isinstance(result, Conflict), result
    expected = text
    for f in sorted(fixes, key=lambda f: (f.start, f.end), reverse=True):
        expected = expected[: f.start] + f.replacement + expected[f.end :]
    assert result == expected


@given(st.text(min_size=2, max_size=30), st.data())
def test_overlapping_fixes_are_a_conflict_and_change_nothing(text, data):
    start = data.draw(st.integers(0, len(text) - 2))
    end = data.draw(st.integers(start + 2, len(text)))
    inner = data.draw(st.integers(start + 1, end - 1))
    fixes = [Fix(start, end, "x"), Fix(inner, data.draw(st.integers(inner + 1, end)), "y")]
    assert isinstance(apply(text, data.draw(st.permutations(fixes))), Conflict)


def test_chosen_keeps_safe_fixes_and_names_only_when_asked_and_sure():
    safe, name, unsure = Fix(0, 1, "a"), Fix(2, 3, "Biden", "name", 0.95), Fix(4, 5, "X", "name", 0.6)
    odd = Fix(6, 7, "?", "rewrite")
    findings = [finding(f) for f in (name, safe, unsure, odd, None, safe)]
    assert chosen(findings) == [safe]
    assert chosen(findings, names=True) == [safe, name]
    assert NAME_CONFIDENCE == 0.9
    assert chosen([finding(Fix(0, 1, "x", "name", 0.9))], names=True) == [Fix(0, 1, "x", "name", 0.9)]


def test_unified_diff():
    assert unified_diff("a\n", "a\n", "x.txt") == ""
    d = unified_diff("un\ndeux\n", "un\n2\n", "dir/x.txt")
    assert d.startswith("--- a/dir/x.txt\n+++ b/dir/x.txt\n@@")
    assert "-deux\n+2\n" in d
    assert "\\ No newline at end of file" in unified_diff("a", "b", "x")


# -- the rules' fixes -------------------------------------------------------------------------------
def fixes_of(text: str, rule_list, lang: str = "fr") -> list[Fix]:
    art = Article(text=text, source="t.txt", lang=lang)
    return [f.fix for f in check_article(art, Config(knowledge="off"), rules=rule_list).findings if f.fix]


def test_quotes_mismatch_fix_replaces_the_wrong_mark():
    text = f"«{NBSP}Nous appelons au dialogue,«{NBSP}, a déclaré Stoltenberg."
    (fix,) = fixes_of(text, quotes.RULES)
    assert fix.kind == "safe" and text[fix.start : fix.end] == "«" and fix.replacement == "»"
    assert apply(text, [fix]) == f"«{NBSP}Nous appelons au dialogue,»{NBSP}, a déclaré Stoltenberg."
    glued = f"Des sanctions contre «{NBSP}choix du peuple russe«{NBSP}."
    fixed = apply(glued, fixes_of(glued, quotes.RULES))
    assert fixed == f"Des sanctions contre «{NBSP}choix du peuple russe{NBSP}»{NBSP}."


def test_quotes_without_a_certain_answer_have_no_fix():
    unclosed = "Il a ajouté : « Karine est une conseillère.\n\nLa publication note qu’elle reste."
    nested = "« Nous avions dit non. « Nous ne disons pas oui », a déclaré Erdogan."
    assert fixes_of(unclosed, quotes.RULES) == [] and fixes_of(nested, quotes.RULES) == []


def test_doubled_caption_fix_deletes_the_repeat():
    text = "Titre\n\nBiden a répondu à Poutine.  Photo : EPA\nBiden a répondu à Poutine. Photo : EPA\n\nSuite."
    (fix,) = fixes_of(text, duplicates.RULES)
    assert apply(text, [fix]) == "Titre\n\nBiden a répondu à Poutine.  Photo : EPA\n\nSuite."


def test_doubled_paragraph_in_html_keeps_one_element():
    from lint import markup

    text = "<p>Le Kremlin a reçu la réponse de Washington.</p>\n<p>Le Kremlin a reçu la réponse de Washington.</p>"
    art = Article(text=text, source="t.html", lang="fr", format="html", masks=markup.read_html(text).masks)
    (f,) = check_article(art, Config(knowledge="off"), rules=duplicates.RULES).findings
    assert apply(text, [f.fix]) == "<p>Le Kremlin a reçu la réponse de Washington.</p>"


def test_near_or_distant_repeats_have_no_fix():
    near = ("The Ukrainian president addressed the nation several times via video message on Thursday.\n\n"
            "The Ukrainian president addressed the nation several times by video message on Thursday.")
    distant = ("Blinken said he will go to Ukraine next week\n\nAccording to TASS, he told CBS so.\n\n"
               "Blinken said he will go to Ukraine next week")
    attrs = '<p>Le Kremlin a reçu la réponse.</p><img src="x.jpg"><p>Le Kremlin a reçu la réponse.</p>'
    assert fixes_of(near, duplicates.RULES, "en") == []
    assert fixes_of(distant, duplicates.RULES, "en") == []
    art = Article(text=attrs, source="t.html", lang="fr", format="html")
    from lint import markup

    art.masks = markup.read_html(attrs).masks
    assert [f.fix for f in check_article(art, Config(knowledge="off"), rules=duplicates.RULES).findings] == [None]


def test_fix_survives_the_engine_into_findings():
    text = "« Nous ne nous précipiterons pas,« a-t-il ajouté."
    art = Article(text=text, source="t.txt", lang="fr")
    found = [f for f in check_article(art, Config(knowledge="off")).findings if f.fix]
    assert found and all(isinstance(f.fix, Fix) for f in found)
    assert Document(text).source[found[0].fix.start] == "«"


# -- the command ----------------------------------------------------------------------------------
SEED_LIKE = (
    "Porte-parole du Kremlin Dmitri Peskov il a déclaré : « Nous ne nous précipiterons pas,« a-t-il ajouté.\n"
    "\n"
    "Biden a répondu à Poutine.  Photo : EPA\n"
    "Biden a répondu à Poutine. Photo : EPA\n"
)
FIXED = (
    "Porte-parole du Kremlin Dmitri Peskov il a déclaré : « Nous ne nous précipiterons pas,» a-t-il ajouté.\n"
    "\n"
    "Biden a répondu à Poutine.  Photo : EPA\n"
)


def newslint(*args: str, cwd: Path, stdin: str | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "XDG_CACHE_HOME": str(cwd / ".cache")}
    return subprocess.run(
        [sys.executable, "-m", "lint.cli", "check", "--lang", "fr", "--knowledge", "off", *args],
        cwd=cwd, capture_output=True, text=True, input=stdin, env=env,
    )


def test_diff_prints_and_writes_nothing(tmp_path):
    (tmp_path / "a.txt").write_text(SEED_LIKE, encoding="utf-8")
    proc = newslint("a.txt", "--diff", cwd=tmp_path)
    assert proc.returncode == 1, proc.stderr
    assert proc.stdout.startswith("--- a/a.txt\n+++ b/a.txt\n")
    assert "-Biden a répondu à Poutine. Photo : EPA\n" in proc.stdout
    assert (tmp_path / "a.txt").read_text(encoding="utf-8") == SEED_LIKE
    clean = tmp_path / "b.txt"
    clean.write_text("Le Kremlin a reçu la réponse.\n", encoding="utf-8")
    assert newslint("b.txt", "--diff", cwd=tmp_path).returncode == 0


def test_fix_writes_in_place_keeps_bom_crlf_and_mode_and_reports_what_is_left(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes(b"\xef\xbb\xbf" + SEED_LIKE.replace("\n", "\r\n").encode("utf-8"))
    path.chmod(0o640)
    proc = newslint("a.txt", "--fix", "--format", "json", cwd=tmp_path)
    assert path.read_bytes() == b"\xef\xbb\xbf" + FIXED.replace("\n", "\r\n").encode("utf-8")
    assert oct(path.stat().st_mode & 0o777) == "0o640"
    assert "fixed 2 issues" in proc.stderr
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".newslint-")]
    # the report is about the file as it is now: the doubled subject is still there, the fixed ones gone
    assert '"quotes.mismatch"' not in proc.stdout and '"duplicates.paragraph"' not in proc.stdout
    assert '"subjects.doubled"' in proc.stdout and proc.returncode == 1
    again = newslint("a.txt", "--diff", cwd=tmp_path)
    assert again.stdout == "" and again.returncode == 0


def test_overlapping_fixes_leave_the_file_unchanged(tmp_path, monkeypatch):

    path = tmp_path / "a.txt"
    path.write_text("abcdef\n", encoding="utf-8")
    art = Article(text="abcdef\n", source=str(path), path=str(path))
    fs = [Finding("x.y", "typography", "warning", str(path), 0, 3, 1, 1, 1, 4, "abc", "m", fix=Fix(0, 3, "X")),
          Finding("x.z", "typography", "warning", str(path), 2, 3, 1, 3, 1, 6, "cde", "m", fix=Fix(2, 5, "Y"))]
    from lint.engine import Result

    diff, notices, written = run.fix_files([(art, Config())], [Result(str(path), "fr", fs, text=art.text)],
                                            names=False, write=True)
    assert diff == "" and written == set()
    assert path.read_text(encoding="utf-8") == "abcdef\n"
    assert [n.level for n in notices] == ["warning"] and "overlap" in notices[0].message


def test_a_file_changed_since_it_was_read_is_not_fixed(tmp_path):
    from lint.engine import Result

    path = tmp_path / "a.txt"
    path.write_text("abc\n", encoding="utf-8")
    art = Article(text="abX\n", source=str(path), path=str(path))
    f = Finding("x.y", "typography", "warning", str(path), 0, 1, 1, 1, 1, 2, "a", "m", fix=Fix(0, 1, "A"))
    _, notices, written = run.fix_files([(art, Config())], [Result(str(path), "fr", [f], text=art.text)],
                                         names=False, write=True)
    assert written == set() and "not the text that was checked" in notices[0].message
    assert path.read_text(encoding="utf-8") == "abc\n"


def test_fixes_never_apply_to_stdin_or_items(tmp_path):
    proc = newslint("-", "--fix", cwd=tmp_path, stdin=SEED_LIKE)
    assert "fixes not applied: fixes apply to files, not to standard input" in proc.stderr
    items = tmp_path / "f.jsonl"
    items.write_text('{"id": "1", "text": "« Nous ne nous précipiterons pas,« a-t-il ajouté."}\n', encoding="utf-8")
    before = items.read_bytes()
    proc = newslint("f.jsonl", "--fix", cwd=tmp_path)
    assert "not to items of a feed or JSON Lines file" in proc.stderr
    assert items.read_bytes() == before


def test_fix_names_needs_fix_or_diff(tmp_path):
    (tmp_path / "a.txt").write_text("Texte.\n", encoding="utf-8")
    proc = newslint("a.txt", "--fix-names", cwd=tmp_path)
    assert proc.returncode == 2 and "--fix-names goes with --fix or --diff" in proc.stderr


def test_names_are_fixed_only_with_fix_names(tmp_path, monkeypatch):
    from lint.engine import Result

    text = "Selon le président Joe Bidn, tout va bien.\n"
    path = tmp_path / "a.txt"
    path.write_text(text, encoding="utf-8")
    art = Article(text=text, source=str(path), path=str(path))
    at = text.index("Bidn")
    f = Finding("names.misspelling", "name-misspelling", "warning", str(path), at, 4, 1, at + 1, 1, at + 5,
                "Bidn", "m", fix=Fix(at, at + 4, "Biden", "name", 0.97))
    result = Result(str(path), "fr", [f], text=text)
    diff, _, _ = run.fix_files([(art, Config())], [result], names=False, write=False)
    assert diff == ""
    diff, _, written = run.fix_files([(art, Config())], [result], names=True, write=True)
    assert "+Selon le président Joe Biden, tout va bien." in diff and written == {str(path)}
    assert path.read_text(encoding="utf-8") == text.replace("Bidn", "Biden")


# -- names, with the knowledge base -----------------------------------------------------------------
NAMES = (
    "Le porte-parole du Pentagone, Jean Kirby, a parlé mardi. Joe Biden a répondu à Poutine. Le Kremlin a "
    "répondu aux déclarations de Bidn. « Le président chinois Ce Jinping ne sera pas ravi », a-t-il dit.\n"
    "\n"
    "Le chef de cabinet de la Maison Blanche, Jeff Zints, a parlé. Selon Mertz, rien n’est exclu.\n"
)


def names_check(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return newslint("a.txt", "--knowledge", "embedded", "--date", "2022-01-26", *args, cwd=cwd)


def test_diff_fix_names_changes_the_names_the_rules_are_sure_of_and_nothing_else(tmp_path):
    (tmp_path / "a.txt").write_text(NAMES, encoding="utf-8")
    reported = names_check("--format", "json", cwd=tmp_path).stdout
    for name in ("Jean Kirby", "Bidn", "Ce Jinping", "Jeff Zints"):  # all four are reported...
        assert f'"text": "{name}"' in reported, name
    proc = names_check("--diff", "--fix-names", cwd=tmp_path)
    assert proc.returncode == 1, proc.stderr
    # ...but only two are sure: a title naming John Kirby's office that day; Biden written elsewhere.
    # Xi Jinping only by the title; Jeff Zients was not chief of staff in January 2022.
    expected = NAMES.replace("Jean Kirby", "John Kirby").replace("de Bidn.", "de Biden.")
    assert proc.stdout == unified_diff(NAMES, expected, "a.txt")
    assert (tmp_path / "a.txt").read_text(encoding="utf-8") == NAMES
    proc = names_check("--fix", "--fix-names", cwd=tmp_path)
    assert (tmp_path / "a.txt").read_text(encoding="utf-8") == expected
    assert "fixed 2 issues" in proc.stderr  # (the misspelling and the inconsistency of "Bidn": one fix)
    assert "Ce Jinping" in proc.stdout and "Jeff Zints" in proc.stdout and "Bidn" not in proc.stdout


def test_without_fix_names_names_are_never_changed(tmp_path):
    (tmp_path / "a.txt").write_text(NAMES, encoding="utf-8")
    proc = names_check("--diff", cwd=tmp_path)
    assert proc.stdout == "" and proc.returncode == 0, proc.stderr
    names_check("--fix", cwd=tmp_path)
    assert (tmp_path / "a.txt").read_text(encoding="utf-8") == NAMES


def test_a_name_fix_inside_a_removed_repeat_gives_way_to_the_safe_fix():
    from lint.fixes import apply, chosen
    from lint.rule import Finding, Fix

    def finding(fix):
        return Finding("x.y", "typography", "warning", "s", fix.start, fix.end - fix.start, 1, 1, 1, 1, "", "", fix=fix)

    text = "Bidn a parlé.\nBidn a parlé.\n"
    safe = Fix(13, 27, "", "safe")
    name_in_repeat = Fix(14, 18, "Biden", "name", 0.95)
    name_kept = Fix(0, 4, "Biden", "name", 0.95)
    fixes = chosen([finding(safe), finding(name_in_repeat), finding(name_kept)], names=True)
    assert fixes == [name_kept, safe]
    assert apply(text, fixes) == "Biden a parlé.\n"
