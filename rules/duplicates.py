"""Paragraphs and captions repeated exactly or nearly.

Scraped and machine-translated articles often repeat a photo caption (once as alt text, once as the
caption, on consecutive lines) or a headline as their first paragraph. Both `doc.paragraphs` and
`doc.lines` are compared, after normalising what does not matter: white space (double spaces,
no-break spaces), apostrophe and quotation-mark styles, case, and punctuation at the end.

Exact repeats are found with a dictionary. Near repeats (rapidfuzz `ratio` of at least 90 on the
normalised text) are only looked for among candidates that share a cheap key: their first three
words, their last three words, or one of a few min-hashes of their 3-word shingles, and that have a
compatible length. A bucket keeps only its most recent entries, so the work stays near-linear in
the number of paragraphs even when many of them share a key.
"""

from __future__ import annotations

import bisect
import re
import zlib
from collections import defaultdict, deque
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property

from rapidfuzz import fuzz

from lint.document import Document, Span
from lint.rule import Fix, Issue, accept, flag, rule
from lint.text import WORD_CHARS, fold_passage

THRESHOLD = 90.0  # rapidfuzz ratio on normalised text
MIN_CHARS = 25  # shorter lines (headings, "Photo : EPA", bullets) are only compared with the next line
MIN_WORDS = 4
MIN_SHORT_LETTERS = 12  # a short line doubled on the next line counts if it has this many letters:
# a name ("Antoine Blinken") does; a label or credit ("Photo : EPA", "Lire aussi") does not
BUCKET_CAP = 24  # candidates kept per key
MINHASHES = 4  # the smallest shingle hashes kept as keys (a bottom-k sketch)
# ratio = 2·matches / (len a + len b) >= t needs shorter/longer >= t / (2 - t)
_LENGTH_RATIO = (THRESHOLD / 100) / (2 - THRESHOLD / 100) - 0.01

_similarity = fuzz.ratio  # module-level so tests can count comparisons

_WORD = WORD_CHARS
# What may stand between a line and its repeat for the repeat to be deleted with it: white space,
# bare tags (<p>, </li>, <br>: none with attributes, that may hold content) and list or quote markers.
_SEPARATOR = re.compile(r"(?:\s|</?[A-Za-z][A-Za-z0-9]*\s*/?>|[-*+>]|\d{1,3}[.)])+")


@dataclass(frozen=True)
class Unit:
    span: Span
    norm: str
    words: int

    @cached_property
    def tokens(self) -> list[str]:
        """The words of `norm` (`_WORD`), read by both finders."""
        return _WORD.findall(self.norm)


def _units(doc: Document) -> list[Unit]:
    # Both finders read them: folded once per document.
    return doc.memo("duplicates.units", lambda: _fold_units(doc))


def _fold_units(doc: Document) -> list[Unit]:
    # A one-line paragraph is also a line: keep one unit per (start, end).
    spans = {(s.start, s.end): s for s in (*doc.paragraphs, *doc.lines)}
    units = []
    for start, end in sorted(spans, key=lambda k: (k[0], -k[1])):
        norm = fold_passage(doc.text[start:end])
        if norm:
            units.append(Unit(spans[start, end], norm, len(norm.split())))
    return units


def _keys(unit: Unit) -> set[tuple]:
    words = unit.tokens
    keys: set[tuple] = {("first", *words[:3]), ("last", *words[-3:])}
    trigrams = map(" ".join, zip(words, words[1:], words[2:])) if len(words) >= 3 else [" ".join(words)]
    # A bottom-k sketch: the k smallest shingle hashes. Two near-identical texts share most of their
    # shingles, so most of their smallest hashes too; one pass in C, where k salted minimums cost k
    # passes in Python (and a sort of a paragraph's few hundred hashes, in C, is quicker than a heap).
    shingles = sorted(set(map(zlib.crc32, map(str.encode, trigrams))))
    keys.update(("min", h) for h in shingles[:MINHASHES])
    return keys


def _letters(text: str) -> int:
    return sum(ch.isalpha() for ch in text)


def _overlap(a: Span, b: Span) -> bool:
    return a.start < b.end and b.start < a.end


