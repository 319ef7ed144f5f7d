"""What a check produced: one `Result` per article, one `Run` per invocation.

Reporters read these and nothing else, so they live apart from the engine that makes them.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from .article import Notice
from .document import Mask
from .rule import Finding, Rule
from .text import source_line


@dataclass
class Result:
    """What checking one article produced."""

    source: str
    language: str
    findings: list[Finding] = field(default_factory=list)
    notices: list[Notice] = field(default_factory=list)
    text: str = ""  # the article's text, for reporters that show context
    masks: tuple[Mask, ...] = ()  # where `text` is markup, not prose (the HTML report dims it)
    # Set by `without_text`: the only lines of the text kept (those a finding starts on), by number;
    # None while `text` is whole.
    lines: dict[int, str] | None = None

    def line(self, number: int) -> str | None:
        """Line `number` (1-based) of the text without its line break; None if there is no such line."""
        if self.lines is not None:
            return self.lines.get(number)
        return source_line(self.text, number)

    def without_text(self) -> Result:
        """This result with only the lines its findings start on, for reporters that quote a finding's line
        (text, SARIF) but not the whole article: a run of many articles then holds its findings, not
        its texts. The HTML report, which shows each article whole, needs the full result."""
        if self.lines is not None:
            return self
        lines = {}
        for f in self.findings:
            if f.line not in lines and (line := self.line(f.line)) is not None:
                lines[f.line] = line
        return replace(self, text="", masks=(), lines=lines)


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
