"""Quotation marks that do not pair up by the conventions of the article's language.

The marks and how they pair come from the language profile only (`rules/data/<lang>/quotes.toml`):
`quotes.primary` and `quotes.secondary` (open, close, space_inside), `quotes.other` (further pairs,
such as straight quotes), `quotes.apostrophes` (marks that are also apostrophes and are never
reported on their own), `quotes.nest_same` and `quotes.reopen_each_paragraph`.

One analysis, shared by the rules of the family through `doc.memo`, walks every block of text with a
stack of open quotations. Whether a mark opens or closes is read from where it stands (a mark glued
to the word before it and followed by a space or punctuation closes; one after a space and glued to
the next word opens), then from what it can be in the language. A French « glued to the word before
it (`diplomatie,« ,`) is therefore an opening mark used to close; a » glued to the next word
(`»une`) a closing mark used to open.

Blocks are paragraphs; in a paragraph whose lines are not hard-wrapped prose (a caption over a
text, or a whole article with one paragraph a line) each line is a block, and a quotation open at
the end of a line goes on to the next line when that line closes it before opening another. A
quotation still open at the end of a block is correct when the next block reopens with the same mark
(a quotation over several paragraphs), and is not judged at the end of a text that stops mid-sentence.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from lint.annotate.quotes import Conventions, Pair, conventions, quotes
from lint.document import Document, Span
from lint.rule import Fix, Issue, accept, flag, rule

OPEN, CLOSE, EITHER = "open", "close", "either"
# After a mark, these show that it ends a quotation: "», a-t-il dit", "” ."
_CLOSE_FOLLOWERS = ",.;:!?)]}"
# Before a mark, these (like a space) leave it free to open one: "(«", "– “".
_OPEN_CONTEXT = "([{–—/"
_TERMINAL = ".!?…:"
# A block of hard-wrapped prose has no line longer than this (but its last).
_WRAP_WIDTH = 100
# Quotations nest two or three deep in prose; beyond this the text is not prose and the oldest
# open marks are forgotten, which keeps every step of the walk bounded.
_MAX_DEPTH = 16
_FEET_INCHES = re.compile(r"\d['’′]\d{1,2}$")


@dataclass(frozen=True)
class Problem:
    kind: str  # "mismatch", "unclosed", "nested", "unopened"
    start: int
    end: int
    message: str
    suggestions: tuple[str, ...] = ()


@dataclass
class _Open:
    pair: Pair
    at: int
    nested: bool = False  # opened while a quotation with the same mark was open
    closer_at: int | None = None  # where its proper closing mark stands further on (-1: nowhere)


@dataclass
class _State:
    """The open quotations, carried from one line to the next one of the same paragraph."""

    stack: list[_Open] = field(default_factory=list)
    nested: list[_Open] = field(default_factory=list)
    # A quotation over several paragraphs, each reopened with its mark: where it first opened and how
    # many paragraphs it has run over, so that one never closed is reported where it opened.
    opened_at: int | None = None
    paragraphs: int = 0
    # A quotation left open at the end of the paragraph before, which this one goes on without
    # reopening and closes with its last mark: where it opened.
    carried: int | None = None


# -- blocks ---------------------------------------------------------------------------------------
def blocks(doc: Document) -> list[tuple[Span, int]]:
    """(span, paragraph number): paragraphs, or their lines where they are not one hard-wrapped text."""
    line_starts = [s.start for s in doc.lines]
    out: list[tuple[Span, int]] = []
    for n, para in enumerate(doc.paragraphs):
        lo = bisect.bisect_left(line_starts, para.start)
        hi = bisect.bisect_left(line_starts, para.end)
        lines = doc.lines[lo:hi]
        if len(lines) > 1 and not _hard_wrapped(doc, lines):
            out.extend((line, n) for line in lines)
        else:
            out.append((para, n))
    return out


def _hard_wrapped(doc: Document, lines: list[Span]) -> bool:
    if any(len(s) > _WRAP_WIDTH for s in lines[:-1]):
        return False
    for a, b in zip(lines, lines[1:]):
        end, first = doc.text[a.end - 1], doc.text[b.start]
        if first.islower() or end in ",;-" or (end.isalpha() and not first.isupper()):
            return True
    return False


# -- the analysis ---------------------------------------------------------------------------------
def analyse(doc: Document, conv: Conventions) -> list[Problem]:
    units = blocks(doc)
    marks = conv.marks | conv.apostrophes
    pattern = re.compile("[" + re.escape("".join(sorted(marks))) + "]")
    problems: list[Problem] = []
    state = _State()
    for k, (unit, para) in enumerate(units):
        nxt, next_para = units[k + 1] if k + 1 < len(units) else (None, -1)
        problems.extend(_walk(doc, conv, pattern, unit, nxt, next_para == para, state))
    problems.sort(key=lambda p: (p.start, p.kind))
    return problems


def _walk(
    doc: Document,
    conv: Conventions,
    pattern: re.Pattern,
    unit: Span,
    nxt: Span | None,
    same_paragraph: bool,
    state: _State,
) -> Iterator[Problem]:
    """Walk one block from `state` (open quotations carried over); leave in it what goes on."""
    text = doc.text
    lo, hi = unit.start, unit.end
    stack, nested = state.stack, state.nested

    def where(at: int) -> str:
        line, col = doc.position(at)
        return f"line {line}, column {col}"

    for m in pattern.finditer(text, lo, hi):
        i, mark = m.start(), m.group()
        before = text[i - 1] if i > lo else ""
        after = text[i + 1] if i + 1 < hi else ""
        apostrophe = mark in conv.apostrophes
        if apostrophe and _is_apostrophe(before, after):
            continue
        can_open = conv.opens.get(mark, ())
        can_close = conv.closes.get(mark, ())
        if not can_open and not can_close:
            # only an apostrophe here (l'Iran), but it may be what ends a ‘quotation'
            if _side(text, i, lo, hi, conv) != OPEN:
                yield from _apostrophe_closing(stack, text, i, hi, mark, where)
            continue
        if before.isdigit() and any(p.symmetric for p in can_close) and _inch_mark(text, i, lo, stack, can_close):
            continue
        side = _side(text, i, lo, hi, conv)
        if side == EITHER:
            if can_open and not can_close:
                side = OPEN
            elif can_close and not can_open:
                side = CLOSE
            else:
                side = CLOSE if any(e.pair in can_close for e in stack) else OPEN

        if side == OPEN:
            if can_open:
                pair = can_open[0]
                entry = _Open(pair, i)
                if (
                    not conv.nest_same
                    and not pair.lenient
                    and not pair.symmetric
                    and any(e.pair == pair for e in stack)
                ):
                    entry.nested = True
                    nested.append(entry)
                stack.append(entry)
                if len(stack) > _MAX_DEPTH:
                    del stack[0]
            elif not apostrophe:  # a closing mark where a quotation opens: »une
                pair = can_close[0]
                yield Problem(
                    "mismatch", i, i + 1,
                    f"'{mark}' opens a quotation: the opening mark is '{pair.open}'",
                    (_with_space(pair, pair.open, after, opening=True),),
                )
                stack.append(_Open(pair, i))
            continue

        # side == CLOSE
        idx = next((j for j in range(len(stack) - 1, -1, -1) if stack[j].pair in can_close), None)
        if idx is not None:
            for inner in stack[idx + 1 :]:
                if not inner.pair.lenient and not inner.nested:
                    yield Problem(
                        "unclosed", inner.at, inner.at + 1,
                        f"'{inner.pair.open}' opens a quotation that is not closed before the one around it "
                        f"ends ({where(i)})",
                        (),
                    )
            del stack[idx:]
            continue
        if apostrophe:
            yield from _apostrophe_closing(stack, text, i, hi, mark, where)
            continue
        while stack and stack[-1].pair.lenient:
            stack.pop()
        if stack:
            top = stack.pop()
            if can_open and not can_close:
                msg = (f"'{mark}' is an opening mark but it closes the quotation opened at {where(top.at)}: "
                       f"use '{top.pair.close}'")
            else:
                msg = (f"the quotation opened with '{top.pair.open}' at {where(top.at)} is closed with "
                       f"'{mark}': use '{top.pair.close}'")
            yield Problem("mismatch", i, i + 1, msg, (_with_space(top.pair, top.pair.close, before, opening=False),))
        elif can_open and not can_close:
            if _visible(text, i + 1, hi, 1) is None:
                # the last mark of its paragraph opens nothing: it closes a quotation begun in an earlier
                # paragraph that this one goes on without reopening ("… all of us. “")
                pair = can_open[0]
                yield Problem(
                    "mismatch", i, i + 1,
                    f"'{mark}' ends the paragraph, where it can open nothing: the closing mark is '{pair.close}'",
                    (_with_space(pair, pair.close, before, opening=False),),
                )
            continue  # an opening mark in a closing place with nothing open: „non“ in French is typography
        elif state.carried is not None:
            pair = can_close[0]
            yield Problem(
                "unopened", i, i + 1,
                f"'{mark}' closes the quotation opened at {where(state.carried)}, which goes on over paragraphs: "
                f"each paragraph of it opens with '{pair.open}'",
                (),
            )
        else:
            pair = can_close[0]
            yield Problem(
                "unopened", i, i + 1,
                f"'{mark}' closes a quotation that was never opened (expected '{pair.open}' before it)",
                (),
            )

    open_left = [e for e in stack if not e.pair.lenient]
    first = open_left[0] if open_left else None
    if first and same_paragraph and nxt is not None and _closed_first(text, nxt, first.pair, conv):
        return  # the quotation goes on to the next line of this paragraph, which closes it
    state.stack, state.nested, state.carried = [], [], None
    origin, runs = state.opened_at, state.paragraphs
    state.opened_at, state.paragraphs = None, 0
    if not open_left:
        return
    if nested:
        for e in nested:
            outer = next((o for o in stack if o.pair == e.pair and o.at < e.at), None) or next(
                (o for o in open_left if o.at < e.at), None
            )
            yield Problem(
                "nested", e.at, e.at + 1,
                f"'{e.pair.open}' opens a new quotation while the one opened at "
                f"{where(outer.at) if outer else 'the start'} is still open: close that one first, "
                f"or use '{e.pair.close}' here if this mark ends it",
                (e.pair.close,),
            )
        return
    if conv.reopen and nxt is not None and _starts_with(text, nxt, first.pair.open):
        # a quotation over several paragraphs: the next one reopens it
        state.opened_at = first.at if origin is None else origin
        state.paragraphs = runs + 1
        return
    if nxt is None and not _ends_complete(text, lo, hi, conv):
        return  # the text stops mid-sentence: the quotation may go on in what was cut
    if nxt is not None and len(open_left) == 1 and _closes_at_its_end(text, nxt, first.pair):
        state.carried = first.at
        return  # it goes on in the next paragraph, not reopened, whose last mark closes it (reported there)
    for e in open_left:
        if e is first and origin is not None:
            yield Problem(
                "unclosed", origin, origin + 1,
                f"'{e.pair.open}' opens a quotation that runs over {runs + 1} paragraphs and is never closed: "
                f"the last one, reopened at {where(e.at)}, ends without '{e.pair.close}'",
                (),
            )
            continue
        yield Problem(
            "unclosed", e.at, e.at + 1,
            f"'{e.pair.open}' opens a quotation that is never closed in this paragraph (expected '{e.pair.close}')",
            (),
        )


def _closes_at_its_end(text: str, span: Span, pair: Pair) -> bool:
    """Is the paragraph's only mark of `pair` its last character, closing what an earlier one opened
    ("… all of us. “" or "… all of us.”")?"""
    body = text[span.start : span.end].rstrip()
    if not body or body[-1] not in (pair.open, pair.close):
        return False
    return pair.open not in body[:-1] and pair.close not in body[:-1]


def _closed_first(text: str, span: Span, pair: Pair, conv: Conventions) -> bool:
    """Does the next line close `pair` before it opens anything with the same mark?"""
    for i in range(span.start, span.end):
        ch = text[i]
        if ch == pair.close and not (ch in conv.apostrophes and _is_apostrophe(text[i - 1], text[i + 1 : i + 2])):
            return ch != pair.open or not text[i - 1].isspace()
        if ch == pair.open:
            return False
    return False


def _apostrophe_closing(stack: list[_Open], text: str, i: int, hi: int, mark: str, where) -> Iterator[Problem]:
    """’ or ' after a word is an apostrophe (the States’ role) unless it ends a quotation opened
    with a single mark that no proper closing mark ends further on: ‘Le joug avec la Grèce'."""
    top = stack[-1] if stack else None
    if not top or not top.pair.lenient or top.pair.close == mark:
        return
    if top.closer_at is None or top.closer_at <= i:  # look ahead once per quotation, not per apostrophe
        top.closer_at = _closes_later(text, i + 1, hi, top.pair.close)
    if top.closer_at < 0:
        stack.pop()
        yield Problem(
            "mismatch", i, i + 1,
            f"the quotation opened with '{top.pair.open}' at {where(top.at)} is closed with '{mark}': "
            f"use '{top.pair.close}'",
            (top.pair.close,),
        )


