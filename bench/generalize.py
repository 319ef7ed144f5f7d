"""Leave-one-site-out: how the rules do on a site whose text taught them nothing.

    python bench/generalize.py [CORPUS_DIR] [--verbose] [--misses=CATEGORY]

CORPUS_DIR (default ../shared/corpus) holds articles, their `*.gold.jsonl` annotations and an
`INDEX.tsv` manifest (file, lang, url, date). The site of an article is the registrable domain of its
URL (`fr.topwar.ru` and `topwar.ru` are one site; the seed article, with no URL, is a site of its own).

The score on the texts the data was written from says little about unseen sites: a phrase list
learnt from one page finds that page's phrases. So, for each site S, every entry of the language
data (`rules/data/**/*.toml`, phrases and patterns in lists) whose only evidence in the corpus is S (it occurs in
S's articles and in no other site's) is removed, the rules run over S's articles with that reduced
data, and S is scored. Entries with a real outside source (a CMS's UI strings, a style guide) that
happen to occur on one site only are removed too: the measure is pessimistic on purpose, it is the
figure a new site would see if that source had not been looked up. The knowledge base of people
(`people.toml`, the embedded Wikidata snapshot) is not removed: names come from Wikidata, not from
articles, and removing a person would measure the snapshot's coverage, not the rules.

It also lists rule examples that share a run of 8 words with a corpus article (an example copied
from the corpus is tuning, whatever its site).

Prints, per category, recall of required gold items and precision of findings, both over the whole
corpus ("fit": the data as shipped) and leave-one-site-out ("held out"), then the entries that only
one site evidences. Run by hand; it takes about a second per site.
"""

from __future__ import annotations

import csv
import datetime as dt
import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path
from urllib.parse import urlsplit

import tomllib

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "rules" / "data"
KNOWLEDGE_FILES = {"people.toml"}  # names come from Wikidata, not from the corpus
# Hosting suffixes under which each name is a separate site (from the Public Suffix List's private section).
HOSTING = ("pages.dev", "github.io", "blogspot.com", "wordpress.com", "netlify.app")
# Second-level labels of country-code domains that are not sites themselves (com.ar, co.uk, com.ua).
GENERIC_SLD = {"co", "com", "org", "net", "gov", "ac", "edu"}


def site_of(url: str, file: str) -> str:
    host = (urlsplit(url).hostname or "") if url.startswith(("http://", "https://")) else ""
    if not host:
        return f"(no url: {file})"
    labels = host.lower().split(".")
    for suffix in HOSTING:
        if host.endswith("." + suffix):
            return ".".join(labels[-(suffix.count(".") + 2):])
    if len(labels) >= 3 and len(labels[-1]) == 2 and labels[-2] in GENERIC_SLD:
        return ".".join(labels[-3:])
    return ".".join(labels[-2:])


def read_index(corpus: Path) -> list[dict[str, str]]:
    with (corpus / "INDEX.tsv").open(encoding="utf-8", newline="") as f:
        rows = [r for r in csv.DictReader(f, delimiter="\t") if r.get("file")]
    for r in rows:
        r["site"] = site_of(r.get("url", ""), r["file"])
    return rows


def _fold(text: str) -> str:
    return text.casefold().replace("\u2019", "'").replace("\u02bc", "'")


def data_entries() -> list[tuple[Path, tuple[str, ...], str]]:
    """(file, key path, string) for every string in a list of the language data."""
    out = []
    for path in sorted(DATA.rglob("*.toml")):
        if path.name in KNOWLEDGE_FILES:
            continue
        table = tomllib.loads(path.read_text(encoding="utf-8"))
        for keys, value in _strings_in_lists(table, ()):
            out.append((path, keys, value))
    return out


def _strings_in_lists(node, keys):
    if isinstance(node, dict):
        for k, v in node.items():
            yield from _strings_in_lists(v, (*keys, k))
    elif isinstance(node, list):
        for v in node:
            if isinstance(v, str):
                yield keys, v
            else:
                yield from _strings_in_lists(v, keys)


_REGEX_HINT = re.compile(r"[\\()\[\]|?*+{}^$@]")


def entry_pattern(entry: str) -> re.Pattern[str] | None:
    """How an entry is looked for in a text: as a phrase, or as the pattern it is."""
    if _REGEX_HINT.search(entry):
        try:
            # `@list` references expand to word alternations at run time; any word stands for them here.
            return re.compile(re.sub(r"@\w+", r"\\w+(?: \\w+)*", entry), re.I)
        except re.error:
            return None
    folded = _fold(entry).strip()
    if len(folded.split()) < 2:
        # A single word is lexicon (a verb form, a pronoun, a given name): every text of the language
        # has its kind, and a small corpus showing it on one site says nothing about tuning. Phrases
        # and patterns are where a list learns one page.
        return None
    return re.compile(r"(?<!\w)" + re.escape(folded) + r"(?!\w)")


