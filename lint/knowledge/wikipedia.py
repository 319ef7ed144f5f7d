"""The online knowledge source: Wikipedia pages and Wikidata items behind the `KnowledgeSource`
interface, cached on disk, consulted after the embedded snapshot.

For the names of an article (`prefetch`, called by the engine before the rules run):
1. one request per 50 names to the article's Wikipedia: does a page exist, where do redirects
   lead, is it a disambiguation page, its URL and its Wikidata item (pageprops);
2. one request per 50 to Wikidata (wbgetentities): the items found in step 1, and, in the same
   request, the items whose English Wikipedia page has the exact title of a name the article's
   Wikipedia lacks; labels and aliases in the article's language, English and `mul`, gender (P21),
   positions held (P39) with their dates;
3. one request for the positions that `data/positions.toml` does not map directly (labels,
   P279 classes, jurisdiction), mapped to roles.toml role keys.
So an article costs ceil(names / 50) + 2 requests on a cold cache and none on a warm one. A name
without a page gets suggestions from CirrusSearch's "did you mean" (one request, only when a rule
asks). The rules then look people up one by one with no network (`find_person`).

When a request fails the run goes on: the names it concerned stay unchecked, and `drain_notices`
gives one notice per article saying which (the engine adds it to the result).
"""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from importlib import resources
from typing import Any
from urllib.parse import quote

import httpx

from ..text import fold_name
from .model import Office, Person
from .wikicache import WikiCache

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

from .wikiclient import (
    BATCH,
    DEFAULT_MEDIAWIKI_URL,
    Http,
    RoutingTransport,
    Unavailable,
    WikiClient,
    strip_qualifier,
)

DEFAULT_WIKIDATA_URL = "https://www.wikidata.org/w/api.php"
HUMAN = "Q5"
GENDERS = {"Q6581097": "m", "Q6581072": "f"}
LANGUAGES = ("en", "fr", "de", "es")  # names are read in these languages beside the article's
_BAD_TITLE = set("#<>[]|{}")
_GOOD_ENOUGH = 90.0  # a name this close to someone already known needs no search request


def _clean(name: str) -> str:
    return " ".join(str(name).split())


def _title_ok(name: str) -> bool:
    return bool(name) and len(name.encode("utf-8")) <= 255 and not (_BAD_TITLE & set(name))


def _contains(text: str, label: str) -> bool:
    return f" {label} " in f" {text} "


def wiki_url(lang: str, title: str) -> str:
    return f"https://{lang}.wikipedia.org/wiki/{quote(title.replace(' ', '_'), safe='()_,:')}"


class PositionMapper:
    """Wikidata position items -> (role key, jurisdiction), from data/positions.toml and roles.toml."""

    def __init__(
        self,
        table: dict[str, tuple[str, str]],
        classes: dict[str, str],
        jurisdictions: dict[str, str],
        roles: dict[str, Any] | None,
    ) -> None:
        self.table = dict(table)
        self.classes = dict(classes)
        self.jurisdictions = dict(jurisdictions)
        labels: list[tuple[str, str, str | None]] = []
        for role, entry in (roles or {}).items():
            if not isinstance(entry, dict):
                continue
            labels += [(fold_name(label), role, None) for label in entry.get("en", [])]
            for of, sub in entry.items():
                if isinstance(sub, dict):
                    labels += [(fold_name(label), role, of) for label in sub.get("en", [])]
        labels.sort(key=lambda e: -len(e[0]))
        self.labels = labels

    @classmethod
    def load(cls, roles: dict[str, Any] | None, extra: dict[str, tuple[str, str]] | None = None) -> PositionMapper:
        raw = tomllib.loads((resources.files(__package__) / "data" / "positions.toml").read_text(encoding="utf-8"))
        table = {q: (v["role"], v["of"]) for q, v in raw.get("positions", {}).items()}
        table.update(extra or {})
        return cls(table, raw.get("classes", {}), raw.get("jurisdictions", {}), roles)

    def map(self, qid: str, info: dict[str, Any] | None) -> tuple[str, str] | None:
        if qid in self.table:
            return self.table[qid]
        if not info:
            return None
        claims = info.get("claims", {})
        where = (*claims.get("P1001", ()), *claims.get("P17", ()))
        places = [self.jurisdictions[q] for q in where if q in self.jurisdictions]
        of = places[0] if places else None
        for cls_qid in claims.get("P279", ()):
            if cls_qid in self.classes:
                return (self.classes[cls_qid], of) if of else None
        label = info.get("labels", {}).get("en") or info.get("labels", {}).get("mul")
        if not label:
            return None
        text = fold_name(label)
        for needle, role, label_of in self.labels:
            if _contains(text, needle):
                if label_of and of and label_of != of:
                    continue
                where = of or label_of
                return (role, where) if where else None
        return None