def _side(text: str, i: int, lo: int, hi: int, conv: Conventions) -> str:
    before = text[i - 1] if i > lo else ""
    after = text[i + 1] if i + 1 < hi else ""
    nx = _visible(text, i + 1, hi, 1)
    pv = _visible(text, i - 1, lo - 1, -1)
    if nx is None or nx in _CLOSE_FOLLOWERS:
        return CLOSE
    if pv is None:
        return OPEN
    free_before = (
        not before
        or before.isspace()
        or before in _OPEN_CONTEXT
        or (before in conv.opens and before not in conv.closes)
        # an elision ends the word before the mark: qu’« une saison », l’« affaire »
        or (before in conv.apostrophes and i - 2 >= lo and text[i - 2].isalpha())
    )
    free_after = not after or after.isspace() or (after in conv.closes and after not in conv.opens)
    if free_before and not free_after:
        return OPEN
    if free_after and not free_before:
        return CLOSE
    return EITHER


def _inch_mark(text: str, i: int, lo: int, stack: list[_Open], can_close: tuple[Pair, ...]) -> bool:
    """5'11", a 12" screen: a mark after a digit measures, unless a quotation it may close is open."""
    return bool(_FEET_INCHES.search(text, max(lo, i - 6), i)) or not any(e.pair in can_close for e in stack)


