"""Where checks run: threads of the server process, or processes fed from one queue.

A check is CPU-bound Python, and one process runs one at a time whatever its threads (the engine
holds the interpreter lock), so several cores take several processes. They are fed here from one
queue, in order, by whichever is free: server processes that each accepted their own connections
(uvicorn's `--workers`) would leave one idle while another has a queue, since an editor's tool
keeps its connection open.
"""

from __future__ import annotations

import functools
import logging
import multiprocessing
import os
import threading
from collections.abc import Callable
from concurrent.futures import Executor, Future, ProcessPoolExecutor, ThreadPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool

from ..config import Config
from . import answers
from .checker import Checker
from .fields import CheckRequest

log = logging.getLogger("newslint.serve")


class CheckPool:
    """`submit(request, fmt)` -> a Future of an `answers.Answer`."""

    def __init__(self, config: Config, *, processes: int = 1, threads: int = 1, checker: Checker | None = None):
        self.config = config
        self.processes = processes
        self._lock = threading.Lock()
        if processes > 1:
            self.checker = None
            self._executor: Executor = self._start_processes()
            self._run: Callable[..., answers.Answer] = answers.answer_in_process
        else:
            self.checker = checker or Checker(config)
            self._executor = ThreadPoolExecutor(max_workers=threads, thread_name_prefix="newslint-check")
            # looked up at each call, so that a test may replace the checker's `check`
            self._run = functools.partial(_answer_with, self)

    def _start_processes(self) -> ProcessPoolExecutor:
        # spawned, not forked: the server has threads by now, and a fork copies none of them
        executor = ProcessPoolExecutor(
            max_workers=self.processes,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=answers.start_process,
            initargs=(self.config, os.getpid()),
        )
        # one task each: every process is started, and its engine loaded, before the first request
        wait([executor.submit(answers.ready) for _ in range(self.processes)])
        return executor

    def submit(self, request: CheckRequest, fmt: str) -> Future:
        try:
            return self._executor.submit(self._run, request, fmt)
        except BrokenProcessPool:
            self._restart()
            return self._executor.submit(self._run, request, fmt)

    def _restart(self) -> None:
        """A check process died (killed, out of memory): start them all again, once."""
        with self._lock:
            executor = self._executor
            if isinstance(executor, ProcessPoolExecutor) and getattr(executor, "_broken", False):
                log.error("a check process died: starting the check processes again")
                executor.shutdown(wait=False, cancel_futures=True)
                self._executor = self._start_processes()

    def close(self) -> None:
        """Stop the checks not started; wait for the processes to end (uvicorn ends the server with
        the signal it received once the app has shut down: no exit handler would stop them then)."""
        self._executor.shutdown(wait=isinstance(self._executor, ProcessPoolExecutor), cancel_futures=True)


def _answer_with(pool: CheckPool, request: CheckRequest, fmt: str) -> answers.Answer:
    assert pool.checker is not None
    return answers.answer(pool.checker, request, fmt)
