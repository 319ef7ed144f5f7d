"""GitHub Actions workflow commands: findings become annotations on the pull request.

GitHub keeps at most 10 annotations of each type per step and 50 per job, and drops the rest
without a word. So the most severe come first, and a last plain line counts every finding,
so that a truncated list never passes for a complete one.
"""

from __future__ import annotations

from typing import TextIO

from ..article import Notice
from ..rule import SEVERITIES, Finding
from . import Run
from ._common import plural, severity_counts, split_source

COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}
PER_TYPE_LIMIT = 10
PER_JOB_LIMIT = 50


def render(run: Run, out: TextIO) -> None:
    for line in annotations(run):
        out.write(line + "\n")
    out.write(summary(run) + "\n")


def annotations(run: Run) -> list[str]:
    """Every annotation, most severe first; within a level, notices, then findings in input order."""
    lines = []
    for level in SEVERITIES:
        lines.extend(_notice(n) for n in run.all_notices if n.level == level)
        lines.extend(_finding(f) for f in run.findings if f.severity == level)
    return lines


def summary(run: Run) -> str:
    findings = run.findings
    counts = severity_counts(findings)
    by_level = ", ".join(plural(counts[s], COMMANDS[s]) for s in SEVERITIES)
    documents = plural(len(run.results), "document")
    text = f"newslint: {plural(len(findings), 'finding')} ({by_level}) in {documents}"
    if _truncated(run):
        text += (
            f"; GitHub shows at most {PER_TYPE_LIMIT} annotations per type and {PER_JOB_LIMIT} per job:"
            " see the full report for the rest"
        )
    return text


def _truncated(run: Run) -> bool:
    levels = [f.severity for f in run.findings] + [n.level for n in run.all_notices]
    per_type = {lvl: levels.count(lvl) for lvl in set(levels)}
    return len(levels) > PER_JOB_LIMIT or any(n > PER_TYPE_LIMIT for n in per_type.values())


def _finding(f: Finding) -> str:
    path, item = split_source(f.source)
    props = {"file": path}
    if item is None:
        props.update(line=f.line, endLine=f.end_line)
        if f.line == f.end_line:  # GitHub rejects columns on an annotation spanning lines
            props.update(col=f.column, endColumn=f.end_column)
        where = ""
    else:
        # Positions count in the item's text, not in the file: on a file line they would point at
        # the wrong place (a JSON Lines file holds a whole item per line), so say them in words.
        where = f"[{item} line {f.line}, column {f.column}] "
    props["title"] = f.rule
    message = where + f.message + "".join(f"\nSuggestion: {s}" for s in f.suggestions)
    return _command(COMMANDS.get(f.severity, "warning"), props, message)


def _notice(n: Notice) -> str:
    # A notice points at no line: it goes in the log's annotations without a file.
    return _command(COMMANDS.get(n.level, "warning"), {}, f"{n.source}: {n.message}")


def _command(name: str, props: dict[str, object], message: str) -> str:
    rendered = ",".join(f"{key}={escape_property(str(value))}" for key, value in props.items())
    return f"::{name}{' ' if rendered else ''}{rendered}::{escape_data(message)}"


def escape_data(text: str) -> str:
    # '%' first, or the escapes themselves would be escaped again.
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")
