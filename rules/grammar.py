"""Word sequences that cannot be grammatical, as machine translation leaves them. Precision first:
only patterns that have no correct reading.

- Two finite verbs in a row: "Le gaz requis doit seraient livrés". The data lists finite forms of
  modal and auxiliary verbs that are never another part of speech (`grammar.finite`, and
  `grammar.finite_first` where fewer forms may come first: English "will", "can" are also nouns).
  Not the same word twice (a doubled word is a typo of its own), and not right after a relative
  word, where a relative clause may end on a verb and the main clause go on ("ce qui était sera").
- A person's name followed by a bare past participle and "que": "Jens Stoltenberg confirmé que",
  the auxiliary is missing (`grammar.participle_endings`, `grammar.participle_followers`,
  `grammar.participle_words` for irregular ones, `grammar.auxiliary`; languages whose past tense
  looks like a participle, as English, list none).
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator
from itertools import compress, count
from operator import itemgetter

from lint.annotate.persons import person_mentions
from lint.rule import Issue, accept, flag, rule

_GUARD_WINDOW = 3  # words before the first verb searched for a relative word


def _is_word(text: str) -> bool:
    return text[:1].isalpha()


@rule(
    "grammar.finite-verbs",
    category="garbled-grammar",
    severity="warning",
    requires=("grammar.finite",),
    description="""Two finite verbs in a row: "Le gaz requis doit seraient livrés".

Only forms of modal and auxiliary verbs that cannot be anything else are listed per language, and
never right after a relative word ("ce qui était sera").""",
    examples=[
        flag("fr", "Le gaz requis <m>doit seraient</m> livrés depuis l’Afrique du Nord."),
        flag("fr", "Les troupes <m>peuvent sont</m> prêtes à partir."),
        accept("fr", "Le gaz doit être livré depuis l’Afrique du Nord."),
        accept("fr", "Ce qui était sera encore."),
        accept("fr", "Les forces qui l’ont ont quitté la région."),
        accept("fr", "Les brigades stationnées dans l’est ont reçu de nouveaux blindés cette semaine."),
        flag("en", "The gas <m>would was</m> delivered from North Africa."),
        flag("en", "Troops <m>must are</m> ready to leave."),
        accept("en", "The gas would be delivered from North Africa."),
        accept("en", "What it does is clear."),
        accept("en", "The will of the people is clear."),
        flag("de", "Das Gas <m>muss wurden</m> aus Nordafrika geliefert."),
        flag("de", "Die Truppen <m>sollte sind</m> bereit."),
        accept("de", "Das Gas muss aus Nordafrika geliefert werden."),
        accept("de", "Er sagte, dass es so sein muss, und ging."),
        accept("de", "Was kommen wird, wird sich zeigen."),
        flag("es", "El gas <m>debe serían</m> entregados desde África del Norte."),
        flag("es", "Las tropas <m>pueden están</m> listas."),
        accept("es", "El gas debe ser entregado desde África del Norte."),
        accept("es", "Lo que puede es poco."),
        accept("es", "Las tropas pueden estar listas."),
        flag("it", 'Il gas <m>deve sarebbero</m> consegnato dal Nord Africa.'),
        flag("it", 'Le truppe <m>possono sono</m> pronte.'),
        accept("it", 'Il gas deve essere consegnato dal Nord Africa.'),
        accept("it", 'Ciò che può è poco.'),
        accept("it", "Quell'era è finita e le truppe possono essere pronte."),
        flag("pt", 'O gás <m>deve serão</m> entregue a partir do Norte de África.'),
        flag("pt", 'As tropas <m>podem estão</m> prontas.'),
        accept("pt", 'O gás deve ser entregue a partir do Norte de África.'),
        accept("pt", 'Quem pode tem de ajudar os mais pobres.'),
        accept("pt", 'O governo deve é investir mais nas escolas.'),
    ],
)
def finite_verbs(doc, ctx) -> Iterator[Issue]:
    p = ctx.profile
    second = p.words("grammar.finite")
    first = p.words("grammar.finite_first") or second
    if not second:
        return
    guards = p.words("grammar.relative_guards")
    ws, folded = doc.words, doc.folded_words
    # the rare case first, picked out in C: most words are no finite verb
    for n in compress(count(), map(second.__contains__, folded)):
        if n == 0:
            continue
        b = ws[n]
        bf = folded[n]
        a = ws[n - 1]
        af = folded[n - 1]
        if af not in first or af == bf or not b.text.islower():
            continue
        if b.start - a.end > 1 or "\n" in doc.text[a.end : b.start]:
            continue
        if any(w in guards for w in folded[max(0, n - 1 - _GUARD_WINDOW) : n - 1]):
            continue
        yield Issue(a.start, b.end, f"Two finite verbs in a row: '{a.text} {b.text}'")


@rule(
    "grammar.missing-auxiliary",
    category="garbled-grammar",
    severity="warning",
    requires=("grammar.auxiliary",),
    description="""A name followed by a bare past participle and "que": "Jens Stoltenberg confirmé que".

