"""The shared person annotation: names, the title before them, its determiner, groups."""

import datetime as dt
import sys

import pytest

from lint.annotate.persons import person_mentions
from lint.article import Article
from lint.config import Config
from lint.context import Context
from lint.document import Document
from lint.knowledge.sources import build_knowledge
from lint.language import load_profile

KB = build_knowledge(Config(knowledge="embedded"))


def annotate(text, lang, knowledge=KB):
    profile = load_profile(lang)
    doc = Document(text, lang, (), profile.sentence_rules)
    ctx = Context(
        article=Article(text=text, source="t", lang=lang),
        profile=profile,
        date=dt.date(2022, 1, 26),
        date_origin="test",
        knowledge=knowledge,
    )
    return doc, person_mentions(doc, ctx)


def by_name(doc, pm):
    return {m.name: m for m in pm.mentions}


def title_of(doc, m):
    return doc.text[m.title.start : m.title.end] if m.title else None


# -- one case per language --------------------------------------------------------------------
def test_french_title_complement_and_determiner():
    doc, pm = annotate("Le porte-parole du Kremlin Dmitri Peskov a déclaré que les sanctions seraient inutiles.", "fr")
    m = by_name(doc, pm)["Dmitri Peskov"]
    assert title_of(doc, m) == "porte-parole du Kremlin"
    assert m.determiner == "Le"
    assert m.phrase_start == 0
    assert m.person is not None and m.person.id == "Dmitry Peskov"
    assert "Kremlin" not in by_name(doc, pm)


def test_french_bare_title_has_no_determiner():
    doc, pm = annotate("Ministre russe des affaires étrangères Sergueï Lavrov il avait déclaré cela.", "fr")
    m = by_name(doc, pm)["Sergueï Lavrov"]
    assert title_of(doc, m) == "Ministre russe des affaires étrangères"
    assert m.determiner is None


def test_english_title_inside_a_capitalised_run():
    doc, pm = annotate("Russian Foreign Minister Sergei Lavrov said the reply was unsatisfactory.", "en")
    m = by_name(doc, pm)["Sergei Lavrov"]
    assert title_of(doc, m) == "Russian Foreign Minister"
    assert m.determiner is None
    assert m.person.id == "Sergey Lavrov"


def test_german_title_with_genitive_complement():
    doc, pm = annotate("Der Sprecher des russischen Präsidenten Dmitri Peskow sagte, Russland sei bereit.", "de")
    m = by_name(doc, pm)["Dmitri Peskow"]
    assert title_of(doc, m) == "Sprecher des russischen Präsidenten"
    assert m.determiner == "Der"
    assert m.person.id == "Dmitry Peskov"


def test_german_closed_compound_title():
    doc, pm = annotate("Bundeskanzler Olaf Scholz sagte, die Lage sei ernst.", "de")
    m = by_name(doc, pm)["Olaf Scholz"]
    assert title_of(doc, m) == "Bundeskanzler"


def test_spanish_title_and_apposition():
    doc, pm = annotate(
        "El ministro de Asuntos Exteriores ruso Serguéi Lavrov habló. El portavoz del Kremlin, Dmitri Peskov, lo negó.",
        "es",
    )
    names = by_name(doc, pm)
    assert title_of(doc, names["Serguéi Lavrov"]) == "ministro de Asuntos Exteriores ruso"
    assert names["Serguéi Lavrov"].determiner == "El"
    assert names["Dmitri Peskov"].title is None  # the comma separates the title from the name


