"""The `newslint` command: a thin layer over the engine, and the only module that prints or exits."""

from __future__ import annotations

import datetime as dt
import io
import os
import sys
import traceback
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

import click

from . import __version__
from .article import Article, Notice
from .config import ConfigError, ConfigResolver
from .engine import Result, default_registry
from .feeds import is_url
from .files import atomic_writer
from .fixes import NAME_CONFIDENCE
from .language import languages_for
from .rule import SEVERITY_RANK, Rule

if TYPE_CHECKING:
    from .run import TaskStream

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


class Failure(Exception):
    """An error the user can act on: printed as one line, exit status 2."""


def _fail_cleanly(fn: Callable[..., Any]) -> Callable[..., Any]:
    """Turn expected errors into one line on stderr and exit 2; --debug shows the traceback."""

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        debug = kwargs.get("debug", False)
        try:
            return fn(*args, **kwargs)
        except (Failure, ConfigError) as exc:
            if debug:
                traceback.print_exc()
            click.echo(f"newslint: error: {exc}", err=True)
            sys.exit(EXIT_ERROR)
        except KeyboardInterrupt:
            sys.exit(130)
        except BrokenPipeError:
            # the reader went away ("newslint check ... | head"): nothing left to say to it; point
            # stdout at /dev/null so the interpreter's final flush does not raise again
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            sys.exit(EXIT_ERROR)
        except Exception as exc:
            if debug:
                traceback.print_exc()
            click.echo(f"newslint: internal error: {type(exc).__name__}: {exc} (run with --debug)", err=True)
            sys.exit(EXIT_ERROR)

    wrapper.__name__ = fn.__name__
    wrapper.__doc__ = fn.__doc__
    return wrapper


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="newslint")
def main() -> None:
    """Fact-check and translation-quality linter for news articles."""


@main.command()
@click.argument("inputs", nargs=-1)
@click.option(
    "-f",
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "sarif", "github", "html"]),
    default="text",
    show_default=True,
    help="Report format.",
)
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), help="Write the report to FILE.")
@click.option("--select", multiple=True, help="Only these rules or families (globs allowed); repeatable.")
@click.option("--ignore", multiple=True, help="Skip these rules or families (globs allowed); repeatable.")
@click.option("--lang", help="Force the article language (otherwise detected).")
@click.option("--date", "date_", help="Check offices as of this date (YYYY-MM-DD) instead of the article's.")
@click.option(
    "--fail-on",
    type=click.Choice(["error", "warning", "info", "never"]),
    help="Exit 1 when a finding reaches this severity [default: warning].",
)
@click.option(
    "--config",
    "config_file",
    type=click.Path(exists=True, dir_okay=False),
    help="Use this configuration file instead of searching for one.",
)
@click.option("--knowledge", type=click.Choice(["embedded", "wikipedia", "off"]), help="Knowledge sources.")
@click.option("--online", "knowledge", flag_value="wikipedia", help="Same as --knowledge wikipedia.")
@click.option("--offline", is_flag=True, help="Use only the embedded knowledge base and the cache.")
@click.option("--allow-name", "allow_names", multiple=True, help="A name never flagged; repeatable.")
@click.option("--max-bytes", help="Skip inputs larger than this (e.g. 5M).")
@click.option("--cache-dir", type=click.Path(file_okay=False), help="Where Wikipedia answers and --changed state go.")
@click.option("--color/--no-color", default=None, help="Colour the text report [default: on a terminal].")
@click.option(
    "--fix", is_flag=True, help="Apply safe fixes (quotation marks, spacing, doubled captions) to the files in place."
)
@click.option("--diff", is_flag=True, help="Print the safe fixes as a diff instead of the report; change nothing.")
@click.option(
    "--fix-names",
    is_flag=True,
    help=f"With --fix or --diff, also correct names and titles when sure (confidence >= {NAME_CONFIDENCE}).",
)
@click.option(
    "-j", "--jobs", type=click.IntRange(min=0), help="Check in N processes (0: one per core) [default: one per core]."
)
@click.option("--since", "since", help="Check only articles published on this date (YYYY-MM-DD) or later (or undated).")
@click.option("--changed", is_flag=True, help="Check only items new or edited since the previous --changed run.")
@click.option("--no-extract", is_flag=True, help="Check the whole of HTML pages, not only their main text.")
@click.option("--debug", is_flag=True, help="Show tracebacks.")
@_fail_cleanly
def check(
    inputs: tuple[str, ...],
    fmt: str,
    output: str | None,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    lang: str | None,
    date_: str | None,
    fail_on: str | None,
    config_file: str | None,
    knowledge: str | None,
    offline: bool,
    allow_names: tuple[str, ...],
    max_bytes: str | None,
    cache_dir: str | None,
    color: bool | None,
    fix: bool,
    diff: bool,
    fix_names: bool,
    jobs: int | None,
    since: str | None,
    changed: bool,
    no_extract: bool,
    debug: bool,
) -> None:
    """Check articles: files, directories, JSON Lines, RSS/Atom feeds, web pages (URLs too), or - for stdin."""
    from .report import render
    from .run import Options, check_inputs

    if not inputs:
        raise Failure("no input given (a path, a directory, or - for stdin); see `newslint check --help`")
    if fix_names and not (fix or diff):
        raise Failure("--fix-names goes with --fix or --diff")
    overrides = _overrides(
        select, ignore, knowledge, offline, allow_names, cache_dir,
        language=lang, date=date_, **{"fail-on": fail_on, "max-bytes": max_bytes},
    )
    registry = default_registry()
    resolver = ConfigResolver(overrides, Path(config_file) if config_file else None, known_rules=registry.rules)
    options = Options(
        since=_parse_day("--since", since),
        changed=changed,
        jobs=jobs,
        extract=not no_extract,
        fix=fix,
        diff=diff,
        fix_names=fix_names,
        color=_use_color(color, output),
        stdin=sys.stdin.buffer,
        texts=fmt == "html",  # the only report that shows each article whole
    )
    outcome = check_inputs(
        inputs,
        resolver,
        options,
        registry=registry,
        on_notice=_print_notice,
        check=lambda t: _check_tasks(t, jobs, debug),
    )
    if diff:
        sys.stdout.write(outcome.diff)
    if output is not None or not diff:
        _write_report(fmt, outcome.run, output, render)
    outcome.remember()
    for n in (n for r in outcome.run.results for n in r.notices if n.level == "error"):
        _print_notice(n)
    if outcome.input_failed:
        sys.exit(EXIT_ERROR)
    if diff:  # like `git diff --exit-code`: 1 when there is something to fix
        sys.exit(EXIT_FINDINGS if outcome.diff else EXIT_OK)
    first = resolver.for_path(inputs[0] if inputs[0] != "-" and not is_url(inputs[0]) else None)
    threshold = SEVERITY_RANK.get(first.fail_on, 99)
    failing = any(SEVERITY_RANK[f.severity] >= threshold for f in outcome.run.findings)
    sys.exit(EXIT_FINDINGS if failing else EXIT_OK)


