"""Open the database: check it, back it up and migrate it, and hand out sessions.

SQLite runs in WAL mode with `synchronous=FULL`, so a committed answer survives a
killed process or a power cut; foreign keys are on; a busy timeout lets two
processes share one file. Write transactions start with BEGIN IMMEDIATE so a
second writer waits for the first instead of failing half-way; reads (`Store.reading`,
`Store.read_engine`) begin a deferred transaction and never take the write lock, so a
screen can read while another program writes.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, select, text
from sqlalchemy.engine import URL
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from trainer.store import backups, migrate
from trainer.store.errors import DamagedDatabase, StoreError
from trainer.store.location import default_database_path, resolve_url, sqlite_path
from trainer.store.models import Setting, new_uuid
from trainer.store.private_files import create_private_file, make_private_folder

BUSY_TIMEOUT_SECONDS = 15
READ_ONLY = "trainer_read_only"  # an execution option: begin without the write lock
JOURNAL_ENDINGS = ("-wal", "-shm", "-journal")
_opened: set[Path] = set()  # the SQLite files this process opened (see opened_database_holding)


@dataclass
class Store:
    """An open, checked and migrated database."""

    url: URL
    engine: Engine
    sessions: sessionmaker[Session]
    installation_id: str

    @property
    def read_engine(self) -> Engine:
        """The engine for reading only: its transactions never take the write lock."""
        return self.engine.execution_options(**{READ_ONLY: True})

    @property
    def path(self) -> Path | None:
        return sqlite_path(self.url)

    def holds(self, candidate: Path) -> bool:
        """Whether `candidate` is this database's file or one of its journal files: reading
        or writing one of those from this process would drop SQLite's locks or overwrite the
        data, so no export or import may use them. Decided from names and inodes only."""
        path = self.path
        return path is not None and database_holds(path, candidate)

    @property
    def display_name(self) -> str:
        return str(self.path) if self.path else self.url.render_as_string(hide_password=True)

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A unit of work: committed when the block ends, rolled back on error. A read-only
        file, a full or failing disk, a lost server become a StoreError that says so."""
        try:
            with self.sessions() as session, session.begin():
                yield session
        except (DBAPIError, sqlite3.Error) as error:
            raise_fault(error, self.url, writing=True)
            raise

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """A read-only unit of work: sees one consistent snapshot, takes no write lock, and
        is rolled back at the end (nothing read is ever written back)."""
        try:
            with Session(self.read_engine, expire_on_commit=False) as session:
                yield session  # closing the session rolls its transaction back
        except (DBAPIError, sqlite3.Error) as error:
            raise_fault(error, self.url, writing=False)
            raise

    def close(self) -> None:
        self.engine.dispose()


def database_holds(database: Path, candidate: Path) -> bool:
    """Whether `candidate` is the SQLite file `database` or one of its journal files, by
    name or by inode (a link or another spelling of the same file)."""
    own = [database, *(database.with_name(database.name + end) for end in JOURNAL_ENDINGS)]
    target = candidate.expanduser().absolute()
    for file in own:
        if target == file.absolute():
            return True
        try:
            if target.exists() and file.exists() and target.samefile(file):
                return True
        except OSError:
            continue
    return False


def opened_database_holding(candidate: Path) -> Path | None:
    """The database file opened in this process that `candidate` is (or is a journal file
    of), if any: no output file may be written over it."""
    return next((path for path in tuple(_opened) if database_holds(path, candidate)), None)


def open_store(url_text: str | None = None, *, upgrade: bool = True) -> Store:
    """Open the database named by `--db`, TRAINER_DB_URL or the default; StoreError if unusable."""
    url = resolve_url(url_text)
    path = sqlite_path(url)
    if path is not None:
        _check_sqlite_file(path)
    engine = _create_engine(url)
    try:
        _check_integrity(engine, path)
        revision = _check_revision(engine)
        if upgrade and revision != migrate.head_revision():
            if path is not None and revision is not None:
                backups.take_backup(path, reason="before-upgrade")
            migrate.upgrade(engine)
        installation_id = _installation_id(engine)
    except StoreError:
        engine.dispose()
        raise
    except (DBAPIError, sqlite3.Error) as error:
        engine.dispose()
        raise database_error(error, url) from None
    if path is not None:
        _opened.add(path)
    return Store(url, engine, sessionmaker(engine, expire_on_commit=False), installation_id)


