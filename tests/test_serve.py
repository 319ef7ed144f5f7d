"""`newslint serve`: the LanguageTool-compatible API, newslint's own, their limits and errors, on a real
server on 127.0.0.1 (uvicorn in a thread), and the UTF-16 offsets LanguageTool's clients count in."""

from __future__ import annotations

import contextlib
import functools
import json
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest
import uvicorn
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from lint import cli
from lint.article import Article
from lint.config import Config
from lint.engine import check_article
from lint.language import available_languages
from lint.rule import BUILTIN_CATEGORIES
from lint.serve import Limits, create_app
from lint.serve.languagetool import ISSUE_TYPES
from lint.serve.pool import CheckPool
from lint.serve.utf16 import Utf16Offsets, utf16_len

ARTICLE = (
    "Selon Joe Bidn, les États-Unis restent ouverts au dialogue.\n\n"
    "Le président chinois Ce Jinping a appelé au calme. « Nous ne nous précipiterons pas,« a-t-il ajouté.\n"
)
BLINKEN = "Le secrétaire d’État américain Antony Blinken a remis la réponse écrite.\n"
MAX_BYTES = 64 * 1024

# LanguageTool's documented /v2/check answer, key for key
SOFTWARE_KEYS = {"name", "version", "buildDate", "apiVersion", "status", "premium"}
MATCH_KEYS = {"message", "shortMessage", "replacements", "offset", "length", "context", "sentence", "type", "rule"}
RULE_KEYS = {"id", "description", "issueType", "category"}


# -- a server on 127.0.0.1 ------------------------------------------------------------------------
@contextlib.contextmanager
def live_server(app, lifespan: str = "off", **options) -> Iterator[str]:
    """Serve `app` with uvicorn on a free loopback port in a thread; yields its base URL. Without
    lifespan by default: its shutdown closes the app's check pool, and an app may serve twice.
    `options` are more uvicorn settings (`newslint serve`'s own, for the hostile-client tests)."""
    config = uvicorn.Config(
        app, host="127.0.0.1", port=0, log_level="warning", access_log=False, lifespan=lifespan, **options
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the test server did not start")
        time.sleep(0.01)
    port = server.servers[0].sockets[0].getsockname()[1]
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(10)


@functools.cache
def shared_app():
    """One app, its engine loaded once for this module and tests/test_serve_page.py."""
    return create_app(Config(), Limits(max_bytes=MAX_BYTES, timeout=20, threads=2))


@pytest.fixture(scope="module")
def base_url() -> Iterator[str]:
    with live_server(shared_app()) as url:
        yield url


@pytest.fixture(scope="module")
def client(base_url) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=base_url, timeout=30) as c:
        yield c


def lt_check(client: httpx.Client, **fields) -> dict:
    response = client.post("/v2/check", data=fields)
    assert response.status_code == 200, response.text
    return response.json()


def assert_error(response: httpx.Response, status: int, *words: str) -> None:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert body["status"] == status and isinstance(body["message"], str)
    assert "Traceback" not in response.text
    for word in words:
        assert word in body["message"]


# -- UTF-16 offsets -------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "index", "expected"),
    [
        ("abc", 2, 2),
        ("😀a", 1, 2),  # an emoji: two units
        ("𝕏 et 𝕐 ont", 6, 8),  # mathematical letters, astral too
        ("e\u0301t\u00e9", 3, 3),  # a combining mark is one code point and one unit
        ("👨\u200d👩\u200d👧 x", 6, 9),  # a ZWJ family: three astral people, two joiners
        ("🇺🇦 Kyiv", 3, 5),  # a flag: two regional indicators
    ],
)
def test_utf16_offset_counts_astral_characters_twice(text, index, expected):
    assert Utf16Offsets(text).offset(index) == expected


@given(st.text(alphabet=st.characters(exclude_categories=("Cs",)), max_size=60), st.data())
def test_utf16_span_is_the_utf16_encoding_of_the_slice(text, data):
    start = data.draw(st.integers(0, len(text)))
    length = data.draw(st.integers(0, len(text) - start))
    offset, units = Utf16Offsets(text).span(start, length)
    encoded = text.encode("utf-16-le")
    assert encoded[2 * offset : 2 * (offset + units)].decode("utf-16-le") == text[start : start + length]
    assert utf16_len(text) == len(encoded) // 2


def test_every_builtin_category_has_an_issue_type():
    assert set(ISSUE_TYPES) == set(BUILTIN_CATEGORIES)


