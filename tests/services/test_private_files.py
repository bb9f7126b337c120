"""What the app keeps on disk is its owner's only: the data and backup folders 0700, the
database (with its -wal and -shm), backups, restores, logs and key files 0600."""

from __future__ import annotations

import logging
import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from trainer.services import accounts, app_log, database, org_key
from trainer.store.location import default_database_path

pytestmark = pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture(autouse=True)
def everyday_umask() -> Iterator[None]:
    """The umask most systems have, under which files are world-readable by default."""
    old = os.umask(0o022)
    yield
    os.umask(old)


def test_the_default_database_and_its_folder_are_private() -> None:
    path = default_database_path()
    assert not path.parent.exists()
    store = database.open_database()
    try:
        accounts.create_learner(store, "Ana Ruiz")  # a write: the -wal and -shm files exist
        assert store.path == path.resolve()
        assert mode(path.parent) == 0o700
        journal = [path.with_name(path.name + end) for end in ("-wal", "-shm")]
        assert all(file.exists() for file in journal)
        assert {file.name: mode(file) for file in (path, *journal)} == {
            file.name: 0o600 for file in (path, *journal)
        }
    finally:
        store.close()


def test_an_existing_data_folder_open_to_others_is_closed() -> None:
    folder = default_database_path().parent
    folder.mkdir(parents=True, mode=0o755)
    database.open_database().close()
    assert mode(folder) == 0o700


def test_a_database_file_chosen_with_db_is_private_but_its_folder_left_alone(
    tmp_path: Path,
) -> None:
    shared = tmp_path / "shared"
    shared.mkdir(mode=0o755)
    database.open_database(str(shared / "office.sqlite3")).close()
    assert mode(shared / "office.sqlite3") == 0o600 and mode(shared) == 0o755


def test_backups_their_folder_and_a_restored_database_are_private(tmp_path: Path) -> None:
    path = tmp_path / "trainer.sqlite3"
    store = database.open_database(str(path))
    accounts.create_learner(store, "Ana Ruiz")
    store.close()
    backup = database.back_up(path)
    assert mode(backup.path.parent) == 0o700 and mode(backup.path) == 0o600
    path.chmod(0o644)  # a database made by an older version
    safety = database.restore_backup(path, backup.path)
    assert mode(path) == 0o600 and mode(safety.path) == 0o600


def test_the_plain_copy_of_a_damaged_database_is_private(tmp_path: Path) -> None:
    path = tmp_path / "trainer.sqlite3"
    store = database.open_database(str(path))
    store.close()
    backup = database.back_up(path)
    path.write_bytes(b"not a database, and readable by anyone")
    path.chmod(0o644)
    kept = database.restore_backup(path, backup.path)
    assert kept.reason == "damaged" and mode(kept.path) == 0o600


def test_the_log_and_its_folder_are_private(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("TRAINER_LOG_DIR", str(tmp_path / "log"))
    log_file = app_log.setup_logging()
    assert log_file is not None
    logging.getLogger("trainer.test").info("a line")
    assert mode(log_file.parent) == 0o700 and mode(log_file) == 0o600


def test_a_key_file_is_private(tmp_path: Path) -> None:
    org_key.create_key_file(tmp_path / "north.key", "North")
    assert mode(tmp_path / "north.key") == 0o600
