"""One way to keep what is compiled from data: an object that holds data (a language profile, the
knowledge) builds each derived value once, under a key that names it, and keeps it as long as itself.

Nothing is keyed on `id()` or held in a module-level table, so a value can never outlive the data it
was built from nor be served for other data that reuses its address.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any, Generic, TypeVar

T = TypeVar("T")
S = TypeVar("S", bound="Derived")
K = TypeVar("K", bound=Hashable)


class Derived:
    """A mixin: `self.derive(key, build)` is `build(self)`, computed the first time only."""

    _derived: dict[Hashable, Any]

    def derive(self: S, key: Hashable, build: Callable[[S], T]) -> T:
        """What a caller compiles from this object's data (patterns, sets), built once per object."""
        cache = self.__dict__.setdefault("_derived", {})
        if key not in cache:
            cache[key] = build(self)
        return cache[key]


class Answers(dict, Generic[K, T]):
    """A function's answers by argument, computed on the first question (a dictionary that fills
    itself: `answers[x]` is `function(x)`), at most `limit` of them (then it starts afresh: a text of
    a million different words must not keep them all). For questions about one word asked of most
    words of every article: a hit is one dictionary lookup in C. Threads may ask at once: they
    compute the same answer."""

    def __init__(self, function: Callable[[K], T], limit: int = 100_000) -> None:
        super().__init__()
        self.function = function
        self.limit = limit

    def __missing__(self, key: K) -> T:
        if len(self) >= self.limit:
            self.clear()
        answer = self[key] = self.function(key)
        return answer
