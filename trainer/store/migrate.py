"""Run Alembic migrations from inside the app, on an open connection.

Alembic is imported only when a migration actually runs: the revision check on every
start reads the `alembic_version` table directly, against the revisions listed here
(a test keeps this list equal to the migration scripts).
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Column, Engine, MetaData, String, Table, inspect, text

if TYPE_CHECKING:
    from alembic.config import Config
    from sqlalchemy import Connection

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
# oldest first; the last is the head
REVISIONS = ("0001", "0002", "0003", "0004", "0005", "0006", "0007", "0008")

log = logging.getLogger(__name__)


def head_revision() -> str:
    return REVISIONS[-1]


def known_revisions() -> set[str]:
    return set(REVISIONS)


def current_revision(engine: Engine) -> str | None:
    """The schema revision the database is at; None for an empty database."""
    with engine.connect() as connection:
        if not inspect(connection).has_table("alembic_version"):
            return None
        return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()


def alembic_config(connection: Connection | None = None) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


def upgrade(engine: Engine) -> None:
    """Bring the schema to the newest revision.

    An empty database gets the tables of the models and is stamped with the head
    revision, the usual Alembic practice for new databases (a test keeps the models
    and the migrations equal); an existing one runs the migration scripts.
    """
    url = engine.url
    database = url.database if url.get_backend_name() == "sqlite" else url.render_as_string()
    before = current_revision(engine)
    if before is None:
        _create_at_head(engine)
        log.info("database %s created at schema %s", database, head_revision())
        return
    from alembic import command

    with engine.begin() as connection:
        command.upgrade(alembic_config(connection), "head")
    log.info("database %s migrated from schema %s to %s", database, before, head_revision())


def _create_at_head(engine: Engine) -> None:
    from trainer.store.models import Base

    version = Table(
        "alembic_version",
        MetaData(),
        Column("version_num", String(32), primary_key=True),
    )
    with engine.begin() as connection:
        Base.metadata.create_all(connection)
        version.create(connection)
        connection.execute(version.insert().values(version_num=head_revision()))