def map_offices(
    entity: dict[str, Any],
    mapper: PositionMapper,
    position: Callable[[str], tuple[bool, dict[str, Any] | None]],
) -> list[Office] | None:
    """The offices of a (trimmed) item's P39 statements that map to role keys; None when a position
    that needs looking up is not known (`position(qid)` -> (known, info))."""
    offices: list[Office] = []
    for st in entity.get("claims", {}).get("P39", ()):
        qid = st["position"]
        if qid in mapper.table:
            mapped: tuple[str, str] | None = mapper.table[qid]
        else:
            known, info = position(qid)
            if not known:
                return None
            mapped = mapper.map(qid, info)
        if mapped:
            office = Office(role=mapped[0], of=mapped[1], start=st.get("start"), end=st.get("end"))
            if office not in offices:
                offices.append(office)
    return offices


def unmapped_positions(entities: Iterable[dict[str, Any] | None], mapper: PositionMapper) -> list[str]:
    return list(
        dict.fromkeys(
            st["position"]
            for e in entities
            if e
            for st in e.get("claims", {}).get("P39", ())
            if st["position"] not in mapper.table
        )
    )


@dataclass
class _ArticleState:
    """What went wrong while checking the current article (one per thread)."""

    reasons: list[str] = field(default_factory=list)
    unchecked: dict[str, None] = field(default_factory=dict)


