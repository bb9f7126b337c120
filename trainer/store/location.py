"""Where the database lives: `--db`, then TRAINER_DB_URL, then the user data folder."""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_data_dir
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError

from trainer.paths import APP_DIR_NAME
from trainer.store.errors import StoreError

DATABASE_FILE = "trainer.sqlite3"
ENVIRONMENT_VARIABLE = "TRAINER_DB_URL"


def default_database_path() -> Path:
    return Path(user_data_dir(APP_DIR_NAME, appauthor=False)) / DATABASE_FILE


def resolve_url(option: str | None = None) -> URL:
    """The database URL to use; a plain file path means an SQLite file."""
    text = option or os.environ.get(ENVIRONMENT_VARIABLE) or str(default_database_path())
    if "://" not in text:
        return make_url(f"sqlite:///{Path(text).expanduser().resolve()}")
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
