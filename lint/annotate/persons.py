"""Person mentions: names of people in a document, the title or office written before them,
and short references to the same person, grouped. Computed once per document and shared by the
rules that need it (names, gender, doubled subjects, bare titles, offices).

A mention is a run of capitalised words (with particles such as "de", "von", "bin", hyphens,
initials and "O’Brien"-style prefixes) that is a person because the knowledge base knows it, its
first word is a known given name, a title stands right before it, its last word is the surname of
a person the knowledge base knows, or it repeats the surname of a person already mentioned.

What the annotation reads from the language profile (`rules/data/<lang>/titles.toml` and the
people data of other files):

- `titles.heads`: words (or word pairs) that head a title ("ministre", "prime minister");
  `titles.head_suffixes`: endings of closed compounds that head a title (German "Außenminister");
  `titles.connectors`: words joining a title to its complement ("de", "of", "des").
- `determiners.words`: what may introduce a title ("le", "the", "der").
- `names.particles`, `names.not_names`, `names.honorifics`; `names.genitive_suffixes` (German
  "Merkels": the mention is "Merkel").
- `nationality` and `institution` tables (their keys are never part of a name), `female`, `male`.

Words written in capitals throughout ("POUTINE", "AFP", "EM.") are never name words: headlines in
capitals and acronyms would otherwise give a name for every word.
"""

from __future__ import annotations

import bisect
import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

from ..document import Document, Span, Word, starting_in
from ..script import APOSTROPHES, NAME_BREAKS
from ..text import fold

if TYPE_CHECKING:
    from ..context import Context
    from ..knowledge import Person
    from ..language import LanguageProfile

# Words, with inner hyphens; apostrophes and full stops are tokens of their own so that
# elisions ("l’ambassadeur") and possessives ("Putin's") split as readers split them.
_APOSTROPHES = APOSTROPHES
_BREAKS = NAME_BREAKS
_TITLE_SCAN = 12  # words a title may span before a name
_LONGEST_NAME = 8  # longer capitalised runs are not looked up part by part


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
    evidence: set[str] = field(default_factory=set)  # why this is a person: kb, given-name, title, surname...
    determiner_span: Span | None = None  # where that determiner is written

    @property
    def words(self) -> list[str]:
        return self.name.split()

    @property
    def phrase_start(self) -> int:
        """Where the noun phrase naming the person starts: its determiner, else its title, else the name."""
        if self.determiner_span is not None:
            return self.determiner_span.start
        return self.title.start if self.title is not None else self.start


@dataclass
class PersonMentions:
    mentions: list[Mention]
    groups: dict[int, list[Mention]]

    @cached_property
    def starts(self) -> list[int]:
        """Where each mention starts (the mentions are in document order)."""
        return [m.start for m in self.mentions]

    def in_span(self, span: Span) -> list[Mention]:
        """The mentions starting inside a span; O(log n + k)."""
        return starting_in(self.mentions, self.starts, span)


# After a name, an aside in parentheses ("(SPD)") may stand before the comma of an apposition.
_ASIDE = re.compile(r"\s*\([^()\n]{1,40}\)")
_COMMA = re.compile(r",\s+")


def apposition_start(doc: Document, m: Mention) -> int | None:
    """Where a phrase put after the name between commas starts ("Bärbel Bas (SPD), présidente du
    Bundestag,"): past the comma and its space, inside the name's sentence; None without one."""
    aside = _ASIDE.match(doc.text, m.end)
    comma = _COMMA.match(doc.text, aside.end() if aside else m.end)
    if comma is None or comma.end() >= m.sentence.end:
        return None
    return comma.end()


def person_mentions(doc: Document, ctx: Context) -> PersonMentions:
    """The document's person mentions (memoised on the document)."""
    return doc.memo(ctx.key("persons.mentions"), lambda: _find(doc, ctx))


def lexicon(ctx: Context) -> Lexicon:
    """The title and name vocabulary of the context's language (cached per profile)."""
    return ctx.profile.derive(__name__, Lexicon)


