"""Applying fixes: mechanical replacements the rules attached to their findings (`Finding.fix`).

Pure functions, no files: `chosen` picks the fixes a run may apply, `apply` applies them to a text
(or says why it cannot), `unified_diff` shows the change. The CLI writes the files.

Only fixes of kind "safe" (a quotation mark, a space, a doubled caption) are applied by default.
Fixes of kind "name" (a misspelt name, a title) change what the article says; they are applied
only when asked for (`--fix-names`), and then only when the rule is sure enough.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass

from .rule import Finding, Fix

SAFE, NAME = "safe", "name"
NAME_CONFIDENCE = 0.9  # a "name" fix below this is never applied


@dataclass(frozen=True)
class Conflict:
    """Two fixes that touch the same characters (or one that points outside the text)."""

    first: Fix
    second: Fix | None
    reason: str

    def __str__(self) -> str:
        return self.reason


def chosen(
    findings: Iterable[Finding], *, names: bool = False, min_confidence: float = NAME_CONFIDENCE
) -> list[Fix]:
    """The fixes to apply, in text order, each once (two rules may propose the same one)."""
    safe: set[Fix] = set()
    named: set[Fix] = set()
    for f in findings:
        fix = f.fix
        if fix is None:
            continue
        if fix.kind == SAFE:
            safe.add(fix)
        elif names and fix.kind == NAME and fix.confidence >= min_confidence:
            named.add(fix)
    # A name inside text that a safe fix removes or rewrites (a repeated caption) goes with it;
    # keeping both would turn the file's safe fixes into a conflict and leave it all unchanged.
    named = {n for n in named if not any(_overlap(n, s) for s in safe)}
    return sorted(safe | named, key=_order)


def _overlap(a: Fix, b: Fix) -> bool:
    return a.start < b.end and b.start < a.end


def apply(text: str, fixes: Iterable[Fix]) -> str | Conflict:
    """`text` with every fix applied, or the first conflict: then nothing is applied.

    Offsets are those of `text` (code points). Fixes that do not overlap are applied together;
    an insertion (start == end) at the edge of a replacement goes before it; two different
    insertions at one place, or two fixes sharing a character, conflict.
    """
    ordered = sorted(set(fixes), key=_order)
    for fix in ordered:
        if not 0 <= fix.start <= fix.end <= len(text):
            return Conflict(fix, None, f"a fix points outside the text ({fix.start}-{fix.end} of {len(text)})")
    for a, b in zip(ordered, ordered[1:]):
        if b.start < a.end or (a.start == a.end == b.start == b.end):
            return Conflict(a, b, f"fixes overlap at offsets {a.start}-{a.end} and {b.start}-{b.end}")
    parts, at = [], 0
    for fix in ordered:
        parts.append(text[at : fix.start])
        parts.append(fix.replacement)
        at = fix.end
    parts.append(text[at:])
    return "".join(parts)


def unified_diff(old: str, new: str, path: str) -> str:
    """A unified diff (`a/PATH`, `b/PATH`, three lines of context), empty when nothing changes."""
    if old == new:
        return ""
    lines = difflib.unified_diff(
        old.splitlines(keepends=True), new.splitlines(keepends=True), f"a/{path}", f"b/{path}"
    )
    out = []
    for line in lines:
        out.append(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n")
    return "".join(out)


def _order(fix: Fix) -> tuple[int, int, str]:
    # Insertions before a replacement starting at the same place; then by text, so sorting is total.
    return (fix.start, fix.end, fix.replacement)
