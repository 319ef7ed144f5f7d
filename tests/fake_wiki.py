"""A fake MediaWiki + Wikidata API on 127.0.0.1 for tests and the benchmark: no internet needed.

Responses are shaped like the real APIs' (checked against the API documentation and the answers
wikipedia-api 0.16 parses): `action=query` in formatversion 1 (pages keyed by page id, "-1" for a
missing page, langlinks under "*") or 2 (lists, booleans), `list=search` with `searchinfo`, and
`action=wbgetentities` with labels, aliases, sitelinks and claims (P31, P21, P39 with P580/P582
qualifiers, P279, P1001) filtered by `languages`, `sitefilter` and `props`. Errors come as the real
ones do: HTTP 200 with `{"error": ...}` and a `MediaWiki-API-Error` header.

Every request is logged (`server.log`, `server.hits`); `server.faults` injects failures, `latency`
slows every answer. The QIDs of people and positions here are made up (Q99xxxxx), except a few
classes and countries that newslint's data/positions.toml maps; the test position table maps the
made-up positions.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, quote, urlsplit

# ---------------------------------------------------------------------------------------------------
# The data: a dozen people of the seed article, plus a few test-only officials
# ---------------------------------------------------------------------------------------------------

# Made-up position items; TEST_POSITIONS maps most of them as data/positions.toml would.
POS_KREMLIN_PRESS = "Q99100001"
POS_RU_FOREIGN = "Q99100002"  # mapped through its class (Q7330070 "foreign minister", a real class)
POS_RU_DEPUTY_PM = "Q99100003"
POS_RU_DEPUTY_HEAD_ADMIN = "Q99100004"  # not in the table: mapped by its English label
POS_RU_DEPUTY_FOREIGN = "Q99100005"
POS_RU_NATO_ENVOY = "Q99100006"
POS_DUMA_CHAIR = "Q99100007"
POS_US_DEPUTY_STATE = "Q99100008"
POS_PENTAGON_PRESS = "Q99100009"
POS_NSC_COORDINATOR = "Q99100010"  # label matches nothing: ignored
POS_US_AMBASSADOR = "Q99100011"
POS_NATO_SG = "Q99100012"
POS_US_PRESIDENT = "Q11696"  # real: in data/positions.toml
POS_US_VP = "Q11699"  # real: in data/positions.toml
POS_CN_PRESIDENT = "Q99100013"
POS_FR_PRESIDENT = "Q191954"  # real: in data/positions.toml
POS_DE_CHANCELLOR = "Q99100014"
POS_UA_HEAD_ADMIN = "Q99100015"
POS_MEMBER_DUMA = "Q99100016"  # maps to nothing
POS_NO_FINANCE = "Q99100017"
POS_RU_ENERGY = "Q99100018"
POS_RU_FINANCE = "Q99100019"

TEST_POSITIONS: dict[str, tuple[str, str]] = {
    POS_KREMLIN_PRESS: ("press-secretary", "RU"),
    POS_RU_DEPUTY_PM: ("deputy-prime-minister", "RU"),
    POS_RU_DEPUTY_FOREIGN: ("deputy-foreign-minister", "RU"),
    POS_RU_NATO_ENVOY: ("ambassador", "RU"),
    POS_DUMA_CHAIR: ("speaker-lower-house", "RU"),
    POS_US_DEPUTY_STATE: ("deputy-foreign-minister", "US"),
    POS_PENTAGON_PRESS: ("defence-ministry-spokesperson", "US"),
    POS_US_AMBASSADOR: ("ambassador", "US"),
    POS_NATO_SG: ("secretary-general", "NATO"),
    POS_CN_PRESIDENT: ("president", "CN"),
    POS_DE_CHANCELLOR: ("prime-minister", "DE"),
    POS_UA_HEAD_ADMIN: ("chief-of-staff", "UA"),
    POS_NO_FINANCE: ("finance-minister", "NO"),
    POS_RU_ENERGY: ("energy-minister", "RU"),
}

POSITION_ITEMS: dict[str, dict[str, Any]] = {
    POS_RU_FOREIGN: {"en": "Minister of Foreign Affairs of Russia", "P279": ["Q7330070"], "P1001": ["Q159"]},
    POS_RU_DEPUTY_HEAD_ADMIN: {
        "en": "Deputy Head of the Presidential Administration of Russia",
        "P279": ["Q99199999"],
        "P1001": ["Q159"],
    },
    POS_NSC_COORDINATOR: {"en": "Coordinator for Strategic Communications", "P1001": ["Q30"]},
    POS_MEMBER_DUMA: {"en": "member of the State Duma", "P1001": ["Q159"]},
    POS_RU_FINANCE: {"en": "Minister of Finance of Russia", "mul": None, "P17": ["Q159"]},
}


@dataclass
class Person:
    qid: str
    titles: dict[str, str]  # wiki language -> page title
    labels: dict[str, str]  # language (incl. "mul") -> label
    gender: str | None = None  # "m" / "f"
    positions: list[tuple[str, str | None, str | None]] = field(default_factory=list)  # (position, start, end)
    aliases: dict[str, list[str]] = field(default_factory=dict)
    intro: str = ""
    human: bool = True


SEED_PEOPLE = [
    Person(
        "Q99000001",
        {"fr": "Dmitri Peskov", "en": "Dmitry Peskov", "de": "Dmitri Sergejewitsch Peskow"},
        {"fr": "Dmitri Peskov", "en": "Dmitry Peskov"},
        "m",
        [(POS_KREMLIN_PRESS, "2012-05-22", None), (POS_MEMBER_DUMA, "1990", "1991")],
        {"en": ["Dmitry Sergeyevich Peskov"]},
        "Dmitri Sergueïevitch Peskov, né le 17 octobre 1967 à Moscou, est un diplomate russe.",
    ),
    Person(
        "Q99000002",
        {"fr": "Sergueï Lavrov", "en": "Sergey Lavrov"},
        {"fr": "Sergueï Lavrov", "en": "Sergey Lavrov"},
        "m",
        [(POS_RU_FOREIGN, "2004-03-09", None)],
        {"en": ["Sergei Lavrov"]},
        "Sergueï Viktorovitch Lavrov est un diplomate et homme politique russe.",
    ),
    Person(
        "Q99000003",
        {"fr": "Dmitri Kozak", "en": "Dmitry Kozak"},
        {"fr": "Dmitri Kozak", "en": "Dmitry Kozak"},
        "m",
        [(POS_RU_DEPUTY_PM, "2008-10-14", "2020-01-21"), (POS_RU_DEPUTY_HEAD_ADMIN, "2020-01-24", "2024-09")],
        {},
        "Dmitri Nikolaïevitch Kozak est un homme politique russe.",
    ),
    Person(
        "Q99000004",
        {"fr": "Alexandre Grouchko", "en": "Alexander Grushko"},
        {"fr": "Alexandre Grouchko", "en": "Alexander Grushko"},
        "m",
        [(POS_RU_NATO_ENVOY, "2012", "2018-01"), (POS_RU_DEPUTY_FOREIGN, "2018-01-22", None)],
    ),
    Person(
        "Q99000005",
        {"fr": "Viatcheslav Volodine", "en": "Vyacheslav Volodin"},
        {"fr": "Viatcheslav Volodine", "en": "Vyacheslav Volodin"},
        "m",
        [(POS_DUMA_CHAIR, "2016-10-05", None)],
    ),
    Person(
        "Q99000006",
        {"fr": "Wendy Sherman", "en": "Wendy Sherman"},
        {"en": "Wendy Sherman"},
        "f",
        [(POS_US_DEPUTY_STATE, "2021-04-14", "2023-07-28")],
    ),
    Person(
        "Q99000007",
        {"fr": "John Kirby (amiral)", "en": "John Kirby (admiral)"},
        {"fr": "John Kirby", "en": "John Kirby"},
        "m",
        [(POS_PENTAGON_PRESS, "2021-01-20", "2022-05-27"), (POS_NSC_COORDINATOR, "2022-05-16", "2025-01-20")],
    ),
    Person(
        "Q99000008",
        {"en": "Kristina Kvien"},  # no French page: found through English Wikipedia
        {"en": "Kristina Kvien"},
        "f",
        [(POS_US_AMBASSADOR, "2020-01-02", "2022-05-29")],
    ),
    Person(
        "Q99000009",
        {"fr": "John J. Sullivan", "en": "John J. Sullivan (diplomat)"},
        {"en": "John J. Sullivan"},
        "m",
        [(POS_US_AMBASSADOR, "2020-02-05", "2022-09-04")],
    ),
    Person(
        "Q99000010",
        {"fr": "Jens Stoltenberg", "en": "Jens Stoltenberg"},
        {"mul": "Jens Stoltenberg"},  # names under `mul` only, as many items now have them
        "m",
        [(POS_NATO_SG, "2014-10-01", "2024-10-01"), (POS_NO_FINANCE, "2025-02-04", None)],
    ),
    Person(
        "Q99000011",
        {"fr": "Joe Biden", "en": "Joe Biden"},
        {"mul": "Joe Biden"},
        "m",
        [(POS_US_VP, "2009-01-20", "2017-01-20"), (POS_US_PRESIDENT, "2021-01-20", "2025-01-20")],
    ),
    Person(
        "Q99000012",
        {"fr": "Xi Jinping", "en": "Xi Jinping"},
        {"mul": "Xi Jinping"},
        "m",
        [(POS_CN_PRESIDENT, "2013-03-14", None)],
    ),
    Person(
        "Q99000013",
        {"fr": "Vladimir Poutine", "en": "Vladimir Putin"},
        {"fr": "Vladimir Poutine", "en": "Vladimir Putin"},
        "m",
        [("Q218295", "2012-05-07", None)],
    ),
    Person(
        "Q99000014",
        {"fr": "Emmanuel Macron", "en": "Emmanuel Macron"},
        {"mul": "Emmanuel Macron"},
        "m",
        [(POS_FR_PRESIDENT, "2017-05-14", None)],
    ),
    Person(
        "Q99000015",
        {"fr": "Olaf Scholz", "en": "Olaf Scholz"},
        {"mul": "Olaf Scholz"},
        "m",
        [(POS_DE_CHANCELLOR, "2021-12-08", "2025-05-06")],
    ),
    Person(
        "Q99000016",
        {"fr": "Andriy Iermak", "en": "Andriy Yermak"},
        {"fr": "Andriy Iermak", "en": "Andriy Yermak"},
        "m",
        [(POS_UA_HEAD_ADMIN, "2020-02-11", "2025-11-28")],
    ),
    Person(
        "Q99000017",
        {"fr": "Antony Blinken", "en": "Antony Blinken"},
        {"mul": "Antony Blinken"},
        "m",
        [],
    ),
]

# People the embedded snapshot does not know: Wikipedia fills the gap.
EXTRA_PEOPLE = [
    Person(
        "Q99000101",
        {"fr": "Boris Testovitch", "en": "Boris Testovich"},
        {"fr": "Boris Testovitch", "en": "Boris Testovich"},
        "m",
        [(POS_RU_ENERGY, "2015-03-01", "2019-06-30")],
        {},
        "Boris Testovitch est un homme politique russe, ministre de l'Énergie de 2015 à 2019.",
    ),
    Person(
        "Q99000102",
        {"fr": "Irina Fictiva", "en": "Irina Fictiva"},
        {"mul": "Irina Fictiva"},
        "f",
        [(POS_RU_FINANCE, "2019-01-01", None)],
    ),
    Person("Q99000103", {"fr": "Kremlin de Moscou", "en": "Moscow Kremlin"}, {"en": "Moscow Kremlin"}, human=False),
]

REDIRECTS = {
    "fr": {
        "Dmitry Peskov": "Dmitri Peskov",
        "Sergey Lavrov": "Sergueï Lavrov",
        "Dmitry Kozak": "Dmitri Kozak",
        "Alexander Grushko": "Alexandre Grouchko",
        "Vyacheslav Volodin": "Viatcheslav Volodine",
        "John Sullivan (diplomate)": "John J. Sullivan",
        "Boris Testovich": "Boris Testovitch",
        "Andriy Yermak": "Andriy Iermak",
    },
    "en": {
        "Dmitri Peskov": "Dmitry Peskov",
        "Dmitri Kozak": "Dmitry Kozak",
        "Sergei Lavrov": "Sergey Lavrov",
        "John Kirby": "John Kirby (admiral)",
    },
}
DISAMBIGUATION = {
    "fr": {"John Kirby": "John Kirby peut désigner :", "John Sullivan": "John Sullivan peut désigner :"},
    "en": {"John Sullivan": "John Sullivan may refer to:"},
}
SEARCH = {  # (lang, query) -> (suggestion, titles)
    ("fr", "ce jinping"): ("xi jinping", ["Xi Jinping", "Pensée de Xi Jinping", "Jinping (homonymie)"]),
    ("fr", "jean kirby"): ("john kirby", ["John Kirby (amiral)", "Jean Kirby (footballeur)"]),
    ("fr", "john kirby"): (None, ["John Kirby (amiral)", "John Kirby (écrivain)"]),
}


def _pageid(lang: str, title: str) -> int:
    return int(hashlib.sha1(f"{lang}:{title}".encode()).hexdigest()[:7], 16) + 10


def canonical_url(lang: str, title: str) -> str:
    return f"https://{lang}.wikipedia.org/wiki/{quote(title.replace(' ', '_'), safe='()_,:')}"


def normalise_title(title: str) -> str:
    title = " ".join(title.replace("_", " ").split())
    return title[:1].upper() + title[1:]


def _time(date: str) -> dict[str, Any]:
    parts = date.split("-")
    precision = {1: 9, 2: 10, 3: 11}[len(parts)]
    full = [*parts, "00", "00"][:3]
    return {
        "time": f"+{full[0]}-{full[1]}-{full[2]}T00:00:00Z",
        "timezone": 0,
        "before": 0,
        "after": 0,
        "precision": precision,
        "calendarmodel": "http://www.wikidata.org/entity/Q1985727",
    }


def _item_snak(prop: str, qid: str) -> dict[str, Any]:
    return {
        "snaktype": "value",
        "property": prop,
        "datatype": "wikibase-item",
        "datavalue": {
            "type": "wikibase-entityid",
            "value": {"entity-type": "item", "numeric-id": int(qid[1:]), "id": qid},
        },
    }


def _statement(subject: str, prop: str, qid: str, qualifiers: dict[str, list] | None = None) -> dict[str, Any]:
    st: dict[str, Any] = {
        "mainsnak": _item_snak(prop, qid),
        "type": "statement",
        "id": f"{subject}${hashlib.md5(f'{prop}{qid}{qualifiers}'.encode()).hexdigest()}",
        "rank": "normal",
        "references": [],
    }
    if qualifiers:
        st["qualifiers"] = qualifiers
        st["qualifiers-order"] = list(qualifiers)
    return st


def _time_qualifier(prop: str, date: str) -> dict[str, Any]:
    value = {"type": "time", "value": _time(date)}
    return {"snaktype": "value", "property": prop, "datatype": "time", "datavalue": value}


class FakeWiki:
    """The API logic, independent of HTTP (see FakeWikiServer)."""

    def __init__(self, people: list[Person] | None = None, generated: bool = False) -> None:
        self.people: dict[str, Person] = {}
        self.pages: dict[str, dict[str, Person | None]] = {}  # lang -> title -> person (None: a non-person page)
        self.redirects = {lang: dict(r) for lang, r in REDIRECTS.items()}
        self.disambiguation = {lang: dict(d) for lang, d in DISAMBIGUATION.items()}
        self.search = dict(SEARCH)
        self.generated = generated  # bench: any "Given Surname-N" title is a made-up official
        for p in people if people is not None else [*SEED_PEOPLE, *EXTRA_PEOPLE]:
            self.add(p)

    def add(self, p: Person) -> None:
        self.people[p.qid] = p
        for lang, title in p.titles.items():
            self.pages.setdefault(lang, {})[title] = p

    def _generated(self, lang: str, title: str) -> Person | None:
        """For the benchmark: "Olga Benchova-17" exists in every language, holding a made-up office."""
        import re

        m = re.fullmatch(r"([A-Z][a-z]+) ([A-Z][a-z]+)-(\d+)", title)
        if not (self.generated and m):
            return None
        qid = f"Q98{int(hashlib.sha1(title.encode()).hexdigest()[:8], 16) % 10**7:07d}"
        if qid not in self.people:
            self.add(Person(qid, {"fr": title, "en": title, "de": title}, {"mul": title}, "f",
                            [(POS_RU_DEPUTY_PM, "2010-01-01", "2012-01-01"), (POS_RU_ENERGY, "2020", None)]))
        return self.people[qid]

    def person_on(self, lang: str, title: str) -> Person | None:
        return self.pages.get(lang, {}).get(title) or self._generated(lang, title)

    # -- MediaWiki ------------------------------------------------------------------------------
    def query(self, lang: str, params: dict[str, str]) -> dict[str, Any]:
        fv2 = params.get("formatversion") == "2"
        out: dict[str, Any] = {"batchcomplete": True if fv2 else ""}
        query: dict[str, Any] = {}
        if params.get("list") == "search":
            query.update(self._search(lang, params))
        if "titles" in params:
            query.update(self._titles(lang, params, fv2))
        out["query"] = query
        return out

    def _titles(self, lang: str, params: dict[str, str], fv2: bool) -> dict[str, Any]:
        normalized, redirects, pages = [], [], {}
        for raw in params["titles"].split("|"):
            title = normalise_title(raw)
            if title != raw:
                hop = {"from": raw, "to": title}
                normalized.append({"fromencoded": False, **hop} if fv2 else hop)
            target = title
            if "redirects" in params and title in self.redirects.get(lang, {}):
                target = self.redirects[lang][title]
                redirects.append({"from": title, "to": target})
            pages[target] = self._page(lang, target, params, fv2)
        query: dict[str, Any] = {}
        if normalized:
            query["normalized"] = normalized
        if redirects:
            query["redirects"] = redirects
        if fv2:
            query["pages"] = list(pages.values())
        else:
            keyed, missing = {}, 0
            for page in pages.values():
                if "pageid" in page:
                    keyed[str(page["pageid"])] = page
                else:
                    missing += 1
                    keyed[str(-missing)] = page
            query["pages"] = keyed
        return query

    def _page(self, lang: str, title: str, params: dict[str, str], fv2: bool) -> dict[str, Any]:
        person = self.person_on(lang, title)
        disamb = title in self.disambiguation.get(lang, {})
        if person is None and not disamb:
            return {"ns": 0, "title": title, "missing": True if fv2 else ""}
        page: dict[str, Any] = {"pageid": _pageid(lang, title), "ns": 0, "title": title}
        props = params.get("prop", "").split("|")
        if "pageprops" in props:
            wanted = params.get("ppprop", "").split("|") if params.get("ppprop") else None
            pp: dict[str, str] = {}
            if person is not None and (wanted is None or "wikibase_item" in wanted):
                pp["wikibase_item"] = person.qid
            if disamb and (wanted is None or "disambiguation" in wanted):
                pp["disambiguation"] = ""
            if pp:
                page["pageprops"] = pp
        if "info" in props:
            page.update({
                "contentmodel": "wikitext",
                "pagelanguage": lang,
                "pagelanguagehtmlcode": lang,
                "pagelanguagedir": "ltr",
                "touched": "2024-01-01T00:00:00Z",
                "lastrevid": _pageid(lang, title) * 7,
                "length": 12345,
            })
            if "url" in params.get("inprop", ""):
                url = canonical_url(lang, title)
                page.update({"fullurl": url, "editurl": f"{url}?action=edit", "canonicalurl": url})
        if "extracts" in props:
            text = self.disambiguation.get(lang, {}).get(title) or (person.intro if person else "")
            if not params.get("exintro"):
                text += "\n\n== Biographie ==\nLe reste de l'article."
            page["extract"] = text
        if "langlinks" in props and person is not None:
            links = [(code, t) for code, t in sorted(person.titles.items()) if code != lang]
            if params.get("lllang"):
                links = [(code, t) for code, t in links if code == params["lllang"]]
            page["langlinks"] = [
                {"lang": code, "url": canonical_url(code, t), ("title" if fv2 else "*"): t} for code, t in links
            ]
        return page

    def _search(self, lang: str, params: dict[str, str]) -> dict[str, Any]:
        q = params.get("srsearch", "")
        limit = int(params.get("srlimit", 10))
        found = self.search.get((lang, " ".join(q.casefold().split())))
        if found:
            suggestion, titles = found
        else:
            words = [w for w in q.casefold().split() if len(w) > 2]
            titles = [t for t in self.pages.get(lang, {}) if any(w in t.casefold() for w in words)]
            suggestion = None
        info: dict[str, Any] = {"totalhits": len(titles)}
        if suggestion:
            info.update({"suggestion": suggestion, "suggestionsnippet": suggestion})
        return {
            "searchinfo": info,
            "search": [
                {
                    "ns": 0,
                    "title": t,
                    "pageid": _pageid(lang, t),
                    "size": 4000,
                    "wordcount": 600,
                    "snippet": f"<span class=\"searchmatch\">{t}</span> ...",
                    "timestamp": "2024-01-01T00:00:00Z",
                }
                for t in titles[:limit]
            ],
        }

    # -- Wikidata -------------------------------------------------------------------------------
    def wbgetentities(self, params: dict[str, str]) -> dict[str, Any]:
        languages = set(params["languages"].split("|")) if params.get("languages") else None
        sitefilter = set(params["sitefilter"].split("|")) if params.get("sitefilter") else None
        props = set(params.get("props", "info|sitelinks|aliases|labels|descriptions|claims|datatype").split("|"))
        entities: dict[str, Any] = {}
        for qid in params["ids"].split("|") if params.get("ids") else []:
            entities[qid] = self._entity(qid, props, languages, sitefilter)
        if params.get("sites") and params.get("titles"):
            site = params["sites"]
            lang = site.removesuffix("wiki")
            missing = 0
            for raw in params["titles"].split("|"):
                title = normalise_title(raw)
                person = self.person_on(lang, title)
                if person is None:
                    missing += 1
                    entities[str(-missing)] = {"site": site, "title": title, "missing": ""}
                else:
                    entities[person.qid] = self._entity(person.qid, props, languages, sitefilter)
        return {"entities": entities, "success": 1}

    def _entity(self, qid: str, props: set[str], languages: set[str] | None, sites: set[str] | None) -> dict[str, Any]:
        person = self.people.get(qid)
        position = POSITION_ITEMS.get(qid)
        if person is None and position is None:
            return {"id": qid, "missing": ""}
        ent: dict[str, Any] = {"type": "item", "id": qid, "pageid": int(qid[1:]), "ns": 0, "title": qid}
        keep = (lambda code: True) if languages is None else (lambda code: code in languages)
        if position is not None:
            labels = {k: v for k, v in position.items() if not k.startswith("P") and v}
            claims = {
                prop: [_statement(qid, prop, value) for value in values]
                for prop, values in position.items()
                if prop.startswith("P")
            }
            claims.setdefault("P31", [_statement(qid, "P31", "Q4164871")])
            aliases: dict[str, list[str]] = {}
            sitelinks: dict[str, str] = {}
        else:
            labels, aliases = dict(person.labels), person.aliases
            claims = {"P31": [_statement(qid, "P31", "Q5" if person.human else "Q4989906")]}
            if person.gender:
                claims["P21"] = [_statement(qid, "P21", {"m": "Q6581097", "f": "Q6581072"}[person.gender])]
            held = []
            for pos, start, end in person.positions:
                quals: dict[str, list] = {}
                if start:
                    quals["P580"] = [_time_qualifier("P580", start)]
                if end:
                    quals["P582"] = [_time_qualifier("P582", end)]
                held.append(_statement(qid, "P39", pos, quals))
            if held:
                claims["P39"] = held
            sitelinks = {f"{code}wiki": t for code, t in person.titles.items()}
        if "labels" in props:
            ent["labels"] = {k: {"language": k, "value": v} for k, v in labels.items() if keep(k)}
        if "aliases" in props:
            ent["aliases"] = {
                k: [{"language": k, "value": a} for a in vs] for k, vs in aliases.items() if keep(k)
            }
        if "descriptions" in props:
            ent["descriptions"] = {}
        if "claims" in props:
            ent["claims"] = claims
        if "sitelinks" in props or "sitelinks/urls" in props:
            links = {}
            for site, title in sitelinks.items():
                if sites is not None and site not in sites:
                    continue
                link: dict[str, Any] = {"site": site, "title": title, "badges": []}
                if "sitelinks/urls" in props:
                    link["url"] = canonical_url(site.removesuffix("wiki"), title)
                links[site] = link
            ent["sitelinks"] = links
        return ent


# ---------------------------------------------------------------------------------------------------
# HTTP
# ---------------------------------------------------------------------------------------------------
@dataclass
class Fault:
    """Applied to the requests it matches (all when `when` is None), `times` times (None: always)."""

    kind: str  # "status", "sleep", "body", "api-error"
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""
    delay: float = 0.0
    code: str = "maxlag"
    times: int | None = None
    when: Callable[[str, dict[str, str]], bool] | None = None


class FakeWikiServer:
    def __init__(self, wiki: FakeWiki | None = None, latency: float = 0.0) -> None:
        self.wiki = wiki or FakeWiki()
        self.latency = latency
        self.faults: list[Fault] = []
        self.log: list[tuple[str, dict[str, str], dict[str, str]]] = []
        self._lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            disable_nagle_algorithm = True  # headers and body go in separate writes: no 40 ms delayed-ACK stalls

            def do_GET(self) -> None:
                parts = urlsplit(self.path)
                site = parts.path.strip("/").split("/")[0]
                params = dict(parse_qsl(parts.query, keep_blank_values=True))
                status, headers, body = server.respond(site, params, dict(self.headers))
                try:
                    self.send_response(status)
                    for k, v in headers.items():
                        self.send_header(k, v)
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass

            def log_message(self, *args: Any) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        # serve_forever checks for shutdown every poll_interval (0.5 s by default): that wait was a
        # quarter of the suite's time, for 28 servers stopped.
        self._thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.01}, daemon=True)

    @property
    def mediawiki_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/{{lang}}/w/api.php"

    @property
    def wikidata_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/wikidata/w/api.php"

    @property
    def hits(self) -> int:
        return len(self.log)

    def requests_to(self, site: str) -> list[dict[str, str]]:
        return [params for s, params, _ in self.log if s == site]

    def start(self) -> FakeWikiServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def respond(self, site: str, params: dict[str, str], headers: dict[str, str]) -> tuple[int, dict[str, str], bytes]:
        with self._lock:
            self.log.append((site, params, headers))
            fault = None
            for f in self.faults:
                if (f.times is None or f.times > 0) and (f.when is None or f.when(site, params)):
                    if f.times is not None:
                        f.times -= 1
                    fault = f
                    break
        if self.latency:
            time.sleep(self.latency)
        if fault is not None:
            if fault.kind == "sleep":
                time.sleep(fault.delay)
            elif fault.kind == "status":
                return fault.status, {"Content-Type": "text/html", **fault.headers}, fault.body or b"<html>error</html>"
            elif fault.kind == "body":
                return 200, {"Content-Type": "application/json; charset=utf-8"}, fault.body
            elif fault.kind == "api-error":
                error = {"code": fault.code, "info": f"Waiting for db1234: 7 seconds lagged ({fault.code})"}
                if fault.code == "maxlag":
                    error.update({"host": "db1234", "lag": 7, "type": "db"})
                body = json.dumps({"error": error, "servedby": "mw1234"}).encode()
                hdrs = {"Content-Type": "application/json; charset=utf-8", "MediaWiki-API-Error": fault.code}
                hdrs.update(fault.headers)
                return 200, hdrs, body
        try:
            data = self._answer(site, params)
        except KeyError as exc:
            data = {"error": {"code": "badvalue", "info": f"missing parameter {exc}"}}
            body = json.dumps(data).encode()
            return 200, {"Content-Type": "application/json", "MediaWiki-API-Error": "badvalue"}, body
        return 200, {"Content-Type": "application/json; charset=utf-8"}, json.dumps(data).encode()

    def _answer(self, site: str, params: dict[str, str]) -> dict[str, Any]:
        action = params.get("action")
        if site == "wikidata" and action == "wbgetentities":
            return self.wiki.wbgetentities(params)
        if site != "wikidata" and action == "query":
            return self.wiki.query(site, params)
        raise KeyError("action")


def seed_date() -> dt.date:
    return dt.date(2022, 1, 26)
