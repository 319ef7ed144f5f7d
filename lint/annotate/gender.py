"""Gender in a document: of the people it names, of the words that must agree with them, and who
speaks the quotations that an attribution ("», a-t-il ajouté", "”, she said") closes.

- A person's gender comes from the knowledge base (any mention of the same person), else from the
  given-name lexicon (`female`/`male` of the language profile) when the name is in one list only,
  with a lower confidence, else from a known person whose given name it is and whose surname is
  within two edits. Unknown otherwise.
- Pronouns, inversions, honorifics, gendered title words and the verbs that mark a speaker are read
  from the `[gender]` table of the language profile (rules/data/<lang>/gender.toml).
- Quotations are found per paragraph with a small state machine that also accepts a quotation
  closed with the wrong mark (« ... « , a-t-il dit), as machine translation leaves them.

Everything is computed once per document (`doc.memo`) and shared by the rules that need it.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from itertools import compress, count
from operator import itemgetter
from typing import TYPE_CHECKING, Any

from ..derived import Answers
from ..document import Document, Span, Word, starting_in
from ..text import fold_name, fold_phrase
from .persons import Mention, PersonMentions, person_mentions
from .quotes import Quotes, quotes

if TYPE_CHECKING:
    from ..context import Context

GENDERS = ("m", "f")
KB_CONFIDENCE = 1.0
LEXICON_CONFIDENCE = 0.8
NEAR_KB_CONFIDENCE = 0.8



def _strings(value: Any) -> list[str]:
    return [v for v in (value or []) if isinstance(v, str)]


_MAX_REMEMBERED = 100_000


@dataclass(frozen=True, eq=False)
class GenderLexicon:
    pronouns: dict[str, str]  # casefolded pronoun -> gender
    inversions: tuple[tuple[str, str], ...]  # (casefolded ending, gender), longest first
    honorifics: dict[str, str]
    words: dict[str, tuple[str, str]]  # casefolded word -> (gender, the word of the other gender)
    endings: tuple[tuple[str, str, str], ...]  # (ending, gender, ending of the other gender), longest first
    speech_verbs: frozenset[str]
    person_verbs: frozenset[str]
    verb_fillers: frozenset[str]
    copulas: frozenset[str]
    complement_starts: frozenset[str]
    fixed_complements: tuple[tuple[str, ...], ...]
    not_current: frozenset[str]
    person_nouns: frozenset[str]
    heads: frozenset[str]
    openers: frozenset[str]
    conjunctions: frozenset[str]  # "et", "and": what joins two phrases, each with its own person
    determiners: frozenset[str]  # articles and possessives, which agree but are not titles
    short_copulas: frozenset[str]  # two-letter words that are "is" ("es"), unlike "a"/"ha" ("has")
    female: frozenset[str]
    male: frozenset[str]
    # Answers by the word as written, asked of every word of an article (its gender through many
    # endings, whether it heads a title): a hit is one dictionary lookup in C, the same answer
    # whoever fills it, so threads may share them; bounded, as a server's vocabulary grows without end.
    genders_of: Answers[str, tuple[str, str] | None] = field(init=False, repr=False)
    heads_of: Answers[str, bool] = field(init=False, repr=False)
    may_attribute: Answers[str, bool] = field(init=False, repr=False)  # `_may_attribute`
    _attribution_endings: tuple[tuple[str, ...], frozenset[str]] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "genders_of", Answers(self._word_gender, _MAX_REMEMBERED))
        object.__setattr__(self, "heads_of", Answers(self._heads_title, _MAX_REMEMBERED))
        endings = tuple({*self.pronouns, *(e for e, _ in self.inversions)})
        lasts = frozenset({e[-1] for e in endings} | {e[-1].upper() for e in endings})
        object.__setattr__(self, "_attribution_endings", (endings, lasts))
        object.__setattr__(self, "may_attribute", Answers(self._may_attribute, _MAX_REMEMBERED))

    def _may_attribute(self, word: str) -> bool:
        """Does the word end like a pronoun or an inverted verb ("a-t-il"), as an attribution's word does?"""
        endings, lasts = self._attribution_endings
        return word[-1] in lasts and word.casefold().endswith(endings)

    def is_head(self, word: str) -> bool:
        """Does the word head a title: a title word of the lexicon ("ministre"), or a compound that
        ends like one and is not itself a listed word ("Außenministerin")?"""
        return self.heads_of[word]

    def head_key(self, word: str) -> str:
        """A title's head word in its masculine form, case-folded: "présidente" and "président" alike,
        "spokesman" for "spokeswoman"; how a title alone is matched with the titles of named people."""
        g = self.word_gender(word)
        return (g[1] if g is not None and g[0] == "f" else word).casefold()

    def _heads_title(self, word: str) -> bool:
        w = word.casefold()
        return w in self.heads or (self.word_gender(w) is not None and w not in self.words)

    def word_gender(self, word: str) -> tuple[str, str] | None:
        """('m' or 'f', the same word in the other gender) for a gendered title word, else None."""
        return self.genders_of[word]

    def _word_gender(self, word: str) -> tuple[str, str] | None:
        w = fold_phrase(word)
        if w in self.words:
            return self.words[w]
        for ending, gender, other in self.endings:
            if w.endswith(ending) and len(w) >= len(ending):
                return gender, word[: len(word) - len(ending)] + other
        return None

    def given_name_gender(self, name: str) -> str | None:
        n = name.casefold()
        first = n.split("-")[0]
        f = n in self.female or first in self.female
        m = n in self.male or first in self.male
        if f == m:
            return None
        return "f" if f else "m"

    @property
    def usable(self) -> bool:
        return bool(self.pronouns or self.words or self.endings or self.honorifics)


