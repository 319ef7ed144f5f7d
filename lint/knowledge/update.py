"""`newslint kb update`: rebuild the embedded snapshot's people files from Wikidata.

For every person a file lists (found by `qid` when it has one, else by its English Wikipedia title,
redirects followed) and every person given with `--add` (a QID, or an English Wikipedia title read
through wikipedia-api), Wikidata's names, gender and the offices that map to role keys replace the
file's; what Wikidata lacks is kept (a language with no sitelink or label, an office Wikidata does
not have, an end date it has not recorded, `to`, `acting`, `surname`, `family_first`, aliases).
People whose entry did not change keep their text byte for byte, comments included; files are
written atomically (a temporary file renamed over the old one) after a check that they parse back.
"""

from __future__ import annotations

import datetime as dt
import re
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from ..files import write_atomic
from ..text import fold_name
from .model import _bounds
from .wikiclient import Unavailable, strip_qualifier
from .wikipedia import GENDERS, HUMAN, WikipediaKnowledge, map_offices, unmapped_positions

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

LANGS = ("en", "fr", "de", "es", "it", "pt")
SITES = tuple(f"{code}wiki" for code in LANGS)
PERSON_KEYS = ("id", "qid", "gender", "names", "aliases", "exonyms", "surname", "family_first", "offices")
OFFICE_KEYS = ("role", "of", "to", "start", "end", "acting")
FIRST_YEAR = "2015"  # offices that ended before this are not added (FORMAT.md)
_QID = re.compile(r"Q[1-9]\d*")
_HEADER = re.compile(r"^\[\[person\]\][ \t]*(?:#.*)?$", re.M)
_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")


class UpdateError(Exception):
    """The update could not be done; nothing was written."""


# -- a tiny TOML writer for the flat format of FORMAT.md ------------------------------------------
def toml_string(s: str) -> str:
    out = ['"']
    for ch in s:
        if ch == '"':
            out.append('\\"')
        elif ch == "\\":
            out.append("\\\\")
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append("\\t")
        elif ch == "\r":
            out.append("\\r")
        elif ord(ch) < 0x20 or ch == "\x7f":
            out.append(f"\\u{ord(ch):04X}")
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def toml_key(key: str) -> str:
    return key if _BARE_KEY.fullmatch(key) else toml_string(key)


def toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, str):
        return toml_string(value)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    if isinstance(value, dict):
        if not value:
            return "{}"
        return "{ " + ", ".join(f"{toml_key(str(k))} = {toml_value(v)}" for k, v in value.items()) + " }"
    raise TypeError(f"cannot write {type(value).__name__} as TOML")


def render_person(raw: dict[str, Any]) -> str:
    """One `[[person]]` table in the layout of the snapshot files."""
    lines = ["[[person]]"]
    keys = [k for k in PERSON_KEYS if k in raw] + [k for k in raw if k not in PERSON_KEYS]
    for key in keys:
        value = raw[key]
        if key == "offices":
            if not value:
                lines.append("offices = []")
                continue
            lines.append("offices = [")
            for office in value:
                ordered = {k: office[k] for k in OFFICE_KEYS if k in office}
                ordered.update({k: v for k, v in office.items() if k not in OFFICE_KEYS})
                lines.append(f"  {toml_value(ordered)},")
            lines.append("]")
        elif key == "names":
            ordered = {k: value[k] for k in LANGS if k in value}
            ordered.update({k: v for k, v in value.items() if k not in LANGS})
            lines.append(f"names = {toml_value(ordered)}")
        else:
            lines.append(f"{toml_key(key)} = {toml_value(value)}")
    return "\n".join(lines) + "\n"


# -- the people files, kept as text around the parts that change -----------------------------------
@dataclass
class Block:
    body: str  # from "[[person]]" to the last line of the entry
    trailer: str  # comments and blank lines after it (section headings of the file)
    raw: dict[str, Any]
    new: dict[str, Any] | None = None

    def text(self) -> str:
        if self.new is None or self.new == self.raw:
            body = self.body if self.body.endswith("\n") else self.body + "\n"
        else:
            body = render_person(self.new)
        return body + self.trailer


