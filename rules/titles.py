"""A title or office opening a sentence without the determiner the language needs:
"Ministre russe des affaires étrangères Sergueï Lavrov a déclaré" for "Le ministre ...".

The sentence starts with a title head (`titles.heads`, possibly after a sentence adverb of
`bare_title.lead_adverbs`: "Également secrétaire général de l’OTAN ..."); the title runs over
connectors, lowercase modifiers and the capitalised words of its complement ("du Kremlin", "des
États-Unis") up to a person's name, which must follow in the same sentence. A title then a comma is
an apposition, correct in French and Spanish ("Porte-parole du Kremlin, Dmitri Peskov a ...");
`bare_title.speaker_colon` also reports a bare title alone on a line before a colon, introducing a
quotation ("Chef de la Biélorussie :").

What a language accepts is data (`bare_title.policy` in `rules/data/<lang>/titles.toml`):
"determiner" (French, Spanish: every bare title before a name needs one), "complement" (German:
"Bundeskanzler Olaf Scholz sagte" is right, a title with a complement is not: "Sprecher des
russischen Präsidenten, Dmitri Peskow, kommentierte"), "allowed" (English: "Foreign Minister Sergei
Lavrov said" is right).

Headlines, captions, bylines, datelines and list items are never judged: a line without final
punctuation (or a colon), a line opening with a bullet, a caption word ("Photo") or a byline word.
A paragraph opening with an agency dateline ("PARIS, 26 janvier (AFP) - ") starts its sentence after
it. A place or institution word between the head and a known person's name ("Portavoz Kremlin Dmitry
Peskov") is the title's complement whose connector was lost.
The suggestion adds the determiner for the title's gender (or, for titles of both genders such as
"ministre", the person's, from the knowledge base or the given name), elided where the language
elides ("L’ambassadeur").
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from lint.annotate.persons import Lexicon, Mention, lexicon, person_mentions
from lint.document import Span, Word
from lint.rule import Issue, accept, flag, rule
from lint.script import APOSTROPHES, TITLE_END_CLOSERS

_APOSTROPHES = APOSTROPHES  # the marks of an elision (lint/data/script.toml)
_TERMINAL = ".!?…:"
_CLOSERS = TITLE_END_CLOSERS
_BULLETS = "•-*–—·▪►■◦"
# An agency dateline opening a paragraph ("PARIS, 26 janvier 2022 (AFP) - ", "Moscú, VIVA – "): a
# place of one to three capitalised words, a comma, the date or agency, a spaced dash. The sentence
# proper starts after it.
_DATELINE = re.compile(r"[^\W\d_a-zß-ÿ][\w'’.-]*(?: [^\W\d_a-zß-ÿ][\w'’.-]*){0,2},[^,.;:!?–—\n]{1,40}?\s[–—-]\s+")


def _furniture(doc, sentence: Span, profile) -> bool:
    """Is the sentence on a line that is no prose: headline, caption, byline, dateline, list item?"""
    line = doc.line_of(sentence.start)
    if line is None:
        return True
    text = doc.text[line.start : line.end]
    stripped = text.rstrip(_CLOSERS)
    if not stripped or stripped[-1] not in _TERMINAL:
        return True
    if text[0] in _BULLETS or (text[0].isdigit() and text[1:3].lstrip("0123456789")[:1] in (".", ")")):
        return True
    first = text.split(maxsplit=1)[0].strip(":").casefold()
    return first in profile.words("bare_title.caption_words")


def _after_dateline(doc, sentence: Span, ws: list[Word]) -> int:
    """The index of the sentence's first word after an agency dateline opening its line, else 0."""
    line = doc.line_of(sentence.start)
    if line is None or line.start != sentence.start:
        return 0
    m = _DATELINE.match(doc.text, sentence.start, sentence.end)
    if m is None:
        return 0
    return next((k for k, w in enumerate(ws) if w.start >= m.end()), 0)


