"""Backups of the SQLite file with SQLite's online backup API, kept with a retention plan.

Backups sit beside the database in `backups/`, named `<db>-<UTC time>-<reason>.sqlite3`.
Retention keeps everything from the last day, then the newest backup of each day for a
week, of each week for five weeks and of each month for a year.
"""

from __future__ import annotations

import logging
import re
import shutil
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from trainer.store.errors import StoreError
from trainer.store.private_files import create_private_file, make_private, make_private_folder

STAMP = "%Y%m%d-%H%M%S-%f"
NAME = re.compile(r"^(?P<stem>.+)-(?P<stamp>\d{8}-\d{6}-\d{6})-(?P<reason>[a-z-]+)\.sqlite3$")
AUTO_BACKUP_EVERY = timedelta(minutes=30)
DAMAGED = "damaged"  # the reason of a damaged file's plain copy, kept by a restore

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Backup:
    path: Path
    taken_at: datetime
    reason: str

    @property
    def size(self) -> int:
        return self.path.stat().st_size


def backup_folder(database: Path) -> Path:
    return database.parent / "backups"


def take_backup(database: Path, reason: str = "manual", now: datetime | None = None) -> Backup:
    """Copy the live database, consistently, into the backup folder; then prune old backups."""
    taken_at = now or datetime.now(UTC)
    folder = backup_folder(database)
    target = folder / f"{database.stem}-{taken_at.strftime(STAMP)}-{reason}.sqlite3"
    try:
        make_private_folder(folder)
        _copy(database, target)
    except (OSError, sqlite3.Error) as error:
        target.unlink(missing_ok=True)
        raise StoreError(f"could not back up {database} to {folder}: {error}") from None
    log.info("backup taken (%s) of %s: %s", reason, database, target)
    for old in backups_to_prune(list_backups(database), taken_at):
        old.path.unlink(missing_ok=True)
        log.info("old backup removed by the retention plan: %s", old.path)
    return Backup(target, taken_at, reason)


def profile_names(backup: Path) -> list[str] | None:
    """The names of the profiles in a backup, read without changing it; None when the file
    cannot be read as one (an old or damaged copy)."""
    try:
        connection = sqlite3.connect(f"{backup.resolve().as_uri()}?mode=ro", uri=True)
        try:
            rows = connection.execute(
                "SELECT display_name FROM learner ORDER BY lower(display_name)"
            ).fetchall()
        finally:
            connection.close()
    except sqlite3.Error:
        return None
    return [str(row[0]) for row in rows]


def list_backups(database: Path) -> list[Backup]:
    """The backups of `database`, newest first."""
    folder = backup_folder(database)
    if not folder.is_dir():
        return []
    found = []
    for path in folder.glob(f"{database.stem}-*.sqlite3"):
        match = NAME.match(path.name)
        if match and match.group("stem") == database.stem:
            taken_at = datetime.strptime(match.group("stamp"), STAMP).replace(tzinfo=UTC)
            found.append(Backup(path, taken_at, match.group("reason")))
    return sorted(found, key=lambda b: b.taken_at, reverse=True)


def restorable_backups(database: Path) -> list[Backup]:
    """The backups of `database` worth restoring, newest first: not the plain copies of a
    damaged file that a restore keeps."""
    return [backup for backup in list_backups(database) if backup.reason != DAMAGED]


def backups_to_prune(backups: list[Backup], now: datetime) -> list[Backup]:
    """Which backups the retention plan no longer needs (never the newest one)."""
    keep: set[Path] = set()
    buckets: set[tuple[str, object]] = set()
    for backup in sorted(backups, key=lambda b: b.taken_at, reverse=True):
        age = now - backup.taken_at
        if age <= timedelta(days=1):
            keep.add(backup.path)
            continue
        bucket = _bucket(backup.taken_at, age)
        if bucket is not None and bucket not in buckets:
            buckets.add(bucket)
            keep.add(backup.path)
    if backups:
        keep.add(max(backups, key=lambda b: b.taken_at).path)
    return [b for b in backups if b.path not in keep]