def _overrides(
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    knowledge: str | None,
    offline: bool,
    allow_names: tuple[str, ...],
    cache_dir: str | None,
    **more: str | None,
) -> dict[str, str]:
    """The configuration keys the command line sets (those the user gave), for check and serve alike."""
    given = {
        "select": ",".join(select) or None,
        "ignore": ",".join(ignore) or None,
        "knowledge": knowledge,
        "offline": "true" if offline else None,
        "allow-names": ",".join(allow_names) or None,
        "cache-dir": cache_dir,
        **more,
    }
    return {k: v for k, v in given.items() if v is not None}


def _print_notice(n: Notice) -> None:
    click.echo(f"newslint: {n.level}: {n.source}: {n.message}", err=True)


def _parse_day(option: str, value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise Failure(f"{option}: bad value {value!r} (expected YYYY-MM-DD)") from None


PROGRESS_MIN = 5  # a run of more articles shows a progress bar (on a terminal, outside CI)


def _check_tasks(
    tasks: TaskStream | Sequence[tuple[Article, Any]], jobs: int | None, debug: bool = False
) -> Iterator[Result]:
    """Check every article, in parallel processes when there are several; results in input order, each
    as it is ready (the articles are taken as they are checked: see lint/run.py).

    An article the engine fails on is an error notice and the others are still checked; with
    --debug the failure ends the run instead, to show its traceback."""
    from .parallel import check_each, default_jobs

    results = check_each(tasks, jobs=jobs or default_jobs(), isolate=not debug)
    if len(tasks) <= PROGRESS_MIN or not sys.stderr.isatty() or os.environ.get("CI"):
        yield from results
        return
    with click.progressbar(length=len(tasks), label="Checking", file=sys.stderr, show_pos=True) as bar:
        for result in results:
            bar.update(1)
            yield result


def _use_color(color: bool | None, output: str | None) -> bool:
    if color is not None:
        return color
    return output is None and sys.stdout.isatty() and "NO_COLOR" not in os.environ


def _write_report(fmt: str, run: Any, output: str | None, render: Callable[..., None]) -> None:
    if output is None:
        render(fmt, run, sys.stdout)
        return
    # Written beside the target and renamed: a crash never leaves half a report. Written as it is
    # rendered, not first held whole: the report of a large run is many megabytes.
    with atomic_writer(output) as raw:
        out = io.TextIOWrapper(raw, encoding="utf-8", newline="\n")
        try:
            render(fmt, run, out)
        finally:
            out.detach()  # flushed; the file is the writer's to close (or to remove, on an error)


@main.command("rules")
@click.argument("rule_id", required=False)
@click.option("--markdown", is_flag=True, help="The reference of every rule as Markdown (docs/rules.md).")
@click.option("--debug", is_flag=True, hidden=True)
@_fail_cleanly
def rules_cmd(rule_id: str | None, markdown: bool, debug: bool) -> None:
    """List every rule, or describe one with its examples."""
    registry = default_registry()
    for problem in registry.problems:
        click.echo(f"newslint: error: {problem}", err=True)
    if markdown:
        from .ruledocs import markdown as reference

        sys.stdout.write(reference(registry))
        return
    if rule_id is None:
        _list_rules(list(registry), sys.stdout)
        return
    found = registry.get(rule_id)
    matches = [found] if found else registry.matching(rule_id)
    if not matches:
        raise Failure(f"unknown rule {rule_id!r} (see `newslint rules`)")
    for r in matches:
        _describe_rule(r, sys.stdout)


def _list_rules(rules: list[Rule], out: TextIO) -> None:
    width = max((len(r.id) for r in rules), default=10)
    for r in rules:
        langs = ",".join(languages_for(r)) if r.requires or r.languages else "all"
        out.write(f"{r.id:<{width}}  {r.category:<24}  {r.severity:<7}  {langs:<11}  {r.summary}\n")


def _describe_rule(r: Rule, out: TextIO) -> None:
    langs = ", ".join(languages_for(r)) if r.requires or r.languages else "all"
    needs = f"\n  requires: {', '.join(r.requires)}" if r.requires else ""
    out.write(f"{r.id}\n  category: {r.category}\n  severity: {r.severity}\n  languages: {langs}{needs}\n\n")
    for line in r.description.strip().splitlines():
        out.write(f"  {line}\n")
    for flagged, title in ((True, "Flags"), (False, "Leaves alone")):
        examples = [e for e in r.examples if e.flagged == flagged]
        if examples:
            out.write(f"\n  {title}:\n")
            for e in examples:
                when = f" (on {e.date})" if e.date else ""
                out.write(f"    [{e.lang}] {e.marked.replace('<m>', '[').replace('</m>', ']')}{when}\n")
    out.write("\n")


@main.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", type=click.IntRange(0, 65535), default=8081, show_default=True, help="Port to listen on.")
@click.option(
    "--config",
    "config_file",
    type=click.Path(exists=True, dir_okay=False),
    help="Use this configuration file instead of searching for one from the working directory.",
)
@click.option("--select", multiple=True, help="Only these rules or families (globs allowed); repeatable.")
@click.option("--ignore", multiple=True, help="Skip these rules or families (globs allowed); repeatable.")
@click.option("--knowledge", type=click.Choice(["embedded", "wikipedia", "off"]), help="Knowledge sources.")
@click.option("--online", "knowledge", flag_value="wikipedia", help="Same as --knowledge wikipedia.")
@click.option("--offline", is_flag=True, help="Use only the embedded knowledge base and the cache.")
@click.option("--allow-name", "allow_names", multiple=True, help="A name never flagged; repeatable.")
@click.option("--cache-dir", type=click.Path(file_okay=False), help="Where Wikipedia answers go.")
@click.option("--max-bytes", default="1M", show_default=True, help="Refuse request bodies larger than this (413).")
@click.option(
    "--timeout", type=click.FloatRange(min=0.1), default=10.0, show_default=True, help="Seconds a check may take (504)."
)
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    help="Check processes, fed from one queue (one per core); 1: checks run in the server process.",
)
@click.option(
    "--threads", type=click.IntRange(min=1), default=1, show_default=True, help="With one worker, checks at once."
)
@click.option("--cors-origin", "cors_origins", multiple=True, help="Allow browser pages of this origin; repeatable.")
@click.option("--access-log/--no-access-log", default=True, show_default=True, help="Log every request.")
@click.option("--debug", is_flag=True, help="Show tracebacks.")
@_fail_cleanly
def serve(
    host: str,
    port: int,
    config_file: str | None,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    knowledge: str | None,
    offline: bool,
    allow_names: tuple[str, ...],
    cache_dir: str | None,
    max_bytes: str,
    timeout: float,
    threads: int,
    workers: int,
    cors_origins: tuple[str, ...],
    access_log: bool,
    debug: bool,
) -> None:
    """Serve the checks over HTTP: LanguageTool's /v2/check API, /api/check, and a page at /."""
    from .serve import Settings, run

    settings = Settings(
        host=host,
        port=port,
        overrides=_overrides(select, ignore, knowledge, offline, allow_names, cache_dir),
        config_file=config_file,
        max_bytes=max_bytes,
        timeout=timeout,
        threads=threads,
        workers=workers,
        cors_origins=cors_origins,
        access_log=access_log,
        log_level="debug" if debug else "info",
    )
    run(settings)


