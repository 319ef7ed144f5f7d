"""The embedded knowledge base: a versioned snapshot of public officials, readable TOML in
`data/`, compiled on first use into dictionaries keyed by normalised name.

The TOML files are the source of truth. Parsing them takes a few hundred milliseconds, so the
compiled base is kept in a cache file (a pickle named after the hash of the data files and of this
code, in the user cache directory or `cache-dir`, written atomically) and loaded from there while
the data have not changed. A cache that cannot be read or written is silently ignored.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import pickle
import sys
from collections import defaultdict
from collections.abc import Iterable
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from ..files import default_cache_dir, write_atomic
from ..text import fold_name
from .model import Office, Person

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

_CLOSE_MEMO = 20000  # close_surnames answers remembered per process (a few MB at most)
_PEOPLE_MEMO = 20000  # people_with_surname and people_with_word answers remembered per process
_PARTITIONS_CACHED = (1, 2)  # close_surnames indexes kept in the compiled cache (the distances rules use)


class KnowledgeDataError(Exception):
    pass


class EmbeddedKnowledge:
    """Lookups over the bundled snapshot; no network.

    Indexes map normalised keys to positions in the list of people. A base loaded from the cache
    holds its people as plain tuples and makes a `Person` of one only when a lookup returns it, so
    that loading stays fast however many people the snapshot has.
    """

    name = "embedded"
    fixed_answers = True  # a snapshot: the same question has the same answer for the whole process

    def __init__(self, people: list[Person], roles: dict[str, Any], meta: dict[str, Any]) -> None:
        self.roles = roles
        self.meta = meta
        self._objects: list[Person | None] = list(people)
        self._rows: list[tuple] | None = None
        self._ids = {p.id: i for i, p in enumerate(people)}
        self._by_name: dict[str, list[int]] = defaultdict(list)
        self._by_surname: dict[str, list[int]] = defaultdict(list)
        self._by_office: dict[tuple[str, str], list[int]] = defaultdict(list)
        for i, p in enumerate(people):
            for n in p.all_names():
                key = fold_name(n)
                if i not in self._by_name[key]:
                    self._by_name[key].append(i)
            for lang in p.names:
                key = fold_name(p.surname(lang))
                if i not in self._by_surname[key]:
                    self._by_surname[key].append(i)
            for o in p.offices:
                if i not in self._by_office[(o.role, o.of)]:
                    self._by_office[(o.role, o.of)].append(i)
        self._by_name = dict(self._by_name)
        self._by_surname = dict(self._by_surname)
        self._by_office = dict(self._by_office)
        self._derived: dict[str, Any] = {}
        self._answers: dict[tuple, tuple] = {}  # question -> answer, for the process

    # -- pickling: people as tuples, derived indexes rebuilt on demand ------------------------
    def __getstate__(self) -> dict[str, Any]:
        rows = [_row(self._person(i)) for i in range(len(self._objects))]
        return {
            "roles": self.roles,
            "meta": self.meta,
            "rows": rows,
            "ids": self._ids,
            "by_name": self._by_name,
            "by_surname": self._by_surname,
            "by_office": self._by_office,
            # the partition indexes of close_surnames for the distances the name rules ask for
            "partitions": {k: self._partition(k) for k in _PARTITIONS_CACHED},
        }

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.roles = state["roles"]
        self.meta = state["meta"]
        self._rows = state["rows"]
        self._objects = [None] * len(self._rows)
        self._ids = state["ids"]
        self._by_name = state["by_name"]
        self._by_surname = state["by_surname"]
        self._by_office = state["by_office"]
        self._derived = {("partition", k): index for k, index in state.get("partitions", {}).items()}
        self._answers = {}

    def _person(self, i: int) -> Person:
        p = self._objects[i]
        if p is None:
            p = self._objects[i] = _from_row(self._rows[i])  # type: ignore[index]
        return p

    def _people(self, indexes: Iterable[int]) -> list[Person]:
        return [self._person(i) for i in indexes]

    @property
    def people(self) -> list[Person]:
        return self._people(range(len(self._objects)))

    def by_id(self) -> dict[str, Person]:
        return {pid: self._person(i) for pid, i in self._ids.items()}

    def person(self, id: str) -> Person | None:
        i = self._ids.get(id)
        return None if i is None else self._person(i)

    @property
    def snapshot(self) -> str:
        return str(self.meta.get("snapshot", "unknown"))

    # -- the KnowledgeSource interface ------------------------------------------------------
    def find_person(self, name: str, lang: str) -> Person | None:
        found = self._by_name.get(fold_name(name))
        return self._person(found[0]) if found else None

    def people_named(self, name: str) -> list[Person]:
        return self._people(self._by_name.get(fold_name(name), ()))

    def people_with_surname(self, surname: str) -> list[Person]:
        return self._answer("surname", fold_name(surname))

    def people_with_word(self, word: str) -> list[Person]:
        """People one of whose names or aliases contains this word (case and accents aside)."""
        return self._answer("word", fold_name(word))

    def _answer(self, question: str, key: str) -> list[Person]:
        """The people with this surname ("surname") or name word ("word"), by normalised key;
        remembered for the process: the name rules ask for most capitalised words of every article,
        and the same words recur from article to article."""
        index = self._by_surname if question == "surname" else self._index("by_token")
        return list(self._remembered((question, key), lambda: self._people(index.get(key, ()))))

    def _remembered(self, question: tuple, compute) -> tuple:
        """The answer to a question about a word, computed once for the process (at most
        `_PEOPLE_MEMO` of them; then they start afresh)."""
        found = self._answers.get(question)
        if found is None:
            found = tuple(compute())
            if len(self._answers) >= _PEOPLE_MEMO:
                self._answers.clear()
            self._answers[question] = found
        return found

    def close_surnames(self, word: str, max_distance: int) -> list[tuple[str, int]]:
        """Normalised surnames within `max_distance` edits (Levenshtein) of `word`, nearest first
        (then alphabetically).

        Candidates come from a partition index (PassJoin, Li et al. 2011): a surname cut into
        `max_distance + 1` segments keeps one of them intact in any string within `max_distance`
        edits of it, shifted by no more than the edits before it allow; so one dictionary lookup
        per segment and shift finds every surname that may be that close, and the exact distance
        decides. Answers are remembered for the process (names recur from article to article)."""
        key = fold_name(word)
        if max_distance <= 0:
            return [(key, 0)] if key in self._by_surname else []
        memo: dict[tuple[str, int], tuple[tuple[str, int], ...]] = self._derived.setdefault("close", {})
        found = memo.get((key, max_distance))
        if found is None:
            found = self._close_surnames(key, max_distance)
            if len(memo) >= _CLOSE_MEMO:
                memo.clear()
            memo[(key, max_distance)] = found
        return list(found)

    def _close_surnames(self, key: str, k: int) -> tuple[tuple[str, int], ...]:
        from rapidfuzz.distance import Levenshtein

        candidates: set[str] = set()
        for segments, a, b in self._probes(len(key), k):
            hit = segments.get(key[a:b])
            if hit:
                candidates.update(hit)
        out = []
        for c in candidates:
            d = Levenshtein.distance(key, c, score_cutoff=k)
            if d <= k:
                out.append((c, d))
        out.sort(key=lambda cd: (cd[1], cd[0]))
        return tuple(out)

    def _probes(self, length: int, k: int) -> list[tuple[dict[str, list[str]], int, int]]:
        """Where to look for the segments of the surnames within k edits of a word of this length:
        (segment -> surnames, start, end of the word's slice to look up), for each surname length,
        segment and possible shift."""
        probes_by_length = self._derived.setdefault("probes", {})
        probes = probes_by_length.get((length, k))
        if probes is not None:
            return probes
        partition = self._partition(k)
        probes = []
        for n in range(max(0, length - k), length + k + 1):
            delta = length - n  # characters the edits add, in all
            for i, (at, size) in enumerate(_segments(n, k)):
                segments = partition.get((n, i))
                if not segments:
                    continue
                # The intact segment moved by `shift` (insertions minus deletions before it): at least
                # |shift| edits before it and |delta - shift| after it.
                for shift in range(-k, k + 1):
                    start = at + shift
                    if abs(shift) + abs(delta - shift) <= k and 0 <= start <= length - size:
                        probes.append((segments, start, start + size))
        probes_by_length[(length, k)] = probes
        return probes

    def _partition(self, k: int) -> dict[tuple[int, int], dict[str, list[str]]]:
        """(surname length, segment number) -> segment -> the surnames with that segment there, each
        surname cut into k + 1 segments (a few milliseconds, on first use)."""
        which = ("partition", k)
        if which not in self._derived:
            index: dict[tuple[int, int], dict[str, list[str]]] = {}
            for key in self._by_surname:
                n = len(key)
                for i, (at, size) in enumerate(_segments(n, k)):
                    index.setdefault((n, i), {}).setdefault(key[at : at + size], []).append(key)
            self._derived[which] = index
        return self._derived[which]

    def _index(self, which: str) -> dict[Any, list[Any]]:
        """Indexes derived from the name index, built on first use (a few milliseconds)."""
        if which not in self._derived:
            index: dict[Any, list[Any]] = defaultdict(list)
            if which == "by_token":  # every word of a name -> the people with that word in a name
                for key, found in self._by_name.items():
                    for token in key.split():
                        bucket = index[token]
                        bucket.extend(i for i in found if i not in bucket)
            self._derived[which] = dict(index)
        return self._derived[which]

    def suggest(self, name: str, lang: str, limit: int = 5) -> list[tuple[Person, float]]:
        """The people whose names are closest to `name`, best first: remembered for the process as
        `_answer`'s are (a fuzzy search of every name costs a tenth of a millisecond, and the rules ask
        it for the same unknown names from article to article)."""
        folded = fold_name(name)
        return list(self._remembered(("suggest", folded, limit), lambda: self._suggest(folded, limit)))

    def _suggest(self, folded: str, limit: int) -> list[tuple[Person, float]]:
        from rapidfuzz import fuzz, process

        best: dict[str, tuple[Person, float]] = {}
        choices = self._derived.setdefault("choices", list(self._by_name))
        for key, score, _ in process.extract(folded, choices, scorer=fuzz.ratio, limit=limit * 3):
            for p in self._people(self._by_name[key]):
                if p.id not in best or best[p.id][1] < score:
                    best[p.id] = (p, float(score))
        return sorted(best.values(), key=lambda ps: (-ps[1], ps[0].id))[:limit]

    def holders_of(self, role: str, of: str, on: dt.date) -> list[Person]:
        """Who certainly held `role` of `of` on a date (coarse dates that cannot decide it do not count)."""
        return [
            p
            for p in self._people(self._by_office.get((role, of), ()))
            if any(o.role == role and o.of == of and o.held_on(on) for o in p.offices)
        ]

    def possible_holders(self, role: str, of: str, on: dt.date) -> list[tuple[Person, bool]]:
        """Who held or may have held `role` of `of` on a date, with True where the dates are certain."""
        out = []
        for p in self._people(self._by_office.get((role, of), ())):
            verdicts = [o.held_on(on) for o in p.offices if o.role == role and o.of == of]
            if True in verdicts:
                out.append((p, True))
            elif None in verdicts:
                out.append((p, False))
        return out

    def role_names(self, role: str, of: str | None, lang: str) -> list[str]:
        entry = self.roles.get(role, {})
        names = list(entry.get(of, {}).get(lang, [])) if of else []
        return names + [n for n in entry.get(lang, []) if n not in names]

    def prefetch(self, names: Iterable[str], lang: str) -> None:
        return None


def _merged(first: Person, second: Person) -> Person:
    """One person from two entries: the first's names and gender, everyone's aliases and offices."""
    aliases = tuple(dict.fromkeys((*first.aliases, *second.aliases)))
    exonyms = tuple(dict.fromkeys((*first.exonyms, *second.exonyms)))
    offices = tuple(dict.fromkeys((*first.offices, *second.offices)))
    return Person(
        id=first.id,
        gender=first.gender or second.gender,
        names={**second.names, **first.names},
        aliases=aliases,
        exonyms=exonyms,
        offices=offices,
        qid=first.qid or second.qid,
        surname_override=first.surname_override or second.surname_override,
        family_first=first.family_first or second.family_first,
    )


def _segments(length: int, k: int) -> list[tuple[int, int]]:
    """A string of this length cut into k + 1 segments as even as can be: (start, size) of each."""
    size, longer = divmod(length, k + 1)
    out, at = [], 0
    for i in range(k + 1):
        n = size + (1 if i >= k + 1 - longer else 0)
        out.append((at, n))
        at += n
    return out


def _row(p: Person) -> tuple:
    offices = tuple((o.role, o.of, o.start, o.end, o.to, o.acting) for o in p.offices)
    return (p.id, p.gender, p.names, p.aliases, offices, p.qid, p.surname_override, p.family_first, p.exonyms)


def _from_row(row: tuple) -> Person:
    pid, gender, names, aliases, offices, qid, surname, family_first, exonyms = row
    return Person(
        id=pid,
        gender=gender,
        names=names,
        aliases=aliases,
        offices=tuple(Office(*o) for o in offices),
        qid=qid,
        surname_override=surname,
        family_first=family_first,
        exonyms=exonyms,
    )


def _person(raw: dict[str, Any], where: str) -> Person:
    try:
        offices = tuple(
            Office(
                role=o["role"],
                of=o["of"],
                start=o.get("start"),
                end=o.get("end"),
                to=o.get("to"),
                acting=bool(o.get("acting", False)),
            )
            for o in raw.get("offices", [])
        )
        return Person(
            id=raw["id"],
            gender=raw.get("gender"),
            names=dict(raw["names"]),
            aliases=tuple(raw.get("aliases", ())),
            exonyms=tuple(raw.get("exonyms", ())),
            offices=offices,
            qid=raw.get("qid"),
            surname_override=raw.get("surname"),
            family_first=bool(raw.get("family_first", False)),
        )
    except (KeyError, TypeError) as exc:
        raise KnowledgeDataError(f"{where}: person {raw.get('id', '?')!r}: missing or bad {exc}") from None


def _read(name: str) -> dict[str, Any]:
    f = resources.files(__package__) / "data" / name
    return tomllib.loads(f.read_text(encoding="utf-8"))


def _data_files() -> list[Any]:
    data_dir = resources.files(__package__) / "data"
    return sorted(
        (c for c in data_dir.iterdir() if c.name.endswith(".toml")),
        key=lambda c: c.name,
    )


def _fingerprint(files: list[Any]) -> str:
    """A hash of the data files and of the code that compiles them: the cache file's name."""
    h = hashlib.sha256()
    h.update(f"{sys.version_info[:2]}|{pickle.HIGHEST_PROTOCOL}".encode())
    for code in (__file__, Path(__file__).with_name("model.py")):
        with contextlib.suppress(OSError):
            h.update(Path(code).read_bytes())
    for f in files:
        h.update(f.name.encode() + b"\0" + f.read_bytes() + b"\0")
    return h.hexdigest()[:24]


