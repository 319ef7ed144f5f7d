"""Pathological inputs finish in bounded time, and no regular expression backtracks catastrophically.

Each input goes through the whole pipeline (read from a file, checked by every rule, rendered in
every format). A case has a budget: a generous time for a linear implementation at that size on a
slow, shared CI machine, and it fails when it takes more than ten times that; an alarm stops it
there, so a hang costs at most that long. CI runs the cases at sizes that keep this file within
about half a minute; `NEWSLINT_PATHOLOGICAL=full` runs them at the sizes of issue 13 (10 MB in one
paragraph, 100,000 paragraphs, 50,000 names, 100,000 nested <div>, a feed of 100,000 items) with
the budgets scaled in proportion: `bench/fuzz.py --pathological` does.

The regular expressions: every compiled pattern of lint/ and rules/ (module-level ones, and those
built at run time from the language data, found after a warm-up check in each language) is
checked statically for nested quantifiers over overlapping characters, the shape of exponential
backtracking, and timed on adversarial strings made of its own characters, which shows polynomial
backtracking (a quadratic scan of a long line).
"""

from __future__ import annotations

import contextlib
import functools
import importlib
import io
import itertools
import json
import os
import pkgutil
import re
import signal
import subprocess
import sys
import time
import unicodedata
from collections.abc import Callable, Iterator
from pathlib import Path
from re import _constants as C
from re import _parser as P

import pytest

ROOT = Path(__file__).resolve().parents[1]
CLEAN = ROOT / "tests" / "data" / "clean"
FULL = os.environ.get("NEWSLINT_PATHOLOGICAL") == "full"


# ---------------------------------------------------------------------------------------------------
# Bounded time
# ---------------------------------------------------------------------------------------------------
class Overrun(Exception):
    pass


@contextlib.contextmanager
def at_most(seconds: float) -> Iterator[None]:
    """Fail the test when the block takes longer than `seconds`; an alarm interrupts it there."""

    def ring(signum: int, frame: object) -> None:
        raise Overrun(f"still running after {seconds:.0f} s")

    previous = signal.signal(signal.SIGALRM, ring)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _paragraphs() -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted(CLEAN.glob("fr-*.txt"))]
    return [p.strip() for t in texts for p in t.split("\n\n") if p.strip()]


