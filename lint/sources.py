"""Reading inputs: files, folders, standard input and JSON Lines, each into `Article`s.

`read_inputs` never raises for a bad input. An input that cannot be read at all becomes an
`InputError` (the CLI prints it on one line); a problem that still leaves text to check (bytes that
are not UTF-8, an unreadable date) becomes a warning `Notice` on the article.
"""

from __future__ import annotations

import codecs
import json
import os
import re
import stat
import sys
from collections.abc import Callable, Collection, Iterator, Sequence
from dataclasses import dataclass
from typing import BinaryIO, TextIO

from . import feeds, markup
from .article import Article, Notice, parse_date

DEFAULT_EXTENSIONS = frozenset({".txt", ".md", ".markdown", ".html", ".htm", ".jsonl", ".ndjson", ".rss", ".atom"})
# Anything else is read as plain text when named on the command line.
FORMATS = {
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    # RSS and Atom (lint/feeds.py); .xml only when named: a folder's .xml files are rarely feeds.
    ".rss": "feed",
    ".atom": "feed",
    ".xml": "feed",
}
ARTICLE_FORMATS = ("text", "markdown", "html")

_SNIFF_BYTES = 8192
_BINARY_CONTROL_SHARE = 0.30
# Control bytes that do not occur in text (tab, newlines, form feed and carriage return do).
_CONTROL_BYTES = bytes([*range(0, 9), *range(14, 32), 127])
_HTML_START = (b"<!", b"<?", b"</")


@dataclass(frozen=True)
class InputError:
    """An input that could not be read at all (or, if not fatal, that had nothing to check)."""

    source: str
    message: str  # one line, naming the cause: "binary file, not text"
    fatal: bool = True  # False for an empty file: the CLI warns and does not fail the run


def read_inputs(
    paths: Sequence[str | os.PathLike[str]],
    *,
    max_bytes: int = 20_000_000,
    extensions: Collection[str] = DEFAULT_EXTENSIONS,
    stdin: TextIO | BinaryIO | None = None,
    stdin_name: str = "-",
    extract: bool = False,
    on_file: Callable[[str], None] | None = None,
) -> Iterator[Article | InputError]:
    """The articles of each path in order: files, folders (walked recursively, sorted), `-`, and
    http(s) URLs (a feed, a page or text, by the answer's type and first bytes; see lint/feeds.py).

    `extensions` chooses the files of a folder; a file named explicitly is read whatever its name.
    Standard input is read as `stdin_name`: its extension, if known, gives the format; otherwise
    the text is a feed or HTML if it starts like one. With `extract`, an HTML page (not an item of
    a feed or JSON Lines file) is checked on its main text only (lint/pages.py). `on_file`, if
    given, is called with a file's path just before that file is read, so that a caller can tell
    which articles one read of a file gave (to read them again later from the file itself).
    """
    for item in _read_all(paths, max_bytes, extensions, stdin, stdin_name, on_file):
        yield main_text(item, stdin_name) if extract and isinstance(item, Article) else item


def main_text(article: Article, stdin_name: str = "-") -> Article:
    """A page with what is not its main text masked (`read_inputs` with `extract`); anything else as it is."""
    if article.format == "html" and _is_page(article, stdin_name):
        from .pages import extracted

        return extracted(article)
    return article


def _is_page(article: Article, stdin_name: str) -> bool:
    # Items are `CONTAINER#ID`: never the path, the URL or the name of standard input itself.
    return article.source == article.path or (
        article.path is None and (article.source == stdin_name or feeds.is_url(article.source))
    )