class Lexicon:
    """What the language data says about titles and names."""

    def __init__(self, p: LanguageProfile) -> None:
        heads = p.words("titles.heads")
        self.heads = frozenset(h for h in heads if " " not in h)
        self.multi_heads: dict[str, list[tuple[str, ...]]] = defaultdict(list)  # first word -> heads of several words
        for parts in sorted({tuple(h.split()) for h in heads if " " in h}, key=len, reverse=True):
            self.multi_heads[parts[0]].append(parts)
        self.head_suffixes = tuple(sorted(p.words("titles.head_suffixes"), key=len, reverse=True))
        self.connectors = p.words("titles.connectors")
        self.determiners = p.words("determiners.words")
        self.particles = p.words("names.particles")
        self.not_names = p.words("names.not_names")
        self.honorifics = p.words("names.honorifics")
        self.genitive_suffixes = tuple(p.words("names.genitive_suffixes"))
        self.auxiliaries = p.words("titles.auxiliaries")
        self.capitalised_modifiers = bool(p.get("titles.capitalised_modifiers", True))
        self.verb_endings = tuple(p.words("titles.verb_endings"))
        self.verbs = frozenset(p.words("titles.verbs"))
        self.places = {k.casefold() for k in p.table("nationality")} | {k.casefold() for k in p.table("institution")}
        self.female = p.words("female")
        self.male = p.words("male")
        self.given_names = self.female | self.male  # built once: `given_name` is asked for every run of names
        self._head_cache: dict[str, bool] = {}

    def modifier(self, word: str) -> bool:
        """A lowercase word that may sit inside a title ("russe", "adjoint"), not a verb."""
        return _modifier(word, self)

    def given_name(self, word: str) -> bool:
        w = word.casefold()
        return w in self.given_names or w.split("-")[0] in self.given_names

    def gender_of_given_name(self, word: str) -> str | None:
        w = word.casefold()
        for key in (w, w.split("-")[0]):
            f, m = key in self.female, key in self.male
            if f != m:
                return "f" if f else "m"
        return None

    def is_head(self, word: str) -> bool:
        """A word that heads a title: "ministre", "vice-président", "Kreml-Sprecher", "Außenminister"."""
        known = self._head_cache.get(word)  # by the word as written: asked for most words, many times
        if known is None:
            w = word.casefold()
            known = (
                w in self.heads
                or any(part in self.heads for part in w.split("-") if part and "-" in w)
                or any(w.endswith(s) and len(w) > len(s) for s in self.head_suffixes)
                or w in self.head_suffixes
            )
            self._head_cache[word] = known
        return known

    def head_length(self, ws: list[Word], i: int) -> int:
        """How many words the title head starting at word i spans (0: none)."""
        if i >= len(ws):
            return 0
        for parts in self.multi_heads.get(ws[i].text.casefold(), ()):
            n = len(parts)
            if i + n <= len(ws) and all(ws[i + k].text.casefold() == parts[k] for k in range(n)):
                return n
        return 1 if i < len(ws) and self.is_head(ws[i].text) else 0


def _find(doc: Document, ctx: Context) -> PersonMentions:
    lex = lexicon(ctx)
    kb = ctx.knowledge
    mentions: list[Mention] = []
    for sentence in doc.sentences:
        ws = doc.words_in(sentence)
        runs = _name_runs(ws, lex, kb, doc.lang)
        previous_end = 0
        for i, j, complement in runs:
            m = _mention(doc, ws, i, j, sentence, lex, kb, previous_end, complement)
            if m.evidence:
                previous_end = j  # a later title never reaches back across a person's name
            mentions.append(m)
    people = [m for m in mentions if m.evidence]
    surnames = {fold(m.words[-1]) for m in people if len(m.words) >= 2}
    for m in mentions:
        if m.evidence or (len(m.words) == 1 and m.name.casefold() in lex.not_names and m.title is None):
            continue
        if len(m.words) == 1 and kb is not None and bool(kb.people_with_surname(m.name)):
            m.evidence.add("kb-surname")
        elif fold(m.words[-1]) in surnames:
            m.short = len(m.words) == 1
            m.evidence.add("surname")
        elif len(m.words) == 1:
            base = _genitive_base(m.name, lex)
            if base and (fold(base) in surnames or (kb is not None and bool(kb.people_with_surname(base)))):
                _trim_end(m, len(m.name) - len(base), base)
                m.short = True
                m.evidence.update({"surname", "genitive"})
    kept = [m for m in mentions if m.evidence]
    return PersonMentions(kept, _group(kept))


