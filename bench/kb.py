"""Benchmark of the embedded knowledge base and the name rules; run by hand, never by the tests.

    .venv/bin/python bench/kb.py [--article PATH] [--runs N]

Prints, each in a fresh interpreter so that nothing is already imported or cached in memory:
- the time and peak memory (tracemalloc) of compiling the KB from its TOML files;
- the time and peak memory of loading it from the compiled cache (the usual case);
and then the CPU time the names and gender rules take on a 1,500-word article (the seed article of
the shared corpus when it is there and the clean French test texts, cut to 1,500 words), best and
median of N runs, the document's structure and the shared person annotation shown apart.

Targets: KB load under 100 ms and 50 MB; name rules under 10 ms per 1,500-word article.
"""

from __future__ import annotations

import argparse
import json
import pathlib
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
SEED = ROOT.parent / "shared" / "corpus" / "fr-2022-01-ukraine.txt"
CLEAN = ROOT / "tests" / "data" / "clean"

_LOAD = """
import json, sys, time, tracemalloc
sys.path.insert(0, {root!r})
from lint.knowledge import embedded
tracemalloc.start()
t = time.perf_counter()
{action}
elapsed = time.perf_counter() - t
current, peak = tracemalloc.get_traced_memory()
print(json.dumps({{"ms": elapsed * 1000, "peak_mb": peak / 1e6, "kept_mb": current / 1e6, "people": len(base.people)}}))
"""

_TIMED = """
import json, sys, time
sys.path.insert(0, {root!r})
t = time.perf_counter()
from lint.knowledge import embedded
imported = time.perf_counter()
{action}
done = time.perf_counter()
print(json.dumps({{"ms": (done - imported) * 1000, "import_ms": (imported - t) * 1000}}))
"""


def _run(template: str, action: str) -> dict:
    code = template.format(root=str(ROOT), action=action)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def _article(path: str | None, words: int = 1500) -> tuple[str, str]:
    if path:
        text = pathlib.Path(path).read_text(encoding="utf-8")
        lang = pathlib.Path(path).name[:2]
    else:
        parts = []
        if SEED.is_file():
            parts.append(SEED.read_text(encoding="utf-8"))
        parts += [f.read_text(encoding="utf-8") for f in sorted(CLEAN.glob("fr-*.txt"))]
        text = "\n\n".join(parts)
        lang = "fr"
    paragraphs = text.split("\n\n")
    out, n, k = [], 0, 0
    while n < words and paragraphs:
        p = paragraphs[k % len(paragraphs)]
        out.append(p)
        n += len(p.split())
        k += 1
    return "\n\n".join(out), lang


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--article", help="a text file to time the rules on (language from its first two letters)")
    ap.add_argument("--runs", type=int, default=20)
    args = ap.parse_args()

    with tempfile.TemporaryDirectory() as cache:
        cold_mem = _run(_LOAD, "base = embedded.compile_knowledge()")
        cold = [_run(_TIMED, "base = embedded.compile_knowledge()")["ms"] for _ in range(3)]
        _run(_TIMED, f"base = embedded.load({cache!r})")  # writes the cache
        warm_runs = [_run(_TIMED, f"base = embedded.load({cache!r})") for _ in range(7)]
        warm_mem = _run(_LOAD, f"base = embedded.load({cache!r})")
    warm = [r["ms"] for r in warm_runs]
    imported = min(r["import_ms"] for r in warm_runs)
    print(f"KB: {cold_mem['people']} people (importing lint.knowledge: {imported:.0f} ms)")
    print(f"  compile from TOML : {min(cold):7.1f} ms   peak {cold_mem['peak_mb']:5.1f} MB")
    print(
        f"  load from cache   : {min(warm):7.1f} ms (median {statistics.median(warm):.1f})"
        f"   peak {warm_mem['peak_mb']:5.1f} MB, kept {warm_mem['kept_mb']:.1f} MB   (targets: 100 ms, 50 MB)"
    )

    sys.path.insert(0, str(ROOT))
    import datetime as dt

    from lint.annotate.persons import person_mentions
    from lint.article import Article
    from lint.config import Config
    from lint.context import Context
    from lint.document import Document
    from lint.engine import default_registry
    from lint.knowledge.sources import build_knowledge
    from lint.language import load_profile

    text, lang = _article(args.article)
    knowledge = build_knowledge(Config(knowledge="embedded"))
    profile = load_profile(lang)
    registry = default_registry()
    stages: dict[str, list[float]] = {}
    clock = time.process_time  # CPU time of this process: other processes on the machine do not count

    def timed(name, fn):
        t = clock()
        fn()
        stages.setdefault(name, []).append((clock() - t) * 1000)

    for i in range(args.runs + 1):
        doc = Document(text, lang, (), profile.sentence_rules)
        ctx = Context(
            article=Article(text=text, source=f"run-{i}", lang=lang),
            profile=profile,
            date=dt.date(2022, 1, 26),
            date_origin="bench",
            knowledge=knowledge,
        )
        timed("document (sentences, words)", lambda: (doc.sentences, doc.words))  # noqa: B023
        timed("persons annotation (shared)", lambda: person_mentions(doc, ctx))  # noqa: B023
        for family in ("names", "gender"):
            rules = registry.select((family,))
            timed(f"{family} rules", lambda: [list(r.check(doc, ctx)) for r in rules])  # noqa: B023
        if i == 0:
            stages.clear()  # the first run warms caches (label tables, lexicons)
    print(f"rules on a {len(text.split())}-word {lang} article, CPU time, best / median of {args.runs}:")
    for name, values in stages.items():
        print(f"  {name:30}: {min(values):6.1f} ms / {statistics.median(values):6.1f} ms")
    mine = [a + b for a, b in zip(stages["names rules"], stages["gender rules"], strict=True)]
    print(f"  {'names + gender rules':30}: {min(mine):6.1f} ms / {statistics.median(mine):6.1f} ms  (target: 10 ms)")


if __name__ == "__main__":
    main()
