"""The article's date from its own text when no metadata gives one: a stamp or a dateline near its top,
never a date the story mentions; --date and metadata come first, today last."""

import datetime as dt

import pytest

from lint import Config, check_article
from lint.article import Article
from lint.dateline import text_date


@pytest.mark.parametrize(
    ("lang", "text", "date", "where"),
    [
        ("fr", "Kozak\n\nPARIS, 26 janvier 2022 (AFP) - Le ministre a parlé.", "2022-01-26", "dateline, line 3"),
        ("es", "Título\nMADRID, 3 de marzo de 2023 (EFE) – El ministro habló.", "2023-03-03", "dateline, line 2"),
        ("en", "Headline\nKYIV, March 3, 2022 - The minister spoke.", "2022-03-03", "dateline, line 2"),
        ("en", "Headline\nPosted on March 3, 2023 at 10:15 am\nText.", "2023-03-03", "publication stamp, line 2"),
        ("fr", "Titre\nPublié le 3 février 2023\nTexte.", "2023-02-03", "publication stamp, line 2"),
        ("de", "Titel\nVeröffentlicht am 3. Jänner 2023\nText.", "2023-01-03", "publication stamp, line 2"),
        ("de", "Titel\n\nSamstag, 20. April 2024\n\nText.", "2024-04-20", "date stamp, line 3"),
        ("fr", "Titre\n08.12.2021 19:13\nTexte.", "2021-12-08", "date stamp, line 2"),
        ("en", "Sept 3, 2022\nText.", "2022-09-03", "date stamp, line 1"),
    ],
)
def test_a_stamp_or_a_dateline_gives_the_date(lang, text, date, where):
    assert text_date(text, lang) == (dt.date.fromisoformat(date), where)


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("fr", "Titre\n\nLe 3 février 2023, le maire a parlé."),  # a date the story tells
        ("fr", "Le sommet du 3 mai 2022 a eu lieu à Paris."),
        ("en", "Headline\nThe talks of 31.02.2022 never happened."),
        ("en", "\n".join(["Line."] * 8) + "\nMarch 3, 2022"),  # too far down to be the page's stamp
    ],
)
def test_a_date_the_story_mentions_is_not_the_articles(lang, text):
    assert text_date(text, lang) is None


KOZAK = "Kozak à Paris\n\nPARIS, 26 janvier 2022 (AFP) - Le vice-Premier ministre russe Dmitri Kozak est arrivé.\n"


def _role(article, **config):
    result = check_article(article, Config(knowledge="embedded", select=("facts",), **config))
    return [f.message for f in result.findings]


def test_the_order_is_date_option_metadata_dateline_today():
    assert "(the text's dateline, line 3)" in _role(Article(KOZAK, "a.txt", lang="fr"))[0]
    assert _role(Article(KOZAK, "a.txt", lang="fr", published=dt.date(2019, 5, 1))) == []  # metadata first
    assert _role(Article(KOZAK, "a.txt", lang="fr"), date=dt.date(2019, 5, 1)) == []  # --date first of all
