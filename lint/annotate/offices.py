"""Offices named in a document: where a role of the knowledge base ("le président chinois", "Kremlin
spokesman", "Außenministerin") is written, and for which country or organisation.

Role labels come from the knowledge base's roles.toml in the article's language; the jurisdiction
from the language profile's `[nationality]` and `[institution]` tables (word -> code), read in a few
words around the label. Computed once per document, shared by the name and gender rules.

Matching is done on a folded copy of the text of the same length (case, accents, hyphens and
apostrophe styles aside), so offsets mean the same in both.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass
from functools import cached_property
from itertools import accumulate, compress, count
from typing import TYPE_CHECKING, Any

from ..document import Document
from ..text import WORD_CHARS, fold_aligned

if TYPE_CHECKING:
    from ..context import Context
    from ..knowledge import Person

_WORD = WORD_CHARS
_WORD_SPLIT = re.compile(f"({WORD_CHARS.pattern})")  # the same words, as the pieces a split keeps


@dataclass(frozen=True)
class OfficeMention:
    start: int
    end: int
    role: str  # a role key of roles.toml
    of: str | None  # the jurisdiction the label or the words around it name; None when none does
    place: bool = False  # True when a nationality or institution word in or around the label names it


class Phrases:
    """Phrases of a few words (folded) mapped to values, found in folded text: where a word starts
    some phrases, the words from there are compared with those phrases, longest first."""

    def __init__(self) -> None:
        self.entries: dict[tuple[str, ...], list[Any]] = {}
        self.by_first: dict[str, list[int]] = {}

    def add(self, phrase: str, value: Any) -> None:
        key = tuple(_WORD.findall(fold_aligned(phrase)))
        if not key:
            return
        entry = self.entries.setdefault(key, [])
        if value not in entry:
            entry.append(value)
        lengths = self.by_first.setdefault(key[0], [])
        if len(key) not in lengths:
            lengths.append(len(key))
            lengths.sort(reverse=True)

    def find(self, words: Words, skippable: frozenset[str] = frozenset()) -> list[tuple[int, int, list[Any]]]:
        """(start, end, values) of the longest phrase at each place, left to right, not overlapping.
        One word of `skippable` may stand inside a phrase ("ministre [russe] des affaires étrangères")."""
        if not self.entries:
            return []
        by_first = self.by_first
        entries = self.entries
        texts, starts, ends = words.texts, words.starts, words.ends
        n_words = len(texts)
        out = []
        free = 0  # where the next phrase may start: phrases found do not overlap
        # Only the words that start some phrase are looked at: few of a text's words do (and they are
        # picked out with C-level maps, every word being tested).
        for i in compress(count(), map(by_first.__contains__, texts)):
            if i < free:
                continue
            lengths = by_first[texts[i]]
            window = texts[i : i + lengths[0] + 1]
            # whether a word after the first may be skipped at all (most windows have none)
            skips = bool(skippable) and not skippable.isdisjoint(window[1:])
            for n in lengths:
                if i + n > n_words:
                    continue
                key = tuple(window[:n])
                if key in entries:
                    out.append((starts[i], ends[i + n - 1], entries[key]))
                    free = i + n
                    break
                if skips and len(window) > n:
                    j = next((k for k in range(1, n) if window[k] in skippable), 0)
                    skipped = tuple(window[:j] + window[j + 1 : n + 1]) if j else None
                    if skipped in entries:
                        out.append((starts[i], ends[i + n], entries[skipped]))
                        free = i + n + 1
                        break
        return out


@dataclass
class Words:
    """The words of a folded text as parallel lists (an article has thousands of words)."""

    starts: list[int]
    ends: list[int]
    texts: list[str]

    @classmethod
    def of(cls, folded: str) -> Words:
        """The words of a folded text: its maximal runs of word characters."""
        # Split around the words rather than matched one by one: no match object per word, and the
        # offsets are the pieces' lengths added up ([between, word, between, ..., word, between]).
        pieces = _WORD_SPLIT.split(folded)
        n = len(pieces) // 2
        offsets = list(accumulate(map(len, pieces), initial=0))
        return cls(offsets[1 : 2 * n : 2], offsets[2 : 2 * n + 1 : 2], pieces[1::2])

    def within(self, folded: str, lo: int, hi: int) -> Words:
        """The words of folded[lo:hi], as `Words.of` would find them in that slice (offsets in the whole
        text): a word the window cuts is cut too, the words being maximal runs of word characters."""
        hi = min(hi, len(folded))
        if hi <= lo:
            return Words([], [], [])
        i = bisect.bisect_right(self.ends, lo)  # the first word ending after lo
        j = bisect.bisect_left(self.starts, hi)  # the first word starting at or after hi
        starts, ends, texts = self.starts[i:j], self.ends[i:j], self.texts[i:j]
        if starts and starts[0] < lo:
            starts[0] = lo
            texts[0] = folded[lo : ends[0]]
        if ends and ends[-1] > hi:
            ends[-1] = hi
            texts[-1] = folded[starts[-1] : hi]
        return Words(starts, ends, texts)


def _labels(kb: Any, lang: str) -> Phrases | None:
    """The role labels of a language: phrase -> [(role, jurisdiction the label names or None)],
    built once per knowledge object that can keep them (the roles are its data)."""
    if not (getattr(kb, "roles", None) or {}):
        return None
    def build(k: Any) -> Phrases:
        return _role_phrases(k.roles, lang)

    derive = getattr(kb, "derive", None)
    return derive(("offices.labels", lang), build) if derive is not None else build(kb)


def _role_phrases(roles: dict[str, Any], lang: str) -> Phrases:
    phrases = Phrases()
    for role, table in roles.items():
        if not isinstance(table, dict):
            continue
        for label in table.get(lang, []) or []:
            phrases.add(label, (role, None))
        for of, sub in table.items():
            if isinstance(sub, dict):
                for label in sub.get(lang, []) or []:
                    phrases.add(label, (role, of))
    return phrases


class Places:
    """The profile's nationality and institution words (word -> jurisdiction code)."""

    def __init__(self, profile: Any) -> None:
        self.phrases = Phrases()
        acronyms = set()
        for table in ("nationality", "institution"):
            for word, code in profile.table(table).items():
                if isinstance(code, str):
                    self.phrases.add(word, code)
                    if word.isupper():
                        acronyms.add(tuple(_WORD.findall(fold_aligned(word))))
        # an acronym is one only in capitals: "WHO", "US", "EAU" are also "who", "us" and French "eau"
        self.acronyms = frozenset(acronyms)
        # one-word nationality adjectives, which may stand inside a title ("ministre russe des ...")
        self.adjectives = frozenset(
            k[0] for k in self.phrases.entries if len(k) == 1 and k[0] == k[0].lower() and len(k[0]) > 2
        )

    def find(self, words: Words, text: str) -> list[tuple[int, int, str]]:
        """(start, end, code) of every place word among these words, the longest at each position;
        `text` is what the words were folded from, for the acronyms' capitals."""
        return [
            (s, e, codes[0])
            for s, e, codes in self.phrases.find(words)
            if text[s:e].isupper() or tuple(_WORD.findall(text[s:e].casefold())) not in self.acronyms
        ]


