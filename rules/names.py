"""People's names: misspelled against the knowledge base, spelled two ways in one article, or with
the given name translated.

One analysis per document, shared by the three rules through `doc.memo`, in three parts: a `_Reading`
of the document (its capitalised words, the person mentions of lint/annotate/persons.py, the offices
it names, and the knowledge base's answers, each asked once), read by `_Misspellings` (points 1, 2
and 4 below: names.misspelling and names.given-name-translated, which score the same candidates) and
by `_Inconsistencies` (point 3: names.inconsistent); their fixes are then settled together.

1. Candidate names are the person mentions of lint/annotate/persons.py, runs of two to four
   capitalised words, and single capitalised words (a surname alone: "de Bidn.", "gouvernement Bidn.").
2. A run the knowledge base does not know is compared with the names of the people sharing one of its
   words or whose surname is within an edit distance that grows with length (rapidfuzz). A confidence
   combines the shape of the difference (one part exact and the other close, a hyphenated surname cut
   short, a surname replaced altogether) with the context: a title near the name naming an office the
   candidate held on the article's date counts strongly ("le président chinois Ce Jinping"), the same
   person correctly named elsewhere in the article, the office named elsewhere in it. A single word is
   compared only with people the article names or whose office it names. Names the knowledge base does
   not know are never reported as misspelled; its aliases and every language's spelling are correct.
3. Surnames of the article's people are compared with its other capitalised words: the form the
   knowledge base gives in the article's language wins, else the majority. Inflected and possessive
   forms (rules/data/<lang>/spelling.toml: "Merkels"; "Putin's" is a token and an apostrophe) are the
   same name; two people with the same surname are two people; different given names make
   different people.
4. A given name replaced by an equivalent ("Jean Kirby" for John Kirby) is found with the
   `[given_names]` tables of every language plus `[given_name_equivalents]`.

`allow-names` silences a name (as written, or any of its words) for all of these rules.

Findings with one suggestion carry a `Fix` of kind "name", applied only with `--fix-names` and from
confidence 0.9. Its confidence is the misspelling's, capped at 0.85 unless a title right by the name
names an office the person held on the article's date or the person is named correctly elsewhere in
the article; for a translated given name, the same on a base of 0.65; for an inconsistent spelling,
0.95 when the form the knowledge base gives is written elsewhere in the article, 0.7 for a mere
majority. Fixes that overlap must agree (one containing the other, the same change: the widest is
kept) or none of them is kept. A first name alone and a name whose words do not pair up with the
suggestion's ("John F. Kirbi") get no fix.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from functools import cache, cached_property, lru_cache
from typing import Any, NamedTuple

from rapidfuzz import process
from rapidfuzz.distance import OSA, Indel, Levenshtein

from lint.annotate.offices import OfficeMention, document_offices, holds
from lint.annotate.persons import person_mentions
from lint.derived import Answers
from lint.document import Document, Span
from lint.language import available_languages, load_profile
from lint.rule import Fix, Issue, accept, flag, rule
from lint.script import APOSTROPHES
from lint.text import fold, fold_name

THRESHOLD = 0.6
_DESCRIBED = re.compile(r"([^\W\d_]+)\s+([^\W\d_]+)\s+$")  # the two words ending right before a name
_APOSTROPHES = APOSTROPHES  # the marks of an elision (lint/data/script.toml)
# The confidence of a name fix (applied with --fix-names from 0.9, lint/fixes.py) is the rule's, but
# never above this without strong evidence: a title right by the name naming an office the person
# certainly held on the article's date, or the person named correctly elsewhere in the article.
UNSURE_FIX = 0.85


def max_edits(length: int) -> int:
    """How many edits a name of this length may differ by and still be the same name misspelled."""
    if length <= 3:
        return 0
    if length <= 8:
        return 1
    return 2


# -- data ---------------------------------------------------------------------------------------------
@lru_cache(maxsize=1)
def _given_name_groups() -> dict[str, frozenset[str]]:
    """normalised given name -> the equivalence groups it belongs to, across every language."""
    groups: dict[str, set[str]] = defaultdict(set)
    for lang in available_languages():
        profile = load_profile(lang)
        for table in ("given_names", "given_name_equivalents"):
            for key, forms in profile.table(table).items():
                for form in forms if isinstance(forms, list) else []:
                    if isinstance(form, str):
                        groups[fold_name(form)].add(key)
    return {k: frozenset(v) for k, v in groups.items()}


@cache
def _forms_by_group(lang: str) -> dict[str, frozenset[str]]:
    """A language's own forms of each given-name group (`given_names` of its people data), normalised."""
    table = load_profile(lang).table("given_names")
    return {
        k: frozenset(fold_name(f) for f in v if isinstance(f, str)) for k, v in table.items() if isinstance(v, list)
    }


@cache
def _groups_by_form(lang: str) -> dict[str, tuple[str, ...]]:
    """The inverse of `_forms_by_group`: a language's normalised given name -> the groups that list it
    (in the order of the table), to look a written given name up at once."""
    out: dict[str, list[str]] = defaultdict(list)
    for group, forms in _forms_by_group(lang).items():
        for form in forms:
            out[form].append(group)
    return {form: tuple(groups) for form, groups in out.items()}


@lru_cache(maxsize=4096)
def _groups_of(given: str) -> frozenset[str]:
    """The groups of a normalised given name; for a spelling no table lists ("Antony"), the groups
    of the listed names one edit away ("Anthony")."""
    groups = _given_name_groups()
    if given in groups:
        return groups[given]
    if len(given) < 5:
        return frozenset()
    near = process.extract(given, list(groups), scorer=Levenshtein.distance, score_cutoff=1, limit=None)
    return frozenset().union(*(groups[k] for k, _, _ in near))


@dataclass(frozen=True)
class _Lex:
    not_names: frozenset[str]
    heads: frozenset[str]
    head_words: frozenset[str]  # the words of titles of several words ("premier" of "premier ministre")
    honorifics: frozenset[str]
    particles: frozenset[str]
    places: frozenset[str]
    given: frozenset[str]
    suffixes: tuple[str, ...]
    stopwords: frozenset[str]


def _lex(profile: Any) -> _Lex:
    return profile.derive("names.lexicon", _read_lex)


def _read_lex(profile: Any) -> _Lex:
    places = {fold_name(k) for k in profile.table("nationality")} | {fold_name(k) for k in profile.table("institution")}
    return _Lex(
        not_names=frozenset(fold_name(w) for w in profile.words("names.not_names")),
        heads=frozenset(fold_name(w) for w in profile.words("titles.heads")),
        head_words=frozenset(
            part for w in profile.words("titles.heads") for part in re.split(r"[\s-]+", fold_name(w)) if len(part) > 3
        ),
        honorifics=frozenset(fold_name(w) for w in profile.words("names.honorifics")),
        particles=frozenset(fold_name(w) for w in profile.words("names.particles")),
        places=frozenset(places),
        given=frozenset(fold_name(w) for w in profile.words("female") | profile.words("male")),
        suffixes=tuple(sorted((s for s in profile.get("name_forms.suffixes", []) or [] if s), key=len, reverse=True)),
        stopwords=frozenset(fold_name(w) for w in profile.words("stopwords.words")),
    )


# -- the analysis ---------------------------------------------------------------------------------------
class _Tok(NamedTuple):
    """A capitalised word (a named tuple: an article has a few hundred of them)."""

    start: int
    end: int
    text: str
    key: str  # normalised
    index: int  # position among the document's words
    sentence_start: bool
    caps: bool  # written in capitals (a headline)


@dataclass
class _Run:
    toks: list[_Tok]
    source: str = ""  # the document's text, to read the run with its particles

    @property
    def start(self) -> int:
        return self.toks[0].start

    @property
    def end(self) -> int:
        return self.toks[-1].end

    @cached_property  # (a run's words are not changed once it is made)
    def text(self) -> str:
        if self.source:
            return " ".join(self.source[self.start : self.end].split())
        return " ".join(t.text for t in self.toks)

    @cached_property
    def key(self) -> str:
        return fold_name(self.text)


@dataclass
class Findings:
    misspelled: list[Issue] = field(default_factory=list)
    inconsistent: list[Issue] = field(default_factory=list)
    translated: list[Issue] = field(default_factory=list)


def findings(doc: Document, ctx) -> Findings:
    return doc.memo(ctx.key("names.findings"), lambda: _analyse(doc, ctx))


def _analyse(doc: Document, ctx) -> Findings:
    read = _Reading(doc, ctx)
    names = _Misspellings(read)
    names.find()
    spellings = _Inconsistencies(read)
    spellings.find()
    out = Findings(names.misspelled, spellings.found, names.translated)
    _settle_fixes(doc.source, (out.misspelled, out.inconsistent, out.translated))
    return out


_ANSWERS = 20_000  # answers kept per question, as the embedded knowledge base bounds its own


def _answers(kb: Any) -> tuple[dict, dict, dict, dict, dict]:
    """Where the knowledge base's answers to the name rules' questions are kept: people named so,
    with a surname, with a name word, surnames close to a word, and what a person's own names say
    (`_Reading.of_person`). With the knowledge object, for every article it serves: the questions are
    about words and records, which recur from article to article, and only the embedded snapshot
    answers the word questions (`Knowledge._optional`), the same answer each time. A source that
    cannot keep them (no `derive`) gets new ones for each article."""
    derive = getattr(kb, "derive", None)
    if derive is None:
        return {}, {}, {}, {}, {}
    return derive("names.answers", lambda _: ({}, {}, {}, {}, {}))


def _word_answers(kb: Any, lang: str, lex: _Lex) -> Answers:
    """What a capitalised word is whatever the article (`_word_answer`), by its normalised form: kept
    with the knowledge object for every article while its answers cannot change
    (`Knowledge.fixed_answers`), else for one article."""
    def build(k: Any) -> Answers:
        return Answers(lambda key: _word_answer(k, lex, key), _ANSWERS)

    derive = getattr(kb, "derive", None)
    if derive is not None and getattr(kb, "fixed_answers", False):
        return derive(("names.words", lang), build)
    return build(kb)


