"""The benchmark's corpus generator and defect injector (bench/corpus.py, bench/inject.py): the same
articles for the same seed, and every injected defect where the manifest says it is."""

import json
import random
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))

import corpus
import inject


def test_an_article_depends_only_on_the_seed_and_its_number():
    a, b = corpus.compose(7, seed=14), corpus.compose(7, seed=14)
    assert (a.text, a.defects) == (b.text, b.defects)
    assert corpus.compose(7, seed=15).text != a.text
    assert corpus.compose(8, seed=14).lang != a.lang  # languages in turn


@pytest.fixture(scope="module")
def written(tmp_path_factory):
    out = tmp_path_factory.mktemp("bench")
    articles = corpus.write(out, 24, seed=3)
    return out, articles


def test_each_defect_is_where_the_manifest_says(written):
    out, articles = written
    rows = [json.loads(line) for line in (out / "manifest.jsonl").read_text(encoding="utf-8").splitlines()]
    assert rows and len(rows) == sum(len(a.defects) for a in articles)
    for row in rows:
        text = (out / "articles" / row["file"]).read_text(encoding="utf-8")
        assert text[row["start"] : row["end"]] == row["text"], row
        assert row["category"] in inject.CATEGORIES
        if row["category"] in ("name-misspelling", "given-name-translated"):
            assert row["word"] in row["text"] and row["text"] != row["original"]


def test_clean_and_defective_articles_are_written_with_their_language(written):
    out, articles = written
    index = (out / "articles" / "INDEX.tsv").read_text(encoding="utf-8").splitlines()
    assert index[0] == "file\tlang\tdate" and len(index) == 1 + len(articles)
    assert {a.lang for a in articles} == set(corpus.LANGS)
    assert any(not a.defects for a in articles) and any(a.defects for a in articles)
    assert all(len(a.text.split()) >= corpus.WORDS_PER_ARTICLE for a in articles)


def test_a_misspelling_keeps_the_first_letter_and_names_nobody_else():
    rng = random.Random(1)
    for _ in range(50):
        new, kind = inject.misspell("Stoltenberg", rng)
        assert new != "Stoltenberg" and new[0] == "S" and kind in ("dropped", "swapped", "doubled", "vowel")
        assert inject.fold(new) not in inject._surnames()


def test_spans_hold_when_a_caption_is_inserted_before_other_defects():
    moved = 0
    for i in range(200):
        a = corpus.compose(i, seed=14)
        for d in a.defects:
            assert a.text[d["start"] : d["end"]] == d["text"], (i, d)
        captions = [d["start"] for d in a.defects if d["category"] == "duplicate-paragraph"]
        moved += any(d["start"] > c for c in captions for d in a.defects)
    assert moved  # the case is exercised
