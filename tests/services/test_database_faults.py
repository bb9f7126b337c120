"""A damaged, read-only or full database: a clear message, a way back, and nothing lost.

Tests run as root in CI, where file permissions stop no write, so the faults are made:
SQLite's `query_only` refuses every write as a read-only file does ("attempt to write a
readonly database"); a full or failing disk is a commit that raises SQLite's error.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import event
from sqlalchemy.exc import InternalError

from trainer.services import accounts, attempts
from trainer.services.catalog import Catalog
from trainer.store.db import Store, describe_database_error, open_store
from trainer.store.errors import StoreError
from trainer.store.location import resolve_url


def read_only(store: Store) -> None:
    """From now on every write is refused as a read-only file refuses it."""
    store.engine.dispose()  # the pooled connections are made again, read-only

    @event.listens_for(store.engine, "connect")
    def _refuse_writes(dbapi_connection, _record) -> None:
        dbapi_connection.execute("PRAGMA query_only = ON")


def failing_commits(monkeypatch, message: str) -> Callable[[Store], None]:
    """From now on every commit fails with SQLite's `message`."""

    def fail(self, dbapi_connection) -> None:
        raise sqlite3.OperationalError(message)

    return lambda _store: monkeypatch.setattr(
        "sqlalchemy.engine.default.DefaultDialect.do_commit", fail
    )


FAULTS = {
    "read-only": ("the database", "is read-only; everything saved before is kept: ask whoever"),
    "database or disk is full": ("the disk holding", "is full; everything saved before is kept"),
    "disk I/O error": ("the disk holding", "(a disk I/O error); everything saved before is kept"),
}


@pytest.mark.parametrize("fault", FAULTS)
def test_an_answer_that_cannot_be_saved_says_why_and_keeps_the_saved_ones(
    tmp_path: Path, catalog: Catalog, monkeypatch, fault: str
) -> None:
    path = tmp_path / "t.sqlite3"
    store = open_store(str(path))
    learner = accounts.create_learner(store, "Ana")
    attempt = attempts.start_attempt(store, catalog, learner.id, "basics-quiz", seed=3)
    first, second = attempt.question_ids[:2]
    attempts.save_answer(store, catalog, attempt.id, first, "a")
    where, words = FAULTS[fault]
    make_fault = read_only if fault == "read-only" else failing_commits(monkeypatch, fault)
    make_fault(store)
    with pytest.raises(StoreError) as refused:
        attempts.save_answer(store, catalog, attempt.id, second, "b")
    monkeypatch.undo()
    store.close()
    message = str(refused.value)
    assert message.startswith(f"{where} {path} ") and words in message
    store = open_store(str(path))
    [kept] = attempts.unfinished_attempts(store, catalog, learner.id)
    assert kept.answers == {first: "a"}
    store.close()


def test_a_read_only_database_can_still_be_read(tmp_path: Path) -> None:
    store = open_store(str(tmp_path / "t.sqlite3"))
    accounts.create_learner(store, "Ana")
    read_only(store)
    assert [learner.display_name for learner in accounts.list_learners(store)] == ["Ana"]
    store.close()


def test_a_failed_commit_saves_nothing_half_way(tmp_path: Path, monkeypatch) -> None:
    store = open_store(str(tmp_path / "t.sqlite3"))
    failing_commits(monkeypatch, "database or disk is full")(store)
    with pytest.raises(StoreError, match="is full; everything saved before is kept"):
        accounts.create_learner(store, "Ana")
    monkeypatch.undo()
    assert accounts.list_learners(store) == []
    store.close()


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write any file")
def test_a_read_only_file_opens_for_reading_and_refuses_writes(tmp_path: Path) -> None:
    path = tmp_path / "t.sqlite3"
    store = open_store(str(path))
    accounts.create_learner(store, "Ana")
    store.close()
    path.chmod(0o444)
    store = open_store(str(path))
    assert [learner.display_name for learner in accounts.list_learners(store)] == ["Ana"]
    with pytest.raises(StoreError, match="is read-only; everything saved before is kept"):
        accounts.create_learner(store, "Bea")
    store.close()


def test_a_read_only_postgresql_server_is_named(tmp_path: Path) -> None:
    class ReadOnlyTransaction(Exception):
        sqlstate = "25006"

    error = InternalError("INSERT", {}, ReadOnlyTransaction("read-only transaction"))
    url = resolve_url("postgresql://ana:secret@db.example/trainer")
    message = describe_database_error(error, url, writing=True)
    assert message.startswith("the PostgreSQL server postgresql+psycopg://ana:***@db.example")
    assert "accepts no changes (it is read-only); everything saved before is kept" in message


def test_a_read_only_folder_that_stops_reading_is_named(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "t.sqlite3"
    open_store(str(path)).close()
    monkeypatch.setattr(
        "trainer.store.db.os.access", lambda file, mode: Path(file) != tmp_path
    )  # as for a folder its reader may not write to
    error = sqlite3.OperationalError("unable to open database file")
    message = describe_database_error(error, resolve_url(str(path)))
    assert message.startswith(f"the database {path} cannot be opened, even to read it: its folder")
    assert "copy the file into a folder you can write to" in message
