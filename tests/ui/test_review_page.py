"""The booster review screen: a session answered by keyboard, and a confident error."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from tests.conftest import BOOSTERS, COURSE_YAML, REVIEW_SETTINGS
from tests.services.helpers import read_module, right_answer, take_quiz, wrong_answer
from tests.ui.conftest import RecordingNavigator, show_active
from trainer.quiz.model import Ordering
from trainer.services import accounts
from trainer.services.catalog import Catalog, open_catalog
from trainer.services.completion import course_status
from trainer.services.errors import ServiceError
from trainer.services.reviews import review_plan
from trainer.ui.learner import review_page
from trainer.ui.learner.review_page import ReviewPage
from trainer.ui.shell.context import AppContext
from trainer.ui.shell.tasks import TaskRunner


@pytest.fixture
def booster_catalog(write_course) -> Catalog:
    """The demo course with booster reviews: four items, two per objective."""
    root = write_course(
        {
            "curriculum/course.yaml": COURSE_YAML + REVIEW_SETTINGS,
            "quizzes/basics-boosters.yaml": BOOSTERS,
        }
    )
    catalog = open_catalog(root / "curriculum", root / "quizzes")
    assert catalog.problems == ()
    return catalog


@pytest.fixture
def make_context(store, booster_catalog):
    """A context for a new learner, who has completed the course when `completed`."""
    runners: list[TaskRunner] = []

    def make(completed: bool = True) -> AppContext:
        learner = accounts.create_learner(store, "Ana Ruiz")
        if completed:
            take_quiz(store, booster_catalog, learner.id, "pretest")
            read_module(store, booster_catalog, learner.id, "basics")
            take_quiz(store, booster_catalog, learner.id, "basics-quiz")
            take_quiz(store, booster_catalog, learner.id, "posttest")
        runners.append(TaskRunner())
        return AppContext(booster_catalog, store, runners[-1], RecordingNavigator(), learner)

    yield make
    for runner in runners:
        runner.wait()


def the_day_after(context: AppContext, days: int = 1) -> datetime:
    completed_at = course_status(context.store, context.catalog, context.learner_id).completed_at
    assert completed_at is not None
    start = datetime.combine(completed_at.date(), datetime.min.time(), tzinfo=UTC)
    return start + timedelta(days=days, hours=9)


@pytest.fixture
def clock(monkeypatch):
    """Set the review screens' clock: `clock(moment)`."""

    def set_to(moment: datetime) -> None:
        monkeypatch.setattr(review_page, "now", lambda: moment)

    return set_to


