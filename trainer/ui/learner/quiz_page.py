"""The quiz runner: one question at a time, each answer saved as it is given, then the results.

Saving an answer and a step of quiz time run at once on the UI thread: each is one
short transaction on one row (saving an answer is budgeted at 5 ms), and an answer must
be committed before the learner moves on. Starting an attempt and submitting it run in
the background (ui/shell/tasks.py); the page shows the attempt, or the results, once
they are written.
"""

from __future__ import annotations

import contextlib
import math
from collections.abc import Callable
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QHideEvent, QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from trainer.quiz.grading import feedback, grade, is_answered
from trainer.services import attempts
from trainer.services.errors import ServiceError, StoreError
from trainer.services.figures import points_text
from trainer.ui.learner.activity import ActivityTracker
from trainer.ui.learner.question_widgets import (
    QuestionWidget,
    make_question_widget,
)
from trainer.ui.learner.quiz_results import ResultsView, button, plain_text, prompt_html
from trainer.ui.shell import theme
from trainer.ui.shell.questions import ask
from trainer.ui.shell.tasks import PROGRESS
from trainer.ui.shell.text_and_tables import drop_widget, follow_focus, scaled, tab_chain, tab_stops
from trainer.ui.shell.theme import set_tone

if TYPE_CHECKING:
    from trainer.quiz.grading import Answer
    from trainer.quiz.loader import Quiz
    from trainer.quiz.model import Question
    from trainer.services.attempts import AttemptOutcome, AttemptView, QuestionReview
    from trainer.ui.shell.context import AppContext

TIME_STEP_MS = 30_000  # active time goes to the store in steps this long
CLOCK_MS = 1000


