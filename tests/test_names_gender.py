"""The name rules (rules/names.py) and the gender rule (rules/gender.py) beyond their examples:
several defects in one article, allow-names, evidence, speakers of quotations, offices on dates."""

import datetime as dt

import pytest

from lint.article import Article
from lint.config import Config
from lint.engine import check_article
from lint.fixes import NAME_CONFIDENCE, Conflict, apply, chosen
from lint.knowledge import embedded

SEED_LIKE = (
    "Sherman : Poutine pourrait décider d’attaquer d’ici la mi-février\n\n"
    "Secrétaire d’État adjoint américain Wendy Shermann a déclaré aujourd’hui que le président russe Vladimir "
    "Poutine peut décider d’attaquer l’Ukraine. « Je ne sais même pas s’il a pris la décision finale », a-t-il "
    "ajouté. Sherman a déclaré que la décision pourrait être influencée par les Jeux de Pékin.\n\n"
    "« Je pense que le président chinois Ce Jinping il ne sera pas ravi si Poutine décide d’attaquer « , "
    "a-t-il déclaré. a-t-elle ajouté.\n\n"
    "Biden a répondu à Poutine. Le Kremlin a répondu aux déclarations de Bidn. Le porte-parole du Pentagone, "
    "Jean Kirby, a parlé. Ambassadeur par intérim des États-Unis Kristina Kvien elle a déclaré que l’aide "
    "continuerait. « Rien n’est exclu », a déclaré l’un des représentants du gouvernement Bidn.\n\n"
    "Le ministre russe des Affaires étrangères Sergueï Lavrov, le porte-parole du Kremlin Dmitri Peskov, "
    "Jens Stoltenberg et Emmanuel Macron ont réagi, comme Olaf Scholz et le président américain Joe Biden."
)


def _check(text, lang="fr", date="2022-01-26", **config):
    article = Article(text=text, source="t", lang=lang, published=dt.date.fromisoformat(date))
    result = check_article(article, Config(knowledge="embedded", select=("names", "gender"), **config))
    assert not [n for n in result.notices if n.level == "error"], result.notices
    return result.findings


def _by_category(findings):
    out = {}
    for f in findings:
        out.setdefault(f.category, set()).add(f.text)
    return out


def test_each_defect_of_the_seed_is_found_once_and_correct_names_are_left_alone():
    found = _by_category(_check(SEED_LIKE))
    assert found["name-misspelling"] >= {"Ce Jinping", "Bidn"}
    assert "Shermann" in found["name-inconsistent"] and "Bidn" in found["name-inconsistent"]
    assert found["given-name-translated"] == {"Jean Kirby"}
    gender = found["pronoun-gender"]
    assert any("a-t-il" in t and "ajouté" in t for t in gender)
    assert any("a-t-il" in t and "déclaré" in t for t in gender)
    assert any("adjoint" in t for t in gender) and any("Ambassadeur" in t for t in gender)
    assert not any("a-t-elle" in t for t in gender)
    everything = {t for texts in found.values() for t in texts}
    for correct in (
        "Sergueï Lavrov",
        "Lavrov",
        "Dmitri Peskov",
        "Peskov",
        "Stoltenberg",
        "Macron",
        "Scholz",
        "Poutine",
    ):
        assert not any(correct in t for t in everything if "Ce Jinping" not in t), (correct, everything)


def test_suggestions_and_evidence():
    findings = _check(SEED_LIKE)
    xi = next(f for f in findings if f.text == "Ce Jinping")
    assert xi.suggestions == ("Xi Jinping",)
    assert xi.evidence["url"] == "https://fr.wikipedia.org/wiki/Xi_Jinping"
    kirby = next(f for f in findings if f.category == "given-name-translated")
    assert kirby.suggestions == ("John Kirby",)
    sherman = next(f for f in findings if f.category == "name-inconsistent" and f.text == "Shermann")
    assert sherman.suggestions == ("Sherman",)