def places(ctx: Context) -> Places:
    return ctx.profile.derive(__name__ + ".places", Places)


@dataclass
class DocumentOffices:
    folded: str
    offices: list[OfficeMention]
    places: list[tuple[int, int, str]]

    def between(self, start: int, end: int) -> list[OfficeMention]:
        """The office labels overlapping [start, end), by bisection: rules ask at every name."""
        ordered, starts, longest = self._ordered
        lo = bisect.bisect_left(starts, start - longest)
        hi = bisect.bisect_left(starts, end)
        return [o for o in ordered[lo:hi] if start < o.end]

    def starting_in(self, start: int, end: int) -> list[OfficeMention]:
        """The office labels starting in [start, end), in document order."""
        ordered, starts, _ = self._ordered
        return ordered[bisect.bisect_left(starts, start) : bisect.bisect_left(starts, end)]

    @cached_property
    def _ordered(self) -> tuple[list[OfficeMention], list[int], int]:
        ordered = sorted(self.offices, key=lambda o: (o.start, o.end))
        return ordered, [o.start for o in ordered], max((o.end - o.start for o in ordered), default=0)

    def starting_at(self, offset: int) -> list[OfficeMention]:
        """The office labels that start at `offset`; O(1), for rules that ask at every name."""
        return self._by_start.get(offset, [])

    @cached_property
    def _by_start(self) -> dict[int, list[OfficeMention]]:
        index: dict[int, list[OfficeMention]] = {}
        for o in self.offices:
            index.setdefault(o.start, []).append(o)
        return index