def _visible(text: str, i: int, stop: int, step: int) -> str | None:
    while i != stop and text[i].isspace():
        i += step
    return None if i == stop else text[i]


def _is_apostrophe(before: str, after: str) -> bool:
    if before.isalnum() and after.isalnum():
        return True  # l’OTAN, don't, 5'11
    if before.isdigit():
        return True  # 6' tall, the 1990’s
    return (not before or before.isspace()) and after.isdigit()  # ’90s


def _closes_later(text: str, start: int, stop: int, close: str) -> int:
    """Where `close` next stands as a closing mark (not an apostrophe), or -1."""
    i = text.find(close, start, stop)
    while i >= 0:
        before = text[i - 1]
        after = text[i + 1] if i + 1 < stop else ""
        if not _is_apostrophe(before, after) and not before.isspace():
            return i
        i = text.find(close, i + 1, stop)
    return -1


def _starts_with(text: str, span: Span, mark: str) -> bool:
    return text[span.start : span.end].lstrip("•*-–— \t").startswith(mark)


def _ends_complete(text: str, lo: int, hi: int, conv: Conventions) -> bool:
    tail = text[lo:hi].rstrip()
    tail = tail.rstrip("".join(conv.closes) + ")]").rstrip()
    return bool(tail) and tail[-1] in _TERMINAL


