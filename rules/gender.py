"""Pronouns, inverted verbs and titles whose gender disagrees with the person they refer to.

The person's gender comes from the knowledge base, else from the given-name lexicon (see
lint/annotate/gender.py). What is checked, in the article's language (rules/data/<lang>/gender.toml):

- the pronoun of an attribution: "« ... », a-t-il ajouté", "”, she said", "“, sagte er". Its speaker is
  a name right after it, the nearest speaker before the quotation in its paragraph (a person named
  inside the quotation is never the speaker), one opening the next sentence, or the last speaker of
  the previous paragraph;
- a subject pronoun right after a name ("Wendy Sherman il a déclaré") or opening the sentence after
  one whose only named people are of one gender, before a verb of speech or of meeting;
- the gendered words of the title written with a name ("Secrétaire d'État adjoint américain Wendy
  Sherman", "la représentante officielle, Maria Zakharova"), of what a name is said to be ("Jean-Pierre
  a été nommé attaché de presse", "era el jefe adjunto"), the title put after a name between commas
  ("Bärbel Bas (SPD), président du Bundestag,"), and courtesy titles ("M.", "Mrs", "Frau");
- a title naming an office without a name ("la chancelière allemande") when the knowledge base knows
  who alone held that office on the article's date.

When in doubt — two people of different genders nearby, no clear antecedent, a gender known only
vaguely — nothing is reported.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from itertools import compress
from operator import itemgetter

from lint.annotate.gender import (
    Attribution,
    GenderLexicon,
    attributions,
    lexicon,
    mention_gender,
    rival_speakers,
    speaker_of,
    word_index,
)
from lint.annotate.offices import document_offices, places
from lint.annotate.persons import Mention, apposition_start, person_mentions
from lint.document import Document, Span, merge_intervals
from lint.rule import Issue, accept, flag, rule
from lint.script import APOSTROPHES
from lint.text import fold_phrase

_NOUN = {"m": "a man", "f": "a woman"}
_PUNCT = ',;:.!?()[]«»“”„"—–…'
MIN_CONFIDENCE = 0.8


def _allowed(ctx, m: Mention) -> bool:
    return ctx.allowed(m.name, *m.words)


def _evidence(ctx, m: Mention, how: str) -> dict:
    ev = {"gender_source": how}
    if m.person is not None:
        ev["url"] = m.person.url(ctx.lang)
    return ev


def _person_label(ctx, m: Mention) -> str:
    return m.person.name(ctx.lang) if m.person is not None else m.name


@rule(
    "gender.pronoun",
    category="pronoun-gender",
    severity="warning",
    requires=("gender.pronouns", "titles.heads"),
    description="""A pronoun, inverted verb or title whose gender disagrees with the person it refers to.