def _word_answer(kb: Any, lex: _Lex, key: str) -> tuple[list, list[str]] | None:
    """None for a word of the language's lists, a known surname or an inflected known name; else the
    people one of whose names has the word, and the forms to compare (the word, and the word without
    each inflection suffix it may bear)."""
    if key in lex.not_names or key in lex.heads or key in lex.places or key in lex.honorifics:
        return None
    if key in lex.stopwords:
        return None  # a capitalised function word
    if kb.people_with_surname(key):
        return None  # a known surname
    forms = [key] + [key[: -len(s)] for s in lex.suffixes if key.endswith(s) and len(key) - len(s) >= 4]
    if any(kb.people_with_word(f) for f in forms[1:]):
        return None  # an inflected known name: "Merkels"
    return kb.people_with_word(key), forms


def _remember(answers: dict, key: Any, found: Any) -> Any:
    if len(answers) >= _ANSWERS:
        answers.clear()
    answers[key] = found
    return found


class _Reading:
    """What the rules of the family read of a document, shared by them: its capitalised words, its
    person mentions, the offices it names, who it names correctly, and what the knowledge base
    answers about them (each question asked once)."""

    def __init__(self, doc: Document, ctx) -> None:
        self.doc = doc
        self.ctx = ctx
        self.kb = ctx.knowledge
        self.lang = ctx.lang
        self.lex = _lex(ctx.profile)
        self.pm = person_mentions(doc, ctx)
        self.offices = document_offices(doc, ctx) if self.kb is not None else None
        self._toks()
        self.tok_starts = [t.start for t in self.toks]
        self.cache: dict[Any, Any] = {}
        # the knowledge base's answers by normalised name or word, one dictionary per question (asked
        # for most capitalised words, several times), kept with the knowledge object for every article
        self._named, self._with_surname, self._with_word, self._close, self._of_person = _answers(self.kb)
        self.word_answer = _word_answers(self.kb, self.lang, self.lex) if self.kb is not None else None
        self._people_by_id: dict[str, Any] = {}
        # who the article names correctly: person id -> number of mentions (counted by _Misspellings)
        self.named: Counter[str] = Counter()

    def _toks(self) -> None:
        doc = self.doc
        ws = doc.words
        self.words = ws
        starts = doc.word_starts
        first_of_sentence = {bisect.bisect_left(starts, s) for s in doc.sentence_starts}  # word indexes
        toks: list[_Tok] = []
        new = tuple.__new__  # (_Tok(...), cheaper)
        for i in doc.capitalised:
            start, end, t = ws[i]
            if len(t) < 2 or not t[0].isalpha():
                continue
            at_start = i == 0 or i in first_of_sentence or ws[i - 1].text in '«“„"—–-:'
            toks.append(new(_Tok, (start, end, t, fold_name(t), i, at_start, t.isupper())))
        self.toks = toks
        self.tok_at: dict[int, _Tok] = {t.start: t for t in toks}

    def opens_clause(self, tok: _Tok) -> bool:
        """Does the word start a sentence or a clause (where function words are capitalised)?"""
        if tok.sentence_start or tok.index == 0:
            return True
        prev = self.words[tok.index - 1].text
        return prev in ',;:.!?«»“”„"()—–-'

    def memo(self, key: Any, fn):
        if key not in self.cache:
            self.cache[key] = fn()
        return self.cache[key]

    def per_person(self, what: str, p, fn):
        """What `fn` says of person p, computed once per person object (two sources may give two
        records with one id). The record is kept with the answer, so its id() stays its own."""
        key = (what, id(p))
        if key not in self.cache:
            self.cache[key] = (p, fn())
        return self.cache[key][1]

    def of_person(self, what: str, p, fn):
        """`per_person` for what p's record alone tells (its names, not the article): kept with the
        knowledge object, for every article that names p."""
        key = (what, id(p))
        found = self._of_person.get(key)
        if found is None or found[0] is not p:
            found = (p, fn())
            _remember(self._of_person, key, found)
        return found[1]

    # (Each answer is read with `get` and returned as computed: another thread may empty a dictionary
    # grown to `_ANSWERS` entries at any moment.)
    def people_named(self, text: str) -> list:
        key = fold_name(text)
        found = self._named.get(key)
        if found is None:
            found = _remember(self._named, key, self.kb.people_named(text))
        return found

    def described_before(self, start: int) -> bool:
        """Does a determiner and a common noun stand right before the name ("la chanteuse X",
        "the singer X"): a description of who the person is?"""
        m = _DESCRIBED.search(self.doc.text, max(0, start - 60), start)
        if m is None or not m.group(2).islower():
            return False
        return m.group(1).casefold() in self.ctx.profile.words("gender.determiners")

    def people_with_surname(self, word: str) -> list:
        key = fold_name(word)
        found = self._with_surname.get(key)
        if found is None:
            found = _remember(self._with_surname, key, self.kb.people_with_surname(word))
        return found

    def people_with_word(self, word: str) -> list:
        key = fold_name(word)
        found = self._with_word.get(key)
        if found is None:
            found = _remember(self._with_word, key, self.kb.people_with_word(word))
        return found

    def close_surnames(self, word: str, k: int) -> list[tuple[str, int]]:
        key = (fold_name(word), k)
        found = self._close.get(key)
        if found is None:
            found = _remember(self._close, key, self.kb.close_surnames(word, k))
        return found

    def person(self, pid: str):
        if pid not in self._people_by_id:
            found = [m.person for m in self.pm.mentions if m.person is not None and m.person.id == pid]
            if not found and self.kb is not None:
                found = self.people_named(pid)
            self._people_by_id[pid] = found[0] if found else None
        return self._people_by_id[pid]

    def full_names(self, p) -> list[tuple[str, list[str]]]:
        """p's names and aliases of two words or more, each with its normalised words."""

        def split() -> list[tuple[str, list[str]]]:
            names = ((n, fold_name(n).split()) for n in {*p.names.values(), *p.aliases})
            return [(n, parts) for n, parts in names if len(parts) >= 2]

        return self.of_person("full-names", p, split)

    def own_given_names(self, p) -> frozenset[str]:
        return self.of_person("own-given", p, lambda: _own_given_names(p))

    def near_office(self, r, p) -> float:
        return max((_office_match(o, p, self.ctx.date) for o in self.offices_near(r.start, r.end)), default=0.0)

    def office_anywhere(self, p) -> float:
        """How well the best office named anywhere in the article points at p."""
        assert self.offices is not None
        offices, day = self.offices.offices, self.ctx.date

        def best() -> float:
            return max((_office_match(o, p, day) for o in offices), default=0.0)

        return self.per_person("office-anywhere", p, best)

    def context(self, r: _Run | _Tok, p) -> float:
        """Evidence from around the name that it means p: an office p held, named near it or in the
        article; p named correctly elsewhere in the article."""
        score = 0.0
        near = self.offices_near(r.start, r.end)
        best_near = 0.0
        for o in near:
            best_near = max(best_near, _office_match(o, p, self.ctx.date))
        score += best_near
        if best_near < 0.3 and self.offices is not None:
            score += 0.3 if self.office_anywhere(p) >= 0.5 else 0.0
        if self.named.get(p.id):
            score += 0.45
        return score

    def offices_near(self, start: int, end: int) -> list[OfficeMention]:
        """The offices named right before a name (in its sentence) or right after it; asked for each
        candidate person of a name, so computed once per name."""
        return self.memo(("offices-near", start, end), lambda: self._find_offices_near(start, end))

    def _find_offices_near(self, start: int, end: int) -> list[OfficeMention]:
        if self.offices is None:
            return []
        sentence = self.doc.sentence_of(start)
        lo = max(sentence.start if sentence else 0, start - 120)
        hi = min(sentence.end if sentence else len(self.doc.text), end + 60)
        # by bisection, not over every office and mention: asked once per name of a long text
        before = [o for o in self.offices.starting_in(lo, start) if o.end <= start]
        # only the title right before the name, not one of an earlier person in the sentence
        earlier = [m.end for m in self.pm.in_span(Span(lo, start)) if m.end <= start]
        if earlier:
            before = [o for o in before if o.start >= max(earlier)]
        after = [o for o in self.offices.starting_in(end, hi) if "." not in self.doc.text[end : o.start]]
        return before + after[:1]

    def strong(self, start: int, end: int, p) -> bool:
        """Strong evidence that the name at [start, end) means p: p named correctly elsewhere in the
        article, or a title right by the name naming an office p certainly held on the article's date."""
        if self.named.get(p.id):
            return True
        return any(holds(p, o.role, o.of, self.ctx.date) is True for o in self.offices_near(start, end))

    def fix_confidence(self, score: float, start: int, end: int, p) -> float:
        """The rule's confidence as a fix's (0..1), below --fix-names' 0.9 without strong evidence."""
        confidence = max(0.0, min(score, 1.0))
        if not self.strong(start, end, p):
            confidence = min(confidence, UNSURE_FIX)
        return round(confidence, 2)

    def fix(self, start: int, end: int, suggestion: str, confidence: float) -> Fix | None:
        """Replace [start, end) by the suggestion, word for word, keeping the spaces written there
        (None when the words do not pair up: "John F. Kirbi" is not fixed into "John Kirby")."""
        replacement = _respaced(self.doc.source[start:end], suggestion)
        if replacement is None:
            return None
        return Fix(start, end, replacement, "name", confidence)

    def issue(self, start: int, end: int, message: str, suggestions: tuple, p, fix: Fix | None = None) -> Issue:
        evidence = {"url": p.url(self.lang), "source": getattr(p, "source", "embedded")} if p is not None else None
        return Issue(start, end, message, suggestions, evidence, fix)