def compile_knowledge(files: list[Any] | None = None) -> EmbeddedKnowledge:
    """Parse the TOML snapshot and index it (slow: what the cache saves)."""
    files = _data_files() if files is None else files
    people: list[Person] = []
    seen: dict[str, int] = {}
    roles: dict[str, Any] = {}
    meta: dict[str, Any] = {}
    for f in files:
        if f.name.startswith("people") and f.name.endswith(".toml"):
            for raw in tomllib.loads(f.read_text(encoding="utf-8")).get("person", []):
                p = _person(raw, f.name)
                if p.id in seen:  # one person entered in two regional files: one entry with both's facts
                    people[seen[p.id]] = _merged(people[seen[p.id]], p)
                    continue
                seen[p.id] = len(people)
                people.append(p)
        elif f.name == "roles.toml":
            roles = tomllib.loads(f.read_text(encoding="utf-8"))
        elif f.name == "meta.toml":
            meta = tomllib.loads(f.read_text(encoding="utf-8"))
    return EmbeddedKnowledge(people, roles, meta)


@cache
def load(cache_dir: str | None = None) -> EmbeddedKnowledge:
    """The snapshot, parsed and indexed once per process; from the compiled cache when it is current."""
    files = _data_files()
    try:
        target = Path(cache_dir or default_cache_dir()) / f"kb-{_fingerprint(files)}.pickle"
    except OSError:
        return compile_knowledge(files)
    try:
        with open(target, "rb") as fh:
            base = pickle.load(fh)
        if isinstance(base, EmbeddedKnowledge):
            return base
    except Exception:  # missing, truncated, or written by other code: rebuild it
        pass
    base = compile_knowledge(files)
    _write_atomically(target, base)
    return base


def _write_atomically(target: Path, base: EmbeddedKnowledge) -> None:
    try:  # a cache that cannot be written is only slower next time
        write_atomic(target, pickle.dumps(base, protocol=pickle.HIGHEST_PROTOCOL))
    except OSError:
        return
    import time

    for old in target.parent.glob("kb-*.pickle"):  # caches of earlier snapshots, unused for a day
        try:
            if old != target and time.time() - old.stat().st_mtime > 86400:
                old.unlink()
        except OSError:
            pass
