"""The database: migrations, SQLite settings, bad files and backups."""

from __future__ import annotations

import os
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from trainer.store import backups, migrate
from trainer.store.db import describe_database_error, open_store
from trainer.store.errors import StoreError
from trainer.store.location import resolve_url
from trainer.store.models import Base


def test_migrations_build_the_schema_of_the_models(db_url: str) -> None:
    from alembic import command
    from sqlalchemy import create_engine

    url = resolve_url(db_url)
    if url.get_backend_name() == "sqlite":
        Path(url.database).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url)
    with engine.begin() as connection:  # from zero, through every migration script
        command.upgrade(migrate.alembic_config(connection), "head")
    with engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    assert differences == []
    assert migrate.current_revision(engine) == migrate.head_revision()
    engine.dispose()


def test_an_older_database_is_upgraded_on_opening_and_keeps_its_rows(db_url: str) -> None:
    from alembic import command
    from sqlalchemy import create_engine, text

    url = resolve_url(db_url)
    if url.get_backend_name() == "sqlite":
        Path(url.database).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url)
    with engine.begin() as connection:  # a database made by the release before 0003
        command.upgrade(migrate.alembic_config(connection), "0002")
        connection.execute(
            text(
                "INSERT INTO learner VALUES ('l1', 'i1', 'Ana', '', '', 'learner', NULL,"
                " '2026-01-01 09:00:00', '2026-01-01 09:00:00')"
            )
        )
        connection.execute(text(
            "INSERT INTO certificate VALUES ('ABCD-EFGH-JKMN', 'c1', 'i1', 'l1', 'demo', '1',"
            " 'h', 1.0, 90.0, '2026-01-02 09:00:00', '2026-01-02 09:00:00',"
            " '2032-01-02 09:00:00')"
        ))  # fmt: skip
    engine.dispose()

    store = open_store(db_url)
    assert migrate.current_revision(store.engine) == migrate.head_revision()
    with store.engine.begin() as connection:
        kept = connection.execute(text("SELECT posttest_percent FROM certificate")).scalar()
        connection.execute(text("UPDATE certificate SET posttest_percent = NULL"))
    assert kept == 90.0
    store.close()


def test_a_new_database_starts_at_the_head_revision(store) -> None:
    with store.engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    assert differences == []
    assert migrate.current_revision(store.engine) == migrate.head_revision()


def test_installation_id_is_stable(db_url: str) -> None:
    if "://" not in db_url:
        Path(db_url).parent.mkdir(parents=True)
    first = open_store(db_url)
    first.close()
    second = open_store(db_url)
    assert first.installation_id == second.installation_id
    second.close()


def test_sqlite_is_durable_and_shared_safely(tmp_path: Path) -> None:
    store = open_store(str(tmp_path / "t.sqlite3"))
    with store.engine.connect() as connection:
        pragma = lambda name: connection.exec_driver_sql(f"PRAGMA {name}").scalar()  # noqa: E731
        assert pragma("journal_mode") == "wal"
        assert pragma("foreign_keys") == 1
        assert pragma("synchronous") == 2  # FULL: a commit survives power loss
        assert pragma("busy_timeout") >= 5000
    store.close()