class _Misspellings:
    """Names the knowledge base knows, written wrong: runs of capitalised words and single words
    compared with known people's names (names.misspelling), a given name replaced by an equivalent
    (names.given-name-translated)."""

    def __init__(self, read: _Reading) -> None:
        self.read = read
        self.misspelled: list[Issue] = []
        self.translated: list[Issue] = []
        self.known_keys: set[str] = set()  # normalised words of names the KB knows, as written here
        self.flagged_starts: set[int] = set()
        # surname key -> (person, score, suggestion, fix confidence)
        self.misspelled_forms: dict[str, tuple[Any, float, str, float]] = {}
        self.run_given: dict[str, set[str]] = {}
        self._given: dict[str, list[tuple[str, str, Any]]] | None = None

    def find(self) -> None:
        if self.read.kb is None:
            return  # only known people can be misspelled
        runs = self._runs()
        unknown: list[_Run] = []
        for r in runs:
            found = self._known_run(r)
            if found is None:
                unknown.append(r)
        for m in self.read.pm.mentions:
            if m.person is not None:
                self.read.named[m.person.id] += 1
        # the given names written with each surname: "Paul Johnston" is not Boris Johnson misspelled
        self.run_given: dict[str, set[str]] = defaultdict(set)
        for r in runs:
            if len(r.toks) >= 2:
                self.run_given[r.toks[-1].key].add(r.toks[0].key)
        for r in unknown:
            self._check_run(r)
        self._foreign_officials(unknown)
        self._check_words()

    def _foreign_officials(self, runs: list[_Run]) -> None:
        """ "l'ancien ambassadeur américain Jean Tefft" with no Jean Tefft known: an official of a
        country whose language writes that given name otherwise (John) bears the article's form of it,
        likely translated. The knowledge base cannot confirm, so the finding is `info`."""
        countries = self.read.ctx.profile.table("country_language")
        lang = self.read.lang
        ours = _groups_by_form(lang)
        for r in runs:
            toks = [t for t in r.toks if t.key not in self.read.lex.particles]
            if len(toks) != 2 or toks[0].start in self.flagged_starts or self.read.ctx.allowed(r.text):
                continue
            if any(i.start < r.end and r.start < i.end for i in (*self.translated, *self.misspelled)):
                continue  # a known person's name, already reported
            given = toks[0]
            groups = ours.get(given.key, ())
            if len(groups) != 1:
                continue
            sentence = self.read.doc.sentence_of(r.start)
            offices = [o for o in self.read.offices_near(r.start, r.end) if o.end <= r.start and o.of]
            if not offices or sentence is None or offices[-1].start < sentence.start:
                continue
            home = countries.get(offices[-1].of)
            if home is None or home == lang:
                continue
            theirs = _forms_by_group(home).get(groups[0], frozenset())
            if not theirs or given.key in theirs:
                continue
            shown = sorted(theirs)[0].title()
            message = (
                f"{r.text!r}: an official of {offices[-1].of} bears the {lang} form of a given name ({home} writes "
                f"{shown!r}); it may have been translated (not in the knowledge base: the title's country tells)"
            )
            issue = Issue(given.start, given.end, message, (shown,))
            self.translated.append(replace(issue, tentative=True))

    def _runs(self) -> list[_Run]:
        """Runs of two to four capitalised words written side by side in one sentence (particles
        such as "da", "von der" may join them; they are kept out of the run's words)."""
        runs: list[list[_Tok]] = []  # the words side by side (most are one word, which no rule reads)
        current: list[_Tok] = []
        lex = self.read.lex
        ws = self.read.words
        text = self.read.doc.text
        for tok in self.read.toks:
            if current:
                last = current[-1]
                joined = tok.index == last.index + 1 and text[last.end : tok.start] in (" ", "\u00a0", "")
                gap = ws[last.index + 1 : tok.index] if not joined and tok.index - last.index <= 3 else []
                particle = gap and fold_name(gap[0].text) in lex.particles  # (most gaps fail at their first word)
                if particle and all(fold_name(w.text) in lex.particles for w in gap):
                    joined = all(
                        self.read.doc.text[a.end : b.start] in (" ", "\u00a0")
                        for a, b in zip([ws[last.index], *gap], [*gap, ws[tok.index]], strict=True)
                    )
                if not joined:
                    runs.append(current)
                    current = []
            current.append(tok)
        if current:
            runs.append(current)
        out = []
        offices = self.read.offices

        def in_office(tok: _Tok) -> bool:
            """A capitalised word of an office's name ("Défense" in "ministre de la Défense")."""
            return offices is not None and bool(offices.between(tok.start, tok.start + 1))

        for run in runs:
            if len(run) < 2:
                continue  # (what follows only takes words away: a run of two words or more is kept)
            toks = list(run)
            while toks and (
                toks[0].key in lex.heads
                or (len(toks) > 2 and in_office(toks[0]))  # "ministre de la Défense Llyod Austin"
                or toks[0].key in lex.honorifics
                or toks[0].key in lex.places
                or (self.read.opens_clause(toks[0]) and (toks[0].key in lex.not_names or toks[0].key in lex.stopwords))
            ):
                toks.pop(0)
            while toks and (toks[-1].key in lex.places or toks[-1].key in lex.heads):
                toks.pop()
            if len(toks) >= 2 and not all(t.caps for t in toks):
                out.append(_Run(toks[:5], self.read.doc.text))
        spans = {(r.start, r.end) for r in out}
        starts = [t.start for t in self.read.toks]
        for m in self.read.pm.mentions:
            lo, hi = bisect.bisect_left(starts, m.start), bisect.bisect_left(starts, m.end)
            toks = self.read.toks[lo:hi]
            if len(toks) >= 2 and (toks[0].start, toks[-1].end) not in spans:
                spans.add((toks[0].start, toks[-1].end))
                out.append(_Run(toks[:5], self.read.doc.text))
        return out

    def _known_run(self, r: _Run) -> Any:
        """The person a run names exactly (ignoring words around the name), else None."""
        toks = r.toks
        text = self.read.doc.text
        for i in range(len(toks)):
            for j in range(len(toks), i + 1, -1):
                written = text[toks[i].start : toks[j - 1].end]
                people = self.read.people_named(written)
                if people:
                    for t in toks[i:j]:
                        self.known_keys.add(t.key)
                    self.read.named[people[0].id] += 1
                    if people[0].is_exonym(written):
                        self._report_exonym(toks[i].start, toks[j - 1].end, written, people[0])
                    if i >= 2:
                        self._check_run(_Run(toks[:i], text))
                    return people[0]
        return None

    def _report_exonym(self, start: int, end: int, written: str, p) -> None:
        """A form the knowledge base records as a defect for this person ("Vladimir Zelensky")."""
        if self.read.ctx.allowed(written):
            return
        name = p.name(self.read.lang)
        fix = self.read.fix(start, end, name, 0.9)
        ours, theirs = fold_name(written).split(), fold_name(name).split()
        if len(ours) >= 2 and len(theirs) >= 2 and ours[0] != theirs[0] and not p.family_first:
            # the given name replaced by the other language's equivalent ("Vladimir" for Volodymyr),
            # whatever transliteration the family name took: what an editor must fix is the given name
            message = (
                f"{written!r}: the given name of {name} is written in another language's form "
                f"({written.split()[0]!r} for {name.split()[0]!r}), which the knowledge base records as a "
                "translation defect"
            )
            self.translated.append(self.read.issue(start, end, message, (name,), p, fix))
            return
        message = (
            f"{written!r} names {name} in another language's form of the name, which the knowledge base "
            f"records as a translation defect; write {name!r}"
        )
        self._add_misspelled(start, end, message, (name,), p, fix)

    def _check_run(self, r: _Run) -> None:
        if self.read.ctx.allowed(r.text, *(t.text for t in r.toks)):
            return
        toks = [t for t in r.toks if t.key not in self.read.lex.particles]
        if len(toks) < 2:
            return
        first, last = toks[0], toks[-1]
        candidates: dict[str, Any] = {}
        for t in (first, last):
            for p in self.read.people_with_word(t.text):
                candidates[p.id] = p
        for t in (last, first):
            if len(t.key) >= 4:
                for key, _ in self.read.close_surnames(t.text, max_edits(len(t.key))):
                    for p in self.read.people_with_surname(key):
                        candidates[p.id] = p
        if not candidates:
            return
        best = None
        for p in candidates.values():
            scored = self._score_run(r, first, last, p)
            if scored is not None and (best is None or scored[0] > best[0]):
                best = scored
        if best is None:
            return
        score, p, kind, detail = best
        if kind == "translated":
            self._report_translated(r, first, p, detail)
            return
        if score < THRESHOLD:
            return
        name = p.name(self.read.lang)
        confidence = self.read.fix_confidence(score, r.start, r.end, p)
        self._add_misspelled(
            r.start,
            r.end,
            f"{r.text!r} is not how {name} is written ({detail}; confidence {min(score, 1.0):.2f})",
            (name,),
            p,
            self.read.fix(r.start, r.end, name, confidence),
        )
        # the misspelled surname may stand alone elsewhere ("Josep Borrel" ... "Borrel a dit")
        if kind == "surname" and len(last.key) >= 4:
            self.misspelled_forms.setdefault(last.key, (p, score, p.surname(self.read.lang), confidence))

    def _score_run(self, r: _Run, first: _Tok, last: _Tok, p) -> tuple[float, Any, str, str] | None:
        """How likely the run is a misspelling of p's name, the kind of difference and why."""
        f_key, l_key = first.key, last.key
        best: tuple[float, Any, str, str] | None = None
        run_words = r.key.split()
        own_given = self.read.own_given_names(p)
        for form, parts in self.read.full_names(p):
            # a hyphenated surname cut short: "Karine Jean" for Karine Jean-Pierre
            if _cut_short(r, form):
                why = f"the name is cut short: {form}"
                best = _better(best, (0.65 + self.read.context(r, p), p, "truncated", why))
                continue
            if _subsequence(run_words, parts):
                return None  # a shorter form of the name: "Luiz Inácio Lula" for Lula da Silva
            pf, pl = parts[0], parts[-1]
            d_first = OSA.distance(f_key, pf)
            d_last = OSA.distance(l_key, pl)
            if d_first == 0 and d_last == 0:
                return None  # the same name with something in the middle ("John F. Kirby")
            given_is_first = not p.family_first
            d_given, d_surname = (d_first, d_last) if given_is_first else (d_last, d_first)
            given_tok, surname_tok = (first, last) if given_is_first else (last, first)
            p_given, p_surname = (pf, pl) if given_is_first else (pl, pf)
            if d_surname == 0 and d_given > 0:
                nearest = min((Levenshtein.distance(given_tok.key, g) for g in own_given), default=99)
                close = nearest <= max_edits(len(given_tok.key))
                if not close and self._translation(given_tok.key, p):
                    return (1.0, p, "translated", form)
                bound = max_edits(len(p_given)) + (1 if given_tok.key[:1] == p_given[:1] and len(p_given) >= 3 else 0)
                if d_given > bound and _cut_given(given_tok.key, p_given):
                    # the given name cut short ("Anna Baerbock" for Annalena): the context, or a surname
                    # no one else bears, tells
                    why = f"given name {given_tok.text!r} cut short from {(p.given_name(self.read.lang) or p_given)!r}"
                    # No one else the knowledge base knows bears the surname: a public figure's surname
                    # with the start of their given name is that figure, not a namesake cut to size.
                    # Unless the article says who this is ("la chanteuse Anna Baerbock"): then the office
                    # context alone decides.
                    alone = 0.3 if [q.id for q in self.read.people_with_surname(surname_tok.text)] == [p.id] else 0.0
                    if alone and self.read.described_before(r.start):
                        alone = 0.0
                    best = _better(best, (0.3 + alone + self.read.context(r, p), p, "given", why))
                    continue
                if d_given > bound:
                    continue  # another person with the same surname ("Jill Biden")
                shape = 0.65 if given_tok.key not in self.read.lex.given else 0.3
                why = f"given name {given_tok.text!r} for {(p.given_name(self.read.lang) or _word(form, p_given))!r}"
                best = _better(best, (shape + self.read.context(r, p), p, "given", why))
            elif d_given == 0 and d_surname > 0:
                others = [q for q in self.read.people_with_surname(surname_tok.text) if q.id != p.id]
                if d_surname <= max_edits(len(p_surname)):
                    shape = 0.65 if not others else 0.45
                    why = f"surname {surname_tok.text!r} for {p.surname(self.read.lang)!r}"
                    best = _better(best, (shape + self.read.context(r, p), p, "surname", why))
                elif not others and self.read.near_office(r, p) >= 0.5:
                    # a surname replaced altogether ("Nicholas Brûlures"): only the title can tell who
                    why = f"surname {surname_tok.text!r} for {p.surname(self.read.lang)!r}, by the title"
                    best = _better(best, (0.15 + self.read.context(r, p), p, "replaced", why))
            else:
                whole = OSA.distance(r.key, " ".join(parts))
                if whole <= max_edits(len(r.key)) and d_given <= 2 and d_surname <= 2:
                    why = f"{r.text!r} for {form!r}"
                    best = _better(best, (0.3 + self.read.context(r, p), p, "both", why))
        return best

    def _translation(self, given_key: str, p) -> bool:
        """Is `given_key` an equivalent of p's given name but none of p's own given names?"""
        groups = _given_name_groups()
        parts = given_key.split()
        if len(parts) > 1:
            # a compound given name, "Guillaume-Joseph" for William Joseph: its first part is the given
            # name translated, and the others are given names too (not a surname's first half)
            return all(q in groups for q in parts) and self._translation(parts[0], p)
        used = groups.get(given_key)
        if not used:
            return False
        own = self.read.own_given_names(p)
        if given_key in own:
            return False
        return any(used & _groups_of(g) for g in own)

    def _report_translated(self, r: _Run, given_tok: _Tok, p, form: str) -> None:
        others = [
            q
            for q in self.read.people_with_surname(r.toks[-1].text)
            if q.id != p.id and any(fold_name(n).split()[0] == given_tok.key for n in q.all_names())
        ]
        if others:
            return
        name = p.name(self.read.lang)
        # the surname exact, the given name an equivalent of p's: as sure as a misspelled given name
        confidence = self.read.fix_confidence(0.65 + self.read.context(r, p), r.start, r.end, p)
        message = (
            f"{r.text!r}: the given name of {name} is not translated ({given_tok.text!r} stands for "
            f"{name.split()[-1 if p.family_first else 0]!r})"
        )
        fix = self.read.fix(r.start, r.end, name, confidence)
        self.translated.append(self.read.issue(r.start, r.end, message, (name,), p, fix))

    def _check_words(self) -> None:
        lex = self.read.lex
        # what a word's normalised form says, the same wherever it is written (`_word_question`)
        questions: dict[str, tuple[list, list[str]] | None] = {}
        for tok in self.read.toks:
            if tok.start in self.flagged_starts:
                continue
            key = tok.key
            if key in self.known_keys or len(key) < 4 or self.read.ctx.allowed(tok.text):
                continue
            if key in self.misspelled_forms:
                p, score, suggestion, confidence = self.misspelled_forms[key]
                why = "the same misspelling as in the full name"
                fix = self.read.fix(tok.start, tok.end, suggestion, confidence)
                self._add_word(tok, p, score, suggestion, why, fix)
                continue
            if key not in questions:
                questions[key] = self._word_question(tok)
            if questions[key] is None:
                continue
            known, forms = questions[key]
            best = None
            if key not in lex.given and not known:
                for form in forms:
                    best = _better(best, self._word_candidates(tok, form))
            best = _better(best, self._given_name_alone(tok))
            if best is not None and best[0] >= THRESHOLD:
                score, p, suggestion, why, replacement = best
                fix = None
                if replacement is not None:
                    confidence = self.read.fix_confidence(score, tok.start, tok.end, p)
                    fix = self.read.fix(tok.start, tok.end, replacement, confidence)
                self._add_word(tok, p, score, suggestion, why, fix)

    def _word_question(self, tok: _Tok) -> tuple[list, list[str]] | None:
        """Whether a capitalised word may be a misspelled name, by its normalised form alone: None when
        it is a word of the language's lists, a correct name of someone the article names, a known
        surname or an inflected known name; else the people one of whose names has the word, and the
        forms to compare (the word, and the word without each inflection suffix it may bear)."""
        answer = self.read.word_answer[tok.key]
        if answer is None:
            return None
        known, _ = answer
        if any(self.read.named.get(p.id) for p in known):
            return None  # a correct name of someone named here
        return answer

    def _word_candidates(self, tok: _Tok, form: str):
        best = None
        for cand, d in self.read.close_surnames(form, max_edits(len(form))):
            if d == 0:
                continue
            if cand[:1] != form[:1]:
                continue  # misspellings keep the first letter; other words do not ("Linken", Blinken)
            if len(form) <= 5 and Indel.distance(form, cand) > 1:
                continue  # short words: a letter left out or added ("Bidn", "Mertz"), not changed ("Metz")
            for p in self.read.people_with_surname(cand):
                given = self.run_given.get(tok.key)
                if given and not given & self.read.own_given_names(p):
                    continue  # written elsewhere with another given name: another person
                score = 0.3
                if self.read.named.get(p.id):
                    score += 0.45
                day = self.read.ctx.date
                near = max((_office_match(o, p, day) for o in self.read.offices_near(tok.start, tok.end)), default=0.0)
                score += near
                if not self.read.named.get(p.id) and near < 0.3 and len(form) >= 5 and self.read.offices is not None:
                    score += 0.3 if self.read.office_anywhere(p) >= 0.5 else 0.0
                surname = p.surname(self.read.lang)
                suggestion = surname + tok.key[len(form) :] if form != tok.key else surname
                why = f"{tok.text!r} for {surname!r}"
                best = _better(best, (score, p, suggestion, why, _inflected(surname, tok.text, tok.key, form)))
        return best

    def _given_name_alone(self, tok: _Tok):
        """ "Karin" for Karine (Jean-Pierre), named in the article: a first-name reference misspelled."""
        if len(tok.key) < 5:
            return None
        named = self._named_given_names().get(tok.key[:1], ())  # a misspelling keeps the initial
        if not named:
            return None
        ws = self.read.words
        nxt = self.read.tok_at.get(ws[tok.index + 1].start) if tok.index + 1 < len(ws) else None
        if nxt is not None and nxt.index == tok.index + 1:
            return None  # followed by another name word: not a first name alone
        prev = self.read.tok_at.get(ws[tok.index - 1].start) if tok.index else None
        if prev is not None and prev.index == tok.index - 1:
            return None  # after a name word: a surname ("Gustavo Petro"), not Pedro's first name
        best = None
        for g, given, p in named:
            near = g != tok.key and abs(len(g) - len(tok.key)) <= 1
            if near and Levenshtein.distance(g, tok.key, score_cutoff=1) <= 1:
                # (no fix: a given name alone may well be someone else's)
                best = _better(best, (0.75, p, given, f"{tok.text!r} for {given!r}", None))
        return best

    def _named_given_names(self) -> dict[str, list[tuple[str, str, Any]]]:
        """The given names (5+ letters) of the people named in the article, by initial:
        initial -> [(normalised given name, given name, person)]."""
        if self._given is None:
            out = {}
            for pid in self.read.named:
                p = self.read.person(pid)
                given = p.given_name(self.read.lang) if p is not None else None
                if given and len(given) >= 5:
                    out[fold_name(given)] = (given, p)
            by_initial = defaultdict(list)
            for g, (given, p) in out.items():
                by_initial[g[:1]].append((g, given, p))
            self._given = dict(by_initial)
        return self._given

    def _add_word(self, tok: _Tok, p, score: float, suggestion: str, why: str, fix: Fix | None) -> None:
        name = p.name(self.read.lang)
        self._add_misspelled(
            tok.start,
            tok.end,
            f"{tok.text!r} is not how {name} is written ({why}; confidence {min(score, 1.0):.2f})",
            (suggestion,),
            p,
            None if tok.caps else fix,
        )

    def _add_misspelled(self, start: int, end: int, message: str, suggestions: tuple, p, fix: Fix | None) -> None:
        lo = bisect.bisect_left(self.read.tok_starts, start)
        hi = bisect.bisect_left(self.read.tok_starts, end)
        self.flagged_starts.update(self.read.tok_starts[lo:hi])
        self.misspelled.append(self.read.issue(start, end, message, suggestions, p, fix))


