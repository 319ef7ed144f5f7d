"""A whole check: inputs read, configured, filtered, checked, fixed, and gathered into one `Run`.

The CLI, a server and a distributed map call `check_inputs`; it prints nothing and never exits, so
every caller decides how to show notices and what exit status they mean.

The inputs are read twice (`_Reading`), so that a run holds its findings, not its articles: first
for what must be known of every article before any is checked (the lines that recur across a site's
articles, the articles --since and --changed skip), then one article at a time as each is checked.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import stat
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from . import manifest
from .article import Article, Notice
from .config import ConfigResolver
from .engine import default_registry
from .feeds import is_url
from .files import default_cache_dir, write_atomic
from .parallel import UNCHECKED, check_all, check_each, default_jobs
from .recurrence import Recurrence
from .registry import Registry
from .results import Result, Run
from .sources import InputError, main_text, read_inputs
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
    # Results keep each article's whole text, as the HTML report needs; otherwise only the lines
    # findings start on (`Result.without_text`), which is what the other reports quote.
    texts: bool = False


@dataclass
class Outcome:
    """A `Run` and what the caller needs to say about it."""

    run: Run
    diff: str = ""  # the unified diff of the fixes (with `fix` or `diff`)
    input_failed: bool = False  # some input could not be read, or an article could not be checked, at all
    tasks: list[Task] = field(default_factory=list)  # with `fix` or `diff` only: the articles checked
    seen: SeenItems | None = None  # with `changed`: what this run saw, for `remember`

    def remember(self) -> None:
        """Record the items seen, for the next `changed` run; call it once the report is safe."""
        if self.seen is not None:
            self.seen.save()


class TaskStream:
    """The tasks of a run, read as they are taken: iterable once, and sized (from the first read)."""

    def __init__(self, count: int, tasks: Iterable[Task]) -> None:
        self._count = count
        self._tasks: Iterator[Task] | None = iter(tasks)

    def __len__(self) -> int:
        return self._count

    def __iter__(self) -> Iterator[Task]:
        if self._tasks is None:
            raise RuntimeError("the tasks of a run are read once")
        tasks, self._tasks = self._tasks, None
        return tasks


def check_inputs(
    inputs: Sequence[str],
    resolver: ConfigResolver,
    options: Options | None = None,
    *,
    registry: Registry | None = None,
    on_notice: Callable[[Notice], None] | None = None,
    check: Callable[[TaskStream], Iterable[Result]] | None = None,
) -> Outcome:
    """Check every input; a bad one becomes a notice and the others are still checked.

    `on_notice` hears about unreadable inputs and fixes as they happen (the CLI prints them);
    `check` runs the tasks (default: `parallel.check_each` with `options.jobs`), so that a caller
    can show progress or map the work elsewhere. It should take them as it goes and give each
    result as it is ready: the run then never holds more articles than are being checked.
    """
    options = options or Options()
    registry = registry or default_registry()
    tell = on_notice or (lambda n: None)
    first = resolver.for_path(inputs[0] if inputs and inputs[0] != "-" and not is_url(inputs[0]) else None)
    notices = [Notice("newslint", "error", p) for p in registry.problems]
    seen = SeenItems(first.cache_dir or default_cache_dir()) if options.changed else None
    if seen is not None and seen.problem:
        notices.append(Notice("newslint", "warning", seen.problem))
    reading = _Reading(inputs, first.max_bytes, options)
    input_failed = False
    skipped = {"since": 0, "changed": 0}
    for item in reading.first():
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
            reading.plan(item, resolver.for_path(item.path))
    if skipped["since"]:
        notices.append(Notice("newslint", "info", f"{skipped['since']} published before {options.since}: skipped"))
    if skipped["changed"]:
        notices.append(Notice("newslint", "info", f"{skipped['changed']} unchanged since the previous run: skipped"))
    fixing = options.fix or options.diff
    tasks = reading.second(tell, notices)
    kept: list[Task] = []
    if fixing:  # not streamed: the fixes need every article checked, with its text as it was read
        kept = list(tasks)
        tasks = TaskStream(len(kept), kept)
    slim = (lambda r: r) if options.texts else Result.without_text
    results = [slim(r) for r in (check or (lambda t: _check_each(t, options.jobs)))(tasks)]
    input_failed |= reading.failed
    # An article the engine could not check at all is as unchecked as an unreadable input.
    input_failed |= any(n.level == "error" and n.message.startswith(UNCHECKED) for r in results for n in r.notices)
    diff = ""
    if fixing:
        diff, fix_notices, fixed = fix_files(kept, results, names=options.fix_names, write=not options.diff)
        for n in fix_notices:
            tell(n)
        notices.extend(fix_notices)
        if fixed:  # report on the files as they are now
            _recheck(kept, results, fixed, first.max_bytes, options.extract)
            results = [slim(r) for r in results]
    run = Run(results=results, rules=registry.select(first.select, first.ignore), notices=notices, color=options.color)
    return Outcome(run=run, diff=diff, input_failed=input_failed, tasks=kept, seen=seen)


def _check_each(tasks: TaskStream, jobs: int | None) -> Iterator[Result]:
    return check_each(tasks, jobs=jobs or default_jobs())


@dataclass(frozen=True, slots=True)  # one per article of a run: small
class _Reread:
    """An article of a regular file, to be read again from the file when its turn comes."""

    read: int  # which read of the file gave it: a file named twice is read twice
    path: str
    index: int  # its place among the articles of that read
    source: str
    fingerprint: bytes  # of the article as first read
    config: Any


class _Reading:
    """The inputs read twice: `first` reads every one, and the caller `plan`s each article to check;
    `second` reads them again, one at a time, as they are checked.

    An article of a regular file is read again from the file, as it is then; one that cannot be
    read twice alike (standard input, a URL, a pipe) is kept from the first read. An article whose
    file changed in between is checked as it is now, with a warning (its recurring lines were
    counted as it was); one the file no longer has is an error, as an unreadable input is.
    """

    def __init__(self, inputs: Sequence[str], max_bytes: int, options: Options) -> None:
        self.inputs = list(inputs)
        self.max_bytes = max_bytes
        self.options = options
        self.recurrence = Recurrence()
        self.failed = False  # an article planned could not be read again
        self._planned: deque[_Reread | Task] = deque()
        self._reads = 0  # files read so far
        self._file: tuple[int, str] | None = None  # the read under way, if it is of a regular file
        self._index = 0  # articles that read has given so far

    def first(self) -> Iterator[Article | InputError]:
        """Every input once. Pages are not extracted yet: that only masks their text, and it is the
        slowest part of reading them."""
        opts = self.options
        for item in read_inputs(self.inputs, max_bytes=self.max_bytes, stdin=opts.stdin, on_file=self._on_file):
            yield item
            if isinstance(item, Article):
                self._index += 1

    def _on_file(self, path: str) -> None:
        self._reads += 1
        self._index = 0
        self._file = (self._reads, path) if _regular(path) else None

    def plan(self, article: Article, config: Any) -> None:
        """Check this article (the one `first` gave last) in the second read."""
        self.recurrence.count(article)
        if self._file is not None and article.path == self._file[1]:
            read, path = self._file
            self._planned.append(_Reread(read, path, self._index, article.source, _fingerprint(article), config))
        else:
            self._planned.append((article, config))

    def second(self, tell: Callable[[Notice], None], notices: list[Notice]) -> TaskStream:
        """The planned articles again, in order, each with its recurring lines; a problem reading one
        again is told and added to `notices`."""
        return TaskStream(len(self._planned), self._second(tell, notices))

    def _second(self, tell: Callable[[Notice], None], notices: list[Notice]) -> Iterator[Task]:
        current: tuple[int, Iterator[tuple[int, Article]], list[InputError]] | None = None
        while self._planned:
            planned = self._planned.popleft()  # a kept article is let go once it is checked
            if isinstance(planned, tuple):
                article, config = planned
                if self.options.extract:
                    article = main_text(article)
            else:
                if current is None or current[0] != planned.read:
                    errors: list[InputError] = []
                    current = (planned.read, enumerate(self._articles_of(planned.path, errors)), errors)
                found = self._again(planned, current[1], current[2])
                if isinstance(found, Notice):
                    self.failed = True
                    tell(found)
                    notices.append(found)
                    continue
                article, config = found, planned.config
            self.recurrence.attach(article)
            yield article, config

    def _articles_of(self, path: str, errors: list[InputError]) -> Iterator[Article]:
        for item in read_inputs([path], max_bytes=self.max_bytes, extract=self.options.extract):
            if isinstance(item, Article):
                yield item
            else:
                errors.append(item)

    @staticmethod
    def _again(
        planned: _Reread, articles: Iterator[tuple[int, Article]], errors: list[InputError]
    ) -> Article | Notice:
        for index, article in articles:
            if index < planned.index:  # skipped (--since, --changed)
                continue
            if index == planned.index:
                manifest.apply(article)
                if _fingerprint(article) != planned.fingerprint:
                    article.notices.append(Notice(article.source, "warning", CHANGED))
                return article
            break
        why = next((e.message for e in errors if e.source == planned.path), "the file no longer has it")
        return Notice(planned.source, "error", f"{UNCHECKED}it could not be read again ({why})")


CHANGED = "the file changed during the run: checked as it is now (its lines recurring on the site counted as it was)"


def _regular(path: str) -> bool:
    """Whether the file can be read again to give the same text: a pipe or a device cannot."""
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except (OSError, ValueError):
        return False


def _fingerprint(article: Article) -> bytes:
    """What the first read of an article saw, to tell whether the second read gives the same article."""
    digest = hashlib.blake2b(digest_size=16)
    about = (article.source, article.id, article.url, article.title, article.lang, article.published,
             article.published_last, article.format)
    digest.update(repr(about).encode("utf-8", "surrogatepass"))
    digest.update(article.text.encode("utf-8", "surrogatepass"))
    return digest.digest()


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
    for i, (article, cfg) in enumerate(tasks):
        if article.path in fixed and article.source == article.path:
            again = next(iter(read_inputs([article.path], max_bytes=max_bytes, extract=extract)), None)
            if isinstance(again, Article):
                tasks[i] = (again, cfg)
                results[i] = check_all([(again, cfg)])[0]
