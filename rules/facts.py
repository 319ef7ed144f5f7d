"""Facts about officials: the office an article gives a person, checked against the knowledge base
on the article's date; and officials nobody has a record of.

Precision comes first: an office is reported only when the knowledge base shows the person held
that same office (same role, same country or organisation) at another time and its dates rule out
the article's date. An office the knowledge base never heard of for that person proves nothing, and
coarse dates that cannot decide stay silent.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator

from lint.annotate.gender import lexicon as gender_lexicon
from lint.annotate.offices import document_offices
from lint.annotate.persons import Mention, apposition_start, person_mentions
from lint.document import Span
from lint.language import LanguageProfile, expand_lists
from lint.rule import Issue, accept, flag, rule
from lint.text import WORD_CHARS

_WORD = WORD_CHARS


def _claimed_role(doc, m: Mention, ctx) -> tuple[str, str | None] | None:
    """The office the title before a mention names, with its jurisdiction (None: the title names
    none; "?": it names several). The title's head is its first office label: in "le conseiller du
    président ukrainien X", X is the adviser, not the president."""
    assert m.title is not None
    before = _WORD.findall(doc.text[max(m.sentence.start, m.phrase_start - 30) : m.phrase_start])
    if before and before[-1].casefold() in ctx.profile.words("titles.connectors"):
        return None  # "le conseiller du président ukrainien Andriy Iermak": the adviser's name, maybe
    # offices starting in the title: one that starts before it is another phrase the title ends
    # ("Séjourné, conseiller diplomatique du président français Emmanuel Macron": Macron is the président)
    offices = document_offices(doc, ctx).starting_in(m.title.start, m.title.end)
    if not offices:
        return None
    head = [o for o in offices if o.start == offices[0].start]
    if len(doc.text[m.title.start : head[0].start].split()) > 1:
        return None  # words before the office that are not part of it: not sure whose office it is
    codes = {o.of for o in head}
    return head[0].role, (codes.pop() if len(codes) == 1 else "?")


_LEADING_WORD = re.compile(r"([^\W\d_]+)(?:['’]|\s+)")


def _apposed_role(doc, m: Mention, ctx) -> tuple[Span, str, str | None] | None:
    """The office put after a name between commas ("Dmitri Kozak, vice-Premier ministre russe, a ..."):
    its span, role and jurisdiction, when the office label opens the apposition and the apposition
    ends at a comma or with the sentence, so that it describes this person and no one else."""
    at = apposition_start(doc, m)
    if at is None:
        return None
    det = _LEADING_WORD.match(doc.text, at)
    if det and det.group(1).casefold() in ctx.profile.words("gender.determiners"):
        at = det.end()  # "Kozak, le vice-Premier ministre russe,"
    offices = document_offices(doc, ctx).starting_at(at)
    if not offices:
        return None
    end = max(o.end for o in offices)
    rest = doc.text[end : m.sentence.end]
    stop = min([i for i in (rest.find(","), rest.find(";")) if i >= 0] or [len(rest)])
    close = end + stop
    if stop < len(rest.rstrip(" .!?\n")) and rest[stop] not in ",;":
        return None
    codes = {o.of for o in offices}
    of = codes.pop() if len(codes) == 1 else "?"
    others = person_mentions(doc, ctx).in_span(Span(end, close))
    if not all(_principal(ctx, other, Span(at, end), of) for other in others):
        return None  # "X, président du parti de Y": the office's complement names another, whose office it may be
    return Span(at, end), offices[0].role, of


def _post_pattern(profile: LanguageProfile) -> re.Pattern[str] | None:
    table = profile.table("facts")
    claims = [expand_lists(p, table) for p in table.get("post_claims", [])]
    if not claims:
        return None
    relative = "|".join(expand_lists(p, table) for p in table.get("post_relatives", [])) or "(?!)"
    # possessive and anchored after a non-space: linear on long runs of white space
    return re.compile(rf"(?<![\s,])(?:,\s*+(?:{relative})\s++|\s++)(?:{'|'.join(claims)})\s*+", re.IGNORECASE)


