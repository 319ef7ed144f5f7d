import datetime as dt

from lint import manifest
from lint.article import Article


def test_manifest_fills_missing_metadata_only(tmp_path):
    (tmp_path / "INDEX.tsv").write_text(
        "file\tlang\turl\tdate\na.txt\tfr\thttps://example.org/a\t2022-01-26\nb.txt\tde\t(none)\t2021 (approx.)\n",
        encoding="utf-8",
    )
    a = manifest.apply(Article(text="x", source="a.txt", path=str(tmp_path / "a.txt")))
    assert (a.lang, a.published, a.url) == ("fr", dt.date(2022, 1, 26), "https://example.org/a")
    b = manifest.apply(Article(text="x", source="b.txt", path=str(tmp_path / "b.txt"), lang="es"))
    assert (b.lang, b.published, b.published_last, b.url) == ("es", dt.date(2021, 1, 1), dt.date(2021, 12, 31), None)
    c = manifest.apply(Article(text="x", source="c.txt", path=str(tmp_path / "c.txt")))
    assert (c.lang, c.published) == (None, None)


def test_no_manifest_no_change(tmp_path):
    a = manifest.apply(Article(text="x", source="a.txt", path=str(tmp_path / "a.txt")))
    assert a.lang is None and a.published is None


def test_coarse_dates_are_ranges():
    from lint.article import parse_date_range

    assert parse_date_range("2024-04 (approx.)") == (dt.date(2024, 4, 1), dt.date(2024, 4, 30))
    assert parse_date_range("2024-04-12/13") == (dt.date(2024, 4, 12), dt.date(2024, 4, 13))
    assert parse_date_range("2022-01-26") == (dt.date(2022, 1, 26), dt.date(2022, 1, 26))
    assert parse_date_range("(the seed document)") is None


def test_an_edited_manifest_is_read_again(tmp_path):
    index = tmp_path / "INDEX.tsv"
    index.write_text("file\tlang\na.txt\tfr\n", encoding="utf-8")
    first = manifest.apply(Article(text="x", source="a.txt", path=str(tmp_path / "a.txt")))
    assert first.lang == "fr"
    # Same folder, new content and size: a server reading it again must see the edit.
    index.write_text("file\tlang\na.txt\tde\nb.txt\tes\n", encoding="utf-8")
    again = manifest.apply(Article(text="x", source="a.txt", path=str(tmp_path / "a.txt")))
    assert again.lang == "de"
