"""Every registered rule against its own examples, in the manner of LanguageTool's PatternRuleTest.

A flagged example must give a finding of that rule at exactly each `<m>...</m>` span, and its fix or
its single suggestion, applied, must clear it; an accepted example must give none. Every rule must
carry both kinds in each language whose data lets it run (in French and English at least when it
needs no language data).
"""

from dataclasses import replace

import pytest

from lint.article import Article, parse_date
from lint.config import Config
from lint.engine import check_article, default_registry
from lint.language import languages_for, load_profile

REGISTRY = default_registry()
BASE_LANGUAGES = ("fr", "en")


def _cases():
    for r in REGISTRY:
        counters: dict[tuple[str, bool], int] = {}
        for ex in r.examples:
            n = counters.get((ex.lang, ex.flagged), 0)
            counters[(ex.lang, ex.flagged)] = n + 1
            kind = "flag" if ex.flagged else "accept"
            yield pytest.param(r, ex, id=f"{r.id}[{ex.lang}-{kind}-{n}]")


def _findings(r, ex):
    article = Article(text=ex.text, source="example", lang=ex.lang, published=parse_date(ex.date))
    result = check_article(article, Config(knowledge="embedded"), rules=[r])
    failures = [n.message for n in result.notices if n.level == "error"]
    assert not failures, failures
    return [f for f in result.findings if f.rule == r.id]


def test_the_registry_loaded_every_plugin():
    assert not REGISTRY.problems, REGISTRY.problems
    assert len(REGISTRY) > 0


@pytest.mark.parametrize(("r", "ex"), list(_cases()))
def test_example(r, ex):
    findings = _findings(r, ex)
    shown = [(f.offset, f.offset + f.length, f.text, f.message) for f in findings]
    if not ex.flagged:
        assert not findings, f"accepted example flagged: {ex.text!r}: {shown}"
        return
    spans = ex.spans
    assert spans, f"a flagged example must mark its span with <m>...</m>: {ex.marked!r}"
    for start, end in spans:
        exact = [f for f in findings if (f.offset, f.offset + f.length) == (start, end)]
        assert exact, f"no finding is exactly {ex.text[start:end]!r} in {ex.text!r}; found {shown}"
        for f in exact:
            _assert_the_correction_clears_it(r, ex, f)


def _assert_the_correction_clears_it(r, ex, f):
    """As LanguageTool checks its rules: the fix, or the one suggestion, applied to the example
    leaves no finding of the rule where the correction stands."""
    if f.fix is not None:
        start, end, replacement = f.fix.start, f.fix.end, f.fix.replacement
    elif len(f.suggestions) == 1:
        start, end, replacement = f.offset, f.offset + f.length, f.suggestions[0]
    else:
        return  # several suggestions or none: the editor chooses, there is nothing mechanical to check
    corrected = ex.text[:start] + replacement + ex.text[end:]
    again = _findings(r, replace(ex, marked=corrected))
    lo, hi = start, start + max(len(replacement), 1)
    left = [(g.offset, g.text, g.message) for g in again if g.offset < hi and lo < g.offset + max(g.length, 1)]
    assert not left, f"correcting {f.text!r} to {replacement!r} in {ex.text!r} leaves {left}"


@pytest.mark.parametrize("r", list(REGISTRY), ids=lambda r: r.id)
def test_every_rule_has_examples_of_both_kinds_in_each_language(r):
    languages = languages_for(r) if r.requires or r.languages is not None else BASE_LANGUAGES
    for lang in languages:
        kinds = {ex.flagged for ex in r.examples if ex.lang == lang}
        assert True in kinds, f"{r.id} has no flagged example in {lang}"
        assert False in kinds, f"{r.id} has no accepted example in {lang}"
    for ex in r.examples:
        assert r.applies_to(load_profile(ex.lang)), f"{r.id} has an example in {ex.lang}, a language it does not check"