def _post_role(doc, m: Mention, ctx) -> tuple[Span, str, str | None] | None:
    """The office a verb says the person holds on the article's date ("Borrell quittera le poste de
    chef de la Commission", "Blinken, who holds the post of ..."): a finite verb of holding, keeping
    or leaving an office (`facts.post_claims`) right after the name, the office label right after it."""
    pattern = ctx.profile.derive("facts.post_claims", _post_pattern)
    said = pattern.match(doc.text, m.end, m.sentence.end) if pattern is not None else None
    if said is None:
        return None
    offices = document_offices(doc, ctx).starting_at(said.end())
    if not offices:
        return None
    codes = {o.of for o in offices}
    of = codes.pop() if len(codes) == 1 else "?"
    return Span(offices[0].start, max(o.end for o in offices)), offices[0].role, of


def _principal(ctx, other: Mention, label: Span, of: str | None) -> bool:
    """Is `other`, named after an office label, the principal the label names ("Séjourné, conseiller
    diplomatique du président français Emmanuel Macron")? Their own title starts inside the label, and
    on the article's date they held an office of one holder of the label's country: the label is then
    still the first person's."""
    if other.person is None or other.title is None or not label.start <= other.title.start < label.end:
        return False
    roles = ctx.knowledge.roles
    return any(
        o.of == of and (roles.get(o.role) or {}).get("single") and o.held_on(ctx.date) for o in other.person.offices
    )


def _qualified_as_past(doc, m: Mention, ctx, span: Span) -> bool:
    """ "ancien ministre", "former minister", "then-Secretary", "président élu": the article does not
    claim the office now. Read before the name and in the apposition after it."""
    words = ctx.profile.words("facts.not_current")
    start = min(span.start, m.start)
    before = doc.text[max(m.sentence.start, start - 40) : max(m.end, min(span.end + 20, m.sentence.end))].casefold()
    if not words.isdisjoint(_WORD.findall(before)):
        return True
    return any(f"{w}-" in before for w in words)  # "ex-ministre", "then-Secretary"


def _possibly_held(office, first, last) -> bool:
    """Could the office have been held on some day of [first, last]? Unknown counts as yes."""
    if office.held_on(first) is not False or office.held_on(last) is not False:
        return True
    began = office.start or ""
    return first.isoformat()[: len(began)] < began <= last.isoformat()[: len(began)] if began else True


def _held_by_another(ctx, person, role: str, of: str | None, last, single: bool = True) -> object | None:
    """The one other person who, by the knowledge base, held an office of one holder at a time
    (`single` in roles.toml: a head of state, a foreign minister) on every day the article's date
    may mean. Only a title that names its country or organisation: "le président" alone may be a
    party's or a club's."""
    if of is None or (single and not (ctx.knowledge.roles.get(role) or {}).get("single")):
        return None
    holder = None
    for day in dict.fromkeys((ctx.date, last)):
        p = ctx.knowledge.sole_holder(role, of, day)
        if p is None or not ctx.knowledge.verified(p, role, of, day) or (holder is not None and p.id != holder.id):
            return None  # nobody certain, or someone else on another day the date may mean
        holder = p
    return holder if holder is not None and holder.id != person.id else None


def _names_within(doc, ctx, span: Span, of: str | None) -> bool:
    """The title itself names the jurisdiction: its label is that country's own ("Bundeskanzler"), or
    a nationality or institution word stands inside it. A place word after the name ("Defence Minister
    Lloyd Austin met the Ukrainian president") qualifies the name's neighbours, not the title."""
    offices = document_offices(doc, ctx)
    if any(o.of == of and not o.place for o in offices.between(span.start, span.end)):
        return True
    # a nationality right after the label is still the title's ("conseiller diplomatique du président français")
    return any(
        code == of and span.start <= s and (e <= span.end or (s - span.end <= 2 and not doc.text[span.end : s].strip()))
        for s, e, code in offices.places
    )


def _describe(o) -> str:
    return f"{o.start or '?'} – {o.end if o.end and o.end != '?' else ('?' if o.end else 'now')}"


