"""Offices named in a document: where a role of the knowledge base ("le président chinois", "Kremlin
spokesman", "Außenministerin") is written, and for which country or organisation.

Role labels come from the knowledge base's roles.toml in the article's language; the jurisdiction
from the language profile's `[nationality]` and `[institution]` tables (word -> code), read in a few
words around the label. Computed once per document, shared by the name and gender rules.

Matching is done on a folded copy of the text of the same length (case, accents, hyphens and
apostrophe styles aside), so offsets mean the same in both.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from ..document import Document

if TYPE_CHECKING:
    from ..context import Context
    from ..knowledge import Person

_FOLD_CHARS = {"’": "'", "‘": "'", "ʼ": "'", "‐": " ", "‑": " ", "–": " ", "-": " "}
_WORD = re.compile(r"\w+")


def fold_char(c: str) -> str:
    """One character folded to one character: lowercase, no accent; hyphens become spaces."""
    if c in _FOLD_CHARS:
        return _FOLD_CHARS[c]
    if c.isspace():
        return " "
    low = c.lower()
    if len(low) != 1:
        return c
    return unicodedata.normalize("NFD", low)[0]


class _FoldTable(dict):
    """A `str.translate` table computed one character at a time, as characters are met."""

    def __missing__(self, code: int) -> str:
        folded = self[code] = fold_char(chr(code))
        return folded


_TABLE = _FoldTable()


def fold(text: str) -> str:
    """`text` folded character by character: same length, so offsets are kept."""
    return text.translate(_TABLE)


def fold_label(text: str) -> str:
    """A label folded and with single spaces, to be searched in folded text."""
    return " ".join(fold(text).split())


@dataclass(frozen=True)
class OfficeMention:
    start: int
    end: int
    role: str  # a role key of roles.toml
    of: str | None  # the jurisdiction the label or the words around it name; None when none does
    place: bool = False  # True when a nationality or institution word in or around the label names it


def _roles_of(kb: Any) -> dict[str, Any]:
    roles = getattr(kb, "roles", None)
    if roles:
        return roles
    for source in getattr(kb, "sources", []):
        roles = getattr(source, "roles", None)
        if roles:
            return roles
    return {}


class Phrases:
    """Phrases of a few words (folded) mapped to values, found in folded text: where a word starts
    some phrases, the words from there are compared with those phrases, longest first."""

    def __init__(self) -> None:
        self.entries: dict[tuple[str, ...], list[Any]] = {}
        self.by_first: dict[str, list[int]] = {}

    def add(self, phrase: str, value: Any) -> None:
        key = tuple(_WORD.findall(fold(phrase)))
        if not key:
            return
        entry = self.entries.setdefault(key, [])
        if value not in entry:
            entry.append(value)
        lengths = self.by_first.setdefault(key[0], [])
        if len(key) not in lengths:
            lengths.append(len(key))
            lengths.sort(reverse=True)

    def find(
        self,
        folded: str,
        words: list[tuple[int, int, str]] | None = None,
        skippable: frozenset[str] = frozenset(),
    ) -> list[tuple[int, int, list[Any]]]:
        """(start, end, values) of the longest phrase at each place, left to right, not overlapping.
        One word of `skippable` may stand inside a phrase ("ministre [russe] des affaires étrangères")."""
        if not self.entries:
            return []
        if words is None:
            words = folded_words(folded)
        out = []
        by_first = self.by_first
        entries = self.entries
        i, n_words = 0, len(words)
        while i < n_words:
            lengths = by_first.get(words[i][2])
            step = 1
            if lengths:
                window = [w[2] for w in words[i : i + lengths[0] + 1]]
                for n in lengths:
                    if i + n > n_words:
                        continue
                    texts = window[: n + 1]
                    key = tuple(texts[:n])
                    if key in entries:
                        out.append((words[i][0], words[i + n - 1][1], entries[key]))
                        step = n
                        break
                    if skippable and len(texts) > n:
                        j = next((k for k in range(1, n) if texts[k] in skippable), 0)
                        if j and tuple(texts[:j] + texts[j + 1 :]) in entries:
                            out.append((words[i][0], words[i + n][1], entries[tuple(texts[:j] + texts[j + 1 :])]))
                            step = n + 1
                            break
            i += step
        return out


def folded_words(folded: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group()) for m in _WORD.finditer(folded)]


_LABELS: dict[tuple[int, str], tuple[Any, Phrases]] = {}


def _labels(kb: Any, lang: str) -> Phrases | None:
    """The role labels of a language: phrase -> [(role, jurisdiction the label names or None)]."""
    roles = _roles_of(kb)
    if not roles:
        return None
    key = (id(roles), lang)
    if key not in _LABELS:
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
        _LABELS[key] = (roles, phrases)  # the roles are kept so that their id stays theirs
    return _LABELS[key][1]


class Places:
    """The profile's nationality and institution words (word -> jurisdiction code)."""

    def __init__(self, profile: Any) -> None:
        self.phrases = Phrases()
        for table in ("nationality", "institution"):
            for word, code in profile.table(table).items():
                if isinstance(code, str):
                    self.phrases.add(word, code)
        # one-word nationality adjectives, which may stand inside a title ("ministre russe des ...")
        self.adjectives = frozenset(
            k[0] for k in self.phrases.entries if len(k) == 1 and k[0] == k[0].lower() and len(k[0]) > 2
        )

    def find(self, folded: str, words: list[tuple[int, int, str]] | None = None) -> list[tuple[int, int, str]]:
        """(start, end, code) of every place word in folded text, the longest at each position."""
        return [(s, e, codes[0]) for s, e, codes in self.phrases.find(folded, words)]


