"""Course home: every step of the day with its status, and one prominent "Continue".

The learner record is read in the background: when the screen is first shown and again
when a write changed the learner's progress (see `Freshness` in ui/shell/tasks.py)."""

from __future__ import annotations

import html
from dataclasses import dataclass
from datetime import datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QTreeWidgetItemIterator,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from trainer.services.figures import hours_text
from trainer.services.learner_progress import LearnerProgress, Step, learner_progress
from trainer.services.reviews import ReviewPlan, review_plan, review_settings
from trainer.ui.learner import review_page
from trainer.ui.learner.review_page import ReviewWords, session_size
from trainer.ui.shell import theme
from trainer.ui.shell.context import AppContext
from trainer.ui.shell.tasks import LEARNERS, PROGRESS, Freshness
from trainer.ui.shell.text_and_tables import plain_text, scaled, sentence

ACTION_ROLE = Qt.ItemDataRole.UserRole


@dataclass(frozen=True)
class Action:
    """What activating a row does: open a lesson or a quiz, or another screen."""

    kind: str  # lesson | quiz | case | evaluation | certificate | none
    target: str = ""
    locked_reason: str = ""
    description: str = ""
    step: Step | None = None


# what activating each kind of step opens
_KIND_OPENS = {"module": "lesson", "pretest": "quiz", "posttest": "quiz"}


