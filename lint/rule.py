"""The rule contract: what a rule declares, what it reports, and the finding the engine makes of it.

A rule is a function of (document, context) that yields `Issue`s, wrapped with its metadata by
the `rule` decorator, in the manner of proselint's registry and LanguageTool's examples:

    @rule("subjects.doubled", category="doubled-subject", requires=("subjects.pronouns",),
          description="An opening quotation mark that is never closed.",
          examples=[flag("fr", "Le ministre Jean Dupont <m>il</m> a dit."), accept("fr", "Le ministre a dit.")])
    def doubled(doc, ctx):
        ...
        yield Issue(start, end, "The subject is named twice")

A rule runs on every language whose profile has the data it `requires` (dotted paths into the
merged `rules/data/<lang>/*.toml`), so adding a language is adding its data, and a rule that needs
no language data runs on every text.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .context import Context
    from .document import Document
    from .language import LanguageProfile

SEVERITIES = ("error", "warning", "info")
SEVERITY_RANK = {"error": 3, "warning": 2, "info": 1}

# The built-in categories (../shared/eval/README.md's contract): what quality is scored on. A plugin
# may declare a category of its own by giving its description with it (`category_description=`).
BUILTIN_CATEGORIES: dict[str, str] = {
    "name-misspelling": "A person's name differs from how it is written in the article's language.",
    "name-inconsistent": "The same person is spelled two ways in one document.",
    "given-name-translated": "A given name was translated as if it were a common word or a foreign equivalent.",
    "pronoun-gender": "A pronoun, inversion or title disagrees with the named person's gender.",
    "doubled-subject": "The subject is named and then repeated by a pronoun.",
    "bare-title": "A title starts a sentence with no determiner where the language needs one.",
    "quote-mismatch": "Quotation marks that do not open and close in pairs, or the wrong mark closes.",
    "duplicate-paragraph": "A paragraph or caption repeated, exactly or nearly.",
    "lowercase-sentence-start": "A sentence that starts in lowercase.",
    "untranslated-segment": "A paragraph or sentence left in another language.",
    "boilerplate-bio": "A generated author biography typical of content farms.",
    "scrape-residue": "Text of the web page's furniture caught in the article.",
    "role-factual": "An official described with a title they did not hold on the article's date.",
    "unknown-person": "A named official for whom no source has any record.",
    "typography": "Spacing and punctuation against the language's conventions.",
    "garbled-grammar": "Word sequences that cannot be grammatical.",
}
CATEGORIES = frozenset(BUILTIN_CATEGORIES)
_CATEGORY = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")

_ID = re.compile(r"^[a-z][a-z0-9-]*\.[a-z][a-z0-9-]*$")
_MARKER = re.compile(r"<m>(.*?)</m>", re.S)


@dataclass(frozen=True)
class Fix:
    """A mechanical replacement of [start, end) that is safe to apply without an editor's eye."""

    start: int
    end: int
    replacement: str
    kind: str = "safe"  # "safe" (quotes, spacing, duplicates) or "name" (only with --fix-names)
    confidence: float = 1.0


@dataclass(frozen=True)
class Issue:
    """What a rule reports: a span of the document and what is wrong with it."""

    start: int
    end: int
    message: str
    suggestions: tuple[str, ...] = ()
    evidence: dict[str, Any] | None = None
    fix: Fix | None = None
    # The rule's evidence for this one is weaker than for its usual findings (precision first): it is
    # reported as `info` whatever severity the rule or the configuration gives.
    tentative: bool = False


@dataclass(frozen=True)
class Finding:
    """An issue placed in its document, with the reporting rule's identity and severity."""

    rule: str
    category: str
    severity: str
    source: str
    offset: int
    length: int
    line: int
    column: int
    end_line: int
    end_column: int
    text: str
    message: str
    suggestions: tuple[str, ...] = ()
    evidence: dict[str, Any] | None = None
    fix: Fix | None = None

    @property
    def family(self) -> str:
        return self.rule.split(".", 1)[0]

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {
            "rule": self.rule,
            "category": self.category,
            "severity": self.severity,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "offset": self.offset,
            "length": self.length,
            "text": self.text,
            "message": self.message,
            "suggestions": list(self.suggestions),
        }
        if self.evidence:
            d["evidence"] = dict(self.evidence)
        return d