def _check_sqlite_file(path: Path) -> None:
    folder = path.parent
    if path == default_database_path():
        _make_data_folder(folder)
    elif not folder.exists():
        raise StoreError(
            f"the folder {folder} does not exist: create it, or choose another file with --db"
        )
    if path.exists() and not path.is_file():
        raise StoreError(f"{path} is not a file: choose a database file with --db")
    if path.is_file() and path.stat().st_size == 0 and backups.list_backups(path):
        # SQLite would take an emptied file for a new database: every profile would vanish
        raise DamagedDatabase(corrupt_message(path, "the file is empty"))
    _create_database_file(path)


def _make_data_folder(folder: Path) -> None:
    """The app's own data folder: created if missing, and the owner's only."""
    try:
        make_private_folder(folder)
    except OSError as error:
        raise StoreError(
            f"the folder {folder} cannot be created ({error.strerror}): choose another file"
            " with --db"
        ) from None


def _create_database_file(path: Path) -> None:
    """A new database file is made here, readable by its owner only, before SQLite opens
    it (SQLite would make it readable by everyone)."""
    try:
        create_private_file(path)
    except OSError as error:
        raise StoreError(
            f"the database {path} cannot be created ({error.strerror}): check that the folder"
            " is writable, or choose another file with --db"
        ) from None


def _create_engine(url: URL) -> Engine:
    if url.get_backend_name() != "sqlite":
        return create_engine(url, pool_pre_ping=True)
    engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_SECONDS})

    @event.listens_for(engine, "connect")
    def _configure(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # transactions are begun below, explicitly
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_SECONDS * 1000}")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = FULL")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(connection: Any) -> None:
        reading = connection.get_execution_options().get(READ_ONLY, False)
        connection.exec_driver_sql("BEGIN" if reading else "BEGIN IMMEDIATE")

    return engine


def _check_integrity(engine: Engine, path: Path | None) -> None:
    if path is None:
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
        return
    with engine.connect() as connection:
        result = connection.exec_driver_sql("PRAGMA quick_check").scalar()
    if result != "ok":
        raise DamagedDatabase(corrupt_message(path, str(result)))


def _check_revision(engine: Engine) -> str | None:
    revision = migrate.current_revision(engine)
    if revision is not None and revision not in migrate.known_revisions():
        raise StoreError(
            f"this database was made by a newer version of the app (schema {revision}):"
            " install the newer version, or choose another file with --db"
        )
    return revision


def _installation_id(engine: Engine) -> str:
    with Session(engine) as session, session.begin():
        setting = session.scalar(select(Setting).where(Setting.key == "installation_id"))
        if setting is None:
            setting = Setting(key="installation_id", value=new_uuid())
            session.add(setting)
        return setting.value


def corrupt_message(path: Path, detail: str = "") -> str:
    found = backups.restorable_backups(path)
    where = (
        f"; the newest backup is {found[0].path.name} in {found[0].path.parent}:"
        " restore it with `trainer db restore`"
        if found
        else "; no backup of it was found"
    )
    extra = f" ({detail})" if detail else ""
    return f"the database {path} is damaged{extra}{where}"


# What went wrong with the database, as far as a person can act on it
DAMAGED, READ_ONLY, FULL, DISK_FAILED, CANNOT_OPEN, BUSY, SERVER = (
    "damaged", "read-only", "full", "disk-failed", "cannot-open", "busy", "server",
)  # fmt: skip
KEPT = "; everything saved before is kept"


def fault_kind(error: BaseException, url: URL) -> str | None:
    """Which of the faults above a driver error is (SQLite's message, PostgreSQL's SQLSTATE);
    None for anything else (a bug, not the database's state)."""
    original = getattr(error, "orig", error)
    message = str(original).lower()
    sqlstate = str(getattr(original, "sqlstate", "") or "")
    if url.get_backend_name() == "postgresql":
        if sqlstate == "25006":  # read_only_sql_transaction: a standby or a read-only setting
            return READ_ONLY
        if sqlstate == "53100":  # disk_full
            return FULL
        if sqlstate == "58030":  # io_error
            return DISK_FAILED
        if isinstance(error, OperationalError):  # the connection or the server went away
            return SERVER
        return None
    kinds = (
        (DAMAGED, ("not a database", "malformed")),
        (READ_ONLY, ("readonly", "read-only")),
        (FULL, ("disk is full",)),
        (DISK_FAILED, ("disk i/o",)),
        (CANNOT_OPEN, ("unable to open",)),
        (BUSY, ("locked", "busy")),
    )
    return next((kind for kind, words in kinds if any(w in message for w in words)), None)


