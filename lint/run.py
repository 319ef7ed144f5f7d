"""A whole check: inputs read, configured, filtered, checked, fixed, and gathered into one `Run`.

The CLI, a server and a distributed map call `check_inputs`; it prints nothing and never exits, so
every caller decides how to show notices and what exit status they mean.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from . import manifest, recurrence
from .article import Article, Notice
from .config import ConfigResolver
from .engine import default_registry
from .feeds import is_url
from .files import default_cache_dir, write_atomic
from .registry import Registry
from .results import Result, Run
from .state import SeenItems

Task = tuple[Article, Any]  # an article and the configuration that applies to it


@dataclass
class Options:
    """How to run a check, beyond each input's configuration."""

    since: dt.date | None = None  # skip articles published before
    changed: bool = False  # skip items seen unchanged by the previous `changed` run
    jobs: int | None = None  # worker processes (None: one per core)
    extract: bool = True  # HTML pages: only their main text
    fix: bool = False  # write safe fixes to the files
    diff: bool = False  # compute the fixes' diff, change nothing
    fix_names: bool = False  # fixes include names the rules are sure of
    color: bool = False
    stdin: BinaryIO | None = None


@dataclass
class Outcome:
    """A `Run` and what the caller needs to say about it."""

    run: Run
    diff: str = ""  # the unified diff of the fixes (with `fix` or `diff`)
    input_failed: bool = False  # some input could not be read, or an article could not be checked, at all
    tasks: list[Task] = field(default_factory=list)
    seen: SeenItems | None = None  # with `changed`: what this run saw, for `remember`

    def remember(self) -> None:
        """Record the items seen, for the next `changed` run; call it once the report is safe."""
        if self.seen is not None:
            self.seen.save()


def check_inputs(
    inputs: Sequence[str],
    resolver: ConfigResolver,
    options: Options | None = None,
    *,
    registry: Registry | None = None,
    on_notice: Callable[[Notice], None] | None = None,
    check: Callable[[list[Task]], list[Result]] | None = None,
) -> Outcome:
    """Check every input; a bad one becomes a notice and the others are still checked.

    `on_notice` hears about unreadable inputs and fixes as they happen (the CLI prints them);
    `check` runs the tasks (default: `parallel.check_all` with `options.jobs`), so that a caller
    can show progress or map the work elsewhere.
    """
    from .sources import InputError, read_inputs

    options = options or Options()
    registry = registry or default_registry()
    tell = on_notice or (lambda n: None)
    first = resolver.for_path(inputs[0] if inputs and inputs[0] != "-" and not is_url(inputs[0]) else None)
    notices = [Notice("newslint", "error", p) for p in registry.problems]
    seen = SeenItems(first.cache_dir or default_cache_dir()) if options.changed else None
    if seen is not None and seen.problem:
        notices.append(Notice("newslint", "warning", seen.problem))
    tasks: list[Task] = []
    input_failed = False
    skipped = {"since": 0, "changed": 0}
    for item in read_inputs(list(inputs), max_bytes=first.max_bytes, stdin=options.stdin, extract=options.extract):
        if isinstance(item, InputError):
            notice = Notice(item.source, "error" if item.fatal else "warning", item.message)
            input_failed |= item.fatal
            tell(notice)
            notices.append(notice)
            continue
        manifest.apply(item)
        if options.since and item.published is not None and item.published < options.since:
            skipped["since"] += 1
        elif seen is not None and not seen.is_new(item):
            skipped["changed"] += 1
        else:
            tasks.append((item, resolver.for_path(item.path)))
    if skipped["since"]:
        notices.append(Notice("newslint", "info", f"{skipped['since']} published before {options.since}: skipped"))
    if skipped["changed"]:
        notices.append(Notice("newslint", "info", f"{skipped['changed']} unchanged since the previous run: skipped"))
    recurrence.attach(a for a, _ in tasks)
    results = (check or (lambda t: _check_all(t, options.jobs)))(tasks)
    from .parallel import UNCHECKED

    # An article the engine could not check at all is as unchecked as an unreadable input.
    input_failed |= any(n.level == "error" and n.message.startswith(UNCHECKED) for r in results for n in r.notices)
    diff = ""
    if options.fix or options.diff:
        diff, fix_notices, fixed = fix_files(tasks, results, names=options.fix_names, write=not options.diff)
        for n in fix_notices:
            tell(n)
        notices.extend(fix_notices)
        if fixed:  # report on the files as they are now
            _recheck(tasks, results, fixed, first.max_bytes, options.extract)
    run = Run(results=results, rules=registry.select(first.select, first.ignore), notices=notices, color=options.color)
    return Outcome(run=run, diff=diff, input_failed=input_failed, tasks=tasks, seen=seen)