class HomePage(QWidget):
    """The course at a glance; activate a row (Enter or double-click) to go there."""

    loaded = Signal()
    reviews_loaded = Signal()  # the Review step shows where booster reviews stand

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.record: LearnerProgress | None = None
        self.freshness = Freshness(self, context.tasks, {PROGRESS, LEARNERS}, self.refresh)
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.summary = plain_text(QLabel())  # holds the learner's name
        self.summary.setWordWrap(True)
        self.summary.setProperty("muted", True)
        self.summary.setAccessibleName(self.tr("Progress summary"))
        self.bar = QProgressBar()
        self.bar.setTextVisible(False)  # the words sit beside it, never split by its fill
        self.bar_label = QLabel()
        self.bar_label.setBuddy(self.bar)
        self.continue_button = QPushButton(self.tr("&Continue"))
        theme.make_primary(self.continue_button)
        self.continue_button.setDefault(True)
        self.continue_button.setAccessibleName(self.tr("Continue where you left off"))
        self.continue_button.clicked.connect(self.continue_learning)
        self.next_label = QLabel()
        self.next_label.setWordWrap(True)
        self.next_label.setProperty("muted", True)
        self.next_label.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.steps = QTreeWidget()
        self.steps.setColumnCount(4)
        self.steps.setHeaderLabels(
            [self.tr("Step"), self.tr("Status"), self.tr("Time"), self.tr("Score")]
        )
        self.steps.setAccessibleName(self.tr("Steps of the course"))
        self.steps.setAccessibleDescription(
            self.tr(
                "Press Enter on a lesson, quiz or step to open it; expand a module to see its lessons"
            )
        )
        self.steps.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2, 3):  # follow their words, also when the text size changes
            self.steps.header().setSectionResizeMode(
                column, QHeaderView.ResizeMode.ResizeToContents
            )
        self.steps.header().setStretchLastSection(False)
        self.steps.itemActivated.connect(self._activate)
        self.steps.currentItemChanged.connect(self._explain)
        steps_label = QLabel(self.tr("Course &steps"))
        steps_label.setBuddy(self.steps)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.hint.setAccessibleName(self.tr("About the selected step"))
        self.open_button = QPushButton(self.tr("&Open"))
        self.open_button.setAccessibleName(self.tr("Open the selected step"))
        self.open_button.clicked.connect(lambda: self._activate(self.steps.currentItem()))
        self.progress_button = QPushButton(self.tr("My &progress"))
        self.progress_button.setAccessibleName(self.tr("Show my progress"))
        self.progress_button.clicked.connect(lambda: self.context.navigator.show_progress())
        self.certificate_button = QPushButton(self.tr("Get ce&rtificate"))
        self.certificate_button.setAccessibleName(self.tr("Get the certificate of completion"))
        self.certificate_button.clicked.connect(lambda: self.context.navigator.show_certificate())

        self.review_box = self._build_review()

        text = QVBoxLayout()
        text.setSpacing(theme.SPACE["s"])
        text.addWidget(self.heading)
        text.addWidget(self.summary)
        progress_row = QHBoxLayout()
        progress_row.addWidget(self.bar, 1)
        progress_row.addWidget(self.bar_label)
        text.addLayout(progress_row)
        onward = QVBoxLayout()
        onward.addWidget(self.continue_button)
        onward.addWidget(self.next_label)
        onward.addStretch(1)
        card = theme.make_card(QFrame())
        top = QHBoxLayout(card)
        top.setContentsMargins(*[theme.SPACE["xl"]] * 4)
        top.setSpacing(theme.SPACE["xl"])
        top.addLayout(text, 3)
        top.addLayout(onward, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.open_button)
        buttons.addStretch(1)
        buttons.addWidget(self.progress_button)
        buttons.addWidget(self.certificate_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(*[theme.SPACE["l"]] * 4)
        layout.setSpacing(theme.SPACE["s"])
        layout.addWidget(card)
        layout.addWidget(self.review_box)
        layout.addSpacing(theme.SPACE["s"])
        layout.addWidget(steps_label)
        layout.addWidget(self.steps, 1)
        layout.addWidget(self.hint)
        layout.addLayout(buttons)

    def _build_review(self) -> QFrame:
        """The Review step: booster reviews after the course; shown when the course has them."""
        box = QFrame()
        theme.make_card(box)
        title = scaled(QLabel(self.tr("Review")), 1.25)
        self.review_text = QLabel()
        self.review_text.setWordWrap(True)
        self.review_text.setAccessibleName(self.tr("Booster reviews"))
        self.review_button = QPushButton(self.tr("S&tart review"))
        self.review_button.setAccessibleName(self.tr("Start the booster review"))
        self.review_button.clicked.connect(lambda: self.context.navigator.show_reviews())
        self.review_button.hide()
        words = QVBoxLayout()
        words.addWidget(title)
        words.addWidget(self.review_text)
        row = QHBoxLayout(box)
        row.setContentsMargins(*[theme.SPACE["l"]] * 4)
        row.addLayout(words, 1)
        row.addWidget(self.review_button, 0, Qt.AlignmentFlag.AlignVCenter)
        box.setVisible(review_settings(self.context.catalog) is not None)
        return box

    def refresh(self) -> None:
        """Read the learner record in the background, then rebuild (emits `loaded`); then
        where booster reviews stand (emits `reviews_loaded`)."""
        context = self.context
        store, catalog, learner_id = context.store, context.catalog, context.learner_id
        self.freshness.loading()
        if self.record is None:
            self.summary.setText(self.tr("Loading your progress…"))
        context.tasks.read(
            lambda: learner_progress(store, catalog, learner_id),
            self._show,
            what=self.tr("Showing the course home"),
            on_failure=self._failed,
        )
        self._read_reviews()

    def _read_reviews(self) -> None:
        context = self.context
        settings = review_settings(context.catalog)
        if settings is None:
            return
        store, catalog, learner_id = context.store, context.catalog, context.learner_id
        size, moment = session_size(catalog, learner_id), review_page.now()
        context.tasks.read(
            lambda: review_plan(store, catalog, learner_id, moment, size),
            lambda plan: self._show_reviews(learner_id, plan, settings.minutes_per_item, moment),
            what=self.tr("Showing your booster reviews"),
            on_failure=self._reviews_failed,
        )

    def _reviews_failed(self, error: Exception) -> None:
        if isValid(self):
            self.review_text.setText(sentence(error))
            self.review_button.hide()
            self.reviews_loaded.emit()

    def _show_reviews(
        self, learner_id: str, plan: ReviewPlan, minutes_per_item: float, moment: datetime
    ) -> None:
        if not isValid(self) or not self.context.is_current(learner_id):
            return
        self.review_text.setText(ReviewWords().plan_text(plan, minutes_per_item, moment))
        self.review_button.setVisible(bool(plan.items))
        self.reviews_loaded.emit()

    def _failed(self, error: Exception) -> None:
        if not isValid(self):
            return
        self.freshness.failed()
        self.summary.setText(self.tr("Your progress cannot be shown: %s") % sentence(error))
        self.loaded.emit()

    def _show(self, record: LearnerProgress) -> None:
        if not isValid(self) or not self.context.is_current(record.learner.id):
            return
        course = self.context.catalog.course
        self.record = record
        self.heading.setText(f"<h1>{html.escape(course.title)}</h1>")
        self.bar.setRange(0, len(record.status.modules))
        self.bar.setValue(record.modules_done)
        done = self.tr("%s of %s modules complete") % (record.modules_done,
                                                        len(record.status.modules))  # fmt: skip
        self.bar_label.setText(done)
        self.bar.setAccessibleName(done)
        self.summary.setText(
            self.tr("%s · time spent %s · CE hours earned %s of %s")
            % (record.learner.display_name, record.time.text, record.ce_hours_text,
               hours_text(course.ce_hours))
        )  # fmt: skip
        self.certificate_button.setEnabled(record.status.completed_at is not None)
        self.steps.clear()
        items = [self._item(step) for step in record.steps]
        self.steps.addTopLevelItems(items)
        following = self._item_of(record.next_step)
        self._show_next(record.next_step, following)
        self.steps.setCurrentItem(following or items[0])
        self.continue_button.setFocus()
        self.loaded.emit()

    def _item(self, step: Step) -> QTreeWidgetItem:
        item = QTreeWidgetItem([step.title, step.words, step.time_text, step.score_words])
        description = step.description
        if step.minutes:
            about = self.tr("About %s min.") % step.minutes
            description = f"{sentence(description)} {about}" if description.strip() else about
        item.setData(0, ACTION_ROLE, Action(_KIND_OPENS.get(step.kind, step.kind),
                                            step.opens or step.target, step.locked_reason,
                                            description.strip(), step))  # fmt: skip
        for column, text in enumerate((step.title, step.words, step.time_text, step.score_words)):
            item.setToolTip(column, text)
        mark = theme.STATUS_MARKS.get(step.code, theme.UNSTARTED)
        item.setIcon(1, theme.status_icon(mark))
        if mark in (theme.GOOD, theme.BAD):
            item.setForeground(1, theme.status_colour(mark))
        if step.kind == "module":
            font = item.font(0)
            font.setBold(True)
            item.setFont(0, font)
        for child in step.children:
            item.addChild(self._item(child))
        if step.kind == "module":
            item.addChild(self._objectives(step.target))
        return item

    def _show_next(self, step: Step | None, item: QTreeWidgetItem | None) -> None:
        """Name the next step under Continue and make its row stand out."""
        if step is None:
            self.next_label.setText(self.tr("You have done every step."))
            self.continue_button.setAccessibleName(self.tr("Continue where you left off"))
            return
        self.next_label.setText(self.tr("Next: %s") % step.title)
        self.continue_button.setAccessibleName(self.tr("Continue with %s") % step.title)
        if item is not None:
            accent = QColor(theme.colours().accent)
            for column in range(item.columnCount()):
                font = item.font(column)
                font.setBold(True)
                item.setFont(column, font)
                item.setForeground(column, accent)

    def _objectives(self, module_id: str) -> QTreeWidgetItem:
        module = self.context.catalog.course.module(module_id)
        objectives = QTreeWidgetItem([self.tr("Objectives"), "", "", ""])
        objectives.setData(0, ACTION_ROLE, Action("none"))
        for objective in module.objectives if module else ():
            child = QTreeWidgetItem([objective.text, "", "", ""])
            child.setData(0, ACTION_ROLE, Action("none"))
            child.setToolTip(0, objective.text)
            objectives.addChild(child)
        return objectives

    def _item_of(self, step: Step | None) -> QTreeWidgetItem | None:
        if step is None:
            return None
        iterator = QTreeWidgetItemIterator(self.steps)
        while (item := iterator.value()) is not None:
            action = item.data(0, ACTION_ROLE)
            if action is not None and action.step == step:
                return item
            iterator += 1
        return None

    def _explain(self, item: QTreeWidgetItem | None) -> None:
        action = item.data(0, ACTION_ROLE) if item else None
        self.hint.setText((action.locked_reason or action.description) if action else "")
        self.open_button.setEnabled(
            bool(action and action.kind != "none" and not action.locked_reason)
        )

    def _activate(self, item: QTreeWidgetItem | None) -> None:
        action: Action | None = item.data(0, ACTION_ROLE) if item else None
        if action is None or action.kind == "none":
            if item is not None and item.childCount():
                item.setExpanded(not item.isExpanded())
            return
        if action.locked_reason:
            self.hint.setText(action.locked_reason)
            return
        self._go(action)

    def _go(self, action: Action) -> None:
        navigator = self.context.navigator
        if action.kind == "lesson":
            navigator.open_lesson(action.target)
        elif action.kind == "quiz":
            navigator.start_quiz(action.target)
        elif action.kind == "case":
            navigator.start_case(action.target)
        elif action.kind == "evaluation":
            navigator.show_evaluation()
        elif action.kind == "certificate":
            navigator.show_certificate()

    def continue_learning(self) -> None:
        """The next step of the learner record: the lesson left half-read (at its place),
        the next unread lesson or quiz, the post-test, the evaluation, the certificate.
        The record is read afresh; the button waits for it (a second press does nothing)."""
        if not self.continue_button.isEnabled():
            return
        self.continue_button.setEnabled(False)
        context = self.context
        store, catalog, learner_id = context.store, context.catalog, context.learner_id
        context.tasks.read(
            lambda: learner_progress(store, catalog, learner_id),
            self._continue,
            what=self.tr("Finding where you left off"),
            on_failure=self._continue_failed,
        )

    def _continue_failed(self, error: Exception) -> None:
        if isValid(self):
            self.continue_button.setEnabled(True)
            self.hint.setText(sentence(error))

    def _continue(self, record: LearnerProgress) -> None:
        if not isValid(self):
            return
        self.continue_button.setEnabled(True)
        step = record.next_step
        if step is None or not self.context.is_current(record.learner.id):
            return
        kind = _KIND_OPENS.get(step.kind, step.kind)
        self._go(Action(kind, step.opens or step.target, "", "", step))