# -- the endpoints' shapes ------------------------------------------------------------------------
def test_healthz(client):
    body = client.get("/healthz").json()
    assert body["status"] == "ok" and body["rules"] > 0
    assert body["languages"] == list(available_languages())


def test_languages_as_languagetool_lists_them(client):
    body = client.get("/v2/languages").json()
    assert [set(lang) for lang in body] == [{"name", "code", "longCode"}] * len(body)
    assert {lang["code"] for lang in body} == set(available_languages())
    assert {"code": "fr", "name": "French", "longCode": "fr"} in body


def test_v2_check_answers_in_languagetools_shape(client):
    body = lt_check(client, text=ARTICLE, language="fr")
    assert set(body) == {"software", "warnings", "language", "matches"}
    assert set(body["software"]) == SOFTWARE_KEYS and body["software"]["apiVersion"] == 1
    assert body["warnings"] == {"incompleteResults": False}
    assert body["language"]["code"] == "fr" and body["language"]["name"] == "French"
    assert set(body["language"]["detectedLanguage"]) == {"name", "code", "confidence"}
    assert body["language"]["detectedLanguage"]["code"] == "fr"
    assert len(body["matches"]) == 3
    for m in body["matches"]:
        assert set(m) >= MATCH_KEYS
        assert isinstance(m["offset"], int) and isinstance(m["length"], int)
        assert all(set(r) == {"value"} for r in m["replacements"])
        assert set(m["context"]) == {"text", "offset", "length"}
        assert m["context"]["text"][m["context"]["offset"] :][: m["context"]["length"]] == ARTICLE[
            m["offset"] : m["offset"] + m["length"]
        ]
        assert m["type"]["typeName"] in ("Other", "Hint")
        assert set(m["rule"]) >= RULE_KEYS and set(m["rule"]["category"]) == {"id", "name"}
        assert m["sentence"] in ARTICLE
    bidn = next(m for m in body["matches"] if "Bidn" in m["message"])
    assert bidn["rule"]["id"] == "names.misspelling"
    assert bidn["rule"]["issueType"] == "misspelling"
    assert bidn["rule"]["category"] == {"id": "name-misspelling", "name": "Name misspelling"}
    assert bidn["replacements"] == [{"value": "Joe Biden"}]
    assert bidn["sentence"] == "Selon Joe Bidn, les États-Unis restent ouverts au dialogue."
    assert bidn["rule"]["urls"][0]["value"].startswith("https://fr.wikipedia.org/")


def test_v2_check_reads_json_bodies_and_query_strings_alike(client):
    form = lt_check(client, text=ARTICLE, language="fr")
    as_json = client.post("/v2/check", json={"text": ARTICLE, "language": "fr"}).json()
    as_query = client.get("/v2/check", params={"text": ARTICLE, "language": "fr"}).json()
    assert form["matches"] == as_json["matches"] == as_query["matches"]


def test_a_language_variant_is_its_language_and_echoed(client):
    body = lt_check(client, text=ARTICLE, language="fr-FR")
    assert body["language"]["code"] == "fr-FR" and len(body["matches"]) == 3


def test_auto_detects_the_language_and_an_explicit_one_is_kept(client):
    english = "White House press secretary Jen Psaki she said the door to diplomacy remained open."
    auto = lt_check(client, text=english, language="auto")
    assert auto["language"]["code"] == "en" and auto["language"]["detectedLanguage"]["code"] == "en"
    assert any(m["rule"]["id"] == "subjects.doubled" for m in auto["matches"])
    forced = lt_check(client, text=english, language="fr")
    assert forced["language"]["code"] == "fr" and forced["language"]["detectedLanguage"]["code"] == "en"
    # a language newslint has no data for: detected, and only the language-independent rules run
    portuguese = lt_check(client, text="O presidente disse que o acordo está pronto para ser assinado.")
    assert portuguese["language"]["code"] == "pt"


def test_api_check_answers_newslints_report_contract(client):
    response = client.post("/api/check", json={"text": ARTICLE, "language": "fr", "source": "draft.txt"})
    assert response.status_code == 200, response.text
    report = response.json()
    assert set(report) == {"version", "tool", "documents", "notices"} and report["version"] == 1
    assert report["tool"]["name"] == "newslint"
    [document] = report["documents"]
    assert document["source"] == "draft.txt" and document["language"] == "fr"
    engine = check_article(Article(text=ARTICLE, source="draft.txt"), Config(language="fr"))
    assert document["findings"] == [json.loads(json.dumps(f.to_dict())) for f in engine.findings]
    for f in document["findings"]:  # code points, as the contract says
        assert ARTICLE[f["offset"] : f["offset"] + f["length"]] == f["text"]


