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
from typing import TYPE_CHECKING, Any

from ..derived import Answers
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
    # the words of `name`, split once (rules ask for them many times): `trim_end` keeps them in step
    words: list[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        self.words = self.name.split()

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

    def person_of(self, m: Mention, knowledge: Any = None) -> Person | None:
        """The mention's person: its own, else its group's ("Borrell" after "Josep Borrell"); with a
        knowledge source, else for a name of one word the one person it knows with that surname."""
        if m.person is not None:
            return m.person
        found = next((x.person for x in self.groups.get(m.group, ()) if x.person is not None), None)
        if found is None and knowledge is not None and len(m.words) == 1:
            people = knowledge.people_with_surname(m.name)
            found = people[0] if len(people) == 1 else None
        return found


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
        self.verbs = frozenset(p.words("titles.verbs")) | p.words("titles.prepositions")  # both end a title
        self.places = {k.casefold() for k in p.table("nationality")} | {k.casefold() for k in p.table("institution")}
        self.female = p.words("female")
        self.male = p.words("male")
        self.given_names = self.female | self.male  # built once: `given_name` is asked for every run of names
        # What depends on the word alone, by the word (heads as written, modifiers case-folded): asked
        # for most words of most sentences, many times, and a hit is one dictionary lookup in C.
        self.head_of: dict[str, bool] = Answers(self._is_head)
        self.modifier_of: dict[str, bool] = Answers(self.modifier)

    def modifier(self, word: str) -> bool:
        """A lowercase word that may sit inside a title ("russe", "adjoint"), not a verb."""
        return _modifier(word, self)

    def given_name(self, word: str) -> bool:
        return self.folded_given_name(word.casefold())

    def folded_given_name(self, w: str) -> bool:
        """`given_name` of a word already case-folded."""
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
        return self.head_of[word]

    def _is_head(self, word: str) -> bool:
        w = word.casefold()
        return (
            w in self.heads
            or any(part in self.heads for part in w.split("-") if part and "-" in w)
            or any(w.endswith(s) and len(w) > len(s) for s in self.head_suffixes)
            or w in self.head_suffixes
        )

    def head_length(self, ws: list[Word], i: int) -> int:
        """How many words the title head starting at word i spans (0: none)."""
        if i >= len(ws):
            return 0
        for parts in self.multi_heads.get(ws[i].text.casefold(), ()):
            n = len(parts)
            if i + n <= len(ws) and all(ws[i + k].text.casefold() == parts[k] for k in range(n)):
                return n
        return 1 if i < len(ws) and self.is_head(ws[i].text) else 0

    def multi_head(self, low: list[str], i: int) -> int:
        """How many words the title head of several words starting at word i spans (0: none), in a
        sentence's words case-folded; `head_length` but for heads of one word."""
        if i >= len(low):
            return 0
        for parts in self.multi_heads.get(low[i], ()):
            n = len(parts)
            if i + n <= len(low) and tuple(low[i : i + n]) == parts:
                return n
        return 0


class _Lookups:
    """The knowledge base's answers for one document, each name or word asked once: the scan of a
    run and its mention ask about the same names, and an article repeats its people's names.

    Whether a word is a known surname is kept with the knowledge object, for every article: only the
    embedded snapshot answers it (`Knowledge._optional`), the same each time, and the words recur
    from article to article. Who a name is stays the document's, unless every source answers from
    fixed data (`Knowledge.fixed_answers`): an online source may have something to say to this
    article about it."""

    def __init__(self, kb: Any, lang: str) -> None:
        self.kb = kb
        self.lang = lang
        derive = getattr(kb, "derive", None)
        self._surnames = derive("persons.surnames", _surname_answers) if derive is not None else _surname_answers(kb)
        self._people: dict[str, Person | None] = (
            derive(("persons.people", lang), lambda k: _person_answers(k, lang))
            if derive is not None and getattr(kb, "fixed_answers", False)
            else _person_answers(kb, lang)
        )

    def person(self, name: str) -> Person | None:
        """The person known under exactly this name (`find_person`)."""
        return self._people[name]

    def is_surname(self, word: str) -> bool:
        """Is `word` the surname of someone the knowledge base knows?"""
        return self._surnames[word]


def _surname_answers(kb: Any) -> Answers:
    return Answers(lambda word: bool(kb.people_with_surname(word)))


def _person_answers(kb: Any, lang: str) -> Answers:
    return Answers(lambda name: kb.find_person(name, lang))


def _find(doc: Document, ctx: Context) -> PersonMentions:
    lex = lexicon(ctx)
    kb = ctx.knowledge
    look = _Lookups(kb, doc.lang) if kb is not None else None
    words, starts, capitalised = doc.words, doc.word_starts, doc.capitalised
    # Every word case-folded once: the scans below compare most words with the lexicon several times.
    folded = doc.folded_words
    mentions: list[Mention] = []
    # A one-word name with no evidence yet is kept only if a later reading finds some (most are not):
    # the title before it is looked for then. Its index in `mentions` -> `_title_before`'s arguments.
    deferred: dict[int, tuple[list[Word], list[str], int, Lexicon, int]] = {}
    for sentence in doc.sentences:
        a, b = bisect.bisect_left(starts, sentence.start), bisect.bisect_left(starts, sentence.end)
        ws, low = words[a:b], folded[a:b]  # (as `doc.words_in(sentence)`)
        # A name word is capitalised: only those words can start a run (the rest are most words).
        caps = capitalised[bisect.bisect_left(capitalised, a) : bisect.bisect_left(capitalised, b)]
        runs = _name_runs(ws, low, [k - a for k in caps], lex, look)
        previous_end = 0
        for i, j, complement in runs:
            m = _mention(doc, ws, low, i, j, sentence, lex, look, previous_end, complement)
            if m.evidence:
                previous_end = j  # a later title never reaches back across a person's name
            elif not complement and len(m.words) == 1:
                deferred[len(mentions)] = (ws, low, i, lex, previous_end)
            mentions.append(m)
    people = [m for m in mentions if m.evidence]
    surnames = {fold(m.words[-1]) for m in people if len(m.words) >= 2}
    for k, m in enumerate(mentions):
        if m.evidence:
            continue
        one_word = len(m.words) == 1
        if one_word and m.name.casefold() in lex.not_names and _settle_title(m, deferred.pop(k, None)) is None:
            continue
        if one_word and look is not None and look.is_surname(m.name):
            m.evidence.add("kb-surname")
        elif fold(m.words[-1]) in surnames:
            m.short = one_word
            m.evidence.add("surname")
        elif one_word:
            base = _genitive_base(m.name, lex)
            if base and (fold(base) in surnames or (look is not None and look.is_surname(base))):
                _trim_end(m, len(m.name) - len(base), base)
                m.short = True
                m.evidence.update({"surname", "genitive"})
    kept = []
    for k, m in enumerate(mentions):
        if m.evidence:
            _settle_title(m, deferred.get(k))
            kept.append(m)
    return PersonMentions(kept, _group(kept))


def _settle_title(m: Mention, deferred: tuple[list[Word], list[str], int, Lexicon, int] | None) -> Span | None:
    """The mention's title, looked for now if it was deferred (`_find`)."""
    if deferred is not None:
        ws, low, i, lex, floor = deferred
        m.title, m.determiner, m.determiner_span = _title_before(ws, low, i, lex, floor=floor)
    return m.title


# The scans below take a sentence's words `ws` with `low`, their texts case-folded (`low[k]` is
# `ws[k].text.casefold()`), and index both alike.


def _mention(
    doc: Document,
    ws: list[Word],
    low: list[str],
    i: int,
    j: int,
    sentence: Span,
    lex: Lexicon,
    look: _Lookups | None,
    floor: int,
    complement: bool = False,
) -> Mention:
    start, end = ws[i].start, ws[j - 1].end
    name = " ".join(doc.text[start:end].split())
    m = Mention(start, end, name, sentence)
    if look is not None:
        m.person = look.person(name)
        if m.person is None:
            base = _genitive_base(name, lex)
            if base:
                person = look.person(base)
                if person is not None:
                    m.person = person
                    _trim_end(m, len(name) - len(base), base)
                    m.evidence.add("genitive")
        if m.person is not None:
            m.evidence.add("kb")
    words = m.words  # (after a genitive is trimmed)
    if not complement and (len(words) >= 2 or m.evidence):  # (else `_find` looks for it if it must)
        m.title, m.determiner, m.determiner_span = _title_before(ws, low, i, lex, floor=floor)
    if len(words) >= 2:
        if lex.given_name(words[0]):
            m.evidence.add("given-name")
        if m.title is not None:
            m.evidence.add("title")
        if look is not None and m.person is None and look.is_surname(words[-1]):
            m.evidence.add("kb-surname")
    return m


def _trim_end(m: Mention, n: int, name: str) -> None:
    m.end -= n
    m.name = name
    m.words = name.split()


def _genitive_base(name: str, lex: Lexicon) -> str | None:
    """ "Merkels" -> "Merkel" where the language forms a genitive on names by a suffix."""
    if not lex.genitive_suffixes:
        return None
    folded = name.casefold()
    for suffix in lex.genitive_suffixes:
        if folded.endswith(suffix) and len(name) > len(suffix) + 2:
            return name[: -len(suffix)]
    return None


_MAX_PARTICLES = 2  # "von der", "de la", "van den"


def _particles_at(ws: list[Word], low: list[str], j: int, lex: Lexicon) -> int:
    """How many particles, one to `_MAX_PARTICLES`, stand at j, each written next to the word before."""
    k = j
    while k < len(ws) and k - j < _MAX_PARTICLES and low[k] in lex.particles:
        if not _adjacent(ws[k - 1], ws[k]):
            break
        k += 1
    return k - j


def _name_runs(
    ws: list[Word], low: list[str], capitalised: list[int], lex: Lexicon, look: _Lookups | None
) -> list[tuple[int, int, bool]]:
    """Index ranges of runs of capitalised words joined by particles, initials or hyphens, and
    whether the run is the complement of a title rather than the name it introduces
    ("la directrice du cabinet de Ségolène Royal": Ségolène Royal is not the director).
    `capitalised`: the indexes of the words that start with a capital, where a run may start."""
    runs = []
    n = len(ws)
    find = look.person if look is not None else None
    head_of, places = lex.head_of, lex.places
    particles, honorifics, not_names = lex.particles, lex.honorifics, lex.not_names
    free = 0  # the first word that is not part of a run already found
    for start in capitalised:
        if start < free or not _name_word(ws, low, start, lex):
            continue
        i, j = start, start + 1
        while j < n:
            # Most words end a run: each test below first looks at the word itself (a capital, a
            # particle, a full stop, an apostrophe), what its helper would look at first.
            t = ws[j].text
            if t[:1].isupper() and _name_word(ws, low, j, lex) and ws[j].start - ws[j - 1].end <= 1:
                j += 1
            elif (
                low[j] in particles
                and (p := _particles_at(ws, low, j, lex))
                and j + p < n
                and _name_word(ws, low, j + p, lex)
            ):
                j += p + 1  # "Charles de Gaulle", "Ursula von der Leyen"
            elif t == "." and len(ws[j - 1].text) == 1 and j + 1 < n and _name_word(ws, low, j + 1, lex):
                j += 1  # an initial: "John F. Kennedy"
            elif (
                t == "."
                and len(ws[j - 1].text) == 1
                and j + 2 < n
                and ws[j + 1].text == "-"
                and len(ws[j + 2].text) == 1
                and ws[j + 2].text.isupper()
                and ws[j + 1].start == ws[j].end
                and ws[j + 2].start == ws[j + 1].end
            ):
                j += 3  # "J.-Y. Le Drian"
            elif t in _APOSTROPHES and _prefix_apostrophe(ws, low, j - 1, lex):
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
            if low[i] in honorifics or (honorific and t == "."):
                honorific = True  # "M. Le Drian": after a courtesy title, "Le" is part of the name
            elif not (
                head_of[t]
                or t in _APOSTROPHES
                or t == "."
                or (not honorific and low[i] in not_names and (i == 0 or ws[i - 1].text in _BREAKS))
            ):
                break
            i += 1
        # "Russian Foreign Minister Sergei Lavrov": the name starts after the last title word;
        # what stands before that title may be another name ("Merkels Nachfolger Olaf Scholz").
        for k in range(j - 2, i - 1, -1):
            if head_of[ws[k].text]:
                runs.extend(_prefix_run(ws, low, i, k, lex))
                i = k + 1
                break
        while i < j - 1 and low[i] in places:
            i += 1  # "porte-parole du Kremlin Dmitri Peskov": the institution is not part of the name
        while j > i and ws[j - 1].text in ".'’-":
            j -= 1
        complement = False
        if i < j and _after_title_connector(ws, low, i, lex):
            k = _complement_split(ws, low, i, j, lex, look)
            complement = k == i
            i = k
        elif (
            2 <= j - i <= _LONGEST_NAME
            and not lex.folded_given_name(low[i])
            and not (find is not None and find(" ".join(w.text for w in ws[i:j])) is not None)
        ):
            # "le Norvégien Jens Stoltenberg", "Chief Executive Tim Cook": capitalised words before a
            # name the knowledge base knows or a given name starts
            for k in range(i + 1, j - 1):
                if ws[k].text[:1].isupper() and (
                    lex.folded_given_name(low[k])
                    or (find is not None and find(" ".join(w.text for w in ws[k:j])) is not None)
                ):
                    runs.extend(_prefix_run(ws, low, i, k, lex))
                    i = k
                    break
        if i < j and not places.issuperset(low[i:j]):
            runs.append((i, j, complement))
        free = max(end, i + 1)
    return runs


def _prefix_run(ws: list[Word], low: list[str], i: int, k: int, lex: Lexicon) -> list[tuple[int, int, bool]]:
    """What stands before a title or a name in one capitalised run, as a candidate of its own."""
    while k > i and (low[k - 1] in lex.particles or lex.is_head(ws[k - 1].text)):
        k -= 1
    return [(i, k, False)] if i < k and ws[i].text[:1].isupper() else []


def _after_title_connector(ws: list[Word], low: list[str], i: int, lex: Lexicon) -> bool:
    """Is word i right after a connector of a title ("du" in "porte-parole du Kremlin ...")?"""
    k = i - 1
    if k >= 0 and ws[k].text in _APOSTROPHES:
        k -= 1
    if k < 0:
        return False
    w = low[k]
    if w in lex.determiners and k > 0 and low[k - 1] in lex.connectors:
        k -= 1  # "de la République"
    elif w not in lex.connectors:
        return False
    head_of, multi_heads, modifier_of = lex.head_of, lex.multi_heads, lex.modifier_of
    for back in range(k - 1, max(-1, k - _TITLE_SCAN), -1):
        t = ws[back].text
        tf = low[back]
        if head_of[t] or (tf in multi_heads and lex.multi_head(low, back) > 1):
            return True
        if t in _BREAKS or not (
            t in _APOSTROPHES
            or t[:1].isupper()
            or tf in lex.connectors
            or tf in lex.determiners
            or tf in lex.places
            or modifier_of[tf]
            or _complement_noun(ws, low, back, lex)
        ):
            return False
    return False


def _complement_split(ws: list[Word], low: list[str], i: int, j: int, lex: Lexicon, look: _Lookups | None) -> int:
    """In "du Kremlin Dmitri Peskov", where the complement of the title ends and the name starts.

    The whole run when the knowledge base knows it or it starts with a given name; else the first
    word the knowledge base or a given name starts a name at; of two words, the second when it is a
    surname the knowledge base knows ("d’État Blinken"); otherwise the whole run, a complement.
    """
    find = look.person if look is not None and j - i <= _LONGEST_NAME else None
    if find is not None and find(" ".join(w.text for w in ws[i:j])) is not None:
        return i
    if lex.folded_given_name(low[i]):
        return i
    for k in range(i + 1, j):
        if ws[k].text in ".'’":
            continue
        if (find is not None and find(" ".join(w.text for w in ws[k:j])) is not None) or (
            k < j - 1 and lex.folded_given_name(low[k])
        ):
            return k
    if j - i == 2 and look is not None and look.is_surname(ws[i + 1].text):
        return i + 1
    return i


def _prefix_apostrophe(ws: list[Word], low: list[str], k: int, lex: Lexicon) -> bool:
    """ "O’Brien", "D’Alema"-like: a capital letter, an apostrophe, a capitalised word glued to both."""
    if k + 2 >= len(ws) or ws[k + 1].text not in _APOSTROPHES:
        return False
    a, b = ws[k], ws[k + 2]
    return (
        len(a.text) == 1
        and a.text.isupper()
        and low[k] not in lex.determiners
        and low[k] not in lex.connectors
        and ws[k + 1].start == a.end
        and b.start == ws[k + 1].end
        and b.text[:1].isupper()
    )


def _adjacent(a: Word, b: Word) -> bool:
    return b.start - a.end <= 1


def _name_word(ws: list[Word], low: list[str], i: int, lex: Lexicon) -> bool:
    w = ws[i].text
    if not w[:1].isupper() or not w[:1].isalpha():
        return False
    if len(w) > 1 and w.isupper():
        return False  # acronyms (NATO, AFP) and headlines in capitals
    if i + 1 < len(ws) and ws[i + 1].text in _APOSTROPHES and i + 2 < len(ws) and ws[i + 2].start == ws[i + 1].end:
        # "L’ambassadeur", "D’autres": an elided article, not a name (but "O’Brien" is one)
        if len(w) == 1:
            return _prefix_apostrophe(ws, low, i, lex)
        return low[i] not in lex.determiners and low[i] not in lex.connectors
    return True


def _title_before(
    ws: list[Word], low: list[str], i: int, lex: Lexicon, floor: int = 0
) -> tuple[Span | None, str | None, Span | None]:
    """The title right before word i (not reaching back into the previous name, which ends at
    `floor`), the determiner that introduces it, if any, and where that determiner is."""
    j = i - 1
    while j >= 0 and (low[j] in lex.honorifics or ws[j].text == "."):
        j -= 1
    head_at = None
    k = j
    det = None
    steps = 0
    head_of, multi_heads, modifier_of = lex.head_of, lex.multi_heads, lex.modifier_of
    while k >= floor and steps < _TITLE_SCAN:
        t = ws[k].text
        tf = low[k]
        if t in _BREAKS:
            break
        if t in _APOSTROPHES:
            k -= 1
            continue
        if tf in lex.determiners:
            b = k - 1
            if b >= 0 and ws[b].text in _APOSTROPHES:
                b -= 1
            before, before_low = (ws[b].text, low[b]) if b >= 0 else ("", "")
            # After a connector, a determiner opens the title's complement ("de la chambre"); so does
            # one that is also a connector after a title word (German "Sprecher der Regierung").
            if not (before_low in lex.connectors or (tf in lex.connectors and before and lex.is_head(before))):
                # "L’ancien", "the former": the outermost determiner
                while b >= floor and low[b] in lex.determiners:
                    k = b
                    b -= 1
                    if b >= 0 and ws[b].text in _APOSTROPHES:
                        b -= 1
                det = ws[k].text
                break
        if head_at is not None and tf in lex.connectors and _complement_head(ws, low, k, head_at, lex):
            # "la conseillère du président américain Joe Biden", "adviser to President Joe Biden":
            # the name goes with the title it follows, the head of the complement
            det = None
            break
        if (head_of[t] or (k + 1 <= j and tf in multi_heads and lex.multi_head(low, k) > 1)) and not (
            k > 0 and low[k - 1] in lex.auxiliaries
        ):
            head_at = k
        elif not (
            t[:1].isupper()
            or tf in lex.connectors
            or tf in lex.places
            or tf in lex.determiners
            or modifier_of[tf]
            or _complement_noun(ws, low, k, lex)
        ):
            break
        k -= 1
        steps += 1
    if head_at is None:
        return None, None, None
    start = head_at
    if det is not None and any(low[x] in lex.connectors for x in range(k + 1, head_at)):
        det = None  # "his challenge to President Joe Biden": the determiner is another noun's
    if det is not None:
        start = k + 1  # "el vice primer ministro": what follows the determiner belongs to the title
        while ws[start].text in _APOSTROPHES:
            start += 1
    # extend left over capitalised modifiers and nationality words ("Russian Foreign Minister")
    while start - 1 > k and (
        (lex.capitalised_modifiers and ws[start - 1].text[:1].isupper() and low[start - 1] not in lex.not_names)
        or low[start - 1] in lex.places
    ):
        start -= 1
    end_word = ws[j]
    # "L’ancien premier ministre": what stands between the determiner and the title is part of it
    if det is not None and all(ws[x].text in _APOSTROPHES or low[x] in lex.determiners for x in range(k + 1, start)):
        return Span(ws[start].start, end_word.end), det, Span(ws[k].start, ws[k].end)
    return Span(ws[start].start, end_word.end), None, None


def _complement_head(ws: list[Word], low: list[str], k: int, head_at: int, lex: Lexicon) -> bool:
    """Does the title head at `head_at` directly follow the connector at k (determiners aside), so
    that it heads the complement of another title rather than continuing one ("commandant en chef")?"""
    if any(not (ws[x].text in _APOSTROPHES or low[x] in lex.determiners) for x in range(k + 1, head_at)):
        return False
    # not a head of several words around the connector ("commandant en chef"); a head of one word
    # starting before k does not reach past it
    return not any(b >= 0 and b + lex.multi_head(low, b) > k for b in (k - 1, k - 2))


def _complement_noun(ws: list[Word], low: list[str], k: int, lex: Lexicon) -> bool:
    """A lowercase word right after a connector or determiner is a noun of the title's complement
    ("du parlement", "du gouvernement"), whatever its ending."""
    b = k - 1
    if b >= 0 and ws[b].text in _APOSTROPHES:
        b -= 1
    return b >= 0 and ws[k].text.isalpha() and (low[b] in lex.connectors or low[b] in lex.determiners)


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
