"""Defects injected into a composed article (bench/corpus.py), each recorded with its category and span.

The categories are those of the JSON report (`/work/shared/eval/README.md`, `lint.rule.BUILTIN_CATEGORIES`):

- name-misspelling: a known person's surname (the embedded KB's form for the article's language)
  edited the way hurried typing or a bad transliteration edits it: a letter dropped, two swapped, one
  doubled, a vowel changed ("Blinken" -> "Blnken", "Bilnken", "Blinkken", "Blinkan").
- given-name-translated: a known person's given name replaced by another language's equivalent from
  the given-name tables of rules/data ("John Kirby" -> "Jean Kirby").
- doubled-subject: a sentence naming a known person of the article then repeating them by a pronoun
  of their gender ("Jens Stoltenberg il a déclaré ...").
- quote-mismatch: the closing mark of a quotation replaced by the opening one (« ... « , a-t-il dit).
- duplicate-paragraph: a photo caption printed twice in a row.

A span is [start, end) in code points of the article's text (offsets are kept per paragraph
while injecting and made absolute at the end); a finding of the same category that
overlaps it finds it. Each paragraph takes at most one defect, so spans never move each other.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from random import Random
from typing import Any

CATEGORIES = ("name-misspelling", "given-name-translated", "doubled-subject", "quote-mismatch", "duplicate-paragraph")
_VOWELS = "aeiou"
_MIN_SURNAME = 5  # shorter surnames edited once are often another real name
_MIN_TRANSLATION_EDITS = 3
_NAME_WORD = re.compile(r"[A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ]+(?:-[A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ]+)?")  # "Jean-Yves", not "III"

# Per language: a sentence with a doubled subject, the pronouns by gender, quotation marks, a caption.
_DOUBLED = {
    "fr": "{name} {pronoun} a déclaré jeudi que les discussions se poursuivraient la semaine prochaine.",
    "en": "{name} {pronoun} said on Thursday that the talks would continue next week.",
    "de": "{name} {pronoun} sagte am Donnerstag, die Gespräche würden in der kommenden Woche fortgesetzt.",
    "es": "{name} {pronoun} dijo el jueves que las conversaciones continuarían la próxima semana.",
}
_PRONOUNS = {"fr": ("il", "elle"), "en": ("he", "she"), "de": ("er", "sie"), "es": ("él", "ella")}
_QUOTES = {"fr": ("«", "»"), "en": ("“", "”"), "de": ("„", "“"), "es": ("«", "»")}
_CAPTION = {
    "fr": "{name}, le {day} {month} à {city}. Photo : {agency}",
    "en": "{name} in {city} on {month} {day}. Photo: {agency}",
    "de": "{name} am {day}. {month} in {city}. Foto: {agency}",
    "es": "{name} en {city}, el {day} de {month}. Foto: {agency}",
}
_MONTHS = {
    "fr": ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "septembre", "octobre", "novembre"),
    "en": ("January", "February", "March", "April", "May", "June", "July", "September", "October", "November"),
    "de": ("Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "September", "Oktober", "November"),
    "es": ("enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "septiembre", "octubre", "noviembre"),
}
_CITIES = ("Bruxelles", "Genève", "Varsovie", "Kiev", "Berlin", "Madrid", "Washington", "Vilnius", "Rome", "Londres")
_CITIES_BY_LANG = {
    "en": ("Brussels", "Geneva", "Warsaw", "Kyiv", "Berlin", "Madrid", "Washington", "Vilnius", "Rome", "London"),
    "de": ("Brüssel", "Genf", "Warschau", "Kiew", "Berlin", "Madrid", "Washington", "Vilnius", "Rom", "London"),
    "es": ("Bruselas", "Ginebra", "Varsovia", "Kiev", "Berlín", "Madrid", "Washington", "Vilna", "Roma", "Londres"),
}
_AGENCIES = ("AFP", "Reuters", "AP", "EPA", "dpa", "EFE", "ANSA")


@dataclass(frozen=True)
class Name:
    text: str  # as the KB writes it in the language
    given: str
    surname: str
    gender: str | None
    own_given: frozenset[str]  # folded first words of all the person's names: none of them is a translation


def fold(word: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", word.casefold()) if not unicodedata.combining(c))


@cache
def names(lang: str) -> tuple[Name, ...]:
    """The embedded KB's people as the language writes them: given name first, surname last, Latin letters."""
    from lint.knowledge.embedded import load

    out = {}
    for p in load().people:
        if p.family_first or p.surname_override:
            continue
        text = p.name(lang)
        words = text.split()
        if len(words) != 2 or not all(_NAME_WORD.fullmatch(w) for w in words):
            continue
        own = frozenset(fold(n.split()[0]) for n in p.all_names())
        out[text] = Name(text, words[0], words[1], p.gender, own)
    return tuple(out[k] for k in sorted(out))


