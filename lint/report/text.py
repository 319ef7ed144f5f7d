"""The text report, for people at a terminal: each finding with its line and the span underlined.

corpus/a.txt:3:10: warning quotes.unclosed This « is never closed
    Il a dit « bonjour.
             ^
  suggestion: « bonjour »
1 finding (0 errors, 1 warning, 0 infos) in 1 document
"""

from __future__ import annotations

import unicodedata
from typing import TextIO

from ..article import Notice
from ..rule import SEVERITIES, Finding
from . import Run
from ._common import plural, severity_counts

WINDOW = 100  # code points of a long line shown around the span
TAB = 8  # tab stops, for the excerpt and its underline alike
INDENT = "    "
ELLIPSIS = "…"

_RESET = "\x1b[0m"
_BOLD = "\x1b[1m"
_COLORS = {"error": "\x1b[31m", "warning": "\x1b[33m", "info": "\x1b[34m"}


def render(run: Run, out: TextIO) -> None:
    paint = _Paint(run.color)
    for result in run.results:
        for f in result.findings:
            out.write(_finding(f, result.line(f.line), paint))
        for n in result.notices:
            out.write(_notice(n, paint))
    for n in run.notices:
        out.write(_notice(n, paint))
    out.write(summary(run) + "\n")


def summary(run: Run) -> str:
    findings = run.findings
    documents = plural(len(run.results), "document")
    if not findings:
        return f"No findings in {documents}"
    counts = severity_counts(findings)
    by_level = ", ".join(plural(counts[s], s) for s in SEVERITIES)
    return f"{plural(len(findings), 'finding')} ({by_level}) in {documents}"


class _Paint:
    """ANSI colours, or nothing: the same calls whether or not the output is a terminal."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled

    def level(self, level: str, text: str) -> str:
        return self._wrap(_COLORS.get(level, ""), text)

    def bold(self, text: str) -> str:
        return self._wrap(_BOLD, text)

    def _wrap(self, code: str, text: str) -> str:
        return f"{code}{text}{_RESET}" if self.enabled and code and text else text


def _finding(f: Finding, line: str | None, paint: _Paint) -> str:
    """The finding, with `line` (the source line it starts on, if there is one) excerpted and underlined."""
    where = paint.bold(f"{_clean(f.source)}:{f.line}:{f.column}:")
    lines = [f"{where} {paint.level(f.severity, f.severity)} {f.rule} {_clean(f.message)}"]
    if line is not None:
        excerpt, underline = excerpt_and_underline(line, f)
        lines.append(INDENT + excerpt)
        lines.append(INDENT + paint.level(f.severity, underline))
    lines.extend(f"  suggestion: {_clean(s)}" for s in f.suggestions)
    return "\n".join(lines) + "\n"


def _notice(n: Notice, paint: _Paint) -> str:
    return f"{paint.bold(_clean(n.source) + ':')} {paint.level(n.level, n.level)}: {_clean(n.message)}\n"


def excerpt_and_underline(line: str, f: Finding) -> tuple[str, str]:
    """The line as shown (windowed, tabs expanded) and the `^~~~` line under the finding's span.

    A span that runs past this line is underlined to the line's end.
    """
    start = min(max(f.column - 1, 0), len(line))
    end = f.end_column - 1 if f.end_line == f.line else len(line)
    end = min(max(end, start), len(line))
    lo, hi = _window(len(line), start, end)
    head = ELLIPSIS if lo > 0 else ""
    tail = ELLIPSIS if hi < len(line) else ""
    cells = _cells(line[lo:hi])
    before = sum(w for _, w in cells[: start - lo])
    span = sum(w for _, w in cells[start - lo : end - lo])
    excerpt = head + "".join(s for s, _ in cells) + tail
    underline = " " * (len(head) + before) + "^" + "~" * max(span - 1, 0)
    return excerpt.rstrip(), underline


def _window(length: int, start: int, end: int) -> tuple[int, int]:
    """The [lo, hi) slice of a line of `length` code points to show, centred on the span."""
    if length <= WINDOW:
        return 0, length
    margin = max((WINDOW - (end - start)) // 2, 0)
    lo = max(start - margin, 0)
    hi = min(lo + WINDOW, length)
    return max(min(lo, hi - WINDOW), 0), hi


def _cells(text: str) -> list[tuple[str, int]]:
    """Each code point as (what to print, its width on a terminal).

    Counting widths rather than code points keeps the caret under the span after a tab, a
    combining accent or a wide CJK character; control characters from scraped text are shown
    as '�' so that they cannot move the cursor or recolour the terminal.
    """
    cells, column = [], 0
    for ch in text:
        if ch == "\t":
            shown = " " * (TAB - column % TAB)
            width = len(shown)
        elif _unsafe(ch):
            shown, width = "�", 1
        else:
            shown, width = ch, _width(ch)
        cells.append((shown, width))
        column += width
    return cells


def _width(ch: str) -> int:
    if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


# Bidirectional embeddings, overrides and isolates reorder what follows them on the line (the
# "Trojan Source" trick), and the line and paragraph separators break it where a terminal shows no break.
_REORDERING = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u2028\u2029")


def _unsafe(ch: str) -> bool:
    """A character from the article that must not reach a terminal as it is: C0 and C1 controls (ESC
    starts colour and cursor sequences; U+009B is a one-character CSI) and the reordering ones."""
    return ch in _REORDERING or unicodedata.category(ch) == "Cc"


def _clean(text: str) -> str:
    # Messages and suggestions quote the article: keep each on its line and keep its control
    # characters away from the terminal.
    return "".join(" " if ch in "\t\r\n" else "�" if _unsafe(ch) else ch for ch in text)
