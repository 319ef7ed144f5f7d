"""Segments left in another language or script than the article's.

Two checks, with everything about languages in the profile (`rules/data/<lang>/untranslated.toml`,
table `untranslated`, and `stopwords.toml`):

- Words in a script the language does not use (`untranslated.scripts`): Greek or Cyrillic words in a
  French text, or a word mixing scripts ("Pоutine" with a Cyrillic о). A lone letter (α, μ, π) is a
  symbol; a gloss in parentheses after a name ("Zelensky (Зеленський)") is not reported.
- A sentence, a run of sentences or a line in another language, decided by the seeded language
  detector (`lint.langid.detect`). The detector runs only on segments that a cheap test selects: the
  share of the article language's stop words (`stopwords.words`) is low (`max_stopword_share`) or
  lower than another language's (`compare_with`). URLs and short quoted names or titles of works are
  left out of the words counted; segments shorter than `min_words` are not judged, except a whole
  line of `min_words_line` words with none of the language's stop words.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from lint import langid
from lint.document import Document, Span
from lint.language import LanguageProfile, load_profile
from lint.rule import Issue, accept, flag, rule

_LETTERS = re.compile(r"[^\W\d_]+")
_TOKEN = re.compile(r"\S+")
_WORD_CHAR = re.compile(r"\w")


def _without_urls(chunk: str) -> str:
    """The chunk with URLs and e-mail addresses blanked, as `\\S*(?:://|www\\.)\\S*|\\S+@\\S+\\.\\w+`
    would blank them, token by token in linear time: that pattern tried every split of a long
    token of '@' (3,000 of them took 7 s)."""
    return _TOKEN.sub(_blank_url, chunk)


def _blank_url(m: re.Match[str]) -> str:
    tok = m.group()
    if "://" in tok or "www." in tok:
        return " "
    # an address: the last '.' followed by a word character, and the last '@' two or more before it
    last_dot = next(
        (j for j in range(len(tok) - 2, 1, -1) if tok[j] == "." and _WORD_CHAR.match(tok, j + 1)), None
    )
    if last_dot is None:
        return tok
    at = tok.rfind("@", 1, last_dot - 1)
    if at < 1:
        return tok
    end = last_dot + 1
    while end < len(tok) and _WORD_CHAR.match(tok, end):
        end += 1
    return " " + tok[end:]
_SHORT_QUOTE = re.compile(r"[«“\"„]([^«»“”\"„\n]{0,160})[»”\"“]")
_QUOTE_MARKS = re.compile('[«“"„]')
# A segment with this share of the article language's stop words is taken for that language at once.
_CLEARLY_OURS = 0.35
_QUOTED_MAX_WORDS = 8
_LOWERCASE_SHARE = 0.4
_SHORT_LINE_PROBABILITY = 0.99


@dataclass(frozen=True)
class _Settings:
    scripts: frozenset[str]
    stopwords: frozenset[str]
    others: tuple[tuple[str, frozenset[str]], ...]  # (language, its stop words)
    max_share: float
    min_words: int
    min_words_line: int
    min_probability: float


def _settings(profile: LanguageProfile) -> _Settings:
    return profile.derive(__name__, _compile)


def _compile(profile: LanguageProfile) -> _Settings:
    t = profile.table("untranslated")
    s = _Settings(
        scripts=frozenset(x.upper() for x in t.get("scripts", [])),
        stopwords=profile.words("stopwords.words"),
        others=tuple((lang, load_profile(lang).words("stopwords.words")) for lang in t.get("compare_with", [])),
        max_share=float(t.get("max_stopword_share", 0.2)),
        min_words=int(t.get("min_words", 8)),
        min_words_line=int(t.get("min_words_line", 5)),
        min_probability=float(t.get("min_probability", 0.9)),
    )
    return s


@lru_cache(maxsize=4096)
def _script(c: str) -> str:
    try:
        name = unicodedata.name(c)
    except ValueError:
        return "UNKNOWN"
    return name.split(" ", 1)[0]


# -- scripts -------------------------------------------------------------------------------------


# A letter outside the Latin blocks (Basic Latin to Latin Extended-B, Latin Extended Additional).
_NON_LATIN_LETTER = re.compile(r"[^\W\d_\x00-\u024f\u1e00-\u1eff]")


def _foreign_scripts(doc: Document, s: _Settings) -> Iterator[Issue]:
    if not s.scripts:
        return
    text = doc.text
    pos = 0
    while True:
        hit = _NON_LATIN_LETTER.search(text, pos)
        if hit is None:
            return
        if _script(hit.group()) in s.scripts:
            pos = hit.end()
            continue
        run, scripts, end = _run_at(text, hit.start(), s)
        pos = max(end, hit.end())
        if run is not None:
            names = "/".join(sorted(x.capitalize() for x in scripts))
            yield Issue(
                run.start, run.end, f"Words in {names} script in a text of this language: '{text[run.start : run.end]}'"
            )


def _foreign_word(word: str, s: _Settings) -> set[str]:
    return {sc for sc in map(_script, word) if sc not in s.scripts}


def _run_at(text: str, at: int, s: _Settings) -> tuple[Span | None, set[str], int]:
    """The run of words in a foreign script from the word holding `at` on, within its line."""
    start = at
    while start > 0 and (text[start - 1].isalpha()):
        start -= 1
    scripts: set[str] = set()
    words = 0
    end = start
    for m in _LETTERS.finditer(text, start):
        if "\n" in text[end : m.start()]:
            break
        foreign = _foreign_word(m.group(), s)
        if not foreign:
            break
        scripts |= foreign
        words += 1
        end = m.end()
    if words == 0:
        return None, scripts, at + 1
    if words == 1 and end - start == 1:
        return None, scripts, end  # a letter used as a symbol: α, μ, π
    before = text[max(0, start - 8) : start].rstrip()[-1:]
    after = text[end : end + 8].lstrip()[:1]
    if before == "(" and after == ")":
        return None, scripts, end  # a gloss of a name in its own script
    return Span(start, end), scripts, end


# -- languages -----------------------------------------------------------------------------------


def _blank_short_quote(m: re.Match[str]) -> str:
    return " " if len(_LETTERS.findall(m.group(1))) < _QUOTED_MAX_WORDS else m.group()


def _counted_words(chunk: str) -> list[str]:
    """The words of a segment that tell its language: no URLs, no short quoted names or titles."""
    if "://" in chunk or "www." in chunk or "@" in chunk:
        chunk = _without_urls(chunk)
    if _QUOTE_MARKS.search(chunk):
        chunk = _SHORT_QUOTE.sub(_blank_short_quote, chunk)
    return _LETTERS.findall(chunk)


def _share(words: list[str], stopwords: frozenset[str]) -> float:
    """The share of `words` (case-folded) that are stop words."""
    return sum(map(stopwords.__contains__, words)) / len(words) if words else 0.0


@dataclass
class _Segment:
    start: int
    end: int
    words: list[str]


def _candidates(doc: Document, s: _Settings) -> Iterator[_Segment]:
    """Runs of consecutive sentences of one line that the stop-word test does not take for the language."""
    text = doc.text
    current: _Segment | None = None
    for sent in doc.sentences:
        words = _counted_words(text[sent.start : sent.end].casefold())
        if not words:
            continue
        share = _share(words, s.stopwords)
        suspect = share < s.max_share or (
            share < _CLEARLY_OURS and any(_share(words, other) > share for _, other in s.others)
        )
        if suspect and current is not None and "\n" not in text[current.end : sent.start]:
            current.end = sent.end
            current.words.extend(words)
            continue
        if current is not None:
            yield current
        current = _Segment(sent.start, sent.end, list(words)) if suspect else None
    if current is not None:
        yield current


def _whole_line(doc: Document, seg: _Segment) -> bool:
    line = doc.line_of(seg.start)
    return line is not None and line.start == seg.start and line.end == seg.end


def _foreign_language(doc: Document, ctx, s: _Settings) -> Iterator[Issue]:
    if not s.stopwords:
        return
    text = doc.text
    known = dict(s.others)
    for seg in _candidates(doc, s):
        n = len(seg.words)
        share = _share(seg.words, s.stopwords)
        short_line = n < s.min_words
        if short_line and not (n >= s.min_words_line and share == 0 and _whole_line(doc, seg)):
            continue
        original = _counted_words(text[seg.start : seg.end])
        lowercase = sum(w[0].islower() for w in original) / max(1, len(original))
        if lowercase < _LOWERCASE_SHARE and (short_line or all(_share(seg.words, w) <= share for w in known.values())):
            # Whatever the detector said, the tests below would drop it: a language compared with
            # needs more of its stop words than the article's, any other more lowercase words. The
            # detector is most of this rule's time, and this is most name-dense text.
            continue
        lang, prob = langid.detect(" ".join(original), unless=ctx.lang)
        lang = lang.split("-")[0]
        if lang in ("und", ctx.lang) or prob < (_SHORT_LINE_PROBABILITY if short_line else s.min_probability):
            continue
        if lang in known and not short_line:
            if _share(seg.words, known[lang]) <= share:
                continue  # the detector's language has no more of its stop words here than the article's
        elif lowercase < _LOWERCASE_SHARE:
            continue  # names and titles, not a text
        yield Issue(
            seg.start,
            seg.end,
            f"This {'line' if short_line else 'passage'} seems to be in another language ({lang}) than the "
            f"article ({ctx.lang}): left untranslated?",
            evidence={"detected": lang, "probability": round(prob, 3)},
        )


@rule(
    "language.untranslated",
    category="untranslated-segment",
    requires=("stopwords.words", "untranslated"),
    description="""A passage or words left in another language or script than the article's.