"Wendy Sherman ... « ... », a-t-il ajouté", "Secrétaire d'État adjoint américain Wendy Sherman",
"Ambassadeur par intérim Kristina Kvien": the person's gender comes from the knowledge base, else from
the given-name lexicon. The speaker of a quotation is the person named right after the attribution,
or the nearest speaker before the quotation, never a person named inside it. When two people of
different genders could be meant, nothing is reported.""",
    examples=[
        flag("fr", "<m>Le porte-parole</m> de la présidence change de poste\nLa porte-parole de la présidence "
             "américaine Karine Jean-Pierre devient conseillère.", "2024-02-01"),
        flag("de", "Die Außenministerin Annalena Baerbock reiste nach Paris. <m>Der Außenminister</m> sagte, man sei "
             "bereit.", "2022-03-01"),
        flag("fr", "La ministre des Affaires étrangères Annalena Baerbock est arrivée. <m>Le ministre</m> "
             "a déclaré qu’elle était prête.", "2022-03-01"),
        accept("fr", "La ministre Annalena Baerbock a reçu le ministre des Affaires étrangères Sergueï Lavrov "
               "lundi. Le ministre a déclaré qu’il était prêt.", "2022-03-01"),
        accept("fr", "La ministre Annalena Baerbock arrive. Le ministre, Sergueï Lavrov, l’a reçue.", "2022-03-01"),
        accept("fr", "Le ministre Sergueï Lavrov a rencontré son homologue. Son homologue a dit oui.", "2022-03-01"),
        flag(
            "fr",
            "Wendy Sherman a déclaré que Vladimir Poutine pourrait attaquer. « Je ne sais pas s’il a décidé », "
            "<m>a-t-il ajouté</m>.",
            date="2022-01-26",
        ),
        flag(
            "fr",
            "Wendy Sherman a déclaré que la décision était proche.\n\n« Je pense que le président chinois Xi "
            "Jinping ne sera pas ravi », <m>a-t-il déclaré</m>.",
            date="2022-01-26",
        ),
        flag("fr", "Secrétaire d’État <m>adjoint américain</m> Wendy Sherman a parlé mardi.", date="2022-01-26"),
        flag(
            "fr",
            "<m>Ambassadeur</m> par intérim à Kiev Kristina Kvien s’est rendue jeudi à Odessa avec des élus locaux.",
            date="2022-01-26",
        ),
        flag("fr", "<m>Le représentant officiel</m> du ministère, Maria Zakharova, a qualifié le sommet de honte."),
        accept("fr", "Wendy Sherman a déclaré : « Nous sommes prêts », a-t-elle ajouté.", date="2022-01-26"),
        accept(
            "fr",
            "Emmanuel Macron a déclaré : « Nous sommes prêts », a-t-il ajouté. Kaja Kallas a répondu : "
            "« Nous aussi », a-t-elle dit.",
        ),
        accept("fr", "« Je pense que Kristina Kvien a raison », a-t-il dit, selon Jens Stoltenberg qui a parlé."),
        accept("fr", "La secrétaire d’État adjointe américaine Wendy Sherman a parlé mardi.", date="2022-01-26"),
        accept("fr", "Kristina Kvien et John Kirby ont parlé. « Rien n’est exclu », a-t-il dit."),
        accept("fr", "Parmi les invités figuraient le prince William et la première dame américaine, Jill Biden."),
        accept("fr", "Le porte-parole du Kremlin, Dmitri Peskov, a démenti. « C’est faux », a-t-il ajouté."),
        flag("en", "Wendy Sherman spoke to reporters. “We are ready,” <m>he said</m>.", date="2022-01-26"),
        flag("en", "Kremlin <m>spokeswoman</m> Dmitry Peskov denied the report.", date="2022-01-26"),
        accept("en", "Wendy Sherman spoke to reporters. “We are ready,” she said.", date="2022-01-26"),
        accept("en", "State Department spokesman Ned Price said Putin's plans were unclear.", date="2022-01-26"),
        accept(
            "en",
            "Antony Blinken met Annalena Baerbock. “We agree on Putin,” she said, and Blinken nodded.",
            date="2022-01-26",
        ),
        accept("en", "BIDEN: PUTIN WILL PAY. “He will pay,” he said.", date="2022-01-26"),
        accept("en", "Queen Elizabeth II has died. Charles is King. Tributes to the Queen poured in.", "2022-09-08"),
        accept(
            "en",
            "Antony Blinken met Annalena Baerbock. “We stand together,” Baerbock said. “Nothing is off the "
            "table,” he added.",
            date="2022-01-26",
        ),
        flag("de", "Maria Sacharowa sprach in Moskau. „Das ist eine Schande“, <m>sagte er</m>.", date="2022-01-26"),
        flag("de", "Die russische <m>Außenministerin</m> Sergej Lawrow war anwesend.", date="2022-01-26"),
        flag("de", "Der <m>Botschafter</m> Kristina Kvien sprach in Kiew.", date="2022-01-26"),
        accept("de", "Maria Sacharowa sprach in Moskau. „Das ist eine Schande“, sagte sie.", date="2022-01-26"),
        accept("de", "Außenminister Sergej Lawrow und Merkels Nachfolger Olaf Scholz sprachen.", date="2022-01-26"),
        accept("de", "Die Botschafterin Kristina Kvien sprach in Kiew.", date="2022-01-26"),
        accept(
            "de",
            "Olaf Scholz empfing Ursula von der Leyen. „Wir stehen zusammen“, sagte sie. Scholz' Sprecher "
            "Steffen Hebestreit bestätigte das.",
            date="2022-01-26",
        ),
        flag("es", "Jen Psaki <m>era el jefe adjunto</m> del equipo de prensa.", date="2022-01-26"),
        flag("es", "<m>El embajador</m> Kristina Kvien habló en Kiev.", date="2022-01-26"),
        flag("es", "<m>La ministra</m> Serguéi Lavrov habló en Moscú.", date="2022-01-26"),
        accept("es", "La embajadora Kristina Kvien habló en Kiev.", date="2022-01-26"),
        accept("es", "Karine Jean-Pierre era la jefa adjunta del equipo de prensa.", date="2022-05-16"),
        accept("es", "El ministro Serguéi Lavrov y la portavoz María Zajárova hablaron.", date="2022-01-26"),
        flag("it", 'Kristina Kvien <m>è stato nominato</m> ambasciatrice ad interim.', date='2022-01-26'),
        flag("it", 'Wendy Sherman ha parlato. <m>Lui</m> ha detto che la decisione era vicina.', date='2022-01-26'),
        accept("it", 'Kristina Kvien è stata nominata ambasciatrice ad interim.', date='2022-01-26'),
        accept("it", 'Il ministro Sergej Lavrov e la portavoce Marija Zacharova hanno parlato.', date='2022-01-26'),
        accept("it", 'Wendy Sherman ha parlato. Lei ha detto che la decisione era vicina.', date='2022-01-26'),
        accept("it", 'Il ministro Luciana Lamorgese ha parlato a Roma.', date='2022-01-26'),
        flag("it", 'La <m>signora</m> Sergej Lavrov ha parlato a Mosca.', date='2022-01-26'),
        flag("fr", "Le texte a été lu par Bärbel Bas (SPD), <m>président</m> du Bundestag, lundi.", "2021-12-08"),
        flag("en", "Karine Jean-Pierre, the White House <m>spokesman</m>, took questions.", "2022-06-01"),
        flag("de", "Annalena Baerbock, der <m>Außenminister</m>, reiste nach Kiew.", "2022-06-01"),
        accept("fr", "Le texte a été lu par Bärbel Bas (SPD), présidente du Bundestag, lundi.", "2021-12-08"),
        accept("fr", "Selon Maria Zakharova, le ministre a menti à la presse.", "2022-01-26"),
        accept("en", "Karine Jean-Pierre, the White House spokeswoman, took questions.", "2022-06-01"),
        accept("en", "After Karine Jean-Pierre, the spokesman of the Pentagon spoke.", "2022-06-01"),
        flag("fr", "<m>Le</m> secrétaire de presse de la présidence américaine reconduit\nLa présidence confirme.",
             "2023-09-04"),
        accept("fr", "La secrétaire de presse de la présidence américaine reconduite\nLa présidence confirme.",
               "2023-09-04"),
        flag("fr", "La secrétaire de presse, Karine Jean-Pierre, parlait. Le rôle de <m>l'attaché</m> de presse a crû.",
             "2023-09-04"),
        accept("fr", "La secrétaire de presse, Karine Jean-Pierre, parlait. Le rôle de l'attachée de presse a crû.",
               "2023-09-04"),
        accept("fr", "Le président nommera Karine Jean-Pierre à ce poste.", "2022-05-06"),
        accept("de", "Der Kanzler empfängt Annalena Baerbock im Kanzleramt.", "2022-05-06"),
        accept("fr", "Anna Lindqvist, la co-présidente des Verts en Allemagne, a parlé.", "2021-11-25"),
        accept("fr", "Anna Lindqvist, la présidente allemande des Verts, a parlé.", "2021-11-25"),
        # a possessive that agrees with its possessor, before "counterpart"
        flag("en", "Antony Blinken flew to Warsaw to meet <m>her Ukrainian counterpart</m>.", "2022-03-05"),
        flag("de", "Annalena Baerbock traf <m>seinen ukrainischen Amtskollegen</m> in Kiew.", "2022-05-10"),
        flag("de", "Vor dem Treffen mit <m>ihrem polnischen Amtskollegen</m> in Warschau sprach die "
             "US-Außenministerin mit Reportern.", "2022-03-05"),
        accept("en", "Antony Blinken flew to Warsaw to meet his Ukrainian counterpart.", "2022-03-05"),
        accept("en", "Antony Blinken said Annalena Baerbock would meet her Ukrainian counterpart.", "2022-03-05"),
        accept("de", "Antony Blinken und Annalena Baerbock trafen ihre Amtskollegen in Kiew.", "2022-05-10"),
        accept("de", "Scholz sagte, die Minister würden ihre Amtskollegen treffen.", "2022-05-10"),
        accept("fr", "Antony Blinken a rencontré son homologue ukrainien à Varsovie.", "2022-03-05"),
        flag("pt", 'Kristina Kvien <m>foi nomeado</m> embaixadora interina.', date="2022-01-26"),
        flag("pt", 'Wendy Sherman falou aos jornalistas. <m>Ele</m> disse que a decisão estava '
            'próxima.', date="2022-01-26"),
        flag("pt", 'A <m>senhora</m> Sergey Lavrov falou em Moscovo.', date="2022-01-26"),
        accept("pt", 'Kristina Kvien foi nomeada embaixadora interina.', date="2022-01-26"),
        accept("pt", 'O ministro Sergey Lavrov e a porta-voz Maria Zakharova falaram.', date="2022-01-26"),
        accept("pt", 'Wendy Sherman falou aos jornalistas. Ela disse que a decisão estava próxima.', date="2022-01-26"),
        flag("pt", 'Wendy Sherman afirmou em Genebra que houve progressos. «A decisão está próxima», '
            '<m>acrescentou ele</m>.', date="2022-01-26"),
        accept("pt", 'Wendy Sherman afirmou em Genebra que houve progressos. «A decisão está próxima», '
            'acrescentou ela.', date="2022-01-26"),
        flag("pt", 'O <m>ministro</m> da Defesa Helena Carreiras falou em Lisboa.', date="2022-06-01"),
        accept("pt", 'A ministra da Defesa, Helena Carreiras, falou em Lisboa.', date="2022-06-01"),
        accept("pt", 'A presidente Dilma Rousseff discursou em Brasília.', date="2015-06-01"),
    ],
)
def pronoun(doc: Document, ctx):
    lex = lexicon(ctx)
    if not lex.usable:
        return
    seen: set[int] = set()
    for issue in _all(doc, ctx, lex):
        key = issue.start  # two readings of one title (its office's holder, its earlier mention): one finding
        if key not in seen:
            seen.add(key)
            yield issue


def _all(doc: Document, ctx, lex: GenderLexicon) -> Iterator[Issue]:
    yield from _attribution_issues(doc, ctx)
    yield from _pronoun_after_name(doc, ctx, lex)
    yield from _sentence_pronouns(doc, ctx, lex)
    yield from _counterpart_after_name(doc, ctx)
    for m in person_mentions(doc, ctx).mentions:
        g = mention_gender(doc, ctx, m)
        if g.gender is None or g.confidence < MIN_CONFIDENCE or _allowed(ctx, m):
            continue
        yield from _honorific(doc, ctx, lex, m, g)
        yield from _title_before(doc, ctx, lex, m, g)
        yield from _title_after(doc, ctx, lex, m, g)
        yield from _predicate(doc, ctx, lex, m, g)
    yield from _title_alone(doc, ctx, lex)
    yield from _office_titles(doc, ctx, lex)


_HEADLINE_NAMED_WITHIN = 3  # lines: a headline's title refers to a person the opening lines name with it
# A comma, then a capitalised word: the name a title is put in apposition to.
_APPOSITION = re.compile(r",\s+[^\W\d_a-zß-ÿ][^\W\d_]+")


def _before_elision(wi, j: int) -> int:
    """Word j, or the word before it when j is an elision's apostrophe: "l'attaché" has its
    determiner before the apostrophe."""
    return j - 1 if j >= 1 and wi.words[j].text in APOSTROPHES else j


def _ends_between(text: str, start: int, end: int) -> bool:
    """A sentence or a line (a headline has no full stop) ends between the two offsets."""
    between = text[start:end]
    return "." in between or "\n" in between


class _NamedWith:
    """The people named with each title key, in document order, asked "who, before this offset?" by
    bisection: a page may repeat a title thousands of times."""

    def __init__(self, named: list[tuple[int, tuple[str, str], Mention]]) -> None:
        self._by_key: dict[tuple[str, str], tuple[list[int], list[Mention], int]] = {}
        grouped: dict[tuple[str, str], list[tuple[int, Mention]]] = {}
        for at, key, m in named:
            grouped.setdefault(key, []).append((at, m))
        for key, items in grouped.items():
            ids = [m.person.id for _, m in items]
            # the index of the first mention of a second person: a prefix longer than it names two
            second = next((i for i, pid in enumerate(ids) if pid != ids[0]), len(ids))
            self._by_key[key] = ([at for at, _ in items], [m for _, m in items], second)

    def before(self, keys: set[tuple[str, str]], offset: int) -> Mention | bool | None:
        """The last mention named with one of `keys` before `offset` if they are all one person's;
        None if there is none, False if they are two people's."""
        last: Mention | None = None
        people = set()
        for key in keys:
            if key not in self._by_key:
                continue
            starts, mentions, second = self._by_key[key]
            n = bisect.bisect_left(starts, offset)
            if n == 0:
                continue
            if n > second:
                return False
            people.add(mentions[0].person.id)
            if last is None or mentions[n - 1].start >= last.start:
                last = mentions[n - 1]
        if len(people) > 1:
            return False
        return last


