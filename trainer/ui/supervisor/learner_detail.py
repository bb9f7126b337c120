"""A learner's full record for the supervisor: attempts with answers, lesson times,
practice done, certificates, evaluation answers, for a course with client cases each run
of a case (the path of choices with their ratings, the ending reached) and, for a course
with booster reviews,
the reviews done per objective with the retention estimate and confident errors on
safety items (their answers to other items are not shown)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from trainer.services import review_export
from trainer.services.catalog import Catalog
from trainer.services.figures import duration_text, hours_text
from trainer.services.learner_record import (
    AttemptRecord,
    CaseDone,
    CaseRunDone,
    LearnerRecord,
    PracticeDone,
    learner_record,
)
from trainer.services.review_reports import ObjectiveRetention, retention_by_objective
from trainer.services.reviews import learner_reviews, review_settings
from trainer.ui.shell import theme
from trainer.ui.shell.context import AppContext
from trainer.ui.shell.text_and_tables import (
    as_typed,
    fill_table,
    local_time,
    plain_text,
    report_table,
    scroll_inside,
    sentence,
)


@dataclass(frozen=True)
class LearnerReviews:
    """A learner's booster reviews per objective, and each confident error on a safety
    item as 'YYYY-MM-DD: prompt', by objective."""

    objectives: list[ObjectiveRetention]
    safety_errors: dict[str, list[str]]


def learner_reviews_now(store: Any, catalog: Catalog, learner_id: str) -> LearnerReviews:
    """Read on the worker thread: the reviews as they stand now."""
    names = review_export.course_names(catalog)
    errors: dict[str, list[str]] = {}
    for review in learner_reviews(store, catalog.course.id, learner_id):
        if review.safety and not review.correct and review.confidence == "sure":
            errors.setdefault(review.objective_id, []).append(
                f"{review.reviewed_at:%Y-%m-%d}: {names.prompt(review.question_id)}"
            )
    objectives = retention_by_objective(store, catalog, learner_id, datetime.now(UTC))
    return LearnerReviews(objectives, errors)


def _rating_words(rating: str) -> str:
    words = {"helpful": "helpful", "partly": "partly helpful", "harmful": "harmful"}
    return QCoreApplication.translate("LearnerDetailDialog", words.get(rating, rating))


class LearnerDetailDialog(QDialog):
    """Read-only: loads the record in the background, then shows it in tabs."""

    loaded = Signal()
    reviews_loaded = Signal()

    def __init__(self, context: AppContext, learner_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.record: LearnerRecord | None = None
        self.setWindowTitle(self.tr("Learner record"))
        self.resize(900, 600)
        self.summary = plain_text(QLabel(self.tr("Loading the learner's record…")))
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName(self.tr("Summary"))
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.summary.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.attempts = QTreeWidget()
        self.attempts.setAccessibleName(self.tr("Quiz attempts and answers"))
        self.attempts.setAccessibleDescription(
            self.tr("Each attempt; expand it with the right arrow to see every answer")
        )
        self.attempts.setHeaderLabels(
            [self.tr("Quiz or question"), self.tr("Date"), self.tr("Score or answer"),
             self.tr("Result"), self.tr("Time")]
        )  # fmt: skip
        self.attempts.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.attempts.setWordWrap(True)
        self.lessons = report_table(
            self.tr("Lesson times"),
            [self.tr("Lesson"), self.tr("Module"), self.tr("Active time"),
             self.tr("First opened"), self.tr("Read on")],
        )  # fmt: skip
        scroll_inside(self.lessons)  # 33 lessons scroll in the tab: Close stays on screen
        self.practice = report_table(
            self.tr("Practice done"),
            [self.tr("Practice item"), self.tr("Lesson"), self.tr("Entries"),
             self.tr("Last saved"), self.tr("What was written")],
            self.tr("Answers are shown only for items that share them with the supervisor"),
        )  # fmt: skip
        scroll_inside(self.practice)
        self.evaluation = report_table(
            self.tr("Evaluation answers"), [self.tr("Question"), self.tr("Answer")]
        )
        scroll_inside(self.evaluation)
        self.evaluation_note = QLabel()
        evaluation_tab = QWidget()
        evaluation_layout = QVBoxLayout(evaluation_tab)
        evaluation_layout.addWidget(self.evaluation_note)
        evaluation_layout.addWidget(self.evaluation, 1)
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName(self.tr("Parts of the record"))
        self.tabs.addTab(self.summary, self.tr("&Summary"))
        self.tabs.addTab(self.attempts, self.tr("&Quiz attempts"))
        self.tabs.addTab(self.lessons, self.tr("&Lessons"))
        self.tabs.addTab(self.practice, self.tr("&Practice"))
        self.tabs.addTab(evaluation_tab, self.tr("&Evaluation"))
        self.cases = QTreeWidget()
        self.cases.setAccessibleName(self.tr("Client cases played"))
        self.cases.setAccessibleDescription(
            self.tr(
                "Each case and each run of it; expand a run with the right arrow to see its path"
            )
        )
        self.cases.setHeaderLabels(
            [self.tr("Case, run or choice"), self.tr("Started"), self.tr("Ending or rating")]
        )
        self.cases.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.cases.setWordWrap(True)
        self.cases_note = QLabel()
        self.cases_note.setWordWrap(True)
        if context.catalog.cases:
            cases_tab = QWidget()
            cases_layout = QVBoxLayout(cases_tab)
            cases_layout.addWidget(self.cases_note)
            cases_layout.addWidget(self.cases, 1)
            self.tabs.addTab(cases_tab, self.tr("Client &cases"))
        self.reviews = report_table(
            self.tr("Booster reviews"),
            [self.tr("Objective"), self.tr("Reviews done"), self.tr("Estimated retention"),
             self.tr("Confident errors on safety items")],
            self.tr("Per objective reviewed; the learner's answers to other items are not shown"),
        )  # fmt: skip
        scroll_inside(self.reviews)
        # the objective and the confident errors (item and day) share the width and wrap
        self.reviews.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.reviews_note = QLabel(self.tr("Loading the booster reviews…"))
        self.reviews_note.setWordWrap(True)
        if review_settings(context.catalog) is not None:
            reviews_tab = QWidget()
            reviews_layout = QVBoxLayout(reviews_tab)
            reviews_layout.addWidget(self.reviews_note)
            reviews_layout.addWidget(self.reviews, 1)
            self.tabs.addTab(reviews_tab, self.tr("Booster &reviews"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        buttons.button(QDialogButtonBox.StandardButton.Close).setAccessibleName(self.tr("Close"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(buttons)
        store, catalog = context.store, context.catalog
        context.tasks.read(
            lambda: learner_record(store, catalog, learner_id),
            self._show,
            what=self.tr("Showing the learner record"),
            on_failure=self._failed,
        )
        if review_settings(catalog) is not None:
            context.tasks.read(
                lambda: learner_reviews_now(store, catalog, learner_id),
                self._show_reviews,
                what=self.tr("Showing the learner's booster reviews"),
                on_failure=self._reviews_failed,
            )

    def _reviews_failed(self, error: Exception) -> None:
        if not isValid(self):
            return
        self.reviews_note.setText(
            self.tr("The booster reviews cannot be shown: %s") % sentence(error)
        )
        self.reviews_loaded.emit()

    def _show_reviews(self, reviews: LearnerReviews) -> None:
        if not isValid(self):
            return
        reviewed = [o for o in reviews.objectives if o.reviews]
        errors = sum(len(found) for found in reviews.safety_errors.values())
        self.reviews_note.setText(
            self.tr("Objectives reviewed: %s of %s. Confident errors on safety items: %s.")
            % (len(reviewed), len(reviews.objectives), errors)
            if reviewed
            else self.tr("No booster reviews yet.")
        )
        fill_table(
            self.reviews,
            [[o.text, str(o.reviews), review_export.retention_text(o.retention),
              "\n".join(reviews.safety_errors.get(o.objective_id, [])) or "0"]
             for o in reviewed],
        )  # fmt: skip
        self.reviews_loaded.emit()

    def _failed(self, error: Exception) -> None:
        if not isValid(self):
            return
        self.summary.setText(self.tr("The record cannot be shown: %s") % sentence(error))
        self.loaded.emit()

    def _show(self, record: LearnerRecord) -> None:
        if not isValid(self):
            return
        self.record = record
        self.setWindowTitle(self.tr("Learner record: %s") % record.learner.display_name)
        self.summary.setText(self._summary(record))
        self.attempts.clear()
        for attempt in reversed(record.attempts):  # newest first
            self.attempts.addTopLevelItem(self._attempt_item(attempt))
        for column in range(1, self.attempts.columnCount()):
            self.attempts.resizeColumnToContents(column)
        fill_table(
            self.lessons,
            [[t.lesson_title, t.module_title, duration_text(t.active_seconds),
              local_time(t.first_opened_at),
              local_time(t.completed_at) if t.completed_at else self.tr("Not read yet")]
             for t in record.lessons],
        )  # fmt: skip
        fill_table(self.practice, [self._practice_row(done) for done in record.practice])
        fill_table(self.evaluation, [[e.prompt, e.answer] for e in record.evaluation])
        self._show_cases(record.cases)
        self.evaluation_note.setText(
            self.tr("Submitted %s.") % local_time(record.evaluation_submitted_at)
            if record.evaluation_submitted_at
            else self.tr("The course evaluation is not submitted yet.")
        )
        self.loaded.emit()

    def _show_cases(self, cases: tuple[CaseDone, ...]) -> None:
        self.cases.clear()
        played = [case for case in cases if case.runs]
        self.cases_note.setText(
            self.tr("Cases played: %s of %s.") % (len(played), len(cases))
            if played
            else self.tr("No client case played yet.")
        )
        for case in played:
            item = QTreeWidgetItem([case.title, "", self.tr("Runs: %s") % len(case.runs)])
            for number, run in enumerate(case.runs, start=1):
                item.addChild(self._run_item(number, run))
            self.cases.addTopLevelItem(item)
            item.setExpanded(True)
        for column in range(1, self.cases.columnCount()):
            self.cases.resizeColumnToContents(column)

    def _run_item(self, number: int, run: CaseRunDone) -> QTreeWidgetItem:
        if run.ending:
            ending = self.tr("Ending: %s (%s)") % (run.ending, _rating_words(run.outcome))
        elif run.stale:
            ending = self.tr("Not finished: the case has changed since")
        else:
            ending = self.tr("Not finished yet")
        started = local_time(run.started_at) if run.started_at else ""
        item = QTreeWidgetItem([self.tr("Run %s") % number, started, ending])
        for step in run.steps:
            child = QTreeWidgetItem([step.choice, "", _rating_words(step.rating)])
            mark = {"helpful": theme.GOOD, "partly": theme.PARTIAL, "harmful": theme.BAD}.get(
                step.rating
            )
            if mark is not None:
                child.setIcon(2, theme.status_icon(mark))
            child.setToolTip(0, as_typed(step.choice))
            item.addChild(child)
        return item

    def _summary(self, record: LearnerRecord) -> str:
        learner, progress = record.learner, record.progress
        status = progress.status
        lines = [
            learner.display_name,
            self.tr("Credential: %s") % (learner.credential or self.tr("none given")),
            self.tr("Organisation: %s") % (learner.organisation or self.tr("none given")),
            "",
        ]
        if status.completed_at is not None:
            lines.append(self.tr("Course complete on %s.") % local_time(status.completed_at))
        else:
            lines.append(
                self.tr("Course not complete: %s of %s modules done.")
                % (progress.modules_done, len(status.modules))
            )
        for step in progress.steps:
            if step.kind in ("pretest", "posttest"):
                lines.append(f"{step.title}: {step.words}. {step.score_words}".strip())
        lines.append(
            self.tr("Active study time: %s. CE hours earned: %s.")
            % (progress.time.detail, progress.ce_hours_text)
        )
        lines.append("")
        if not record.certificates:
            lines.append(self.tr("No certificate issued."))
        for info in record.certificates:
            lines.append(
                self.tr("Certificate %s: version %s, issued %s, %s CE hours.")
                % (info.code, info.course_version, local_time(info.issued_at),
                   hours_text(info.ce_hours))
            )  # fmt: skip
        return "\n".join(lines)

    def _practice_row(self, done: PracticeDone) -> list[str]:
        written = (
            "\n\n".join(done.answers)
            if done.shared
            else self.tr("Private: the learner's answers stay on their computer")
        )
        return [
            done.item_title, done.lesson_title, str(done.entries),
            local_time(done.last_saved_at), written,
        ]  # fmt: skip

    def _attempt_item(self, attempt: AttemptRecord) -> QTreeWidgetItem:
        line = attempt.line
        score = line.score.text if line.score else "—"
        when = local_time(line.submitted_at or line.started_at)
        item = QTreeWidgetItem(
            [line.title, when, score, line.result_words, duration_text(line.active_seconds)]
        )
        for answer in attempt.answers:
            if answer.correct is None:
                verdict, mark = self.tr("Not answered"), theme.UNSTARTED
            elif answer.correct:
                verdict, mark = self.tr("Right"), theme.GOOD
            else:
                verdict, mark = self.tr("Wrong"), theme.BAD
            child = QTreeWidgetItem([answer.prompt, "", answer.answer or "—", verdict, ""])
            child.setIcon(3, theme.status_icon(mark))
            if mark != theme.UNSTARTED:
                child.setForeground(3, theme.status_colour(mark))
            child.setToolTip(0, as_typed(answer.prompt))
            child.setToolTip(2, as_typed(answer.answer))
            item.addChild(child)
        return item
