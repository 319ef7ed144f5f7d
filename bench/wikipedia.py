"""Benchmark (run by hand, not a test): the online knowledge layer, cold cache vs warm cache.

    .venv/bin/python bench/wikipedia.py [--articles 100] [--latency 0.05] [--workers 3]

100 French articles, each naming 8 officials nobody else names (800 people the embedded snapshot
does not know), are checked with `knowledge = wikipedia` against the fake MediaWiki + Wikidata
server of tests/fake_wiki.py answering every request after `--latency` seconds. The cold run starts
with an empty cache; the warm run is a new process-like instance (empty memory) on the filled cache.
Articles are checked `--workers` at a time; the online layer itself never has more than 3 requests
in flight. Target: cold < 3 x warm + 2 s.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from fake_wiki import POS_RU_DEPUTY_PM, POS_RU_ENERGY, TEST_POSITIONS, FakeWiki, FakeWikiServer, Person

from lint import Article, Config, check_article
from lint.engine import default_registry
from lint.knowledge import Knowledge, embedded
from lint.knowledge.wikipedia import WikipediaKnowledge

GIVEN = ["Olga", "Boris", "Irina", "Pavel", "Nadia", "Oleg", "Vera", "Igor", "Lidia", "Yuri"]
SURNAMES = [
    "Bench",
    "Cachov",
    "Testov",
    "Latenk",
    "Fakhin",
    "Probin",
    "Mockov",
    "Stubin",
    "Dummov",
    "Sampl",
    "Timov",
    "Warmin",
    "Coldov",
    "Hitkov",
    "Missin",
    "Batchev",
    "Quovin",
    "Ratkin",
    "Pacov",
    "Loadin",
]
TEMPLATE = (
    "Le vice-Premier ministre russe {0} a rencontré mardi le ministre russe de l'Énergie {1}. "
    "« Les discussions ont été utiles », a déclaré {0} aux journalistes.\n\n"
    "Selon le ministre russe de l'Énergie {2}, un accord serait possible. Le vice-Premier ministre russe {3} "
    "a ajouté que les négociations reprendraient lundi.\n\n"
    "Le ministre russe de l'Énergie {4} et le vice-Premier ministre russe {5} se sont ensuite exprimés, "
    "tout comme le ministre russe de l'Énergie {6} et le vice-Premier ministre russe {7}.\n"
)


def people(n_articles: int) -> list[list[str]]:
    names = [f"{g} {s}{suffix}" for suffix in ("a", "ova", "ski", "enko") for s in SURNAMES for g in GIVEN]
    if len(names) < 8 * n_articles:
        raise SystemExit(f"at most {len(names) // 8} articles")
    return [names[8 * i : 8 * i + 8] for i in range(n_articles)]


def knowledge(server: FakeWikiServer, cache_dir: str) -> Knowledge:
    cfg = Config(
        knowledge="wikipedia",
        user_agent="newslint-bench/0.1 (https://example.org/newslint)",
        mediawiki_url=server.mediawiki_url,
        wikidata_url=server.wikidata_url,
        cache_dir=cache_dir,
    )
    base = embedded.load(cache_dir)
    online = WikipediaKnowledge.from_config(cfg, roles=base.roles, positions=TEST_POSITIONS)
    return Knowledge([base, online])


def run(articles: list[Article], kb: Knowledge, workers: int) -> tuple[float, int]:
    cfg = Config(knowledge="wikipedia")
    start = time.perf_counter()
    with ThreadPoolExecutor(max_workers=workers) as pool:
        results = list(pool.map(lambda a: check_article(a, cfg, knowledge=kb), articles))
    elapsed = time.perf_counter() - start
    flagged = sum(1 for r in results for f in r.findings if f.category == "role-factual")
    return elapsed, flagged


def lookups(groups: list[list[str]], kb: Knowledge, workers: int, *, across: bool = False) -> float:
    """The online layer alone: each article's batch lookup then its names one by one, or (`across`)
    one batch for the names of all the articles first, as a driver of many articles can do."""

    def one(names: list[str]) -> None:
        kb.prefetch(names, "fr")
        assert all(kb.find_person(n, "fr") is not None for n in names)

    start = time.perf_counter()
    if across:
        kb.prefetch([n for group in groups for n in group], "fr")
    with ThreadPoolExecutor(max_workers=workers) as pool:
        list(pool.map(one, groups))
    return time.perf_counter() - start


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=100)
    ap.add_argument("--latency", type=float, default=0.05)
    ap.add_argument("--workers", type=int, default=3)
    args = ap.parse_args()

    groups = people(args.articles)
    wiki = FakeWiki(people=[])
    for i, name in enumerate(n for group in groups for n in group):
        wiki.add(
            Person(
                f"Q97{i:06d}",
                {"fr": name, "en": name},
                {"mul": name},
                "f" if name.split()[0] in ("Olga", "Irina", "Nadia", "Vera", "Lidia") else "m",
                [(POS_RU_DEPUTY_PM, "2010-01-01", "2012-01-01"), (POS_RU_ENERGY, "2020", None)],
            )
        )
    articles = [
        Article(text=TEMPLATE.format(*group), source=f"bench-{i:03d}.txt", lang="fr", published=dt.date(2022, 1, 26))
        for i, group in enumerate(groups)
    ]
    default_registry()  # rules loaded once, outside the timings
    server = FakeWikiServer(wiki, latency=args.latency).start()
    try:
        with tempfile.TemporaryDirectory() as cache_dir:
            run(articles[:1], Knowledge([embedded.load(cache_dir)]), 1)  # warm the language data
            cold_kb = knowledge(server, cache_dir)
            cold, flagged = run(articles, cold_kb, args.workers)
            cold_requests = server.hits
            warm_kb = knowledge(server, cache_dir)
            warm, flagged_warm = run(articles, warm_kb, args.workers)
            warm_requests = server.hits - cold_requests
        lookup_rows = []
        for across in (False, True):
            with tempfile.TemporaryDirectory() as cache_dir:
                hits = server.hits
                cold_lookups = lookups(groups, knowledge(server, cache_dir), args.workers, across=across)
                requests = server.hits - hits
                warm_lookups = lookups(groups, knowledge(server, cache_dir), args.workers, across=across)
                lookup_rows.append((across, cold_lookups, requests, warm_lookups))
    finally:
        server.stop()
    distinct = 8 * args.articles
    budget = args.articles * 3
    target = 3 * warm + 2
    print(f"articles: {args.articles}, people: {distinct}, latency: {args.latency * 1000:.0f} ms,", end=" ")
    print(f"workers: {args.workers}")
    print(f"cold cache, all rules:      {cold:6.2f} s  {cold_requests} requests (budget {budget}),", end=" ")
    print(f"{flagged} role findings")
    print(f"warm cache, all rules:      {warm:6.2f} s  {warm_requests} requests, {flagged_warm} role findings")
    print(f"target cold < 3 x warm + 2 s = {target:.2f} s: {'met' if cold < target else 'NOT met'}")
    for across, cold_lookups, requests, warm_lookups in lookup_rows:
        how = "one batch for all articles" if across else "a batch per article"
        print(
            f"lookups alone, {how}: cold {cold_lookups:.2f} s ({requests} requests), warm {warm_lookups:.2f} s;"
            f" target {3 * warm_lookups + 2:.2f} s: {'met' if cold_lookups < 3 * warm_lookups + 2 else 'NOT met'}"
        )


if __name__ == "__main__":
    main()
