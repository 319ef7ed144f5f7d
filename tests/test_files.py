"""The one atomic writer and the one default cache directory."""

import os
import stat
import sys

import pytest

from lint.files import default_cache_dir, write_atomic


def test_write_atomic_replaces_keeps_mode_and_follows_links(tmp_path):
    target = tmp_path / "report.json"
    target.write_text("old")
    target.chmod(0o640)
    link = tmp_path / "link.json"
    link.symlink_to(target)
    write_atomic(link, b"new")
    assert link.is_symlink()
    assert target.read_bytes() == b"new"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.json", "report.json"]


def test_a_failed_write_leaves_the_old_file_and_no_temporary(tmp_path, monkeypatch):
    target = tmp_path / "report.json"
    target.write_text("old")

    def broken(fd):
        raise OSError("disk full")

    monkeypatch.setattr(os, "fsync", broken)
    with pytest.raises(OSError, match="disk full"):
        write_atomic(target, b"new")
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["report.json"]


def test_write_atomic_creates_missing_folders(tmp_path):
    write_atomic(tmp_path / "a" / "b" / "kb.pickle", b"x")
    assert (tmp_path / "a" / "b" / "kb.pickle").read_bytes() == b"x"


@pytest.mark.skipif(sys.platform in ("win32", "darwin"), reason="XDG applies to Linux and other Unixes")
def test_one_default_cache_directory(monkeypatch, tmp_path):
    monkeypatch.delenv("NEWSLINT_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert default_cache_dir() == tmp_path / "xdg" / "newslint"
    monkeypatch.setenv("NEWSLINT_CACHE_DIR", str(tmp_path / "mine"))
    assert default_cache_dir() == tmp_path / "mine"
