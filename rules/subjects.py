"""A subject named and then repeated by a pronoun: "porte-parole du Kremlin Dmitri Peskov il a
déclaré", "Kirby he said", a calque of languages and registers that allow it.

Built on the shared person annotation (`lint.annotate.persons`): a person mention that opens its
clause (at the start of the sentence, after an opening quotation mark or a colon, a comma, or a
word after which a clause starts such as "que"; its title and determiner count as part of it),
followed directly, or after a short adverbial and a comma ("en attendant,", "however,"), by a
subject pronoun written in lowercase and then a word. A comma right after the name is a
dislocation and correct ("Macron, il le sait, ..."), and a full stop starts a new sentence.

French also repeats a subject by an inversion written after a quotation ("», a-t-il dit Kyriacus
Mitsotakis."): the inversion, at most two words, then the name closing the clause.

Language data (`rules/data/<lang>/subjects.toml`, table `subjects`): `pronouns`, `adverbials`,
`openers`, `not_after_pronoun` (what after the pronoun is no verb: "il y a" = "ago"),
`inversion` (endings of inverted verbs: "-t-il") and `not_between` (words that make the name an object).
"""

from __future__ import annotations

import bisect
import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass

from lint.annotate.persons import Lexicon, Mention, lexicon, person_mentions
from lint.document import Word
from lint.language import LanguageProfile
from lint.rule import Issue, accept, flag, rule
from lint.script import APOSTROPHES, SUBJECT_CLOSING, SUBJECT_OPENING

_OPENING = SUBJECT_OPENING
_CLOSING = SUBJECT_CLOSING
_APOSTROPHES = APOSTROPHES
_TITLE_WORDS = 12  # how far back a title phrase may reach


Phrases = dict[str, list[tuple[str, ...]]]  # first word -> the word sequences it starts, longest first


def _phrases(profile, key: str) -> Phrases:
    """A data list of word sequences, tokenised like the document ("d’ailleurs" -> d ’ ailleurs),
    indexed by their first word: a sentence's word is compared only with the phrases it may start."""
    out = set()
    for p in profile.words(key):
        toks = tuple(re.findall(r"\w+(?:-\w+)*|[^\w\s]", p))
        if toks:
            out.add(toks)
    by_first: Phrases = defaultdict(list)
    for toks in sorted(out, key=len, reverse=True):
        by_first[toks[0]].append(toks)
    return dict(by_first)


@dataclass(frozen=True)
class _Data:
    """The rule's language data, read once per profile."""

    pronouns: frozenset[str]
    adverbials: Phrases
    openers: frozenset[str]
    exceptions: Phrases  # what after the pronoun is no verb
    inversions: tuple[str, ...]  # endings of inverted verbs, longest first
    not_between: frozenset[str]


def _data(profile: LanguageProfile) -> _Data:
    return profile.derive("subjects.data", _read_data)


def _read_data(profile: LanguageProfile) -> _Data:
    return _Data(
        pronouns=profile.words("subjects.pronouns"),
        adverbials=_phrases(profile, "subjects.adverbials"),
        openers=profile.words("subjects.openers"),
        exceptions=_phrases(profile, "subjects.not_after_pronoun"),
        inversions=tuple(sorted(profile.words("subjects.inversion"), key=len, reverse=True)),
        not_between=profile.words("subjects.not_between"),
    )


def _match(ws: list[Word], k: int, seq: tuple[str, ...]) -> bool:
    return k + len(seq) <= len(ws) and all(ws[k + n].text.casefold() == seq[n] for n in range(len(seq)))


def _starting_at(ws: list[Word], k: int, phrases: Phrases) -> list[tuple[str, ...]]:
    """The phrases that may start at word k (those starting with its word), longest first."""
    return phrases.get(ws[k].text.casefold(), []) if k < len(ws) else []


def _opens_clause(ws: list[Word], idx: int, openers: frozenset[str], adverbials: Phrases) -> bool:
    if idx == 0:
        return True
    prev = ws[idx - 1].text
    if prev in _OPENING or prev == "," or prev.casefold() in openers:
        return True
    if prev in _APOSTROPHES and idx >= 2 and ws[idx - 2].text.casefold() in openers:
        return True  # "qu’Emmanuel Macron"
    # a sentence adverb opening the sentence: "Également, ...", "However Kirby he ..."
    return any(len(a) == idx and _match(ws, 0, a) for a in _starting_at(ws, 0, adverbials))