class _Inconsistencies:
    """The same surname spelled two ways in the article, or a hyphenated name written without its
    hyphen (names.inconsistent): the document's own evidence, the knowledge base only arbitrating."""

    def __init__(self, read: _Reading) -> None:
        self.read = read
        self.found: list[Issue] = []

    def find(self) -> None:
        lex = self.read.lex
        # the surnames of the article's people, with the people and given names they go with
        refs: dict[str, dict[str, Any]] = {}
        for m in self.read.pm.mentions:
            words = [w for w in m.words if fold_name(w) not in lex.particles]
            if not words:
                continue
            if m.person is not None and m.person.family_first:
                surname, given = words[0], (words[-1] if len(words) >= 2 else None)
            else:
                surname, given = words[-1], (words[0] if len(words) >= 2 else None)
            if len(words) == 1 and m.person is None and "surname" not in m.evidence and "kb-surname" not in m.evidence:
                continue
            key = fold_name(surname)
            ref = refs.setdefault(key, {"people": set(), "given": set()})
            if m.person is not None:
                ref["people"].add(m.person.id)
            if given:
                ref["given"].add(fold_name(given))
        if not refs:
            return
        by_key: dict[str, list[_Tok]] = defaultdict(list)
        for tok in self.read.toks:
            by_key[tok.key].append(tok)
        clusters: dict[str, set[str]] = defaultdict(set)
        # the article's words by length: a word within `bound` edits of a surname is within `bound`
        # letters of its length, and rapidfuzz need not read the others (most of them)
        by_length: dict[int, list[str]] = defaultdict(list)
        for key in by_key:
            by_length[len(key)].append(key)
        for ref_key in refs:
            if len(ref_key) < 4:
                continue
            bound = max_edits(len(ref_key))
            keys = [k for n in range(len(ref_key) - bound, len(ref_key) + bound + 1) for k in by_length.get(n, ())]
            near = process.extract(ref_key, keys, scorer=Levenshtein.distance, score_cutoff=bound, limit=None)
            for key, _, _ in near:
                if key == ref_key or any(key == ref_key + s for s in lex.suffixes):
                    continue  # the same, or inflected: "Merkels"
                if len(ref_key) <= 5 and key[:1] != ref_key[:1]:
                    continue
                if not self._same_person(ref_key, key, refs):
                    continue
                clusters[ref_key].add(key)
        done: set[str] = set()
        for ref_key, variants in clusters.items():
            members = {ref_key, *variants}
            if frozenset(members) in done:
                continue
            done.add(frozenset(members))
            self._report_cluster(members, refs, by_key)
        self._hyphens(refs)
        reported = {i.start for i in self.found}
        self._accents(refs, by_key, reported)
        self._lowercase(refs, by_key, reported)

    def _accents(self, refs, by_key, reported: set[int]) -> None:
        """ "Orban" beside "Orbán": one surname written with and without its accents. Accents are part
        of a name; comparing folded forms would hide the defect."""
        for key in refs:
            toks = [t for t in by_key.get(key, []) if not t.caps and t.start not in reported]
            forms = Counter(_accented(t.text) for t in toks)
            if len(forms) < 2:
                continue
            person = self._cluster_person({key}, refs)
            own = _accented(person.surname(self.read.lang)) if person is not None else None
            ranked = forms.most_common()
            top = [f for f, n in ranked if n == ranked[0][1]]
            # a tie is broken by the knowledge base: "Zelensky" is how some language writes him,
            # "Zelenský" none
            spelled = [f for f in top if person is not None and f in _known_surnames(person)]
            if own in forms:
                canonical = own
            elif len(top) == 1:
                canonical = top[0]
            elif len(spelled) == 1:
                canonical = spelled[0]
            else:
                continue
            shown = next(t.text for t in toks if _accented(t.text) == canonical)
            n = forms[canonical]
            times = "once" if n == 1 else f"{n} times"
            for t in toks:
                if _accented(t.text) == canonical or self.read.ctx.allowed(t.text):
                    continue
                message = f"{t.text!r} is written {shown!r} {times} elsewhere in this article (accents are part of it)"
                fix = self.read.fix(t.start, t.end, shown, 0.9) if own == canonical else None
                self.found.append(self.read.issue(t.start, t.end, message, (shown,), person, fix))
                reported.add(t.start)

    def _lowercase(self, refs, by_key, reported: set[int]) -> None:
        """ "zelensky" after "Zelensky": a surname the article capitalises, written in lowercase. A
        surname that is also a word ("Price", "Rose") would be that word in lowercase: only surnames of
        known people, not words of the language's lists, and `info` unless the given name is beside it."""
        lex, text = self.read.lex, self.read.doc.text
        determiners = self.read.ctx.profile.words("gender.determiners")
        for key, ref in refs.items():
            toks = [t for t in by_key.get(key, []) if not t.caps]
            if len(key) < 5 or not toks or not ref["people"] or " " in key:
                continue
            if key in lex.stopwords or key in lex.not_names or key in lex.places or key in lex.heads:
                continue
            shown = Counter(t.text for t in toks).most_common(1)[0][0]
            low = shown.lower()
            if low == shown or low not in text:
                continue
            person = self._cluster_person({key}, refs)
            given = {g.lower() for g in ref["given"]}
            for m in re.finditer(rf"(?<![\w@#/.]){re.escape(low)}(?![\w]|\.\w)", text):
                if m.start() in reported or self.read.ctx.allowed(m.group()):
                    continue
                before = text[max(0, m.start() - 30) : m.start()].split()
                if before and before[-1].casefold() in determiners:
                    continue  # "the price", "la rose": the word, not the name
                beside = bool(before) and fold_name(before[-1]) in given
                message = f"{m.group()!r} is written {shown!r} elsewhere in this article (a name takes its capital)"
                issue = self.read.issue(m.start(), m.end(), message, (shown,), person)
                self.found.append(replace(issue, tentative=not beside))
                reported.add(m.start())

    def _same_person(self, ref_key: str, key: str, refs: dict[str, dict[str, Any]]) -> bool:
        lex = self.read.lex
        if key in lex.not_names or key in lex.places or key in lex.heads or key in lex.stopwords:
            return False
        if key in lex.head_words:
            return False  # a word of a title beside a surname like it ("Premier" ministre, "Première")
        if key in lex.given and key not in refs:
            return False
        a = refs[ref_key]
        b = refs.get(key)
        if self.read.kb is not None:
            other = {p.id for p in self.read.people_with_word(key)}
            if other and a["people"] and not (other & a["people"]):
                return False  # another known person's name
            if other and not a["people"]:
                return False
        if b is None:
            return True
        if a["people"] and b["people"] and not (a["people"] & b["people"]):
            return False  # two known people
        # "Sergei Ivanov" and "Elena Ivanova": different given names, different people
        return not (a["given"] and b["given"] and not (a["given"] & b["given"]))

    def _cluster_person(self, members: set[str], refs) -> Any:
        """The one known person the spellings of a cluster stand for, if the KB tells."""
        people = set().union(*(refs[k]["people"] for k in members if k in refs))
        if len(people) == 1:
            return self.read.person(next(iter(people)))
        if people or self.read.kb is None:
            return None
        given = set().union(*(refs[k]["given"] for k in members if k in refs))
        found = {}
        for k in members:
            for p in self.read.people_with_surname(k):
                if not given or given & self.read.own_given_names(p):
                    found[p.id] = p
        return next(iter(found.values())) if len(found) == 1 else None

    def _report_cluster(self, members: set[str], refs, by_key) -> None:
        counts = {k: len(by_key.get(k, [])) for k in members}
        person = self._cluster_person(members, refs)
        canonical = None
        valid: set[str] = set()
        if person is not None:
            own = fold_name(person.surname(self.read.lang))
            aliases = {fold_name(n).split()[0 if person.family_first else -1] for n in person.aliases if n.strip()}
            if own in members:
                canonical = own  # the article's language wins over other languages and aliases
            else:
                everywhere = aliases | {fold_name(person.surname(lang)) for lang in person.names}
                present = [k for k in members if k in everywhere]
                if len(present) == 1:
                    canonical, valid = present[0], everywhere
        if canonical is not None:
            # the knowledge base's form, written elsewhere in the article (not only in a headline)
            confidence: float | None = 0.95 if any(not t.caps for t in by_key.get(canonical, [])) else UNSURE_FIX
        else:
            ranked = sorted(members, key=lambda k: -counts[k])
            if len(ranked) < 2 or counts[ranked[0]] <= counts[ranked[1]]:
                return
            canonical = ranked[0]
            # a mere majority: a fix only when it outnumbers all the other forms together
            confidence = 0.7 if counts[canonical] > sum(counts[k] for k in members if k != canonical) else None
        written = Counter(t.text for t in by_key.get(canonical, []) if not t.caps)
        known = _known_surnames(person) if person is not None else set()
        # the form written most, and on a tie ("Zelenský" once, "Zelensky" once) one the KB spells
        shown = max(written, key=lambda w: (written[w], _accented(w) in known), default=None)
        suggestion = shown if shown else (person.surname(self.read.lang) if person else canonical)
        for k in members:
            if k == canonical or k in valid:
                continue
            for tok in by_key.get(k, []):
                if self.read.ctx.allowed(tok.text):
                    continue
                n = counts[canonical]
                times = "once" if n == 1 else f"{n} times"
                fix = None
                if confidence is not None and not tok.caps:
                    fix = self.read.fix(tok.start, tok.end, suggestion, confidence)
                message = f"{tok.text!r} is spelled {suggestion!r} {times} elsewhere in this article"
                self.found.append(self.read.issue(tok.start, tok.end, message, (suggestion,), person, fix))

    def _hyphens(self, refs) -> None:
        """ "Jean Pierre" beside "Jean-Pierre": a hyphenated name written without its hyphen."""
        text = self.read.doc.text
        seen = set()
        for tok in self.read.toks:
            if "-" not in tok.text or tok.key in seen:
                continue
            parts = tok.text.split("-")
            if len(parts) != 2 or not all(p[:1].isupper() for p in parts):
                continue
            seen.add(tok.key)
            if tok.key not in refs or not any(
                f"{parts[0]}{space}{parts[1]}" in text or f"{parts[0]}{space}{parts[1]}".upper() in text
                for space in " \u00a0"
            ):
                continue  # (a plain search first: the pattern below scans the text several times slower)
            pattern = re.compile(rf"(?<![\w-]){re.escape(parts[0])}[ \u00a0]{re.escape(parts[1])}(?![\w-])", re.I)
            for m in pattern.finditer(text):
                # as the hyphenated form is written, or in capitals (a transcript's "MS. JEAN PIERRE:")
                if self.read.ctx.allowed(m.group()) or not (m.group().isupper() or m.group()[0] == parts[0][0]):
                    continue
                message = f"{m.group()!r} is written {tok.text!r} elsewhere in this article"
                self.found.append(self.read.issue(m.start(), m.end(), message, (tok.text,), None))


