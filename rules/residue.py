"""Text of the web page's furniture caught in the article by the scraper.

Comment forms ("Laisser un commentaire", "Your email address will not be published"), share and
subscribe prompts, cookie banners, related-article links ("Lire aussi : …", "See also …"), page
metadata ("date 30.04.2021", "categories Politics"), navigation (breadcrumbs, "Top UA|TV News"),
media-player labels and counters ("0:00 / 2:15"), ad-network lines, unfilled template placeholders
("{{title}}", "[INSERT NAME]", "%s", lorem ipsum) and a text generator's instructions or answers
("As an AI language model", "Voici une version réécrite").

All phrases come from the profile (`rules/data/<lang>/residue.toml` and `common/residue.toml`,
table `residue`). Page furniture stands on a line of its own: `labels`, `ui_labels` and `nav` must be
the whole line, `phrases` must make up most of it, or start it and be followed by another phrase or by a few
words only, `related` and `metadata` labels must
start it and be followed by a short headline or value, `line_patterns` must match all of it. A
phrase inside a sentence of prose (an article about cookies) is therefore not reported; only
`inline` phrases and `inline_patterns` (generator instructions, placeholders, channel promos) are
reported wherever they stand.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from urllib.parse import urlsplit

from lint.annotate.persons import person_mentions
from lint.annotate.quotes import conventions as quote_conventions
from lint.dateline import date_parts
from lint.document import Document, Span, merge_intervals
from lint.language import LanguageProfile, alternation, available_languages, load_profile
from lint.recurrence import line_key
from lint.rule import Issue, accept, flag, rule
from lint.script import TYPOGRAPHY_QUOTE_MARKS as _QUOTE_MARKS
from lint.text import ALNUM_WORD, fold, fold_label, lower_aligned, without_count

_WORD = ALNUM_WORD
_LEAD = " \t*•·-–—>»|#"
_TRAIL = " \t*•·-–—>»|#:.…"
_SEPARATOR = re.compile(r"^(?:\s*[:–—\-»>|]|\s{2,}|\s+(?=[^\W\d_]*[A-ZÀ-Þ0-9«“\"'‘]))")
# A line that starts with a phrase is furniture if another phrase follows or little else does
# ("comments powered by HyperComments"); "Ce site utilise des cookies, a rappelé la CNIL…" is prose.
_MAX_TAIL_WORDS = 6
_MAX_HEADLINE_WORDS = 25
# A related-link widget whose label and linked headline were two elements, joined by a scraper with
# the element gap left in ("Lire aussi:   Le Japon et…", "See also  EU and UK sign…"): a short label,
# perhaps a colon, two spaces or more, a capitalised headline. Typed prose never leaves that gap
# after a phrase of three words; the label's words need no list.
_GAPPED_LINK = re.compile(r"[^\W\d_][^\W\d]*(?: [^\W\d]+){0,2} ?:?[ \t\u00a0]{2,}(?=[^\W\d_]|[«“\"])")
_MAX_METADATA_WORDS = 8
_NUMERIC_VALUE_WORDS = 2
_MIN_COVERAGE = 0.6
# Labels, metadata and widget lines are short; longer lines are only checked for what starts them.
_SHORT_LINE = 250


def _lowered(doc: Document) -> str:
    """The text as labels are searched in it (memoised: several rules of the family read it)."""
    return doc.memo("residue.lowered", lambda: lower_aligned(doc.text))


def _anchored(phrases: list[str]) -> re.Pattern[str] | None:
    """Phrases (normalised) that must stand at a given position, followed by no letter."""
    alts = "|".join(re.escape(p) for p in sorted(set(phrases), key=len, reverse=True))
    return re.compile("(?:" + alts + r")(?!\w)") if alts else None


@dataclass(frozen=True)
class _Lexicon:
    labels: frozenset[str]
    nav: frozenset[str]
    phrases: tuple[str, ...]
    related: re.Pattern[str] | None
    metadata: re.Pattern[str] | None
    line_patterns: tuple[re.Pattern[str], ...]
    date_line: re.Pattern[str] | None
    age_line: re.Pattern[str] | None
    inline: tuple[str, ...]
    inline_patterns: tuple[tuple[re.Pattern[str], bool], ...]  # (pattern, matched against the lowered text)
    reader: re.Pattern[str] | None
    closing: frozenset[str]  # marks that close a quotation: a speech whose last mark is another is still open


def _inline_pattern(pattern: str) -> tuple[re.Pattern[str], bool]:
    """A pattern of the data; "(?i)" at its start means: match it against the lowered text."""
    if pattern.startswith("(?i)"):
        return re.compile(pattern[4:]), True
    return re.compile(pattern), False


def _lexicon(profile: LanguageProfile) -> _Lexicon:
    return profile.derive(__name__, _compile)


# Keys judged on a line of its own. A page's furniture need not be in the article's language (an
# English theme's "Related posts" over a German article, a Slovak player's labels on a French page),
# and a line made only of another language's label is furniture just as well: these are read from
# every language's data. `inline` phrases match inside prose, so they stay the article's own.
_LINE_KEYS = ("labels", "ui_labels", "nav", "phrases", "related", "metadata")


def _every_language(profile: LanguageProfile) -> list[LanguageProfile]:
    """The article's profile first, then every other language's."""
    return [profile, *(load_profile(lang) for lang in available_languages() if lang != profile.lang)]


def _line_tables(profile: LanguageProfile) -> dict[str, list[str]]:
    merged: dict[str, list[str]] = {k: [] for k in _LINE_KEYS}
    for other in _every_language(profile):
        table = other.table("residue")
        for k in _LINE_KEYS:
            merged[k].extend(table.get(k, []))
    return merged


def _compile(profile: LanguageProfile) -> _Lexicon:
    t = profile.table("residue")
    lines = _line_tables(profile)
    lex = _Lexicon(
        labels=frozenset(fold_label(w) for w in [*lines["labels"], *lines["ui_labels"]]),
        nav=frozenset(fold_label(w) for w in lines["nav"]),
        phrases=tuple(sorted({fold_label(w) for w in lines["phrases"]})),
        related=_anchored([fold_label(w) for w in lines["related"]]),
        metadata=_anchored([fold_label(w) for w in lines["metadata"]]),
        line_patterns=tuple(re.compile(p, re.I) for p in t.get("line_patterns", [])),
        date_line=_date_line(profile),
        age_line=_age_line(profile),
        inline=tuple(sorted({fold_label(w) for w in t.get("inline", [])})),
        inline_patterns=tuple(_inline_pattern(p) for p in t.get("inline_patterns", [])),
        reader=_reader_pattern(t.get("reader_address", [])),
        closing=_closing_marks(profile),
    )
    return lex


def _every_word(profile: LanguageProfile, path: str) -> list[str]:
    """A list of the data, from every language's profile."""
    return [x for other in _every_language(profile) for x in other.get(path, []) or []]