def test_database_url_sources(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setenv("TRAINER_DB_URL", str(tmp_path / "env.sqlite3"))
    assert resolve_url().database == str(tmp_path / "env.sqlite3")
    assert resolve_url(str(tmp_path / "opt.sqlite3")).database == str(tmp_path / "opt.sqlite3")
    assert resolve_url("postgresql://u@h/db").drivername == "postgresql+psycopg"
    with pytest.raises(StoreError, match="`mysql` databases are not supported"):
        resolve_url("mysql://u@h/db")


def test_corrupt_file_says_so_and_points_to_the_newest_backup(tmp_path: Path) -> None:
    path = tmp_path / "t.sqlite3"
    open_store(str(path)).close()
    backup = backups.take_backup(path)
    path.write_bytes(b"this is not a database, it was overwritten" * 100)
    with pytest.raises(StoreError) as error:
        open_store(str(path))
    assert f"the database {path} is damaged" in str(error.value)
    assert backup.path.name in str(error.value) and "trainer db restore" in str(error.value)


def test_missing_folder(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match=r"the folder .*nowhere does not exist: create it"):
        open_store(str(tmp_path / "nowhere" / "t.sqlite3"))


def test_database_from_a_newer_version(tmp_path: Path) -> None:
    path = tmp_path / "t.sqlite3"
    open_store(str(path)).close()
    with sqlite3.connect(path) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '9999'")
    with pytest.raises(StoreError, match="made by a newer version of the app"):
        open_store(str(path))


def test_read_only_database_message(tmp_path: Path) -> None:
    path = tmp_path / "t.sqlite3"
    open_store(str(path)).close()
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    with pytest.raises(sqlite3.OperationalError) as raised:
        connection.execute("INSERT INTO setting VALUES ('x', 'y')")
    connection.close()
    message = describe_database_error(raised.value, resolve_url(str(path)))
    assert (
        message
        == f"the database {path} is read-only: check the file's permissions, or choose another file with --db"
    )


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write any file")
def test_read_only_file_is_refused_with_a_message(tmp_path: Path) -> None:
    path = tmp_path / "t.sqlite3"
    open_store(str(path)).close()
    path.chmod(0o444)
    tmp_path.chmod(0o555)
    try:
        with pytest.raises(StoreError, match=r"read-only|cannot be opened"):
            open_store(str(path))
    finally:
        tmp_path.chmod(0o755)


def test_backup_is_taken_before_a_migration(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "t.sqlite3"
    open_store(str(path)).close()
    monkeypatch.setattr(migrate, "head_revision", lambda: "9999")
    monkeypatch.setattr(migrate, "upgrade", lambda engine: None)
    open_store(str(path)).close()
    assert [b.reason for b in backups.list_backups(path)] == ["before-upgrade"]


def test_restore_brings_back_the_data_and_keeps_the_replaced_state(tmp_path: Path) -> None:
    from trainer.services.accounts import create_learner, list_learners

    path = tmp_path / "t.sqlite3"
    store = open_store(str(path))
    create_learner(store, "Before backup")
    taken = backups.take_backup(path)
    create_learner(store, "After backup")
    store.close()
    safety = backups.restore(path, taken.path)
    store = open_store(str(path))
    assert [learner.display_name for learner in list_learners(store)] == ["Before backup"]
    store.close()
    assert safety.reason == "before-restore" and safety.path.exists()
    kept = sqlite3.connect(safety.path).execute("SELECT count(*) FROM learner").fetchone()[0]
    assert kept == 2


def test_a_damaged_backup_is_not_restored(tmp_path: Path) -> None:
    path = tmp_path / "t.sqlite3"
    open_store(str(path)).close()
    bad = tmp_path / "bad.sqlite3"
    bad.write_bytes(b"garbage" * 500)
    with pytest.raises(StoreError, match=r"cannot be read|is damaged"):
        backups.restore(path, bad)


def test_retention_keeps_days_weeks_and_months() -> None:
    now = datetime(2026, 6, 30, 12, tzinfo=UTC)
    hours = [now - timedelta(hours=h) for h in range(0, 24 * 400, 6)]
    made = [backups.Backup(Path(f"/b/{i}"), t, "auto") for i, t in enumerate(hours)]
    kept = {b.taken_at for b in made} - {b.taken_at for b in backups.backups_to_prune(made, now)}
    recent = [t for t in kept if now - t <= timedelta(days=1)]
    assert len(recent) == 5  # every backup of the last day
    days = {t.date() for t in kept if timedelta(days=1) < now - t <= timedelta(days=7)}
    assert len(days) >= 6
    assert all(now - t <= timedelta(days=366) for t in kept)
    months = {(t.year, t.month) for t in kept if now - t > timedelta(weeks=5)}
    assert len(months) >= 10
    assert len(kept) < 60


def test_backup_due_after_changes_and_thirty_minutes(tmp_path: Path) -> None:
    path = tmp_path / "t.sqlite3"
    open_store(str(path)).close()
    assert backups.backup_due(path)
    taken = backups.take_backup(path)
    assert not backups.backup_due(path)
    later = taken.taken_at + timedelta(minutes=31)
    assert not backups.backup_due(path, now=later)  # nothing changed since
    changed = (taken.taken_at + timedelta(minutes=10)).timestamp()
    os.utime(path, (changed, changed))
    assert backups.backup_due(path, now=later)


def test_restore_over_a_damaged_file_keeps_a_copy_of_it(tmp_path: Path) -> None:
    path = tmp_path / "t.sqlite3"
    open_store(str(path)).close()
    taken = backups.take_backup(path)
    path.write_bytes(b"damaged" * 1000)
    kept = backups.restore(path, taken.path)
    assert kept.reason == "damaged" and kept.path.read_bytes().startswith(b"damaged")
    open_store(str(path)).close()  # usable again


def test_listed_revisions_are_the_migration_scripts() -> None:
    from alembic.script import ScriptDirectory

    scripts = ScriptDirectory.from_config(migrate.alembic_config())
    assert [s.revision for s in reversed(list(scripts.walk_revisions()))] == list(migrate.REVISIONS)
    assert scripts.get_current_head() == migrate.head_revision()


def test_a_screen_reads_while_another_program_writes(tmp_path: Path, catalog) -> None:
    """Reads take no write lock: a learner's record and the grid load while another
    process holds the database's write transaction (they would wait for it otherwise)."""
    from trainer.services import accounts
    from trainer.services.learner_grid import learner_grid
    from trainer.services.learner_progress import learner_progress

    store = open_store(str(tmp_path / "shared.db"))
    learner = accounts.create_learner(store, "Ana Ruiz")
    writer = sqlite3.connect(tmp_path / "shared.db", isolation_level=None, timeout=0)
    writer.execute("BEGIN IMMEDIATE")
    writer.execute("UPDATE learner SET organisation = 'North'")
    probe = sqlite3.connect(tmp_path / "shared.db", isolation_level=None, timeout=0)
    with pytest.raises(sqlite3.OperationalError, match="locked"):  # the write lock is held
        probe.execute("BEGIN IMMEDIATE")
    probe.close()
    try:
        record = learner_progress(store, catalog, learner.id)
        rows = learner_grid(store, catalog)
    finally:
        writer.execute("ROLLBACK")
        writer.close()
        store.close()
    assert record.learner.display_name == "Ana Ruiz" and record.time.total_seconds == 0
    assert [row.name for row in rows] == ["Ana Ruiz"]