def _known_surnames(person) -> set[str]:
    """The surnames a person's names and aliases end with, in every language, as _accented compares them."""
    return {_accented(n.split()[-1]) for n in (*person.names.values(), *person.aliases) if n.split()}


def _accented(word: str) -> str:
    """A word as its accents are compared: case aside, accents kept (NFC)."""
    return unicodedata.normalize("NFC", word).casefold()


def _settle_fixes(source: str, lists: tuple[list[Issue], ...]) -> None:
    """Fixes of the three rules that overlap either agree (the same change, or one containing the
    other's: "Sergueï Choïgu" -> "Sergueï Choïgou" and "Choïgu" -> "Choïgou"), and then the
    widest is kept with the best confidence, or they disagree and none is kept; so that
    `--fix-names` never meets two fixes of one name."""
    fixes = {i.fix for issues in lists for i in issues if i.fix is not None}
    fixes = sorted(fixes, key=lambda f: (f.start, -f.end))
    if not fixes:
        return
    groups: list[list[Fix]] = []
    reach = -1
    for f in fixes:
        if groups and f.start < reach:
            groups[-1].append(f)
            reach = max(reach, f.end)
        else:
            groups.append([f])
            reach = f.end
    settled: dict[Fix, Fix | None] = {}
    for group in groups:
        outer = group[0]  # the first to start, the widest of those
        agree = all(
            outer.start <= f.start
            and f.end <= outer.end
            and source[outer.start : f.start] + f.replacement + source[f.end : outer.end] == outer.replacement
            for f in group
        )
        best = replace(outer, confidence=max(f.confidence for f in group)) if agree else None
        for f in group:
            settled[f] = best if (f.start, f.end) == (outer.start, outer.end) else None
    for issues in lists:
        issues[:] = [i if i.fix is None else replace(i, fix=settled[i.fix]) for i in issues]


