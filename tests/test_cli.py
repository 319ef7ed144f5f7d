"""The command line: exit statuses, one-line errors, reports to files, the rules listing."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from lint.cli import main

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "article-fr.txt"
CLEAN = "PARIS, 3 mars 2022 (AFP) – Le président Emmanuel Macron a reçu mardi le chancelier Olaf Scholz à l’Élysée.\n"


def run(*args, **kwargs):
    return CliRunner().invoke(main, list(args), catch_exceptions=False, **kwargs)


@pytest.fixture
def clean_file(tmp_path):
    path = tmp_path / "clean.txt"
    path.write_text(CLEAN, encoding="utf-8")
    return path


def test_findings_exit_1_and_clean_text_exits_0(clean_file):
    assert run("check", str(EXAMPLE), "--format", "json").exit_code == 1
    result = run("check", str(clean_file), "--lang", "fr", "--date", "2022-03-03")
    assert result.exit_code == 0, result.output
    assert "No findings in 1 document" in result.output


def test_fail_on_decides_the_exit_status():
    assert run("check", str(EXAMPLE), "--fail-on", "never").exit_code == 0
    assert run("check", str(EXAMPLE), "--fail-on", "error", "--select", "quotes").exit_code == 0


def test_output_file_holds_the_report(tmp_path):
    out = tmp_path / "r.json"
    result = run("check", str(EXAMPLE), "--format", "json", "--output", str(out))
    assert result.exit_code == 1 and result.output == ""
    report = json.loads(out.read_text(encoding="utf-8"))
    assert report["version"] == 1 and report["documents"][0]["findings"]


def test_bad_input_is_one_line_exit_2_and_other_inputs_are_checked(tmp_path):
    binary = tmp_path / "photo.txt"
    binary.write_bytes(b"\x89PNG\x00\x00\x00binary")
    missing = tmp_path / "nowhere.txt"
    out = tmp_path / "r.json"
    result = run("check", str(binary), str(missing), str(EXAMPLE), "--format", "json", "-o", str(out))
    assert result.exit_code == 2
    errors = [line for line in result.stderr.splitlines() if line.startswith("newslint: error:")]
    assert len(errors) == 2 and "photo.txt" in errors[0] and "nowhere.txt" in errors[1]
    assert "Traceback" not in result.stderr
    report = json.loads(out.read_text(encoding="utf-8"))
    assert [d["source"] for d in report["documents"]] == [str(EXAMPLE)]
    assert {n["source"] for n in report["notices"]} >= {str(binary), str(missing)}


def test_configuration_errors_name_file_line_and_value(tmp_path, clean_file):
    (tmp_path / "newslint.cfg").write_text("[newslint]\nfail-on = sometimes\n", encoding="utf-8")
    result = run("check", str(clean_file))
    assert result.exit_code == 2
    assert result.stderr.strip() == (
        f"newslint: error: {tmp_path / 'newslint.cfg'}:2: fail-on: bad value 'sometimes' "
        "(expected error or warning or info or never)"
    )
    result = run("check", str(EXAMPLE), "--select", "no-such-rule")
    assert result.exit_code == 2 and "unknown rule or family 'no-such-rule'" in result.stderr


def test_usage_errors_exit_2():
    assert run("check").exit_code == 2
    assert run("check", str(EXAMPLE), "--format", "pdf").exit_code == 2
    assert run("check", str(EXAMPLE), "--date", "yesterday").exit_code == 2


def test_rules_lists_every_rule_and_describes_one():
    listing = run("rules")
    assert listing.exit_code == 0
    assert "quotes.mismatch" in listing.output and "quote-mismatch" in listing.output
    one = run("rules", "quotes.mismatch")
    assert one.exit_code == 0 and "Flags:" in one.output and "Leaves alone:" in one.output
    assert run("rules", "nope.nothing").exit_code == 2


def test_stdin_and_text_format(clean_file):
    result = run("check", "-", "--lang", "fr", input="« Bonjour,« a-t-il dit.\n")
    assert result.exit_code == 1
    assert result.output.startswith("-:1:")


def test_debug_shows_the_traceback_of_an_internal_error(tmp_path):
    """An unexpected failure is one line without --debug, a traceback with it."""
    env = dict(os.environ, NEWSLINT_TEST_CRASH="1")
    code = (
        "import sys, lint.engine as e\n"
        "def boom(*a, **k): raise RuntimeError('kaboom')\n"
        "e.check_article = boom\n"
        "import lint.parallel as p; p.check_article = boom\n"
        "from lint.cli import main\n"
        "sys.argv = ['newslint', 'check', sys.argv[1], '--jobs', '1']\n"
        "main()\n"
    )
    plain = subprocess.run([sys.executable, "-c", code, str(EXAMPLE)], capture_output=True, text=True, env=env)
    assert plain.returncode == 2 and "Traceback" not in plain.stderr
    assert "kaboom" in plain.stderr and len(plain.stderr.strip().splitlines()) == 1
    code = code.replace("'--jobs', '1'", "'--jobs', '1', '--debug'")
    debug = subprocess.run([sys.executable, "-c", code, str(EXAMPLE)], capture_output=True, text=True, env=env)
    assert debug.returncode == 2 and "Traceback" in debug.stderr


def test_offline_never_touches_the_network(tmp_path):
    """With --offline, an online configuration answers from the cache only: no connection is tried."""
    (tmp_path / "newslint.cfg").write_text(
        "[newslint]\nknowledge = wikipedia\ncache-dir = cache\n"
        "mediawiki-url = http://127.0.0.1:9/{lang}/w/api.php\nwikidata-url = http://127.0.0.1:9/w/api.php\n",
        encoding="utf-8",
    )
    article = tmp_path / "a.txt"
    article.write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    offline = json.loads(run("check", str(article), "--format", "json", "--offline").output)
    assert offline["notices"] == []
    online = json.loads(run("check", str(article), "--format", "json").output)
    assert any("could not be consulted" in n["message"] for n in online["notices"])


def test_a_reader_closing_the_pipe_is_not_an_internal_error(tmp_path):
    # "newslint check ... | head -1": the reader goes away before the report is written
    article = tmp_path / "a.txt"
    article.write_text("Le président chinois Ce Jinping a parlé.\n" * 400, encoding="utf-8")
    proc = subprocess.Popen(
        [sys.executable, "-m", "lint.cli", "check", str(article), "--format", "json", "--date", "2022-01-26"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    proc.stdout.read(10)
    proc.stdout.close()
    err = proc.stderr.read().decode()
    proc.wait(timeout=120)
    assert "internal error" not in err and "Traceback" not in err
    assert proc.returncode == 2