def _mention(
    doc: Document,
    ws: list[Word],
    i: int,
    j: int,
    sentence: Span,
    lex: Lexicon,
    kb: object,
    floor: int,
    complement: bool = False,
) -> Mention:
    name_words = ws[i:j]
    start, end = name_words[0].start, name_words[-1].end
    name = " ".join(doc.text[start:end].split())
    title, det, det_span = (None, None, None) if complement else _title_before(ws, i, lex, floor=floor)
    m = Mention(start, end, name, sentence, title, det, determiner_span=det_span)
    if kb is not None:
        m.person = kb.find_person(name, doc.lang)
        if m.person is None:
            base = _genitive_base(name, lex)
            if base:
                person = kb.find_person(base, doc.lang)
                if person is not None:
                    m.person = person
                    _trim_end(m, len(name) - len(base), base)
                    m.evidence.add("genitive")
        if m.person is not None:
            m.evidence.add("kb")
    if len(m.words) >= 2 and lex.given_name(m.words[0]):
        m.evidence.add("given-name")
    if title is not None and len(m.words) >= 2:
        m.evidence.add("title")
    if len(m.words) >= 2 and kb is not None and m.person is None and bool(kb.people_with_surname(m.words[-1])):
        m.evidence.add("kb-surname")
    return m


def _trim_end(m: Mention, n: int, name: str) -> None:
    m.end -= n
    m.name = name


def _genitive_base(name: str, lex: Lexicon) -> str | None:
    """ "Merkels" -> "Merkel" where the language forms a genitive on names by a suffix."""
    for suffix in lex.genitive_suffixes:
        if name.casefold().endswith(suffix) and len(name) > len(suffix) + 2:
            return name[: -len(suffix)]
    return None


_MAX_PARTICLES = 2  # "von der", "de la", "van den"


def _particles_at(ws: list[Word], j: int, lex: Lexicon) -> int:
    """How many particles, one to `_MAX_PARTICLES`, stand at j, each written next to the word before."""
    k = j
    while k < len(ws) and k - j < _MAX_PARTICLES and ws[k].text.casefold() in lex.particles:
        if not _adjacent(ws[k - 1], ws[k]):
            break
        k += 1
    return k - j


def _name_runs(ws: list[Word], lex: Lexicon, kb: object = None, lang: str = "und") -> list[tuple[int, int, bool]]:
    """Index ranges of runs of capitalised words joined by particles, initials or hyphens, and
    whether the run is the complement of a title rather than the name it introduces
    ("la directrice du cabinet de Ségolène Royal": Ségolène Royal is not the director)."""
    runs = []
    n = len(ws)
    find = getattr(kb, "find_person", None)
    free = 0  # the first word that is not part of a run already found
    # A name word is capitalised: only those words can start a run (the rest are most words).
    for start in [k for k, w in enumerate(ws) if w.text[:1].isupper()]:
        if start < free or not _name_word(ws, start, lex):
            continue
        i, j = start, start + 1
        while j < n:
            if _name_word(ws, j, lex) and _adjacent(ws[j - 1], ws[j]):
                j += 1
            elif (p := _particles_at(ws, j, lex)) and j + p < n and _name_word(ws, j + p, lex):
                j += p + 1  # "Charles de Gaulle", "Ursula von der Leyen"
            elif ws[j].text == "." and len(ws[j - 1].text) == 1 and j + 1 < n and _name_word(ws, j + 1, lex):
                j += 1  # an initial: "John F. Kennedy"
            elif (
                ws[j].text == "."
                and len(ws[j - 1].text) == 1
                and j + 2 < n
                and ws[j + 1].text == "-"
                and len(ws[j + 2].text) == 1
                and ws[j + 2].text.isupper()
                and ws[j + 1].start == ws[j].end
                and ws[j + 2].start == ws[j + 1].end
            ):
                j += 3  # "J.-Y. Le Drian"
            elif _prefix_apostrophe(ws, j - 1, lex):
                j += 2  # "O’Brien"
            else:
                break
        end = j
        # A run may start with words capitalised for other reasons: a title, a courtesy title, or a
        # function word opening the sentence (mid-sentence, "Ce" in "le président chinois Ce Jinping"
        # is a name).
        honorific = False
        while i < j:
            t = ws[i].text
            if t.casefold() in lex.honorifics or (honorific and t == "."):
                honorific = True  # "M. Le Drian": after a courtesy title, "Le" is part of the name
            elif not (
                lex.is_head(t)
                or t in _APOSTROPHES
                or t == "."
                or (not honorific and t.casefold() in lex.not_names and (i == 0 or ws[i - 1].text in _BREAKS))
            ):
                break
            i += 1
        # "Russian Foreign Minister Sergei Lavrov": the name starts after the last title word;
        # what stands before that title may be another name ("Merkels Nachfolger Olaf Scholz").
        for k in range(j - 2, i - 1, -1):
            if lex.is_head(ws[k].text):
                runs.extend(_prefix_run(ws, i, k, lex))
                i = k + 1
                break
        while i < j - 1 and ws[i].text.casefold() in lex.places:
            i += 1  # "porte-parole du Kremlin Dmitri Peskov": the institution is not part of the name
        while j > i and ws[j - 1].text in ".'’-":
            j -= 1
        complement = False
        if i < j and _after_title_connector(ws, i, lex):
            k = _complement_split(ws, i, j, lex, kb, lang)
            complement = k == i
            i = k
        elif (
            2 <= j - i <= _LONGEST_NAME
            and not lex.given_name(ws[i].text)
            and not (find is not None and find(" ".join(w.text for w in ws[i:j]), lang) is not None)
        ):
            # "le Norvégien Jens Stoltenberg", "Chief Executive Tim Cook": capitalised words before a
            # name the knowledge base knows or a given name starts
            for k in range(i + 1, j - 1):
                if ws[k].text[:1].isupper() and (
                    lex.given_name(ws[k].text)
                    or (find is not None and find(" ".join(w.text for w in ws[k:j]), lang) is not None)
                ):
                    runs.extend(_prefix_run(ws, i, k, lex))
                    i = k
                    break
        if i < j and not all(w.text.casefold() in lex.places for w in ws[i:j]):
            runs.append((i, j, complement))
        free = max(end, i + 1)
    return runs