def _respaced(written: str, suggestion: str) -> str | None:
    """The suggestion's words with the spaces (and line breaks) written between the words of the
    name as written; None when they do not have as many words."""
    words, spaces = written.split(), re.findall(r"\s+", written.strip())
    new = suggestion.split()
    if not new or len(new) != len(words) or written != written.strip():
        return None
    return "".join(w + s for w, s in zip(new, [*spaces, ""], strict=True))


def _inflected(surname: str, written: str, key: str, form: str) -> str | None:
    """The surname with the ending of the word as written ("Bidns" -> "Bidens"), None when the ending
    cannot be read back from the text."""
    if form == key:
        return surname
    ending = written[len(written) - (len(key) - len(form)) :]
    return surname + ending if fold_name(ending) == key[len(form) :] else None


def _own_given_names(p) -> frozenset[str]:
    """The normalised given names p goes by, in any language or alias."""
    own = set()
    for n in {*p.names.values(), *p.aliases}:
        parts = fold_name(n).split()
        if len(parts) >= 2:
            own.add(parts[-1] if p.family_first else parts[0])
    return frozenset(own)


def _better(a, b):
    if b is None:
        return a
    if a is None or b[0] > a[0]:
        return b
    return a


def _word(form: str, key: str) -> str:
    for w in form.split():
        if fold_name(w) == key:
            return w
    return key


def _subsequence(words: list[str], parts: list[str]) -> bool:
    """Are `words` some of `parts`, in order, the last one included or the first one included?"""
    it = iter(parts)
    if not all(any(w == q for q in it) for w in words):
        return False
    return words[-1] == parts[-1] or (words[0] == parts[0] and len(words) >= 2 and words[1] == parts[1])


def _cut_given(written: str, given: str) -> bool:
    """Is the written given name the start of the person's, cut short by half or more ("anna" of
    "annalena")? A name shortened that much is no typo, and no one's other name either."""
    return len(written) >= 3 and given.startswith(written) and 2 * len(written) <= len(given)


def _cut_short(r: _Run, form: str) -> bool:
    """Is the run the form with its last, hyphenated word cut at the hyphen?"""
    words = form.split()
    if len(words) != len(r.toks) or "-" not in words[-1]:
        return False
    if any(fold_name(w) != t.key for w, t in zip(words[:-1], r.toks[:-1], strict=True)):
        return False
    return fold_name(words[-1].split("-")[0]) == r.toks[-1].key


def _office_match(o: OfficeMention, p, day) -> float:
    """How well an office named in the article points at p: 0.5 held on the date (or maybe),
    0.3 held at another time or named without a country, 0 otherwise."""
    if o.of is None:
        v = holds(p, o.role, None, day)
        return 0.3 if v is not False else 0.0
    v = holds(p, o.role, o.of, day)
    if v is True or (v is None and any(x.role == o.role and x.of == o.of for x in p.offices)):
        return 0.5
    if any(x.role == o.role and x.of == o.of for x in p.offices):
        return 0.3
    return 0.0