def find_repeats(doc: Document) -> list[tuple[Unit, Unit, float]]:
    """(repeat, first occurrence, similarity) for every repeated line or paragraph, once each."""
    units = _units(doc)
    found: list[tuple[Unit, Unit, float]] = []
    exact: dict[str, Unit] = {}
    buckets: dict[tuple, deque[int]] = defaultdict(lambda: deque(maxlen=BUCKET_CAP))
    long_units: list[Unit] = []
    for u in units:
        if len(u.norm) < MIN_CHARS or u.words < MIN_WORDS:
            continue
        first = exact.get(u.norm)
        if first is not None and not _overlap(first.span, u.span):
            found.append((u, first, 100.0))
            continue
        exact.setdefault(u.norm, u)
        keys = _keys(u)
        candidates = {i for key in keys for i in buckets.get(key, ())}
        best: tuple[float, Unit] | None = None
        for i in sorted(candidates):
            c = long_units[i]
            if _overlap(c.span, u.span):
                continue
            short, long_ = sorted((len(c.norm), len(u.norm)))
            if short < _LENGTH_RATIO * long_:
                continue
            score = _similarity(c.norm, u.norm, score_cutoff=THRESHOLD)
            if score >= THRESHOLD and (best is None or score > best[0]):
                best = (score, c)
        if best is not None:
            found.append((u, best[1], best[0]))
        long_units.append(u)
        for key in keys:
            buckets[key].append(len(long_units) - 1)
    # short lines: only a line repeated on the very next line (a caption doubled by the page)
    line_spans = set(doc.lines)
    lines = [u for u in units if u.span in line_spans]
    for prev, cur in zip(lines, lines[1:]):
        short = len(cur.norm) < MIN_CHARS or cur.words < MIN_WORDS
        # a credit printed twice in two cases ("Photo: Reuters" over "PHOTO: REUTERS") is two elements of
        # the page rendering one caption, however short
        recased = doc.slice(cur.span) != doc.slice(prev.span)
        if short and cur.norm == prev.norm and cur.words >= 2 and (_letters(cur.norm) >= MIN_SHORT_LETTERS or recased):
            found.append((cur, prev, 100.0))
    # one report per repetition: a repeated paragraph of several lines, not its lines again
    # (paragraphs do not overlap each other, nor lines each other: a bisection finds the container)
    paras = sorted((f for f in found if f[0].span not in line_spans), key=lambda f: f[0].span.start)
    starts = [f[0].span.start for f in paras]
    kept = list(paras)
    for f in found:
        if f[0].span in line_spans:
            j = bisect.bisect_right(starts, f[0].span.start) - 1
            if j < 0 or paras[j][0].span.end < f[0].span.end:
                kept.append(f)
    kept.sort(key=lambda f: f[0].span.start)
    return kept


_PREFIX_WORDS = 4  # lines are indexed by their first words to find the lines that begin with another


def find_prefix_repeats(doc: Document) -> list[tuple[Span, Unit]]:
    """(repeated part, earlier line) for each line that begins with the whole of an earlier line and
    goes on: a headline glued before the first sentence, a caption repeated with its credit after it
    ("… le 29 avril à Valence. JOSE JORDAN / AFP")."""
    line_spans = set(doc.lines)
    # a bucket keeps its most recent lines only, as find_repeats does: near-linear on any text
    by_start: dict[tuple[str, ...], deque[Unit]] = defaultdict(lambda: deque(maxlen=BUCKET_CAP))
    found = []
    for u in (u for u in _units(doc) if u.span in line_spans):
        words = u.tokens
        key = tuple(words[:_PREFIX_WORDS])
        for earlier in by_start.get(key, ()):
            cut = len(earlier.norm)
            if len(u.norm) > cut + 1 and u.norm.startswith(earlier.norm) and not u.norm[cut].isalnum():
                found.append((_prefix_span(doc, u.span, earlier), earlier))
                break
        if len(u.norm) >= MIN_CHARS and u.words >= MIN_WORDS and len(words) >= _PREFIX_WORDS:
            by_start[key].append(u)
    return found


def _prefix_span(doc: Document, line: Span, earlier: Unit) -> Span:
    """The part of `line` that repeats `earlier`: as many words, and its final mark if it is there too."""
    n = len(_WORD.findall(earlier.norm))
    ends = [m.end() for m in _WORD.finditer(doc.text, line.start, line.end)]
    end = ends[n - 1] if len(ends) >= n else line.end
    last = doc.text[earlier.span.start : earlier.span.end].rstrip()[-1:]
    if last and not last.isalnum() and doc.text[end : end + 1] == last:
        end += 1
    return Span(line.start, end)