def _date_line(profile: LanguageProfile) -> re.Pattern[str] | None:
    """A line that is a date and nothing else ("samedi, 20 avril 2024", "March 3, 2022 10:15 am",
    "03 Avril 2024   Lu: 362"), in any language with month names (`dates.months`): a CMS's date
    stamp or byline. Prose and datelines write a date with words around it."""
    months = _every_word(profile, "dates.months")
    weekdays = _every_word(profile, "dates.weekdays")
    if not months:
        return None
    parts = date_parts(
        months,
        weekdays,
        _every_word(profile, "dates.date_joiners"),
        _every_word(profile, "dates.time_joiners"),
        year_optional=True,
    )
    counter = r"(?:\s+[^\W\d_]{1,12}\s?:\s?\d[\d\s.,]*)?"  # a views counter after it: "Lu: 362"
    return re.compile(rf"{parts.weekday}(?:{parts.day_month}|{parts.month_day}){parts.time}{counter}", re.I)


_CLOSING = frozenset("»”›")  # close a quotation in every language that uses them


def _closing_marks(profile: LanguageProfile) -> frozenset[str]:
    """The language's closing marks, and the marks that close in every script that uses them."""
    quoting = quote_conventions(profile)
    opens = frozenset(quoting.opens) if quoting is not None else frozenset()
    own = frozenset(quoting.closes) - opens if quoting is not None else frozenset()
    return own | (_CLOSING - opens)


def _reader_pattern(words: list[str]) -> re.Pattern[str] | None:
    """The words that address the reader: lowercase entries in any case, capitalised ones as written
    and after a word of the same sentence only."""
    lower = [w for w in words if w == w.lower()]
    cased = [w for w in words if w != w.lower()]
    # Each word's look-behind is written after its first character: a pattern that starts with
    # characters is searched for them in C, one that starts with an assertion tries it at every position.
    alts = []
    if lower:
        alts.append("(?i:" + _after_first(lower, r"(?<!\w.)") + r")(?!\w)")
    if cased:
        alts.append("(?:" + _after_first(cased, r"(?:(?<=\w .)|(?<=\w, .))") + r")(?!\w)")
    return re.compile("|".join(alts)) if alts else None


def _after_first(words: list[str], assertion: str) -> str:
    """The alternation of `words`, longest first, each with `assertion` after its first character."""
    ordered = sorted(set(words), key=len, reverse=True)
    return "|".join(re.escape(w[0]) + assertion + re.escape(w[1:]) for w in ordered)


def _age_line(profile: LanguageProfile) -> re.Pattern[str] | None:
    """A line that is only a date stamp written as an age ("il y a 2 heures", "3 days ago", "vor 5
    Minuten"), from each language's relative-time pattern (`dates.ago`, `dates.ago_units`)."""
    frames = []
    for other in _every_language(profile):
        frame, units = other.get("dates.ago"), other.get("dates.ago_units") or []
        if frame and units:
            unit = alternation(units)
            frames.append(re.escape(frame).replace(r"\{n\}", r"\d{1,3}").replace(r"\{unit\}", f"(?:{unit})"))
    return re.compile("|".join(frames), re.I) if frames else None


