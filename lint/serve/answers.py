"""A check's answer, encoded where the check ran: in a check thread, or in a check process, which
then hands the parent only bytes (the findings never cross the process boundary as objects)."""

from __future__ import annotations

import json
import os
import threading
import time
from dataclasses import dataclass
from io import StringIO

from ..config import Config
from ..report import json as json_report
from ..results import Run
from . import languagetool
from .checker import Checker
from .fields import CheckRequest

FORMATS = ("languagetool", "report")  # /v2/check's answer, /api/check's


@dataclass(frozen=True)
class Answer:
    body: bytes  # JSON, UTF-8
    began: float  # time.monotonic() (one clock for every process) when the check started
    checked: float  # ... when it ended and the encoding began
    encoded: float  # ... when the body was ready


def answer(checker: Checker, request: CheckRequest, fmt: str) -> Answer:
    began = time.monotonic()
    checked = checker.check(request)
    done = time.monotonic()
    if fmt == "languagetool":
        text = json.dumps(languagetool.check_response(checked, request), ensure_ascii=False, separators=(",", ":"))
    else:
        out = StringIO()
        json_report.render(Run(results=[checked.result], rules=list(checked.rules.values())), out)
        text = out.getvalue()
    return Answer(text.encode("utf-8"), began, done, time.monotonic())


# -- in a check process ---------------------------------------------------------------------------
_checker: Checker | None = None  # this process's engine, loaded by `start_process`


def start_process(config: Config, parent: int) -> None:
    """A check process's initializer: load the engine once, and end when the server does."""
    global _checker
    threading.Thread(target=_orphaned, args=(parent,), name="newslint-parent-watch", daemon=True).start()
    _checker = Checker(config)


def _orphaned(parent: int) -> None:
    # A server killed outright (SIGKILL, out of memory) cannot tell its check processes to stop,
    # and they would wait for work forever: each notices that it has been handed to init.
    while os.getppid() == parent:
        time.sleep(1.0)
    os._exit(0)


def answer_in_process(request: CheckRequest, fmt: str) -> Answer:
    assert _checker is not None, "start_process did not run in this process"
    return answer(_checker, request, fmt)


def ready() -> int:
    """A no-op the parent waits for: the process has loaded its engine."""
    return os.getpid()
