"""Where the database lives: `--db`, then TRAINER_DB_URL, then the user data folder.

SQLAlchemy is imported only to read a URL: the start screen finds a plain file without it
(`plain_file`), before the rest of the app has loaded."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from platformdirs import user_data_dir

from trainer.paths import APP_DIR_NAME
from trainer.store.errors import StoreError

if TYPE_CHECKING:
    from sqlalchemy.engine import URL

DATABASE_FILE = "trainer.sqlite3"
ENVIRONMENT_VARIABLE = "TRAINER_DB_URL"


def default_database_path() -> Path:
    return Path(user_data_dir(APP_DIR_NAME, appauthor=False)) / DATABASE_FILE


def database_setting(option: str | None = None) -> str:
    """What names the database: `--db`, else TRAINER_DB_URL, else the default file."""
    return option or os.environ.get(ENVIRONMENT_VARIABLE) or str(default_database_path())


def plain_file(option: str | None = None) -> Path | None:
    """The SQLite file the setting names when it is a plain path (not a URL), else None."""
    text = database_setting(option)
    return None if "://" in text else Path(text).expanduser().resolve()


def resolve_url(option: str | None = None) -> URL:
    """The database URL to use; a plain file path means an SQLite file."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    file = plain_file(option)
    if file is not None:
        return make_url(f"sqlite:///{file}")
    text = database_setting(option)
    try:
        url = make_url(text)
    except ArgumentError:
        raise StoreError(
            f"`{text}` is not a database URL: use a file path, sqlite:///PATH or"
            " postgresql+psycopg://USER@HOST/DB"
        ) from None
    if url.get_backend_name() not in {"sqlite", "postgresql"}:
        raise StoreError(
            f"`{url.get_backend_name()}` databases are not supported: use SQLite or PostgreSQL"
        )
    if url.get_backend_name() == "postgresql":
        url = url.set(drivername="postgresql+psycopg")  # the driver this app ships
    return url


def sqlite_path(url: URL) -> Path | None:
    """The file of an SQLite URL; None for other databases and in-memory SQLite."""
    if url.get_backend_name() != "sqlite" or not url.database or url.database == ":memory:":
        return None
    return Path(url.database)
