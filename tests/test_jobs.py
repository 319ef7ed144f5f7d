"""--jobs: worker processes give the same results, in input order; the progress bar only on a terminal."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from lint import parallel
from lint.article import Article
from lint.config import Config

CLEAN = Path(__file__).parent / "data" / "clean"
DEFECTS = [
    "Porte-parole du Kremlin Dmitri Peskov il a déclaré : « Nous ne nous précipiterons pas,« a-t-il ajouté.",
    "Selon le président Joe Bidn, les États-Unis restent ouverts au dialogue.",
    "“We are ready for any outcome“, White House press secretary Jen Psaki she said.",
]


def articles(n: int) -> list[Article]:
    texts = [p.read_text(encoding="utf-8") for p in sorted(CLEAN.glob("*.txt"))]
    out = []
    for i in range(n):
        text = texts[i % len(texts)] + "\n\n" + DEFECTS[i % len(DEFECTS)]
        out.append(Article(text=text, source=f"feed.xml#{i}", lang=None, published=None))
    return out


def summary(results) -> list:
    return [(r.source, r.language, [f.to_dict() for f in r.findings], [n.to_dict() for n in r.notices])
            for r in results]


def test_parallel_results_equal_serial_results_in_input_order():
    cfg = Config(knowledge="embedded")
    tasks = [(a, cfg) for a in articles(parallel.MIN_PARALLEL + 4)]
    stats: dict[int, parallel.WorkerStats] = {}
    serial = parallel.check_all(tasks, jobs=1)
    seen = []
    both = parallel.check_all(tasks, jobs=2, on_result=lambda r: seen.append(r.source), worker_stats=stats)
    assert summary(both) == summary(serial)
    assert seen == [a.source for a, _ in tasks]
    assert [r.source for r in both] == [f"feed.xml#{i}" for i in range(len(tasks))]
    assert 1 <= len(stats) <= 2 and os.getpid() not in stats
    assert all(s.peak_rss > 10_000_000 for s in stats.values())  # bytes: a worker holds the KB
    assert sum(s.articles for s in stats.values()) == len(tasks)
    assert all(s.cpu_seconds > 0 for s in stats.values())
    assert sum(len(r.findings) for r in both) >= len(tasks)


def test_few_articles_never_start_processes(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("a process pool was started")

    monkeypatch.setattr(parallel, "ProcessPoolExecutor", refuse)
    tasks = [(a, Config(knowledge="off")) for a in articles(parallel.MIN_PARALLEL - 1)]
    assert len(parallel.check_all(tasks, jobs=8)) == len(tasks)
    assert parallel.check_all([], jobs=4) == []


def test_configs_differing_by_input_are_kept_per_task():
    a = articles(parallel.MIN_PARALLEL)
    only_quotes = Config(knowledge="off", select=("quotes",))
    tasks = [(art, only_quotes if i % 2 else Config(knowledge="off")) for i, art in enumerate(a)]
    results = parallel.check_all(tasks, jobs=2)
    for i, r in enumerate(results):
        rules = {f.family for f in r.findings}
        assert rules <= {"quotes"} if i % 2 else True


def test_default_jobs_is_the_usable_cores():
    assert parallel.default_jobs() >= 1


def newslint(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "XDG_CACHE_HOME": str(cwd / "xdg")}
    env.pop("CI", None)
    return subprocess.run([sys.executable, "-m", "lint.cli", "check", *args], cwd=cwd, capture_output=True,
                          text=True, env=env)


def test_cli_output_is_the_same_with_any_number_of_jobs(tmp_path):
    for i, art in enumerate(articles(parallel.MIN_PARALLEL + 2)):
        (tmp_path / f"a{i:02}.txt").write_text(art.text, encoding="utf-8")
    outputs = {}
    for jobs in ("1", "2", "0"):
        proc = newslint(".", "--format", "json", "--jobs", jobs, "--date", "2022-01-27", cwd=tmp_path)
        assert proc.returncode == 1, proc.stderr
        outputs[jobs] = proc.stdout
        assert "Checking" not in proc.stderr  # no progress bar: stderr is not a terminal
    assert outputs["1"] == outputs["2"] == outputs["0"]
    assert len(json.loads(outputs["1"])["documents"]) == parallel.MIN_PARALLEL + 2
    bad = newslint(".", "--jobs", "-1", cwd=tmp_path)
    assert bad.returncode == 2


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize(("tty", "ci", "shown"), [(True, None, True), (True, "true", False), (False, None, False)])
def test_progress_bar_only_on_a_terminal_outside_ci(monkeypatch, tty, ci, shown):
    from lint import cli

    err = _Terminal() if tty else io.StringIO()
    monkeypatch.setattr(sys, "stderr", err)
    if ci:
        monkeypatch.setenv("CI", ci)
    else:
        monkeypatch.delenv("CI", raising=False)
    tasks = [(a, Config(knowledge="off")) for a in articles(cli.PROGRESS_MIN + 1)]
    results = list(cli._check_tasks(tasks, 1))  # a generator: the bar moves as results are taken
    assert len(results) == len(tasks)
    assert ("Checking" in err.getvalue()) is shown