# -- the rules ------------------------------------------------------------------------------------------
@rule(
    "names.misspelling",
    category="name-misspelling",
    severity="warning",
    requires=("titles.heads", "stopwords.words"),
    description="""A person's name close to, but not the same as, how the knowledge base writes it.

"le président chinois Ce Jinping" (Xi Jinping), "Jeff Zints", "de Bidn.": a name the knowledge base does
not know, within a few edits of a known person's (two letters swapped count as one edit, "Mekrel"), is
reported when the context makes that person likely: a title naming an office they held on the article's
date, the person named correctly elsewhere in the article. A given name cut to its first half or less
("Anna Baerbock" for Annalena) also counts when no one else the knowledge base knows bears the surname
and no description before the name ("la chanteuse Anna Baerbock") says it is someone else. Every
language's spelling and the aliases of the knowledge base are correct; names it does not know are never
reported. The suggestion is the name in the article's language. Also reported: an accent that no
spelling of a known person's name has ("Zelenský"; an accent dropped, as the English-language press does,
is not), and a woman's given name before the masculine form of a surname that a man of a country whose
surnames take a feminine form bears ("Olena Zelensky", common/surnames.toml).""",
    examples=[
        flag("fr", "« Le président chinois <m>Ce Jinping</m> ne sera pas ravi », a-t-elle dit.", date="2022-01-26"),
        flag("fr", "Joe Biden a parlé mardi. Le Kremlin a répondu aux déclarations de <m>Bidn</m>.", date="2022-01-26"),
        flag("fr", "Le chef de cabinet de la Maison Blanche, <m>Jeff Zints</m>, a parlé.", date="2024-02-01"),
        accept(
            "fr", "Sergueï Lavrov, ministre russe des Affaires étrangères, a reçu jeudi son homologue turc.",
            date="2022-01-26",
        ),
        accept("fr", "Le porte-parole du Kremlin Dmitri Peskov et Vladimir Poutine ont parlé.", date="2022-01-26"),
        accept("fr", "Jill Biden et Joe Biden sont arrivés à Paris.", date="2022-01-26"),
        accept("fr", "Le président Emmanuel Macron a reçu le chancelier Olaf Scholz.", date="2022-01-26"),
        accept("fr", "Boris Johnson a rencontré Paul Johnston. Johnston a parlé.", date="2022-01-26"),
        accept("fr", "Le chancelier allemand Friedrich Merz est attendu à Metz.", date="2025-09-03"),
        flag("en", "Ukrainian President <m>Volodymyr Zhelensky</m> spoke on Monday.", date="2022-03-07"),
        flag("fr", "Le ministre de la Défense <m>Llyod Austin</m> doit arriver à Kiev.", date="2022-04-24"),
        flag("fr", "La ministre allemande des Affaires étrangères <m>Anna Baerbock</m> arrive.", date="2022-05-10"),
        accept("fr", "La chanteuse Anna Baerbock est arrivée à Kiev.", date="2022-05-10"),
        flag("fr", "Mercredi, <m>Anna Baerbock</m> a parlé à Berlin.", date="2022-05-10"),
        flag("en", "<m>Anna Baerbock</m> spoke in Berlin on Wednesday.", date="2022-05-10"),
        flag("en", "Chancellor <m>Angela Mekrel</m> spoke in Brussels.", date="2019-05-10"),
        flag("de", "Bundeskanzler <m>Olaf Sholcz</m> sprach in Brüssel.", date="2022-05-10"),
        accept("en", "Chris Miller spoke in Berlin on Wednesday.", date="2022-05-10"),
        accept("en", "The singer Anna Baerbock spoke in Berlin.", date="2022-05-10"),
        accept("en", "Ukrainian President Volodymyr Zelensky addressed parliament.", date="2022-03-07"),
        accept("de", "Der russische Präsident Wladimir Putin sprach am Montag.", date="2022-03-07"),
        flag(
            "en", "US Secretary of State <m>Anthony Blinken</m> landed in Brussels on Wednesday for NATO talks.",
            date="2021-04-30",
        ),
        accept("en", "Foreign Minister Sergei Lavrov and Kremlin spokesman Dmitry Peskov spoke.", date="2022-01-26"),
        accept("en", "Putin's spokesman Dmitry Peskov said Biden's remarks were unhelpful.", date="2022-01-26"),
        accept("en", "BIDEN WARNS PUTIN OVER UKRAINE", date="2022-01-26"),
        accept("en", "Sergey Lavrov met Antony Blinken in Geneva.", date="2022-01-21"),
        flag("de", "Das Datum für den Besuch von <m>Steve Whitkoff</m> ist offen.", date="2025-11-26"),
        flag("de", "Kremlsprecher Dmitri Peskow sagte, <m>Putn</m> und Wladimir Putin seien einig.", date="2022-01-26"),
        accept("de", "Kremlsprecher Dmitri Peskow sagte, Putins Pläne seien unverändert.", date="2022-01-26"),
        accept("de", "Merkels Nachfolger Olaf Scholz und Scholz' Minister sprachen.", date="2022-01-26"),
        accept("de", "Außenminister Sergej Lawrow traf Maria Sacharowa.", date="2022-01-26"),
        accept("de", "Antony Blinken besuchte Berlin. Kritik kam von der Linken.", date="2022-01-26"),
        flag("es", "El jefe de la diplomacia europea, <m>Josep Borrel</m>, habló.", date="2022-06-01"),
        flag("es", "La secretaria de prensa <m>Karine Jean</m> habló con los periodistas.", date="2023-07-07"),
        accept("es", "La secretaria de prensa Karine Jean-Pierre habló con los periodistas.", date="2023-07-07"),
        accept("es", "El presidente Joe Biden y su esposa Jill Biden viajaron.", date="2022-05-16"),
        accept("es", "El portavoz del Kremlin, Dmitri Peskov, lo negó.", date="2022-01-26"),
        accept("es", "Pedro Sánchez saludó en Madrid a su homólogo de Colombia, Gustavo Petro.", date="2024-10-01"),
        flag("it", "L'alto rappresentante dell'Ue, <m>Josep Borrel</m>, ha parlato.", date='2022-06-01'),
        flag("it", 'La portavoce <m>Karine Jean</m> ha parlato con i giornalisti.', date='2023-07-07'),
        accept("it", 'La portavoce Karine Jean-Pierre ha parlato con i giornalisti.', date='2023-07-07'),
        accept("it", 'Il presidente Joe Biden e sua moglie Jill Biden sono partiti.', date='2022-05-16'),
        accept("it", 'Il presidente francese, Emmanuel Macron, ha smentito.', date='2022-01-26'),
        # an accent the name does not have; one it has, dropped, is the English press's usage
        flag("en", "President Volodymyr <m>Zelenský</m> spoke in Kyiv on Monday.", date="2022-03-07"),
        accept("en", "Prime Minister Viktor Orban spoke in Budapest on Monday.", date="2022-03-07"),
        # a woman's surname in its masculine form, where the man's country inflects it
        flag("en", "Volodymyr Zelensky thanked his wife, Olena <m>Zelensky</m>, on Monday.", date="2022-03-07"),
        flag("fr", "La première dame, Olena <m>Zelensky</m>, a parlé à Kiev.", date="2022-03-07"),
        accept("en", "Volodymyr Zelensky thanked his wife, Olena Zelenska, on Monday.", date="2022-03-07"),
        accept("en", "Jill Biden and Joe Biden arrived in Kyiv.", date="2022-03-07"),
        flag("pt", 'O alto representante da UE, <m>Josep Borrel</m>, falou em Bruxelas.', date="2022-06-01"),
        flag("pt", 'A porta-voz <m>Karine Jean</m> falou com os jornalistas.', date="2023-07-07"),
        accept("pt", 'A porta-voz Karine Jean-Pierre falou com os jornalistas.', date="2023-07-07"),
        accept("pt", 'O presidente Joe Biden e a mulher, Jill Biden, partiram.', date="2022-05-16"),
        accept("pt", 'O presidente francês, Emmanuel Macron, desmentiu.', date="2022-01-26"),
    ],
)
def misspelling(doc: Document, ctx):
    found = findings(doc, ctx).misspelled
    yield from found
    if ctx.knowledge is not None:
        reported = [(i.start, i.end) for i in found]
        yield from _outside(reported, _added_accents(doc, ctx))
        yield from _outside(reported, _masculine_surnames(doc, ctx))
    if getattr(ctx.knowledge, "consults_wikipedia", False):
        yield from _wikipedia_suggestions(doc, ctx, {(i.start, i.end) for i in found})


def _outside(reported: list[tuple[int, int]], issues) -> Iterator[Issue]:
    """The issues on no span already reported."""
    for i in issues:
        if not any(a < i.end and i.start < b for a, b in reported):
            yield i


def _added_accents(doc: Document, ctx) -> Iterator[Issue]:
    """ "Zelenský": a known person's name with an accent none of its spellings has, in any language or
    alias. Accents are part of a name; an accent dropped is left alone (the English-language press drops
    them: "Orban"), one added or changed is a misspelling."""
    pm = person_mentions(doc, ctx)
    for m in pm.mentions:
        if m.name.isascii() or ctx.allowed(m.name):
            continue
        person = pm.person_of(m, ctx.knowledge)
        if person is None:
            continue
        # its spellings; not its exonyms, a translation defect names.given-name-translated reports
        written = {w for n in (*person.names.values(), *person.aliases, person.id) for w in n.split()}
        by_key = {fold(w): w for w in written}
        at = m.start
        for w in m.words:
            start = doc.text.find(w, at, m.end)
            if start < 0:
                break
            at = start + len(w)
            key = fold(w)
            if w.isascii() or w in written or key not in by_key:
                continue
            right = next((x for x in person.name(ctx.lang).split() if fold(x) == key), by_key[key])
            if len(w) == len(right) and all(c == r or c.isascii() for c, r in zip(w, right, strict=True)):
                continue  # only accents of the name dropped ("Jérome" for "Jérôme"): left alone
            yield Issue(
                start,
                at,
                f"{w!r} is not how {person.name(ctx.lang)} is written: {right!r} (an accent the name does not have)",
                suggestions=(right,),
                evidence={"url": person.url(ctx.lang), "source": getattr(person, "source", "embedded")},
            )


def _masculine_surnames(doc: Document, ctx) -> Iterator[Issue]:
    """ "Olena Zelensky": a woman's given name before the masculine form of a surname that a man the
    knowledge base knows bears, when his offices are of a country whose surnames take a feminine form
    (common/surnames.toml): the woman's is "Zelenska". Only names the knowledge base does not know."""
    table = ctx.profile.table("feminine_surnames")
    female = ctx.profile.words("female")
    if not table or not female:
        return
    for m in person_mentions(doc, ctx).mentions:
        if m.person is not None or len(m.words) < 2 or m.words[0].casefold() not in female or ctx.allowed(m.name):
            continue
        surname = m.words[-1]
        men = [p for p in ctx.knowledge.people_with_surname(surname) if p.gender == "m"]
        countries = {o.of for p in men for o in p.offices} & set(table)
        if not men or len(countries) != 1:
            continue
        pairs = sorted(table[countries.pop()], key=lambda pair: -len(pair[0]))
        ending = next((pair for pair in pairs if surname.casefold().endswith(pair[0])), None)
        if ending is None:
            continue
        feminine = surname[: len(surname) - len(ending[0])] + ending[1]
        start = m.end - len(surname)
        yield Issue(
            start,
            m.end,
            f"{m.name!r}: a woman bears the feminine form of {men[0].name(ctx.lang)}'s surname, {feminine!r}",
            suggestions=(feminine,),
            evidence={"url": men[0].url(ctx.lang), "source": getattr(men[0], "source", "embedded")},
        )


# A Wikipedia "did you mean" this close to the name as written, sharing one of its words, is taken
# for the same person misspelled ("Ce Jinping" -> "Xi Jinping" scores 80).
_WIKIPEDIA_SCORE = 75.0


def _wikipedia_suggestions(doc: Document, ctx, reported: set[tuple[int, int]]):
    """Names the embedded snapshot has no candidate for, corrected by Wikipedia's search: only full
    names introduced as people (a title before them, or a known given name), never a lone word."""
    for m in person_mentions(doc, ctx).mentions:
        if m.person is not None or m.short or len(m.words) < 2 or (m.start, m.end) in reported:
            continue
        if not ({"title", "given-name"} & m.evidence) or ctx.allowed(m.name):
            continue
        for person, score in ctx.knowledge.suggest(m.name, ctx.lang, 1):
            right = person.name(ctx.lang)
            shared = set(fold_name(right).split()) & set(fold_name(m.name).split())
            if person.source != "wikipedia" or score < _WIKIPEDIA_SCORE or not shared:
                continue
            if fold_name(right) != fold_name(m.name):
                yield Issue(
                    m.start,
                    m.end,
                    f"{m.name!r} is not a name Wikipedia knows; did you mean {right}?",
                    suggestions=(right,),
                    evidence={"url": person.url(ctx.lang), "source": "wikipedia"},
                )