def opened(qtbot, context: AppContext) -> ReviewPage:
    page = ReviewPage(context)
    qtbot.addWidget(page)
    show_active(qtbot, page, 1000, 700)
    with qtbot.waitSignal(page.loaded):
        page.refresh()
    return page


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def answer_by_keyboard(qtbot, page: ReviewPage, right: bool) -> None:
    """Answer the item shown with the keys alone: arrows and Space, or Alt+Up to order."""
    assert page.widget is not None
    question = page.widget.question
    wanted = right_answer(question) if right else wrong_answer(question)
    shown = page.widget  # arrow keys move between radio buttons by where they are laid out
    qtbot.waitUntil(lambda: shown.isVisible() and not shown.geometry().isEmpty())
    if isinstance(question, Ordering):
        listing = page.widget.list  # type: ignore[attr-defined]
        for place, item_id in enumerate(wanted):
            ids = [listing.item(r).data(Qt.ItemDataRole.UserRole) for r in range(listing.count())]
            row = ids.index(item_id)
            for _ in ids:
                if listing.currentRow() == row:
                    break
                up = listing.currentRow() > row
                qtbot.keyClick(focused(), Qt.Key.Key_Up if up else Qt.Key.Key_Down)
            for _ in range(row - place):
                qtbot.keyClick(focused(), Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
        assert page.answer == wanted
        return
    buttons = page.widget.buttons  # type: ignore[attr-defined]
    qtbot.keyClick(focused(), Qt.Key.Key_Space)
    for _ in buttons:
        if buttons[wanted].isChecked():
            break
        qtbot.keyClick(focused(), Qt.Key.Key_Down)
    assert page.answer == wanted


def check_by_keyboard(qtbot, page: ReviewPage, confidence_key: str) -> None:
    qtbot.keyClick(focused(), confidence_key)
    assert page.check_button.isEnabled()
    with qtbot.waitSignal(page.recorded):
        qtbot.keyClick(focused(), Qt.Key.Key_Return)


def test_a_session_answered_by_keyboard_is_recorded_and_summed_up(
    qtbot, make_context, clock
) -> None:
    context = make_context()
    today = the_day_after(context)
    clock(today)
    page = opened(qtbot, context)
    assert page.where_label.text() == "Item 1 of 4"
    assert not page.check_button.isEnabled()  # neither answered nor rated yet
    for n in range(4):
        answer_by_keyboard(qtbot, page, right=n != 1)
        assert not page.check_button.isEnabled()  # answered, not rated
        check_by_keyboard(qtbot, page, "2")
        assert page.feedback.isVisible()
        assert page.next_due.text().startswith("Next review of this item:")
        assert page.next_button.hasFocus()
        if n < 3:
            qtbot.keyClick(focused(), Qt.Key.Key_Return)
            assert page.where_label.text() == f"Item {n + 2} of 4"
    with qtbot.waitSignal(page.finished):
        qtbot.keyClick(focused(), Qt.Key.Key_Return)
    assert page.summary.text().startswith("4 reviewed, 3 right; next reviews due ")
    plan = review_plan(context.store, context.catalog, context.learner_id, today)
    assert plan.items == ()  # today's session is done
    assert page.home_button.hasFocus()
    qtbot.keyClick(focused(), Qt.Key.Key_Return)
    assert ("show_home",) in context.navigator.calls  # type: ignore[attr-defined]


def test_the_confidence_keys_and_arrows_choose_and_every_control_is_named(
    qtbot, make_context, clock
) -> None:
    context = make_context()
    clock(the_day_after(context))
    page = opened(qtbot, context)
    qtbot.keyClick(focused(), "1")
    assert page.chosen_confidence() == "not_sure"
    qtbot.keyClick(focused(), Qt.Key.Key_Down)
    assert page.chosen_confidence() == "fairly_sure"
    qtbot.keyClick(focused(), "3")
    assert page.chosen_confidence() == "sure"
    names = {r.accessibleName() for r in page.confidence_buttons.values()}
    assert names == {"Not sure", "Fairly sure", "Sure"}
    assert page.session_spin.accessibleName() == "Items per session"


def test_a_confident_error_says_so_and_links_to_the_lesson(qtbot, make_context, clock) -> None:
    context = make_context()
    clock(the_day_after(context))
    page = opened(qtbot, context)
    answer_by_keyboard(qtbot, page, right=False)
    check_by_keyboard(qtbot, page, "3")
    assert page.warning.isVisible()
    assert page.warning.text() == (
        "You were sure, but this answer is not right. This item will come back sooner."
    )
    assert page.feedback.text().startswith("✘ Not right.")
    assert page.lesson_button.isVisible()
    assert "What pain is" in page.lesson_button.text()
    page.lesson_button.click()
    assert ("open_lesson", "what-is-pain", "definition") in context.navigator.calls  # type: ignore[attr-defined]


def test_a_right_answer_says_when_the_item_comes_back(qtbot, make_context, clock) -> None:
    context = make_context()
    clock(the_day_after(context))
    page = opened(qtbot, context)
    answer_by_keyboard(qtbot, page, right=True)
    check_by_keyboard(qtbot, page, "3")
    assert not page.warning.isVisible()
    assert page.feedback.text().startswith("✔ Right.")
    assert page.next_due.text().startswith("Next review of this item: in ")
    assert page.next_due.text().endswith(" days.")


def test_items_per_session_is_kept_for_the_learner_and_resizes_the_session(
    qtbot, make_context, clock
) -> None:
    context = make_context()
    clock(the_day_after(context))
    page = opened(qtbot, context)
    assert page.session_spin.value() == 5  # the course's, from course.yaml
    with qtbot.waitSignal(page.loaded):
        page.session_spin.setValue(2)
    assert page.where_label.text() == "Item 1 of 2"
    again = opened(qtbot, context)
    assert again.session_spin.value() == 2


def test_before_the_day_after_completion_there_is_nothing_to_review(
    qtbot, make_context, clock
) -> None:
    context = make_context(completed=False)
    clock(datetime.now(UTC))
    page = opened(qtbot, context)
    assert page.summary.text() == "Booster reviews start the day after you complete the course."
    assert page.stack.currentWidget() is page.summary_view


def test_an_answer_that_cannot_be_saved_is_said_and_the_item_stays(
    qtbot, make_context, clock, monkeypatch
) -> None:
    context = make_context()
    clock(the_day_after(context))
    page = opened(qtbot, context)

    def refuse(*_args, **_kwargs):
        raise ServiceError("the database is busy")

    monkeypatch.setattr(review_page, "record_review", refuse)
    answer_by_keyboard(qtbot, page, right=True)
    qtbot.keyClick(focused(), "2")
    qtbot.keyClick(focused(), Qt.Key.Key_Return)
    qtbot.waitUntil(page.error.isVisible)
    assert page.error.text() == "⚠ Your answer could not be saved: the database is busy."
    assert page.where_label.text() == "Item 1 of 4"
    assert page.check_button.isEnabled() and not page.feedback.isVisible()
    assert review_plan(context.store, context.catalog, context.learner_id,
                       the_day_after(context)).items != ()  # fmt: skip
