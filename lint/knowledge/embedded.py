"""The embedded knowledge base: a versioned snapshot of public officials, readable TOML in
`data/`, compiled on first use into dictionaries keyed by normalised name."""

from __future__ import annotations

import datetime as dt
import sys
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from functools import cache
from importlib import resources
from typing import Any

from .model import Office, Person

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

_FOLD = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "‐": "-", "‑": "-", "–": "-", "\u00a0": " "})


def normalise(name: str) -> str:
    """Case, accents, apostrophe and hyphen styles and spacing aside: how names are compared."""
    name = unicodedata.normalize("NFKD", name.translate(_FOLD))
    name = "".join(c for c in name if not unicodedata.combining(c))
    return " ".join(name.casefold().replace("-", " ").split())


class KnowledgeDataError(Exception):
    pass


class EmbeddedKnowledge:
    """Lookups over the bundled snapshot; no network, no disk writes."""

    name = "embedded"

    def __init__(self, people: list[Person], roles: dict[str, Any], meta: dict[str, Any]) -> None:
        self.people = people
        self.roles = roles
        self.meta = meta
        self.by_id = {p.id: p for p in people}
        self._by_name: dict[str, list[Person]] = defaultdict(list)
        self._by_surname: dict[str, list[Person]] = defaultdict(list)
        for p in people:
            for n in p.all_names():
                key = normalise(n)
                if p not in self._by_name[key]:
                    self._by_name[key].append(p)
            for lang in p.names:
                key = normalise(p.surname(lang))
                if p not in self._by_surname[key]:
                    self._by_surname[key].append(p)
        self._choices = list(self._by_name)

    @property
    def snapshot(self) -> str:
        return str(self.meta.get("snapshot", "unknown"))

    # -- the KnowledgeSource interface ------------------------------------------------------
    def find_person(self, name: str, lang: str) -> Person | None:
        found = self._by_name.get(normalise(name))
        return found[0] if found and len(found) == 1 else (found[0] if found else None)

    def people_named(self, name: str) -> list[Person]:
        return list(self._by_name.get(normalise(name), ()))

    def people_with_surname(self, surname: str) -> list[Person]:
        return list(self._by_surname.get(normalise(surname), ()))

    def suggest(self, name: str, lang: str, limit: int = 5) -> list[tuple[Person, float]]:
        from rapidfuzz import fuzz, process

        best: dict[str, tuple[Person, float]] = {}
        for key, score, _ in process.extract(normalise(name), self._choices, scorer=fuzz.ratio, limit=limit * 3):
            for p in self._by_name[key]:
                if p.id not in best or best[p.id][1] < score:
                    best[p.id] = (p, float(score))
        return sorted(best.values(), key=lambda ps: (-ps[1], ps[0].id))[:limit]

    def holders_of(self, role: str, of: str, on: dt.date) -> list[Person]:
        return [p for p in self.people if any(o.role == role and o.of == of and o.held_on(on) for o in p.offices)]

    def role_names(self, role: str, of: str | None, lang: str) -> list[str]:
        entry = self.roles.get(role, {})
        names = list(entry.get(of, {}).get(lang, [])) if of else []
        return names + [n for n in entry.get(lang, []) if n not in names]

    def prefetch(self, names: Iterable[str], lang: str) -> None:
        return None


def _person(raw: dict[str, Any], where: str) -> Person:
    try:
        offices = tuple(
            Office(
                role=o["role"],
                of=o["of"],
                start=o.get("start"),
                end=o.get("end"),
                to=o.get("to"),
                acting=bool(o.get("acting", False)),
            )
            for o in raw.get("offices", [])
        )
        return Person(
            id=raw["id"],
            gender=raw.get("gender"),
            names=dict(raw["names"]),
            aliases=tuple(raw.get("aliases", ())),
            offices=offices,
            qid=raw.get("qid"),
            surname_override=raw.get("surname"),
            family_first=bool(raw.get("family_first", False)),
        )
    except (KeyError, TypeError) as exc:
        raise KnowledgeDataError(f"{where}: person {raw.get('id', '?')!r}: missing or bad {exc}") from None


def _read(name: str) -> dict[str, Any]:
    f = resources.files(__package__) / "data" / name
    return tomllib.loads(f.read_text(encoding="utf-8"))


@cache
def load() -> EmbeddedKnowledge:
    """Parse and index the snapshot once per process."""
    data_dir = resources.files(__package__) / "data"
    people: list[Person] = []
    seen: set[str] = set()
    for f in sorted(
        (c for c in data_dir.iterdir() if c.name.startswith("people") and c.name.endswith(".toml")),
        key=lambda c: c.name,
    ):
        for raw in tomllib.loads(f.read_text(encoding="utf-8")).get("person", []):
            p = _person(raw, f.name)
            if p.id in seen:  # one person entered in two regional files: keep the first
                continue
            seen.add(p.id)
            people.append(p)
    roles = _read("roles.toml") if (data_dir / "roles.toml").is_file() else {}
    meta = _read("meta.toml") if (data_dir / "meta.toml").is_file() else {}
    return EmbeddedKnowledge(people, roles, meta)
