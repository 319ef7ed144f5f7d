"""Generated author biographies of content farms, kept in the article by the scraper.

"Expert en café. Fier fan de voyages. Pionnier des médias sociaux. Ninja de la culture pop." is
the translation of a template ("Coffee expert. Proud travel fan. Social media pioneer. Pop culture
ninja.") that content farms put under the article. The rule recognises the pattern, not a string:
a run of at least three very short fragments (one to five words, each ending with a full stop, the
last one possibly cut off) with no verb or subject pronoun (`boilerplate.clause_words`), not
starting with a determiner (`boilerplate.determiners`), most of which hold a self-description word
(`boilerplate.words`: expert, fan, pioneer, ninja, nerd, proud...). In German, where these words
end compounds ("Reisefan", "Kaffee-Experte"), `boilerplate.compounds` makes a word ending in one
of them count. `boilerplate.also_languages` names languages whose templates are also recognised
(content farms often leave them in English).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from lint.document import Document
from lint.language import LanguageProfile, load_profile
from lint.rule import Issue, accept, flag, rule
from lint.text import LETTER_WORD

_SEGMENT = re.compile(r"[^.!?…]+(?:[.!?…]+|$)")
_WORD = LETTER_WORD
_MAX_WORDS = 5
_MIN_RUN = 3
_MIN_SHARE = 0.6


@dataclass(frozen=True)
class _Vocabulary:
    words: frozenset[str]
    suffixes: tuple[str, ...]  # for compounds; empty where the language writes separate words
    clause_words: frozenset[str]
    determiners: frozenset[str]


def _vocabulary(profile: LanguageProfile) -> _Vocabulary:
    return profile.derive(__name__, _compile)


def _compile(profile: LanguageProfile) -> _Vocabulary:
    # Templates are often left in English: `boilerplate.also_languages` adds their vocabulary.
    profiles = [profile, *(load_profile(lang) for lang in profile.get("boilerplate.also_languages", []))]
    words = frozenset().union(*(p.words("boilerplate.words") for p in profiles))
    compounds = bool(profile.get("boilerplate.compounds", False))
    vocab = _Vocabulary(
        words=words,
        suffixes=tuple(sorted(w for w in profile.words("boilerplate.words") if len(w) >= 3)) if compounds else (),
        clause_words=frozenset().union(*(p.words("boilerplate.clause_words") for p in profiles)),
        determiners=frozenset().union(*(p.words("boilerplate.determiners") for p in profiles)),
    )
    return vocab


@dataclass
class _Fragment:
    start: int
    end: int
    bio_like: bool
    has_bio_word: bool


def _is_bio_word(word: str, vocab: _Vocabulary) -> bool:
    if word in vocab.words or any(part in vocab.words for part in word.split("-")):
        return True
    return bool(vocab.suffixes) and word.endswith(vocab.suffixes)


def _fragments(text: str, start: int, end: int, vocab: _Vocabulary) -> Iterator[_Fragment]:
    for m in _SEGMENT.finditer(text, start, end):
        words = [(w.start(), w.end(), w.group().casefold()) for w in _WORD.finditer(text, m.start(), m.end())]
        if not words:
            continue
        folded = [w for _, _, w in words]
        bio_like = (
            len(words) <= _MAX_WORDS
            and not any(w in vocab.clause_words for w in folded)
            and folded[0] not in vocab.determiners
        )
        yield _Fragment(
            start=words[0][0],
            end=min(m.end(), end) if m.group().rstrip()[-1:] in ".!?…" else words[-1][1],
            bio_like=bio_like,
            has_bio_word=bio_like and any(_is_bio_word(w, vocab) for w in folded),
        )


_PIECES = re.compile(r"[.!?…]+")
# A fragment of such a biography is at most five words: at most this many characters.
_MAX_FRAGMENT_CHARS = 60


def _may_hold_a_bio(chunk: str) -> bool:
    """A cheap test: does the line have three short pieces in a row between final marks?"""
    if chunk.count(".") + chunk.count("!") + chunk.count("?") < _MIN_RUN - 1:
        return False
    run = 0
    for piece in _PIECES.split(chunk):
        run = run + 1 if 0 < len(piece.strip()) <= _MAX_FRAGMENT_CHARS else 0
        if run >= _MIN_RUN:
            return True
    return False


def _runs(fragments: list[_Fragment]) -> Iterator[list[_Fragment]]:
    run: list[_Fragment] = []
    for frag in fragments:
        if frag.bio_like:
            run.append(frag)
            continue
        if run:
            yield run
        run = []
    if run:
        yield run


@rule(
    "boilerplate.author-bio",
    removes=True,
    category="boilerplate-bio",
    requires=("boilerplate.words",),
    description="""A generated author biography of a content farm left in the article.