def _read_all(
    paths: Sequence[str | os.PathLike[str]],
    max_bytes: int,
    extensions: Collection[str],
    stdin: TextIO | BinaryIO | None,
    stdin_name: str,
    on_file: Callable[[str], None] | None,
) -> Iterator[Article | InputError]:
    wanted = frozenset(e.lower() if e.startswith(".") else "." + e.lower() for e in extensions)
    stdin_used = False
    for given in map(os.fspath, paths):
        if given == "-":
            if stdin_used:
                yield InputError(stdin_name, "standard input named twice; read once", fatal=False)
                continue
            stdin_used = True
            yield from _read_stdin(stdin, stdin_name, max_bytes)
        elif feeds.is_url(given):
            yield from _read_url(given, max_bytes)
        elif os.path.isdir(given):
            yield from _read_folder(given, wanted, max_bytes, on_file)
        else:
            yield from _read_file(given, max_bytes, on_file)


# -- where the bytes come from ----------------------------------------------------------------------


def _read_file(
    path: str, max_bytes: int, on_file: Callable[[str], None] | None = None
) -> Iterator[Article | InputError]:
    if on_file is not None:
        on_file(path)
    data = _load(path, max_bytes)
    if isinstance(data, InputError):
        yield data
    else:
        yield from _parse(data, path, path, _format_of(path))


def _load(path: str, max_bytes: int) -> bytes | InputError:
    """The file's bytes, refusing a file over `max_bytes` before reading any of it."""
    try:
        with open(path, "rb") as f:
            info = os.fstat(f.fileno())
            if stat.S_ISREG(info.st_mode) and info.st_size > max_bytes:
                return InputError(path, f"{info.st_size} bytes, over max-bytes ({max_bytes}); skipped")
            # Bounded even so: a pipe or device has no size, and a file may grow. A regular file is read
            # for its size first: a read of max-bytes allocates that much before it finds the end.
            limit, regular = max_bytes + 1, stat.S_ISREG(info.st_mode)
            data = f.read(min(limit, info.st_size + 1)) if regular else b""
            if not regular or len(data) > info.st_size:
                data += f.read(limit - len(data))  # (no size to go by, or grown since)
    except OSError as exc:
        return InputError(path, _reason(exc))
    except ValueError:  # a NUL character in the path
        return InputError(path, "not a valid path")
    if len(data) > max_bytes:
        return InputError(path, f"more than {max_bytes} bytes, over max-bytes ({max_bytes}); skipped")
    return data


def _read_url(url: str, max_bytes: int) -> Iterator[Article | InputError]:
    """A feed, page or text over http(s): bounded in size and time; reported under the URL given."""
    try:
        fetched = feeds.fetch(url, max_bytes=max_bytes)
    except feeds.FetchError as exc:
        yield InputError(url, str(exc))
        return
    kind = feeds.kind_of(fetched)
    problem = _not_text(fetched.data)
    if kind == "feed" and not problem:
        yield from feeds.read_feed(fetched.data, url, None, fetched.headers)
    else:
        yield from _parse(fetched.data, url, None, kind)


def _read_folder(
    root: str, extensions: frozenset[str], max_bytes: int, on_file: Callable[[str], None] | None
) -> Iterator[Article | InputError]:
    found = False
    for item in _walk(root, extensions):
        if isinstance(item, InputError):
            yield item
        else:
            found = True
            yield from _read_file(item, max_bytes, on_file)
    if not found:
        listed = " ".join(sorted(extensions))
        yield InputError(root, f"no files to check (looked for {listed})", fatal=False)


def _walk(folder: str, extensions: frozenset[str]) -> Iterator[str | InputError]:
    """Files under `folder` with a wanted extension, depth first in name order; hidden ones skipped.

    Symbolic links to folders are not followed (no loops); a broken link to a wanted file is
    returned, so that reading it reports the problem instead of skipping it silently.
    """
    try:
        with os.scandir(folder) as it:
            entries = sorted(it, key=lambda e: e.name)
    except OSError as exc:
        yield InputError(folder, f"cannot list folder: {_reason(exc)}")
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        path = os.path.join(folder, entry.name)
        try:
            if entry.is_dir(follow_symlinks=False):
                yield from _walk(path, extensions)
            elif _extension(entry.name) in extensions and (
                entry.is_file() or (entry.is_symlink() and not entry.is_dir())
            ):
                yield path
        except OSError as exc:
            yield InputError(path, _reason(exc))