# -- the cases names rules depend on ----------------------------------------------------------
def test_two_people_with_the_same_surname_are_two_groups():
    text = (
        "Joe Biden et Jill Biden sont arrivés à Kiev. Joe Biden a rencontré des soldats. "
        "Jill Biden a rencontré des enseignants. Biden a ensuite parlé aux journalistes."
    )
    _doc, pm = annotate(text, "fr")
    joe = [m for m in pm.mentions if m.name == "Joe Biden"]
    jill = [m for m in pm.mentions if m.name == "Jill Biden"]
    short = [m for m in pm.mentions if m.name == "Biden"]
    assert len(joe) == 2 and len(jill) == 2 and len(short) == 1
    assert joe[0].group == joe[1].group
    assert jill[0].group == jill[1].group
    assert joe[0].group != jill[0].group
    # the surname alone goes with the person named last before it, and says it is ambiguous
    assert short[0].group == jill[0].group
    assert "ambiguous" in short[0].evidence


def test_english_possessive():
    doc, pm = annotate("Vladimir Putin met reporters. Putin's spokesman said the Kremlin would respond.", "en")
    names = [m.name for m in pm.mentions]
    assert names == ["Vladimir Putin", "Putin"]
    short = pm.mentions[1]
    assert doc.text[short.start : short.end] == "Putin"
    assert short.group == pm.mentions[0].group


def test_german_genitive():
    doc, pm = annotate("Angela Merkel regierte sechzehn Jahre. Merkels Nachfolger Olaf Scholz sagte das.", "de")
    merkel = [m for m in pm.mentions if m.name == "Merkel"]
    assert len(merkel) == 1
    m = merkel[0]
    assert doc.text[m.start : m.end] == "Merkel"
    assert "genitive" in m.evidence
    assert m.group == by_name(doc, pm)["Angela Merkel"].group
    assert by_name(doc, pm)["Olaf Scholz"].group != m.group


def test_headline_in_capitals_gives_no_mentions():
    text = "POUTINE MENACE LE PRÉSIDENT UKRAINIEN\n\nVladimir Poutine a rencontré Volodymyr Zelensky."
    _doc, pm = annotate(text, "fr")
    assert [m.name for m in pm.mentions] == ["Vladimir Poutine", "Volodymyr Zelensky"]
    assert all(m.start > text.index("\n") for m in pm.mentions)


def test_a_woman_and_a_man_in_one_paragraph():
    text = "Wendy Sherman a rencontré Sergueï Riabkov à Genève. Elle a jugé la discussion franche, Riabkov aussi."
    doc, pm = annotate(text, "fr")
    names = by_name(doc, pm)
    sherman, riabkov = names["Wendy Sherman"], names["Sergueï Riabkov"]
    assert sherman.group != riabkov.group
    assert sherman.person.gender == "f" and riabkov.person.gender == "m"
    short = [m for m in pm.mentions if m.name == "Riabkov"]
    assert short and short[0].group == riabkov.group


def test_names_with_apostrophes_initials_and_courtesy_titles():
    text = (
        "Robert O’Brien a parlé avec Jean-Yves Le Drian et J.-Y. Le Drian. M. Le Drian a répondu,"
        " puis John F. Kennedy Jr a souri."
    )
    _doc, pm = annotate(text, "fr")
    names = [m.name for m in pm.mentions]
    assert "Robert O’Brien" in names
    assert "J.-Y. Le Drian" in names
    assert "Le Drian" in names and "M. Le Drian" not in names
    assert any(n.startswith("John F. Kennedy") for n in names)


def test_a_name_in_the_complement_of_a_title_has_no_title():
    doc, pm = annotate("Elle a été la directrice du cabinet de Ségolène Royal pendant deux ans.", "fr")
    m = by_name(doc, pm).get("Ségolène Royal")
    if m is not None:
        assert m.title is None


def test_a_capitalised_word_before_a_known_name_is_not_part_of_it():
    doc, pm = annotate("Le Norvégien Jens Stoltenberg quitte l’OTAN.", "fr")
    assert "Jens Stoltenberg" in by_name(doc, pm)


def test_a_participle_is_not_a_title():
    doc, pm = annotate("El presidente ha enviado la fragata Blas de Lezo al mar Negro.", "es")
    assert "Blas de Lezo" not in by_name(doc, pm) or by_name(doc, pm)["Blas de Lezo"].title is None


