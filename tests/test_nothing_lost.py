"""Nothing lost: one input that fails costs that input only, in every format; a report file is
replaced whole or not at all; the exit status says both that there are findings and that something
could not be checked; many processes sharing one cache lose no finding.

The exit status (README, "Try it"): 2 if any input could not be read or an article could not be
checked at all (or on a usage or configuration error), else 1 if a finding reaches --fail-on, else 0.
"""

from __future__ import annotations

import io
import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

import lint.parallel
import lint.report
from lint.cli import main
from lint.config import ConfigResolver
from lint.report import render
from lint.run import Options, check_inputs

FORMATS = ("text", "json", "sarif", "github", "html")
GOOD = "Le président américain Joe Bidn a parlé. Il a dit « oui,« puis il est parti.\n"
OTHER = "Selon la porte-parole Jen Psaki, elle il a répondu.\n"


def invoke(*args: str) -> object:
    return CliRunner().invoke(main, ["check", "--knowledge", "embedded", "--jobs", "1", *args])


@pytest.fixture()
def inputs(tmp_path) -> dict[str, Path]:
    files = {
        "good": tmp_path / "good.txt",
        "other": tmp_path / "other.md",
        "latin1": tmp_path / "latin1.txt",  # not UTF-8: read with a warning, still checked
        "binary": tmp_path / "binary.txt",
        "feed": tmp_path / "broken.rss",  # cut short: read leniently, its item has no body
        "notfeed": tmp_path / "page.atom",  # no feed at all
        "jsonl": tmp_path / "items.jsonl",
        "missing": tmp_path / "missing.txt",
        "folder-file": tmp_path / "a-folder.txt",  # a folder named like a file: unreadable as one
    }
    files["good"].write_text(GOOD, encoding="utf-8")
    files["other"].write_text(OTHER, encoding="utf-8")
    files["latin1"].write_bytes("Le président Joe Bidn a parlé à l'été.\n".encode("latin-1"))
    files["binary"].write_bytes(b"\x00\x01\x02PK\x03\x04" * 100)
    files["feed"].write_text("<rss><channel><item><title>x</title></item></chan", encoding="utf-8")
    files["notfeed"].write_text("<html><body>nope</body></html>", encoding="utf-8")
    lines = [json.dumps({"id": "a", "text": GOOD, "lang": "fr"}), "{not json", json.dumps({"id": "b", "text": 3}),
             json.dumps({"id": "c\ud800", "text": "Joe Bidn \udc00 a dit « oui,« et partit.", "lang": "fr"})]
    files["jsonl"].write_text("\n".join(lines) + "\n", encoding="utf-8", errors="surrogatepass")
    files["folder-file"].mkdir()
    return files


def _findings_alone(path: Path) -> list[dict]:
    report = json.loads(invoke(str(path), "--format", "json").stdout)
    return [f for d in report["documents"] for f in d["findings"]]


def test_every_other_input_is_reported_with_a_notice_for_each_failure_in_every_format(inputs, tmp_path):
    order = [str(p) for p in inputs.values()]
    results = {fmt: invoke(*order, "--format", fmt, "-o", str(tmp_path / f"r.{fmt}")) for fmt in FORMATS}
    assert {fmt: r.exit_code for fmt, r in results.items()} == dict.fromkeys(FORMATS, 2)
    report = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    documents = {d["source"]: d["findings"] for d in report["documents"]}
    # every readable input and item is there, with exactly the findings it has when checked alone
    for key in ("good", "other", "latin1"):
        assert documents[str(inputs[key])] == _findings_alone(inputs[key]), key
    assert documents[str(inputs["good"])]
    assert f"{inputs['jsonl']}#a" in documents and f"{inputs['jsonl']}#c\ufffd" in documents
    notices = {(n["source"], n["level"]) for n in report["notices"]}
    failed = [str(inputs[k]) for k in ("binary", "notfeed", "missing")]
    failed += [f"{inputs['jsonl']}#2", f"{inputs['jsonl']}#3"]
    for source in failed:
        assert (source, "error") in notices, source
    for source in (inputs["latin1"], inputs["folder-file"]):  # something to say, nothing unchecked
        assert (str(source), "warning") in notices
    assert any(n["source"].startswith(str(inputs["feed"])) for n in report["notices"])
    # the same in the other formats: each finding of the good file, and each failure, is in each
    good_findings = documents[str(inputs["good"])]
    for fmt in FORMATS:
        out = (tmp_path / f"r.{fmt}").read_text(encoding="utf-8")
        if fmt == "sarif":
            sarif = json.loads(out)["runs"][0]
            rules = {f["rule"] for f in good_findings}
            assert sum(r["ruleId"] in rules for r in sarif["results"]) >= len(good_findings)
            texts = [n["message"]["text"] for n in sarif["invocations"][0]["toolExecutionNotifications"]]
            assert not sarif["invocations"][0]["executionSuccessful"]
        else:
            texts = [out]
        for source in failed:
            shown = source if fmt != "html" else source.replace("&", "&amp;")
            assert any(shown in t for t in texts), (fmt, source)
        for f in good_findings:
            assert f["rule"] in out, (fmt, f["rule"])


