"""The client-case player, built for real on the offscreen platform and played by keyboard."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QPushButton, QWidget

from tests.cases.fixtures import CASE_PATH, VALID_CASE
from tests.ui.conftest import RecordingNavigator, show_active
from trainer.services import accounts, case_play
from trainer.services.catalog import Catalog, open_catalog
from trainer.services.errors import ServiceError
from trainer.ui.learner.case_page import CasePage, WrappingButton
from trainer.ui.shell import text_size
from trainer.ui.shell.context import AppContext
from trainer.ui.shell.tasks import TaskRunner

CASE = "first-visit"
CITATION = "Why: [1] Raja SN, Carr DB, Cohen M (2020). The revised IASP definition of pain."


@pytest.fixture
def case_catalog(write_course) -> Catalog:
    root = write_course({CASE_PATH: VALID_CASE})
    catalog = open_catalog(root / "curriculum", root / "quizzes")
    assert catalog.problems == ()
    return catalog


@pytest.fixture
def context(store, case_catalog):
    learner = accounts.create_learner(store, "Sam Rivera")
    runner = TaskRunner()
    yield AppContext(case_catalog, store, runner, RecordingNavigator(), learner)
    runner.wait()


def open_page(qtbot, context: AppContext, width: int = 900) -> CasePage:
    page = CasePage(context)
    qtbot.addWidget(page)
    show_active(qtbot, page, width, 700)
    opened(qtbot, page)
    return page


def opened(qtbot, page: CasePage) -> None:
    with qtbot.waitSignal(page.opened):
        page.open_case(CASE)


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None, "nothing has the keyboard focus"
    return widget


def press(qtbot, page: CasePage, key: Qt.Key) -> None:
    """A key pressed where the keyboard focus is; a choice waits for its row to be written."""
    if page.decision.isVisible() and key not in (Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_Tab):
        with qtbot.waitSignal(page.choice_saved):
            qtbot.keyClick(focused(), key)
    else:
        qtbot.keyClick(focused(), key)


def choice_texts(page: CasePage) -> list[str]:
    return [button.accessibleName() for button in page.choices if button.isVisible()]


def path_of(context: AppContext) -> list[tuple[list[tuple[str, str]], str | None]]:
    """Each run of the case as recorded: its (node, choice) steps and its ending."""
    (summary,) = case_play.case_record(context.store, context.catalog, context.learner_id)
    return [
        ([(step.node_id, step.choice_id) for step in run.steps], run.ending_id)
        for run in summary.runs
    ]


def play_to_ending_by_keyboard(qtbot, page: CasePage) -> None:
    press(qtbot, page, Qt.Key.Key_1)  # ask Dana to tell more
    press(qtbot, page, Qt.Key.Key_Return)  # continue
    press(qtbot, page, Qt.Key.Key_Down)  # to the lecture…
    press(qtbot, page, Qt.Key.Key_Up)  # …and back to the reflection
    press(qtbot, page, Qt.Key.Key_Return)  # choose it
    press(qtbot, page, Qt.Key.Key_Return)  # continue to the ending


def test_a_case_played_to_an_ending_by_keyboard_records_each_choice(qtbot, context) -> None:
    page = open_page(qtbot, context)
    assert page.title.text() == "A first visit: the pain is real"
    assert "Dana, 52" in page.about.text() and "intake session" in page.about.text()
    assert page.step.text() == "Decision 1"
    assert "Nobody believes my back hurts" in page.node_text.text()
    assert choice_texts(page) == [
        "Ask Dana to tell you more about the pain.",
        "Say that pain is often in the head.",
    ]
    assert focused() is page.choices[0]

    press(qtbot, page, Qt.Key.Key_1)
    assert path_of(context) == [([("arrives", "ask-more")], None)]  # saved as made
    assert not page.decision.isVisible() and focused() is page.continue_button
    assert page.node_text.isVisible()  # what the client said stays above the feedback
    press(qtbot, page, Qt.Key.Key_Return)
    assert page.step.text() == "Decision 2"
    assert choice_texts(page)[0] == "Reflect what you heard and agree on next steps."
    press(qtbot, page, Qt.Key.Key_Down)
    assert focused() is page.choices[1]
    press(qtbot, page, Qt.Key.Key_Up)
    with qtbot.waitSignal(page.finished) as reached:
        press(qtbot, page, Qt.Key.Key_Return)
    assert reached.args == [CASE, "plan-made"]
    press(qtbot, page, Qt.Key.Key_Return)

    assert page.ending_view.isVisible() and not page.feedback.isVisible()
    assert page.ending_title.text() == "How it ended: A plan together"
    assert page.outcome_label.text() == "Outcome: Helpful ✓"
    assert "You listened first." in page.debrief.text()
    assert path_of(context) == [([("arrives", "ask-more"), ("tells-more", "reflect")], "plan-made")]
    assert case_play.case_completed(context.store, context.catalog, context.learner_id, CASE)
    path = page.path.text()
    assert "Ask Dana to tell you more about the pain. — Helpful ✓" in path
    assert "Reflect what you heard and agree on next steps. — Helpful ✓" in path


def test_feedback_says_the_rating_in_words_and_the_source(qtbot, context) -> None:
    page = open_page(qtbot, context)
    press(qtbot, page, Qt.Key.Key_1)
    assert page.chosen.text() == "You chose: Ask Dana to tell you more about the pain."
    assert page.rating.text() == "Helpful ✓"
    assert "Opening with curiosity" in page.feedback_text.text()
    assert CITATION in page.why.text()
    assert page.why.isVisible()

    press(qtbot, page, Qt.Key.Key_Return)
    press(qtbot, page, Qt.Key.Key_2)  # the lecture: partly helpful, no source
    assert page.rating.text() == "Partly helpful ~"
    assert not page.why.isVisible()


def test_a_harmful_choice_says_so_and_a_second_ending_is_reached(qtbot, context) -> None:
    page = open_page(qtbot, context)
    press(qtbot, page, Qt.Key.Key_2)
    assert page.rating.text() == "Harmful ✗"
    assert "Doubting the report" in page.feedback_text.text()
    press(qtbot, page, Qt.Key.Key_Return)
    assert page.ending_title.text() == "How it ended: Dana leaves"
    assert page.outcome_label.text() == "Outcome: Harmful ✗"
    assert path_of(context) == [([("arrives", "doubt")], "walks-out")]


def test_the_ending_names_the_objectives_and_opens_the_lessons(qtbot, context) -> None:
    page = open_page(qtbot, context)
    play_to_ending_by_keyboard(qtbot, page)
    assert "What this case practised:" in page.practised.text()
    assert "Define pain." in page.practised.text()
    names = [button.accessibleName() for button in page.lesson_buttons]
    assert names == ["Read the lesson “What pain is”", "Read the lesson “The steps”"]
    page.about_toggle.setFocus()
    for button in page.lesson_buttons:  # Tab goes down the page, Enter opens
        press(qtbot, page, Qt.Key.Key_Tab)
        assert focused() is button
        press(qtbot, page, Qt.Key.Key_Return)
    assert context.navigator.calls[-2:] == [
        ("open_lesson", "what-is-pain", "definition"),
        ("open_lesson", "steps", ""),
    ]
    press(qtbot, page, Qt.Key.Key_Tab)
    assert focused() is page.again
    press(qtbot, page, Qt.Key.Key_Tab)
    assert focused() is page.home
    press(qtbot, page, Qt.Key.Key_Return)
    assert context.navigator.calls[-1] == ("show_home",)


def test_try_another_path_starts_a_new_run(qtbot, context) -> None:
    page = open_page(qtbot, context)
    play_to_ending_by_keyboard(qtbot, page)
    assert focused() is page.again
    with qtbot.waitSignal(page.opened):
        qtbot.keyClick(page.again, Qt.Key.Key_Return)
    assert page.decision.isVisible() and not page.ending_view.isVisible()
    assert page.step.text() == "Decision 1"
    assert not page.path_so_far.isVisible()
    press(qtbot, page, Qt.Key.Key_2)
    press(qtbot, page, Qt.Key.Key_Return)
    assert path_of(context) == [
        ([("arrives", "ask-more"), ("tells-more", "reflect")], "plan-made"),
        ([("arrives", "doubt")], "walks-out"),
    ]


def test_reopening_mid_case_resumes_at_the_same_node(qtbot, context) -> None:
    page = open_page(qtbot, context)
    press(qtbot, page, Qt.Key.Key_1)
    page.close()  # the app stops here, before Continue

    again = open_page(qtbot, context)
    assert again.step.text() == "Decision 2"
    assert choice_texts(again)[0] == "Reflect what you heard and agree on next steps."
    assert again.path_so_far.isVisible()
    assert "Ask Dana to tell you more about the pain. — Helpful ✓" in again.path_so_far.text()
    press(qtbot, again, Qt.Key.Key_1)
    assert path_of(context) == [([("arrives", "ask-more"), ("tells-more", "reflect")], "plan-made")]


def test_a_choice_that_cannot_be_saved_keeps_the_decision(qtbot, context, monkeypatch) -> None:
    page = open_page(qtbot, context)

    def refuse(*args, **kwargs):
        raise ServiceError("the database is read-only")

    monkeypatch.setattr(case_play, "choose", refuse)
    qtbot.keyClick(focused(), Qt.Key.Key_1)
    qtbot.waitUntil(page.error.isVisible)
    assert page.error.text() == "⚠ Your choice could not be saved: The database is read-only."
    assert page.decision.isVisible() and not page.feedback.isVisible()
    assert all(button.isEnabled() for button in page.choices)
    assert path_of(context) == []


@pytest.fixture
def double_text():
    """The app's text at 200%, as View > Zoom in makes it."""
    text_size.apply_text_size(text_size.LARGEST)
    try:
        yield
    finally:
        text_size.apply_text_size(0)


