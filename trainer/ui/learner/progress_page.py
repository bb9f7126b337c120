"""My progress: time spent, CE hours, module status, pre-test vs post-test, quiz history."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from trainer.quiz.grading import grade
from trainer.services import attempts, completion
from trainer.services.errors import ServiceError, StoreError
from trainer.ui.shell.context import AppContext
from trainer.ui.shell.text_and_tables import (
    fill_table,
    format_duration,
    heading,
    local_time,
    report_table,
    section_label,
    sentence,
    tr,
)

if TYPE_CHECKING:
    from trainer.services.attempts import AttemptSummary
    from trainer.services.catalog import Catalog
    from trainer.services.completion import CourseStatus, ModuleStatus
    from trainer.store.db import Store


@dataclass(frozen=True)
class Share:
    """How many of a module's questions one test attempt answered right."""

    right: int
    asked: int

    @property
    def percent(self) -> float:
        return 100.0 * self.right / self.asked


@dataclass(frozen=True)
class ModuleGain:
    title: str
    pre: Share | None
    post: Share | None


@dataclass(frozen=True)
class ProgressSnapshot:
    """Everything the progress page shows, read in one go off the UI thread."""

    status: CourseStatus
    gains: tuple[ModuleGain, ...]
    history: tuple[AttemptSummary, ...]  # newest first


def load_progress(store: Store, catalog: Catalog, learner_id: str) -> ProgressSnapshot:
    """Runs on the worker thread; returns plain data and never touches widgets."""
    course = catalog.course
    status = completion.course_status(store, catalog, learner_id)
    history = attempts.attempt_history(store, catalog, learner_id)
    pre = [a for a in history if a.quiz_id == course.pretest and a.submitted_at]
    post = [a for a in history if a.quiz_id == course.posttest and a.submitted_at]
    # the first pre-test is the baseline; the latest post-test is what the learner knows now
    gains = learning_gains(catalog, pre[0] if pre else None, post[-1] if post else None)
    return ProgressSnapshot(status, gains, tuple(reversed(history)))


def learning_gains(
    catalog: Catalog, pre: AttemptSummary | None, post: AttemptSummary | None
) -> tuple[ModuleGain, ...]:
    """Per module (then in all), the share of its questions right before and after."""
    before, after = _shares(catalog, pre), _shares(catalog, post)
    gains = [
        ModuleGain(module.title, before.get(module.id), after.get(module.id))
        for module in catalog.course.modules
        if module.id in before or module.id in after
    ]
    if gains:
        gains.append(ModuleGain(tr("All modules"), _total(before), _total(after)))
    return tuple(gains)


def _shares(catalog: Catalog, attempt: AttemptSummary | None) -> dict[str, Share]:
    quiz = catalog.quizzes.get(attempt.quiz_id) if attempt else None
    if quiz is None or attempt is None:
        return {}
    module_of = {o.id: m.id for m in catalog.course.modules for o in m.objectives}
    asked_ids = set(attempt.question_ids) or {q.id for q in quiz.spec.questions}
    asked = [q for q in quiz.spec.questions if q.id in asked_ids]  # unanswered ones count wrong
    shares: dict[str, Share] = {}
    for question in asked:
        module_id = module_of.get(question.objective)
        if module_id is not None:
            right = int(grade(question, attempt.answers.get(question.id)).correct)
            old = shares.get(module_id, Share(0, 0))
            shares[module_id] = Share(old.right + right, old.asked + 1)
    return shares


def _total(shares: dict[str, Share]) -> Share | None:
    if not shares:
        return None
    return Share(sum(s.right for s in shares.values()), sum(s.asked for s in shares.values()))