def raise_fault(error: BaseException, url: URL, *, writing: bool) -> None:
    """Raise a StoreError that says what happened when `error` is one of the faults above;
    return otherwise (the caller re-raises a bug as it is)."""
    if fault_kind(error, url) is not None:
        raise database_error(error, url, writing=writing) from error


def database_error(error: BaseException, url: URL, *, writing: bool = False) -> StoreError:
    """The StoreError for a driver error: DamagedDatabase when only a restore can help."""
    message = describe_database_error(error, url, writing=writing)
    if fault_kind(error, url) == DAMAGED and sqlite_path(url) is not None:
        return DamagedDatabase(message)
    return StoreError(message)


def describe_database_error(error: BaseException, url: URL, *, writing: bool = False) -> str:
    """A sentence for the user from a driver error; `writing` when it stopped a save, which
    then says that nothing saved before is lost."""
    path = sqlite_path(url)
    kind = fault_kind(error, url)
    if path is not None and kind == DAMAGED:
        return corrupt_message(path)
    if writing and kind is not None:
        return _write_fault_message(kind, error, url)
    if path is not None:
        if kind == READ_ONLY:
            return f"the database {path} is read-only: check the file's permissions, or choose another file with --db"
        if kind == CANNOT_OPEN and path.is_file() and not os.access(path.parent, os.W_OK):
            return (
                f"the database {path} cannot be opened, even to read it: its folder is read-only,"
                " and SQLite must write a small file beside it (its -shm file) to read it: ask"
                " whoever looks after this computer to make the folder writable, or copy the"
                " file into a folder you can write to and open that copy with --db"
            )
        if kind == CANNOT_OPEN:
            return f"the database {path} cannot be opened: check that the folder exists and is writable"
        if kind == FULL:
            return f"the disk holding {path} is full: free some space, then try again"
        if kind == DISK_FAILED:
            return f"the disk holding {path} is failing (a disk I/O error): check that the drive is still connected, then try again"
        if kind == BUSY:
            return f"the database {path} is busy in another program for too long: close it and try again"
    if isinstance(error, OperationalError) and url.get_backend_name() == "postgresql":
        return f"cannot reach the PostgreSQL server {_server(url)}: {_first_line(error)}"
    return f"the database cannot be used: {_first_line(error)}"


def _write_fault_message(kind: str, error: BaseException, url: URL) -> str:
    where = sqlite_path(url)
    if where is None:
        server = _server(url)
        return {
            READ_ONLY: f"the PostgreSQL server {server} accepts no changes (it is read-only){KEPT}:"
            " ask its administrator, then try again",
            FULL: f"the PostgreSQL server {server} has no disk space left{KEPT}: ask its"
            " administrator to free some, then try again",
            DISK_FAILED: f"the PostgreSQL server {server} could not write to its disk{KEPT}: ask"
            " its administrator, then try again",
        }.get(
            kind,
            f"the PostgreSQL server {server} could not be reached ({_first_line(error)}){KEPT}:"
            " check the network and the server, then try again",
        )
    return {
        READ_ONLY: f"the database {where} is read-only{KEPT}: ask whoever looks after this"
        " computer to make the file and its folder writable, then try again",
        FULL: f"the disk holding {where} is full{KEPT}: free some space, then try again",
        DISK_FAILED: f"the disk holding {where} could not be written (a disk I/O error){KEPT}:"
        " check that the drive is still connected and working, then try again",
        CANNOT_OPEN: f"the database {where} can no longer be opened (its folder or drive may"
        f" have gone away){KEPT}: check that the folder is there and writable, then try again",
        BUSY: f"the database {where} is busy in another program for too long{KEPT}: close"
        " that program, then try again",
    }[kind]


def _server(url: URL) -> str:
    return url.render_as_string(hide_password=True)


def _first_line(error: BaseException) -> str:
    original = getattr(error, "orig", error)
    return (str(original).strip().splitlines() or [type(original).__name__])[0]
