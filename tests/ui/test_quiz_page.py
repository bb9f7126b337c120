"""The quiz runner, built for real on the offscreen platform and driven by the keyboard."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QApplication,
    QMessageBox,
    QStyle,
    QStyleOptionFrame,
    QWidget,
)

from tests.conftest import QUIZ
from tests.services.helpers import right_answer, take_quiz, wrong_answer
from trainer.services import accounts, attempts, completion
from trainer.services.catalog import Catalog, open_catalog
from trainer.ui.learner.question_widgets import (
    MatchingWidget,
    MultipleChoiceWidget,
    NumericWidget,
    OrderingWidget,
    SingleChoiceWidget,
    TrueFalseWidget,
)
from trainer.ui.learner.quiz_page import QuizPage
from trainer.ui.shell.context import AppContext
from trainer.ui.shell.tasks import TaskRunner

ALL_TYPES = """\
id: all-types
title: Every question type
module: basics
feedback: {feedback}
{extra}
questions:
  - id: q-single
    type: single
    objective: b-define
    lesson: what-is-pain#definition
    prompt: What is **pain**?
    options:
      - {{id: a, text: An experience, feedback: Yes.}}
      - {{id: b, text: A nerve signal, feedback: That is nociception.}}
    key: a
    explanation: Pain is an experience.
  - id: q-multiple
    type: multiple
    objective: b-define
    lesson: what-is-pain
    prompt: Which are steps of nociception?
    options:
      - {{id: a, text: Transduction, feedback: A step.}}
      - {{id: b, text: Perception, feedback: A step.}}
      - {{id: c, text: Digestion, feedback: Not a step.}}
    key: [a, b]
    explanation: Digestion is not one.
  - id: q-tf
    type: true_false
    objective: b-define
    lesson: what-is-pain
    prompt: Nociception is pain.
    key: false
    feedback: {{true: "No: they differ.", false: "Right: they differ."}}
    explanation: They differ.
  - id: q-match
    type: matching
    objective: b-steps
    lesson: steps#four-steps
    prompt: Match each step to where it happens.
    pairs:
      - {{id: p1, left: Transduction, right: Nerve endings, feedback: At the endings.}}
      - {{id: p2, left: Perception, right: The brain, feedback: In the brain.}}
    distractors: [The stomach]
    explanation: Endings, then brain.
  - id: q-order
    type: ordering
    objective: b-steps
    lesson: steps#four-steps
    prompt: Put the steps in order.
    items:
      - {{id: t1, text: Transduction, feedback: First.}}
      - {{id: t2, text: Transmission, feedback: Second.}}
      - {{id: t3, text: Perception, feedback: Last.}}
    explanation: In that order.
  - id: q-number
    type: numeric
    objective: b-steps
    lesson: steps
    prompt: How many steps does nociception have?
    key: 4
    unit: steps
    feedback: {{correct: "Yes, four.", incorrect: "There are four."}}
    explanation: Four steps.
