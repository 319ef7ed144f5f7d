from lint.text import fold, fold_aligned, fold_name, fold_phrase, unaccented


def test_fold_sets_case_and_accents_aside():
    assert fold("Sergueï") == fold("SERGUEI") == "serguei"


def test_fold_aligned_keeps_every_offset():
    text = "Vice‑Président d’État İstanbul\u00a0x"
    folded = fold_aligned(text)
    assert len(folded) == len(text)
    assert folded.startswith("vice president d'etat ")
    assert folded[22] == "İ"  # its lower case is two characters: kept as written



def test_fold_aligned_is_one_character_at_a_time():
    # The whole-text lowering and per-character replacements must give what folding each character
    # alone gives, in every script and next to any other character (final sigma, "İ", "K" for Kelvin).
    from lint.text import _ALIGNED

    chars = [chr(c) for c in (*range(0x20, 0x3000), *range(0x1E00, 0x1F00), 0x212A, 0xFB01) if not 0xD800 <= c < 0xE000]
    for k in range(0, len(chars), 97):
        text = "ΣΑΣ x" + "".join(chars[k : k + 97]) + " Ab-c\t\nd"
        assert fold_aligned(text) == "".join(_ALIGNED[ord(c)] for c in text)
        sans = text.replace("Σ", "s").replace("İ", "i")  # the other path: no character folded alone
        assert fold_aligned(sans) == "".join(_ALIGNED[ord(c)] for c in sans)

def test_fold_name_sets_name_styles_aside():
    assert fold_name("Jean-Pierre  O’Donnell") == fold_name("jean pierre o'donnell") == "jean pierre o'donnell"


def test_fold_phrase_keeps_accents():
    assert fold_phrase("À l’Élysée") == "à l'élysée"


def test_unaccented_drops_only_accents():
    assert unaccented("Élysée") == "Elysee"


def test_script_facts_are_consistent():
    from lint import script

    assert set(script.APOSTROPHES) <= set(script.CLOSING_QUOTES)


def test_word_variants_differ_as_documented():
    from lint.text import ALNUM_WORD, LETTER_WORD, LETTERS, WORD_CHARS

    text = "aujourd’hui le G20 à Jean-Marc"
    assert LETTER_WORD.findall(text) == ["aujourd’hui", "le", "G", "à", "Jean-Marc"]
    assert ALNUM_WORD.findall(text) == ["aujourd’hui", "le", "G20", "à", "Jean-Marc"]
    assert LETTERS.findall("Jean-Marc") == ["Jean", "Marc"]
    assert WORD_CHARS.findall("G20_x-1") == ["G20_x", "1"]
