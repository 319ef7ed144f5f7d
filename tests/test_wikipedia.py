"""The online knowledge source against a fake MediaWiki + Wikidata server on 127.0.0.1 (tests/fake_wiki.py).

Nothing here touches the internet; retry waits are capped at a few milliseconds.
"""

from __future__ import annotations

import datetime as dt
import math
import multiprocessing
import socket
import sqlite3
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from fake_wiki import (
    TEST_POSITIONS,
    FakeWiki,
    FakeWikiServer,
    Fault,
    Person,
)

from lint import Article, Config, check_article
from lint.knowledge import Knowledge
from lint.knowledge.sources import build_knowledge
from lint.knowledge.wikicache import FILENAME, WikiCache
from lint.knowledge.wikiclient import Unavailable, parse_retry_after
from lint.knowledge.wikipedia import WikipediaKnowledge

UA = "newslint-tests/0.1 (https://example.org/newslint; tests@example.org)"
SEED = Path("/work/shared/corpus/fr-2022-01-ukraine.txt")
DAY = dt.date(2022, 1, 26)
RULES = ("facts.role", "facts.unknown-person", "quotes")

# Role names for the test-only knowledge (the real roles.toml is the snapshot's business).
TEST_ROLES = {
    "president": {"en": ["president"], "fr": ["président", "présidente"]},
    "prime-minister": {"en": ["prime minister", "chancellor"], "fr": ["Premier ministre", "chancelier"]},
    "deputy-prime-minister": {"en": ["deputy prime minister"], "fr": ["vice-Premier ministre"]},
    "foreign-minister": {"en": ["foreign minister"], "fr": ["ministre des Affaires étrangères"]},
    "deputy-foreign-minister": {
        "en": ["deputy foreign minister"],
        "fr": ["vice-ministre des Affaires étrangères", "vice-ministre russe des Affaires étrangères"],
        "US": {"en": ["Deputy Secretary of State"], "fr": ["secrétaire d'État adjoint", "secrétaire d'État adjointe"]},
    },
    "finance-minister": {"en": ["finance minister", "minister of finance"], "fr": ["ministre des Finances"]},
    "energy-minister": {
        "en": ["energy minister", "minister of energy"],
        "fr": ["ministre de l'Énergie"],
        "RU": {"fr": ["ministre russe de l'Énergie"]},
    },
    "press-secretary": {
        "en": ["press secretary"],
        "RU": {"en": ["Kremlin spokesman"], "fr": ["porte-parole du Kremlin"]},
    },
    "deputy-chief-of-staff": {
        "en": ["deputy chief of staff"],
        "RU": {"en": ["deputy head of the Presidential Administration"], "fr": ["chef adjoint de l'administration"]},
    },
    "speaker-lower-house": {"en": ["speaker"], "fr": ["président de la chambre basse"]},
    "ambassador": {"en": ["ambassador"], "fr": ["ambassadeur", "ambassadrice"]},
    "secretary-general": {"en": ["secretary general"], "fr": ["secrétaire général", "secrétaire générale"]},
    "defence-ministry-spokesperson": {"en": ["Pentagon press secretary"], "fr": ["porte-parole du Pentagone"]},
}


class RolesOnly:
    """A test-only first layer: knows the role names and nobody, so every person comes from Wikipedia."""

    name = "roles-only"

    def __init__(self, roles=TEST_ROLES) -> None:
        self.roles = roles

    def find_person(self, name, lang):
        return None

    def suggest(self, name, lang, limit=5):
        return []

    def holders_of(self, role, of, on):
        return []

    def role_names(self, role, of, lang):
        entry = self.roles.get(role, {})
        return list(entry.get(of, {}).get(lang, [])) + list(entry.get(lang, [])) if of else list(entry.get(lang, []))

    def prefetch(self, names, lang):
        return None


@pytest.fixture
def server():
    srv = FakeWikiServer().start()
    yield srv
    srv.stop()


def source(server, tmp_path, **kw) -> WikipediaKnowledge:
    options = {
        "user_agent": UA,
        "mediawiki_url": server.mediawiki_url if server else "http://127.0.0.1:9/{lang}/w/api.php",
        "wikidata_url": server.wikidata_url if server else "http://127.0.0.1:9/wikidata/w/api.php",
        "cache_dir": str(tmp_path / "cache"),
        "roles": TEST_ROLES,
        "positions": TEST_POSITIONS,
        "timeout": 2.0,
        "max_retries": 2,
        "backoff": 0.0,
        "max_wait": 0.05,
    }
    options.update(kw)
    return WikipediaKnowledge(**options)


