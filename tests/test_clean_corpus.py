"""False alarms on professionally edited news stay under the bound the issues set: at most 0.5 per
1000 words for every rule together, measured on tests/data/clean (fr, en, de, es, it, pt; text, Markdown,
HTML), with each article's language and date from the folder's INDEX.tsv."""

import re
from pathlib import Path

import pytest

from lint import Config, check_article, manifest
from lint.sources import Article, read_inputs

CLEAN = Path(__file__).parent / "data" / "clean"
BOUND_PER_1000_WORDS = 0.5


def _articles() -> list[Article]:
    listed = [line.split("\t")[0] for line in (CLEAN / "INDEX.tsv").read_text(encoding="utf-8").splitlines()[1:]]
    files = [CLEAN / name for name in listed if name]
    return [manifest.apply(a) for a in read_inputs([str(p) for p in files]) if isinstance(a, Article)]


@pytest.fixture(scope="module")
def results():
    articles = _articles()
    assert len(articles) >= 18
    return [(a, check_article(a, Config(knowledge="embedded"))) for a in articles]


def test_every_clean_article_has_its_language_and_date(results):
    for article, result in results:
        assert article.published is not None, article.source
        assert result.language == article.lang.split("-")[0].lower(), article.source


def test_false_alarms_per_1000_words_stay_under_the_bound(results):
    words = sum(len(re.findall(r"\w+", a.text)) for a, _ in results)
    alarms = [f for _, r in results for f in r.findings if f.severity != "info"]
    rate = 1000 * len(alarms) / words
    detail = "\n".join(f"{f.source}:{f.line}:{f.column} {f.rule} {f.message}" for f in alarms)
    assert rate <= BOUND_PER_1000_WORDS, f"{rate:.2f} false alarms per 1000 words:\n{detail}"


def test_no_rule_fails_on_clean_text(results):
    errors = [n for _, r in results for n in r.notices if n.level == "error"]
    assert not errors, errors