@cache
def _surnames() -> frozenset[str]:
    """Every surname and name word the KB knows, in any language: an edit must not make another real name."""
    from lint.knowledge.embedded import load

    return frozenset(fold(w) for p in load().people for n in p.all_names() for w in n.split())


@cache
def _finder(lang: str) -> tuple[re.Pattern[str], dict[str, Name]]:
    table = {n.text: n for n in names(lang)}
    alternation = "|".join(re.escape(t) for t in sorted(table, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{alternation})(?![\w-])"), table


def known_names(text: str, lang: str) -> list[tuple[int, int, Name]]:
    """(start, end, name) of each KB person written in full in `text` as the language writes them."""
    pattern, table = _finder(lang)
    return [(m.start(), m.end(), table[m.group()]) for m in pattern.finditer(text)]


@cache
def _given_groups() -> dict[str, tuple[str, ...]]:
    """folded given name -> the forms (as written) of every group it belongs to, across the languages."""
    from lint.language import available_languages, load_profile

    groups: dict[str, set[str]] = {}
    for lang in available_languages():
        profile = load_profile(lang)
        for table in ("given_names", "given_name_equivalents"):
            for key, forms in profile.table(table).items():
                if isinstance(forms, list):
                    groups.setdefault(key, set()).update(f for f in forms if isinstance(f, str))
    by_form: dict[str, set[str]] = {}
    for forms in groups.values():
        for f in forms:
            by_form.setdefault(fold(f), set()).update(forms)
    return {k: tuple(sorted(v)) for k, v in by_form.items()}


# -- the edits ------------------------------------------------------------------------------------


def misspell(word: str, rng: Random) -> tuple[str, str] | None:
    """`word` with one realistic edit and the edit's kind; never the first letter, never another known name."""
    edits: list[tuple[str, Callable[[], str]]] = []
    for j in range(1, len(word) - 1):
        edits.append(("dropped", lambda j=j: word[:j] + word[j + 1 :]))
        if word[j] != word[j + 1] and j + 1 < len(word) - 1:
            edits.append(("swapped", lambda j=j: word[:j] + word[j + 1] + word[j] + word[j + 2 :]))
        if word[j].lower() not in _VOWELS and word[j].isalpha():
            edits.append(("doubled", lambda j=j: word[: j + 1] + word[j] + word[j + 1 :]))
        if word[j] in _VOWELS:
            other = rng.choice([v for v in _VOWELS if v != word[j]])
            edits.append(("vowel", lambda j=j, v=other: word[:j] + v + word[j + 1 :]))
    # one kind first, then one place: each kind as likely whatever the word's letters
    kinds = sorted({k for k, _ in edits})
    rng.shuffle(kinds)
    for kind in kinds:
        options = [e for k, e in edits if k == kind]
        rng.shuffle(options)
        for edit in options:
            new = edit()
            if new != word and fold(new) not in _surnames():
                return new, kind
    return None


def _distance(a: str, b: str) -> int:
    row = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        prev, row[0] = row[0], i
        for j, cb in enumerate(b, 1):
            prev, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, prev + (ca != cb))
    return row[-1]


def _translation(name: Name, rng: Random) -> str | None:
    """Another language's form of the given name, far enough from it to be a translation ("Jean" for
    John), not a spelling of the same name ("Sergei" for Sergej is a transliteration, a misspelling)."""
    own = fold(name.given)
    forms = [f for f in _given_groups().get(own, ()) if " " not in f and "-" not in f]
    forms = [f for f in forms if _distance(fold(f), own) >= _MIN_TRANSLATION_EDITS and fold(f) not in name.own_given]
    return rng.choice(forms) if forms else None


# -- injectors: each changes one paragraph (or adds one) and returns the defect, or None ---------


def _free(article: Any, used: set[int], rng: Random) -> list[int]:
    free = [i for i in range(len(article.paragraphs)) if i not in used]
    rng.shuffle(free)
    return free