@rule(
    "facts.role",
    category="role-factual",
    severity="warning",
    requires=("titles.heads", "nationality"),
    description="""An official described with an office they did not hold on the article's date.

The title written before a person's name ("le vice-Premier ministre russe Dmitri Kozak"), or put after
it between commas ("Dmitri Kozak, vice-Premier ministre russe,"), is matched
against the office names of the knowledge base in the article's language, with the country or
organisation it names; the person's tenures in that office are checked on the article's date (from
the input's metadata, --date, or today; the message says which). "Former", "ancien", "ehemaliger"
make a past office correct, and "-elect", "élu", "designierte", "electo" a future one. Two kinds
of evidence are reported: the person held that same office at another time, and its dates rule out
the article's; or the office has one holder at a time (`single` in roles.toml), the title itself
names its country or organisation, and the knowledge base shows someone else certainly held it on
every day the date may mean (a deputy minister called the minister). An open-ended tenure counts
only up to the snapshot's `facts_checked_to` date. An office the knowledge base never gave the
person, with no such holder, proves nothing and is left alone.

Two more ways an article gives a person an office: a verb of holding or leaving a post right after
the name ("Borrell quittera le poste de chef de la Commission", `facts.post_claims`); and a title with
no name ("la portavoz de Putin", "la porte-parole du Kremlin") that refers to the one person the
article named before with that title's head word, when the title's gendered words agree with that
person and not with the office's holder, whom the article never names. A name the knowledge base does
not know is read as the one person its spelling is close to (and said so in the message).""",
    examples=[
        flag("fr", "Paris a accueilli mercredi le <m>vice-Premier ministre russe Dmitri Kozak</m>.", "2022-01-26"),
        flag("en", "Talks were led by <m>Deputy Prime Minister Dmitry Kozak</m> on Wednesday.", "2022-01-26"),
        flag("de", "Auch der <m>Vizeregierungschef Dmitri Kosak</m> nahm teil.", "2022-01-26"),
        flag("es", "Asistió el <m>vice primer ministro ruso Dmitri Kozak</m> a la reunión.", "2022-01-26"),
        accept("fr", "Le vice-Premier ministre russe Dmitri Kozak a pris la parole.", "2019-05-01"),
        accept("fr", "L’ancien vice-Premier ministre russe Dmitri Kozak a pris la parole.", "2022-01-26"),
        accept("fr", "Le porte-parole du Kremlin Dmitri Peskov a démenti.", "2022-01-26"),
        accept("en", "Former Deputy Prime Minister Dmitry Kozak spoke.", "2022-01-26"),
        accept("en", "President-elect Donald Trump met Joe Biden at the White House.", "2024-11-13"),
        flag("en", "<m>President Donald Trump</m> met Joe Biden at the White House.", "2024-11-13"),
        accept("fr", "Le président élu Donald Trump a rencontré Joe Biden à la Maison Blanche.", "2024-11-13"),
        accept("es", "El presidente electo Donald Trump se reunió con Joe Biden.", "2024-11-13"),
        accept("en", "Kremlin spokesman Dmitry Peskov denied it.", "2022-01-26"),
        accept("en", "Foreign Minister Sergei Lavrov said so.", "2022-01-26"),
        accept("de", "Der ehemalige Vizeregierungschef Dmitri Kosak sprach.", "2022-01-26"),
        accept("de", "Kremlsprecher Dmitri Peskow sagte das.", "2022-01-26"),
        accept("de", "Außenminister Sergej Lawrow sagte das.", "2022-01-26"),
        accept("es", "El ex vice primer ministro ruso Dmitri Kozak habló.", "2022-01-26"),
        accept("es", "El portavoz del Kremlin, Dmitri Peskov, lo negó.", "2022-01-26"),
        accept("es", "El ministro de Asuntos Exteriores ruso Serguéi Lavrov habló.", "2022-01-26"),
        flag("fr", "Paris a reçu <m>Dmitri Kozak, vice-Premier ministre russe</m>, mercredi.", "2022-01-26"),
        flag("en", "Talks were led by <m>Dmitry Kozak, the Deputy Prime Minister</m>, on Wednesday.", "2022-01-26"),
        accept("fr", "Paris a reçu Dmitri Kozak, vice-Premier ministre russe, mercredi.", "2019-05-01"),
        accept("fr", "Paris a reçu Dmitri Kozak, ancien vice-Premier ministre russe, mercredi.", "2022-01-26"),
        accept("fr", "Donald Trump, président élu, a rencontré Joe Biden.", "2024-11-13"),
        # the name after the office is its principal, not another holder of the office
        flag("fr", "<m>Jean-Yves Le Drian, conseiller diplomatique du président</m> Emmanuel Macron, a parlé.",
             "2021-06-10"),
        flag("en", "<m>Philippe Étienne, diplomatic adviser to the French president</m> Emmanuel Macron, met them.",
             "2021-06-10"),
        accept("fr", "Emmanuel Bonne, conseiller diplomatique du président Emmanuel Macron, a reçu la délégation.",
               "2021-06-10"),
        accept("en", "Philippe Étienne, diplomatic adviser to the French president Emmanuel Macron, met them.",
               "2018-06-10"),
        accept("en", "Donald Trump, President-elect, met Joe Biden.", "2024-11-13"),
        flag("it", "Alla riunione c’era anche il <m>vice primo ministro russo Dmitri Kozak</m>.", "2022-01-26"),
        accept("it", "L’ex vice primo ministro russo Dmitri Kozak ha parlato.", "2022-01-26"),
        accept("it", "Il portavoce del Cremlino Dmitrij Peskov ha smentito.", "2022-01-26"),
        flag("en", "<m>Russian Foreign Minister Sergei Ryabkov</m> said so.", "2022-01-26"),
        flag("fr", "Le <m>ministre russe des Affaires étrangères Sergueï Riabkov</m> a parlé à Genève.", "2022-01-26"),
        flag("de", "Der <m>russische Außenminister Sergei Rjabkow</m> sprach in Genf.", "2022-01-26"),
        accept("en", "Russian Foreign Minister Sergei Ryabkov said so.", "2026-03-01"),
        accept("en", "Deputy Foreign Minister Sergei Ryabkov said so.", "2022-01-26"),
        accept("en", "Defence Minister Lloyd Austin met the Ukrainian president in Kyiv.", "2022-04-15"),
        accept("fr", "Le vice-ministre russe des Affaires étrangères Sergueï Riabkov a parlé à Genève.", "2022-01-26"),
        # an office a verb says the person holds ("occupe le poste de", "will leave the post of")
        flag("fr", "Selon Bruxelles, <m>Josep Borrell occupe le poste de président de la Commission européenne</m>.",
             "2024-06-03"),
        flag("en", "<m>Josep Borrell, who holds the post of president of the European Commission</m>, spoke.",
             "2024-06-03"),
        flag("es", "<m>Josep Borrell dejará el cargo de presidente de la Comisión Europea</m> en diciembre.",
             "2024-06-03"),
        accept("fr", "Josep Borrell a quitté le poste de haut représentant de l'UE en décembre.", "2024-06-03"),
        accept("fr", "Ursula von der Leyen occupe le poste de présidente de la Commission européenne.", "2024-06-03"),
        accept("en", "Josep Borrell, who wants the post of president of the European Commission, spoke.",
               "2024-06-03"),
        # a misspelt name is its person when its spelling is close to that one person's only
        flag("fr", "Paris a accueilli mercredi le <m>vice-Premier ministre russe Dmitri Kozac</m>.", "2022-01-26"),
        # the name after "conseiller du président": the adviser's as much as the president's
        accept("fr", "Étaient là le conseiller du président ukrainien Andriy Iermak et Joe Biden.", "2022-01-26"),
        # a preposition ends a title: the name after it is not the title's holder
        accept("en", "Dominic Raab served as foreign secretary under Boris Johnson.", "2021-01-10"),
        accept("it", "Mattarella è il secondo presidente rieletto nella storia dopo Giorgio Napolitano.", "2022-01-29"),
        # a title with no name: the person the article named with it, when its gender says so
        flag("es", "La portavoz de Exteriores, María Zajárova, habló de Kiev. «Es mentira», dijo después "
             "<m>la portavoz de Putin</m>.", "2025-05-17"),
        flag("fr", "La porte-parole de la diplomatie russe, Maria Zakharova, a parlé. Ensuite, <m>la porte-parole "
             "du Kremlin</m> a ajouté que rien n'était décidé.", "2025-05-17"),
        flag("en", "Foreign Ministry spokeswoman Maria Zakharova spoke. Later <m>the spokeswoman for Putin</m> "
             "added that nothing was decided.", "2025-05-17"),
        accept("es", "La portavoz de Exteriores, María Zajárova, habló de Kiev. «Es mentira», dijo después el "
               "portavoz de Putin.", "2025-05-17"),
        accept("es", "La portavoz de Exteriores, María Zajárova, habló. El portavoz del Kremlin, Dmitri Peskov, lo "
               "negó. Luego la portavoz de Putin añadió algo.", "2025-05-17"),
        accept("fr", "Maria Zakharova, porte-parole de la diplomatie russe, a parlé. Le porte-parole du Kremlin a "
               "ajouté que rien n'était décidé.", "2025-05-17"),
        accept("en", "Foreign Minister Sergei Lavrov spoke. Later the Kremlin spokesman added that nothing was "
               "decided.", "2025-05-17"),
        flag("pt", 'Na reunião esteve também o <m>vice-primeiro-ministro russo Dmitry Kozak</m>.', date="2022-01-26"),
        accept("pt", 'O antigo vice-primeiro-ministro russo Dmitry Kozak falou aos jornalistas.', date="2022-01-26"),
        accept("pt", 'O porta-voz do Kremlin, Dmitry Peskov, desmentiu a notícia.', date="2022-01-26"),
    ],
)
def role(doc, ctx):
    if ctx.knowledge is None:
        return
    pm = person_mentions(doc, ctx)
    for m in pm.mentions:
        if ctx.allowed(m.name):
            continue
        if m.title is not None:
            span, claim = m.title, _claimed_role(doc, m, ctx)
        else:
            said = _apposed_role(doc, m, ctx) or _post_role(doc, m, ctx)
            span, claim = (said[0], said[1:]) if said else (None, None)
        if claim is None or claim[1] == "?":
            continue
        person = m.person or _spelt_like(ctx, pm, m)
        if person is None:
            continue
        title = doc.text[span.start : span.end]
        role_key, of = claim
        tenures = [o for o in person.offices if o.role == role_key and (of is None or o.of == of)]
        if _qualified_as_past(doc, m, ctx, span):
            continue
        last = ctx.date_last or ctx.date
        if any(_possibly_held(o, ctx.date, last) for o in tenures):
            continue
        if tenures:
            held = f"held {'; '.join(_describe(o) for o in tenures)}"
        else:
            other = _held_by_another(ctx, person, role_key, of, last) if _names_within(doc, ctx, span, of) else None
            if other is None:
                continue  # an office the knowledge base never gave this person proves nothing alone
            held = f"{other.name(ctx.lang)} held that office then"
        current = [o for o in person.offices if o.held_on(ctx.date)]
        now = ""
        if current:
            names = [(ctx.knowledge.role_names(o.role, o.of, ctx.lang) or [o.role])[0] + f" ({o.of})" for o in current]
            now = f"; on that date: {', '.join(names)}"
        when = f"on {ctx.date.isoformat()}" if last == ctx.date else f"between {ctx.date} and {last}"
        who = person.name(ctx.lang) if person is m.person else f"{m.name!r} ({person.name(ctx.lang)}, by the spelling)"
        yield Issue(
            min(span.start, m.start),
            max(span.end, m.end),
            f"{who} was not {title.strip()} {when} ({ctx.date_origin}): {held}{now}",
            evidence={
                "url": person.url(ctx.lang),
                "date": ctx.date.isoformat(),
                "date_origin": ctx.date_origin,
                "source": person.source,
            },
        )
    yield from _titles_alone(doc, ctx, pm)