def online(server, tmp_path, **kw) -> Knowledge:
    return Knowledge([RolesOnly(), source(server, tmp_path, **kw)])


def check(text, kb, lang="fr", rules=RULES, day=DAY):
    from lint.engine import default_registry

    selected = [r for r in default_registry() if r.id in rules or r.id.split(".")[0] in rules]
    art = Article(text=text, source="t.txt", lang=lang, published=day)
    return check_article(art, Config(knowledge="embedded"), rules=selected, knowledge=kb)


def roles_of(result, category="role-factual"):
    return [f for f in result.findings if f.category == category]


def net_notices(result):
    return [n for n in result.notices if "could not be consulted" in n.message]


# ---------------------------------------------------------------------------------------------------
# Lookups: found, redirected, missing (with a suggestion), disambiguation, English only, not a person
# ---------------------------------------------------------------------------------------------------
def test_found_redirected_missing_disambiguation(server, tmp_path):
    wk = source(server, tmp_path)
    names = ["Dmitri Peskov", "Dmitry Kozak", "Ce Jinping", "John Kirby", "Kristina Kvien", "Kremlin de Moscou"]
    wk.prefetch(names, "fr")
    assert server.hits == 3  # titles on fr.wikipedia, items (+ English titles), unmapped positions

    peskov = wk.find_person("Dmitri Peskov", "fr")
    assert wk.status("Dmitri Peskov", "fr") == "found"
    assert peskov.source == "wikipedia" and peskov.gender == "m" and peskov.id == "Dmitry Peskov"
    assert peskov.names["fr"] == "Dmitri Peskov" and peskov.urls["fr"] == "https://fr.wikipedia.org/wiki/Dmitri_Peskov"
    assert [(o.role, o.of, o.start, o.end) for o in peskov.offices] == [("press-secretary", "RU", "2012-05-22", None)]

    kozak = wk.find_person("Dmitry Kozak", "fr")  # a redirect to "Dmitri Kozak"
    assert wk.status("Dmitry Kozak", "fr") == "redirected"
    assert kozak.names["fr"] == "Dmitri Kozak" and kozak.urls["fr"].endswith("/Dmitri_Kozak")
    assert {(o.role, o.start, o.end) for o in kozak.offices} == {
        ("deputy-prime-minister", "2008-10-14", "2020-01-21"),
        ("deputy-chief-of-staff", "2020-01-24", "2024-09"),  # mapped by its English label
    }

    assert wk.find_person("Ce Jinping", "fr") is None and wk.status("Ce Jinping", "fr") == "missing"
    best, score = wk.suggest("Ce Jinping", "fr")[0]
    assert best.name("fr") == "Xi Jinping" and score == 80.0 and best.urls["fr"].endswith("/Xi_Jinping")

    assert wk.find_person("John Kirby", "fr") is None and wk.status("John Kirby", "fr") == "disambiguation"
    ambiguous, score = wk.suggest("John Kirby", "fr")[0]  # several people bear the name: no search needed
    assert ambiguous.name("fr") == "John Kirby" and score == 100.0

    kvien = wk.find_person("Kristina Kvien", "fr")  # no French page: her English one, same request as the items
    assert wk.status("Kristina Kvien", "fr") == "english"
    assert kvien.gender == "f" and kvien.url("fr") == "https://en.wikipedia.org/wiki/Kristina_Kvien"

    assert wk.find_person("Kremlin de Moscou", "fr") is None and wk.status("Kremlin de Moscou", "fr") == "not-a-person"
    assert wk.drain_notices() == []


