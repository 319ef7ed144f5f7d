"""Checking many articles on one machine: worker processes, results in input order.

`check_all` checks (article, config) pairs and returns one `Result` per pair, in the order given,
whatever order the workers finish in, so that a report is the same with one job or eight;
`check_each` gives them one at a time, taking the pairs only a few chunks ahead of the workers, so
that a stream of articles is checked in bounded memory. Processes
are started only when there are enough articles to pay for them (`MIN_PARALLEL`); each worker has the
rules, the knowledge base, the language profiles and the language identifier loaded once: by the
parent before it forks them (shared, copy on write), or by its initializer where workers are
spawned. Knowledge sources that hold a connection (Wikipedia's SQLite cache) are opened afresh in
each worker: a connection must not cross a fork.
"""

from __future__ import annotations

import collections
import itertools
import multiprocessing
import os
import sys
from collections.abc import Callable, Iterable, Iterator, Sized
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import Any

from . import collector
from .article import Article, Notice
from .config import Config
from .engine import Result, check_article, default_registry

MIN_PARALLEL = 8  # fewer articles are checked in this process: starting workers would cost more
Task = tuple[Article, Config]

# Per process: rules and knowledge for each configuration seen (a worker, or the main process).
_rules: dict[tuple, list] = {}
_knowledge: dict[tuple, Any] = {}


def default_jobs() -> int:
    """The cores this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def check_all(
    tasks: Iterable[Task],
    *,
    jobs: int = 1,
    on_result: Callable[[Result], None] | None = None,
    worker_stats: dict[int, WorkerStats] | None = None,
    isolate: bool = True,
) -> list[Result]:
    """One result per task, in task order; `on_result` is called as each one is ready (in order).

    `worker_stats`, if given, is filled by pid with what each worker process used (none when the
    articles were checked in this process). With `isolate`, an article the engine fails on gets an
    error notice instead of its findings and the others are still checked; without it (--debug),
    the exception ends the run with its traceback.
    """
    results = []
    for result in check_each(tasks, jobs=jobs, worker_stats=worker_stats, isolate=isolate):
        results.append(result)
        if on_result is not None:
            on_result(result)
    return results


def check_each(
    tasks: Iterable[Task],
    *,
    jobs: int = 1,
    worker_stats: dict[int, WorkerStats] | None = None,
    isolate: bool = True,
) -> Iterator[Result]:
    """`check_all` one result at a time. Tasks are taken from `tasks` only as the workers need them
    (`WINDOW_PER_JOB` chunks per worker in the pool at once), so that a stream of articles is never
    all in memory: with one job, one article at a time.

    The chunk size grows with the number of tasks: `len(tasks)` if it has one; else chunks of one.
    """
    count = len(tasks) if isinstance(tasks, Sized) else None
    stream = iter(tasks)
    head = list(itertools.islice(stream, MIN_PARALLEL)) if jobs > 1 else []
    peeked = len(head)
    stream = itertools.chain(head, stream)
    del head  # the chain alone holds the first tasks: each is let go once taken
    if jobs <= 1 or peeked < MIN_PARALLEL:
        for n, (article, cfg) in enumerate(stream):
            yield _check(article, cfg, isolate)
            if n == 0:
                collector.settle()  # the first check has loaded what every other one reads
        return
    yield from _in_pool(stream, count or peeked, jobs, worker_stats, isolate)


WINDOW_PER_JOB = 4  # chunks in the pool per worker: enough to keep it busy while results come back


def _in_pool(
    tasks: Iterator[Task], count: int, jobs: int, worker_stats: dict[int, WorkerStats] | None, isolate: bool
) -> Iterator[Result]:
    jobs = min(jobs, count)
    # Small chunks keep the workers evenly busy; not too small, or pickling dominates.
    chunks = _chunks(tasks, max(1, min(16, count // (jobs * 8))))
    window = jobs * WINDOW_PER_JOB
    # What the checks need is loaded once, for the first window of tasks: a language or configuration
    # first met later is loaded by each worker that meets it.
    ahead = list(itertools.islice(chunks, window))
    first = [task for chunk in ahead for task in chunk]
    languages = sorted({cfg.language or (a.lang or "").split("-")[0].lower() for a, cfg in first} - {""})
    detect = any(not cfg.language and not a.lang for a, cfg in first)
    configs = list({_key(cfg): cfg for _, cfg in first}.values())
    chunks = itertools.chain(ahead, chunks)
    del first, ahead  # as above: only the chain holds them
    context = _context()
    if context.get_start_method() == "fork":
        _warm(configs, languages, detect)  # once, here: the workers share it until they write to it
    in_flight: collections.deque[tuple[list[Task], Future]] = collections.deque()
    unsent: list[Task] = []  # a chunk being submitted, in case the pool is found broken then
    try:
        with ProcessPoolExecutor(
            max_workers=jobs,
            mp_context=context,
            initializer=_init_worker,
            initargs=(configs, languages, detect, isolate),
        ) as pool:
            for chunk in chunks:
                unsent = chunk
                in_flight.append((chunk, pool.submit(_work_chunk, chunk)))
                unsent = []
                if len(in_flight) >= window:  # the next chunk is read only once the oldest is back
                    yield from _returned(in_flight, worker_stats)
            while in_flight:
                yield from _returned(in_flight, worker_stats)
    except BrokenProcessPool:
        # A worker died (killed for its memory, say): the articles it had not returned are checked
        # here, so that the run still reports on every one of them rather than on none.
        left = [c for c, _ in in_flight] + [unsent]
        for chunk in itertools.chain(left, chunks):
            for article, cfg in chunk:
                yield _check(article, cfg, isolate)


def _chunks(tasks: Iterable[Task], size: int) -> Iterator[list[Task]]:
    it = iter(tasks)
    while chunk := list(itertools.islice(it, size)):
        yield chunk


def _returned(
    in_flight: collections.deque[tuple[list[Task], Future]], worker_stats: dict[int, WorkerStats] | None
) -> list[Result]:
    """The results of the oldest chunk in flight, which then leaves it; raises BrokenProcessPool (the
    chunk still in flight) if a worker died."""
    returned = in_flight[0][1].result()
    in_flight.popleft()
    if worker_stats is not None:
        for _, stats in returned:
            worker_stats[stats.pid] = stats  # the latest: peaks and times only grow
    return [result for result, _ in returned]


def _context() -> Any:
    # fork starts a worker in milliseconds, with the parent's parsed data shared until written;
    # where there is no fork (Windows, macOS default), spawn.
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods and sys.platform != "darwin" else "spawn")


def _init_worker(configs: list[Config], languages: list[str], detect: bool, isolate: bool = True) -> None:
    global _isolate
    _isolate = isolate
    # Knowledge that holds a connection (Wikipedia's SQLite cache) must not be shared with the
    # parent across a fork: each worker opens its own. The embedded snapshot is plain data.
    for key in [k for k in _knowledge if k[0] != "embedded"]:
        del _knowledge[key]
    _warm(configs, languages, detect)
    collector.settle()


def _warm(configs: list[Config], languages: list[str], detect: bool) -> None:
    """Load what every check needs: rules, knowledge, language profiles, the language identifier."""
    from . import langid
    from .language import available_languages, load_profile

    default_registry()
    for cfg in configs:
        _rules_for(cfg)
        _knowledge_for(cfg)
    known = set(available_languages())
    for lang in languages:
        if lang in known:
            load_profile(lang)
    if detect:
        langid.detect("warm")


@dataclass(frozen=True)
class WorkerStats:
    pid: int
    peak_rss: int  # bytes, pages shared with the parent included (0 where unknown)
    cpu_seconds: float  # user + system
    articles: int


_done = 0  # articles this worker checked
_isolate = True  # set by the initializer: a worker checks as `check_all` was asked to


def _work(task: Task) -> tuple[Result, WorkerStats]:
    global _done
    article, cfg = task
    result = _check(article, cfg, _isolate)
    _done += 1
    return result, _stats()


def _work_chunk(chunk: list[Task]) -> list[tuple[Result, WorkerStats]]:
    return [_work(task) for task in chunk]


UNCHECKED = "not checked: "  # how the notice of an article the engine failed on starts


def _check(article: Article, cfg: Config, isolate: bool = True) -> Result:
    """One article's result; an exception outside the rules (which the engine already isolates)
    costs this article only, as an error notice, never the run's other results."""
    try:
        return check_article(article, cfg, rules=_rules_for(cfg), knowledge=_knowledge_for(cfg))
    except Exception as exc:
        if not isolate:
            raise
        message = f"{UNCHECKED}internal error: {type(exc).__name__}: {exc}"
        notice = Notice(article.source, "error", message[:500])
        return Result(article.source, article.lang or "und", notices=[*article.notices, notice],
                      text=article.text, masks=article.masks)


