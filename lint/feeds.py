"""Feeds (RSS 2.0, RSS 1.0, Atom) into articles, and inputs fetched over http(s).

Each item of a feed becomes an `Article` whose source is `FEED#ID` (the item's guid or id, else
its link, else its position), with its title, link, publication date and language. Its text is
the item's body as the feed's XML holds it once decoded (content:encoded, Atom content, or else
the description/summary): HTML bodies keep their markup, masked as in an HTML file, so positions
count in that body. Parsing is feedparser's (it reads the three formats and malformed feeds);
HTML is never sanitised or rewritten, since it is only read, never shown.

Safety: a feed that declares XML entities (`<!ENTITY`) is refused before parsing. News feeds have
no use for them, and they are how entity-expansion bombs ("billion laughs", quadratic blow-up)
work; feedparser's fallback parser could otherwise expand what the XML parser refused. The check
reads the text as feedparser decodes it, so a UTF-16, UTF-32 or EBCDIC feed cannot hide one. External
entities and DTDs are never fetched (feedparser turns them off). Sizes are bounded by max-bytes,
in files and over the network alike; a fetch also has a deadline for the whole answer, and follows
redirects only to http(s) URLs.

A broken item (no body, a body that is not text) is a non-fatal `InputError` for that item; the
other items are read. A document that is no feed at all is an error for the whole input.
"""

from __future__ import annotations

import codecs
import datetime as dt
import html
import io
import re
import time
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from . import markup
from .article import Article, Notice, parse_date

FEED_EXTENSIONS = frozenset({".rss", ".atom", ".xml"})
FEED_CONTENT_TYPES = ("application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/feed+xml")
FETCH_TIMEOUT = 20.0  # seconds, for connecting and between bytes
FETCH_DEADLINE = 120.0  # seconds for the whole answer, however steadily it trickles in
MAX_REDIRECTS = 5
USER_AGENT = "newslint/0.1 (feed and page checker; https://pypi.org/project/newslint/)"

_SNIFF = 4096
_FEED_ROOT = re.compile(rb"<(?:rss|feed|rdf:RDF)\b", re.I)
_ENTITY_DECLARATION = re.compile(rb"<!ENTITY", re.I)
_TAG = re.compile(r"<[^>]*>")


class FetchError(Exception):
    """An input URL that could not be fetched; the message is one line."""


@dataclass(frozen=True)
class Fetched:
    data: bytes
    content_type: str  # lower case, without parameters ("text/html")
    url: str  # after redirects
    headers: dict[str, str]


# -- what an input is --------------------------------------------------------------------------------


def is_url(given: str) -> bool:
    return given[:8].lower().startswith(("http://", "https://"))


def looks_like_feed(data: bytes) -> bool:
    """An XML document whose root is <rss>, <feed> (Atom) or <rdf:RDF> (RSS 1.0), by its first bytes."""
    head = data[:_SNIFF].removeprefix(codecs.BOM_UTF8).lstrip()
    return head.startswith(b"<") and _FEED_ROOT.search(head) is not None


def kind_of(fetched: Fetched) -> str:
    """"feed", "html" or "text" for a fetched document, from its type, then its first bytes."""
    ctype = fetched.content_type
    # Servers label feeds text/xml, application/xml or even text/html: the root element decides.
    if ctype in FEED_CONTENT_TYPES or looks_like_feed(fetched.data):
        return "feed"
    if ctype in ("text/html", "application/xhtml+xml"):
        return "html"
    head = fetched.data[:_SNIFF].removeprefix(codecs.BOM_UTF8).lstrip().lower()
    return "html" if head.startswith((b"<!doctype html", b"<html")) else "text"


# -- fetching -------------------------------------------------------------------------------------