def test_mul_labels_user_agent_and_maxlag_are_sent(server, tmp_path):
    server.wiki.add(Person("Q99000104", {"fr": "Ana Mulova"}, {"mul": "Anna Mulova"}, "f"))
    wk = source(server, tmp_path)
    wk.prefetch(["Ana Mulova", "Jens Stoltenberg", "Ce Jinping"], "fr")
    assert wk.find_person("Ana Mulova", "fr").names == {"fr": "Ana Mulova", "en": "Anna Mulova"}
    assert wk.find_person("Jens Stoltenberg", "fr").offices[0].role == "secretary-general"
    for params in server.requests_to("wikidata"):
        assert "mul" in params["languages"].split("|") and "fr" in params["languages"].split("|")
        assert params["maxlag"] == "5"
    assert all(params.get("maxlag") == "5" for params in server.requests_to("fr"))
    wk.suggest("Ce Jinping", "fr")  # a missing name: wikipedia-api's search
    assert {h["User-Agent"].split(" httpx/")[0].split(" Wikipedia-API/")[0] for _, _, h in server.log} == {UA}
    assert any("Wikipedia-API/" in h["User-Agent"] for _, _, h in server.log)


def test_english_article_and_missing_everywhere(server, tmp_path):
    wk = source(server, tmp_path)
    wk.prefetch(["Dmitri Kozak", "Nobody Atall"], "en")
    assert wk.find_person("Dmitri Kozak", "en").urls["en"].endswith("/Dmitry_Kozak")
    assert wk.status("Nobody Atall", "en") == "missing"
    assert server.hits == 3


def test_retry_after_parsing():
    assert parse_retry_after("7") == 7.0
    assert parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT", now=1445412470.0) == 10.0
    assert parse_retry_after("soon") is None and parse_retry_after(None) is None


# ---------------------------------------------------------------------------------------------------
# Wikipedia filling what the first layer does not know; the seed article
# ---------------------------------------------------------------------------------------------------
GAP = (
    "Le ministre russe de l'Énergie Boris Testovitch a déclaré : « Bonjour,« a-t-il dit.\n\n"
    "La ministre des Finances Irina Fictiva a répondu.\n"
)


def test_wikipedia_fills_what_the_first_layer_does_not_know(server, tmp_path):
    offline_only = check(GAP, Knowledge([RolesOnly()]))
    assert roles_of(offline_only) == []
    result = check(GAP, online(server, tmp_path))
    (finding,) = roles_of(result)
    assert finding.text == "ministre russe de l'Énergie Boris Testovitch"
    assert "2015-03-01 – 2019-06-30" in finding.message
    assert finding.evidence["url"] == "https://fr.wikipedia.org/wiki/Boris_Testovitch"
    assert finding.evidence["source"] == "wikipedia"
    assert net_notices(result) == []
    assert any(f.rule.startswith("quotes") for f in result.findings)


def _seed() -> str:
    if not SEED.exists():
        pytest.skip("the seed article is not available")
    return SEED.read_text(encoding="utf-8")


def test_seed_with_wikipedia_only_flags_kozak(server, tmp_path):
    """Every official of the seed comes from the fake Wikipedia (the first layer knows nobody)."""
    result = check(_seed(), online(server, tmp_path))
    findings = roles_of(result)
    assert [f.text for f in findings] == ["vice-Premier ministre russe Dmitri Kozak"], [f.message for f in findings]
    assert findings[0].evidence["url"] == "https://fr.wikipedia.org/wiki/Dmitri_Kozak"
    assert findings[0].evidence["source"] == "wikipedia"
    assert net_notices(result) == []


def test_seed_with_the_snapshot_and_wikipedia(server, tmp_path):
    """The shipped configuration: `knowledge = wikipedia` built from the config, pointed at the fake server."""
    cfg = Config(
        knowledge="wikipedia",
        user_agent=UA,
        mediawiki_url=server.mediawiki_url,
        wikidata_url=server.wikidata_url,
        cache_dir=str(tmp_path / "cache"),
    )
    kb = build_knowledge(cfg)
    assert kb.consults_wikipedia is True
    if not kb.sources[0].roles:
        pytest.skip("roles.toml is not in the snapshot")
    art = Article(text=_seed(), source="seed", lang="fr", published=DAY)
    result = check_article(art, cfg, knowledge=kb)
    findings = roles_of(result)
    assert [f.text for f in findings] == ["vice-Premier ministre russe Dmitri Kozak"], [f.message for f in findings]
    assert findings[0].evidence["url"] == "https://fr.wikipedia.org/wiki/Dmitri_Kozak"
    assert net_notices(result) == []


