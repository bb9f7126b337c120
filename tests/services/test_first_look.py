"""The first look: the start screen's course title and profiles, read without the course
and database code, and always what the full load would show."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

from trainer.services import accounts
from trainer.services.catalog import open_catalog
from trainer.services.first_look import first_look
from trainer.store.db import open_store


def kept(root: Path) -> str:
    """Load the course as the app's start does, which keeps it; its title."""
    return open_catalog(root / "curriculum", root / "quizzes", kept=True).course.title


def look(root: Path, db: str):
    return first_look(root / "curriculum", root / "quizzes", db)


def test_the_profiles_and_title_are_those_the_full_load_shows(demo_root: Path) -> None:
    title = kept(demo_root)
    db = demo_root / "progress.sqlite3"
    store = open_store(str(db))
    for name, credential in (("bob", ""), ("Ana Ruiz", "LADC-1"), ("ana ruiz", ""), ("Zoë", "")):
        accounts.create_learner(store, name, credential=credential, organisation="North")
    accounts.create_learner(store, "Sam", role="supervisor", password="a long password")
    expected = accounts.list_learners(store)
    store.close()

    found = look(demo_root, str(db))

    assert found is not None
    assert found.course_title == title == "Demo course"
    assert found.profiles == expected  # same order, names, roles and creation times
    assert found.installation_id == open_store(str(db)).installation_id


def test_no_database_yet_means_no_profiles(demo_root: Path) -> None:
    kept(demo_root)
    found = look(demo_root, str(demo_root / "new.sqlite3"))
    assert found is not None and found.profiles == [] and found.installation_id == ""
    assert not (demo_root / "new.sqlite3").exists()  # the full open makes it


def test_the_start_waits_for_the_full_load_when_anything_is_unusual(
    demo_root: Path, tmp_path: Path
) -> None:
    db = demo_root / "progress.sqlite3"
    open_store(str(db)).close()
    assert look(demo_root, str(db)) is None  # the course was never kept: first start
    kept(demo_root)
    assert look(demo_root, str(db)) is not None

    assert look(demo_root, f"sqlite:///{db}") is None  # a URL: left to SQLAlchemy
    garbage = tmp_path / "garbage.sqlite3"
    garbage.write_bytes(b"not a database at all" * 100)
    assert look(demo_root, str(garbage)) is None
    emptied = tmp_path / "emptied.sqlite3"
    emptied.write_bytes(b"")
    assert look(demo_root, str(emptied)) is None  # the full open says what to do with it
    other = tmp_path / "other.sqlite3"
    with sqlite3.connect(other) as connection:
        connection.execute("CREATE TABLE learner (id TEXT)")
    assert look(demo_root, str(other)) is None

    (demo_root / "curriculum" / "basics" / "01-what-is-pain.md").write_text("changed")
    assert look(demo_root, str(db)) is None  # a changed file: loaded and checked in full


def test_it_loads_neither_the_database_nor_the_course_code(demo_root: Path) -> None:
    kept(demo_root)
    db = demo_root / "progress.sqlite3"
    open_store(str(db)).close()
    child = (
        "import sys\n"
        "from pathlib import Path\n"
        "from trainer.services.first_look import first_look\n"
        f"root = Path({str(demo_root)!r})\n"
        f"found = first_look(root / 'curriculum', root / 'quizzes', {str(db)!r})\n"
        "assert found is not None, 'no first look'\n"
        "print(sorted(m for m in ('sqlalchemy', 'pydantic', 'yaml', 'markdown') if m in sys.modules))\n"
    )
    done = subprocess.run([sys.executable, "-c", child], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"
