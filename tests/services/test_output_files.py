"""The safe output file: whole or not at all, never over the database or a key file."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from trainer.services import org_key, output_files
from trainer.services.output_files import OutputFileError


def test_a_file_is_written_whole_and_private(tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    output_files.write_file(target, b"{}")
    assert target.read_bytes() == b"{}" and os.listdir(tmp_path) == ["out.json"]
    if os.name == "posix":
        assert stat.S_IMODE(target.stat().st_mode) == 0o600


@pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")
def test_a_public_file_follows_the_umask(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        output_files.write_file(tmp_path / "page.html", b"<p>", private=False)
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "page.html").stat().st_mode) == 0o644


def test_an_interrupted_write_leaves_the_old_file_and_no_temporary_one(
    tmp_path: Path, monkeypatch
) -> None:
    target = tmp_path / "out.json"
    target.write_bytes(b"old")

    def power_cut(*_args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", power_cut)
    with pytest.raises(OutputFileError) as refused:
        output_files.write_file(target, b"new" * 1000, force=True)
    assert str(refused.value) == f"could not write {target}: No space left on device"
    assert refused.value.reason == "No space left on device"
    assert target.read_bytes() == b"old" and os.listdir(tmp_path) == ["out.json"]


def test_the_open_database_and_its_journal_files_are_refused(store, tmp_path: Path) -> None:
    database = store.path
    if database is None:
        pytest.skip("a PostgreSQL server has no file")
    for name in ("", "-wal", "-shm", "-journal"):
        target = database.with_name(database.name + name)
        with pytest.raises(OutputFileError, match="is the app's database"):
            output_files.check_target(target, force=True)
    # a database only named (not opened here) is refused when given
    other = tmp_path / "other.sqlite3"
    with pytest.raises(OutputFileError, match="is the app's database"):
        output_files.check_target(other, databases=(other,))


def test_a_key_file_is_refused_even_with_force(tmp_path: Path) -> None:
    key = tmp_path / "anything.txt"
    org_key.create_key_file(key, "North")
    with pytest.raises(OutputFileError, match="is an organisation key file"):
        output_files.check_target(key, force=True)
    ordinary = tmp_path / "ordinary.json"
    ordinary.write_text('{"format": "something else"}')
    output_files.check_target(ordinary, force=True)
