"""The long fuzz run: the properties of tests/test_fuzz.py with random seeds, for as long as asked.

    .venv/bin/python bench/fuzz.py --minutes 10          # the API, every kind of input, the CLI
    .venv/bin/python bench/fuzz.py --minutes 2 --only api
    .venv/bin/python bench/fuzz.py --pathological        # tests/test_pathological.py at issue 13's sizes

Prints, for each property, how many examples ran and for how long; a failure prints hypothesis's
shrunk example and the run exits 1. Time is shared between the properties in proportion to how
much each one covers (the API one is the fastest per example and gets the most).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

SHARE = {"api": 0.5, "sources": 0.35, "cli": 0.15}
ROUND = {"api": 200, "sources": 40, "cli": 15}  # examples per hypothesis run: a fresh seed each time


def _properties() -> dict:
    from hypothesis import strategies as st

    from tests import test_fuzz as tf

    def cli(text: str, fmt: str) -> None:
        from click.testing import CliRunner

        from lint.cli import main

        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp)
            (folder / "a.txt").write_bytes(text.encode("utf-8", "surrogatepass"))
            out = folder / f"r.{fmt}"
            result = CliRunner().invoke(main, ["check", str(folder), "--format", fmt, "-o", str(out), "--jobs", "1"])
            assert result.exit_code in (0, 1, 2) and "internal error" not in result.output, result.output
            assert out.read_text(encoding="utf-8")

    def sources(text: str, raw: bytes) -> None:
        with tempfile.TemporaryDirectory() as tmp:
            tf.check_sources(Path(tmp), text, raw)

    return {
        "api": (tf.check_one, {"text": tf.TEXTS, "fmt": tf.FORMAT, "lang": tf.LANGS}),
        "sources": (sources, {"text": tf.TEXTS_WITH_SURROGATES, "raw": st.binary(max_size=400)}),
        "cli": (cli, {"text": tf.TEXTS_WITH_SURROGATES, "fmt": st.sampled_from(list(tf.formats()))}),
    }


def fuzz(name: str, seconds: float) -> tuple[int, float, str | None]:
    from hypothesis import HealthCheck, given, settings

    prop, strategies = _properties()[name]
    count = 0

    def counted(**kwargs: object) -> None:
        nonlocal count
        count += 1
        prop(**kwargs)

    test = settings(
        max_examples=ROUND[name],
        deadline=None,
        database=None,
        derandomize=False,
        suppress_health_check=list(HealthCheck),
    )(given(**strategies)(counted))
    started = time.monotonic()
    while time.monotonic() - started < seconds:
        try:
            test()
        except Exception:
            return count, time.monotonic() - started, traceback.format_exc()
    return count, time.monotonic() - started, None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=5.0, help="total time for the fuzz run")
    parser.add_argument("--only", choices=sorted(SHARE), action="append", help="only this property; repeatable")
    parser.add_argument("--pathological", action="store_true",
                        help="run tests/test_pathological.py at the issue's sizes instead")
    args = parser.parse_args()
    if args.pathological:
        env = {**os.environ, "NEWSLINT_PATHOLOGICAL": "full"}
        cmd = [sys.executable, "-m", "pytest", "-o", "addopts=", "-q", "-rxXs", "--durations=0",
               "tests/test_pathological.py", "-k", "bounded_time"]
        return subprocess.call(cmd, cwd=ROOT, env=env)
    names = args.only or list(SHARE)
    total = sum(SHARE[n] for n in names)
    failed = False
    for name in names:
        seconds = args.minutes * 60 * SHARE[name] / total
        count, elapsed, failure = fuzz(name, seconds)
        print(f"{name}: {count} examples in {elapsed:.0f} s ({count / max(elapsed, 1e-9):.1f}/s)", flush=True)
        if failure:
            failed = True
            print(failure, flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