def test_every_answer_says_where_its_time_went(client):
    response = client.post("/v2/check", data={"text": ARTICLE, "language": "fr"})
    timing = response.headers["server-timing"]
    assert [part.split(";")[0] for part in timing.split(", ")] == ["queue", "check", "encode"]


# -- offsets as LanguageTool's clients count them -------------------------------------------------
def test_offsets_count_utf16_units_after_emoji(client):
    text = "🇺🇦 𝕏 Réaction 👨‍👩‍👧 : selon le président Joe Bidn, « rien n’est décidé »."
    body = lt_check(client, text=text, language="fr")
    [m] = [m for m in body["matches"] if m["rule"]["id"] == "names.misspelling"]
    units = text.encode("utf-16-le")
    assert units[2 * m["offset"] : 2 * (m["offset"] + m["length"])].decode("utf-16-le") == "Joe Bidn"
    assert m["offset"] != text.index("Joe Bidn")  # code points would be wrong here
    ctx = m["context"]
    flagged = ctx["text"].encode("utf-16-le")[2 * ctx["offset"] : 2 * (ctx["offset"] + ctx["length"])]
    assert flagged.decode("utf-16-le") == "Joe Bidn"


def test_data_markup_counts_for_offsets_but_is_not_checked(client):
    annotation = [
        {"markup": '<p title="Joe Bidn 😀">', "interpretAs": "\n\n"},
        {"text": "Selon Joe Bidn, tout va bien."},
        {"markup": "</p>", "interpretAs": "\n\n"},
    ]
    full = "".join(part.get("text", part.get("markup")) for part in annotation)
    for send in ({"data": json.dumps({"annotation": annotation})}, None):
        if send is None:  # a JSON body may give `data` as an object
            body = client.post("/v2/check", json={"data": {"annotation": annotation}, "language": "fr"}).json()
        else:
            body = lt_check(client, language="fr", **send)
        [m] = body["matches"]
        units = full.encode("utf-16-le")
        assert units[2 * m["offset"] : 2 * (m["offset"] + m["length"])].decode("utf-16-le") == "Joe Bidn"
        assert m["offset"] > full.index("Joe Bidn")  # the one in the text, after the emoji in the markup


# -- a client written against LanguageTool's documented answer ------------------------------------
def languagetool_client_corrects(base_url: str, text: str) -> tuple[str, dict]:
    """What an editor's LanguageTool plug-in does: POST the form, read the matches, apply each first
    replacement (from the end, so that earlier offsets stay right), in UTF-16 units as JavaScript
    and Java strings count."""
    response = httpx.post(f"{base_url}/v2/check", data={"text": text, "language": "auto"}, timeout=30)
    response.raise_for_status()
    answer = response.json()
    detected = answer["language"]["detectedLanguage"]["code"]
    units = text.encode("utf-16-le")
    edits = []
    for m in answer["matches"]:
        if m["replacements"]:
            edits.append((m["offset"], m["length"], m["replacements"][0]["value"], m["rule"]["category"]["id"]))
    taken_end = None
    for offset, length, value, _category in sorted(edits, reverse=True):
        if taken_end is not None and offset + length > taken_end:
            continue  # overlaps one applied already
        units = units[: 2 * offset] + value.encode("utf-16-le") + units[2 * (offset + length) :]
        taken_end = offset
    return units.decode("utf-16-le"), {"detected": detected, "categories": sorted({e[3] for e in edits})}


def test_a_languagetool_client_can_apply_the_replacements(base_url):
    draft = "😀 " + ARTICLE
    corrected, seen = languagetool_client_corrects(base_url, draft)
    assert seen["detected"] == "fr"
    assert {"name-misspelling", "quote-mismatch"} <= set(seen["categories"])
    assert "Joe Biden" in corrected and "Xi Jinping" in corrected and "pas,»" in corrected
    assert corrected.startswith("😀 Selon Joe Biden,")
    again, _ = languagetool_client_corrects(base_url, corrected)
    assert again == corrected  # nothing left to correct


# -- filters --------------------------------------------------------------------------------------
def rule_ids(body: dict) -> list[str]:
    return sorted(m["rule"]["id"] for m in body["matches"])