The auxiliary is missing ("Jens Stoltenberg a confirmé que"). Only where the participle cannot be a
past tense (not English: "Stoltenberg confirmed that" is right).""",
    examples=[
        flag("fr", "Par ailleurs, <m>Jens Stoltenberg annoncé</m> que les ministres de la Défense se "
             "réuniraient en février."),
        flag("fr", "Le secrétaire d’État <m>Antony Blinken déclaré</m> qu’il irait à Kiev."),
        accept("fr", "Jens Stoltenberg a annoncé que les ministres de la Défense se réuniraient en février."),
        accept("fr", "Jens Stoltenberg, informé que la réponse était partie, a quitté Bruxelles."),
        accept("fr", "Jens Stoltenberg dit que l’OTAN avait envoyé une réponse."),
        flag("es", "<m>Pedro Sánchez confirmado</m> que la reunión tendrá lugar."),
        flag("es", "El canciller <m>José Manuel Albares dicho</m> que España apoya a Ucrania."),
        accept("es", "Pedro Sánchez ha confirmado que la reunión tendrá lugar."),
        accept("es", "Pedro Sánchez, informado de que la reunión tendrá lugar, viajó."),
        accept("es", "Pedro Sánchez dijo que la reunión tendrá lugar."),
        flag("it", '<m>Mario Draghi confermato</m> che la riunione si terrà.'),
        flag("it", "Il ministro <m>Luigi Di Maio detto</m> che l'Italia sostiene l'Ucraina."),
        accept("it", 'Mario Draghi ha confermato che la riunione si terrà.'),
        accept("it", 'Mario Draghi, informato che la riunione si terrà, è partito.'),
        accept("it", 'Mario Draghi disse che la riunione si sarebbe tenuta.'),
    ],
)
def missing_auxiliary(doc, ctx) -> Iterator[Issue]:
    p = ctx.profile
    endings = tuple(p.words("grammar.participle_endings"))
    followers = p.words("grammar.participle_followers")
    if not followers:
        return
    irregular = p.words("grammar.participle_words")
    words = doc.words
    starts = doc.word_starts
    aux = p.get("grammar.auxiliary")
    for m in person_mentions(doc, ctx).mentions:
        if ctx.allowed(m.name):
            continue
        at = bisect.bisect_left(starts, m.end)
        after = [w for w in words[at : at + 2] if w.start < m.sentence.end]
        if len(after) < 2:
            continue
        part, conj = after[0], after[1]
        word = part.text
        if not (
            _is_word(word)
            and word.islower()
            and len(word) > 3
            and (word.endswith(endings) or word in irregular)
            and part.start - m.end <= 1
            and conj.text.casefold() in followers
            and conj.start - part.end <= 1
        ):
            continue
        suggestion = f"{m.name} {aux} {word}" if aux else None
        yield Issue(
            m.start,
            part.end,
            f"'{word}' after {m.name} lacks its auxiliary" + (f": '{suggestion}'" if suggestion else ""),
            suggestions=(suggestion,) if suggestion else (),
        )


@rule(
    "grammar.double-article",
    category="garbled-grammar",
    severity="warning",
    requires=("grammar.contracted_articles", "grammar.articles"),
    description="""A contracted article followed by another article: "a partir del el domingo".