_ALNUM_RUN = re.compile(r"[^\W_]+")  # a run of the characters str.isalnum accepts


def _alnum_runs(low: str) -> set[str]:
    """The runs of letters and digits of the lowered text: the words a phrase may start with."""
    return set(_ALNUM_RUN.findall(low))


@cache
def _heads(phrases: tuple[str, ...]) -> tuple[str, ...]:
    """The first run of letters and digits of each phrase ("" when it starts with another character)."""
    return tuple(m.group() if (m := _ALNUM_RUN.match(p)) else "" for p in phrases)


def _occurrences(low: str, phrases: tuple[str, ...], runs: set[str]) -> list[tuple[int, int]]:
    """Where the phrases stand in the lowered text as whole words, in order; one fast search each.

    A phrase that starts with a letter or digit stands as a whole word only where its first run of
    them is a whole run of the text: a phrase whose first word is not among the text's `runs` (most
    of them) is not searched for."""
    found = []
    for phrase, head in zip(phrases, _heads(phrases), strict=True):
        if head and head not in runs:
            continue
        at = low.find(phrase)
        while at >= 0:
            end = at + len(phrase)
            if not (at and low[at - 1].isalnum()) and not low[end : end + 1].isalnum():
                found.append((at, end))
            at = low.find(phrase, at + 1)
    return sorted(found)


def _words(s: str) -> int:
    return len(_WORD.findall(s))


def _headline(doc: Document, line: Span) -> bool:
    """Could this line be the headline of a linked article (short, capitalised, no final full stop)?"""
    chunk = doc.text[line.start : line.end].strip()
    return (
        bool(chunk)
        and (chunk[0].isupper() or chunk[0].isdigit() or chunk[0] in '«“"')
        and not chunk.endswith(".")
        and _words(chunk) <= _MAX_HEADLINE_WORDS
    )


def _judge_line(
    doc: Document, line: Span, lex: _Lexicon, low: str, hits: list[tuple[int, int]]
) -> tuple[str, bool] | None:
    """What furniture this line is, and whether it is a related-link label alone; None if prose.

    `hits` are the occurrences of `lex.phrases` inside the line."""
    raw = doc.text[line.start : line.end]
    lead = len(raw) - len(raw.lstrip(_LEAD))
    short = len(raw) <= _SHORT_LINE
    if short:
        norm = without_count(fold_label(raw.strip(_TRAIL))).strip(_TRAIL)
        if lex.date_line is not None and lex.date_line.fullmatch(raw.strip(_TRAIL)):
            return "a date stamp", False
        if lex.age_line is not None and lex.age_line.fullmatch(raw.strip(" \t*•·-–—|")):
            return "a date stamp", False
        if not norm:  # no word at all: only a whole-line pattern (a counter, a stamp) can tell
            matched = any(p.fullmatch(raw.strip()) for p in lex.line_patterns)
            return ("a counter or a date stamp", False) if matched else None
        if norm in lex.labels:
            return "a page label or button", False
        if norm in lex.nav:
            return "navigation", False
    if lex.related is not None:
        m = lex.related.match(low, line.start + lead, line.end)
        if m:
            rest = raw[m.end() - line.start :]
            if not rest.strip(_TRAIL + "\u00a0"):
                return "a related-article link", True
            if _SEPARATOR.match(rest) and _words(rest) <= _MAX_HEADLINE_WORDS:
                return "a related-article link", False
    m = _GAPPED_LINK.match(raw, lead)
    if m and _headline(doc, Span(line.start + m.end(), line.end)):
        return "a related-article link", False
    if short and lex.metadata is not None:
        m = lex.metadata.match(low, line.start + lead, line.end)
        if m and _words(raw) <= _MAX_METADATA_WORDS:
            value = raw[m.end() - line.start :].lstrip(" \t\u00a0:")
            # A number's unit may be abbreviated ("Temps de lecture : 3 min."): that full stop ends no sentence.
            numeric = value[:1].isdigit() and _words(value) <= _NUMERIC_VALUE_WORDS
            ended = raw.rstrip().endswith((".", "!", "?"))
            if value and (value[0].isdigit() or value[0].isupper()) and (numeric or not ended):
                return "page metadata", False
    if hits:
        covered = sum(e - s for s, e in hits)
        solid = len(raw) - raw.count(" ")
        rest = _words(raw) - sum(_words(low[s:e]) for s, e in hits)
        at_start = hits[0][0] <= line.start + lead
        if covered >= _MIN_COVERAGE * solid or (at_start and (len(hits) >= 2 or rest <= _MAX_TAIL_WORDS)):
            return "a comment form, a share, subscribe or cookie prompt", False
    if short:
        stripped = raw.strip()
        if any(p.fullmatch(stripped) for p in lex.line_patterns):
            return "navigation, a widget or a player", False
    return None


