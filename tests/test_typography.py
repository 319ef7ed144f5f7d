"""typography.*: spacing, capitals, mixed styles and punctuation after quotations, by language data."""

import datetime as dt
import itertools

import pytest

from lint import Article, Config, check_article, check_text
from lint.context import Context
from lint.document import Document
from lint.language import LanguageProfile
from rules.typography import capitals, spacing

CFG = Config(knowledge="off", select=("typography",))


def found(text, lang="fr", rule=None, fmt="text"):
    art = Article(text=text, source="t", lang=lang, format=fmt)
    return [(f.rule, f.text) for f in check_article(art, CFG).findings if rule is None or f.rule == rule]


# -- spacing -------------------------------------------------------------------------------------


def test_space_before_a_comma_and_a_glued_french_colon():
    text = "Maria Zakharova: si Poutine utilise l’énergie comme une arme , cela accélérera. Elle dit : non, et : si."
    assert found(text) == [("typography.spacing", "Zakharova:"), ("typography.spacing", " ,")]


def test_a_glued_french_colon_is_wrong_whatever_the_text_does_elsewhere():
    never = "Maria Zakharova: non. Le ministre a ajouté: jamais. Il a conclu: rien."
    assert found(never) == [("typography.spacing", t) for t in ("Zakharova:", "ajouté:", "conclu:")]
    mostly = "Maria Zakharova : non. Le ministre a ajouté : jamais. Il a conclu: rien."
    assert found(mostly) == [("typography.spacing", "conclu:")]


def test_a_text_that_never_spaces_before_a_semicolon_follows_its_own_convention():
    never = "Il a parlé; elle a répondu; rien n’a changé."  # Quebec usage
    assert found(never) == []
    mostly = "Il a parlé ; elle a répondu ; rien n’a changé; fin."
    assert found(mostly) == [("typography.spacing", "changé;")]


@pytest.mark.parametrize("space", [" ", "\u00a0", "\u202f"])
@pytest.mark.parametrize("mark", [":", ";", "!", "?"])
def test_french_spaces_before_high_marks_and_inside_guillemets_are_never_reported(space, mark):
    text = f"Il a dit{space}{mark} «{space}Tout est possible{space}» et rien d’autre{space}{mark} Voilà."
    assert found(text) == []


def test_numbers_times_urls_and_ellipses_are_fine():
    text = "Les 8 500 soldats sont partis à 23:20 ; voir https://exemple.org/a:b?c=d.Fin ou www.site.fr/Page.Html..."
    assert found(text) == []


def test_no_space_after_a_mark_and_words_run_together():
    text = "He spoke after startingRussian attack, a constaté la diplomate.Un tel canal existe, Paris,Londres."
    assert [t for _, t in found(text, "en")] == ["startingRussian", "diplomate.Un", "Paris,Londres"]


def test_lowercase_brands_and_handles_are_not_words_run_together():
    assert found("Il a réservé sur easyJet avec son iPhone, écrit @elonMusk et #jeSuisCharlie.") == []


def test_a_dash_written_as_a_hyphen():
    assert found("Pourquoi est-ce une honte-parce que le format est inutile ?") == [
        ("typography.spacing", "honte-parce")
    ]


def test_two_spaces_between_words_in_prose_only():
    prose = "Les discussions ont repris  mardi à Genève entre les deux délégations, selon l’agence."
    assert found(prose) == [("typography.spacing", "  ")]
    assert found("See also  EU and UK sign a new deal", "en") == []  # a label line, not prose
    assert found(prose, fmt="markdown") == []  # Markdown and HTML do not show them
    table = "Pays      Population   Capitale\nFrance    68 millions  Paris."
    assert found(table) == []


# -- capitals ------------------------------------------------------------------------------------


def test_capital_after_a_semicolon_and_after_a_comma():
    text = "La Russie a reçu la réponse ; La Russie l’étudiera. Il a répondu, Il verra bien."
    assert found(text) == [("typography.capitals", "; La"), ("typography.capitals", ", Il")]


def test_names_and_lists_of_names_after_a_comma_or_semicolon_are_accepted():
    text = "Il a cité Le Monde ; Le Figaro a suivi. Trois villes, La Haye, Le Caire et La Paz, ont voté."
    assert found(text) == []


