"""The main window: start, course home, reader, database and backups, built for real offscreen."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QObject, Qt, QUrl
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QLineEdit,
    QListWidget,
    QTreeWidget,
    QWidget,
)

from tests.conftest import MODULE_MD
from tests.services.helpers import take_quiz
from trainer.services import accounts, progress
from trainer.ui.shell.app_window import AppWindow
from trainer.ui.shell.backup_dialog import describe
from trainer.ui.shell.help import about_text
from trainer.ui.shell.tasks import PROGRESS, TaskRunner


def settle(qtbot, tasks: TaskRunner) -> None:
    """Wait until the runner has handed back every result and no screen is about to
    reload (a screen marked stale reloads on the next turn of the event loop)."""

    def idle() -> bool:
        for _ in range(2):
            QApplication.processEvents()
        return tasks.running == 0

    qtbot.waitUntil(idle)


def open_app(qtbot, root: Path, db: Path | None = None) -> AppWindow:
    window = AppWindow(root / "curriculum", root / "quizzes", str(db or root / "progress.sqlite3"))
    qtbot.addWidget(window)
    window.show()
    window.load_soon()
    qtbot.waitUntil(
        lambda: (
            "start" in window.pages
            or window.store_error is not None
            or "cannot be opened" in window.loading.text()
        )
    )
    settle(qtbot, window.tasks)  # the profiles are listed
    return window


def sign_in(qtbot, window: AppWindow, name: str = "Ana Ruiz") -> None:
    start = window.pages["start"]
    qtbot.keyClicks(start.name, name)
    qtbot.keyClicks(start.credential, "LADC-123")
    qtbot.keyClick(start.name, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.pages.get("home"))
    settle(qtbot, window.tasks)  # the home shows the learner record


def written_elsewhere(qtbot, window: AppWindow) -> None:
    """A test wrote progress behind the window's back (as another program would): say so,
    as a write through the runner does, and wait for the screen on view to show it."""
    window.tasks.announce({PROGRESS})
    settle(qtbot, window.tasks)


def unnamed_controls(page: QWidget) -> list[str]:
    kinds = (QAbstractButton, QLineEdit, QListWidget, QTreeWidget, QComboBox)
    return [
        f"{type(w).__name__} {getattr(w, 'text', lambda: '')()}"
        for w in page.findChildren(QWidget)
        if isinstance(w, kinds) and w.isVisibleTo(page) and not w.accessibleName()
    ]


def test_new_profile_lands_on_the_course_home(qtbot, demo_root: Path) -> None:
    window = open_app(qtbot, demo_root)
    assert window.windowTitle().startswith("Demo course")
    assert window.pages["start"].profiles.count() == 0
    sign_in(qtbot, window)
    home = window.pages["home"]
    steps = [home.steps.topLevelItem(i).text(0) for i in range(home.steps.topLevelItemCount())]
    assert steps == ["Pre-test", "1. Basics", "Post-test", "Certificate"]
    assert home.steps.topLevelItem(1).text(1) == "Locked"
    assert "Ana Ruiz" in home.summary.text() and "CE hours earned 0 of 1" in home.summary.text()
    assert window.switch_action.isEnabled()


def test_last_profile_is_preselected(qtbot, demo_root: Path) -> None:
    window = open_app(qtbot, demo_root)
    sign_in(qtbot, window, "Ana")
    accounts.create_learner(window.store, "Bea")  # by another program: listed on the next visit
    window.switch_action.trigger()
    start = window.pages["start"]
    qtbot.waitUntil(lambda: start.profiles.count() == 2)
    assert start.profiles.currentItem().text() == "Ana — LADC-123"
    qtbot.keyClick(start.profiles, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.pages.get("home"))
    assert window.context.learner.display_name == "Ana"


def test_each_database_preselects_its_own_last_profile(qtbot, demo_root: Path) -> None:
    databases = {"a.sqlite3": ("Ana", "Zed"), "b.sqlite3": ("Bea", "Yan")}
    for db, (first, second) in databases.items():
        window = open_app(qtbot, demo_root, demo_root / db)
        for name in (first, second):
            accounts.create_learner(window.store, name)
        start = window.pages["start"]
        start.refresh()
        qtbot.waitUntil(lambda start=start: start.profiles.count() == 2)
        start.profiles.setCurrentRow(1)  # not the first, which is chosen when none is known
        qtbot.keyClick(start.profiles, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda window=window: window.context.learner is not None)
        assert window.context.learner.display_name == second
    for db, (_first, second) in databases.items():
        start = open_app(qtbot, demo_root, demo_root / db).pages["start"]
        assert start.profiles.currentItem().text() == second


def test_supervisor_profile_asks_for_the_password(qtbot, demo_root: Path) -> None:
    window = open_app(qtbot, demo_root)
    accounts.create_learner(window.store, "Sam", role="supervisor", password="correct horse")
    start = window.pages["start"]
    start.refresh()
    qtbot.waitUntil(lambda: start.profiles.count() == 1 and start.open_button.isEnabled())
    start.ask_password = lambda parent, name: "wrong horse"
    start.open_selected()
    qtbot.waitUntil(
        lambda: (
            start.message.text()
            == "wrong password for Sam: try again, or ask another supervisor to reset it"
        )
    )
    assert window.stack.currentWidget() is start and start.open_button.isEnabled()
    start.ask_password = lambda parent, name: "correct horse"
    start.open_selected()
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.pages.get("supervisor"))
    assert window.import_action.isEnabled() and window.supervisor_action.isEnabled()
    assert not window.trainer_action.isEnabled()


def test_empty_name_is_refused_with_a_message(qtbot, demo_root: Path) -> None:
    window = open_app(qtbot, demo_root)
    start = window.pages["start"]
    start.create_profile()
    qtbot.waitUntil(lambda: start.form_message.text() == "A profile needs a name.")
    assert start.form_message.isVisible()
    assert window.stack.currentWidget() is start and start.create_button.isEnabled()


def test_a_name_too_long_says_why_under_the_form(qtbot, demo_root: Path) -> None:
    window = open_app(qtbot, demo_root)
    start = window.pages["start"]
    start.name.setText("A" * 101)
    start.create_button.click()
    qtbot.waitUntil(lambda: start.form_message.text() != "")
    assert start.form_message.text() == ("A name can be at most 100 characters; this one has 101.")
    assert window.stack.currentWidget() is start and accounts.list_learners(window.store) == []


def test_a_namesake_is_named_and_created_only_when_asked_again(qtbot, demo_root: Path) -> None:
    window = open_app(qtbot, demo_root)
    accounts.create_learner(
        window.store, "Priya Patel", credential="LADC-1", organisation="North Clinic"
    )
    start = window.pages["start"]
    start.refresh()
    qtbot.waitUntil(lambda: start.profiles.count() == 1 and start.create_button.isEnabled())
    assert start.profiles.item(0).text() == "Priya Patel — LADC-1, North Clinic"
    qtbot.keyClicks(start.name, "Priya Patel ")
    qtbot.keyClicks(start.credential, "CADC-9")
    start.create_button.click()
    qtbot.waitUntil(lambda: start.form_message.text() != "")
    assert start.form_message.text().startswith(
        "There is already a profile called Priya Patel here (Priya Patel — LADC-1, North Clinic)."
    )
    assert start.create_button.text() == "Create &anyway"
    assert len(accounts.list_learners(window.store)) == 1
    start.create_button.click()
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.pages.get("home"))
    settle(qtbot, window.tasks)
    window.switch_action.trigger()
    qtbot.waitUntil(lambda: start.profiles.count() == 2)
    assert sorted(start.profiles.item(i).text() for i in range(2)) == [
        "Priya Patel — CADC-9",
        "Priya Patel — LADC-1, North Clinic",
    ]


def test_locked_module_says_why(qtbot, demo_root: Path) -> None:
    window = open_app(qtbot, demo_root)
    sign_in(qtbot, window)
    home = window.pages["home"]
    home.steps.setCurrentItem(home.steps.topLevelItem(1))
    assert home.hint.text() == "Take the pre-test first."
    assert not home.open_button.isEnabled()
    window.open_lesson("what-is-pain")
    qtbot.waitUntil(lambda: "is not open yet" in window.statusBar().currentMessage())
    assert window.statusBar().currentMessage() == (
        "“1. Basics” is not open yet: Take the pre-test first."
    )
    assert window.stack.currentWidget() is home


def taken_pretest(qtbot, demo_root: Path) -> AppWindow:
    window = open_app(qtbot, demo_root)
    sign_in(qtbot, window)
    take_quiz(window.store, window.catalog, window.context.learner_id, "pretest")
    written_elsewhere(qtbot, window)  # the home on view shows it
    return window


def opened_lesson(qtbot, window: AppWindow, lesson_id: str):
    """The reader, once it shows the lesson (the window checks the module is open, then
    the reader records the opening, in the background)."""
    window.open_lesson(lesson_id)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.pages.get("reader"))
    reader = window.pages["reader"]
    qtbot.waitUntil(lambda: reader.lesson is not None and reader.lesson.id == lesson_id)
    return reader


def test_reader_shows_the_lesson_its_sections_and_neighbours(qtbot, demo_root: Path) -> None:
    window = taken_pretest(qtbot, demo_root)
    home = window.pages["home"]
    home.steps.setCurrentItem(home.steps.topLevelItem(1))
    qtbot.keyClick(home.steps, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.pages.get("reader"))
    reader = window.pages["reader"]
    qtbot.waitUntil(lambda: reader.lesson is not None)
    assert reader.lesson.id == "what-is-pain"
    assert "Pain is an unpleasant experience." in reader.browser.toPlainText()
    assert [reader.toc.itemText(i) for i in range(reader.toc.count())] == ["A definition"]
    assert reader.lessons.count() == 2 and not reader.quiz_button.isEnabled()
    qtbot.keyClick(window, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: reader.lesson is not None and reader.lesson.id == "steps")
    assert "steps" in reader.browser.toPlainText().lower()
    reader.browser.anchorClicked.emit(QUrl("lesson:what-is-pain#definition"))
    qtbot.waitUntil(lambda: reader.lesson is not None and reader.lesson.id == "what-is-pain")


def test_find_glossary_footnotes_and_external_links(qtbot, demo_root: Path, monkeypatch) -> None:
    opened: list[str] = []
    monkeypatch.setattr(
        "trainer.ui.learner.reader_page.QDesktopServices.openUrl",
        lambda url: opened.append(url.toString()),
    )
    window = taken_pretest(qtbot, demo_root)
    reader = opened_lesson(qtbot, window, "what-is-pain")
    window._find()
    assert reader.find_bar.isVisible()
    qtbot.keyClicks(reader.find_text, "respect")
    assert (
        reader.find_next(backward=False)
        and reader.browser.textCursor().selectedText().lower() == "respect"
    )
    reader.find_text.setText("no such words")
    assert not reader.find_next(backward=False) and reader.find_result.text() == "Not found"
    assert (
        reader.explanation(QUrl("glossary:nociception"))
        == "<b>Nociception</b>: The nervous system's detection of possible harm."
    )
    assert reader.explanation(QUrl("#fn:raja2020")).startswith("Raja SN, Carr DB, Cohen M (2020).")
    reader.browser.anchorClicked.emit(QUrl("https://doi.org/10.1097/j.pain.0000000000001939"))
    assert opened == ["https://doi.org/10.1097/j.pain.0000000000001939"]


def test_lesson_is_read_after_active_time_and_scrolling_to_the_end(qtbot, demo_root: Path) -> None:
    window = taken_pretest(qtbot, demo_root)
    now = [1000.0]
    window.activity.clock = lambda: now[0]
    reader = opened_lesson(qtbot, window, "steps")
    assert reader.required_seconds() == 180  # a quarter of 15 minutes, at most 3 minutes
    for _ in range(20):  # 100 seconds of steady activity
        now[0] += 5
        window.activity.touch()
        reader.tick()
    assert not reader.completed
    now[0] += 1000  # away from the desk: idle time does not count
    reader.tick()
    assert reader.active_seconds < 300
    for _ in range(20):
        now[0] += 5
        window.activity.touch()
        reader.tick()
    assert reader.completed
    qtbot.waitUntil(lambda: reader.read_state.text() == "Read")
    assert reader.lessons.currentItem().text().startswith("✓ ")
    state = progress.lesson_states(window.store, window.catalog, window.context.learner_id)["steps"]
    assert state.completed and 150 <= state.active_seconds <= 380


def test_continue_returns_to_the_lesson_and_position(qtbot, demo_root: Path) -> None:
    window = taken_pretest(qtbot, demo_root)
    progress.record_reading(
        window.store,
        window.catalog,
        window.context.learner_id,
        "steps",
        position=0.0,
        active_seconds=5,
    )
    window.pages["home"].continue_button.click()
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.pages.get("reader"))
    reader = window.pages["reader"]
    qtbot.waitUntil(lambda: reader.lesson is not None)
    assert reader.lesson.id == "steps"


def test_broken_module_is_shown_unavailable(qtbot, write_course) -> None:
    root = write_course({"curriculum/basics/module.md": MODULE_MD.replace("title: Basics\n", "")})
    window = open_app(qtbot, root)
    sign_in(qtbot, window)
    home = window.pages["home"]
    row = home.steps.topLevelItem(1)
    assert (row.text(0), row.text(1)) == ("1. basics", "Unavailable")
    home.steps.setCurrentItem(row)
    assert "`title` is missing" in home.hint.text()


def test_unreadable_course_says_so(qtbot, tmp_path: Path) -> None:
    window = open_app(qtbot, tmp_path)
    assert (
        "The course cannot be opened" in window.loading.text()
        and "no course.yaml here" in window.loading.text()
    )


def test_text_size_applies_to_every_screen_and_is_remembered(qtbot, demo_root: Path) -> None:
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication, QLabel

    window = taken_pretest(qtbot, demo_root)
    reader = opened_lesson(qtbot, window, "steps")
    window.show_progress()
    progress = window.pages["progress"]
    section = next(w for w in progress.findChildren(QLabel) if w.text() == "&Modules")
    normal = QApplication.font().pointSizeF()
    normal_section = section.font().pointSizeF()
    try:
        window.zoom(1)
        window.zoom(1)
        assert int(QSettings().value("view/text_size")) == 2
        assert "Text size 120%" in window.statusBar().currentMessage()
        qtbot.waitUntil(  # the new font reaches widgets through the event loop
            lambda: reader.browser.font().pointSizeF() == pytest.approx(normal * 1.2)
        )
        assert progress.modules.font().pointSizeF() == pytest.approx(normal * 1.2)
        assert section.font().pointSizeF() == pytest.approx(normal_section * 1.2)
        assert section.font().bold()  # a heading stays a heading

        again = AppWindow(demo_root / "curriculum", demo_root / "quizzes", window.db_url)
        qtbot.addWidget(again)  # a new start keeps the size
        assert QApplication.font().pointSizeF() == pytest.approx(normal * 1.2)
        restyled: list[bool] = []
        QApplication.instance().installEventFilter(watcher := _StyleChanges(restyled))
        for _ in range(20):  # pressed in a row: the app is restyled once, not 20 times
            window.zoom(1)
        qtbot.waitUntil(lambda: QApplication.font().pointSizeF() == pytest.approx(normal * 2))
        QApplication.instance().removeEventFilter(watcher)
        assert 0 < len(restyled) <= 3
    finally:
        window.zoom(0)
    assert int(QSettings().value("view/text_size")) == 0
    qtbot.waitUntil(lambda: QApplication.font().pointSizeF() == pytest.approx(normal))
    assert section.font().pointSizeF() == pytest.approx(normal_section)


class _StyleChanges(QObject):
    """Counts the app-wide font changes the main window receives."""

    def __init__(self, seen: list[bool]) -> None:
        super().__init__()
        self.seen = seen

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ApplicationFontChange and watched is QApplication.instance():
            self.seen.append(True)
        return False


def test_an_unreadable_text_size_setting_means_normal_size(qtbot) -> None:
    from PySide6.QtCore import QSettings

    from trainer.ui.shell import text_size

    QSettings().setValue(text_size.SETTING, "huge")
    assert text_size.saved_steps() == 0
    QSettings().setValue(text_size.SETTING, 99)
    assert text_size.saved_steps() == text_size.LARGEST
    QSettings().remove(text_size.SETTING)
    QSettings().setValue("reader/zoom", 3)  # the reader's own zoom of earlier releases
    assert text_size.saved_steps() == 3
    QSettings().remove("reader/zoom")


def test_text_boxes_keep_their_lines_when_the_text_grows(qtbot) -> None:
    from trainer.ui.shell import text_size
    from trainer.ui.shell.text_and_tables import LinesBox

    box = LinesBox(4)
    qtbot.addWidget(box)
    normal = box.height()
    try:
        text_size.apply_text_size(text_size.LARGEST)
        qtbot.waitUntil(lambda: box.height() > normal * 1.6)
        assert box.height() >= 4 * box.fontMetrics().lineSpacing()
    finally:
        text_size.apply_text_size(0)
    qtbot.waitUntil(lambda: box.height() == normal)


def test_every_control_has_an_accessible_name(qtbot, demo_root: Path) -> None:
    window = open_app(qtbot, demo_root)
    assert unnamed_controls(window.pages["start"]) == []
    sign_in(qtbot, window)
    assert unnamed_controls(window.pages["home"]) == []
    take_quiz(window.store, window.catalog, window.context.learner_id, "pretest")
    opened_lesson(qtbot, window, "what-is-pain")
    window._find()
    assert unnamed_controls(window.pages["reader"]) == []


def test_progress_database_location_is_shown(qtbot, demo_root: Path) -> None:
    window = open_app(qtbot, demo_root)
    assert window.save_state.text() == ""  # nobody's progress until a profile is open
    assert window.save_state.toolTip() == (
        f"Your progress is saved in {demo_root / 'progress.sqlite3'}"
    )
    about = about_text("Pain & sleep", "1.0", window.store.display_name)
    assert "Pain &amp; sleep" in about and str(demo_root / "progress.sqlite3") in about
    assert window.install_key_action.text() == "Install organisation &key…"
    assert window.install_key_action.isEnabled()  # with no profile open too: a laptop's setup


def open_supervisor(qtbot, window: AppWindow, name: str = "Sam") -> None:
    accounts.create_learner(window.store, name, role="supervisor", password="correct horse")
    start = window.pages["start"]
    start.refresh()

    def row_of_name() -> int | None:
        rows = range(start.profiles.count())
        return next((i for i in rows if start.profiles.item(i).text().startswith(name)), None)

    # an earlier refresh (the one Switch profile starts) may answer first, without the new one
    qtbot.waitUntil(lambda: row_of_name() is not None and start.open_button.isEnabled())
    start.profiles.setCurrentRow(row_of_name())
    start.ask_password = lambda parent, name: "correct horse"
    start.open_selected()
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.pages.get("supervisor"))
    settle(qtbot, window.tasks)


def test_only_a_trainer_or_supervisor_restores_a_backup(qtbot, demo_root: Path) -> None:
    window = open_app(qtbot, demo_root)
    assert not window.restore_action.isEnabled()
    assert window.restore_action.toolTip().startswith("Only a trainer or supervisor can restore")
    sign_in(qtbot, window)  # a learner: still no restore
    assert not window.restore_action.isEnabled()
    window.switch_action.trigger()
    open_supervisor(qtbot, window)
    assert window.restore_action.isEnabled()
    window.switch_action.trigger()
    assert not window.restore_action.isEnabled()


def test_restore_confirmation_names_the_profiles_and_defaults_to_cancel(
    qtbot, demo_root: Path, monkeypatch
) -> None:
    from PySide6.QtWidgets import QMessageBox

    from trainer.store import backups

    window = open_app(qtbot, demo_root)
    accounts.create_learner(window.store, "Ana Ruiz")
    open_supervisor(qtbot, window)
    window.backup_action.trigger()
    path = demo_root / "progress.sqlite3"
    qtbot.waitUntil(lambda: len(backups.list_backups(path)) == 1)
    accounts.create_learner(window.store, "Cara Diaz")  # after the backup: a restore removes her
    asked: list[tuple[str, list[str], str]] = []

    def press_enter(box: QMessageBox) -> int:
        asked.append(
            (box.informativeText(), [b.text() for b in box.buttons()], box.defaultButton().text())
        )
        box.defaultButton().click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", press_enter)
    chosen: list[object] = []

    def choose_newest(self) -> int:
        self._confirm()
        chosen.append(self.chosen)
        return 0

    monkeypatch.setattr("trainer.ui.shell.backup_dialog.BackupDialog.exec", choose_newest)
    old_store = window.store
    window.restore_action.trigger()
    qtbot.waitUntil(lambda: bool(chosen))
    text, buttons, default = asked[0]
    assert text.startswith(
        "The progress of all 3 profiles here changes: Ana Ruiz, Cara Diaz, Sam."
        " Not in the backup, so removed: Cara Diaz.\n\n"
    )
    assert sorted(buttons) == ["Cancel", "Restore"] and default == "Cancel"
    assert chosen == [None] and window.store is old_store


def test_back_up_now_then_restore_from_the_file_menu(qtbot, demo_root: Path, monkeypatch) -> None:
    from trainer.store import backups

    window = open_app(qtbot, demo_root)
    accounts.create_learner(window.store, "Before")
    open_supervisor(qtbot, window)
    window.backup_action.trigger()
    path = demo_root / "progress.sqlite3"
    qtbot.waitUntil(lambda: len(backups.list_backups(path)) == 1)
    accounts.create_learner(window.store, "After")

    class ChooseNewest:
        def __init__(self, found, database, profiles, parent, in_backups) -> None:
            self.chosen = found[0]

        def exec(self) -> int:
            return 1

    monkeypatch.setattr("trainer.ui.shell.backup_actions.BackupDialog", ChooseNewest)
    old_store = window.store
    window.restore_action.trigger()
    qtbot.waitUntil(lambda: window.store is not None and window.store is not old_store)
    assert [learner.display_name for learner in accounts.list_learners(window.store)] == [
        "Before",
        "Sam",
    ]


def _damaged_with_a_backup(root: Path) -> tuple[Path, bytes]:
    from trainer.store import backups
    from trainer.store.db import open_store

    path = root / "progress.sqlite3"
    store = open_store(str(path))
    accounts.create_learner(store, "Saved")
    store.close()
    backups.take_backup(path)
    path.write_bytes(b"damaged" * 2000)
    return path, path.read_bytes()


def test_damaged_database_screen_lists_the_backups_and_restores_one(
    qtbot, demo_root: Path, monkeypatch, questions
) -> None:
    from trainer.store import backups
    from trainer.ui.shell.backup_dialog import BackupDialog

    path, damaged = _damaged_with_a_backup(demo_root)
    listed: list[list[str]] = []

    def choose_the_first(dialog: BackupDialog) -> int:
        listed.append([dialog.list.item(i).text() for i in range(dialog.list.count())])
        dialog.list.setCurrentRow(0)
        dialog.restore_button.click()
        return dialog.result()

    monkeypatch.setattr(BackupDialog, "exec", choose_the_first)
    asked, answers = questions
    window = open_app(qtbot, demo_root)
    page = window.pages["problem"]
    assert window.stack.currentWidget() is page and window.store is None
    assert page.message.text().startswith(f"The database {path} is damaged")
    assert "The damaged file is kept, as it is" in page.advice.text()
    assert page.restore_button.isVisibleTo(page)
    [backup] = backups.list_backups(path)
    answers.append("Restore")
    page.restore_button.click()
    qtbot.waitUntil(lambda: window.store is not None)
    settle(qtbot, window.tasks)
    assert listed == [[describe(backup)]]
    [(question, buttons, default)] = asked
    assert question == f"Replace the damaged file {path} with the backup taken {describe(backup)}?"
    assert buttons == ["Restore", "Cancel"] and default == "Cancel"
    assert [learner.display_name for learner in accounts.list_learners(window.store)] == ["Saved"]
    assert window.stack.currentWidget() is window.pages["start"] and "problem" not in window.pages
    [kept] = [b for b in backups.list_backups(path) if b.reason == "damaged"]
    assert kept.path.read_bytes() == damaged
    assert f"The damaged file is kept as {kept.path}" in window.statusBar().currentMessage()


def test_damaged_database_restore_cancelled_changes_nothing(
    qtbot, demo_root: Path, monkeypatch, questions
) -> None:
    from trainer.ui.shell.backup_dialog import BackupDialog

    path, damaged = _damaged_with_a_backup(demo_root)
    monkeypatch.setattr(BackupDialog, "exec", lambda d: (d.restore_button.click(), d.result())[1])
    asked, answers = questions
    window = open_app(qtbot, demo_root)
    answers.append("Cancel")
    window.pages["problem"].restore_button.click()
    qtbot.waitUntil(lambda: bool(asked))
    settle(qtbot, window.tasks)
    assert path.read_bytes() == damaged and window.store is None
    assert window.stack.currentWidget() is window.pages["problem"]


def test_damaged_database_without_a_backup_says_where_it_is_and_what_to_do(
    qtbot, demo_root: Path
) -> None:
    path = demo_root / "progress.sqlite3"
    path.write_bytes(b"damaged" * 2000)
    window = open_app(qtbot, demo_root)
    page = window.pages["problem"]
    assert not page.restore_button.isVisibleTo(page)
    assert f"No backup of it was found. Keep the file {path}" in page.advice.text()
    assert "move that file into another folder" in page.advice.text()


def test_a_database_that_cannot_be_opened_can_be_tried_again(
    qtbot, demo_root: Path, monkeypatch
) -> None:
    from trainer.services import database
    from trainer.services.errors import StoreError

    real_open = database.open_database

    def busy(url: str | None = None, *, upgrade: bool = True) -> database.Store:
        raise StoreError("the database is busy in another program for too long")

    monkeypatch.setattr(database, "open_database", busy)
    window = open_app(qtbot, demo_root)
    page = window.pages["problem"]
    assert not page.restore_button.isVisibleTo(page)
    assert "nothing in it was changed" in page.advice.text()
    monkeypatch.setattr(database, "open_database", real_open)
    page.retry_button.click()
    qtbot.waitUntil(lambda: window.store is not None)
    settle(qtbot, window.tasks)
    assert window.stack.currentWidget() is window.pages["start"]


@pytest.mark.parametrize("answer", ["Resume quiz", "Not now"])
def test_unfinished_quiz_is_offered_on_the_next_start(
    qtbot, demo_root: Path, monkeypatch, questions, answer: str
) -> None:
    from trainer.services import attempts
    from trainer.services.catalog import open_catalog
    from trainer.store.db import open_store

    store = open_store(str(demo_root / "progress.sqlite3"))
    learner = accounts.create_learner(store, "Ana")
    catalog = open_catalog(demo_root / "curriculum", demo_root / "quizzes")
    attempt = attempts.start_attempt(store, catalog, learner.id, "pretest")
    attempts.save_answer(store, catalog, attempt.id, "pre-define", False)
    store.close()
    asked, answers = questions
    answers.append(answer)
    started: list[str] = []
    window = open_app(qtbot, demo_root)
    monkeypatch.setattr(window, "start_quiz", lambda quiz_id: started.append(quiz_id))
    window.pages["start"].open_selected()
    qtbot.waitUntil(lambda: bool(asked))
    settle(qtbot, window.tasks)
    assert asked == [
        (
            "“pretest” was not finished. The answer you gave is saved. Resume it now?",
            ["Resume quiz", "Not now"],
            "Resume quiz",
        )
    ]
    assert started == (["pretest"] if answer == "Resume quiz" else [])
    assert attempt.id


def test_an_imported_supervisor_without_a_password_says_who_sets_one(
    qtbot, demo_root: Path
) -> None:
    from trainer.store.models import Learner

    window = open_app(qtbot, demo_root)
    sam = accounts.create_learner(window.store, "Sam", role="supervisor", password="correct horse")
    with window.store.session() as session:  # as an import brings it: without a password
        session.get(Learner, sam.id).password_hash = None
    start = window.pages["start"]
    start.refresh()
    qtbot.waitUntil(lambda: start.profiles.count() == 1 and start.open_button.isEnabled())
    asked: list[str] = []
    start.ask_password = lambda parent, name: asked.append(name)
    start.open_selected()
    qtbot.waitUntil(lambda: start.message.text() != "")
    assert start.message.text().startswith("Sam has no password on this computer yet")
    assert "Ask a supervisor to set one" in start.message.text()
    assert asked == [] and start.open_button.isEnabled()
    assert window.stack.currentWidget() is start


def test_the_title_and_status_bar_follow_the_profile_and_the_screen(qtbot, demo_root: Path) -> None:
    from trainer.store import backups

    window = open_app(qtbot, demo_root)
    assert window.windowTitle() == "Demo course — Pain & OUD Counselor Training"
    assert window.save_state.text() == ""
    sign_in(qtbot, window, "Ana Ruiz")
    assert window.windowTitle() == "Ana Ruiz — Demo course"
    assert window.save_state.text() == "Progress is saved as you go"
    window.saved("Quiz submitted")
    window.statusBar().showMessage("“Basics” is not open yet: take the pre-test first")
    window.show_progress()
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.pages.get("progress"))
    assert window.statusBar().currentMessage() == ""
    assert window.save_state.text().startswith("Saved ")
    assert "Quiz submitted" not in window.save_state.text()
    window.backup_action.trigger()
    path = demo_root / "progress.sqlite3"
    qtbot.waitUntil(lambda: window.save_state.text().startswith("Backed up · "))
    folder = backups.list_backups(path)[0].path.parent
    assert str(folder) not in window.save_state.text()
    assert window.save_state.toolTip().endswith(f"Backups are kept in {folder}.")
    window.switch_action.trigger()
    assert window.windowTitle() == "Demo course — Pain & OUD Counselor Training"
    assert window.save_state.text() == ""


def test_the_home_hint_reads_as_sentences(qtbot, demo_root: Path) -> None:
    import re

    window = taken_pretest(qtbot, demo_root)
    home = window.pages["home"]
    module = home.steps.topLevelItem(1)
    lesson = module.child(0)
    home.steps.setCurrentItem(lesson)
    assert re.search(r"\S\. About \d+ min\.$", home.hint.text()), home.hint.text()
