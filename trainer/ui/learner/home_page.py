"""Course home: every step of the day with its status, and one prominent "Continue"."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from trainer.services import completion, progress
from trainer.services.completion import CourseStatus, ModuleStatus, QuizStatus
from trainer.ui.shell.context import AppContext
from trainer.ui.shell.text_and_tables import format_duration

ACTION_ROLE = Qt.ItemDataRole.UserRole


@dataclass(frozen=True)
class Action:
    """What activating a row does: open a lesson or a quiz, or another screen."""

    kind: str  # lesson | quiz | evaluation | certificate | none
    target: str = ""
    locked_reason: str = ""
    description: str = ""


class HomePage(QWidget):
    """The course at a glance; activate a row (Enter or double-click) to go there."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName(self.tr("Progress summary"))
        self.bar = QProgressBar()
        self.bar.setAccessibleName(self.tr("Modules completed"))
        self.continue_button = QPushButton(self.tr("&Continue"))
        self.continue_button.setDefault(True)
        self.continue_button.setAccessibleName(self.tr("Continue where you left off"))
        self.continue_button.clicked.connect(self.continue_learning)
        self.continue_button.setMinimumHeight(self.continue_button.sizeHint().height() * 3 // 2)
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
        self.certificate_button = QPushButton(self.tr("Get &certificate"))
        self.certificate_button.setAccessibleName(self.tr("Get the certificate of completion"))
        self.certificate_button.clicked.connect(lambda: self.context.navigator.show_certificate())

        top = QHBoxLayout()
        text = QVBoxLayout()
        text.addWidget(self.heading)
        text.addWidget(self.summary)
        text.addWidget(self.bar)
        top.addLayout(text, 1)
        top.addWidget(self.continue_button, alignment=Qt.AlignmentFlag.AlignVCenter)
        buttons = QHBoxLayout()
        buttons.addWidget(self.open_button)
        buttons.addStretch(1)
        buttons.addWidget(self.progress_button)
        buttons.addWidget(self.certificate_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(steps_label)
        layout.addWidget(self.steps, 1)
        layout.addWidget(self.hint)
        layout.addLayout(buttons)

    def refresh(self) -> None:
        """Rebuild from the store; called whenever the home screen is shown."""
        context = self.context
        course = context.catalog.course
        status = completion.course_status(context.store, context.catalog, context.learner_id)
        learner = context.learner
        self.heading.setText(f"<h1>{course.title}</h1>")
        done = sum(1 for m in status.modules if m.completed_at)
        self.bar.setRange(0, len(status.modules))
        self.bar.setValue(done)
        self.bar.setFormat(self.tr("%v of %m modules complete"))
        credit = status.credit
        self.summary.setText(
            self.tr("%s · time spent %s · CE hours earned %s of %s")
            % (learner.display_name if learner else "", format_duration(credit.active_seconds),
               f"{credit.hours:g}", f"{course.ce_hours:g}")
        )  # fmt: skip
        self.certificate_button.setEnabled(status.completed_at is not None)
        self._fill(status)
        self.continue_button.setFocus()

    def _fill(self, status: CourseStatus) -> None:
        catalog = self.context.catalog
        course = catalog.course
        self.steps.clear()
        if course.pretest:
            self._quiz_row(self.tr("Pre-test"), course.pretest, status.pretest, "",
                           description=self.tr("Start here: the pre-test shows what you know before the day. It does not count toward passing."))  # fmt: skip
        pretest_done = status.pretest is None or status.pretest.attempts_used > 0
        for number, module_status in enumerate(status.modules, 1):
            self._module_row(number, module_status, pretest_done)
        if course.posttest:
            locked = "" if status.posttest_unlocked else self.tr("Complete every module first.")
            mark = f"{course.completion.posttest_pass_mark:g}%"
            self._quiz_row(self.tr("Post-test"), course.posttest, status.posttest, locked,
                           description=self.tr("The post-test: pass it with %s or more to complete the course.") % mark)  # fmt: skip
        if course.evaluation is not None:
            locked = "" if status.evaluation_unlocked else self.tr("Pass the post-test first.")
            done = status.evaluation_submitted_at is not None
            self._row(self.tr("Course evaluation"), self.tr("Submitted") if done else (self.tr("Locked") if locked else self.tr("To do")),
                      "", "", Action("evaluation", locked_reason=locked,
                                     description=self.tr("Tell us what you thought of the training; it is needed for the certificate.")))  # fmt: skip
        locked = "" if status.completed_at else self.tr("Complete the course first.")
        self._row(self.tr("Certificate"), self.tr("Ready") if status.completed_at else self.tr("Locked"), "", "",
                  Action("certificate", locked_reason=locked,
                         description=self.tr("Preview your certificate and save it as PDF.")))  # fmt: skip
        self.steps.setCurrentItem(self.steps.topLevelItem(0))

    def _row(self, title: str, state: str, time: str, score: str, action: Action,
             parent: QTreeWidgetItem | None = None) -> QTreeWidgetItem:  # fmt: skip
        item = QTreeWidgetItem([title, state, time, score])
        item.setData(0, ACTION_ROLE, action)
        if parent is None:
            self.steps.addTopLevelItem(item)
        else:
            parent.addChild(item)
        return item

    def _quiz_row(self, title: str, quiz_id: str, quiz: QuizStatus | None, locked: str,
                  parent: QTreeWidgetItem | None = None, description: str = "") -> None:  # fmt: skip
        if quiz is None or quiz.attempts_used == 0:
            state = self.tr("Locked") if locked else self.tr("Not taken")
        elif quiz.in_progress:
            state = self.tr("In progress")
        elif quiz_id == self.context.catalog.course.pretest:
            state = self.tr("Taken")  # a baseline: there is nothing to pass
        elif quiz.passed:
            state = self.tr("Passed")
        elif quiz.attempts_left == 0:
            state = self.tr("Not passed; no attempts left")
        else:
            state = self.tr("Not passed yet")
        score = f"{quiz.best_percent:g}%" if quiz and quiz.best_percent is not None else ""
        if not description:
            spec = self.context.catalog.quizzes.get(quiz_id)
            description = spec.spec.title if spec else ""
        self._row(title, state, "", score, Action("quiz", quiz_id, locked, description), parent)

    def _module_row(self, number: int, status: ModuleStatus, pretest_done: bool) -> None:
        catalog = self.context.catalog
        module = catalog.course.module(status.module_id)
        assert module is not None
        if not status.available:
            problem = module.problems[0].display() if module.problems else ""
            self._row(f"{number}. {status.title}", self.tr("Unavailable"), "", "",
                      Action("none", locked_reason=self.tr("This module cannot be opened: %s") % problem))  # fmt: skip
            return
        locked = ""
        if not status.unlocked:
            locked = (
                self.tr("Take the pre-test first.")
                if not pretest_done
                else self.tr("Complete the module before it first.")
            )
        state = (
            {
                "completed": self.tr("Complete"),
                "incomplete": self.tr("In progress: %1 of %2 lessons read"),
                "not_attempted": self.tr("Not started"),
            }[status.completion]
            .replace("%1", str(status.lessons_read))
            .replace("%2", str(status.lessons_total))
        )
        if locked:
            state = self.tr("Locked")
        score = (
            f"{status.quiz.best_percent:g}%"
            if status.quiz and status.quiz.best_percent is not None
            else ""
        )
        states = progress.lesson_states(self.context.store, catalog, self.context.learner_id)
        first_unread = next((lesson.id for lesson in module.lessons if not (lesson.id in states and states[lesson.id].completed)),
                            module.lessons[0].id)  # fmt: skip
        item = self._row(f"{number}. {status.title}", state, self.tr("%s min") % module.total_minutes, score,
                         Action("lesson", first_unread, locked, module.summary))  # fmt: skip
        for lesson in module.lessons:
            read = lesson.id in states and states[lesson.id].completed
            self._row(lesson.title, self.tr("Read") if read else self.tr("Not read"), self.tr("%s min") % lesson.minutes,
                      "", Action("lesson", lesson.id, locked, lesson.title), item)  # fmt: skip
        if module.quiz:
            quiz_locked = locked or (
                ""
                if status.lessons_read == status.lessons_total
                else self.tr("Read every lesson of the module first.")
            )
            self._quiz_row(self.tr("Module quiz"), module.quiz, status.quiz, quiz_locked, item)
        objectives = QTreeWidgetItem([self.tr("Objectives"), "", "", ""])
        objectives.setData(0, ACTION_ROLE, Action("none"))
        for objective in module.objectives:
            child = QTreeWidgetItem([objective.text, "", "", ""])
            child.setData(0, ACTION_ROLE, Action("none"))
            child.setToolTip(0, objective.text)
            objectives.addChild(child)
        item.addChild(objectives)

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
        navigator = self.context.navigator
        if action.kind == "lesson":
            navigator.open_lesson(action.target)
        elif action.kind == "quiz":
            navigator.start_quiz(action.target)
        elif action.kind == "evaluation":
            navigator.show_evaluation()
        elif action.kind == "certificate":
            navigator.show_certificate()

    def continue_learning(self) -> None:
        """The exact lesson and place last read; else the first step not yet done."""
        context = self.context
        point = progress.continue_point(context.store, context.catalog, context.learner_id)
        status = completion.course_status(context.store, context.catalog, context.learner_id)
        course = context.catalog.course
        if course.pretest and status.pretest is not None and status.pretest.attempts_used == 0:
            context.navigator.start_quiz(course.pretest)
            return
        states = progress.lesson_states(context.store, context.catalog, context.learner_id)
        if point is not None and not states[point.lesson_id].completed:
            context.navigator.open_lesson(point.lesson_id)  # the reader restores the position
            return
        for module_status in status.modules:
            if (
                module_status.completed_at is None
                and module_status.unlocked
                and module_status.available
            ):
                module = course.module(module_status.module_id)
                if module_status.lessons_read < module_status.lessons_total or not module.quiz:
                    lesson = next(
                        item
                        for item in module.lessons
                        if not (item.id in states and states[item.id].completed)
                    )
                    context.navigator.open_lesson(lesson.id)
                else:
                    context.navigator.start_quiz(module.quiz)
                return
        if (
            course.posttest
            and status.posttest_unlocked
            and not (status.posttest and status.posttest.passed)
        ):
            context.navigator.start_quiz(course.posttest)
        elif (
            course.evaluation is not None
            and status.evaluation_submitted_at is None
            and status.evaluation_unlocked
        ):
            context.navigator.show_evaluation()
        else:
            context.navigator.show_certificate()