def _with_space(pair: Pair, mark: str, neighbour: str, *, opening: bool) -> str:
    """The replacement for a wrong mark, with the inner space the language puts there if missing."""
    if not pair.space_inside or not neighbour or neighbour.isspace() or not neighbour.isalnum():
        return mark
    return mark + pair.inner_space if opening else pair.inner_space + mark


def _problems(doc: Document, ctx) -> list[Problem]:
    def compute() -> list[Problem]:
        conv = conventions(ctx.profile)
        return analyse(doc, conv) if conv else []

    return doc.memo(f"quotes.problems:{ctx.profile.lang}", compute)


def _issues(doc: Document, ctx, kind: str) -> Iterator[Issue]:
    for p in _problems(doc, ctx):
        if p.kind == kind:
            yield Issue(p.start, p.end, p.message, p.suggestions, fix=_fix(p))


def _fix(p: Problem) -> Fix | None:
    """A wrong mark whose right one is known is replaced mechanically (`newslint check --fix`); an
    unclosed, unopened or nested quotation needs an editor to say where it ends."""
    if p.kind == "mismatch" and len(p.suggestions) == 1:
        return Fix(p.start, p.end, p.suggestions[0], "safe")
    return None


# -- the rules ------------------------------------------------------------------------------------
@rule(
    "quotes.mismatch",
    cosmetic=True,
    category="quote-mismatch",
    description="A quotation closed with the wrong mark, an opening mark used to close one, or a closing mark "
    "used to open one.",
    examples=[
        flag("fr", "« Nous appelons la Russie au calme et à la diplomatie,<m>«</m> , a déclaré Stoltenberg."),
        flag("fr", "« Ce n’est pas douloureux, c’est destructeur,<m>«</m> Le porte-parole l’a répété."),
        flag("fr", "Il a évoqué un échange «long et dur<m>«</m> avec Moscou."),
        flag("fr", "Le Kremlin a indiqué <m>»</m>espoir » que Paris n’y était pour rien."),
        flag("fr", "« Que s’est-il passé ? <m>“</m>, demande-t-il."),
        flag("en", "“We are ready for any outcome<m>“</m>, he said."),
        flag("en", "He called it <m>”</m>a fabricated crisis” on Friday."),
        flag("en", "She spoke of ‘a new chapter<m>'</m> in the relationship."),
        flag("de", "Er sagte: „Es wird keinen Deal geben<m>„</m>, und ging."),
        flag("de", "Peskow nannte das «verfrüht<m>«</m> und schwieg."),
        flag("de", "Sie sprach von »einer Provokation<m>»</m> und ging."),
        flag("es", "«No tenemos mayor prioridad<m>«</m>, dijo la portavoz."),
        flag("es", "La portavoz habló de <m>»</m>integridad» y de respeto."),
        flag("es", "Psaki habló de la “importancia de la integridad<m>“</m> en la Casa Blanca."),
        flag("en", "“We will not give up.\n\nWe will rebuild our towns, all of them. <m>“</m>\n\nThe minister left."),
        accept("fr", "Il a estimé qu’« une nouvelle saison commence » et que l’« affaire » était close."),
        accept("fr", "« Tout est possible, rien n’est exclu », a déclaré l’un des représentants de l’OTAN."),
        accept("fr", "« Je ne dis pas “oui” à n’importe quoi », a-t-il dit. Le « renard argenté » va-t-il céder ?"),
        accept("fr", "« C’est la fin. Nous repartirons demain. Rien n’est joué », a-t-il ajouté."),
        accept("fr", "Il mesure 5'11\" et parle de l'OTAN avec « prudence »."),
        accept("en", "“Let me be clear about this: we’re not moving. We’re staying in Gdansk,” the mayor said."),
        accept("en", "“He told me ‘don’t worry’ and left,” she said. The allies’ plan is ready."),
        accept("en", "The player is 5'11\" tall, she said \"yes\" and the 'new chapter' began in the ’90s."),
        accept("de", "Er sagte: „Es wird keinen Deal geben“. Sie sprach von »einer Provokation«."),
        accept("de", "«Wir bleiben neutral», sagte die Bundesrätin in Bern. «Das gilt auch für Zug.»"),
        accept("de", "„Er nannte es ‚verfrüht‘ und ging“, sagte Peskow. Geht’s noch?"),
        accept("de", "Sie sagte \"Nein\" und dann “vielleicht” am nächsten Tag."),
        accept("es", "«No tenemos mayor prioridad», dijo. Habló de la “importancia de la integridad”."),
        accept("es", "«Me dijo ‘adelante’ y lo hice», explicó la portavoz. «Eso es democracia»."),
        accept("es", "“Eso no quiere decir nada. Lo reconozco”, dijo Psaki."),
    ],
)
def mismatch(doc: Document, ctx) -> Iterator[Issue]:
    return _issues(doc, ctx, "mismatch")


