"""Lines that recur across one site's articles in a run: evidence no single article carries.

A theme prints the same labels, footers and prompts around every post, whatever their words or
language, and no list can name them all. When several articles of one site are checked together (a
feed, a folder with a manifest), a short line that stands in many of them is the site's furniture.
The site is the host of the article's URL; articles with no URL are grouped by the folder they come
from, where a folder of many sites makes every line rare. The engine only attaches the evidence to
each article (`Article.recurring`); a rule decides what it means.
"""

from __future__ import annotations

import os
from collections import Counter, defaultdict
from collections.abc import Iterable
from urllib.parse import urlsplit

from .article import Article
from .text import fold_label, without_count

# A line of furniture is short and ends no sentence; a sentence of the story repeated across a site's
# articles (a paragraph of background on the conflict) is the site's style, not its page.
MAX_WORDS = 15
_SENTENCE_END = (".", "!", "?", "…", '"', "»", "”")
# Recurring means: in at least two articles and in this share of the site's articles in the run.
MIN_ARTICLES = 2
MIN_SHARE = 0.3


def site_of(article: Article) -> str | None:
    """The host of the article's URL (without "www."), else its folder; None for stdin and text."""
    if article.url:
        host = (urlsplit(article.url).hostname or "").lower()
        return host.removeprefix("www.") or None
    if article.path:
        return "folder:" + os.path.dirname(os.path.abspath(article.path))
    return None


def line_key(line: str) -> str:
    """How two lines are compared: case, spacing and a count after them aside ("Commentaires (3)")."""
    return without_count(fold_label(line))


def _keys(text: str) -> set[str]:
    keys = set()
    for raw in text.splitlines():
        line = raw.strip()
        short = len(line.split()) <= MAX_WORDS and not line.endswith(_SENTENCE_END)
        if line and short and any(c.isalpha() for c in line):
            keys.add(line_key(line))
    return keys


def attach(articles: Iterable[Article]) -> None:
    """Give each article the lines that recur across its site's articles, with how many have each."""
    by_site: dict[str, list[tuple[Article, set[str]]]] = defaultdict(list)
    for a in articles:
        site = site_of(a)
        if site is not None:
            by_site[site].append((a, _keys(a.text)))
    for items in by_site.values():
        if len(items) < MIN_ARTICLES:
            continue
        counts = Counter(k for _, keys in items for k in keys)
        floor = max(MIN_ARTICLES, MIN_SHARE * len(items))
        recurring = {k: n for k, n in counts.items() if n >= floor}
        for a, keys in items:
            a.recurring = {k: n for k, n in recurring.items() if k in keys}
            a.site_articles = len(items)