def single_site_entries(rows, corpus: Path):
    """For each site, the data entries found in its articles and in no other site's."""
    texts = defaultdict(list)
    for r in rows:
        p = corpus / r["file"]
        if p.is_file():
            texts[r["site"]].append(p.read_text(encoding="utf-8", errors="replace"))
    folded = {s: [_fold(t) for t in ts] for s, ts in texts.items()}
    only: dict[str, list[tuple[Path, tuple[str, ...], str]]] = defaultdict(list)
    for entry in data_entries():
        pattern = entry_pattern(entry[2])
        if pattern is None:
            continue
        haystack = folded if pattern.flags & re.I == 0 else texts
        sites = [s for s, ts in haystack.items() if any(pattern.search(t) for t in ts)]
        if len(sites) == 1:
            only[sites[0]].append(entry)
    return only


def _toml_value(v) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (int, float)):
        return repr(v)
    if isinstance(v, str):
        return json.dumps(v, ensure_ascii=False)
    if isinstance(v, (dt.date, dt.datetime)):
        return v.isoformat()
    if isinstance(v, list):
        return "[" + ", ".join(_toml_value(x) for x in v) + "]"
    if isinstance(v, dict):
        return "{" + ", ".join(f"{json.dumps(k)} = {_toml_value(x)}" for k, x in v.items()) + "}"
    raise TypeError(type(v))


def dump_toml(table: dict, prefix: str = "") -> str:
    """A minimal TOML writer for data tables (strings, numbers, lists, nested tables)."""
    lines, subtables = [], []
    for k, v in table.items():
        if isinstance(v, dict):
            subtables.append((k, v))
        else:
            lines.append(f"{json.dumps(k)} = {_toml_value(v)}")
    out = "\n".join(lines) + ("\n" if lines else "")
    for k, v in subtables:
        name = f"{prefix}.{json.dumps(k)}" if prefix else json.dumps(k)
        out += f"\n[{name}]\n" + dump_toml(v, name)
    return out


def _without(node, path: tuple[str, ...], drop: set[str]):
    if not path:
        return [x for x in node if not (isinstance(x, str) and x in drop)] if isinstance(node, list) else node
    if isinstance(node, dict):
        node[path[0]] = _without(node[path[0]], path[1:], drop)
    elif isinstance(node, list):  # a list of tables: the key applies to each of them
        for i, x in enumerate(node):
            if isinstance(x, dict) and path[0] in x:
                node[i] = _without(x, path, drop)
    return node


def reduced_tree(entries, into: Path) -> None:
    """A copy of the project's `lint` and `rules` packages with `entries` removed from the data."""
    for package in ("lint", "rules"):
        shutil.copytree(ROOT / package, into / package, ignore=shutil.ignore_patterns("__pycache__"))
    by_file = defaultdict(lambda: defaultdict(set))
    for path, keys, value in entries:
        by_file[path][keys].add(value)
    for path, removals in by_file.items():
        table = tomllib.loads(path.read_text(encoding="utf-8"))
        for keys, drop in removals.items():
            table = _without(table, keys, drop)
        (into / path.relative_to(ROOT)).write_text(dump_toml(table), encoding="utf-8")


def run_newslint(files: list[Path], tree: Path | None) -> dict:
    env = dict(os.environ)
    if tree is not None:  # the copy's packages shadow the installed ones; entry points name modules
        env["PYTHONPATH"] = str(tree) + os.pathsep + env.get("PYTHONPATH", "")
    cli = "from lint.cli import main; main()"
    cmd = [sys.executable, "-c", cli, "check", "--format", "json", "--knowledge", "embedded", *map(str, files)]
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=tree or ROOT)
    if proc.returncode not in (0, 1):
        raise SystemExit(f"newslint failed ({proc.returncode}): {proc.stderr.strip()[:500]}")
    return json.loads(proc.stdout)


