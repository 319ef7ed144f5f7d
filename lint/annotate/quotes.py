"""Quotations: the language's quotation marks, and where each quotation opens and closes.

The marks and how they pair are the profile's `quotes.toml` only (`quotes.primary`, `quotes.secondary`,
`quotes.other`, `quotes.apostrophes`, `quotes.nest_same`, `quotes.reopen_each_paragraph`), read once
into `Conventions`. Two readers use them:

- `quotes(doc, profile)`, the lenient annotation: a quotation opens at an opening mark of a pair
  that is not also an apostrophe and closes at its closing mark, or at the same mark misused to close
  (« ... « , a-t-il dit), as machine translation leaves them; one left open runs to the end of its
  paragraph. The gender annotation finds quote speakers with it.
- rules/quotes.py, which walks the same conventions strictly, since it reports the very marks this
  annotation forgives.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import cached_property

from ..document import Document, Span
from ..language import LanguageProfile


@dataclass(frozen=True)
class Pair:
    open: str
    close: str
    level: str  # "primary", "secondary" or "other"
    space_inside: bool = False
    inner_space: str = "\u00a0"
    lenient: bool = False  # one of its marks is also an apostrophe: never reported when left open

    @property
    def symmetric(self) -> bool:
        return self.open == self.close


@dataclass(frozen=True)
class Conventions:
    pairs: tuple[Pair, ...]
    apostrophes: frozenset[str]
    nest_same: bool
    reopen: bool
    opens: dict[str, tuple[Pair, ...]] = field(default_factory=dict)
    closes: dict[str, tuple[Pair, ...]] = field(default_factory=dict)

    @property
    def marks(self) -> frozenset[str]:
        return frozenset(self.opens) | frozenset(self.closes)


def conventions(profile: LanguageProfile) -> Conventions | None:
    """The language's quotation marks, from its profile; None if it has none (read once per profile)."""
    return profile.derive(__name__ + ".conventions", _read_conventions)


def _read_conventions(profile: LanguageProfile) -> Conventions | None:
    raw: list[tuple[str, dict]] = []
    for level in ("primary", "secondary"):
        table = profile.get(f"quotes.{level}")
        if isinstance(table, dict):
            raw.append((level, table))
    raw.extend(("other", t) for t in profile.get("quotes.other", []) or [] if isinstance(t, dict))
    apostrophes = frozenset(profile.get("quotes.apostrophes", []) or [])
    pairs = []
    for level, t in raw:
        op, cl = t.get("open"), t.get("close")
        if not op or not cl:
            continue
        pairs.append(
            Pair(
                op,
                cl,
                level,
                bool(t.get("space_inside", False)),
                t.get("inner_space", "\u00a0"),
                op in apostrophes or cl in apostrophes,
            )
        )
    if not pairs:
        return None
    opens: dict[str, list[Pair]] = {}
    closes: dict[str, list[Pair]] = {}
    for p in pairs:
        opens.setdefault(p.open, []).append(p)
        closes.setdefault(p.close, []).append(p)
    return Conventions(
        tuple(pairs),
        apostrophes,
        bool(profile.get("quotes.nest_same", False)),
        bool(profile.get("quotes.reopen_each_paragraph", True)),
        {k: tuple(v) for k, v in opens.items()},
        {k: tuple(v) for k, v in closes.items()},
    )




@dataclass
class Quotes:
    spans: list[Span]  # from the opening mark to the closing mark (included)
    starts: list[int]
    marks: frozenset[str]  # every mark that opens or closes a quotation here

    def containing(self, offset: int) -> Span | None:
        i = bisect.bisect_right(self.starts, offset) - 1
        if i >= 0 and self.spans[i].start <= offset < self.spans[i].end:
            return self.spans[i]
        return None

    def ending_at(self, offset: int) -> Span | None:
        """The quotation whose closing mark is at `offset`."""
        return self._by_closing_mark.get(offset)

    @cached_property
    def _by_closing_mark(self) -> dict[int, Span]:
        by_end: dict[int, Span] = {}
        for s in self.spans:
            by_end.setdefault(s.end - 1, s)  # the first, as a scan in order would find
        return by_end


def quotes(doc: Document, profile: LanguageProfile) -> Quotes:
    """The document's quotations (memoised on the document, per language)."""
    return doc.memo(("quotes.spans", profile.lang), lambda: _find_quotes(doc, _pairing(profile)))


@dataclass(frozen=True)
class _Pairing:
    closers: dict[str, str]  # opening mark -> the marks that close it, itself when not symmetric
    marks: frozenset[str]
    pattern: re.Pattern[str] | None


def _pairing(profile: LanguageProfile) -> _Pairing:
    return profile.derive(__name__ + ".pairing", _read_pairing)


def _read_pairing(profile: LanguageProfile) -> _Pairing:
    conv = conventions(profile)
    closers: dict[str, str] = {}
    for pair in conv.pairs if conv is not None else ():
        if pair.lenient:
            continue  # an apostrophe too: it would open a quotation at every "l’" or "don’t"
        closing = pair.close if pair.symmetric else pair.close + pair.open
        closers[pair.open] = "".join(dict.fromkeys(closers.get(pair.open, "") + closing))
    marks = frozenset(closers) | frozenset("".join(closers.values()))
    pattern = re.compile("[" + re.escape("".join(sorted(marks))) + "]") if marks else None
    return _Pairing(closers, marks, pattern)


def _find_quotes(doc: Document, pairing: _Pairing) -> Quotes:
    closers, pattern = pairing.closers, pairing.pattern
    spans: list[Span] = []
    if pattern is None:
        return Quotes(spans, [], pairing.marks)
    text = doc.text
    for para in doc.paragraphs:
        opener: str | None = None
        opened = 0
        for m in pattern.finditer(text, para.start, para.end):
            c, i = m.group(), m.start()
            if opener is None:
                if c in closers:
                    opener, opened = c, i
            elif c in closers[opener]:
                spans.append(Span(opened, i + 1))
                opener = None
        if opener is not None:
            spans.append(Span(opened, para.end))
    spans.sort()
    return Quotes(spans, [s.start for s in spans], pairing.marks)
