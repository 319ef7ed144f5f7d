"""The example GitHub workflow and the pre-commit hooks: valid YAML, and saying what they should."""

from __future__ import annotations

import shlex
from pathlib import Path

import yaml
from click.testing import CliRunner

from lint.cli import main

ROOT = Path(__file__).resolve().parents[1]


def check_options() -> set[str]:
    """Every option `newslint check` accepts."""
    command = main.commands["check"]
    return {opt for p in command.params for opt in (*p.opts, *p.secondary_opts) if opt.startswith("-")}


def test_pre_commit_hooks():
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert isinstance(hooks, list) and [h["id"] for h in hooks] == ["newslint", "newslint-fix"]
    for hook in hooks:
        assert {"id", "name", "entry", "language"} <= set(hook)
        assert hook["language"] == "python"
        assert hook["types_or"] == ["markdown", "plain-text"]  # identify's tags for .md and .txt
        assert "types" not in hook and "files" not in hook
        argv = shlex.split(hook["entry"])
        assert argv[:2] == ["newslint", "check"]
        assert set(argv[2:]) <= check_options()
    assert hooks[1]["entry"] == "newslint check --fix"
    # the console script the entry names exists
    assert "newslint = lint.cli:main" in (ROOT / "setup.cfg").read_text(encoding="utf-8")


def test_github_workflow():
    workflow = yaml.safe_load((ROOT / "docs" / "github-workflow.yml").read_text(encoding="utf-8"))
    on = workflow.get("on", workflow.get(True))  # YAML 1.1 reads a bare `on` as true
    assert {"push", "pull_request", "schedule"} <= set(on)
    assert workflow["permissions"]["security-events"] == "write"
    (job,) = workflow["jobs"].values()
    steps = job["steps"]
    uses = [s.get("uses", "") for s in steps]
    assert any(u.startswith("actions/checkout@") for u in uses)
    upload = next(s for s in steps if s.get("uses", "").startswith("github/codeql-action/upload-sarif@"))
    assert upload["if"] == "always()"
    runs = [s["run"] for s in steps if "run" in s and s["run"].startswith("newslint ")]
    sarif = next(r for r in runs if "--format sarif" in r)
    assert upload["with"]["sarif_file"] in shlex.split(sarif)
    assert any("--format github" in r for r in runs)
    for run in runs:
        argv = shlex.split(run)
        assert argv[:2] == ["newslint", "check"]
        assert {a for a in argv[2:] if a.startswith("-")} <= check_options()
    # the cache the --changed state lives in is the folder the steps pass as --cache-dir
    cache = next(s for s in steps if s.get("uses", "").startswith("actions/cache@"))
    assert all(f"--cache-dir {cache['with']['path']}" in r for r in runs)


def test_every_workflow_option_parses(tmp_path, monkeypatch):
    """The workflow's command lines run (on a small feed standing in for $FEED)."""
    feed = tmp_path / "feed.xml"
    feed.write_text((ROOT / "examples" / "feed.xml").read_text(encoding="utf-8"), encoding="utf-8")
    workflow = yaml.safe_load((ROOT / "docs" / "github-workflow.yml").read_text(encoding="utf-8"))
    (job,) = workflow["jobs"].values()
    runner = CliRunner()
    monkeypatch.chdir(tmp_path)
    for step in job["steps"]:
        run = step.get("run", "")
        if run.startswith("newslint "):
            argv = [str(feed) if a == "$FEED" else a for a in shlex.split(run)][1:]
            result = runner.invoke(main, [*argv, "--knowledge", "off"])
            assert result.exit_code in (0, 1), result.output
    assert (tmp_path / "newslint.sarif").is_file()
    assert (tmp_path / ".newslint-cache" / "seen-items.json").is_file()
