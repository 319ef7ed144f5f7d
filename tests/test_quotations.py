from lint.annotate.quotes import quotes
from lint.document import Document


def test_quotations_pair_and_forgive_a_misused_closer():
    text = "Il a dit « oui » puis « non « , a-t-il dit.\n\nElle : « peut-être"
    doc = Document(text, "fr")
    spans = [doc.text[s.start : s.end] for s in quotes(doc).spans]
    assert spans == ["« oui »", "« non «", "« peut-être"]
    assert quotes(doc) is quotes(doc)  # memoised on the document
    assert quotes(doc).containing(text.index("oui")) is not None
    assert quotes(doc).containing(text.index("puis")) is None