def lexicon(ctx: Context) -> GenderLexicon:
    return ctx.profile.derive(__name__, _lexicon)


def _lexicon(profile: Any) -> GenderLexicon:
    g = profile.table("gender")

    def by_gender(key: str) -> dict[str, str]:
        out = {}
        table = g.get(key, {})
        if isinstance(table, dict):
            for gender in GENDERS:
                for w in _strings(table.get(gender)):
                    out[fold_phrase(w)] = gender
        return out

    words: dict[str, tuple[str, str]] = {}
    for masc, fem in (g.get("words", {}) or {}).items():
        if not isinstance(fem, str) or masc.casefold() == fem.casefold():
            continue  # epicene
        words[masc.casefold()] = ("m", fem)
        if " " not in fem:
            words.setdefault(fem.casefold(), ("f", masc))
    endings: list[tuple[str, str, str]] = []
    for masc, fem in (g.get("endings", {}) or {}).items():
        if isinstance(fem, str) and masc.casefold() != fem.casefold():
            endings += [(fem.casefold(), "f", masc), (masc.casefold(), "m", fem)]
    endings.sort(key=lambda e: -len(e[0]))
    inversions = sorted(by_gender("inversions").items(), key=lambda kv: -len(kv[0]))
    return GenderLexicon(
        pronouns=by_gender("pronouns"),
        inversions=tuple(inversions),
        honorifics=by_gender("honorifics"),
        words=words,
        endings=tuple(endings),
        speech_verbs=frozenset(w.casefold() for w in _strings(g.get("speech_verbs"))),
        person_verbs=frozenset(w.casefold() for w in _strings(g.get("person_verbs"))),
        verb_fillers=frozenset(w.casefold() for w in _strings(g.get("verb_fillers"))),
        copulas=frozenset(w.casefold() for w in _strings(g.get("copulas"))),
        complement_starts=frozenset(w.casefold() for w in _strings(g.get("complement_starts"))),
        fixed_complements=tuple(
            tuple(fold_phrase(w).replace("'", " ' ").split())
            for w in _strings(g.get("fixed_complements"))
        ),
        not_current=frozenset(w.casefold() for w in _strings(g.get("not_current"))),
        person_nouns=frozenset(w.casefold() for w in _strings(g.get("person_nouns"))),
        heads=profile.words("titles.heads"),
        openers=frozenset(w.casefold() for w in _strings(g.get("openers"))),
        conjunctions=frozenset(w.casefold() for w in _strings(g.get("conjunctions"))),
        determiners=frozenset(w.casefold() for w in _strings(g.get("determiners"))),
        short_copulas=frozenset(w.casefold() for w in _strings(g.get("short_copulas"))),
        female=profile.words("female"),
        male=profile.words("male"),
    )


