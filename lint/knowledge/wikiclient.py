"""HTTP for the online knowledge source: one transport and one policy for every request.

Two clients talk to the APIs: `wikipedia-api` (pages, search suggestions) and a small httpx client
of our own for what that library cannot do (batched pageprops, Wikidata). Both share one
`RoutingTransport`, which sends requests to the configured endpoints (so tests reach a local fake
server through the library's public `transport=` argument), bounds concurrent requests, counts
them, and turns MediaWiki error bodies (sent with HTTP 200) into exceptions. Both run under one
`Http` policy: `Retry-After` and `maxlag` honoured but waits capped, 5xx and network errors retried
a bounded number of times with backoff, a timeout on every request, and a circuit breaker so an
unreachable service costs one wait per run, not one per article. Whatever goes wrong surfaces as
`Unavailable` with a message for the user, never as a library exception.
"""

from __future__ import annotations

import contextlib
import functools
import json
import re
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from email.utils import parsedate_to_datetime
from typing import Any, TypeVar

import httpx

T = TypeVar("T")

DEFAULT_MEDIAWIKI_URL = "https://{lang}.wikipedia.org/w/api.php"
MAXLAG = 5  # seconds of replication lag beyond which the API asks us to come back later
BATCH = 50  # titles or ids per request: the API's limit without bot rights
_WIKIPEDIA_HOST = re.compile(r"^([a-z][a-z0-9-]*)\.wikipedia\.org$")


class Unavailable(Exception):
    """A question Wikipedia or Wikidata did not answer; the message says why, for a notice."""


class ApiErrorBody(httpx.TransportError):
    """A MediaWiki API error (HTTP 200 with `{"error": ...}` and a `MediaWiki-API-Error` header)."""

    def __init__(self, code: str, info: str, retry_after: float | None, request: httpx.Request) -> None:
        super().__init__(f"MediaWiki API error {code}: {info}", request=request)
        self.code = code
        self.info = info
        self.retry_after = retry_after


class Disallowed(httpx.TransportError):
    """A request to a host that is not a configured endpoint (a redirect elsewhere, say): never sent."""


def _origin(template: str) -> tuple[str, re.Pattern[str], int | None]:
    """(scheme, host pattern, port) of an endpoint URL; a `{lang}` in its host stands for any language code."""
    url = httpx.URL(template.replace("{lang}", _LANG_SLOT))
    host = re.escape(url.host).replace(_LANG_SLOT, "[a-z][a-z0-9-]*")
    return url.scheme, re.compile(host + r"\Z"), url.port


_LANG_SLOT = "newslintlangslot"  # no character re.escape would change


