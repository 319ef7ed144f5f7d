"""`newslint serve`: the engine behind an HTTP API that LanguageTool's clients speak, with a page to
paste a draft into. See docs/serve.md.

    from lint.serve import Settings, create_app, run
    run(Settings(port=8081, workers=2))   # what `newslint serve --workers 2` does
    settings = Settings()
    app = create_app(settings.config(), settings.limits())  # an ASGI app, for tests or another server
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..config import Config, ConfigResolver, parse_values
from .app import Limits, create_app

__all__ = ["Limits", "Settings", "create_app", "run", "server_options"]


@dataclass(frozen=True)
class Settings:
    """Everything `newslint serve` is told."""

    host: str = "127.0.0.1"
    port: int = 8081
    overrides: dict[str, str] = field(default_factory=dict)  # configuration keys, as on the command line
    config_file: str | None = None
    max_bytes: str = "1M"  # a request's size; the configuration's max-bytes is about input files
    timeout: float = 10.0
    threads: int = 1
    workers: int = 1  # check processes
    cors_origins: tuple[str, ...] = ()
    access_log: bool = True
    log_level: str = "info"

    def config(self) -> Config:
        """The configuration as the CLI resolves it for standard input: the file found from the
        working directory (or `config_file`), the options on top; raises ConfigError."""
        from ..engine import default_registry

        explicit = Path(self.config_file) if self.config_file else None
        resolver = ConfigResolver(self.overrides, explicit, known_rules=default_registry().rules)
        return resolver.for_path(None)

    def limits(self) -> Limits:
        max_bytes = parse_values({"max-bytes": self.max_bytes}, "command line").max_bytes
        return Limits(max_bytes=max_bytes, timeout=self.timeout, processes=self.workers, threads=self.threads)


def run(settings: Settings) -> None:
    """Serve until interrupted. Bad settings raise ConfigError before anything is loaded."""
    import uvicorn

    config, limits = settings.config(), settings.limits()
    app = create_app(config, limits, settings.cors_origins)
    uvicorn.run(
        app,
        host=settings.host,
        port=settings.port,
        access_log=settings.access_log,
        log_level=settings.log_level,
        timeout_graceful_shutdown=5,
        **server_options(limits.timeout),
    )


def server_options(timeout: float) -> dict[str, Any]:
    """uvicorn's settings for `run` (and for tests that serve as it does): a request's head must
    arrive within `timeout` seconds, as its body must (app.py). uvicorn's other limits are kept:
    a head line over 16 KB (`h11_max_incomplete_event_size`) is 400, an idle connection is closed
    5 s after an answer (`timeout_keep_alive`), and there is no `limit_concurrency`, which would let
    idle or slow connections lock real clients out; the check pool and `timeout` bound the work."""
    return {"http": _head_deadline_protocol(timeout), "timeout_keep_alive": 5}


@functools.cache
def _head_deadline_protocol(timeout: float) -> type:
    """uvicorn's h11 protocol with a deadline for each request's head. uvicorn times a connection
    out only after an answer, and a byte received stops even that timer: a client that connects and
    sends nothing, or a header line a minute (slowloris), would keep its connection forever, and
    enough of them would use up the server's file descriptors."""
    from uvicorn.protocols.http.h11_impl import H11Protocol

    class HeadDeadline(H11Protocol):
        def connection_made(self, transport: Any) -> None:
            super().connection_made(transport)
            self._head_deadline()

        def on_response_complete(self) -> None:
            self._head_deadline()  # for the next request's head: armed before a pipelined one starts
            super().on_response_complete()

        def _head_deadline(self) -> None:
            self.loop.call_later(timeout, self._head_overdue, self.cycle)

        def _head_overdue(self, cycle: Any) -> None:
            # the same cycle as when armed: no request head has arrived since (a body still being
            # drained after an early answer, a 413, counts as no new head too)
            if self.cycle is cycle and not self.transport.is_closing():
                self.transport.close()

    return HeadDeadline
