"""The engine as a server holds it: rules, language profiles and knowledge loaded once, then shared by
every request (threads included).

What the engine keeps between checks is read-only after start-up or a cache that any thread may
fill (the same value whoever computes it), so concurrent checks give the results serial ones do.
"""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass
from functools import lru_cache

from .. import collector, langid
from ..article import Article
from ..config import Config
from ..document import blank_out
from ..engine import check_article, default_registry
from ..knowledge.sources import build_knowledge
from ..language import available_languages, load_profile
from ..registry import Registry
from ..results import Result
from ..rule import Rule
from .fields import CheckRequest

DETECT_SAMPLE = 500  # code points: enough to say which language a text given one is in (~3 ms)


@dataclass
class Checked:
    """A check's result, with what the answer says about the language and how long the check took."""

    result: Result
    rules: dict[str, Rule]  # the rules that ran, by id
    detected: str  # the language detected in the text
    confidence: float
    seconds: float = 0.0


class Checker:
    """One loaded engine; `check` may be called from several threads at once."""

    def __init__(self, config: Config, registry: Registry | None = None) -> None:
        self.config = config
        self.registry = registry or default_registry()
        self.rules = self.registry.select(config.select, config.ignore)
        self.knowledge = build_knowledge(config, offline=config.offline)
        self.languages = available_languages()
        self.categories = sorted({r.category for r in self.registry})
        # requests repeat the same few filters: resolve each combination once
        self._select = lru_cache(maxsize=256)(self._select_uncached)
        self._warm()

    def _warm(self) -> None:
        """Load and compile now what the first requests would otherwise pay for: every language's
        profile and the patterns rules derive from it (by checking the rules' own examples), and the
        language identifier. Then freeze what is loaded, so that the collector stops walking it."""
        langid.detect("warm up the language identifier")
        for lang in self.languages:
            load_profile(lang)
            sample = "\n\n".join(e.text for r in self.rules for e in r.examples if e.lang == lang)
            check_article(Article(text=sample, source="warm-up"), self._config(lang, None), rules=self.rules,
                          knowledge=self.knowledge)
        collector.settle()  # a full collection would otherwise traverse the knowledge base: 100 ms pauses

    def check(self, request: CheckRequest) -> Checked:
        started = time.perf_counter()
        prose = blank_out(request.source, request.masks) if request.masks else request.source
        if request.language is None:
            lang, confidence = langid.detect(prose)  # as the CLI detects it: the same text, the same answer
            detected = lang
        else:
            lang = request.language
            detected, confidence = langid.detect(prose[:DETECT_SAMPLE])
        rules = self.select(request)
        article = Article(
            text=request.source,
            source=request.source_name,
            masks=request.masks,
            format="html" if request.masks else "text",  # markup may hold <!-- newslint-disable -->
        )
        result = check_article(article, self._config(lang, request.date), rules=list(rules),
                               knowledge=self.knowledge)
        return Checked(result, {r.id: r for r in rules}, detected, confidence, time.perf_counter() - started)

    def _config(self, lang: str, date: dt.date | None) -> Config:
        return self.config.replace(language=lang, date=date or self.config.date)

    def select(self, request: CheckRequest) -> tuple[Rule, ...]:
        return self._select(
            request.enabled_rules,
            request.disabled_rules,
            frozenset(request.enabled_categories),
            frozenset(request.disabled_categories),
            request.enabled_only,
        )

    def _select_uncached(
        self,
        enabled: tuple[str, ...],
        disabled: tuple[str, ...],
        enabled_categories: frozenset[str],
        disabled_categories: frozenset[str],
        enabled_only: bool,
    ) -> tuple[Rule, ...]:
        """LanguageTool's filters over newslint's rules: ids may also be families or globs
        ("names", "names.*"); ids no rule has (a LanguageTool rule a client remembers) match nothing."""
        named = {r.id for p in enabled for r in self.registry.matching(p)}
        if enabled_only:
            chosen = [r for r in self.registry if r.id in named or r.category in enabled_categories]
        else:
            base = {r.id for r in self.rules}
            chosen = [r for r in self.registry if r.id in base or r.id in named or r.category in enabled_categories]
        dropped = {r.id for p in disabled for r in self.registry.matching(p)}
        return tuple(r for r in chosen if r.id not in dropped and r.category not in disabled_categories)
