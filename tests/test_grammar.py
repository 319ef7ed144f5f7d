"""Garbled grammar: sequences that cannot be grammatical."""

import pathlib
import re

import pytest

from lint.config import Config
from lint.engine import check_text

CONFIG = Config(knowledge="embedded", select=("grammar",))


def findings(text, lang, rule=None):
    return [f for f in check_text(text, lang, CONFIG) if rule is None or f.rule == rule]


@pytest.mark.parametrize(
    ("lang", "rule", "text", "span"),
    [
        (
            "fr",
            "grammar.finite-verbs",
            "Le gaz requis doit seraient dans ce cas livrés depuis l’Afrique.",
            "doit seraient",
        ),
        ("en", "grammar.finite-verbs", "The gas would was delivered from North Africa.", "would was"),
        ("de", "grammar.finite-verbs", "Das Gas muss wurden aus Nordafrika geliefert.", "muss wurden"),
        ("es", "grammar.finite-verbs", "El gas debe serían entregados desde África.", "debe serían"),
        (
            "fr",
            "grammar.missing-auxiliary",
            "Également secrétaire général de l’OTAN Jens Stoltenberg confirmé que l’OTAN avait répondu.",
            "Jens Stoltenberg confirmé",
        ),
        ("es", "grammar.missing-auxiliary", "Pedro Sánchez dicho que la reunión tendrá lugar.", "Pedro Sánchez dicho"),
        ("es", "grammar.double-article", "El viaje comenzará a partir del el domingo.", "del el"),
        ("fr", "grammar.double-article", "Il a parlé du le projet de loi.", "du le"),
        (
            "en",
            "grammar.spliced-capital",
            "President of Ukraine Volodymyr Zhelensky In a video released on Monday, he confirmed it.",
            "In",
        ),
        ("en", "grammar.spliced-capital", "He spoke in a speech. Ukrainian flag On his back.", "On"),
    ],
)
def test_flagged(lang, rule, text, span):
    found = findings(text, lang, rule)
    assert [f.text for f in found] == [span]
    assert found[0].category == "garbled-grammar"


def test_missing_auxiliary_suggestion():
    found = findings("Jens Stoltenberg confirmé que l’OTAN avait répondu.", "fr", "grammar.missing-auxiliary")
    assert found[0].suggestions == ("Jens Stoltenberg a confirmé",)


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("fr", "Ce qui était sera."),
        ("fr", "Ceux qui l’ont ont tout compris."),
        ("fr", "Les troupes qui le peuvent doivent partir."),
        ("fr", "Ils contrôlent des parties de l’est de l’Ukraine."),
        ("fr", "Jens Stoltenberg dit que l’OTAN est prête."),
        ("fr", "Jens Stoltenberg, informé que la réponse était partie, a quitté Bruxelles."),
        ("fr", "Il a décidé de le faire."),
        ("fr", "L’avion a atterri au Bourget."),
        ("fr", "Le journal Le Monde a publié l’information."),
        ("en", "What it does is clear."),
        ("en", "What he did was wrong."),
        ("en", "The will of the people is clear."),
        ("en", "Jens Stoltenberg confirmed that NATO had replied."),
        ("en", "Zelensky Says He Will Stay In Kyiv"),
        ("en", "He quoted the song “Born In the USA” at the rally."),
        ("de", "Was kommen wird, wird sich zeigen."),
        ("de", "Er sagte, dass Sie recht haben."),
        ("de", "Ursula von der Leyen sagte, die Kommission sei bereit."),
        ("es", "Lo que puede es poco."),
        ("es", "Las tropas pueden estar listas."),
        ("es", "Lo publicó el diario El País."),
    ],
)
def test_correct_sentences_are_left_alone(lang, text):
    assert findings(text, lang) == []


CLEAN = pathlib.Path(__file__).parent / "data" / "clean"


@pytest.mark.skipif(not CLEAN.is_dir(), reason="no clean corpus")
def test_clean_corpus_gives_at_most_one_finding_per_1000_words():
    config = Config(knowledge="embedded", select=("grammar", "subjects", "titles"))
    langs = {}
    index = CLEAN / "INDEX.tsv"
    if index.is_file():
        for line in index.read_text(encoding="utf-8").splitlines()[1:]:
            parts = line.split("\t")
            if len(parts) >= 2:
                langs[parts[0]] = parts[1]
    alarms, words = [], 0
    for path in sorted(CLEAN.glob("*.txt")):
        lang = langs.get(path.name, path.name[:2])
        text = path.read_text(encoding="utf-8")
        words += len(re.findall(r"\w+", text))
        for f in check_text(text, lang, config):
            alarms.append((path.name, f.line, f.rule, f.text))
    assert len(alarms) <= words / 1000, alarms  # at most one false alarm per 1000 words
