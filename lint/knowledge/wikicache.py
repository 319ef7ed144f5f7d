"""An on-disk cache of Wikipedia and Wikidata answers: one SQLite file, one row per key, a time to live.

A key names one logical request (the endpoint, the kind of question and the item asked about), so
an answer fetched in a batch of fifty is found again whatever batch a later run would have sent.

Several newslint processes may share the file: the journal is WAL (readers never wait for the
writer), connections wait for a lock instead of failing (busy timeout), and every transaction is
one statement or one batch of rows. A file SQLite cannot read is moved aside and a new one started,
with a notice; if the cache cannot be used at all the answers are kept in memory for the run.
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import threading
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

FILENAME = "wikipedia.sqlite3"
SCHEMA = "CREATE TABLE IF NOT EXISTS answers (key TEXT PRIMARY KEY, value TEXT NOT NULL, stored REAL NOT NULL)"
_CORRUPT = ("SQLITE_CORRUPT", "SQLITE_NOTADB")
_BATCH = 400  # keys per SELECT, well under SQLite's variable limit


def _is_corruption(exc: sqlite3.DatabaseError) -> bool:
    name = getattr(exc, "sqlite_errorname", "") or ""
    if any(name.startswith(c) for c in _CORRUPT):
        return True
    text = str(exc).lower()
    return "not a database" in text or "malformed" in text or "disk image" in text


class WikiCache:
    def __init__(
        self,
        directory: str | os.PathLike[str] | None,
        ttl: float,
        *,
        clock: Callable[[], float] = time.time,
        busy_timeout: float = 10.0,
    ) -> None:
        self.path = Path(directory) / FILENAME if directory is not None else None
        self.ttl = ttl
        self.clock = clock
        self.busy_timeout = busy_timeout
        self._lock = threading.Lock()
        self._notices: list[str] = []
        self._conn = self._open()

    # -- opening, and recovering from a damaged file --------------------------------------------
    def _open(self) -> sqlite3.Connection:
        if self.path is None:
            return self._memory()
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            return self._memory(f"cannot create the cache folder {self.path.parent} ({exc.strerror or exc})")
        try:
            return self._connect_waiting()
        except sqlite3.DatabaseError as exc:
            if _is_corruption(exc):
                return self._rebuild(exc)
            return self._memory(f"cannot open the cache {self.path} ({exc})")

    def _connect_waiting(self) -> sqlite3.Connection:
        """`_connect`, tried again while another process holds the new file's lock: SQLite answers
        "database is locked" at once, without its busy handler, to a process that switches a file to
        WAL while another one creates it. Two runs starting together must both keep their cache."""
        deadline = time.monotonic() + self.busy_timeout
        pause = 0.01
        while True:
            try:
                return self._connect()
            except sqlite3.OperationalError as exc:
                if "locked" not in str(exc) or time.monotonic() + pause > deadline:
                    raise
                time.sleep(pause)
                pause = min(pause * 2, 0.5)

    def _connect(self) -> sqlite3.Connection:
        assert self.path is not None
        conn = sqlite3.connect(
            self.path, timeout=self.busy_timeout, isolation_level=None, check_same_thread=False
        )
        try:
            conn.execute(f"PRAGMA busy_timeout = {int(self.busy_timeout * 1000)}")
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = NORMAL")
            conn.execute(SCHEMA)
            conn.execute("SELECT count(*) FROM answers").fetchone()  # a damaged file shows now, not mid-run
        except BaseException:
            conn.close()
            raise
        return conn

    def _memory(self, why: str | None = None) -> sqlite3.Connection:
        if why:
            self._notices.append(f"{why}: Wikipedia answers are kept in memory for this run only")
        conn = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
        conn.execute(SCHEMA)
        return conn

    def _rebuild(self, exc: Exception) -> sqlite3.Connection:
        """Move an unreadable file aside and start a new one, unless another process already did."""
        assert self.path is not None
        try:
            return self._connect()  # someone else may have rebuilt it meanwhile
        except sqlite3.DatabaseError as again:
            if not _is_corruption(again):
                return self._memory(f"cannot open the cache {self.path} ({again})")
        aside = self.path.with_name(f"{self.path.name}.corrupt-{time.strftime('%Y%m%d-%H%M%S')}-{os.getpid()}")
        try:
            os.replace(self.path, aside)
        except FileNotFoundError:
            pass
        except OSError as move_error:
            return self._memory(f"the cache {self.path} is unreadable ({exc}) and cannot be moved ({move_error})")
        for suffix in ("-wal", "-shm"):
            Path(f"{self.path}{suffix}").unlink(missing_ok=True)
        self._notices.append(
            f"the Wikipedia cache {self.path} was unreadable ({exc}); it was moved to {aside.name} and rebuilt"
        )
        try:
            return self._connect()
        except sqlite3.DatabaseError as still:
            return self._memory(f"cannot rebuild the cache {self.path} ({still})")

    def _recover(self, exc: sqlite3.DatabaseError) -> None:
        """After an error in use: rebuild a damaged file; otherwise (locked, disk full) carry on."""
        if not _is_corruption(exc) or self.path is None:
            return
        with contextlib.suppress(sqlite3.Error):
            self._conn.close()
        self._conn = self._rebuild(exc)

    def drain_notices(self) -> list[str]:
        with self._lock:
            out, self._notices = self._notices, []
        return out

    # -- reading and writing --------------------------------------------------------------------
    def get_many(self, keys: Iterable[str], *, stale_ok: bool = False) -> dict[str, Any]:
        """The cached answers among `keys` (expired ones only when `stale_ok`)."""
        keys = list(dict.fromkeys(keys))
        found: dict[str, Any] = {}
        oldest = self.clock() - self.ttl
        with self._lock:
            for i in range(0, len(keys), _BATCH):
                chunk = keys[i : i + _BATCH]
                marks = ",".join("?" * len(chunk))
                try:
                    rows = self._conn.execute(
                        f"SELECT key, value, stored FROM answers WHERE key IN ({marks})", chunk
                    ).fetchall()
                except sqlite3.DatabaseError as exc:
                    self._recover(exc)
                    return found
                for key, value, stored in rows:
                    if stale_ok or stored >= oldest:
                        try:
                            found[key] = json.loads(value)
                        except ValueError:
                            continue
        return found

    def get(self, key: str, *, stale_ok: bool = False) -> Any | None:
        return self.get_many([key], stale_ok=stale_ok).get(key)

    def put_many(self, items: dict[str, Any]) -> None:
        """Store answers in one short transaction; a cache that cannot be written is not an error."""
        if not items:
            return
        now = self.clock()
        rows = [(k, json.dumps(v, ensure_ascii=False, separators=(",", ":")), now) for k, v in items.items()]
        with self._lock:
            try:
                self._conn.execute("BEGIN IMMEDIATE")
                try:
                    self._conn.executemany("INSERT OR REPLACE INTO answers (key, value, stored) VALUES (?, ?, ?)", rows)
                    self._conn.execute("COMMIT")
                except BaseException:
                    self._conn.execute("ROLLBACK")
                    raise
            except sqlite3.DatabaseError as exc:
                self._recover(exc)

    def put(self, key: str, value: Any) -> None:
        self.put_many({key: value})

    def close(self) -> None:
        with self._lock, contextlib.suppress(sqlite3.Error):
            self._conn.close()