@dataclass(frozen=True)
class Example:
    """A text a rule must flag (`flagged`) or leave alone, in one language.

    In a flagged example, `<m>...</m>` marks the span a finding must overlap.
    `date` is the article date the example is checked on (for rules about offices).
    """

    lang: str
    marked: str
    flagged: bool
    date: str | None = None

    @property
    def text(self) -> str:
        return _MARKER.sub(r"\1", self.marked)

    @property
    def spans(self) -> list[tuple[int, int]]:
        spans, removed = [], 0
        for m in _MARKER.finditer(self.marked):
            start = m.start() - removed
            spans.append((start, start + len(m.group(1))))
            removed += len("<m></m>")
        return spans


def flag(lang: str, text: str, date: str | None = None) -> Example:
    return Example(lang, text, True, date)


def accept(lang: str, text: str, date: str | None = None) -> Example:
    return Example(lang, text, False, date)


CheckFunction = Callable[["Document", "Context"], Iterable[Issue]]


@dataclass(frozen=True)
class Rule:
    id: str
    category: str
    check: CheckFunction = field(repr=False, compare=False)
    description: str
    requires: tuple[str, ...] = ()  # data paths a language's profile must have for the rule to run
    languages: frozenset[str] | None = None  # a further restriction by code; None: decided by `requires`
    severity: str = "warning"
    examples: tuple[Example, ...] = ()
    category_description: str = ""  # required for a category that is not built in
    # Its findings are text to delete (page furniture, a content farm's bio): what `cosmetic` rules
    # say about the spelling of that text is moot, and the engine drops it.
    removes: bool = False
    cosmetic: bool = False  # about how the text is written (spacing, marks), not what it says

    def __post_init__(self) -> None:
        problems = []
        if not _ID.match(self.id):
            problems.append(f"id {self.id!r} is not 'family.name' in lowercase")
        if not _CATEGORY.match(self.category):
            problems.append(f"category {self.category!r} is not lowercase words joined by hyphens")
        elif self.category not in BUILTIN_CATEGORIES and not self.category_description.strip():
            problems.append(f"category {self.category!r} is not built in: declare it with category_description=")
        if self.severity not in SEVERITIES:
            problems.append(f"severity {self.severity!r} is not one of {', '.join(SEVERITIES)}")
        if not self.description.strip():
            problems.append("no description")
        if problems:
            raise ValueError(f"rule {self.id}: " + "; ".join(problems))

    @property
    def family(self) -> str:
        return self.id.split(".", 1)[0]

    @property
    def category_summary(self) -> str:
        """What the rule's category means: the built-in definition, or the plugin's own."""
        return self.category_description.strip() or BUILTIN_CATEGORIES.get(self.category, "")

    @property
    def summary(self) -> str:
        return self.description.strip().splitlines()[0]

    def applies_to(self, profile: LanguageProfile) -> bool:
        """Whether the rule runs on texts of the profile's language: the data it needs is there."""
        if self.languages is not None and profile.lang not in self.languages:
            return False
        if not self.requires:
            return True
        # asked for every rule of every article: the answer is the profile's, kept with it
        return profile.derive(("requires", self.requires), lambda p: all(p.has(path) for path in self.requires))


def rule(
    id: str,
    *,
    category: str,
    description: str,
    requires: Iterable[str] = (),
    languages: Iterable[str] | None = None,
    severity: str = "warning",
    examples: Iterable[Example] = (),
    category_description: str = "",
    removes: bool = False,
    cosmetic: bool = False,
) -> Callable[[CheckFunction], Rule]:
    """Declare a rule; the decorated function becomes the rule's `check`."""

    def wrap(fn: CheckFunction) -> Rule:
        return Rule(
            id=id,
            category=category,
            check=fn,
            description=description,
            requires=tuple(requires),
            languages=frozenset(languages) if languages is not None else None,
            severity=severity,
            examples=tuple(examples),
            category_description=category_description,
            removes=removes,
            cosmetic=cosmetic,
        )

    return wrap
