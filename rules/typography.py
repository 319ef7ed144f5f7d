"""Spacing, capitals, quotation marks and accents against the conventions of the article's language.

Every convention comes from the profile (`rules/data/<lang>/typography.toml`, table `typography`):

- `typography.spacing`: a space before a mark that takes none ("arme , cela", `no_space_before`),
  no space before a mark that takes one (French "Zakharova:", `space_before`), no space after a
  mark ("diplomate.Un", `space_after`), two words run together by a lost link ("startingRussian"),
  a dash written as a hyphen ("honte-parce que", `never_after_hyphen`), two spaces between words
  in prose (not in headings, captions or labels, not in HTML or Markdown, where they do not show,
  nor in tables).
  French spacing with plain or no-break spaces before : ; ! ? and inside « », "8 500", 23:20,
  URLs and "..." are never reported.
- `typography.capitals`: a sentence starter capitalised after a semicolon or a comma ("; La
  Russie", `sentence_starters`, `pronouns`, `names_with_starter`), a word capitalised outside the
  names that carry its capital ("être Unis", `capital_only_in`), a nationality adjective
  capitalised after a noun ("ministre Estonien", `adjectives`).
- `typography.consistency`: straight and typographic apostrophes mixed in one text (the minority
  style is reported, once a line, when the other is five times as frequent), quotation marks of another
  style than the text's own (“ ” or " " opening a quotation in a French text that uses « »,
  `quotes`), a word written with and without its accent ("Etats-Unis" beside "États-Unis").
- `typography.quote-punctuation`: an attribution after a closing mark without its comma
  ("» a poursuivi", `attribution_after_quote`) and a comma and a dash after a closing mark
  ("”, – said", `comma_dash_after_quote`).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import repeat

from lint.document import Document, Span
from lint.language import LanguageProfile, alternation, expand_lists
from lint.rule import Issue, accept, flag, rule
from lint.script import SPACES, TYPOGRAPHY_QUOTE_MARKS
from lint.text import LETTER_WORD, unaccented

_SPACE = SPACES
_QUOTE_CHARS = TYPOGRAPHY_QUOTE_MARKS
_LETTERS = r"[^\W\d_]"
_WORD = LETTER_WORD
_WEB = re.compile(r"://|www\.|@|\.(?:com|org|net|fr|de|es|uk|ru|ua|io|info|html?|php)\b", re.I)
_TERMINAL = ".!?…"
# One style of apostrophe is the text's own when it is this many times as frequent as the other.
_MAJORITY = 5
# A line of at most this many words without a final mark is a heading, a caption or a label.
_HEADING_WORDS = 20


@dataclass(frozen=True)
class _Conventions:
    no_space_before: str
    space_before: str
    space_before_always: str  # of space_before, the marks a glued form is wrong for in any text of the language
    space_after: str
    apostrophes: tuple[str, ...]
    comma_dash: bool
    closing_quotes: str
    attribution: tuple[re.Pattern[str], ...]
    starters: re.Pattern[str] | None
    pronouns: frozenset[str]
    names_with_starter: tuple[str, ...]
    capital_only_in: dict[str, tuple[str, ...]]
    nationality_re: re.Pattern[str] | None  # the nationality adjectives, capitalised
    noun_before: frozenset[str]
    noun_before_suffixes: tuple[str, ...]
    preferred: tuple[str, ...]
    foreign: tuple[str, ...]
    foreign_alone: tuple[str, ...]
    lowercase_names: frozenset[str]
    dash_as_hyphen: re.Pattern[str] | None  # "-parce": a word never joined by a hyphen
    marks: re.Pattern[str]  # the marks `_spacing` may report, from `_mark_scan`


def _capitalised_alternation(words: list[str]) -> re.Pattern[str] | None:
    forms = sorted({w[:1].upper() + w[1:] for w in words if w}, key=len, reverse=True)
    if not forms:
        return None
    return re.compile("(?:" + "|".join(map(re.escape, forms)) + r")(?![\w-])")


def _hyphen_pattern(words: list[str]) -> re.Pattern[str] | None:
    if not words:
        return None
    return re.compile("-(?:" + alternation(words) + r")(?![\w-])", re.I)


def _conventions(profile: LanguageProfile) -> _Conventions:
    return profile.derive(__name__, _compile)


def _compile(profile: LanguageProfile) -> _Conventions:
    t = profile.table("typography")
    lists = {**profile.table("sentence_start"), **t}
    starters = t.get("sentence_starters", [])
    starter_re = None
    if starters:
        starter_re = re.compile(
            r"(?P<mark>[;,])[ \u00a0\u202f]+(?P<word>(?:" + alternation(starters) + r"))(?:(?=[’'])|\b)"
            r"(?:[’']|[ \u00a0\u202f]+)?(?P<next>" + _LETTERS + r"[\w’'-]*)?"
        )
    adjectives = t.get("adjectives", {})
    quotes = t.get("quotes", {})
    return _Conventions(
        no_space_before="".join(t.get("no_space_before", [])),
        space_before="".join(t.get("space_before", [])),
        space_before_always="".join(t.get("space_before_always", [])),
        space_after="".join(t.get("space_after", [])),
        apostrophes=tuple(t.get("apostrophes", [])),
        comma_dash=bool(t.get("comma_dash_after_quote", False)),
        closing_quotes="".join(t.get("closing_quotes", [])),
        attribution=tuple(re.compile(expand_lists(p, lists)) for p in t.get("attribution_after_quote", [])),
        starters=starter_re,
        pronouns=frozenset(t.get("pronouns", [])),
        names_with_starter=tuple(t.get("names_with_starter", [])),
        capital_only_in={k: tuple(v) for k, v in t.get("capital_only_in", {}).items()},
        nationality_re=_capitalised_alternation(adjectives.get("nationality", [])),
        noun_before=frozenset(w.casefold() for w in adjectives.get("noun_before", [])),
        noun_before_suffixes=tuple(adjectives.get("noun_before_suffixes", [])),
        preferred=tuple(p for p in quotes.get("preferred", []) if len(p) == 2),
        foreign=tuple(p for p in quotes.get("foreign", []) if len(p) == 2),
        foreign_alone=tuple(p for p in quotes.get("foreign_alone", []) if len(p) == 2),
        lowercase_names=frozenset(profile.get("sentence_start.lowercase_names", [])),
        dash_as_hyphen=_hyphen_pattern(t.get("never_after_hyphen", [])),
        marks=_mark_scan("".join(t.get("space_before", [])), "".join(t.get("space_after", []))),
    )


def _mark_scan(space_before: str, space_after: str) -> re.Pattern[str]:
    """The marks (,.:;!?) that one of `_spacing`'s tests can apply to: after a space; after a word
    character, a closing quotation mark or a bracket and before a space, a line break or the end if
    the mark takes a space before; between word characters if it takes one after. Most marks ("word,
    word") are none of these, and looking at each in Python was most of the rule's time. The word
    characters of a regex are a superset of the letters the tests ask for (str.isalpha), so the
    tests see every mark they saw before."""
    space = re.escape(_SPACE)
    before = "".join(c for c in ",.:;!?" if c in space_before)
    after = "".join(c for c in ",.:;!?" if c in space_after)
    # the mark first, the context in lookarounds: the engine then skips to the next mark at once
    parts = [f"(?<=[{space}].)"]
    if before:
        parts.append(rf"(?<=[\w»”)][{re.escape(before)}])(?=[{space}\n]|\Z)")
    if after:
        parts.append(rf"(?<=\w[{re.escape(after)}])(?=\w)")
    return re.compile("[,.:;!?](?:" + "|".join(parts) + ")")


# -- shared helpers ------------------------------------------------------------------------------


def _table_like(doc: Document, line: Span | None) -> bool:
    """A line of a table or of aligned columns: tabs, pipes or several runs of spaces."""
    if line is None:
        return False
    chunk = doc.source[line.start : line.end]
    return "\t" in chunk or "|" in chunk or len(re.findall(r" {2,}", chunk)) >= 2


def _title_case(doc: Document, line: Span | None) -> bool:
    """A headline in Title Case ("Zelensky Reveals Where He Is"), where capitals mean nothing."""
    if line is None:
        return False

    def compute() -> bool:
        words = [w for w in _WORD.findall(doc.text[line.start : line.end]) if len(w) > 3]
        return len(words) >= 3 and sum(w[0].isupper() for w in words) >= 0.7 * len(words)

    return doc.memo(f"typography.title_case.{line.start}", compute)


def _prose_line(doc: Document, line: Span | None) -> bool:
    """A line of prose: it ends with a final mark, or it is too long for a heading, a caption or a label."""
    if line is None:
        return False
    chunk = doc.text[line.start : line.end].rstrip()
    return chunk[-1:] in _TERMINAL + '»”"' or len(_WORD.findall(chunk)) > _HEADING_WORDS


def _unmasked(doc: Document, start: int, end: int) -> bool:
    return doc.source[start:end] == doc.text[start:end]


def _sentence_start(text: str, pos: int) -> bool:
    """Does `pos` start a sentence or a line (only quotes, brackets and spaces after a final mark)?"""
    i = pos - 1
    while i >= 0 and (text[i] in _SPACE or text[i] in _QUOTE_CHARS or text[i] in "([–—-"):
        i -= 1
    return i < 0 or text[i] in _TERMINAL + ":\n"


def _word_around(text: str, pos: int) -> tuple[int, int]:
    start, end = pos, pos + 1
    while start > 0 and (text[start - 1].isalnum() or text[start - 1] in "’'-"):
        start -= 1
    while end < len(text) and (text[end].isalnum() or text[end] in "’'-"):
        end += 1
    return start, end


# -- spacing -------------------------------------------------------------------------------------

# Each scan starts with a rare character (a mark, an uppercase letter, two spaces), so that the
# regular-expression engine skips the rest of the text quickly; the context is checked in Python.
# A full stop, a space, a full stop: one sentence end written twice (an edit that kept both). A
# spaced ellipsis (". . .") has a third stop and is a style of its own.
_STOP_TWICE = re.compile(r"\.(?<![.\s]\.) \.(?! ?\.)")  # the mark first, its context in lookarounds
# A lone lowercase letter between two words ("el líder i ntenta"): a word broken by a space, when the
# language has no such one-letter word (`typography.one_letter_words`). Starts with the space: searched fast.
_LONE_LETTER = re.compile(r" ([a-zß-öø-ÿ]) (?=[a-zß-öø-ÿ]{3})")
# A full stop, comma or semicolon opening a line before a word (". La leader de …"): the end of the
# sentence before, cut off by a lost line break. No paragraph starts with one (an ellipsis is three).
_STRAY_OPENING = re.compile(r"(?m)^[ \t]*[.,;](?=[ \t]+[^\W\d_])")
# A quotation mark between two letters ('de"Fratelli', 'sagte„Wir'): opening or closing, a space is
# missing on one side. No language writes a quotation mark inside a word.
_GLUED_QUOTE = re.compile(_LETTERS + "+[" + re.escape(_QUOTE_CHARS) + "]" + _LETTERS + "+")
# Where a `_GLUED_QUOTE` match has its quotation mark: the scan starts with the mark, which is rare,
# where _GLUED_QUOTE tries a run of letters at every letter of the text (a third of the rule's time).
_QUOTE_IN_WORD = re.compile("[" + re.escape(_QUOTE_CHARS) + "](?<=" + _LETTERS + ".)(?=" + _LETTERS + ")")
_LETTER = re.compile(_LETTERS)
_INNER_CAPITAL = re.compile(r"[A-ZÀ-ÖØ-Þ](?<=[a-zß-öø-ÿ].)(?=[a-zß-öø-ÿ])")
# A comma, then a hyphen standing for a dash, then the words of the attribution ('hat nicht
# funktioniert, - sagte Blinken'): the Russian and Ukrainian way of closing direct speech, kept by a
# machine translation. None of the languages with data writes a hyphen after a comma.
_COMMA_HYPHEN = re.compile(r",[ \u00a0]-[ \u00a0](?=[^\W\d_])")
_DOUBLE_SPACE = re.compile(r"  {1,2}(?! )")
_WORD_BEFORE = re.compile(_LETTERS + r"+$")
_WORD_AFTER = re.compile(_LETTERS + r"+")


def _token_at(text: str, start: int, end: int) -> str:
    """The run of non-space characters around [start, end), at most 80 characters each side."""
    lo, hi = max(0, start - 80), min(len(text), end + 80)
    left = text[lo:start].rsplit(None, 1)
    right = text[end:hi].split(None, 1)
    head = left[-1] if left and not text[start - 1 : start].isspace() else ""
    tail = right[0] if right and not text[end : end + 1].isspace() else ""
    return head + text[start:end] + tail


def _spacing(doc: Document, ctx) -> Iterator[Issue]:
    conv = _conventions(ctx.profile)
    text = doc.text
    n = len(text)
    # A language that spaces before ';' also sees texts that never do (Quebec usage, web copy): the
    # document's own convention decides, and only its minority form is reported; not for the marks
    # no usage glues (`space_before_always`: the French colon).
    glued: dict[str, list[Issue]] = defaultdict(list)
    spaced: Counter[str] = Counter()
    for m in conv.marks.finditer(text):
        i = m.start()
        mark = text[i]
        before = text[i - 1] if i else "\n"
        after = text[i + 1] if i + 1 < n else "\n"
        if before in _SPACE and mark in conv.space_before and i > 1 and text[i - 2].isalpha():
            spaced[mark] += 1
            continue
        if before in _SPACE and mark in conv.no_space_before:
            issue = _space_before(doc, i, mark, after)
        elif (before.isalpha() or (before in "»”)" and mark in conv.space_before_always)) and (
            mark in conv.space_before and (after in _SPACE or after == "\n")
        ):
            issue = _glued(doc, i, mark)
            if issue is not None:
                glued[mark].append(issue)
            continue
        elif before.isalpha() and after.isalpha() and mark in conv.space_after:
            issue = _no_space_after(doc, i, mark)
        else:
            continue
        if issue is not None:
            yield issue
    for mark, issues in glued.items():
        if mark in conv.space_before_always or spaced[mark] > len(issues):
            yield from issues
    for m in _INNER_CAPITAL.finditer(text):
        issue = _run_together(doc, m.start(), conv)
        if issue is not None:
            yield issue
    yield from _capitalised_run_together(doc, ctx.profile.words("stopwords.words"))
    for m in _STOP_TWICE.finditer(text):
        if _unmasked(doc, m.start(), m.end()):
            yield Issue(m.start(), m.end(), "A full stop written twice", suggestions=(".",))
    yield from _broken_words(doc, ctx)
    for m in _STRAY_OPENING.finditer(text):
        if _unmasked(doc, m.start(), m.end()):
            yield Issue(m.end() - 1, m.end(), "A stray punctuation mark opens the line: it belongs to the line before")
    for m in _COMMA_HYPHEN.finditer(text):
        if _unmasked(doc, m.start(), m.end()):
            message = "A comma and a hyphen before the attribution (direct speech in the Russian manner)"
            yield Issue(m.start(), m.end() - 1, message, suggestions=(",",))
    for start, end in _glued_quotes(text):
        if _unmasked(doc, start, end):
            yield Issue(start, end, "A quotation mark glued to the words on both sides: a space is missing")
    if conv.dash_as_hyphen is not None:
        for m in conv.dash_as_hyphen.finditer(text):
            before = _WORD_BEFORE.search(text, max(0, m.start() - 40), m.start())
            if before is None or not _unmasked(doc, before.start(), m.end()):
                continue
            left, right = before.group(), m.group()[1:]
            yield Issue(
                before.start(),
                m.end(),
                f"A hyphen joins '{left}' and '{right}': a dash between spaces is meant",
                suggestions=(f"{left} – {right}",),
            )
    if ctx.article.format not in ("html", "markdown"):
        source = doc.source
        for m in _DOUBLE_SPACE.finditer(source):
            b, a = source[m.start() - 1 : m.start()], source[m.end() : m.end() + 1]
            if not (b.isalnum() or b in ",;") or not a.isalnum():
                continue
            line = doc.line_of(m.start())
            if not _unmasked(doc, m.start(), m.end()) or _table_like(doc, line) or not _prose_line(doc, line):
                continue
            yield Issue(m.start(), m.end(), "Two spaces between words", suggestions=(" ",))


def _broken_words(doc: Document, ctx) -> Iterator[Issue]:
    """ "i ntenta" for "intenta": a letter that is no word of the language, between a word and the rest of
    its word; not before a function word ("le plan b pour"), where the letter is likely a name."""
    words = ctx.profile.words("typography.one_letter_words")
    if not words:
        return
    stop = ctx.profile.words("stopwords.words")
    text = doc.text
    for m in _LONE_LETTER.finditer(text):
        before = text[m.start() - 1 : m.start()]
        if m.group(1) in words or not (before.isalpha() or before in ",;"):
            continue
        rest = re.match(r"[^\W\d_]+", text[m.end() : m.end() + 40]).group()
        if rest.casefold() in stop or not _unmasked(doc, m.start(1), m.end() + len(rest)):
            continue
        yield Issue(
            m.start(1),
            m.end() + len(rest),
            f"A word broken by a space: '{m.group(1)} {rest}'",
            suggestions=(m.group(1) + rest,),
        )


def _glued_quotes(text: str) -> Iterator[tuple[int, int]]:
    """The spans `_GLUED_QUOTE.finditer` finds, found from their quotation marks: a match is the run of
    letters before a mark (from the end of the previous match on) and the run after it."""
    done = 0
    for q in _QUOTE_IN_WORD.finditer(text):
        i = start = q.start()
        while start > done and _LETTER.match(text, start - 1):
            start -= 1
        if start == i:
            continue  # its letters before were the end of the previous match
        after = _WORD_AFTER.match(text, i + 1)
        end = after.end() if after else i + 1
        yield start, end
        done = end


def _space_before(doc: Document, i: int, mark: str, after: str) -> Issue | None:
    """'arme , cela': a space before a mark that takes none."""
    text = doc.text
    j = i - 1
    while j > 0 and text[j - 1] in _SPACE:
        j -= 1
    prev = text[j - 1] if j > 0 else ""
    # A straight mark after a word closes a quotation ('el conflicto" , anunció'), as ” does.
    closing = prev == '"' and j > 1 and not text[j - 2].isspace()
    if not (prev.isalnum() or prev in "»”)]" or closing) or not (after.isspace() or after in '»”"' or after == "\n"):
        return None
    if mark in ":;!?" and not prev.isalpha():
        return None
    if mark == "." and after == ".":
        return None
    if not _unmasked(doc, j, i + 1) or _table_like(doc, doc.line_of(i)):
        return None
    return Issue(j, i + 1, f"Space before '{mark}'", suggestions=(mark,))


def _glued(doc: Document, i: int, mark: str) -> Issue | None:
    """'Zakharova:' in French: a mark that takes a space before it; '»:' too, after a quotation."""
    text = doc.text
    if text[i - 1] in "»”)":
        if not _unmasked(doc, i - 1, i + 1):
            return None
        return Issue(i - 1, i + 1, f"A space is needed before '{mark}' in this language",
                     suggestions=(text[i - 1] + "\u00a0" + mark,))
    word = _WORD_BEFORE.search(text, max(0, i - 40), i)
    if word is None or len(word.group()) < 2 or not _unmasked(doc, word.start(), i + 1):
        return None
    token = _token_at(text, i, i + 1)
    if _WEB.search(token) or "&" in token or _table_like(doc, doc.line_of(i)):
        return None
    return Issue(
        word.start(),
        i + 1,
        f"A space is needed before '{mark}' in this language",
        suggestions=(word.group() + "\u00a0" + mark,),
    )


def _no_space_after(doc: Document, i: int, mark: str) -> Issue | None:
    """'diplomate.Un': no space after a mark between two words."""
    text = doc.text
    prev = _WORD_BEFORE.search(text, max(0, i - 40), i)
    nxt = _WORD_AFTER.match(text, i + 1)
    if prev is None or nxt is None or len(prev.group()) < 2:
        return None
    # (a full stop or a colon between letters may be an abbreviation, a URL or a "Re:" form; between a
    # lowercase and a capital letter it lost its space)
    if mark in ".:" and not (prev.group()[-1].islower() and nxt.group()[0].isupper()):
        return None
    if _WEB.search(_token_at(text, i, i + 1)) or not _unmasked(doc, prev.start(), nxt.end()):
        return None
    return Issue(
        prev.start(),
        nxt.end(),
        f"No space after '{mark}'",
        suggestions=(f"{prev.group()}{mark} {nxt.group()}",),
    )


def _run_together(doc: Document, at: int, conv: _Conventions) -> Issue | None:
    """'startingRussian': a lowercase word and a capitalised one run together by a lost link."""
    text = doc.text
    start = at
    while start > 0 and text[start - 1].isalpha():
        start -= 1
    end = at + 1
    while end < len(text) and text[end].isalpha():
        end += 1
    word = text[start:end]
    cut = at - start
    if cut < 3 or not word[:cut].islower() or word in conv.lowercase_names:
        return None
    if start > 0 and text[start - 1] in "@#/._-’'":
        return None
    if end < len(text) and text[end] in "-’'":
        return None
    if _WEB.search(_token_at(text, start, end)):
        return None
    return Issue(
        start,
        end,
        f"Two words run together: '{word[:cut]}' and '{word[cut:]}'",
        suggestions=(f"{word[:cut]} {word[cut:]}",),
    )


# (The look behind the first capital is written after it: a pattern that starts with a set of
# characters is searched for that set in C, one that starts with an assertion tries it everywhere.)
_TWO_HUMPS = re.compile(r"([A-ZÀ-ÖØ-Þ](?<![\w@#/.’'-].)[a-zß-öø-ÿ]{2,})([A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ]{2,})(?![\w’'-])")


_LABEL_COLON = re.compile(r"[ \u00a0\u202f]?:")


def _capitalised_run_together(doc: Document, stopwords: frozenset[str]) -> Iterator[Issue]:
    """'BlanchePhoto', 'GenevaThe': a capitalised word glued to the next, which a lost line
    break or link left behind. Brand names are written so too (PayPal, YouTube), so the document must
    tell: the word is written so only once, and its second half is a function word starting a
    sentence, or both halves stand on their own elsewhere in the text (the second may be a label
    opening a credit instead: "Photo :")."""
    text = doc.text
    found = list(_TWO_HUMPS.finditer(text))
    if not found:
        return
    counts = Counter(LETTER_WORD.findall(text))
    for m in found:
        left, right = m.group(1), m.group(2)
        if counts[left + right] > 1 or not _unmasked(doc, m.start(), m.end()):
            continue
        function_word = right.casefold() in stopwords
        label = bool(_LABEL_COLON.match(text, m.end()))  # "Photo :", a caption's credit glued to it
        both_alone = counts[left] > 0 and (counts[right] > 0 or counts[right.lower()] > 0 or label)
        if not (function_word or both_alone) or _WEB.search(_token_at(text, m.start(), m.end())):
            continue
        yield Issue(
            m.start(),
            m.end(),
            f"Two words run together: '{left}' and '{right}'",
            suggestions=(f"{left} {right}",),
        )


# -- capitals ------------------------------------------------------------------------------------


def _capitals(doc: Document, ctx) -> Iterator[Issue]:
    conv = _conventions(ctx.profile)
    text = doc.text
    if conv.starters is not None:
        for m in conv.starters.finditer(text):
            word, nxt = m.group("word"), m.group("next") or ""
            if not _unmasked(doc, m.start(), m.end("word")):
                continue
            at = m.start("word")
            if any(text.startswith(name, at) for name in conv.names_with_starter):
                continue
            if m.group("mark") == "," and not (word in conv.pronouns or (nxt and nxt[0].islower())):
                continue
            line = doc.line_of(at)
            if _title_case(doc, line) or _table_like(doc, line):
                continue
            yield Issue(
                m.start("mark"),
                m.end("word"),
                f"'{word}' is capitalised after '{m.group('mark')}' inside a sentence",
                suggestions=(f"{m.group('mark')} {word[0].lower()}{word[1:]}",),
            )
    for word, names in conv.capital_only_in.items():
        for at in _find_all(text, word):
            end = at + len(word)
            if (at and (text[at - 1].isalnum() or text[at - 1] in "-’'")) or text[end : end + 1].isalnum():
                continue
            if _sentence_start(text, at) or _inside_name(text, at, word, names):
                continue
            if _title_case(doc, doc.line_of(at)):
                continue
            yield Issue(
                at,
                end,
                f"'{word}' takes a capital only in a name ({names[0]}); here it is a common word",
                suggestions=(word.lower(),),
            )
    yield from _nationality(doc, conv)


def _find_all(text: str, needle: str) -> Iterator[int]:
    at = text.find(needle)
    while at >= 0:
        yield at
        at = text.find(needle, at + 1)


def _inside_name(text: str, pos: int, word: str, names: tuple[str, ...]) -> bool:
    for name in names:
        k = name.find(word)
        while k >= 0:
            if text[pos - k : pos - k + len(name)] == name:
                return True
            k = name.find(word, k + 1)
    return False


_PREV_WORD = re.compile(r"(" + _LETTERS + r"+)[ \u00a0]+$")


def _nationality(doc: Document, conv: _Conventions) -> Iterator[Issue]:
    text = doc.text
    if conv.nationality_re is None:
        return
    for m in conv.nationality_re.finditer(text):
        word = m.group()
        if m.start() and (text[m.start() - 1].isalnum() or text[m.start() - 1] in "-’'"):
            continue
        prev = _PREV_WORD.search(text, max(0, m.start() - 40), m.start())
        if prev is None or prev.end() != m.start():
            continue
        before = prev.group(1)
        folded = before.casefold()
        if not before.islower() or folded in conv.noun_before or folded.endswith(conv.noun_before_suffixes):
            continue
        if _title_case(doc, doc.line_of(m.start())):
            continue
        yield Issue(
            m.start(),
            m.end(),
            f"The adjective '{word}' is written in lowercase after a noun in this language",
            suggestions=(word.lower(),),
        )


# -- consistency ---------------------------------------------------------------------------------


def _consistency(doc: Document, ctx) -> Iterator[Issue]:
    conv = _conventions(ctx.profile)
    yield from _apostrophes(doc, conv)
    yield from _quote_styles(doc, conv)
    yield from _accents(doc)


def _apostrophes(doc: Document, conv: _Conventions) -> Iterator[Issue]:
    text = doc.text
    if len(conv.apostrophes) < 2 or sum(1 for a in conv.apostrophes if a in text) < 2:
        return
    marks = re.escape("".join(conv.apostrophes))
    found = [m.start() for m in re.finditer("[" + marks + r"](?<=[^\W_][" + marks + r"])(?=[^\W_])", text)]
    counts = Counter(text[i] for i in found)
    if len(counts) < 2:
        return
    (major, n_major), (minor, n_minor) = counts.most_common(2)
    if n_major < _MAJORITY * n_minor:
        return
    seen_lines: set[int] = set()
    for i in found:
        if text[i] != minor:
            continue
        line = doc.line_of(i)
        key = line.start if line else i
        if key in seen_lines:
            continue
        seen_lines.add(key)
        start, end = _word_around(text, i)
        word = text[start:end]
        yield Issue(
            start,
            end,
            f"Apostrophe {minor} in a text that writes {major} ({n_major} times against {n_minor})",
            suggestions=(word.replace(minor, major),),
            tentative=True,  # professional copy mixes them too (two systems, one text): a style note
        )


def _quote_styles(doc: Document, conv: _Conventions) -> Iterator[Issue]:
    if not conv.preferred or not conv.foreign:
        return
    text = doc.text
    preferred_opens = {p[0]: p[1] for p in conv.preferred}
    foreign_opens = {p[0]: p[1] for p in conv.foreign if p[0] not in preferred_opens}
    alone = not any(o in text for o in preferred_opens)
    if alone:
        # a text that never quotes in the house style: only the pairs the language never opens with
        foreign_opens = {o: c for o, c in foreign_opens.items() if o + c in conv.foreign_alone}
    if not any(o in text for o in foreign_opens):
        return
    interesting = set(preferred_opens) | set(preferred_opens.values()) | set(foreign_opens)
    scan = re.compile("[" + re.escape("".join(sorted(interesting))) + "]")
    stack: list[str] = []  # closing marks awaited for the open preferred quotations of the line
    straight_open: set[str] = set()
    line_end = -1
    for m in scan.finditer(text):
        i = m.start()
        if i >= line_end:  # a new line: quotations are judged line by line
            line = doc.line_of(i)
            if line is None:
                continue
            line_end = line.end
            stack, straight_open = [], set()
        c = text[i]
        before = text[i - 1] if i > 0 else " "
        after = text[i + 1] if i + 1 < len(text) else " "
        if before.isalnum() and after.isalnum():
            continue  # an apostrophe or an inch mark between two letters or digits
        if stack and c == stack[-1]:
            stack.pop()
            continue
        if c in preferred_opens:
            stack.append(preferred_opens[c])
            continue
        if c not in foreign_opens:
            continue
        symmetric = foreign_opens[c] == c
        if not symmetric and before.isalnum():
            continue  # glued to the word before: it closes ("sagte“" closing a „ of another line)
        if symmetric and c in straight_open:
            straight_open.discard(c)
            continue
        if symmetric:
            if before.isdigit():
                continue  # 12" (inches)
            straight_open.add(c)
        if stack:
            continue  # inside a quotation in the house style
        end = _word_around(text, i + 1)[1] if after.isalnum() else i + 1
        house = conv.preferred[0]
        style = f"{house[0]} {house[1]}"
        message = f"Quotation mark {c}: this language quotes with {style}" if alone else (
            f"Quotation mark {c} in a text that quotes with {style}"
        )
        yield Issue(i, end, message, suggestions=(house[0],))


_PUNCT = ".,;:!?«»“”„\"'’‘()[]{}…–—/*"


def _accents(doc: Document) -> Iterator[Issue]:
    """A word written without its accent where the accented form is the text's usual one."""
    text = doc.text
    if text.isascii():
        return  # no accented word to be the usual form
    counts = Counter(map(str.strip, text.split(), repeat(_PUNCT)))
    for word, n in [(w, n) for w, n in counts.items() if n >= 2 and not w.isascii()]:
        if word.isupper() and len(word) > 1:
            continue  # capitals in a headline often go without accents
        plain = unaccented(word)
        if len(plain) != len(word) or plain not in counts or n < 2 * counts[plain]:
            continue  # not a Latin word with accents, or no plain twin, or no clear majority
        diffs = [i for i, (a, b) in enumerate(zip(plain, word)) if a != b]
        initial_only = diffs == [0] and word[0].isupper()
        if not initial_only and (len(plain) < 5 or diffs[-1] == len(plain) - 1):
            continue  # a short word or a final accent: "marche"/"marché" are two words
        for at in _find_all(text, plain):
            end = at + len(plain)
            if (at and (text[at - 1].isalnum() or text[at - 1] == "-")) or text[end : end + 1].isalnum():
                continue
            yield Issue(at, end, f"'{plain}' is written '{word}' {n} times elsewhere in this text", suggestions=(word,))


# -- punctuation after a quotation ---------------------------------------------------------------


def _quote_punctuation(doc: Document, ctx) -> Iterator[Issue]:
    conv = _conventions(ctx.profile)
    text = doc.text
    if conv.comma_dash:
        for m in re.finditer(r"[”»\"“](,[ \u00a0]*[–—])(?=\s)", text):
            yield Issue(
                m.start(),
                m.end(),
                "A comma and a dash after the closing quotation mark: keep the comma only",
                suggestions=(text[m.start()] + ",",),
            )
    if conv.attribution and conv.closing_quotes:
        for m in re.finditer("[" + re.escape(conv.closing_quotes) + r"][ \u00a0]+(?=\w)", text):
            j = m.start() - 1
            while j >= 0 and text[j] in _SPACE:
                j -= 1
            if j < 0 or not text[j].isalnum():
                continue
            head = text[m.end() : m.end() + 80]
            hit = next((p.match(head) for p in conv.attribution if p.match(head)), None)
            if hit is None:
                continue
            verb_end = m.end() + len(hit.group().rstrip())
            yield Issue(
                m.start(),
                verb_end,
                "An attribution after a quotation takes a comma after the closing mark",
                suggestions=(text[m.start()] + ", " + head[: hit.end()].rstrip(),),
            )


# -- the rules -----------------------------------------------------------------------------------


@rule(
    "typography.spacing",
    cosmetic=True,
    category="typography",
    requires=("typography.no_space_before",),
    description="""Spaces missing, doubled or out of place around punctuation and between words.

A space before a comma or a full stop ("arme , cela"), a French colon glued to its word
("Zakharova:"), no space after a full stop ("diplomate.Un"), two words run together by a lost
link ("startingRussian"), a dash written as a hyphen ("honte-parce que", `never_after_hyphen`), two
spaces between words in prose (not in headings, captions or labels). French no-break spaces before : ; ! ? and
inside « », thousands separators ("8 500"), times (23:20), URLs and "..." are correct. A French colon
takes its space in every usage (`space_before_always`); a missing space before other high marks
follows the document's own convention (Quebec writes "dit; vraiment?"): only the minority form is
reported.""",
    examples=[
        flag("fr", "Si la grève des contrôleurs se prolonge jusqu’à lundi<m> ,</m> la SNCF supprimera "
             "un TER sur deux."),
        flag("fr", "Catherine <m>Vautrin:</m> le texte ira au Sénat en mai. Elle a précisé : « Pas avant » "
             "et : « Sans délai »."),
        flag("fr", "Catherine <m>Vautrin:</m> le texte sera examiné au Sénat dès le mois de mai. "
             "Elle a <m>précisé:</m> « Rien n’est figé »."),
        accept("fr", "Le texte sera examiné au Sénat en mai; la ministre l’a confirmé; rien n’est figé."),
        flag("fr", "Elle a cité « la loi du 9 mars<m>»:</m> elle s’applique dès lundi."),
        flag("fr", "Le texte sera examiné au Sénat en mai ; la ministre l’a <m>confirmé;</m> rien n’est figé ; "
             "voilà."),
        flag("fr", "Elle a qualifié le sommet de honte, a constaté la <m>diplomate.Un</m> tel canal existe."),
        flag("fr", "Pourquoi est-ce une <m>honte-parce</m> que le format est inutile ?"),
        accept("fr", "Resserrement\u00a0: « Tout est possible\u00a0», a-t-il dit\u00a0; vraiment\u00a0?"),
        accept("fr", "Les 8 500 soldats sont arrivés à 23:20 ; voir https://example.org/a:b pour la suite..."),
        accept("fr", "Photo : Reuters. Il a dit : « Nous verrons ! » Et après ?"),
        flag("fr", "Il est à la Maison Blanche.\nSa porte-parole à la Maison <m>BlanchePhoto</m> : AFP"),
        flag("en", "He was 12 days after <m>startingRussian</m> attack in the capital."),
        flag("en", "The final decision now rests with you<m> ,</m> the voters of County Galway."),
        flag("en", "The ministers met on <m>Monday.They</m> agreed on nothing."),
        flag("en", "The convoy reached the border on Friday<m>. .</m> Officials counted the trucks."),
        flag("en", "The leader <m>of\"Brothers</m> of Italy\" spoke first."),
        accept("en", "She said \"no\" twice; the 12\" screen and O'Neill's reply were fine."),
        flag("en", "The talks ended in Geneva.\nGeneva is calm. The minister left <m>GenevaThe</m> next day."),
        accept("en", "PayPal and YouTube reported results; BlackRock said nothing."),
        accept("en", "Apple sells the iPhone on eBay and easyJet flies at 10:30 a.m. to Paris."),
        flag("en", "The key <m>question:Who</m> pays for the reconstruction?"),
        accept("en", "Floods in Bavaria: Söder explains where the aid will go... and when it will arrive."),
        accept("en", "Visit www.example.com/News.Today for more; it costs $8,500."),
        flag("de", "Die Antwort hängt von Ihnen ab<m> ,</m> den Bürgern Russlands."),
        flag("de", "Der Sprecher <m>sagte.Er</m> wolle nicht spekulieren."),
        flag("de", "Wir bleiben in der Stadt<m>, -</m> sagte die Bürgermeisterin am Montag in Görlitz."),
        accept("de", "Die Temperaturen fielen auf -5, -8 und -12 Grad."),
        flag("de", "Die Lage nach dem <m>Angriff:Ein</m> Sprecher nannte keine Zahlen."),
        accept("de", "Das Bündnis 90/Die Grünen, die Re:publica und das Verhältnis 3:1 blieben Thema."),
        accept("de", "Der Kanzler sagte: „Wir sind bereit.“ Das Treffen begann um 10:30 Uhr."),
        accept("de", "Die Kosten betragen 8.500 Euro, d. h. mehr als geplant."),
        accept("de", "Er nutzt ein iPhone und fliegt mit easyJet nach Wien."),
        flag("es", "La respuesta depende de ustedes<m> ,</m> los ciudadanos rusos."),
        flag("es", "El portavoz <m>dijo.Luego</m> se marchó."),
        flag("es", 'El alcalde calificó el proyecto de "inviable"<m> ,</m> según la agencia local.'),
        accept("es", 'El alcalde calificó el proyecto de "inviable", según la agencia local.'),
        accept("es", "«¿Vendrás mañana?», preguntó ella a las 10:30."),
        accept("es", "La cifra es de 8.500 soldados, según www.example.com/Noticias.Hoy."),
        accept("es", "Dijo: «Basta». Luego se fue."),
        flag("it", 'La risposta dipende da voi<m> ,</m> i cittadini russi.'),
        accept("it", '«Verrai domani?», ha chiesto lei alle 10:30.'),
        accept("it", 'La cifra è di 8.500 soldati, secondo www.example.com/Notizie.Oggi.'),
        accept("it", "Ha detto: «Basta». Poi se n'è andato."),
        flag("it", "Il portavoce ha <m>detto.Poi</m> se n'è andato."),
        # a byline run into the first sentence; the end of a sentence left at the start of the next line
        flag("fr", "Par Claire Dumont, avec Paul <m>MartinPlusieurs</m> heures après le vote, le texte est revenu."),
        flag("fr", "Le texte a été adopté par l'Assemblée nationale\n<m>.</m> Le Sénat doit encore l'examiner."),
        accept("fr", "Le texte a été adopté.\n\n... et le Sénat doit encore l'examiner."),
        accept("en", "The band MercyMe played. PayPal and YouTube were down."),
        # a word broken by a space, where the letter is no word of the language
        flag("es", "El ministro, <m>i nsiste</m> en que la reunión se celebrará el lunes."),
        accept("es", "Llegaron el lunes y el martes, o incluso el miércoles, u otro día."),
        flag("fr", "Le ministre <m>r épète</m> que la réunion aura lieu lundi."),
        accept("fr", "Le plan b pour la réunion de lundi a été retenu à Paris."),
        flag("pt", 'A resposta depende de vós<m> ,</m> os cidadãos russos.'),
        flag("pt", 'O porta-voz <m>disse.Depois</m> saiu da sala.'),
        accept("pt", '«Vens amanhã?», perguntou ela às 10:30.'),
        accept("pt", 'O número é de 8.500 soldados, segundo www.example.com/Noticias.Hoje.'),
        accept("pt", 'Disse: «Basta». Depois saiu.'),
    ],
)
def spacing(doc: Document, ctx) -> list[Issue]:
    return list(_spacing(doc, ctx))


@rule(
    "typography.capitals",
    cosmetic=True,
    category="typography",
    requires=("typography.sentence_starters",),
    description="""A capital letter inside a sentence where the language writes lowercase.

A sentence starter after a semicolon or a comma ("; La Russie"), a word capitalised outside the
name that carries its capital ("doivent être Unis"), a nationality adjective capitalised after a
noun ("ministre Estonien"). Names that start with a starter (Le Monde, The Hague) are accepted.""",
    examples=[
        flag("fr", "Bruxelles a adressé une mise en demeure à la Hongrie <m>; La</m> Slovaquie attend "
             "encore la sienne."),
        flag("fr", "Les syndicats de Stellantis veulent rester <m>Unis</m> face à la direction."),
        flag("fr", "Le dossier a été confié à l’ancien chef du gouvernement <m>Portugais</m> António Costa."),
        accept("fr", "Les États-Unis et les Nations Unies ; selon Le Monde, la Russie a répondu."),
        accept("fr", "Les Estoniens et deux Français ont voté ; le ministre estonien a parlé."),
        accept("fr", "Il a cité trois villes, La Haye, Le Caire et La Paz."),
        flag("en", "The talks ended late<m>; The</m> delegations left without a deal."),
        flag("en", "He paused, then said<m>, He</m> would not resign."),
        accept("en", "The report was published by the paper, The Guardian, on Monday."),
        accept("en", "Zelensky Reveals Where He Is; It Is Kyiv"),
        accept("en", "They visited The Hague; the court was closed."),
        flag("de", "Die Gespräche endeten spät<m>; Er</m> reiste sofort ab."),
        flag("de", "Der Minister schwieg<m>, Es</m> gab keine Erklärung."),
        accept("de", "Die Gespräche endeten spät; Die Linke kritisierte das Ergebnis."),
        accept("de", "Wir danken Ihnen, Sie haben uns sehr geholfen."),
        accept("de", "Die Russische Föderation und die Vereinigten Staaten verhandeln."),
        flag("es", "La reunión terminó tarde<m>; El</m> portavoz no dio detalles."),
        flag("es", "Los países deben estar <m>Unidos</m> para actuar."),
        flag("es", "Las funciones pasarán al primer ministro <m>Estonio</m> saliente."),
        accept("es", "Estados Unidos y Naciones Unidas respondieron; según El País, la cumbre fracasó."),
        accept("es", "Llegaron dos Españoles y los Franceses; el ministro estonio habló."),
        accept("es", "Visitó tres ciudades, La Paz, La Habana y El Cairo."),
        flag("it", 'La riunione è finita tardi<m>; Il</m> portavoce non ha dato dettagli.'),
        flag("it", 'I paesi devono essere <m>Uniti</m> per agire.'),
        flag("it", 'Le funzioni passeranno al primo ministro <m>Estone</m> uscente.'),
        accept("it", 'Gli Stati Uniti e le Nazioni Unite hanno risposto; secondo La Repubblica, il vertice è fallito.'),
        accept("it", 'Sono arrivati due Spagnoli e i Francesi; il ministro estone ha parlato.'),
        accept("it", 'Ha visitato tre città, La Spezia, La Paz e Il Cairo.'),
        flag("pt", 'A reunião acabou tarde<m>; O</m> porta-voz não deu pormenores.'),
        flag("pt", 'Os países devem estar <m>Unidos</m> para agir.'),
        flag("pt", 'As funções passarão para o primeiro-ministro <m>Estónio</m> cessante.'),
        accept("pt", 'Os Estados Unidos e as Nações Unidas responderam; segundo O Globo, a cimeira falhou.'),
        accept("pt", 'Chegaram dois espanhóis e os franceses; o ministro estónio falou.'),
        accept("pt", 'A Federação Russa e a Academia Brasileira de Letras responderam.'),
    ],
)
def capitals(doc: Document, ctx) -> list[Issue]:
    return list(_capitals(doc, ctx))


@rule(
    "typography.consistency",
    cosmetic=True,
    category="typography",
    requires=("typography.apostrophes",),
    description="""Two typographic styles mixed in one text: apostrophes, quotation marks, accents.

Straight apostrophes in a text that writes typographic ones three times as often (or the other
way round), quotation marks of another style opening a quotation in a text that has its
language's own ("Nous…" in a French text quoting with « »; “ ” inside « » is correct), and a word
written without its accent where the text writes it with it at least twice as often
("Etats-Unis" beside "États-Unis").""",
    examples=[
        flag("fr", "L’OTAN et l’Ukraine. L’armée d’Europe, qu’elle soit prête. La Russie <m>l'a</m> annexée."),
        flag("fr", 'Il a dit « nous verrons ».\n<m>"Nous</m> sommes déterminés", a déclaré Blinken.'),
        flag("fr", "Les États-Unis. Les États-Unis. Les gaz livrés dans des <m>Etats-Unis</m>."),
        flag("fr", "Le ministre a répondu : <m>“Nous</m> ne céderons pas”, avant de quitter la salle."),
        accept("fr", "« Nous défendrons le droit de chaque nation à “choisir sa propre voie” », a-t-il dit."),
        accept("fr", "Il a dit \"nous verrons\". L'OTAN et l'Ukraine, l'armée d'Europe."),
        accept("fr", "Le marché a ouvert ; la marche a commencé ; le marché a fermé ; le marché a repris."),
        flag("en", "“This step can be the start of a war,” he said.\n• <m>«The</m> security of Ukraine is at stake.»"),
        flag("en", "Putin’s aides, Russia’s army, Ukraine’s defence, NATO’s plan, it’s over: <m>Biden's</m> reply."),
        accept("en", "“We will not give up,” he said, quoting ‘our common cause’ and 5'11\" soldiers."),
        accept("en", "The café opened. The café closed. Another cafe nearby stayed open."),
        accept("en", 'He said "yes" and she said "no"; it\'s over, isn\'t it?'),
        flag("de", '„Wir sind bereit“, sagte er. „Wir warten.“ <m>"Wir</m> verhandeln", fügte er hinzu.'),
        flag("de", "Geht’s gut? Wie geht’s? Gibt’s was? Hat’s geklappt? So geht’s los, <m>geht's</m> weiter."),
        flag("de", "Die Ministerin sagte: <m>“Wir</m> bleiben an der Seite der Ukraine”."),
        accept("de", "Sie sagte: „Wir bleiben.“\nDann fügte sie hinzu, man warte ab“ und ging."),
        accept("de", "„Wir sind bereit“, sagte er. »Wir warten«, schrieb die Zeitung."),
        accept("de", 'Er sagte "ja" und sie sagte "nein".'),
        accept("de", "Die Straße und die Strasse sind zwei Schreibweisen."),
        flag("es", "Dijo „basta“ aunque el texto cita «así».\n<m>„Nos</m> vamos“, añadió."),
        flag("es", "México respondió. México insistió. México calló. Pero <m>Mexico</m> no cedió."),
        accept("es", '«Nos vamos», dijo. “Nos quedamos”, respondió. "Bien", cerró.'),
        accept("es", "La práctica es común; el gobierno practica una política dura."),
        accept("es", "El término se usa poco; la sesión terminó tarde."),
        flag("it", 'Ha detto „basta“ anche se il testo cita «così».\n<m>„Ce</m> ne andiamo“, ha aggiunto.'),
        accept("it", '«Ce ne andiamo», ha detto. “Restiamo”, ha risposto. "Bene", ha concluso.'),
        accept("it", 'La pratica è comune; il governo pratica una politica dura.'),
        accept("it", "L'Italia e l'Ucraina, dell'Unione europea: l'ha detto."),
        flag("it", "L’Italia, l’Ucraina, l’Europa, dell’Unione, un’altra volta, all’ONU. "
            "La Russia <m>l'ha</m> annessa."),
        flag("pt", 'Disse „basta“ embora o texto cite «assim».\n<m>„Vamos</m> embora“, acrescentou.'),
        accept("pt", '«Vamos embora», disse. “Ficamos”, respondeu. "Bem", concluiu.'),
        accept("pt", 'A procissão saiu da igreja de Sant’Ana; a ministra falou depois à imprensa.'),
    ],
)
def consistency(doc: Document, ctx) -> list[Issue]:
    return list(_consistency(doc, ctx))


@rule(
    "typography.quote-punctuation",
    cosmetic=True,
    category="typography",
    requires=("typography.attribution_after_quote",),
    description="""Punctuation between a quotation and its attribution.

An attribution right after the closing mark without its comma ("» a poursuivi Sébastien
Lecornu"), and a comma followed by a dash after the closing mark, a Russian convention ("”, –
TV journalist …").""",
    examples=[
        flag("fr", "Le projet de barrage « sera abandonné avant l’automne <m>» a assuré</m> Christophe Béchu."),
        flag("fr", "« Nous partons <m>» a-t-il dit</m>."),
        flag("fr", "« Nous partons <m>», –</m> a dit le ministre."),
        accept("fr", "« Nous partons », a-t-il dit. « Assez ! » s’est exclamé le ministre."),
        accept("fr", "Le « pacte vert » va-t-il survivre aux élections européennes ?"),
        accept("fr", "Le parti « Russie unie » a annoncé la tenue d’un congrès."),
        flag("en", "“Secretary Blinken will travel to Ukraine<m>”, –</m> TV journalist Nora O’Donnell tweeted."),
        flag("en", "“I cannot tell you<m>” he said</m>, leaving the room."),
        accept("en", "“I cannot tell you,” he said. The “peace plan” said to be ready was not."),
        accept("en", "The so-called “special operation” continued on Monday."),
        accept("en", "“Enough!” he shouted, and left."),
        flag("de", "„Wir sind bereit<m>“ sagte</m> er am Montag."),
        flag("de", "„Wir sind bereit<m>“, –</m> sagte der Minister."),
        accept("de", "„Wir sind bereit“, sagte er am Montag."),
        accept("de", "Der „Friedensplan“ wurde am Montag vorgestellt."),
        accept("de", "„Genug!“ rief der Minister."),
        flag("es", "«No está suspendido<m>» dijo</m> el ministro."),
        flag("es", "«No está suspendido<m>», –</m> dijo el ministro."),
        accept("es", "«No está suspendido», dijo el ministro."),
        accept("es", "El llamado «plan de paz» fue presentado el lunes."),
        accept("es", "«¡Basta!» gritó el ministro."),
        flag("pt", '«Não está suspenso<m>» disse</m> o ministro.'),
        flag("pt", '«Não está suspenso<m>», –</m> disse o ministro.'),
        accept("pt", '«Não está suspenso», disse o ministro.'),
        accept("pt", 'O chamado «plano de paz» foi apresentado na segunda-feira.'),
        accept("pt", '«Basta!» gritou o ministro.'),
    ],
)
def quote_punctuation(doc: Document, ctx) -> list[Issue]:
    return list(_quote_punctuation(doc, ctx))


RULES = [spacing, capitals, consistency, quote_punctuation]