# A misspelt full name is taken for a known person only when it is this close to that person's name
# and no other person comes near it (rapidfuzz's 0-100 similarity, as `Knowledge.suggest` gives it).
_SPELT_LIKE = 90.0
_SPELT_MARGIN = 15.0


def _spelt_like(ctx, pm, m: Mention):
    """The person a name the knowledge base does not know is a misspelling of: the fullest mention
    of its group ("Josep Borrel" for a later "Borrel") close to one person's name and to no one else's."""
    known = pm.person_of(m)
    full = max(pm.groups.get(m.group, [m]), key=lambda x: len(x.words))
    if known is not None or len(full.words) < 2:
        return known
    best = ctx.knowledge.suggest(full.name, ctx.lang, 2)
    if not best or best[0][1] < _SPELT_LIKE or (len(best) > 1 and best[1][1] > best[0][1] - _SPELT_MARGIN):
        return None
    return best[0][0]


# -- a title with no name, referring to a person the article named -------------------------------
# The offices whose holder's spokesperson is their country's press secretary (FORMAT.md: "press-secretary,
# of a head of state or government"): "la portavoz de Putin" names Russia's.
_PRINCIPALS = ("president", "prime-minister", "monarch")
# A head of state's or government's press secretary is one person, though the knowledge base does not
# mark it `single` (deputies share the name in the news): the gender of the title tells them apart here.
_PRESS = ("press-secretary",)
_NAME_REACH = 60  # characters: a name this close after a title, in its sentence, is the title's