def test_every_control_is_named_and_choices_wrap_at_200_percent(
    qtbot, context, double_text
) -> None:
    page = open_page(qtbot, context, width=500)
    controls = [w for w in page.findChildren(QWidget) if w.focusPolicy() & Qt.FocusPolicy.TabFocus]
    unnamed = [w for w in controls if w.isVisible() and not w.accessibleName()]
    assert unnamed == []
    first = page.choices[0]
    assert isinstance(first, WrappingButton) and isinstance(first.label, QLabel)
    line = first.label.fontMetrics().lineSpacing()
    qtbot.waitUntil(lambda: first.label.height() >= 2 * line)  # wrapped, not cut off
    assert first.height() >= first.label.height()
    assert page.scroll_area.horizontalScrollBar().maximum() == 0
    assert all(isinstance(button, QPushButton) for button in page.choices)
    play_to_ending_by_keyboard(qtbot, page)
    controls = [w for w in page.findChildren(QWidget) if w.focusPolicy() & Qt.FocusPolicy.TabFocus]
    visible = [w for w in controls if w.isVisible()]
    assert page.lesson_buttons[0] in visible
    assert [w for w in visible if not w.accessibleName()] == []
    assert page.scroll_area.horizontalScrollBar().maximum() == 0


def test_a_case_the_course_lacks_is_refused_on_the_page(qtbot, context) -> None:
    page = open_page(qtbot, context)
    with qtbot.waitSignal(page.opened):
        page.open_case("no-such-case")
    assert page.error.isVisible()
    assert page.error.text().startswith("⚠ The case cannot be opened: Case `no-such-case`")
    assert not page.decision.isVisible() and not page.scene.isVisible()


def test_reopening_a_finished_case_shows_its_ending_again(qtbot, context) -> None:
    page = open_page(qtbot, context)
    play_to_ending_by_keyboard(qtbot, page)
    page.close()

    again = open_page(qtbot, context)  # from the course home, say, after reading a lesson
    assert again.ending_view.isVisible() and not again.decision.isVisible()
    assert again.ending_title.text() == "How it ended: A plan together"
    assert focused() is again.again  # Try another path
    assert path_of(context) == [([("arrives", "ask-more"), ("tells-more", "reflect")], "plan-made")]
