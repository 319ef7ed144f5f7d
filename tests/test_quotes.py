"""The quotes family: marks that do not pair up, read from the language's data only."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lint.article import Article
from lint.config import Config
from lint.document import Document, Mask
from lint.engine import check_article
from lint.language import LanguageProfile, load_profile
from rules import quotes
from rules.quotes import analyse, conventions

NBSP = "\u00a0"


def findings(text, lang="fr", masks=()):
    art = Article(text=text, source="t.txt", lang=lang, masks=tuple(masks))
    return check_article(art, Config(knowledge="off"), rules=quotes.RULES).findings


def summary(text, lang="fr"):
    return [(f.rule, f.offset, f.text) for f in findings(text, lang)]


# -- the seed article's defects, one per sentence ------------------------------------------------
@pytest.mark.parametrize(
    ("text", "mark_at", "suggestion"),
    [
        (f"«{NBSP}Nous appelons au dialogue et à la diplomatie,«{NBSP}, a déclaré Stoltenberg.", "diplomatie,", "»"),
        (f"«{NBSP}… de garantie de sécurité,«{NBSP}Le ministère russe a déclaré cela.", "sécurité,", "»"),
        (f"«{NBSP}Cela pourrait affecter sa réflexion «{NBSP}, a-t-il déclaré.", "réflexion ", "»"),
        (f"Des sanctions contre «{NBSP}choix du peuple russe«{NBSP}.", "russe", NBSP + "»"),
    ],
)
def test_opening_guillemet_used_to_close(text, mark_at, suggestion):
    (f,) = findings(text)
    assert f.rule == "quotes.mismatch" and f.category == "quote-mismatch"
    assert f.offset == text.index(mark_at) + len(mark_at) and f.text == "«"
    assert f.suggestions == (suggestion,)
    assert "column 1" in f.message or "column 22" in f.message


def test_reversed_guillemets_and_wrong_closing_mark():
    text = "Un échange «long et dur« puis »une certaine quantité d’informations » et « Bien ? “, il demande."
    got = summary(text)
    assert got == [
        ("quotes.mismatch", text.index("dur«") + 3, "«"),
        ("quotes.mismatch", text.index("»une"), "»"),
        ("quotes.mismatch", text.index("“,"), "“"),
    ]


def test_unclosed_reported_on_the_opening_mark_when_the_next_paragraph_does_not_reopen():
    text = "Il a ajouté : « Karine est une conseillère de confiance.\n\nLa publication note qu’elle reste."
    assert summary(text) == [("quotes.unclosed", text.index("«"), "«")]


def test_one_paragraph_a_line_is_the_same_as_blank_lines():
    text = ("Il a ajouté : « Karine est une conseillère de confiance du président depuis le premier jour, "
            "a-t-il dit aux journalistes réunis.\nLa publication note qu’elle conserve son ancien poste.")
    assert summary(text) == [("quotes.unclosed", text.index("«"), "«")]


def test_quotation_over_several_paragraphs_reopened_each_time_is_correct():
    fr = "« Nous avons parlé.\n\n« Puis il a fait la même chose.\n\n« Au dîner, il est parti. »"
    en = "“We will rebuild.\n“Our cities will be better,” he said."
    assert findings(fr) == [] and findings(en, "en") == []


def test_hard_wrapped_paragraph_is_one_block():
    text = ("Le ministre a déclaré : « nous ne pensons pas\nqu’il devrait y avoir une crise »,\n"
            "a-t-il ajouté devant la presse.")
    assert findings(text) == []


def test_text_cut_mid_sentence_is_not_judged_at_its_end():
    assert findings("Un article.\n\n« Organisateur incurable. Joueur. Geek des voy") == []
    assert [f.rule for f in findings("Un article.\n\n« Organisateur incurable. Joueur.")] == ["quotes.unclosed"]


def test_new_quotation_while_one_is_open_flags_the_second_mark_only():
    text = "« Nous avions dit cela. « Nous ne disons pas ‘oui’ à cette politique », a déclaré Erdogan."
    assert summary(text) == [("quotes.nested", text.index("« Nous ne"), "«")]
    en = "“I cannot tell you his intentions. He could do it or not “Blinken said."
    assert summary(en, "en") == [("quotes.nested", en.index("“Blinken"), "“")]


def test_balanced_same_mark_nesting_is_tolerated():
    assert findings("« Il a dit « non » à tout », a-t-il raconté.") == []


def test_inner_quotation_left_open_when_the_outer_one_closes():
    text = "« Nous avons soutenu la France “contre la Russie », a-t-il dit."
    assert summary(text) == [("quotes.unclosed", text.index("“"), "“")]


def test_closing_mark_with_nothing_open():
    text = "Il a parlé d’un échange long et dur », a-t-il dit."
    assert summary(text) == [("quotes.unopened", text.index("»"), "»")]


def test_single_quote_closed_by_a_straight_apostrophe():
    text = "« Pour le dire : ‘Le joug avec la Grèce' »."
    assert summary(text) == [("quotes.mismatch", text.index("'"), "'")]
    (f,) = findings(text)
    assert f.suggestions == ("’",)


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Les États-Unis et l’OTAN, aujourd’hui ; l'Iran et c'est « bien ».", "fr"),
        ("The States’ role, the allies' plan, rock ’n’ roll in the ’90s and '80s, don't.", "en"),
        ("He is 5'11\" and bought a 12\" screen; she said \"yes\".", "en"),
        ("“He told me ‘don’t worry’ and left,” she said.", "en"),
        ("« Ce n’est pas douloureux, c’est destructeur », a-t-il dit.", "fr"),
        ("„Er nannte es ‚verfrüht‘ und ging“, sagte Peskow. Geht’s noch? Hans’ Buch.", "de"),
        ("»Es ist zu früh«, sagte er, „viel zu früh“, und dann “vielleicht”.", "de"),
        ("«Me dijo ‘adelante’ y lo hice», explicó. “Eso es democracia”, dijo.", "es"),
        ("“We will say: Monday was a difficult day. Every day since the war began, it has been Monday,” he said.",
         "en"),
    ],
)
def test_correct_texts_give_nothing(text, lang):
    assert findings(text, lang) == []


def test_marks_of_other_languages_are_not_this_rules_business():
    # guillemets in English, „ “ in French: typography, not pairing
    assert findings("«Dear citizens of Ukraine,\n\nThis morning Putin spoke.", "en") == []
    assert findings("Il a dit „non“ hier.", "fr") == []


def test_masked_marks_are_ignored():
    text = "Il a dit <b>«</b> bonjour."
    start = text.index("<b>")
    assert findings(text, masks=[Mask(start, start + len("<b>«</b>"))]) == []


def test_the_marks_come_from_the_profile_only():
    profile = LanguageProfile(
        "xx",
        {"quotes": {"primary": {"open": "‹", "close": "›"}, "apostrophes": ["'"], "nest_same": False}},
    )
    conv = conventions(profile)
    problems = analyse(Document("Er sagte ‹ja‹, dann ›nein›. Und « hier »."), conv)
    assert [(p.kind, p.start) for p in problems] == [("mismatch", 12), ("mismatch", 20)]
    assert conventions(LanguageProfile("yy", {})) is None


def test_a_language_without_quote_data_gets_no_findings():
    # Dutch ships no data folder: its marks are nobody's convention here.
    assert load_profile("nl").get("quotes") is None
    assert findings("Hij zei «hallo« en toen »genoeg».", "nl") == []


def test_portuguese_quote_data_reports_a_mark_opened_twice():
    assert load_profile("pt").get("quotes") is not None
    assert findings("Ele disse «olá« e depois saiu da sala.", "pt") != []


def test_italian_quote_data_reports_a_mark_opened_twice():
    assert load_profile("it").get("quotes") is not None
    assert findings("Ha detto «ciao« e poi se n’è andato.", "it") != []


def test_rules_never_branch_on_the_language_code():
    import inspect

    source = inspect.getsource(quotes)
    for code in ('"fr"', '"en"', '"de"', '"es"'):
        body = source.split("# -- the rules")[0]
        assert f"== {code}" not in body and f"lang == {code}" not in body


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from([*"ab «»“”‘’'\".,\n", "\n\n", "l’a", "5'11\"", NBSP]), max_size=80))
def test_any_text_gives_one_character_findings_on_marks(parts):
    text = "".join(parts)
    for lang in ("fr", "en", "de", "es"):
        for f in findings(text, lang):
            assert f.length == 1 and f.text in "«»“”‘’'\"„‚›‹"


def test_pathological_input_is_handled():
    text = ("« « « “ ‘ " * 4000) + ("» ” ’ " * 4000)
    assert isinstance(findings(text), list)


def test_quotation_going_on_to_the_next_line_of_its_paragraph():
    assert findings("“We are ready.\nWe will fight,” he said.", "en") == []
    text = "Il a dit : « Nous sommes prêts.\nLe ministre a ajouté : « Rien n’est exclu », hier."
    assert summary(text) == [("quotes.unclosed", text.index("«"), "«")]