# ---------------------------------------------------------------------------------------------------
# Faults: the run completes, other findings stay, one clear notice says what was not checked
# ---------------------------------------------------------------------------------------------------
def _assert_degraded(result, *words):
    assert any(f.rule.startswith("quotes") for f in result.findings), "other rules' findings must stay"
    assert roles_of(result) == []
    assert roles_of(result, "unknown-person") == []  # "no source knows" is not said when a source was not asked
    (notice,) = net_notices(result)
    assert notice.level == "warning" and "Boris Testovitch" in notice.message, notice.message
    for word in words:
        assert word in notice.message, notice.message
    return notice


@pytest.mark.parametrize(
    ("fault", "words"),
    [
        (Fault("status", status=429, headers={"Retry-After": "30"}), ["HTTP 429", "asked to wait 30 s"]),
        (Fault("status", status=429), ["HTTP 429", "3 attempts"]),
        (Fault("status", status=503), ["HTTP 503"]),
        (Fault("body", body=b'{"query": {"pages": [ this is not JSON'), ["malformed JSON"]),
        (Fault("api-error", code="maxlag", headers={"Retry-After": "0"}), ["maxlag"]),
        (Fault("sleep", delay=1.0), ["no answer within 0.2 s"]),
    ],
    ids=["429-long-retry-after", "429-repeated", "503", "malformed-json", "maxlag", "timeout"],
)
def test_faults_end_in_one_notice(server, tmp_path, fault, words):
    server.faults.append(fault)
    result = check(GAP, online(server, tmp_path, timeout=0.2))
    _assert_degraded(result, *words)


def test_connection_refused(tmp_path):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # nothing listens once the socket is closed
    wk = source(
        None,
        tmp_path,
        mediawiki_url=f"http://127.0.0.1:{port}/{{lang}}/w/api.php",
        wikidata_url=f"http://127.0.0.1:{port}/wikidata/w/api.php",
    )
    result = check(GAP, Knowledge([RolesOnly(), wk]))
    _assert_degraded(result, "cannot connect")
    # the circuit breaker: the next article does not wait again, and is told the same
    again = check(GAP, Knowledge([RolesOnly(), wk]))
    _assert_degraded(again, "cannot connect")


def test_transient_failures_are_retried(server, tmp_path):
    on_wikidata = lambda site, params: site == "wikidata"  # noqa: E731
    server.faults += [
        Fault("status", status=503, times=2, when=lambda site, params: site == "fr"),
        Fault("status", status=429, headers={"Retry-After": "0"}, times=1, when=on_wikidata),
        Fault("api-error", code="maxlag", headers={"Retry-After": "0"}, times=1, when=on_wikidata),
    ]
    result = check(GAP, online(server, tmp_path))
    assert len(roles_of(result)) == 1 and net_notices(result) == []
    assert server.hits == 3 + 4


def test_wikidata_down_wikipedia_up(server, tmp_path):
    server.faults.append(Fault("status", status=502, when=lambda site, params: site == "wikidata"))
    result = check(GAP, online(server, tmp_path))
    _assert_degraded(result, "HTTP 502", "wikidata")


def test_circuit_breaker_spares_later_articles(server, tmp_path):
    server.faults.append(Fault("status", status=503))
    kb = online(server, tmp_path)
    check(GAP, kb)
    hits = server.hits
    _assert_degraded(check(GAP, kb), "HTTP 503")
    assert server.hits == hits


def test_library_errors_never_reach_the_user(server, tmp_path):
    wk = source(server, tmp_path)
    server.faults.append(Fault("body", body=b'{"batchcomplete": ""}'))  # no "query": wikipedia-api's KeyError
    with pytest.raises(Unavailable, match="unexpected answer"):
        wk.client.page("en", "Dmitry Kozak")
    server.faults[:] = [Fault("api-error", code="badvalue")]  # an error body: search() would return nothing
    with pytest.raises(Unavailable, match="API error badvalue"):
        wk.client.search("fr", "Ce Jinping")
    server.faults[:] = [Fault("status", status=429, headers={"Retry-After": "3600"})]
    with pytest.raises(Unavailable, match="asked to wait 3600 s"):
        wk.client.search("fr", "Ce Jinping")
    with pytest.raises(ValueError, match="too short"):
        source(server, tmp_path, user_agent="ua")


def test_failed_search_is_a_notice(server, tmp_path):
    kb = online(server, tmp_path)
    kb.prefetch(["Ce Jinping"], "fr")
    server.faults.append(Fault("status", status=500))
    assert kb.suggest("Ce Jinping", "fr") == []
    ((_level, message),) = kb.drain_notices()
    assert "Ce Jinping" in message and "HTTP 500" in message


