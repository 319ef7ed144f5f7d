"""The JSON report: the versioned contract of ../shared/eval/README.md, which the scorer reads."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any, TextIO

from .. import __version__
from ..results import Result
from . import Run

FORMAT_VERSION = 1


def render(run: Run, out: TextIO) -> None:
    # Keys are written in the contract's order (never sorted), so reports diff cleanly.
    json.dump(report(run), out, ensure_ascii=False, indent=2, default=_jsonable)
    out.write("\n")


def report(run: Run) -> dict[str, Any]:
    """The report as a plain dict, for callers that want the data rather than the text."""
    return {
        "version": FORMAT_VERSION,
        "tool": {"name": "newslint", "version": __version__},
        "documents": [_document(r) for r in run.results],
        "notices": [n.to_dict() for n in run.all_notices],
    }


def _document(result: Result) -> dict[str, Any]:
    return {
        "source": result.source,
        "language": result.language,
        "findings": [f.to_dict() for f in result.findings],
    }


def _jsonable(value: Any) -> Any:
    # A rule's evidence is free-form: a date or a set in it must not cost the whole report.
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, (set, frozenset)):
        return sorted(value, key=str)
    return str(value)