def _titles_alone(doc, ctx, pm) -> Iterator[Issue]:
    """ "La portavoz de Exteriores rusa, María Zajárova, llamó … «¿Quién se cree que es?», ha preguntado
    la portavoz de Putin": a title with no name refers to the one person the article named before with
    that title's head word; it names an office whose sole holder on the date is someone else, whom the
    article never names; and the title's gendered words agree with the person named, not with the
    holder. The last condition is what tells a wrong office from a reference to its real holder."""
    lex = gender_lexicon(ctx)
    heads = _named_heads(doc, ctx, pm, lex)
    if not heads:
        return
    named_ids = {m.person.id for m in pm.mentions if m.person is not None}
    last = ctx.date_last or ctx.date
    for det, span, role_key, of in _alone_offices(doc, ctx, pm, lex):
        words = doc.text[span.start : span.end].split()
        key = _head_key(lex, words)
        earlier = [m for at, k, m in heads if k == key and at < det.start]
        if not earlier or len({m.person.id for m in earlier}) != 1:
            continue  # no one, or two people, named with that title before
        referent = earlier[-1].person
        holder = _held_by_another(ctx, referent, role_key, of, last, single=role_key not in _PRESS)
        if holder is None or holder.id in named_ids or referent.gender == holder.gender:
            continue
        head = next((w for w in words if lex.head_key(w) == key), words[0])
        genders = {g[0] for w in (doc.text[det.start : det.end], head) if (g := lex.word_gender(w)) is not None}
        if genders != {referent.gender}:
            continue  # the title's own words do not say it is the person named
        if any(o.role == role_key and o.of == of and _possibly_held(o, ctx.date, last) for o in referent.offices):
            continue
        line, _ = doc.position(earlier[-1].start)
        title = doc.text[det.start : span.end]
        yield Issue(
            det.start,
            span.end,
            f"{title!r} refers to {referent.name(ctx.lang)}, named with that title on line {line}, who was not "
            f"{' '.join(words)} on {ctx.date.isoformat()} ({ctx.date_origin}): "
            f"{holder.name(ctx.lang)} held that office",
            evidence={
                "url": referent.url(ctx.lang),
                "date": ctx.date.isoformat(),
                "date_origin": ctx.date_origin,
                "source": referent.source,
            },
        )


