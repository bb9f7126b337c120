"""Booster reviews: one item at a time, how sure the learner is, then what the answer tells.

Each answer is graded and recorded (services/reviews.record_review) the moment it is
checked, in the background; its feedback shows once it is saved. A session holds the
items review_plan offers now, at the learner's own items per session (kept per profile in
QSettings). `now()` is the clock every review screen reads; tests replace it.
"""

from __future__ import annotations

import random
import time
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QSpinBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from trainer.quiz.grading import is_answered
from trainer.quiz.model import Ordering
from trainer.services.reviews import (
    CONFIDENCES,
    ReviewItem,
    ReviewOutcome,
    ReviewPlan,
    booster_question,
    record_review,
    review_plan,
    review_settings,
    start_of_day,
)
from trainer.ui.learner.question_widgets import ID_ROLE, QuestionWidget, make_question_widget
from trainer.ui.learner.quiz_results import plain_text, prompt_html
from trainer.ui.shell import theme
from trainer.ui.shell.tasks import PROGRESS
from trainer.ui.shell.text_and_tables import (
    drop_widget,
    follow_focus,
    heading,
    scaled,
    sentence,
    tab_chain,
    tab_stops,
)
from trainer.ui.shell.theme import set_tone

if TYPE_CHECKING:
    from trainer.quiz.model import Question
    from trainer.services.catalog import Catalog
    from trainer.ui.shell.context import AppContext

SESSION_KEY = "reviews/items_per_session/"  # + the learner id
SESSION_RANGE = (1, 20)


def now() -> datetime:
    """The moment the review screens take as now (a UTC datetime)."""
    return datetime.now(UTC)


# ---------------------------------------------------------------- the learner's session size


def session_size(catalog: Catalog, learner_id: str) -> int:
    """The learner's items per session: their own choice, else the course's."""
    settings = review_settings(catalog)
    default = settings.items_per_session if settings is not None else 5
    saved = QSettings().value(SESSION_KEY + learner_id, default)
    try:
        size = int(saved)  # type: ignore[call-overload]
    except (TypeError, ValueError):
        size = default
    low, high = SESSION_RANGE
    return max(low, min(high, size))


def keep_session_size(learner_id: str, size: int) -> None:
    QSettings().setValue(SESSION_KEY + learner_id, size)


# ---------------------------------------------------------------- words about reviews


class ReviewWords(QObject):
    """Where reviews stand, in words: for the course home, this screen and the start-up notice."""

    def day_text(self, moment: datetime, today: datetime) -> str:
        """A due moment as "today", "tomorrow" or "on 12 December" (UTC days)."""
        days = (start_of_day(moment) - start_of_day(today)).days
        if days <= 0:
            return self.tr("today")
        if days == 1:
            return self.tr("tomorrow")
        day = start_of_day(moment).date()
        return self.tr("on %s") % f"{day.day} {day:%B}"

    def plan_text(self, plan: ReviewPlan, minutes_per_item: float, today: datetime) -> str:
        """The learner's reviews in one sentence (the course home's Review step)."""
        if plan.starts_on is None:
            return self.tr("Booster reviews start the day after you complete the course.")
        if plan.items:
            minutes = max(1, round(len(plan.items) * minutes_per_item))
            due = self.tr("%n booster item(s) are due now", "", len(plan.items))
            return due + " " + self.tr("(about %n minute(s)).", "", minutes)
        if plan.next_due is None:
            return self.tr("No reviews due.")
        # a day holds one session: items that fell due today wait for tomorrow's
        tomorrow = start_of_day(today) + timedelta(days=1)
        if plan.next_due < tomorrow:
            return self.tr("Today's reviews are done; the next are due tomorrow.")
        return self.tr("No reviews due; the next are due %s.") % self.day_text(plan.next_due, today)

    def due_notice(self, plan: ReviewPlan) -> str:
        """The start-up notice when items are due now; empty when none is."""
        if not plan.items:
            return ""
        return self.tr("%n booster item(s) are due today.", "", len(plan.items))


# ---------------------------------------------------------------- the screen


