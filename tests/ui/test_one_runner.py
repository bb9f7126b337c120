"""One way from the window to the database: every read and write a screen starts runs on
the task runner's worker thread, except the single-row writes listed in ui/shell/tasks.py;
screens reload when a write changed what they show, not each time they are shown."""

from __future__ import annotations

import threading
import traceback
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QRadioButton
from sqlalchemy import Engine, event

from tests.conftest import EVALUATION
from tests.services.helpers import right_answer, take_quiz
from tests.ui.test_app_window import open_app, settle, sign_in
from tests.ui.test_counselor_journey import (
    answer_every_question,
    home_shown,
    read_lesson_to_the_end,
)
from trainer.services.errors import ServiceError, StoreError
from trainer.ui.learner import home_page
from trainer.ui.shell.tasks import PROGRESS, TaskRunner

# the single-row writes a screen may make on the UI thread, through TaskRunner.write_now
ALLOWED_ON_THE_UI_THREAD = {
    ("attempts", "save_answer"),
    ("attempts", "record_quiz_time"),
    ("progress", "record_reading"),
    ("practice", "save_entry"),
    ("practice", "record_relaxation_session"),
}


class StatementLog:
    """Every SQL statement the app runs, told apart by thread and by the service asking."""

    def __init__(self) -> None:
        self.on_worker = 0
        self.allowed: set[tuple[str, str]] = set()
        self.refused: list[str] = []

    def __call__(self, _connection, _cursor, statement: str, *_rest) -> None:
        if threading.current_thread() is not threading.main_thread():
            self.on_worker += 1
            return
        frames = traceback.extract_stack()
        services = [
            (Path(f.filename).stem, f.name)
            for f in frames
            if Path(f.filename).parent.name == "services" and "trainer" in Path(f.filename).parts
        ]
        through_write_now = any(
            f.name == "write_now" and f.filename.endswith("tasks.py") for f in frames
        )
        allowed = set(services) & ALLOWED_ON_THE_UI_THREAD
        if through_write_now and allowed:
            self.allowed |= allowed
            return
        callers = [  # the screen that asked, or else the test
            f"{Path(f.filename).name}:{f.lineno} {f.name}"
            for f in frames
            if {"ui", "trainer"} <= set(Path(f.filename).parts) or "tests" in Path(f.filename).parts
        ]
        caller = callers[-1] if callers else "?"
        self.refused.append(f"{caller} via {services[:1]}: {statement.split()[0]}")


@pytest.fixture
def statements():
    """Listens to every engine: the app opens its own database in the test."""
    log = StatementLog()
    event.listen(Engine, "before_cursor_execute", log)
    yield log
    event.remove(Engine, "before_cursor_execute", log)


def test_a_counselor_journey_never_reads_or_writes_on_the_ui_thread_but_single_rows(
    qtbot, write_course, statements, tmp_path: Path, monkeypatch
) -> None:
    root = write_course({"curriculum/evaluation.yaml": EVALUATION})
    window = open_app(qtbot, root)
    clock = [1000.0]
    window.activity.clock = lambda: clock[0]
    sign_in(qtbot, window, "Ana Ruiz")  # the profile created and opened
    home = window.pages["home"]

    qtbot.mouseClick(home.continue_button, Qt.MouseButton.LeftButton)  # the pre-test
    answer_every_question(qtbot, window, right=True)
    home_shown(qtbot, window)
    for _lesson in ("what-is-pain", "steps"):
        qtbot.mouseClick(home.continue_button, Qt.MouseButton.LeftButton)
        read_lesson_to_the_end(qtbot, window, clock)
        home_shown(qtbot, window)
    qtbot.mouseClick(home.continue_button, Qt.MouseButton.LeftButton)  # the module quiz
    answer_every_question(qtbot, window, right=True)
    assert home_shown(qtbot, window).steps.topLevelItem(1).text(1) == "Complete"

    window.show_progress()
    progress = window.pages["progress"]
    qtbot.waitUntil(lambda: progress.snapshot is not None)
    assert progress.modules.item(0, 4).text() == "Complete"

    window.show_home()
    qtbot.mouseClick(home.continue_button, Qt.MouseButton.LeftButton)  # the post-test
    answer_every_question(qtbot, window, right=True)
    home_shown(qtbot, window)
    qtbot.mouseClick(home.continue_button, Qt.MouseButton.LeftButton)  # the evaluation
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.pages.get("evaluation"))
    evaluation = window.pages["evaluation"]
    qtbot.waitUntil(lambda: bool(evaluation.fields))
    evaluation.fields[0].box.findChildren(QRadioButton)[4].click()
    evaluation.fields[1].box.findChildren(QRadioButton)[0].click()
    with qtbot.waitSignal(evaluation.submitted):
        evaluation.submit()

    window.show_certificate()
    certificate = window.pages["certificate"]
    qtbot.waitUntil(lambda: certificate.certificate is not None)

    window.switch_action.trigger()  # back to the start screen, and in again
    start = window.pages["start"]
    qtbot.waitUntil(lambda: start.profiles.count() == 1 and start.open_button.isEnabled())
    start.open_selected()
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.pages.get("home"))
    settle(qtbot, window.tasks)
    assert window.pages["home"].certificate_button.isEnabled()

    assert statements.refused == []
    assert statements.on_worker > 100  # the listener hears the app
    assert {("attempts", "save_answer"), ("progress", "record_reading")} <= statements.allowed


def reads_of_the_home(monkeypatch) -> list[str]:
    """The learners whose record the home screen read (Continue reads it too: not used)."""
    reads: list[str] = []
    real = home_page.learner_progress

    def counted(store, catalog, learner_id):
        reads.append(learner_id)
        return real(store, catalog, learner_id)

    monkeypatch.setattr(home_page, "learner_progress", counted)
    return reads


