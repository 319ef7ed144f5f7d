"""What a rule may consult beside the document: the article, its language data, knowledge, config."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .article import Article, Notice
from .language import LanguageProfile

if TYPE_CHECKING:
    from .knowledge import Knowledge


@dataclass
class Context:
    article: Article
    profile: LanguageProfile
    date: dt.date  # the date the article's claims are checked on
    date_origin: str  # where `date` came from: "--date", "article metadata", "the text's dateline, line 3", "today"
    date_last: dt.date | None = None  # metadata gave only a month or a year: the article is dated date..date_last
    knowledge: Knowledge | None = None
    allow_names: frozenset[str] = frozenset()
    options: dict[str, Any] = field(default_factory=dict)
    notices: list[Notice] = field(default_factory=list)

    @property
    def lang(self) -> str:
        return self.profile.lang

    def notice(self, level: str, message: str) -> None:
        self.notices.append(Notice(self.article.source, level, message))

    def key(self, name: str) -> tuple[str, Any]:
        """A `Document.memo` key for an analysis that reads knowledge: one document is read with and
        without knowledge (names are looked up in advance from a reading without), and the two
        readings must not share a value."""
        return (name, self.knowledge)

    def allowed(self, *names: str) -> bool:
        """Is any of these names (a mention and its words) on the run's allow-list? Asked by the name
        rules for most mentions: with no list, the answer is at once False."""
        if not self.allow_names:
            return False
        return any(n.casefold() in self.allow_names for n in names if n)
