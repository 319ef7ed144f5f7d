"""Checking an article: source -> document -> rules -> findings, with nothing printed or exited.

This is the Python API the CLI (and any service) is a thin layer over.
"""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
from collections.abc import Sequence

from . import langid, suppress
from .article import Article
from .config import Config
from .context import Context
from .dateline import text_date
from .document import Document
from .knowledge import Knowledge
from .language import available_languages, load_profile
from .registry import Registry, discover
from .results import Result
from .rule import Finding, Issue, Rule

_registry: Registry | None = None


def default_registry() -> Registry:
    """Every rule registered under the entry-point group, loaded once per process."""
    global _registry
    if _registry is None:
        _registry = discover()
    return _registry


def resolve_language(article: Article, config: Config) -> str:
    if config.language:
        return config.language
    if article.lang:
        return article.lang.split("-")[0].lower()
    lang, _ = langid.detect(article.text)
    return lang


def check_article(
    article: Article,
    config: Config | None = None,
    *,
    rules: Sequence[Rule] | None = None,
    knowledge: Knowledge | None = None,
    today: dt.date | None = None,
) -> Result:
    """Check one article with the selected rules; never raises for a rule's failure."""
    config = config or Config()
    if rules is None:
        rules = default_registry().select(config.select, config.ignore)
    if knowledge is None and config.knowledge != "off":
        from .knowledge.sources import build_knowledge

        knowledge = build_knowledge(config, offline=config.offline)
    sups, directive_masks = suppress.find(article.text, article.format)
    lang = resolve_language(article, config)
    profile = load_profile(lang)
    doc = Document(article.text, lang, (*article.masks, *directive_masks), profile.sentence_rules)
    date, origin = _checking_date(article, config, today, lang)
    ctx = Context(
        article=article,
        profile=profile,
        date=date,
        date_origin=origin,
        date_last=article.published_last if origin == "article metadata" else None,
        knowledge=knowledge,
        allow_names=config.allow_names,
    )
    result = Result(article.source, lang, notices=list(article.notices), text=article.text, masks=article.masks)
    if lang not in available_languages():
        ctx.notice("info", f"no language data for {lang!r}: only language-independent rules ran")
    if knowledge is not None and getattr(knowledge, "needs_prefetch", True):
        _prefetch(knowledge, doc, ctx)
    for r in rules:
        if not r.applies_to(profile):
            continue
        try:
            issues = list(r.check(doc, ctx))
        except Exception as exc:  # one rule's bug must not cost the other rules' findings
            ctx.notice("error", f"rule {r.id} failed on this document: {type(exc).__name__}: {exc}")
            continue
        severity = config.severity_of(r.id, r.severity)
        for issue in issues:
            if any(s.covers(r.id, issue.start) for s in sups):
                continue
            result.findings.append(_place(issue, r, "info" if issue.tentative else severity, doc, article.source))
    result.findings = _without_moot(result.findings, rules)
    result.findings.sort(key=lambda f: (f.offset, f.rule, f.length))
    result.findings = _unique(result.findings)
    if knowledge is not None:
        for level, message in getattr(knowledge, "drain_notices", list)():
            ctx.notice(level, message)  # e.g. Wikipedia unreachable: what could not be checked
    result.notices.extend(ctx.notices)
    return result


def _prefetch(knowledge: Knowledge, doc: Document, ctx: Context) -> None:
    """Let sources with a network round trip look the article's people up in one batch before the
    rules ask for them one at a time. The names come from a reading of the document without
    knowledge (memoised under its own key): the rules' person mentions are computed afterwards,
    with the answers in."""
    from dataclasses import replace

    from .annotate.persons import person_mentions

    prefetch = getattr(knowledge, "prefetch", None)
    if prefetch is None:
        return
    try:
        mentions = person_mentions(doc, replace(ctx, knowledge=None, notices=[])).mentions
        prefetch(sorted({m.name for m in mentions if not m.short and len(m.words) >= 2}), doc.lang)
    except Exception as exc:  # looking ahead is an optimisation: never the reason a check fails
        ctx.notice("warning", f"names could not be looked up in advance: {type(exc).__name__}: {exc}")


def check_text(
    text: str,
    lang: str | None = None,
    config: Config | None = None,
    *,
    date: dt.date | None = None,
    source: str = "<text>",
) -> list[Finding]:
    """Check a string; the simplest entry point to the engine."""
    article = Article(text=text, source=source, lang=lang, published=date)
    return check_article(article, config).findings


def _checking_date(article: Article, config: Config, today: dt.date | None, lang: str) -> tuple[dt.date, str]:
    """In this order: --date, the input's metadata, the text's own dateline or stamp, today."""
    if config.date:
        return config.date, "--date"
    if article.published:
        return article.published, "article metadata"
    found = text_date(article.text, lang)
    if found is not None:
        return found[0], f"the text's {found[1]}"
    return today or dt.date.today(), "today"


def _without_moot(findings: list[Finding], rules: Sequence[Rule]) -> list[Finding]:
    """The findings less those of cosmetic rules inside text that a removing rule says to delete."""
    removing = {r.id for r in rules if r.removes}
    cosmetic = {r.id for r in rules if r.cosmetic}
    spans = sorted((f.offset, f.offset + f.length) for f in findings if f.rule in removing)
    if not spans or not cosmetic:
        return findings
    starts = [s for s, _ in spans]
    reach = list(itertools.accumulate((e for _, e in spans), max))  # the furthest end of those before

    def moot(f: Finding) -> bool:
        k = bisect.bisect_right(starts, f.offset) - 1
        return k >= 0 and f.offset + f.length <= reach[k]

    return [f for f in findings if f.rule not in cosmetic or not moot(f)]


def _place(issue: Issue, r: Rule, severity: str, doc: Document, source: str) -> Finding:
    start = max(0, min(issue.start, len(doc.source)))
    end = max(start, min(issue.end, len(doc.source)))
    line, column = doc.position(start)
    end_line, end_column = doc.position(end)
    return Finding(
        rule=r.id,
        category=r.category,
        severity=severity,
        source=source,
        offset=start,
        length=end - start,
        line=line,
        column=column,
        end_line=end_line,
        end_column=end_column,
        text=doc.source[start:end],
        message=issue.message,
        suggestions=tuple(issue.suggestions),
        evidence=issue.evidence,
        fix=issue.fix,
    )


def _unique(findings: list[Finding]) -> list[Finding]:
    seen, out = set(), []
    for f in findings:
        key = (f.rule, f.offset, f.length, f.message)
        if key not in seen:
            seen.add(key)
            out.append(f)
    return out
