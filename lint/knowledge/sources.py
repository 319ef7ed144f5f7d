"""Which knowledge sources a run uses, from its configuration."""

from __future__ import annotations

import os
import threading
from typing import Any

from ..config import Config
from . import Knowledge, embedded

_online: dict[tuple, Any] = {}
_online_lock = threading.Lock()
# A forked worker must open its own connections and SQLite cache, never use its parent's.
if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_online.clear)


def build_knowledge(config: Config, *, offline: bool = False) -> Knowledge | None:
    """The layers a configuration asks for: the embedded snapshot, then (`knowledge = wikipedia`)
    Wikipedia and Wikidata; `offline` keeps the online layer to its cache (no network)."""
    if config.knowledge == "off":
        return None
    base = embedded.load(config.cache_dir)
    sources: list = [base]
    if config.knowledge == "wikipedia":
        # Knowledge.consults_wikipedia is then True while the online layer works for the article
        sources.append(_wikipedia(config, offline, base.roles))
    return Knowledge(sources)


def _wikipedia(config: Config, offline: bool, roles: dict[str, Any]) -> Any:
    """One online source per configuration and process: its connections, cache and circuit breaker
    are shared by every article checked with that configuration."""
    from .wikipedia import WikipediaKnowledge  # imported only when asked for: it pulls in httpx

    key = (
        config.user_agent,
        config.mediawiki_url,
        config.wikidata_url,
        config.cache_dir,
        config.cache_ttl,
        offline,
    )
    with _online_lock:
        if key not in _online:
            _online[key] = WikipediaKnowledge.from_config(config, offline=offline, roles=roles)
        return _online[key]