# -- the words of a document, with positions --------------------------------------------------
@dataclass
class WordIndex:
    words: list[Word]
    starts: list[int]

    def at(self, offset: int) -> int:
        """Index of the first word starting at or after `offset`."""
        return bisect.bisect_left(self.starts, offset)

    def before(self, offset: int) -> int:
        """Index of the last word ending at or before `offset` (-1 if none)."""
        i = bisect.bisect_left(self.starts, offset) - 1
        while i >= 0 and self.words[i].end > offset:
            i -= 1
        return i


def word_index(doc: Document) -> WordIndex:
    def build() -> WordIndex:
        return WordIndex(doc.words, doc.word_starts)

    return doc.memo("gender.words", build)


# -- genders of mentions ------------------------------------------------------------------------
@dataclass(frozen=True)
class Gender:
    gender: str | None
    confidence: float
    source: str  # "kb", "given-name", "kb-near" or "unknown"


UNKNOWN = Gender(None, 0.0, "unknown")


def mention_gender(doc: Document, ctx: Context, m: Mention) -> Gender:
    cache = doc.memo(ctx.key("gender.of-mention"), dict)
    pm = person_mentions(doc, ctx)
    # The answer depends on the mention's group, and for a lone surname on that surname: keyed so,
    # 50,000 mentions of one person cost one look at their group, not 50,000.
    key = (m.group, m.words[-1] if len(m.words) == 1 else None) if m.group in pm.groups else (m.start, m.end)
    if key not in cache:
        cache[key] = _gender_of(ctx, pm, m)
    return cache[key]


def _gender_of(ctx: Context, pm: PersonMentions, m: Mention) -> Gender:
    group = pm.groups.get(m.group, [m])
    kb_genders = {x.person.gender for x in group if x.person is not None and x.person.gender in GENDERS}
    if len(kb_genders) == 1:
        return Gender(kb_genders.pop(), KB_CONFIDENCE, "kb")
    if kb_genders:
        return UNKNOWN
    lex = lexicon(ctx)
    full = [x for x in group if len(x.words) >= 2]
    given = {lex.given_name_gender(x.words[0]) for x in full}
    given.discard(None)
    if len(given) == 1:
        return Gender(given.pop(), LEXICON_CONFIDENCE, "given-name")
    if given:
        return UNKNOWN
    near = {_near_kb_gender(ctx, x) for x in {tuple(x.words): x for x in full}.values()}
    near.discard(None)
    if len(near) == 1:
        return Gender(near.pop(), NEAR_KB_CONFIDENCE, "kb-near")
    if not full:
        # a surname alone that the article never writes in full: the known people of that surname
        people = ctx.knowledge.people_with_surname(m.words[-1]) if ctx.knowledge and len(m.words) == 1 else []
        genders = {p.gender for p in people}
        if len(people) == 1 and genders <= {"m", "f"} and genders:
            return Gender(genders.pop(), NEAR_KB_CONFIDENCE, "kb-surname")
    return UNKNOWN


