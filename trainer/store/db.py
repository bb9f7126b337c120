"""Open the database: check it, back it up and migrate it, and hand out sessions.

SQLite runs in WAL mode with `synchronous=FULL`, so a committed answer survives a
killed process or a power cut; foreign keys are on; a busy timeout lets two
processes share one file. Write transactions start with BEGIN IMMEDIATE so a
second writer waits for the first instead of failing half-way; reads (`Store.reading`,
`Store.read_engine`) begin a deferred transaction and never take the write lock, so a
screen can read while another program writes.
"""

from __future__ import annotations

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
from trainer.store.errors import StoreError
from trainer.store.location import default_database_path, resolve_url, sqlite_path
from trainer.store.models import Setting, new_uuid

BUSY_TIMEOUT_SECONDS = 15
READ_ONLY = "trainer_read_only"  # an execution option: begin without the write lock


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
        if path is None:
            return False
        own = [path, *(path.with_name(path.name + end) for end in ("-wal", "-shm", "-journal"))]
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

    @property
    def display_name(self) -> str:
        return str(self.path) if self.path else self.url.render_as_string(hide_password=True)

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A unit of work: committed when the block ends, rolled back on error."""
        with self.sessions() as session, session.begin():
            yield session

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """A read-only unit of work: sees one consistent snapshot, takes no write lock, and
        is rolled back at the end (nothing read is ever written back)."""
        with Session(self.read_engine, expire_on_commit=False) as session:
            yield session  # closing the session rolls its transaction back

    def close(self) -> None:
        self.engine.dispose()


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
        raise StoreError(describe_database_error(error, url)) from None
    return Store(url, engine, sessionmaker(engine, expire_on_commit=False), installation_id)


def _check_sqlite_file(path: Path) -> None:
    folder = path.parent
    if not folder.exists():
        if path == default_database_path():
            folder.mkdir(parents=True, exist_ok=True)
        else:
            raise StoreError(
                f"the folder {folder} does not exist: create it, or choose another file with --db"
            )
    if path.exists() and not path.is_file():
        raise StoreError(f"{path} is not a file: choose a database file with --db")


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
        raise StoreError(corrupt_message(path, str(result)))


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
    found = backups.list_backups(path)
    where = (
        f"; the newest backup is {found[0].path.name} in {found[0].path.parent}:"
        " restore it with `trainer db restore`"
        if found
        else "; no backup of it was found"
    )
    extra = f" ({detail})" if detail else ""
    return f"the database {path} is damaged{extra}{where}"


def describe_database_error(error: BaseException, url: URL) -> str:
    """A sentence for the user from a driver error."""
    path = sqlite_path(url)
    message = str(getattr(error, "orig", error)).lower()
    if path is not None:
        if "not a database" in message or "malformed" in message:
            return corrupt_message(path)
        if "readonly" in message or "read-only" in message:
            return f"the database {path} is read-only: check the file's permissions, or choose another file with --db"
        if "unable to open" in message:
            return f"the database {path} cannot be opened: check that the folder exists and is writable"
        if "disk is full" in message or "disk i/o" in message:
            return f"the disk holding {path} is full or failing: free some space, then try again"
        if "locked" in message or "busy" in message:
            return f"the database {path} is busy in another program for too long: close it and try again"
    if isinstance(error, OperationalError) and url.get_backend_name() == "postgresql":
        return (
            f"cannot reach the PostgreSQL server {url.render_as_string(hide_password=True)}:"
            f" {str(getattr(error, 'orig', error)).strip().splitlines()[0]}"
        )
    return (
        f"the database cannot be used: {str(getattr(error, 'orig', error)).strip().splitlines()[0]}"
    )