"del", "al" (Spanish), "du", "au", "aux" (French) already contain an article; a second one written
in lowercase right after cannot be grammatical ("au Bourget" and "del País" are names).""",
    examples=[
        flag("es", "El viaje comenzará a partir <m>del el</m> domingo."),
        flag("es", "Se refirió <m>al la</m> reunión de ayer."),
        accept("es", "El viaje comenzará a partir del domingo."),
        accept("es", "Lo publicó el diario del El País de Madrid."),
        accept("es", "Habló al llegar a la reunión."),
        flag("fr", "Il a parlé <m>du le</m> projet de loi."),
        flag("fr", "Il s’est rendu <m>au la</m> réunion."),
        accept("fr", "Il a parlé du projet de loi."),
        accept("fr", "Il a décidé de le faire."),
        accept("fr", "L’avion a atterri au Bourget."),
        flag("it", 'Il viaggio comincerà a partire <m>dal il</m> lunedì.'),
        flag("it", 'Si è riferito <m>alla la</m> riunione di ieri.'),
        accept("it", 'Il viaggio comincerà a partire dal lunedì.'),
        accept("it", 'Lo ha scritto il direttore de Il Fatto Quotidiano.'),
        accept("it", "Ha parlato della riunione e l'ha definita utile."),
        flag("pt", 'A viagem começará a partir <m>do o</m> dia 3.'),
        flag("pt", 'Referiu-se <m>à a</m> reunião de ontem.'),
        accept("pt", 'A viagem começará a partir do dia 3.'),
        accept("pt", 'A entrevista foi publicada pelo diretor do O Globo.'),
        accept("pt", 'A sessão vai da uma às três da tarde.'),
    ],
)
def double_article(doc, ctx) -> Iterator[Issue]:
    p = ctx.profile
    contracted = p.words("grammar.contracted_articles")
    articles = p.words("grammar.articles")
    if not contracted or not articles:
        return
    ws = doc.words
    # a second article written in lowercase, the rarer case, picked out first (in C)
    for n in compress(count(), map(articles.__contains__, map(itemgetter(2), ws))):
        if n == 0:
            continue
        a, b = ws[n - 1], ws[n]
        if (
            a.text.casefold() in contracted
            and b.start - a.end == 1
            and doc.text[a.end] == " "
        ):
            yield Issue(a.start, b.end, f"Two articles in a row: '{a.text} {b.text}'", suggestions=(a.text,))


_OPENING = set('«“„"‘‚(')
_CLOSING = set('»”"’)')


def _prose_line_ends(doc) -> list[tuple[int, int, bool]]:
    """Each line: (start, end, whether it ends like prose, with final punctuation)."""

    def compute():
        out = []
        for line in doc.lines:
            text = doc.text[line.start : line.end].rstrip("»”\"'’)] \u00a0\u202f")
            out.append((line.start, line.end, bool(text) and text[-1] in ".!?…"))
        return out

    return doc.memo("grammar.lines", compute)


@rule(
    "grammar.spliced-capital",
    category="garbled-grammar",
    severity="warning",
    requires=("grammar.spliced_capitals",),
    description="""A function word capitalised mid-sentence: text of a link or a caption spliced in.

