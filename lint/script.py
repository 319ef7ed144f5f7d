"""Script facts (quotation marks, apostrophes, breaks) from `lint/data/script.toml`.

An engine-level file and not a language profile: the Document needs them before any profile is
loaded, and they are facts of the script that every Latin-script language shares.
"""

from __future__ import annotations

import sys
from importlib import resources
from typing import Any

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

_DATA: dict[str, Any] = tomllib.loads(resources.files(__package__).joinpath("data/script.toml").read_text("utf-8"))

CLOSING_QUOTES: str = _DATA["closing_quotes"]
OPENING_QUOTES: str = _DATA["opening_quotes"]
APOSTROPHES: str = _DATA["apostrophes"]
NAME_BREAKS: frozenset[str] = frozenset(_DATA["name_breaks"])
SUBJECT_OPENING: frozenset[str] = frozenset(_DATA["subject_bounds"]["opening"])
SUBJECT_CLOSING: frozenset[str] = frozenset(_DATA["subject_bounds"]["closing"])
SPACES: str = _DATA["spaces"]
SENTENCE_END_QUOTES: str = _DATA["sentence_end"]["quotes"]
SENTENCE_END_CLOSERS: str = _DATA["sentence_end"]["closers"]
TITLE_END_CLOSERS: str = _DATA["title_end"]["closers"]
TYPOGRAPHY_QUOTE_MARKS: str = _DATA["typography"]["quote_marks"]