_FINAL = re.compile(r"[.!?…]+")
# A run of this many label-shaped lines, a third of them known furniture, is a block of the page's
# buttons and labels (share bars, account prompts): its other labels are furniture too, whatever
# their words. Prose has no such runs; a subheading stands alone between paragraphs.
_MIN_RUN = 3
_LABEL_WORDS = 4


def _label_shaped(doc: Document, line: Span) -> bool:
    """A line that reads as a button or label: a few words, no sentence punctuation, no quotation."""
    chunk = doc.text[line.start : line.end].strip()
    return (
        bool(chunk)
        and not chunk.endswith((".", "!", "?", "…", ",", ";"))  # (the cheap tests first: asked of every line)
        and 0 < _words(chunk) <= _LABEL_WORDS
        and not any(c in _QUOTE_MARKS for c in chunk)
    )


def _name_lines(doc: Document, ctx) -> set[int]:
    """Lines that are a person's name and nothing else: a byline or a caption's name, not a button."""
    starts = [s.start for s in doc.lines]
    out = set()
    for m in person_mentions(doc, ctx).mentions:
        k = bisect.bisect_right(starts, m.start) - 1
        if k >= 0 and (doc.lines[k].start, doc.lines[k].end) == (m.start, m.end):
            out.add(k)
    return out


def _among_furniture(doc: Document, known: list[int]) -> list[int]:
    """The label-shaped lines (indices into doc.lines) of runs that known furniture dominates."""
    lines, known_set = doc.lines, set(known)
    out: list[int] = []
    run: list[int] = []

    def close() -> None:
        hits = sum(1 for k in run if k in known_set)
        if len(run) >= _MIN_RUN and hits and 3 * hits >= len(run):
            out.extend(k for k in run if k not in known_set and k > 0)  # (line 0: the headline)

    for k, line in enumerate(lines):
        if k in known_set or _label_shaped(doc, line):
            run.append(k)
        else:
            close()
            run = []
    close()
    return out


# A post-navigation or related-posts label often sits over the linked post's category and then its
# headline ("Previous Post" / "Politics" / "Minister resigns"): a label of a few words lets one more
# headline line join the link. The link is at most those two lines.
_CATEGORY_WORDS = 3
_LINK_LINES = 2


def _linked_headline(doc: Document, lines: list[Span], i: int, judge: Callable[[int], object]) -> list[int]:
    """The lines (indices) under a related-link label standing alone that make up the linked post."""
    out: list[int] = []
    for k in range(i + 1, min(i + 1 + _LINK_LINES, len(lines))):
        if not _headline(doc, lines[k]) or judge(k) is not None:
            break
        out.append(k)
        if _words(doc.text[lines[k].start : lines[k].end]) > _CATEGORY_WORDS:
            break
    return out


# A field of the page template whose label and value were two elements ("Source:" over "AFP", "Quelle:"
# over "dpa"): a label of one word and a colon alone on its line, over a value of a few words. A
# list's introduction ("Members:" over three countries) runs on over more short lines than a field.
_FIELD_LABEL = re.compile(r"[^\W\d_][^\W\d]*[ \u00a0]?:")
_FIELD_VALUE_WORDS = 3
_LIST_ITEMS = 3


def _field(doc: Document, lines: list[Span], i: int) -> bool:
    """Is line `i` a lone one-word label with a colon, over the short value of a page field?"""
    if i + 1 >= len(lines) or not _FIELD_LABEL.fullmatch(doc.text[lines[i].start : lines[i].end].strip()):
        return False
    items = 0
    for line in lines[i + 1 : i + 1 + _LIST_ITEMS]:
        if not (_label_shaped(doc, line) and _words(doc.text[line.start : line.end]) <= _FIELD_VALUE_WORDS):
            break
        items += 1
    return 0 < items < _LIST_ITEMS


# A breadcrumb whose last crumb is the headline cut short ("Accueil Dernières minutes L'International
# Kuleba informe Blinken de la…" over the headline): a navigation word, then words ending in an
# ellipsis that begin another line of the text. Its separators may have been lost with the markup.
_TEASER_WORDS = 4


def _teaser_crumb(doc: Document, lines: list[Span], i: int, lex: _Lexicon) -> bool:
    """Is line `i` a breadcrumb (a navigation word first) that ends in a truncated copy of a headline?"""
    raw = doc.text[lines[i].start : lines[i].end].strip()
    words = raw.split()
    if len(words) < 2 or fold_label(words[0]) not in lex.nav or not raw.endswith(("...", "…")):
        return False
    tail = raw.rstrip(".… ").split()[-_TEASER_WORDS:]
    if len(tail) < _TEASER_WORDS:
        return False
    cut = " ".join(tail)
    return any(cut in doc.text[line.start : line.end] for k, line in enumerate(lines) if k != i)