"Volodymyr Zhelensky In a video released on Monday", "with the Ukrainian flag On his back": a
preposition, article or pronoun written with a capital after a word (no punctuation between),
followed by a lowercase word, in a line of prose (headlines in title case are left alone), outside
quotation marks.""",
    examples=[
        flag("en", "Finnish President Alexander Stubb <m>In</m> an interview broadcast on Sunday, he ruled out "
             "any talks."),
        flag("en", "He spoke in front of the Ukrainian flag <m>On</m> his back."),
        accept("en", "In a video released on Monday, he confirmed it."),
        accept("en", "Zelensky Says He Will Stay In Kyiv"),
        accept("en", "He quoted the song “Born In the USA” at the rally."),
        flag("fr", "Le président Volodymyr Zelensky <m>Dans</m> une vidéo publiée lundi a confirmé sa présence."),
        flag("fr", "Il a parlé devant le drapeau ukrainien <m>Sur</m> son dos."),
        accept("fr", "Dans une vidéo publiée lundi, il a confirmé sa présence."),
        accept("fr", "Le journal Le Monde a publié l’information."),
        accept("fr", "Zelensky Dans Une Vidéo"),
        flag("de", "Präsident Wolodymyr Selenskyj <m>In</m> einem Video sagte er, er bleibe."),
        flag("de", "Er sprach vor der Flagge <m>Auf</m> dem Rücken."),
        accept("de", "In einem Video sagte er, er bleibe."),
        accept("de", "Er sagte, dass Sie recht haben."),
        accept("de", "Die Zeitung Die Welt berichtete darüber."),
        flag("es", "El presidente Volodímir Zelenski <m>En</m> un video publicado el lunes confirmó que seguía allí."),
        flag("es", "Habló frente a la bandera ucraniana <m>Sobre</m> su espalda."),
        accept("es", "En un video publicado el lunes, confirmó que seguía en Kiev."),
        accept("es", "El diario El País publicó la noticia."),
        accept("es", "Lo dijo el presidente del Gobierno."),
        flag("it", 'Il presidente Volodymyr Zelensky <m>In</m> un video pubblicato lunedì ha confermato di essere lì.'),
        flag("it", 'Ha parlato davanti alla bandiera ucraina <m>Su</m> cui era scritto il suo nome.'),
        accept("it", 'In un video pubblicato lunedì, ha confermato di essere a Kiev.'),
        accept("it", 'Il presidente del Senato Ignazio La Russa ha parlato.'),
        accept("it", 'Grazie a Lei per la sua disponibilità, ha detto il ministro.'),
        flag("pt", 'O presidente Volodymyr Zelensky <m>Em</m> um vídeo publicado segunda-feira confirmou que '
            'continuava lá.'),
        flag("pt", 'Falou diante da bandeira ucraniana <m>Sobre</m> a qual estava escrito o seu nome.'),
        accept("pt", 'Num vídeo publicado na segunda-feira, confirmou que continuava em Kiev.'),
        accept("pt", 'O diretor do jornal O Globo falou ontem.'),
        accept("pt", 'Sua Excelência o embaixador chegou cedo, disse o ministro.'),
    ],
)
def spliced_capital(doc, ctx) -> Iterator[Issue]:
    words = ctx.profile.get("grammar.spliced_capitals", []) or []
    if not words:
        return
    capitals = frozenset(words)  # case matters: only the capitalised forms
    lines = _prose_line_ends(doc)
    starts = [line[0] for line in lines]
    # Only a sentence holding one of these words can hold a finding: find them first, in one pass.
    found = [w.start for w in doc.words if w.text in capitals]
    for sentence in doc.sentences:
        k = bisect.bisect_left(found, sentence.start)
        if k == len(found) or found[k] >= sentence.end:
            continue
        ws = doc.words_in(sentence)
        if found[k] == ws[0].start and (k + 1 == len(found) or found[k + 1] >= sentence.end):
            continue  # the sentence's first word only, which is no finding ("Le", "The" opening it)
        depth = 0
        for n, w in enumerate(ws):
            t = w.text
            if t in _OPENING and t not in _CLOSING:
                depth += 1
            elif t in _CLOSING and t not in _OPENING:
                depth = max(0, depth - 1)
            elif t in ('"', "’") and depth:
                depth -= 1
            if t not in capitals or n == 0 or n + 1 >= len(ws) or depth:
                continue
            prev, nxt = ws[n - 1], ws[n + 1]
            if not _is_word(prev.text) or not (_is_word(nxt.text) and nxt.text[:1].islower()):
                continue
            if w.start - prev.end > 1 or "\n" in doc.text[prev.end : w.start]:
                continue
            i = bisect.bisect_right(starts, w.start) - 1
            if i < 0 or not lines[i][2]:
                continue
            yield Issue(
                w.start, w.end, f"'{t}' is capitalised in the middle of a sentence: spliced link or caption text?"
            )


RULES = [finite_verbs, missing_auxiliary, double_article, spliced_capital]
