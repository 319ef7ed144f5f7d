"""residue.page-furniture: page furniture on its own line; generator text and placeholders anywhere."""

import pytest

from lint import Config, check_text

CFG = Config(knowledge="off", select=("residue",))


def found(text, lang):
    return [f.text for f in check_text(text, lang, CFG)]


def test_the_comment_form_of_the_seed_article():
    text = (
        "Fin de l’article.\n\nDésirée Perrault\n\nLaisser un commentaire\n\n"
        "Votre adresse e-mail ne sera pas publiée. Les champs obligatoires sont indiqués avec *\n"
    )
    assert found(text, "fr") == [
        "Laisser un commentaire",
        "Votre adresse e-mail ne sera pas publiée. Les champs obligatoires sont indiqués avec *",
    ]


def test_a_related_link_label_takes_the_headline_under_it():
    text = "Il a parlé.\nSuivez la couverture complète\nAttaque de Moscou : l’EI revendique l’attentat\nLa suite."
    assert found(text, "fr") == ["Suivez la couverture complète\nAttaque de Moscou : l’EI revendique l’attentat"]
    assert found("He spoke.\nSee also  EU and UK sign 'new chapter' after deal\n", "en") == [
        "See also  EU and UK sign 'new chapter' after deal"
    ]


@pytest.mark.parametrize(
    ("lang", "line"),
    [
        ("en", "comments powered by HyperComments"),
        ("en", "date 30.04.2021"),
        ("en", "categories Politics"),
        ("en", "Top UA|TV News"),
        ("en", "0:00 / 2:15"),
        ("en", "Advertisement"),
        ("en", "Facebook Twitter WhatsApp Email"),
        ("de", "IZ RU in Telegram|in MAX"),
        ("de", "Lesen Sie auch: Scholz trifft Macron in Paris"),
        ("es", "banner"),
        ("es", "Hogar / Noticias / Conferencia de prensa"),
        ("es", "Aug 28, 2023Aug 28, 2023"),
        ("es", "Te puede interesar:  La Casa Blanca presenta un nuevo plan"),
        ("fr", "Publicité"),
        ("fr", "Partager (12)"),
        ("fr", "À lire aussi : La BCE relève ses taux"),
    ],
)
def test_furniture_lines(lang, line):
    assert found(f"Le texte.\n{line}\nLe texte.", lang) == [line]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("fr", "Ce site utilise des cookies, a rappelé la CNIL dans une mise en demeure adressée à des éditeurs."),
        ("fr", "Selon la CNIL, « nous utilisons des cookies » est une formule trop vague."),
        ("fr", "Lire aussi les mémoires du général permet de comprendre."),
        ("fr", "Partager le pouvoir est difficile, a-t-il dit."),
        ("en", "The date of the summit was moved to May, officials said."),
        ("en", "Read more books, the first lady urged pupils."),
        ("en", "He said the score was 3 / 1 / 2 in the three rounds of talks that ended on Monday."),
        ("de", "Weiterlesen konnte er nicht, weil das Licht ausging."),
        ("es", "Leer más libros es bueno, dijo la ministra."),
    ],
)
def test_prose_about_the_same_words_is_not_furniture(lang, text):
    assert found(text, lang) == []


@pytest.mark.parametrize(
    ("lang", "text", "span"),
    [
        ("en", "As an AI language model, I cannot do this. The end.", "As an AI language model, I cannot do this."),
        ("en", "Dear {{ name }}, welcome.", "{{ name }}"),
        ("en", "Contact [INSERT NAME] at the office.", "[INSERT NAME]"),
        ("en", "Lorem ipsum dolor sit amet.", "Lorem ipsum dolor sit amet."),
        ("fr", "Le texte. Voici une version réécrite de l’article.", "Voici une version réécrite de l’article."),
        ("fr", "a constaté la diplomate.Un tel Telegram-canal, comme nous, il n'y a personne. Il est pour ceux "
               "qui veulent tirer des conclusions eux-mêmes.",
         "Un tel Telegram-canal, comme nous, il n'y a personne. Il est pour ceux qui veulent tirer des conclusions "
         "eux-mêmes."),
    ],
)
def test_generator_text_and_placeholders_anywhere(lang, text, span):
    assert found(text, lang) == [span]


def test_a_percentage_is_not_a_placeholder():
    assert found("Les prix ont augmenté de 50 %, soit 50%s de plus.", "fr") == []


@pytest.mark.parametrize(("lang", "line"), [
    ("fr", "0"),
    ("en", "0 29,756"),
    ("de", "08.12.2021 19:13 Aktualisiert: 08.12.2021 19:13"),
    ("en", "2024-11-20 15:08:39"),
    ("de", "© dpa-infocom GmbH"),
    ("fr", "Aucun commentaire"),
    ("fr", "Temps de lecture : 3 min"),
    ("de", "Zum Inhalt"),
    ("en", "google.com, pub-4177862836555934, DIRECT, f08c47fec0942fa0"),
])
def test_counters_and_date_stamps_alone_on_a_line(lang, line):
    text = f"Le ministre a parlé mardi.\n\n{line}\n\nLa suite du texte est ici."
    assert line in found(text, lang)


@pytest.mark.parametrize(("lang", "text"), [
    ("fr", "Le 08.12.2021, le ministre a parlé.\n\nIl a cité 29 756 votes."),
    ("en", "On 2024-11-20 the minister spoke.\n\nHe won 64 votes, she said."),
])
def test_dates_and_numbers_in_prose_are_not_furniture(lang, text):
    assert found(text, lang) == []


def test_another_languages_furniture_on_its_own_line():
    text = ("Der Minister sprach am Montag in Berlin.\n\nPrevious Post\n\n"
            "Erdogan führt morgen ein Telefongespräch mit Putin\n\nDer Text geht weiter.")
    assert found(text, "de") == ["Previous Post\n\nErdogan führt morgen ein Telefongespräch mit Putin"]


