"""The fields of a check request, read from a form, a JSON object or a query string, and validated.

LanguageTool's clients send `application/x-www-form-urlencoded` bodies (lists comma-separated,
`enabledOnly=true`); integrations may prefer JSON, where a list may also be an array and a flag a
boolean. Both become one `CheckRequest`, or a `RequestError` that says what is wrong with which field.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl

from ..document import Mask

MAX_FIELDS = 100  # LanguageTool's API has about twenty fields: more is not a client of it
_LANGUAGE = re.compile(r"^([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]{1,8})*$")


class RequestError(Exception):
    """A request the server will not check: its HTTP status and a message for the client."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


@dataclass(frozen=True)
class CheckRequest:
    source: str  # the text to check, markup of `data` included: offsets count in it
    masks: tuple[Mask, ...] = ()  # where `source` is markup, not checked
    language: str | None = None  # the base code ("fr" for "fr-FR"); None: detect it
    language_tag: str = "auto"  # as the client wrote it, echoed in the LanguageTool answer
    date: dt.date | None = None
    enabled_rules: tuple[str, ...] = ()
    disabled_rules: tuple[str, ...] = ()
    enabled_categories: tuple[str, ...] = ()
    disabled_categories: tuple[str, ...] = ()
    enabled_only: bool = False
    source_name: str = "request"  # the `source` of /api/check's report


def form_fields(body: bytes) -> dict[str, str]:
    """The fields of an `application/x-www-form-urlencoded` body (UTF-8, as the URL standard says)."""
    try:
        pairs = parse_qsl(
            body.decode("utf-8"),  # percent-encoded ASCII, or raw UTF-8 as `curl -d` sends it
            keep_blank_values=True,
            strict_parsing=False,
            encoding="utf-8",
            errors="strict",
            max_num_fields=MAX_FIELDS,
        )
    except UnicodeDecodeError:
        raise RequestError(400, "the form is not valid UTF-8 once percent-decoded") from None
    except ValueError:
        raise RequestError(400, f"too many form fields (at most {MAX_FIELDS})") from None
    return _unique(pairs)


def json_fields(body: bytes) -> dict[str, Any]:
    try:
        value = json.loads(body)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise RequestError(400, f"malformed JSON: {exc}") from None
    if not isinstance(value, dict):
        raise RequestError(400, "the JSON body must be an object of fields")
    return value


def _unique(pairs: Iterable[tuple[str, str]]) -> dict[str, str]:
    fields: dict[str, str] = {}
    for key, value in pairs:
        if key in fields:
            raise RequestError(400, f"field {key!r} given twice")
        fields[key] = value
    return fields


def check_request(fields: Mapping[str, Any], languages: Iterable[str]) -> CheckRequest:
    """Validate the fields: 400 for a missing, malformed or unknown value, 422 for a bad date."""
    source, masks = _text(fields)
    tag = _string(fields, "language") or "auto"
    language = _language(tag, set(languages))
    enabled_rules = _list(fields, "enabledRules")
    enabled_categories = _list(fields, "enabledCategories")
    enabled_only = _flag(fields, "enabledOnly")
    if enabled_only and not (enabled_rules or enabled_categories):
        raise RequestError(400, "enabledOnly=true needs enabledRules or enabledCategories")
    return CheckRequest(
        source=source,
        masks=masks,
        language=language,
        language_tag=tag,
        date=_date(fields),
        enabled_rules=enabled_rules,
        disabled_rules=_list(fields, "disabledRules"),
        enabled_categories=enabled_categories,
        disabled_categories=_list(fields, "disabledCategories"),
        enabled_only=enabled_only,
        source_name=_string(fields, "source") or "request",
    )


def _string(fields: Mapping[str, Any], key: str) -> str | None:
    value = fields.get(key)
    if value is None or isinstance(value, str):
        return value
    raise RequestError(400, f"field {key!r} must be a string")


def _text(fields: Mapping[str, Any]) -> tuple[str, tuple[Mask, ...]]:
    text, data = _string(fields, "text"), fields.get("data")
    if text is not None and data is not None:
        raise RequestError(400, "give either 'text' or 'data', not both")
    if text is not None:
        return text, ()
    if data is None:
        raise RequestError(400, "missing field 'text' (or 'data')")
    return annotated_text(data)


def annotated_text(data: Any) -> tuple[str, tuple[Mask, ...]]:
    """LanguageTool's `data`, `{"annotation": [{"text": ...}, {"markup": ..., "interpretAs": ...}]}`
    (a JSON string in a form, or an object in JSON): the whole string, and masks over its markup,
    which counts for offsets but is not checked."""
    if isinstance(data, str):
        try:
            data = json.loads(data)
        except json.JSONDecodeError as exc:
            raise RequestError(400, f"field 'data' is not valid JSON: {exc}") from None
    parts = data.get("annotation") if isinstance(data, dict) else None
    if not isinstance(parts, list):
        raise RequestError(400, "field 'data' must be an object with an 'annotation' list")
    pieces: list[str] = []
    masks: list[Mask] = []
    at = 0
    for i, part in enumerate(parts):
        kind = _annotation_kind(part, i)
        piece = part[kind]
        if kind == "markup" and piece:
            # markup that stands for a line break (<p>, <br>) must end a sentence, as the client said
            masks.append(Mask(at, at + len(piece), block="\n" in str(part.get("interpretAs", ""))))
        pieces.append(piece)
        at += len(piece)
    return "".join(pieces), tuple(masks)


def _annotation_kind(part: Any, index: int) -> str:
    if not isinstance(part, dict):
        raise RequestError(400, f"data.annotation[{index}] must be an object")
    kinds = [k for k in ("text", "markup") if k in part]
    if len(kinds) != 1:
        raise RequestError(400, f"data.annotation[{index}] must have exactly one of 'text' or 'markup'")
    if not isinstance(part[kinds[0]], str) or not isinstance(part.get("interpretAs", ""), str):
        raise RequestError(400, f"data.annotation[{index}]: values must be strings")
    return kinds[0]


def _language(tag: str, known: set[str]) -> str | None:
    if tag == "auto":
        return None
    m = _LANGUAGE.match(tag)
    code = m.group(1).lower() if m else None
    if code not in known:
        listed = ", ".join(sorted(known))
        raise RequestError(400, f"unknown language {tag!r}: newslint has data for {listed} (or 'auto')")
    return code


def _date(fields: Mapping[str, Any]) -> dt.date | None:
    value = _string(fields, "date")
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise RequestError(422, f"field 'date': {value!r} is not a date as YYYY-MM-DD") from None


def _list(fields: Mapping[str, Any], key: str) -> tuple[str, ...]:
    value = fields.get(key)
    if value is None:
        return ()
    if isinstance(value, str):
        items: list[Any] = value.split(",")
    elif isinstance(value, list):
        items = value
    else:
        raise RequestError(400, f"field {key!r} must be a comma-separated string or a list of strings")
    if not all(isinstance(v, str) for v in items):
        raise RequestError(400, f"field {key!r} must be a list of strings")
    return tuple(v.strip() for v in items if v.strip())


def _flag(fields: Mapping[str, Any], key: str) -> bool:
    value = fields.get(key)
    if value is None or isinstance(value, bool):
        return bool(value)
    if isinstance(value, str) and value.strip().lower() in ("true", "false", ""):
        return value.strip().lower() == "true"
    raise RequestError(400, f"field {key!r} must be true or false")