def fetch(
    url: str,
    *,
    max_bytes: int,
    timeout: float = FETCH_TIMEOUT,
    user_agent: str = USER_AGENT,
    deadline: float = FETCH_DEADLINE,
    max_redirects: int = MAX_REDIRECTS,
) -> Fetched:
    """GET `url`, refusing a body over `max_bytes` before or while reading it.

    `timeout` bounds connecting and each wait for bytes; `deadline` bounds the whole exchange, so
    that a server trickling a byte at a time cannot hold the run. Redirects are followed one by one,
    at most `max_redirects`, and only to http(s): never to file:, ftp: or any other scheme.
    """
    import httpx

    started = time.monotonic()
    try:
        with httpx.Client(follow_redirects=False, timeout=timeout, headers={"User-Agent": user_agent}) as client:
            for _ in range(max_redirects + 1):
                with client.stream("GET", url) as response:
                    if response.is_redirect:
                        url = _redirect_target(response)
                        continue
                    return _read_body(response, max_bytes, started, deadline)
            raise FetchError(f"more than {max_redirects} redirects; gave up")
    except httpx.TimeoutException:
        raise FetchError(f"timed out after {timeout:g} s") from None
    except httpx.HTTPError as exc:
        raise FetchError(f"cannot fetch: {exc or type(exc).__name__}") from None
    except httpx.InvalidURL as exc:  # given so, or the Location of a redirect (not an HTTPError)
        raise FetchError(f"invalid URL {_one_line(url)[:80]!r} or redirect from it: {exc}") from None


def _redirect_target(response: Any) -> str:
    """Where a redirect leads, if it is an http(s) URL; a FetchError otherwise."""
    location = response.headers.get("location", "").strip()
    if not location:
        raise FetchError(f"HTTP {response.status_code} redirect without a Location")
    try:
        target = response.url.join(location)
    except Exception:  # httpx.InvalidURL and the like: a Location no browser would follow either
        raise FetchError(f"redirected to an invalid URL {_one_line(location)[:80]!r}") from None
    if target.scheme not in ("http", "https"):
        scheme = target.scheme or "no scheme"
        raise FetchError(f"redirected to a {scheme}: URL; only http and https are followed")
    return str(target)


def _read_body(response: Any, max_bytes: int, started: float, deadline: float) -> Fetched:
    if response.status_code >= 400:
        raise FetchError(f"HTTP {response.status_code} {response.reason_phrase}".rstrip())
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        raise FetchError(f"{declared} bytes, over max-bytes ({max_bytes}); skipped")
    chunks, size = [], 0
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > max_bytes:
            raise FetchError(f"more than {max_bytes} bytes, over max-bytes ({max_bytes}); skipped")
        if time.monotonic() - started > deadline:
            raise FetchError(f"took more than {deadline:g} s in all; gave up")
        chunks.append(chunk)
    ctype = response.headers.get("content-type", "").split(";")[0].strip().lower()
    return Fetched(b"".join(chunks), ctype, str(response.url), dict(response.headers))


# -- feeds ----------------------------------------------------------------------------------------


def read_feed(
    data: bytes, source: str, path: str | None = None, headers: dict[str, str] | None = None
) -> Iterator[Article | Any]:
    """The items of a feed as articles (or `InputError`s: see the module doc), in feed order."""
    from .sources import InputError

    response_headers = {k.lower(): v for k, v in (headers or {}).items()}
    if _declares_entities(data, response_headers):
        yield InputError(
            source, "the feed declares XML entities (<!ENTITY); refused, as entity-expansion attacks use them"
        )
        return
    import feedparser

    parsed = feedparser.parse(
        io.BytesIO(data),
        response_headers=response_headers,
        sanitize_html=False,
        resolve_relative_uris=False,
    )
    entries = parsed.get("entries") or []
    if not parsed.get("version") and not entries:
        reason = parsed.get("bozo_exception")
        yield InputError(source, "not an RSS or Atom feed" + (f": {_one_line(reason)}" if reason else ""))
        return
    feed_notices = []
    if parsed.get("bozo"):
        reason = _one_line(parsed.get("bozo_exception"))
        feed_notices.append(Notice(source, "warning", f"the feed is not well-formed XML ({reason}); read leniently"))
    if not entries:
        yield InputError(source, "the feed has no items", fatal=False)
        return
    feed = parsed.get("feed") or {}
    feed_lang = _text(feed.get("language")) or _text((feed.get("title_detail") or {}).get("language"))
    seen: set[str] = set()
    for index, entry in enumerate(entries, 1):
        try:
            item = _item(entry, index, source, path, feed_lang, seen)
        except Exception as exc:  # one malformed item must not cost the others
            item = InputError(f"{source}#{index}", f"item {index} unreadable: {type(exc).__name__}: {exc}", fatal=False)
        if feed_notices and isinstance(item, Article):
            item.notices[:0] = feed_notices
            feed_notices = []
        yield item


