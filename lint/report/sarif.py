"""SARIF 2.1.0, for GitHub code scanning and other static-analysis dashboards.

One run; the rules described in `tool.driver.rules`, each result pointing at its rule by id and
index. The output depends on nothing but the run (no timestamps, no absolute paths made up), so
two runs over the same input give the same file.
"""

from __future__ import annotations

import hashlib
import json
import os
import posixpath
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any, TextIO
from urllib.parse import quote

from .. import __version__
from ..article import Notice
from ..results import Result
from ..rule import Example, Finding, Rule
from . import Run
from ._common import split_source

SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
INFORMATION_URI = "https://pypi.org/project/newslint/"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}


def render(run: Run, out: TextIO) -> None:
    json.dump(report(run), out, ensure_ascii=False, indent=2)
    out.write("\n")


def report(run: Run) -> dict[str, Any]:
    artifacts = _Artifacts(r.source for r in run.results)
    rule_index = {r.id: i for i, r in enumerate(run.rules)}
    results = [res for r in run.results for res in _results(r, rule_index, artifacts)]
    documents = {r.source for r in run.results}
    return {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {"driver": _driver(run.rules)},
                "taxonomies": [_taxonomy(run.rules)],
                "invocations": [_invocation(run.all_notices, documents, artifacts)],
                # Our columns and offsets count code points; SARIF's default is UTF-16 code units.
                "columnKind": "unicodeCodePoints",
                "artifacts": artifacts.descriptions(),
                "results": results,
            }
        ],
    }


# -- rules ------------------------------------------------------------------------------------
def _driver(rules: list[Rule]) -> dict[str, Any]:
    return {
        "name": "newslint",
        "version": __version__,
        "informationUri": INFORMATION_URI,
        "rules": [_rule(r) for r in rules],
    }


def _rule(r: Rule) -> dict[str, Any]:
    return {
        "id": r.id,
        "name": _camel_case(r.id),
        "shortDescription": {"text": r.summary},
        "fullDescription": {"text": r.description.strip()},
        "help": {"text": _help(r)},
        "defaultConfiguration": {"level": LEVELS.get(r.severity, "warning")},
        # Code scanning filters alerts by tags; the category is what quality is scored on.
        "properties": {"category": r.category, "tags": [r.category]},
        "relationships": [
            {"target": {"id": r.category, "toolComponent": {"name": TAXONOMY}}, "kinds": ["superset"]}
        ],
    }


TAXONOMY = "newslint-categories"


def _taxonomy(rules: list[Rule]) -> dict[str, Any]:
    """The categories of the selected rules (built-in and plugins' own), as a SARIF taxonomy that
    each rule points into."""
    taxa: dict[str, str] = {}
    for r in rules:
        taxa.setdefault(r.category, r.category_summary)
    return {
        "name": TAXONOMY,
        "version": __version__,
        "shortDescription": {"text": "The kinds of defect newslint reports; a finding's category is its rule's."},
        "taxa": [{"id": c, "name": c, "shortDescription": {"text": d or c}} for c, d in sorted(taxa.items())],
    }


def _camel_case(rule_id: str) -> str:
    return "".join(part[:1].upper() + part[1:] for part in re.split(r"[.\-_]", rule_id) if part)


def _help(r: Rule) -> str:
    """The description, then the rule's examples: what it flags (the span in ⟦ ⟧) and what it accepts."""
    sections = [r.description.strip()]
    flagged = [_example(e) for e in r.examples if e.flagged]
    accepted = [_example(e) for e in r.examples if not e.flagged]
    if flagged:
        sections.append("Flagged:\n" + "\n".join(flagged))
    if accepted:
        sections.append("Accepted:\n" + "\n".join(accepted))
    return "\n\n".join(sections)


def _example(e: Example) -> str:
    text = e.marked.replace("<m>", "⟦").replace("</m>", "⟧")
    on = f" (article dated {e.date})" if e.date else ""
    return f"  [{e.lang}] {text}{on}"


