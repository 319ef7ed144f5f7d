"""Sentences that start in lowercase: "… de Bidn. porte-parole du Kremlin Dmitri Peskov …".

`doc.sentences` cuts at terminal punctuation whatever the case of the next letter, so a sentence
that starts in lowercase is either a machine-translation break (a spurious full stop, an
attribution left after the quotation's full stop) or one of the language's legitimate cases,
which all come from the profile (`rules/data/<lang>/sentence_start.toml`, table `sentence_start`):

- an abbreviation before the full stop (`sentence_start.abbreviations`, `sentences.never_final`,
  `sentences.maybe_final`, a single letter), an ordinal where the language writes one with a dot
  (`sentence_start.ordinal_dot`: "die 2. und 3. Runde"), an ellipsis;
- a quotation or an exclamation ending in ! or ? and going on in lowercase ("« Assez ! » s'est
  exclamé le ministre", "Vraiment ? demande-t-elle"), or a quotation ending in a full stop followed
  by an incise (`sentence_start.incise`: "« Nous partons. » a-t-il dit", '"We leave." she said');
- a name written in lowercase (`sentence_start.lowercase_names`, or the shape lowercase-then-capital:
  iPhone, eBay), a web address, an item of a list, a sentence inside parentheses.

A line that starts in lowercase under a short line without final punctuation (a heading) is a
sentence start too, when the article's lines are its paragraphs (most of its long lines end with
punctuation), not hard-wrapped prose.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lint.document import Document
from lint.language import LanguageProfile, alternation, expand_lists
from lint.rule import Issue, accept, flag, rule
from lint.script import SENTENCE_END_CLOSERS, SENTENCE_END_QUOTES, SPACES
from lint.text import LETTER_WORD, LETTERS

_CLOSERS = SENTENCE_END_CLOSERS
_QUOTES = SENTENCE_END_QUOTES
_SPACES = SPACES
_TAIL = re.compile(r"([.!?…]+)([" + re.escape(_SPACES + _CLOSERS) + r"]*)$")
_FIRST_WORD = LETTER_WORD
_CAMEL = re.compile(r"^[a-z]{1,4}[A-Z]")
_WEBLIKE = re.compile(r"^\S*(?:://|www\.|@|\.[a-z]{2,}\b)")
_LIST_MARKER = re.compile(r"(?:^|\n)[ \t]*\(?(?:\d{1,3}|[a-zA-Z]|[ivxlcIVXLC]{1,5})[.)][ \t]*$")
_WORD = LETTERS
_HEADING_MAX_WORDS = 15
_TAIL_CHARS = 48


@dataclass(frozen=True)
class _Conventions:
    abbreviations: re.Pattern[str] | None
    incise: tuple[re.Pattern[str], ...]
    ordinal_dot: bool
    lowercase_names: tuple[str, ...]
    list_markers: tuple[str, ...]


def _conventions(profile: LanguageProfile) -> _Conventions:
    return profile.derive(__name__, _compile)


def _compile(profile: LanguageProfile) -> _Conventions:
    table = profile.table("sentence_start")
    abbrs = {*table.get("abbreviations", []), *profile.get("sentences.never_final", [])}
    abbrs |= set(profile.get("sentences.maybe_final", []))
    abbr_re = re.compile(r"(?:^|(?<=[\s(«“\"'’]))(?:" + alternation(abbrs) + r")$") if abbrs else None
    return _Conventions(
        abbreviations=abbr_re,
        incise=tuple(re.compile(expand_lists(p, table), re.I) for p in table.get("incise", [])),
        ordinal_dot=bool(table.get("ordinal_dot", False)),
        lowercase_names=tuple(table.get("lowercase_names", [])),
        list_markers=tuple(table.get("list_markers", [])),
    )


def lines_are_paragraphs(doc: Document) -> bool:
    """Are the article's lines its paragraphs (not hard-wrapped prose)? Shared through `doc.memo`."""

    def compute() -> bool:
        long_lines = ended = 0
        for line in doc.lines:
            chunk = doc.text[line.start : line.end]
            if len(_WORD.findall(chunk)) < 6:
                continue
            long_lines += 1
            if chunk.rstrip(_SPACES + _CLOSERS)[-1:] in ".!?…:;":
                ended += 1
        return long_lines > 0 and ended >= 0.5 * long_lines

    return doc.memo("sentences.lines_are_paragraphs", compute)


def _is_name(text: str, start: int, word: str, conv: _Conventions) -> bool:
    if _CAMEL.match(word) or _WEBLIKE.match(text[start : start + 80]):
        return True
    return any(text.startswith(name, start) for name in conv.lowercase_names)


def _incise(text: str, start: int, conv: _Conventions) -> bool:
    head = text[start : start + 80]
    return any(p.match(head) for p in conv.incise)


