"""Metadata for plain files from a folder manifest, as newsrooms and corpora keep them.

A tab-separated `INDEX.tsv` (or `index.tsv`, `manifest.tsv`) beside the articles, with a header
row naming a `file` column and any of `lang`, `date`, `url`, `title`, gives each file the metadata
a plain-text file cannot carry. Metadata the article already has (HTML <meta>, JSONL fields) wins.
"""

from __future__ import annotations

import csv
import re
from functools import cache
from pathlib import Path

from .article import Article, parse_date_range

NAMES = ("INDEX.tsv", "index.tsv", "manifest.tsv")
_LANG = re.compile(r"^[a-z]{2,3}$")


def _find(folder: str) -> Path | None:
    for name in NAMES:
        path = Path(folder) / name
        if path.is_file():
            return path
    return None


def _read(folder: str) -> dict[str, dict[str, str]]:
    # A long-running server reads the same folder many times: the stat in the key makes an edited
    # INDEX.tsv be read again, while an unchanged one is parsed once.
    path = _find(folder)
    if path is None:
        return {}
    try:
        st = path.stat()
    except OSError:
        return {}
    return _parse(str(path), st.st_mtime_ns, st.st_size)


@cache
def _parse(path: str, mtime_ns: int, size: int) -> dict[str, dict[str, str]]:
    try:
        with open(path, encoding="utf-8", newline="") as f:
            rows = list(csv.DictReader(f, delimiter="\t"))
    except (OSError, UnicodeDecodeError, csv.Error):
        return {}
    return {row["file"].strip(): row for row in rows if row.get("file")}


def apply(article: Article) -> Article:
    """Fill the article's missing language, date, URL and title from its folder's manifest."""
    if not article.path or "#" in article.source:
        return article
    path = Path(article.path)
    row = _read(str(path.parent.resolve())).get(path.name)
    if not row:
        return article
    lang = (row.get("lang") or "").strip().lower()
    if article.lang is None and _LANG.match(lang):
        article.lang = lang
    if article.published is None:
        span = parse_date_range((row.get("date") or "").strip())
        if span:
            article.published, last = span
            article.published_last = last if last != article.published else None
    if article.url is None and (row.get("url") or "").startswith(("http://", "https://")):
        article.url = row["url"].strip()
    if article.title is None and row.get("title"):
        article.title = row["title"].strip()
    return article
