from lint.annotate.quotes import conventions, quotes
from lint.document import Document
from lint.language import load_profile

FR, EN, DE = load_profile("fr"), load_profile("en"), load_profile("de")


def test_quotations_pair_and_forgive_a_misused_closer():
    text = "Il a dit « oui » puis « non « , a-t-il dit.\n\nElle : « peut-être"
    doc = Document(text, "fr")
    spans = [doc.text[s.start : s.end] for s in quotes(doc, FR).spans]
    assert spans == ["« oui »", "« non «", "« peut-être"]
    assert quotes(doc, FR) is quotes(doc, FR)  # memoised on the document
    assert quotes(doc, FR).containing(text.index("oui")) is not None
    assert quotes(doc, FR).containing(text.index("puis")) is None


def test_the_marks_are_the_languages_own():
    # German opens with „ and closes with “, which opens a quotation in English.
    text = "Er sagte: „Wir bleiben“, und ging."
    doc = Document(text, "de")
    assert [text[s.start : s.end] for s in quotes(doc, DE).spans] == ["„Wir bleiben“"]
    english = Document("He said “we stay” and left.", "en")
    assert [english.text[s.start : s.end] for s in quotes(english, EN).spans] == ["“we stay”"]


def test_an_apostrophe_never_opens_a_quotation():
    doc = Document("Biden’s aide said it’s over, and ‘that was that’.", "en")
    assert quotes(doc, EN).spans == []
    assert "’" not in quotes(doc, EN).marks


def test_one_reading_of_quotes_toml_per_profile():
    assert conventions(FR) is conventions(FR)
    assert conventions(FR).pairs[0].open == "«" and conventions(FR).pairs[0].level == "primary"
