"""docs/rules.md documents every registered rule and is regenerated, not hand-edited."""

from pathlib import Path

from lint.engine import default_registry
from lint.ruledocs import markdown

DOCS = Path(__file__).resolve().parent.parent / "docs" / "rules.md"


def test_rule_reference_is_current():
    expected = markdown(default_registry())
    assert DOCS.read_text(encoding="utf-8") == expected, "run: newslint rules --markdown > docs/rules.md"


def test_every_rule_has_a_section_with_examples():
    text = markdown(default_registry())
    for r in default_registry():
        assert f"## {r.id}\n" in text
        assert "Flags:" in text.split(f"## {r.id}\n", 1)[1].split("\n## ", 1)[0]
