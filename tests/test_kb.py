"""The embedded knowledge base: lookups, offices on dates, its compiled cache, `newslint kb`, and the
validity of the data files themselves."""

import datetime as dt
import pickle
import re
import sys
from collections import defaultdict
from importlib import resources

import pytest
from click.testing import CliRunner

from lint.cli import main
from lint.knowledge import Knowledge, embedded
from lint.knowledge.model import Office
from lint.text import fold_name

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

LANGS = ("en", "fr", "de", "es", "it", "pt")
REQUIRED_LANGS = ("en", "fr", "de", "es")  # a person's `it` name may be left out (FORMAT.md)
DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


@pytest.fixture(scope="module")
def kb():
    return embedded.load()


# -- lookups --------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("name", "lang"),
    [
        ("Sergei Lavrov", "en"),
        ("Sergueï Lavrov", "fr"),
        ("Sergej Lawrow", "de"),
        ("Serguéi Lavrov", "es"),
        ("Sergej Lavrov", "it"),
        ("Sergey Lavrov", "en"),  # an alias
        ("sergueï LAVROV", "fr"),  # case
        ("Serguei Lavrov", "fr"),  # accents aside
        ("Sergey Lavrov", "de"),  # any language's name answers in any language
    ],
)
def test_find_person_by_each_languages_name_and_alias(kb, name, lang):
    p = kb.find_person(name, lang)
    assert p is not None and p.id == "Sergey Lavrov"
    assert p.name("fr") == "Sergueï Lavrov" and p.name("de") == "Sergej Lawrow"


def test_italian_names(kb):
    """Italian articles write Russians and Ukrainians as the Italian Wikipedia does; a person with no
    verified Italian name answers with the English one."""
    assert kb.find_person("Dmitrij Peskov", "it").id == "Dmitry Peskov"
    assert kb.person("Dmitry Peskov").name("it") == "Dmitrij Peskov"
    assert kb.find_person("Volodymyr Zelens'kyj", "it").id == "Volodymyr Zelenskyy"
    assert kb.find_person("Sergej Šojgu", "it").id == "Sergei Shoigu"
    assert kb.person("Emmanuel Macron").name("it") == "Emmanuel Macron"
    assert "it" not in kb.person("Wang Yi").names and kb.person("Wang Yi").name("it") == "Wang Yi"


def test_names_with_apostrophes_and_hyphens_are_normalised(kb):
    assert fold_name("Jean-Pierre") == fold_name("jean pierre")
    assert fold_name("O’Donnell") == fold_name("O'Donnell")
    assert kb.find_person("Karine Jean Pierre", "fr").id == "Karine Jean-Pierre"


def test_unknown_names_are_not_found(kb):
    assert kb.find_person("Jean Dupontel", "fr") is None
    assert kb.people_named("Ce Jinping") == []


def test_surname_index(kb):
    assert "Sergey Lavrov" in {p.id for p in kb.people_with_surname("Lawrow")}
    assert "Joe Biden" in {p.id for p in kb.people_with_surname("biden")}
    # family name first: Xi Jinping's surname is Xi
    assert "Xi Jinping" in {p.id for p in kb.people_with_surname("Xi")}
    assert kb.people_with_surname("Jinping") == []


def test_word_index_and_close_surnames(kb):
    assert "Xi Jinping" in {p.id for p in kb.people_with_word("Jinping")}
    assert ("biden", 1) in kb.close_surnames("Bidn", 1)
    assert all(d <= 1 for _, d in kb.close_surnames("Shermann", 1))
    assert "sherman" in {s for s, _ in kb.close_surnames("Shermann", 1)}


def _perturbed(word: str, edits: int, rng) -> str:
    letters = "abcdeiklmnorstuvyzéï '-"
    for _ in range(edits):
        at, c, op = rng.randrange(len(word) + 1), rng.choice(letters), rng.randrange(4)
        if op == 0 and word:
            word = word[:at] + word[at + 1 :]  # a letter left out
        elif op == 1:
            word = word[:at] + c + word[at:]  # a letter added
        elif op == 2 and at < len(word):
            word = word[:at] + c + word[at + 1 :]  # a letter changed
        elif op == 3 and len(word) >= 2:
            at = min(at, len(word) - 2)
            word = word[:at] + word[at + 1] + word[at] + word[at + 2 :]  # two letters swapped
    return word