def _head_key(lex, words: list[str]) -> str:
    """A title's head word, its first gendered or head word ("Foreign Ministry spokeswoman"), in the
    masculine form: "portavoz", "spokesman" for "spokeswoman"."""
    head = next((w for w in words if w.casefold() in lex.heads or lex.word_gender(w) is not None), words[0])
    return lex.head_key(head)


# between an office put before a name and the name: a nationality word at most, and a comma
_BEFORE_NAME = re.compile(r"\s*[^\W\d_]*\s*,\s*")


def _named_heads(doc, ctx, pm, lex) -> list[tuple[int, str, Mention]]:
    """(where the name stands, its title's head word, mention) for each known person named with a
    title: before the name, or as an office put before it ("la portavoz de Exteriores rusa, María
    Zajárova") or after it between commas."""
    offices = document_offices(doc, ctx)
    found = []
    for m in pm.mentions:
        if m.person is None or m.person.gender not in ("m", "f"):
            continue
        regions = [m.title] if m.title is not None else []
        before = offices.between(max(m.sentence.start, m.start - 80), m.start)
        if before and _BEFORE_NAME.fullmatch(doc.text, before[-1].end, m.start):
            regions.append(Span(before[-1].start, before[-1].end))
        at = apposition_start(doc, m)
        if at is not None:
            regions += [Span(o.start, o.end) for o in offices.starting_at(at)]
        for r in regions:
            words = doc.text[r.start : r.end].split()
            if words:
                found.append((m.start, _head_key(lex, words), m))
    return found


