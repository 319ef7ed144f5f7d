"""Which sentence or paragraph an offset is in, in O(log n) with the start offsets computed once per
document (Document.sentence_of builds its list of starts on every call)."""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from ..document import Document, Span


@dataclass
class Spans:
    sentences: list[Span]
    paragraphs: list[Span]
    sentence_starts: list[int]
    paragraph_starts: list[int]

    def sentence_index(self, offset: int) -> int:
        """Index of the sentence containing `offset`, -1 if none does."""
        i = bisect.bisect_right(self.sentence_starts, offset) - 1
        return i if i >= 0 and offset < self.sentences[i].end else -1

    def sentence_of(self, offset: int) -> Span | None:
        i = self.sentence_index(offset)
        return self.sentences[i] if i >= 0 else None

    def paragraph_index(self, offset: int) -> int:
        i = bisect.bisect_right(self.paragraph_starts, offset) - 1
        return i if i >= 0 and offset < self.paragraphs[i].end else -1

    def paragraph_of(self, offset: int) -> Span | None:
        i = self.paragraph_index(offset)
        return self.paragraphs[i] if i >= 0 else None


def spans(doc: Document) -> Spans:
    def build() -> Spans:
        s, p = doc.sentences, doc.paragraphs
        return Spans(s, p, [x.start for x in s], [x.start for x in p])

    return doc.memo("spans", build)