def test_allow_names_silences_a_name_for_every_rule():
    allowed = frozenset({"bidn", "ce jinping", "jean kirby", "shermann", "wendy shermann"})
    found = _by_category(_check(SEED_LIKE, allow_names=allowed))
    everything = {t for texts in found.values() for t in texts}
    assert not {"Bidn", "Ce Jinping", "Jean Kirby", "Shermann"} & everything
    assert not any("adjoint" in t for t in found.get("pronoun-gender", ()))  # Wendy Shermann's title


def test_names_the_knowledge_base_does_not_know_are_never_misspelled():
    text = "Le maire de Trifouilly, Jean Dupontel, a reçu Marcel Dupontelle. Dupontel a parlé à Dupontelle."
    assert not [f for f in _check(text) if f.category == "name-misspelling"]


def test_a_quotation_naming_a_man_is_attributed_to_the_woman_who_speaks():
    text = (
        "Kristina Kvien a déclaré que l’aide continuerait.\n\n"
        "« Je pense que le président Joe Biden sera clair », a-t-il ajouté."
    )
    assert [f.text for f in _check(text) if f.category == "pronoun-gender"] == ["a-t-il ajouté"]


def test_doubt_between_a_man_and_a_woman_stays_silent():
    text = "Emmanuel Macron et Kristina Kvien ont déclaré : « Nous sommes prêts », a-t-elle ajouté."
    assert not [f for f in _check(text) if f.category == "pronoun-gender"]


@pytest.mark.parametrize(
    ("text", "date", "flagged"),
    [
        ("Peskov a répondu aux paroles de la chancelière allemande sur Genève.", "2025-09-03", True),
        ("Peskov a répondu aux paroles du chancelier allemand sur Genève.", "2025-09-03", False),
        ("Peskov a répondu aux paroles de la chancelière allemande sur Genève.", "2020-01-15", False),
        ("Peskov a répondu aux paroles de l’ancienne chancelière allemande.", "2025-09-03", False),
    ],
)
def test_a_title_without_a_name_agrees_with_who_held_the_office_that_day(text, date, flagged):
    found = [f for f in _check(text, date=date) if f.category == "pronoun-gender"]
    assert bool(found) == flagged, found


def test_a_holder_past_the_day_the_snapshot_was_verified_to_is_tentative():
    """meta.toml's facts_checked_to: after it, an open-ended tenure is what the snapshot last knew."""
    text = "Peskov a répondu aux paroles de la chancelière allemande sur Genève."
    before, after = (
        [f for f in _check(text, date=d) if f.category == "pronoun-gender"] for d in ("2022-01-26", "2025-09-03")
    )
    assert [f.severity for f in before] == ["warning"] and "verified to" not in before[0].message  # Scholz
    assert [f.severity for f in after] == ["info"] and "verified to 2025-06-30" in after[0].message  # Merz


def test_the_rules_are_silent_without_knowledge_base_facts_they_need():
    article = Article(text=SEED_LIKE, source="t", lang="fr", published=dt.date(2022, 1, 26))
    result = check_article(article, Config(knowledge="off", select=("names", "gender")))
    assert not [n for n in result.notices if n.level == "error"]
    assert not [f for f in result.findings if f.category in ("name-misspelling", "given-name-translated")]


def test_the_embedded_knowledge_base_is_shared():
    assert embedded.load() is embedded.load()


# -- fixes (applied with --fix-names when sure) ------------------------------------------------------
def _name_fixes(findings):
    return {f.text: f.fix for f in findings if f.rule.startswith("names.") and f.fix is not None}