# A speech carried over paragraphs opens with a mark on an earlier line and closes later (or never):
# its lines have no mark of their own, and "you" in it is the speaker's. Looked for this far back.
_SPEECH_LINES = 6


def _in_open_speech(doc: Document, lines: list[Span], i: int, closing: frozenset[str]) -> bool:
    """Does line `i` continue a quotation opened on an earlier line and not closed since?"""
    for k in range(i - 1, max(-1, i - 1 - _SPEECH_LINES), -1):
        chunk = doc.text[lines[k].start : lines[k].end]
        found = [c for c in chunk if c in _QUOTE_MARKS]
        if found:
            return found[-1] not in closing
    return False


def _addresses_reader(doc: Document, lines: list[Span], i: int, lex: _Lexicon) -> int | None:
    """Where line `i` starts to speak to the reader ("Votre adresse…", "you can…") outside any
    quotation: the start of the first sentence that does; None if it does not."""
    line = lines[i]
    chunk = doc.text[line.start : line.end]
    m = lex.reader.search(chunk) if lex.reader is not None else None
    if m is None or any(c in _QUOTE_MARKS for c in chunk) or _in_open_speech(doc, lines, i, lex.closing):
        return None
    sentence = doc.sentence_of(line.start + m.start())
    return max(line.start, sentence.start) if sentence is not None else line.start


def _in_furniture_block(doc: Document, k: int, known: set[int], speaking: set[int]) -> bool:
    """Is line `k` (speaking to the reader) in a block of such lines and labels with other furniture?"""
    lines = doc.lines

    def joins(j: int) -> bool:
        return j in known or j in speaking or _label_shaped(doc, lines[j])

    lo = hi = k
    while lo > 0 and joins(lo - 1):
        lo -= 1
    while hi + 1 < len(lines) and joins(hi + 1):
        hi += 1
    return any(j != k and (j in known or j in speaking) for j in range(lo, hi + 1))


def _pattern_hits(doc: Document, lex: _Lexicon, low: str) -> list[tuple[int, int]]:
    """Where `inline_patterns` match, merged. A pattern matched in lowercase is a text generator's
    words (its answer, the prompt it was given): the sentences it stands in are its text too, one
    finding. A placeholder or ad code is reported as it matched."""
    text = doc.text
    spans = []
    for pattern, lowered in lex.inline_patterns:
        for m in pattern.finditer(low if lowered else text):
            start, end = m.start(), m.end()
            if end == start or (start and text[start - 1].isalnum()):  # empty, or inside a word
                continue
            if lowered:
                first, last = doc.sentence_of(start), doc.sentence_of(end - 1)
                start = min(start, first.start) if first is not None else start
                end = max(end, last.end) if last is not None else end
            spans.append((start, end))
    return merge_intervals(spans)


def _recurs(doc: Document, line: Span, article) -> int | None:
    """In how many of its site's articles of this run the line stands, if it recurs across them (the
    engine attaches that evidence: lint/recurrence.py); None if not."""
    if not article.recurring:
        return None
    return article.recurring.get(line_key(doc.text[line.start : line.end].strip()))


# A site's own name, as its address spells it: the host's labels but the last (the TLD) and the
# generic ones; shorter names match words by chance ("le", "info").
_SITE_NAME_MIN = 6
_SITE_LINE_WORDS = 12


def _site_names(url: str | None, generic: frozenset[str]) -> list[str]:
    """The names of the site a web address is on: its host's labels but the last (the TLD) and the
    generic ones (`residue.generic_host_labels`)."""
    try:
        host = urlsplit(url or "").hostname or ""
    except ValueError:  # "http://[oops": an address the input's metadata got wrong names no site
        return []
    names = (_alnum_fold(label) for label in host.split(".")[:-1])
    return [x for x in names if len(x) >= _SITE_NAME_MIN and x not in generic]


def _alnum_fold(text: str) -> str:
    return "".join(c for c in fold(text) if c.isalnum())


def _names_its_site(doc: Document, lines: list[Span], i: int, names: list[str]) -> bool:
    """ "Toute l’actualité en temps réel, est sur L’Entrepreneur" (lentrepreneur.co): a short line of its
    own, past the first, that names the site the article comes from, and no dateline ("Paris, 11 mars
    (Cinktank.com) –"): the site's promotion of itself, which its pages print under every article."""
    line = lines[i]
    text = doc.text[line.start : line.end].strip()
    if not names or i == 0 or not text or text[-1] in "–—-:" or len(text.split()) > _SITE_LINE_WORDS:
        return False
    folded = _alnum_fold(text)
    return any(name in folded for name in names)


def _any_between(starts: list[int], lo: int, hi: int) -> bool:
    """Is one of the sorted offsets in [lo, hi)?"""
    k = bisect.bisect_left(starts, lo)
    return k < len(starts) and starts[k] < hi


def _sentence_end(text: str, start: int, limit: int) -> int:
    """The end of the sentence that goes on from `start` (its final mark included), within `limit`."""
    m = _FINAL.search(text, start, limit)
    return m.end() if m else limit


