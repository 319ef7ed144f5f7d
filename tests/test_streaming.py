"""A run streams (issue 14): its memory holds the findings, not the articles' texts.

The inputs are read twice (lint/run.py): once for the lines recurring across a site's articles and
the articles --since and --changed skip, then one article at a time as it is checked. Files are read
again; standard input, URLs and pipes are not. The pool takes articles only as its workers need them,
and a result keeps its article's text only for the HTML report.
"""

from __future__ import annotations

import datetime as dt
import http.server
import io
import json
import os
import threading
import weakref

import pytest
from loopback import serving, without_proxies

import lint.parallel
import lint.run
from lint import manifest, recurrence
from lint.article import Article
from lint.config import Config, ConfigResolver
from lint.engine import default_registry
from lint.report import render
from lint.results import Run
from lint.run import Options, TaskStream, check_inputs
from lint.sources import read_inputs

FOOTER = "Rejoignez la conversation du quartier"
DEFECTS = [
    "Porte-parole du Kremlin Dmitri Peskov il a déclaré : « Nous ne nous précipiterons pas,« a-t-il ajouté.",
    "Selon le président Joe Bidn, les États-Unis restent ouverts au dialogue.",
    "Le ministre Sergueï Lavrov elle a répondu aux questions.",
]


def _story(i: int) -> str:
    return (f"Le pont numéro {i} rouvre\n\nLe maire a inauguré l’ouvrage {i} devant les habitants. "
            f"{DEFECTS[i % len(DEFECTS)]}\n\n{FOOTER}\n")


def _resolver() -> ConfigResolver:
    return ConfigResolver({"knowledge": "embedded", "language": "fr", "date": "2022-01-26"})


def _inputs(tmp_path, n: int = 12) -> list[str]:
    """A folder of one site (a recurring footer), JSON Lines items with dates, and a feed."""
    folder = tmp_path / "site"
    folder.mkdir()
    for i in range(n):
        (folder / f"a{i:02}.txt").write_text(_story(i), encoding="utf-8")
    items = [{"id": f"n{i}", "text": _story(i), "published": f"2022-01-{20 + i % 5:02}",
              "url": f"https://example.org/{i}"} for i in range(6)]
    (tmp_path / "items.jsonl").write_text("".join(json.dumps(it) + "\n" for it in items), encoding="utf-8")
    entries = "".join(f"<item><guid>g{i}</guid><description>{_story(i)}</description></item>" for i in range(3))
    (tmp_path / "feed.rss").write_text(f'<rss version="2.0"><channel><title>t</title>{entries}</channel></rss>',
                                       encoding="utf-8")
    return [str(folder), str(tmp_path / "items.jsonl"), str(tmp_path / "feed.rss")]


def _reports(run: Run) -> dict[str, str]:
    out = {}
    for fmt in ("json", "sarif", "text", "github"):
        buffer = io.StringIO()
        render(fmt, run, buffer)
        out[fmt] = buffer.getvalue()
    return out


def _all_at_once(inputs: list[str], since: dt.date | None = None) -> Run:
    """The run as it was before it streamed: every article read and held, then checked."""
    resolver = _resolver()
    articles = [manifest.apply(a) for a in read_inputs(inputs, extract=True) if isinstance(a, Article)]
    articles = [a for a in articles if not (since and a.published and a.published < since)]
    recurrence.attach(articles)
    results = lint.parallel.check_all([(a, resolver.for_path(a.path)) for a in articles], jobs=1)
    first = resolver.for_path(inputs[0])
    return Run(results=results, rules=default_registry().select(first.select, first.ignore))


