"""Text folding: the one place where case, accents and typographic variants are set aside.

Several foldings exist because their callers need different guarantees, and merging them would
change findings (issue #9 keeps findings identical). Each variant is named for what it keeps:

- `fold`: case and accents aside, for comparing words ("Sergueï" ~ "serguei"). Length may change.
- `fold_aligned`: the same idea one character to one character, so an offset in the folded text is
  the offset in the original (office labels are searched in the whole folded document).
- `fold_name`: `fold` plus apostrophe, hyphen and spacing styles, for keying person names (the
  embedded knowledge cache and Wikipedia lookups are keyed by it: changing it invalidates them).
- `fold_phrase`: case and ’ aside only, accents kept, for the fixed phrases of the gender data.
- `fold_label`: lowercase, ’ as ' and one space between words, for page-furniture labels, compared
  with `lower_aligned` text (lowercase that keeps every offset).
- `fold_passage`: case, quotation-mark, apostrophe and space styles and final punctuation aside, for
  comparing whole lines and paragraphs (a caption and its repeat).
- `unaccented`: accents dropped and the rest kept as written, for finding a word's unaccented twin.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Word patterns for searching a string that is not the document (a line, a key, a folded copy).
# The document's own words are `Document.words`; these variants stay distinct because each rule's
# findings depend on its own (issue #9 keeps findings identical):
# - LETTER_WORD: letters joined across hyphens and apostrophes ("aujourd’hui", "Jean-Marc").
# - ALNUM_WORD: the same with digits as letters ("G20", "Covid-19").
# - LETTERS: a run of letters only, no joins.
# - WORD_CHARS: a run of word characters, the loosest, for keys and counts.
LETTER_WORD = re.compile(r"[^\W\d_]+(?:[-’'][^\W\d_]+)*")
ALNUM_WORD = re.compile(r"[^\W_]+(?:[-’'][^\W_]+)*")
LETTERS = re.compile(r"[^\W\d_]+")
WORD_CHARS = re.compile(r"\w+")

# Apostrophe and hyphen styles that fold to one form; `fold_aligned` needs one character for one.
_APOSTROPHES = {"’": "'", "‘": "'", "ʼ": "'"}
_HYPHENS = ("‐", "‑", "–")


def _strip_marks(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


@lru_cache(maxsize=4096)  # names recur in an article and across articles
def fold(text: str) -> str:
    """`text` without case or accents, for comparing words."""
    return _strip_marks(text.casefold())


_NAME_TABLE = str.maketrans({**_APOSTROPHES, **dict.fromkeys(_HYPHENS, "-"), "\u00a0": " "})


@lru_cache(maxsize=65536)
def fold_name(name: str) -> str:
    """Case, accents, apostrophe and hyphen styles and spacing aside: how names are compared."""
    name = _strip_marks(name.translate(_NAME_TABLE))
    return " ".join(name.casefold().replace("-", " ").split())


def _fold_char(c: str) -> str:
    if c in _APOSTROPHES:
        return _APOSTROPHES[c]
    if c in _HYPHENS or c == "-" or c.isspace():
        return " "
    low = c.lower()
    if len(low) != 1:
        return c  # a character whose lower case is longer ("İ") stays, to keep the length
    return unicodedata.normalize("NFD", low)[0]


class _AlignedTable(dict):
    """A `str.translate` table computed one character at a time, as characters are met."""

    def __missing__(self, code: int) -> str:
        folded = self[code] = _fold_char(chr(code))
        return folded


_ALIGNED = _AlignedTable()
# What `_fold_char` changes in ASCII text once it is lowercased: white space and hyphens.
_ASCII_SPACES = (*(chr(code) for code in range(128) if chr(code).isspace() and code != 32), "-")


def fold_aligned(text: str) -> str:
    """`text` lowercased, without accents, hyphens as spaces: same length, so offsets are kept."""
    if "\u0130" in text or "Σ" in text:
        # "İ" lowercases to two characters, and a final sigma by its context: one at a time
        return text.translate(_ALIGNED)
    # str.translate takes a lookup per character (a third of a millisecond for an article) once the
    # text has one character outside ASCII, as most articles do: the whole text is lowered in C,
    # then each character that folds further is replaced wherever it is, one pass per character.
    low = text.lower()
    for c in _ASCII_SPACES:
        if c in low:
            low = low.replace(c, " ")
    if not low.isascii():
        for c in set(low):
            if c > "\x7f" and (folded := _ALIGNED[ord(c)]) != c:
                low = low.replace(c, folded)
    return low


def fold_phrase(text: str) -> str:
    """`text` case-folded with ' for ’: how fixed phrases are written in the language data."""
    return text.casefold().replace("’", "'")