def _prefix_run(ws: list[Word], i: int, k: int, lex: Lexicon) -> list[tuple[int, int, bool]]:
    """What stands before a title or a name in one capitalised run, as a candidate of its own."""
    while k > i and (ws[k - 1].text.casefold() in lex.particles or lex.is_head(ws[k - 1].text)):
        k -= 1
    return [(i, k, False)] if i < k and ws[i].text[:1].isupper() else []


def _after_title_connector(ws: list[Word], i: int, lex: Lexicon) -> bool:
    """Is word i right after a connector of a title ("du" in "porte-parole du Kremlin ...")?"""
    k = i - 1
    if k >= 0 and ws[k].text in _APOSTROPHES:
        k -= 1
    if k < 0:
        return False
    w = ws[k].text.casefold()
    if w in lex.determiners and k > 0 and ws[k - 1].text.casefold() in lex.connectors:
        k -= 1  # "de la République"
    elif w not in lex.connectors:
        return False
    for back in range(k - 1, max(-1, k - _TITLE_SCAN), -1):
        t = ws[back].text
        tf = t.casefold()
        if lex.is_head(t) or lex.head_length(ws, back) > 1:
            return True
        if t in _BREAKS or not (
            t in _APOSTROPHES
            or t[:1].isupper()
            or tf in lex.connectors
            or tf in lex.determiners
            or tf in lex.places
            or _modifier(tf, lex)
            or _complement_noun(ws, back, lex)
        ):
            return False
    return False


def _complement_split(ws: list[Word], i: int, j: int, lex: Lexicon, kb: object, lang: str) -> int:
    """In "du Kremlin Dmitri Peskov", where the complement of the title ends and the name starts.

    The whole run when the knowledge base knows it or it starts with a given name; else the first
    word the knowledge base or a given name starts a name at; of two words, the second when it is a
    surname the knowledge base knows ("d’État Blinken"); otherwise the whole run, a complement.
    """
    find = getattr(kb, "find_person", None) if j - i <= _LONGEST_NAME else None
    if find is not None and find(" ".join(w.text for w in ws[i:j]), lang) is not None:
        return i
    if lex.given_name(ws[i].text):
        return i
    for k in range(i + 1, j):
        if ws[k].text in ".'’":
            continue
        if (find is not None and find(" ".join(w.text for w in ws[k:j]), lang) is not None) or (
            k < j - 1 and lex.given_name(ws[k].text)
        ):
            return k
    if j - i == 2 and kb is not None and bool(kb.people_with_surname(ws[i + 1].text)):
        return i + 1
    return i


