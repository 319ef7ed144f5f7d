"""Feeds (RSS 2.0, RSS 1.0, Atom), pages and URLs: items as articles, safe parsing, --since, --changed.

Nothing leaves the machine: URLs are served by a local http.server on 127.0.0.1.
"""

from __future__ import annotations

import datetime as dt
import http.server
import io
import json
import os
import subprocess
import sys
import time
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
from lint.state import SeenItems

ROOT = Path(__file__).resolve().parents[1]

RSS2 = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
     xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>Fil</title><link>https://ex.org/</link><description>d</description><language>fr-FR</language>
<item><title>Un &lt;b&gt;titre&lt;/b&gt; &amp; plus</title><guid isPermaLink="false">urn:1</guid>
  <link>https://ex.org/1</link><pubDate>Wed, 26 Jan 2022 00:30:00 +0100</pubDate>
  <description>Résumé court</description>
  <content:encoded><![CDATA[<p>Il a dit : « Nous ne nous précipiterons pas,« a-t-il ajouté.</p>
<script>var x = "«";</script>]]></content:encoded>
</item>
<item><title>Sans guid</title><link>https://ex.org/2</link><dc:language>en</dc:language>
  <description>He said “we are ready“, and left.</description><dc:date>2022-01-27</dc:date></item>
<item><title>Sans corps</title><guid>urn:3</guid></item>
<item><title>Troisième</title><guid>urn:4</guid><pubDate>a long time ago</pubDate>
  <description>Texte.</description></item>
</channel></rss>
"""

RSS1 = """<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
         xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel rdf:about="http://ex.org/"><title>T</title><link>http://ex.org/</link><description>d</description>
  <dc:language>de</dc:language></channel>
<item rdf:about="http://ex.org/1"><title>Eins</title><link>http://ex.org/1</link>
  <description>Er sagte: „Es wird keinen Deal geben„, und ging.</description>
  <dc:date>2022-01-26T10:00:00+01:00</dc:date>
</item>
</rdf:RDF>
"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="fr">
<title>T</title><id>urn:feed</id><updated>2022-01-27T00:00:00Z</updated>
<entry xml:lang="en"><id>urn:a</id><title>A</title><updated>2022-01-26T23:30:00-05:00</updated>
  <content type="html">&lt;p&gt;“We are ready for any outcome“, he said.&lt;/p&gt;</content></entry>
<entry><id>urn:b</id><title type="html">B &lt;i&gt;x&lt;/i&gt;</title><published>2022-01-25T10:00:00+02:00</published>
  <summary>Un résumé sans défaut.</summary></entry>
</feed>
"""

BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE rss [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<rss version="2.0"><channel><title>x</title>
<item><guid>1</guid><description>&lol9;</description></item></channel></rss>
"""

PAGE = """<!DOCTYPE html>
<html lang="fr"><head><meta charset="utf-8"><title>Le Kremlin étudie la réponse | Le Quotidien</title>
<meta property="article:published_time" content="2022-01-27T09:00:00+01:00"></head>
<body>
<nav><ul><li><a href="/">Accueil</a></li><li>Se connecter pour lire la suite des articles premium ,ici</li></ul></nav>
<main><article>
<h1>Le Kremlin étudie la réponse américaine</h1>
<p>Le porte-parole du Kremlin Dmitri Peskov a déclaré que Moscou prendrait le temps d&#8217;étudier le document.
« Nous ne nous précipiterons pas,« a-t-il ajouté.</p>
<p>La réponse a été remise à Moscou par l’ambassadeur américain John Sullivan, selon l’agence <b>TASS</b>.</p>
</article></main>
<section class="comments"><h3>Commentaires</h3><p>Un lecteur a dit : « quel article,« franchement.</p></section>
<footer><p>© 2022 Le Quotidien , tous droits réservés. Mentions légales.</p></footer>
</body></html>
"""


def items(data: str | bytes, name: str = "f.xml") -> list[Article | InputError]:
    raw = data.encode("utf-8") if isinstance(data, str) else data
    return list(feeds.read_feed(raw, name, name))


def findings(article: Article) -> list:
    return check_article(article, Config(knowledge="off")).findings


