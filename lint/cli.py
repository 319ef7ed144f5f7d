"""The `newslint` command: a thin layer over the engine, and the only module that prints or exits."""

from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any, TextIO

import click

from . import __version__
from .article import Notice
from .config import ConfigError, ConfigResolver
from .engine import Result, check_article, default_registry
from .registry import Registry
from .rule import SEVERITY_RANK, Rule

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
    type=click.Choice(["text", "json", "sarif", "github"]),
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
@click.option("--cache-dir", type=click.Path(file_okay=False), help="Where Wikipedia answers are cached.")
@click.option("--color/--no-color", default=None, help="Colour the text report [default: on a terminal].")
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
    debug: bool,
) -> None:
    """Check articles: files, directories, JSON Lines, or - for stdin."""
    from .report import Run, render
    from .sources import InputError, read_inputs

    if not inputs:
        raise Failure("no input given (a path, a directory, or - for stdin); see `newslint check --help`")
    overrides = {
        "select": ",".join(select) or None,
        "ignore": ",".join(ignore) or None,
        "language": lang,
        "date": date_,
        "fail-on": fail_on,
        "knowledge": "embedded" if offline and knowledge != "off" else knowledge,
        "allow-names": ",".join(allow_names) or None,
        "max-bytes": max_bytes,
        "cache-dir": cache_dir,
    }
    resolver = ConfigResolver(overrides, Path(config_file) if config_file else None)
    registry = default_registry()
    first = resolver.for_path(inputs[0] if inputs[0] != "-" else None)
    first.check_rule_ids(registry.rules)
    run_notices = [Notice("newslint", "error", p) for p in registry.problems]
    results: list[Result] = []
    input_failed = False
    knowledge_cache: dict[Any, Any] = {}
    for item in read_inputs(list(inputs), max_bytes=first.max_bytes, stdin=sys.stdin.buffer):
        if isinstance(item, InputError):
            level = "error" if item.fatal else "warning"
            input_failed |= item.fatal
            click.echo(f"newslint: {level}: {item.source}: {item.message}", err=True)
            run_notices.append(Notice(item.source, level, item.message))
            continue
        cfg = resolver.for_path(item.path)
        cfg.check_rule_ids(registry.rules)
        rules = _selected(registry, cfg.select, cfg.ignore)
        kb = _knowledge(cfg, knowledge_cache)
        results.append(check_article(item, cfg, rules=rules, knowledge=kb))
    run = Run(
        results=results,
        rules=_selected(registry, first.select, first.ignore),
        notices=run_notices,
        color=_use_color(color, output),
    )
    _write_report(fmt, run, output, render)
    for n in (n for r in results for n in r.notices if n.level == "error"):
        click.echo(f"newslint: {n.level}: {n.source}: {n.message}", err=True)
    if input_failed:
        sys.exit(EXIT_ERROR)
    threshold = SEVERITY_RANK.get(first.fail_on, 99)
    failing = any(SEVERITY_RANK[f.severity] >= threshold for r in results for f in r.findings)
    sys.exit(EXIT_FINDINGS if failing else EXIT_OK)


def _selected(registry: Registry, select: tuple[str, ...], ignore: tuple[str, ...]) -> list[Rule]:
    return registry.select(select, ignore)


def _knowledge(cfg: Any, cache: dict[Any, Any]) -> Any:
    from .knowledge.sources import build_knowledge

    key = (cfg.knowledge, cfg.cache_dir, cfg.mediawiki_url, cfg.wikidata_url, cfg.user_agent, cfg.cache_ttl)
    if key not in cache:
        cache[key] = build_knowledge(cfg)
    return cache[key]


def _use_color(color: bool | None, output: str | None) -> bool:
    if color is not None:
        return color
    return output is None and sys.stdout.isatty() and "NO_COLOR" not in os.environ


def _write_report(fmt: str, run: Any, output: str | None, render: Callable[..., None]) -> None:
    if output is None:
        render(fmt, run, sys.stdout)
        return
    # Written beside the target and renamed, so a crash never leaves half a report.
    target = Path(output)
    fd, tmp = tempfile.mkstemp(dir=target.parent if str(target.parent) else ".", prefix=".newslint-", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as out:
            render(fmt, run, out)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


@main.command("rules")
@click.argument("rule_id", required=False)
@click.option("--debug", is_flag=True, hidden=True)
@_fail_cleanly
def rules_cmd(rule_id: str | None, debug: bool) -> None:
    """List every rule, or describe one with its examples."""
    registry = default_registry()
    for problem in registry.problems:
        click.echo(f"newslint: error: {problem}", err=True)
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
        langs = ",".join(sorted(r.languages)) if r.languages else "all"
        out.write(f"{r.id:<{width}}  {r.category:<24}  {r.severity:<7}  {langs:<11}  {r.summary}\n")


def _describe_rule(r: Rule, out: TextIO) -> None:
    langs = ", ".join(sorted(r.languages)) if r.languages else "all"
    out.write(f"{r.id}\n  category: {r.category}\n  severity: {r.severity}\n  languages: {langs}\n\n")
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


if __name__ == "__main__":  # pragma: no cover
    main()
