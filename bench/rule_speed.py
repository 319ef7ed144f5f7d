"""Time the rules on a 1,500-word article, after start-up (run by hand; not a test).

    python bench/rule_speed.py [--runs 50]

Prints, per rule family and in total, the median time of `check_article` on a French and an
English article of about 1,500 words built from the clean corpus, with the embedded KB, and the
read+tokenize floor (document model only) for comparison. Issue 3 sets 20 ms for the translation
defect families together; issue 4 sets 10 ms for the name rules.
"""

from __future__ import annotations

import argparse
import re
import statistics
import time
from collections import defaultdict
from functools import partial
from pathlib import Path

from lint import Article, Config, check_article
from lint.document import Document
from lint.engine import default_registry
from lint.language import load_profile

CLEAN = Path(__file__).resolve().parent.parent / "tests" / "data" / "clean"
MT_FAMILIES = (
    "quotes",
    "duplicates",
    "subjects",
    "titles",
    "sentences",
    "typography",
    "boilerplate",
    "residue",
    "language",
    "grammar",
)
NAME_FAMILIES = ("names", "gender")


def article_of(lang: str, words: int = 1500) -> str:
    parts, count = [], 0
    for path in sorted(CLEAN.glob(f"{lang}-*.txt")):
        text = path.read_text(encoding="utf-8")
        parts.append(text)
        count += len(re.findall(r"\w+", text))
        if count >= words:
            break
    return "\n\n".join(parts)


def median_ms(fn, runs: int) -> float:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    registry = default_registry()
    for lang in ("fr", "en"):
        text = article_of(lang)
        words = len(re.findall(r"\w+", text))
        article = Article(text=text, source=f"bench-{lang}", lang=lang)
        cfg = Config(knowledge="embedded")
        check_article(article, cfg)  # start-up: KB, language profile, langdetect profiles, rule modules
        profile = load_profile(lang)

        def floor(text=text, lang=lang, profile=profile):
            doc = Document(text, lang, sentence_rules=profile.sentence_rules)
            return doc.sentences, doc.words

        print(f"\n{lang}: {words} words, median of {args.runs} runs")
        print(f"  read+tokenize floor          {median_ms(floor, args.runs):7.2f} ms")
        by_family = defaultdict(list)
        for r in registry:
            by_family[r.family].append(r)
        for family in sorted(by_family):
            rules = by_family[family]
            ms = median_ms(partial(check_article, article, cfg, rules=rules), args.runs)
            print(f"  {family:<28} {ms:7.2f} ms")
        for label, families in (
            ("translation defects (issue 3)", MT_FAMILIES),
            ("names + gender (issue 4)", NAME_FAMILIES),
        ):
            rules = [r for r in registry if r.family in families]
            ms = median_ms(partial(check_article, article, cfg, rules=rules), args.runs)
            print(f"  {label:<28} {ms:7.2f} ms")
        ms = median_ms(partial(check_article, article, cfg), args.runs)
        print(f"  {'all rules':<28} {ms:7.2f} ms")


if __name__ == "__main__":
    main()
