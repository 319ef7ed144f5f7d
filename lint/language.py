"""Language profiles: the per-language knowledge that rules and annotations read.

A profile is every `<lang>/*.toml` (and `common/*.toml`) file found in the data packages that
plugins register under the `newslint.languages` entry-point group, merged into one table.
Adding a language is adding a folder of data; no code branches on a language code.
"""

from __future__ import annotations

import contextlib
import hashlib
import pickle
import re
import sys
from collections.abc import Iterable, Iterator
from functools import cache
from importlib import resources
from importlib.metadata import entry_points
from pathlib import Path
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
    """The merged data for `lang` (only `common` data if the language has no folder).

    Parsing the TOML files is most of a short check's start-up (a profile reads the others' stop
    words, so five languages are parsed): the merged data is kept in the cache folder under a hash of
    the files' names and contents, and read back from there while they are unchanged."""
    files: list[tuple[Any, str]] = []
    for root in _data_roots():
        for folder in ("common", lang):
            directory = root / folder
            if not directory.is_dir():
                continue
            for f in sorted((c for c in directory.iterdir() if c.name.endswith(".toml")), key=lambda c: c.name):
                try:
                    files.append((f, f.read_text(encoding="utf-8")))
                except OSError as exc:
                    raise DataError(f"{f}: {exc}") from exc
    digest = hashlib.sha256(f"{_PROFILE_CACHE_VERSION}:{sys.version}:{lang}".encode())
    for f, text in files:
        digest.update(f"\0{f}\0{text}".encode())
    cached = _cached_profile(digest.hexdigest()[:24])
    if cached is not None:
        return LanguageProfile(lang, cached)
    data: dict[str, Any] = {}
    origin: dict[str, str] = {}
    for f, text in files:
        try:
            content = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            raise DataError(f"{f}: {exc}") from exc
        _merge(data, content, origin, str(f))
    _cache_profile(digest.hexdigest()[:24], data)
    return LanguageProfile(lang, data)


_PROFILE_CACHE_VERSION = 1  # bump when what is cached changes


def _profile_path(key: str) -> Path:
    from .files import default_cache_dir

    return default_cache_dir() / f"profile-{key}.pickle"


def _cached_profile(key: str) -> dict[str, Any] | None:
    try:
        with open(_profile_path(key), "rb") as fh:
            data = pickle.loads(fh.read())
    except Exception:  # missing, truncated or written by other code: parse the files
        return None
    return data if isinstance(data, dict) else None


def _cache_profile(key: str, data: dict[str, Any]) -> None:
    from .files import write_atomic

    with contextlib.suppress(OSError):  # a cache folder that cannot be written costs only time
        write_atomic(_profile_path(key), pickle.dumps(data, protocol=pickle.HIGHEST_PROTOCOL))


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