# -- results ----------------------------------------------------------------------------------
def _results(result: Result, rule_index: dict[str, int], artifacts: _Artifacts) -> list[dict[str, Any]]:
    seen: Counter[tuple[str, str]] = Counter()
    # A line is normalised, and a (rule, line) hashed, once: many findings on one long line would
    # otherwise cost the line's length each, quadratic in a 100,000-character line.
    lines: dict[int, str | None] = {}
    digests: dict[tuple[str, str | None, str], str] = {}
    out = []
    for f in result.findings:
        if f.line not in lines:
            raw = result.line(f.line)
            lines[f.line] = _normalise(raw) if raw else None
        line = lines[f.line]
        if line is None:  # no line to show: the finding's own text stands for it
            line = _normalise(f.text)
        seen[f.rule, line] += 1
        item = split_source(f.source)[1]
        key = (f.rule, item, line)
        if key not in digests:
            digests[key] = _digest(*key)
        out.append(_result(f, rule_index, artifacts, f"{digests[key]}:{seen[f.rule, line]}"))
    return out


def _result(
    f: Finding, rule_index: dict[str, int], artifacts: _Artifacts, fingerprint: str
) -> dict[str, Any]:
    res: dict[str, Any] = {"ruleId": f.rule}
    if f.rule in rule_index:  # a rule left out of the run's list has no index to give
        res["ruleIndex"] = rule_index[f.rule]
    res["level"] = LEVELS.get(f.severity, "warning")
    res["message"] = {"text": f.message + "".join(f"\nSuggestion: {s}" for s in f.suggestions)}
    res["locations"] = [_location(f, artifacts)]
    res["partialFingerprints"] = {"primaryLocationLineHash": fingerprint}
    res["properties"] = {"category": f.category}
    return res


def _location(f: Finding, artifacts: _Artifacts) -> dict[str, Any]:
    loc: dict[str, Any] = {
        "physicalLocation": {"artifactLocation": artifacts.location(f.source), "region": _region(f)}
    }
    _, item = split_source(f.source)
    if item is not None:
        loc["logicalLocations"] = [{"name": item, "kind": "object"}]
    return loc


def _region(f: Finding) -> dict[str, Any]:
    return {
        "startLine": f.line,
        "startColumn": f.column,
        "endLine": f.end_line,
        "endColumn": f.end_column,
        "charOffset": f.offset,
        "charLength": f.length,
        "snippet": {"text": f.text},
    }


def _normalise(line: str) -> str:
    # Re-indenting or re-wrapping white space must not make an alert new.
    return " ".join(unicodedata.normalize("NFC", line).split())


def _digest(rule: str, item: str | None, line: str) -> str:
    """The hex start of a fingerprint, `<16 hex>:<n>`: the rule and the text of its line, not the
    line number, so that an alert survives lines moving; n tells apart the same rule on identical
    lines of one document. The item id is hashed too: the items of one feed share a file, and an
    identical line in two of them must not merge into one alert."""
    return hashlib.sha256("\0".join((rule, item or "", line)).encode("utf-8")).hexdigest()[:16]


# -- artifacts and notices --------------------------------------------------------------------
class _Artifacts:
    """Each source file once, in input order; the items of one feed share their file's entry."""

    def __init__(self, sources: Iterable[str]) -> None:
        self._index: dict[str, int] = {}
        for source in sources:
            self._index.setdefault(_uri(split_source(source)[0]), len(self._index))

    def location(self, source: str) -> dict[str, Any]:
        uri = _uri(split_source(source)[0])
        loc: dict[str, Any] = {"uri": uri}
        if uri in self._index:
            loc["index"] = self._index[uri]
        return loc

    def descriptions(self) -> list[dict[str, Any]]:
        return [{"location": {"uri": uri}} for uri in self._index]


def _uri(path: str) -> str:
    """A path as a URI: relative ones stay relative (code scanning resolves them against the
    repository), with forward slashes and percent-encoding; absolute ones become file: URIs."""
    if os.path.isabs(path):
        return Path(path).as_uri()
    return quote(posixpath.normpath(path.replace(os.sep, "/")), safe="/")


def _invocation(notices: list[Notice], documents: set[str], artifacts: _Artifacts) -> dict[str, Any]:
    return {
        # An error notice (an input unreadable, a rule that crashed) means some text went unchecked.
        "executionSuccessful": not any(n.level == "error" for n in notices),
        "toolExecutionNotifications": [_notification(n, documents, artifacts) for n in notices],
    }


def _notification(n: Notice, documents: set[str], artifacts: _Artifacts) -> dict[str, Any]:
    note: dict[str, Any] = {
        "level": LEVELS.get(n.level, "warning"),
        "message": {"text": f"{n.source}: {n.message}"},
    }
    if n.source in documents:  # other sources ("newslint", a skipped input) are no artifact of the run
        note["locations"] = [{"physicalLocation": {"artifactLocation": artifacts.location(n.source)}}]
    return note
