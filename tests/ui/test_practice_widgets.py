"""Practice widgets, built for real on the offscreen platform: what is typed is kept."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QDate, Qt, QTime
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QLabel,
    QPlainTextEdit,
    QTabWidget,
    QWidget,
)

from tests.services.test_practice import PRACTICE_LESSON
from trainer.services import accounts, practice
from trainer.services.catalog import open_catalog
from trainer.ui.learner import practice_relaxation
from trainer.ui.learner.practice_widgets import (
    PracticePanel,
    ReflectionBox,
    RelaxationBox,
    WorksheetBox,
)
from trainer.ui.shell import file_dialogs
from trainer.ui.shell.context import AppContext
from trainer.ui.shell.tasks import TaskRunner


class FakeNavigator:
    """Records what the panel told the status line."""

    def __init__(self) -> None:
        self.saved_messages: list[str] = []

    def saved(self, what: str) -> None:
        self.saved_messages.append(what)

    def __getattr__(self, name: str):
        raise AssertionError(f"the practice panel should not navigate ({name})")


@pytest.fixture
def context(store, write_course) -> AppContext:
    root = write_course({"curriculum/basics/02-steps.md": PRACTICE_LESSON})
    catalog = open_catalog(root / "curriculum", root / "quizzes")
    assert catalog.problems == ()
    learner = accounts.create_learner(store, "Dana Reyes")
    return AppContext(catalog, store, TaskRunner(), FakeNavigator(), learner)


def open_panel(qtbot, context: AppContext, lesson_id: str = "steps") -> PracticePanel:
    lesson = context.catalog.lesson(lesson_id)
    assert lesson is not None
    panel = PracticePanel(context, lesson)
    qtbot.addWidget(panel)
    panel.resize(1000, 700)
    panel.show()
    qtbot.waitExposed(panel)
    panel.activateWindow()
    qtbot.waitUntil(panel.isActiveWindow)
    qtbot.waitUntil(lambda: all(box_ready(box) for box in panel.items))  # read in the background
    return panel


def box_ready(box) -> bool:
    """A box shows what is saved: a text box its entries, a relaxation box its log."""
    if isinstance(box, RelaxationBox):
        return box.log.count() > 0
    return box.ready and box.isEnabled()


def box_of(panel: PracticePanel, kind: type, index: int = 0):
    return [box for box in panel.items if isinstance(box, kind)][index]


def entries(context: AppContext, lesson_id: str, item_id: str) -> list[dict]:
    found = practice.list_entries(
        context.store, context.catalog, context.learner_id, lesson_id, item_id
    )
    return [entry.values for entry in found]


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None, "nothing has the keyboard focus"
    return widget


def test_reflection_is_saved_after_a_pause_and_comes_back(qtbot, context) -> None:
    panel = open_panel(qtbot, context, "what-is-pain")
    box = box_of(panel, ReflectionBox)
    box.boxes[0].setFocus()
    qtbot.keyClicks(focused(), "A stubbed toe")
    assert entries(context, "what-is-pain", "b-reflect") == []  # not on every key
    qtbot.waitUntil(lambda: entries(context, "what-is-pain", "b-reflect") != [])
    assert entries(context, "what-is-pain", "b-reflect") == [{"1": "A stubbed toe"}]
    assert "“Your pain story” saved" in context.navigator.saved_messages
    assert box.status.text().startswith("✓ Saved at")

    again = open_panel(qtbot, context, "what-is-pain")
    assert box_of(again, ReflectionBox).boxes[0].toPlainText() == "A stubbed toe"


def test_leaving_a_box_saves_at_once_and_tab_moves_on(qtbot, context) -> None:
    panel = open_panel(qtbot, context)
    box = box_of(panel, WorksheetBox, 0)  # the pain diary
    qtbot.mouseClick(box.add_button, Qt.MouseButton.LeftButton)
    notes = box.form.editors["notes"]
    notes.setFocus()
    qtbot.keyClicks(focused(), "Slept badly")
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    assert focused() is not notes  # Tab never gets stuck in a text box
    assert notes.toPlainText() == "Slept badly"
    assert entries(context, "steps", "diary")[0]["notes"] == "Slept badly"  # no waiting


def test_repeating_worksheet_add_edit_and_delete(qtbot, context, questions) -> None:
    panel = open_panel(qtbot, context)
    box = box_of(panel, WorksheetBox, 0)
    assert not box.form.isVisible() and "No entries yet" in box.heading.text()
    assert not box.delete_button.isEnabled()

    qtbot.mouseClick(box.add_button, Qt.MouseButton.LeftButton)
    assert box.table.rowCount() == 1 and box.heading.text() == "Entry 1 of 1"
    assert box.table.item(0, 0).text() == date.today().isoformat()  # a diary row starts today
    assert focused() is box.form.editors["day"]  # ready to type the first field
    box.form.editors["pain"].setValue(6)
    box.form.editors["where"].setText("home")
    qtbot.waitUntil(lambda: entries(context, "steps", "diary")[0].get("pain") == 6)
    assert box.table.item(0, 3).text() == "6 / 10"

    qtbot.mouseClick(box.add_button, Qt.MouseButton.LeftButton)
    box.form.editors["where"].setText("work")
    box.select_row(0)  # choosing another entry saves the one being edited first
    assert [e.get("where") for e in entries(context, "steps", "diary")] == ["home", "work"]
    assert box.form.editors["where"].text() == "home"

    again_panel = open_panel(qtbot, context)
    again = box_of(again_panel, WorksheetBox, 0)
    assert again.table.rowCount() == 2 and again.table.item(1, 4).text() == "work"

    asked, answers = questions
    answers += ["Keep entry", "Delete entry"]
    again.select_row(0)
    qtbot.mouseClick(again.delete_button, Qt.MouseButton.LeftButton)
    assert again.table.rowCount() == 2  # "Keep entry" keeps it
    qtbot.mouseClick(again.delete_button, Qt.MouseButton.LeftButton)
    assert asked[0] == (
        "Delete entry 1 of “Pain diary”? This cannot be undone.",
        ["Delete entry", "Keep entry"],
        "Keep entry",
    )
    qtbot.waitUntil(lambda: again.table.rowCount() == 1)  # deleted in the background
    assert again.heading.text() == "Entry 1 of 1" and again.isEnabled()
    assert [e.get("where") for e in entries(context, "steps", "diary")] == ["work"]
    assert again.form.editors["where"].text() == "work"


def test_single_form_worksheet_persists(qtbot, context) -> None:
    panel = open_panel(qtbot, context)
    box = box_of(panel, WorksheetBox, 1)  # the flare plan
    box.form.editors["first-step"].setText("Rest 10 minutes")
    box.form.editors["confidence"].setValue(4)
    panel.flush()
    assert entries(context, "steps", "plan") == [{"first-step": "Rest 10 minutes", "confidence": 4}]
    again_panel = open_panel(qtbot, context)
    again = box_of(again_panel, WorksheetBox, 1)
    assert again.form.editors["confidence"].text() == "4 / 5"


def test_numbers_and_scales_keep_to_their_range(qtbot, context) -> None:
    panel = open_panel(qtbot, context)
    box = box_of(panel, WorksheetBox, 0)
    qtbot.mouseClick(box.add_button, Qt.MouseButton.LeftButton)
    pain, minutes = box.form.editors["pain"], box.form.editors["minutes"]
    assert pain.text() == "not rated" and minutes.text() == "not set"
    pain.setFocus()
    qtbot.keyClick(focused(), Qt.Key.Key_Up)
    assert pain.text() == "0 / 10"
    pain.setValue(99)  # a 0 to 10 scale cannot hold more than 10
    minutes.setValue(12.5)
    panel.flush()
    assert entries(context, "steps", "diary")[0] == {
        "day": date.today().isoformat(),
        "pain": 10,
        "minutes": 12.5,
    }
    assert minutes.text() == "12.5"
    minutes.setFocus()
    minutes.lineEdit().selectAll()
    qtbot.keyClicks(focused(), "-3")  # no minus: numbers count up from 0
    assert minutes.value() == 3
    pain.setValue(pain.minimum())  # back to "not rated" clears the value
    panel.flush()
    assert "pain" not in entries(context, "steps", "diary")[0]


def test_a_refused_save_is_explained_beside_the_item(qtbot, context) -> None:
    panel = open_panel(qtbot, context)
    box = box_of(panel, WorksheetBox, 0)
    qtbot.mouseClick(box.add_button, Qt.MouseButton.LeftButton)
    practice.delete_entry(context.store, context.learner_id, box.entry_id)  # elsewhere
    box.form.editors["where"].setText("home")
    panel.flush()
    assert box.status.text() == (
        "⚠ Not saved: this entry of “Pain diary” was deleted: add a new one"
    )


def test_dates_and_times_start_unset_and_midnight_is_a_time(qtbot, context) -> None:
    panel = open_panel(qtbot, context)
    box = box_of(panel, WorksheetBox, 0)
    qtbot.mouseClick(box.add_button, Qt.MouseButton.LeftButton)
    bedtime = box.form.editors["bedtime"]
    assert bedtime.text() == "not set"
    bedtime.setFocus()
    qtbot.keyClick(focused(), Qt.Key.Key_Up)  # starts at the current time
    assert bedtime.text() != "not set"
    bedtime.setTime(QTime(0, 0, 0, 1))
    box.form.editors["day"].setDate(QDate(2025, 3, 14))
    panel.flush()
    saved = entries(context, "steps", "diary")[0]
    assert (saved["bedtime"], saved["day"]) == ("00:00", "2025-03-14")
    again_panel = open_panel(qtbot, context)
    again = box_of(again_panel, WorksheetBox, 0)
    assert again.form.editors["bedtime"].text() == "00:00"
    again.form.editors["day"].setFocus()
    qtbot.keyClick(focused(), Qt.Key.Key_Delete)  # a wrong date can be cleared again
    assert again.form.editors["day"].text() == "not set"
    again_panel.flush()
    assert "day" not in entries(context, "steps", "diary")[0]


def test_relaxation_timer_and_session_log(qtbot, context) -> None:
    panel = open_panel(qtbot, context)
    box = box_of(panel, RelaxationBox)
    assert box.clock.text() == "00:00 of 02:00" and box.state.text() == "Not started"
    assert "No sessions yet" in box.log.item(0).text()
    qtbot.mouseClick(box.start_button, Qt.MouseButton.LeftButton)
    assert box.state.text() == "Running" and not box.start_button.isEnabled()
    for _ in range(9):
        box.tick()
    assert box.clock.text() == "00:09 of 02:00"
    assert box.clock.accessibleName() == "Time practised: 0 min 0 s of 2 min"  # not every second
    box.tick()
    assert box.clock.accessibleName() == "Time practised: 0 min 10 s of 2 min"
    qtbot.mouseClick(box.pause_button, Qt.MouseButton.LeftButton)
    assert box.state.text() == "Paused" and box.start_button.text() == "Resume"
    box.note.setText("tension 6 to 4")
    qtbot.mouseClick(box.finish_button, Qt.MouseButton.LeftButton)
    assert box.state.text() == "✓ Stopped early: under 1 min logged"
    qtbot.waitUntil(  # the log is read again in the background
        lambda: box.log.item(0).text().endswith("under 1 min · stopped early · tension 6 to 4")
    )

    qtbot.mouseClick(box.start_button, Qt.MouseButton.LeftButton)
    assert box.step_label.text().startswith("Step 1 of 2")
    for _ in range(60):
        box.tick()
    assert box.step_label.text() == "Step 2 of 2: Breathe out for six."
    for _ in range(60):
        box.tick()  # the planned two minutes end the session by themselves
    assert box.state.text() == "✓ Well done: 2 min logged"
    qtbot.waitUntil(lambda: box.log.item(0).text().endswith("2 min · completed"))
    sessions = practice.relaxation_sessions(
        context.store, context.catalog, context.learner_id, "steps", "breathing"
    )
    assert [(s.seconds, s.completed) for s in sessions] == [(120, True), (10, False)]
    assert "Relaxation session logged" in context.navigator.saved_messages


def test_the_relaxation_timer_runs_by_itself(qtbot, context, monkeypatch) -> None:
    monkeypatch.setattr(practice_relaxation, "TICK_MS", 5)
    box_panel = open_panel(qtbot, context)
    box = box_of(box_panel, RelaxationBox)
    box.start()
    qtbot.waitUntil(lambda: box.elapsed >= 3)
    box.pause()
    assert box.clock.text() == f"00:{box.elapsed:02d} of 02:00"


def test_worksheet_pdf_lists_the_entries(qtbot, context, monkeypatch, tmp_path: Path) -> None:
    panel = open_panel(qtbot, context)
    box = box_of(panel, WorksheetBox, 0)
    qtbot.mouseClick(box.add_button, Qt.MouseButton.LeftButton)
    box.form.editors["where"].setText("kitchen")
    box.form.editors["notes"].setPlainText("Flare after lifting")
    qtbot.mouseClick(box.add_button, Qt.MouseButton.LeftButton)
    box.form.editors["pain"].setValue(3)
    target = tmp_path / "my diary"
    monkeypatch.setattr(
        file_dialogs,
        "save_file_name",
        lambda *args: str(target),
    )
    qtbot.mouseClick(box.export_button, Qt.MouseButton.LeftButton)
    written = tmp_path / "my diary.pdf"
    qtbot.waitUntil(lambda: box.status.text() == f"✓ Exported to {written}")
    text = " ".join(" ".join(page.extract_text().split()) for page in PdfReader(written).pages)
    for expected in ("Pain diary", "Dana Reyes", "One row a day.", "Entry 1 of 2", "kitchen"):
        assert expected in text
    assert "Flare after lifting" in text and "3 / 10" in text  # the pending edit too


def test_cancelling_the_export_writes_nothing(qtbot, context, monkeypatch, tmp_path) -> None:
    box_panel = open_panel(qtbot, context)
    box = box_of(box_panel, WorksheetBox, 1)
    monkeypatch.setattr(file_dialogs, "save_file_name", lambda *args: "")
    qtbot.mouseClick(box.export_button, Qt.MouseButton.LeftButton)
    assert box.status.text() == "" and list(tmp_path.glob("*.pdf")) == []


def test_tab_walks_every_control_in_reading_order(qtbot, context) -> None:
    panel = open_panel(qtbot, context)
    diary = box_of(panel, WorksheetBox, 0)
    qtbot.mouseClick(diary.add_button, Qt.MouseButton.LeftButton)
    panel.setFocus()
    names = []
    for _ in range(16):
        names.append(focused().accessibleName())
        qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    assert names == [
        "Start the practice timer",
        "Note for this session",
        "Your past sessions",
        "Entries of “Pain diary”",
        "Add an entry to “Pain diary”",
        "Delete the chosen entry",
        "Export “Pain diary” to PDF",
        "Date",  # date and time fields never trap Tab in their sections
        "Time to bed",
        "Minutes to fall asleep",
        "Pain",
        "Where",
        "Notes",
        "First step",
        "Confidence",
        "Export “Flare plan” to PDF",
    ]


def test_every_control_has_an_accessible_name_and_a_label(qtbot, context) -> None:
    panel = open_panel(qtbot, context)
    for box in panel.items:
        if isinstance(box, WorksheetBox) and box.worksheet.repeat:
            qtbot.mouseClick(box.add_button, Qt.MouseButton.LeftButton)
    controls = [
        widget
        for widget in panel.findChildren(QWidget)
        if widget.focusPolicy() & Qt.FocusPolicy.TabFocus
        and widget.isVisibleTo(panel)
        and not isinstance(widget.parent(), QAbstractSpinBox)  # a spin box's own line edit
    ]
    assert len(controls) > 15
    unnamed = [type(w).__name__ for w in controls if not w.accessibleName().strip()]
    assert unnamed == []
    buddies = {label.buddy() for label in panel.findChildren(QLabel) if label.buddy()}
    editors = [w for w in controls if isinstance(w, QAbstractSpinBox | QPlainTextEdit)]
    assert [w.accessibleName() for w in editors if w not in buddies] == []
    assert panel.focusProxy() is not None  # focusing the panel lands on its first control


def test_leaving_the_lesson_logs_a_session_under_way(qtbot, context) -> None:
    panel = open_panel(qtbot, context)
    box = box_of(panel, RelaxationBox)
    box.start()
    for _ in range(30):
        box.tick()
    panel.hide()
    sessions = practice.relaxation_sessions(
        context.store, context.catalog, context.learner_id, "steps", "breathing"
    )
    assert [(s.seconds, s.completed) for s in sessions] == [(30, False)]
    assert not box.timer.isActive()


def test_text_typed_just_before_leaving_the_lesson_is_kept(qtbot, context) -> None:
    tabs = QTabWidget()  # the reader shows the panel as a tab beside the lesson
    qtbot.addWidget(tabs)
    tabs.addTab(QWidget(), "Lesson")
    panel = PracticePanel(context, context.catalog.lesson("what-is-pain"), tabs)
    tabs.addTab(panel, "Practice")
    tabs.setCurrentIndex(1)
    tabs.show()
    qtbot.waitExposed(tabs)
    box_of(panel, ReflectionBox).boxes[0].setPlainText("typed just now")
    tabs.removeTab(1)  # another lesson opens before the pause in typing
    panel.deleteLater()
    assert entries(context, "what-is-pain", "b-reflect") == [{"1": "typed just now"}]


def test_each_item_says_whether_the_supervisor_receives_what_is_written(
    qtbot, store, write_course
) -> None:
    shared_plan = PRACTICE_LESSON.replace(
        "    title: Flare plan\n", "    title: Flare plan\n    share: answers\n"
    )
    root = write_course({"curriculum/basics/02-steps.md": shared_plan})
    catalog = open_catalog(root / "curriculum", root / "quizzes")
    assert catalog.problems == ()
    learner = accounts.create_learner(store, "Dana Reyes")
    panel = open_panel(qtbot, AppContext(catalog, store, TaskRunner(), FakeNavigator(), learner))
    notes = {box.item.id: box.sharing for box in panel.items}
    private = "Private: your supervisor sees only that you did this, not what you wrote."
    assert notes["breathing"].text() == notes["diary"].text() == private
    assert notes["plan"].text() == "Shared: your supervisor receives what you write here."
    assert all(note.isVisible() for note in notes.values())
