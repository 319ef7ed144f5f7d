"""Small helpers the reporters share: where a source points, and counting findings."""

from __future__ import annotations

import os
from collections.abc import Iterable

from ..rule import SEVERITIES, Finding


def split_source(source: str) -> tuple[str, str | None]:
    """`PATH#ID` -> (PATH, ID); a plain path -> (path, None).

    An item's id (a feed guid) may itself contain '#', so the split is at the first one; a real
    file whose name contains '#' is recognised by existing, so it is not cut in two.
    """
    path, sep, item = source.partition("#")
    if not sep or os.path.exists(source):
        return source, None
    return path, item


def plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def severity_counts(findings: Iterable[Finding]) -> dict[str, int]:
    """How many findings of each severity, with every severity present (most severe first)."""
    counts = dict.fromkeys(SEVERITIES, 0)
    for f in findings:
        counts[f.severity] = counts.get(f.severity, 0) + 1
    return counts
