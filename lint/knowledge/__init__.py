"""Knowledge about people: one interface, several sources layered so the first that knows answers.

The embedded snapshot answers first and needs no network; Wikipedia and Wikidata fill in what it
does not know when the configuration asks for them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Protocol

from ..derived import Derived
from .model import Office, Person

__all__ = ["Knowledge", "KnowledgeSource", "Office", "Person"]

# A suggestion this close is one the rules act on: later (slower) sources are not asked.
GOOD_SUGGESTION = 80.0


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


class Knowledge(Derived):
    """Sources in order of trust; the first that answers wins."""

    def __init__(self, sources: Sequence[KnowledgeSource]) -> None:
        self.sources = list(sources)
        self._consults_wikipedia: bool | None = None

    def find_person(self, name: str, lang: str) -> Person | None:
        for s in self.sources:
            p = s.find_person(name, lang)
            if p is not None:
                return p
        return None

    def suggest(self, name: str, lang: str, limit: int = 5) -> list[tuple[Person, float]]:
        """The best suggestions of the sources, asked in order until one has a close enough one
        (a later source may cost a network request)."""
        best: dict[str, tuple[Person, float]] = {}
        for s in self.sources:
            for p, score in s.suggest(name, lang, limit):
                key = p.qid or p.id
                if key not in best or best[key][1] < score:
                    best[key] = (p, score)
            if best and max(score for _, score in best.values()) >= GOOD_SUGGESTION:
                break
        return sorted(best.values(), key=lambda ps: (-ps[1], ps[0].id))[:limit]

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
        """Each source looks up, in one batch, the names the sources before it do not know."""
        pending = list(dict.fromkeys(names))
        for s in self.sources:
            if not pending:
                break
            s.prefetch(pending, lang)
            pending = [n for n in pending if s.find_person(n, lang) is None]

    @property
    def fixed_answers(self) -> bool:
        """Whether every source answers from data fixed for the life of the process (the embedded
        snapshot): a caller may then keep an answer for every later article, where an online source
        may have something new to say to each article."""
        return all(getattr(s, "fixed_answers", False) for s in self.sources)

    @property
    def needs_prefetch(self) -> bool:
        """Whether a source gains from `prefetch` (the engine then gathers the names first)."""
        return any(getattr(s, "needs_prefetch", False) for s in self.sources)

    @property
    def consults_wikipedia(self) -> bool:
        """True when an online source is in the layers and working for the current article, so that
        "no source knows this name" means something."""
        if self._consults_wikipedia is not None:
            return self._consults_wikipedia
        return any(getattr(s, "consults_wikipedia", False) for s in self.sources)

    @consults_wikipedia.setter
    def consults_wikipedia(self, value: bool) -> None:
        self._consults_wikipedia = value

    def drain_notices(self) -> list[tuple[str, str]]:
        """(level, message) pairs the sources have for the current article (what could not be checked)."""
        out: list[tuple[str, str]] = []
        for s in self.sources:
            drain = getattr(s, "drain_notices", None)
            if drain is not None:
                out.extend(drain())
        return out

    def close(self) -> None:
        for s in self.sources:
            close = getattr(s, "close", None)
            if close is not None:
                close()

    # Lookups only some sources offer (the embedded snapshot does): the first source that has the
    # method and finds something answers.
    def _optional(self, method: str, *args: object) -> list:
        for s in self.sources:
            fn = getattr(s, method, None)
            if fn is not None:
                found = fn(*args)
                if found:
                    return found
        return []

    def people_named(self, name: str) -> list[Person]:
        """Everyone known under exactly this name (case and accents aside)."""
        return self._optional("people_named", name)

    def people_with_surname(self, surname: str) -> list[Person]:
        return self._optional("people_with_surname", surname)

    def people_with_word(self, word: str) -> list[Person]:
        """People one of whose names contains this word."""
        return self._optional("people_with_word", word)

    def close_surnames(self, word: str, max_distance: int) -> list[tuple[str, int]]:
        """Known surnames (normalised) within `max_distance` edits of `word`, nearest first."""
        return self._optional("close_surnames", word, max_distance)

    def possible_holders(self, role: str, of: str, on: dt.date) -> list[tuple[Person, bool]]:
        """Who held or may have held an office on a date, True where the dates are certain."""
        return self._optional("possible_holders", role, of, on)

    @property
    def facts_checked_to(self) -> dt.date | None:
        """The day up to which the first source with a snapshot verified who holds which office now
        (meta.toml): past it, a tenure with no end says nothing."""
        for s in self.sources:
            value = (getattr(s, "meta", None) or {}).get("facts_checked_to")
            if value:
                return dt.date.fromisoformat(str(value))
        return None

    def sole_holder(self, role: str, of: str, on: dt.date) -> Person | None:
        """The one person who certainly held an office on a day, when no one else may have; None when
        the dates cannot tell (coarse dates, a tenure ending or starting that day)."""
        possible = self.possible_holders(role, of, on)
        return possible[0][0] if len(possible) == 1 and possible[0][1] else None

    def verified(self, person: Person, role: str, of: str, on: dt.date) -> bool:
        """Is the person's tenure of the office on that day within what the snapshot verified? A tenure
        with no end says nothing past `facts_checked_to`: the snapshot may not know a successor."""
        checked = self.facts_checked_to
        if checked is None or on <= checked:
            return True
        return not any(o.role == role and o.of == of and o.end is None for o in person.offices)

    @property
    def roles(self) -> dict:
        """The office names (roles.toml) of the first source that has them."""
        for s in self.sources:
            roles = getattr(s, "roles", None)
            if roles:
                return roles
        return {}
