"""sentences.lowercase-start: machine-translation breaks, and the legitimate lowercase starts of each language."""

import datetime as dt

import pytest

from lint import Article, Config, check_text
from lint.context import Context
from lint.document import Document
from lint.language import LanguageProfile
from rules.sentences import lowercase_start

CFG = Config(knowledge="off", select=("sentences",))


def found(text, lang="fr"):
    return [(f.text, f.suggestions) for f in check_text(text, lang, CFG)]


def test_the_seed_cases_are_reported_on_their_first_word_with_the_capitalised_form():
    text = (
        "Le responsable de Moscou a répondu aux déclarations de Bidn. porte-parole du Kremlin Dmitri Peskov "
        "a parlé. « Cela pourrait affecter sa réflexion », a-t-il déclaré. a-t-elle ajouté, réitérant son "
        "appel. « Je ne pense pas que son peuple sache ce qu’il fera. » le président américain a déclaré."
    )
    assert found(text) == [
        ("porte-parole", ("Porte-parole",)),
        ("a-t-elle", ("A-t-elle",)),
        ("le", ("Le",)),
    ]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("fr", "« Assez ! » s’est exclamé le ministre. « Vraiment ? » demande-t-elle."),
        ("fr", "« Nous partirons demain. » a-t-il dit. « C’est fini. » lance le ministre."),
        ("fr", "Il a crié « au secours ! » et il est parti."),
        ("fr", "Il hésite... puis accepte. Les chiffres (voir p. 5. ils sont clairs) sont bons."),
        ("fr", "Voici la liste :\n1. des œufs\n2. de la farine"),
        ("fr", "Il a acheté un iPhone. eBay et easyJet ont publié leurs résultats."),
        ("fr", "Le rapport, etc. et d’autres documents. Consultez lemonde.fr. lemonde.fr l’a publié."),
        ("en", '"We are leaving." she said. "Really?" he asked. "Go!" shouted the crowd.'),
        ("en", "The U.S. officials met at 10 a.m. on Monday, e.g. in Washington, i.e. at the White House."),
        ("de", "Die 2. und die 3. Runde, d. h. im Herbst, z. B. in Wien. „Genug!“ rief er."),
        ("es", "Los EE. UU. anunciaron sanciones. «¡Basta!» gritó el ministro. ¿Vendrás? —preguntó ella."),
    ],
)
def test_legitimate_lowercase_starts_are_accepted(lang, text):
    assert found(text, lang) == []


def test_a_lowercase_start_after_a_bare_full_stop_is_reported_even_before_an_incise():
    assert found("« Nous partons », a-t-il déclaré. a-t-elle ajouté.") == [("a-t-elle", ("A-t-elle",))]


def test_a_short_label_line_is_page_furniture_not_a_sentence():
    assert found("The interview airs on Sunday.\ncomments powered by HyperComments\ndate 30.04.2021", "en") == []


def test_a_line_under_a_heading_is_reported_only_when_lines_are_paragraphs():
    one_paragraph_a_line = (
        "The Ukrainian President addressed the nation several times via video message on Thursday.\n"
        "In view of the Russian aggression, the president has repeatedly addressed the public.\n"
        "A few hours before the invasion begins\n"
        "he says on the imposition of the state of emergency:\n"
    )
    assert found(one_paragraph_a_line, "en") == [("he", ("He",))]
    hard_wrapped = (
        "The Ukrainian President addressed the nation several times via video\n"
        "message on Thursday, and in view of the Russian aggression the president\n"
        "has repeatedly addressed the public in moving video messages on the\n"
        "radio and on television, a few hours before the invasion begins\n"
        "he says on the imposition of the state of emergency that he is ready.\n"
    )
    assert found(hard_wrapped, "en") == []


def test_the_legitimate_cases_come_from_the_language_data_only():
    """A made-up language whose data knows one incise verb: no code knows about it."""
    profile = LanguageProfile(
        "xx",
        {"sentence_start": {"incise": ["^(?:@verbs)\\b"], "verbs": ["dixit"], "abbreviations": ["vz."]}},
    )
    text = "« Ita est. » dixit Caesar. Alea iacta est. veni vidi vici. Vide vz. pagina tres."
    doc = Document(text, "xx")
    ctx = Context(Article(text, "t"), profile, dt.date(2024, 1, 1), "today")
    issues = list(lowercase_start.check(doc, ctx))
    assert [text[i.start : i.end] for i in issues] == ["veni"]
