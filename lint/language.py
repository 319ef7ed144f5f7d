"""Language profiles: the per-language knowledge that rules and annotations read.

A profile is every `<lang>/*.toml` (and `common/*.toml`) file found in the data packages that
plugins register under the `newslint.languages` entry-point group, merged into one table.
Adding a language is adding a folder of data; no code branches on a language code.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable, Iterator
from functools import cache
from importlib import resources
from importlib.metadata import entry_points
from typing import TYPE_CHECKING, Any

from .derived import Derived
from .document import SentenceRules

if TYPE_CHECKING:
    from .rule import Rule

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

GROUP = "newslint.languages"


class DataError(Exception):
    """A language data file is missing, unreadable or contradicts another one."""


class LanguageProfile(Derived):
    def __init__(self, lang: str, data: dict[str, Any]) -> None:
        self.lang = lang
        self.data = data
        self._words: dict[str, frozenset[str]] = {}

    def get(self, path: str, default: Any = None) -> Any:
        """A value by dotted path, e.g. `profile.get("pronouns.subject", [])`."""
        node: Any = self.data
        for part in path.split("."):
            if not isinstance(node, dict) or part not in node:
                return default
            node = node[part]
        return node

    def has(self, path: str) -> bool:
        """Whether the data has a non-empty value at `path` (what a rule `requires`)."""
        return self.get(path) not in (None, "", [], {})

    def table(self, path: str) -> dict[str, Any]:
        value = self.get(path, {})
        return value if isinstance(value, dict) else {}

    def words(self, path: str) -> frozenset[str]:
        """A list from the data as a set of case-folded strings, cached."""
        if path not in self._words:
            self._words[path] = frozenset(w.casefold() for w in _flatten(self.get(path, [])))
        return self._words[path]

    @property
    def sentence_rules(self) -> SentenceRules:
        return SentenceRules(
            never_final=frozenset(self.get("sentences.never_final", [])),
            maybe_final=frozenset(self.get("sentences.maybe_final", [])),
        )


def alternation(words: Iterable[str]) -> str:
    """A regex alternation of literal words, longest first so that no word hides a longer one;
    one that never matches when there are none."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True)) or "(?!)"


def expand_lists(pattern: str, lists: dict[str, Any]) -> str:
    """A pattern from the data with each `@name` replaced by the alternation of the list `name`, so
    that data files can write "» @incise_verbs" instead of repeating the verbs in every pattern."""
    return re.sub(r"@(\w+)", lambda m: alternation(lists.get(m.group(1), [])), pattern)


def _flatten(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from _flatten(v)
    elif isinstance(value, Iterable):
        for v in value:
            yield from _flatten(v)


def _data_roots() -> list[Any]:
    roots = []
    for ep in sorted(entry_points(group=GROUP), key=lambda e: e.name):
        module = ep.load()
        roots.append(resources.files(module))
    return roots


@cache
def available_languages() -> tuple[str, ...]:
    langs = set()
    for root in _data_roots():
        for child in root.iterdir():
            if child.is_dir() and child.name not in ("common", "__pycache__") and not child.name.startswith("_"):
                langs.add(child.name)
    return tuple(sorted(langs))


@cache
def load_profile(lang: str) -> LanguageProfile:
    """The merged data for `lang` (only `common` data if the language has no folder)."""
    data: dict[str, Any] = {}
    origin: dict[str, str] = {}
    for root in _data_roots():
        for folder in ("common", lang):
            directory = root / folder
            if not directory.is_dir():
                continue
            for f in sorted((c for c in directory.iterdir() if c.name.endswith(".toml")), key=lambda c: c.name):
                try:
                    content = tomllib.loads(f.read_text(encoding="utf-8"))
                except (OSError, tomllib.TOMLDecodeError) as exc:
                    raise DataError(f"{f}: {exc}") from exc
                _merge(data, content, origin, str(f))
    return LanguageProfile(lang, data)


def languages_for(rule: Rule) -> list[str]:
    """The languages with data whose profile lets `rule` run (for listings and docs)."""
    return [lang for lang in available_languages() if rule.applies_to(load_profile(lang))]


def _merge(into: dict[str, Any], new: dict[str, Any], origin: dict[str, str], where: str, prefix: str = "") -> None:
    """Merge tables; two files may add to one table but never set the same key."""
    for key, value in new.items():
        path = prefix + key
        if key in into and isinstance(into[key], dict) and isinstance(value, dict):
            _merge(into[key], value, origin, where, path + ".")
        elif key in into:
            raise DataError(f"{where}: '{path}' is already set in {origin.get(path, '?')}")
        else:
            into[key] = value
            origin[path] = where
