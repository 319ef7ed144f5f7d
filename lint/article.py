"""An article as read from an input: its text and what the input says about it."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from .document import Mask


@dataclass
class Article:
    text: str
    source: str  # the path, "-" for stdin, or "PATH#ID" for an item of a JSONL file or a feed
    id: str | None = None
    title: str | None = None
    url: str | None = None
    lang: str | None = None  # given by the input's metadata; None means detect it
    published: dt.date | None = None
    published_last: dt.date | None = None  # when only a month or year is known: the last day it may be
    format: str = "text"  # "text", "markdown" or "html": decides masks and suppression comments
    masks: tuple[Mask, ...] = ()
    path: str | None = None  # the file it came from, to find its configuration
    notices: list[Notice] = field(default_factory=list)  # raised while reading it
    # Evidence of the run, not of the input: the article's short lines that recur across its site's
    # articles checked with it (see lint/recurrence.py), with how many have each, of `site_articles`.
    recurring: dict[str, int] = field(default_factory=dict)
    site_articles: int = 0


@dataclass(frozen=True)
class Notice:
    """A run-level message that is not a finding: an input skipped, a source unreachable."""

    source: str
    level: str  # "error", "warning" or "info"
    message: str

    def to_dict(self) -> dict:
        return {"source": self.source, "level": self.level, "message": self.message}


def parse_date(value: object) -> dt.date | None:
    """A date from metadata: ISO dates and datetimes, RFC 2822 feed dates; None if unreadable."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        pass
    try:
        from email.utils import parsedate_to_datetime

        return parsedate_to_datetime(text).date()
    except (TypeError, ValueError, IndexError):
        return None


_COARSE = re.compile(r"^\s*(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?(?:/(\d{1,2}))?\b")


def parse_date_range(value: object) -> tuple[dt.date, dt.date] | None:
    """The first and last day a metadata date may mean: "2024 (approx.)" is all of 2024,
    "2024-04" all of April, "2024-04-12/13" two days; a full date is one day."""
    exact = parse_date(value)
    m = _COARSE.match(str(value or ""))
    if m is None:
        return (exact, exact) if exact else None
    year, month, day, until = m.groups()
    try:
        if day:
            first = dt.date(int(year), int(month), int(day))
            return first, first.replace(day=int(until)) if until else first
        if month:
            first = dt.date(int(year), int(month), 1)
            following = dt.date(int(year) + (month == "12"), int(month) % 12 + 1, 1)
            return first, following - dt.timedelta(days=1)
        return dt.date(int(year), 1, 1), dt.date(int(year), 12, 31)
    except ValueError:
        return (exact, exact) if exact else None