def test_the_home_reloads_only_when_its_data_changed(qtbot, demo_root: Path, monkeypatch) -> None:
    reads = reads_of_the_home(monkeypatch)
    window = open_app(qtbot, demo_root)
    sign_in(qtbot, window)
    home = window.pages["home"]
    assert len(reads) == 1

    # shown again and again with nothing changed: not read again
    window.show_progress()
    settle(qtbot, window.tasks)
    window.show_home()
    settle(qtbot, window.tasks)
    window.show_home()
    settle(qtbot, window.tasks)
    assert len(reads) == 1 and not home.freshness.stale

    # an answer makes it stale; showing it reads it once and shows the answer's effect
    window.start_quiz("pretest")
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.pages.get("quiz"))
    quiz = window.pages["quiz"]
    qtbot.waitUntil(lambda: quiz.open)
    with qtbot.waitSignal(home.loaded):  # starting the attempt changed it; read it now
        home.refresh()
    assert len(reads) == 2 and not home.freshness.stale
    assert home.steps.topLevelItem(0).text(1) == "In progress"
    question = quiz.quiz.spec.question(quiz.attempt.question_ids[0])
    quiz.widget.answered.emit(right_answer(question))
    assert home.freshness.stale  # marked, not read: the home is not on view
    settle(qtbot, window.tasks)
    assert len(reads) == 2
    qtbot.mouseClick(quiz.later, Qt.MouseButton.LeftButton)  # Finish later: to the home
    settle(qtbot, window.tasks)
    assert len(reads) == 3 and window.stack.currentWidget() is home

    # a lesson completed: read once more on the way back, showing the lesson read
    window.start_quiz("pretest")  # resumed, then submitted
    qtbot.waitUntil(lambda: window.stack.currentWidget() is quiz and quiz.open)
    for index, question_id in enumerate(quiz.attempt.question_ids):
        quiz.show_question(index)
        quiz.widget.answered.emit(right_answer(quiz.quiz.spec.question(question_id)))
    with qtbot.waitSignal(quiz.submitted):
        quiz.submit()
    clock = [1000.0]
    window.activity.clock = lambda: clock[0]
    window.open_lesson("what-is-pain")
    read_lesson_to_the_end(qtbot, window, clock)
    before = len(reads)
    reader = window.pages["reader"]
    qtbot.waitUntil(lambda: reader.read_state.text() == "Read")
    window.show_home()
    settle(qtbot, window.tasks)
    assert len(reads) == before + 1
    assert home.steps.topLevelItem(1).text(1) == "In progress: 1 of 2 lessons read"


def test_a_write_reaches_the_screen_on_view_which_shows_the_new_figure(
    qtbot, demo_root: Path
) -> None:
    window = open_app(qtbot, demo_root)
    sign_in(qtbot, window)
    window.show_progress()
    progress = window.pages["progress"]
    qtbot.waitUntil(lambda: progress.snapshot is not None)
    assert "Pre-test:" not in progress.summary.text()
    store, catalog, learner_id = window.store, window.catalog, window.context.learner_id
    done: list[object] = []
    with qtbot.waitSignal(progress.loaded):  # no navigation: the write's `changed` does it
        window.tasks.write(
            lambda: take_quiz(store, catalog, learner_id, "pretest", right=True),
            done.append,
            what="Taking the pre-test",
            changes={PROGRESS},
        )
    assert done and window.stack.currentWidget() is progress
    assert "Pre-test: Baseline: 2 of 2 right (100%)." in progress.summary.text()
    assert progress.history.rowCount() == 1


def test_the_runner_says_what_changed_and_sends_each_failure_where_it_belongs(qtbot) -> None:
    runner = TaskRunner()
    events: list[object] = []
    runner.changed.connect(lambda topics: events.append(("changed", topics)))
    runner.on_unexpected = lambda error, what: events.append(("unexpected", str(error), what))

    with qtbot.waitSignal(runner.busy_changed, check_params_cb=lambda n: n == 0):
        runner.read(lambda: 1, lambda n: events.append(("read", n)), what="Reading")
    assert events == [("read", 1)]  # a read changes nothing

    events.clear()
    with qtbot.waitSignal(runner.busy_changed, check_params_cb=lambda n: n == 0):
        runner.write(lambda: 2, lambda n: events.append(("wrote", n)), what="W", changes={"a"})
    assert events == [("changed", frozenset({"a"})), ("wrote", 2)]  # screens first

    def refuse():
        raise ServiceError("the course is not complete")

    for error_kind, expected in (
        (StoreError, ("refused", "the disk is full")),
        (RuntimeError, ("unexpected", "a bug", "Writing")),
    ):
        events.clear()

        def fail(error_kind=error_kind):
            raise error_kind("the disk is full" if error_kind is StoreError else "a bug")

        with qtbot.waitSignal(runner.busy_changed, check_params_cb=lambda n: n == 0):
            runner.write(
                fail, events.append, what="Writing", changes={"a"},
                on_failure=lambda error: events.append(("refused", str(error))),
            )  # fmt: skip
        assert events == [expected]  # nothing changed, so nothing announced

    events.clear()
    with qtbot.waitSignal(runner.busy_changed, check_params_cb=lambda n: n == 0):
        runner.read(refuse, events.append, what="Reading the certificate")  # no on_failure
    assert events == [("unexpected", "the course is not complete", "Reading the certificate")]

    events.clear()
    assert runner.write_now(lambda: 3, changes={"b"}) == 3
    assert events == [("changed", frozenset({"b"}))]
    runner.wait()