@pytest.mark.parametrize("jobs", [1, 2])
def test_reports_are_those_of_a_run_that_holds_every_article(tmp_path, jobs):
    inputs = _inputs(tmp_path)
    since = dt.date(2022, 1, 22)  # skips some JSON Lines items: the second read must skip the same
    outcome = check_inputs(inputs, _resolver(), Options(jobs=jobs, since=since))
    reference = _all_at_once(inputs, since)
    assert len(outcome.run.results) == len(reference.results) > lint.parallel.MIN_PARALLEL
    assert any(f.rule == "residue.page-furniture" for f in outcome.run.findings)  # recurrence was counted
    streamed, held = _reports(outcome.run), _reports(reference)
    # The run's own notice (items skipped by --since) is the only difference.
    held["json"] = held["json"].replace('"notices": []', '"notices": [\n    ' + json.dumps(
        outcome.run.notices[0].to_dict(), ensure_ascii=False, indent=2).replace("\n", "\n    ") + "\n  ]")
    assert streamed["json"] == held["json"]
    assert streamed["sarif"].split('"invocations"')[0] == held["sarif"].split('"invocations"')[0]
    assert streamed["text"].splitlines()[:-2] == held["text"].splitlines()[:-1]


def test_a_result_keeps_only_the_lines_its_findings_are_on_unless_texts_are_asked_for(tmp_path):
    inputs = _inputs(tmp_path)
    slim = check_inputs(inputs, _resolver(), Options(jobs=1)).run
    whole = check_inputs(inputs, _resolver(), Options(jobs=1, texts=True)).run
    for s, w in zip(slim.results, whole.results, strict=True):
        assert s.text == "" and s.masks == () and w.text and w.lines is None
        assert s.findings == w.findings
        assert s.lines == {f.line: w.text.split("\n")[f.line - 1] for f in w.findings}
        assert all(s.line(f.line) == w.line(f.line) for f in w.findings)
    assert _reports(slim) == _reports(whole)
    with pytest.raises(ValueError, match="whole"):  # an HTML report of results without their texts
        render("html", slim, io.StringIO())
    render("html", whole, io.StringIO())


def test_the_run_lets_each_article_go_once_it_is_checked(tmp_path):
    inputs = _inputs(tmp_path, n=30)
    refs: list[weakref.ref] = []
    alive: list[int] = []  # articles still in memory each time the check takes one

    def tracked(tasks):
        for article, cfg in tasks:
            refs.append(weakref.ref(article))
            alive.append(sum(r() is not None for r in refs))
            yield article, cfg

    def check(tasks):
        return lint.parallel.check_each(TaskStream(len(tasks), tracked(tasks)), jobs=1)

    outcome = check_inputs(inputs, _resolver(), Options(jobs=1), check=check)
    assert len(outcome.run.results) == len(refs) == 30 + 6 + 3
    assert max(alive) <= 2  # the article taken, and the one just checked at most


