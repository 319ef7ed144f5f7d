"""Categories are open: a plugin declares its own, and every report shows it."""

import io
import json
from pathlib import Path

import pytest

from lint.article import Article
from lint.config import Config
from lint.engine import check_article
from lint.report import Run, render
from lint.rule import BUILTIN_CATEGORIES, Issue, Rule, rule

SCHEMA = Path(__file__).resolve().parents[2] / "shared" / "schemas" / "sarif-schema-2.1.0.json"


@rule("house.embargo", category="embargo-breach", description="A story marked EMBARGOED.",
      category_description="Text published before its embargo lifts.")
def embargo(doc, ctx):
    at = doc.text.find("EMBARGOED")
    if at >= 0:
        yield Issue(at, at + len("EMBARGOED"), "This story is still under embargo")


def _run() -> Run:
    article = Article(text="EMBARGOED until 6 am. Le Kremlin a répondu.\n", source="a.txt", lang="fr")
    result = check_article(article, Config(knowledge="off"), rules=[embargo])
    return Run(results=[result], rules=[embargo])


def _render(fmt: str) -> str:
    out = io.StringIO()
    render(fmt, _run(), out)
    return out.getvalue()


def test_a_plugin_category_needs_a_description_and_a_sane_name():
    with pytest.raises(ValueError, match="category_description"):
        Rule(id="house.x", category="embargo-breach", check=lambda d, c: (), description="x")
    with pytest.raises(ValueError, match="lowercase words"):
        Rule(id="house.x", category="Embargo Breach", check=lambda d, c: (), description="x",
             category_description="y")
    builtin = Rule(id="house.y", category="typography", check=lambda d, c: (), description="x")
    assert builtin.category_summary == BUILTIN_CATEGORIES["typography"]
    assert embargo.category_summary == "Text published before its embargo lifts."


def test_the_plugin_category_is_in_json_text_and_html():
    finding = json.loads(_render("json"))["documents"][0]["findings"][0]
    assert (finding["rule"], finding["category"], finding["text"]) == ("house.embargo", "embargo-breach", "EMBARGOED")
    assert "house.embargo" in _render("text")
    assert "embargo-breach" in _render("html")


def test_sarif_lists_the_category_in_its_taxonomy_and_validates():
    run = json.loads(_render("sarif"))["runs"][0]
    taxonomy = run["taxonomies"][0]
    assert taxonomy["taxa"] == [{"id": "embargo-breach", "name": "embargo-breach",
                                 "shortDescription": {"text": "Text published before its embargo lifts."}}]
    relation = run["tool"]["driver"]["rules"][0]["relationships"][0]
    assert relation["target"] == {"id": "embargo-breach", "toolComponent": {"name": taxonomy["name"]}}
    if not SCHEMA.exists():
        pytest.skip(f"SARIF schema not found at {SCHEMA}")
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    validator = jsonschema.validators.validator_for(schema, default=jsonschema.Draft7Validator)
    errors = list(validator(schema).iter_errors(json.loads(_render("sarif"))))
    assert not errors, [e.message for e in errors]
