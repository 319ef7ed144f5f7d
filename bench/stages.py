"""Where the time of a check goes, stage by stage, in this process (bench/run.py calls `measure`).

The stages are those of `lint.engine.check_article`, run one at a time over the same articles:
reading (files, folder manifest, recurrence across the folder), the document model (masks,
suppressions, lines, paragraphs, sentences, words), the shared annotations (person mentions, offices,
gender attributions, quotations), each rule family with the annotations already computed, and the JSON
report. The annotations are memoised on the document, so the rules' time below excludes them, as it
would in a real run after the first rule that asks for one. The floor is the bare pass the issue compares
newslint with: read each file and tokenize it (`Document` sentences and words) and nothing else.
"""

from __future__ import annotations

import io
import time
from collections import defaultdict
from pathlib import Path

from lint import Config, collector, langid, manifest, recurrence, suppress
from lint.annotate import gender as gender_annotation
from lint.annotate.offices import document_offices
from lint.annotate.persons import person_mentions
from lint.annotate.quotes import quotes
from lint.context import Context
from lint.document import Document
from lint.engine import _checking_date, _place, check_article, default_registry, resolve_language
from lint.knowledge.sources import build_knowledge
from lint.language import load_profile
from lint.report import render
from lint.results import Result, Run
from lint.sources import Article, read_inputs


def floor(folder: Path) -> tuple[float, int]:
    """Seconds to read and tokenize every article of `folder` (language from INDEX.tsv), and their count."""
    langs = {}
    for line in (folder / "INDEX.tsv").read_text(encoding="utf-8").splitlines()[1:]:
        name, lang, *_ = line.split("\t")
        langs[name] = lang
    rules = {lang: load_profile(lang).sentence_rules for lang in set(langs.values())}
    files = sorted(folder.glob("*.txt"))
    start = time.process_time()
    for path in files:
        text = path.read_bytes().decode("utf-8")
        doc = Document(text, langs[path.name], (), rules[langs[path.name]])
        doc.sentences, doc.words  # noqa: B018 (computed on first access)
    return time.process_time() - start, len(files)


def measure(folder: Path) -> tuple[dict[str, float], int]:
    """Seconds per stage over the articles of `folder`, and the number of articles."""
    cfg = Config(knowledge="embedded")
    registry = default_registry()
    rules = registry.select(cfg.select, cfg.ignore)
    knowledge = build_knowledge(cfg, offline=cfg.offline)
    families: dict[str, list] = defaultdict(list)
    for r in rules:
        families[r.family].append(r)
    # Start-up costs (KB, profiles, rule data, language identifier) are paid once, before timing: one
    # article of each language is checked first.
    firsts: dict[str | None, Article] = {}
    for a in read_inputs([str(folder)]):
        if isinstance(a, Article):
            firsts.setdefault(manifest.apply(a).lang, a)
    for a in firsts.values():
        check_article(a, cfg, rules=rules, knowledge=knowledge)
    langid.detect("warm")  # the detector's profiles load on first use, maybe after the first article
    collector.settle()  # as `newslint check` does once its first article is checked

    times: dict[str, float] = defaultdict(float)
    t = time.process_time()
    articles = [manifest.apply(a) for a in read_inputs([str(folder)]) if isinstance(a, Article)]
    recurrence.attach(articles)
    times["read"] = time.process_time() - t

    results = []
    for article in articles:
        t = time.process_time()
        _sups, directive_masks = suppress.find(article.text, article.format)
        lang = resolve_language(article, cfg)
        profile = load_profile(lang)
        doc = Document(article.text, lang, (*article.masks, *directive_masks), profile.sentence_rules)
        doc.lines, doc.paragraphs, doc.sentences, doc.words  # noqa: B018 (computed on first access)
        date, origin = _checking_date(article, cfg, None, lang)
        ctx = Context(article=article, profile=profile, date=date, date_origin=origin, knowledge=knowledge)
        times["document model"] += time.process_time() - t

        t = time.process_time()
        person_mentions(doc, ctx)
        document_offices(doc, ctx)
        gender_annotation.attributions(doc, ctx)
        gender_annotation.speech_subjects(doc, ctx)
        quotes(doc, profile)
        times["annotations"] += time.process_time() - t

        result = Result(article.source, lang, text=article.text)
        for family, members in families.items():
            t = time.process_time()
            for r in members:
                if r.applies_to(profile):
                    for issue in r.check(doc, ctx):
                        result.findings.append(_place(issue, r, r.severity, doc, article.source))
            times[f"rules: {family}"] += time.process_time() - t
        results.append(result)

    t = time.process_time()
    render("json", Run(results=results, rules=rules), io.StringIO())
    times["report (json)"] = time.process_time() - t
    return dict(times), len(articles)