A sentence, run of sentences or line in another language (the language detector decides, run only
on segments with few of the article language's stop words), and words in another script (Greek or
Cyrillic words in a French text). Short lines, quoted names, titles, URLs and lone symbols (α, μ)
are left alone.""",
    examples=[
        flag(
            "fr",
            "La ministre s’est exprimée jeudi à Lyon devant les élus.\n<m>Our farmers cannot wait another "
            "season for the border to reopen, and the government must act before the harvest.</m>",
        ),
        flag("fr", "Il a cité le journal <m>Καθημερινή</m> dans son discours."),
        flag("fr", "Il a ajouté que rien n’était décidé.\n<m>« Twitter lover. Congenial writer. Award-winning thi</m>"),
        accept("fr", "Il a lu « The Old Man and the Sea » et cité le « Wall Street Journal » à Paris."),
        accept("fr", "Le variant α et la constante π ; le président (Володимир Зеленський) a parlé."),
        accept("fr", "Emmanuel Macron, Olaf Scholz, Joe Biden\nLe sommet a commencé lundi à Bruxelles."),
        flag(
            "en",
            "The minister spoke in Paris on Tuesday.\n<m>Nous sommes prêts à écouter les préoccupations de la "
            "Russie, mais nous ne transigerons pas sur les principes.</m>",
        ),
        flag("en", "The party <m>Единая Россия</m> won the vote."),
        accept("en", "He quoted the paper « Le Monde » and the motto “Liberté, égalité, fraternité” in Paris."),
        accept("en", "The α variant spread quickly, officials said on Monday."),
        accept("en", "Visit https://www.example.com/nous-sommes-prets-a-ecouter for the full statement."),
        flag(
            "de",
            "Die Ministerin sprach am Donnerstag in Hamburg.\n<m>Our farmers cannot wait another season for "
            "the border to reopen, and the government must act before the harvest.</m>",
        ),
        flag("de", "Die Zeitung <m>Известия</m> berichtete darüber."),
        accept("de", "Er zitierte den „Wall Street Journal“ und die Serie „The Crown“ in Berlin."),
        accept("de", "Die Konstante π und der Wert μ wurden berechnet."),
        accept("de", "Olaf Scholz, Emmanuel Macron, Joe Biden\nDas Treffen begann am Montag."),
        flag(
            "es",
            "La ministra habló el jueves en Sevilla.\n<m>Our farmers cannot wait another season for the "
            "border to reopen, and the government must act before the harvest.</m>",
        ),
        flag("es", "El diario <m>Коммерсантъ</m> publicó la noticia."),
        accept("es", "Citó al diario «The New York Times» y la serie «The Crown» en Madrid."),
        accept("es", "La variante α se extendió, dijeron las autoridades."),
        accept("es", "Karine Jean-Pierre, Jen Psaki, Joe Biden\nLa reunión empezó el lunes."),
        flag("it", 'Ha parlato a Parigi.\n<m>The security of Ukraine is linked to that of its neighbors.</m>'),
        flag("it", 'Il quotidiano <m>Коммерсантъ</m> ha pubblicato la notizia.'),
        accept("it", 'Ha citato il «New York Times» e la serie «The Crown» a Roma.'),
        accept("it", 'La variante α si è diffusa, hanno detto le autorità.'),
        accept("it", 'Karine Jean-Pierre, Jen Psaki, Joe Biden\nLa riunione è iniziata lunedì.'),
        flag("pt", 'Falou em Paris.\n<m>The security of Ukraine is linked to that of its neighbors.</m>'),
        flag("pt", 'O diário <m>Коммерсантъ</m> publicou a notícia.'),
        accept("pt", 'Citou o «New York Times» e a série «The Crown» em Lisboa.'),
        accept("pt", 'A variante α espalhou-se, disseram as autoridades.'),
        accept("pt", 'Karine Jean-Pierre, Jen Psaki, Joe Biden\nA reunião começou na segunda-feira.'),
    ],
)
def untranslated(doc: Document, ctx) -> list[Issue]:
    s = _settings(ctx.profile)
    return [*_foreign_scripts(doc, s), *_foreign_language(doc, ctx, s)]


RULES = [untranslated]
