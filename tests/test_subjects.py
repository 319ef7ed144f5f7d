"""Doubled subjects: a named subject repeated by a pronoun."""

import pytest

from lint.config import Config
from lint.engine import check_text

CONFIG = Config(knowledge="embedded", select=("subjects",))


def findings(text, lang):
    return [f for f in check_text(text, lang, CONFIG) if f.rule == "subjects.doubled"]


@pytest.mark.parametrize(
    ("lang", "text", "span", "suggestion"),
    [
        (
            "fr",
            "Le responsable a répondu. porte-parole du Kremlin Dmitri Peskov il a déclaré que non.",
            "Dmitri Peskov il",
            "Dmitri Peskov",
        ),
        (
            "fr",
            "Président de la Douma Viatcheslav Volodine en attendant, il a assuré que non.",
            "Viatcheslav Volodine en attendant, il",
            "Viatcheslav Volodine en attendant,",
        ),
        (
            "fr",
            "Le Pentagone décide. Jean Kirby cependant, il a ajouté qu’il pourrait y avoir plus de soldats.",
            "Jean Kirby cependant, il",
            "Jean Kirby cependant,",
        ),
        (
            "fr",
            "Ambassadeur par intérim des États-Unis Kristina Kvien elle a déclaré que l’aide arrivait.",
            "Kristina Kvien elle",
            "Kristina Kvien",
        ),
        (
            "fr",
            "« Je pense que le président chinois Ce Jinping il ne sera pas ravi », a-t-il dit.",
            "Ce Jinping il",
            "Ce Jinping",
        ),
        (
            "fr",
            "« Nous avons des alliés », a-t-il dit Kyriacus Mitsotakis.",
            "a-t-il dit Kyriacus Mitsotakis",
            "a dit Kyriacus Mitsotakis",
        ),
        ("en", "Pentagon spokesman John Kirby he said more troops could go.", "John Kirby he", "John Kirby"),
        (
            "en",
            "John Kirby meanwhile, he said more troops could go.",
            "John Kirby meanwhile, he",
            "John Kirby meanwhile,",
        ),
        ("de", "Olaf Scholz er sagte, die Lage sei ernst.", "Olaf Scholz er", "Olaf Scholz"),
        ("es", "Pedro Sánchez él dijo que la situación era grave.", "Pedro Sánchez él", "Pedro Sánchez"),
    ],
)
def test_flagged_with_span_and_suggestion(lang, text, span, suggestion):
    found = findings(text, lang)
    assert [f.text for f in found] == [span]
    assert found[0].suggestions == (suggestion,)
    assert found[0].category == "doubled-subject"


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("fr", "Emmanuel Macron, il le sait, ne peut pas céder."),
        ("fr", "On dit que Vladimir Poutine, il ne reculera pas."),
        ("fr", "Le porte-parole du Kremlin Dmitri Peskov. Il a déclaré que les sanctions seraient inutiles."),
        ("fr", "Le porte-parole du Kremlin, Dmitri Peskov, a déclaré qu’il était inquiet."),
        ("fr", "Selon Sergueï Lavrov, il n’y a pas de raison de s’inquiéter."),
        ("fr", "Pour Emmanuel Macron il faut agir vite."),
        ("fr", "Il est plus populaire qu’Emmanuel Macron il y a cinq ans."),
        ("fr", "Maire de Paris, Anne Hidalgo elle aussi a réagi."),
        ("fr", "Kristina Kvien elle-même s’est rendue à l’aéroport."),
        ("fr", "« Nous ne céderons pas », a-t-il lancé à Emmanuel Macron."),
        ("fr", "Pourquoi a-t-il invité Vladimir Poutine ?"),
        ("fr", "« Nous ne céderons pas », a-t-il dit, Emmanuel Macron à ses côtés."),
        ("fr", "Il a vu Vladimir Poutine. Il a dit qu’il était calme."),
        ("en", "Biden told Vladimir Putin he would face severe consequences."),
        ("en", "Vladimir Putin, he said, would not back down."),
        ("en", "Last Monday he said the talks had failed."),
        ("en", "In Washington he met lawmakers."),
        ("en", "Like Joe Biden, she said the talks had failed."),
        ("de", "Es ist bekannt, dass Olaf Scholz sie getroffen hat."),
        ("de", "Gestern hat Olaf Scholz sie angerufen."),
        ("de", "Als Olaf Scholz sie begrüßte, lächelte Annalena Baerbock."),
        ("es", "Pedro Sánchez, él mismo lo reconoce, no esperaba el resultado."),
        ("es", "Según Pedro Sánchez, él no sabía nada."),
        ("es", "Para Pedro Sánchez ella es la mejor candidata."),
    ],
)
def test_correct_sentences_are_left_alone(lang, text):
    assert findings(text, lang) == []


@pytest.mark.parametrize(
    ("lang", "text", "span"),
    [
        ("en", "Kirby he said more troops could go.", "Kirby he"),
        ("de", "Scholz er sagte, die Lage sei ernst.", "Scholz er"),
        ("es", "Sánchez él dijo que no.", "Sánchez él"),
    ],
)
def test_a_known_surname_alone(lang, text, span):
    assert [f.text for f in findings(text, lang)] == [span]


def test_a_name_in_capitals_is_not_a_subject():
    assert findings("DMITRI PESKOV IL A DÉCLARÉ\n\nLe Kremlin a répondu.", "fr") == []


def test_allowed_names_are_left_alone():
    config = Config(knowledge="embedded", select=("subjects",), allow_names=frozenset({"dmitri peskov"}))
    text = "Dmitri Peskov il a déclaré que non."
    assert check_text(text, "fr", config) == []
    assert findings(text, "fr")