def _title_alone(doc: Document, ctx, lex: GenderLexicon) -> Iterator[Issue]:
    """ "La ministre … Annalena Baerbock" then "Le ministre a déclaré": a title with no name refers to
    the person the article named earlier with that title, not to whoever holds some office elsewhere;
    its gender is that person's. Two people named with the title before it: nothing is said."""
    pm = person_mentions(doc, ctx)
    offices = document_offices(doc, ctx)
    # (where the name stands, ("head", its title's head word) or ("office", the role it names), mention)
    named: list[tuple[int, tuple[str, str], Mention]] = []
    for m in pm.mentions:
        if m.person is None or m.person.gender not in ("m", "f") or _allowed(ctx, m):
            continue
        region = m.title if m.title is not None else _apposition_before(doc, lex, m)
        if region is None:
            continue
        title = doc.text[region.start : region.end].split()
        if m.title is not None and title and lex.is_head(title[0]):
            named.append((m.start, ("head", lex.head_key(title[0])), m))
        # the office the title names, so that "l'attaché de presse" finds "la secrétaire de presse"
        for o in offices.between(region.start, region.end):
            named.append((m.start, ("office", o.role), m))
    if not named:
        return
    named_by = _NamedWith(named)
    wi = word_index(doc)
    starts = sorted(m.start for m in pm.mentions)
    # where a name or its title is written, merged and sorted: asked for every title word
    spans = merge_intervals((m.title.start if m.title else m.start, m.end) for m in pm.mentions)
    span_starts = [a for a, _ in spans]
    heads = {h for _, h, _ in named}
    roles = {value for kind, value in heads if kind == "office"}
    office_starts = {o.start for o in offices.offices if o.role in roles}
    words = wi.words
    # the title words, picked by C-level maps over the lexicon's remembered answers
    for k in compress(range(len(words)), map(lex.heads_of.__getitem__, map(itemgetter(2), words))):
        w = words[k]
        if k == 0:
            continue
        if ("head", lex.head_key(w.text)) not in heads and w.start not in office_starts:
            continue
        at = bisect.bisect_right(span_starts, w.start) - 1
        if at >= 0 and w.start < spans[at][1]:
            continue  # the title of a name
        n = bisect.bisect_left(starts, w.end)
        if n < len(starts) and starts[n] - w.end <= 60 and not _ends_between(doc.text, w.end, starts[n]):
            continue  # a name follows: the title is that person's
        det = wi.words[_before_elision(wi, k - 1)]
        sentence = doc.sentence_of(w.start) or Span(0, 0)
        if not _determiner(lex, det.text) or det.start < sentence.start:
            continue
        if n < len(starts) and starts[n] < sentence.end:
            continue  # a name later in the sentence may be the title's (an apposition after a comma)
        if _APPOSITION.search(doc.text, w.end, min(sentence.end, w.end + 80)):
            continue  # "la présidente du groupe RN, Marine Le Pen": a name in apposition is the title's
        keys = {("head", lex.head_key(w.text))} | {("office", o.role) for o in offices.between(w.start, w.end)}
        earlier = named_by.before(keys, w.start)
        if earlier is None and doc.lines and doc.lines[0].start <= w.start < doc.lines[0].end:
            # a headline speaks of the person the first lines name with that title (the standfirst)
            opening = doc.lines[min(len(doc.lines), _HEADLINE_NAMED_WITHIN) - 1].end
            earlier = named_by.before(keys, opening)
        if not earlier:
            continue  # no one, or two people, named with the title before it
        m = earlier
        gender = m.person.gender
        wrong = [x for x in (det, w) if (g := lex.word_gender(x.text)) is not None and g[0] != gender]
        epicene = lex.word_gender(w.text) is None  # "ministre": the determiner alone tells the gender
        if not wrong or not (epicene or any(x is w for x in wrong)):
            continue
        line, _ = doc.position(m.start)
        fixes = ", ".join(f"{x.text!r} -> {lex.word_gender(x.text)[1]!r}" for x in wrong)
        yield Issue(
            det.start,
            w.end,
            f"the title refers to {m.person.name(ctx.lang)}, {_NOUN[gender]}, named with it on line {line}: {fixes}",
            evidence={"url": m.person.url(ctx.lang), "first_line": line},
        )