def test_a_month_is_not_a_surname():
    _doc, pm = annotate("Theresa May resigned in 2019. The emergency ended in May.", "en")
    assert [m.name for m in pm.mentions] == ["Theresa May"]


def test_without_knowledge_titles_still_give_people():
    doc, pm = annotate("Le ministre russe des Affaires étrangères Jean Dupontel a parlé.", "fr", knowledge=None)
    m = by_name(doc, pm)["Jean Dupontel"]
    assert "title" in m.evidence and m.person is None


@pytest.mark.parametrize("lang", ["fr", "en", "de", "es"])
def test_linear_time(lang):
    sentence = {
        "fr": "Le porte-parole du Kremlin Dmitri Peskov a déclaré que Joe Biden et Olaf Scholz se trompaient. ",
        "en": "Kremlin spokesman Dmitry Peskov said Joe Biden and Olaf Scholz were wrong. ",
        "de": "Kremlsprecher Dmitri Peskow sagte, Joe Biden und Olaf Scholz irrten sich. ",
        "es": "El portavoz del Kremlin Dmitri Peskov dijo que Joe Biden y Olaf Scholz se equivocaban. ",
    }[lang]

    def cost(n):
        """Lines of the annotation's own code executed: a count, so the test does not depend on the
        machine's load (a comprehension's iterations count too, unlike function calls)."""
        lines = 0

        def trace(frame, event, arg):
            nonlocal lines
            if "/lint/" not in frame.f_code.co_filename:
                return None
            if event == "line":
                lines += 1
            return trace

        sys.settrace(trace)
        try:
            _, pm = annotate(sentence * n, lang)
        finally:
            sys.settrace(None)
        assert len(pm.mentions) >= 3 * n
        return lines

    small, large = cost(25), cost(100)
    assert large < small * 4 * 1.5  # four times the text: about four times the work, far from sixteen


def test_two_particles_in_a_row_join_a_name():
    doc, pm = annotate("La présidente de la Commission Ursula von der Leyen est arrivée à Kiev.", "fr")
    m = by_name(doc, pm)["Ursula von der Leyen"]
    assert m.person is not None and m.person.id == "Ursula von der Leyen"
    assert title_of(doc, m) == "présidente de la Commission"
    doc, pm = annotate("Il a cité de la Fontaine et von der Leyen.", "fr")
    assert "de la Fontaine" not in by_name(doc, pm)  # a run starts with a capitalised word


# -- answers kept across articles -------------------------------------------------------------
class _Counting:
    """A source over the embedded snapshot that counts the names it is asked about."""

    def __init__(self, base, fixed):
        self.base, self.asked, self.fixed_answers = base, [], fixed

    def find_person(self, name, lang):
        self.asked.append(name)
        return self.base.find_person(name, lang)

    def __getattr__(self, attr):
        return getattr(self.base, attr)


@pytest.mark.parametrize("fixed", [True, False])
def test_who_a_name_is_is_asked_once_per_process_only_of_sources_with_fixed_answers(fixed):
    from lint.knowledge import Knowledge

    source = _Counting(KB.sources[0], fixed)
    kb = Knowledge([source])
    assert kb.fixed_answers is fixed
    text = "Le président Emmanuel Macron a reçu Olaf Scholz à Paris."
    first = by_name(*annotate(text, "fr", kb))
    asked = len(source.asked)
    again = by_name(*annotate(text, "fr", kb))
    assert first["Emmanuel Macron"].person.id == again["Emmanuel Macron"].person.id == "Emmanuel Macron"
    assert len(source.asked) == (asked if fixed else 2 * asked)  # an online source is asked for each article


def test_only_the_embedded_snapshot_has_fixed_answers():
    from lint.knowledge import Knowledge

    assert KB.fixed_answers
    assert not Knowledge([*KB.sources, object()]).fixed_answers
