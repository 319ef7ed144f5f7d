"""What a check produced: one `Result` per article, one `Run` per invocation.

Reporters read these and nothing else, so they live apart from the engine that makes them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .article import Notice
from .document import Mask
from .rule import Finding, Rule


@dataclass
class Result:
    """What checking one article produced."""

    source: str
    language: str
    findings: list[Finding] = field(default_factory=list)
    notices: list[Notice] = field(default_factory=list)
    text: str = ""  # the article's text, for reporters that show context
    masks: tuple[Mask, ...] = ()  # where `text` is markup, not prose (the HTML report dims it)


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