@pytest.mark.parametrize("fail_on, findings, error, expected", [
    ("warning", True, False, 1), ("warning", False, False, 0), ("warning", True, True, 2),
    ("never", True, True, 2), ("never", True, False, 0), ("warning", False, True, 2),
])
def test_the_exit_status_reflects_findings_and_errors(tmp_path, fail_on, findings, error, expected):
    path = tmp_path / "a.txt"
    path.write_text(GOOD if findings else "Le président Emmanuel Macron a parlé mardi.\n", encoding="utf-8")
    args = [str(path), "--fail-on", fail_on, "--format", "json"]
    if error:
        args.insert(0, str(tmp_path / "missing.txt"))
    result = invoke(*args)
    assert result.exit_code == expected, result.output
    report = json.loads(result.stdout)
    assert bool(report["documents"][0]["findings"]) == findings


# -- an article the engine fails on ---------------------------------------------------------------
def _failing_on(source_part: str, real=lint.parallel.check_article):
    def check(article, *args, **kwargs):
        if source_part in article.source:
            raise RuntimeError("the engine broke on this one")
        return real(article, *args, **kwargs)

    return check


@pytest.mark.parametrize("jobs", [1, 2])
def test_an_article_the_engine_fails_on_costs_that_article_only(tmp_path, monkeypatch, jobs):
    """The engine isolates a rule's failure; anything else (the document model, a language profile)
    raised out of `check_article` and ended the whole run with no report."""
    lines = [json.dumps({"id": f"n{i}", "text": GOOD, "lang": "fr"}) for i in range(lint.parallel.MIN_PARALLEL + 2)]
    path = tmp_path / "items.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    monkeypatch.setattr(lint.parallel, "check_article", _failing_on("#n3"))
    result = invoke(str(path), "--format", "json", "--jobs", str(jobs))
    assert result.exit_code == 2
    report = json.loads(result.stdout)
    assert [d["source"] for d in report["documents"]] == [f"{path}#n{i}" for i in range(len(lines))]
    assert all(d["findings"] for d in report["documents"] if not d["source"].endswith("#n3"))
    (broken,) = [n for n in report["notices"] if n["level"] == "error"]
    assert broken["source"] == f"{path}#n3" and "the engine broke on this one" in broken["message"]


def test_a_worker_process_that_dies_costs_nothing(tmp_path, monkeypatch):
    parent = os.getpid()
    real = lint.parallel.check_article

    def die_in_a_worker(article, *args, **kwargs):
        if os.getpid() != parent and article.source.endswith("#5"):
            os._exit(9)  # as if killed for its memory
        return real(article, *args, **kwargs)

    monkeypatch.setattr(lint.parallel, "check_article", die_in_a_worker)
    from lint.article import Article
    from lint.config import Config

    tasks = [(Article(GOOD, f"x#{i}", lang="fr"), Config(knowledge="embedded")) for i in range(12)]
    results = lint.parallel.check_all(tasks, jobs=2)
    assert [r.source for r in results] == [f"x#{i}" for i in range(12)]
    assert all(r.findings for r in results)