# -- attributions -------------------------------------------------------------------------------
def _attribution_issues(doc: Document, ctx) -> Iterator[Issue]:
    for a in attributions(doc, ctx):
        sp = speaker_of(doc, ctx, a)
        if sp is None:
            continue
        g = mention_gender(doc, ctx, sp.mention)
        if g.gender is None or g.confidence < MIN_CONFIDENCE or g.gender == a.gender or _allowed(ctx, sp.mention):
            continue
        rivals = rival_speakers(doc, ctx, sp, a)
        if any(mention_gender(doc, ctx, r).gender in (a.gender, None) for r in rivals):
            continue
        yield _attribution_issue(ctx, a, sp.mention, g.gender, g.source)


def _attribution_issue(ctx, a: Attribution, m: Mention, gender: str, how: str) -> Issue:
    return Issue(
        a.start,
        a.end,
        f"{a.pronoun!r} refers to {_person_label(ctx, m)}, {_NOUN[gender]}",
        evidence=_evidence(ctx, m, how),
    )


# -- pronouns standing for a named person ---------------------------------------------------------
def _pronoun_after_name(doc: Document, ctx, lex: GenderLexicon) -> Iterator[Issue]:
    """ "Wendy Sherman il a déclaré", "Jean Kirby cependant, il a ajouté": the pronoun repeats the
    name right before it (with at most a short adverbial between, `subjects.adverbials`)."""
    wi = word_index(doc)
    adverbials = {
        " ".join(fold_phrase(a).split()) for a in ctx.profile.get("subjects.adverbials", []) or []
    }
    for m in person_mentions(doc, ctx).mentions:
        i = wi.at(m.end)
        between: list[str] = []
        for w in wi.words[i : i + 6]:
            if w.start >= m.sentence.end:
                break
            g = lex.pronouns.get(w.text.casefold())
            if g is not None and not w.text.isupper():
                said = " ".join(t for t in between if t != ",")
                if between and (said.replace(" ' ", "'") not in adverbials and said not in adverbials):
                    break
                if between and between[-1] != ",":
                    break
                pg = mention_gender(doc, ctx, m)
                wrong = pg.gender is not None and pg.confidence >= MIN_CONFIDENCE and pg.gender != g
                if wrong and not _allowed(ctx, m):
                    yield Issue(
                        w.start,
                        w.end,
                        f"{w.text!r} refers to {_person_label(ctx, m)}, {_NOUN[pg.gender]}",
                        evidence=_evidence(ctx, m, pg.source),
                    )
                break
            if w.text[:1].isupper() or w.text in '.;:!?«»“”„"()' or (w.text == "," and not between):
                break
            between.append(w.text.casefold())


