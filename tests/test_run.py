"""The run API: what the CLI, a server or a distributed map call, with nothing printed or exited."""

import io
import json

from lint.config import ConfigResolver
from lint.report import render
from lint.run import Options, check_inputs

GOOD = "Le président américain Joe Bidn a parlé. Il a dit « oui ».\n"


def _resolver():
    return ConfigResolver({"knowledge": "embedded", "language": "fr"})


def test_a_bad_input_is_a_notice_and_the_others_are_still_checked(tmp_path):
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text(GOOD, encoding="utf-8")
    b.write_text(GOOD, encoding="utf-8")
    heard = []
    outcome = check_inputs([str(a), str(tmp_path / "missing.txt"), str(b)], _resolver(), Options(jobs=1),
                           on_notice=heard.append)
    assert [r.source for r in outcome.run.results] == [str(a), str(b)]
    assert all(any(f.text == "Joe Bidn" for f in r.findings) for r in outcome.run.results)
    assert outcome.input_failed
    assert [n.source for n in heard] == [str(tmp_path / "missing.txt")]
    assert heard[0] in outcome.run.notices


def test_the_run_renders_without_the_cli(tmp_path):
    a = tmp_path / "a.txt"
    a.write_text(GOOD, encoding="utf-8")
    outcome = check_inputs([str(a)], _resolver(), Options(jobs=1))
    out = io.StringIO()
    render("json", outcome.run, out)
    report = json.loads(out.getvalue())
    assert report["documents"][0]["source"] == str(a)
    assert not outcome.input_failed and outcome.diff == ""


def test_diff_changes_nothing_and_changed_remembers_only_when_asked(tmp_path, monkeypatch):
    monkeypatch.setenv("NEWSLINT_CACHE_DIR", str(tmp_path / "cache"))
    a = tmp_path / "a.txt"
    doubled = "Biden a répondu à Poutine.  Photo : EPA\nBiden a répondu à Poutine. Photo : EPA\n"
    a.write_text(doubled, encoding="utf-8")
    outcome = check_inputs([str(a)], _resolver(), Options(jobs=1, diff=True, changed=True))
    assert outcome.diff.startswith("---") and a.read_text(encoding="utf-8") == doubled
    again = check_inputs([str(a)], _resolver(), Options(jobs=1, changed=True))
    assert len(again.run.results) == 1  # the first run was never remembered
    again.remember()
    third = check_inputs([str(a)], _resolver(), Options(jobs=1, changed=True))
    assert third.run.results == []