def _alone_offices(doc, ctx, pm, lex) -> Iterator[tuple[Span, Span, str, str]]:
    """(determiner, title, role, jurisdiction) of each office written with a determiner and no name:
    an office label that names its jurisdiction ("el portavoz del Kremlin"), or a spokesperson named by
    their principal ("la portavoz de Putin", `facts.spokesperson_of`)."""
    starts = pm.starts
    for o in document_offices(doc, ctx).offices:
        if o.of is None:
            continue
        det = _determiner_before(doc, lex, o.start)
        if det is None or _named_after(doc, pm, starts, o.end) or _in_title(pm, o.start):
            continue
        yield det, Span(o.start, o.end), o.role, o.of
    phrases = ctx.profile.words("facts.spokesperson_of")
    if not phrases:
        return
    for m in pm.mentions:
        window = doc.text[max(m.sentence.start, m.start - 50) : m.start].casefold()
        phrase = next((p for p in phrases if window.endswith(p + " ")), None)
        if phrase is None:
            continue
        start = m.start - len(phrase) - 1
        det = _determiner_before(doc, lex, start)
        of = _principal_country(ctx, pm, m) if det is not None else None
        if of is not None:
            yield det, Span(start, m.end), "press-secretary", of


def _determiner_before(doc, lex, at: int) -> Span | None:
    """The determiner right before `at`, in its sentence ("la portavoz", "l'attaché")."""
    found = re.search(r"([^\W\d_]+)(?:\s+|['’])$", doc.text[max(0, at - 20) : at])
    if found is None or found.group(1).casefold() not in lex.determiners:
        return None
    start = at - len(found.group(0))
    sentence = doc.sentence_of(at)
    return Span(start, start + len(found.group(1))) if sentence is None or start >= sentence.start else None


def _named_after(doc, pm, starts: list[int], end: int) -> bool:
    """A name right after the title, in its sentence: the title is that name's."""
    k = bisect.bisect_left(starts, end)
    if k >= len(starts) or starts[k] - end > _NAME_REACH:
        return False
    sentence = doc.sentence_of(end)
    return sentence is None or starts[k] < sentence.end


def _in_title(pm, at: int) -> bool:
    """Is `at` inside the title written before a name?"""
    return any(m.title is not None and m.title.start <= at < m.title.end for m in pm.in_span(Span(at, at + 200)))


def _principal_country(ctx, pm, m: Mention) -> str | None:
    """The country whose head of state or government the mention names on the article's date ("Putin")."""
    person = pm.person_of(m, ctx.knowledge)
    if person is None:
        return None
    codes = {o.of for o in person.offices if o.role in _PRINCIPALS and o.held_on(ctx.date)}
    return codes.pop() if len(codes) == 1 else None


