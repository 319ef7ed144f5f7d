"""Which knowledge sources a run uses, from its configuration."""

from __future__ import annotations

from ..config import Config
from . import Knowledge, embedded


def build_knowledge(config: Config) -> Knowledge | None:
    if config.knowledge == "off":
        return None
    sources: list = [embedded.load()]
    if config.knowledge == "wikipedia":
        from .wikipedia import WikipediaKnowledge  # imported only when asked for: it pulls in httpx

        sources.append(WikipediaKnowledge.from_config(config))
    return Knowledge(sources)
