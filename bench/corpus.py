"""The benchmark corpus: ~800-word articles in fr, en, de and es composed from the project's own clean
test articles (tests/data/clean), some with defects injected (bench/inject.py) and a manifest of where.

    python bench/corpus.py OUT_DIR --articles 1000 [--seed 14]

writes OUT_DIR/articles/aNNNNN.txt, OUT_DIR/articles/INDEX.tsv (language and date of each file, read by
`newslint check` as a folder manifest) and OUT_DIR/manifest.jsonl (one line per injected defect, with
its category and code-point offsets in the file). Article i is the same whatever the number asked for
(its random generator is seeded with the seed and i), so the 10-article corpus is the first ten of the
10,000-article one and growth is measured on like texts.
"""

from __future__ import annotations

import argparse
import json
import random
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from inject import inject  # bench/ is on sys.path: run as a script, and the tests add it

ROOT = Path(__file__).resolve().parent.parent
CLEAN = ROOT / "tests" / "data" / "clean"
LANGS = ("fr", "en", "de", "es")
WORDS_PER_ARTICLE = 800
DEFECTIVE_SHARE = 0.5  # of the articles; the others are left clean
MAX_DEFECTS = 3  # per defective article, each of a different category
_SENTENCE_END = (".", "!", "?", "…", "»", "”", '"', "“")
# A short line with no full stop is a headline or a caption: recurring in many articles of one folder it
# would read as the site's furniture (lint/recurrence.py), which a composed corpus must not invent.
_SHORT_LINE_WORDS = 15


@dataclass(frozen=True)
class Paragraph:
    text: str
    source: str  # the test article it comes from
    date: str  # that article's date (INDEX.tsv)


@dataclass
class Article:
    name: str
    lang: str
    date: str
    paragraphs: list[str]
    defects: list[dict] = field(default_factory=list)  # offsets into `text`

    @property
    def text(self) -> str:
        return "\n\n".join(self.paragraphs) + "\n"

    def offset_of(self, index: int) -> int:
        """Where paragraph `index` starts in `text`."""
        return sum(len(p) + 2 for p in self.paragraphs[:index])


@cache
def pools() -> dict[str, tuple[Paragraph, ...]]:
    """Each language's paragraphs of the clean test articles (plain text files only), headlines and
    captions left out."""
    index = {}
    for line in (CLEAN / "INDEX.tsv").read_text(encoding="utf-8").splitlines()[1:]:
        cells = line.split("\t")
        if len(cells) >= 3:
            index[cells[0]] = cells[2]
    out: dict[str, list[Paragraph]] = {lang: [] for lang in LANGS}
    for lang in LANGS:
        for path in sorted(CLEAN.glob(f"{lang}-*.txt")):
            for para in re.split(r"\n[ \t]*\n", path.read_text(encoding="utf-8")):
                para = para.strip()
                if not para or (len(para.split()) <= _SHORT_LINE_WORDS and not para.endswith(_SENTENCE_END)):
                    continue
                out[lang].append(Paragraph(para, path.name, index.get(path.name, "2022-01-26")))
    return {lang: tuple(ps) for lang, ps in out.items()}


def compose(i: int, seed: int) -> Article:
    """Article number `i`: paragraphs drawn without repeat until ~800 words, dated like its first."""
    rng = random.Random(f"newslint-bench:{seed}:{i}")
    lang = LANGS[i % len(LANGS)]
    pool = pools()[lang]
    chosen: list[Paragraph] = []
    words = 0
    for k in rng.sample(range(len(pool)), len(pool)):
        chosen.append(pool[k])
        words += len(pool[k].text.split())
        if words >= WORDS_PER_ARTICLE:
            break
    article = Article(f"a{i:05}.txt", lang, chosen[0].date, [p.text for p in chosen])
    if rng.random() < DEFECTIVE_SHARE:
        inject(article, rng, rng.randint(1, MAX_DEFECTS))
    return article


def write(out: Path, count: int, seed: int) -> list[Article]:
    """Write `count` articles, their INDEX.tsv and the manifest of injected defects under `out`."""
    folder = out / "articles"
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("a*.txt"):
        old.unlink()
    articles = [compose(i, seed) for i in range(count)]
    rows = ["file\tlang\tdate"]
    with open(out / "manifest.jsonl", "w", encoding="utf-8") as manifest:
        for a in articles:
            (folder / a.name).write_text(a.text, encoding="utf-8")
            rows.append(f"{a.name}\t{a.lang}\t{a.date}")
            for d in a.defects:
                manifest.write(json.dumps({"file": a.name, "lang": a.lang, **d}, ensure_ascii=False) + "\n")
    (folder / "INDEX.tsv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    return articles


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out", type=Path)
    parser.add_argument("--articles", type=int, default=100)
    parser.add_argument("--seed", type=int, default=14)
    args = parser.parse_args()
    articles = write(args.out, args.articles, args.seed)
    print(f"{len(articles)} articles, {sum(len(a.defects) for a in articles)} defects in {args.out}")


if __name__ == "__main__":
    main()