def test_capitalised_common_word_and_nationality_adjective():
    text = "Les pays doivent être Unis, dit l’ex-premier ministre Estonien ; les États-Unis et les Nations Unies."
    assert [t for _, t in found(text)] == ["Unis", "Estonien"]


def test_nationality_nouns_are_accepted():
    assert found("Les Estoniens, deux Français et le quatrième Néerlandais à ce poste ont voté.") == []


def test_title_case_headlines_are_left_alone():
    assert found("Zelensky Reveals Where He Is, And Why; The Answer Is Kyiv", "en") == []


# -- consistency ---------------------------------------------------------------------------------


def test_minority_apostrophe_once_a_line_when_the_majority_is_clear():
    majority = "L’OTAN, l’Ukraine, l’armée, d’Europe, qu’elle, l’Est, l’Ouest, d’abord, l’an, l’été, l’eau, l’or."
    minority = "La Russie l'a annexée et l'Occident a protesté."
    assert found(majority + "\n" + minority, rule="typography.consistency") == [("typography.consistency", "l'a")]
    # without a clear majority (fewer than five times as many), nothing is said
    assert found("L’OTAN, l’Ukraine et l’armée. La Russie l'a annexée.", rule="typography.consistency") == []


def test_foreign_quotation_marks_in_a_text_that_has_its_own():
    text = 'Il a dit « nous verrons ».\n"Nous sommes prêts", a-t-il ajouté. "Vraiment", a-t-il dit.'
    assert found(text) == [("typography.consistency", '"Nous'), ("typography.consistency", '"Vraiment')]
    # “ ” inside « » is the French quotation within a quotation
    assert found("« Le droit de chaque nation à “choisir sa propre voie” », a-t-il dit.") == []
    # a text quoting only with " " is consistent
    assert found('Il a dit "nous verrons". "Nous sommes prêts", a-t-il ajouté.') == []


def test_english_guillemets_in_an_english_text():
    text = "“This step can be the beginning of a war,” he said.\n«The security of Ukraine is at stake.»"
    assert found(text, "en") == [("typography.consistency", "«The")]


def test_a_word_without_its_accent():
    text = "Les États-Unis. Les États-Unis et l’Égypte. Des Etats-Unis. Le marché, la marche, le marché, le marché."
    assert found(text) == [("typography.consistency", "Etats-Unis")]


# -- punctuation after a quotation -------------------------------------------------------------


def test_attribution_without_comma_and_comma_dash():
    text = "Le partenariat « n’est pas suspendu » a poursuivi Sébastien Lecornu. « Non », – a dit le ministre."
    assert found(text) == [
        ("typography.quote-punctuation", "» a poursuivi"),
        ("typography.quote-punctuation", "», –"),
    ]


def test_quoted_names_before_their_verb_and_questions_are_accepted():
    text = "Le parti « Russie unie » a annoncé un congrès. Le « renard » va-t-il partir ? « Assez ! » a-t-il dit."
    assert found(text) == []


# -- language data only --------------------------------------------------------------------------


def test_conventions_come_from_the_profile_only():
    """A made-up language with its own starters and spacing rules."""
    profile = LanguageProfile(
        "xx",
        {"typography": {"sentence_starters": ["Ka"], "pronouns": ["Ka"], "no_space_before": [","],
                        "space_before": ["!"], "space_after": []}},
    )
    text = "Tiro nabu , ka mora; Ka tiro, Ka nabu koro! Nabu ! Tiro !"
    doc = Document(text, "xx")
    ctx = Context(Article(text, "t"), profile, dt.date(2024, 1, 1), "today")
    assert [text[i.start : i.end] for i in capitals.check(doc, ctx)] == ["; Ka", ", Ka"]
    assert [text[i.start : i.end] for i in spacing.check(doc, ctx)] == [" ,", "koro!"]


@pytest.mark.parametrize("lang", ["fr", "en", "de", "es"])
def test_clean_punctuation_combinations_raise_nothing(lang):
    words = ["Paris", "le", "3", "mars", "2022", "l’OTAN", "8 500", "23:20", "U.S.", "e.g.", "etc."]
    marks = [", ", ". ", " – ", " (", ") ", " "]
    text = "".join(w + m for w, m in zip(words, itertools.cycle(marks))) + "fin."
    assert [f for f in check_text(text, lang, CFG) if f.rule == "typography.spacing"] == []
