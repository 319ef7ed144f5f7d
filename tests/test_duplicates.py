"""duplicates.paragraph: repeated paragraphs and captions, found once, in near-linear work."""

import random

import pytest

import rules.duplicates as dup
from lint.article import Article
from lint.config import Config
from lint.document import Document, Mask
from lint.engine import check_article
from lint.text import fold_passage
from rules.duplicates import find_repeats

RULE = dup.paragraph


def findings(text, lang="fr", masks=()):
    art = Article(text=text, source="t.txt", lang=lang, masks=tuple(masks))
    return check_article(art, Config(knowledge="off"), rules=[RULE]).findings


def test_caption_doubled_on_the_next_line_is_flagged_once_on_the_second():
    text = ("Titre\n\n\nBiden a répondu à Poutine.  Photo\u00a0: EPA\n"
            "Biden a répondu à Poutine. Photo\u00a0: EPA\n\nSuite.")
    (f,) = findings(text)
    assert (f.line, f.column) == (5, 1)
    assert f.text == "Biden a répondu à Poutine. Photo\u00a0: EPA"
    assert "line 4" in f.message and f.evidence["first_line"] == 4
    assert f.category == "duplicate-paragraph"


def test_apostrophes_spaces_case_and_final_stop_do_not_matter():
    a = "La Russie a occupé la Crimée en 2014 et l'a annexée.  Pendant ce temps, l'Occident proteste.  Photo : EPA"
    b = "La Russie a occupé la Crimée en 2014 et l’a annexée. Pendant ce temps, l’Occident proteste. PHOTO\u00a0: EPA."
    assert fold_passage(a) == fold_passage(b)
    (f,) = findings(a + "\n" + b)
    assert f.line == 2 and f.evidence["similarity"] == 100.0


def test_a_repeated_paragraph_is_reported_once_not_again_for_its_lines():
    para = "Le Kremlin a confirmé avoir reçu la réponse écrite.\nAucun autre détail n’a été fourni par Moscou."
    text = f"{para}\n\nUn autre paragraphe, sans rapport aucun.\n\n{para}"
    (f,) = findings(text)
    assert f.line == 6 and f.end_line == 7 and "paragraph" in f.message and "line 1" in f.message


def test_near_repeat_found_when_first_and_last_words_differ():
    a = ("Selon la BBC, les pourparlers au sein du Quatuor de Normandie se poursuivront dans deux semaines "
         "à Berlin, rapporte l’agence de presse française AFP hier")
    b = ("D’après la BBC, les pourparlers au sein du Quatuor de Normandie se poursuivront dans deux semaines "
         "à Berlin, rapporte l’agence de presse française AFP ce lundi")
    (f,) = findings(a + "\n\nAutre chose ici, vraiment différente.\n\n" + b)
    assert f.line == 5 and "nearly repeats" in f.message and 90 <= f.evidence["similarity"] < 100


def test_similar_but_different_paragraphs_and_breadcrumbs_are_left_alone():
    text = ("Hogar / Noticias / Conferencia de prensa de la Secretaria de Prensa Karine Jean\nNoticias\n"
            "Conferencia de prensa de la Secretaria de Prensa Karine Jean\n"
            "Blinken said he will go to Ukraine next week.\n"
            "Blinken said he will not go to Ukraine before the summit next month.")
    assert findings(text, "es") == []


@pytest.mark.parametrize(
    "text",
    [
        "Photo : EPA\n\nLe président a parlé longuement.\n\nPhoto : EPA",  # short, not adjacent
        "Photo : EPA\nPhoto : EPA",  # a short line of too few letters
        "• Oui\n• Oui",  # list bullets
        "Lire aussi\n\nUn texte.\n\nLire aussi",
    ],
)
def test_short_lines_are_only_compared_when_adjacent_and_wordy(text):
    assert findings(text) == []


def test_short_name_line_doubled_is_flagged():
    (f,) = findings("Tensions Israël-Iran\nAntoine Blinken\nAntoine Blinken\nPhoto : Presse associée")
    assert f.line == 3


def test_masked_text_is_not_compared():
    line = "Le ministre a répondu aux questions des journalistes mardi."
    text = f"{line}\n\n<div>{line}</div>"
    start = text.index("<div>")
    assert len(findings(text)) == 1
    assert findings(text, masks=[Mask(start, len(text))]) == []


def test_third_copy_names_the_first():
    line = "Les États-Unis ont envoyé une aide militaire supplémentaire à Kiev."
    found = findings(f"{line}\n\n{line}\n\n{line}")
    assert [(f.line, f.evidence["first_line"]) for f in found] == [(3, 1), (5, 1)]


def _paragraphs(n, seed=7):
    rng = random.Random(seed)
    vocab = [f"{a}{b}{c}" for a in "bcdfglmnprst" for b in "aeiou" for c in ("", "n", "r", "s", "l")]
    return [" ".join(rng.choice(vocab) for _ in range(rng.randint(10, 40))) + "." for _ in range(n)]


def _count_comparisons(monkeypatch):
    calls = []
    real = dup._similarity

    def counting(a, b, **kw):
        calls.append(1)
        return real(a, b, **kw)

    monkeypatch.setattr(dup, "_similarity", counting)
    return calls


def test_comparisons_grow_near_linearly_not_quadratically(monkeypatch):
    calls = _count_comparisons(monkeypatch)
    n = 5000
    paras = _paragraphs(n)
    # one near repeat hidden in the middle, which must still be found
    paras[3000] = paras[1000].replace(".", " encore.")
    doc = Document("\n\n".join(paras), "fr")
    repeats = find_repeats(doc)
    assert [doc.position(r[0].span.start)[0] for r in repeats] == [3000 * 2 + 1]
    assert len(calls) < 3 * n  # all pairs would be n²/2 = 12,500,000
    assert len(calls) < n * n / 2 / 1000


def test_comparisons_stay_bounded_when_every_paragraph_shares_its_first_words(monkeypatch):
    calls = _count_comparisons(monkeypatch)
    n = 3000
    paras = ["Selon le Kremlin, " + p for p in _paragraphs(n, seed=11)]
    find_repeats(Document("\n\n".join(paras), "fr"))
    keys_per_unit = 2 + dup.MINHASHES
    assert len(calls) <= n * keys_per_unit * dup.BUCKET_CAP
    assert len(calls) < n * n / 2 / 20
