"""Bare titles: a title opening a sentence without the determiner the language needs."""

import pytest

from lint.config import Config
from lint.engine import check_text

CONFIG = Config(knowledge="embedded", select=("titles",))


def findings(text, lang):
    return [f for f in check_text(text, lang, CONFIG) if f.rule == "titles.bare"]


@pytest.mark.parametrize(
    ("lang", "text", "span", "suggestion"),
    [
        (
            "fr",
            "Ministre russe des affaires étrangères Sergueï Lavrov a déclaré que la réponse arriverait.",
            "Ministre russe des affaires étrangères",
            "Le ministre russe des affaires étrangères",
        ),
        (
            "fr",
            "Les États-Unis ont envoyé des munitions. Ambassadeur par intérim des États-Unis Kristina Kvien a "
            "déclaré que l’aide continuerait.",
            "Ambassadeur par intérim des États-Unis",
            "L’ambassadeur par intérim des États-Unis",
        ),
        (
            "fr",
            "Secrétaire d’État adjoint américain Wendy Sherman a déclaré que la Russie pourrait attaquer.",
            "Secrétaire d’État adjoint américain",
            "La secrétaire d’État adjoint américain",  # the person is a woman: "La"
        ),
        (
            "fr",
            "Le responsable a répondu. porte-parole du Kremlin Dmitri Peskov a déclaré que non.",
            "porte-parole du Kremlin",
            "Le porte-parole du Kremlin",
        ),
        (
            "fr",
            "Président de la chambre basse du parlement russe Viatcheslav Volodine a assuré que non.",
            "Président de la chambre basse du parlement russe",
            "Le président de la chambre basse du parlement russe",
        ),
        (
            "fr",
            "Il a parlé.\nChef de la Biélorussie :\nEn substance, ils exigent tout.",
            "Chef de la Biélorussie",
            "Le chef de la Biélorussie",
        ),
        (
            "fr",
            "Membre de la Commission européenne Borrel quittera le poste.",
            "Membre de la Commission européenne",
            "Le membre de la Commission européenne",
        ),
        (
            "fr",
            "Également secrétaire général de l’OTAN Jens Stoltenberg a confirmé la réponse.",
            "secrétaire général de l’OTAN",
            "le secrétaire général de l’OTAN",
        ),
        (
            "de",
            "Sprecher des russischen Präsidenten, Dmitri Peskow, kommentierte die Lage.",
            "Sprecher des russischen Präsidenten",
            "Der Sprecher des russischen Präsidenten",
        ),
        (
            "de",
            "Außenministerin der Bundesrepublik Annalena Baerbock sagte das.",
            "Außenministerin der Bundesrepublik",
            "Die Außenministerin der Bundesrepublik",
        ),
        (
            "es",
            "Portavoz del Kremlin Dmitri Peskov dijo que las sanciones serían inútiles.",
            "Portavoz del Kremlin",
            "El portavoz del Kremlin",
        ),
        (
            "es",
            "Secretaria de Prensa de la Casa Blanca Karine Jean-Pierre dijo que no.",
            "Secretaria de Prensa de la Casa Blanca",
            "La secretaria de Prensa de la Casa Blanca",
        ),
    ],
)
def test_flagged_with_span_and_suggestion(lang, text, span, suggestion):
    found = findings(text, lang)
    assert [f.text for f in found] == [span]
    assert found[0].suggestions == (suggestion,)
    assert found[0].category == "bare-title"


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("fr", "Le ministre russe des Affaires étrangères Sergueï Lavrov a déclaré que la réponse arriverait."),
        ("fr", "L’ambassadeur américain John Sullivan a reçu la réponse."),
        ("fr", "Porte-parole du Kremlin depuis 2012, Dmitri Peskov a déclaré que non."),
        ("fr", "Porte-parole du Kremlin, Dmitri Peskov a déclaré que non."),
        ("fr", "Président de la République, Emmanuel Macron a pris la parole."),
        ("fr", "Premier ministre depuis mai, Élisabeth Borne a présenté son gouvernement."),
        ("fr", "Général de Gaulle a marqué l’histoire."),
        ("fr", "Juge d’instruction, il a été nommé en 2010."),
        ("fr", "Reine pendant soixante-dix ans, Elizabeth II est morte en 2022."),
        # headlines, captions, list items
        ("fr", "Ministre russe des affaires étrangères Sergueï Lavrov en visite à Paris\n\nLe ministre est arrivé."),
        ("fr", "Photo : Ministre russe des affaires étrangères Sergueï Lavrov à Moscou."),
        ("fr", "• Ministre russe des affaires étrangères Sergueï Lavrov a parlé."),
        ("fr", "Secrétaire général de l’ONU : « Nous devons agir »"),
        # German: a bare title without complement is correct
        ("de", "Bundeskanzler Olaf Scholz sagte, die Lage sei ernst."),
        ("de", "Wirtschaftsminister und Vizekanzler Robert Habeck sagte, die Versorgung sei sicher."),
        ("de", "Außenministerin Annalena Baerbock reiste nach Kiew."),
        ("de", "Der Sprecher des russischen Präsidenten, Dmitri Peskow, kommentierte die Lage."),
        ("es", "El portavoz del Kremlin, Dmitri Peskov, dijo que las sanciones serían inútiles."),
        ("es", "Ministra de Defensa desde 2018, Margarita Robles visitó a las tropas."),
        ("es", "Conferencia de prensa de la Secretaria de Prensa Karine Jean-Pierre"),
    ],
)
def test_correct_or_not_prose_is_left_alone(lang, text):
    assert findings(text, lang) == []


def test_english_is_not_checked():
    config = Config(knowledge="embedded", select=("titles",))
    assert check_text("Foreign Minister Sergei Lavrov said the reply was unsatisfactory.", "en", config) == []


def test_straight_apostrophes_in_the_suggestion_when_the_text_uses_them():
    found = findings("Il pleut. Ambassadeur américain John Sullivan a dit qu'il partait.", "fr")
    assert found[0].suggestions == ("L'ambassadeur américain",)
