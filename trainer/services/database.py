"""Opening the database, backing it up and restoring it: the use cases behind the start of
the app, File > Back up now and File > Restore a backup, and the `trainer db` commands.

Screens and commands come here instead of reaching into the store, so every open is
checked, migrated and logged one way, and a damaged file can still be restored.
`Store` and `Backup` are re-exported for type hints.
"""

from __future__ import annotations

import logging
from pathlib import Path

from trainer.store import backups
from trainer.store.backups import Backup
from trainer.store.db import Store, open_store
from trainer.store.errors import StoreError
from trainer.store.location import resolve_url, sqlite_path

__all__ = [
    "Backup",
    "Store",
    "back_up",
    "back_up_if_due",
    "backup_due",
    "backup_folder",
    "database_file",
    "database_location",
    "list_backups",
    "open_database",
    "profiles_in_backup",
    "restorable_backups",
    "restore_backup",
    "sqlite_file",
]

log = logging.getLogger(__name__)


def open_database(url_text: str | None = None, *, upgrade: bool = True) -> Store:
    """Open the database `--db`, TRAINER_DB_URL or the default names: checked, backed up
    before a migration, migrated; StoreError with a sentence a person can act on if not."""
    try:
        store = open_store(url_text, upgrade=upgrade)
    except StoreError as error:
        log.warning("database %s not opened: %s", database_location(url_text), error)
        raise
    log.info("database opened: %s (installation %s)", store.display_name, store.installation_id)
    return store


def database_file(url_text: str | None = None) -> Path | None:
    """The SQLite file the database setting names, even when it cannot be opened (a
    damaged file can still be restored); None for a server or an unusable setting."""
    try:
        return sqlite_path(resolve_url(url_text))
    except StoreError:
        return None


def sqlite_file(url_text: str | None = None) -> Path:
    """The SQLite file the database setting names, found without opening it, so that its
    backups can be listed and restored even when it is damaged; StoreError for a server
    or an unusable setting."""
    path = sqlite_path(resolve_url(url_text))
    if path is None:
        raise StoreError(
            "backups here are for SQLite files; back up a PostgreSQL server with pg_dump"
        )
    return path


def database_location(url_text: str | None = None) -> str:
    """Where progress is saved, as a person reads it: a file path, or a server's URL with
    any password hidden."""
    try:
        url = resolve_url(url_text)
    except StoreError:
        return "(an unusable database setting)"
    path = sqlite_path(url)
    return str(path) if path is not None else url.render_as_string(hide_password=True)


def back_up(database: Path, reason: str = "manual") -> Backup:
    """Copy the live SQLite file into its backup folder now; StoreError if it cannot."""
    return backups.take_backup(database, reason=reason)


def backup_due(database: Path) -> bool:
    """True when the file changed since its newest backup and that is over 30 minutes old."""
    return backups.backup_due(database)


def back_up_if_due(database: Path) -> Backup | None:
    """The automatic backup: taken only when one is due."""
    return backups.take_backup(database, reason="auto") if backups.backup_due(database) else None


def list_backups(database: Path) -> list[Backup]:
    """The backups of `database`, newest first."""
    return backups.list_backups(database)


def restorable_backups(database: Path) -> list[Backup]:
    """The backups worth restoring, newest first: not the plain copies of a damaged file."""
    return backups.restorable_backups(database)


def profiles_in_backup(backup: Path) -> list[str] | None:
    """The names of the profiles a backup holds (None if it cannot be read): what a restore
    brings back."""
    return backups.profile_names(backup)


def backup_folder(database: Path) -> Path:
    return backups.backup_folder(database)


def restore_backup(database: Path, backup: Path) -> Backup:
    """Replace the file's contents with `backup`, keeping the replaced state (a damaged file
    as a plain copy); returns that kept copy. Close every connection to it first."""
    return backups.restore(database, backup)