def load_scorer(corpus: Path):
    """The evaluation's own matching (eval/score.py beside the corpus), so the figures agree with it."""
    path = corpus.parent / "eval" / "score.py"
    spec = importlib.util.spec_from_file_location("newslint_score", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def tally(report: dict, corpus: Path, scorer, counts, misses: list[str] | None = None) -> None:
    """Add a report's per-category hits to counts[category] = [found, required, matched, findings];
    the required gold items no finding covers go to `misses` as "file:line span"."""
    for doc in report["documents"]:
        stem = Path(doc["source"].split("#")[0]).name.split(".")[0]
        gold_path = corpus / f"{stem}.gold.jsonl"
        gold = scorer.load_gold(gold_path) if gold_path.is_file() else []
        findings = doc["findings"]
        for g in gold:
            if g.get("stretch"):
                continue
            c = counts[g["category"]]
            c[1] += 1
            hit = any(f["category"] == g["category"] and scorer.covers(f, g) for f in findings)
            c[0] += hit
            if not hit and misses is not None:
                misses.append(f"{g['category']}\t{stem}:{g.get('line')} {g.get('span', '')[:80]!r}")
        for f in findings:
            c = counts[f["category"]]
            c[3] += 1
            c[2] += any(f["category"] == g["category"] and scorer.covers(f, g) for g in gold)


def copied_examples(corpus: Path, rows, n: int = 8) -> list[str]:
    """Rule examples sharing a run of n words with a corpus article."""
    sys.path.insert(0, str(ROOT))
    from lint.registry import discover

    def shingles(text: str) -> set[tuple[str, ...]]:
        words = re.findall(r"\w+", _fold(text))
        return {tuple(words[i:i + n]) for i in range(len(words) - n + 1)}

    corpus_shingles: dict[tuple[str, ...], str] = {}
    for r in rows:
        p = corpus / r["file"]
        if p.is_file():
            for s in shingles(p.read_text(encoding="utf-8", errors="replace")):
                corpus_shingles.setdefault(s, r["file"])
    out = []
    for rule in discover():
        for ex in rule.examples:
            hits = {corpus_shingles[s] for s in shingles(ex.text) if s in corpus_shingles}
            if hits:
                out.append(f"{rule.id} [{ex.lang}] {ex.text[:70]!r} ~ {', '.join(sorted(hits))}")
    return out


def _pct(a: int, b: int) -> str:
    return f"{100 * a / b:5.1f}%" if b else "   - "


def main(argv: list[str]) -> int:
    args = [a for a in argv if not a.startswith("--")]
    verbose = "--verbose" in argv
    wanted = [a.split("=", 1)[1] for a in argv if a.startswith("--misses=")]
    misses: list[str] = []
    corpus = Path(args[0] if args else ROOT.parent / "shared" / "corpus").resolve()
    rows = read_index(corpus)
    scorer = load_scorer(corpus)
    sites = defaultdict(list)
    for r in rows:
        if (corpus / r["file"]).is_file():
            sites[r["site"]].append(corpus / r["file"])
    only = single_site_entries(rows, corpus)

    fit: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    held: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    full = run_newslint([f for fs in sites.values() for f in fs], None)
    tally(full, corpus, scorer, fit)
    by_source = {d["source"]: d for d in full["documents"]}
    for site, files in sorted(sites.items()):
        if not only.get(site):
            report = {"documents": [by_source[str(f)] for f in files if str(f) in by_source]}
        else:
            with tempfile.TemporaryDirectory(prefix="newslint-loso-") as tmp:
                reduced_tree(only[site], Path(tmp))
                report = run_newslint(files, Path(tmp))
        tally(report, corpus, scorer, held, misses)

    if wanted:
        print(f"held-out misses ({', '.join(wanted)}):")
        for m in misses:
            if m.split("\t")[0] in wanted:
                print("  " + m.split("\t")[1])
        print()
    print(f"leave-one-site-out over {corpus} ({len(rows)} articles, {len(sites)} sites)\n")
    print(f"{'category':26} {'fit recall':>16} {'fit prec.':>16} {'held-out recall':>18} {'held-out prec.':>18}")
    totals = [[0] * 4, [0] * 4]
    for cat in sorted(set(fit) | set(held)):
        a, b = fit[cat], held[cat]
        for t, c in zip(totals, (a, b)):
            for i in range(4):
                t[i] += c[i]
        print(f"{cat:26} {a[0]:>4}/{a[1]:<4}{_pct(a[0], a[1])} {a[2]:>4}/{a[3]:<4}{_pct(a[2], a[3])}"
              f"   {b[0]:>4}/{b[1]:<4}{_pct(b[0], b[1])}   {b[2]:>4}/{b[3]:<4}{_pct(b[2], b[3])}")
    a, b = totals
    print(f"{'all':26} {a[0]:>4}/{a[1]:<4}{_pct(a[0], a[1])} {a[2]:>4}/{a[3]:<4}{_pct(a[2], a[3])}"
          f"   {b[0]:>4}/{b[1]:<4}{_pct(b[0], b[1])}   {b[2]:>4}/{b[3]:<4}{_pct(b[2], b[3])}")

    n_only = sum(len(v) for v in only.values())
    print(f"\n{n_only} data entries are evidenced by one site only (removed when that site is scored)")
    for site, entries in sorted(only.items()):
        shown = entries if verbose else entries[:5]
        print(f"  {site}: " + "; ".join(f"{p.relative_to(DATA)}:{'.'.join(k)} {v!r}" for p, k, v in shown)
              + ("" if verbose or len(entries) <= 5 else f"; ... {len(entries) - 5} more"))
    copied = copied_examples(corpus, rows)
    print(f"\n{len(copied)} rule examples share 8 words in a row with a corpus article")
    for line in copied if verbose else copied[:10]:
        print("  " + line)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