def _key(cfg: Config) -> tuple:
    return (cfg.select, cfg.ignore, cfg.knowledge, cfg.cache_dir, cfg.mediawiki_url, cfg.wikidata_url,
            cfg.user_agent, cfg.cache_ttl, cfg.offline)


def _rules_for(cfg: Config) -> list:
    key = (cfg.select, cfg.ignore)
    if key not in _rules:
        _rules[key] = default_registry().select(cfg.select, cfg.ignore)
    return _rules[key]


def _knowledge_for(cfg: Config) -> Any:
    if cfg.knowledge == "off":
        return None
    key = _key(cfg)[2:]
    if key not in _knowledge:
        from .knowledge.sources import build_knowledge

        _knowledge[key] = build_knowledge(cfg, offline=cfg.offline)
    return _knowledge[key]


def _stats() -> WorkerStats:
    """This process's peak resident memory (ru_maxrss: KiB on Linux, bytes on macOS) and CPU time."""
    try:
        import resource
    except ImportError:  # Windows
        times = os.times()
        return WorkerStats(os.getpid(), 0, times.user + times.system, _done)
    usage = resource.getrusage(resource.RUSAGE_SELF)
    peak = usage.ru_maxrss if sys.platform == "darwin" else usage.ru_maxrss * 1024
    return WorkerStats(os.getpid(), peak, usage.ru_utime + usage.ru_stime, _done)
