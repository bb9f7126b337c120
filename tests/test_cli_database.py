"""`trainer db backups` and `trainer db restore` on a damaged file, which they never open;
a write the database refuses ends the command with one line that says so."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from tests.services.test_database_faults import read_only
from tests.services.test_reports_and_admin_cli import run
from trainer.services import accounts
from trainer.services.database import open_database
from trainer.store import backups
from trainer.store.db import Store, open_store
from trainer.store.errors import DamagedDatabase


def test_the_cli_says_a_write_was_refused_and_exits_one(
    capsys, monkeypatch, demo_root: Path, tmp_path: Path
) -> None:
    db = str(tmp_path / "cli.sqlite3")
    open_store(db).close()

    def opened_read_only(url: str | None, upgrade: bool = True) -> Store:
        store = open_database(url, upgrade=upgrade)
        read_only(store)
        return store

    monkeypatch.setattr("trainer.cli.admin.open_database", opened_read_only)
    code, _, err = run(capsys, "--db", db, "learners", "add", "Ana")
    assert code == 1 and "Traceback" not in err
    assert err.startswith(f"trainer: the database {db} is read-only; everything saved before")


def _garbage(path: Path, _backup: Path) -> None:
    path.write_bytes(os.urandom(8192))


def _truncated(path: Path, backup: Path) -> None:
    whole = backup.read_bytes()
    path.write_bytes(whole[: len(whole) // 2])


def _emptied(path: Path, _backup: Path) -> None:
    path.write_bytes(b"")


DAMAGE = {"garbage": _garbage, "truncated": _truncated, "zero-length": _emptied}


@pytest.fixture
def damaged(tmp_path: Path, request) -> tuple[Path, bytes]:
    """A database with one profile and a backup of it, then damaged: its path and bytes."""
    path = tmp_path / "data" / "t.sqlite3"
    path.parent.mkdir()
    store = open_store(str(path))
    accounts.create_learner(store, "Saved")
    store.close()
    backup = backups.take_backup(path)
    shutil.copyfile(backup.path, tmp_path / "copy.sqlite3")  # as a person might damage it
    DAMAGE[request.param](path, tmp_path / "copy.sqlite3")
    for journal in ("-wal", "-shm"):
        Path(f"{path}{journal}").unlink(missing_ok=True)
    return path, path.read_bytes()


@pytest.mark.parametrize("damaged", DAMAGE, indirect=True)
def test_a_damaged_database_is_refused_then_listed_and_restored_from_the_cli(
    capsys, damaged: tuple[Path, bytes]
) -> None:
    path, damaged_bytes = damaged
    with pytest.raises(DamagedDatabase, match=f"the database {path} is damaged"):
        open_store(str(path))
    code, out, err = run(capsys, "--db", str(path), "db", "backups")
    assert code == 0 and err == ""
    [listed] = out.splitlines()
    assert "manual" in listed and listed.endswith("-manual.sqlite3")
    code, out, err = run(capsys, "--db", str(path), "db", "restore")
    assert code == 0 and err == "", err
    assert out.startswith(f"restored {Path(listed.split()[-1]).name} into {path}")
    store = open_store(str(path))
    assert [learner.display_name for learner in accounts.list_learners(store)] == ["Saved"]
    store.close()
    kept = Path(out.rsplit("saved as ", 1)[1].strip())
    if damaged_bytes:  # the damaged file, byte for byte
        assert kept.name.endswith("-damaged.sqlite3") and kept.read_bytes() == damaged_bytes
    else:
        assert kept.exists() and kept.name.endswith("-before-restore.sqlite3")


def test_restore_from_the_cli_skips_the_copies_of_damaged_files(capsys, tmp_path: Path) -> None:
    path = tmp_path / "t.sqlite3"
    store = open_store(str(path))
    accounts.create_learner(store, "Saved")
    store.close()
    backups.take_backup(path)
    for _ in range(2):  # damaged again after the first restore, before any new backup
        path.write_bytes(b"damaged" * 1000)
        code, _, err = run(capsys, "--db", str(path), "db", "restore")
        assert code == 0, err
    reasons = [backup.reason for backup in backups.list_backups(path)]
    assert reasons == ["damaged", "damaged", "manual"]