@dataclass
class PeopleFile:
    path: Path
    original: str
    prefix: str
    blocks: list[Block]
    added: list[dict[str, Any]] = field(default_factory=list)

    @classmethod
    def read(cls, path: Path) -> PeopleFile:
        try:
            text = path.read_text(encoding="utf-8") if path.exists() else ""
            tomllib.loads(text)
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
            raise UpdateError(f"{path}: cannot read: {exc}") from None
        starts = [m.start() for m in _HEADER.finditer(text)]
        prefix = text[: starts[0]] if starts else text
        blocks = []
        for i, start in enumerate(starts):
            chunk = text[start : starts[i + 1] if i + 1 < len(starts) else len(text)]
            lines = chunk.splitlines(keepends=True)
            k = len(lines)
            while k > 1 and (not lines[k - 1].strip() or lines[k - 1].lstrip().startswith("#")):
                k -= 1
            body, trailer = "".join(lines[:k]), "".join(lines[k:])
            try:
                raw = tomllib.loads(body)["person"][0]
            except (tomllib.TOMLDecodeError, KeyError, IndexError) as exc:
                raise UpdateError(f"{path}: cannot read the entry at offset {start}: {exc}") from None
            blocks.append(Block(body, trailer, raw))
        return cls(path, text, prefix, blocks)

    def render(self) -> str:
        text = self.prefix + "".join(b.text() for b in self.blocks)
        for raw in self.added:
            if text and not text.endswith("\n\n"):
                text += "\n" if text.endswith("\n") else "\n\n"
            text += render_person(raw)
        return text

    def write(self) -> bool:
        """Write the file if it changed, atomically; True if it was written."""
        text = self.render()
        if text == self.original:
            return False
        expected = len(self.blocks) + len(self.added)
        try:
            got = len(tomllib.loads(text).get("person", []))
        except tomllib.TOMLDecodeError as exc:  # a bug in the writer: never replace a good file with it
            raise UpdateError(f"{self.path}: the rebuilt file does not parse ({exc}); nothing written") from None
        if got != expected:
            raise UpdateError(f"{self.path}: the rebuilt file has {got} people instead of {expected}; nothing written")
        write_atomic(self.path, text.encode("utf-8"))
        return True


# -- from Wikidata to an entry --------------------------------------------------------------------
def _name(entity: dict[str, Any], code: str) -> str | None:
    link = entity.get("sitelinks", {}).get(f"{code}wiki", {}).get("title")
    if link:
        return strip_qualifier(link)
    label = entity.get("labels", {}).get(code)
    if not label and code == "en":
        label = entity.get("labels", {}).get("mul")
    return label or None


def _office_dict(office: Any) -> dict[str, Any]:
    out: dict[str, Any] = {"role": office.role, "of": office.of}
    if office.start:
        out["start"] = office.start
    if office.end:
        out["end"] = office.end
    return out


