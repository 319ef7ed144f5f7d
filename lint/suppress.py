"""Inline suppression comments, as editors expect them from code linters.

Markdown and HTML:  <!-- newslint-disable quotes.mismatch -->  ...  <!-- newslint-enable quotes.mismatch -->
                    (no rule named: every rule)
Plain text:         a line containing `newslint: ignore RULE[, RULE]` (or no rule: every rule)
"""

from __future__ import annotations

import fnmatch
import re
from dataclasses import dataclass

from .document import Mask

_COMMENT = re.compile(r"<!--\s*newslint-(disable|enable)\b([^>]*?)-->", re.I)
_LINE = re.compile(r"newslint:\s*ignore\b([ \t\w.*,-]*)", re.I)


@dataclass(frozen=True)
class Suppression:
    start: int
    end: int
    patterns: tuple[str, ...]  # empty: every rule

    def covers(self, rule_id: str, offset: int) -> bool:
        if not self.start <= offset < self.end:
            return False
        return not self.patterns or any(
            fnmatch.fnmatchcase(rule_id, p) or fnmatch.fnmatchcase(rule_id.split(".")[0], p) for p in self.patterns
        )


def _patterns(raw: str) -> tuple[str, ...]:
    return tuple(p for p in re.split(r"[\s,]+", raw.strip()) if p)


def find(text: str, fmt: str) -> tuple[list[Suppression], list[Mask]]:
    """The suppressed regions of a text, and the directive text to hide from the rules."""
    if fmt in ("markdown", "html"):
        return _block_comments(text), []
    return _line_comments(text)


def _block_comments(text: str) -> list[Suppression]:
    out: list[Suppression] = []
    open_: dict[tuple[str, ...], int] = {}
    for m in _COMMENT.finditer(text):
        pats = _patterns(m.group(2))
        if m.group(1).lower() == "disable":
            open_.setdefault(pats, m.end())
        else:
            # "enable X" closes "disable X"; a bare "enable" closes everything
            for key in [k for k in open_ if k == pats or not pats]:
                out.append(Suppression(open_.pop(key), m.start(), key))
    out.extend(Suppression(start, len(text), key) for key, start in open_.items())
    return out


def _line_comments(text: str) -> tuple[list[Suppression], list[Mask]]:
    sups, masks = [], []
    for m in _LINE.finditer(text):
        line_start = text.rfind("\n", 0, m.start()) + 1
        line_end = text.find("\n", m.end())
        line_end = len(text) if line_end < 0 else line_end
        sups.append(Suppression(line_start, line_end, _patterns(m.group(1).replace(",", " "))))
        masks.append(Mask(m.start(), m.end()))
    return sups, masks
