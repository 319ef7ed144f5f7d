"""What the previous run saw, for `newslint check --changed`: only new or edited items are checked.

The state is one JSON file in the cache folder. For each input (a feed's path, made absolute, or
its URL) it keeps a digest of every item the last run read: the item's id and a hash of its title
and text. An item whose digest the previous run of that input recorded is unchanged and skipped;
an item that is new, or whose text or title changed, is checked. Each run then records what it read,
input by input, so that the inputs of other runs keep their state. A state file that cannot be read
is treated as empty (everything is checked), with a notice.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from .article import Article
from .files import write_atomic
from .report._common import split_source

FILENAME = "seen-items.json"
VERSION = 1


class SeenItems:
    def __init__(self, cache_dir: str | os.PathLike[str]) -> None:
        self.path = Path(cache_dir) / FILENAME
        self.problem: str | None = None  # why the previous state could not be read
        self._previous: dict[str, set[str]] = {}
        self._current: dict[str, set[str]] = {}
        self._load()

    def is_new(self, article: Article) -> bool:
        """Whether the previous run did not see this item as it is now; records it for the next run."""
        key, digest = self.key(article)
        self._current.setdefault(key, set()).add(digest)
        return digest not in self._previous.get(key, ())

    @staticmethod
    def key(article: Article) -> tuple[str, str]:
        container, item = split_source(article.source)
        if container != "-" and "://" not in container:
            container = os.path.abspath(container)
        content = "\0".join((item or "", article.title or "", article.text))
        return container, hashlib.sha256(content.encode("utf-8", "surrogatepass")).hexdigest()[:24]

    def save(self) -> None:
        """Write the state: this run's inputs replace their previous entries; others are kept."""
        state = {k: sorted(v) for k, v in self._previous.items()}
        state.update({k: sorted(v) for k, v in self._current.items()})
        data = json.dumps({"version": VERSION, "inputs": state}, ensure_ascii=False, sort_keys=True)
        write_atomic(self.path, data.encode("utf-8"))

    def _load(self) -> None:
        try:
            raw = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return
        except (OSError, ValueError) as exc:
            self.problem = f"{self.path}: unreadable ({type(exc).__name__}); every item is checked"
            return
        inputs = raw.get("inputs") if isinstance(raw, dict) and raw.get("version") == VERSION else None
        if not isinstance(inputs, dict):
            self.problem = f"{self.path}: not a state file of this version; every item is checked"
            return
        self._previous = {k: set(v) for k, v in inputs.items() if isinstance(v, list)}
