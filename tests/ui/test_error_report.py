"""Unexpected errors: a plain dialog for the person, the traceback in the log; Help > Open log folder."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import QLabel

from tests.ui.test_app_window import open_app
from trainer.services import app_log
from trainer.ui.shell.app_window import AppWindow
from trainer.ui.shell.error_report import UnexpectedErrorDialog, install_error_handler

LEFT = Qt.MouseButton.LeftButton


@pytest.fixture
def window(qtbot, demo_root: Path):
    """The app as launch() starts it: logging to the log file, errors to the reporter."""
    app_log.setup_logging()
    window = open_app(qtbot, demo_root)
    uninstall = install_error_handler(window, window.tasks)
    yield window
    uninstall()


def shown_dialog(qtbot, window: AppWindow) -> UnexpectedErrorDialog:
    qtbot.waitUntil(lambda: any(d.isVisible() for d in window.findChildren(UnexpectedErrorDialog)))
    [dialog] = [d for d in window.findChildren(UnexpectedErrorDialog) if d.isVisible()]
    return dialog


def help_action(window: AppWindow, text: str):
    [help_menu] = [a.menu() for a in window.menuBar().actions() if a.text() == "&Help"]
    return next(a for a in help_menu.actions() if a.text() == text)


def words(dialog: UnexpectedErrorDialog) -> str:
    return "\n".join(label.text() for label in dialog.findChildren(QLabel))


def test_a_menu_action_that_fails_shows_a_plain_dialog_and_logs_the_traceback(
    qtbot, window: AppWindow, monkeypatch
) -> None:
    def broken(*_args):
        raise ZeroDivisionError("the course version was counted as zero")

    monkeypatch.setattr("trainer.ui.shell.app_menus.about_text", broken)
    help_action(window, "&About").trigger()

    dialog = shown_dialog(qtbot, window)
    text = words(dialog)
    assert dialog.windowTitle() == "Something went wrong"
    assert "What you just did stopped because of an unexpected problem in the app." in text
    assert "Nothing you saved was lost" in text
    assert str(app_log.log_file()) in text
    assert "Traceback" not in text and 'File "' not in text
    assert dialog.copy_button.text() == "&Copy details"
    assert dialog.close_button.text() == "Close"

    QGuiApplication.clipboard().clear()
    qtbot.mouseClick(dialog.copy_button, LEFT)
    copied = QGuiApplication.clipboard().text()
    assert "Traceback (most recent call last)" in copied
    assert "ZeroDivisionError: the course version was counted as zero" in copied
    assert dialog.copied.text() == "The details are on the clipboard."

    log = app_log.log_file().read_text(encoding="utf-8")
    assert "What you just did failed unexpectedly" in log
    assert "Traceback (most recent call last)" in log and "in broken" in log
    qtbot.mouseClick(dialog.close_button, LEFT)
    assert not dialog.isVisible()
    assert window.isVisible()  # the app carries on


def test_a_background_task_that_fails_shows_the_same_dialog(
    qtbot, window: AppWindow, monkeypatch
) -> None:
    def broken(*_args, **_kwargs):
        raise RuntimeError("the copy routine lost its place")

    monkeypatch.setattr("trainer.services.database.back_up", broken)
    window.backup_action.trigger()

    dialog = shown_dialog(qtbot, window)
    text = words(dialog)
    assert "Backing up your progress stopped because of an unexpected problem" in text
    assert "Nothing you saved was lost" in text and "Traceback" not in text
    qtbot.mouseClick(dialog.copy_button, LEFT)
    assert "RuntimeError: the copy routine lost its place" in QGuiApplication.clipboard().text()
    log = app_log.log_file().read_text(encoding="utf-8")
    assert "Backing up your progress failed unexpectedly" in log
    assert "Traceback (most recent call last)" in log and "in broken" in log
    assert not window.busy.isVisible()  # the task is over; the window is usable


def test_a_refusal_that_reaches_the_handler_is_shown_as_its_sentence(
    qtbot, window: AppWindow, monkeypatch
) -> None:
    from PySide6.QtWidgets import QMessageBox

    from trainer.services.errors import StoreError

    def refused(*_args, **_kwargs):
        raise StoreError("the disk holding the backups is full: free some space, then try again")

    warnings: list[tuple[str, str]] = []
    monkeypatch.setattr(
        QMessageBox, "warning", staticmethod(lambda _p, title, text: warnings.append((title, text)))
    )
    monkeypatch.setattr("trainer.ui.shell.app_menus.about_text", refused)
    help_action(window, "&About").trigger()
    assert warnings == [
        (
            "That did not work",
            "The disk holding the backups is full: free some space, then try again.",
        )
    ]
    assert not window.findChildren(UnexpectedErrorDialog)


def test_without_the_handler_an_unexpected_task_error_still_fails_loudly(
    qtbot, demo_root: Path, monkeypatch
) -> None:
    """Tests run without launch(): a bug in a task must reach pytest-qt, not vanish."""
    window = open_app(qtbot, demo_root)

    def broken(*_args, **_kwargs):
        raise RuntimeError("a bug a test must see")

    monkeypatch.setattr("trainer.services.database.back_up", broken)
    with qtbot.captureExceptions() as exceptions:
        window.backup_action.trigger()
        qtbot.waitUntil(lambda: bool(exceptions))
    assert str(exceptions[0][1]) == "a bug a test must see"
    assert not window.findChildren(UnexpectedErrorDialog)


def test_help_open_log_folder_opens_it_creating_it_first(
    qtbot, demo_root: Path, monkeypatch
) -> None:
    window = open_app(qtbot, demo_root)
    opened: list[QUrl] = []
    monkeypatch.setattr(
        QDesktopServices, "openUrl", staticmethod(lambda url: opened.append(url) or True)
    )
    folder = app_log.log_folder()
    assert not folder.exists()
    help_action(window, "Open &log folder").trigger()
    assert opened == [QUrl.fromLocalFile(str(folder))]
    assert folder.is_dir()


def test_launch_logs_the_start_and_reports_unexpected_errors(
    qtbot, demo_root: Path, monkeypatch
) -> None:
    import sys

    from PySide6.QtWidgets import QApplication

    from trainer.ui.shell.launch import launch

    monkeypatch.setattr(QApplication, "exec", lambda *_args: 0)
    previous_hook = sys.excepthook
    try:
        assert launch(demo_root / "curriculum", demo_root / "quizzes", str(demo_root / "p.db")) == 0
        [window] = [
            w
            for w in QApplication.topLevelWidgets()
            if isinstance(w, AppWindow) and w.isVisible()  # the earlier tests' are closed
        ]
        qtbot.addWidget(window)
        assert "app started: trainer" in app_log.log_file().read_text(encoding="utf-8")
        try:
            raise LookupError("no such step")
        except LookupError as error:
            sys.excepthook(type(error), error, error.__traceback__)
    finally:
        sys.excepthook = previous_hook
    dialog = shown_dialog(qtbot, window)
    assert "What you just did stopped because of an unexpected problem" in words(dialog)
    assert "LookupError: no such step" in app_log.log_file().read_text(encoding="utf-8")