@main.group()
def kb() -> None:
    """What the knowledge base knows."""


@kb.command("show")
@click.argument("name")
@click.option("--lang", default="en", show_default=True, help="Language of the name.")
@click.option("--debug", is_flag=True, hidden=True)
@_fail_cleanly
def kb_show(name: str, lang: str, debug: bool) -> None:
    """Show a person the embedded KB knows by NAME (or the closest names)."""
    from .knowledge import embedded

    base = embedded.load()
    people = base.people_named(name)
    if not people:
        click.echo(f"{name!r} is not in the embedded knowledge base (snapshot {base.snapshot}).")
        for p, score in base.suggest(name, lang, 5):
            if score >= 70:
                click.echo(f"  did you mean {p.name(lang)} ({score:.0f}%)?")
        sys.exit(EXIT_FINDINGS)
    for p in people:
        click.echo(_format_person(p, base, lang))


def _format_person(p: Any, base: Any, lang: str) -> str:
    lines = [f"{p.id}" + (f"  [{p.qid}]" if p.qid else ""), f"  gender: {p.gender or 'unknown'}"]
    lines.append("  names: " + ", ".join(f"{k}: {v}" for k, v in sorted(p.names.items())))
    if p.aliases:
        lines.append("  aliases: " + ", ".join(p.aliases))
    lines.append("  offices:")
    for o in p.offices:
        label = (base.role_names(o.role, o.of, lang) or [o.role])[0]
        to = f" to {o.to}" if o.to else ""
        acting = " (acting)" if o.acting else ""
        lines.append(f"    {label} [{o.role}] of {o.of}{to}{acting}: {o.start or '?'} – {o.end or 'now'}")
    lines.append(f"  source: embedded snapshot {base.snapshot}; {p.url(lang)}")
    return "\n".join(lines)