@rule(
    "quotes.unclosed",
    cosmetic=True,
    category="quote-mismatch",
    description="An opening quotation mark never closed before its paragraph ends (a quotation over several "
    "paragraphs, each reopened with the opening mark, is correct).",
    examples=[
        flag("fr", "Il a ajouté : <m>«</m> Karine est une conseillère de confiance du président.\n\n"
             "La publication note qu’elle conserve son poste."),
        flag("fr", "« Nous avons soutenu la France <m>“</m>contre la Russie », a-t-il dit."),
        flag("en", "Chile – <m>“</m>Nobody has left the ministry. We are all in Santiago.\n\n"
             "The minister gave no details."),
        flag("en", "“We know the hatred will not last,” he said. <m>“</m>We will rebuild everything.\n\n"
             "In the short term, ceasefires were announced."),
        flag("de", "Er sagte: <m>„</m>Es wird keinen Deal geben.\n\nPeskow fügte nichts hinzu."),
        flag("es", "La portavoz dijo: <m>«</m>No pararemos hasta que estés en casa.\n\nEl equipo sigue trabajando."),
        accept("fr", "« Nous avons signé l’accord en mars, puis tout a été remis en cause.\n\n"
               "« Le lendemain, la direction a annoncé de nouvelles suppressions de postes. »"),
        accept("fr", "« Les discussions reprendront lundi à Bruxelles, mais rien n’est acquis pour les agricul"),
        accept("fr", "Selon lui, « l’OTAN n’est pas une menace », et l’Ukraine l’a répété."),
        flag(
            "fr",
            "Le maire a prévenu : <m>«</m> Le pont rouvrira lundi.\n\n« Les camions attendront l’été.\n\n"
            "« Les vélos passeront dès mardi.\n\nLe chantier a coûté douze millions d’euros.",
        ),
        accept("en", "“We will rebuild everything.\n\n“Our cities will be better than before,” he said."),
        accept("en", "“We are not afraid,” he said, “of anyone.”"),
        accept("de", "„Wir haben keine Angst.\n\n„Wir bauen alles wieder auf“, sagte er."),
        accept("de", "»Es ist zu früh«, sagte Peskow, „viel zu früh“."),
        accept("es", "«No pararemos.\n\n«Estaremos aquí hasta el final», dijo."),
        accept("es", "“Quiero agradecerles a todos. Eso es democracia en acción”, dijo."),
        # closed at the end of the next paragraph, which does not reopen it: reported there
        accept("en", "“We will not give up.\n\nWe will rebuild our towns, every one of them.”\n\nThe minister left."),
    ],
)
def unclosed(doc: Document, ctx) -> Iterator[Issue]:
    return _issues(doc, ctx, "unclosed")