@rule(
    "names.inconsistent",
    category="name-inconsistent",
    severity="warning",
    requires=("titles.heads", "stopwords.words"),
    description="""The same person's name spelled two ways in one article.

"Wendy Shermann" beside "Sherman" three times, "Bidn" beside "Biden": the form the knowledge base gives in
the article's language wins, else the form written most often, and on a tie the one the knowledge base
gives the person in some language. Accents are part of a name ("Orban" beside "Orbán"). Inflected and possessive forms
("Putin's", "Merkels", "Scholz'"), first names and surnames alone, and two people who share a surname
are not inconsistencies.""",
    examples=[
        flag("fr", "Wendy Sherman a parlé. Sherman a déclaré que <m>Shermann</m> et Sherman sont d’accord."),
        flag("fr", "Joe Biden a parlé. Biden a menacé Poutine. Le gouvernement <m>Bidn</m> a répondu."),
        flag("fr", "Karine Jean-Pierre a parlé. Selon elle, <m>Jean Pierre</m> restera. Jean-Pierre a souri."),
        accept("fr", "Joe Biden et Jill Biden sont arrivés. Biden a parlé."),
        accept("fr", "Wendy Sherman a parlé. Wendy a ensuite ajouté que Sherman resterait."),
        accept("fr", "POUTINE MENACE. Vladimir Poutine a parlé. Poutine a menacé."),
        accept("fr", "Mette Frederiksen La Première ministre du Danemark s’est exprimée lundi à Copenhague. La "
               "décision de la Première ministre a surpris ses alliés. Son prédécesseur, lui aussi Premier "
               "ministre, avait pris la même voie."),
        flag("en", "Antony Blinken spoke. Blinken said <m>Blinkin</m> and Blinken would go."),
        flag("en", "Volodymyr Zelenskyy spoke. Zelenskyy said so, and <m>Zelenskyj</m> agreed."),
        accept("en", "Vladimir Putin spoke. Putin's aides and the Putins were there."),
        accept("en", "Joe Biden and Hunter Biden arrived. Biden spoke."),
        flag("en", "Hungarian Prime Minister Viktor Orbán spoke in Brussels. <m>Orban</m> said Orbán would stay."),
        flag("en", "Talks with <m>Zelenský</m> in Kyiv\nOn Monday Volodymyr Zelensky said the talks went well."),
        accept("en", "Talks with Zelensky in Kyiv\nOn Monday Volodymyr Zelensky said the talks went well."),
        flag("en", "Defence Minister Sergei Shoigu arrived. Later <m>shoigu</m> met the generals.", "2022-03-01"),
        flag("en", "Karine Jean-Pierre briefed reporters.\nMS. <m>JEAN PIERRE</m>: We have nothing to add."),
        accept("en", "ORBAN WINS AGAIN\nViktor Orbán spoke in Budapest. Orbán thanked voters."),
        accept("en", "State Department spokesman Ned Price spoke. The price of gas rose, Price said.", "2022-03-01"),
        accept("en", "Sergei Ivanov and Elena Ivanova spoke. Ivanov and Ivanova agreed."),
        flag("de", "Dmitri Peskow sagte das. Peskow meinte, <m>Peskov</m> habe recht."),
        flag("de", "Olaf Scholz sprach. Scholz sagte, <m>Scholtz</m> und Scholz seien einig."),
        accept("de", "Angela Merkel sprach. Merkels Nachfolger Olaf Scholz und Scholz' Minister sprachen."),
        accept("de", "Wladimir Putin sprach. Putins Sprecher widersprach."),
        accept("de", "Olaf Scholz und Olaf sprachen."),
        flag("es", "Josep Borrell habló. Borrell dijo que <m>Borell</m> y Borrell coinciden."),
        flag("es", "Jen Psaki habló. Psaki dijo que <m>Psaky</m> y Psaki se van."),
        accept("es", "Joe Biden y Jill Biden viajaron. Biden habló."),
        accept("es", "Jen Psaki habló. Jen dijo que Psaki se va."),
        accept("es", "Dmitri Peskov habló. Peskov lo negó."),
        flag("it", "Josep Borrell ha parlato. Borrell ha detto che <m>Borell</m> e Borrell sono d'accordo."),
        flag("it", 'Jen Psaki ha parlato. Psaki ha detto che <m>Psaky</m> e Psaki se ne vanno.'),
        accept("it", 'Joe Biden e Jill Biden sono partiti. Biden ha parlato.'),
        accept("it", 'Jen Psaki ha parlato. Jen ha detto che Psaki se ne va.'),
        accept("it", 'Dmitrij Peskov ha parlato. Peskov ha smentito.'),
        flag("pt", 'Josep Borrell falou. Borrell disse que <m>Borell</m> e Borrell estão de acordo.'),
        flag("pt", 'Jen Psaki falou. Psaki disse que <m>Psaky</m> e Psaki vão sair.'),
        accept("pt", 'Joe Biden e Jill Biden partiram. Biden falou depois.'),
        accept("pt", 'Jen Psaki falou. Jen disse que Psaki vai sair.'),
        accept("pt", 'Dmitry Peskov falou. Peskov desmentiu.'),
    ],
)
def inconsistent(doc: Document, ctx):
    yield from findings(doc, ctx).inconsistent


@rule(
    "names.given-name-translated",
    category="given-name-translated",
    severity="warning",
    requires=("titles.heads", "stopwords.words"),
    description="""A given name replaced by its translation or a foreign equivalent.

"Jean Kirby" for John Kirby, "Antoine Blinken" for Antony Blinken, "Giuseppe Biden" for Joe Biden: the
surname is a known person's and the given name is an equivalent of theirs (the `[given_names]`
tables of every language) but none of the names they really use ("Joseph Biden" is an alias, so
correct). Two people sharing a surname are told apart by their given names. A given name the
knowledge base records as an exonym of the person ("Vladimir" for Volodymyr Zelensky, the Russian
form) is reported here too; an exonym that changes the family name as well is a misspelling.""",
    examples=[
        flag("fr", "L’ancien ambassadeur américain <m>Jean</m> Harwood a estimé que Moscou bluffait.", "2022-03-01"),
        flag("fr", "Le directeur de la CIA <m>Guillaume-Joseph Burns</m> est arrivé à Moscou.", "2022-03-01"),
        accept("fr", "L’ambassadeur français Jean Harwood a estimé que Moscou bluffait.", "2022-03-01"),
        flag("en", "Ukrainian President <m>Vladimir Zelensky</m> addressed parliament.", date="2022-03-07"),
        flag("en", "Ukrainian Prime Minister <m>Denis Shmygal</m> addressed parliament.", date="2022-03-07"),
        flag("fr", "Le chef du renseignement militaire <m>Kirill Boudanov</m> a parlé.", date="2023-05-02"),
        flag("es", "El presidente ucraniano, <m>Vladímir Zelenski</m>, habló en Kiev.", date="2023-05-03"),
        accept("es", "El presidente ucraniano, Volodímir Zelenski, habló en Kiev.", date="2023-05-03"),
        accept("en", "Former US Ambassador John Harwood said Moscow was bluffing.", "2022-03-01"),
        flag("fr", "Le porte-parole du Pentagone, <m>Jean Kirby</m>, a parlé.", date="2022-01-26"),
        flag("fr", "<m>Antoine Blinken</m> a parlé à Capri.", date="2024-04-19"),
        accept("fr", "Le porte-parole du Pentagone, John Kirby, a parlé.", date="2022-01-26"),
        accept("fr", "Joseph Biden et Jill Biden ont voyagé.", date="2022-01-26"),
        accept("fr", "Sergueï Lavrov et Sergei Lavrov sont le même homme.", date="2022-01-26"),
        flag("en", "<m>Giuseppe Biden</m> spoke on Tuesday.", date="2022-01-26"),
        flag("en", "<m>Giovanni Kirby</m> briefed reporters.", date="2022-01-26"),
        accept("en", "Joseph Biden spoke on Tuesday.", date="2022-01-26"),
        accept("en", "Hunter Biden and Joe Biden spoke.", date="2022-01-26"),
        accept("en", "Sergey Lavrov spoke.", date="2022-01-26"),
        flag("de", "<m>Johann Kirby</m> sprach mit Journalisten.", date="2022-01-26"),
        flag("de", "<m>Josef Biden</m> reiste nach Kiew.", date="2022-01-26"),
        accept("de", "John Kirby sprach mit Journalisten.", date="2022-01-26"),
        accept("de", "Antony Blinken reiste nach Kiew.", date="2022-01-26"),
        accept("de", "Sergej Lawrow und Joe Biden sprachen.", date="2022-01-26"),
        flag("es", "<m>Juan Kirby</m> habló con periodistas.", date="2022-01-26"),
        flag("es", "<m>Antonio Blinken</m> viajó a Kiev.", date="2022-01-26"),
        accept("es", "John Kirby habló con periodistas.", date="2022-01-26"),
        accept("es", "Antony Blinken viajó a Kiev.", date="2022-01-26"),
        accept("es", "Serguéi Lavrov y Joe Biden hablaron.", date="2022-01-26"),
        flag("it", '<m>Giovanni Kirby</m> ha parlato con i giornalisti.', date='2022-01-26'),
        flag("it", '<m>Antonio Blinken</m> è andato a Kiev.', date='2022-01-26'),
        accept("it", 'John Kirby ha parlato con i giornalisti.', date='2022-01-26'),
        accept("it", 'Antony Blinken è andato a Kiev.', date='2022-01-26'),
        accept("it", 'Sergej Lavrov e Joe Biden hanno parlato.', date='2022-01-26'),
        flag("pt", '<m>João Kirby</m> falou com os jornalistas.', date="2022-01-26"),
        flag("pt", '<m>António Blinken</m> viajou para Kiev.', date="2022-01-26"),
        accept("pt", 'John Kirby falou com os jornalistas.', date="2022-01-26"),
        accept("pt", 'Antony Blinken viajou para Kiev.', date="2022-01-26"),
        accept("pt", 'Sergey Lavrov e Joe Biden falaram por telefone.', date="2022-01-26"),
    ],
)
def given_name_translated(doc: Document, ctx):
    yield from findings(doc, ctx).translated


RULES = [misspelling, inconsistent, given_name_translated]
