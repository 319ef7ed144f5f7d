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


DIST = "newslint"


def _is_builtin(ep: EntryPoint) -> bool:
    dist = getattr(ep, "dist", None)
    return dist is not None and getattr(dist, "name", None) == DIST


def discover(eps: Iterable[EntryPoint] | None = None) -> Registry:
    """Load every registered rule; a plugin that fails to load is recorded, not fatal.

    The entry points of the newslint distribution itself (the built-in rules) are loaded first, then
    the plugins. A plugin is all-or-nothing: its rules are collected and validated (ids unique among
    themselves and against the registry) before any is added, so a colliding plugin rule is refused,
    the rule already registered (a built-in first of all) is kept, and none of that plugin's rules stay.
    """
    registry = Registry()
    eps = entry_points(group=GROUP) if eps is None else eps
    ordered = sorted(eps, key=lambda e: (not _is_builtin(e), e.name, e.value))
    for ep in ordered:
        try:
            rules = _rules_of(ep.load())
        except Exception as exc:  # a broken plugin must not stop the others
            registry.problems.append(f"plugin {ep.name} ({ep.value}) could not be loaded: {exc}")
            continue
        clash = _clash(registry, rules, ep)
        if clash:
            registry.problems.append(f"plugin {ep.name} ({ep.value}) refused, none of its rules added: {clash}")
            continue
        for r in rules:
            registry.add(r, ep.value)
    return registry


def _clash(registry: Registry, rules: list[Rule], ep: EntryPoint) -> str:
    """Why these rules cannot all be added, or "" when they can."""
    seen: set[str] = set()
    for r in rules:
        if r.id in seen:
            return f"rule id {r.id!r} appears twice in {ep.value}"
        seen.add(r.id)
        old = registry.get(r.id)
        if old is not None:
            return (f"rule id {r.id!r} of {ep.value} collides with the already registered rule "
                    f"{old.id!r} ({old.check.__module__}.{old.check.__name__}), which is kept")
    return ""