def places(ctx: Context) -> Places:
    return _places(ctx.profile)


@lru_cache(maxsize=16)
def _places(profile: Any) -> Places:
    return Places(profile)


@dataclass
class DocumentOffices:
    folded: str
    offices: list[OfficeMention]
    places: list[tuple[int, int, str]]

    def between(self, start: int, end: int) -> list[OfficeMention]:
        return [o for o in self.offices if o.start < end and start < o.end]


def document_offices(doc: Document, ctx: Context) -> DocumentOffices:
    """Every office label of the document with the jurisdiction written with it (memoised)."""
    return doc.memo("offices.mentions", lambda: _find(doc, ctx))


# How far from a role label a nationality or institution word may stand and still qualify it:
# "le président chinois", "the US Secretary of State", "porte-parole du Kremlin".
_REACH_BEFORE = 25
_REACH_AFTER = 40


def _find(doc: Document, ctx: Context) -> DocumentOffices:
    folded = fold(doc.text)
    labels = _labels(ctx.knowledge, ctx.lang) if ctx.knowledge is not None else None
    offices: list[OfficeMention] = []
    where = places(ctx)
    found = labels.find(folded, skippable=where.adjectives) if labels is not None else []
    found_places: list[tuple[int, int, str]] = []
    for start, end, entries in found:
        # the places around the label only: a whole-text pass would cost more than it serves
        lo = max(0, start - _REACH_BEFORE)
        window = folded[lo : end + _REACH_AFTER]
        near_places = [(s + lo, e + lo, code) for s, e, code in where.find(window)]
        found_places.extend(p for p in near_places if p not in found_places)
        near = [
            code
            for s, e, code in near_places
            if (e <= start and "." not in folded[e:start])
            or start <= s < end
            or (end <= s and not any(c in folded[end:s] for c in ".;,:"))
        ]
        codes = list(dict.fromkeys(near))
        for role, label_of in entries:
            of = label_of if label_of is not None else (codes[0] if codes else None)
            offices.append(OfficeMention(start, end, role, of, bool(codes) and of in codes))
    return DocumentOffices(folded, offices, sorted(found_places))


def holds(person: Person, role: str, of: str | None, day: dt.date) -> bool | None:
    """Did `person` hold `role` (of `of`, when given) on `day`? None: the dates cannot tell."""
    verdicts = [o.held_on(day) for o in person.offices if o.role == role and (of is None or o.of == of)]
    if True in verdicts:
        return True
    if None in verdicts:
        return None
    return False


def ever_held(person: Person, role: str, of: str | None) -> bool:
    return any(o.role == role and (of is None or o.of == of) for o in person.offices)