@rule(
    "facts.unknown-person",
    category="unknown-person",
    severity="info",
    requires=("titles.heads",),
    description="""A person introduced with an official title whom no knowledge source knows.

With Wikipedia consulted (`--online`): neither the embedded snapshot nor Wikipedia has the name.
Offline, only when the snapshot knows who held the office the title names on the article's date and
has no record of this name at all. Worth an editor's look, not an error; a name close to a known
person's is left to the spelling rules.""",
    examples=[
        flag("fr", "Le ministre russe des Affaires étrangères <m>Jean Dupontel</m> a parlé.", "2022-01-26"),
        flag("en", "Russian Foreign Minister <m>John Doeman</m> said so.", "2022-01-26"),
        flag("de", "Der russische Außenminister <m>Hans Wurstmann</m> sagte das.", "2022-01-26"),
        flag("es", "El ministro de Asuntos Exteriores ruso <m>Juan Pérezgil</m> habló.", "2022-01-26"),
        accept("fr", "Le chef de la diplomatie russe Sergueï Lavrov s’est exprimé à Genève.", "2022-01-26"),
        accept("fr", "Le maire de Lyon Grégory Doucet a parlé.", "2022-01-26"),
        accept("fr", "Le ministre Jean Dupontel a parlé.", "2022-01-26"),
        accept("en", "Foreign Minister Sergei Lavrov said so.", "2022-01-26"),
        accept("en", "Local councillor John Doeman said so.", "2022-01-26"),
        accept("en", "Russian Foreign Minister Sergey Lavrov said so.", "2022-01-26"),
        accept("de", "Außenminister Sergej Lawrow sagte das.", "2022-01-26"),
        accept("de", "Der Bürgermeister Hans Wurstmann sagte das.", "2022-01-26"),
        accept("de", "Der ukrainische Botschafter Andrij Melnyk sagte das.", "2022-02-27"),
        accept("de", "Der Sprecher Hans Wurstmann sagte das.", "2022-01-26"),
        accept("es", "El ministro de Asuntos Exteriores ruso Serguéi Lavrov habló.", "2022-01-26"),
        accept("es", "El alcalde Juan Pérezgil habló.", "2022-01-26"),
        accept("es", "El portavoz Juan Pérezgil habló.", "2022-01-26"),
        accept("es", "El Ministro de Asuntos Exteriores ruso, Serguéi Lavrov, viajó a Ankara.", "2025-12-30"),
        flag("it", "Il ministro degli Esteri russo <m>Mario Pérezgil</m> ha parlato.", "2022-01-26"),
        accept("it", "Il ministro degli Esteri russo Sergej Lavrov ha parlato.", "2022-01-26"),
        accept("it", "Il sindaco Mario Pérezgil ha parlato.", "2022-01-26"),
        # the place ends a proper name (a party, a company): it names no country's office
        accept("it", "Il presidente di Forza Italia Mario Pérezgil ha parlato.", "2022-01-26"),
        accept("fr", "Le président de Radio France Jean Dupontel a parlé.", "2022-01-26"),
        flag("it", "Ha parlato il presidente della Repubblica Italiana <m>Mario Pérezgil</m>.", "2022-01-26"),
        flag("pt", 'O ministro dos Negócios Estrangeiros russo <m>Mário Pérezgil</m> falou ontem.', date="2022-01-26"),
        accept("pt", 'O ministro dos Negócios Estrangeiros russo Sergey Lavrov falou ontem.', date="2022-01-26"),
        accept("pt", 'O prefeito Mário Pérezgil falou ontem.', date="2022-01-26"),
    ],
)
def unknown_person(doc, ctx):
    kb = ctx.knowledge
    if kb is None:
        return
    online = getattr(kb, "consults_wikipedia", False)
    for m in person_mentions(doc, ctx).mentions:
        if m.person is not None or m.title is None or m.short or len(m.words) < 2 or ctx.allowed(m.name):
            continue
        if not m.name[:1].isupper():
            continue  # the rest of a capitalised title ("el Ministro de Asuntos Exteriores"), not a name
        best = kb.suggest(m.name, ctx.lang, 1)
        if best and best[0][1] >= 80:
            continue  # close to a known person: the spelling rules speak about it
        title = doc.text[m.title.start : m.title.end].strip()
        if online:
            yield Issue(m.start, m.end, f"No source knows {m.name!r}, introduced as {title!r}: worth a check")
            continue
        claim = _claimed_role(doc, m, ctx)
        if claim is None or claim[1] in (None, "?"):
            continue
        holders = kb.holders_of(claim[0], claim[1], ctx.date)
        # Only an office one person holds at a time says who should be named: a country has many
        # ambassadors, deputy ministers and spokespeople at once.
        if len(holders) == 1:
            known = ", ".join(p.name(ctx.lang) for p in holders)
            yield Issue(
                m.start,
                m.end,
                f"The knowledge base has no record of {m.name!r}; on {ctx.date.isoformat()} the {title.strip()}"
                f" was {known}",
                suggestions=tuple(p.name(ctx.lang) for p in holders),
                evidence={"url": holders[0].url(ctx.lang), "date": ctx.date.isoformat()},
            )


RULES = [role, unknown_person]
