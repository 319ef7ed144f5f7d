"""The article's date as its own text gives it, when no metadata does.

A plain file often carries its date at its top: a date stamp on a line of its own ("samedi, 20 avril
2024", "08.12.2021 19:13"), a CMS's stamp after a label ("Publié le 3 mars 2023", "Posted on March
3, 2023"), or an agency dateline opening the first paragraph ("PARIS, 26 janvier 2022 (AFP) -").
A date the story merely mentions ("le sommet du 3 mai") is none of these, and is never read. Only the
first lines are looked at, where a page puts its stamp and an agency its dateline.

Month names and stamp labels come from the profiles (`dates.months`, the twelve names first in
order, then variants; `dates.stamp_labels`), of the article's language and English.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cache

from .language import LanguageProfile, alternation, load_profile
from .text import fold_name

HEAD_LINES = 6  # a stamp or a dateline stands among the first lines of the text
# Only this much of the text is split into lines: an article's head, not a 10 MB paragraph.
_HEAD_CHARS = 4000


@dataclass(frozen=True)
class _Patterns:
    months: dict[str, int]  # folded name -> 1..12
    stamp: re.Pattern[str] | None  # a label of a publication stamp, at the start of a line
    line: re.Pattern[str]  # a line that is only a date (and a time)
    dateline: re.Pattern[str]  # "PARIS, 26 janvier 2022 (AFP)", "KYIV, March 3, 2022 -"


_NUMERIC = r"(?P<d>\d{1,2})[./](?P<m>\d{1,2})[./](?P<y>\d{4})|(?P<iy>\d{4})-(?P<im>\d{2})-(?P<id>\d{2})"


def _month_numbers(names: list[str]) -> dict[str, int]:
    """The twelve names in order, then variants and abbreviations ("Jänner", "Sept"), each taken for
    the month of the twelve it shares the longest beginning with."""
    folded = [fold_name(n).rstrip(".") for n in names]
    numbers = {name: i + 1 for i, name in enumerate(folded[:12])}
    for variant in folded[12:]:
        def shared(name: str, v: str = variant) -> int:
            return next((k for k, (a, b) in enumerate(zip(name, v)) if a != b), min(len(name), len(v)))

        best = max(folded[:12], key=shared)
        numbers.setdefault(variant, numbers[best])
    return numbers


@dataclass(frozen=True)
class DateParts:
    """Pieces of a regular expression for a date written with a month's name, from a profile's
    `dates` data. Built in one place for the dateline reader and the rules that recognise a date
    stamp, so that both read the same dates."""

    weekday: str  # an optional weekday before the date ("samedi, ")
    day_month: str  # "20 avril 2024", "3. März 2023"
    month_day: str  # "March 3, 2023"
    time: str  # an optional time after the date ("19:13", "à 10h15")


def date_parts(
    months: list[str],
    weekdays: list[str],
    date_joiners: list[str],
    time_joiners: list[str],
    year_optional: bool = False,
) -> DateParts:
    """The pieces, with named groups (wd/wm/wy, mm/md/my) that _date reads. `year_optional`: a
    stamp may give a day and month only ("20 avril")."""
    names = alternation(months)
    of = rf"(?:(?:{alternation(date_joiners)})\s+)?"
    clock = r"\d{1,2}[:h.]\d{2}(?::\d{2})?(?:\s*[ap]\.?m\.?)?(?:\s*uhr)?"
    time = rf"(?:[\s,|–-]*(?:{alternation(time_joiners)})?\s*{clock})?"
    year = rf"\s+{of}(?P<wy>\d{{4}})"
    day_month = rf"(?P<wd>\d{{1,2}})(?:er|\.)?\s+{of}(?P<wm>{names})\.?,?" + (f"(?:{year})?" if year_optional else year)
    month_day = rf"(?P<mm>{names})\.?\s+(?P<md>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<my>\d{{4}})"
    weekday = rf"(?:(?:{alternation(weekdays)})\.?,?\s+)?" if weekdays else ""
    return DateParts(weekday, day_month, month_day, time)


@cache
def _patterns(lang: str) -> _Patterns:
    profiles: list[LanguageProfile] = [load_profile(lang)] + ([load_profile("en")] if lang != "en" else [])
    months: dict[str, int] = {}
    labels: list[str] = []
    weekdays: list[str] = []
    written: list[str] = []  # the names as texts write them; `months` is keyed by their folded form
    date_joiners: list[str] = []
    time_joiners: list[str] = []
    for p in profiles:
        date_joiners += p.get("dates.date_joiners", []) or []
        time_joiners += p.get("dates.time_joiners", []) or []
        written += p.get("dates.months", []) or []
        for name, n in _month_numbers(p.get("dates.months", []) or []).items():
            months.setdefault(name, n)
        labels += p.get("dates.stamp_labels", []) or []
        weekdays += p.get("dates.weekdays", []) or []
    parts = date_parts(written, weekdays, date_joiners, time_joiners)
    weekday, time = parts.weekday, parts.time
    any_date = rf"(?:{parts.day_month}|{parts.month_day}|{_NUMERIC})"
    stamp = (
        re.compile(rf"(?:{alternation(labels)})\s*:?\s*{weekday}", re.I)
        if labels
        else None
    )
    line = re.compile(rf"{weekday}{any_date}{time}", re.I)
    # the city of a dateline starts with a capital, whatever the case of the month's name
    dateline = re.compile(rf"(?-i:[A-ZÀ-Ý])[\w'’. -]{{1,30}},\s+{weekday}{any_date}\s*(?:\(|[-–—])", re.I)
    return _Patterns(months, stamp, line, dateline)


def _date(m: re.Match[str], months: dict[str, int]) -> dt.date | None:
    g = m.groupdict()
    try:
        if g.get("wd"):
            return dt.date(int(g["wy"]), months[fold_name(g["wm"]).rstrip(".")], int(g["wd"]))
        if g.get("md"):
            return dt.date(int(g["my"]), months[fold_name(g["mm"]).rstrip(".")], int(g["md"]))
        if g.get("d"):
            return dt.date(int(g["y"]), int(g["m"]), int(g["d"]))
        if g.get("iy"):
            return dt.date(int(g["iy"]), int(g["im"]), int(g["id"]))
    except (KeyError, ValueError):  # "31.02.2022", a month name of no list
        return None
    return None


def text_date(text: str, lang: str) -> tuple[dt.date, str] | None:
    """The date the text's own stamp or dateline gives, and where ("dateline, line 3"); None if
    its first lines have neither."""
    p = _patterns(lang)
    number = 0
    for lineno, raw in enumerate(text[:_HEAD_CHARS].splitlines(), 1):
        line = raw.strip().strip("*•|")
        if not line:
            continue
        number += 1
        if number > HEAD_LINES:
            break
        for kind, pattern, whole in (("date stamp", p.line, True), ("dateline", p.dateline, False)):
            m = pattern.fullmatch(line.strip(" .")) if whole else pattern.match(line)
            if m and (found := _date(m, p.months)):
                return found, f"{kind}, line {lineno}"
        if p.stamp is not None and (m := p.stamp.match(line)):
            rest = line[m.end():]
            d = p.line.match(rest)
            if d and (found := _date(d, p.months)):
                return found, f"publication stamp, line {lineno}"
    return None
