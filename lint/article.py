"""An article as read from an input: its text and what the input says about it."""

from __future__ import annotations

import datetime as dt
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
    format: str = "text"  # "text", "markdown" or "html": decides masks and suppression comments
    masks: tuple[Mask, ...] = ()
    path: str | None = None  # the file it came from, to find its configuration
    notices: list[Notice] = field(default_factory=list)  # raised while reading it


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
