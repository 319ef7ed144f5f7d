"""The document model: the article's text with its structure, positions never shifted.

A `Document` holds two strings of the same length: `source`, the input exactly as read, and
`text`, the prose that rules analyse, where markup, code and URLs have been blanked out with
spaces (newlines where a block ends). Every offset means the same character in both, so a
finding computed on `text` points at the right place in the file.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Hashable, Iterable, Iterator
from dataclasses import dataclass
from functools import cached_property
from itertools import accumulate, compress, count, repeat
from operator import itemgetter
from typing import Any, NamedTuple, TypeVar

from .script import CLOSING_QUOTES, OPENING_QUOTES

T = TypeVar("T")

TERMINAL = ".!?…"

_PARAGRAPH_BREAK = re.compile(r"\r?\n[ \t\r\u00a0\u202f]*\n\s*")
# The one definition of a word: letters then word characters, hyphenated parts joined ("Jean-Marc"),
# a number alone, and each other visible character as its own token, so punctuation keeps its offset.
_WORD = re.compile(r"[^\W\d_]\w*(?:-\w+)*|\d+|[^\w\s]")
# The same tokens as the pieces a split keeps: what stands between them comes out too, and the
# lengths of all the pieces, added up, are the tokens' offsets.
_WORD_SPLIT = re.compile(f"({_WORD.pattern})")
# A sentence ends at terminal punctuation, optionally followed by closing quotes or brackets,
# then white space. Whether it really ends is decided in `_is_boundary`. Only from the start of a run
# of punctuation: a match found from inside one is found from its start, and trying every start of a
# long run ("!!!!…" without a space after it) is quadratic. (The first mark is matched before the
# look behind it, "no mark before this one": a pattern that starts with a set of characters is
# searched for that set in C, one that starts with an assertion tries the assertion everywhere.)
_END_CANDIDATE = re.compile(r"[.!?…](?<![.!?…].)[.!?…]*(?:[ \u00a0\u202f]?[»”])?[\"'’“)\]]*(?=\s|$)")
_LINE_BREAK = re.compile(r"\n")


@dataclass(frozen=True, order=True)
class Span:
    start: int
    end: int

    def __len__(self) -> int:
        return self.end - self.start


class Word(NamedTuple):
    """A word or punctuation token with its offsets. A named tuple: a document has thousands of
    words, and a tuple is several times cheaper to build than a frozen dataclass."""

    start: int
    end: int
    text: str

    @property
    def capitalised(self) -> bool:
        return self.text[:1].isupper()


@dataclass(frozen=True)
class Mask:
    """A region of the input that is not prose (markup, code, a URL, a directive)."""

    start: int
    end: int
    block: bool = False  # True where the markup ends a block (</p>, a heading line...)


@dataclass(frozen=True)
class SentenceRules:
    """What a language needs for sentence splitting; read from its data file."""

    # Abbreviations after which a full stop never ends a sentence ("M.", "Dr.", "Mr.").
    never_final: frozenset[str] = frozenset()
    # Abbreviations that may end a sentence, but only if a capital follows ("etc.", "U.S.").
    maybe_final: frozenset[str] = frozenset()


def blank_out(source: str, masks: Iterable[Mask]) -> str:
    """The prose view of `source`: masked characters become spaces (newlines kept)."""
    chars = list(source)
    for m in masks:
        if m.end <= m.start:
            continue
        for i in range(m.start, min(m.end, len(chars))):
            if chars[i] != "\n":
                chars[i] = " "
        if m.block and m.start < len(chars) and chars[m.start] != "\n":
            # Two newlines so that a block tag separates paragraphs like a blank line does.
            chars[m.start] = "\n"
            if m.end - m.start > 1 and chars[m.end - 1] != "\n":
                chars[m.end - 1] = "\n"
    return "".join(chars)


class Document:
    """An article's text, its lines, paragraphs, sentences and words."""

    def __init__(
        self,
        source: str,
        lang: str = "und",
        masks: Iterable[Mask] = (),
        sentence_rules: SentenceRules | None = None,
    ) -> None:
        self.source = source
        self.masks = tuple(sorted((m for m in masks if m.end > m.start), key=lambda m: (m.start, m.end)))
        self.text = blank_out(source, self.masks) if self.masks else source
        self._masked = merge_intervals((m.start, m.end) for m in self.masks)
        self._masked_starts = [a for a, _ in self._masked]
        self.lang = lang
        self.sentence_rules = sentence_rules or SentenceRules()
        self._line_starts = [0] + [m.end() for m in _LINE_BREAK.finditer(source)]
        self._cache: dict[str, Any] = {}

    def __len__(self) -> int:
        return len(self.text)

    # -- positions -------------------------------------------------------------------------
    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of an offset, in code points; O(log n)."""
        offset = max(0, min(offset, len(self.source)))
        line = bisect.bisect_right(self._line_starts, offset) - 1
        return line + 1, offset - self._line_starts[line] + 1

    def offset(self, line: int, column: int) -> int:
        """The inverse of `position`."""
        return self._line_starts[line - 1] + column - 1

    def line_span(self, line: int) -> Span:
        start = self._line_starts[line - 1]
        end = self._line_starts[line] - 1 if line < len(self._line_starts) else len(self.source)
        return Span(start, end)

    @property
    def line_count(self) -> int:
        return len(self._line_starts)

    # -- structure -------------------------------------------------------------------------
    @cached_property
    def paragraphs(self) -> list[Span]:
        """Blocks of prose separated by blank lines, trimmed of surrounding white space."""
        spans = []
        pos = 0
        for m in _PARAGRAPH_BREAK.finditer(self.text):
            spans.extend(_trimmed(self.text, pos, m.start()))
            pos = m.end()
        spans.extend(_trimmed(self.text, pos, len(self.text)))
        return spans

    @cached_property
    def lines(self) -> list[Span]:
        """Non-blank lines of prose, trimmed: captions and headings often stand on one line."""
        spans = []
        pos = 0
        for m in _LINE_BREAK.finditer(self.text):
            spans.extend(_trimmed(self.text, pos, m.start()))
            pos = m.end()
        spans.extend(_trimmed(self.text, pos, len(self.text)))
        return spans

    @cached_property
    def sentences(self) -> list[Span]:
        """Sentences, in order, never crossing a paragraph; language-aware about abbreviations."""
        out: list[Span] = []
        for para in self.paragraphs:
            out.extend(self._split_paragraph(para))
        return out

    @cached_property
    def words(self) -> list[Word]:
        """The words and punctuation tokens of the (masked) text, in order: what every rule reads."""
        return self._tokens[0]

    @cached_property
    def word_starts(self) -> list[int]:
        """Where each of `words` starts, to find words by offset with `bisect`."""
        return self._tokens[1]

    @cached_property
    def _tokens(self) -> tuple[list[Word], list[int]]:
        # A document has thousands of words, and reading them is the first cost of every check: the
        # text is split around them and the tuples built by C-level maps, with no match objects and no
        # call per word (the split alternates what stands between two tokens and the tokens:
        # [between, token, between, ..., token, between]).
        pieces = _WORD_SPLIT.split(self.text)
        n = len(pieces) // 2
        offsets = list(accumulate(map(len, pieces), initial=0))
        starts = offsets[1 : 2 * n : 2]
        fields = zip(starts, offsets[2 : 2 * n + 1 : 2], pieces[1::2])
        return list(map(tuple.__new__, repeat(Word), fields)), starts

    @cached_property
    def word_ends(self) -> list[int]:
        """Where each of `words` ends (in increasing order too: words do not overlap)."""
        return list(map(itemgetter(1), self.words))

    @cached_property
    def folded_words(self) -> list[str]:
        """The text of each of `words` case-folded, in the same order: rules compare most words with
        their word lists in lowercase, and fold each word once here (with a C-level map)."""
        return list(map(str.casefold, map(itemgetter(2), self.words)))

    @cached_property
    def capitalised(self) -> list[int]:
        """Indexes in `words` of the words that start with a capital letter: where names are looked for
        (a fifth of the words or so). Found with C-level maps: every word is tested."""
        first_letters = map(itemgetter(0), map(itemgetter(2), self.words))
        return list(compress(count(), map(str.isupper, first_letters)))

    def words_in(self, span: Span) -> list[Word]:
        """The words (and punctuation tokens) starting inside `span`; O(log n + k)."""
        return starting_in(self.words, self.word_starts, span)

    @cached_property
    def sentence_starts(self) -> list[int]:
        return [s.start for s in self.sentences]

    @cached_property
    def paragraph_starts(self) -> list[int]:
        return [p.start for p in self.paragraphs]

    @cached_property
    def line_starts(self) -> list[int]:
        return [s.start for s in self.lines]

    def line_index(self, offset: int) -> int:
        """Index in `lines` of the line of prose containing `offset` in O(log n); -1 if none does."""
        return _containing(self.lines, self.line_starts, offset)

    def line_of(self, offset: int) -> Span | None:
        i = self.line_index(offset)
        return self.lines[i] if i >= 0 else None

    def sentence_index(self, offset: int) -> int:
        """Index of the sentence containing `offset` in O(log n); -1 if none does."""
        return _containing(self.sentences, self.sentence_starts, offset)

    def paragraph_index(self, offset: int) -> int:
        return _containing(self.paragraphs, self.paragraph_starts, offset)

    def paragraph_of(self, offset: int) -> Span | None:
        i = self.paragraph_index(offset)
        return self.paragraphs[i] if i >= 0 else None

    def sentence_of(self, offset: int) -> Span | None:
        i = self.sentence_index(offset)
        return self.sentences[i] if i >= 0 else None

    def is_masked(self, start: int, end: int) -> bool:
        """Does [start, end) touch markup? Its blanks are not the author's spaces."""
        i = bisect.bisect_right(self._masked_starts, max(start, end - 1)) - 1
        return i >= 0 and self._masked[i][1] > start

    def slice(self, span: Span) -> str:
        return self.text[span.start : span.end]

    def memo(self, key: Hashable, compute: Callable[[], T]) -> T:
        """An analysis shared by rules, computed once per document. The key names the analysis and
        whatever else its value depends on (`Context.key` adds the knowledge source)."""
        if key not in self._cache:
            self._cache[key] = compute()
        return self._cache[key]

    # -- sentence splitting ----------------------------------------------------------------
    def _split_paragraph(self, para: Span) -> Iterator[Span]:
        text = self.text
        start = para.start
        for cut in self._boundaries(para):
            yield from _trimmed(text, start, cut)
            start = cut
        yield from _trimmed(text, start, para.end)

    def _boundaries(self, para: Span) -> Iterator[int]:
        text = self.text
        chunk = text[para.start : para.end]
        cuts: list[int] = []
        for m in _END_CANDIDATE.finditer(chunk):
            end = para.start + m.end()
            if self._is_boundary(para.start + m.start(), end):
                cuts.append(end)
        # A line break ends a sentence when the line has no terminal punctuation and the
        # next one starts with a capital: a headline or caption standing above prose.
        breaks = [m.start() for m in _LINE_BREAK.finditer(chunk)]
        for at, before, after in zip(breaks, _last_visible(chunk, breaks), _first_visible(chunk, breaks)):
            if before and after and before not in TERMINAL + CLOSING_QUOTES and after.isupper():
                cuts.append(para.start + at + 1)
        yield from sorted(set(cuts))

    def _is_boundary(self, punct_start: int, end: int) -> bool:
        text = self.text
        nxt = _next_visible(text, end)
        if nxt is None:
            return False
        mark = text[punct_start:end].rstrip(CLOSING_QUOTES + ")]")
        if mark.endswith(".") and not mark.endswith(".."):
            word = _word_before(text, punct_start)
            if not word:
                # after a closing quotation mark or bracket, a full stop ends the sentence it closes
                # ("… prêts ». Il a dit"; "… ready”. He said") when a new sentence starts after it
                closes = punct_start > 0 and text[punct_start - 1] in CLOSING_QUOTES + ")]"
                return closes and (nxt.isupper() or nxt in OPENING_QUOTES)
            if word.isdigit() and nxt.isdigit():
                return False
            if len(word) == 1 and word.isalpha() and word.isupper():
                return False  # an initial: "John F. Kennedy"
            abbr = word + "."
            if abbr in self.sentence_rules.never_final:
                return False
            if abbr in self.sentence_rules.maybe_final or "." in word:
                return nxt.isupper() or nxt in OPENING_QUOTES
        if mark.endswith(("…", "...")):
            return nxt.isupper() or nxt in OPENING_QUOTES
        return True