# -- formats --------------------------------------------------------------------------------------
def test_rss2_items_become_articles():
    got = items(RSS2)
    first, second, broken, fourth = got
    assert [type(x).__name__ for x in got] == ["Article", "Article", "InputError", "Article"]
    assert first.source == "f.xml#urn:1" and first.id == "urn:1" and first.path == "f.xml"
    assert first.title == "Un titre & plus" and first.url == "https://ex.org/1"
    assert first.lang == "fr-FR" and first.format == "html"
    assert first.published == dt.date(2022, 1, 26)  # its own day, not UTC's (the 25th)
    # content:encoded wins over the description; positions count in the body, markup masked
    assert first.text.startswith("<p>Il a dit")
    doc = Document(first.text, masks=first.masks)
    assert "<p>" not in doc.text and "var x" not in doc.text
    (f,) = [f for f in findings(first) if f.rule == "quotes.mismatch"]
    assert first.text[f.offset] == "«" and f.offset == first.text.index("pas,«") + 4
    assert second.source == "f.xml#https://ex.org/2" and second.lang == "en"
    assert second.published == dt.date(2022, 1, 27)
    assert any(f.rule == "quotes.mismatch" for f in findings(second))
    assert broken.source == "f.xml#urn:3" and not broken.fatal and "no content" in broken.message
    assert fourth.published is None
    assert [n.message for n in fourth.notices] == ["published: unreadable date 'a long time ago'; ignored"]


def test_rss1_and_atom():
    (de,) = items(RSS1)
    assert de.source == "f.xml#http://ex.org/1" and de.lang == "de" and de.published == dt.date(2022, 1, 26)
    assert any(f.rule == "quotes.mismatch" for f in findings(de))
    en, fr = items(ATOM, "a.atom")
    assert en.source == "a.atom#urn:a" and en.lang == "en" and en.format == "html"
    assert en.published == dt.date(2022, 1, 26)
    assert any(f.rule == "quotes.mismatch" for f in findings(en))
    assert fr.lang == "fr" and fr.title == "B x" and fr.published == dt.date(2022, 1, 25)
    assert findings(fr) == []


def test_an_item_without_id_or_link_is_numbered_and_duplicate_ids_are_noticed():
    feed = RSS2.replace("<link>https://ex.org/2</link>", "").replace("<guid>urn:4</guid>", "<guid>urn:1</guid>")
    got = items(feed)
    assert got[1].source == "f.xml#2"
    assert any("another item of the feed has the id" in n.message for n in got[3].notices)


def test_one_broken_item_does_not_cost_the_others(monkeypatch):
    real = feeds._body

    def flaky(entry):
        if entry.get("id") == "urn:1":
            raise ValueError("boom")
        return real(entry)

    monkeypatch.setattr(feeds, "_body", flaky)
    got = items(RSS2)
    assert isinstance(got[0], InputError) and "boom" in got[0].message and not got[0].fatal
    assert isinstance(got[1], Article) and isinstance(got[3], Article)


def test_not_a_feed_and_malformed_feeds():
    (err,) = items("<html><body>nope</body></html>")
    assert isinstance(err, InputError) and err.fatal and "not an RSS or Atom feed" in err.message
    (empty,) = items('<?xml version="1.0"?><rss version="2.0"><channel><title>x</title></channel></rss>')
    assert isinstance(empty, InputError) and not empty.fatal and "no items" in empty.message
    broken = RSS2.replace("</channel></rss>", "<item><title>x &amp y</title><description>a</description>")
    got = items(broken)
    arts = [a for a in got if isinstance(a, Article)]
    assert len(arts) >= 3
    assert any("not well-formed" in n.message for n in arts[0].notices)


def test_billion_laughs_and_external_entities_are_refused_quickly():
    start = time.perf_counter()
    (err,) = items(BILLION_LAUGHS)
    assert isinstance(err, InputError) and err.fatal and "<!ENTITY" in err.message
    quadratic = '<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "' + "a" * 100_000 + '">]><rss version="2.0">' \
        "<channel><item><description>" + "&a;" * 10_000 + "</description></item></channel></rss>"
    (err,) = items(quadratic)
    assert isinstance(err, InputError)
    xxe = ('<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
           '<rss version="2.0"><channel><item><description>&x;</description></item></channel></rss>')
    (err,) = items(xxe)
    assert isinstance(err, InputError)
    assert time.perf_counter() - start < 2