def _name_at(ws: list[Word], k: int, lex: Lexicon, mentions: dict[int, Mention], known: bool = False) -> bool:
    """Does a person's name start at word k? With `known`, only a person the annotation found (right
    after a bare head, "General Motors" is a company)."""
    if k >= len(ws):
        return False
    w = ws[k]
    t = w.text
    if not t[:1].isupper() or not t[:1].isalpha() or (len(t) > 1 and t.isupper()):
        return False
    if w.start in mentions:
        return True
    if known or t.casefold() in lex.not_names or t.casefold() in lex.places or lex.is_head(t):
        return False
    # an unknown name: capitalised words, then a lowercase word (the verb) or a comma
    j = k
    while j < len(ws) and ws[j].text[:1].isupper() and ws[j].start - ws[j - 1].end <= 1:
        j += 1
    return j < len(ws) and (ws[j].text == "," or (ws[j].text[:1].isalpha() and ws[j].text[:1].islower()))


def _scan(
    text: str, ws: list[Word], i: int, lex: Lexicon, mentions: dict[int, Mention], complements: frozenset[str]
) -> tuple[int, int, bool, str]:
    """From the head at word i: (index after the title's last word, index where the scan stopped,
    whether the title has a complement, what stopped it: "name", "comma-name", "colon", "")."""
    n = len(ws)
    k = i + lex.head_length(ws, i)
    last = k
    complement = False

    def prev_word(at: int) -> str:
        b = at - 1
        while b > i and ws[b].text in _APOSTROPHES:
            b -= 1
        return ws[b].text.casefold()

    while k < n and k - i < 20:
        t = ws[k].text
        tf = t.casefold()
        if t in _APOSTROPHES:
            k += 1
            continue
        hl = lex.head_length(ws, k)
        if hl:
            k += hl
            last = k
            continue
        if t[:1].isupper():
            prev = prev_word(k)
            if prev in lex.connectors or prev in lex.determiners:
                # the complement of the title ("du Kremlin", "des États-Unis"), perhaps the name right after it
                j = k
                while (
                    j < n
                    and (ws[j].text[:1].isupper() or ws[j].text in _APOSTROPHES)
                    and ws[j].start - ws[j - 1].end <= 1
                ):
                    j += 1
                split = next((p for p in range(k + 1, j) if ws[p].start in mentions), None)
                if split is None and j - k >= 3:
                    split = k + 1
                complement = True
                if split is not None:
                    return split, split, complement, "name"
                k = last = j
                continue
            right_after_head = k == i + lex.head_length(ws, i)
            # "Portavoz Kremlin Dmitry Peskov": an institution or place word between the head and a
            # known person's name is the title's complement, its connector lost in translation
            j = k
            while j < n and ws[j].text.casefold() in lex.places and ws[j].start not in mentions:
                j += 1
            if right_after_head and j > k and j < n and (m := mentions.get(ws[j].start)) and m.person is not None:
                return j, j, True, "name"
            return last, k, complement, "name" if _name_at(ws, k, lex, mentions, right_after_head) else ""
        if tf in lex.connectors:
            complement = complement or tf in complements
            k += 1
            continue
        if tf in lex.determiners and prev_word(k) in lex.connectors:
            k += 1
            continue
        if lex.modifier(tf) or (t.isalpha() and prev_word(k) in lex.connectors | lex.determiners):
            k += 1
            last = k
            continue
        if t == ",":
            return last, k, complement, "comma-name" if _name_at(ws, k + 1, lex, mentions) else ""
        if t == ":" and (k == n - 1 or "\n" in text[ws[k].end : ws[k + 1].start]):
            return last, k, complement, "colon"
        break
    return last, k, complement, ""


def _gender(head: str, bt: dict, m: Mention | None, lex: Lexicon) -> str:
    h = head.casefold()
    if h in {w.casefold() for w in bt.get("feminine", [])}:
        return "f"
    epicene = {w.casefold() for w in bt.get("epicene", [])}
    suffix_f = any(h.endswith(s) for s in bt.get("feminine_suffixes", []))
    if suffix_f and h not in epicene:
        return "f"
    if h in epicene and m is not None:
        if m.person is not None and m.person.gender in ("m", "f"):
            return m.person.gender
        g = lex.gender_of_given_name(m.words[0]) if len(m.words) >= 2 else None
        if g:
            return g
    return "m"


