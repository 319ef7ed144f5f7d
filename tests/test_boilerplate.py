"""boilerplate.author-bio: the pattern of content-farm biographies, not one string."""

import pytest

from lint import Config, check_text

CFG = Config(knowledge="off", select=("boilerplate",))


def found(text, lang):
    return [f.text for f in check_text(text, lang, CFG)]


@pytest.mark.parametrize(
    ("lang", "bio"),
    [
        ("fr", "Expert en café. Fier fan de voyages. Pionnier des médias sociaux. Ninja de la culture pop."),
        ("fr", "Organisateur incurable. Joueur. Étudiant. Passionné de Twitter. Geek des voyages."),
        ("en", "Coffee expert. Proud travel fan. Social media pioneer. Pop culture ninja. Zombie fanatic."),
        ("en", "Alcohol fanatic. Beer junkie. Typical twitter scholar. Analyst. Explorer. Music lover."),
        ("de", "Kaffee-Experte. Stolzer Reisefan. Social-Media-Pionier. Popkultur-Ninja. Zombie-Fanatiker."),
        ("es", "Experto en café. Orgulloso fan de los viajes. Pionero de las redes sociales. Ninja de la cultura pop."),
    ],
)
def test_a_generated_biography_is_reported_whole(lang, bio):
    text = f"Le texte de l’article se termine ici, comme prévu.\n\nDésirée Perrault\n\n« {bio} »"
    assert found(text, lang) == [bio]


def test_an_english_template_left_in_a_french_article_even_cut_off():
    assert found("Il a dit qu’il partirait.\n« Twitter lover. Congenial writer. Award-winning thi", "fr") == [
        "Twitter lover. Congenial writer. Award-winning thi"
    ]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("fr", "Des experts. Des fans. Des curieux. Tous étaient venus voir la fusée."),
        ("fr", "Il est expert. Il est fan. Il est pionnier. Il le dit souvent."),
        ("fr", "Sport. Culture. Économie. International. Les rubriques changent."),
        ("fr", "Expert en café. Il a ouvert une boutique rue de Rivoli en 2012, puis une autre à Lyon."),
        ("en", "The experts. The fans. The critics. All of them were wrong."),
        ("en", "Fans cheered. Experts doubted. Critics raged. It was a strange night."),
        ("de", "Die Experten. Die Fans. Die Kritiker. Alle lagen falsch."),
        ("es", "Es experto. Es fan. Es pionero. Lo dice siempre."),
    ],
)
def test_prose_made_of_short_sentences_is_not_a_biography(lang, text):
    assert found(text, lang) == []
