"""Which characters of an input are not prose: masks for Markdown, HTML and plain text.

Everything here works on the input string itself, with a few regexes, so that each `Mask` points at
the exact characters of the file; what is left unmasked keeps its offsets (see lint/document.py).
No parser builds a tree: a linter needs to know what to skip, not how a page renders.

Blanking markup has a cost that rules must know about: a masked character reads as a space, so
`**Biden**.` reads `  Biden  .` and `l&#8217;homme` reads `l       homme`. Rules about spacing must
compare `doc.text` with `doc.source` before reporting a space that is markup.
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import html
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import NamedTuple

from .article import parse_date
from .document import Mask, merge_intervals

# Tags that start or end a block: their masks separate paragraphs (see `blank_out`).
BLOCK_TAGS = frozenset(
    {
        *("address", "article", "aside", "blockquote", "body", "br", "caption", "dd", "details", "dialog"),
        *("div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4"),
        *("h5", "h6", "head", "header", "hgroup", "hr", "html", "li", "main", "nav", "ol", "p", "pre"),
        *("section", "summary", "table", "tbody", "td", "tfoot", "th", "thead", "title", "tr", "ul"),
    }
)

# -- URLs (every format) ----------------------------------------------------------------------------

# Lower-case schemes only: an IGNORECASE scan costs more than the rare "HTTP://" is worth.
# Patterns here start with a lookahead for their first character (`(?=[hfw])`): it lets the regex
# engine skip to candidates quickly, which matters on megabyte inputs.
_URL = re.compile(r"(?=[hfw])(?<![\w/@.])(?:(?:https?|ftp)://|www\.)[^\s<>\"'`«»“”‘’]+")
# A URL does not end with the punctuation of the sentence around it, nor with Markdown emphasis.
_URL_TRAILING = ".,;:!?*_~"
_BRACKETS = {")": "(", "]": "[", "}": "{"}


def url_spans(text: str) -> Iterator[tuple[int, int]]:
    """Bare URLs (http://, https://, ftp://, www.) as (start, end), without trailing punctuation."""
    if "://" not in text and "www." not in text:
        return  # every URL has one of them; most articles have no URL, and a substring search is cheap
    for m in _URL.finditer(text):
        start, end = m.start(), m.end()
        # Counted once, then kept up to date: counting again for each bracket dropped is quadratic
        # in a URL that ends with thousands of them.
        counts: dict[str, int] | None = None
        while end > start:
            ch = text[end - 1]
            if ch in _URL_TRAILING:
                end -= 1
                continue
            if ch not in _BRACKETS:
                break
            if counts is None:
                counts = {c: text.count(c, start, end) for pair in _BRACKETS.items() for c in pair}
            if counts[_BRACKETS[ch]] >= counts[ch]:
                break
            counts[ch] -= 1
            end -= 1  # closes a bracket opened before the URL: "(see www.x.org)"
        if text[start:end].lower() not in ("www.", "http://", "https://", "ftp://"):
            yield start, end


def text_masks(text: str) -> tuple[Mask, ...]:
    """Plain text: only bare URLs are not prose."""
    return tuple(Mask(s, e) for s, e in url_spans(text))


# -- tags, comments, character references (HTML, and HTML inside Markdown) -------------------------

_MARKUP = re.compile(
    r"(?=[<&])"
    r"(?:<!--.*?(?:-->|\Z)"  # a comment left open hides the rest, as it does in a browser
    r"|<!\[CDATA\[.*?(?:\]\]>|\Z)"
    r"|<[!?][^<>]*>"  # doctype, processing instruction
    # A quoted value may not hold "<": that keeps a stray `<a "` from scanning to the end of the file.
    # The name allows ":" and "." so that Markdown autolinks, <https://x.org>, read as one tag.
    r"|<(?P<close>/?)(?P<tag>[A-Za-z][A-Za-z0-9:.+-]*)(?P<attrs>(?:[^<>\"']|\"[^\"<]*\"|'[^'<]*')*)>"
    # A character reference is masked whole: reading `&#8217;` as `’` would need one character
    # standing for seven, and offsets may not shift. So `l&#8217;homme` reads `l       homme`.
    r"|&(?:[A-Za-z][A-Za-z0-9]{1,31}|\#[0-9]{1,7}|\#[xX][0-9A-Fa-f]{1,6});)",
    re.S,
)
# Hidden elements that stand inside a line of prose: their mask does not end a paragraph.
_INLINE_ELEMENTS = frozenset({"code", "svg", "math"})


class Token(NamedTuple):
    start: int
    end: int
    tag: str  # lower-case element name; "" for a comment, declaration or character reference
    closing: bool
    attrs: str  # the start tag's attribute text, unparsed
    inner: tuple[int, int] | None  # for a hidden element, where its content is

    @property
    def ends_block(self) -> bool:
        if self.inner is not None:
            return self.tag not in _INLINE_ELEMENTS
        return self.tag in BLOCK_TAGS


def markup_tokens(text: str, hidden: frozenset[str]) -> Iterator[Token]:
    """Tags, comments and character references in order.

    An element named in `hidden` (<script>, <pre>...) is one token from its start tag to its end
    tag; without an end tag, its start tag is an ordinary tag.
    """
    unclosed: set[str] = set()  # no end tag after some point: none after a later point either
    pos = 0
    while (m := _MARKUP.search(text, pos)) is not None:
        tag = (m.group("tag") or "").lower()
        closing = bool(m.group("close"))
        if tag in hidden and not closing and tag not in unclosed:
            end_tag = _end_tag(tag).search(text, m.end())
            if end_tag is not None:
                yield Token(m.start(), end_tag.end(), tag, False, m.group("attrs"), (m.end(), end_tag.start()))
                pos = end_tag.end()
                continue
            unclosed.add(tag)
        yield Token(m.start(), m.end(), tag, closing, m.group("attrs") or "", None)
        pos = m.end()


@functools.lru_cache(maxsize=64)
def _end_tag(name: str) -> re.Pattern[str]:
    return re.compile(rf"</{re.escape(name)}\s*>", re.I)


# -- Markdown ---------------------------------------------------------------------------------------

# Regions already masked are replaced by this in the working copy, so that a later pass does not
# read markup inside code (a `*` in a code span is not emphasis). Newlines are kept for line regexes.
_HIDDEN = "\0"
_NOT_NEWLINE = re.compile(r"[^\n]")
_BLANK_LINE = re.compile(r"\n[ \t]*\r?\n")

_FRONT_MATTER = re.compile(
    r"\A(?:---[ \t]*\r?\n(?=[ \t]*(?:[\w\"'-]+[ \t]*:|#|---|\.\.\.))(?:.*?\n)??(?:---|\.\.\.)"
    r"|\+\+\+[ \t]*\r?\n(?:.*?\n)??\+\+\+)[ \t]*\r?(?=\n|\Z)",
    re.S,
)
_QUOTE_PREFIX = re.compile(r"(?: {0,3}>[ \t]?)+")
_FENCE_OPEN = re.compile(r"[ \t]*(`{3,}(?=[^`]*$)|~{3,})")
_HEADING = re.compile(r"[ \t]*(#{1,6})(?:[ \t]+|$)")
# From the start of a run of blanks only: trying every blank of a long run is quadratic in the line.
_HEADING_CLOSE = re.compile(r"(?<![ \t])[ \t]+#+[ \t]*$")
_SETEXT_UNDERLINE = re.compile(r" {0,3}(?:=+|-+)[ \t]*")
_THEMATIC_BREAK = re.compile(r" {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*")
_LIST_ITEM = re.compile(r"[ \t]*(?:[-+*]|(\d{1,9})[.)])(?:[ \t]+(?:\[[ xX]\](?:[ \t]+|$))?|$)")
_REFERENCE = re.compile(
    r" {0,3}\[(?!\^)([^\[\]]{1,999})\]:[ \t]*(?:<[^<>]*>|\S+)"
    r"(?:[ \t]+(?:\"[^\"]*\"|'[^']*'|\([^()]*\)))?[ \t]*"
)
_FOOTNOTE_DEF = re.compile(r" {0,3}\[\^[^\]\s]+\]:[ \t]*")
# A table's delimiter row, `|---|:--:|` (the caller checks that it has a pipe).
# Never two runs of blanks side by side (`[ \t]*\|?[ \t]*`): their ways of sharing a long run of blanks
# are tried one by one, quadratic in the line.
_TABLE_DELIMITER = re.compile(r"[ \t]*(?:\|[ \t]*)?:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*(?:\|[ \t]*)?")
_UNESCAPED_PIPE = re.compile(r"(?<!\\)\|")

# A backslash before punctuation, or ending a line (a hard line break). The escaped character is
# consumed so that in `\\\\*` the second backslash is read as escaped, not as escaping the star.
_ESCAPE = re.compile(r"\\(?:[!-/:-@\[-`{-~]|(?=\n))")
_LINK = re.compile(
    r"(?=[!\[])(?P<bang>!?)\[(?P<text>(?:[^\[\]\n]|\n(?![ \t]*\r?\n)|\[[^\[\]\n]*\])*)\]"
    r"(?:\((?P<dest>[ \t]*\n?[ \t]*(?:<[^<>\n]*>|(?:[^\s()]|\([^\s()]*\))*)"
    r"(?:[ \t]*\n?[ \t]+(?:\"[^\"\n]*\"|'[^'\n]*'|\([^()\n]*\)))?[ \t]*\n?[ \t]*)\)"
    r"|\[(?P<ref>[^\[\]\n]*)\])?"
)
_BACKTICKS = re.compile(r"`+")
_DELIMITER_RUN = re.compile(r"(?=[*_~])(?:\*+|_+|(?<!~)~~(?!~))")
_MD_HIDDEN_ELEMENTS = frozenset({"script", "style", "pre", "textarea"})


class _Masks:
    """Masks found so far, and a working copy of the text where they are hidden."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.work = text
        self.found: list[tuple[int, int, bool]] = []
        self._pending: list[tuple[int, int]] = []

    def add(self, start: int, end: int, block: bool = False) -> None:
        if end > start:  # an empty block mask would turn a prose character into a newline
            self.found.append((start, end, block))
            self._pending.append((start, end))

    def hide(self, start: int, end: int) -> None:
        """Keep the passes that follow from reading these characters, without masking them."""
        self._pending.append((start, end))

    def commit(self) -> None:
        """Hide everything added since the last commit from the passes that follow."""
        if not self._pending:
            return
        parts, pos, work = [], 0, self.work
        for start, end in merge_intervals(self._pending):
            parts.append(work[pos:start])
            segment = work[start:end]
            parts.append(_NOT_NEWLINE.sub(_HIDDEN, segment) if "\n" in segment else _HIDDEN * len(segment))
            pos = end
        parts.append(work[pos:])
        self.work = "".join(parts)
        self._pending = []

    def result(self) -> tuple[Mask, ...]:
        return _as_masks(self.found)


def markdown_masks(text: str) -> tuple[Mask, ...]:
    """Everything in a Markdown text that is not prose; block constructs get block masks."""
    masks = _Masks(text)
    references = _BlockScanner(masks).scan()
    masks.commit()
    for start, end in _code_spans(masks.work):
        masks.add(start, end)
    masks.commit()
    for m in _ESCAPE.finditer(masks.work):
        masks.add(m.start(), m.start() + 1)
        masks.hide(m.start(), m.end())  # the escaped character is prose, but not markup
    masks.commit()
    for token in markup_tokens(masks.work, _MD_HIDDEN_ELEMENTS):
        masks.add(token.start, token.end, block=token.ends_block)
    masks.commit()
    _links(masks, references)
    masks.commit()
    for start, end in url_spans(masks.work):
        masks.add(start, end)
    masks.commit()
    for start, end in _emphasis_delimiters(masks.work):
        masks.add(start, end)
    return masks.result()


class _BlockScanner:
    """Line by line: front matter, code blocks, headings, lists, quotes, tables, link definitions.

    Each line is classified from what it looks like and what the line before it was, as in
    CommonMark, but without building blocks: only the markup is recorded, as masks.
    """

    def __init__(self, masks: _Masks) -> None:
        self.masks = masks
        self.text = masks.text
        self.references: set[str] = set()  # labels of link reference definitions: [label]: url
        self.fence: tuple[str, int, int, bool] | None = None  # (char, length, start, inside a quote)
        self.prev = "blank"  # what the previous line was: blank, para, code, heading, block, table
        self.list_column: int | None = None  # content column of the list we are in
        self.prev_quoted = False
        self.prev_line = (0, 0)  # where the previous line's content is (a table's header row)

    def scan(self) -> set[str]:
        """Mask the block markup; returns the reference labels, which make `[text]` a link."""
        text = self.text
        front = _FRONT_MATTER.match(text)
        skip_to = front.end() if front else 0
        self.masks.add(0, skip_to, block=True)
        pos = 0
        for raw in text.split("\n"):
            start, end = pos, pos + len(raw)
            pos = end + 1
            if end <= skip_to:
                continue
            if raw.endswith("\r"):
                end -= 1
            if self.fence is not None:
                self._fenced_line(start, end, *self.fence)
            elif raw[:1].isalpha() and self.prev != "table":
                self._prose_line(start, end)  # most lines: no block markup starts with a letter
            else:
                self._line(start, end)
        if self.fence is not None:  # a fence left open runs to the end, as renderers show it
            self.masks.add(self.fence[2], len(text), block=True)
        return self.references

    def _fenced_line(self, start: int, end: int, char: str, length: int, fence_start: int, quoted: bool) -> None:
        quote = _QUOTE_PREFIX.match(self.text, start, end) if quoted else None
        body = quote.end() if quote else start
        if _closes_fence(self.text[body:end], char, length):
            self.masks.add(fence_start, end, block=True)
            self.fence, self.prev = None, "block"

    def _prose_line(self, start: int, end: int) -> None:
        if self.prev == "blank":
            self.list_column = None  # a paragraph at the margin after a blank line ends the list
        self.prev, self.prev_quoted, self.prev_line = "para", False, (start, end)

    def _line(self, start: int, end: int) -> None:
        at = start
        quote = _QUOTE_PREFIX.match(self.text, start, end)
        if quote:
            # The first line of a quotation starts a paragraph; the next ones continue it.
            self.masks.add(start, quote.end(), block=not self.prev_quoted)
            at = quote.end()
        self.prev_quoted = quote is not None
        line = self.text[at:end]
        if not line.strip():
            self.prev = "blank"
            return
        indent = _columns(line[: len(line) - len(line.lstrip(" \t"))])
        ends_list = self.prev == "blank" and indent < (self.list_column or 0) and not _LIST_ITEM.match(line)
        if ends_list:  # a line left of the list's content after a blank line, and not an item
            self.list_column = None
        if indent >= (self.list_column or 0) + 4 and self.prev in ("blank", "code", "heading", "block"):
            self.masks.add(at, end, block=True)  # an indented code block (never inside a paragraph)
            self.prev = "code"
            return
        self.prev = self._classify(line, at, end)
        self.prev_line = (at, end)

    def _classify(self, line: str, at: int, end: int) -> str:
        """Mask the block markup of one line (quote markers done); returns what the line is."""
        masks, prev = self.masks, self.prev
        fence = _FENCE_OPEN.match(line)
        if fence:
            self.fence = (fence.group(1)[0], len(fence.group(1)), at, self.prev_quoted)
            return "fence"
        if prev == "table":
            if "|" in line:
                _mask_pipes(masks, at, end)
                return "table"
            prev = "para"
        if prev == "para" and _SETEXT_UNDERLINE.fullmatch(line):
            masks.add(at, end, block=True)
            return "block"
        if prev == "para" and "|" in line and _TABLE_DELIMITER.fullmatch(line):
            header_start, header_end = self.prev_line
            if "|" in self.text[header_start:header_end]:
                _mask_pipes(masks, header_start, header_end)  # the header row, a paragraph until now
                masks.add(at, end, block=True)
                return "table"
        if _THEMATIC_BREAK.fullmatch(line):
            masks.add(at, end, block=True)
            return "block"
        heading = _HEADING.match(line)
        if heading:
            masks.add(at, at + heading.end(), block=True)
            closing = _HEADING_CLOSE.search(line, heading.end())
            if closing:
                masks.add(at + closing.start(), at + closing.end(), block=True)
            return "heading"
        reference = _REFERENCE.fullmatch(line)
        if reference:
            self.references.add(_label(reference.group(1)))
            masks.add(at, end, block=True)
            return "block"
        footnote = _FOOTNOTE_DEF.match(line)
        if footnote:
            masks.add(at, at + footnote.end(), block=True)
            return "para"
        item = _LIST_ITEM.match(line)
        if item and self._starts_item(item, line):
            masks.add(at, at + item.end(), block=True)
            empty = item.end() == len(line)
            self.list_column = _columns(line[: item.end()]) + (1 if empty else 0)
        return "para"  # an item's text is a paragraph too: an indented line after it continues it

    def _starts_item(self, item: re.Match[str], line: str) -> bool:
        # Outside a list, a paragraph is interrupted only by a non-empty item, numbered 1 if ordered.
        if self.prev != "para" or self.list_column is not None:
            return True
        return item.end() < len(line) and item.group(1) in (None, "1")


def _closes_fence(line: str, char: str, length: int) -> bool:
    stripped = line.strip(" \t")
    return len(stripped) >= length and stripped == char * len(stripped)


def _mask_pipes(masks: _Masks, start: int, end: int) -> None:
    # A block mask per pipe makes each cell its own paragraph: cells are not one sentence.
    for a, b in _pipe_spans(masks.text, start, end):
        masks.add(a, b, block=True)


def _pipe_spans(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Each unescaped pipe with the blanks around it, as `[ \\t]*(?<!\\\\)\\|[ \\t]*` would find them,
    but found from the pipes: that regex, tried at every blank of a long run of them, is quadratic."""
    done = start
    for m in _UNESCAPED_PIPE.finditer(text, start, end):
        left = m.start()
        while left > done and text[left - 1] in " \t":
            left -= 1
        right = m.end()
        while right < end and text[right] in " \t":
            right += 1
        yield left, right
        done = right


def _columns(whitespace: str) -> int:
    """Width of leading white space, with tab stops every 4 columns as in CommonMark."""
    column = 0
    for ch in whitespace:
        column = column + 4 - column % 4 if ch == "\t" else column + 1
    return column


def _label(label: str) -> str:
    return " ".join(label.split()).casefold()


def _code_spans(work: str) -> list[tuple[int, int]]:
    """Inline code: a backtick run closed by the next run of the same length in the paragraph.

    Linear: each run's next same-length run is found once, so unmatched backticks cost nothing.
    """
    runs = [(m.start(), m.end()) for m in _BACKTICKS.finditer(work)]
    following: list[int | None] = [None] * len(runs)
    last: dict[int, int] = {}
    for i in range(len(runs) - 1, -1, -1):
        length = runs[i][1] - runs[i][0]
        following[i] = last.get(length)
        last[length] = i
    breaks = [m.start() for m in _BLANK_LINE.finditer(work)]
    spans, i = [], 0
    while i < len(runs):
        j = following[i]
        escaped = work[runs[i][0] - 1 : runs[i][0]] == "\\"  # \` is a backtick, not code
        if j is not None and not escaped and not _crosses(breaks, runs[i][1], runs[j][0]):
            spans.append((runs[i][0], runs[j][1]))
            i = j + 1
        else:
            i += 1
    return spans


def _crosses(breaks: list[int], start: int, end: int) -> bool:
    """Whether a paragraph break starts between `start` and `end`."""
    i = bisect.bisect_left(breaks, start)
    return i < len(breaks) and breaks[i] < end


def _links(masks: _Masks, references: set[str]) -> None:
    """Links keep their text and lose brackets and destination; images are masked whole."""
    work = masks.work
    pos = 0
    while True:
        m = _LINK.search(work, pos)
        if m is None:
            return
        text = m.group("text")
        is_link = m.group("dest") is not None or m.group("ref") is not None
        if not is_link and text.startswith("^") and " " not in text:
            masks.add(m.start(), m.end())  # a footnote reference: [^1]
            pos = m.end()
            continue
        if not is_link and _label(text) in references:
            is_link = True  # a shortcut reference: [text] with a definition elsewhere
        if not is_link:
            pos = m.start() + 1  # not a link, but a link may be nested inside: [see [x](y)]
            continue
        if m.group("bang"):
            masks.add(m.start(), m.end())
        else:
            masks.add(m.start(), m.start("text"))
            masks.add(m.end("text"), m.end())
        pos = m.end()


def _emphasis_delimiters(work: str) -> list[tuple[int, int]]:
    """The `*`, `_` and `~~` that pair up as emphasis, as CommonMark pairs them (simplified).

    A run can open if it is left-flanking, close if right-flanking; `_` never works inside a word.
    A closer pairs with the nearest open run of the same character in its paragraph, using as many
    characters as both have. One pass with a stack per character: linear in the text.
    """
    breaks = [m.start() for m in _BLANK_LINE.finditer(work)]
    stacks: dict[str, list[list[int]]] = {}
    paragraph = 0
    spans: list[tuple[int, int]] = []
    for m in _DELIMITER_RUN.finditer(work):
        start, end = m.start(), m.end()
        p = bisect.bisect_right(breaks, start)
        if p != paragraph:
            stacks, paragraph = {}, p
        char = work[start]
        before = work[start - 1] if start > 0 else " "
        after = work[end] if end < len(work) else " "
        left = _left_flanking(before, after)
        right = _left_flanking(after, before)
        if char == "_":
            can_open = left and (not right or _is_punctuation(before))
            can_close = right and (not left or _is_punctuation(after))
        else:
            can_open, can_close = left, right
        stack = stacks.setdefault(char, [])
        lo = start  # characters [lo, end) of this run are still unpaired
        while can_close and stack and lo < end:
            opener = stack[-1]  # [start, available end) of an open run; it pairs from its inner end
            used = min(opener[1] - opener[0], end - lo)
            spans.append((opener[1] - used, opener[1]))
            spans.append((lo, lo + used))
            opener[1] -= used
            lo += used
            if opener[1] == opener[0]:
                stack.pop()
        if can_open and lo < end:
            stack.append([lo, end])
    return spans


def _left_flanking(before: str, after: str) -> bool:
    if after.isspace():
        return False
    return not _is_punctuation(after) or before.isspace() or _is_punctuation(before)


def _is_punctuation(ch: str) -> bool:
    # Hidden markup counts as a letter: `**`code`**` is emphasis around code.
    return not (ch.isalnum() or ch.isspace() or ch == _HIDDEN)


# -- HTML -------------------------------------------------------------------------------------------

_HTML_HIDDEN_ELEMENTS = frozenset(
    {"head", "title", "script", "style", "noscript", "template", "textarea", "pre", "code", "svg", "math"}
)
_ATTRIBUTE = re.compile(r"""([^\s"'>/=]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s>]+))?""")
# <meta> names and properties that give the publication date, as news sites write them.
_DATE_META = frozenset(
    {"article:published_time", "og:published_time", "datepublished", "pubdate", "date", "dc.date", "dc.date.issued"}
)


@dataclass(frozen=True)
class HtmlPage:
    masks: tuple[Mask, ...]
    title: str | None = None
    lang: str | None = None
    published: dt.date | None = None


@dataclass
class _Metadata:
    title: str | None = None
    lang: str | None = None
    meta_date: dt.date | None = None  # <meta property="article:published_time">: preferred
    time_date: dt.date | None = None  # the first <time datetime>, which may be any date in the page


def read_html(text: str) -> HtmlPage:
    """The masks of an HTML page (markup, code, scripts, <head>...) and its title, language, date."""
    found: list[tuple[int, int, bool]] = []
    meta = _Metadata()
    for token in markup_tokens(text, _HTML_HIDDEN_ELEMENTS):
        found.append((token.start, token.end, token.ends_block))
        _collect(text, token, meta)
    found.extend((start, end, False) for start, end in url_spans(text))
    return HtmlPage(_as_masks(found), meta.title, meta.lang, meta.meta_date or meta.time_date)


def _collect(text: str, token: Token, meta: _Metadata) -> None:
    """Record what one token says about the page: <html lang>, <title>, dates."""
    if token.inner is not None:
        inner = text[token.inner[0] : token.inner[1]]
        if token.tag == "head":
            for t in markup_tokens(inner, _HTML_HIDDEN_ELEMENTS - {"head"}):
                _collect(inner, t, meta)
        elif token.tag == "title" and meta.title is None:
            meta.title = " ".join(html.unescape(inner).split()) or None
        return
    if token.closing or token.tag not in ("html", "meta", "time"):
        return
    attrs = _attributes(token.attrs)
    if token.tag == "html" and meta.lang is None:
        meta.lang = attrs.get("lang") or attrs.get("xml:lang") or None
    elif token.tag == "meta" and meta.meta_date is None:
        key = (attrs.get("property") or attrs.get("name") or attrs.get("itemprop") or "").lower()
        if key in _DATE_META:
            meta.meta_date = parse_date(attrs.get("content"))
    elif token.tag == "time" and meta.time_date is None:
        meta.time_date = parse_date(attrs.get("datetime"))


def _attributes(source: str) -> dict[str, str]:
    attrs: dict[str, str] = {}
    for name, value in _ATTRIBUTE.findall(source):
        if value[:1] in ("'", '"'):
            value = value[1:-1]
        attrs.setdefault(name.lower(), html.unescape(value).strip())
    return attrs


# -- any format -------------------------------------------------------------------------------------


def masks_for(text: str, fmt: str) -> tuple[Mask, ...]:
    """The masks of a text in a format ("text", "markdown" or "html")."""
    if fmt == "markdown":
        return markdown_masks(text)
    if fmt == "html":
        return read_html(text).masks
    return text_masks(text)


def _as_masks(found: Iterable[tuple[int, int, bool]]) -> tuple[Mask, ...]:
    """Sorted masks; plain masks that touch are merged (blanking them gives the same text)."""
    out: list[tuple[int, int, bool]] = []
    for start, end, block in sorted(set(found)):
        if out and not block and not out[-1][2] and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end), False)
        else:
            out.append((start, end, block))
    return tuple(Mask(start, end, block) for start, end, block in out)