def _prefix_apostrophe(ws: list[Word], k: int, lex: Lexicon) -> bool:
    """ "O’Brien", "D’Alema"-like: a capital letter, an apostrophe, a capitalised word glued to both."""
    if k + 2 >= len(ws) or ws[k + 1].text not in _APOSTROPHES:
        return False
    a, b = ws[k], ws[k + 2]
    return (
        len(a.text) == 1
        and a.text.isupper()
        and a.text.casefold() not in lex.determiners
        and a.text.casefold() not in lex.connectors
        and ws[k + 1].start == a.end
        and b.start == ws[k + 1].end
        and b.text[:1].isupper()
    )


def _adjacent(a: Word, b: Word) -> bool:
    return b.start - a.end <= 1


def _name_word(ws: list[Word], i: int, lex: Lexicon) -> bool:
    w = ws[i].text
    if not w[:1].isupper() or not w[:1].isalpha():
        return False
    if len(w) > 1 and w.isupper():
        return False  # acronyms (NATO, AFP) and headlines in capitals
    if i + 1 < len(ws) and ws[i + 1].text in _APOSTROPHES and i + 2 < len(ws) and ws[i + 2].start == ws[i + 1].end:
        # "L’ambassadeur", "D’autres": an elided article, not a name (but "O’Brien" is one)
        if len(w) == 1:
            return _prefix_apostrophe(ws, i, lex)
        return w.casefold() not in lex.determiners and w.casefold() not in lex.connectors
    return True


def _title_before(ws: list[Word], i: int, lex: Lexicon, floor: int = 0) -> tuple[Span | None, str | None, Span | None]:
    """The title right before word i (not reaching back into the previous name, which ends at
    `floor`), the determiner that introduces it, if any, and where that determiner is."""
    j = i - 1
    while j >= 0 and (ws[j].text.casefold() in lex.honorifics or ws[j].text == "."):
        j -= 1
    head_at = None
    k = j
    det = None
    steps = 0
    while k >= floor and steps < _TITLE_SCAN:
        t = ws[k].text
        tf = t.casefold()
        if t in _BREAKS:
            break
        if t in _APOSTROPHES:
            k -= 1
            continue
        if tf in lex.determiners:
            b = k - 1
            if b >= 0 and ws[b].text in _APOSTROPHES:
                b -= 1
            before = ws[b].text if b >= 0 else ""
            # After a connector, a determiner opens the title's complement ("de la chambre"); so does
            # one that is also a connector after a title word (German "Sprecher der Regierung").
            if not (before.casefold() in lex.connectors or (tf in lex.connectors and before and lex.is_head(before))):
                # "L’ancien", "the former": the outermost determiner
                while b >= floor and ws[b].text.casefold() in lex.determiners:
                    k = b
                    b -= 1
                    if b >= 0 and ws[b].text in _APOSTROPHES:
                        b -= 1
                det = ws[k].text
                break
        if head_at is not None and tf in lex.connectors and _complement_head(ws, k, head_at, lex):
            # "la conseillère du président américain Joe Biden", "adviser to President Joe Biden":
            # the name goes with the title it follows, the head of the complement
            det = None
            break
        if (lex.is_head(t) or (k + 1 <= j and lex.head_length(ws, k) > 1)) and not (
            k > 0 and ws[k - 1].text.casefold() in lex.auxiliaries
        ):
            head_at = k
        elif not (
            t[:1].isupper()
            or tf in lex.connectors
            or tf in lex.places
            or tf in lex.determiners
            or _modifier(tf, lex)
            or _complement_noun(ws, k, lex)
        ):
            break
        k -= 1
        steps += 1
    if head_at is None:
        return None, None, None
    start = head_at
    if det is not None and any(ws[x].text.casefold() in lex.connectors for x in range(k + 1, head_at)):
        det = None  # "his challenge to President Joe Biden": the determiner is another noun's
    if det is not None:
        start = k + 1  # "el vice primer ministro": what follows the determiner belongs to the title
        while ws[start].text in _APOSTROPHES:
            start += 1
    # extend left over capitalised modifiers and nationality words ("Russian Foreign Minister")
    while start - 1 > k and (
        (
            lex.capitalised_modifiers
            and ws[start - 1].text[:1].isupper()
            and ws[start - 1].text.casefold() not in lex.not_names
        )
        or ws[start - 1].text.casefold() in lex.places
    ):
        start -= 1
    end_word = ws[j]
    # "L’ancien premier ministre": what stands between the determiner and the title is part of it
    if det is not None and all(
        ws[x].text in _APOSTROPHES or ws[x].text.casefold() in lex.determiners for x in range(k + 1, start)
    ):
        return Span(ws[start].start, end_word.end), det, Span(ws[k].start, ws[k].end)
    return Span(ws[start].start, end_word.end), None, None