def _name_defect(article: Any, used: set[int], rng: Random, category: str) -> dict | None:
    for i in _free(article, used, rng):
        para = article.paragraphs[i]
        found = known_names(para, article.lang)
        rng.shuffle(found)
        for start, end, name in found:
            if category == "name-misspelling":
                if len(name.surname) < _MIN_SURNAME:
                    continue
                edited = misspell(name.surname, rng)
                if not edited:
                    continue
                word, how = edited
                written = f"{name.given} {word}"
            else:
                word = _translation(name, rng) or ""
                written, how = f"{word} {name.surname}", "translated"
                if not word:
                    continue
            article.paragraphs[i] = para[:start] + written + para[end:]
            used.add(i)
            return {"category": category, "para": i, "start": start, "end": start + len(written), "text": written,
                    "original": name.text, "word": word, "edit": how}
    return None


def _people_of(article: Any) -> list[Name]:
    seen = {n.text: n for p in article.paragraphs for _, _, n in known_names(p, article.lang) if n.gender}
    return [seen[k] for k in sorted(seen)]


def _doubled_subject(article: Any, used: set[int], rng: Random) -> dict | None:
    people = _people_of(article) or [n for n in names(article.lang) if n.gender]
    name = rng.choice(people)
    pronoun = _PRONOUNS[article.lang][name.gender == "f"]
    sentence = _DOUBLED[article.lang].format(name=name.text, pronoun=pronoun)
    i = _free(article, used, rng)[0]
    article.paragraphs[i] = article.paragraphs[i] + " " + sentence
    used.add(i)
    at = len(article.paragraphs[i]) - len(sentence)
    end = at + len(name.text) + 1 + len(pronoun)
    return {"category": "doubled-subject", "para": i, "start": at, "end": end, "text": sentence[: end - at]}


def _quote_mismatch(article: Any, used: set[int], rng: Random) -> dict | None:
    opening, closing = _QUOTES[article.lang]
    quoted = re.compile(re.escape(opening) + f"[^{re.escape(opening + closing)}\n]{{3,300}}" + re.escape(closing))
    for i in _free(article, used, rng):
        para = article.paragraphs[i]
        found = list(quoted.finditer(para))
        if not found:
            continue
        m = rng.choice(found)
        article.paragraphs[i] = para[: m.end() - 1] + opening + para[m.end() :]
        used.add(i)
        return {"category": "quote-mismatch", "para": i, "start": m.end() - 1, "end": m.end(), "text": opening}
    return None


def _duplicate_caption(article: Any, used: set[int], rng: Random) -> dict | None:
    people = _people_of(article) or list(names(article.lang))
    caption = _CAPTION[article.lang].format(
        name=rng.choice(people).text,
        day=rng.randint(2, 28),
        month=rng.choice(_MONTHS[article.lang]),
        city=rng.choice(_CITIES_BY_LANG.get(article.lang, _CITIES)),
        agency=rng.choice(_AGENCIES),
    )
    # after a paragraph, as a page lays a photo between two; never first (the headline's place)
    i = rng.randint(1, len(article.paragraphs))
    article.paragraphs.insert(i, caption + "\n" + caption)
    # the paragraphs after it moved down one: so do the defects injected there before
    shifted = {j + 1 if j >= i else j for j in used}
    used.clear()
    used.update(shifted)
    used.add(i)
    for d in article.defects:
        d["para"] += d["para"] >= i
    at = len(caption) + 1
    return {"category": "duplicate-paragraph", "para": i, "start": at, "end": at + len(caption), "text": caption}


_INJECTORS: dict[str, Callable[[Any, set[int], Random], dict | None]] = {
    "name-misspelling": lambda a, u, r: _name_defect(a, u, r, "name-misspelling"),
    "given-name-translated": lambda a, u, r: _name_defect(a, u, r, "given-name-translated"),
    "doubled-subject": _doubled_subject,
    "quote-mismatch": _quote_mismatch,
    "duplicate-paragraph": _duplicate_caption,
}


def inject(article: Any, rng: Random, count: int) -> None:
    """Inject up to `count` defects of different categories into `article` (its `defects` list gets them)."""
    used: set[int] = set()
    for category in rng.sample(CATEGORIES, len(CATEGORIES)):
        if len(article.defects) >= count or len(used) >= len(article.paragraphs) - 1:
            break
        defect = _INJECTORS[category](article, used, rng)
        if defect is not None:
            article.defects.append(defect)
    # offsets in the paragraph become offsets in the text only now: a later edit may have changed the
    # length of an earlier paragraph
    for d in article.defects:
        at = article.offset_of(d.pop("para"))
        d["start"] += at
        d["end"] += at
    article.defects.sort(key=lambda d: d["start"])
