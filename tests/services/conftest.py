"""Fixtures shared by the service tests."""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from tests.services.demo_database import DemoDatabase, build_demo_database


@pytest.fixture(scope="session")
def demo_database_template(tmp_path_factory) -> DemoDatabase:
    """The demo's SQLite database, filled once per session; tests use copies of it."""
    return build_demo_database(str(tmp_path_factory.mktemp("demo") / "demo.sqlite3"))


@pytest.fixture
def demo_database(db_url: str, demo_database_template: DemoDatabase) -> DemoDatabase:
    """A database filled by the demo: 12 fictional learners, one in each state (seed 1,
    shipped course). SQLite: a fresh copy of one filled file; PostgreSQL: filled afresh."""
    if "://" in db_url:
        return build_demo_database(db_url)
    target = Path(db_url)
    target.parent.mkdir(parents=True, exist_ok=True)
    source = Path(demo_database_template.url)
    for suffix in ("", "-wal", "-shm"):  # the store is closed: normally the file alone
        if Path(f"{source}{suffix}").exists():
            shutil.copyfile(f"{source}{suffix}", f"{target}{suffix}")
    summary = replace(demo_database_template.summary, database=str(target))
    return replace(demo_database_template, url=str(target), summary=summary)