@rule(
    "quotes.nested",
    cosmetic=True,
    category="quote-mismatch",
    description="A new quotation opened with the same mark while the previous one is still open, and never "
    "balanced: the previous quotation was not closed, or the mark should have closed it.",
    examples=[
        flag("fr", "« Nous avions dit qu’il n’y aurait pas de tiers entre nous. <m>«</m> Nous ne disons pas oui "
             "à cette politique », a déclaré Erdogan."),
        flag("en", "“I cannot tell you that we know his intentions. He could do it or not <m>“</m>Blinken said."),
        flag("de", "„Es ist zu früh. <m>„</m>Wir warten ab“, sagte Peskow."),
        flag("es", "«Es la primera vez. <m>«</m>Y no será la última», dijo."),
        accept("fr", "« Il a dit « non » à tout », a-t-il raconté."),
        accept("en", "“I said ‘no’ to him,” she recalled. “Then I left.”"),
        accept("de", "„Er sagte ‚nein‘ und ging“, erzählte sie. „Dann kam er zurück.“"),
        accept("es", "«Me dijo “no” y se fue», contó. «Luego volvió»."),
    ],
)
def nested(doc: Document, ctx) -> Iterator[Issue]:
    return _issues(doc, ctx, "nested")


@rule(
    "quotes.unopened",
    cosmetic=True,
    category="quote-mismatch",
    description="A closing quotation mark with no quotation open before it in its paragraph.",
    examples=[
        flag("fr", "Le responsable a parlé d’un échange long et dur <m>»</m>, a-t-il dit."),
        flag("en", "He said the crisis was fabricated<m>”</m>, Burns told CNN."),
        flag("de", "Er nannte das verfrüht<m>“</m>, sagte Peskow."),
        flag("es", "Dijo que no había prioridad mayor<m>»</m>, según la portavoz."),
        flag("en", "“We will not give up.\n\nWe will rebuild our towns, every one of them.<m>”</m>\n\n"
             "The minister left."),
        accept("fr", "« Le chef de la mission a soumis une réponse écrite », a déclaré le ministère."),
        accept("en", "The States’ response was “pragmatic”, the allies’ envoy said."),
        accept("de", "Hans’ Antwort war „pragmatisch“, sagte er."),
        accept("es", "La respuesta fue «pragmática», dijo el enviado."),
    ],
)
def unopened(doc: Document, ctx) -> Iterator[Issue]:
    return _issues(doc, ctx, "unopened")