def _check_all(tasks: list[Task], jobs: int | None) -> list[Result]:
    from .parallel import check_all, default_jobs

    return check_all(tasks, jobs=jobs or default_jobs())


def fix_files(
    tasks: list[tuple[Article, Any]], results: list[Result], *, names: bool, write: bool
) -> tuple[str, list[Notice], set[str]]:
    """Apply (or, if not `write`, only diff) the chosen fixes of each plain file.

    Returns the unified diff, the notices (a file left unchanged and why, fixes that apply to no
    file) and the paths written. A file changed since it was read, or whose fixes overlap, is left
    as it is.
    """
    from .fixes import Conflict, apply, chosen, unified_diff

    diffs: list[str] = []
    notices: list[Notice] = []
    written: set[str] = set()
    not_files: dict[str, int] = {}
    for (article, _), result in zip(tasks, results):
        fixes = chosen(result.findings, names=names)
        if not fixes:
            continue
        if article.path is None or article.source != article.path:
            container = article.source.split("#", 1)[0]
            not_files[container] = not_files.get(container, 0) + len(fixes)
            continue
        current = _read_back(article)
        if isinstance(current, str) and current != article.text:
            current = None
        if current is None:
            notices.append(Notice(article.source, "warning", "not fixed: the file is not the text that was checked"))
            continue
        bom, text = current
        new = apply(text, fixes)
        if isinstance(new, Conflict):
            notices.append(Notice(article.source, "warning", f"not fixed: {new}; file left unchanged"))
            continue
        diffs.append(unified_diff(text, new, article.source))
        if write:
            write_atomic(article.path, bom + new.encode("utf-8"))
            written.add(article.path)
            notices.append(Notice(article.source, "info", f"fixed {len(fixes)} issue{'s' * (len(fixes) != 1)}"))
    for container, count in not_files.items():
        what = (
            "standard input" if container == "-"
            else "what is read from a URL" if is_url(container)
            else "items of a feed or JSON Lines file"
        )
        notices.append(Notice(container, "info", f"{count} fixes not applied: fixes apply to files, not to {what}"))
    return "".join(diffs), notices, written


def _read_back(article: Article) -> tuple[bytes, str] | None:
    """The file's BOM and text now, if it is still the UTF-8 text that was checked."""
    import codecs

    try:
        data = Path(article.path or "").read_bytes()
    except OSError:
        return None
    bom = codecs.BOM_UTF8 if data.startswith(codecs.BOM_UTF8) else b""
    try:
        text = data[len(bom) :].decode("utf-8")
    except UnicodeDecodeError:
        return None
    return (bom, text) if text == article.text else None


def _recheck(
    tasks: list[tuple[Article, Any]], results: list[Result], fixed: set[str], max_bytes: int, extract: bool
) -> None:
    """Check the fixed files again, so that the report and the exit status describe them as they are now."""
    from .parallel import check_all
    from .sources import read_inputs

    for i, (article, cfg) in enumerate(tasks):
        if article.path in fixed and article.source == article.path:
            again = next(iter(read_inputs([article.path], max_bytes=max_bytes, extract=extract)), None)
            if isinstance(again, Article):
                tasks[i] = (again, cfg)
                results[i] = check_all([(again, cfg)])[0]