def _near_kb_gender(ctx: Context, m: Mention) -> str | None:
    """The gender of the known person whose given name this mention starts with and whose surname
    is within two edits of its last word ("Olena Zelensky" -> Olena Zelenska)."""
    kb = ctx.knowledge
    if kb is None:
        return None
    from rapidfuzz.distance import Levenshtein


    first, last = fold_name(m.words[0]), fold_name(m.words[-1])
    genders = set()
    for p in kb.people_with_word(m.words[0]):
        for name in p.all_names():
            parts = fold_name(name).split()
            if len(parts) >= 2 and parts[0] == first and Levenshtein.distance(parts[-1], last, score_cutoff=2) <= 2:
                genders.add(p.gender)
    genders.discard(None)
    return genders.pop() if len(genders) == 1 else None


# -- speakers -------------------------------------------------------------------------------------
def _is_speech(lex: GenderLexicon, word: str) -> bool:
    return word.casefold() in lex.speech_verbs


def speech_subjects(doc: Document, ctx: Context) -> list[Mention]:
    """Mentions that are the subject of a verb of speech ("Sherman a déclaré", "said Blinken"),
    outside quotations, in document order."""
    return doc.memo(ctx.key("gender.speech-subjects"), lambda: _speech_subjects(doc, ctx))


def _speech_subjects(doc: Document, ctx: Context) -> list[Mention]:
    lex = lexicon(ctx)
    wi = word_index(doc)
    qs = quotes(doc, ctx.profile)
    out = []
    for m in person_mentions(doc, ctx).mentions:
        if qs.containing(m.start) is not None:
            continue
        if _speech_after(doc, lex, wi, m) or _speech_before(doc, lex, wi, m):
            out.append(m)
    return out


def _speech_after(doc: Document, lex: GenderLexicon, wi: WordIndex, m: Mention) -> bool:
    i = wi.at(m.end)
    for w in wi.words[i : i + 4]:
        if w.start >= m.sentence.end:
            return False
        t = w.text
        if _is_speech(lex, t) or _inversion(lex, t) is not None:
            return True
        if t in ',;:!?()«»“”"' or t[:1].isupper() or t.isdigit():
            return False
    return False


def _speech_before(doc: Document, lex: GenderLexicon, wi: WordIndex, m: Mention) -> bool:
    i = wi.before(m.start)
    if i < 0 or wi.words[i].start < m.sentence.start:
        return False
    prev = wi.words[i].text
    return _is_speech(lex, prev) or _inversion(lex, prev) is not None


def _inversion(lex: GenderLexicon, word: str) -> tuple[str, str] | None:
    """(verb, gender) of an inverted verb and subject pronoun written as one word ("a-t-il")."""
    w = word.casefold()
    if "-" not in w:
        return None
    for ending, gender in lex.inversions:
        if w.endswith(ending) and len(w) > len(ending):
            return w[: len(w) - len(ending)], gender
    return None


@dataclass(frozen=True)
class Attribution:
    start: int
    end: int
    gender: str  # of the pronoun
    pronoun: str  # as written (the whole inverted verb in French)
    content: Span  # what is attributed: the quotation, or the clause before the comma


def attributions(doc: Document, ctx: Context) -> list[Attribution]:
    """Pronouns attributing what precedes them: "», a-t-il ajouté", "”, she said", "“, sagte er"."""
    return doc.memo(ctx.key("gender.attributions"), lambda: _attributions(doc, ctx))