def starting_in(items: list[T], starts: list[int], span: Span) -> list[T]:
    """The `items` (in document order, `starts[i]` where item i starts) starting inside `span`; O(log n + k)."""
    return items[bisect.bisect_left(starts, span.start) : bisect.bisect_left(starts, span.end)]


def merge_intervals(intervals: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted, non-overlapping intervals covering the same positions; empty ones are dropped."""
    merged: list[tuple[int, int]] = []
    for a, b in sorted(intervals):
        if b <= a:
            continue
        if merged and a <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], b))
        else:
            merged.append((a, b))
    return merged


def _trimmed(text: str, start: int, end: int) -> list[Span]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return [Span(start, end)] if end > start else []


def _containing(spans: list[Span], starts: list[int], offset: int) -> int:
    i = bisect.bisect_right(starts, offset) - 1
    return i if i >= 0 and offset < spans[i].end else -1


def _last_visible(chunk: str, breaks: list[int]) -> list[str]:
    """For each line break, the last non-space character before it in `chunk` ("" if none).

    One pass over the lines: slicing the paragraph up to every break would be quadratic in its
    lines, and a paragraph of 100,000 lines without a blank one is a page someone can send."""
    out, last, start = [], "", 0
    for at in breaks:
        line = chunk[start:at].rstrip()
        if line:
            last = line[-1]
        out.append(last)
        start = at + 1
    return out


def _first_visible(chunk: str, breaks: list[int]) -> list[str]:
    """For each line break, the first non-space character after it in `chunk` ("" if none)."""
    out, first, end = [""] * len(breaks), "", len(chunk)
    for i in range(len(breaks) - 1, -1, -1):
        line = chunk[breaks[i] + 1 : end].lstrip()
        if line:
            first = line[0]
        out[i] = first
        end = breaks[i]
    return out


def _next_visible(text: str, pos: int) -> str | None:
    n = len(text)
    while pos < n and text[pos].isspace():
        pos += 1
    return text[pos] if pos < n else None


def _word_before(text: str, pos: int) -> str:
    """The word (letters and inner dots) ending at `pos`, e.g. 'M', 'Dr', 'U.S'."""
    i = pos
    while i > 0 and (text[i - 1].isalnum() or (text[i - 1] == "." and i - 1 > 0 and text[i - 2].isalnum())):
        i -= 1
    return text[i:pos]