def _overlap(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Whether two tenures (coarse dates allowed) can be the same one."""
    a0, b0 = _bounds(a.get("start")), _bounds(b.get("start"))
    if a0 is None or b0 is None:
        return True
    far = dt.date.max
    a_end = _bounds(a.get("end")) if a.get("end") not in (None, "?") else None
    b_end = _bounds(b.get("end")) if b.get("end") not in (None, "?") else None
    return a0[0] <= (b_end[1] if b_end else far) and b0[0] <= (a_end[1] if a_end else far)


def _relevant(office: dict[str, Any]) -> bool:
    end = office.get("end")
    return end in (None, "?") or str(end)[:4] >= FIRST_YEAR


def merge_offices(hand: list[dict[str, Any]], wikidata: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Wikidata's tenures replace the matching hand-entered ones (same role, jurisdiction, period),
    keeping the hand-entered details Wikidata lacks; unmatched hand-entered ones are kept."""
    result: list[dict[str, Any]] = []
    used: set[int] = set()
    for w in wikidata:
        match = next(
            (
                i
                for i, h in enumerate(hand)
                if i not in used and h.get("role") == w["role"] and h.get("of") == w["of"] and _overlap(h, w)
            ),
            None,
        )
        if match is not None:
            used.add(match)
            merged = dict(hand[match])
            merged["start"] = w.get("start") or hand[match].get("start")
            if w.get("end"):
                merged["end"] = w["end"]
            result.append({k: v for k, v in merged.items() if v is not None})
        elif _relevant(w) and w not in result:
            result.append(w)
    result += [h for i, h in enumerate(hand) if i not in used]
    return sorted(result, key=lambda o: (str(o.get("start") or "9999"), o.get("role", "")))


def _fuller(title: str, name: str) -> bool:
    """ "Dmitri Sergejewitsch Peskow" is a fuller form of "Dmitri Peskow": the name's words, in order."""
    words, have = fold_name(title).split(), fold_name(name).split()
    if len(words) <= len(have):
        return False
    it = iter(words)
    return all(w in it for w in have)


def merge_person(raw: dict[str, Any], entity: dict[str, Any], offices: list[Any]) -> dict[str, Any]:
    new = dict(raw)
    new["qid"] = entity["id"]
    english = entity.get("sitelinks", {}).get("enwiki", {}).get("title")
    if english:
        new["id"] = english
    names = dict(raw.get("names", {}))
    aliases = list(raw.get("aliases", []))
    for code in LANGS:
        name = _name(entity, code)
        if not name:
            continue
        if code in names and _fuller(name, names[code]):
            # dewiki titles Russians with their patronymic; the press writes the short form
            if all(fold_name(name) != fold_name(a) for a in aliases):
                aliases.append(name)
            continue
        names[code] = name
    new["names"] = names
    if aliases:
        new["aliases"] = aliases
    gender = next((GENDERS[g] for g in entity.get("claims", {}).get("P21", ()) if g in GENDERS), None)
    if gender:
        new["gender"] = gender
    new["offices"] = merge_offices(list(raw.get("offices", [])), [_office_dict(o) for o in offices])
    order = [k for k in PERSON_KEYS if k in new] + [k for k in new if k not in PERSON_KEYS]
    return {k: new[k] for k in order}


def new_person(entity: dict[str, Any], offices: list[Any]) -> dict[str, Any]:
    names = {code: n for code in LANGS if (n := _name(entity, code))}
    person_id = entity.get("sitelinks", {}).get("enwiki", {}).get("title") or names.get("en") or entity["id"]
    taken = {fold_name(n) for n in names.values()}
    aliases = []
    for code in ("en", "mul", *LANGS[1:]):
        for alias in entity.get("aliases", {}).get(code, []):
            if len(alias.split()) >= 2 and fold_name(alias) not in taken and len(aliases) < 6:
                taken.add(fold_name(alias))
                aliases.append(alias)
    raw: dict[str, Any] = {"id": person_id, "qid": entity["id"]}
    gender = next((GENDERS[g] for g in entity.get("claims", {}).get("P21", ()) if g in GENDERS), None)
    if gender:
        raw["gender"] = gender
    raw["names"] = names
    if aliases:
        raw["aliases"] = aliases
    raw["offices"] = merge_offices([], [_office_dict(o) for o in offices])
    return raw


# -- the command ----------------------------------------------------------------------------------
def snapshot_files() -> list[Path]:
    data = Path(str(resources.files(__package__) / "data"))
    return sorted(data.glob("people*.toml"))


@dataclass
class UpdateReport:
    lines: list[str] = field(default_factory=list)
    written: list[Path] = field(default_factory=list)
    updated: int = 0
    unchanged: int = 0
    added: int = 0


def update_files(
    config: Any,
    files: Sequence[Path] | None = None,
    add: Iterable[str] = (),
    *,
    source: WikipediaKnowledge | None = None,
) -> UpdateReport:
    """Rebuild `files` (default: the snapshot's people files) and add the people of `add`; new
    people go to the first of `files` when given, else to data/people-added.toml."""
    explicit = bool(files)
    paths = [Path(f) for f in files] if files else snapshot_files()
    if not paths:
        raise UpdateError("no people file to update")
    target = paths[0] if explicit else paths[0].with_name("people-added.toml")
    people_files = [PeopleFile.read(p) for p in paths]
    if target not in paths:
        people_files.append(PeopleFile.read(target))
    wk = source or WikipediaKnowledge.from_config(config, cache_dir=None)
    client, report = wk.client, UpdateReport()
    try:
        return _update(wk, client, people_files, target, list(add), report)
    except Unavailable as exc:
        raise UpdateError(f"Wikipedia/Wikidata could not be consulted: {exc}; nothing written") from None
    finally:
        if source is None:
            wk.close()


def _update(wk, client, people_files: list[PeopleFile], target: Path, add: list[str], report: UpdateReport):
    blocks = [b for pf in people_files for b in pf.blocks]
    say = report.lines.append
    # 1. every listed person's item: by qid, else by English title (one request per 50 titles)
    untitled = [b for b in blocks if not b.raw.get("qid")]
    pages = client.resolve_titles("en", list(dict.fromkeys(b.raw["id"] for b in untitled))) if untitled else {}
    qid_of: dict[int, str] = {}
    for i, b in enumerate(blocks):
        if b.raw.get("qid"):
            qid_of[i] = b.raw["qid"]
            continue
        page = pages.get(b.raw["id"], {})
        if page.get("status") in ("found", "redirected") and page.get("qid"):
            qid_of[i] = page["qid"]
        else:
            say(f"{b.raw['id']}: {page.get('status', 'missing')} on English Wikipedia; kept as it is")
    # 2. people to add: QIDs as given; titles through wikipedia-api (existence, redirects, intro)
    add_ids = [a.strip() for a in add if _QID.fullmatch(a.strip())]
    intros: dict[str, str] = {}
    titles = []
    for title in (a.strip() for a in add if not _QID.fullmatch(a.strip())):
        info = client.page("en", title)
        if not info["exists"]:
            say(f"--add {title}: no page with this title on English Wikipedia; nothing added")
            continue
        titles.append(info["title"])
        intros[info["title"]] = info.get("intro", "")
    for title, page in (client.resolve_titles("en", titles) if titles else {}).items():
        if page["status"] == "disambiguation":
            say(f"--add {title}: a disambiguation page on English Wikipedia; give the person's own title")
        elif page.get("qid"):
            add_ids.append(page["qid"])
            intros[page["qid"]] = intros.get(title, "")
        else:
            say(f"--add {title}: no Wikidata item; nothing added")
    # 3. the items and the positions they hold (one request per 50 of each)
    wanted = list(dict.fromkeys([*qid_of.values(), *add_ids]))
    entities, _ = client.entities(wanted, languages=(*LANGS, "mul"), sites=SITES) if wanted else ({}, {})
    positions = client.positions(unmapped_positions(entities.values(), wk.mapper))

    def known(qid: str) -> tuple[bool, dict[str, Any] | None]:
        return qid in positions, positions.get(qid)

    # 4. merge
    listed = set()
    for i, b in enumerate(blocks):
        qid = qid_of.get(i)
        if qid is None:
            continue
        entity = entities.get(qid)
        if entity is None:
            say(f"{b.raw['id']}: {qid} is not on Wikidata; kept as it is")
            continue
        if HUMAN not in entity["claims"].get("P31", ()):
            say(f"{b.raw['id']}: {qid} is not a person on Wikidata; kept as it is")
            continue
        listed.add(entity["id"])
        b.new = merge_person(b.raw, entity, map_offices(entity, wk.mapper, known) or [])
        if b.new != b.raw:
            report.updated += 1
        else:
            report.unchanged += 1
    out = next(pf for pf in people_files if pf.path == target)
    for qid in dict.fromkeys(add_ids):
        entity = entities.get(qid)
        if entity is None:
            say(f"--add {qid}: no such item on Wikidata; nothing added")
        elif HUMAN not in entity["claims"].get("P31", ()):
            say(f"--add {qid}: not a person on Wikidata; nothing added")
        elif entity["id"] in listed:
            say(f"--add {qid}: already listed; updated in place")
        else:
            raw = new_person(entity, map_offices(entity, wk.mapper, known) or [])
            out.added.append(raw)
            listed.add(entity["id"])
            report.added += 1
            intro = (intros.get(qid) or "").split("\n")[0][:160]
            say(f"added {raw['id']} ({qid}) to {target.name}" + (f": {intro}" if intro else ""))
    # 5. write what changed
    for pf in people_files:
        if pf.write():
            report.written.append(pf.path)
    say(
        f"{report.updated} updated, {report.unchanged} unchanged, {report.added} added;"
        f" written: {', '.join(p.name for p in report.written) or 'nothing'}"
    )
    return report
