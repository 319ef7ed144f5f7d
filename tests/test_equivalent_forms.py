"""Faster forms of a definition give what the definition gives: tokens read by a split rather than
match by match, patterns whose look-behind is written after their first character, the garbage
collector settled once per process. Findings must not change with speed work (issue #9)."""

import gc
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from lint import collector
from lint.annotate.offices import Words
from lint.document import _END_CANDIDATE, _WORD, Document
from lint.text import WORD_CHARS, fold_aligned
from rules.typography import _TWO_HUMPS

alphabet = st.sampled_from(
    [*list("abcXYZ éÉßÀ.,;:!?«»“”\"'’…-_\n\n  \t0123456789M@#/"), "\xa0", "\u202f", "İ", "ﬁ", "Dr.", "!!!", "PayPal"]
)
texts = st.lists(alphabet, max_size=200).map("".join)

# The definitions, as they were written before the faster forms.
_END_CANDIDATE_DEFINITION = re.compile(r"(?<![.!?…])[.!?…]+(?:[ \u00a0\u202f]?[»”])?[\"'’“)\]]*(?=\s|$)")
_TWO_HUMPS_DEFINITION = re.compile(
    r"(?<![\w@#/.’'-])([A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ]{2,})([A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ]{2,})(?![\w’'-])"
)


@settings(max_examples=300, deadline=None)
@given(texts)
def test_document_words_are_the_word_pattern_matches(text):
    doc = Document(text, "fr")
    expected = [(m.start(), m.end(), m.group()) for m in _WORD.finditer(doc.text)]
    assert [tuple(w) for w in doc.words] == expected
    assert doc.word_starts == [w.start for w in doc.words]
    assert doc.word_ends == [w.end for w in doc.words]
    assert doc.folded_words == [w.text.casefold() for w in doc.words]


@settings(max_examples=300, deadline=None)
@given(texts)
def test_folded_words_of_offices_are_the_word_matches(text):
    folded = fold_aligned(text)
    words = Words.of(folded)
    found = list(WORD_CHARS.finditer(folded))
    assert (words.starts, words.ends, words.texts) == (
        [m.start() for m in found],
        [m.end() for m in found],
        [m.group() for m in found],
    )


@settings(max_examples=300, deadline=None)
@given(texts)
def test_patterns_with_the_look_behind_after_their_first_character(text):
    for fast, definition in ((_END_CANDIDATE, _END_CANDIDATE_DEFINITION), (_TWO_HUMPS, _TWO_HUMPS_DEFINITION)):
        assert [(m.span(), m.groups()) for m in fast.finditer(text)] == [
            (m.span(), m.groups()) for m in definition.finditer(text)
        ]


def test_the_collector_is_settled_once():
    collector.settle()
    threshold, frozen = gc.get_threshold(), gc.get_freeze_count()
    assert threshold[0] == collector.YOUNG_THRESHOLD
    collector.settle()  # a second call changes nothing
    assert gc.get_threshold() == threshold and gc.get_freeze_count() == frozen


def _reader_definition(words: list[str]) -> re.Pattern[str]:
    """residue's reader pattern as first written: the look-behinds before each alternation."""
    from lint.language import alternation

    lower = [w for w in words if w == w.lower()]
    cased = [w for w in words if w != w.lower()]
    return re.compile(
        rf"(?<!\w)(?i:{alternation(lower)})(?!\w)|(?:(?<=\w )|(?<=\w, ))(?:{alternation(cased)})(?!\w)"
    )


READER_WORDS = ["vous pouvez", "Votre adresse", "you can", "Your email", "abonnez-vous"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from([*READER_WORDS, "x", "Le", ",", " ", ", ", "é", "\n", "a1", "’", "VOUS"]), max_size=12))
def test_the_reader_pattern_with_its_look_behinds_after_the_first_character(parts):
    from rules.residue import _reader_pattern

    text = " ".join(parts)
    fast, definition = _reader_pattern(READER_WORDS), _reader_definition(READER_WORDS)
    assert [m.span() for m in fast.finditer(text)] == [m.span() for m in definition.finditer(text)]