def test_close_surnames_are_exactly_the_surnames_within_the_distance(kb):
    """The partition index finds what comparing the word with every surname finds (the previous
    implementation did that by length bucket), nearest first then alphabetically: for every surname
    as written, the surnames with one to three edits, and other words."""
    import random

    from rapidfuzz import process
    from rapidfuzz.distance import Levenshtein

    surnames = sorted(kb._by_surname)

    def everywhere(word: str, k: int) -> list[tuple[str, int]]:
        key = fold_name(word)
        if k <= 0:
            return [(key, 0)] if key in kb._by_surname else []
        found = process.extract(key, surnames, scorer=Levenshtein.distance, score_cutoff=k, limit=None)
        return sorted(((s, int(d)) for s, d, _ in found), key=lambda sd: (sd[1], sd[0]))

    rng = random.Random(20240131)
    words = list(surnames) + [s.title() for s in surnames[::7]]
    words += [_perturbed(s, rng.randint(1, 3), rng) for s in surnames for _ in range(2)]
    words += ["", "a", "Bidn", "Shermann", "Jean Pierre", "Rees-Mogg", "  von der  Leyen ", "Zhelensky"]
    for word in words:
        for k in (1, 2):
            assert kb.close_surnames(word, k) == everywhere(word, k), (word, k)
    for word in words[::11]:
        for k in (0, 3):
            assert kb.close_surnames(word, k) == everywhere(word, k), (word, k)


def test_close_surnames_answers_are_remembered_but_not_shared(kb):
    first = kb.close_surnames("Shermann", 1)
    first.append(("x", 9))
    assert ("x", 9) not in kb.close_surnames("Shermann", 1)
    assert kb.close_surnames("SHERMANN", 1) == kb.close_surnames("shermann", 1) == first[:-1]


def test_suggest_ranks_the_closest_name_first(kb):
    best = kb.suggest("Dmitri Kozack", "fr", 3)
    assert best[0][0].id == "Dmitry Kozak" and best[0][1] > 80


def test_the_layered_knowledge_delegates_the_extra_lookups(kb):
    layered = Knowledge([kb])
    assert layered.people_with_surname("Lawrow")[0].id == "Sergey Lavrov"
    assert layered.people_named("Dmitri Peskov")[0].id == "Dmitry Peskov"
    assert layered.close_surnames("Bidn", 1)


def test_role_names(kb):
    assert kb.role_names("president", "RU", "fr")[0] == "président russe"
    assert "président" in kb.role_names("president", "RU", "fr")  # the generic names follow
    assert "chancelier" in kb.role_names("prime-minister", "DE", "fr")
    assert kb.role_names("foreign-minister", None, "en")
    assert kb.role_names("no-such-role", None, "en") == []


# -- offices on dates ---------------------------------------------------------------------------------
def test_holders_of_on_dates(kb):
    assert [p.id for p in kb.holders_of("president", "US", dt.date(2022, 1, 26))] == ["Joe Biden"]
    assert [p.id for p in kb.holders_of("president", "US", dt.date(2017, 6, 1))] == ["Donald Trump"]
    assert "Sergey Lavrov" in {p.id for p in kb.holders_of("foreign-minister", "RU", dt.date(2022, 1, 26))}
    kozak = {p.id for p in kb.holders_of("deputy-prime-minister", "RU", dt.date(2022, 1, 26))}
    assert "Dmitry Kozak" not in kozak
    assert "Dmitry Kozak" in {p.id for p in kb.holders_of("deputy-prime-minister", "RU", dt.date(2019, 1, 1))}


def test_coarse_dates_decide_only_what_they_can(kb):
    # Nicholas Burns: ambassador to China from "2022" to "2025-01"
    in_2022 = dt.date(2022, 8, 20)
    assert "Nicholas Burns" not in {p.id for p in kb.holders_of("ambassador", "US", in_2022)}
    assert ("Nicholas Burns", False) in {(p.id, c) for p, c in kb.possible_holders("ambassador", "US", in_2022)}
    assert "Nicholas Burns" in {p.id for p in kb.holders_of("ambassador", "US", dt.date(2023, 6, 1))}
    assert "Nicholas Burns" not in {p.id for p, _ in kb.possible_holders("ambassador", "US", dt.date(2021, 6, 1))}