class WikipediaKnowledge:
    """A `KnowledgeSource` backed by Wikipedia and Wikidata (see the module docstring)."""

    name = "wikipedia"
    needs_prefetch = True

    def __init__(
        self,
        *,
        user_agent: str,
        mediawiki_url: str = DEFAULT_MEDIAWIKI_URL,
        wikidata_url: str = DEFAULT_WIKIDATA_URL,
        cache_dir: str | None = None,
        cache_ttl: float = 7 * 24 * 3600,
        offline: bool = False,
        roles: dict[str, Any] | None = None,
        positions: dict[str, tuple[str, str]] | None = None,
        timeout: float = 10.0,
        max_retries: int = 2,
        backoff: float = 0.5,
        max_wait: float = 5.0,
        max_connections: int = 3,
        min_interval: float = 0.0,
        down_for: float = 300.0,
        transport: httpx.BaseTransport | None = None,
        clock: Callable[[], float] = time.time,
        sleep: Callable[[float], None] = time.sleep,
        languages: Sequence[str] = LANGUAGES,
    ) -> None:
        if len(user_agent.strip()) < 5:
            raise ValueError(f"user-agent {user_agent!r} is too short: say who runs newslint and how to reach them")
        if "{lang}" not in mediawiki_url:
            raise ValueError(f"mediawiki-url {mediawiki_url!r} has no {{lang}} placeholder")
        self.offline = offline
        self.languages = tuple(languages)
        self.max_connections = max(1, max_connections)
        self.cache = WikiCache(cache_dir, cache_ttl, clock=clock)
        self.transport = RoutingTransport(
            mediawiki_url,
            inner=transport,
            max_connections=self.max_connections,
            min_interval=min_interval,
            allowed=(wikidata_url,),
        )
        self.http = Http(
            user_agent=user_agent,
            transport=self.transport,
            timeout=timeout,
            max_retries=max_retries,
            backoff=backoff,
            max_wait=max_wait,
            down_for=down_for,
            sleep=sleep,
        )
        self.client = WikiClient(self.http, mediawiki_url=mediawiki_url, wikidata_url=wikidata_url)
        self.mapper = PositionMapper.load(roles, positions)
        self._lock = threading.RLock()
        self._local = threading.local()
        self._pages: dict[tuple[str, str], dict[str, Any]] = {}
        self._en_titles: dict[tuple[str, str], str | None] = {}
        self._entities: dict[tuple[str, str], dict[str, Any] | None] = {}
        self._positions: dict[str, dict[str, Any] | None] = {}
        self._searches: dict[tuple[str, str], dict[str, Any]] = {}
        self._people: dict[tuple[str, str, str], Person | None] = {}

    @classmethod
    def from_config(cls, config: Any, *, offline: bool = False, **overrides: Any) -> WikipediaKnowledge:
        from ..config import ConfigError
        from ..files import default_cache_dir
        from . import embedded

        kwargs: dict[str, Any] = {
            "user_agent": config.user_agent,
            "mediawiki_url": config.mediawiki_url,
            "wikidata_url": config.wikidata_url,
            "cache_dir": config.cache_dir or default_cache_dir(),
            "cache_ttl": config.cache_ttl,
            "offline": offline,
        }
        kwargs.update(overrides)
        if "roles" not in kwargs:
            kwargs["roles"] = embedded.load(config.cache_dir).roles
        try:
            return cls(**kwargs)
        except ValueError as exc:
            where = config.origins.get(str(exc).split(" ")[0], "configuration")
            raise ConfigError(f"{where}: {exc}") from None

    # -- state of the article being checked -----------------------------------------------------
    def _state(self) -> _ArticleState:
        state = getattr(self._local, "state", None)
        if state is None:
            state = self._local.state = _ArticleState()
        return state

    def _problem(self, exc: Exception, names: Iterable[str]) -> None:
        state = self._state()
        if str(exc) not in state.reasons:
            state.reasons.append(str(exc))
        state.unchecked.update(dict.fromkeys(names))

    @property
    def consults_wikipedia(self) -> bool:
        """Whether "no source knows this name" can be said: online, and nothing failed for this article."""
        return not self.offline and not self._state().reasons

    def drain_notices(self) -> list[tuple[str, str]]:
        """At most one notice about the network per article (and any about the cache), then a clean slate."""
        out = [("warning", message) for message in self.cache.drain_notices()]
        state = self._state()
        if state.reasons:
            names = list(state.unchecked)
            shown = ", ".join(names[:8]) + (f" and {len(names) - 8} more" if len(names) > 8 else "")
            what = (
                f"these names, unknown to the embedded knowledge base, were not checked online: {shown}"
                if names
                else "some answers are missing"
            )
            out.append(("warning", f"Wikipedia/Wikidata could not be consulted ({'; '.join(state.reasons)}); {what}"))
        self._local.state = _ArticleState()
        return out

    @property
    def requests(self) -> int:
        """HTTP requests sent so far (both clients)."""
        return self.transport.requests

    def close(self) -> None:
        self.cache.close()
        self.http.close()
        self.transport.shutdown()

    # -- keys -----------------------------------------------------------------------------------
    def _langs(self, lang: str) -> tuple[str, ...]:
        return tuple(sorted({lang, "mul", *self.languages}))

    def _page_key(self, lang: str, name: str) -> str:
        return f"page|{self.client.api(lang)}|{name}"

    def _entity_key(self, langs: tuple[str, ...], qid: str) -> str:
        return f"entity|{self.client.wikidata_url}|{','.join(langs)}|{qid}"

    def _en_title_key(self, langs: tuple[str, ...], name: str) -> str:
        return f"enwiki-title|{self.client.wikidata_url}|{','.join(langs)}|{name}"

    def _position_key(self, qid: str) -> str:
        return f"position|{self.client.wikidata_url}|{qid}"

    def _search_key(self, lang: str, name: str) -> str:
        return f"search|{self.client.api(lang)}|{name}"

    # -- batched lookups ------------------------------------------------------------------------
    def prefetch(self, names: Iterable[str], lang: str) -> None:
        names = [n for n in dict.fromkeys(_clean(n) for n in names) if _title_ok(n)]
        if not names:
            return
        langs = self._langs(lang)
        with self._lock:
            pending = [n for n in names if (lang, fold_name(n)) not in self._pages]
        self._load_pages(lang, pending)
        want_ids: dict[str, list[str]] = {}
        want_titles: list[str] = []
        with self._lock:
            for n in names:
                page = self._pages.get((lang, fold_name(n)))
                if page is None:
                    continue
                if page["status"] in ("found", "redirected") and page.get("qid"):
                    if (langs, page["qid"]) not in self._entities:
                        want_ids.setdefault(page["qid"], []).append(n)
                elif page["status"] == "missing" and lang != "en" and (langs, n) not in self._en_titles:
                    want_titles.append(n)
        self._load_entities(langs, want_ids, want_titles)
        with self._lock:
            holders = [self._entities.get((langs, q)) for q in self._qids_for(names, lang)]
            unmapped = {
                st["position"]: entity
                for entity in holders
                if entity
                for st in entity["claims"].get("P39", ())
                if st["position"] not in self.mapper.table and st["position"] not in self._positions
            }
        self._load_positions(unmapped)

    def _qids_for(self, names: list[str], lang: str) -> list[str]:
        """The items the names resolved to (call with the lock held)."""
        langs = self._langs(lang)
        qids = []
        for n in names:
            page = self._pages.get((lang, fold_name(n)))
            if page is None:
                continue
            if page["status"] in ("found", "redirected") and page.get("qid"):
                qids.append(page["qid"])
            elif self._en_titles.get((langs, n)):
                qids.append(self._en_titles[(langs, n)])
        return list(dict.fromkeys(qids))

    def _parallel(self, fn: Callable[[list[str]], dict], items: list[str]) -> tuple[dict, list[tuple[Exception, list]]]:
        """Run `fn` over chunks of 50, a few at a time; the answers, and the chunks that failed."""
        chunks = [items[i : i + BATCH] for i in range(0, len(items), BATCH)]
        merged: dict = {}
        failed: list[tuple[Exception, list]] = []

        def one(chunk: list[str]) -> None:
            try:
                merged.update(fn(chunk))
            except Unavailable as exc:
                failed.append((exc, chunk))

        if len(chunks) == 1:
            one(chunks[0])
        elif chunks:
            with ThreadPoolExecutor(max_workers=min(self.max_connections, len(chunks))) as pool:
                list(pool.map(one, chunks))
        return merged, failed

    def _load_pages(self, lang: str, names: list[str]) -> None:
        if not names:
            return
        keys = {n: self._page_key(lang, n) for n in names}
        cached = self.cache.get_many(keys.values(), stale_ok=self.offline)
        todo = []
        with self._lock:
            for n in names:
                if keys[n] in cached:
                    self._pages[(lang, fold_name(n))] = cached[keys[n]]
                else:
                    todo.append(n)
        if not todo or self.offline:
            return
        found, failed = self._parallel(lambda chunk: self.client.resolve_titles(lang, chunk), todo)
        for exc, chunk in failed:
            self._problem(exc, chunk)
        with self._lock:
            for n, page in found.items():
                self._pages[(lang, fold_name(n))] = page
        self.cache.put_many({keys[n]: page for n, page in found.items()})

    def _load_entities(self, langs: tuple[str, ...], want_ids: dict[str, list[str]], titles: list[str]) -> None:
        """Items by id, and by English Wikipedia title for names the article's Wikipedia lacks."""
        lang_sites = tuple(f"{code}wiki" for code in langs if code != "mul")
        title_keys = {t: self._en_title_key(langs, t) for t in titles}
        cached = self.cache.get_many(title_keys.values(), stale_ok=self.offline)
        todo_titles = []
        with self._lock:
            for t, key in title_keys.items():
                if key in cached:
                    self._en_titles[(langs, t)] = cached[key]
                    if cached[key] and (langs, cached[key]) not in self._entities:
                        want_ids.setdefault(cached[key], []).append(t)
                else:
                    todo_titles.append(t)
        id_keys = {q: self._entity_key(langs, q) for q in want_ids}
        cached = self.cache.get_many(id_keys.values(), stale_ok=self.offline)
        todo_ids = []
        with self._lock:
            for q, key in id_keys.items():
                if key in cached:
                    self._entities[(langs, q)] = cached[key]
                else:
                    todo_ids.append(q)
        if not (todo_ids or todo_titles) or self.offline:
            return
        try:
            entities, by_title = self.client.entities(
                todo_ids, titles=todo_titles, languages=langs, sites=lang_sites, titles_site="enwiki"
            )
        except Unavailable as exc:
            self._problem(exc, [n for q in todo_ids for n in want_ids[q]] + todo_titles)
            return
        store: dict[str, Any] = {}
        with self._lock:
            for q, entity in entities.items():
                self._entities[(langs, q)] = entity
                store[self._entity_key(langs, q)] = entity
            for t, q in by_title.items():
                self._en_titles[(langs, t)] = q
                store[self._en_title_key(langs, t)] = q
        self.cache.put_many(store)

    def _load_positions(self, unmapped: dict[str, dict[str, Any]]) -> None:
        if not unmapped:
            return
        keys = {q: self._position_key(q) for q in unmapped}
        cached = self.cache.get_many(keys.values(), stale_ok=self.offline)
        todo = []
        with self._lock:
            for q, key in keys.items():
                if key in cached:
                    self._positions[q] = cached[key]
                else:
                    todo.append(q)
        if not todo or self.offline:
            return
        found, failed = self._parallel(self.client.positions, todo)
        for exc, chunk in failed:
            holders = [self._label(entity) for q, entity in unmapped.items() if q in chunk]
            self._problem(exc, [h for h in holders if h])
        with self._lock:
            self._positions.update(found)
        self.cache.put_many({keys[q]: info for q, info in found.items()})

    @staticmethod
    def _label(entity: dict[str, Any] | None) -> str | None:
        if not entity:
            return None
        labels = entity.get("labels", {})
        return labels.get("en") or labels.get("mul") or entity.get("id")

    # -- single lookups (memory, then disk; never the network) ----------------------------------
    def _page(self, lang: str, name: str) -> dict[str, Any] | None:
        name = _clean(name)
        with self._lock:
            page = self._pages.get((lang, fold_name(name)))
        if page is None and _title_ok(name):
            page = self.cache.get(self._page_key(lang, name), stale_ok=self.offline)
            if page is not None:
                with self._lock:
                    self._pages[(lang, fold_name(name))] = page
        return page

    def _entity(self, langs: tuple[str, ...], qid: str) -> dict[str, Any] | None:
        with self._lock:
            if (langs, qid) in self._entities:
                return self._entities[(langs, qid)]
        entity = self.cache.get(self._entity_key(langs, qid), stale_ok=self.offline)
        if entity is not None:
            with self._lock:
                self._entities[(langs, qid)] = entity
        return entity

    def _english_qid(self, langs: tuple[str, ...], name: str) -> str | None:
        with self._lock:
            if (langs, name) in self._en_titles:
                return self._en_titles[(langs, name)]
        return self.cache.get(self._en_title_key(langs, name), stale_ok=self.offline)

    def _position(self, qid: str) -> tuple[bool, dict[str, Any] | None]:
        with self._lock:
            if qid in self._positions:
                return True, self._positions[qid]
        key = self._position_key(qid)
        got = self.cache.get_many([key], stale_ok=self.offline)
        if key in got:
            with self._lock:
                self._positions[qid] = got[key]
            return True, got[key]
        return False, None

    def status(self, name: str, lang: str) -> str:
        """How the name resolved: found, redirected, disambiguation, missing, english (found on English
        Wikipedia only), not-a-person, or unchecked (never looked up, or the lookup failed)."""
        page = self._page(lang, name)
        if page is None:
            return "unchecked"
        if page["status"] == "missing" and lang != "en":
            qid = self._english_qid(self._langs(lang), _clean(name))
            if qid:
                return "english" if self.find_person(name, lang) else "not-a-person"
        if page["status"] in ("found", "redirected") and self.find_person(name, lang) is None:
            return "not-a-person"
        return page["status"]

    def find_person(self, name: str, lang: str) -> Person | None:
        page = self._page(lang, name)
        if page is None:
            return None
        if page["status"] in ("found", "redirected") and page.get("qid"):
            return self._person(page["qid"], lang, page)
        if page["status"] == "missing" and lang != "en":
            qid = self._english_qid(self._langs(lang), _clean(name))
            if qid:
                return self._person(qid, lang, None)
        return None

    def _person(self, qid: str, lang: str, page: dict[str, Any] | None) -> Person | None:
        memo = (qid, lang, page["title"] if page else "")
        with self._lock:
            if memo in self._people:
                return self._people[memo]
        person = self._build(qid, lang, page)
        if person is not None or self._entity(self._langs(lang), qid) is not None:
            with self._lock:
                self._people[memo] = person
        return person

    def _build(self, qid: str, lang: str, page: dict[str, Any] | None) -> Person | None:
        entity = self._entity(self._langs(lang), qid)
        if not entity or HUMAN not in entity["claims"].get("P31", ()):
            return None
        offices = map_offices(entity, self.mapper, self._position)
        if offices is None:
            return None  # an office we could not read: better no answer than a partial one
        labels, sitelinks = entity.get("labels", {}), entity.get("sitelinks", {})
        names: dict[str, str] = {}
        for code in dict.fromkeys((lang, *self.languages)):
            link = sitelinks.get(f"{code}wiki", {}).get("title")
            if code == lang and page:
                names[code] = strip_qualifier(page["title"])
            elif link:
                names[code] = strip_qualifier(link)
            elif labels.get(code):
                names[code] = labels[code]
        if "en" not in names and labels.get("mul"):
            names["en"] = labels["mul"]
        if not names:
            return None
        english = sitelinks.get("enwiki", {}).get("title")
        person_id = english or labels.get("en") or labels.get("mul") or next(iter(names.values()))
        taken = {fold_name(n) for n in names.values()}
        aliases = []
        for code in (lang, "en", "mul"):
            for alias in [labels.get(code), *entity.get("aliases", {}).get(code, [])]:
                if alias and len(alias.split()) >= 2 and fold_name(alias) not in taken:
                    taken.add(fold_name(alias))
                    aliases.append(alias)
        urls: dict[str, str] = {}
        for code in (lang, "en"):
            link = sitelinks.get(f"{code}wiki", {})
            if link.get("url"):
                urls[code] = link["url"]
            elif link.get("title"):
                urls[code] = wiki_url(code, link["title"])
        if page and page.get("url"):
            urls[lang] = page["url"]
        elif lang not in urls and "en" in urls:
            urls[lang] = urls["en"]  # no page in the article's language: the English one is the evidence
        gender = next((GENDERS[g] for g in entity["claims"].get("P21", ()) if g in GENDERS), None)
        return Person(
            id=person_id,
            gender=gender,
            names=names,
            aliases=tuple(aliases),
            offices=tuple(offices),
            qid=entity.get("id") or qid,
            source="wikipedia",
            urls=urls,
        )

    # -- suggestions ----------------------------------------------------------------------------
    def _known_people(self) -> list[Person]:
        with self._lock:
            return [p for p in self._people.values() if p is not None]

    def _close_to_known(self, name: str, limit: int) -> list[tuple[Person, float]]:
        from rapidfuzz import fuzz

        wanted = fold_name(name)
        best: dict[str, tuple[Person, float]] = {}
        for p in self._known_people():
            score = max(float(fuzz.ratio(wanted, fold_name(n))) for n in p.all_names())
            if score >= 50 and (p.id not in best or best[p.id][1] < score):
                best[p.id] = (p, score)
        return sorted(best.values(), key=lambda ps: (-ps[1], ps[0].id))[:limit]

    def suggest(self, name: str, lang: str, limit: int = 5) -> list[tuple[Person, float]]:
        """People close to `name`: itself if Wikipedia has it (for a disambiguation page, the name
        itself: several people bear it); else people already looked up, and for a name without a
        page CirrusSearch's "did you mean" (one request, cached)."""
        from rapidfuzz import fuzz

        name = _clean(name)
        page = self._page(lang, name)
        if page is None:
            return self._close_to_known(name, limit)
        person = self.find_person(name, lang)
        if person is not None:
            return [(person, 100.0)]
        if page["status"] == "disambiguation":
            # people are known under exactly this name, just more than one: the name is right
            title = page.get("title") or name
            ambiguous = Person(
                id=title,
                gender=None,
                names={lang: strip_qualifier(title)},
                source="wikipedia",
                urls={lang: page.get("url") or wiki_url(lang, title)},
            )
            return [(ambiguous, 100.0), *self._close_to_known(name, limit - 1)]
        if page["status"] != "missing":
            return []  # a page that is not about a person
        local = self._close_to_known(name, limit)
        if local and local[0][1] >= _GOOD_ENOUGH:
            return local
        result = self._search(lang, name)
        if result is None:
            return local
        wanted = fold_name(name)
        suggestion = fold_name(result.get("suggestion") or "")
        best = {p.id: (p, score) for p, score in local}
        for title in result.get("titles", []):
            plain = fold_name(strip_qualifier(title))
            if plain != suggestion and len(plain.split()) != len(wanted.split()):
                continue  # "Jinping (homonymie)", "Pensée de Xi Jinping": not another spelling of the name
            candidate = self.find_person(title, lang) or self._light_person(lang, title)
            score = float(fuzz.ratio(wanted, plain))
            if candidate.id not in best or best[candidate.id][1] < score:
                best[candidate.id] = (candidate, score)
        return sorted(best.values(), key=lambda ps: (-ps[1], ps[0].id))[:limit]

    def _search(self, lang: str, name: str) -> dict[str, Any] | None:
        with self._lock:
            if (lang, name) in self._searches:
                return self._searches[(lang, name)]
        key = self._search_key(lang, name)
        result = self.cache.get(key, stale_ok=self.offline)
        if result is None and not self.offline:
            try:
                result = self.client.search(lang, name)
            except Unavailable as exc:
                self._problem(exc, [name])
                return None
            self.cache.put(key, result)
        if result is not None:
            with self._lock:
                self._searches[(lang, name)] = result
        return result

    @staticmethod
    def _light_person(lang: str, title: str) -> Person:
        """A search hit we know only by its title: enough to suggest a spelling."""
        return Person(
            id=title,
            gender=None,
            names={lang: strip_qualifier(title)},
            source="wikipedia",
            urls={lang: wiki_url(lang, title)},
        )

    # -- the rest of the interface --------------------------------------------------------------
    def holders_of(self, role: str, of: str, on: Any) -> list[Person]:
        return []  # answering needs a reverse query (SPARQL) this source does not make

    def role_names(self, role: str, of: str | None, lang: str) -> list[str]:
        return []