def _attributions(doc: Document, ctx: Context) -> list[Attribution]:
    lex = lexicon(ctx)
    if not lex.pronouns and not lex.inversions:
        return []
    wi = word_index(doc)
    ws = wi.words
    qs = quotes(doc, ctx.profile)
    out = []
    # the few words that may be a pronoun or an inversion, picked out in C (answers kept by the word)
    for i in compress(count(), map(lex.may_attribute.__getitem__, map(itemgetter(2), ws))):
        w = ws[i]
        inv = _inversion(lex, w.text)
        gender = None
        span = None
        if inv is not None:
            verb, gender = inv
            nxt = ws[i + 1] if i + 1 < len(ws) else None
            if verb in lex.speech_verbs:
                span = (w.start, w.end)
            elif nxt is not None and _is_speech(lex, nxt.text) and nxt.start - w.end <= 2:
                span = (w.start, nxt.end)
        elif w.text.casefold() in lex.pronouns and not w.text.isupper():
            gender = lex.pronouns[w.text.casefold()]
            nxt = ws[i + 1] if i + 1 < len(ws) else None
            prev = ws[i - 1] if i > 0 else None
            if nxt is not None and _is_speech(lex, nxt.text) and nxt.start - w.end <= 2:
                span = (w.start, nxt.end)
            elif prev is not None and _is_speech(lex, prev.text) and w.start - prev.end <= 2:
                span = (prev.start, w.end)
        if span is None or gender is None:
            continue
        content = _attributed(doc, qs, span[0])
        if content is not None:
            out.append(Attribution(span[0], span[1], gender, doc.text[span[0] : span[1]], content))
    return out


def _attributed(doc: Document, qs: Quotes, start: int) -> Span | None:
    """What an attribution starting at `start` attributes: the quotation closed right before it,
    or the clause of its sentence before a comma; None when it follows neither."""
    text = doc.text
    j = start - 1
    while j >= 0 and text[j] in " \u00a0\u202f\t,–—-":
        j -= 1
    if j < 0:
        return None
    sentence = doc.sentence_of(start)
    if text[j] in qs.marks:
        q = qs.ending_at(j) or qs.containing(j)
        if q is not None:
            return q
        return None
    if "," in text[j + 1 : start] and sentence is not None and sentence.start < j:
        return Span(sentence.start, j + 1)
    return None


@dataclass(frozen=True)
class Speaker:
    mention: Mention
    how: str  # "after", "before", "next", "previous paragraph"


def speaker_of(doc: Document, ctx: Context, a: Attribution) -> Speaker | None:
    """Who says what an attribution attributes; None when no one clearly does.

    In order: a name right after the attribution ("a-t-il dit Kyriacus Mitsotakis"); the nearest
    speaker (subject of a verb of speech) before the quotation in its paragraph; a speaker opening
    the next sentence ("Sherman a déclaré"); the last speaker of the previous paragraph. A person
    named inside the quotation is never its speaker.
    """
    pm = person_mentions(doc, ctx)
    wi = word_index(doc)
    k = doc.paragraph_index(a.start)
    if k < 0:
        return None
    para = doc.paragraphs[k]
    sentence = doc.sentence_of(a.start)
    qs = quotes(doc, ctx.profile)
    # Mentions are found by bisection: a paragraph may be a whole page with an attribution per line.
    subjects, subject_starts = _speech_subjects_by_start(doc, ctx)
    # a name right after the attribution, in its sentence
    i = wi.at(a.end)
    if i < len(wi.words) and sentence is not None:
        at = wi.words[i].start
        for m in pm.in_span(Span(at, at + 1)):
            if m.start < sentence.end:
                return Speaker(m, "after")
    before = starting_in(subjects, subject_starts, Span(para.start, a.content.start))
    if before:
        return Speaker(before[-1], "before")
    # "Sherman : « ... »" — a name before the quotation in its sentence
    opening = doc.sentence_of(a.content.start)
    if opening is not None:
        named = _last_outside_quotes(pm.in_span(Span(opening.start, a.content.start)), qs)
        if named is not None:
            return Speaker(named, "before")
    i = bisect.bisect_left(doc.sentence_starts, a.end)
    nxt = doc.sentences[i] if i < len(doc.sentences) else None
    if _last_outside_quotes(pm.in_span(Span(para.start, a.content.start)), qs) is not None:
        return None  # people named before the quotation, none of them said to speak: unsure
    if nxt is not None and para.start <= nxt.start < para.end:
        first = starting_in(subjects, subject_starts, nxt)
        if first and first[0].start - nxt.start <= 40:
            return Speaker(first[0], "next")
    if a.content.start - para.start > 2:
        return None  # something else stands before the quotation in its paragraph: too unsure
    if k > 0:
        found = starting_in(subjects, subject_starts, doc.paragraphs[k - 1])
        if found:
            return Speaker(found[-1], "previous paragraph")
    return None