@pytest.mark.parametrize(
    ("office", "day", "held"),
    [
        (Office("president", "US", "2021-01-20", "2025-01-20"), dt.date(2022, 1, 1), True),
        (Office("president", "US", "2021-01-20", "2025-01-20"), dt.date(2025, 1, 21), False),
        (Office("president", "US", "2021", None), dt.date(2021, 6, 1), None),  # maybe not yet
        (Office("president", "US", "2021", None), dt.date(2022, 1, 1), True),
        (Office("president", "US", "2021-03", "2022-05"), dt.date(2022, 5, 10), None),
        (Office("president", "US", "2021-03", "2022-05"), dt.date(2022, 6, 1), False),
        (Office("president", "US", "2019", "?"), dt.date(2020, 1, 1), None),
        (Office("president", "US", None, None), dt.date(2020, 1, 1), None),
    ],
)
def test_office_held_on(office, day, held):
    assert office.held_on(day) is held


# -- the compiled cache ------------------------------------------------------------------------------
def test_the_cache_is_written_then_read(tmp_path):
    first = embedded.load.__wrapped__(str(tmp_path))
    files = list(tmp_path.glob("kb-*.pickle"))
    assert len(files) == 1
    again = embedded.load.__wrapped__(str(tmp_path))
    assert len(again.people) == len(first.people)
    assert again.find_person("Sergej Lawrow", "de").id == "Sergey Lavrov"
    assert again.holders_of("president", "US", dt.date(2022, 1, 26))[0].id == "Joe Biden"
    assert again.roles == first.roles and again.snapshot == first.snapshot
    # the close-surname index comes with the cache, built once when it was compiled
    assert ("partition", 2) in again._derived and ("partition", 1) in again._derived
    compiled = embedded.compile_knowledge()
    for word in ("Bidn", "Shermann", "Zhelensky", "Schallenbergg"):
        for k in (1, 2):
            assert again.close_surnames(word, k) == compiled.close_surnames(word, k)


def test_a_damaged_cache_is_rebuilt(tmp_path):
    embedded.load.__wrapped__(str(tmp_path))
    (target,) = tmp_path.glob("kb-*.pickle")
    target.write_bytes(b"not a pickle")
    base = embedded.load.__wrapped__(str(tmp_path))
    assert base.find_person("Joe Biden", "en") is not None
    assert isinstance(pickle.loads(target.read_bytes()), embedded.EmbeddedKnowledge)