class ProgressPage(QWidget):
    """The learner's record: time, CE hours, modules, learning gain and every attempt."""

    loaded = Signal()

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.snapshot: ProgressSnapshot | None = None
        title = heading(self.tr("My progress"))
        self.summary = QLabel(self.tr("Loading your progress…"))
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName(self.tr("Time and CE hours"))
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.modules = report_table(
            self.tr("Modules"),
            [self.tr("Module"), self.tr("Lessons read"), self.tr("Best quiz score"),
             self.tr("Time spent"), self.tr("Completion"), self.tr("Success")],
            self.tr("One row per module: lessons read, best quiz score, time, completion and result"),
        )  # fmt: skip
        self.gains = report_table(
            self.tr("Pre-test and post-test by module"),
            [self.tr("Module"), self.tr("Pre-test"), self.tr("Post-test"), self.tr("Change")],
            self.tr("Questions answered right in your first pre-test and your latest post-test"),
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
            (self.tr("&Quiz history"), self.history, self.history_note),
        ):
            label = section_label(text)
            label.setBuddy(table)  # Alt+letter jumps to the table
            layout.addWidget(label)
            if note is not None:
                layout.addWidget(note)
            layout.addWidget(table)
            table.currentCellChanged.connect(lambda row, _c, _r, _pc, t=table: self._follow(t, row))
        layout.addStretch(1)
        self.scroll = scroll = QScrollArea()
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
        if item is None:
            return
        rect = table.visualItemRect(item)
        centre = table.viewport().mapTo(self.scroll.widget(), rect.center())
        self.scroll.ensureVisible(centre.x(), centre.y(), 0, rect.height())

    def refresh(self) -> None:
        """Read the learner's record in the background, then show it (emits `loaded`)."""
        context = self.context
        store, catalog, learner_id = context.store, context.catalog, context.learner_id
        self.summary.setText(self.tr("Loading your progress…"))
        context.tasks.run(
            lambda: load_progress(store, catalog, learner_id), self._show, self._failed
        )

    def _failed(self, error: Exception) -> None:
        if not isValid(self):
            return
        self.summary.setText(self.tr("Your progress cannot be shown: %s") % sentence(error))
        self.loaded.emit()
        if not isinstance(error, ServiceError | StoreError):
            raise error  # a bug, not a refusal: let the app's error handler report it

    def _show(self, snapshot: ProgressSnapshot) -> None:
        if not isValid(self):
            return
        self.snapshot = snapshot
        self.summary.setText(self._summary_text(snapshot.status))
        fill_table(self.modules, [self._module_row(m) for m in snapshot.status.modules])
        fill_table(self.gains, [self._gain_row(g) for g in snapshot.gains])
        self.gain_note.setText(self._gain_note(snapshot))
        self.gain_note.setVisible(bool(self.gain_note.text()))
        fill_table(self.history, [self._history_row(r) for r in snapshot.history])
        self.history_note.setText("" if snapshot.history else self.tr("No quiz taken yet."))
        self.history_note.setVisible(not snapshot.history)
        self.modules.setFocus()
        self.scroll.verticalScrollBar().setValue(0)  # open at the top, title and summary first
        self.loaded.emit()

    def _summary_text(self, status: CourseStatus) -> str:
        course = self.context.catalog.course
        credit = status.credit
        reading = sum(m.active_seconds for m in status.modules)
        lines = [
            self.tr("Active study time in all: %s (lessons %s; quizzes and tests %s).")
            % (
                format_duration(credit.active_seconds),
                format_duration(reading),
                format_duration(credit.active_seconds - reading),
            )
        ]
        hours, total = f"{credit.hours:g}", f"{course.ce_hours:g}"
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
                % (total, format_duration(credit.required_seconds), format_duration(still))
            )  # fmt: skip
        return "\n".join(lines)

    def _module_row(self, module: ModuleStatus) -> list[str]:
        quiz = module.quiz
        if quiz is None:
            score = self.tr("no quiz")
        elif quiz.best_percent is None:
            score = self.tr("not taken")
        else:
            score = f"{quiz.best_percent:.0f}%"
        return [
            module.title,
            self.tr("%s of %s") % (module.lessons_read, module.lessons_total),
            score,
            format_duration(module.active_seconds),
            self._completion_words(module),
            self._success_words(module),
        ]

    def _completion_words(self, module: ModuleStatus) -> str:
        if not module.available:
            return self.tr("Unavailable")
        if module.completion == "completed":
            return self.tr("Completed")
        if module.completion == "incomplete":
            return self.tr("In progress")
        if module.unlocked:
            return self.tr("Not started")
        if module is self.snapshot.status.modules[0]:  # type: ignore[union-attr]
            return self.tr("Locked: take the pre-test first")
        return self.tr("Locked: finish the module before")

    def _success_words(self, module: ModuleStatus) -> str:
        if module.success == "passed":
            return self.tr("Passed")
        if module.success == "failed":
            return self.tr("Not passed: no attempts left")
        if module.quiz is not None and module.quiz.attempts_used:
            return self.tr("Not passed yet")
        return self.tr("Not graded yet")

    def _share_words(self, share: Share | None, test: str) -> str:
        if share is None:
            return self.tr("%s not taken") % test
        return self.tr("%s of %s right (%s%%)") % (share.right, share.asked, f"{share.percent:.0f}")

    def _gain_row(self, gain: ModuleGain) -> list[str]:
        change = "—"
        if gain.pre is not None and gain.post is not None:
            points = round(gain.post.percent - gain.pre.percent)
            if points > 0:
                change = self.tr("up %s points") % points
            elif points < 0:
                change = self.tr("down %s points") % -points
            else:
                change = self.tr("no change")
        return [
            gain.title,
            self._share_words(gain.pre, self.tr("Pre-test")),
            self._share_words(gain.post, self.tr("Post-test")),
            change,
        ]

    def _gain_note(self, snapshot: ProgressSnapshot) -> str:
        course = self.context.catalog.course
        if not course.pretest and not course.posttest:
            return self.tr("This course has no pre-test or post-test.")
        if not snapshot.gains:
            return self.tr(
                "Take the pre-test before the modules and the post-test after them to see"
                " what you learned, module by module."
            )
        return ""

    def _history_row(self, attempt: AttemptSummary) -> list[str]:
        quiz = self.context.catalog.quizzes.get(attempt.quiz_id)
        title = quiz.spec.title if quiz else attempt.quiz_id
        when = local_time(attempt.submitted_at or attempt.started_at)
        if attempt.submitted_at is None:
            return [title, when, "—", self.tr("In progress")]
        score = f"{attempt.percent:.0f}%" if attempt.percent is not None else "—"
        if attempt.quiz_id == self.context.catalog.course.pretest:
            result = self.tr("Taken (baseline)")
        else:
            result = self.tr("Passed") if attempt.passed else self.tr("Not passed")
        return [title, when, score, result]