def one_paragraph(size: int) -> str:
    """Real French news prose, its paragraphs joined by spaces: `size` characters with no break."""
    prose = " ".join(_paragraphs())
    return ((prose + " ") * (size // (len(prose) + 1) + 1))[:size]


def paragraphs(count: int) -> str:
    paras = _paragraphs()
    return "\n\n".join(paras[i % len(paras)] for i in range(count)) + "\n"


def repeated_names(count: int) -> str:
    # a known official and a name no source knows, so that both ways of reading a name are exercised
    names = ("Emmanuel Macron a parlé.", "Jean Dupontel a répondu.")
    return " ".join(names[i % 2] for i in range(count)) + "\n"


def nested_html(depth: int) -> str:
    body = "<p>Le président Joe Bidn a parlé longuement devant la presse réunie à Paris ce jeudi.</p>"
    return "<!DOCTYPE html><html lang=\"fr\"><body>" + "<div>" * depth + body + "</div>" * depth + "</body></html>\n"


def feed(items: int) -> str:
    entries = "".join(
        f"<item><guid>urn:{i}</guid><title>Titre {i}</title>"
        f"<description>Le président Joe Bidn a parlé {i} fois.</description></item>"
        for i in range(items)
    )
    head = '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Fil</title>'
    return f"{head}{entries}</channel></rss>\n"


# name, file name, input maker, CI size, issue 13's size, budget at the CI size (s), items checked
CASES = [
    ("one paragraph", "one.txt", one_paragraph, 250_000, 10_000_000, 2.0, None),
    ("paragraphs", "many.txt", paragraphs, 2_500, 100_000, 3.0, None),
    ("repeated names", "names.txt", repeated_names, 8_000, 50_000, 2.5, None),
    ("nested html", "deep.html", nested_html, 100_000, 100_000, 2.0, None),
    # A feed is read whole (every item parsed) and its first items are checked: checking 100,000
    # articles is linear by construction and would only measure the rules' constant factor.
    ("feed items", "feed.xml", feed, 20_000, 100_000, 3.0, 300),
]
# At issue 13's sizes (NEWSLINT_PATHOLOGICAL=full, `bench/fuzz.py --pathological`), on an idle 2-core
# machine: 100,000 paragraphs 121 s (budget 120 s, bound 1,200 s), one paragraph of 10 MB 33 s (budget
# 80 s), a feed of 100,000 items 25 s, 50,000 names 6 s, 100,000 nested elements 3 s: all pass.
def _case_params() -> list:
    return [pytest.param(*case, id=case[0]) for case in CASES]


@pytest.mark.parametrize(("name", "filename", "make", "ci_size", "full_size", "budget", "checked"), _case_params())
def test_pathological_input_in_bounded_time(tmp_path, name, filename, make, ci_size, full_size, budget, checked):
    from lint.config import ConfigResolver
    from lint.report import formats
    from lint.run import Options, check_inputs

    size = full_size if FULL else ci_size
    budget = budget * size / ci_size
    path = tmp_path / filename
    path.write_text(make(size), encoding="utf-8")
    resolver = ConfigResolver({"knowledge": "embedded", "language": "fr", "max-bytes": "100M"})
    check = None
    if checked is not None:
        from lint.parallel import check_all

        def check(tasks):  # the first items only (see CASES); the others still had to be read
            assert len(tasks) == size
            return check_all(itertools.islice(tasks, checked), jobs=1)

    started = time.perf_counter()
    with at_most(10 * budget):
        outcome = check_inputs([str(path)], resolver, Options(jobs=1, texts=True), check=check)  # texts: for HTML
        for render in formats().values():
            out = io.StringIO()
            render(outcome.run, out)
            assert out.getvalue()
    elapsed = time.perf_counter() - started
    assert not outcome.input_failed
    assert elapsed <= 10 * budget, f"{name}: {elapsed:.1f} s for a budget of {budget:.1f} s"


def test_paragraph_of_many_lines_and_url_of_many_brackets_are_linear():
    """Quadratic scans found by the cases and the regex scan, fixed: a paragraph's line breaks were
    each tested by slicing the paragraph up to it (lint/document.py), a URL's closing brackets were
    counted again for each one dropped (lint/markup.py), a count after a label was a regex tried at
    every digit (lint/text.py), and regexes of Markdown tables and headings tried at every blank of a
long run of blanks (lint/markup.py)."""
    from lint.document import Document
    from lint.markup import markdown_masks, url_spans
    from lint.text import without_count

    lines = "\n".join(["une ligne sans point"] * 200_000)
    url = "voir http://example.org/" + ")" * 400_000
    with at_most(20):
        started = time.perf_counter()
        sentences = Document(lines, "fr").sentences
        assert len(sentences) == 1
        assert list(url_spans(url)) == [(5, 24)]
        assert without_count("Commentaires " + "1" * 200_000 + "x") == "Commentaires " + "1" * 200_000 + "x"
        assert without_count("Commentaires (12) ") == "Commentaires"
        table = "| a | b |\n|---|---|\n| c " + " \t" * 100_000 + "x |\n" + "# Titre" + "\t" * 100_000 + "x\n"
        masks = markdown_masks(table)
        assert masks and Document(table, masks=masks).text.count("x") == 2
        assert time.perf_counter() - started < 4


def test_html_report_of_an_article_with_many_findings_is_not_quadratic():
    """The HTML report tested every finding at every cut of the text, the text and SARIF reports split
    the text again for every finding: 40,000 findings took minutes."""
    from lint.document import Document
    from lint.report import formats
    from lint.results import Result, Run
    from lint.rule import Finding

    text = "Bidn a parlé.\n" * 40_000
    doc = Document(text)
    findings = []
    for i in range(40_000):
        start = i * 14
        (line, col), (end_line, end_col) = doc.position(start), doc.position(start + 4)
        findings.append(Finding("names.misspelling", "name-misspelling", "warning", "a.txt", start, 4, line, col,
                                end_line, end_col, "Bidn", "'Bidn' is not how Biden is written", ("Biden",)))
    # and the SARIF report normalised and hashed a finding's whole line for each finding on it
    line = "Bidn a parlé. " * 7_000
    doc = Document(line)
    on_one_line = [Finding("names.misspelling", "name-misspelling", "warning", "b.txt", i * 14, 4, 1, i * 14 + 1,
                           1, i * 14 + 5, "Bidn", "'Bidn' is not how Biden is written") for i in range(7_000)]
    assert doc.position(on_one_line[-1].offset) == (1, on_one_line[-1].column)
    run = Run([Result("a.txt", "fr", findings, text=text), Result("b.txt", "fr", on_one_line, text=line)], rules=[])
    with at_most(60):
        started = time.perf_counter()
        for render in formats().values():
            render(run, io.StringIO())
        assert time.perf_counter() - started < 15


# ---------------------------------------------------------------------------------------------------
# Regular expressions
# ---------------------------------------------------------------------------------------------------
REPEATS = {C.MAX_REPEAT, C.MIN_REPEAT}  # a possessive repeat or an atomic group never backtracks
CHAR_OPS = {C.LITERAL, C.NOT_LITERAL, C.ANY, C.IN}
ZERO_WIDTH = {C.AT, C.ASSERT, C.ASSERT_NOT}
LOOP_MIN = 16  # a repeat bounded by more than this counts as a loop
# The characters a class is tested on: Latin-1, and what news text and its markup are made of.
SAMPLE = frozenset(
    {chr(c) for c in range(256)}
    | set("’‘“”«»„‹›…–—‐‑ʼ\u00a0\u202f\u2009\u2007\u200b\u200d\u202e\u2028ŒœßİıЖжЁё中文٣۳αΩ\u0301👍\ufeff")
)


def _category(cat: object, ch: str) -> bool:
    word = ch.isalnum() or ch == "_"
    digit = unicodedata.category(ch) == "Nd"
    space = ch.isspace()
    breaks = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
    return {
        C.CATEGORY_WORD: word, C.CATEGORY_NOT_WORD: not word,
        C.CATEGORY_DIGIT: digit, C.CATEGORY_NOT_DIGIT: not digit,
        C.CATEGORY_SPACE: space, C.CATEGORY_NOT_SPACE: not space,
        C.CATEGORY_UNI_WORD: word, C.CATEGORY_UNI_NOT_WORD: not word,
        C.CATEGORY_UNI_DIGIT: digit, C.CATEGORY_UNI_NOT_DIGIT: not digit,
        C.CATEGORY_UNI_SPACE: space, C.CATEGORY_UNI_NOT_SPACE: not space,
        C.CATEGORY_LINEBREAK: ch == "\n", C.CATEGORY_NOT_LINEBREAK: ch != "\n",
        C.CATEGORY_UNI_LINEBREAK: ch in breaks, C.CATEGORY_UNI_NOT_LINEBREAK: ch not in breaks,
    }[cat]


def _children(op: object, av: object) -> list:
    """The sub-sequences of a node of `re._parser`'s tree."""
    if op in REPEATS or op is C.POSSESSIVE_REPEAT:
        return [av[2]]
    if op is C.SUBPATTERN:
        return [av[3]]
    if op is C.ATOMIC_GROUP:
        return [av]
    if op is C.BRANCH:
        return list(av[1])
    if op in (C.ASSERT, C.ASSERT_NOT):
        return [av[1]]
    if op is C.GROUPREF_EXISTS:
        return [av[1]] + ([av[2]] if av[2] is not None else [])
    return []


def _nodes(seq) -> Iterator[tuple]:
    for op, av in seq:
        yield op, av
        for child in _children(op, av):
            yield from _nodes(child)


def _is_loop(op: object, av: object) -> bool:
    return op in REPEATS and (av[1] == C.MAXREPEAT or av[1] > LOOP_MIN)


class Regex:
    """A compiled pattern's parse tree, and what can be said about its backtracking."""

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern
        self.flags = pattern.flags
        self.tree = P.parse(pattern.pattern, pattern.flags & ~re.U)
        self.groups = {av[0]: av[3] for op, av in _nodes(self.tree) if op is C.SUBPATTERN and av[0] is not None}
        literals = {chr(av) for op, av in _nodes(self.tree) if op is C.LITERAL}
        for op, av in _nodes(self.tree):
            if op is C.IN:
                literals |= {chr(a) for o, a in av if o is C.LITERAL}
                literals |= {chr(x) for o, a in av if o is C.RANGE for x in a}
        self.literals = literals
        self.alphabet = sorted(SAMPLE | literals)

    # -- single characters -----------------------------------------------------------------------
    def _match_char(self, op: object, av: object, ch: str) -> bool:
        if op is C.LITERAL:
            return ord(ch) == av
        if op is C.NOT_LITERAL:
            return ord(ch) != av
        if op is C.ANY:
            return ch != "\n" or bool(self.flags & re.S)
        negate = bool(av) and av[0][0] is C.NEGATE
        hit = False
        for o, a in av[1:] if negate else av:
            if o is C.LITERAL:
                hit = ord(ch) == a
            elif o is C.RANGE:
                hit = a[0] <= ord(ch) <= a[1]
            elif o is C.CATEGORY:
                hit = _category(a, ch)
            if hit:
                break
        return hit != negate

    def chars(self, op: object, av: object) -> frozenset[str]:
        def ok(ch: str) -> bool:
            variants = {ch, ch.lower(), ch.upper()} if self.flags & re.I else {ch}
            return any(self._match_char(op, av, v) for v in variants if len(v) == 1)

        return frozenset(c for c in self.alphabet if ok(c))

    # -- sequences ---------------------------------------------------------------------------------
    def nullable(self, seq) -> bool:
        return all(self._nullable(op, av) for op, av in seq)

    def _nullable(self, op: object, av: object) -> bool:
        if op in CHAR_OPS:
            return False
        if op in ZERO_WIDTH:
            return True
        if op in REPEATS or op is C.POSSESSIVE_REPEAT:
            return av[0] == 0 or self.nullable(av[2])
        if op is C.BRANCH:
            return any(self.nullable(alt) for alt in av[1])
        if op is C.GROUPREF:  # the same text as its group
            return av not in self.groups or self.nullable(self.groups[av])
        if op is C.GROUPREF_EXISTS:
            return any(self.nullable(child) for child in _children(op, av)) or av[2] is None
        return all(self.nullable(child) for child in _children(op, av))

    def first(self, seq) -> frozenset[str]:
        """The characters a match of `seq` can start with."""
        out: set[str] = set()
        for op, av in seq:
            if op in CHAR_OPS:
                out |= self.chars(op, av)
            elif op is C.GROUPREF:
                out |= self.first(self.groups[av]) if av in self.groups else set(self.alphabet)
            elif op not in ZERO_WIDTH:
                for child in _children(op, av):
                    out |= self.first(child)
            if not self._nullable(op, av):
                break
        return frozenset(out)

    # -- the check ---------------------------------------------------------------------------------
    def problems(self) -> list[str]:
        """Nested quantifiers over overlapping characters: a loop whose iteration can end with an inner
        unbounded repeat that could also have gone on into the next iteration (`(a+)+`, `(\\w+\\s?)*`),
        or a loop over alternatives that match the same single character. Either lets the engine cut
        a run of n characters in exponentially many ways before it gives up."""
        found = []
        for op, av in _nodes(self.tree):
            if not _is_loop(op, av):
                continue
            body = av[2]
            starts = self.first(body)
            for inner in self._tail_loops(body):
                overlap = self.first(inner[2]) & starts
                if overlap:
                    found.append(f"an inner repeat can end an iteration or begin the next ({_show(overlap)})")
            for o, a in _nodes(body):
                if o is C.BRANCH:
                    singles = [self.first(alt) for alt in a[1] if _one_char(alt)]
                    found.extend(
                        f"alternatives overlap inside a loop ({_show(x & y)})"
                        for i, x in enumerate(singles) for y in singles[i + 1:] if x & y
                    )
        return sorted(set(found))

    def _tail_loops(self, seq) -> Iterator[tuple]:
        """The unbounded repeats after which the rest of `seq` may match nothing."""
        items = list(seq)
        for i, (op, av) in enumerate(items):
            if not self.nullable(items[i + 1:]):
                continue
            if _is_loop(op, av):
                yield av
                yield from self._tail_loops(av[2])
            elif op is C.SUBPATTERN:
                yield from self._tail_loops(av[3])
            elif op is C.BRANCH:
                for alt in av[1]:
                    yield from self._tail_loops(alt)

    # -- adversarial strings -----------------------------------------------------------------------
    def pumps(self) -> list[str]:
        """Runs to repeat: the pattern's own characters, pairs of them, each with a space."""
        chars: list[str] = []
        for c in sorted(self.literals):
            chars.append(c)
        for op, av in _nodes(self.tree):
            if op in (C.IN, C.NOT_LITERAL, C.ANY):
                members = sorted(self.chars(op, av), key=lambda ch: (not ch.isascii(), not ch.isprintable(), ch))
                chars.extend(c for c in members[:3] if c not in chars)
        chars.extend(c for c in " a1.\n" if c not in chars)
        chars = chars[:16]
        return [*chars, *(a + b for a, b in zip(chars, chars[1:])), *(c + " " for c in chars[:8] if c != " ")]

    def prefix(self) -> str:
        """The literal text the pattern starts with ("http" of `https?://`), to reach its loops."""
        out = []
        for op, av in self.tree:
            if op is C.LITERAL:
                out.append(chr(av))
            elif op not in ZERO_WIDTH:
                break
        return "".join(out)


def _one_char(seq) -> bool:
    items = [(op, av) for op, av in seq if op not in ZERO_WIDTH]
    if len(items) != 1:
        return False
    op, av = items[0]
    return op in CHAR_OPS or (op is C.SUBPATTERN and _one_char(av[3]))


def _show(chars: frozenset[str]) -> str:
    return "".join(sorted(chars))[:16].encode("unicode_escape").decode()


def module_patterns() -> list[tuple[str, re.Pattern[str]]]:
    """Every compiled pattern a module of lint/ or rules/ holds: at module level, in a module-level
    container or as a class attribute."""
    import lint
    import rules

    found, seen = [], set()
    for package in (lint, rules):
        for info in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
            module = importlib.import_module(info.name)
            for name, value in vars(module).items():
                if isinstance(value, type) and value.__module__ == module.__name__:
                    items = [(f"{name}.{k}", v) for k, v in vars(value).items()]
                elif isinstance(value, dict):
                    items = [(f"{name}[{k!r}]", v) for k, v in value.items()]
                elif isinstance(value, (list, tuple, set, frozenset)):
                    items = [(f"{name}[{i}]", v) for i, v in enumerate(value)]
                else:
                    items = [(name, value)]
                for where, v in items:
                    if isinstance(v, re.Pattern) and isinstance(v.pattern, str) and id(v) not in seen:
                        seen.add(id(v))
                        found.append((f"{info.name}.{where}", v))
    return found


def all_patterns() -> list[tuple[str, re.Pattern[str]]]:
    """`module_patterns`, and those compiled at run time from the language data: the patterns newslint's
    own code (lint/, rules/) compiles during a check in each language. What the dependencies and the
    standard library compile is theirs: a pattern counts by the code that asks for it."""
    named = module_patterns()
    ours = (str(ROOT / "lint"), str(ROOT / "rules"))
    asked: dict[int, re.Pattern[str]] = {}
    compile_ = re._compile  # what re.compile, re.search, re.sub ... all call

    def recording(pattern, flags):
        compiled = compile_(pattern, flags)
        frame = sys._getframe(1)
        while frame is not None and frame.f_code.co_filename == re.__file__:
            frame = frame.f_back  # out of the re module, to the code that asked
        if frame is not None and frame.f_code.co_filename.startswith(ours) and isinstance(compiled.pattern, str):
            asked[id(compiled)] = compiled
        return compiled

    from lint.config import Config
    from lint.engine import check_text
    from lint.language import available_languages

    sample = "PARIS, 26 janvier 2022 (AFP) - Le président Joe Bidn a dit « bonjour ». Il est parti.\n\nPhoto : AFP\n"
    re._compile = recording
    try:
        for lang in available_languages():
            check_text(sample, lang=lang, config=Config(knowledge="embedded"))
    finally:
        re._compile = compile_
    known = {id(p) for _, p in named}
    return named + [("<compiled at run time>", p) for i, p in asked.items() if i not in known]


def _match_only(name: str) -> bool:
    """A module-level pattern the code only ever `match`es or `fullmatch`es: it is tried at one
    position, so a scan from every position is not how it can be slow."""
    short = name.rsplit(".", 1)[-1]
    if not short.isidentifier():
        return False
    uses = []
    for path in [*ROOT.glob("lint/**/*.py"), *ROOT.glob("rules/**/*.py")]:
        uses += re.findall(rf"\b{re.escape(short)}\.(\w+)\(", path.read_text(encoding="utf-8"))
    return bool(uses) and set(uses) <= {"match", "fullmatch"}


def _time(pattern: re.Pattern[str], text: str, match_only: bool) -> float:
    started = time.perf_counter()
    if match_only:
        pattern.match(text)
    else:
        for _ in pattern.finditer(text):
            pass
    return time.perf_counter() - started


def _slowest(regex: Regex, length: int, match_only: bool) -> tuple[float, tuple[str, str]]:
    """The slowest adversarial string of about `length` characters: (seconds, (prefix, pump))."""
    worst, example = 0.0, ("", "")
    for prefix in dict.fromkeys(("", regex.prefix())):
        for pump in regex.pumps():
            # ending with a character no pattern accepts, so that the engine tries every way first
            elapsed = _time(regex.pattern, prefix + pump * (length // len(pump)) + "\x00", match_only)
            if elapsed > worst:
                worst, example = elapsed, (prefix, pump)
    return worst, example


SMALL, BIG = 400, 1600


def scan(out: Callable[[str], None]) -> None:
    """Time every pattern on adversarial strings; print one JSON line per pattern that scales worse
    than linearly: 4x the length taking over 10x the time (a quadratic one takes 16x), and long enough
    to be more than noise."""
    patterns = list({(p.pattern, p.flags): (name, p) for name, p in all_patterns()}.values())
    out(json.dumps({"patterns": len(patterns)}))
    for name, pattern in patterns:
        regex = Regex(pattern)
        problems = regex.problems()
        if problems:
            out(json.dumps({"static": name, "pattern": pattern.pattern, "problems": problems}))
        match_only = _match_only(name)
        small, (prefix, pump) = _slowest(regex, SMALL, match_only)
        if small < 0.0005:
            continue  # under half a millisecond for the worst of them: linear enough
        # the best of three runs of each size: a busy machine slows one run, not the pattern
        small = min(_time(pattern, prefix + pump * (SMALL // len(pump)) + "\x00", match_only) for _ in range(3))
        big = min(_time(pattern, prefix + pump * (BIG // len(pump)) + "\x00", match_only) for _ in range(3))
        if big > 0.01 and big > 10 * small:
            example = f"{prefix!r} + {pump!r} * {BIG // len(pump)} + '\\x00'"
            out(json.dumps({"name": name, "pattern": pattern.pattern, "small": small, "big": big, "input": example}))


def test_the_audit_recognises_catastrophic_patterns():
    """The static check flags the textbook cases and leaves their safe look-alikes alone."""
    bad = [r"(a+)+b", r"(\w+\s?)+$", r"(?:\s?\w+)+", r"(?:a*)*", r"(?:x\w+y?)*", r"(?:(a)|a)+"]
    good = [r"(?:[-’'][^\W\d_]+)*", r"(?:\w+\s)+", r"(a|b)*", r"(?:\w|\d)+", r"(?:a++)+", r"([-*_])(?:[ \t]*\1){2,}"]
    assert [p for p in bad if not Regex(re.compile(p)).problems()] == []
    assert [p for p in good if Regex(re.compile(p)).problems()] == []


@functools.cache
def _scan() -> list[dict]:
    # In a child process with a time limit: a catastrophic pattern in C code cannot be interrupted,
    # and only a fresh process tells the patterns compiled at run time from those compiled before.
    proc = subprocess.run(
        [sys.executable, __file__, "--scan-regexes"], capture_output=True, text=True, timeout=240, cwd=ROOT
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    lines = [json.loads(line) for line in proc.stdout.splitlines() if line.startswith("{")]
    assert lines and lines[0]["patterns"] > 150  # the run-time patterns were found too
    return lines[1:]


def test_no_pattern_has_nested_quantifiers_over_overlapping_characters():
    assert [line for line in _scan() if "static" in line] == []


# Patterns the scan finds slow that are only ever tried on a short window of the text, or once.
BOUNDED = {
    "rules.names._DESCRIBED": "searched in the 60 characters before a name",
    "rules.typography._PREV_WORD": "searched in the 40 characters before a mark",
    "rules.typography._WORD_BEFORE": "searched in the 40 characters before a mark",
    "rules.typography._GLUED_QUOTE": "not used: _glued_quotes finds its matches from the quotation marks",
    "rules.sentences._TAIL": "searched in a fixed number of characters before a sentence",
    # rules/data/common/residue.toml line_patterns: fullmatched against one line, at one position
    r"(?=[^\n]*\d)[\d\s.,:/·|•]{1,20}": "a residue line pattern, fullmatched once per line",
    r"[^\W\d_]+(?: [^\W\d_]+){0,2}\s?:\s*(?:https?://\S+|": "a residue line pattern, fullmatched once per line",
    r"[a-z0-9][a-z0-9.-]*\.[a-z]{2,},\s*[\w-]+,": "a residue line pattern (an ads.txt line), fullmatched once per line",
}
# Slow patterns in files other engineers are changing, reported to them; remove an entry once fixed
# (the test fails on an entry that is no longer slow, like a strict xfail).
KNOWN_SLOW: dict[str, str] = {}


def _bounded(line: dict) -> bool:
    return line["name"] in BOUNDED or any(line["pattern"].startswith(k) for k in BOUNDED)


def test_no_pattern_backtracks_polynomially_on_its_own_characters():
    slow = {line["name"]: line for line in _scan() if "name" in line and not _bounded(line)}
    assert {k: v for k, v in slow.items() if k not in KNOWN_SLOW} == {}
    assert set(KNOWN_SLOW) <= set(slow), "fixed: remove from KNOWN_SLOW " + str(set(KNOWN_SLOW) - set(slow))


def test_a_long_token_of_at_signs_is_checked_quickly():
    """rules/language.py blanked addresses with `\\S+@\\S+\\.\\w+`, cubic on a long token of '@'."""
    from lint.config import Config
    from lint.engine import check_text

    text = "Le président a parlé longuement de la situation. " + "@" * 3000 + " Fin."
    started = time.perf_counter()
    with at_most(3):
        check_text(text, lang="fr", config=Config(knowledge="off"))
    assert time.perf_counter() - started < 3


if __name__ == "__main__" and "--scan-regexes" in sys.argv:
    sys.path.insert(0, str(ROOT))
    scan(lambda line: print(line, flush=True))