"""


class FakeNavigator:
    """Records where the page asked to go."""

    def __init__(self) -> None:
        self.calls: list[tuple[Any, ...]] = []

    def show_home(self) -> None:
        self.calls.append(("home",))

    def open_lesson(self, lesson_id: str, anchor: str = "") -> None:
        self.calls.append(("lesson", lesson_id, anchor))

    def start_quiz(self, quiz_id: str) -> None:
        self.calls.append(("quiz", quiz_id))

    def show_progress(self) -> None:
        self.calls.append(("progress",))

    def show_certificate(self) -> None:
        self.calls.append(("certificate",))

    def show_evaluation(self) -> None:
        self.calls.append(("evaluation",))

    def saved(self, what: str) -> None:
        self.calls.append(("saved", what))


def make_context(store, catalog: Catalog) -> AppContext:
    learner = accounts.create_learner(store, "Sam Rivera")
    return AppContext(catalog, store, TaskRunner(), FakeNavigator(), learner)


@pytest.fixture
def context(store, catalog) -> AppContext:
    return make_context(store, catalog)


def all_types_context(store, write_course, feedback: str = "after_submit", extra: str = ""):
    root: Path = write_course(
        {"quizzes/all-types.yaml": ALL_TYPES.format(feedback=feedback, extra=extra)}
    )
    catalog = open_catalog(root / "curriculum", root / "quizzes")
    assert "all-types" in catalog.quizzes, catalog.problems
    return make_context(store, catalog)


def open_page(qtbot, context: AppContext, quiz_id: str) -> QuizPage:
    page = QuizPage(context)
    qtbot.addWidget(page)
    page.resize(900, 700)
    page.show()
    qtbot.waitExposed(page)
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)
    started(qtbot, page, quiz_id)
    return page


def started(qtbot, page: QuizPage, quiz_id: str) -> None:
    """Start (or resume) the quiz and wait until the attempt, or why not, is shown."""
    ready: list[bool] = []
    page.start(quiz_id, ready=lambda: ready.append(True))
    qtbot.waitUntil(lambda: bool(ready))


def submit_and_wait(qtbot, page: QuizPage) -> None:
    """Submit and wait for the results."""
    with qtbot.waitSignal(page.submitted):
        page.submit()


def go_to(qtbot, page: QuizPage, question_id: str) -> None:
    assert page.attempt is not None
    page.show_question(page.attempt.question_ids.index(question_id))
    laid_out = page.widget
    qtbot.waitUntil(lambda: laid_out.isVisible() and not laid_out.geometry().isEmpty())


def saved_answers(context: AppContext) -> dict[str, Any]:
    """The answers of the unfinished attempt, read back through the services."""
    (attempt,) = attempts.unfinished_attempts(context.store, context.catalog, context.learner_id)
    return attempt.answers


def order_of(page: QuizPage, question_id: str) -> tuple[str, ...]:
    assert page.attempt is not None
    return page.attempt.option_orders[question_id]


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None, "nothing has the keyboard focus"
    return widget


def test_single_choice_by_keyboard(qtbot, store, write_course) -> None:
    context = all_types_context(store, write_course)
    page = open_page(qtbot, context, "all-types")
    go_to(qtbot, page, "q-single")
    assert isinstance(page.widget, SingleChoiceWidget)
    assert "What is pain?" in page.prompt.text().replace("<strong>", "").replace("</strong>", "")
    qtbot.keyClick(focused(), Qt.Key.Key_Space)
    first, second = order_of(page, "q-single")
    assert saved_answers(context)["q-single"] == first
    qtbot.keyClick(focused(), Qt.Key.Key_Down)
    assert saved_answers(context)["q-single"] == second
    assert ("saved", "Answer saved") in context.navigator.calls


def test_multiple_choice_by_keyboard(qtbot, store, write_course) -> None:
    context = all_types_context(store, write_course)
    page = open_page(qtbot, context, "all-types")
    go_to(qtbot, page, "q-multiple")
    assert isinstance(page.widget, MultipleChoiceWidget)
    qtbot.keyClick(focused(), Qt.Key.Key_Space)
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    qtbot.keyClick(focused(), Qt.Key.Key_Space)
    order = order_of(page, "q-multiple")
    assert saved_answers(context)["q-multiple"] == list(order[:2])


def test_true_false_by_keyboard(qtbot, store, write_course) -> None:
    context = all_types_context(store, write_course)
    page = open_page(qtbot, context, "all-types")
    go_to(qtbot, page, "q-tf")
    assert isinstance(page.widget, TrueFalseWidget)
    assert focused().accessibleName() == "True"
    qtbot.keyClick(focused(), Qt.Key.Key_Space)
    assert saved_answers(context)["q-tf"] is True
    qtbot.keyClick(focused(), Qt.Key.Key_Down)
    assert saved_answers(context)["q-tf"] is False


def test_matching_by_keyboard(qtbot, store, write_course) -> None:
    context = all_types_context(store, write_course)
    page = open_page(qtbot, context, "all-types")
    go_to(qtbot, page, "q-match")
    assert isinstance(page.widget, MatchingWidget)
    assert focused().accessibleName() == "Transduction"
    assert focused().currentText() == ""  # the placeholder "Choose…" shows
    qtbot.keyClick(focused(), Qt.Key.Key_Down)
    choices = order_of(page, "q-match")
    assert saved_answers(context)["q-match"] == {"p1": choices[0]}
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    assert focused().accessibleName() == "Perception"
    qtbot.keyClick(focused(), Qt.Key.Key_Down)
    qtbot.keyClick(focused(), Qt.Key.Key_Down)
    assert saved_answers(context)["q-match"] == {"p1": choices[0], "p2": choices[1]}


def test_ordering_by_keyboard(qtbot, store, write_course) -> None:
    context = all_types_context(store, write_course)
    page = open_page(qtbot, context, "all-types")
    go_to(qtbot, page, "q-order")
    assert isinstance(page.widget, OrderingWidget)
    assert focused() is page.widget.list
    first, second, third = order_of(page, "q-order")
    qtbot.keyClick(focused(), Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert saved_answers(context)["q-order"] == [second, first, third]
    assert page.widget.list.currentItem().text().startswith("2. ")  # the moved item stays chosen
    qtbot.keyClick(focused(), Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert saved_answers(context)["q-order"] == [first, second, third]


def test_ordering_by_dragging(qtbot, store, write_course) -> None:
    context = all_types_context(store, write_course)
    page = open_page(qtbot, context, "all-types")
    go_to(qtbot, page, "q-order")
    first, second, third = order_of(page, "q-order")
    items = page.widget.list
    items.model().moveRow(QModelIndex(), 0, QModelIndex(), 3)  # what a drop to the end does
    qtbot.waitUntil(lambda: saved_answers(context).get("q-order") == [second, third, first])
    assert [items.item(n).text()[:3] for n in range(3)] == ["1. ", "2. ", "3. "]


def test_numeric_by_keyboard_and_bad_input(qtbot, store, write_course) -> None:
    context = all_types_context(store, write_course)
    page = open_page(qtbot, context, "all-types")
    go_to(qtbot, page, "q-number")
    widget = page.widget
    assert isinstance(widget, NumericWidget)
    assert focused() is widget.field
    assert focused().accessibleName() == "Your answer, in steps"
    qtbot.keyClicks(focused(), "four")
    qtbot.keyClick(focused(), Qt.Key.Key_Return)
    assert widget.message.isVisible()
    assert "is not a number" in widget.message.text()
    assert "q-number" not in saved_answers(context)
    widget.field.clear()
    qtbot.keyClicks(focused(), "4")
    qtbot.keyClick(focused(), Qt.Key.Key_Return)
    assert not widget.message.isVisible()
    assert saved_answers(context)["q-number"] == 4.0


def test_a_number_is_saved_after_a_pause_in_typing(qtbot, store, write_course) -> None:
    context = all_types_context(store, write_course)
    page = open_page(qtbot, context, "all-types")
    go_to(qtbot, page, "q-number")
    qtbot.keyClicks(focused(), "3.5")
    qtbot.waitUntil(lambda: saved_answers(context).get("q-number") == 3.5)


def test_the_number_field_shows_its_whole_placeholder(qtbot, store, write_course) -> None:
    context = all_types_context(store, write_course)
    page = open_page(qtbot, context, "all-types")
    go_to(qtbot, page, "q-number")
    widget = page.widget
    assert isinstance(widget, NumericWidget)
    field = widget.field
    option = QStyleOptionFrame()
    field.initStyleOption(option)
    room = field.style().subElementRect(QStyle.SubElement.SE_LineEditContents, option, field)
    room = room.marginsRemoved(field.textMargins())
    needed = field.fontMetrics().horizontalAdvance(field.placeholderText())
    assert room.width() - 4 >= needed, (room.width(), needed)  # 2 px either side of the text


def test_next_previous_and_tab_order(qtbot, store, write_course) -> None:
    context = all_types_context(store, write_course)
    page = open_page(qtbot, context, "all-types")
    assert page.progress.accessibleName() == "Question 1 of 6"
    assert not page.previous.isEnabled()
    for _ in range(10):  # tab from the answer to the Next button
        if focused() is page.next:
            break
        qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    assert focused() is page.next
    qtbot.keyClick(focused(), Qt.Key.Key_Space)
    assert page.progress.accessibleName() == "Question 2 of 6"
    assert page.progress.text() == "Question 2 of 6"
    assert page.widget is not None and page.widget.isAncestorOf(focused())
    page.go_back()
    assert page.index == 0


def test_resume_shows_previous_answers(qtbot, store, write_course) -> None:
    context = all_types_context(store, write_course)
    catalog = context.catalog
    attempt = attempts.start_attempt(store, catalog, context.learner_id, "all-types")
    spec = catalog.quiz("all-types").spec
    for question_id in ("q-single", "q-match", "q-order", "q-number"):
        answer = right_answer(spec.question(question_id))
        attempts.save_answer(store, catalog, attempt.id, question_id, answer)
    page = open_page(qtbot, context, "all-types")
    assert page.attempt is not None and page.attempt.id == attempt.id
    assert page.answered_label.text() == "4 of 6 answered"
    assert page.attempt.question_ids[page.index] == "q-multiple"  # the first unanswered
    go_to(qtbot, page, "q-single")
    assert page.widget.buttons["a"].isChecked()
    go_to(qtbot, page, "q-match")
    assert page.widget.combos["p2"].currentText() == "The brain"
    go_to(qtbot, page, "q-order")
    assert page.widget.list.item(0).text() == "1. Transduction"
    go_to(qtbot, page, "q-number")
    assert page.widget.field.text() == "4"
    assert any(
        "earlier answer" in call[1] for call in context.navigator.calls if call[0] == "saved"
    )


def test_finish_later_keeps_the_answers(qtbot, context) -> None:
    page = open_page(qtbot, context, "basics-quiz")
    go_to(qtbot, page, "bq-define")
    qtbot.keyClick(focused(), Qt.Key.Key_Space)
    qtbot.keyClick(page.later, Qt.Key.Key_Space)
    assert context.navigator.calls[-1] == ("home",)
    again = open_page(qtbot, context, "basics-quiz")
    assert again.attempt is not None and again.attempt.id == page.attempt.id
    assert again.answered_label.text() == "1 of 2 answered"


def test_an_answer_that_cannot_be_saved_says_so(qtbot, context) -> None:
    page = open_page(qtbot, context, "basics-quiz")
    assert page.attempt is not None
    attempts.submit_attempt(context.store, context.catalog, page.attempt.id)  # e.g. elsewhere
    go_to(qtbot, page, "bq-define")
    qtbot.keyClick(focused(), Qt.Key.Key_Space)
    assert page.error.isVisible()
    assert "Your answer could not be saved: this attempt is submitted already" in page.error.text()


def test_immediate_feedback_says_right_or_wrong_in_words(qtbot, store, write_course) -> None:
    context = all_types_context(store, write_course, feedback="immediate")
    page = open_page(qtbot, context, "all-types")
    go_to(qtbot, page, "q-tf")
    assert not page.feedback.isVisible()
    qtbot.keyClick(focused(), Qt.Key.Key_Space)  # True: wrong
    assert page.feedback.isVisible()
    assert "Not right yet" in page.feedback.text()
    assert "No: they differ." in page.feedback.text()
    qtbot.keyClick(focused(), Qt.Key.Key_Down)  # change to False: right
    assert "✔ Right." in page.feedback.text()
    assert "Right: they differ." in page.feedback.text()
    assert saved_answers(context)["q-tf"] is False
    go_to(qtbot, page, "q-single")
    go_to(qtbot, page, "q-tf")
    assert "Right: they differ." in page.feedback.text()


def test_a_multiple_answer_question_is_graded_on_check_answer(qtbot, store, write_course) -> None:
    context = all_types_context(store, write_course, feedback="immediate")
    page = open_page(qtbot, context, "all-types")
    go_to(qtbot, page, "q-multiple")
    assert page.check_button.isVisible() and not page.check_button.isEnabled()
    widget = page.widget
    assert isinstance(widget, MultipleChoiceWidget)
    widget.buttons["a"].click()  # Transduction: right, and saved at once
    assert saved_answers(context)["q-multiple"] == ["a"]
    assert not page.feedback.isVisible()  # no grade, and no hint of the other right option
    assert page.check_button.isEnabled()
    widget.buttons["c"].click()  # Digestion: wrong
    assert not page.feedback.isVisible()
    qtbot.mouseClick(page.check_button, Qt.MouseButton.LeftButton)
    text = page.feedback.text()
    assert page.feedback.isVisible() and "Change your answer" not in text
    assert "◐ Partly right: 0 of 1 point" not in text and "✘ Not right." in text
    # every line says which option it is about, the right one left out included
    assert "“Transduction”: A step." in text
    assert "“Digestion”: Not a step." in text
    assert "“Perception”: A step." in text
    assert not widget.isEnabled() and not page.check_button.isVisible()  # kept as checked
    go_to(qtbot, page, "q-single")
    go_to(qtbot, page, "q-multiple")
    assert not page.widget.isEnabled() and "“Perception”: A step." in page.feedback.text()
    assert saved_answers(context)["q-multiple"] == ["a", "c"]


def test_a_checked_answer_stays_locked_with_its_feedback_after_a_restart(
    qtbot, store, write_course
) -> None:
    context = all_types_context(store, write_course, feedback="immediate")
    page = open_page(qtbot, context, "all-types")
    go_to(qtbot, page, "q-multiple")
    page.widget.buttons["b"].click()
    qtbot.mouseClick(page.check_button, Qt.MouseButton.LeftButton)
    page.close()  # the app quits with the attempt unfinished
    again = open_page(qtbot, context, "all-types")
    assert again.attempt.id == page.attempt.id
    go_to(qtbot, again, "q-multiple")
    widget = again.widget
    assert isinstance(widget, MultipleChoiceWidget)
    assert widget.buttons["b"].isChecked()
    assert not any(button.isEnabled() for button in widget.buttons.values())
    assert not again.check_button.isVisible()
    text = again.feedback.text()
    assert again.feedback.isVisible() and "◐ Partly right: 0.5 of 1 point." in text
    assert "“Transduction”: A step." in text  # the right option left out is explained


def test_a_partly_right_check_says_the_points(qtbot, store, write_course) -> None:
    context = all_types_context(store, write_course, feedback="immediate")
    page = open_page(qtbot, context, "all-types")
    go_to(qtbot, page, "q-multiple")
    page.widget.buttons["b"].click()
    qtbot.keyClick(page.check_button, Qt.Key.Key_Space)
    assert "◐ Partly right: 0.5 of 1 point." in page.feedback.text()
    assert focused() is page.next


def test_a_credited_wrong_option_is_partly_right_now_and_in_the_review(
    qtbot, store, write_course, monkeypatch
) -> None:
    monkeypatch.setattr(QMessageBox, "exec", submit_anyway)
    credited = ALL_TYPES.replace(
        "feedback: That is nociception.}}", "feedback: That is nociception., credit: 0.5}}"
    )
    root: Path = write_course(
        {"quizzes/all-types.yaml": credited.format(feedback="immediate", extra="")}
    )
    context = make_context(store, open_catalog(root / "curriculum", root / "quizzes"))
    page = open_page(qtbot, context, "all-types")
    go_to(qtbot, page, "q-single")
    page.widget.buttons["b"].click()  # A nerve signal: half the points
    text = page.feedback.text()
    assert "◐ Partly right: 0.5 of 1 point. Change your answer to try again" in text
    assert "Not right yet" not in text and "“A nerve signal”: That is nociception." in text
    submit_and_wait(qtbot, page)
    review = page.results.summary.toPlainText()
    assert "◐ Partly right: 0.5 of 1 point" in review
    assert "Your answer: A nerve signal" in review and "The right answer: An experience" in review


def test_after_submit_quizzes_give_no_feedback_while_answering(qtbot, store, write_course) -> None:
    context = all_types_context(store, write_course)
    page = open_page(qtbot, context, "all-types")
    go_to(qtbot, page, "q-tf")
    qtbot.keyClick(focused(), Qt.Key.Key_Space)
    assert not page.feedback.isVisible()


def test_submit_with_unanswered_asks_first(qtbot, context, questions) -> None:
    asked, answers = questions
    answers += ["Keep answering", "Submit anyway"]
    page = open_page(qtbot, context, "basics-quiz")
    page.submit()
    assert asked == [
        (
            "2 questions have no answer yet, and earn no points. Submit anyway?",
            ["Submit anyway", "Keep answering"],
            "Keep answering",
        )
    ]
    assert page.stack.currentWidget() is page.questions  # still answering
    submit_and_wait(qtbot, page)
    assert page.stack.currentWidget() is page.results
    assert "Not passed" in page.results.summary.toPlainText()


def submit_anyway(box: QMessageBox) -> int:
    next(b for b in box.buttons() if b.text() == "Submit anyway").click()
    return 0


def basics_page_answer(page: QuizPage, right: bool) -> None:
    """Answer basics-quiz through its widgets, as the keyboard would."""
    assert page.quiz is not None and page.attempt is not None
    spec = page.quiz.spec
    for index, question_id in enumerate(page.attempt.question_ids):
        page.show_question(index)
        question = spec.question(question_id)
        answer = right_answer(question) if right else wrong_answer(question)
        assert page.widget is not None
        page.widget.answered.emit(answer)


def test_failed_then_passed_run_with_review_links(qtbot, context) -> None:
    page = open_page(qtbot, context, "basics-quiz")
    basics_page_answer(page, right=False)
    with qtbot.waitSignal(page.submitted) as submitted:
        qtbot.keyClick(page.submit_button, Qt.Key.Key_Space)
    assert not submitted.args[0].passed
    text = page.results.summary.toPlainText()
    assert "✘ Not passed" in text and "Your score: 0 of 2 right (0%). The pass mark is 75%." in text
    assert "You have 1 attempt left." in text
    assert "The full review opens once you pass or use every attempt." in text
    assert "Open the lesson" not in text
    assert page.results.try_again.isVisible()
    assert focused() is page.results.summary

    qtbot.keyClick(page.results.try_again, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: page.open)
    assert page.stack.currentWidget() is page.questions
    basics_page_answer(page, right=True)
    submit_and_wait(qtbot, page)
    text = page.results.summary.toPlainText()
    assert "✔ Passed" in text and "Your score: 2 of 2 right (100%)." in text
    assert "You have no attempts left." in text
    assert "Question 1 of 2: ✔ Right" in text
    assert "Your answer:" in text and "Why:" in text
    assert "Open the lesson “The steps”" in text
    assert not page.results.try_again.isVisible()

    browser = page.results.summary
    browser.setFocus()
    links: list[tuple[Any, ...]] = []
    for _ in range(2):  # Tab moves from one lesson link to the next; Enter follows it
        qtbot.keyClick(browser, Qt.Key.Key_Tab)
        qtbot.keyClick(browser, Qt.Key.Key_Return)
        links.append(context.navigator.calls[-1])
    assert sorted(links) == [
        ("lesson", "steps", "four-steps"),
        ("lesson", "what-is-pain", "definition"),
    ]
    qtbot.keyClick(page.results.back, Qt.Key.Key_Space)
    assert context.navigator.calls[-1] == ("home",)
    status = completion.quiz_status(
        context.store, context.catalog, context.learner_id, "basics-quiz"
    )
    assert status.passed and status.attempts_used == 2


def test_review_names_wrong_answers_and_the_right_one(qtbot, store, write_course) -> None:
    context = all_types_context(store, write_course, feedback="immediate")
    page = open_page(qtbot, context, "all-types")
    go_to(qtbot, page, "q-tf")
    page.widget.answered.emit(True)
    go_to(qtbot, page, "q-order")
    page.widget.answered.emit(["t3", "t2", "t1"])
    for question_id in ("q-single", "q-multiple", "q-match", "q-number"):
        go_to(qtbot, page, question_id)
        page.widget.answered.emit(
            right_answer(context.catalog.quiz("all-types").spec.question(question_id))
        )
    submit_and_wait(qtbot, page)
    text = page.results.summary.toPlainText()
    assert "✘ Wrong" in text
    assert "Your answer: True" in text and "The right answer: False" in text
    assert "Your answer: 1. Perception, 2. Transmission, 3. Transduction" in text
    assert "Your answer:\nTransduction → Nerve endings\nPerception → The brain" in text
    assert "Your answer: 4 steps" in text
    assert "You may take this quiz again as often as you like." in text


def test_review_lists_several_options_one_a_line(qtbot, store, write_course, monkeypatch) -> None:
    monkeypatch.setattr(QMessageBox, "exec", submit_anyway)
    context = all_types_context(store, write_course, feedback="immediate")
    page = open_page(qtbot, context, "all-types")
    go_to(qtbot, page, "q-multiple")
    page.widget.answered.emit(["b", "c"])
    submit_and_wait(qtbot, page)
    html = page.results.summary.toHtml()
    text = page.results.summary.toPlainText()
    assert ";" not in text.split("Which are steps of nociception?")[1].split("Why:")[0]
    assert "Your answer:\nPerception\nDigestion" in text
    assert "The right answer:\nTransduction\nPerception" in text
    assert html.count("<li") >= 4


def test_refused_when_attempts_are_used_up(qtbot, context) -> None:
    for _ in range(2):
        take_quiz(context.store, context.catalog, context.learner_id, "basics-quiz", right=False)
    page = open_page(qtbot, context, "basics-quiz")
    assert page.stack.currentWidget() is page.results
    text = page.results.summary.toPlainText()
    assert "You cannot start this quiz now" in text
    assert "All 2 attempts at “Basics quiz” are used" in text
    assert not page.results.try_again.isVisible()
    assert focused() is page.results.back
    qtbot.keyClick(focused(), Qt.Key.Key_Space)
    assert context.navigator.calls[-1] == ("home",)


def test_time_limit_counts_down_then_submits(qtbot, store, write_course) -> None:
    context = all_types_context(store, write_course, extra="time_limit_minutes: 10")
    page = open_page(qtbot, context, "all-types")
    assert page.attempt is not None and page.attempt.deadline is not None
    deadline = page.attempt.deadline
    page.now = lambda: deadline - timedelta(minutes=2, seconds=5)
    qtbot.waitUntil(lambda: page.time_label.text() == "⏱ Time left: 2:05")
    assert page.time_label.accessibleName() == "Time left: 3 minutes"
    page.now = lambda: deadline + timedelta(seconds=1)
    qtbot.waitUntil(lambda: page.stack.currentWidget() is page.results)
    assert "Time is up: your answers were submitted." in page.results.summary.toPlainText()
    assert attempts.unfinished_attempts(store, context.catalog, context.learner_id) == []


def test_active_time_is_recorded_and_idle_time_is_not(qtbot, context) -> None:
    page = open_page(qtbot, context, "basics-quiz")
    now = [1000.0]
    page.activity.clock = lambda: now[0]
    page.activity.counted_until = page.activity.last_input = now[0]
    now[0] += 40
    qtbot.keyClick(focused(), Qt.Key.Key_Space)  # the learner answers: active
    page.report_time()
    now[0] += 3600  # an hour away from the keyboard
    page.report_time()
    status = completion.course_status(context.store, context.catalog, context.learner_id)
    assert status.credit.active_seconds == 40 + 180  # idle time stops counting after 3 minutes


def test_every_control_has_an_accessible_name(qtbot, store, write_course, monkeypatch) -> None:
    monkeypatch.setattr(QMessageBox, "exec", submit_anyway)
    context = all_types_context(store, write_course, feedback="immediate")
    page = open_page(qtbot, context, "all-types")
    assert page.attempt is not None

    def unnamed() -> list[str]:
        return [
            type(w).__name__
            for w in page.findChildren(QWidget)
            if w.focusPolicy() & Qt.FocusPolicy.TabFocus
            and w.isVisibleTo(page)
            and not w.accessibleName().strip()
        ]

    for index in range(len(page.attempt.question_ids)):
        page.show_question(index)
        assert unnamed() == []
    submit_and_wait(qtbot, page)
    assert page.stack.currentWidget() is page.results
    assert unnamed() == []
    for _ in range(2):
        take_quiz(context.store, context.catalog, context.learner_id, "basics-quiz", right=False)
    started(qtbot, page, "basics-quiz")
    assert "You cannot start this quiz now" in page.results.summary.toPlainText()
    assert unnamed() == []


def test_quiz_text_is_escaped_and_sanitised(qtbot, store, write_course) -> None:
    hostile = QUIZ.replace("What is pain?", "What is <script>alert(1)</script> pain?")
    root = write_course({"quizzes/basics-quiz.yaml": hostile})
    catalog = open_catalog(root / "curriculum", root / "quizzes")
    context = make_context(store, catalog)
    page = open_page(qtbot, context, "basics-quiz")
    go_to(qtbot, page, "bq-define")
    assert "<script>" not in page.prompt.text()