class _Retry(Exception):
    def __init__(self, reason: str, retry_after: float | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.retry_after = retry_after


class _Fail(Exception):
    def __init__(self, reason: str, *, trip: bool) -> None:
        super().__init__(reason)
        self.reason = reason
        self.trip = trip


def parse_retry_after(value: str | None, now: float | None = None) -> float | None:
    """Seconds to wait from a Retry-After header: a number of seconds or an HTTP date."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value).timestamp()
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    return max(0.0, when - (time.time() if now is None else now))


def _short(exc: BaseException | None) -> str:
    if exc is None:
        return "connection error"
    text = str(exc).strip() or type(exc).__name__
    return text.splitlines()[0][:160]


def _where(url: str | httpx.URL) -> str:
    return str(httpx.URL(str(url)).copy_with(query=None))


@functools.cache
def _ssl_context() -> Any:
    """One verified TLS context per process: building one (loading the CA bundle) takes a quarter second."""
    return httpx.create_ssl_context()


class RoutingTransport(httpx.BaseTransport):
    """Every request of both clients goes through here (see the module docstring)."""

    def __init__(
        self,
        mediawiki_url: str = DEFAULT_MEDIAWIKI_URL,
        *,
        inner: httpx.BaseTransport | None = None,
        max_connections: int = 3,
        min_interval: float = 0.0,
        allowed: Sequence[str] = (),
    ) -> None:
        self.mediawiki_url = mediawiki_url
        # Where requests may go: the configured endpoints, nothing else (a redirect to another host,
        # or a library building a URL of its own, is refused before it leaves the machine).
        self._origins = [_origin(url) for url in (mediawiki_url, *allowed)]
        self.inner = inner or httpx.HTTPTransport(
            verify=_ssl_context(),
            limits=httpx.Limits(max_connections=max_connections, max_keepalive_connections=max_connections),
            retries=0,
        )
        self._slots = threading.BoundedSemaphore(max(1, max_connections))
        self._pace_lock = threading.Lock()
        self._next_start = 0.0
        self.min_interval = min_interval
        self.requests = 0

    def _route(self, request: httpx.Request) -> None:
        """wikipedia-api builds https://{lang}.wikipedia.org/w/api.php: send it where we are configured to."""
        if self.mediawiki_url == DEFAULT_MEDIAWIKI_URL:
            return
        m = _WIKIPEDIA_HOST.match(request.url.host)
        if not m or request.url.path != "/w/api.php":
            return
        target = httpx.URL(self.mediawiki_url.format(lang=m.group(1)))
        request.url = target.copy_with(query=request.url.query or None)
        request.headers["Host"] = target.netloc.decode("ascii")

    def _pace(self) -> None:
        if self.min_interval <= 0:
            return
        with self._pace_lock:
            now = time.monotonic()
            start = max(now, self._next_start)
            self._next_start = start + self.min_interval
        if start > now:
            time.sleep(start - now)

    def allows(self, url: httpx.URL) -> bool:
        return any(
            url.scheme == scheme and url.port == port and host.match(url.host) for scheme, host, port in self._origins
        )

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        self._route(request)
        if not self.allows(request.url):
            raise Disallowed(f"refused a request to {_where(request.url)}: not a configured endpoint", request=request)
        with self._slots:
            self._pace()
            with self._pace_lock:
                self.requests += 1
            response = self.inner.handle_request(request)
            code = response.headers.get("MediaWiki-API-Error")
            if code:
                response.read()
                info = ""
                with contextlib.suppress(ValueError, AttributeError):
                    info = str(json.loads(response.content).get("error", {}).get("info", ""))
                response.close()
                raise ApiErrorBody(code, info, parse_retry_after(response.headers.get("Retry-After")), request)
        return response

    def close(self) -> None:
        """Shared by several clients: closing one of them must not close the pool (see `shutdown`)."""

    def shutdown(self) -> None:
        self.inner.close()


class Http:
    """The request policy shared by our client and wikipedia-api."""

    def __init__(
        self,
        *,
        user_agent: str,
        transport: RoutingTransport,
        timeout: float = 10.0,
        max_retries: int = 2,
        backoff: float = 0.5,
        max_wait: float = 5.0,
        down_for: float = 300.0,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.user_agent = user_agent
        self.transport = transport
        self.timeout = timeout
        self.max_retries = max_retries
        self.backoff = backoff
        self.max_wait = max_wait
        self.down_for = down_for
        self.sleep = sleep
        self.clock = clock
        self.client = httpx.Client(
            headers={"User-Agent": f"{user_agent} httpx/{httpx.__version__}"},
            transport=transport,
            timeout=timeout,
            follow_redirects=True,
        )
        self._down: dict[str, tuple[float, str]] = {}
        self._lock = threading.Lock()

    # -- the policy -----------------------------------------------------------------------------
    def _check_breaker(self, service: str) -> None:
        with self._lock:
            down = self._down.get(service)
        if down and self.clock() < down[0]:
            raise Unavailable(down[1])

    def _trip(self, service: str, message: str, seconds: float) -> None:
        with self._lock:
            self._down[service] = (self.clock() + max(seconds, 0.0), message)

    def run(self, service: str, where: str, once: Callable[[], T]) -> T:
        self._check_breaker(service)
        attempt = 0
        while True:
            try:
                return once()
            except _Retry as exc:
                attempt += 1
                if exc.retry_after is not None and exc.retry_after > self.max_wait:
                    message = (
                        f"{exc.reason} at {where}; the server asked to wait {exc.retry_after:.0f} s"
                        f" and newslint waits at most {self.max_wait:g} s"
                    )
                    self._trip(service, message, exc.retry_after)
                    raise Unavailable(message) from None
                if attempt > self.max_retries:
                    tries = f" ({attempt} attempts)" if attempt > 1 else ""
                    message = f"{exc.reason} at {where}{tries}"
                    self._trip(service, message, self.down_for)
                    raise Unavailable(message) from None
                wait = exc.retry_after if exc.retry_after is not None else self.backoff * 2 ** (attempt - 1)
                self.sleep(min(wait, self.max_wait))
            except _Fail as exc:
                message = f"{exc.reason} at {where}"
                if exc.trip:
                    self._trip(service, message, self.down_for)
                raise Unavailable(message) from None

    def _api_error(self, code: str, info: str, retry_after: float | None) -> Exception:
        if code == "maxlag":
            return _Retry("the database is lagging (maxlag)", 1.0 if retry_after is None else retry_after)
        if code == "ratelimited":
            return _Retry("rate limited (API error ratelimited)", retry_after)
        return _Fail(f"API error {code}: {info}", trip=False)

    # -- our own requests -----------------------------------------------------------------------
    def get_json(self, service: str, url: str, params: dict[str, Any]) -> dict[str, Any]:
        def once() -> dict[str, Any]:
            try:
                r = self.client.get(url, params=params)
            except ApiErrorBody as exc:
                raise self._api_error(exc.code, exc.info, exc.retry_after) from None
            except httpx.TimeoutException:
                raise _Retry(f"no answer within {self.timeout:g} s") from None
            except httpx.ConnectError as exc:
                raise _Retry(f"cannot connect ({_short(exc)})") from None
            except httpx.HTTPError as exc:
                raise _Fail(f"network error ({_short(exc)})", trip=True) from None
            if r.status_code == 429:
                raise _Retry("rate limited (HTTP 429)", parse_retry_after(r.headers.get("Retry-After")))
            if r.status_code >= 500:
                raise _Retry(f"server error (HTTP {r.status_code})", parse_retry_after(r.headers.get("Retry-After")))
            if r.status_code != 200:
                raise _Fail(f"HTTP {r.status_code}", trip=True)
            try:
                data = r.json()
            except ValueError:
                raise _Fail("malformed JSON in the answer", trip=True) from None
            if not isinstance(data, dict):
                raise _Fail("unexpected JSON in the answer", trip=True)
            error = data.get("error")
            if isinstance(error, dict):
                retry_after = parse_retry_after(r.headers.get("Retry-After"))
                raise self._api_error(str(error.get("code")), str(error.get("info", "")), retry_after)
            return data

        return self.run(service, _where(url), once)

    # -- wikipedia-api's requests, under the same policy ----------------------------------------
    def guarded(self, service: str, where: str, fn: Callable[[], T]) -> T:
        import wikipediaapi

        def once() -> T:
            try:
                return fn()
            except wikipediaapi.WikiRateLimitError as exc:
                wait = float(exc.retry_after) if exc.retry_after is not None else None
                raise _Retry("rate limited (HTTP 429)", wait) from None
            except wikipediaapi.WikiHttpTimeoutError:
                raise _Retry(f"no answer within {self.timeout:g} s") from None
            except wikipediaapi.WikiInvalidJsonError:
                raise _Fail("malformed JSON in the answer", trip=True) from None
            except wikipediaapi.WikiHttpError as exc:
                if exc.status_code >= 500:
                    raise _Retry(f"server error (HTTP {exc.status_code})") from None
                raise _Fail(f"HTTP {exc.status_code}", trip=True) from None
            except wikipediaapi.WikiConnectionError as exc:
                cause = exc.__cause__
                if isinstance(cause, ApiErrorBody):
                    raise self._api_error(cause.code, cause.info, cause.retry_after) from None
                raise _Retry(f"cannot connect ({_short(cause)})") from None
            except wikipediaapi.WikipediaException as exc:
                raise _Fail(f"wikipedia-api: {_short(exc)}", trip=False) from None
            except (KeyError, AssertionError, AttributeError, TypeError, ValueError) as exc:
                # the library assumes every answer has a "query" block; anything else ends up here
                raise _Fail(f"unexpected answer ({type(exc).__name__}: {_short(exc)})", trip=False) from None

        return self.run(service, where, once)

    def close(self) -> None:
        self.client.close()


# -- reading Wikidata ------------------------------------------------------------------------------
def _item(snak: dict[str, Any]) -> str | None:
    if snak.get("snaktype") != "value":
        return None
    value = (snak.get("datavalue") or {}).get("value")
    return value.get("id") if isinstance(value, dict) and isinstance(value.get("id"), str) else None


def wikidata_time(snak: dict[str, Any]) -> str | None:
    """A time snak as "YYYY-MM-DD", "YYYY-MM" or "YYYY" by its precision; None below a year."""
    if snak.get("snaktype") != "value":
        return None
    value = (snak.get("datavalue") or {}).get("value") or {}
    m = re.match(r"^\+(\d{4,})-(\d\d)-(\d\d)T", str(value.get("time", "")))
    if not m:
        return None
    year, month, day = m.groups()
    precision = value.get("precision", 11)
    if precision >= 11 and month != "00" and day != "00":
        return f"{int(year):04d}-{month}-{day}"
    if precision >= 10 and month != "00":
        return f"{int(year):04d}-{month}"
    if precision >= 9:
        return f"{int(year):04d}"
    return None


def _qualifier_date(statement: dict[str, Any], prop: str) -> str | None:
    snaks = (statement.get("qualifiers") or {}).get(prop) or []
    for snak in snaks:
        if snak.get("snaktype") == "somevalue":
            return "?"
        date = wikidata_time(snak)
        if date:
            return date
    return None


ITEM_PROPS = ("P31", "P21", "P279", "P1001", "P17")


def trim_entity(raw: dict[str, Any]) -> dict[str, Any]:
    """The part of a wbgetentities entity newslint reads, small enough to cache."""
    claims = raw.get("claims") or {}
    out: dict[str, Any] = {
        "id": raw.get("id"),
        "labels": {k: v.get("value") for k, v in (raw.get("labels") or {}).items() if isinstance(v, dict)},
        "aliases": {
            k: [a.get("value") for a in v if isinstance(a, dict) and a.get("value")]
            for k, v in (raw.get("aliases") or {}).items()
            if isinstance(v, list)
        },
        "sitelinks": {
            k: {"title": v.get("title"), "url": v.get("url")}
            for k, v in (raw.get("sitelinks") or {}).items()
            if isinstance(v, dict) and v.get("title")
        },
        "claims": {},
    }
    for prop in ITEM_PROPS:
        values = [
            q
            for st in claims.get(prop) or []
            if st.get("rank") != "deprecated" and (q := _item(st.get("mainsnak") or {}))
        ]
        if values:
            out["claims"][prop] = values
    held = []
    for st in claims.get("P39") or []:
        position = _item(st.get("mainsnak") or {})
        if position is None or st.get("rank") == "deprecated":
            continue
        held.append({"position": position, "start": _qualifier_date(st, "P580"), "end": _qualifier_date(st, "P582")})
    if held:
        out["claims"]["P39"] = held
    return out


def strip_qualifier(title: str) -> str:
    """ "John Kirby (admiral)" -> "John Kirby": the disambiguating part of a title is not the name."""
    return re.sub(r"\s*\([^()]*\)\s*$", "", title).strip() or title


def normalise_title(title: str) -> str:
    """MediaWiki's title normalisation, as far as names need it."""
    title = " ".join(title.replace("_", " ").split())
    return title[:1].upper() + title[1:]


class WikiClient:
    """The questions newslint asks, each batched where the API allows it."""

    def __init__(self, http: Http, *, mediawiki_url: str, wikidata_url: str) -> None:
        self.http = http
        self.mediawiki_url = mediawiki_url
        self.wikidata_url = wikidata_url
        self._wikis: dict[str, Any] = {}
        self._lock = threading.Lock()

    def api(self, lang: str) -> str:
        return self.mediawiki_url.format(lang=lang)

    # -- Wikipedia: many names at once ----------------------------------------------------------
    def resolve_titles(self, lang: str, titles: Sequence[str]) -> dict[str, dict[str, Any]]:
        """What `lang` Wikipedia has under each title: {"status": found|redirected|disambiguation|missing,
        "title", "url", "qid"}; one request per 50 titles."""
        out: dict[str, dict[str, Any]] = {}
        for i in range(0, len(titles), BATCH):
            out.update(self._resolve_chunk(lang, list(titles[i : i + BATCH])))
        return out

    def _resolve_chunk(self, lang: str, chunk: list[str]) -> dict[str, dict[str, Any]]:
        params: dict[str, Any] = {
            "action": "query",
            "format": "json",
            "formatversion": "2",
            "titles": "|".join(chunk),
            "redirects": "1",
            "converttitles": "1",
            "prop": "pageprops|info",
            "ppprop": "wikibase_item|disambiguation",
            "inprop": "url",
            "maxlag": MAXLAG,
        }
        hops: dict[str, dict[str, str]] = {"normalized": {}, "converted": {}, "redirects": {}}
        pages: dict[str, dict[str, Any]] = {}
        for _ in range(5):  # continuation, bounded
            data = self.http.get_json(f"wikipedia-{lang}", self.api(lang), params)
            query = data.get("query")
            if not isinstance(query, dict):
                raise Unavailable(f"an answer without a query block at {self.api(lang)}")
            for kind, table in hops.items():
                for hop in query.get(kind) or []:
                    if isinstance(hop, dict) and "from" in hop and "to" in hop:
                        table[hop["from"]] = hop["to"]
            raw_pages = query.get("pages") or []
            for page in raw_pages.values() if isinstance(raw_pages, dict) else raw_pages:
                if isinstance(page, dict) and "title" in page:
                    pages.setdefault(page["title"], {}).update(page)
            if "continue" not in data:
                break
            params = {**params, **data["continue"]}
        out = {}
        for title in chunk:
            current = hops["normalized"].get(title, title)
            current = hops["converted"].get(current, current)
            redirected = current in hops["redirects"]
            current = hops["redirects"].get(current, current)
            page = pages.get(current, {"title": current, "missing": True})
            props = page.get("pageprops") or {}
            if "missing" in page or "invalid" in page:
                status = "missing"
            elif "disambiguation" in props:
                status = "disambiguation"
            else:
                status = "redirected" if redirected else "found"
            out[title] = {
                "status": status,
                "title": page.get("title", current),
                "url": page.get("fullurl") or page.get("canonicalurl"),
                "qid": props.get("wikibase_item"),
            }
        return out

    # -- Wikidata -------------------------------------------------------------------------------
    def entities(
        self,
        ids: Iterable[str],
        *,
        languages: Sequence[str],
        sites: Sequence[str],
        titles: Sequence[str] = (),
        titles_site: str = "enwiki",
    ) -> tuple[dict[str, dict[str, Any] | None], dict[str, str | None]]:
        """Items by id, and items by their `titles_site` page title, in the same requests (wbgetentities
        takes both at once): ({qid: entity or None if missing}, {title: qid or None})."""
        ids = list(dict.fromkeys(ids))
        titles = list(dict.fromkeys(titles))
        found: dict[str, dict[str, Any] | None] = {}
        by_title: dict[str, str | None] = {}
        rounds = max((len(ids) + BATCH - 1) // BATCH, (len(titles) + BATCH - 1) // BATCH)
        for i in range(rounds):
            id_chunk = ids[i * BATCH : (i + 1) * BATCH]
            title_chunk = titles[i * BATCH : (i + 1) * BATCH]
            params: dict[str, Any] = {
                "action": "wbgetentities",
                "format": "json",
                "props": "labels|aliases|claims|sitelinks/urls",
                "languages": "|".join(languages),
                "sitefilter": "|".join(sites),
                "maxlag": MAXLAG,
            }
            if id_chunk:
                params["ids"] = "|".join(id_chunk)
            if title_chunk:
                params["sites"] = titles_site
                params["titles"] = "|".join(title_chunk)
            data = self.http.get_json("wikidata", self.wikidata_url, params)
            entities = data.get("entities")
            if not isinstance(entities, dict):
                raise Unavailable(f"an answer without entities at {self.wikidata_url}")
            linked: dict[str, str] = {}
            for key, raw in entities.items():
                if not isinstance(raw, dict):
                    continue
                if "missing" in raw:
                    if key in id_chunk:
                        found[key] = None
                    continue
                entity = trim_entity(raw)
                if key in id_chunk:
                    found[key] = entity
                found[str(raw.get("id", key))] = entity
                site_title = entity["sitelinks"].get(titles_site, {}).get("title")
                if site_title:
                    linked[site_title] = entity["id"]
            for title in title_chunk:
                by_title[title] = linked.get(normalise_title(title))
            for qid in id_chunk:
                found.setdefault(qid, None)
        return found, by_title

    def positions(self, ids: Iterable[str]) -> dict[str, dict[str, Any] | None]:
        """Position items: English (and multilingual) labels, P279/P1001/P17."""
        found, _ = self.entities(ids, languages=("en", "mul"), sites=("enwiki",))
        return found

    # -- wikipedia-api: search suggestions and single pages -------------------------------------
    def _wiki(self, lang: str) -> Any:
        with self._lock:
            if lang not in self._wikis:
                import wikipediaapi

                try:
                    self._wikis[lang] = wikipediaapi.Wikipedia(
                        user_agent=self.http.user_agent,
                        language=lang,
                        extract_format=wikipediaapi.ExtractFormat.WIKI,
                        max_retries=0,  # our policy retries, with capped waits
                        retry_wait=0.0,
                        timeout=self.http.timeout,
                        transport=self.http.transport,
                    )
                except AssertionError as exc:
                    raise Unavailable(f"wikipedia-api refused the settings: {_short(exc)}") from None
            return self._wikis[lang]

    def search(self, lang: str, query: str, limit: int = 5) -> dict[str, Any]:
        """Full-text search with CirrusSearch's "did you mean": {"suggestion": str|None, "titles": [...]}."""
        wiki = self._wiki(lang)

        def once() -> dict[str, Any]:
            found = wiki.search(query, limit=limit)
            return {"suggestion": found.suggestion, "titles": [str(t) for t in found.pages]}

        return self.http.guarded(f"wikipedia-{lang}", self.api(lang), once)

    def page(self, lang: str, title: str, *, langlinks: Sequence[str] = ()) -> dict[str, Any]:
        """One page through wikipedia-api: whether it exists, where a redirect leads, its intro,
        and its titles in other languages."""
        wiki = self._wiki(lang)

        def once() -> dict[str, Any]:
            page = wiki.page(title)
            if not page.exists():
                return {"exists": False, "title": title}
            intro = wiki.extracts(page, exintro=1)
            links = page.langlinks if langlinks else {}
            return {
                "exists": True,
                "title": page.title,
                "redirected": normalise_title(page.title) != normalise_title(title),
                "url": getattr(page, "fullurl", None),
                "intro": intro.strip(),
                "langlinks": {k: v.title for k, v in links.items() if k in langlinks},
            }

        return self.http.guarded(f"wikipedia-{lang}", self.api(lang), once)
