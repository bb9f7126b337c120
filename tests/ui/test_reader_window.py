"""The course reader window, built for real on the offscreen platform."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QUrl

from tests.conftest import MODULE_MD
from trainer.ui.reader_window import LESSON_ROLE, ReaderWindow


def open_window(qtbot, root: Path, db: Path | None = None) -> ReaderWindow:
    window = ReaderWindow(
        root / "curriculum", root / "quizzes", str(db or root / "progress.sqlite3")
    )
    qtbot.addWidget(window)
    window.show()
    window.load_course_soon()
    qtbot.waitUntil(lambda: window.reader is not None)
    qtbot.waitUntil(lambda: window.store is not None or window.store_error is not None)
    return window


def test_opens_on_the_first_lesson(qtbot, demo_root: Path) -> None:
    window = open_window(qtbot, demo_root)
    assert window.windowTitle().startswith("Demo course")
    assert window.contents.topLevelItem(0).text(0) == "1. Basics"
    assert window.contents.topLevelItem(0).child(1).text(0) == "The steps (15 min)"
    assert window.current_lesson == "what-is-pain"
    assert "Pain is an unpleasant experience." in window.browser.toPlainText()


def test_choosing_a_lesson_shows_it(qtbot, demo_root: Path) -> None:
    window = open_window(qtbot, demo_root)
    item = window.contents.topLevelItem(0).child(1)
    assert item.data(0, LESSON_ROLE) == "steps"
    window.contents.setCurrentItem(item)
    qtbot.keyClick(window.contents, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.current_lesson == "steps")
    assert "Transduction, transmission" in window.browser.toPlainText()


def test_lesson_links_and_next_previous(qtbot, demo_root: Path) -> None:
    window = open_window(qtbot, demo_root)
    window.browser.anchorClicked.emit(QUrl("lesson:steps#four-steps"))
    assert window.current_lesson == "steps"
    window.step_lesson(-1)
    assert window.current_lesson == "what-is-pain"
    window.step_lesson(-1)
    assert window.current_lesson == "what-is-pain"


def test_external_links_go_to_the_system_browser(qtbot, demo_root: Path, monkeypatch) -> None:
    opened: list[str] = []
    monkeypatch.setattr(
        "trainer.ui.reader_window.QDesktopServices.openUrl",
        lambda url: opened.append(url.toString()),
    )
    window = open_window(qtbot, demo_root)
    window.browser.anchorClicked.emit(QUrl("https://doi.org/10.1/x"))
    assert opened == ["https://doi.org/10.1/x"]
    assert window.current_lesson == "what-is-pain"


def test_broken_module_is_shown_unavailable(qtbot, write_course) -> None:
    root = write_course({"curriculum/basics/module.md": MODULE_MD.replace("title: Basics\n", "")})
    window = open_window(qtbot, root)
    item = window.contents.topLevelItem(0)
    assert item.text(0) == "1. basics — unavailable"
    assert "`title` is missing" in item.toolTip(0)
    assert item.childCount() == 0
    assert window.status.text() == "1 module(s) unavailable"


def test_unreadable_course_shows_a_message(qtbot, tmp_path: Path) -> None:
    window = open_window_without_course(qtbot, tmp_path)
    assert "The course cannot be opened" in window.browser.toPlainText()
    assert "no course.yaml here" in window.browser.toPlainText()


def open_window_without_course(qtbot, root: Path) -> ReaderWindow:
    window = ReaderWindow(root, root)
    qtbot.addWidget(window)
    window.show()
    window.load_course()
    return window


def test_progress_database_opens_after_the_course(qtbot, demo_root: Path) -> None:
    window = open_window(qtbot, demo_root)
    assert window.store is not None and window.store.path == demo_root / "progress.sqlite3"
    assert (
        window.statusBar().currentMessage()
        == f"Progress is saved in {demo_root / 'progress.sqlite3'}"
    )
    assert window.restore_action.isEnabled()


def test_back_up_now_then_restore_from_the_file_menu(qtbot, demo_root: Path, monkeypatch) -> None:
    from trainer.services.accounts import create_learner, list_learners
    from trainer.store import backups

    window = open_window(qtbot, demo_root)
    create_learner(window.store, "Before")
    window.backup_action.trigger()
    path = demo_root / "progress.sqlite3"
    qtbot.waitUntil(lambda: len(backups.list_backups(path)) == 1)
    create_learner(window.store, "After")

    class ChooseNewest:
        def __init__(self, found, database, parent) -> None:
            self.chosen = found[0]

        def exec(self) -> int:
            return 1

    monkeypatch.setattr("trainer.ui.reader_window.BackupDialog", ChooseNewest)
    window.restore_action.trigger()
    qtbot.waitUntil(lambda: window.store is not None)
    assert [learner.display_name for learner in list_learners(window.store)] == ["Before"]
    assert "the replaced state is in" in window.statusBar().currentMessage() or window.store


def test_damaged_database_offers_the_newest_backup(qtbot, demo_root: Path, monkeypatch) -> None:
    from PySide6.QtWidgets import QMessageBox

    from trainer.services.accounts import create_learner, list_learners
    from trainer.store import backups
    from trainer.store.db import open_store

    path = demo_root / "progress.sqlite3"
    store = open_store(str(path))
    create_learner(store, "Saved")
    store.close()
    backups.take_backup(path)
    path.write_bytes(b"damaged" * 2000)
    shown: list[str] = []

    def click_restore(box: QMessageBox) -> int:
        shown.append(box.text())
        next(b for b in box.buttons() if b.text() == "Restore newest backup").click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", click_restore)
    window = open_window(qtbot, demo_root)
    qtbot.waitUntil(lambda: window.store is not None)
    assert shown and shown[0].startswith(f"The database {path} is damaged")
    assert [learner.display_name for learner in list_learners(window.store)] == ["Saved"]
