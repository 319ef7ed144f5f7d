"""Rule discovery: every rule comes from the `newslint.rules` entry-point group.

An entry point may name a `Rule`, an iterable of rules, or a module with a `RULES` list.
The engine knows no rule by name: the built-in ones are found the same way as a plugin's.
"""

from __future__ import annotations

import fnmatch
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib.metadata import EntryPoint, entry_points

from .rule import Rule

GROUP = "newslint.rules"


class RegistryError(Exception):
    pass


@dataclass
class Registry:
    rules: dict[str, Rule] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)  # plugins that failed to load

    def add(self, rule: Rule, origin: str = "") -> None:
        if rule.id in self.rules:
            raise RegistryError(f"rule id {rule.id!r} registered twice ({origin})")
        self.rules[rule.id] = rule

    def __iter__(self):
        return iter(sorted(self.rules.values(), key=lambda r: r.id))

    def __len__(self) -> int:
        return len(self.rules)

    def get(self, rule_id: str) -> Rule | None:
        return self.rules.get(rule_id)

    def matching(self, pattern: str) -> list[Rule]:
        """Rules whose id or family matches a pattern ("quotes", "quotes.*", "names.incons*")."""
        return [r for r in self if _matches(r, pattern)]

    def select(self, select: Iterable[str] = (), ignore: Iterable[str] = ()) -> list[Rule]:
        select, ignore = list(select), list(ignore)
        chosen = [r for r in self if not select or any(_matches(r, p) for p in select)]
        return [r for r in chosen if not any(_matches(r, p) for p in ignore)]


def _matches(rule: Rule, pattern: str) -> bool:
    return fnmatch.fnmatchcase(rule.id, pattern) or fnmatch.fnmatchcase(rule.family, pattern)


def _rules_of(obj: object) -> list[Rule]:
    if isinstance(obj, Rule):
        return [obj]
    if hasattr(obj, "RULES"):
        obj = obj.RULES
    if isinstance(obj, Iterable) and not isinstance(obj, (str, bytes)):
        rules = list(obj)
        if all(isinstance(r, Rule) for r in rules):
            return rules
    raise RegistryError("it is not a Rule, a list of rules or a module with RULES")


def discover(eps: Iterable[EntryPoint] | None = None) -> Registry:
    """Load every registered rule; a plugin that fails to load is recorded, not fatal."""
    registry = Registry()
    eps = entry_points(group=GROUP) if eps is None else eps
    for ep in sorted(eps, key=lambda e: (e.name, e.value)):
        try:
            for r in _rules_of(ep.load()):
                registry.add(r, ep.value)
        except Exception as exc:  # a broken plugin must not stop the others
            registry.problems.append(f"plugin {ep.name} ({ep.value}) could not be loaded: {exc}")
    return registry