def _read_stdin(stream: TextIO | BinaryIO | None, name: str, max_bytes: int) -> Iterator[Article | InputError]:
    stream = stream if stream is not None else sys.stdin
    if stream is None:  # no console (pythonw)
        yield InputError(name, "no standard input")
        return
    binary = getattr(stream, "buffer", stream)  # bytes, so that decoding works as for files
    try:
        data = binary.read(max_bytes + 1)
    except (OSError, ValueError) as exc:  # ValueError: closed stream
        yield InputError(name, f"cannot read standard input: {_reason(exc)}")
        return
    if isinstance(data, str):
        try:  # a stream decoded with surrogateescape gives its undecodable bytes back
            data = data.encode("utf-8", "surrogateescape")
        except UnicodeEncodeError:  # other lone surrogates: bytes the UTF-8 decoder reports and replaces
            data = data.encode("utf-8", "surrogatepass")
    if len(data) > max_bytes:
        yield InputError(name, f"more than {max_bytes} bytes, over max-bytes ({max_bytes}); skipped")
        return
    fmt = FORMATS.get(_extension(name)) or (
        "feed" if feeds.looks_like_feed(data) else "html" if _looks_like_html(data) else "text"
    )
    yield from _parse(data, name, None, fmt)


def _looks_like_html(data: bytes) -> bool:
    head = data[:_SNIFF_BYTES].removeprefix(codecs.BOM_UTF8).lstrip()
    return head.startswith(_HTML_START) or (len(head) > 1 and head[:1] == b"<" and head[1:2].isalpha())


def _format_of(path: str) -> str:
    return FORMATS.get(_extension(path), "text")


def _extension(path: str) -> str:
    return os.path.splitext(path)[1].lower()


def _reason(exc: BaseException) -> str:
    """An OS error as a short lower-case cause: "permission denied"."""
    reason = getattr(exc, "strerror", None) or str(exc) or type(exc).__name__
    return reason[:1].lower() + reason[1:]


# -- from bytes to articles -------------------------------------------------------------------------


def _parse(data: bytes, source: str, path: str | None, fmt: str) -> Iterator[Article | InputError]:
    problem = _not_text(data)
    if problem:
        yield InputError(source, problem)
    elif fmt == "jsonl":
        yield from _parse_jsonl(data, source, path)
    elif fmt == "feed":
        yield from feeds.read_feed(data, source, path)
    else:
        text, bad_byte = _decode(data)
        if not text.strip():
            yield InputError(source, "empty file" if path else "empty input", fatal=False)
            return
        article = _article(text, source, path, fmt)
        if bad_byte is not None:
            article.notices.append(_invalid_utf8(source, bad_byte))
        yield article