def test_disabled_rules_and_categories(client):
    assert rule_ids(lt_check(client, text=ARTICLE, language="fr")) == ["names.misspelling"] * 2 + ["quotes.mismatch"]
    assert rule_ids(lt_check(client, text=ARTICLE, language="fr", disabledRules="names.misspelling")) == [
        "quotes.mismatch"
    ]
    assert rule_ids(lt_check(client, text=ARTICLE, language="fr", disabledRules="names,WHITESPACE_RULE")) == [
        "quotes.mismatch"
    ]  # a family; a LanguageTool id a client remembers matches nothing
    assert rule_ids(lt_check(client, text=ARTICLE, language="fr", disabledCategories="quote-mismatch")) == [
        "names.misspelling"
    ] * 2


def test_enabled_only(client):
    only_quotes = lt_check(client, text=ARTICLE, language="fr", enabledOnly="true", enabledRules="quotes.*")
    assert rule_ids(only_quotes) == ["quotes.mismatch"]
    only_names = client.post(
        "/v2/check",
        json={"text": ARTICLE, "language": "fr", "enabledOnly": True, "enabledCategories": ["name-misspelling"]},
    ).json()
    assert rule_ids(only_names) == ["names.misspelling"] * 2
    assert rule_ids(lt_check(client, text=ARTICLE, language="fr", enabledRules="quotes.mismatch")) == rule_ids(
        lt_check(client, text=ARTICLE, language="fr")
    )  # without enabledOnly, enabling adds to the rules that run anyway


def test_the_date_field_is_the_date_offices_are_checked_on(client):
    def roles(**fields):
        return [m for m in lt_check(client, text=BLINKEN, language="fr", **fields)["matches"]
                if m["rule"]["id"] == "facts.role"]

    assert roles(date="2022-01-26") == []
    [late] = roles(date="2030-01-01")
    assert "2030-01-01" in late["message"]
    # without it, the engine's inference: here the agency dateline's date
    dated = "PARIS, 26 janvier 2022 (AFP) - " + BLINKEN
    assert [m for m in lt_check(client, text=dated, language="fr")["matches"] if m["rule"]["id"] == "facts.role"] == []


# -- bad requests ---------------------------------------------------------------------------------
@pytest.mark.parametrize("path", ["/v2/check", "/api/check"])
def test_malformed_bodies_are_400(client, path):
    json_type = {"content-type": "application/json"}
    assert_error(client.post(path, content=b'{"text": ', headers=json_type), 400, "malformed JSON")
    assert_error(client.post(path, content=b"[1, 2]", headers=json_type), 400, "object")
    assert_error(client.post(path, content=b"\xff\xfe{}", headers=json_type), 400)
    form_type = {"content-type": "application/x-www-form-urlencoded"}
    assert_error(client.post(path, content=b"text=%FF%FE", headers=form_type), 400, "UTF-8")
    assert_error(client.post(path, content=b"text=a&text=b", headers=form_type), 400, "twice")
    assert_error(client.post(path, json={"text": 3}), 400, "'text'")
    assert_error(client.post(path, json={"language": "fr"}), 400, "missing")
    assert_error(client.post(path, json={"text": "a", "data": "{}"}), 400, "not both")
    assert_error(client.post(path, data={"data": "{not json"}), 400, "'data'")
    assert_error(client.post(path, json={"data": {"annotation": [{"text": "a", "markup": "b"}]}}), 400, "exactly one")
    assert_error(client.post(path, json={"text": "a", "disabledRules": 5}), 400, "disabledRules")
    assert_error(client.post(path, json={"text": "a", "enabledOnly": "maybe"}), 400, "enabledOnly")
    assert_error(client.post(path, json={"text": "a", "enabledOnly": True}), 400, "enabledRules")


@pytest.mark.parametrize("path", ["/v2/check", "/api/check"])
def test_wrong_content_types_are_415(client, path):
    assert_error(client.post(path, content=b"text=a", headers={"content-type": "text/plain"}), 415, "text/plain")
    assert_error(client.post(path, content=b"text=a"), 415)  # none at all
    latin = {"content-type": "application/x-www-form-urlencoded; charset=iso-8859-1"}
    assert_error(client.post(path, content=b"text=a", headers=latin), 415, "charset")
    multipart = client.post(path, files={"text": ("a.txt", b"Bonjour")})
    assert_error(multipart, 415, "multipart/form-data")
    gzip = {"content-type": "application/json", "content-encoding": "gzip"}
    assert_error(client.post(path, content=b"{}", headers=gzip), 415, "gzip")


