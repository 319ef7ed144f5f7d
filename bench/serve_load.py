"""Load test of `newslint serve` on 127.0.0.1: requests/s and latency under concurrent clients.

    .venv/bin/python bench/serve_load.py                      # 2,000 requests, 8 clients, ~1,500 words
    .venv/bin/python bench/serve_load.py --workers 1 --language auto
    .venv/bin/python bench/serve_load.py --article draft.txt  # your own article instead of the built one

Starts the server as a subprocess on a free loopback port, warms it up, sends the requests from
`--concurrency` clients (each waits for its answer before sending the next, as an editor's tool
does), and stops the server. Bounded: `--requests` requests, `--deadline` seconds at most. Besides
the latency seen by the clients it reports the server's own Server-Timing (time waiting for a
check thread, checking, encoding the answer), so the rest is HTTP, the event loop and the client.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import re
import resource
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "article-fr.txt"
DAYS = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]
PLACES = ["Bruxelles", "Genève", "Vienne", "Berlin", "Varsovie", "Kiev", "Paris", "Madrid", "Rome"]


def build_article(words: int) -> str:
    """About `words` words from the example article's paragraphs, each use varied (day, place,
    figures), so that the article is not one paragraph pasted many times."""
    paragraphs = [p.strip() for p in EXAMPLE.read_text(encoding="utf-8").split("\n\n") if p.strip()]
    out: list[str] = []
    i = 0
    while sum(len(p.split()) for p in out) < words:
        p = paragraphs[i % len(paragraphs)]
        day, place = DAYS[i % len(DAYS)], PLACES[i % len(PLACES)]
        p = p.replace("mercredi", day).replace("Bruxelles", place).replace("Moscou", place if i % 3 else "Moscou")
        out.append(f"{p} Selon un diplomate, {i + 2} réunions sont prévues à {place} d’ici {day}.")
        i += 1
    return "\n\n".join(out)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Sample:
    latency: float
    status: int
    timing: dict[str, float] = field(default_factory=dict)
    matches: int = 0


_TIMING = re.compile(r"(\w+);dur=([\d.]+)")


async def one(client: httpx.AsyncClient, form: dict[str, str]) -> Sample:
    started = time.perf_counter()
    try:
        response = await client.post("/v2/check", data=form)
    except httpx.HTTPError:
        return Sample(time.perf_counter() - started, 0)
    latency = time.perf_counter() - started
    timing = {k: float(v) / 1000 for k, v in _TIMING.findall(response.headers.get("server-timing", ""))}
    matches = len(response.json().get("matches", ())) if response.status_code == 200 else 0
    return Sample(latency, response.status_code, timing, matches)


async def load(base: str, form: dict[str, str], requests: int, concurrency: int, deadline: float) -> list[Sample]:
    samples: list[Sample] = []
    left = iter(range(requests))

    async def client_loop(client: httpx.AsyncClient) -> None:
        for _ in left:  # the clients share one counter: `requests` in all
            samples.append(await one(client, form))

    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(base_url=base, timeout=60, limits=limits) as client:
        tasks = [asyncio.create_task(client_loop(client)) for _ in range(concurrency)]
        _, pending = await asyncio.wait(tasks, timeout=deadline)
        for t in pending:
            t.cancel()
        if pending:
            print(f"deadline of {deadline:g} s reached: stopped after {len(samples)} requests", file=sys.stderr)
    return samples


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q / 100 * len(ordered)) - 1))]


def start_server(port: int, args: argparse.Namespace, log: Path) -> subprocess.Popen:
    command = [
        sys.executable, "-m", "lint.cli", "serve", "--host", "127.0.0.1", "--port", str(port),
        "--workers", str(args.workers), "--threads", str(args.threads), "--no-access-log",
    ]
    with log.open("wb") as out:
        return subprocess.Popen(command, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT)


def wait_until_up(base: str, proc: subprocess.Popen, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"the server exited with status {proc.returncode}")
        with contextlib.suppress(httpx.HTTPError):
            if httpx.get(base + "/healthz", timeout=2).status_code == 200:
                return
        time.sleep(0.2)
    raise SystemExit("the server did not come up")


def report(samples: list[Sample], elapsed: float, client_cpu: float) -> None:
    ok = [s for s in samples if s.status == 200]
    errors = len(samples) - len(ok)
    ms = [s.latency * 1000 for s in ok]
    print(f"requests: {len(samples)} in {elapsed:.1f} s, errors: {errors}")
    if not ok:
        return
    print(f"throughput: {len(ok) / elapsed:.1f} requests/s")
    print(f"latency ms: p50 {percentile(ms, 50):.1f}  p90 {percentile(ms, 90):.1f}  "
          f"p99 {percentile(ms, 99):.1f}  max {max(ms):.1f}  mean {statistics.fmean(ms):.1f}")
    parts = ("queue", "check", "encode")
    for part in parts:
        values = [s.timing.get(part, 0.0) * 1000 for s in ok]
        print(f"  server {part:<6} ms: mean {statistics.fmean(values):6.1f}  p99 {percentile(values, 99):6.1f}")
    rest = [s.latency * 1000 - sum(s.timing.get(p, 0.0) * 1000 for p in parts) for s in ok]
    print(f"  HTTP, event loop and client ms: mean {statistics.fmean(rest):.1f}  p99 {percentile(rest, 99):.1f}")
    print(f"matches per answer: {statistics.fmean(s.matches for s in ok):.0f}; "
          f"client CPU: {client_cpu:.1f} s ({client_cpu / elapsed:.0%} of one core)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1, help="check processes [cores]")
    parser.add_argument("--threads", type=int, default=1, help="check threads per server process")
    parser.add_argument("--language", default="fr", help="the request's language ('auto' to detect)")
    parser.add_argument("--words", type=int, default=1500, help="size of the built article")
    parser.add_argument("--article", type=Path, help="check this text file instead of the built article")
    parser.add_argument("--warmup", type=int, default=40)
    parser.add_argument("--deadline", type=float, default=600, help="stop after this many seconds")
    args = parser.parse_args()

    text = args.article.read_text(encoding="utf-8") if args.article else build_article(args.words)
    form = {"text": text, "language": args.language}
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    log = Path(tempfile.mkdtemp(prefix="newslint-bench-")) / "server.log"
    print(f"article: {len(text.split())} words, {len(text.encode())} bytes; server: {args.workers} check process(es) "
          f"x {args.threads} check thread(s); {args.concurrency} clients; log: {log}")
    proc = start_server(port, args, log)
    try:
        wait_until_up(base, proc)
        asyncio.run(load(base, form, args.warmup, args.concurrency, args.deadline))
        cpu = resource.getrusage(resource.RUSAGE_SELF)
        started = time.perf_counter()
        samples = asyncio.run(load(base, form, args.requests, args.concurrency, args.deadline))
        elapsed = time.perf_counter() - started
        after = resource.getrusage(resource.RUSAGE_SELF)
        client_cpu = (after.ru_utime + after.ru_stime) - (cpu.ru_utime + cpu.ru_stime)
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
    report(samples, elapsed, client_cpu)


if __name__ == "__main__":
    main()