@pytest.mark.parametrize("token", ["%author%", "%%title%%", "{author}", "$name", "[title]"])
def test_unfilled_template_tokens_of_any_shape(token):
    assert found(f"Le ministre {token} a parlé mardi à Paris.", "fr") == [token]


@pytest.mark.parametrize("text", [
    "Les prix ont monté de 5 % et de 10 % en un an.",
    "Il a levé 5 $ par action, soit {2} fois plus.",
    "The fund raised $40 billion; costs rose 3%, said the [International] Monetary Fund.",
])
def test_percentages_prices_and_brackets_in_prose_are_not_tokens(text):
    assert found(text, "fr") == []


@pytest.mark.parametrize(("lang", "text", "span"), [
    ("fr", "Certainly! Here is the article.\nLe ministre a parlé mardi.", "Certainly! Here is"),
    ("fr", "Make this article SEO-compatible, with subheadings, at least 600 words.\nLe ministre a parlé.",
     "SEO-compatible"),
    ("es", "¡Claro! Aquí tienes el artículo reescrito.\nEl ministro habló el martes.", "¡Claro! Aquí tienes"),
])
def test_a_text_generators_answer_or_prompt_in_any_language(lang, text, span):
    assert any(span in f for f in found(text, lang))


def test_a_label_among_the_pages_buttons_is_furniture_whatever_its_words():
    text = "Le sommet s’est achevé mardi.\n\nPartager\n\nRéagir à chaud\n\nCopier le lien\n\nLa suite du texte."
    assert found(text, "fr") == ["Partager", "Réagir à chaud", "Copier le lien"]


def test_a_byline_a_subheading_or_a_lone_label_is_not_taken_with_the_buttons():
    byline = "Le sommet s’est achevé mardi.\n\nMarie Dupont\n\nLaisser un commentaire\n\nPartager\n"
    assert "Marie Dupont" not in found(byline, "fr")
    subheading = "The talks ended on Tuesday.\n\nShare this\n\nThe next round\n\nTalks resume in May, he said.\n"
    assert found(subheading, "en") == ["Share this"]  # a run of two short lines is no block of buttons


def _levels(text, lang):
    return [(f.severity, f.text) for f in check_text(text, lang, CFG)]


def test_a_line_speaking_to_the_reader_is_furniture_beside_furniture_and_info_alone():
    block = "Le port rouvre.\n\nVotre commentaire sera relu avant publication.\n\nCréer mon compte\n\nSe connecter"
    assert _levels(block, "fr") == [
        ("warning", "Votre commentaire sera relu avant publication."),
        ("warning", "Créer mon compte"),
        ("warning", "Se connecter"),
    ]
    alone = "Le port rouvre lundi.\n\nVous pouvez consulter les horaires sur le site de la mairie.\n\nLa suite."
    assert _levels(alone, "fr") == [("info", "Vous pouvez consulter les horaires sur le site de la mairie.")]


def test_you_in_a_speech_carried_over_paragraphs_is_the_speakers():
    text = "Le maire a parlé.\n« Chers habitants,\nL’eau monte.\nCe soir, vous devez rester chez vous.\nFin."
    assert _levels(text, "fr") == []


def test_german_formal_you_counts_only_inside_a_sentence():
    assert _levels("Der Rat tagte.\n\nIhre Kollegen schwiegen. Sie gingen.\n\nEnde.", "de") == []
    assert _levels("Der Rat tagte.\n\nMelden Sie sich an.\n\nEnde.", "de") == [("info", "Melden Sie sich an.")]


def test_an_age_a_field_and_a_cut_breadcrumb_are_furniture():
    assert found("Le maire a parlé.\nil y a 3 jours\nLa suite du texte.", "fr") == ["il y a 3 jours"]
    assert found("He spoke.\n\nSource:\n\nCity Gazette\n\nThe rest follows here.", "en") == ["Source:\n\nCity Gazette"]
    crumb = "Home World Europe Mayor opens the new bridge over the...\nMayor opens the new bridge over the river\nText."
    assert found(crumb, "en") == ["Home World Europe Mayor opens the new bridge over the..."]


# -- provenance: the line that names the site the article comes from --------------------------------
def site_findings(text: str, url: str | None, lang: str = "fr") -> list[str]:
    from lint.article import Article
    from lint.engine import check_article

    article = Article(text=text, source="t.txt", url=url, lang=lang)
    return [f.text for f in check_article(article, CFG).findings]


PROMO = (
    "Le conseil a voté mardi.\n\nLa décision prend effet lundi.\n\nToute l’actualité, en direct sur L’Écho Régional\n"
)


def test_a_short_line_naming_the_site_is_its_promotion():
    assert site_findings(PROMO, "https://www.lecho-regional.fr/politique/vote") == [
        "Toute l’actualité, en direct sur L’Écho Régional"
    ]


def test_the_same_line_from_another_site_or_without_an_address_is_prose():
    assert site_findings(PROMO, "https://www.autre-journal.fr/politique/vote") == []
    assert site_findings(PROMO, None) == []


def test_a_dateline_a_first_line_and_a_long_sentence_naming_the_site_are_not_promotion():
    url = "https://cinktank.com/2024/03/article"
    assert site_findings("Paris, 11 mars (Cinktank.com) –\n\nLe conseil a voté mardi.\n", url) == []
    assert site_findings("Cinktank révèle que le conseil a voté mardi.\n\nLa suite.\n", url) == []
    long = "Selon les informations recueillies par Cinktank auprès de trois ministères, le conseil a voté mardi soir."
    assert site_findings(f"Le conseil a voté.\n\n{long}\n", url) == []
