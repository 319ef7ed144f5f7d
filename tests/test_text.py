from lint.text import fold, fold_aligned, fold_name, fold_phrase, unaccented


def test_fold_sets_case_and_accents_aside():
    assert fold("Sergueï") == fold("SERGUEI") == "serguei"


def test_fold_aligned_keeps_every_offset():
    text = "Vice‑Président d’État İstanbul\u00a0x"
    folded = fold_aligned(text)
    assert len(folded) == len(text)
    assert folded.startswith("vice president d'etat ")
    assert folded[22] == "İ"  # its lower case is two characters: kept as written


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
