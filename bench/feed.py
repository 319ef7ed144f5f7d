"""Benchmark: a 1,000-item feed checked with the embedded knowledge base and two worker processes.

Run by hand (it is no unit test):

    .venv/bin/python bench/feed.py [--items 1000] [--jobs 2] [--keep]

The feed is built from the project's own article texts (tests/data/clean/*.txt, examples/), each
item a paragraph-wrapped HTML body in content:encoded with its language and a date. The check runs
twice: through the Python API, which also reports each worker's peak memory (getrusage in the
worker), and through the command line (`newslint check FEED --jobs N`), the wall time a user sees.
Target: under 20 s of wall time for 1,000 items on 2 cores.
"""

from __future__ import annotations

import argparse
import html
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGET_SECONDS = 20.0


def texts() -> list[tuple[str, str]]:
    """(language, text) of every article text the project ships."""
    out = []
    for path in sorted((ROOT / "tests" / "data" / "clean").glob("*.txt")):
        out.append((path.name[:2], path.read_text(encoding="utf-8")))
    out.append(("fr", (ROOT / "examples" / "article-fr.txt").read_text(encoding="utf-8")))
    return out


def build_feed(n: int) -> str:
    sources = texts()
    items = []
    for i in range(n):
        lang, text = sources[i % len(sources)]
        paragraphs = [p.strip() for p in text.split("\n\n") if p.strip()]
        body = "\n".join(f"<p>{html.escape(p, quote=False)}</p>" for p in paragraphs)
        day = 1 + i % 28
        items.append(
            f'<item><title>Article {i}</title><guid isPermaLink="false">urn:bench:{i}</guid>'
            f"<pubDate>{day:02} Jan 2022 12:00:00 +0000</pubDate><dc:language>{lang}</dc:language>"
            f"<content:encoded><![CDATA[{body}]]></content:encoded></item>"
        )
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>bench</title>\n'
        + "\n".join(items)
        + "\n</channel></rss>\n"
    )


def run_api(feed: Path, jobs: int) -> tuple[int, int, float, dict]:
    from lint.article import Article
    from lint.config import Config
    from lint.parallel import WorkerStats, check_all
    from lint.sources import read_inputs

    start = time.perf_counter()
    cfg = Config(knowledge="embedded")
    articles = [a for a in read_inputs([str(feed)], max_bytes=1 << 30) if isinstance(a, Article)]
    read = time.perf_counter()
    stats: dict[int, WorkerStats] = {}
    results = check_all([(a, cfg) for a in articles], jobs=jobs, worker_stats=stats)
    done = time.perf_counter()
    findings = sum(len(r.findings) for r in results)
    print(f"  read {len(articles)} items in {read - start:.2f} s")
    return len(results), findings, done - start, stats


def run_cli(feed: Path, jobs: int) -> tuple[float, float, int]:
    """Wall time of `newslint check FEED --jobs N`, and how many documents its report has."""
    env = {**os.environ, "CI": "1"}  # no progress bar
    report = feed.with_suffix(".json")
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "lint.cli",
            "check",
            str(feed),
            "--jobs",
            str(jobs),
            "--knowledge",
            "embedded",
            "--max-bytes",
            "1G",
            "--format",
            "json",
            "-o",
            str(report),
        ],
        env=env,
        capture_output=True,
        text=True,
    )
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)  # the command and its workers, all reaped
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    if proc.returncode not in (0, 1) or not report.exists():
        sys.exit(f"newslint failed (exit status {proc.returncode}):\n{proc.stderr[-2000:]}")
    return wall, cpu, len(json.loads(report.read_text(encoding="utf-8"))["documents"])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=1000)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--keep", action="store_true", help="keep the generated feed and print its path")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="newslint-bench-") as tmp:
        feed = Path(tmp) / "bench.xml"
        feed.write_text(build_feed(args.items), encoding="utf-8")
        size = feed.stat().st_size
        print(f"feed: {args.items} items, {size / 1e6:.1f} MB; {args.jobs} jobs; {os.cpu_count()} cores here")

        n, findings, api_wall, stats = run_api(feed, args.jobs)
        print(f"API:  {n} articles, {findings} findings in {api_wall:.2f} s = {n / api_wall:.1f} articles/s")
        for s in sorted(stats.values(), key=lambda s: s.pid):
            print(f"  worker {s.pid}: {s.articles} articles, {s.cpu_seconds:.1f} s CPU "
                  f"({s.articles / max(s.cpu_seconds, 1e-9):.0f} articles per CPU second), "
                  f"peak RSS {s.peak_rss / 2**20:.0f} MiB (pages shared with the parent included)")

        cli_wall, cli_cpu, documents = run_cli(feed, args.jobs)
        print(f"CLI:  {documents} articles in {cli_wall:.2f} s = {documents / cli_wall:.1f} articles/s; "
              f"{cli_cpu:.1f} s CPU in all (command and workers)")
        verdict = "OK" if cli_wall < TARGET_SECONDS else "OVER"
        print(f"target: < {TARGET_SECONDS:.0f} s wall time on {args.jobs} cores: {verdict}")
        load = os.getloadavg()[0] if hasattr(os, "getloadavg") else 0.0
        if load > (os.cpu_count() or 1):
            print(f"  (load average {load:.1f} on {os.cpu_count()} cores: other processes shared the CPU; "
                  f"CPU time / jobs = {cli_cpu / args.jobs:.1f} s, about the wall time on idle cores)")
        if args.keep:
            kept = Path(tempfile.gettempdir()) / "newslint-bench.xml"
            kept.write_bytes(feed.read_bytes())
            print(f"feed kept in {kept}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
