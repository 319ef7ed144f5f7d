"""Configuration: a `[newslint]` section in newslint.cfg, .newslint.cfg or setup.cfg, found from the
input's folder upward, then command-line options on top.

    [newslint]
    select = quotes, duplicates, names.*
    ignore = typography.doubled-space
    severity =
        names.misspelling = error
        typography.* = info
    language = fr
    fail-on = warning
    allow-names = Bidn, Ce Jinping
    knowledge = embedded
    cache-dir = .newslint-cache
    max-bytes = 5000000
"""

from __future__ import annotations

import configparser
import dataclasses
import datetime as dt
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .rule import SEVERITIES

FILENAMES = ("newslint.cfg", ".newslint.cfg", "setup.cfg")
SECTION = "newslint"
KNOWLEDGE_MODES = ("embedded", "wikipedia", "off")
FAIL_ON = (*SEVERITIES, "never")
DEFAULT_USER_AGENT = "newslint/0.1 (https://pypi.org/project/newslint/; set user-agent in your config)"


class ConfigError(Exception):
    """A configuration value that cannot be used; the message names the file, line and value."""


@dataclass(frozen=True)
class Config:
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severity: tuple[tuple[str, str], ...] = ()  # (rule pattern, severity), later wins
    language: str | None = None
    fail_on: str = "warning"
    allow_names: frozenset[str] = frozenset()
    knowledge: str = "embedded"
    cache_dir: str | None = None
    cache_ttl: int = 7 * 24 * 3600
    max_bytes: int = 20_000_000
    user_agent: str = DEFAULT_USER_AGENT
    mediawiki_url: str = "https://{lang}.wikipedia.org/w/api.php"
    wikidata_url: str = "https://www.wikidata.org/w/api.php"
    date: dt.date | None = None  # check claims as of this date instead of the article's
    offline: bool = False  # online sources answer from their cache only, never the network
    # key -> "file:line" for error messages about values checked later (rule ids)
    origins: dict[str, str] = field(default_factory=dict, compare=False, hash=False)

    def replace(self, **changes: Any) -> Config:
        return dataclasses.replace(self, **changes)

    def severity_of(self, rule_id: str, default: str) -> str:
        if not self.severity:
            return default  # asked for every rule of every article: most runs set no severity
        from fnmatch import fnmatchcase

        chosen = default
        for pattern, level in self.severity:
            if fnmatchcase(rule_id, pattern) or fnmatchcase(rule_id.split(".")[0], pattern):
                chosen = level
        return chosen

    def check_rule_ids(self, known: Iterable[str]) -> None:
        """Every pattern in select/ignore/severity must name at least one known rule or family."""
        from fnmatch import fnmatchcase

        known = list(known)
        families = {k.split(".")[0] for k in known}
        checks = [("select", p) for p in self.select] + [("ignore", p) for p in self.ignore]
        checks += [("severity", p) for p, _ in self.severity]
        for key, pattern in checks:
            if not any(fnmatchcase(k, pattern) for k in known) and not any(fnmatchcase(f, pattern) for f in families):
                where = self.origins.get(key, "command line")
                raise ConfigError(f"{where}: {key}: unknown rule or family {pattern!r} (see `newslint rules`)")


def _split_list(value: str) -> tuple[str, ...]:
    return tuple(v.strip() for v in re.split(r"[,\n]", value) if v.strip())


def _line_of(text: str, key: str) -> int:
    m = re.search(rf"^[ \t]*{re.escape(key)}[ \t]*[=:]", text, re.M)
    return text.count("\n", 0, m.start()) + 1 if m else 0


def _parse_size(value: str) -> int:
    m = re.fullmatch(r"\s*(\d+)\s*([kKmMgG]?)[bB]?\s*", value)
    if not m:
        raise ValueError
    return int(m.group(1)) * {"": 1, "k": 1024, "m": 1024**2, "g": 1024**3}[m.group(2).lower()]


def _parse_duration(value: str) -> int:
    m = re.fullmatch(r"\s*(\d+)\s*([smhd]?)\s*", value)
    if not m:
        raise ValueError
    return int(m.group(1)) * {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}[m.group(2)]


def _parse_severity(value: str) -> tuple[tuple[str, str], ...]:
    pairs = []
    for item in _split_list(value):
        pattern, sep, level = item.partition("=") if "=" in item else item.partition(":")
        level = level.strip()
        if not sep or level not in SEVERITIES:
            raise ValueError(item)
        pairs.append((pattern.strip(), level))
    return tuple(pairs)


def _choice(options: tuple[str, ...]):
    def parse(value: str) -> str:
        value = value.strip()
        if value not in options:
            raise ValueError
        return value

    parse.expected = " or ".join(options)  # type: ignore[attr-defined]
    return parse


def _date(value: str) -> dt.date:
    return dt.date.fromisoformat(value.strip())


def _boolean(value: str) -> bool:
    value = value.strip().lower()
    if value not in ("true", "false", "yes", "no", "on", "off", "1", "0"):
        raise ValueError
    return value in ("true", "yes", "on", "1")


