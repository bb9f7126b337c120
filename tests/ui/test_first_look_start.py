"""The start screen shown at once from a first look, before the course and the database
have loaded: what a counselor does on it waits for them, and is then done."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from PySide6.QtCore import Qt

from tests.ui.test_app_window import settle
from trainer.services import accounts
from trainer.services.catalog import open_catalog
from trainer.store.db import open_store
from trainer.ui.shell.app_window import AppWindow


def first_looked(qtbot, root: Path, names: tuple[str, ...] = ()) -> AppWindow:
    """A window showing the first look's start page; nothing else has loaded yet."""
    open_catalog(root / "curriculum", root / "quizzes", kept=True)  # as the last start did
    db = root / "progress.sqlite3"
    store = open_store(str(db))
    for name in names:
        accounts.create_learner(store, name)
    store.close()
    window = AppWindow(root / "curriculum", root / "quizzes", str(db))
    qtbot.addWidget(window)
    assert window.show_first_look()
    window.show()
    assert window.catalog is None and window.store is None
    return window


def test_the_start_page_lists_the_profiles_before_anything_loads(qtbot, demo_root: Path) -> None:
    window = first_looked(qtbot, demo_root, ("Ana Ruiz", "Ben Ode"))
    start = window.pages["start"]
    assert window.stack.currentWidget() is start
    assert [start.profiles.item(i).text() for i in range(2)] == ["Ana Ruiz", "Ben Ode"]
    assert start.create_button.isEnabled() and start.open_button.isEnabled()
    assert window.windowTitle().startswith("Demo course")


def test_a_profile_created_before_the_load_is_created_and_opened_after_it(
    qtbot, demo_root: Path
) -> None:
    window = first_looked(qtbot, demo_root)
    start = window.pages["start"]
    qtbot.keyClicks(start.name, "Cleo Park")
    qtbot.keyClick(start.name, Qt.Key.Key_Return)
    assert not start.create_button.isEnabled()  # waiting for the database
    window.load()
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.pages.get("home"))
    assert window.context is not None and window.context.learner is not None
    assert window.context.learner.display_name == "Cleo Park"


def test_a_profile_opened_before_the_load_opens_after_it(qtbot, demo_root: Path) -> None:
    window = first_looked(qtbot, demo_root, ("Ana Ruiz", "Ben Ode"))
    start = window.pages["start"]
    start.profiles.setCurrentRow(1)
    qtbot.mouseClick(start.open_button, Qt.MouseButton.LeftButton)
    assert not start.open_button.isEnabled()
    window.load()
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.pages.get("home"))
    assert window.context is not None and window.context.learner is not None
    assert window.context.learner.display_name == "Ben Ode"


def test_the_list_is_read_again_once_the_database_is_open(qtbot, demo_root: Path) -> None:
    window = first_looked(qtbot, demo_root, ("Ana Ruiz", "Ben Ode"))
    start = window.pages["start"]
    start.profiles.setCurrentRow(1)  # chosen while the rest loads
    store = open_store(str(demo_root / "progress.sqlite3"))
    accounts.create_learner(store, "Abe Lin")  # by another program, meanwhile
    store.close()
    window.load()
    qtbot.waitUntil(lambda: window.store is not None)
    settle(qtbot, window.tasks)
    assert window.pages["start"] is start  # the same page: nothing typed or chosen is lost
    names = [start.profiles.item(i).text() for i in range(start.profiles.count())]
    assert names == ["Abe Lin", "Ana Ruiz", "Ben Ode"]
    assert start.profiles.currentItem().text() == "Ben Ode"


def test_a_database_the_full_open_refuses_replaces_the_start_page(qtbot, demo_root: Path) -> None:
    window = first_looked(qtbot, demo_root, ("Ana Ruiz",))
    with sqlite3.connect(demo_root / "progress.sqlite3") as connection:
        connection.execute("UPDATE alembic_version SET version_num = 'made-by-a-newer-app'")
    window.load()
    qtbot.waitUntil(lambda: window.store_error is not None)
    assert "start" not in window.pages
    assert window.stack.currentWidget() is window.pages["problem"]
    assert "made by a newer version of the app" in window.store_error