def unaccented(word: str) -> str:
    """`word` with its accents dropped (and any other non-ASCII character with them)."""
    return unicodedata.normalize("NFD", word).encode("ascii", "ignore").decode()


def fold_label(text: str) -> str:
    """Lowercase, ’ as ', one space between words: how labels and fixed lines are compared."""
    return " ".join(text.lower().replace("’", "'").split())


def without_count(label: str) -> str:
    """A label without the count a page prints after it ("Commentaires (3)", "Comments 12"): how
    many, not what the label says.

    Read from the end, as `[\\s(]*\\d+[)\\s]*$` would match it: that regular expression, tried at
    every digit of a long number not at the end, is quadratic; the three runs here are disjoint, so
    taking each whole from the right finds the same leftmost match."""
    end = len(label)
    while end and (label[end - 1] == ")" or label[end - 1].isspace()):
        end -= 1
    digits = end
    while digits and unicodedata.category(label[digits - 1]) == "Nd":  # what \\d matches
        digits -= 1
    if digits == end:
        return label
    while digits and (label[digits - 1] == "(" or label[digits - 1].isspace()):
        digits -= 1
    return label[:digits]



def lower_aligned(text: str) -> str:
    """`text` in lowercase with ’ as ' and no-break spaces as spaces, offsets unchanged."""
    low = text.lower()
    if len(low) != len(text):  # a letter whose lowercase is longer ("İ"): keep such letters as they are
        low = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
    return low.replace("’", "'").replace("\u00a0", " ").replace("\u202f", " ")


# Apostrophe and quotation-mark styles and special spaces, folded to one of each. (Applied with
# str.replace: str.translate with so small a table fails a lookup on nearly every character.)
_PASSAGE_FOLD = (
    ("’", "'"), ("‘", "'"), ("ʼ", "'"), ("`", "'"), ("´", "'"),
    ("“", '"'), ("”", '"'), ("„", '"'), ("«", '"'), ("»", '"'),
    ("\u00a0", " "), ("\u202f", " "), ("\u2009", " "), ("\u2007", " "),
)
_PASSAGE_TRAILING = " .,;:!?…"


def fold_passage(text: str) -> str:
    """A line or paragraph as it is compared with another: « mot » and "mot" alike, white space as
    single spaces, final punctuation dropped."""
    text = unicodedata.normalize("NFC", text)
    for mark, plain in _PASSAGE_FOLD:
        text = text.replace(mark, plain)
    text = " ".join(text.casefold().split())
    text = text.replace(' "', '"').replace('" ', '"')  # spaces are single now
    return text.rstrip(_PASSAGE_TRAILING)


def source_line(text: str, line: int) -> str | None:
    """Line `line` (1-based) of `text` without its line break, as the engine counts lines (on '\\n')."""
    if not text or line < 1:
        return None
    lines = _lines(text)
    if line > len(lines):
        return None
    return lines[line - 1].removesuffix("\r")


@lru_cache(maxsize=4)
def _lines(text: str) -> list[str]:
    # Reporters ask for a line per finding: splitting the text each time is quadratic in a long
    # article with many findings. The cache hits by identity (and a string caches its hash).
    return text.split("\n")