# -- --output ---------------------------------------------------------------------------------------
def test_a_report_that_fails_to_render_leaves_the_previous_file_and_no_temporary_file(tmp_path, monkeypatch):
    article = tmp_path / "a.txt"
    article.write_text(GOOD, encoding="utf-8")
    out = tmp_path / "reports" / "r.json"
    out.parent.mkdir()
    assert invoke(str(article), "--format", "json", "-o", str(out)).exit_code == 1
    previous = out.read_bytes()
    assert json.loads(previous)["documents"]

    def half_then_crash(run, stream):
        stream.write('{"version": 1, "documents": [')
        raise RuntimeError("disk on fire")

    real = lint.report.formats
    monkeypatch.setattr(lint.report, "formats", lambda: {**real(), "json": half_then_crash})
    result = invoke(str(article), "--format", "json", "-o", str(out))
    assert result.exit_code == 2 and "disk on fire" in result.output
    assert out.read_bytes() == previous
    assert sorted(p.name for p in out.parent.iterdir()) == ["r.json"]


def test_a_report_is_written_whole_with_surrogates_in_the_input(tmp_path, inputs):
    """A JSON Lines item may escape a lone surrogate ("\\ud800"): valid JSON, no character. It made
    every UTF-8 report of the run fail (UnicodeEncodeError: the whole report lost); it is replaced."""
    for fmt in FORMATS:
        out = tmp_path / f"s.{fmt}"
        result = invoke(str(inputs["jsonl"]), "--format", fmt, "-o", str(out))
        assert result.exit_code == 2 and "internal error" not in result.output, (fmt, result.output)
        text = out.read_text(encoding="utf-8")
        assert "\ufffd" in text or "%EF%BF%BD" in text or fmt == "github"
    report = json.loads((tmp_path / "s.json").read_text(encoding="utf-8"))
    item = next(d for d in report["documents"] if d["source"].endswith("#c\ufffd"))
    assert item["findings"]  # the quotation mark, at its place: one character for the surrogate
    assert any("surrogate" in n["message"] for n in report["notices"])


# -- many processes, one cache ----------------------------------------------------------------------
def test_four_processes_sharing_a_cache_lose_no_finding(tmp_path):
    """1,000 articles checked against (a fake) Wikipedia by four worker processes writing one SQLite
    cache at once, then again on the warm cache, give the report a serial run gives."""
    from tests.fake_wiki import FakeWikiServer

    people = ["Joe Bidn", "Dmitri Peskov", "Sergueï Lavrov", "Jen Psaki", "Olaf Scholz", "Jean Dupontel"]
    templates = [
        "Le président {p} a parlé. Il a dit « oui,« puis il est parti.",
        "Porte-parole du Kremlin {p} il a déclaré que Moscou étudierait le document.",
        "Selon {p}, les discussions se poursuivront la semaine prochaine à Genève.",
    ]
    lines = [
        json.dumps({"id": str(i), "lang": "fr", "published": "2022-01-26",
                    "text": templates[i % 3].format(p=people[i % len(people)]) + f" Numéro {i}."})
        for i in range(1000)
    ]
    path = tmp_path / "items.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    server = FakeWikiServer().start()
    try:
        def report(jobs: int, cache: str) -> dict:
            resolver = ConfigResolver({
                "knowledge": "wikipedia", "cache-dir": str(tmp_path / cache),
                "mediawiki-url": server.mediawiki_url, "wikidata-url": server.wikidata_url,
            })
            outcome = check_inputs([str(path)], resolver, Options(jobs=jobs))
            out = io.StringIO()
            render("json", outcome.run, out)
            return json.loads(out.getvalue())

        parallel = report(4, "shared")
        cold_hits = server.hits
        warm = report(4, "shared")
        warm_hits = server.hits - cold_hits
        serial = report(1, "alone")
    finally:
        server.stop()
    findings = sum(len(d["findings"]) for d in serial["documents"])
    assert findings >= 1000
    assert parallel == serial
    assert warm == serial
    assert not any("could not be consulted" in n["message"] for n in serial["notices"])
    assert cold_hits > 0 and warm_hits == 0, (cold_hits, warm_hits)  # the cache was written, then read
