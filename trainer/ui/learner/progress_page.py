"""My progress: time spent, CE hours, module status, pre-test vs post-test, quiz history,
and, after the course, what the booster reviews say about each objective."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from trainer.services.completion import ModuleStatus
from trainer.services.figures import duration_text, hours_text, required_text, whole_percent
from trainer.services.learner_progress import (
    AttemptLine,
    Gain,
    LearnerProgress,
    Step,
    learner_progress,
)
from trainer.services.review_reports import ObjectiveRetention, retention_by_objective
from trainer.services.reviews import review_settings
from trainer.ui.learner import review_page
from trainer.ui.shell.context import AppContext
from trainer.ui.shell.tasks import LEARNERS, PROGRESS, Freshness
from trainer.ui.shell.text_and_tables import (
    fill_table,
    follow_focus,
    heading,
    local_time,
    mark_column,
    report_table,
    section_label,
    sentence,
)

# recall within this many points of the post-test share is "holding"
TREND_MARGIN = 0.1


class ProgressPage(QWidget):
    """The learner's record: time, CE hours, modules, learning gain and every attempt."""

    loaded = Signal()
    reviews_loaded = Signal()  # the booster reviews section is filled

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.snapshot: LearnerProgress | None = None
        self.freshness = Freshness(self, context.tasks, {PROGRESS, LEARNERS}, self.refresh)
        title = heading(self.tr("My progress"))
        self.summary = QLabel(self.tr("Loading your progress…"))
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName(self.tr("Time and CE hours"))
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.modules = report_table(
            self.tr("Modules"),
            [self.tr("Module"), self.tr("Lessons read"), self.tr("Best quiz score"),
             self.tr("Time spent"), self.tr("Status")],
            self.tr("One row per module: lessons read, best quiz score, time and status"),
        )  # fmt: skip
        self.gains = report_table(
            self.tr("Pre-test and post-test by module"),
            [self.tr("Module"), self.tr("Pre-test"), self.tr("Post-test"), self.tr("Change")],
            self.tr("Points earned in your first pre-test and your latest post-test"),
        )
        self.objective_gains = report_table(
            self.tr("Pre-test and post-test by objective"),
            [self.tr("Objective"), self.tr("Pre-test"), self.tr("Post-test"), self.tr("Change")],
            self.tr("Points earned for each objective in your first pre-test and latest post-test"),
        )
        self.gain_note = QLabel()
        self.gain_note.setWordWrap(True)
        self.history = report_table(
            self.tr("Quiz history"),
            [self.tr("Quiz"), self.tr("Date"), self.tr("Score"), self.tr("Result")],
            self.tr("Every quiz and test attempt, newest first"),
        )
        self.history_note = QLabel()
        self.history_note.setWordWrap(True)
        self.reviews = report_table(
            self.tr("Booster reviews by objective"),
            [self.tr("Module"), self.tr("Objective"), self.tr("Items reviewed"),
             self.tr("Reviews done"), self.tr("Likely to recall now"),
             self.tr("Since the post-test")],
            self.tr("For each objective: booster items reviewed of all, reviews done, how likely"
                    " you are to recall it now, and your post-test result on it"),
        )  # fmt: skip
        # the objective's text wraps and takes the width; the figures stay in view beside it
        review_header = self.reviews.horizontalHeader()
        review_header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        review_header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.reviews_note = QLabel(
            self.tr(
                "The estimate comes from the FSRS memory model and your own answers in the"
                " booster reviews; the Guide explains it."
            )
        )
        self.reviews_note.setWordWrap(True)
        self.back_button = QPushButton(self.tr("&Back to the course"))
        self.back_button.setAccessibleName(self.tr("Back to the course"))
        self.back_button.clicked.connect(lambda: self.context.navigator.show_home())

        content = QWidget()
        layout = QVBoxLayout(content)
        layout.addWidget(title)
        layout.addWidget(self.summary)
        for text, table, note in (
            (self.tr("&Modules"), self.modules, None),
            (self.tr("Pre-test and &post-test"), self.gains, self.gain_note),
            (self.tr("By &objective"), self.objective_gains, None),
            (self.tr("&Quiz history"), self.history, self.history_note),
            (self.tr("Booster &reviews"), self.reviews, self.reviews_note),
        ):
            label = section_label(text)
            label.setBuddy(table)  # Alt+letter jumps to the table
            layout.addWidget(label)
            if note is not None:
                layout.addWidget(note)
            layout.addWidget(table)
            table.currentCellChanged.connect(lambda row, _c, _r, _pc, t=table: self._follow(t, row))
            if table is self.reviews:  # only for a course with booster reviews
                self.reviews_section: list[QWidget] = [label, self.reviews_note, table]
        layout.addStretch(1)
        self.scroll_area = scroll = QScrollArea()
        follow_focus(self.scroll_area)
        scroll.setWidget(content)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setAccessibleName(self.tr("My progress"))
        scroll.setAccessibleDescription(self.tr("Scroll with the arrow and page keys"))
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.back_button)
        outer = QVBoxLayout(self)
        outer.addWidget(scroll, 1)
        outer.addLayout(buttons)

    def _follow(self, table: QTableWidget, row: int) -> None:
        """Tables show every row, so the page (not the table) scrolls to the current one."""
        item = table.item(row, 0)
        content = self.scroll_area.widget()
        if item is None or content is None:
            return
        rect = table.visualItemRect(item)
        centre = table.viewport().mapTo(content, rect.center())
        self.scroll_area.ensureVisible(centre.x(), centre.y(), 0, rect.height())

    def refresh(self) -> None:
        """Read the learner record in the background, then show it (emits `loaded`); then
        the booster reviews (emits `reviews_loaded`)."""
        context = self.context
        store, catalog, learner_id = context.store, context.catalog, context.learner_id
        self.freshness.loading()
        self.summary.setText(self.tr("Loading your progress…"))
        context.tasks.read(
            lambda: learner_progress(store, catalog, learner_id),
            self._show,
            what=self.tr("Showing your progress"),
            on_failure=self._failed,
        )
        has_reviews = review_settings(catalog) is not None
        for widget in self.reviews_section:
            widget.setVisible(has_reviews)
        if has_reviews:
            moment = review_page.now()
            context.tasks.read(
                lambda: retention_by_objective(store, catalog, learner_id, moment),
                lambda rows: self._show_reviews(learner_id, rows),
                what=self.tr("Showing your booster reviews"),
                on_failure=self._reviews_failed,
            )

    def _reviews_failed(self, error: Exception) -> None:
        if isValid(self):
            self.reviews_note.setText(self.tr("Your booster reviews cannot be shown: %s")
                                      % sentence(error))  # fmt: skip
            self.reviews_loaded.emit()

    def _show_reviews(self, learner_id: str, rows: list[ObjectiveRetention]) -> None:
        if not isValid(self) or not self.context.is_current(learner_id):
            return
        fill_table(self.reviews, [self._review_row(row) for row in rows])
        self.reviews_loaded.emit()

    def _review_row(self, row: ObjectiveRetention) -> list[str]:
        module = self.context.catalog.course.module(row.module_id)
        if row.retention is None:
            recall = self.tr("not reviewed yet")
        else:
            recall = self.tr("about %s%% likely to recall") % whole_percent(100 * row.retention)
        return [
            module.title if module else row.module_id,
            row.text,
            self.tr("%s of %s") % (row.items_reviewed, row.items_total),
            str(row.reviews),
            recall,
            self._since_posttest(row),
        ]

    def _since_posttest(self, row: ObjectiveRetention) -> str:
        """The post-test share on the objective, and whether recall now holds up to it."""
        if row.posttest_share is None:
            return self.tr("no post-test")
        share = self.tr("Post-test %s%%") % whole_percent(100 * row.posttest_share)
        if row.retention is None:
            return share
        change = row.retention - row.posttest_share
        if abs(change) < TREND_MARGIN:
            trend = self.tr("holding")
        elif change < 0:
            trend = self.tr("lower")
        else:
            trend = self.tr("higher")
        return self.tr("%s: %s now") % (share, trend)

    def _failed(self, error: Exception) -> None:
        if not isValid(self):
            return
        self.freshness.failed()
        self.summary.setText(self.tr("Your progress cannot be shown: %s") % sentence(error))
        self.loaded.emit()

    def _show(self, record: LearnerProgress) -> None:
        if not isValid(self) or not self.context.is_current(record.learner.id):
            return
        self.snapshot = record
        self.summary.setText(self._summary_text(record))
        lessons = {m.module_id: m for m in record.status.modules}
        modules = [step for step in record.steps if step.kind == "module"]
        fill_table(self.modules, [self._module_row(step, lessons[step.target]) for step in modules])
        mark_column(self.modules, 4, [step.code for step in modules])
        fill_table(self.gains, [self._gain_row(g) for g in record.gains_by_module])
        fill_table(self.objective_gains, [self._gain_row(g) for g in record.gains_by_objective])
        self.objective_gains.setVisible(bool(record.gains_by_objective))
        self.gain_note.setText(self._gain_note(record))
        self.gain_note.setVisible(bool(self.gain_note.text()))
        fill_table(self.history, [self._history_row(r) for r in record.history])
        mark_column(self.history, 3, [attempt.result_code for attempt in record.history])
        self.history_note.setText("" if record.history else self.tr("No quiz taken yet."))
        self.history_note.setVisible(not record.history)
        self.modules.setFocus()
        self.scroll_area.verticalScrollBar().setValue(0)  # open at the top, title and summary first
        self.loaded.emit()

    def _summary_text(self, record: LearnerProgress) -> str:
        course = self.context.catalog.course
        credit = record.status.credit
        lines = [self.tr("Active study time in all: %s.") % record.time.detail]
        for step in record.steps:
            if step.kind in ("pretest", "posttest") and step.score_words:
                lines.append(f"{step.title}: {step.score_words}.")
        hours, total = record.ce_hours_text, hours_text(course.ce_hours)
        if credit.hours:
            lines.append(self.tr("CE hours earned: %s of %s.") % (hours, total))
            if credit.capped_by_daily_limit:
                lines.append(self.tr("The hours are limited by the daily maximum for CE credit."))
        elif credit.eligible:
            lines.append(
                self.tr("CE hours earned: 0 of %s. You have enough active time; the hours are"
                        " awarded when the course is complete.") % total
            )  # fmt: skip
        else:
            still = credit.required_seconds - credit.active_seconds
            lines.append(
                self.tr("CE hours earned: 0 of %s. CE credit needs %s of active study;"
                        " %s still needed.")
                % (total, required_text(credit.required_seconds), required_text(still))
            )  # fmt: skip
        return "\n".join(lines)

    def _module_row(self, step: Step, module: ModuleStatus) -> list[str]:
        if module.quiz is None:
            score = self.tr("no quiz")
        else:
            score = step.score_words or self.tr("not taken")
        status = step.words  # "Locked", as on the course home (which says why on selection)
        return [
            step.title,
            self.tr("%s of %s") % (module.lessons_read, module.lessons_total),
            score,
            step.time_text or duration_text(0),
            status,
        ]

    def _gain_row(self, gain: Gain) -> list[str]:
        return [
            gain.title,
            gain.pre.text if gain.pre else self.tr("Pre-test not taken"),
            gain.post.text if gain.post else self.tr("Post-test not taken"),
            gain.change_words,
        ]

    def _gain_note(self, record: LearnerProgress) -> str:
        course = self.context.catalog.course
        if not course.pretest and not course.posttest:
            return self.tr("This course has no pre-test or post-test.")
        if not record.gains_by_module:
            return self.tr(
                "Take the pre-test before the modules and the post-test after them to see"
                " what you learned, module by module."
            )
        return ""

    def _history_row(self, attempt: AttemptLine) -> list[str]:
        when = local_time(attempt.submitted_at or attempt.started_at)
        score = attempt.score.text if attempt.score else "—"
        return [attempt.title, when, score, attempt.result_words]
