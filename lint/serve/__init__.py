"""`newslint serve`: the engine behind an HTTP API that LanguageTool's clients speak, with a page to
paste a draft into. See docs/serve.md.

    from lint.serve import Settings, create_app, run
    run(Settings(port=8081, workers=2))   # what `newslint serve --workers 2` does
    settings = Settings()
    app = create_app(settings.config(), settings.limits())  # an ASGI app, for tests or another server
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..config import Config, ConfigResolver, parse_values
from .app import Limits, create_app

__all__ = ["Limits", "Settings", "create_app", "run"]


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
    )