def _sentence_pronouns(doc: Document, ctx, lex: GenderLexicon) -> Iterator[Issue]:
    """A pronoun opening a sentence, before a verb only a person does, after a sentence whose
    subject is a named person and that names no one of the pronoun's gender."""
    wi = word_index(doc)
    pm = person_mentions(doc, ctx)
    sentences = doc.sentences
    ordered = sorted(pm.mentions, key=lambda m: m.start)
    starts = [m.start for m in ordered]
    ambiguous = {w.casefold() for w in ctx.profile.get("gender.ambiguous_pronouns", []) or []}
    for k in range(1, len(sentences)):
        s, prev = sentences[k], sentences[k - 1]
        if doc.paragraph_index(s.start) != doc.paragraph_index(prev.start):
            continue
        i = wi.at(s.start)
        while i < len(wi.words) and (wi.words[i].text in '«“„"—–-' or wi.words[i].text.casefold() in lex.openers):
            i += 1
        if i >= len(wi.words) or wi.words[i].start >= s.end:
            continue
        w = wi.words[i]
        g = lex.pronouns.get(w.text.casefold())
        if g is None or w.text.casefold() in ambiguous or (w.text.isupper() and len(w.text) > 1):
            continue
        if not _person_verb_follows(lex, wi, i, s):
            continue
        lo = bisect.bisect_left(starts, prev.start)
        named = ordered[lo : bisect.bisect_left(starts, prev.end)]
        if not named or _other_referents(doc, lex, wi, prev, named):
            continue
        first = named[0]
        if len([x for x in wi.words[wi.at(prev.start) : wi.at(first.start)] if x.text not in _PUNCT]) > 4:
            continue  # the named person is not the subject of the sentence before
        genders = [mention_gender(doc, ctx, m) for m in named]
        if any(x.gender is None or x.confidence < MIN_CONFIDENCE for x in genders):
            continue
        if {x.gender for x in genders} != {"f" if g == "m" else "m"} or any(_allowed(ctx, m) for m in named):
            continue
        yield Issue(
            w.start,
            w.end,
            f"{w.text!r} seems to refer to {_person_label(ctx, first)}, {_NOUN[genders[0].gender]}",
            evidence=_evidence(ctx, first, genders[0].source),
        )


def _person_verb_follows(lex: GenderLexicon, wi, i: int, s: Span) -> bool:
    for w in wi.words[i + 1 : i + 5]:
        if w.start >= s.end:
            return False
        t = w.text.casefold()
        if t in lex.speech_verbs or t in lex.person_verbs:
            return True
        if t not in lex.verb_fillers and t not in ("'", "’"):
            return False
    return False


def _other_referents(doc: Document, lex: GenderLexicon, wi, s: Span, named: list[Mention]) -> bool:
    """Does the sentence name a person or body by a noun (not a title of a named person)?"""
    titled = [(m.title.start if m.title else m.start) - 40 for m in named]
    for w in wi.words[wi.at(s.start) : wi.at(s.end)]:
        t = w.text.casefold()
        noun = t in lex.person_nouns or (lex.word_gender(t) is not None and t in lex.heads)
        if noun and not any(lo <= w.start < m.start for lo, m in zip(titled, named, strict=True)):
            return True
    return False


# -- titles ---------------------------------------------------------------------------------------
def _honorific(doc: Document, ctx, lex: GenderLexicon, m: Mention, g) -> Iterator[Issue]:
    wi = word_index(doc)
    i = wi.before(m.start)
    if i >= 0 and wi.words[i].text == ".":
        i -= 1
    if i < 0 or wi.words[i].start < m.sentence.start:
        return
    w = wi.words[i]
    hg = lex.honorifics.get(w.text.casefold())
    if hg is not None and hg != g.gender and m.start - w.end <= 2:
        yield Issue(
            w.start,
            w.end,
            f"{w.text!r} before {_person_label(ctx, m)}, {_NOUN[g.gender]}",
            evidence=_evidence(ctx, m, g.source),
        )


def _title_before(doc: Document, ctx, lex: GenderLexicon, m: Mention, g) -> Iterator[Issue]:
    apposition = m.title is None
    region = m.title if m.title is not None else _apposition_before(doc, lex, m)
    if region is None:
        return
    words = _title_phrase(doc, ctx, lex, region, m)
    if apposition and words and words[0].start > region.start:
        return  # "Selon le ministre, Catherine Colonna est ...": the title must open the apposition
    if words and not _clause_inside(ctx, lex, words):
        yield from _disagreeing(ctx, lex, m, g, _agreeing_part(lex, words), "title")


