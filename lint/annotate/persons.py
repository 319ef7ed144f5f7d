"""Person mentions: names of people in a document, the title or office written before them,
and short references to the same person, grouped. Computed once per document and shared by the
rules that need it (names, gender, doubled subjects, bare titles, offices).

A mention is a run of capitalised words (with particles such as "de", "von", "bin", hyphens and
initials) that is a person because the knowledge base knows it, its first word is a known given
name, a title stands right before it, or it repeats the surname of a person already mentioned.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..document import Document, Span

if TYPE_CHECKING:
    from ..context import Context
    from ..knowledge import Person

# Words, with inner hyphens; apostrophes and full stops are tokens of their own so that
# elisions ("l’ambassadeur") and possessives ("Putin's") split as readers split them.
_WORD = re.compile(r"[^\W\d_](?:[\w]|-(?=\w))*|\d+|[^\w\s]", re.UNICODE)
_APOSTROPHES = "'’"
_BREAKS = set(',;:.!?«»“”"„()[]—–…|/')


@dataclass(frozen=True)
class Word:
    start: int
    end: int
    text: str

    @property
    def capitalised(self) -> bool:
        return self.text[:1].isupper()


@dataclass
class Mention:
    start: int
    end: int
    name: str  # as written, white space normalised
    sentence: Span
    title: Span | None = None  # the title or office written before the name
    determiner: str | None = None  # the determiner before that title ("le", "the"), if any
    person: Person | None = None  # the knowledge base's entry, when it knows the name
    short: bool = False  # a surname alone, referring back to a fuller mention
    group: int = -1  # mentions of one person share a group number
    evidence: set[str] = field(default_factory=set)  # why this is a person: kb, given-name, title, surname

    @property
    def words(self) -> list[str]:
        return self.name.split()


@dataclass
class PersonMentions:
    mentions: list[Mention]
    groups: dict[int, list[Mention]]

    def in_span(self, span: Span) -> list[Mention]:
        return [m for m in self.mentions if span.start <= m.start < span.end]

    def before(self, offset: int) -> list[Mention]:
        return [m for m in self.mentions if m.end <= offset]


def words_of(doc: Document) -> list[Word]:
    return doc.memo("persons.words", lambda: [Word(m.start(), m.end(), m.group()) for m in _WORD.finditer(doc.text)])


def person_mentions(doc: Document, ctx: Context) -> PersonMentions:
    """The document's person mentions (memoised on the document)."""
    return doc.memo("persons.mentions", lambda: _find(doc, ctx))


class _Lexicon:
    def __init__(self, ctx: Context) -> None:
        p = ctx.profile
        self.heads = p.words("titles.heads")
        self.connectors = p.words("titles.connectors")
        self.determiners = p.words("determiners.words")
        self.particles = p.words("names.particles")
        self.not_names = p.words("names.not_names")
        self.honorifics = p.words("names.honorifics")
        self.places = {k.casefold() for k in p.table("nationality")} | {k.casefold() for k in p.table("institution")}
        self.female = p.words("female")
        self.male = p.words("male")

    def given_name(self, word: str) -> bool:
        w = word.casefold()
        return w in self.female or w in self.male or w.split("-")[0] in self.female | self.male


def _find(doc: Document, ctx: Context) -> PersonMentions:
    lex = _Lexicon(ctx)
    kb = ctx.knowledge
    words = words_of(doc)
    mentions: list[Mention] = []
    for sentence in doc.sentences:
        ws = [w for w in words if sentence.start <= w.start < sentence.end]
        runs = _name_runs(ws, lex)
        previous_end = 0
        for i, j in runs:
            name_words = ws[i:j]
            name = " ".join(w.text for w in name_words)
            title, det = _title_before(ws, i, lex, floor=previous_end)
            m = Mention(name_words[0].start, name_words[-1].end, name, sentence, title, det)
            if kb is not None:
                m.person = kb.find_person(name, doc.lang)
                if m.person is not None:
                    m.evidence.add("kb")
            if len(name_words) >= 2 and lex.given_name(name_words[0].text):
                m.evidence.add("given-name")
            if title is not None and len(name_words) >= 2:
                m.evidence.add("title")
            if m.evidence:
                previous_end = j  # a later title never reaches back across a person's name
            mentions.append(m)
    people = [m for m in mentions if m.evidence]
    surnames = {m.words[-1].casefold() for m in people if len(m.words) >= 2}
    if kb is not None:
        for m in mentions:
            if not m.evidence and len(m.words) == 1 and _known_surname(kb, m.name):
                m.evidence.add("kb-surname")
    for m in mentions:
        if not m.evidence and m.words[-1].casefold() in surnames:
            m.short = len(m.words) == 1
            m.evidence.add("surname")
    kept = [m for m in mentions if m.evidence]
    return PersonMentions(kept, _group(kept))


def _known_surname(kb: object, word: str) -> bool:
    finder = getattr(kb, "people_with_surname", None)
    if finder is None:
        for source in getattr(kb, "sources", []):
            finder = getattr(source, "people_with_surname", None)
            if finder is not None:
                break
    return bool(finder and finder(word))


