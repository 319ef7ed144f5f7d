"""newslint's findings in LanguageTool's `/v2/check` and `/v2/languages` shapes, so that the clients
editors already have (browser extensions, office plug-ins, CMS integrations) can use newslint.

Positions in that API count UTF-16 code units (it comes from Java): every offset and length here is
converted from newslint's code points.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from .. import __version__
from ..document import Document
from ..language import load_profile
from ..rule import Finding, Rule
from .checker import Checked
from .fields import CheckRequest
from .utf16 import Utf16Offsets, utf16_len

API_VERSION = 1
CONTEXT_CHARS = 40  # each side of a match, as LanguageTool's server answers
ELLIPSIS = "..."

# The names LanguageTool gives these languages; a language newslint gains data for without a name
# here is listed by its code.
LANGUAGE_NAMES = {"de": "German", "en": "English", "es": "Spanish", "fr": "French", "it": "Italian", "pt": "Portuguese"}

# newslint's categories as the ITS 2.0 issue types LanguageTool's clients colour matches by (every
# built-in category has one; a test sees to it); a plugin's own category is "uncategorized".
ISSUE_TYPES = {
    "name-misspelling": "misspelling",
    "name-inconsistent": "inconsistency",
    "given-name-translated": "mistranslation",
    "pronoun-gender": "grammar",
    "doubled-subject": "grammar",
    "bare-title": "grammar",
    "quote-mismatch": "typographical",
    "duplicate-paragraph": "duplication",
    "lowercase-sentence-start": "typographical",
    "untranslated-segment": "untranslated",
    "boilerplate-bio": "addition",
    "scrape-residue": "addition",
    "role-factual": "uncategorized",
    "unknown-person": "uncategorized",
    "typography": "typographical",
    "garbled-grammar": "grammar",
}


def language_name(code: str) -> str:
    return LANGUAGE_NAMES.get(code.split("-")[0].lower(), code)


def languages(codes: list[str] | tuple[str, ...]) -> list[dict[str, str]]:
    """`GET /v2/languages`: the languages newslint has data for."""
    return [{"name": language_name(c), "code": c, "longCode": c} for c in codes]


def category_name(category: str) -> str:
    """'name-misspelling' -> 'Name misspelling'."""
    return category.replace("-", " ").capitalize()


def _build_date() -> str:
    # when this copy of newslint was installed: LanguageTool's clients only show it
    stamp = Path(__file__).stat().st_mtime
    return dt.datetime.fromtimestamp(stamp, dt.timezone.utc).strftime("%Y-%m-%d %H:%M:%S +0000")


SOFTWARE = {
    "name": "newslint",
    "version": __version__,
    "buildDate": _build_date(),
    "apiVersion": API_VERSION,
    "status": "",
    "premium": False,
}


def check_response(checked: Checked, request: CheckRequest) -> dict[str, Any]:
    """`POST /v2/check`'s answer, key for key as LanguageTool's documented response."""
    result = checked.result
    lang = result.language
    code = request.language_tag if request.language is not None else lang
    return {
        "software": SOFTWARE,
        "warnings": {"incompleteResults": any(n.level == "error" for n in result.notices)},
        "language": {
            "name": language_name(code),
            "code": code,
            "detectedLanguage": {
                "name": language_name(checked.detected),
                "code": checked.detected,
                "confidence": round(checked.confidence, 4),
            },
        },
        "matches": _matches(result.findings, checked.rules, request, lang),
    }


def _matches(findings: list[Finding], rules: dict[str, Rule], request: CheckRequest, lang: str) -> list[dict]:
    if not findings:
        return []
    text = request.source
    units = Utf16Offsets(text)
    # the sentences as the engine splits them (only answers with matches pay for it)
    doc = Document(text, lang, request.masks, load_profile(lang).sentence_rules)
    return [_match(f, rules.get(f.rule), text, units, doc) for f in findings]


def _match(f: Finding, r: Rule | None, text: str, units: Utf16Offsets, doc: Document) -> dict[str, Any]:
    offset, length = units.span(f.offset, f.length)
    rule: dict[str, Any] = {
        "id": f.rule,
        "description": r.summary if r else f.rule,
        "issueType": ISSUE_TYPES.get(f.category, "uncategorized"),
        "category": {"id": f.category, "name": category_name(f.category)},
    }
    url = (f.evidence or {}).get("url")
    if isinstance(url, str) and url:
        rule["urls"] = [{"value": url}]
    return {
        "message": f.message,
        "shortMessage": category_name(f.category),
        "replacements": [{"value": s} for s in f.suggestions],
        "offset": offset,
        "length": length,
        "context": _context(text, f.offset, f.length),
        "sentence": _sentence(doc, f),
        "type": {"typeName": "Hint" if f.severity == "info" else "Other"},
        "rule": rule,
        "ignoreForIncompleteSentence": False,
        "contextForSureMatch": 0,
    }


def _context(text: str, start: int, length: int) -> dict[str, Any]:
    """Up to CONTEXT_CHARS each side of the match, on one line, '...' where the text goes on."""
    left = max(0, start - CONTEXT_CHARS)
    right = min(len(text), start + length + CONTEXT_CHARS)
    before = (ELLIPSIS if left > 0 else "") + text[left:start]
    flagged = text[start : start + length]
    after = text[start + length : right] + (ELLIPSIS if right < len(text) else "")
    one_line = (before + flagged + after).replace("\r", " ").replace("\n", " ")
    return {"text": one_line, "offset": utf16_len(before), "length": utf16_len(flagged)}


def _sentence(doc: Document, f: Finding) -> str:
    span = doc.sentence_of(f.offset)
    if span is None:  # a finding on a blank, a heading or markup: its line
        span = doc.line_span(f.line)
    return doc.text[span.start : span.end].strip()