@rule(
    "residue.page-furniture",
    removes=True,
    category="scrape-residue",
    requires=("residue.labels",),
    description="""Text of the web page's furniture caught in the article.

Comment forms, share and subscribe prompts, cookie banners, related-article links, page metadata,
navigation, player labels, ad-network lines standing on a line of their own; template placeholders
and a text generator's instructions or answers anywhere. When several articles of one site are
checked in one run (a feed, a folder), a short line that stands in many of them is reported too,
with the count; and when the input gives the article's address, a short line of its own that names
that site ("Toute l’actualité en temps réel, est sur L’Entrepreneur" from lentrepreneur.co).""",
    examples=[
        flag(
            "fr",
            "Le conseil reprendra ses travaux lundi.\n\n<m>Votre adresse de messagerie ne sera pas publiée.</m>"
            "\n\n<m>Les commentaires sont fermés</m>",
        ),
        flag(
            "fr",
            "La préfète a levé l’alerte orange.\n<m>Couverture complète\n"
            "Crues dans le Gard : trois communes sinistrées</m>\nLa décrue est attendue jeudi.",
        ),
        flag(
            "fr",
            "Le sommet s’achève jeudi à Vilnius. <m>Un tel Telegram-canal, vous n’en trouverez pas ailleurs.</m>",
        ),
        flag("fr", "Le texte continue.\n<m>Voici une version réécrite de l’article demandé.</m>"),
        flag("fr", "Le sommet s’est achevé mardi.\n\nPartager\n\n<m>Réagir à chaud</m>\n\nCopier le lien\n\nLa suite."),
        accept("fr", "Les pays signataires :\n\nFrance\n\nAllemagne\n\nItalie\n\nLe texte entre en vigueur lundi."),
        flag("fr", "<m>samedi, 20 avril 2024</m>\n\nLe président a reçu son homologue à l’Élysée."),
        accept("fr", "Le sommet aura lieu le samedi 20 avril 2024 à Bruxelles, a-t-on appris."),
        accept("fr", "Le site explique : « Ce site utilise des cookies pour mesurer l’audience », a dit le juge."),
        accept("fr", "Lire aussi les mémoires du général, publiées en 1954, permet de comprendre."),
        accept("fr", "Le partage des données ne sera pas publié, selon la CNIL. Partager le gâteau est une tradition."),
        flag("en", "The interview will air on Sunday.\n<m>comments powered by HyperComments</m>"),
        flag("en", "The vote was close.\n<m>See also  Dutch farmers block motorways near Utrecht</m>\n"),
        flag("fr", "Le vote aura lieu mardi.\n<m>À découvrir :   Le Sénat adopte la réforme des retraites</m>\n"),
        accept("en", "Parliament votes today.  The result is due at noon.\nTheir verdict:  Guilty on all counts."),
        flag("en", "The ferry sailed.\n<m>date 12.09.2023</m>\n<m>categories Transport</m>\n<m>Top EU|Ports</m>"),
        flag("en", "The council met.\n\n<m>Previous Post\nElections\n\nCouncil approves the harbour budget</m>"),
        flag("de", "Der Rat tagte am Dienstag.\n\n<m>Vorheriger Beitrag\nWahlen\n\nRat billigt den Hafenhaushalt</m>"),
        flag("en", "The mayor spoke. <m>As an AI language model, I cannot write about this event.</m>"),
        flag(
            "fr",
            "<m>Rends cet article compatible SEO, avec des sous-titres, at least 1000 words.</m>\n"
            "Le maire de Sète a inauguré le pont levant.",
        ),
        flag("en", "<m>Certainly! Here is the article you asked for.</m>\nThe mayor opened the bridge."),
        flag("en", "The mayor opened the bridge.\n<m>google.com, pub-1234567890123456, DIRECT, f08c47fec0942fa0</m>"),
        flag("fr", "Le pont a été inauguré lundi, écrit <m>%author%</m> pour la rédaction."),
        flag("de", "Der Bürgermeister eröffnete die Brücke.\n\n<m>Related posts:</m>\n\nDie Stadt plant einen Hafen."),
        flag("fr", "Le maire a inauguré le pont.\n<m>Photo : sete-infos.fr</m>\nLa suite du texte."),
        flag("en", "<m>By Jane Miller | 12 March 2024, 10:15</m>\nThe mayor opened the bridge."),
        flag("fr", "Le maire a inauguré le pont levant.\n<m>Exit mobile version</m>"),
        accept("en", "The agency's address is harbour.example.org, a spokesman said: the mayor opened the bridge."),
        flag(
            "fr",
            "Le port rouvrira lundi.\n\n<m>Notre équipe vous propose ce dossier en accès libre.</m>\n\n"
            "<m>Une fois inscrit, vous pourrez lire trois articles par mois.</m>\n\n<m>Créer mon compte</m>",
        ),
        flag("en", "The port reopens on Monday.\n<m>We use your sign-up to send you our morning briefing.</m>"),
        flag("en", "The ferry timetable changes in May. <m>You can download it from our website.</m>"),
        accept(
            "en",
            "The mayor spoke on television.\n«Dear residents,\nThe water is rising.\n"
            "Tonight you must stay at home.»\nThe river peaked at dawn.",
        ),
        accept("de", "Die Bürgermeisterin sagte, sie werde bleiben. Ihre Partei stimmte zu."),
        flag("de", "Der Hafen öffnet am Montag.\n<m>Melden Sie sich an, um Ihre Artikel zu speichern.</m>"),
        flag("fr", "Le tribunal rendra sa décision en juin.\n<m>il y a 2 heures</m>\nLa suite du texte."),
        flag("de", "<m>vor 5 Minuten</m>\nDer Bürgermeister eröffnete die Brücke."),
        flag("en", "<m>Reading time: 4 min.</m>\nThe mayor opened the bridge on Friday."),
        flag("en", "The mayor opened the bridge.\n\n<m>Source:\n\nHarbour Gazette</m>\n\nMore text follows here."),
        accept("en", "Three countries signed:\n\nNorway\n\nIceland\n\nDenmark\n\nThe pact enters into force in May."),
        accept("fr", "Il y a 2 heures, le maire a inauguré le pont sous la pluie."),
        flag(
            "fr",
            "<m>Accueil Régions Occitanie Le maire de Sète inaugure le nouveau pont...</m>\n"
            "Le maire de Sète inaugure le nouveau pont levant.\nLe texte commence ici.",
        ),
        accept("fr", "Accueil chaleureux à Sète pour le maire, qui inaugure le nouveau pont...\nLe texte suit."),
        flag("en", "The talks ended on Tuesday.\n\nShare this\n\n<m>Flipboard</m>\n\nSign in\n\nMore text follows."),
        accept("en", "Members:\n\nAlbania\n\nBelgium\n\nCanada\n\nThe treaty was signed in 1949."),
        flag("en", "<m>Publish date : 2023-03-02 09:41:07</m>\nThe harbour master closed the quay."),
        flag("en", "<m>Harbour Daily News Harbour Daily News</m>\nThe minister spoke to reporters."),
        accept("en", "The regulator said that this website uses cookies without consent, a breach of the law."),
        accept("en", "Read more books, the minister told pupils on Monday."),
        accept("en", "The date of the summit was moved to 3 May, officials said."),
        flag("de", "Peskow fügte hinzu, das Datum stehe nicht fest.\n<m>IZ RU in Telegram|in MAX</m>"),
        flag("de", "Der Text endet hier.\n\n<m>Ihre E-Mail-Adresse wird nicht veröffentlicht.</m>"),
        flag("de", "<m>Samstag, 20. April 2024</m>\nDer Minister sprach mit Journalisten."),
        accept("de", "Am Samstag, 20. April 2024, sprach der Minister mit Journalisten."),
        accept("de", "Die Behörde erklärte, diese Website verwendet Cookies ohne Zustimmung."),
        accept("de", "Weiterlesen konnte er nicht, weil das Licht ausging."),
        accept("de", "Das Datum des Treffens steht noch nicht fest."),
        flag(
            "es",
            "<m>banner</m>\n<m>Hogar / Deportes / El Betis renueva a su entrenador</m>\n<m>Deportes</m>\n"
            "<m>Mar 3, 2022Mar 3, 2022</m>\nEl texto empieza aquí.",
        ),
        flag("es", "El alcalde habló el viernes.\n<m>Te puede interesar:  Valencia amplía el carril bici</m>"),
        flag("es", "<m>sábado, 20 de abril de 2024</m>\nEl ministro habló con la prensa."),
        flag("es", "La cumbre terminó sin acuerdo.\n<m>Portada / Internacional /</m>\n"),
        accept("es", "El ministro habló el sábado 20 de abril de 2024 con la prensa."),
        accept("es", "El tribunal dijo que este sitio web utiliza cookies sin permiso."),
        accept("es", "Leer más libros es bueno, dijo la ministra."),
        accept("es", "La fecha de la cumbre se fijó para el 3 de mayo."),
        flag("it", 'Psaki ha parlato venerdì.\n<m>Leggi anche:  La Casa Bianca presenta un nuovo piano</m>'),
        flag("it", "Il testo dell'articolo finisce qui.\n<m>Lascia un commento</m>"),
        accept("it", 'Il tribunale ha detto che questo sito utilizza cookie senza permesso.'),
        accept("it", 'Leggi anche tu il rapporto, ha detto la ministra.'),
        accept("it", 'La data del vertice è stata fissata per il 3 maggio.'),
        flag("pt", 'Psaki falou na sexta-feira.\n<m>Leia também:  Casa Branca apresenta novo plano</m>'),
        flag("pt", 'O texto do artigo termina aqui.\n<m>Deixe um comentário</m>'),
        accept("pt", 'O tribunal disse que este site utiliza cookies sem autorização.'),
        accept("pt", 'Leia também o relatório, disse a ministra.'),
        accept("pt", 'A data da cimeira foi fixada para 3 de maio.'),
    ],
)
def page_furniture(doc: Document, ctx) -> list[Issue]:
    lex = _lexicon(ctx.profile)
    text = doc.text
    low = _lowered(doc)
    runs = _alnum_runs(low)
    phrase_hits = _occurrences(low, lex.phrases, runs)
    hit_starts = [s for s, _ in phrase_hits]
    issues: list[Issue] = []
    flagged: list[Span] = []
    lines = doc.lines

    def judge(k: int) -> tuple[str, bool] | None:
        line = lines[k]
        lo = bisect.bisect_left(hit_starts, line.start)
        hi = bisect.bisect_left(hit_starts, line.end)
        inside = [h for h in phrase_hits[lo:hi] if h[1] <= line.end]
        return _judge_line(doc, line, lex, low, inside)

    skip_through = -1
    site = _site_names(ctx.article.url, ctx.profile.words("residue.generic_host_labels"))
    flagged_lines: list[int] = []
    readers: list[tuple[int, int]] = []  # (line, where it starts to address the reader)
    inline_hits = _occurrences(low, lex.inline, runs)
    pattern_hits = _pattern_hits(doc, lex, low)
    generated = sorted(s for s, _ in [*inline_hits, *pattern_hits])
    for i, line in enumerate(lines):
        if i <= skip_through:
            continue
        verdict = judge(i)
        if verdict is None:
            if _field(doc, lines, i):
                verdict = ("a page field's label and value", False)
                skip_through = i + 1
            elif _teaser_crumb(doc, lines, i, lex):
                verdict = ("navigation", False)
            elif (seen := _recurs(doc, line, ctx.article)) is not None:
                verdict = (f"a line that stands in {seen} of this site's {ctx.article.site_articles} articles", False)
            elif site and _names_its_site(doc, lines, i, site):
                verdict = ("the site's promotion of itself", False)
            else:
                at = _addresses_reader(doc, lines, i, lex)
                if at is not None and not _any_between(generated, line.start, line.end):
                    readers.append((i, at))
                continue
        kind, alone = verdict
        end = lines[skip_through].end if skip_through > i else line.end
        if skip_through > i:
            flagged_lines.append(skip_through)
        if alone:
            linked = _linked_headline(doc, lines, i, judge)
            if linked:
                end = lines[linked[-1]].end
                skip_through = linked[-1]
                flagged_lines.extend(linked)
        flagged_lines.append(i)
        flagged.append(Span(line.start, end))
        issues.append(Issue(line.start, end, f"Page furniture caught in the article: {kind}"))
    # Beside other furniture, a line that speaks to the reader is furniture; alone, or after prose on
    # its line, it may be a service line of the story ("Vous pouvez consulter le rapport en ligne").
    known, speaking = set(flagged_lines), {k for k, _ in readers}
    for k, at in readers:
        line = lines[k]
        whole = not doc.text[line.start : at].strip(_LEAD)
        sure = whole and _in_furniture_block(doc, k, known, speaking)
        if sure:
            flagged_lines.append(k)
        flagged.append(Span(at, line.end))
        message = "Page furniture caught in the article: the page speaking to its reader (a form or a prompt)"
        issues.append(Issue(at, line.end, message, tentative=not sure))
    candidates = _among_furniture(doc, sorted(flagged_lines))
    names = _name_lines(doc, ctx) if candidates else set()  # person mentions only when there is a block
    for k in (k for k in candidates if k not in names):
        line = lines[k]
        flagged.append(line)
        message = "Page furniture caught in the article: a label among the page's buttons and labels"
        issues.append(Issue(line.start, line.end, message))
    flagged.sort()
    starts = [s.start for s in flagged]  # in order, one span a line at most

    def in_flagged(pos: int) -> bool:
        k = bisect.bisect_right(starts, pos) - 1
        return k >= 0 and flagged[k].start <= pos < flagged[k].end

    spans: list[list[int]] = []  # inline phrases to the end of their sentence, neighbours merged
    for start, end in inline_hits:
        if in_flagged(start):
            continue
        limit = text.find("\n", end)
        stop = _sentence_end(text, end, len(text) if limit < 0 else limit)
        if spans and start <= spans[-1][1] + 2 and "\n" not in text[spans[-1][1] : start]:
            spans[-1][1] = max(spans[-1][1], stop)
        else:
            spans.append([start, stop])
    for start, stop in spans:
        issues.append(Issue(start, stop, "Text left by a text generator or a channel promo, not the article's"))
    for start, end in pattern_hits:
        if not in_flagged(start):
            issues.append(Issue(start, end, "Unfilled template placeholder or generator text"))
    return issues


RULES = [page_furniture]