def _clause_inside(ctx, lex: GenderLexicon, words: list) -> bool:
    """ "Le président nommera Karine Jean-Pierre": after its head, a title's own words agree with it
    (gendered), name a country ("russe") or are capitalised; any other lowercase word is a verb, and
    the title is the subject of a clause whose object is the name."""
    part = _agreeing_part(lex, words)
    heads = [k for k, w in enumerate(part) if lex.is_head(w.text)]
    if not heads:
        return False
    nations = places(ctx).adjectives
    for w in part[heads[0] + 1 :]:
        t = w.text
        if t[:1].isupper() or not t.isalpha() or lex.word_gender(t) is not None or lex.is_head(t):
            continue
        if fold_phrase(t) in nations or t.casefold() in nations:
            continue
        return True
    return False


def _title_after(doc: Document, ctx, lex: GenderLexicon, m: Mention, g) -> Iterator[Issue]:
    words = _apposition_after(doc, lex, m)
    if not words:
        return
    # the title's words stop where another person's name starts ("conseiller du président Macron")
    later = person_mentions(doc, ctx).in_span(Span(m.end, words[-1].end))
    stop = later[0].start if later else words[-1].end
    part = [w for w in _agreeing_part(lex, words) if w.start < stop]
    yield from _disagreeing(ctx, lex, m, g, part, "title")


def _apposition_after(doc: Document, lex: GenderLexicon, m: Mention) -> list:
    """ "Bärbel Bas (SPD), présidente du Bundestag, ...": the title put after a name between commas,
    or ending its sentence. It must open with a title word (or a determiner and one); one opened by
    a determiner must be closed by a comma and follow a name that opens its sentence, so that
    "Selon Zakharova, le ministre a ..." (a new clause, another person) is never read as one."""
    at = apposition_start(doc, m)
    if at is None:
        return []
    wi = word_index(doc)
    ws = wi.words
    i = wi.at(at)
    words = []
    closer = None
    for w in ws[i : i + 15]:
        if w.start >= m.sentence.end:
            break
        if w.text in _PUNCT:
            closer = w.text
            break
        words.append(w)
    if not words:
        return []
    led = _determiner(lex, words[0].text)
    # the title word may follow a few qualifiers ("the White House spokesman"), not a complement
    lead = []
    for w in words[1 if led else 0 : 5]:
        if lex.is_head(w.text) or w.text.casefold() in lex.complement_starts:
            break
        lead.append(w)
    head = words[int(led) + len(lead)] if int(led) + len(lead) < len(words) else None
    if head is None or not lex.is_head(head.text):
        return []
    folded = {w.text.casefold() for w in words}
    if folded & (lex.speech_verbs | lex.person_verbs | lex.conjunctions):
        return []  # "Lavrov, le ministre a déclaré", "Lavrov, et le ministre": a clause, not an apposition
    j = wi.before(m.start)
    opens_sentence = j < 0 or ws[j].start < m.sentence.start
    if led and (closer not in (",", ")") or not opens_sentence):
        return []
    return words


def _title_phrase(doc: Document, ctx, lex: GenderLexicon, region: Span, m: Mention) -> list:
    """The title phrase of `region` that goes with the name: from the earliest title word (with its
    determiner) that no verb and no other name separates from the name, to the end of the region."""
    wi = word_index(doc)
    words = [w for w in wi.words[wi.at(region.start) : wi.at(region.end)] if w.end <= region.end]
    if not words:
        return []
    others = [x for x in person_mentions(doc, ctx).in_span(region) if x is not m]
    chosen = None
    folded = _folded(words)
    k = len(words) - 1
    while k >= 0:
        fixed = _fixed_ending_at(lex, folded, k)
        if fixed:
            k -= fixed
            continue
        t = words[k].text.casefold()
        if t in lex.speech_verbs or t in lex.person_verbs or (t in lex.copulas and k < len(words) - 1):
            break
        if t in lex.conjunctions:
            break  # "le prince William et la première dame, Jill Biden": another phrase
        if any(x.start <= words[k].start < x.end for x in others):
            break
        if chosen is not None and t in lex.complement_starts:
            break  # "conseillère principale [du président américain] Joe Biden": another phrase
        if lex.is_head(t):
            chosen = k
        k -= 1
    if chosen is None:
        return []
    start = chosen
    if start > 0 and _determiner(lex, words[start - 1].text):
        start -= 1
    elif start == 0:
        i = wi.before(words[0].start)
        if i >= 0 and wi.words[i].start >= m.sentence.start and _determiner(lex, wi.words[i].text):
            return [wi.words[i], *words]
    return words[start:]


def _apposition_before(doc: Document, lex: GenderLexicon, m: Mention) -> Span | None:
    """ "Le représentant officiel du ministère, Maria Zakharova, ...": the words before the comma
    (back to the previous punctuation), when the name is closed by a comma or followed by a verb."""
    wi = word_index(doc)
    i = wi.before(m.start)
    if i < 0 or wi.words[i].text != "," or wi.words[i].start < m.sentence.start:
        return None
    after = wi.at(m.end)
    if after < len(wi.words):
        nxt = wi.words[after].text.casefold()
        if nxt in lex.conjunctions or wi.words[after].start >= m.sentence.end:
            return None
    j = i - 1
    while j >= 0 and wi.words[j].start >= m.sentence.start and wi.words[j].text not in ',;:()«»“”„"—–':
        j -= 1
    first = j + 1
    if first >= i:
        return None
    return Span(wi.words[first].start, wi.words[i - 1].end)


def _agreeing_part(lex: GenderLexicon, words: list) -> list:
    """The words of a title that agree with its person: up to its complement ("la présidente [de
    l'Institut allemand]"), fixed parts of titles ("secrétaire d'État adjoint") aside."""
    out = []
    folded = _folded(words)
    k = 0
    while k < len(words):
        fixed = _fixed_at(lex, folded, k)
        if fixed:
            k += fixed
            continue
        t = words[k].text.casefold()
        if out and t in lex.complement_starts:
            break
        out.append(words[k])
        k += 1
    return out