def _name_runs(ws: list[Word], lex: _Lexicon) -> list[tuple[int, int]]:
    """Index ranges of runs of capitalised words joined by particles, initials or hyphens."""
    runs = []
    i, n = 0, len(ws)
    while i < n:
        if not _name_word(ws, i, lex):
            i += 1
            continue
        j = i + 1
        while j < n:
            if _name_word(ws, j, lex) and _adjacent(ws[j - 1], ws[j]):
                j += 1
            elif (
                ws[j].text.casefold() in lex.particles
                and j + 1 < n
                and _name_word(ws, j + 1, lex)
                and _adjacent(ws[j - 1], ws[j])
            ):
                j += 2
            elif ws[j].text == "." and len(ws[j - 1].text) == 1 and j + 1 < n and _name_word(ws, j + 1, lex):
                j += 1  # an initial: "John F. Kennedy"
            else:
                break
        # A run may start with words capitalised for other reasons: a title, or a function word
        # opening the sentence (mid-sentence, "Ce" in "le président chinois Ce Jinping" is a name).
        while i < j and (
            ws[i].text.casefold() in lex.heads
            or (ws[i].text.casefold() in lex.not_names and (i == 0 or ws[i - 1].text in _BREAKS))
        ):
            i += 1
        while i < j - 1 and ws[i].text.casefold() in lex.places:
            i += 1  # "porte-parole du Kremlin Dmitri Peskov": the institution is not part of the name
        while j > i and ws[j - 1].text == ".":
            j -= 1
        if i < j and not all(w.text.casefold() in lex.places for w in ws[i:j]):
            runs.append((i, j))
        i = max(j, i + 1)
    return runs


def _adjacent(a: Word, b: Word) -> bool:
    return b.start - a.end <= 1


def _name_word(ws: list[Word], i: int, lex: _Lexicon) -> bool:
    w = ws[i].text
    if not w[:1].isupper() or not w[:1].isalpha():
        return False
    if len(w) > 1 and w.isupper() and len(w) > 3:
        return False  # acronyms: NATO, OTAN; all-caps headlines are handled by the rules
    if i + 1 < len(ws) and ws[i + 1].text in _APOSTROPHES and i + 2 < len(ws) and ws[i + 2].start == ws[i + 1].end:
        # "L’ambassadeur", "D’autres": an elided article, not a name (but "O’Brien" is one)
        return len(w) > 1 and w.casefold() not in lex.determiners and w.casefold() not in lex.connectors
    return True


def _title_before(ws: list[Word], i: int, lex: _Lexicon, floor: int = 0) -> tuple[Span | None, str | None]:
    """The title right before word i (not reaching back into the previous name, which ends at
    `floor`), and the determiner that introduces it, if any."""
    j = i - 1
    while j >= 0 and ws[j].text.casefold() in lex.honorifics | {"."}:
        j -= 1
    head_at = None
    k = j
    det = None
    steps = 0
    while k >= floor and steps < 12:
        t = ws[k].text
        tf = t.casefold()
        if t in _BREAKS:
            break
        if t in _APOSTROPHES:
            k -= 1
            continue
        if tf in lex.determiners:
            before = ws[k - 1].text.casefold() if k > 0 else ""
            if k > 0 and ws[k - 1].text in _APOSTROPHES:
                before = ws[k - 2].text.casefold() if k > 1 else ""
            if before not in lex.connectors:
                det = t
                break
        if tf in lex.heads or any(tf.endswith("-" + h) or tf.startswith(h + "-") for h in lex.heads if "-" not in h):
            head_at = k
        elif not (
            t[:1].isupper() or tf in lex.connectors or tf in lex.places or tf in lex.determiners or _modifier(tf)
        ):
            break
        k -= 1
        steps += 1
    if head_at is None:
        return None, None
    start = head_at
    # extend left over capitalised modifiers and nationality words ("Russian Foreign Minister")
    while start - 1 > k and (ws[start - 1].text[:1].isupper() or ws[start - 1].text.casefold() in lex.places):
        start -= 1
    end_word = ws[j]
    return Span(ws[start].start, end_word.end), (det if det is not None and k == start - 1 else None)


def _modifier(word: str) -> bool:
    """Lowercase words that may sit inside a title: adjectives of nationality, 'adjoint', 'intérim'...

    Without a part-of-speech tagger, accept words that end like adjectives or nouns of offices in the
    languages we know; a verb stops the scan because it rarely has these endings.
    """
    return len(word) > 2 and not word.endswith(("é", "ée", "és", "ait", "ent", "ed", "ing"))


def _group(mentions: list[Mention]) -> dict[int, list[Mention]]:
    """Group mentions of one person: the same KB entry, or a surname repeating a fuller mention's."""
    groups: dict[int, list[Mention]] = defaultdict(list)
    by_person: dict[str, int] = {}
    by_surname: dict[str, int] = {}
    for m in sorted(mentions, key=lambda m: (-len(m.words), m.start)):
        surname = m.words[-1].casefold()
        if m.person is not None and m.person.id in by_person:
            gid = by_person[m.person.id]
        elif m.person is None and surname in by_surname:
            gid = by_surname[surname]
        else:
            gid = len(groups)
        if m.person is not None:
            by_person.setdefault(m.person.id, gid)
        by_surname.setdefault(surname, gid)
        m.group = gid
        groups[gid].append(m)
    for ms in groups.values():
        ms.sort(key=lambda m: m.start)
    mentions.sort(key=lambda m: m.start)
    return dict(groups)