# ---------------------------------------------------------------------------------------------------
# The cache
# ---------------------------------------------------------------------------------------------------
def test_second_run_makes_no_request(server, tmp_path):
    first = check(GAP, online(server, tmp_path))
    hits = server.hits
    assert hits > 0
    second = check(GAP, online(server, tmp_path))  # a new process would start with an empty memory
    assert server.hits == hits
    assert [f.message for f in roles_of(second)] == [f.message for f in roles_of(first)]


def test_offline_uses_only_the_cache(server, tmp_path):
    check(GAP, online(server, tmp_path))
    hits = server.hits
    kb = online(server, tmp_path, offline=True)
    result = check(GAP + "Le ministre russe de l'Énergie Jean Inconnu a parlé.\n", kb)
    assert server.hits == hits
    assert [f.text for f in roles_of(result)] == ["ministre russe de l'Énergie Boris Testovitch"]
    assert net_notices(result) == [] and kb.consults_wikipedia is False


def test_expired_entries_are_fetched_again(server, tmp_path):
    now = [1_000_000.0]
    check(GAP, online(server, tmp_path, clock=lambda: now[0], cache_ttl=3600))
    hits = server.hits
    now[0] += 1800
    check(GAP, online(server, tmp_path, clock=lambda: now[0], cache_ttl=3600))
    assert server.hits == hits
    now[0] += 3600
    check(GAP, online(server, tmp_path, clock=lambda: now[0], cache_ttl=3600))
    assert server.hits == 2 * hits


def test_corrupted_cache_is_moved_aside_and_rebuilt(server, tmp_path):
    cache = tmp_path / "cache"
    cache.mkdir()
    (cache / FILENAME).write_bytes(b"this is not an SQLite database" * 100)
    result = check(GAP, online(server, tmp_path))
    assert len(roles_of(result)) == 1
    (notice,) = [n for n in result.notices if "unreadable" in n.message]
    assert "moved" in notice.message and "rebuilt" in notice.message
    assert len(list(cache.glob(f"{FILENAME}.corrupt-*"))) == 1
    hits = server.hits
    check(GAP, online(server, tmp_path))
    assert server.hits == hits  # the rebuilt cache works


def _hammer(directory: str, worker: int, rounds: int) -> None:
    cache = WikiCache(directory, ttl=3600)
    for i in range(rounds):
        cache.put_many({f"w{worker}-{i}-{j}": {"worker": worker, "i": i, "j": j} for j in range(10)})
        cache.put(f"shared-{i % 7}", {"by": worker, "i": i})
        got = cache.get_many([f"w{worker}-{i}-{j}" for j in range(10)])
        assert len(got) == 10
    assert not cache.drain_notices()
    cache.close()


