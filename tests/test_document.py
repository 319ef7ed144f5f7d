"""The document model: spans in order, covering what they claim, positions that round-trip."""

from hypothesis import given, settings
from hypothesis import strategies as st

from lint.document import Document, Mask, Span, blank_out
from lint.language import load_profile

FR = load_profile("fr").sentence_rules
EN = load_profile("en").sentence_rules

alphabet = st.sampled_from(
    [*list("abcXYZ éÉ.,;:!?«»“”\"'’…\n\n  \t0123456789M"), "\xa0", "\u202f", "Dr.", "M. ", "8 500"]
)
texts = st.lists(alphabet, max_size=300).map("".join)


@settings(max_examples=300, deadline=None)
@given(texts)
def test_spans_are_ordered_and_cover_their_text(text):
    doc = Document(text, "fr", sentence_rules=FR)
    for spans in (doc.paragraphs, doc.sentences, doc.lines):
        for a, b in zip(spans, spans[1:]):
            assert a.end <= b.start
        for s in spans:
            assert 0 <= s.start < s.end <= len(text)
            chunk = doc.slice(s)
            assert chunk == chunk.strip() and chunk
    # every sentence lies inside one paragraph
    for s in doc.sentences:
        p = doc.paragraph_of(s.start)
        assert p is not None and p.start <= s.start and s.end <= p.end
    for t in doc.words:
        assert text[t.start : t.end] == t.text


@settings(max_examples=300, deadline=None)
@given(texts)
def test_positions_round_trip(text):
    doc = Document(text, "fr")
    for offset in range(len(text) + 1):
        line, col = doc.position(offset)
        assert doc.offset(line, col) == offset
        assert text.count("\n", 0, offset) + 1 == line


@given(texts, st.lists(st.tuples(st.integers(0, 300), st.integers(0, 40), st.booleans()), max_size=5))
def test_masking_keeps_length_and_unmasked_text(text, raw_masks):
    masks = [Mask(a, min(a + n, len(text)), b) for a, n, b in raw_masks if a < len(text)]
    view = blank_out(text, masks)
    assert len(view) == len(text)
    covered = {i for m in masks for i in range(m.start, m.end)}
    for i, (orig, seen) in enumerate(zip(text, view)):
        if i not in covered:
            assert orig == seen


def sentences(text, rules=FR):
    doc = Document(text, "fr", sentence_rules=rules)
    return [doc.slice(s) for s in doc.sentences]


def test_abbreviations_and_initials_do_not_end_sentences():
    assert sentences("M. Macron a parlé avec Mme Merkel. Puis il est parti.") == [
        "M. Macron a parlé avec Mme Merkel.",
        "Puis il est parti.",
    ]
    assert sentences("John F. Kennedy was president. He died in 1963.", EN) == [
        "John F. Kennedy was president.",
        "He died in 1963.",
    ]
    assert sentences("Dr. Smith met St. John officials on Monday.", EN) == [
        "Dr. Smith met St. John officials on Monday."
    ]


def test_numbers_decimals_and_ellipses():
    assert sentences("Il y a 8 500 soldats et 2.5 millions d’euros. Voilà.") == [
        "Il y a 8 500 soldats et 2.5 millions d’euros.",
        "Voilà.",
    ]
    assert sentences("Il hésita… puis reprit. Fin.") == ["Il hésita… puis reprit.", "Fin."]


def test_quotes_close_sentences_and_lowercase_starts_are_kept_apart():
    got = sentences("« Je ne sais pas ce qu’il fera. » le président a déclaré. porte-parole du Kremlin il a dit.")
    assert got == ["« Je ne sais pas ce qu’il fera. »", "le président a déclaré.", "porte-parole du Kremlin il a dit."]


def test_a_full_stop_after_a_closing_quotation_mark_ends_the_sentence():
    assert sentences("Il a dit « nous sommes prêts ». Olaf Scholz il a répondu. (Photo). La suite.") == [
        "Il a dit « nous sommes prêts ».",
        "Olaf Scholz il a répondu.",
        "(Photo).",
        "La suite.",
    ]
    assert sentences("He called it “a crisis”. Penny Mordaunt she replied.", EN) == [
        "He called it “a crisis”.",
        "Penny Mordaunt she replied.",
    ]
    # a stray full stop after a quotation, before a lowercase word, ends nothing
    assert sentences("Il a parlé de « crise ». puis il est parti.") == ["Il a parlé de « crise ». puis il est parti."]


def test_maybe_final_abbreviation_needs_a_capital():
    assert sentences("Sanctions, etc. sont prévues. Il y a la Chine, la Russie etc. La suite demain.") == [
        "Sanctions, etc. sont prévues.",
        "Il y a la Chine, la Russie etc.",
        "La suite demain.",
    ]


def test_paragraphs_and_lines():
    doc = Document("Titre\n\nUn paragraphe\nsur deux lignes.\n\n  \nLégende. Photo : EPA\nLégende. Photo : EPA\n")
    assert [doc.slice(p) for p in doc.paragraphs] == [
        "Titre",
        "Un paragraphe\nsur deux lignes.",
        "Légende. Photo : EPA\nLégende. Photo : EPA",
    ]
    assert len(doc.lines) == 5
    assert doc.position(doc.paragraphs[2].start) == (7, 1)


def test_masked_block_separates_paragraphs():
    text = "<p>Un.</p><p>Deux.</p>"
    masks = [Mask(0, 3, True), Mask(6, 10, True), Mask(10, 13, True), Mask(18, 22, True)]
    doc = Document(text, "fr", masks)
    assert [doc.slice(p) for p in doc.paragraphs] == ["Un.", "Deux."]
    assert doc.paragraphs[1] == Span(13, 18)


def test_crlf_paragraphs_and_masked_regions():
    doc = Document("Un.\r\n\r\nDeux.\r\n")
    assert [doc.slice(p) for p in doc.paragraphs] == ["Un.", "Deux."]
    doc = Document("ab **Biden**. x", masks=[Mask(3, 5), Mask(10, 12)])
    assert doc.text == "ab   Biden  . x"
    assert doc.is_masked(10, 13) and doc.is_masked(3, 4)
    assert not doc.is_masked(0, 3) and not doc.is_masked(5, 10) and not doc.is_masked(12, 13)


def test_closing_quote_at_the_end_of_the_text_stays_with_its_sentence():
    assert sentences("Il a dit : « C’est fini. »") == ["Il a dit : « C’est fini. »"]


def test_words_are_one_definition_with_offsets():
    doc = Document("Jean-Marc, 42 ans: l’élu.", "fr")
    assert [w.text for w in doc.words] == ["Jean-Marc", ",", "42", "ans", ":", "l", "’", "élu", "."]
    assert all(doc.text[w.start : w.end] == w.text for w in doc.words)
    assert [w.text for w in doc.words_in(Span(11, 17))] == ["42", "ans"]