def test_an_unwritable_cache_directory_is_ignored(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    base = embedded.load.__wrapped__(str(blocker / "sub"))
    assert base.find_person("Joe Biden", "en") is not None


def test_the_cache_name_follows_the_data():
    files = embedded._data_files()
    assert embedded._fingerprint(files) == embedded._fingerprint(files)
    assert embedded._fingerprint(files) != embedded._fingerprint(files[:-1])


def test_a_person_in_two_files_is_merged():
    a = embedded._person({"id": "X", "gender": "f", "names": {"en": "X Y"}, "aliases": ["X. Y"]}, "a")
    b = embedded._person(
        {"id": "X", "names": {"en": "X Y", "fr": "X Y"}, "offices": [{"role": "president", "of": "US"}]}, "b"
    )
    m = embedded._merged(a, b)
    assert m.gender == "f" and m.aliases == ("X. Y",) and len(m.offices) == 1 and set(m.names) == {"en", "fr"}


# -- newslint kb -------------------------------------------------------------------------------------
def test_cli_kb_show():
    result = CliRunner().invoke(main, ["kb", "show", "Dmitri Kozak"])
    assert result.exit_code == 0, result.output
    assert "Dmitry Kozak" in result.output
    assert "deputy-chief-of-staff" in result.output and "deputy-prime-minister" in result.output
    assert "https://" in result.output


def test_cli_kb_show_in_another_language():
    result = CliRunner().invoke(main, ["kb", "show", "Sergej Lawrow", "--lang", "de"])
    assert result.exit_code == 0, result.output
    assert "Sergey Lavrov" in result.output and "de.wikipedia.org" in result.output


def test_cli_kb_show_unknown_name_suggests():
    result = CliRunner().invoke(main, ["kb", "show", "Dmitri Kozack"])
    assert result.exit_code == 1
    assert "did you mean Dmitry Kozak" in result.output


def test_cli_kb_holders():
    result = CliRunner().invoke(main, ["kb", "holders", "president", "US", "--date", "2022-01-26"])
    assert result.exit_code == 0, result.output
    assert "Joe Biden" in result.output and "2022-01-26" in result.output
    args = ["kb", "holders", "foreign-minister", "ru", "--date", "2022-01-26", "--lang", "fr"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0 and "Sergueï Lavrov" in result.output


def test_cli_kb_holders_errors():
    runner = CliRunner()
    unknown = runner.invoke(main, ["kb", "holders", "grand-vizier", "US"])
    assert unknown.exit_code == 2 and "unknown role" in unknown.output
    bad_date = runner.invoke(main, ["kb", "holders", "president", "US", "--date", "26/01/2022"])
    assert bad_date.exit_code == 2 and "--date" in bad_date.output
    nobody = runner.invoke(main, ["kb", "holders", "president", "US", "--date", "1700-01-01"])
    assert nobody.exit_code == 1 and "knows no" in nobody.output


# -- the data files ------------------------------------------------------------------------------------
def _data(name):
    return tomllib.loads((resources.files("lint.knowledge") / "data" / name).read_text(encoding="utf-8"))


def _people_files():
    data_dir = resources.files("lint.knowledge") / "data"
    return sorted(c.name for c in data_dir.iterdir() if c.name.startswith("people-") and c.name.endswith(".toml"))


def embedded_bounds(value):
    from lint.knowledge.model import _bounds as bounds

    return bounds(value)


def test_there_are_people_files():
    assert _people_files()


@pytest.mark.parametrize("name", _people_files())
def test_people_file_is_valid(name):
    roles = _data("roles.toml")
    problems = []
    ids = set()
    for raw in _data(name).get("person", []):
        pid = raw.get("id", "?")
        if pid in ids:
            problems.append(f"{pid}: id twice in this file")
        ids.add(pid)
        if raw.get("gender") not in ("m", "f"):
            problems.append(f"{pid}: gender {raw.get('gender')!r}")
        names = raw.get("names", {})
        for lang in REQUIRED_LANGS:
            if not isinstance(names.get(lang), str) or not names[lang].strip():
                problems.append(f"{pid}: no {lang} name")
        for lang, name in names.items():
            if lang not in LANGS:
                problems.append(f"{pid}: a name in an unknown language {lang!r}")
            elif not isinstance(name, str) or not name.strip() or name != name.strip():
                problems.append(f"{pid}: bad {lang} name {name!r}")
        if [lang for lang in names if lang in LANGS] != [lang for lang in LANGS if lang in names]:
            problems.append(f"{pid}: names not in the order {', '.join(LANGS)}")
        for o in raw.get("offices", []):
            if o.get("role") not in roles:
                problems.append(f"{pid}: unknown role {o.get('role')!r}")
            if not isinstance(o.get("of"), str) or not o["of"].isupper():
                problems.append(f"{pid}: bad jurisdiction {o.get('of')!r}")
            start, end = o.get("start"), o.get("end")
            for key, value in (("start", start), ("end", end)):
                if value is None or (key == "end" and value == "?"):
                    continue
                if not isinstance(value, str) or not DATE.match(value) or embedded_bounds(value) is None:
                    problems.append(f"{pid}: {o.get('role')} {key} {value!r} is not YYYY[-MM[-DD]]")
            if start and end and end != "?" and DATE.match(start) and DATE.match(end):
                s, e = embedded_bounds(start), embedded_bounds(end)
                if s and e and s[0] > e[1]:
                    problems.append(f"{pid}: {o.get('role')} ends ({end}) before it starts ({start})")
    assert not problems, "\n".join(problems)


def test_a_person_in_two_files_agrees_with_itself():
    """One person may be entered in two regional files (their facts are merged): the two entries
    must then give the same gender and the same names."""
    seen: dict[str, tuple[str, dict]] = {}
    problems = []
    for name in _people_files():
        for raw in _data(name).get("person", []):
            pid = raw.get("id")
            if pid in seen:
                where, first = seen[pid]
                if first.get("gender") != raw.get("gender") or first.get("names") != raw.get("names"):
                    problems.append(f"{pid}: {where} and {name} disagree on gender or names")
            else:
                seen[pid] = (name, raw)
    assert not problems, "\n".join(problems)


def test_roles_have_names_in_each_language():
    roles = _data("roles.toml")
    missing = defaultdict(list)
    for role, table in roles.items():
        for lang in LANGS:
            if not table.get(lang):
                missing[role].append(lang)
    assert not missing, dict(missing)


def test_an_exonym_names_the_person_and_is_known_as_a_defect(kb):
    found = kb.people_named("Vladimir Zelensky")
    assert [p.id for p in found] == ["Volodymyr Zelenskyy"]
    p = found[0]
    assert p.is_exonym("Vladimir Zelensky") and p.is_exonym("vladimir  zelensky")
    assert not p.is_exonym(p.name("fr")) and "Vladimir Zelensky" not in p.aliases
