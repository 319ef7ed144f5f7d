"""Knowledge about people: one interface, several sources layered so the first that knows answers.

The embedded snapshot answers first and needs no network; Wikipedia and Wikidata fill in what it
does not know when the configuration asks for them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Protocol

from .model import Office, Person

__all__ = ["Knowledge", "KnowledgeSource", "Office", "Person"]


class KnowledgeSource(Protocol):
    name: str

    def find_person(self, name: str, lang: str) -> Person | None:
        """The person known under exactly this name (case and accents aside), if any."""

    def suggest(self, name: str, lang: str, limit: int = 5) -> list[tuple[Person, float]]:
        """People whose name is close to `name`, with a similarity score in 0..100, best first."""

    def holders_of(self, role: str, of: str, on: dt.date) -> list[Person]:
        """Who held `role` of `of` on a date."""

    def role_names(self, role: str, of: str | None, lang: str) -> list[str]:
        """How `lang` names a role (for one jurisdiction when it has its own name)."""

    def prefetch(self, names: Iterable[str], lang: str) -> None:
        """Look many names up at once (sources with a network round trip batch them)."""


class Knowledge:
    """Sources in order of trust; the first that answers wins."""

    def __init__(self, sources: Sequence[KnowledgeSource]) -> None:
        self.sources = list(sources)

    def find_person(self, name: str, lang: str) -> Person | None:
        for s in self.sources:
            p = s.find_person(name, lang)
            if p is not None:
                return p
        return None

    def suggest(self, name: str, lang: str, limit: int = 5) -> list[tuple[Person, float]]:
        for s in self.sources:
            found = s.suggest(name, lang, limit)
            if found:
                return found
        return []

    def holders_of(self, role: str, of: str, on: dt.date) -> list[Person]:
        for s in self.sources:
            found = s.holders_of(role, of, on)
            if found:
                return found
        return []

    def role_names(self, role: str, of: str | None, lang: str) -> list[str]:
        for s in self.sources:
            found = s.role_names(role, of, lang)
            if found:
                return found
        return []

    def prefetch(self, names: Iterable[str], lang: str) -> None:
        names = list(names)
        for s in self.sources:
            s.prefetch(names, lang)