@rule(
    "subjects.doubled",
    category="doubled-subject",
    severity="warning",
    requires=("subjects.pronouns",),
    description="""A subject named and then repeated by a pronoun: "Dmitri Peskov il a déclaré".

A person's name (with its title) opening a clause, then directly (or after a short adverbial and a
comma: "Viatcheslav Volodine en attendant, il a assuré") a subject pronoun and a verb. The
suggestion drops the pronoun. A comma after the name is a dislocation ("Macron, il le sait") and is
left alone, as is a pronoun in the next sentence. In French, also an inversion after a quotation
followed by the name ("», a-t-il dit Kyriacus Mitsotakis").""",
    examples=[
        flag(
            "fr",
            "Porte-parole de l’état-major ukrainien <m>Andriy Kovalenko il</m> a indiqué que les combats continuaient.",
        ),
        flag("fr", "Le président du Sénat <m>Gérard Larcher en attendant, il</m> a réclamé un vote solennel."),
        flag(
            "fr",
            "Les discussions reprennent jeudi. <m>Marc Delorme cependant, il</m> a prévenu que rien n’était acquis.",
        ),
        flag("fr", "Je pense que le président chinois <m>Xi Jinping il</m> ne sera pas ravi."),
        flag("fr", "« Nous avons des alliés », <m>a-t-il dit Kyriakos Mitsotakis</m>."),
        flag("fr", "L’ambassadrice américaine <m>Kristina Kvien elle</m> a déclaré que l’aide arrivait."),
        flag("fr", "Porte-parole du président russe <m>Dmitri Peskov il</m> a démenti."),
        accept("fr", "Emmanuel Macron, il le sait, ne peut pas céder."),
        accept("fr", "Le chef de la diplomatie européenne Josep Borrell. Il a jugé la réponse de Moscou insuffisante."),
        accept("fr", "On dit que Vladimir Poutine, il ne reculera pas."),
        accept("fr", "Le porte-parole du Kremlin Dmitri Peskov a déclaré qu’il était inquiet."),
        accept("fr", "Il est plus populaire que Emmanuel Macron il y a cinq ans."),
        accept("fr", "Pourquoi a-t-il invité Vladimir Poutine ?"),
        flag("en", "Pentagon spokesman <m>John Kirby he</m> said more troops could be sent."),
        flag("en", "<m>Sergei Lavrov however, he</m> said the reply was unsatisfactory."),
        accept("en", "Kirby said more troops could be sent. He added that talks continued."),
        accept("en", "Biden told Vladimir Putin he would face severe consequences."),
        accept("en", "Vladimir Putin, he said, would not back down."),
        accept("en", "The letter to Antony Blinken she wrote was never sent."),
        flag("de", "<m>Olaf Scholz er</m> sagte, die Lage sei ernst."),
        flag("de", "Bundeskanzler <m>Olaf Scholz jedoch, er</m> sagte nichts dazu."),
        accept("de", "Olaf Scholz sagte, die Lage sei ernst. Er sprach von einer Zeitenwende."),
        accept("de", "Es ist bekannt, dass Olaf Scholz sie getroffen hat."),
        accept("de", "Gestern hat Olaf Scholz sie angerufen."),
        flag("es", "<m>Pedro Sánchez él</m> dijo que la situación era grave."),
        flag("es", "El portavoz del Kremlin <m>Dmitri Peskov sin embargo, él</m> negó la información."),
        accept("es", "Pedro Sánchez dijo que la situación era grave. Él habló después."),
        accept("es", "Pedro Sánchez, él mismo lo reconoce, no esperaba el resultado."),
        accept("es", "La reunión entre Pedro Sánchez y ella duró una hora."),
        flag("it", '<m>Mario Draghi egli</m> ha detto che la situazione era grave.'),
        flag("it", 'Il portavoce del Cremlino <m>Dmitrij Peskov tuttavia, lui</m> ha smentito la notizia.'),
        accept("it", 'Mario Draghi ha detto che la situazione era grave. Lui ha parlato dopo.'),
        accept("it", 'Mario Draghi lui stesso lo riconosce.'),
        accept("it", "L'incontro tra Mario Draghi e lei è durato un'ora."),
        flag("pt", '<m>Lula da Silva ele</m> disse que a situação era grave.'),
        flag("pt", 'O porta-voz do Kremlin <m>Dmitry Peskov no entanto, ele</m> desmentiu a notícia.'),
        accept("pt", 'Lula da Silva disse que a situação era grave. Ele falou depois.'),
        accept("pt", 'Lula da Silva, ele próprio, o reconhece.'),
        accept("pt", 'O encontro entre Lula da Silva e ela durou uma hora.'),
    ],
)
def doubled(doc, ctx) -> Iterator[Issue]:
    data = _data(ctx.profile)
    if not data.pronouns:
        return
    lex = lexicon(ctx)
    by_sentence: dict[tuple[int, int], list[Mention]] = defaultdict(list)
    for m in person_mentions(doc, ctx).mentions:
        by_sentence[(m.sentence.start, m.sentence.end)].append(m)
    starts_at, ends_at = doc.word_starts, doc.word_ends
    for mentions in by_sentence.values():
        sentence = mentions[0].sentence
        lo, hi = bisect.bisect_left(starts_at, sentence.start), bisect.bisect_left(starts_at, sentence.end)
        ws = doc.words[lo:hi]  # (`doc.words_in(sentence)`)
        index, ends = _WordAt(starts_at, lo, hi), _WordAt(ends_at, lo, hi)
        for m in mentions:
            if ctx.allowed(m.name):
                continue
            found = _pronoun_after(m, ws, index, ends, data, lex)
            if found is not None:
                pronoun = found
                keep = doc.text[m.start : pronoun.start].rstrip()
                yield Issue(
                    m.start,
                    pronoun.end,
                    f"The subject is named ({m.name}) and repeated by the pronoun '{pronoun.text}': drop the pronoun",
                    suggestions=(keep,),
                )
        if data.inversions:
            starts = {m.start: m for m in mentions}
            yield from _inversions(doc, ws, starts, ends, data.inversions, data.not_between)