def test_two_processes_share_the_cache(tmp_path):
    ctx = multiprocessing.get_context("spawn")
    procs = [ctx.Process(target=_hammer, args=(str(tmp_path), w, 60)) for w in range(2)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(timeout=120)
    for p in procs:
        if p.is_alive():
            p.kill()
        assert p.exitcode == 0
    conn = sqlite3.connect(tmp_path / FILENAME)
    assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert conn.execute("SELECT count(*) FROM answers").fetchone() == (2 * 60 * 10 + 7,)
    conn.close()


# ---------------------------------------------------------------------------------------------------
# The request budget: ceil(distinct people / 50) + 2 per article on a cold cache, none on a warm one
# ---------------------------------------------------------------------------------------------------
class Spy(Knowledge):
    prefetched: list[str]

    def prefetch(self, names, lang):
        self.prefetched = list(dict.fromkeys(names))
        super().prefetch(self.prefetched, lang)


def test_request_budget_with_wikipedia_only(server, tmp_path):
    text = _seed()
    for wrong, right in [("Ce Jinping", "Xi Jinping"), ("Shermann", "Sherman"), ("Jermak", "Iermak")]:
        text = text.replace(wrong, right)
    kb = Spy([RolesOnly(), source(server, tmp_path)])
    result = check(text, kb)
    people = len(kb.prefetched)
    assert people >= 10
    assert server.hits <= math.ceil(people / 50) + 2, [p for _, p, _ in server.log]
    assert len(roles_of(result)) == 1
    hits = server.hits
    check(text, Spy([RolesOnly(), source(server, tmp_path)]))
    assert server.hits == hits  # warm: none


def test_request_budget_with_the_snapshot(server, tmp_path):
    cfg = Config(
        knowledge="wikipedia",
        user_agent=UA,
        mediawiki_url=server.mediawiki_url,
        wikidata_url=server.wikidata_url,
        cache_dir=str(tmp_path / "cache"),
    )
    base = build_knowledge(cfg)
    kb = Spy(base.sources)
    check_article(Article(text=_seed(), source="seed", lang="fr", published=DAY), cfg, knowledge=kb)
    assert server.hits <= math.ceil(len(kb.prefetched) / 50) + 2


def test_a_misspelt_name_costs_one_search(server, tmp_path):
    kb = online(server, tmp_path)
    check("Le président chinois Ce Jinping a parlé.", kb)
    searches = [p for p in server.requests_to("fr") if p.get("list") == "search"]
    assert len(searches) == 1 and searches[0]["srsearch"] == "Ce Jinping"


def test_chunks_of_fifty(tmp_path):
    wiki = FakeWiki(people=[], generated=True)
    srv = FakeWikiServer(wiki).start()
    try:
        wk = source(srv, tmp_path)
        names = [f"Olga Benchova-{i}" for i in range(120)]
        wk.prefetch(names, "fr")
        titles = [p for p in srv.requests_to("fr")]
        assert sorted(len(p["titles"].split("|")) for p in titles) == [20, 50, 50]
        assert all(len(p.get("ids", "").split("|")) <= 50 for p in srv.requests_to("wikidata"))
        assert all(wk.find_person(n, "fr") is not None for n in names)
    finally:
        srv.stop()


# ---------------------------------------------------------------------------------------------------
# newslint kb update
# ---------------------------------------------------------------------------------------------------
PEOPLE = """\
# people-test.toml: a file of the snapshot's format. Format: see FORMAT.md.

# ==================== RUSSIA ====================

[[person]]
id = "Dmitry Kozak"
gender = "m"
names = { en = "Dmitry Kozak", fr = "Dmitri Kozak", de = "Dmitri Kosak", es = "Dmitri Kozak" }
aliases = ["Dmitriy Kozak"]
offices = [
  { role = "deputy-prime-minister", of = "RU", start = "2008-10", end = "2020-01-21" },
  { role = "envoy", of = "RU", to = "UA", start = "2020-02" },  # a hand-entered fact Wikidata lacks
]

[[person]]
id = "Dmitry Peskov"
gender = "m"
names = { en = "Dmitry Peskov", fr = "Dmitri Peskov", de = "Dmitri Peskow", es = "Dmitri Peskov" }
offices = [
  { role = "press-secretary", of = "RU", start = "2012-05-22" },
]

# ==================== UNITED STATES ====================

[[person]]
id = "Wendy Sherman"
qid = "Q99000006"
gender = "f"
names = { en = "Wendy Sherman", fr = "Wendy Sherman" }
offices = [
  { role = "deputy-foreign-minister", of = "US", start = "2021-04-14", end = "2023-07-28" },
]

[[person]]
id = "Nobody Atall"   # not on Wikipedia: kept as it is
gender = "m"
names = { en = "Nobody Atall" }
offices = []
"""


def test_kb_update_rebuilds_a_people_file(server, tmp_path, monkeypatch):
    import tomllib
    from click.testing import CliRunner

    from lint.cli import main
    from lint.knowledge.wikipedia import PositionMapper

    # the table is extensible: the fake server's made-up positions are added to it
    load = PositionMapper.load.__func__
    extended = classmethod(lambda cls, roles, extra=None: load(cls, roles, TEST_POSITIONS))
    monkeypatch.setattr(PositionMapper, "load", extended)

    people = tmp_path / "people-test.toml"
    people.write_text(PEOPLE, encoding="utf-8")
    cfg = tmp_path / "newslint.cfg"
    cfg.write_text(
        f"[newslint]\nuser-agent = {UA}\nmediawiki-url = {server.mediawiki_url}\n"
        f"wikidata-url = {server.wikidata_url}\n",
        encoding="utf-8",
    )
    out = CliRunner().invoke(
        main,
        ["kb", "update", "--file", str(people), "--config", str(cfg), "--add", "Q99000101", "--add", "Irina Fictiva"],
    )
    assert out.exit_code == 0, out.output
    assert "Nobody Atall: missing on English Wikipedia; kept as it is" in out.output
    assert "added Boris Testovich (Q99000101)" in out.output and "added Irina Fictiva (Q99000102)" in out.output
    text = people.read_text(encoding="utf-8")
    assert "# ==================== UNITED STATES ====================" in text  # comments kept
    assert list(tmp_path.glob(".people-test.toml.*")) == []  # no temporary file left behind
    data = {p["id"]: p for p in tomllib.loads(text)["person"]}

    kozak = data["Dmitry Kozak"]
    assert kozak["qid"] == "Q99000003"
    assert kozak["names"] == {"en": "Dmitry Kozak", "fr": "Dmitri Kozak", "de": "Dmitri Kosak", "es": "Dmitri Kozak"}
    assert kozak["offices"] == [
        {"role": "deputy-prime-minister", "of": "RU", "start": "2008-10-14", "end": "2020-01-21"},
        {"role": "deputy-chief-of-staff", "of": "RU", "start": "2020-01-24", "end": "2024-09"},
        {"role": "envoy", "of": "RU", "to": "UA", "start": "2020-02"},
    ]
    peskov = data["Dmitry Peskov"]  # dewiki's title carries the patronymic: kept as an alias, not as the name
    assert peskov["names"]["de"] == "Dmitri Peskow" and "Dmitri Sergejewitsch Peskow" in peskov["aliases"]
    assert "Wendy Sherman" in text and 'id = "Nobody Atall"   # not on Wikipedia: kept as it is' in text
    assert data["Boris Testovich"]["offices"] == [
        {"role": "energy-minister", "of": "RU", "start": "2015-03-01", "end": "2019-06-30"}
    ]
    assert data["Irina Fictiva"]["names"]["en"] == "Irina Fictiva" and data["Irina Fictiva"]["gender"] == "f"

    # run again: nothing left to change, the file is not rewritten
    before = people.stat().st_mtime_ns
    again = CliRunner().invoke(main, ["kb", "update", "--file", str(people), "--config", str(cfg)])
    assert again.exit_code == 0 and "0 updated" in again.output and "written: nothing" in again.output
    assert people.stat().st_mtime_ns == before


def test_kb_update_writes_nothing_when_wikidata_fails(server, tmp_path):
    from lint.knowledge.update import UpdateError, update_files

    people = tmp_path / "people-test.toml"
    people.write_text(PEOPLE, encoding="utf-8")
    server.faults.append(Fault("status", status=503, when=lambda site, params: site == "wikidata"))
    wk = source(server, tmp_path)
    with pytest.raises(UpdateError, match="nothing written"):
        update_files(None, [people], source=wk)
    assert people.read_text(encoding="utf-8") == PEOPLE


def test_toml_writer_round_trips():
    import tomllib

    from lint.knowledge.update import render_person

    raw = {
        "id": 'Tricky "Name" \\ (x)',
        "qid": "Q1",
        "gender": "f",
        "names": {"en": "Zoë Ünïcode", "fr": "Tab\there", "zh-hans": "习近平"},
        "aliases": ["a\nb", "\x01ctl"],
        "family_first": True,
        "offices": [{"role": "president", "of": "CN", "start": "2013-03-14", "acting": False}],
        "extra": 3,
    }
    assert tomllib.loads(render_person(raw))["person"][0] == raw


def test_misspelling_uses_wikipedia_suggestions_when_the_snapshot_has_no_candidate(server, tmp_path):
    """Issue 5: a full name introduced with a title, unknown to every layer, corrected by search."""
    text = "Le président chinois Ce Jinping a reçu mardi ses homologues.\n"
    kb = Knowledge([RolesOnly(), online(server, tmp_path).sources[-1]])
    result = check(text, kb, rules=("names.misspelling",))
    (finding,) = [f for f in result.findings if f.rule == "names.misspelling"]
    assert finding.text == "Ce Jinping" and finding.suggestions == ("Xi Jinping",)
    assert finding.evidence["source"] == "wikipedia" and "Xi_Jinping" in finding.evidence["url"]
    offline = check(text, Knowledge([RolesOnly()]), rules=("names.misspelling",))
    assert [f for f in offline.findings if f.rule == "names.misspelling"] == []