@rule(
    "duplicates.paragraph",
    category="duplicate-paragraph",
    description="A paragraph, line or caption that repeats an earlier one exactly or nearly (white space, "
    "apostrophes, quotation marks and case aside).",
    examples=[
        flag("fr", "Olaf Scholz accueilli à Varsovie par Andrzej Duda.  Photo : AFP\n"
             "<m>Olaf Scholz accueilli à Varsovie par Andrzej Duda. Photo : AFP</m>"),
        flag("fr", "Kaja Kallas dénonce des « provocations inacceptables » de Moscou en mer Baltique\n\n"
             "<m>Kaja Kallas dénonce des «provocations inacceptables» de Moscou en mer Baltique.</m>"),
        flag("fr", "Tensions Israël-Iran\nAntoine Blinken\n<m>Antoine Blinken</m>\nPhoto : Presse associée"),
        flag("en", "Macron says he will travel to Beijing in April\n\nThe Elysee confirmed the plan to Reuters.\n\n"
             "<m>Macron says he will travel to Beijing in April</m>"),
        flag("en", "Russia occupied the Crimean peninsula in 2014 and annexed it after a referendum the West "
             "called illegal. Photo: EPA\n<m>Russia occupied the Crimean peninsula in 2014 and annexed it "
             "after a referendum the west called illegal.  PHOTO: EPA</m>"),
        flag("de", "Annalena Baerbock hält eine Waffenruhe vor dem Winter für wenig wahrscheinlich\n"
             "<m>Annalena Baerbock hält eine Waffenruhe vor dem Winter für wenig wahrscheinlich.</m>"),
        flag("es", "Nadia Calviño deja el Gobierno para presidir el Banco Europeo de Inversiones\n\n"
             "<m>Nadia Calviño deja el Gobierno para presidir el Banco Europeo de Inversiones.</m>"),
        flag("en", "The Polish foreign minister spoke twice with his Lithuanian counterpart via telephone on Sunday."
             "\n\nNo details were given.\n\n<m>The Polish foreign minister spoke twice with his Lithuanian "
             "counterpart by telephone on Sunday.</m>"),
        accept("fr", "Photo : EPA\n\nLe président a parlé.\n\nPhoto : EPA"),
        flag("en", "The mayor opened the bridge.\nPhoto: Reuters\n<m>PHOTO: REUTERS</m>\nThe crowd cheered."),
        flag("fr", "Le maire inaugure le pont levant\n\n<m>Le maire inaugure le pont levant</m> Le maire de Sète a "
             "coupé le ruban lundi devant les habitants."),
        flag("fr", "Le maire de Sète coupe le ruban du pont, le 3 mai à Sète.\n<m>Le maire de Sète coupe le ruban du "
             "pont, le 3 mai à Sète.</m> JEAN DUPONT / AFP"),
        accept("en", "Name\tRole\nMinister\tForeign affairs\nMinister\tDefence"),
        accept("de", "Hauptstadt: Berlin\nEinwohner: 3,7 Millionen\nHauptstadt: Paris\nEinwohner: 2,1 Millionen"),
        accept("fr", "Le Kremlin a confirmé la réception de la réponse.\n\n"
               "Le Kremlin a confirmé la réception des deux réponses écrites de Washington et de l’OTAN."),
        accept("fr", "Sébastien Lecornu revient sur LCI\n\nSébastien Lecornu revient sur son appel avec Moscou."),
        accept("en", "Scholz said he would visit Warsaw on Friday.\n\n"
               "Scholz said he would not visit Warsaw until the coalition talks in Berlin were over."),
        accept("en", "• Yes\n• Yes\n\nA few hours before the invasion begins."),
        accept("de", "Maria Sacharowa erinnerte an den Außenminister.\n\n"
               "Maria Sacharowa erinnerte an die Äußerungen des Bundeskanzlers vom Montag."),
        accept("es", "Hogar / Mundo / Cumbre de ministros de Exteriores de la OTAN en Vilna\n"
               "Mundo\nCumbre de ministros de Exteriores de la OTAN en Vilna"),
    ],
)
def paragraph(doc: Document, ctx) -> Iterator[Issue]:
    reported: list[Span] = []
    for rep, first, score in find_repeats(doc):
        line, _ = doc.position(first.span.start)
        how = "repeats" if score >= 100 else f"nearly repeats ({score:.0f}% alike)"
        kind = "line" if "\n" not in doc.slice(rep.span) else "paragraph"
        yield Issue(
            rep.span.start,
            rep.span.end,
            f"This {kind} {how} line {line}",
            (),
            {"first_line": line, "similarity": round(score, 1)},
            fix=_fix(doc, rep, first, score),
        )
        reported.append(rep.span)
    for part, first in find_prefix_repeats(doc):
        if any(_overlap(part, r) for r in reported):
            continue
        line, _ = doc.position(first.span.start)
        yield Issue(
            part.start,
            part.end,
            f"This line begins with the whole of line {line}, repeated before the rest",
            (),
            {"first_line": line, "similarity": 100.0},
        )


def _fix(doc: Document, rep: Unit, first: Unit, score: float) -> Fix | None:
    """An exact repeat right after its first occurrence (a doubled caption) is deleted with what
    separates them (white space, or markup around it: `<p>A</p><p>A</p>` keeps `<p>A</p>`).
    A near repeat, or one further away, needs an editor: which one to keep is a choice."""
    if score < 100 or not _SEPARATOR.fullmatch(doc.source, first.span.end, rep.span.start):
        return None
    return Fix(first.span.end, rep.span.end, "", "safe")


RULES = [paragraph]
