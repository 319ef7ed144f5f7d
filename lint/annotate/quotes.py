"""Quotations: where each one opens and closes, paragraph by paragraph, memoised on the document.

A quotation opens at a mark of `speaker_quote_closers` (lint/data/script.toml) and closes at one of
the marks listed for it, the same mark misused to close included (« ... « , a-t-il dit), as machine
translation leaves them; one left open runs to the end of its paragraph. The gender annotation finds
quote speakers with it. rules/quotes.py pairs marks by its own, stricter reading of the profile's
quotes.toml, because it reports the very marks this annotation forgives.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from ..document import Document, Span
from ..script import SPEAKER_QUOTE_CLOSERS, SPEAKER_QUOTE_MARKS

_CLOSERS = SPEAKER_QUOTE_CLOSERS
_OPENERS = "".join(_CLOSERS)
QUOTE_CHARS = SPEAKER_QUOTE_MARKS


@dataclass
class Quotes:
    spans: list[Span]  # from the opening mark to the closing mark (included)
    starts: list[int]

    def containing(self, offset: int) -> Span | None:
        i = bisect.bisect_right(self.starts, offset) - 1
        if i >= 0 and self.spans[i].start <= offset < self.spans[i].end:
            return self.spans[i]
        return None

    def ending_at(self, offset: int) -> Span | None:
        """The quotation whose closing mark is at `offset`."""
        for s in self.spans:
            if s.end - 1 == offset:
                return s
        return None


def quotes(doc: Document) -> Quotes:
    """The document's quotations (memoised on the document)."""
    return doc.memo("quotes.spans", lambda: _find_quotes(doc))


_QUOTE_CHAR = re.compile("[" + re.escape(QUOTE_CHARS) + "]")


def _find_quotes(doc: Document) -> Quotes:
    spans: list[Span] = []
    text = doc.text
    for para in doc.paragraphs:
        opener: str | None = None
        opened = 0
        for m in _QUOTE_CHAR.finditer(text, para.start, para.end):
            c, i = m.group(), m.start()
            if opener is None:
                if c in _OPENERS:
                    opener, opened = c, i
            elif c in _CLOSERS[opener]:
                spans.append(Span(opened, i + 1))
                opener = None
        if opener is not None:
            spans.append(Span(opened, para.end))
    spans.sort()
    return Quotes(spans, [s.start for s in spans])