def _with_determiner(doc, title: str, head: str, bt: dict, gender: str, initial: bool) -> str:
    dets = bt.get("determiner", {})
    det = dets.get(gender) or dets.get("m", "")
    if bt.get("lowercase_head", False):
        title = title[:1].lower() + title[1:]
    elided = dets.get("elided")
    first = title.casefold()
    if (
        elided
        and first[:1] in bt.get("elide_before", [])
        and not any(first.startswith(x) for x in bt.get("no_elision", []))
    ):
        if "’" not in doc.text and "'" in doc.text:
            elided = elided.replace("’", "'")
        out = elided + title
    else:
        out = f"{det} {title}"
    return out if initial else out[:1].lower() + out[1:]


@rule(
    "titles.bare",
    category="bare-title",
    severity="warning",
    requires=("bare_title.policy",),
    description="""A title or office starting a sentence with no determiner where the language needs one.

"Ministre russe des affaires étrangères Sergueï Lavrov a déclaré" for "Le ministre russe des Affaires
étrangères ...". Only before a person's name in the same sentence (or alone before a colon that
introduces a quotation), never in headlines, captions, bylines or lists; an apposition followed by
a comma ("Porte-parole du Kremlin, Dmitri Peskov a ...") is correct. German accepts a bare title
without complement ("Bundeskanzler Olaf Scholz sagte"); English accepts any and is not checked. After
an agency dateline ("MADRID, 3 mars (AFP) - ") the sentence starts past the dash.""",
    examples=[
        flag("fr", "<m>Ministre russe des affaires étrangères</m> Sergueï Lavrov a déclaré que la réponse arriverait."),
        flag(
            "fr",
            "Le Royaume-Uni a livré des véhicules blindés. <m>Ambassadeur par intérim du Royaume-Uni</m> Thomas "
            "Gardner a précisé que d’autres livraisons suivraient.",
        ),
        flag("fr", "Le responsable a répondu. <m>porte-parole du Kremlin</m> Dmitri Peskov a déclaré que non."),
        flag("fr", "Il parle.\n<m>Chef de la Biélorussie</m> :\n« Ils exigent tout. »"),
        accept(
            "fr",
            "Le ministre turc des Affaires étrangères Hakan Fidan s’est entretenu jeudi avec son homologue grec.",
        ),
        accept("fr", "Porte-parole du Kremlin depuis 2012, Dmitri Peskov a déclaré que non."),
        accept("fr", "Ministre russe des affaires étrangères Sergueï Lavrov en visite à Paris"),
        accept("fr", "Photo : Ministre russe des affaires étrangères Sergueï Lavrov à Moscou."),
        accept("fr", "Président de la République, Emmanuel Macron a pris la parole."),
        accept("fr", "L’ambassadrice canadienne Nathalie Bergeron a remis la lettre au ministère."),
        flag("de", "<m>Sprecher des russischen Präsidenten</m>, Dmitri Peskow, kommentierte die Lage."),
        flag("de", "Die Lage ist ernst. <m>Außenminister der Ukraine</m> Dmytro Kuleba sagte das."),
        accept("de", "Bundeskanzler Olaf Scholz sagte, die Lage sei ernst."),
        accept("de", "Der Sprecher des russischen Präsidenten, Dmitri Peskow, kommentierte die Lage."),
        accept("de", "Sprecher des russischen Präsidenten Dmitri Peskow zur Lage in Kiew"),
        accept("de", "Außenministerin wird die Grünen-Politikerin Annalena Baerbock."),
        flag("es", "<m>Portavoz del Kremlin</m> Dmitri Peskov dijo que las sanciones serían inútiles."),
        flag("es", "Hubo una reunión. <m>Secretario de Estado</m> Antony Blinken viajará a Kiev."),
        accept("es", "El portavoz del Kremlin, Dmitri Peskov, dijo que las sanciones serían inútiles."),
        accept("es", "Portavoz del Kremlin desde 2012, Dmitri Peskov dijo que no."),
        accept("es", "Ministra de Defensa Margarita Robles visita a las tropas españolas en Letonia"),
        flag("it", '<m>Portavoce del Cremlino</m> Dmitrij Peskov ha detto che le sanzioni sarebbero inutili.'),
        flag("it", "C'è stata una riunione. <m>Segretario di Stato</m> Antony Blinken andrà a Kiev."),
        accept("it", 'Il portavoce del Cremlino, Dmitrij Peskov, ha detto che le sanzioni sarebbero inutili.'),
        accept("it", 'Portavoce del Cremlino dal 2012, Dmitrij Peskov ha detto di no.'),
        accept("it", 'Il ministro degli Esteri Luigi Di Maio ha parlato a Roma.'),
        accept("it", 'Conferenza stampa della portavoce Karine Jean-Pierre'),
        flag("it", 'Gli Usa hanno inviato aiuti. <m>Ambasciatrice degli Stati Uniti</m> Kristina Kvien ha parlato.'),
        # after an agency dateline the sentence proper starts; a title whose connector was lost
        flag("fr", "GENÈVE, 10 janvier (AFP) - <m>Vice-ministre russe des Affaires étrangères</m> Sergueï Riabkov "
             "a quitté la salle."),
        flag("es", "Madrid, EFE – <m>Portavoz Kremlin</m> Dmitri Peskov negó el ataque ante la prensa."),
        accept("fr", "GENÈVE, 10 janvier (AFP) - Le vice-ministre russe des Affaires étrangères Sergueï Riabkov "
               "a quitté la salle."),
        accept("es", "Madrid, EFE – El portavoz del Kremlin, Dmitri Peskov, negó el ataque ante la prensa."),
        flag("pt", '<m>Porta-voz do Kremlin</m> Dmitry Peskov disse que as sanções seriam inúteis.'),
        flag("pt", 'Houve uma reunião. <m>Secretário de Estado</m> Antony Blinken vai a Kiev.'),
        accept("pt", 'O porta-voz do Kremlin, Dmitry Peskov, disse que as sanções seriam inúteis.'),
        accept("pt", 'Porta-voz do Kremlin desde 2012, Dmitry Peskov disse que não.'),
        accept("pt", 'O ministro dos Negócios Estrangeiros Augusto Santos Silva falou em Lisboa.'),
        accept("pt", 'Conferência de imprensa da porta-voz Karine Jean-Pierre'),
        flag("pt", 'Os EUA enviaram ajuda. <m>Embaixadora dos Estados Unidos</m> Kristina Kvien falou em '
            'Kiev.', date="2022-01-26"),
    ],
)
def bare(doc, ctx) -> Iterator[Issue]:
    p = ctx.profile
    bt = p.table("bare_title")
    policy = bt.get("policy", "allowed")
    if policy == "allowed":
        return
    lex = lexicon(ctx)
    leads = p.words("bare_title.lead_adverbs")
    # connectors that give a title a complement ("des" in "Sprecher des Präsidenten"; not "und")
    complements = p.words("bare_title.complement_connectors") or lex.connectors
    mentions = {m.start: m for m in person_mentions(doc, ctx).mentions}
    for sentence in doc.sentences:
        ws = doc.words_in(sentence)
        if len(ws) < 2:
            continue
        first = i = _after_dateline(doc, sentence, ws)  # where the sentence proper starts
        if ws[i].text.casefold() in leads and ws[i].text[:1].isupper() and i + 1 < len(ws):
            i += 1
        if not lex.head_length(ws, i) or _furniture(doc, sentence, p):
            continue
        last, stop, complement, found = _scan(doc.text, ws, i, lex, mentions, complements)
        if found == "comma-name" and bt.get("comma_apposition", True):
            continue
        if found == "colon" and not bt.get("speaker_colon", False):
            continue
        if not found or (policy == "complement" and not complement):
            continue
        end = ws[last - 1].end
        start = ws[i].start
        title = doc.text[start:end]
        name_at = stop + 1 if found == "comma-name" else stop
        person = mentions.get(ws[name_at].start) if name_at < len(ws) else None
        head = " ".join(w.text for w in ws[i : i + lex.head_length(ws, i)])
        gender = _gender(head, bt, person, lex)
        suggestion = _with_determiner(doc, title, head, bt, gender, initial=(i == first))
        yield Issue(
            start,
            end,
            f"A title opening a sentence needs a determiner: '{suggestion}'",
            suggestions=(suggestion,),
        )


RULES = [bare]