_boolean.expected = "true or false"  # type: ignore[attr-defined]


def _language(value: str) -> str:
    value = value.strip()
    if not re.fullmatch(r"[a-z]{2,3}", value):
        raise ValueError
    return value


# key in the file -> (field name, parser)
KEYS: dict[str, tuple[str, Any]] = {
    "select": ("select", _split_list),
    "ignore": ("ignore", _split_list),
    "severity": ("severity", _parse_severity),
    "language": ("language", _language),
    "fail-on": ("fail_on", _choice(FAIL_ON)),
    "allow-names": ("allow_names", lambda v: frozenset(n.casefold() for n in _split_list(v))),
    "knowledge": ("knowledge", _choice(KNOWLEDGE_MODES)),
    "cache-dir": ("cache_dir", lambda v: v.strip()),
    "cache-ttl": ("cache_ttl", _parse_duration),
    "max-bytes": ("max_bytes", _parse_size),
    "user-agent": ("user_agent", lambda v: v.strip()),
    "mediawiki-url": ("mediawiki_url", lambda v: v.strip()),
    "wikidata-url": ("wikidata_url", lambda v: v.strip()),
    "date": ("date", _date),
    "offline": ("offline", _boolean),
}
_EXPECTED = {
    "severity": "'rule = error|warning|info' pairs",
    "language": "a language code such as fr",
    "max-bytes": "a size such as 5000000 or 5M",
    "cache-ttl": "a duration such as 3600, 12h or 7d",
    "date": "a date as YYYY-MM-DD",
}


def parse_values(values: dict[str, str], where: str, text: str = "", base: Config | None = None) -> Config:
    """Build a Config from raw key/values; `where` and `text` locate errors."""
    changes: dict[str, Any] = {}
    origins = dict(base.origins) if base else {}
    for key, raw in values.items():
        line = _line_of(text, key) if text else 0
        here = f"{where}:{line}" if line else where
        if key not in KEYS:
            raise ConfigError(f"{here}: unknown key {key!r} (known: {', '.join(sorted(KEYS))})")
        name, parse = KEYS[key]
        try:
            changes[name] = parse(raw)
        except ValueError:
            expected = getattr(parse, "expected", None) or _EXPECTED.get(key, "another value")
            raise ConfigError(f"{here}: {key}: bad value {raw.strip()!r} (expected {expected})") from None
        origins[key] = here
    if "cache_dir" in changes and where != "command line":
        changes["cache_dir"] = str((Path(where).parent / changes["cache_dir"]).resolve())
    return (base or Config()).replace(**changes, origins=origins)


def read_file(path: Path, base: Config | None = None) -> Config | None:
    """The [newslint] section of one file, or None if it has none."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read: {exc}") from None
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    try:
        parser.read_string(text, source=str(path))
    except configparser.Error as exc:
        raise ConfigError(f"{path}: {str(exc).splitlines()[0]}") from None
    if not parser.has_section(SECTION):
        return None
    return parse_values(dict(parser.items(SECTION)), str(path), text, base)


def find_file(start: Path) -> Path | None:
    """The nearest configuration file from `start` upward (setup.cfg only with a [newslint] section)."""
    directory = start if start.is_dir() else start.parent
    directory = directory.resolve()
    for d in (directory, *directory.parents):
        for name in FILENAMES:
            candidate = d / name
            if candidate.is_file() and (name != "setup.cfg" or _has_section(candidate)):
                return candidate
    return None


def _has_section(path: Path) -> bool:
    try:
        return re.search(rf"^\[{SECTION}\]", path.read_text(encoding="utf-8", errors="replace"), re.M) is not None
    except OSError:
        return False


class ConfigResolver:
    """The configuration for each input: the file nearest to it, then the command line on top."""

    def __init__(
        self,
        overrides: dict[str, str] | None = None,
        explicit: Path | None = None,
        known_rules: Iterable[str] | None = None,
    ) -> None:
        self.overrides = {k: v for k, v in (overrides or {}).items() if v is not None}
        self.explicit = explicit
        self.known_rules = list(known_rules) if known_rules is not None else None
        self._by_file: dict[Path | None, Config] = {}
        self._file_of_dir: dict[Path, Path | None] = {}

    def for_path(self, path: str | os.PathLike[str] | None) -> Config:
        """Each configuration file is found, read and checked once per run, not once per article."""
        cfg_file = self.explicit or self._file_for(Path(path) if path else Path.cwd())
        if cfg_file not in self._by_file:
            base = read_file(cfg_file) if cfg_file else None
            cfg = parse_values(self.overrides, "command line", base=base or Config())
            if self.known_rules is not None:
                cfg.check_rule_ids(self.known_rules)
            self._by_file[cfg_file] = cfg
        return self._by_file[cfg_file]

    def _file_for(self, path: Path) -> Path | None:
        directory = path if path.is_dir() else path.parent
        if directory not in self._file_of_dir:
            self._file_of_dir[directory] = find_file(directory)
        return self._file_of_dir[directory]