def _speech_subjects_by_start(doc: Document, ctx: Context) -> tuple[list[Mention], list[int]]:
    subjects = speech_subjects(doc, ctx)
    return subjects, doc.memo(ctx.key("gender.speech-subject-starts"), lambda: [m.start for m in subjects])


def _last_outside_quotes(mentions: list[Mention], qs: Quotes) -> Mention | None:
    return next((m for m in reversed(mentions) if qs.containing(m.start) is None), None)


def _inside(m: Mention, span: Span) -> bool:
    return span.start <= m.start < span.end


# How far back in a paragraph the subjects of sentences are rivals of the chosen speaker: a pronoun
# refers to someone of the last few sentences, and a paragraph that is a whole page must not make
# each attribution read all of it.
_RIVAL_SENTENCES = 8


def rival_speakers(doc: Document, ctx: Context, chosen: Speaker, a: Attribution) -> list[Mention]:
    """Other people who could as well be the speaker: other speakers in the chosen one's sentence,
    people joined to it by a conjunction ("Macron et Meloni ont déclaré"), and speakers between the
    chosen one and the attribution. People merely named near it (an object, a complement) are not."""
    pm = person_mentions(doc, ctx)
    wi = word_index(doc)
    c = chosen.mention
    s = c.sentence
    subjects, subject_starts = _speech_subjects_by_start(doc, ctx)
    in_sentence = starting_in(subjects, subject_starts, s)
    out = [m for m in in_sentence if m.group != c.group and not _inside(m, a.content)]
    for m in pm.in_span(s):
        if m.group == c.group:
            continue
        lo, hi = (m.end, c.start) if m.end <= c.start else (c.end, m.start)
        between = [w.text.casefold() for w in wi.words[wi.at(lo) : wi.at(hi)]]
        if between and len(between) <= 2 and (between[-1] == "," or between[-1] in lexicon(ctx).conjunctions):
            out.append(m)
    lo, hi = sorted((c.end, a.start))
    between = starting_in(subjects, subject_starts, Span(lo, hi))
    out += [m for m in between if m.group != c.group and not _inside(m, a.content)]
    # the subjects of the sentences of the paragraph before the attribution: "Blinken met Baerbock.
    # “We stand together,” Baerbock said. “Nothing is off the table,” he added." — he may be Blinken
    para = doc.paragraph_of(a.start)
    qs = quotes(doc, ctx.profile)
    if para is not None:
        first_sentence = doc.sentence_index(para.start)
        k = max(first_sentence, doc.sentence_index(a.start) - _RIVAL_SENTENCES) if first_sentence >= 0 else -1
        while 0 <= k < len(doc.sentences) and doc.sentences[k].start < a.start:
            first = _sentence_subject(doc, ctx, doc.sentences[k], qs)
            if first is not None and first.group != c.group and not _inside(first, a.content):
                out.append(first)
            k += 1
    return out


def _sentence_subject(doc: Document, ctx: Context, s: Span, qs: Quotes) -> Mention | None:
    """The person a sentence starts with (after at most a title of a few words), outside quotations."""
    inside = person_mentions(doc, ctx).in_span(s)  # by bisection: asked for every sentence before a pronoun
    if not inside:
        return None
    m = inside[0]
    if qs.containing(m.start) is not None:
        return None
    wi = word_index(doc)
    before = [w for w in wi.words[wi.at(s.start) : wi.at(m.start)] if w.text[:1].isalnum()]
    return m if len(before) <= 6 else None
