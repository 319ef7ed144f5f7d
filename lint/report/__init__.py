"""Reporters: one module per output format, each with `render(run, out)`."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TextIO

from ..article import Notice
from ..engine import Result
from ..rule import Rule


@dataclass
class Run:
    """Everything one `newslint check` produced, in input order."""

    results: list[Result]
    rules: list[Rule]  # the rules that were selected (SARIF describes them)
    notices: list[Notice] = field(default_factory=list)  # run-level: inputs skipped, sources unreachable
    color: bool = False  # the text reporter colours only on a terminal

    @property
    def findings(self):
        return [f for r in self.results for f in r.findings]

    @property
    def all_notices(self) -> list[Notice]:
        return [n for r in self.results for n in r.notices] + self.notices


def formats() -> dict:
    from . import github, html, json, sarif, text

    return {
        "text": text.render,
        "json": json.render,
        "sarif": sarif.render,
        "github": github.render,
        "html": html.render,
    }


def render(fmt: str, run: Run, out: TextIO) -> None:
    formats()[fmt](run, out)