def _after_punctuation(tail: str, text: str, start: int, conv: _Conventions, line_prefix: str) -> bool | None:
    """Judge a lowercase start after `tail`: True to report, False to accept, None if no final mark."""
    m = _TAIL.search(tail)
    if not m:
        return None
    mark, closers = m.group(1), m.group(2)
    quoted = any(c in _QUOTES for c in closers)
    if "…" in mark or mark.endswith(".."):
        return False
    if mark.endswith("."):
        before = tail[: m.start(1) + len(mark)]
        if conv.abbreviations is not None and conv.abbreviations.search(before):
            return False
        words = re.findall(r"[^\s(«“\"'’]+$", before[:-1])
        word = words[0] if words else ""
        if len(word) == 1 and word.isalpha():
            return False  # an initial or a one-letter abbreviation: "d. h.", "J. r. r."
        if word.isdigit() and conv.ordinal_dot:
            return False
        if _LIST_MARKER.search(line_prefix):
            return False  # "1. eggs", "a) flour" at the start of a line
    if "!" in mark or "?" in mark:
        return not (quoted or _incise(text, start, conv))
    return not (quoted and _incise(text, start, conv))


def _label_line(text: str, start: int) -> bool:
    """Does a short line without final punctuation start here (a label, a tag, not a sentence)?"""
    if start > 0 and text[start - 1] not in "\n" + _SPACES:
        return False
    line_start = text.rfind("\n", 0, start) + 1
    if text[line_start:start].strip(_SPACES):
        return False
    end = text.find("\n", start, start + 200)
    if end < 0:
        end = min(len(text), start + 200)
    line = text[start:end].rstrip()
    return bool(line) and line[-1] not in '.!?…:;»”"' and len(_WORD.findall(line)) <= 6


def _heading_above(block: str) -> bool:
    """Is this line or paragraph a heading or caption (short, ending without punctuation)?"""
    stripped = block.rstrip()
    return bool(stripped) and stripped[-1].isalnum() and len(_WORD.findall(stripped)) <= _HEADING_MAX_WORDS


def _paren_depths(doc: Document, starts: list[int]) -> list[int]:
    """Open-parenthesis depth at each offset of `starts` (sorted), counted within its line; linear."""
    depths, depth, pos = [], 0, 0
    for start in starts:
        for m in re.finditer(r"[()\n]", doc.text[pos:start]):
            c = m.group()
            depth = 0 if c == "\n" else max(0, depth + (1 if c == "(" else -1))
        depths.append(depth)
        pos = start
    return depths