class _WordAt:
    """Which of a sentence's words starts (or ends) at an offset, as a dictionary from offsets to
    indexes in the sentence would say (`get`), found by bisection in the document's offsets: most
    sentences are asked about one name, and building that dictionary for each costs more."""

    def __init__(self, offsets: list[int], lo: int, hi: int) -> None:
        self.offsets, self.lo, self.hi = offsets, lo, hi  # the sentence's words: offsets[lo:hi]

    def get(self, offset: int) -> int | None:
        n = bisect.bisect_left(self.offsets, offset, self.lo, self.hi)
        return n - self.lo if n < self.hi and self.offsets[n] == offset else None


def _outer_start(ws: list[Word], idx: int, lex: Lexicon) -> int:
    """Where a title phrase starts when the mention's title is the complement of a longer one
    ("Porte-parole du président russe Dmitri Peskov": the subject starts at "Porte-parole")."""
    k = idx
    while k > 0 and ws[k - 1].text.casefold() in lex.connectors:
        b = k - 2
        while (
            b >= max(0, k - 2 - _TITLE_WORDS)
            and (
                ws[b].text in _APOSTROPHES
                or lex.is_head(ws[b].text)
                or ws[b].text[:1].isupper()
                or ws[b].text.casefold() in lex.connectors
                or ws[b].text.casefold() in lex.places
                or lex.modifier(ws[b].text.casefold())
            )
            and ws[b].text.casefold() not in lex.determiners
        ):
            b -= 1
        heads = [x for x in range(b + 1, k - 1) if lex.is_head(ws[x].text)]
        if not heads:
            break
        k = b + 1
        if b >= 0 and ws[b].text.casefold() in lex.determiners:
            k = b
    return k


def _pronoun_after(m, ws, index, ends, data: _Data, lex) -> Word | None:
    first = index.get(m.phrase_start)
    last = ends.get(m.end)
    if first is None or last is None:
        return None
    if not _opens_clause(ws, first, data.openers, data.adverbials):
        outer = _outer_start(ws, first, lex)
        if outer == first or not _opens_clause(ws, outer, data.openers, data.adverbials):
            return None
    k = last + 1
    if k < len(ws) and ws[k].text not in data.pronouns:
        for a in _starting_at(ws, k, data.adverbials):
            if _match(ws, k, a) and k + len(a) < len(ws) and ws[k + len(a)].text == ",":
                k += len(a) + 1
                break
    if k + 1 >= len(ws):
        return None
    pronoun, verb = ws[k], ws[k + 1]
    if pronoun.text not in data.pronouns:  # written in lowercase: "Il" would start something else
        return None
    if not (verb.text[:1].isalpha() and verb.text[:1].islower()) or any(
        _match(ws, k + 1, e) for e in _starting_at(ws, k + 1, data.exceptions)
    ):
        return None
    return pronoun


def _inversions(doc, ws, starts, ends, inversions, not_between) -> Iterator[Issue]:
    for n, w in enumerate(ws):
        # after a comma or a closing quotation mark only: a cheap test before the endings
        if n == 0 or not (ws[n - 1].text == "," or ws[n - 1].text in _CLOSING):
            continue
        low = w.text.casefold()
        suffix = next((s for s in inversions if low.endswith(s) and len(low) > len(s)), None)
        if suffix is None:
            continue
        k = n + 1
        while k < len(ws) and k - n <= 3 and ws[k].start not in starts:
            t = ws[k].text
            if not (t[:1].isalpha() and t[:1].islower()) or t.casefold() in not_between:
                break
            k += 1
        m = starts.get(ws[k].start) if k < len(ws) and k - n <= 3 else None
        if m is None or (len(m.words) < 2 and m.person is None):
            continue
        last = ends.get(m.end)
        after = ws[last + 1] if last is not None and last + 1 < len(ws) else None
        if after is not None and after.text not in ".,;!?…":
            continue
        verb = w.text[: len(w.text) - len(suffix)]
        yield Issue(
            w.start,
            m.end,
            f"'{w.text}' and {m.name} both give the subject: drop the pronoun",
            suggestions=(verb + doc.text[w.end : m.end],),
        )


RULES = [doubled]