def document_offices(doc: Document, ctx: Context) -> DocumentOffices:
    """Every office label of the document with the jurisdiction written with it (memoised)."""
    return doc.memo(ctx.key("offices.mentions"), lambda: _find(doc, ctx))


# How far from a role label a nationality or institution word may stand and still qualify it:
# "le président chinois", "the US Secretary of State", "porte-parole du Kremlin".
_REACH_BEFORE = 25
_REACH_AFTER = 40


def _find(doc: Document, ctx: Context) -> DocumentOffices:
    folded = fold_aligned(doc.text)
    labels = _labels(ctx.knowledge, ctx.lang) if ctx.knowledge is not None else None
    offices: list[OfficeMention] = []
    where = places(ctx)
    words = Words.of(folded) if labels is not None else Words([], [], [])
    found = labels.find(words, skippable=where.adjectives) if labels is not None else []
    found_places: set[tuple[int, int, str]] = set()  # windows overlap: a place may be found twice
    for start, end, entries in found:
        # the places around the label only: a whole-text pass would cost more than it serves
        lo = max(0, start - _REACH_BEFORE)
        near_places = where.find(words.within(folded, lo, end + _REACH_AFTER), doc.text)
        found_places.update(near_places)
        near = [
            code
            for s, e, code in near_places
            if (
                (e <= start and "." not in folded[e:start])
                or start <= s < end
                or (end <= s and not any(c in folded[end:s] for c in ".;,:"))
            )
            and not _in_proper_name(doc.text, s, start, end)
        ]
        codes = list(dict.fromkeys(near))
        for role, label_of in entries:
            of = label_of if label_of is not None else (codes[0] if codes else None)
            offices.append(OfficeMention(start, end, role, of, bool(codes) and of in codes))
    return DocumentOffices(folded, offices, sorted(found_places))


# Between a capitalised word and the place of a proper name: "Forza Italia", "Fratelli d'Italia".
_NAME_BEFORE = re.compile(r"(?<![^\W\d_])([^\W\d_]++)(?:\s++|\s++[^\W\d_]{1,3}\s++|\s*+[^\W\d_]{1,2}['’])$")


def _in_proper_name(text: str, s: int, start: int, end: int) -> bool:
    """Is the place word at `s` the end of a proper name ("Forza Italia", "Fratelli d'Italia", "Radio
    France"): after a capitalised word that is not the label's nor opens the sentence? Such a place
    names a party, a company or a station, not the office's country."""
    if start <= s < end:
        return False
    found = _NAME_BEFORE.search(text, max(0, s - 30), s)
    if found is None or not found.group(1)[:1].isupper() or start <= found.start(1) < end:
        return False
    before = text[max(0, found.start(1) - 3) : found.start(1)].strip()
    return bool(before) and before[-1] not in ".!?:«“\"\n"


def holds(person: Person, role: str, of: str | None, day: dt.date) -> bool | None:
    """Did `person` hold `role` (of `of`, when given) on `day`? None: the dates cannot tell."""
    verdicts = [o.held_on(day) for o in person.offices if o.role == role and (of is None or o.of == of)]
    if True in verdicts:
        return True
    if None in verdicts:
        return None
    return False