def _bucket(taken_at: datetime, age: timedelta) -> tuple[str, object] | None:
    if age <= timedelta(days=7):
        return ("day", taken_at.date())
    if age <= timedelta(weeks=5):
        return ("week", tuple(taken_at.isocalendar())[:2])
    if age <= timedelta(days=366):
        return ("month", (taken_at.year, taken_at.month))
    return None


def backup_due(database: Path, now: datetime | None = None) -> bool:
    """True when the database changed since the newest backup and that is over 30 minutes old."""
    if not database.exists():
        return False
    now = now or datetime.now(UTC)
    found = list_backups(database)
    if not found:
        return True
    newest = found[0].taken_at
    changed = max(
        datetime.fromtimestamp(p.stat().st_mtime, UTC)
        for p in (database, database.with_name(database.name + "-wal"))
        if p.exists()
    )
    # closing the backup connection may checkpoint the WAL a moment after the copy
    return changed > newest + timedelta(seconds=5) and now - newest >= AUTO_BACKUP_EVERY


def restore(database: Path, backup: Path) -> Backup:
    """Replace the database's contents with `backup`; the current state is backed up first.

    Every connection to the database must be closed before this is called.
    """
    if not backup.is_file():
        raise StoreError(f"no backup file {backup}")
    _check_backup(backup)
    safety = _keep_current(database) if database.exists() else None
    try:
        for stale in (database, *(database.with_name(database.name + s) for s in ("-wal", "-shm"))):
            stale.unlink(missing_ok=True)  # kept above; a damaged file cannot be written into
        _copy(backup, database)
    except (OSError, sqlite3.Error) as error:
        raise StoreError(f"could not restore {backup.name} into {database}: {error}") from None
    log.info(
        "restored %s into %s; the state before it is kept in %s",
        backup,
        database,
        safety.path if safety else "(there was no database file)",
    )
    return safety or Backup(backup, datetime.now(UTC), "restored")


def _keep_current(database: Path) -> Backup:
    """Back up the state about to be replaced; a damaged file is kept as a plain copy, byte
    for byte, with its write-ahead log (it may hold the last answers)."""
    if _sound(database):
        try:
            return take_backup(database, reason="before-restore")
        except StoreError:
            pass  # damaged in a way the check did not see: copied as it is, below
    taken_at = datetime.now(UTC)
    target = (
        backup_folder(database) / f"{database.stem}-{taken_at.strftime(STAMP)}-{DAMAGED}.sqlite3"
    )
    log_file = database.with_name(database.name + "-wal")
    try:
        make_private_folder(target.parent)
        _plain_copy(database, target)
        if log_file.is_file() and log_file.stat().st_size:
            _plain_copy(log_file, target.with_name(target.name + "-wal"))
    except OSError as error:
        raise StoreError(f"could not keep a copy of {database} before restoring: {error}") from None
    log.info("the damaged database %s was kept as a plain copy: %s", database, target)
    return Backup(target, taken_at, DAMAGED)


def _sound(database: Path) -> bool:
    """Whether SQLite reads the file as an undamaged database."""
    try:
        _quick_check(database)
    except StoreError:
        return False
    return True


def _check_backup(backup: Path) -> None:
    _quick_check(backup)


def _quick_check(file: Path) -> None:
    try:
        connection = sqlite3.connect(f"{file.resolve().as_uri()}?mode=ro", uri=True)
        try:
            result = connection.execute("PRAGMA quick_check").fetchone()[0]
        finally:
            connection.close()
    except sqlite3.Error as error:
        raise StoreError(f"the backup {file.name} cannot be read: {error}") from None
    if result != "ok":
        raise StoreError(f"the backup {file.name} is damaged ({result}): choose another")


def _plain_copy(source: Path, target: Path) -> None:
    """A byte-for-byte copy, readable by its owner only (copy2 keeps the source's mode)."""
    shutil.copy2(source, target)
    make_private(target)


def _copy(source: Path, target: Path) -> None:
    """SQLite's consistent copy of `source` into `target`, a new file readable by its owner
    only (a backup or a restored database)."""
    create_private_file(target)
    source_connection = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    target_connection = sqlite3.connect(target)
    try:
        source_connection.backup(target_connection)
    finally:
        target_connection.close()
        source_connection.close()