def _not_text(data: bytes) -> str | None:
    """Why the bytes are not UTF-8 text worth checking, or None; looks at the first 8 KiB only."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "UTF-16 text, not UTF-8; convert it to UTF-8"
    sample = data[:_SNIFF_BYTES]
    if b"\0" in sample:
        return "binary file, not text"
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    if controls > _BINARY_CONTROL_SHARE * len(sample):
        return "binary file, not text"
    return None


def _decode(data: bytes, offset: int = 0, *, strip_bom: bool = True) -> tuple[str, int | None]:
    """UTF-8 text without its BOM, and the file offset of the first invalid byte (None if valid).

    The BOM is dropped rather than masked: it is not part of the text a user sees, so columns
    count from after it, as editors count them.
    """
    skip = len(codecs.BOM_UTF8) if strip_bom and data.startswith(codecs.BOM_UTF8) else 0
    body = memoryview(data)[skip:]
    try:
        return str(body, "utf-8"), None
    except UnicodeDecodeError as exc:
        return str(body, "utf-8", "replace"), offset + skip + exc.start


def _invalid_utf8(source: str, byte: int) -> Notice:
    # A 0-based byte offset, as `cmp`, `xxd` and Python's own errors count.
    return Notice(source, "warning", f"invalid UTF-8 at byte {byte}; replaced")


def _article(text: str, source: str, path: str | None, fmt: str) -> Article:
    if fmt == "html":
        page = markup.read_html(text)
        return Article(
            text,
            source,
            title=page.title,
            lang=page.lang,
            published=page.published,
            format="html",
            masks=page.masks,
            path=path,
        )
    return Article(text, source, format=fmt, masks=markup.masks_for(text, fmt), path=path)


# -- JSON Lines -------------------------------------------------------------------------------------


def _parse_jsonl(data: bytes, source: str, path: str | None) -> Iterator[Article | InputError]:
    """One article per non-blank line; a bad line is an error of its own, the others still count."""
    offset = 0
    any_line = False
    for lineno, raw in enumerate(data.split(b"\n"), 1):
        line_offset, offset = offset, offset + len(raw) + 1
        text, bad_byte = _decode(raw, line_offset, strip_bom=lineno == 1)
        if not text.strip():
            continue
        any_line = True
        item = _parse_item(text, f"{source}#{lineno}", lineno)
        if isinstance(item, InputError):
            yield item
            continue
        article = _item_article(item, source, path, lineno)
        if bad_byte is not None:
            article.notices.insert(0, _invalid_utf8(article.source, bad_byte))
        yield article
    if not any_line:
        yield InputError(source, "empty file" if path else "empty input", fatal=False)


def _parse_item(text: str, where: str, lineno: int) -> dict | InputError:
    try:
        item = json.loads(text)
    except json.JSONDecodeError as exc:
        return InputError(where, f"line {lineno}: not JSON: {exc.msg} (column {exc.colno})")
    except (ValueError, RecursionError) as exc:  # numbers too long, nesting too deep
        return InputError(where, f"line {lineno}: not JSON: {exc or type(exc).__name__}")
    if not isinstance(item, dict):
        return InputError(where, f"line {lineno}: not a JSON object")
    if not isinstance(item.get("text"), str):
        return InputError(where, f'line {lineno}: no "text" string')
    return item


_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def _without_surrogates(value: object) -> tuple[object, bool]:
    """`value` with each lone surrogate (a JSON escape like "\\ud800", valid JSON but no character)
    replaced by U+FFFD, and whether there was one. One code point for one, so offsets hold; left in,
    it would make every UTF-8 report of the run fail to be written."""
    if isinstance(value, str):
        cleaned, count = _LONE_SURROGATE.subn("\ufffd", value)
        return cleaned, count > 0
    return value, False


def _item_article(item: dict, source: str, path: str | None, lineno: int) -> Article:
    surrogates = False
    for key in list(item):
        item[key], found = _without_surrogates(item[key])
        surrogates |= found
    raw_id = item.get("id")
    item_id = None if raw_id is None or raw_id == "" else str(raw_id)
    item_source = f"{source}#{item_id if item_id is not None else lineno}"
    notices: list[Notice] = []

    def field(name: str) -> str | None:
        value = item.get(name)
        if isinstance(value, str):
            return value.strip() or None
        if value is not None:
            notices.append(Notice(item_source, "warning", f"{name} is not a string; ignored"))
        return None

    fmt = field("format") or "text"
    if fmt not in ARTICLE_FORMATS:
        notices.append(Notice(item_source, "warning", f"unknown format {fmt!r}; read as text"))
        fmt = "text"
    article = _article(item["text"], item_source, path, fmt)
    article.id = item_id
    article.title = field("title") or article.title
    article.url = field("url")
    article.lang = field("lang") or article.lang
    published = item.get("published")
    if published not in (None, ""):
        date = parse_date(published)
        if date is None:
            notices.append(Notice(item_source, "warning", f"published: unreadable date {published!r}; ignored"))
        article.published = date or article.published
    if surrogates:
        notices.insert(0, Notice(item_source, "warning", "lone UTF-16 surrogates (\\ud800-\\udfff escapes); replaced"))
    article.notices.extend(notices)
    return article