def test_external_dtd_is_never_fetched(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET", encoding="utf-8")
    doc = (f'<?xml version="1.0"?><!DOCTYPE rss SYSTEM "{secret.as_uri()}"><rss version="2.0"><channel>'
           "<item><guid>1</guid><description>Texte simple.</description></item></channel></rss>")
    (art,) = items(doc)
    assert isinstance(art, Article) and "TOP-SECRET" not in art.text


# -- through read_inputs and files ----------------------------------------------------------------
def test_feed_files_by_extension_and_stdin_by_content(tmp_path):
    (tmp_path / "a.rss").write_text(RSS2, encoding="utf-8")
    (tmp_path / "b.atom").write_text(ATOM, encoding="utf-8")
    (tmp_path / "c.xml").write_text(RSS1, encoding="utf-8")
    got = [x.source for x in read_inputs([str(tmp_path)]) if isinstance(x, Article)]
    assert got == [f"{tmp_path}/a.rss#urn:1", f"{tmp_path}/a.rss#https://ex.org/2", f"{tmp_path}/a.rss#urn:4",
                   f"{tmp_path}/b.atom#urn:a", f"{tmp_path}/b.atom#urn:b"]  # .xml only when named
    assert [x.source for x in read_inputs([str(tmp_path / "c.xml")])] == [f"{tmp_path}/c.xml#http://ex.org/1"]
    stdin = [x.source for x in read_inputs(["-"], stdin=io.BytesIO(ATOM.encode()))]
    assert stdin == ["-#urn:a", "-#urn:b"]


def test_feed_over_max_bytes_is_refused(tmp_path):
    (tmp_path / "a.rss").write_text(RSS2, encoding="utf-8")
    (err,) = read_inputs([str(tmp_path / "a.rss")], max_bytes=100)
    assert isinstance(err, InputError) and "max-bytes" in err.message


def test_example_feed_has_french_and_english_items_with_findings():
    arts = [a for a in read_inputs([str(ROOT / "examples" / "feed.xml")]) if isinstance(a, Article)]
    assert len(arts) == 4 and {a.lang for a in arts} == {"fr", "en"}
    counts = [len(check_article(a, Config()).findings) for a in arts]
    assert all(counts[:3]) and sum(counts) >= 6


# -- pages: main text only ------------------------------------------------------------------------
def test_page_extraction_masks_what_is_not_the_main_text(tmp_path):
    path = tmp_path / "page.html"
    path.write_text(PAGE, encoding="utf-8")
    (whole,) = read_inputs([str(path)])
    (page,) = read_inputs([str(path)], extract=True)
    assert page.text == whole.text == PAGE  # positions still count in the file
    doc = Document(page.text, masks=page.masks)
    assert "Dmitri Peskov" in doc.text and "John Sullivan" in doc.text and "réponse américaine" in doc.text
    assert "Se connecter" not in doc.text and "lecteur" not in doc.text and "Mentions" not in doc.text
    rules_hit = [(f.rule, f.line) for f in findings(page) if f.rule == "quotes.mismatch"]
    assert rules_hit == [("quotes.mismatch", PAGE[: PAGE.index("pas,«")].count("\n") + 1)]
    assert len([f for f in findings(whole) if f.rule == "quotes.mismatch"]) == 2  # the comment's too


def test_page_with_no_main_text_is_checked_whole_with_a_notice(tmp_path):
    path = tmp_path / "p.html"
    path.write_text("<html><body><img src='a.jpg'><!-- vide --></body></html>", encoding="utf-8")
    (page,) = read_inputs([str(path)], extract=True)
    assert any("no main text found" in n.message for n in page.notices)


def test_html_bodies_of_items_are_not_extracted(tmp_path):
    (tmp_path / "a.rss").write_text(RSS2, encoding="utf-8")
    plain = [a.masks for a in read_inputs([str(tmp_path / "a.rss")]) if isinstance(a, Article)]
    extracted = [a.masks for a in read_inputs([str(tmp_path / "a.rss")], extract=True) if isinstance(a, Article)]
    assert plain == extracted


# -- over http ------------------------------------------------------------------------------------
class _Handler(http.server.BaseHTTPRequestHandler):
    routes: ClassVar[dict[str, tuple[int, str, bytes]]] = {}

    def do_GET(self) -> None:
        if self.path == "/slow":
            time.sleep(3)
        if self.path == "/redirect":
            self.send_response(302)
            self.send_header("Location", "/feed")
            self.end_headers()
            return
        status, ctype, body = self.routes.get(self.path, (404, "text/plain", b"not found"))
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        if self.path != "/chunked-big":
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def server():
    _Handler.routes = {
        "/feed": (200, "application/rss+xml; charset=utf-8", RSS2.encode()),
        "/atom-as-text-xml": (200, "text/xml", ATOM.encode()),
        "/page": (200, "text/html; charset=utf-8", PAGE.encode()),
        "/text": (200, "text/plain; charset=utf-8", "Le président Joe Bidn a parlé.".encode()),
        "/big": (200, "text/plain", b"a" * 50_000),
        "/chunked-big": (200, "text/plain", b"a" * 50_000),
        "/bomb": (200, "application/rss+xml", BILLION_LAUGHS.encode()),
        "/slow": (200, "text/plain", b"late"),
    }
    with serving(_Handler) as url:
        yield url


@pytest.fixture(autouse=True)
def _no_proxy(monkeypatch):
    without_proxies(monkeypatch)


def test_feed_page_and_text_over_http(server):
    got = list(read_inputs([f"{server}/feed", f"{server}/atom-as-text-xml", f"{server}/redirect"]))
    sources = [x.source for x in got]
    assert sources[:2] == [f"{server}/feed#urn:1", f"{server}/feed#https://ex.org/2"]
    assert f"{server}/atom-as-text-xml#urn:a" in sources
    assert f"{server}/redirect#urn:1" in sources  # reported under the URL given
    (page,) = read_inputs([f"{server}/page"], extract=True)
    assert page.source == f"{server}/page" and page.format == "html" and page.lang == "fr"
    assert "Se connecter" not in Document(page.text, masks=page.masks).text
    (text,) = read_inputs([f"{server}/text"])
    assert text.format == "text" and text.path is None


def test_http_limits_and_errors(server):
    (big,) = read_inputs([f"{server}/big"], max_bytes=10_000)
    assert isinstance(big, InputError) and "max-bytes" in big.message
    (chunked,) = read_inputs([f"{server}/chunked-big"], max_bytes=10_000)
    assert isinstance(chunked, InputError) and "max-bytes" in chunked.message
    (missing,) = read_inputs([f"{server}/nowhere"])
    assert isinstance(missing, InputError) and missing.message == "HTTP 404 Not Found"
    (bomb,) = read_inputs([f"{server}/bomb"])
    assert isinstance(bomb, InputError) and "<!ENTITY" in bomb.message
    with pytest.raises(feeds.FetchError, match="timed out"):
        feeds.fetch(f"{server}/slow", max_bytes=1000, timeout=0.5)
    (refused,) = read_inputs(["http://127.0.0.1:9/x"])
    assert isinstance(refused, InputError) and refused.message.startswith("cannot fetch")


# -- the command: --since, --changed ----------------------------------------------------------------
def newslint(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "NO_PROXY": "127.0.0.1,localhost", "XDG_CACHE_HOME": str(cwd / "xdg")}
    return subprocess.run(
        [sys.executable, "-m", "lint.cli", "check", "--knowledge", "off", "--format", "json", *args],
        cwd=cwd, capture_output=True, text=True, env=env,
    )


def documents(proc: subprocess.CompletedProcess) -> list[str]:
    assert proc.returncode in (0, 1), proc.stderr
    return [d["source"] for d in json.loads(proc.stdout)["documents"]]


def test_cli_checks_a_feed_url(server, tmp_path):
    proc = newslint(f"{server}/feed", cwd=tmp_path)
    assert documents(proc) == [f"{server}/feed#urn:1", f"{server}/feed#https://ex.org/2", f"{server}/feed#urn:4"]
    assert "urn:3: item has no content" in proc.stderr and proc.returncode == 1


def test_since_skips_older_items(tmp_path):
    (tmp_path / "a.rss").write_text(RSS2, encoding="utf-8")
    proc = newslint("a.rss", "--since", "2022-01-27", cwd=tmp_path)
    assert documents(proc) == ["a.rss#https://ex.org/2", "a.rss#urn:4"]  # the 27th, and one with no date
    notices = json.loads(proc.stdout)["notices"]
    assert {"source": "newslint", "level": "info", "message": "1 published before 2022-01-27: skipped"} in notices
    bad = newslint("a.rss", "--since", "yesterday", cwd=tmp_path)
    assert bad.returncode == 2 and "--since: bad value 'yesterday'" in bad.stderr


def test_changed_checks_only_new_or_edited_items(tmp_path):
    feed = tmp_path / "a.rss"
    feed.write_text(RSS2, encoding="utf-8")
    cache = ["--cache-dir", str(tmp_path / "cache")]
    assert len(documents(newslint("a.rss", "--changed", *cache, cwd=tmp_path))) == 3
    assert documents(newslint("a.rss", "--changed", *cache, cwd=tmp_path)) == []
    feed.write_text(RSS2.replace("Texte.", "Texte modifié."), encoding="utf-8")
    assert documents(newslint("a.rss", "--changed", *cache, cwd=tmp_path)) == ["a.rss#urn:4"]
    # without --changed, everything; the state is keyed by input, so another feed starts afresh
    assert len(documents(newslint("a.rss", *cache, cwd=tmp_path))) == 3
    (tmp_path / "b.atom").write_text(ATOM, encoding="utf-8")
    assert len(documents(newslint("b.atom", "--changed", *cache, cwd=tmp_path))) == 2
    assert documents(newslint("a.rss", "--changed", *cache, cwd=tmp_path)) == []


def test_seen_items_state_file(tmp_path):
    a = Article(text="x", source="f.rss#1")
    seen = SeenItems(tmp_path)
    assert seen.is_new(a)
    seen.save()
    again = SeenItems(tmp_path)
    assert not again.is_new(a) and again.is_new(Article(text="y", source="f.rss#1"))
    (tmp_path / "seen-items.json").write_text("{not json", encoding="utf-8")
    broken = SeenItems(tmp_path)
    assert broken.problem and broken.is_new(a)