def _folded(words: list) -> list[str]:
    """The words as `fixed_complements` are written: case-folded, with ' for ’."""
    return [fold_phrase(w.text) for w in words]


def _fixed_ending_at(lex: GenderLexicon, folded: list[str], k: int) -> int:
    for fixed in lex.fixed_complements:
        n = len(fixed)
        if k - n + 1 >= 0 and tuple(folded[k - n + 1 : k + 1]) == fixed:
            return n
    return 0


def _fixed_at(lex: GenderLexicon, folded: list[str], k: int) -> int:
    for fixed in lex.fixed_complements:
        if tuple(folded[k : k + len(fixed)]) == fixed:
            return len(fixed)
    return 0


def _disagreeing(ctx, lex: GenderLexicon, m: Mention, g, words: list, what: str) -> Iterator[Issue]:
    wrong = []
    for w in words:
        wg = lex.word_gender(w.text)
        if wg is not None and wg[0] != g.gender:
            wrong.append((w, wg[1]))
    if not wrong:
        return
    fixes = ", ".join(f"{w.text!r} -> {other!r}" for w, other in wrong)
    yield Issue(
        words[0].start if what == "predicate" else min(w.start for w, _ in wrong),
        max(w.end for w, _ in wrong),
        f"this {what} is not in the gender of {_person_label(ctx, m)}, {_NOUN[g.gender]}: {fixes}",
        evidence=_evidence(ctx, m, g.source),
    )


def _predicate(doc: Document, ctx, lex: GenderLexicon, m: Mention, g) -> Iterator[Issue]:
    """ "Jean-Pierre a été nommé attaché de presse", "era el jefe adjunto": what the name is said to be."""
    wi = word_index(doc)
    i = wi.at(m.end)
    ws = wi.words
    n = 0
    while i + n < len(ws) and ws[i + n].start < m.sentence.end and ws[i + n].text.casefold() in lex.copulas:
        n += 1
    if n == 0 or i + n >= len(ws):
        return
    if ws[i].start - m.end > 2:
        return
    if n == 1 and len(ws[i].text) <= 2 and ws[i].text.casefold() not in lex.short_copulas:
        return  # "a", "ha" alone is "has", not "is": "Meloni a un plan"
    words = []
    for w in ws[i + n : i + n + 6]:
        if w.start >= m.sentence.end or w.text in _PUNCT:
            break
        words.append(w)
    part = []  # the gendered words that follow: "nommé attaché", "el jefe adjunto"
    for w in _agreeing_part(lex, words):
        if lex.word_gender(w.text) is None:
            break
        part.append(w)
    nouns = [w for w in part if not _determiner(lex, w.text)]
    if not nouns or all(lex.word_gender(w.text)[0] == g.gender for w in nouns):
        return
    yield from _disagreeing(ctx, lex, m, g, [ws[i], *part], "predicate")


def _determiner(lex: GenderLexicon, word: str) -> bool:
    return word.casefold() in lex.determiners


# -- titles without a name ------------------------------------------------------------------------
def _office_titles(doc: Document, ctx, lex: GenderLexicon) -> Iterator[Issue]:
    """ "la chancelière allemande" in 2025: a gendered title for an office that, by the knowledge
    base, one person alone held on the article's date, with no name written with it."""
    if ctx.knowledge is None:
        return
    offices = document_offices(doc, ctx)
    pm = person_mentions(doc, ctx)
    wi = word_index(doc)
    ends = sorted(m.start for m in pm.mentions)
    near = merge_intervals((m.start, m.end + 3) for m in pm.mentions)
    near_starts = [a for a, _ in near]
    for o in offices.offices:
        if o.of is None:
            continue
        if not o.place and len(doc.text[o.start : o.end].split()) < 3:
            continue  # "the Queen", "le chancelier": which country's? A short title must name it.
        k = bisect.bisect_left(ends, o.end)
        if k < len(ends) and ends[k] - o.end <= 60 and not _ends_between(doc.text, o.end, ends[k]):
            continue  # a name follows: the title is that person's, checked with the name
        at = bisect.bisect_right(near_starts, o.start) - 1
        if at >= 0 and o.start < near[at][1]:
            continue  # in a name, or right after one
        if o.start > 0 and doc.text[o.start - 1] in "-‐":
            continue  # "co-présidente", "vice-président": another office than the label's
        i = wi.at(o.start)
        j = wi.before(o.start)
        if j < 0:
            continue
        det = wi.words[_before_elision(wi, j)]
        if not _determiner(lex, det.text) or det.start < (doc.sentence_of(o.start) or Span(0, 0)).start:
            continue
        if any(apposition_start(doc, m) == det.start for m in pm.in_span(Span(max(0, det.start - 200), det.start))):
            continue  # "Anna Baerbock, la présidente du parti": an apposition, the named person's title
        before = doc.text[max(0, det.start - 30) : det.start].casefold()
        if any(w in before.replace("-", " ").split() for w in lex.not_current):
            continue
        holders = ctx.knowledge.sole_holder(o.role, o.of, ctx.date)
        if holders is None or holders.gender not in ("m", "f") or ctx.allowed(holders.name(ctx.lang)):
            continue
        words = [det] + [w for w in wi.words[i : wi.at(o.end) + 2] if w.end <= o.end + 30]
        part = _agreeing_part(lex, words)
        wrong = [w for w in part if (wg := lex.word_gender(w.text)) is not None and wg[0] != holders.gender]
        # "le secrétaire de presse": with an epicene title, the determiner alone tells the gender
        epicene = lex.word_gender(wi.words[i].text) is None
        if not wrong or not (epicene or any(not _determiner(lex, w.text) for w in wrong)):
            continue
        fixes = ", ".join(f"{w.text!r} -> {lex.word_gender(w.text)[1]!r}" for w in wrong)
        # past the day the snapshot's current offices were verified, its holder is a guess: said so
        verified = ctx.knowledge.verified(holders, o.role, o.of, ctx.date)
        hedge = "" if verified else f" (the knowledge base is verified to {ctx.knowledge.facts_checked_to})"
        yield Issue(
            det.start,
            max(w.end for w in wrong),
            f"on {ctx.date.isoformat()} this office was held by {holders.name(ctx.lang)}, "
            f"{_NOUN[holders.gender]}{hedge}: {fixes}",
            evidence={"url": holders.url(ctx.lang), "date": ctx.date.isoformat(), "date_origin": ctx.date_origin},
            tentative=not verified,
        )
        yield from _counterpart_possessive(doc, ctx, pm, wi, det.start, holders, verified)


