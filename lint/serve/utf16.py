"""Code point offsets (newslint's, Python's) to UTF-16 code units (LanguageTool's, Java's and JavaScript's).

A character outside the Basic Multilingual Plane (most emoji, 𝕏) is one code point but two UTF-16
units, so every such character before a position moves it one unit to the right. Combining marks
and other BMP characters are one of each.
"""

from __future__ import annotations

import bisect

_ASTRAL = 0x10000


class Utf16Offsets:
    """Converts offsets into one text; O(log k) a lookup, k the astral characters in the text."""

    def __init__(self, text: str) -> None:
        # Only texts with astral characters need the table: most prose has none (the fast path).
        if len(text.encode("utf-16-le")) == 2 * len(text):
            self._astral: list[int] = []
        else:
            self._astral = [i for i, ch in enumerate(text) if ord(ch) >= _ASTRAL]

    def offset(self, index: int) -> int:
        """The UTF-16 offset of code point offset `index`."""
        return index + bisect.bisect_left(self._astral, index)

    def span(self, start: int, length: int) -> tuple[int, int]:
        """(offset, length) in UTF-16 units of a code point (offset, length)."""
        begin = self.offset(start)
        return begin, self.offset(start + length) - begin


def utf16_len(text: str) -> int:
    """How many UTF-16 code units `text` is."""
    return len(text.encode("utf-16-le")) // 2