@kb.command("holders")
@click.argument("role")
@click.argument("of")
@click.option("--date", "date_", help="The date (YYYY-MM-DD); default today.")
@click.option("--lang", default="en", show_default=True)
@click.option("--debug", is_flag=True, hidden=True)
@_fail_cleanly
def kb_holders(role: str, of: str, date_: str | None, lang: str, debug: bool) -> None:
    """Who held ROLE (a role key, e.g. foreign-minister) of OF (e.g. RU) on a date."""
    from .knowledge import embedded

    base = embedded.load()
    if role not in base.roles:
        raise Failure(f"unknown role {role!r}; known: {', '.join(sorted(base.roles))}")
    try:
        day = dt.date.fromisoformat(date_) if date_ else dt.date.today()
    except ValueError:
        raise Failure(f"--date: bad value {date_!r} (expected YYYY-MM-DD)") from None
    holders = base.holders_of(role, of.upper(), day)
    label = (base.role_names(role, of.upper(), lang) or [role])[0]
    if not holders:
        click.echo(f"The embedded KB knows no {label} of {of.upper()} on {day.isoformat()}.")
        sys.exit(EXIT_FINDINGS)
    for p in holders:
        click.echo(f"{p.name(lang)}: {label} of {of.upper()} on {day.isoformat()}")


@kb.command("update")
@click.option(
    "--add",
    "additions",
    multiple=True,
    metavar="QID_OR_TITLE",
    help="Also add this person: a Wikidata id (Q...) or an English Wikipedia title; repeatable.",
)
@click.option(
    "--file",
    "path",
    type=click.Path(dir_okay=False),
    help="Rebuild this people file (new people go into it) instead of the snapshot's files.",
)
@click.option(
    "--config",
    "config_file",
    type=click.Path(exists=True, dir_okay=False),
    help="Configuration file (user-agent, mediawiki-url, wikidata-url).",
)
@click.option("--debug", is_flag=True, hidden=True)
@_fail_cleanly
def kb_update(additions: tuple[str, ...], path: str | None, config_file: str | None, debug: bool) -> None:
    """Rebuild the snapshot's people from Wikidata: names, gender and the offices it can map."""
    from .knowledge.update import UpdateError, update_files

    cfg = ConfigResolver({}, Path(config_file) if config_file else None).for_path(path)
    try:
        report = update_files(cfg, [Path(path)] if path else None, additions)
    except UpdateError as exc:
        raise Failure(str(exc)) from None
    for line in report.lines:
        click.echo(line)


if __name__ == "__main__":  # pragma: no cover
    main()
