"""Network policy: newslint connects only where it is configured to, and only when asked.

- A default check (embedded knowledge) and an `--offline` one open no connection at all.
- The Wikipedia/Wikidata source sends requests to its configured endpoints only: a redirect to any
  other host (or scheme, or port) is refused before it leaves the machine.
- Feed and page URLs are fetched with a size limit, a time limit per read and for the whole answer,
  and follow redirects only to http(s): never to file:, ftp: or anything else.

Nothing here reaches the internet: servers run on 127.0.0.1, transports are httpx mocks.
"""

from __future__ import annotations

import http.server
import json
import socket
import time
from pathlib import Path
from typing import ClassVar

import httpx
import pytest
from click.testing import CliRunner
from loopback import serving, without_proxies

from lint import feeds
from lint.article import Article
from lint.cli import main
from lint.config import Config
from lint.engine import check_article
from lint.knowledge import Knowledge
from lint.knowledge.wikiclient import RoutingTransport
from lint.knowledge.wikipedia import WikipediaKnowledge
from lint.sources import InputError, read_inputs

ROOT = Path(__file__).resolve().parents[1]
ARTICLE = "Le président américain Joe Bidn a parlé avec le ministre Sergueï Lavrov à Genève.\n"


class _Handler(http.server.BaseHTTPRequestHandler):
    routes: ClassVar[dict[str, tuple[int, dict[str, str], bytes]]] = {}
    seen: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        self.seen.append(self.path)
        if self.path == "/trickle":
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.end_headers()
            try:
                for _ in range(40):  # a byte every 0.1 s: each read is quick, the whole is not
                    self.wfile.write(b"a")
                    self.wfile.flush()
                    time.sleep(0.1)
            except (BrokenPipeError, ConnectionResetError):
                # The client hanging up at its deadline is what the test expects. Left uncaught, the
                # server thread prints a traceback to whatever sys.stderr is at that moment, which can be
                # a later test's CliRunner capture: its JSON report then has a traceback after it.
                pass
            return
        status, headers, body = self.routes.get(self.path, (404, {}, b"not found"))
        self.send_response(status)
        for k, v in {"Content-Type": "text/plain", **headers}.items():
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def server():
    _Handler.routes = {
        "/text": (200, {}, ARTICLE.encode()),
        "/to-file": (302, {"Location": "file:///etc/passwd"}, b""),
        "/to-ftp": (301, {"Location": "ftp://127.0.0.1/feed.xml"}, b""),
        "/to-gopher": (307, {"Location": "gopher://127.0.0.1:70/1"}, b""),
        "/to-data": (308, {"Location": "data:text/plain,root:x:0:0"}, b""),
        "/to-text": (302, {"Location": "/text"}, b""),
        **{f"/loop{i}": (302, {"Location": f"/loop{i + 1}"}, b"") for i in range(10)},
    }
    with serving(_Handler) as url:
        yield url


@pytest.fixture(autouse=True)
def _no_proxy(monkeypatch):
    without_proxies(monkeypatch)
    _Handler.seen.clear()


# -- feed and page URLs -----------------------------------------------------------------------------
@pytest.mark.parametrize("route,scheme", [("/to-file", "file"), ("/to-ftp", "ftp"), ("/to-gopher", "gopher"),
                                          ("/to-data", "data")])
def test_redirects_to_other_schemes_are_refused(server, route, scheme):
    # a data: URL is no valid URL with an authority to httpx: refused as invalid before anything else
    expected = "invalid URL" if scheme == "data" else f"redirected to a {scheme}: URL"
    with pytest.raises(feeds.FetchError, match=expected):
        feeds.fetch(server + route, max_bytes=10_000)
    assert _Handler.seen == [route]


def test_redirects_within_http_are_followed_a_bounded_number_of_times(server):
    got = feeds.fetch(f"{server}/to-text", max_bytes=10_000)
    assert got.data == ARTICLE.encode() and got.url == f"{server}/text"
    with pytest.raises(feeds.FetchError, match="more than 5 redirects"):
        feeds.fetch(f"{server}/loop0", max_bytes=10_000)
    assert len([p for p in _Handler.seen if p.startswith("/loop")]) == 6


def test_a_trickling_answer_is_cut_at_the_deadline(server):
    started = time.monotonic()
    with pytest.raises(feeds.FetchError, match="took more than 1 s in all"):
        feeds.fetch(f"{server}/trickle", max_bytes=10_000, timeout=2.0, deadline=1.0)
    assert time.monotonic() - started < 2.5  # each byte came well within the read timeout


