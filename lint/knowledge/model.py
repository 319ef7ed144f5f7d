"""What the knowledge sources know: people and the offices they held."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from ..text import fold_name


@dataclass(frozen=True)
class Office:
    role: str  # a role key of roles.toml, e.g. "foreign-minister"
    of: str  # jurisdiction: ISO country code or organisation code ("RU", "NATO")
    start: str | None = None  # "YYYY", "YYYY-MM" or "YYYY-MM-DD"
    end: str | None = None  # as start; None = current; "?" = ended, date unknown
    to: str | None = None  # ambassadors and envoys: where they are posted
    acting: bool = False

    def held_on(self, day: dt.date) -> bool | None:
        """True/False when the dates decide it, None when they cannot (coarse or unknown dates)."""
        began = _bounds(self.start)
        if began is None:
            return None
        if day < began[0]:
            return False
        if self.end is None:
            return True if day >= began[1] else None
        if self.end == "?":
            return None
        ended = _bounds(self.end)
        if ended is None:
            return None
        if day > ended[1]:
            return False
        if began[1] <= day < ended[0]:
            return True
        return None


def _bounds(value: str | None) -> tuple[dt.date, dt.date] | None:
    """The first and last day a coarse date may mean: "2020" -> (2020-01-01, 2020-12-31)."""
    if not value:
        return None
    parts = value.split("-")
    try:
        if len(parts) == 3:
            d = dt.date.fromisoformat(value)
            return d, d
        year = int(parts[0])
        if len(parts) == 2:
            month = int(parts[1])
            first = dt.date(year, month, 1)
            last = (dt.date(year + (month == 12), month % 12 + 1, 1)) - dt.timedelta(days=1)
            return first, last
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    except ValueError:
        return None


@dataclass(frozen=True)
class Person:
    id: str  # English Wikipedia title
    gender: str | None  # "m", "f" or None
    names: dict[str, str] = field(hash=False)  # lang -> canonical name in that language
    aliases: tuple[str, ...] = ()
    offices: tuple[Office, ...] = ()
    # Forms that name the person but are a translation defect in the languages served: a Ukrainian
    # official's name in its Russian form ("Vladimir Zelensky"). Found like aliases, reported as defects.
    exonyms: tuple[str, ...] = ()
    qid: str | None = None
    surname_override: str | None = None
    family_first: bool = False
    source: str = "embedded"  # which knowledge source answered
    urls: dict[str, str] = field(default_factory=dict, hash=False)  # lang -> page URL, when known

    def name(self, lang: str) -> str:
        return self.names.get(lang) or self.names.get("en") or self.id

    def surname(self, lang: str) -> str:
        if self.surname_override:
            return self.surname_override
        words = self.name(lang).split()
        return words[0] if self.family_first else words[-1]

    def given_name(self, lang: str) -> str | None:
        words = self.name(lang).split()
        if len(words) < 2:
            return None
        return words[-1] if self.family_first else words[0]

    def all_names(self) -> set[str]:
        return {*self.names.values(), *self.aliases, *self.exonyms, self.id}

    def is_exonym(self, written: str) -> bool:
        """Is this form of the name one of its defective ones?"""
        key = fold_name(written)
        return any(fold_name(e) == key for e in self.exonyms)

    def url(self, lang: str) -> str:
        if lang in self.urls:
            return self.urls[lang]
        title = self.names.get(lang) if lang in self.names else self.id
        site = lang if lang in self.names else "en"
        return f"https://{site}.wikipedia.org/wiki/{title.replace(' ', '_')}"

