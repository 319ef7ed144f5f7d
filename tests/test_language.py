"""language.untranslated: other scripts, and passages in another language found by a cheap test first."""

import pytest

from lint import Config, check_text, langid
from lint.language import load_profile

CFG = Config(knowledge="off", select=("language",))
ENGLISH = ("The security of Ukraine is linked to the security of its neighbors, and we have to talk about "
           "security across Europe today.")


def found(text, lang):
    return [f.text for f in check_text(text, lang, CFG)]


@pytest.mark.parametrize("lang", ["fr", "de", "es"])
def test_an_english_passage_in_another_language(lang):
    intro = {"fr": "Le ministre a parlé mardi à Paris.", "de": "Der Minister sprach am Dienstag in Paris.",
             "es": "El ministro habló el martes en París."}[lang]
    assert found(f"{intro}\n{ENGLISH}", lang) == [ENGLISH]


def test_an_english_sentence_inside_a_french_paragraph():
    text = f"Le ministre a parlé mardi à Paris devant la presse. {ENGLISH} Il a ensuite quitté la salle."
    assert found(text, "fr") == [ENGLISH]


def test_words_in_another_script_but_not_symbols_nor_glosses():
    text = "Il a cité Καθημερινή et Единая Россия. Le variant α, la constante π et Zelensky (Зеленський)."
    assert found(text, "fr") == ["Καθημερινή", "Единая Россия"]


def test_a_word_mixing_scripts_is_reported():
    assert found("Le président Pоutine a parlé.", "fr") == ["Pоutine"]  # a Cyrillic о


def test_names_titles_and_short_lines_are_left_alone():
    text = ("Emmanuel Macron, Olaf Scholz, Joe Biden, Boris Johnson\n"
            "Il a lu « The Old Man and the Sea » et cité le « Wall Street Journal » à Paris.\n"
            "Photo : Associated Press\n"
            "Voir https://www.example.com/the-security-of-ukraine-is-linked-to-its-neighbors pour le texte.")
    assert found(text, "fr") == []


def test_the_detector_runs_only_on_passages_the_stop_word_test_selects(monkeypatch):
    calls = []
    real = langid.detect

    def spy(text, default="und", **kw):
        calls.append(text)
        return real(text, default, **kw)

    monkeypatch.setattr(langid, "detect", spy)
    french = ("Le ministre a parlé mardi à Paris devant la presse, et il a annoncé que les négociations "
              "reprendraient la semaine prochaine à Genève avec les délégations des deux pays. ") * 30
    assert found(french + "\n" + ENGLISH, "fr") == [ENGLISH]
    assert len(calls) == 1


SAMPLES = [
    ENGLISH,
    "Le ministre a parlé mardi à Paris devant la presse, puis il a quitté la salle sans répondre.",
    "Der Minister sprach am Dienstag in Berlin vor der Presse und verließ dann den Saal.",
    "El ministro habló el martes en Madrid ante la prensa y después abandonó la sala.",
    "Finanzminister Christian Lindner FDP verteidigte die Kreditaufnahme",  # names, few stop words
    "Emmanuel Macron Olaf Scholz Joe Biden Boris Johnson",
]


@pytest.mark.parametrize("text", SAMPLES)
@pytest.mark.parametrize("unless", ["fr", "en", "de", "es", "xx"])
def test_a_language_the_caller_expects_stops_the_trials_early_but_never_changes_the_winner(text, unless):
    full_lang, full_prob = langid.detect(text)
    lang, prob = langid.detect(text, unless=unless)
    assert lang == full_lang
    if lang == unless:
        assert 0.5 < prob <= full_prob + 1e-12  # a lower bound, from the trials run
    else:
        assert prob == full_prob  # every trial ran: the same answer, bit for bit
    assert langid.detect(text) == (full_lang, full_prob)  # each call seeds its own draws


def test_stop_word_lists_have_about_a_hundred_words_in_each_language():
    for lang in ("fr", "en", "de", "es"):
        words = load_profile(lang).get("stopwords.words")
        assert len(words) >= 100 and len(set(words)) == len(words), lang


def test_the_text_rules_are_linear_and_fast_on_a_long_article():
    """The five text families on 15 clean articles in a row: linear, nothing quadratic (generous bound)."""
    import pathlib
    import time

    from lint import Article, check_article

    clean = pathlib.Path(__file__).parent / "data" / "clean" / "fr-01.txt"
    text = "\n\n".join([clean.read_text(encoding="utf-8")] * 15)
    cfg = Config(knowledge="off", select=("sentences", "typography", "boilerplate", "residue", "language"))
    check_article(Article(text=text[:2000], source="warm-up", lang="fr"), cfg)
    start = time.perf_counter()
    result = check_article(Article(text=text, source="long", lang="fr"), cfg)
    assert time.perf_counter() - start < 5.0
    assert not [n for n in result.notices if n.level == "error"]