def test_an_invalid_url_is_an_input_error_not_a_crash():
    (err,) = read_inputs(["http://[::1/feed.xml"])  # httpx refuses it before any connection
    assert isinstance(err, InputError) and "invalid URL" in err.message


def test_a_refused_redirect_is_one_input_error_and_the_others_are_checked(server, tmp_path):
    local = tmp_path / "a.txt"
    local.write_text(ARTICLE, encoding="utf-8")
    got = list(read_inputs([f"{server}/to-file", str(local)]))
    assert isinstance(got[0], InputError) and "file: URL" in got[0].message
    assert isinstance(got[1], Article) and got[1].source == str(local)
    assert all("root:" not in getattr(x, "text", "") for x in got)


# -- the knowledge source -------------------------------------------------------------------------
def _knowledge(tmp_path, handler) -> tuple[WikipediaKnowledge, list[str]]:
    sent: list[str] = []

    def record(request: httpx.Request) -> httpx.Response:
        sent.append(str(request.url))
        return handler(request)

    source = WikipediaKnowledge(
        user_agent="newslint-tests/0.1 (tests@example.org)",
        mediawiki_url="http://127.0.0.1:8901/{lang}/w/api.php",
        wikidata_url="http://127.0.0.1:8901/wikidata/w/api.php",
        cache_dir=str(tmp_path / "cache"),
        transport=httpx.MockTransport(record),
        max_retries=0,
        backoff=0.0,
        max_wait=0.0,
    )
    return source, sent


def test_a_redirect_away_from_the_configured_endpoints_is_never_sent(tmp_path):
    def redirect(request: httpx.Request) -> httpx.Response:
        return httpx.Response(302, headers={"Location": "http://127.0.0.1:8902/steal?x=1"})

    source, sent = _knowledge(tmp_path, redirect)
    result = check_article(Article(text=ARTICLE, source="a.txt", lang="fr"), Config(knowledge="wikipedia"),
                           knowledge=Knowledge([source]))
    assert sent and all(url.startswith("http://127.0.0.1:8901/") for url in sent)
    assert any("could not be consulted" in n.message for n in result.notices)


def test_the_transport_allows_only_configured_origins():
    default = RoutingTransport(allowed=("https://www.wikidata.org/w/api.php",))
    assert default.allows(httpx.URL("https://fr.wikipedia.org/w/api.php?action=query"))
    assert default.allows(httpx.URL("https://www.wikidata.org/w/api.php"))
    for url in ("http://fr.wikipedia.org/w/api.php", "https://fr.wikipedia.org.evil.org/w/api.php",
                "https://fr.wikipedia.org:8443/w/api.php", "https://evil.org/w/api.php",
                "https://fr.m.wikipedia.org/w/api.php", "https://commons.wikimedia.org/w/api.php"):
        assert not default.allows(httpx.URL(url)), url
    local = RoutingTransport("http://127.0.0.1:8901/{lang}/w/api.php")
    assert local.allows(httpx.URL("http://127.0.0.1:8901/de/w/api.php"))
    assert not local.allows(httpx.URL("http://127.0.0.1:8902/de/w/api.php"))
    assert not local.allows(httpx.URL("https://de.wikipedia.org/w/api.php"))  # routed, never sent as is


# -- no connection unless asked ---------------------------------------------------------------------
@pytest.fixture()
def no_sockets(monkeypatch):
    """Record (and refuse) every attempt to open a connection or resolve a name."""
    attempts: list[str] = []

    def refuse(*args, **kwargs):
        attempts.append(repr(args[:2]))
        raise OSError("network access in a test that must not use it")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    return attempts


def test_default_checks_open_no_connection(tmp_path, no_sockets, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("NEWSLINT_CACHE_DIR", str(tmp_path / "cache"))
    article = tmp_path / "a.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    feed = ROOT / "examples" / "feed.xml"
    runner = CliRunner()
    for args in (
        ["check", str(article), str(feed), "--format", "json", "--jobs", "1"],
        ["check", str(article), "--format", "sarif", "--knowledge", "wikipedia", "--offline", "--jobs", "1"],
        ["kb", "show", "Dmitri Kozak", "--lang", "fr"],
    ):
        result = runner.invoke(main, args)
        assert result.exit_code in (0, 1), (args, result.output)
    report = json.loads(runner.invoke(main, ["check", str(article), "--format", "json", "--jobs", "1"]).stdout)
    assert any(f["rule"].startswith("names.") for d in report["documents"] for f in d["findings"])
    assert no_sockets == []