def test_the_pool_takes_no_more_articles_than_its_window(monkeypatch):
    n, jobs = 200, 2
    taken = 0
    ahead: list[int] = []

    def tasks():
        nonlocal taken
        for i in range(n):
            taken += 1
            yield Article(f"Le pont numéro {i} rouvre. « Bonjour,« a-t-il dit.", f"x#{i}", lang="fr"), \
                Config(knowledge="off", select=("quotes",))

    chunk = max(1, min(16, n // (jobs * 8)))
    done = 0
    for result in lint.parallel.check_each(TaskStream(n, tasks()), jobs=jobs):
        assert result.source == f"x#{done}"  # in input order
        done += 1
        ahead.append(taken - done)
    assert done == n
    window = jobs * lint.parallel.WINDOW_PER_JOB * chunk
    assert max(ahead) <= window
    assert max(ahead) >= chunk  # and it does read ahead: the workers are kept busy


def test_a_worker_that_dies_costs_nothing_in_a_stream(monkeypatch):
    parent = os.getpid()
    real = lint.parallel.check_article

    def die_in_a_worker(article, *args, **kwargs):
        if os.getpid() != parent and article.source == "x#37":
            os._exit(9)  # as if killed for its memory
        return real(article, *args, **kwargs)

    monkeypatch.setattr(lint.parallel, "check_article", die_in_a_worker)
    cfg = Config(knowledge="off", select=("quotes",))
    tasks = ((Article("« Bonjour,« a-t-il dit.", f"x#{i}", lang="fr"), cfg) for i in range(100))
    results = list(lint.parallel.check_each(TaskStream(100, tasks), jobs=2))
    assert [r.source for r in results] == [f"x#{i}" for i in range(100)]
    assert all(r.findings for r in results)


def test_files_are_read_again_but_standard_input_and_urls_are_not(tmp_path, monkeypatch):
    without_proxies(monkeypatch)
    fetched: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            fetched.append(self.path)
            body = _story(7).encode("utf-8")
            self.send_response(200)
            self.send_header("Content-Type", "text/plain; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    reads: list[list[str]] = []
    real = lint.run.read_inputs

    def recorded(paths, **kwargs):
        reads.append(list(paths))
        return real(paths, **kwargs)

    monkeypatch.setattr(lint.run, "read_inputs", recorded)
    inputs = _inputs(tmp_path, n=3)
    with serving(Handler) as base:
        stdin = io.BytesIO(_story(8).encode("utf-8"))
        outcome = check_inputs([*inputs, "-", f"{base}/page.txt"], _resolver(), Options(jobs=1, stdin=stdin))
    assert fetched == ["/page.txt"]  # once
    sources = [r.source for r in outcome.run.results]
    assert sources[-2:] == ["-", f"{base}/page.txt"]
    assert all(r.findings for r in outcome.run.results)
    files = sorted(str(tmp_path / "site" / f"a{i:02}.txt") for i in range(3))
    assert reads[0] == [*inputs, "-", f"{base}/page.txt"]
    assert sorted(p for (p,) in reads[1:]) == sorted([*files, inputs[1], inputs[2]])  # each file once more


def test_a_pipe_is_read_once(tmp_path, monkeypatch):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    real = lint.run.read_inputs
    reads = []

    def recorded(paths, **kwargs):
        # Reading the pipe again would wait for a writer for ever: fail instead.
        assert not (reads and str(fifo) in map(str, paths)), "the pipe was read twice"
        reads.append(paths)
        return real(paths, **kwargs)

    monkeypatch.setattr(lint.run, "read_inputs", recorded)

    def writer():
        with open(fifo, "w", encoding="utf-8") as f:
            f.write(_story(1))

    thread = threading.Thread(target=writer, daemon=True)
    thread.start()
    outcome = check_inputs([str(fifo)], _resolver(), Options(jobs=1))
    thread.join(5)
    assert len(reads) == 1
    assert [r.source for r in outcome.run.results] == [str(fifo)]
    assert outcome.run.results[0].findings and not outcome.input_failed


def test_a_file_changed_or_gone_between_the_two_reads_is_said(tmp_path):
    inputs = _inputs(tmp_path, n=3)
    site = tmp_path / "site"

    def meddle(tasks):  # between the reads: the first is over, the second not begun
        (site / "a00.txt").write_text(_story(1) + "\nUn ajout.\n", encoding="utf-8")
        (site / "a01.txt").unlink()
        return lint.parallel.check_each(tasks, jobs=1)

    told = []
    outcome = check_inputs(inputs, _resolver(), Options(jobs=1), check=meddle, on_notice=told.append)
    sources = [r.source for r in outcome.run.results]
    assert str(site / "a01.txt") not in sources and str(site / "a00.txt") in sources
    changed = outcome.run.results[sources.index(str(site / "a00.txt"))]
    assert any(n.level == "warning" and "changed" in n.message for n in changed.notices)
    (gone,) = [n for n in outcome.run.notices if n.source == str(site / "a01.txt")]
    assert gone.level == "error" and gone.message.startswith("not checked: ") and gone in told
    assert outcome.input_failed


def test_fixes_are_applied_to_the_files_read_and_their_report_is_of_the_files_fixed(tmp_path):
    path = tmp_path / "a.txt"
    doubled = "Biden a répondu à Poutine.  Photo : EPA\nBiden a répondu à Poutine. Photo : EPA\n"
    path.write_text(doubled, encoding="utf-8")
    outcome = check_inputs([str(path)], _resolver(), Options(jobs=1, fix=True))
    assert path.read_text(encoding="utf-8") != doubled
    assert [a.source for a, _ in outcome.tasks] == [str(path)]
    assert any(n.message.startswith("fixed ") for n in outcome.run.notices)
    assert outcome.run.results[0].lines is not None  # the report after the fixes holds no text either
