"""A language is a data package: a plugin that ships `<lang>/*.toml` under the `newslint.languages`
entry-point group gets every rule whose required data it provides, and no other."""

import dataclasses
import importlib
from importlib.metadata import entry_points

import pytest

from lint import Config, language
from lint.article import Article
from lint.engine import check_article, default_registry

# A made-up language "xx" with the data of three rules only: spacing, doubled subjects and
# sentence starts. Its words are English-like so that the examples read.
DATA = {
    "typography.toml": '[typography]\nno_space_before = [",", "."]\n',
    "subjects.toml": '[subjects]\npronouns = ["he", "she"]\nopeners = ["that"]\n',
    "sentence_start.toml": '[sentence_start]\nabbreviations = ["approx."]\n',
}


@pytest.fixture
def xx(tmp_path, monkeypatch):
    package = tmp_path / "newslint_xx"
    (package / "xx").mkdir(parents=True)
    (package / "__init__.py").write_text("")
    for name, text in DATA.items():
        (package / "xx" / name).write_text(text, encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))

    class _EntryPoint:
        name = "xx"

        def load(self):
            return importlib.import_module("newslint_xx")

    real = list(entry_points(group=language.GROUP))
    monkeypatch.setattr(language, "entry_points", lambda group: [*real, _EntryPoint()])
    for cached in (language.available_languages, language.load_profile):
        cached.cache_clear()
    yield language.load_profile("xx")
    for cached in (language.available_languages, language.load_profile):
        cached.cache_clear()


def test_the_package_adds_a_language(xx):
    assert "xx" in language.available_languages()
    assert xx.get("subjects.pronouns") == ["he", "she"]
    assert xx.has("typography.no_space_before") and not xx.has("gender.pronouns")


def test_every_rule_with_its_data_runs_on_the_new_language_and_no_other(xx):
    ran: list[str] = []

    def spy(r):
        def check(doc, ctx):
            ran.append(r.id)
            return r.check(doc, ctx)
        return dataclasses.replace(r, check=check)

    rules = [spy(r) for r in default_registry()]
    provided = {path for r in rules for path in r.requires if xx.has(path)}
    expected = sorted(r.id for r in rules if set(r.requires) <= provided and not r.languages)
    article = Article(source="x.txt", text="The minister said it , twice.\n")
    check_article(article, Config(knowledge="off", language="xx"), rules=rules)

    assert sorted(ran) == expected
    # The three rules the package has data for are among them; a rule it has no data for is not.
    assert {"typography.spacing", "subjects.doubled", "sentences.lowercase-start"} <= set(ran)
    assert "gender.pronoun" not in ran


def test_the_rules_use_the_new_languages_data(xx):
    text = "The minister said it , twice.\nJohn Kirby he said that more troops could be sent.\n"
    findings = check_article(Article(source="x.txt", text=text), Config(knowledge="off", language="xx"))
    assert {"typography.spacing", "subjects.doubled"} <= {f.rule for f in findings.findings}
