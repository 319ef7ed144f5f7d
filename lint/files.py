"""Where newslint keeps files, and writing them so that a crash or a concurrent reader never sees half of one."""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO


def write_atomic(path: str | os.PathLike[str], data: bytes) -> None:
    """Write `data` to `path` through a temporary file renamed over it.

    A symbolic link is followed (its target is replaced, the link kept) and an existing file keeps its
    mode, so that fixing an article in place or refreshing a cache never changes who may read it.
    """
    with atomic_writer(path) as out:
        out.write(data)


@contextlib.contextmanager
def atomic_writer(path: str | os.PathLike[str]) -> Iterator[BinaryIO]:
    """A binary file that replaces `path` when the block ends, as `write_atomic` does, so that what is
    written need not be held whole first; if the block raises, `path` is left as it was."""
    target = Path(os.path.realpath(path))
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as out:
            yield out
            out.flush()
            os.fsync(out.fileno())
        if target.exists():
            os.chmod(tmp, target.stat().st_mode & 0o7777)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def default_cache_dir() -> Path:
    """$NEWSLINT_CACHE_DIR, else the user cache directory (XDG_CACHE_HOME, ~/Library/Caches, %LOCALAPPDATA%)."""
    if os.environ.get("NEWSLINT_CACHE_DIR"):
        return Path(os.environ["NEWSLINT_CACHE_DIR"])
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Caches"
    else:
        base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "newslint"