# Direct speech set off the Russian way (", — сказал он"), carried into a quotation by a translation:
# a comma, a dash between spaces, then the words of an attribution. Spanish sets its incises with a raya
# glued to the verb ("—dijo—"), which this never matches.
_DASH_ATTRIBUTION = re.compile(r",[ \u00a0]+[-–—][ \u00a0]+((?:[^\W\d_]+(?:[-’'][^\W\d_]+)*[ \u00a0]+){0,2}[^\W\d_]+)")
_WORD = re.compile(r"[^\W\d_]+")  # "a-t-il dit": the verb is a word of its own


@rule(
    "quotes.attribution-inside",
    cosmetic=True,
    category="quote-mismatch",
    requires=("gender.speech_verbs",),
    description="""An attribution written inside the quotation it attributes, after a comma and a dash
("„Es hat nicht funktioniert, - sagte Blinken. Sie versuchten …“"): the Russian and Ukrainian way
of setting off direct speech, kept by a translation, so that the quotation runs on across its own
attribution. The quotation should close before it and reopen after it. A verb of speech
(`gender.speech_verbs`) must stand in the three words after the dash.""",
    examples=[
        flag("de", "„Die Gespräche sind gescheitert<m>, - sagte Peskow</m> am Montag. Wir warten ab.“"),
        flag("en", "“The talks have failed<m>, – said Peskov</m> on Monday. We will wait.”"),
        flag("fr", "« Les discussions ont échoué<m>, – a déclaré Peskov</m> lundi. Nous attendrons. »"),
        flag("es", "«Las conversaciones fracasaron<m>, - dijo Peskov</m> el lunes. Esperaremos.»"),
        accept("de", "„Die Gespräche sind gescheitert“, sagte Peskow am Montag. „Wir warten ab.“"),
        accept("en", "“The talks have failed,” Peskov said on Monday. “We will wait – as always.”"),
        accept("fr", "« Les discussions ont échoué, a déclaré Peskov, mais nous attendrons. »"),
        accept("es", "«Las conversaciones fracasaron —dijo Peskov—, pero esperaremos»."),
        flag("it", "«I colloqui sono falliti<m>, - ha detto Peskov</m> lunedì. Aspetteremo.»"),
        accept("it", "«I colloqui sono falliti», ha detto Peskov lunedì. «Aspetteremo.»"),
        accept("en", "The talks have failed, – said Peskov on Monday, outside any quotation."),
        flag("pt", '«As conversações falharam<m>, - disse Peskov</m> na segunda-feira. Vamos esperar.»'),
        accept("pt", '«As conversações falharam», disse Peskov na segunda-feira. «Vamos esperar.»'),
    ],
)
def attribution_inside(doc: Document, ctx) -> Iterator[Issue]:
    verbs = ctx.profile.words("gender.speech_verbs")
    for span in quotes(doc, ctx.profile).spans:
        for m in _DASH_ATTRIBUTION.finditer(doc.text, span.start, span.end):
            words = list(_WORD.finditer(doc.text, m.start(1), m.end()))
            verb = next((i for i, w in enumerate(words) if w.group().casefold() in verbs), None)
            if verb is None:
                continue
            # the attribution ends with its verb, or with the speaker's name after it ("sagte Peskow")
            last = words[verb + 1] if verb + 1 < len(words) and words[verb + 1].group()[:1].isupper() else words[verb]
            yield Issue(
                m.start(),
                last.end(),
                f"The attribution {doc.text[m.start(1) : last.end()]!r} stands inside the quotation it attributes: "
                "close the quotation before it and reopen it after",
            )


RULES = [mismatch, unclosed, nested, unopened, attribution_inside]