@pytest.mark.parametrize("path", ["/v2/check", "/api/check"])
def test_oversize_requests_are_413(client, path):
    big = "a" * (MAX_BYTES + 1)
    assert_error(client.post(path, data={"text": big}), 413)  # refused by its Content-Length

    def chunks():  # no Content-Length: refused while it streams in
        for _ in range(5):
            yield b"text=" + b"a" * (MAX_BYTES // 4)

    streamed = client.post(path, content=chunks(), headers={"content-type": "application/x-www-form-urlencoded"})
    assert_error(streamed, 413)
    assert client.post(path, data={"text": "a" * (MAX_BYTES - 100)}).status_code == 200  # under: checked


def test_oversize_query_strings_are_413():
    app = create_app(Config(), Limits(max_bytes=1000), checker=shared_app().state.checker)
    with live_server(app) as url:
        assert_error(httpx.get(f"{url}/v2/check", params={"text": "a" * 1000}), 413, "query string")
        assert httpx.get(f"{url}/v2/check", params={"text": "a" * 900}).status_code == 200


@pytest.mark.parametrize("path", ["/v2/check", "/api/check"])
def test_unknown_language_is_400_and_a_bad_date_422(client, path):
    assert_error(client.post(path, data={"text": "Bonjour", "language": "xx"}), 400, "unknown language", "fr")
    assert_error(client.post(path, data={"text": "Bonjour", "language": "fr_FR!"}), 400, "unknown language")
    assert_error(client.post(path, data={"text": "Bonjour", "date": "2022-13-01"}), 422, "date")
    assert_error(client.post(path, data={"text": "Bonjour", "date": "hier"}), 422, "date")


def test_unknown_paths_and_methods_answer_json(client):
    assert_error(client.get("/v2/nothing"), 404)
    assert_error(client.delete("/v2/check"), 405)
    assert_error(client.get("/api/check"), 405)


def test_an_internal_error_is_a_500_without_traceback(client, monkeypatch, caplog):
    def broken(request):
        raise RuntimeError("secret detail of the bug")

    with monkeypatch.context() as patch:
        patch.setattr(shared_app().state.checker, "check", broken)
        response = client.post("/v2/check", data={"text": "Bonjour"})
    assert_error(response, 500, "internal error")
    assert "secret detail" not in response.text and "RuntimeError" not in response.text
    assert "secret detail of the bug" in caplog.text  # the server's log has it
    assert client.post("/v2/check", data={"text": "Bonjour"}).status_code == 200  # the connection still works


def test_a_check_over_the_timeout_is_504_and_one_that_cannot_start_503(client, monkeypatch):
    state = shared_app().state
    gate, running = threading.Event(), threading.Event()

    def slow(request):
        running.set()
        gate.wait(5)
        raise RuntimeError("never answered")

    monkeypatch.setattr(state.checker, "check", slow)
    saved = state.limits, state.pool
    state.limits = Limits(max_bytes=MAX_BYTES, timeout=0.3)
    state.pool = CheckPool(Config(), threads=1, checker=state.checker)
    try:
        with ThreadPoolExecutor(2) as pool:
            first = pool.submit(client.post, "/v2/check", data={"text": "un"})
            assert running.wait(5)  # the first holds the only check thread, and keeps it past its timeout
            second = pool.submit(client.post, "/v2/check", data={"text": "deux"})
            assert_error(first.result(), 504, "longer than 0.3 s")
            assert_error(second.result(), 503, "busy")
    finally:
        gate.set()
        state.pool.close()
        state.limits, state.pool = saved


# -- concurrency ----------------------------------------------------------------------------------
def test_parallel_requests_answer_as_serial_ones(client):
    texts = [ARTICLE, BLINKEN, "😀 " + ARTICLE, ARTICLE.replace("Bidn", "Bidden"), BLINKEN + ARTICLE] * 4

    def ask(text):
        response = client.post("/v2/check", data={"text": text, "language": "auto", "date": "2030-01-01"})
        assert response.status_code == 200
        return response.json()["matches"]

    serial = [ask(t) for t in texts]
    with ThreadPoolExecutor(8) as pool:
        parallel = list(pool.map(ask, texts))
    assert parallel == serial
    assert all(serial)


def test_check_processes_answer_as_threads_do(client):
    """--workers 2: two spawned processes, each with its engine, fed from one queue."""
    app = create_app(Config(), Limits(max_bytes=MAX_BYTES, processes=2))
    pool = app.state.pool
    processes = list(pool._executor._processes.values())
    assert len(processes) == 2 and app.state.checker is None
    texts = [ARTICLE, BLINKEN, "😀 " + ARTICLE, BLINKEN + ARTICLE] * 2
    with live_server(app, lifespan="on") as url, httpx.Client(base_url=url, timeout=30) as workers:
        assert workers.get("/healthz").json()["rules"] == client.get("/healthz").json()["rules"]
        for path in ("/v2/check", "/api/check"):
            def ask(c, text, path=path):
                return c.post(path, data={"text": text, "language": "fr", "date": "2030-01-01"}).json()

            with ThreadPoolExecutor(4) as threads:
                assert list(threads.map(lambda t: ask(workers, t), texts)) == [ask(client, t) for t in texts]
    for p in processes:  # the server's shutdown ended them
        p.join(10)
        assert not p.is_alive()


# -- CORS -----------------------------------------------------------------------------------------
def test_cors_is_off_by_default_and_allowed_for_configured_origins(client):
    preflight = {"origin": "https://cms.example", "access-control-request-method": "POST"}
    assert "access-control-allow-origin" not in client.get("/healthz", headers={"origin": "https://cms.example"}).headers
    assert "access-control-allow-origin" not in client.options("/v2/check", headers=preflight).headers
    app = create_app(Config(), cors_origins=("https://cms.example",), checker=shared_app().state.checker)
    with live_server(app) as url:
        allowed = httpx.options(f"{url}/v2/check", headers=preflight)
        assert allowed.status_code == 200
        assert allowed.headers["access-control-allow-origin"] == "https://cms.example"
        other = httpx.options(f"{url}/v2/check", headers={**preflight, "origin": "https://evil.example"})
        assert "access-control-allow-origin" not in other.headers


# -- the page, as served (the browser test is tests/test_serve_page.py) ----------------------------
def test_the_page_is_self_contained_under_a_strict_policy(client):
    response = client.get("/")
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/html")
    policy = response.headers["content-security-policy"]
    assert "default-src 'none'" in policy and "connect-src 'self'" in policy and "'unsafe-inline'" not in policy
    assert "script-src 'sha256-" in policy and "style-src 'sha256-" in policy
    page = response.text
    assert "http://" not in page and "https://" not in page.replace("/^https:\\/\\//", "")
    assert ".innerHTML" not in page


# -- the command ----------------------------------------------------------------------------------
def test_the_serve_command_passes_its_options_on(monkeypatch):
    seen = []
    monkeypatch.setattr("lint.serve.run", seen.append)
    result = CliRunner().invoke(
        cli.main,
        ["serve", "--port", "9000", "--ignore", "typography", "--offline", "--max-bytes", "2M",
         "--cors-origin", "https://a.example", "--cors-origin", "https://b.example", "--workers", "2"],
    )
    assert result.exit_code == 0, result.output
    [settings] = seen
    assert settings.port == 9000 and settings.host == "127.0.0.1" and settings.workers == 2
    assert settings.overrides == {"ignore": "typography", "offline": "true"}
    assert settings.cors_origins == ("https://a.example", "https://b.example")
    assert settings.limits().max_bytes == 2 * 1024 * 1024
    assert settings.config().ignore == ("typography",)
    assert settings.limits().processes == 2


def test_bad_serve_options_fail_cleanly():
    result = CliRunner().invoke(cli.main, ["serve", "--max-bytes", "lots"])
    assert result.exit_code == 2 and "max-bytes" in result.output and "Traceback" not in result.output
    result = CliRunner().invoke(cli.main, ["serve", "--ignore", "nosuchrule"])
    assert result.exit_code == 2 and "unknown rule" in result.output


def test_a_rule_that_failed_makes_the_results_incomplete():
    from lint.article import Notice
    from lint.results import Result
    from lint.serve.checker import Checked
    from lint.serve.fields import CheckRequest
    from lint.serve.languagetool import check_response

    failed = Result("request", "fr", notices=[Notice("request", "error", "rule x.y failed on this document")])
    body = check_response(Checked(failed, {}, "fr", 0.99), CheckRequest(source="Bonjour", language="fr"))
    assert body["warnings"] == {"incompleteResults": True} and body["matches"] == []
