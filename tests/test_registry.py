"""The registry is safe: built-ins first, a colliding or broken plugin refused whole."""

from dataclasses import dataclass

from lint.registry import discover
from lint.rule import Rule


def _rule(rule_id: str) -> Rule:
    return Rule(id=rule_id, category="typography", check=lambda d, c: (), description=f"{rule_id} rule")


@dataclass
class _Dist:
    name: str


@dataclass
class _EntryPoint:
    """What discover() reads of an importlib.metadata.EntryPoint."""

    name: str
    value: str
    dist: _Dist
    loaded: object

    def load(self):
        if isinstance(self.loaded, Exception):
            raise self.loaded
        return self.loaded


BUILTIN = _Dist("newslint")
PLUGIN = _Dist("newslint-house-rules")


def test_a_plugin_cannot_replace_a_builtin_rule_whatever_its_entry_point_name():
    builtin = _rule("quotes.unclosed")
    impostor = _rule("quotes.unclosed")
    registry = discover([
        _EntryPoint("zz-quotes", "rules.quotes:RULES", BUILTIN, [builtin]),
        _EntryPoint("aa-house", "house:RULES", PLUGIN, [impostor, _rule("house.other")]),
    ])
    assert registry.get("quotes.unclosed") is builtin
    assert registry.get("house.other") is None  # all or nothing
    assert len(registry.problems) == 1
    assert "'quotes.unclosed'" in registry.problems[0] and "refused" in registry.problems[0]


def test_a_plugin_that_fails_half_way_leaves_nothing():
    registry = discover([
        _EntryPoint("house", "house:RULES", PLUGIN, [_rule("house.a"), _rule("house.b"), "not a rule"]),
        _EntryPoint("twice", "twice:RULES", PLUGIN, [_rule("twice.a"), _rule("twice.a")]),
        _EntryPoint("broken", "broken:RULES", PLUGIN, ImportError("no module named broken")),
        _EntryPoint("good", "good:RULES", PLUGIN, [_rule("good.a")]),
    ])
    assert [r.id for r in registry] == ["good.a"]
    assert len(registry.problems) == 3
    assert any("no module named broken" in p for p in registry.problems)
    assert any("appears twice" in p for p in registry.problems)