def _complement_head(ws: list[Word], k: int, head_at: int, lex: Lexicon) -> bool:
    """Does the title head at `head_at` directly follow the connector at k (determiners aside), so
    that it heads the complement of another title rather than continuing one ("commandant en chef")?"""
    if any(not (ws[x].text in _APOSTROPHES or ws[x].text.casefold() in lex.determiners) for x in range(k + 1, head_at)):
        return False
    # not a head of several words around the connector ("commandant en chef")
    return not any(b >= 0 and b + lex.head_length(ws, b) > k for b in (k - 1, k - 2))


def _complement_noun(ws: list[Word], k: int, lex: Lexicon) -> bool:
    """A lowercase word right after a connector or determiner is a noun of the title's complement
    ("du parlement", "du gouvernement"), whatever its ending."""
    b = k - 1
    if b >= 0 and ws[b].text in _APOSTROPHES:
        b -= 1
    return (
        b >= 0
        and ws[k].text.isalpha()
        and (ws[b].text.casefold() in lex.connectors or ws[b].text.casefold() in lex.determiners)
    )


def _modifier(word: str, lex: Lexicon | None = None) -> bool:
    """Lowercase words that may sit inside a title: adjectives of nationality, 'adjoint', 'intérim'...

    Without a part-of-speech tagger, accept words that do not end like the language's verb forms
    (`titles.verb_endings`: "é", "ait" in French, "ed", "ing" in English) and are not one of its
    copulas or auxiliaries (`titles.verbs`); a verb stops the scan.
    """
    if lex is not None and (word.endswith(lex.verb_endings) or word in lex.verbs):
        return False
    return len(word) > 2 and word.replace("-", "").isalpha()


def _has_given_name(m: Mention) -> bool:
    return "given-name" in m.evidence


def _group(mentions: list[Mention]) -> dict[int, list[Mention]]:
    """Group mentions of one person.

    Full names group by knowledge-base entry, else by the name itself: "Joe Biden" and "Jill Biden"
    are two people. A surname alone joins the group of a fuller mention with that surname; when
    several people share it, the one mentioned last before it (or, failing that, first after it),
    and the mention's evidence says "ambiguous".
    """
    groups: dict[int, list[Mention]] = defaultdict(list)
    by_person: dict[str, int] = {}
    by_name: dict[str, int] = {}
    by_surname: dict[str, list[int]] = defaultdict(list)
    seen_at: dict[int, list[int]] = defaultdict(list)  # sorted starts of each group's mentions
    by_tail: dict[str, int] = {}  # "van kerkhove" -> the group of "Maria Van Kerkhove"
    ordered = sorted(mentions, key=lambda m: (-len(m.words), m.start))
    for m in ordered:
        surname = fold(m.words[-1])
        if len(m.words) >= 2 or (m.person is not None and m.person.id in by_person):
            if m.person is not None and m.person.id in by_person:
                gid = by_person[m.person.id]
            elif m.person is None and fold(m.name) in by_name:
                gid = by_name[fold(m.name)]
            elif m.person is None and fold(m.name) in by_tail and not _has_given_name(m):
                gid = by_tail[fold(m.name)]
                m.short = True
            else:
                gid = len(groups)
            for k in range(1, len(m.words)):
                by_tail.setdefault(fold(" ".join(m.words[k:])), gid)
        else:
            candidates = by_surname.get(surname, [])
            if not candidates:
                gid = by_person.get(m.person.id, len(groups)) if m.person is not None else len(groups)
            elif len(candidates) == 1:
                gid = candidates[0]
            else:
                m.evidence.add("ambiguous")
                earlier = []
                for g in candidates:
                    at = bisect.bisect_left(seen_at[g], m.start)
                    if at:
                        earlier.append((seen_at[g][at - 1], g))
                gid = max(earlier)[1] if earlier else candidates[0]
        if m.person is not None:
            by_person.setdefault(m.person.id, gid)
        by_name.setdefault(fold(m.name), gid)
        if gid not in by_surname[surname]:
            by_surname[surname].append(gid)
        m.group = gid
        groups[gid].append(m)
        bisect.insort(seen_at[gid], m.start)
    for ms in groups.values():
        ms.sort(key=lambda m: m.start)
    mentions.sort(key=lambda m: m.start)
    return dict(groups)