class ReviewPage(QWidget):
    """A booster session: each item answered, rated for confidence, checked and explained."""

    loaded = Signal()  # a session (or why there is none) is shown
    recorded = Signal(object)  # the ReviewOutcome of an answer, once saved
    finished = Signal()  # the summary is shown

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.items: tuple[ReviewItem, ...] = ()
        self.index = 0
        self.answer: Any = None
        self.widget: QuestionWidget | None = None
        self.outcome: ReviewOutcome | None = None
        self.outcomes: list[ReviewOutcome] = []
        self.saving = False
        self.shown_at = time.monotonic()
        self.title = heading(self.tr("Booster review"))
        self.where_label = QLabel()
        self.progress = QProgressBar()
        self.progress.setTextVisible(False)  # said beside it, never split by its fill
        self.session_spin = QSpinBox()
        self.session_spin.setRange(*SESSION_RANGE)
        self.session_spin.setAccessibleName(self.tr("Items per session"))
        self.session_spin.setAccessibleDescription(
            self.tr(
                "How many booster items one session offers; kept for your profile. Changed"
                " once an item is answered, it applies from the next session."
            )
        )
        session_label = QLabel(self.tr("Items per &session"))
        session_label.setBuddy(self.session_spin)
        self.session_spin.valueChanged.connect(self._session_size_changed)
        top = QHBoxLayout()
        top.setSpacing(theme.SPACE["l"])
        top.addWidget(self.where_label)
        top.addWidget(self.progress, 1)
        top.addWidget(session_label)
        top.addWidget(self.session_spin)
        self.stack = QStackedWidget()
        self.stack.addWidget(self._build_item())
        self.stack.addWidget(self._build_summary())
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addLayout(top)
        layout.addWidget(self.stack, 1)
        for key, confidence in zip("123", CONFIDENCES, strict=True):
            shortcut = QShortcut(QKeySequence(key), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(lambda c=confidence: self.choose_confidence(c))

    def _build_item(self) -> QWidget:
        self.item_view = QWidget()
        self.prompt = scaled(QLabel(), 1.15, bold=False)
        self.prompt.setTextFormat(Qt.TextFormat.RichText)
        self.prompt.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.confidence_box = QGroupBox(self.tr("How sure are you?"))
        self.confidence_box.setAccessibleName(self.tr("How sure are you?"))
        self.confidence = QButtonGroup(self)
        self.confidence_buttons: dict[str, QRadioButton] = {}
        rows = QVBoxLayout(self.confidence_box)
        names = (self.tr("Not sure"), self.tr("Fairly sure"), self.tr("Sure"))
        for key, confidence, name in zip("123", CONFIDENCES, names, strict=True):
            radio = QRadioButton(self.tr("{name} (key {key})").format(name=name, key=key))
            radio.setAccessibleName(name)
            radio.setAccessibleDescription(self.tr("Press %s to choose it") % key)
            radio.toggled.connect(lambda _on=False: self._update_check())
            self.confidence.addButton(radio)
            self.confidence_buttons[confidence] = radio
            rows.addWidget(radio)
        self.check_button = self._button(
            self.tr("&Check"), self.tr("Check your answer"), self.check
        )
        self.check_button.setAccessibleDescription(
            self.tr("Enabled once you have answered and said how sure you are; Enter checks")
        )
        theme.make_primary(self.check_button)
        self.error = QLabel()
        self.error.setTextFormat(Qt.TextFormat.PlainText)  # it may quote the store's words
        self.error.setWordWrap(True)
        self.error.hide()
        self.feedback = QLabel()
        self.feedback.setTextFormat(Qt.TextFormat.PlainText)
        self.feedback.setWordWrap(True)
        self.feedback.setFrameShape(QFrame.Shape.StyledPanel)
        self.feedback.setMargin(self.feedback.fontMetrics().height() // 2)
        self.feedback.setAccessibleName(self.tr("Feedback"))
        self.warning = QLabel()
        self.warning.setWordWrap(True)
        self.warning.setAccessibleName(self.tr("About your confidence"))
        self.next_due = QLabel()
        self.next_due.setWordWrap(True)
        self.lesson_button = self._button(
            self.tr("Open the &lesson"), self.tr("Open the lesson"), self.open_lesson
        )
        self.lesson_button.setFlat(True)
        self.lesson_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.next_button = self._button(self.tr("&Next"), self.tr("Next item"), self.go_on)
        theme.make_primary(self.next_button)
        body = QWidget()
        self.body_layout = QVBoxLayout(body)
        self.body_layout.addWidget(self.prompt)
        self.body_layout.addSpacing(self.prompt.fontMetrics().height() // 2)
        self.body_layout.addWidget(self.confidence_box)  # the answer widget goes in above it
        for widget in (self.check_button, self.error, self.feedback, self.warning,
                       self.next_due, self.lesson_button):  # fmt: skip
            row = QHBoxLayout()
            row.addWidget(widget, 0 if isinstance(widget, QPushButton) else 1)
            row.addStretch(0 if widget.__class__ is QLabel else 1)
            self.body_layout.addLayout(row)
        self.body_layout.addStretch(1)
        self.scroll_area = QScrollArea()
        follow_focus(self.scroll_area)
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setWidget(body)
        self.scroll_area.setAccessibleName(self.tr("Booster item"))
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.next_button)
        layout = QVBoxLayout(self.item_view)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.scroll_area, 1)
        layout.addLayout(buttons)
        return self.item_view

    def _build_summary(self) -> QWidget:
        self.summary_view = QWidget()
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setAccessibleName(self.tr("Review summary"))
        self.home_button = self._button(
            self.tr("&Back to the course home"),
            self.tr("Back to the course home"),
            lambda: self.context.navigator.show_home(),
        )
        row = QHBoxLayout()
        row.addWidget(self.home_button)
        row.addStretch(1)
        layout = QVBoxLayout(self.summary_view)
        layout.addWidget(self.summary)
        layout.addLayout(row)
        layout.addStretch(1)
        return self.summary_view

    def _button(self, text: str, name: str, action: Any) -> QPushButton:
        made = QPushButton(text)
        made.setAccessibleName(name)
        made.setAutoDefault(True)  # Enter presses the button that has the focus
        made.clicked.connect(lambda _checked=False: action())
        return made

    # Starting a session

    def refresh(self) -> None:
        """Read the session to offer now in the background, then show its first item."""
        context = self.context
        store, catalog, learner_id = context.store, context.catalog, context.learner_id
        size = session_size(catalog, learner_id)
        self.session_spin.blockSignals(True)
        self.session_spin.setValue(size)
        self.session_spin.blockSignals(False)
        moment = now()
        self.saving = False
        self._drop_widget()
        self.items, self.outcomes, self.index = (), [], 0
        self._show_summary(self.tr("Finding the items due…"))
        context.tasks.read(
            lambda: review_plan(store, catalog, learner_id, moment, size),
            lambda plan: self._begin(learner_id, plan, moment),
            what=self.tr("Starting the booster review"),
            on_failure=self._plan_failed,
        )

    def _plan_failed(self, error: Exception) -> None:
        if isValid(self):
            self._show_summary(self.tr("Your booster review cannot start: %s") % sentence(error))
            self.loaded.emit()

    def _begin(self, learner_id: str, plan: ReviewPlan, moment: datetime) -> None:
        if not isValid(self) or not self.context.is_current(learner_id):
            return
        self.items = plan.items
        settings = review_settings(self.context.catalog)
        if settings is None:
            self._show_summary(self.tr("This course has no booster reviews."))
        elif not plan.items:
            self._show_summary(ReviewWords().plan_text(plan, settings.minutes_per_item, moment))
        else:
            self.stack.setCurrentWidget(self.item_view)
            self.progress.setRange(0, len(plan.items))
            self.show_item(0)
        self.loaded.emit()

    def _session_size_changed(self, size: int) -> None:
        """Kept for the profile; a session not begun yet is offered again at the new size."""
        learner_id = self.context.learner_id
        keep_session_size(learner_id, size)
        if not self.outcomes and not self.saving:
            self.refresh()
            self.session_spin.setFocus()

    # One item at a time

    def show_item(self, index: int) -> None:
        self.index = index
        item = self.items[index]
        question = booster_question(self.context.catalog, item.quiz_id, item.question_id)
        self._drop_widget()
        self.outcome = None
        html = prompt_html(question.prompt)
        self.prompt.setText(html)
        self.widget = make_question_widget(question, _shown_order(question))
        self.widget.setAccessibleName(plain_text(html))
        self.answer = _first_answer(question, self.widget)
        self.widget.answered.connect(self._answered)
        self.body_layout.insertWidget(2, self.widget)  # after the prompt and a gap
        where = self.tr("Item {n} of {total}").format(n=index + 1, total=len(self.items))
        self.where_label.setText(where)
        self.progress.setValue(index + 1)
        self.progress.setAccessibleName(where)
        self.confidence.setExclusive(False)  # an exclusive group cannot uncheck its last button
        for radio in self.confidence_buttons.values():
            radio.setChecked(False)
        self.confidence.setExclusive(True)
        self.confidence_box.setEnabled(True)
        self.check_button.show()
        for widget in (self.error, self.feedback, self.warning, self.next_due,
                       self.lesson_button, self.next_button):  # fmt: skip
            widget.hide()
        self._update_check()
        self._fix_tab_order()
        self.scroll_area.verticalScrollBar().setValue(0)
        self.shown_at = time.monotonic()
        self.widget.setFocus(Qt.FocusReason.OtherFocusReason)

    def _drop_widget(self) -> None:
        drop_widget(self.body_layout, self.widget)
        self.widget = None

    def _fix_tab_order(self) -> None:
        # The new widget was made after the rest; put its controls first in the chain.
        assert self.widget is not None
        tab_chain([*tab_stops(self.widget), *self.confidence_buttons.values(),
                   self.check_button, self.lesson_button, self.next_button,
                   self.session_spin])  # fmt: skip

    def _answered(self, value: Any) -> None:
        self.answer = value
        self._update_check()

    def choose_confidence(self, confidence: str) -> None:
        """1, 2 or 3: Not sure, Fairly sure or Sure (while the item is not checked yet)."""
        radio = self.confidence_buttons[confidence]
        if self.confidence_box.isEnabled() and self.stack.currentWidget() is self.item_view:
            radio.setChecked(True)
            radio.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def chosen_confidence(self) -> str | None:
        return next((c for c, r in self.confidence_buttons.items() if r.isChecked()), None)

    def _update_check(self) -> None:
        ready = is_answered(self.answer) and self.chosen_confidence() is not None
        self.check_button.setEnabled(ready and not self.saving and self.outcome is None)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Enter checks the item, or, once it is checked, moves on."""
        if event.key() not in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            super().keyPressEvent(event)
            return
        if self.stack.currentWidget() is not self.item_view:
            super().keyPressEvent(event)
        elif self.outcome is None:
            self.check()
        else:
            self.go_on()

    # Checking: the answer is recorded, then explained

    def check(self) -> None:
        if self.widget is None or self.saving or self.outcome is not None:
            return
        self.widget.commit()  # a number still being typed
        confidence = self.chosen_confidence()
        if not is_answered(self.answer) or confidence is None:
            self._update_check()
            return
        item, answer = self.items[self.index], self.answer
        context = self.context
        store, catalog, learner_id = context.store, context.catalog, context.learner_id
        seconds = round(time.monotonic() - self.shown_at)
        moment = now()
        self.saving = True
        self._update_check()
        context.tasks.write(
            lambda: record_review(store, catalog, learner_id, item.quiz_id, item.question_id,
                                  answer, confidence, moment, seconds),
            lambda outcome: self._recorded(outcome, moment),
            what=self.tr("Saving your booster answer"),
            changes={PROGRESS},
            on_failure=self._not_saved,
        )  # fmt: skip

    def _not_saved(self, error: Exception) -> None:
        if not isValid(self):
            return
        self.saving = False
        self.error.setText("⚠ " + self.tr("Your answer could not be saved: %s.") % error)
        self.error.show()
        self._update_check()

    def _recorded(self, outcome: ReviewOutcome, moment: datetime) -> None:
        if not isValid(self) or self.widget is None:
            return
        self.saving = False
        self.outcome = outcome
        self.outcomes.append(outcome)
        self.widget.setEnabled(False)
        self.confidence_box.setEnabled(False)
        self.check_button.hide()
        self.error.hide()
        self._show_outcome(outcome, moment)
        last = self.index == len(self.items) - 1
        self.next_button.setAccessibleName(
            self.tr("Finish the review") if last else self.tr("Next item")
        )
        self.next_button.show()
        self.next_button.setFocus(Qt.FocusReason.OtherFocusReason)
        self.context.navigator.saved(self.tr("Review answer saved"))
        self.recorded.emit(outcome)

    def _show_outcome(self, outcome: ReviewOutcome, moment: datetime) -> None:
        if outcome.correct:
            verdict, tone = self.tr("✔ Right."), "good"
        elif outcome.score > 0:
            verdict, tone = self.tr("◐ Partly right."), "partial"
        else:
            verdict, tone = self.tr("✘ Not right."), "bad"
        explanation = [self.tr("Why: %s") % outcome.explanation] if outcome.explanation else []
        self.feedback.setText("\n\n".join([verdict, *outcome.feedback, *explanation]))
        set_tone(self.feedback, tone)
        self.feedback.show()
        self.warning.setText(
            self.tr("You were sure, but this answer is not right. This item will come back sooner.")
        )
        self.warning.setVisible(outcome.confident_error)
        self.next_due.setText(self._next_due_text(outcome.next_due, moment))
        self.next_due.show()
        lesson = self.context.catalog.lesson(outcome.lesson.partition("#")[0])
        if lesson is not None:
            title = lesson.title.replace("&", "&&")  # a literal & in the title, no mnemonic
            self.lesson_button.setText(self.tr("Open the &lesson: %s") % title)
            self.lesson_button.setAccessibleName(self.tr("Open the lesson %s") % lesson.title)
        self.lesson_button.setVisible(lesson is not None)
        # at large text sizes the feedback can fall below the fold: bring it into view
        QTimer.singleShot(0, self, lambda: self.scroll_area.ensureWidgetVisible(self.next_due))

    def _next_due_text(self, due: datetime, moment: datetime) -> str:
        days = (start_of_day(due) - start_of_day(moment)).days
        if days <= 0:
            return self.tr("Next review of this item: later today.")
        if days == 1:
            return self.tr("Next review of this item: tomorrow.")
        return self.tr("Next review of this item: in %n day(s).", "", days)

    def open_lesson(self) -> None:
        if self.outcome is not None:
            lesson_id, _, anchor = self.outcome.lesson.partition("#")
            self.context.navigator.open_lesson(lesson_id, anchor)

    def go_on(self) -> None:
        if self.outcome is None:
            return
        if self.index < len(self.items) - 1:
            self.show_item(self.index + 1)
        else:
            self.finish()

    # The summary

    def finish(self) -> None:
        """Say how the session went and when the next reviews are due."""
        self._drop_widget()
        reviewed = len(self.outcomes)
        right = sum(outcome.correct for outcome in self.outcomes)
        done = self.tr("{reviewed} reviewed, {right} right").format(reviewed=reviewed, right=right)
        self._show_summary(done + ".")
        context = self.context
        store, catalog, learner_id = context.store, context.catalog, context.learner_id
        moment = now()

        def shown(plan: ReviewPlan) -> None:
            if not isValid(self) or not context.is_current(learner_id):
                return
            if plan.next_due is not None:
                when = ReviewWords().day_text(plan.next_due, moment)
                self.summary.setText(self.tr("%s; next reviews due %s.") % (done, when))
            self.finished.emit()

        context.tasks.read(
            lambda: review_plan(store, catalog, learner_id, moment, self.session_spin.value()),
            shown,
            what=self.tr("Finding your next booster review"),
            on_failure=lambda _error: self.finished.emit(),
        )

    def _show_summary(self, text: str) -> None:
        self.summary.setText(text)
        self.where_label.clear()
        self.progress.setValue(0)
        self.stack.setCurrentWidget(self.summary_view)
        self.home_button.setFocus(Qt.FocusReason.OtherFocusReason)


def _shown_order(question: Question) -> Sequence[str]:
    """Items to put in order come shuffled (never already in order); options as written."""
    if not isinstance(question, Ordering) or len(question.items) < 2:
        return ()
    ids = [item.id for item in question.items]
    shuffled = list(ids)
    while shuffled == ids:
        random.shuffle(shuffled)
    return shuffled


def _first_answer(question: Question, widget: QuestionWidget) -> Any:
    """The order shown is an answer already: it may be checked as it stands."""
    listing = getattr(widget, "list", None)
    if not isinstance(question, Ordering) or listing is None:
        return None
    return [listing.item(row).data(ID_ROLE) for row in range(listing.count())]
