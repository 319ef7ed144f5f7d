"""What every registered rule promises: a unique well-formed id, a known category, a family module."""

from collections import Counter

from lint.engine import default_registry
from lint.rule import CATEGORIES, SEVERITIES, Rule

REGISTRY = default_registry()


def test_rules_are_rules_with_unique_ids():
    rules = list(REGISTRY)
    assert rules and all(isinstance(r, Rule) for r in rules)
    ids = Counter(r.id for r in rules)
    assert [i for i, n in ids.items() if n > 1] == []


def test_categories_severities_and_descriptions():
    for r in REGISTRY:
        assert r.category in CATEGORIES, r.id
        assert r.severity in SEVERITIES, r.id
        assert r.summary, r.id
        assert "." in r.id and r.id == r.id.lower(), r.id


def test_each_family_lives_in_its_own_module():
    modules: dict[str, set[str]] = {}
    for r in REGISTRY:
        modules.setdefault(r.family, set()).add(r.check.__module__)
    assert all(len(m) == 1 for m in modules.values()), modules