class QuizPage(QWidget):
    """Runs one attempt at a quiz: questions, feedback, time limit, submission and results."""

    submitted = Signal(object)  # the AttemptOutcome

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.quiz: Quiz | None = None
        self.attempt: AttemptView | None = None
        self.answers: dict[str, Any] = {}
        self.checked: dict[str, tuple[bool | None, tuple[str, ...]]] = {}
        self.locked: dict[str, str] = {}  # question id → its verdict, once Check answer graded it
        self.index = 0
        self.widget: QuestionWidget | None = None
        self.open = False
        self.starting = False  # an attempt is being started: another start waits for it
        self.submitting = False
        self.now: Callable[[], datetime] = lambda: datetime.now(UTC)
        self.activity = ActivityTracker(parent=self)
        self.time_timer = QTimer(self)
        self.time_timer.setInterval(TIME_STEP_MS)
        self.time_timer.timeout.connect(self.report_time)
        self.clock_timer = QTimer(self)
        self.clock_timer.setInterval(CLOCK_MS)
        self.clock_timer.timeout.connect(self._tick)

        self.title = scaled(QLabel(), 1.5)
        self.stack = QStackedWidget()
        self.stack.addWidget(self._build_questions())
        self.results = ResultsView(self._lesson_title)
        self.results.try_again.clicked.connect(self._try_again)
        self.results.back.clicked.connect(self._leave)
        self.results.open_lesson.connect(self.context.navigator.open_lesson)
        self.stack.addWidget(self.results)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.stack, 1)

    def _lesson_title(self, lesson_id: str) -> str:
        lesson = self.context.catalog.lesson(lesson_id)
        return lesson.title if lesson else lesson_id

    def _build_questions(self) -> QWidget:
        self.questions = QWidget()
        self.progress = QProgressBar()
        self.progress.setTextVisible(False)  # said beside it, never split by its fill
        self.where_label = QLabel()
        self.answered_label = QLabel()
        self.time_label = QLabel()
        self.time_label.hide()
        self.prompt = scaled(QLabel(), 1.15, bold=False)
        self.prompt.setTextFormat(Qt.TextFormat.RichText)
        self.prompt.setWordWrap(True)
        self.prompt.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.feedback = QLabel()
        self.feedback.setTextFormat(Qt.TextFormat.PlainText)
        self.feedback.setWordWrap(True)
        self.feedback.setFrameShape(QFrame.Shape.StyledPanel)
        self.feedback.setMargin(self.feedback.fontMetrics().height() // 2)
        self.feedback.hide()
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.hide()
        self.check_button = button(
            self.tr("&Check answer"), self.tr("Check your answer"), self.check_answer
        )
        self.check_button.setAccessibleDescription(
            self.tr("Shows whether your ticks are right; the answer then stays as it is")
        )
        check_row = QHBoxLayout()
        check_row.addWidget(self.check_button)
        check_row.addStretch(1)
        self.check_button.hide()
        body = QWidget()
        self.body_layout = QVBoxLayout(body)
        self.body_layout.addWidget(self.prompt)
        self.body_layout.addSpacing(self.prompt.fontMetrics().height() // 2)
        self.body_layout.addLayout(check_row)  # the answer widget goes in above it
        self.body_layout.addWidget(self.feedback)
        self.body_layout.addWidget(self.error)
        self.body_layout.addStretch(1)
        self.scroll_area = QScrollArea()
        follow_focus(self.scroll_area)
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setWidget(body)
        self.scroll_area.setAccessibleName(self.tr("Question"))
        self.previous = button(self.tr("&Previous"), self.tr("Previous question"), self.go_back)
        self.next = button(self.tr("&Next"), self.tr("Next question"), self.go_on)
        self.later = button(
            self.tr("Finish &later"), self.tr("Finish later; your answers are kept"), self._leave
        )
        self.submit_button = button(self.tr("&Submit"), self.tr("Submit the quiz"), self.submit)
        top = QHBoxLayout()
        top.setSpacing(theme.SPACE["l"])
        top.addWidget(self.where_label)
        top.addWidget(self.progress, 1)
        top.addWidget(self.answered_label)
        top.addWidget(self.time_label)
        buttons = QHBoxLayout()
        for widget in (self.previous, self.next):
            buttons.addWidget(widget)
        buttons.addStretch(1)
        buttons.addWidget(self.later)
        buttons.addWidget(self.submit_button)
        layout = QVBoxLayout(self.questions)
        layout.addLayout(top)
        layout.addWidget(self.scroll_area, 1)
        layout.addLayout(buttons)
        return self.questions

    # Starting, resuming, refusing

    def start(self, quiz_id: str, ready: Callable[[], object] | None = None) -> None:
        """Resume the unfinished attempt at the quiz or start a new one, in the background;
        then show it, or why it was refused, and call `ready` (the window shows the page).
        A start asked for while one is under way is ignored."""
        if self.starting:
            return
        self.starting = True
        self._stop()
        self._drop_widget()
        self.open = False
        context = self.context
        store, catalog, learner_id = context.store, context.catalog, context.learner_id

        def work() -> tuple[Quiz, AttemptView]:
            quiz = catalog.quiz(quiz_id)
            return quiz, attempts.start_attempt(store, catalog, learner_id, quiz_id)

        def started(found: tuple[Quiz, AttemptView]) -> None:
            if isValid(self):
                self.starting = False
                self._begin(*found)
                if ready is not None:
                    ready()

        def refused(error: Exception) -> None:
            if isValid(self):
                self.starting = False
                self._refuse(quiz_id, str(error))
                if ready is not None:
                    ready()

        context.tasks.write(
            work, started, what=self.tr("Starting the quiz"), changes={PROGRESS},
            on_failure=refused,
        )  # fmt: skip

    def _begin(self, quiz: Quiz, attempt: AttemptView) -> None:
        self.quiz, self.attempt, self.open = quiz, attempt, True
        self.answers, self.checked = dict(attempt.answers), {}
        self.locked = {q: self._verdict(q) for q in attempt.checked if q in self.answers}
        self.title.setText(quiz.spec.title)
        self.progress.setRange(0, len(attempt.question_ids))
        self.error.hide()
        self.stack.setCurrentWidget(self.questions)
        if self._time_left() == 0:
            self._submit_now(
                self.tr("The time limit passed while you were away: your answers were submitted.")
            )
            return
        self._run()
        unanswered = [n for n, q in enumerate(attempt.question_ids) if q not in self.answers]
        self.show_question(unanswered[0] if unanswered else 0)
        if self.answers:
            self.context.navigator.saved(
                self.tr("Welcome back: your %n earlier answer(s) are kept.", "", len(self.answers))
            )

    def _refuse(self, quiz_id: str, reason: str) -> None:
        quiz = self.context.catalog.quizzes.get(quiz_id)
        self.title.setText(quiz.spec.title if quiz else self.tr("Quiz"))
        heading = self.tr("You cannot start this quiz now")
        self.results.show_message(heading, reason[:1].upper() + reason[1:] + ".")
        self.stack.setCurrentWidget(self.results)
        self.results.back.setFocus()

    # One question at a time

    def show_question(self, index: int) -> None:
        assert self.quiz is not None and self.attempt is not None
        ids = self.attempt.question_ids
        self.index = index = max(0, min(index, len(ids) - 1))
        question_id = ids[index]
        question = self.quiz.spec.question(question_id)
        assert question is not None
        self._drop_widget()
        html = prompt_html(question.prompt)
        self.prompt.setText(html)
        self.widget = make_question_widget(
            question, self.attempt.option_orders.get(question_id, ())
        )
        self.widget.setAccessibleName(plain_text(html))
        if question_id in self.answers:
            self.widget.set_answer(self.answers[question_id])
        self.widget.answered.connect(lambda value, q=question_id: self._save(q, value))
        self.body_layout.insertWidget(2, self.widget)  # after the prompt and a gap
        where = self.tr("Question {n} of {total}").format(n=index + 1, total=len(ids))
        self.progress.setValue(index + 1)
        self.progress.setFormat(where)
        self.where_label.setText(where)
        self.progress.setAccessibleName(where)
        self.previous.setEnabled(index > 0)
        self.next.setEnabled(index < len(ids) - 1)
        theme.make_primary(self.next, index < len(ids) - 1)
        theme.make_primary(self.submit_button, index == len(ids) - 1)
        self.error.hide()
        self.widget.setEnabled(question_id not in self.locked)
        self._show_feedback(question_id)
        self._count_answers()
        self._fix_tab_order()
        self.scroll_area.verticalScrollBar().setValue(0)
        if question_id in self.locked:
            self._focus_onward()
        else:
            self.widget.setFocus(Qt.FocusReason.OtherFocusReason)

    def _drop_widget(self) -> None:
        drop_widget(self.body_layout, self.widget)
        self.widget = None

    def _fix_tab_order(self) -> None:
        # The new widget was made after the buttons; put its controls first in the chain.
        assert self.widget is not None
        tab_chain([*tab_stops(self.widget), self.check_button, self.previous, self.next,
                   self.later, self.submit_button])  # fmt: skip

    def go_back(self) -> None:
        self._move(self.index - 1)

    def go_on(self) -> None:
        self._move(self.index + 1)

    def _move(self, index: int) -> None:
        if self.widget is not None:
            self.widget.commit()
        self.show_question(index)

    def _save(self, question_id: str, value: Any) -> None:
        assert self.attempt is not None
        context, attempt_id = self.context, self.attempt.id
        try:
            result = context.tasks.write_now(  # one row, committed before the learner moves on
                lambda: attempts.save_answer(
                    context.store, context.catalog, attempt_id, question_id, value
                ),
                changes={PROGRESS},
            )
        except (ServiceError, StoreError) as error:
            self._show_error(self.tr("Your answer could not be saved: %s.") % error)
            if self.widget is not None and self.widget.question.id == question_id:
                self.widget.set_answer(self.answers.get(question_id))  # show what is saved
            return
        self.error.hide()
        self.answers[question_id] = value
        if not self._checked_on_request(question_id):
            self.checked[question_id] = (result.correct, result.feedback)
        self.context.navigator.saved(self.tr("Answer saved"))
        self._count_answers()
        if question_id == self.attempt.question_ids[self.index]:
            self._show_feedback(question_id)

    def _show_error(self, text: str) -> None:
        self.error.setText("⚠ " + text)
        self.error.show()

    def _count_answers(self) -> None:
        assert self.attempt is not None
        done = sum(is_answered(self.answers.get(q)) for q in self.attempt.question_ids)
        total = len(self.attempt.question_ids)
        self.answered_label.setText(
            self.tr("{done} of {total} answered").format(done=done, total=total)
        )

    def _checked_on_request(self, question_id: str) -> bool:
        """A multiple-answer question in a knowledge check: graded on Check answer only."""
        assert self.quiz is not None
        question = self.quiz.spec.question(question_id)
        return (
            self.quiz.spec.feedback == "immediate"
            and question is not None
            and attempts.checked_on_request(question)
        )

    def check_answer(self) -> None:
        """Grade the ticks given (each is saved already), show the feedback of every option
        concerned, and keep the answer as it is for the rest of this attempt."""
        if self.quiz is None or self.attempt is None or self.widget is None:
            return
        question = self.widget.question
        if question.id in self.locked or not is_answered(self.answers.get(question.id)):
            return
        context, attempt_id = self.context, self.attempt.id
        try:  # committed first: the feedback is shown only once the answer is locked
            context.tasks.write_now(
                lambda: attempts.check_answer(context.store, attempt_id, question.id),
                changes={PROGRESS},
            )
        except (ServiceError, StoreError) as error:
            self._show_error(self.tr("Your answer could not be checked: %s.") % error)
            return
        self.locked[question.id] = self._verdict(question.id)
        self.widget.setEnabled(False)
        self._show_feedback(question.id)
        self._focus_onward()

    def _verdict(self, question_id: str) -> str:
        """Grade a checked answer: the verdict, kept with the feedback of every option."""
        assert self.quiz is not None
        question = self.quiz.spec.question(question_id)
        assert question is not None
        answer = self.answers.get(question_id)
        result = grade(question, answer)
        self.checked[question_id] = (result.correct, tuple(feedback(question, answer)))
        if result.correct:
            return self.tr("✔ Right.")
        if result.score > 0:
            return self.tr(
                "◐ Partly right: {part}. The feedback below covers the options you ticked and"
                " the right ones you left out."
            ).format(part=points_text(result.score, result.points))
        return self.tr(
            "✘ Not right. The feedback below covers the options you ticked and the right"
            " ones you left out."
        )

    def _focus_onward(self) -> None:
        onward = self.next if self.next.isEnabled() else self.submit_button
        onward.setFocus(Qt.FocusReason.OtherFocusReason)

    def _show_feedback(self, question_id: str) -> None:
        """In knowledge checks, say after each answer whether it is right, and why; a
        multiple-answer question waits for Check answer."""
        assert self.quiz is not None
        answer = self.answers.get(question_id)
        on_request = self._checked_on_request(question_id)
        self.check_button.setVisible(on_request and question_id not in self.locked)
        self.check_button.setEnabled(is_answered(answer))
        if self.quiz.spec.feedback != "immediate" or not is_answered(answer):
            self.feedback.hide()
            return
        if on_request and question_id not in self.locked:
            self.feedback.hide()
            return
        if question_id not in self.checked:  # answered before a restart: grade it here
            question = self.quiz.spec.question(question_id)
            assert question is not None
            result = grade(question, answer)
            self.checked[question_id] = (result.correct, tuple(feedback(question, answer)))
        correct, texts = self.checked[question_id]
        verdict = self.locked.get(question_id) or self._open_verdict(question_id, answer, correct)
        self.feedback.setText("\n\n".join([verdict, *texts]))
        set_tone(self.feedback, _tone(self.quiz.spec.question(question_id), answer, correct))
        self.feedback.show()
        # at large text sizes the feedback can fall below the fold: bring it into view
        QTimer.singleShot(0, self, lambda: self.scroll_area.ensureWidgetVisible(self.feedback))

    def _open_verdict(self, question_id: str, answer: Answer, correct: bool | None) -> str:
        """The verdict on an answer the learner may still change; a single-answer option
        with `credit` is partly right."""
        if correct:
            return self.tr("✔ Right.")
        assert self.quiz is not None
        question = self.quiz.spec.question(question_id)
        result = grade(question, answer) if question is not None else None
        if result is not None and result.score > 0:
            return self.tr(
                "◐ Partly right: {part}. Change your answer to try again, or move on."
            ).format(part=points_text(result.score, result.points))
        return self.tr("✘ Not right yet. Change your answer to try again, or move on.")

    # Time: the countdown and active time

    def _time_left(self) -> int | None:
        if self.attempt is None or self.attempt.deadline is None:
            return None
        return max(0, math.ceil((self.attempt.deadline - self.now()).total_seconds()))

    def _tick(self) -> None:
        left = self._time_left()
        if left is None:
            self.time_label.hide()
            return
        if left == 0:
            self._submit_now(self.tr("Time is up: your answers were submitted."))
            return
        minutes, seconds = divmod(left, 60)
        self.time_label.setText(self.tr("⏱ Time left: {m}:{s:02d}").format(m=minutes, s=seconds))
        self.time_label.setAccessibleName(
            self.tr("Time left: %n minute(s)", "", minutes + (1 if seconds else 0))
        )
        self.time_label.show()

    def report_time(self) -> None:
        """Add the active time since the last report to the attempt (idle stretches left out)."""
        if not self.open or self.attempt is None:
            return
        seconds = self.activity.take_active_seconds()
        if seconds <= 0:
            return
        # Time only feeds CE credit: a lost step must not interrupt the quiz.
        context, attempt_id = self.context, self.attempt.id
        with contextlib.suppress(ServiceError, StoreError):
            context.tasks.write_now(
                lambda: attempts.record_quiz_time(context.store, attempt_id, seconds),
                changes={PROGRESS},
            )

    def _run(self) -> None:
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self.activity)
        self.activity.take_active_seconds()  # time before this page is not quiz time
        self.activity.touch()
        self.time_timer.start()
        if self.attempt is not None and self.attempt.deadline is not None:
            self.clock_timer.start()
            self._tick()

    def _stop(self) -> None:
        self.time_timer.stop()
        self.clock_timer.stop()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self.activity)

    def hideEvent(self, event: QHideEvent) -> None:
        if self.open:
            self.report_time()
            self._stop()
        super().hideEvent(event)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.open and not self.time_timer.isActive():
            self._run()

    # Submitting and leaving

    def submit(self) -> None:
        """Submit the attempt, first asking when some questions have no answer."""
        if self.attempt is None or not self.open or self.submitting:
            return
        if self.widget is not None:
            self.widget.commit()
        missing = sum(not is_answered(self.answers.get(q)) for q in self.attempt.question_ids)
        if missing and not ask(
            self,
            self.tr("Submit the quiz?"),
            self.tr(
                "%n question(s) have no answer yet, and earn no points. Submit anyway?",
                "",
                missing,
            ),
            self.tr("Submit anyway"),
            self.tr("Keep answering"),
        ):
            return
        self._submit_now()

    def _submit_now(self, notice: str = "") -> None:
        """Submit in the background; the questions wait, unchangeable, for the results."""
        assert self.attempt is not None and self.quiz is not None
        if self.submitting:
            return
        if self.widget is not None:
            self.widget.commit()
        self.report_time()
        self._stop()
        self.submitting = True
        self.questions.setEnabled(False)
        store, catalog, attempt_id = self.context.store, self.context.catalog, self.attempt.id

        def work() -> tuple[AttemptOutcome, list[QuestionReview] | None]:
            outcome = attempts.submit_attempt(store, catalog, attempt_id)
            reviews = (
                attempts.review_attempt(store, catalog, attempt_id)
                if outcome.review_available
                else None
            )
            return outcome, reviews

        self.context.tasks.write(
            work,
            lambda done: self._submitted(*done, notice),
            what=self.tr("Submitting the quiz"),
            changes={PROGRESS},
            on_failure=self._not_submitted,
        )

    def _not_submitted(self, error: Exception) -> None:
        if not isValid(self):
            return
        self.submitting = False
        self.questions.setEnabled(True)
        self._show_error(self.tr("The quiz could not be submitted: %s.") % error)
        self._run()

    def _submitted(
        self, outcome: AttemptOutcome, reviews: list[QuestionReview] | None, notice: str
    ) -> None:
        if not isValid(self) or self.quiz is None:
            return
        self.submitting = False
        self.questions.setEnabled(True)
        self.open = False
        self.results.show_outcome(self.quiz.spec, outcome, reviews, notice)
        self.stack.setCurrentWidget(self.results)
        self.results.summary.setFocus()
        self.context.navigator.saved(self.tr("Quiz submitted"))
        self.submitted.emit(outcome)

    def _try_again(self) -> None:
        if self.quiz is not None:
            self.start(self.quiz.id)

    def _leave(self) -> None:
        if self.widget is not None and self.open:
            self.widget.commit()
        self.report_time()
        self._stop()
        self.context.navigator.show_home()


def _tone(question: Question | None, answer: Answer, correct: bool | None) -> str:
    """The colour of the feedback: right, partly right or not right."""
    if correct:
        return "good"
    if question is not None and grade(question, answer).score > 0:
        return "partial"
    return "bad"