def _declares_entities(data: bytes, headers: dict[str, str]) -> bool:
    """Whether the document declares an entity, in the bytes or in the text feedparser will read.

    The bytes alone are not enough: in UTF-16, UTF-32 or EBCDIC (which feedparser detects and
    decodes) `<!ENTITY` is other bytes. So the text is decoded as feedparser decodes it first.
    """
    if _ENTITY_DECLARATION.search(data):
        return True
    try:
        from feedparser.encodings import convert_to_utf8
    except ImportError:  # feedparser reorganised: the byte check above is what is left
        return False
    try:
        text = convert_to_utf8(headers, data, {})
    except Exception:  # an encoding feedparser cannot read either: it will not expand anything
        return False
    return isinstance(text, bytes) and _ENTITY_DECLARATION.search(text) is not None


def _item(entry: Any, index: int, source: str, path: str | None, feed_lang: str | None, seen: set[str]) -> Any:
    from .sources import InputError

    item_id = _text(entry.get("id")) or _text(entry.get("link")) or str(index)
    item_source = f"{source}#{item_id}"
    notices: list[Notice] = []
    if item_id in seen:
        notices.append(Notice(item_source, "warning", f"another item of the feed has the id {item_id!r}"))
    seen.add(item_id)
    body, kind, lang = _body(entry)
    if body is None:
        return InputError(item_source, "item has no content, description or summary; skipped", fatal=False)
    if not body.strip():
        return InputError(item_source, "item has an empty body; skipped", fatal=False)
    fmt = "html" if "html" in kind else "text"
    title = _text(entry.get("title"))
    title_detail = entry.get("title_detail") or {}
    if title and "html" in (title_detail.get("type") or ""):
        title = " ".join(html.unescape(_TAG.sub("", title)).split()) or None
    published, raw_date = _published(entry)
    if raw_date and published is None:
        notices.append(Notice(item_source, "warning", f"published: unreadable date {raw_date!r}; ignored"))
    return Article(
        text=body,
        source=item_source,
        id=item_id,
        title=title,
        url=_text(entry.get("link")),
        lang=lang or _text(entry.get("language")) or _text(title_detail.get("language")) or feed_lang,
        published=published,
        format=fmt,
        masks=markup.masks_for(body, fmt),
        path=path,
        notices=notices,
    )


def _body(entry: Any) -> tuple[str | None, str, str | None]:
    """(text, MIME type, language) of the fullest body: content:encoded / Atom content, else summary."""
    for content in entry.get("content") or []:
        value = content.get("value")
        if isinstance(value, str) and value.strip():
            return value, (content.get("type") or "text/html").lower(), _text(content.get("language"))
    summary = entry.get("summary")
    if summary is None:
        return None, "", None
    if not isinstance(summary, str):
        raise TypeError("the summary is not text")
    detail = entry.get("summary_detail") or {}
    return summary, (detail.get("type") or "text/html").lower(), _text(detail.get("language"))


def _published(entry: Any) -> tuple[dt.date | None, str | None]:
    """The item's date in its own time zone (feedparser's parsed dates are in UTC, a day off at night)."""
    for key in ("published", "updated", "created", "dc_date"):
        raw = _text(entry.get(key))
        if raw:
            date = parse_date(raw)
            if date is None:
                parsed = entry.get(f"{key}_parsed")
                date = dt.date(*parsed[:3]) if parsed else None
            return date, raw
    return None, None


def _text(value: object) -> str | None:
    if isinstance(value, str):
        value = value.strip()
        return value or None
    return None


def _one_line(value: object) -> str:
    return " ".join(str(value).split())[:200]