@rule(
    "sentences.lowercase-start",
    category="lowercase-sentence-start",
    requires=("sentence_start.abbreviations",),
    description="""A sentence starts in lowercase after a full stop, a closing quote or a heading.

Machine translation leaves full stops where the source had none ("de Bidn. porte-parole du
Kremlin") and attributions after the quotation's full stop ("… fera. » le président a déclaré").
Abbreviations, ellipses, lowercase brand names, list items, parenthesised sentences and the
language's incises after a quotation or an exclamation ("« Assez ! » s'est exclamé le ministre")
are accepted.""",
    examples=[
        flag(
            "fr",
            "Elle a réagi aux propos de Meloni. <m>secrétaire</m> général de l’OTAN Mark Rutte a pris la parole.",
        ),
        flag(
            "fr",
            "« Nous resterons vigilants », a-t-il prévenu. <m>a-t-elle</m> poursuivi, sans donner de calendrier.",
        ),
        flag("fr", "« Je ne pense pas qu’il le fera. » <m>le</m> président américain a déclaré cela mardi."),
        accept("fr", "« Assez ! » s’est exclamé le ministre devant les députés."),
        accept("fr", "« Nous partirons demain. » a-t-il dit, avant de quitter la salle."),
        accept("fr", "Il a acheté un iPhone. iPhone et iPad restent ses produits préférés, etc. et d’autres."),
        accept("fr", "Les pays (voir la carte p. 5 du rapport) sont nombreux. Vraiment ? demande-t-elle."),
        accept("fr", "Il hésite... puis accepte. Le M. Dupont cité plus haut n’a rien dit."),
        flag("en", "The talks ended on Monday. <m>officials</m> said they would resume."),
        flag("en", "Two days before the summit opens in Vilnius\n<m>she</m> writes about the new defence plan:"),
        accept("en", '"We are leaving." she said, and walked out.'),
        accept("en", '"Enough!" shouted the minister. eBay shares fell 3 p.m. on Monday.'),
        accept("en", "The company, e.g. Apple, sells the iPhone 15 in the U.S. and abroad."),
        accept("en", "He listed them:\n1. eggs\n2. flour"),
        flag("de", "Die Gespräche endeten am Montag. <m>der</m> Sprecher sagte nichts dazu."),
        flag("de", "Das Treffen war kurz. <m>es</m> gab keine Einigung."),
        accept("de", "Die 2. und die 3. Runde fanden z. B. in Wien statt, d. h. im Herbst."),
        accept("de", "„Genug!“ rief der Minister. „Wir gehen.“ sagte er danach."),
        accept("de", "Er kaufte ein iPhone. eBay meldete dagegen Verluste."),
        flag("es", "La reunión terminó el lunes. <m>el</m> portavoz no dio detalles."),
        flag("es", "Los EE. UU. anunciaron sanciones. <m>según</m> la agencia, serán duras."),
        accept("es", "Los EE. UU. y la UE anunciaron sanciones, etc. y otras medidas."),
        accept("es", "«¡Basta!» gritó el ministro. «Nos vamos.» dijo después."),
        accept("es", "¿Vendrás mañana? —preguntó ella. iPhone vendió más que nunca."),
        flag("it", 'La riunione è finita lunedì. <m>il</m> portavoce non ha dato dettagli.'),
        flag("it", "Gli Stati Uniti hanno annunciato sanzioni. <m>secondo</m> l'agenzia, saranno dure."),
        accept("it", 'Il Sig. Rossi e il Dott. Bianchi hanno parlato di sanzioni, ecc. e altre misure.'),
        accept("it", '«Basta!» ha gridato il ministro. «Partiamo.» disse poi.'),
        accept("it", 'Verrai domani? chiese lei. iPhone ha venduto più che mai.'),
        flag("pt", 'A reunião terminou na segunda-feira. <m>o</m> porta-voz não deu pormenores.'),
        flag("pt", 'Os Estados Unidos anunciaram sanções. <m>segundo</m> a agência, serão duras.'),
        accept("pt", 'O Sr. Silva e o Dr. Costa falaram de sanções, etc. e outras medidas.'),
        accept("pt", '«Basta!» gritou o ministro. «Vamos embora.» disse depois.'),
        accept("pt", 'Vens amanhã? perguntou ela. iPhone vendeu mais do que nunca.'),
    ],
)
def lowercase_start(doc: Document, ctx) -> list[Issue]:
    conv = _conventions(ctx.profile)
    text = doc.text
    issues: list[Issue] = []
    sentences = doc.sentences
    depths = _paren_depths(doc, [s.start for s in sentences])
    paragraphs = doc.paragraphs
    para_index = 0
    for i, s in enumerate(sentences):
        while para_index + 1 < len(paragraphs) and paragraphs[para_index].end <= s.start:
            para_index += 1
        para = paragraphs[para_index]
        start = s.start
        while start < s.end and text[start] in "¿¡":
            start += 1
        word_m = _FIRST_WORD.match(text, start)
        if not word_m or not text[start].islower() or depths[i]:
            continue
        word = word_m.group()
        if _is_name(text, start, word, conv) or _label_line(text, start):
            continue
        if s.start > para.start:
            window = max(para.start, s.start - _TAIL_CHARS)
            tail = text[window : s.start].rstrip()
            prefix = ("\n" if window == para.start else "") + text[max(window, s.start - 12) : s.start]
            verdict = _after_punctuation(tail, text, start, conv, prefix)
        elif para_index > 0:
            before = paragraphs[para_index - 1]
            block = text[before.start : before.end]
            verdict = _after_punctuation(block[-_TAIL_CHARS:], text, start, conv, "")
            if verdict is None:
                verdict = _heading_above(block)
        else:
            verdict = False
        if verdict:
            issues.append(_issue(word_m))
    issues.extend(_line_starts(doc, conv))
    return issues


def _line_starts(doc: Document, conv: _Conventions) -> list[Issue]:
    """Lines in lowercase under a heading line, inside one paragraph (one paragraph a line)."""
    text = doc.text
    out: list[Issue] = []
    lines = doc.lines
    for prev, line in zip(lines, lines[1:]):
        if not text[line.start].islower() or text[prev.end - 1] in ".!?…":
            continue
        if text[prev.end : line.start].strip(_SPACES) != "\n":
            continue  # a new paragraph: judged with the sentences
        word_m = _FIRST_WORD.match(text, line.start)
        if not word_m or _is_name(text, line.start, word_m.group(), conv) or _label_line(text, line.start):
            continue
        if _heading_above(text[prev.start : prev.end]) and lines_are_paragraphs(doc):
            out.append(_issue(word_m))
    return out


def _issue(word_m: re.Match[str]) -> Issue:
    word = word_m.group()
    fixed = word[0].upper() + word[1:]
    return Issue(
        word_m.start(),
        word_m.end(),
        f"This sentence starts in lowercase ('{word}'): a stray full stop before it, or a capital missing",
        suggestions=(fixed,),
    )


RULES = [lowercase_start]