def test_name_fixes_replace_the_span_by_the_suggestion_and_are_sure_only_with_strong_evidence():
    findings = _check(SEED_LIKE)
    for f in findings:
        if f.fix is not None:
            assert f.rule.startswith("names.") and f.fix.kind == "name" and len(f.suggestions) == 1
            assert (f.fix.start, f.fix.end) == (f.offset, f.offset + f.length)
            assert f.fix.replacement == f.suggestions[0] and 0 <= f.fix.confidence <= 1
    fixes = _name_fixes(findings)
    # the title names an office they held that day, or the right spelling is elsewhere in the article
    sure = {"Bidn": "Biden", "Wendy Shermann": "Wendy Sherman", "Jean Kirby": "John Kirby"}
    for text, replacement in sure.items():
        assert fixes[text].replacement == replacement and fixes[text].confidence >= NAME_CONFIDENCE, text
    # a surname replaced altogether, only the title tells: a suggestion, not a fix to apply
    assert fixes["Ce Jinping"].replacement == "Xi Jinping" and fixes["Ce Jinping"].confidence < NAME_CONFIDENCE
    # "Shermann" alone lies in "Wendy Shermann": one fix, of the whole name, for both findings
    assert "Shermann" not in fixes
    fixed = apply(SEED_LIKE, chosen(findings, names=True))
    assert not isinstance(fixed, Conflict)
    assert fixed == SEED_LIKE.replace("Bidn", "Biden").replace("Wendy Shermann", "Wendy Sherman").replace(
        "Jean Kirby", "John Kirby"
    )


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("Le chef de cabinet de la Maison Blanche, Jeff Zints, a parlé.", "2022-01-26"),  # Zients not yet
        ("Le chancelier allemand est à Paris. Selon Mertz, rien n’est exclu.", "2025-09-03"),  # no Merz here
        ("US Secretary of State Anthony Blinken told CBS he would travel.", "2021-04-30"),  # a real given name
    ],
)
def test_without_strong_evidence_a_name_fix_is_not_sure(text, date):
    lang = "en" if "Secretary" in text else "fr"
    findings = [f for f in _check(text, lang=lang, date=date) if f.rule.startswith("names.")]
    assert all(f.fix is None or f.fix.confidence < NAME_CONFIDENCE for f in findings), findings


def test_a_name_fix_keeps_the_spaces_as_written():
    text = "Le chef de cabinet de la Maison Blanche, Jeff\u00a0Zints, a parlé."
    (f,) = [f for f in _check(text, date="2024-02-01") if f.category == "name-misspelling"]
    assert f.suggestions == ("Jeff Zients",)
    assert f.fix.replacement == "Jeff\u00a0Zients" and f.fix.confidence >= NAME_CONFIDENCE


def test_overlapping_name_fixes_agree_or_none_is_kept():
    # "Zhelensky": the knowledge base says Zelenskyy, the article writes Zelensky elsewhere
    text = "Ukrainian President Volodymyr Zhelensky spoke on Monday. Zelensky said Zhelensky had no choice."
    findings = [f for f in _check(text, lang="en", date="2022-03-07") if f.rule.startswith("names.")]
    assert {f.text for f in findings} >= {"Volodymyr Zhelensky", "Zhelensky"}
    suggested = {s for f in findings if "Zhelensky" in f.text for s in f.suggestions}
    assert len({s.split()[-1] for s in suggested}) == 2  # two different answers...
    assert all(f.fix is None for f in findings if "Zhelensky" in f.text)  # ...so no fix at all
    assert not isinstance(apply(text, chosen(findings, names=True)), Conflict)


def test_respaced_and_inflected():
    from rules.names import _inflected, _respaced

    assert _respaced("Jean Kirby", "John Kirby") == "John Kirby"
    assert _respaced("Jean\nKirby", "John Kirby") == "John\nKirby"
    assert _respaced("Karine Jean", "Karine Jean-Pierre") == "Karine Jean-Pierre"
    assert _respaced("John F. Kirbi", "John Kirby") is None  # the words do not pair up
    assert _inflected("Biden", "Bidns", "bidns", "bidn") == "Bidens"
    assert _inflected("Biden", "Bidn", "bidn", "bidn") == "Biden"
    assert _inflected("Merz", "Mertz’", "mertz'", "mertz") == "Merz’"  # the apostrophe as written
