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
        short = not line.endswith(_SENTENCE_END) and len(line.split()) <= MAX_WORDS  # cheaper test first
        if line and short and any(c.isalpha() for c in line):
            keys.add(line_key(line))
    return keys


class Recurrence:
    """The counts of one run, in two passes, so that the run need not hold its articles' texts: `count`
    each article as it is first read, then `attach` to each as it is read again to be checked. Between
    the passes only each site's line counts are kept."""

    def __init__(self) -> None:
        self._articles: Counter[str] = Counter()  # by site: how many articles were counted
        self._lines: dict[str, Counter[str]] = defaultdict(Counter)  # by site: line key -> articles with it
        self._recurring: dict[str, dict[str, int]] | None = None  # by site, once every article is counted

    def count(self, article: Article) -> None:
        """First pass: count the article's short lines under its site."""
        if self._recurring is not None:
            raise RuntimeError("an article counted after the counts were used")
        site = site_of(article)
        if site is not None:
            self._articles[site] += 1
            self._lines[site].update(_keys(article.text))

    def attach(self, article: Article) -> None:
        """Second pass: give the article its lines that recur across its site's counted articles."""
        if self._recurring is None:
            self._recurring = self._settle()
        site = site_of(article)
        recurring = self._recurring.get(site) if site is not None else None
        if recurring is None:  # no site, or too few of its articles to say
            return
        if recurring:  # else no line of the article can recur
            keys = _keys(article.text)
            article.recurring = {k: n for k, n in recurring.items() if k in keys}
        article.site_articles = self._articles[site]

    def _settle(self) -> dict[str, dict[str, int]]:
        # Only the lines that recur are needed from now on: the run's other short lines are dropped.
        settled = {}
        for site, articles in self._articles.items():
            if articles < MIN_ARTICLES:
                continue
            floor = max(MIN_ARTICLES, MIN_SHARE * articles)
            settled[site] = {k: n for k, n in self._lines[site].items() if n >= floor}
        self._lines.clear()
        return settled


def attach(articles: Iterable[Article]) -> None:
    """Give each article the lines that recur across its site's articles, with how many have each."""
    articles = list(articles)
    recurrence = Recurrence()
    for a in articles:
        recurrence.count(a)
    for a in articles:
        recurrence.attach(a)
