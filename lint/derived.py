"""One way to keep what is compiled from data: an object that holds data (a language profile, the
knowledge) builds each derived value once, under a key that names it, and keeps it as long as itself.

Nothing is keyed on `id()` or held in a module-level table, so a value can never outlive the data it
was built from nor be served for other data that reuses its address.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any, TypeVar

T = TypeVar("T")
S = TypeVar("S", bound="Derived")


class Derived:
    """A mixin: `self.derive(key, build)` is `build(self)`, computed the first time only."""

    _derived: dict[Hashable, Any]

    def derive(self: S, key: Hashable, build: Callable[[S], T]) -> T:
        """What a caller compiles from this object's data (patterns, sets), built once per object."""
        cache = self.__dict__.setdefault("_derived", {})
        if key not in cache:
            cache[key] = build(self)
        return cache[key]