def _counterpart_possessive(doc: Document, ctx, pm, wi, title_at: int, holder, verified: bool) -> Iterator[Issue]:
    """ "Neben den Gesprächen mit ihrem ukrainischen Amtskollegen, Dmytro Kuleba, sprach die
    US-Außenministerin": earlier in the sentence of a title found of the wrong gender, a possessive before
    "counterpart" names the title's holder too, where the possessive agrees with its possessor
    (`gender.possessor_possessives`: English, German; not French "son homologue"). Only with no
    other person named between them but the counterpart's own name."""
    possessives = ctx.profile.derive("gender.possessor_pairs", _possessor_pairs)
    counterparts = ctx.profile.words("gender.counterparts")
    if not possessives or not counterparts:
        return
    sentence = doc.sentence_of(title_at) or Span(0, 0)
    first, last = wi.at(sentence.start), wi.before(title_at)
    for k in range(first + 1, last + 1):
        if wi.words[k].text.casefold() not in counterparts:
            continue
        j = _possessive_before(wi, k, first, possessives)
        if j is None:
            continue
        owner = wi.words[j]
        gender, other = possessives.get(owner.text.casefold(), (None, None))
        if gender is None or gender == holder.gender:
            continue
        between = pm.in_span(Span(wi.words[k].end, title_at))
        if any(not _in_apposition(doc, m) for m in between):
            continue  # someone else named between: the possessive may be theirs
        hedge = "" if verified else f" (the knowledge base is verified to {ctx.knowledge.facts_checked_to})"
        yield Issue(
            owner.start,
            wi.words[k].end,
            f"the counterpart is that of {holder.name(ctx.lang)}, {_NOUN[holder.gender]}, the title's holder on "
            f"{ctx.date.isoformat()}{hedge}: {owner.text!r} -> {other!r}",
            evidence={"url": holder.url(ctx.lang), "date": ctx.date.isoformat(), "date_origin": ctx.date_origin},
            tentative=not verified,
        )


def _counterpart_after_name(doc: Document, ctx) -> Iterator[Issue]:
    """ "Antony Blinken met her Ukrainian counterpart": the possessive before "counterpart" in the
    sentence of the person named as its subject (at most four words into it), with no one else named
    between, agrees with that person. A possessive that may also be plural (`gender.plural_possessives`,
    German "ihr": "their") is left alone when said of a man."""
    possessives = ctx.profile.derive("gender.possessor_pairs", _possessor_pairs)
    counterparts = ctx.profile.words("gender.counterparts")
    if not possessives or not counterparts:
        return
    plural = ctx.profile.words("gender.plural_possessives")
    wi = word_index(doc)
    pm = person_mentions(doc, ctx)
    for k in compress(range(len(wi.words)), map(counterparts.__contains__, doc.folded_words)):
        w = wi.words[k]
        j = _possessive_before(wi, k, 0, possessives)
        if j is None:
            continue
        owner = wi.words[j]
        gender, other = possessives[owner.text.casefold()]
        sentence = doc.sentence_of(owner.start) or Span(0, 0)
        named = pm.in_span(Span(sentence.start, owner.start))
        if len({m.group for m in named}) != 1:
            continue  # no one, or two people, named before it in the sentence
        m = named[0]
        if len([x for x in wi.words[wi.at(sentence.start) : wi.at(m.start)] if x.text not in _PUNCT]) > 4:
            continue  # not the sentence's subject
        g = mention_gender(doc, ctx, m)
        if g.gender is None or g.confidence < MIN_CONFIDENCE or g.gender == gender or _allowed(ctx, m):
            continue
        if g.gender == "m" and owner.text.casefold() in plural:
            continue
        yield Issue(
            owner.start,
            w.end,
            f"{owner.text!r} refers to {_person_label(ctx, m)}, {_NOUN[g.gender]}: {owner.text!r} -> {other!r}",
            evidence=_evidence(ctx, m, g.source),
        )


def _possessive_before(wi, k: int, first: int, possessives: dict) -> int | None:
    """The possessive of the noun at word k, with at most two adjectives between: "her Ukrainian counterpart"."""
    for j in range(k - 1, max(first, k - 3) - 1, -1):
        if wi.words[j].text.casefold() in possessives:
            return j if all(w.text.isalpha() for w in wi.words[j + 1 : k]) else None
    return None


def _possessor_pairs(profile) -> dict[str, tuple[str, str]]:
    """possessive -> (its possessor's gender, the other gender's form), from pairs written masculine first."""
    pairs: dict[str, tuple[str, str]] = {}
    for m, f in profile.get("gender.possessor_pairs", []) or []:
        pairs[m.casefold()] = ("m", f)
        pairs[f.casefold()] = ("f", m)
    return pairs


def _in_apposition(doc: Document, m: Mention) -> bool:
    """Is the name set off by commas ("…Amtskollegen in Polen, Dmytro Kuleba, sprach…")?"""
    return doc.text[max(0, m.start - 2) : m.start].strip() == "," and doc.text[m.end : m.end + 1] == ","


RULES = [pronoun]