A run of three or more very short verbless fragments, most of them self-descriptions ("Expert en
café. Fier fan de voyages. Pionnier des médias sociaux. Ninja de la culture pop."), is the
translation of a template that content farms put under their articles.""",
    examples=[
        flag(
            "fr",
            'Margaux Delorme\n\n"<m>Amatrice de bière. Passionnée de télévision. Spécialiste des réseaux sociaux. '
            'Gourou de la musique. Lectrice invétérée.</m>"',
        ),
        flag("fr", "« <m>Penseur invétéré. Écrivain. Explorateur. Accro à la télévision. Nerd de la bière.</m> »"),
        accept("fr", "Des experts. Des fans. Des curieux. Tous étaient venus voir la fusée."),
        accept("fr", "Il est expert en café. Il est fan de voyages. Il est pionnier des réseaux."),
        accept("fr", "Sport. Culture. Économie. Les rubriques du journal ont changé."),
        flag("fr", "Il a ajouté que rien n’était décidé.\n« <m>Twitter lover. Congenial writer. Award-winning thi</m>"),
        flag("en", "<m>Coffee expert. Proud travel fan. Social media pioneer. Pop culture ninja. Zombie fanatic.</m>"),
        flag("en", "« <m>Twitter lover. Congenial writer. Award-winning thi</m>"),
        accept("en", "The experts. The fans. The critics. All of them were wrong about the launch."),
        accept("en", "Sports. Politics. Weather. The newsletter covers everything."),
        accept("en", "He is a coffee expert. She is a proud travel fan. They are pioneers."),
        flag("de", "<m>Kaffee-Experte. Stolzer Reisefan. Social-Media-Pionier. Popkultur-Ninja. Zombie-Fanatiker.</m>"),
        flag("de", "<m>Musik-Nerd. Bier-Liebhaber. Internet-Guru.</m>"),
        accept("de", "Die Experten. Die Fans. Die Kritiker. Alle lagen falsch."),
        accept("de", "Er ist Kaffee-Experte. Sie ist Reisefan. Wir sind Pioniere."),
        accept("de", "Sport. Politik. Wetter. Der Newsletter deckt alles ab."),
        flag(
            "es",
            "<m>Experto en café. Orgulloso fan de los viajes. Pionero de las redes sociales. "
            "Ninja de la cultura pop.</m>",
        ),
        flag("es", "<m>Amante de Twitter. Escritor. Fanático de la música.</m>"),
        accept("es", "Los expertos. Los aficionados. Los críticos. Todos se equivocaron."),
        accept("es", "Es experto en café. Es fan de los viajes. Es pionero."),
        accept("es", "Deportes. Política. Tiempo. El boletín lo cubre todo."),
        flag("it", '<m>Esperto di caffè. Orgoglioso fan dei viaggi. Pioniere dei social media.</m>'),
        flag("it", '<m>Amante di Twitter. Scrittore. Fanatico della musica.</m>'),
        accept("it", 'Gli esperti. Gli appassionati. I critici. Tutti si sono sbagliati.'),
        accept("it", 'È esperto di caffè. È fan dei viaggi. È un pioniere.'),
        flag("pt", '<m>Especialista em café. Orgulhoso fã de viagens. Pioneiro das redes sociais.</m>'),
        flag("pt", '<m>Amante de música. Escritor. Fanático por futebol.</m>'),
        accept("pt", 'Os especialistas. Os adeptos. Os críticos. Todos se enganaram.'),
        accept("pt", 'É especialista em café. É fã de viagens. É um pioneiro.'),
    ],
)
def author_bio(doc: Document, ctx) -> list[Issue]:
    vocab = _vocabulary(ctx.profile)
    if not vocab.words:
        return []
    issues: list[Issue] = []
    text = doc.text
    for line in doc.lines:
        if not _may_hold_a_bio(text[line.start : line.end]):
            continue
        for run in _runs(list(_fragments(text, line.start, line.end, vocab))):
            with_word = sum(f.has_bio_word for f in run)
            if len(run) < _MIN_RUN or with_word < _MIN_RUN or with_word < _MIN_SHARE * len(run):
                continue
            shown = text[run[0].start : run[min(1, len(run) - 1)].end]
            issues.append(
                Issue(
                    run[0].start,
                    run[-1].end,
                    f"Generated author biography of a content farm ({len(run)} self-descriptions: '{shown} …')",
                    evidence={"fragments": len(run), "self_descriptions": with_word},
                )
            )
    return issues


RULES = [author_bio]
