"""Preview as a learner: a lesson (with its practice tabs) or a whole quiz, on the learner's
own screens, exactly as a counselor sees them, from the course files as saved.

Nothing is recorded where it counts: the preview has a throwaway profile in a throwaway
database of its own (a temporary folder, deleted when the window closes), and no module
is locked here. A list of the course's lessons and quizzes stands in for the course home.
"""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from trainer.ui.learner.activity import ActivityTracker
from trainer.ui.shell.context import AppContext
from trainer.ui.shell.tasks import TaskRunner
from trainer.ui.shell.text_and_tables import heading, sentence

if TYPE_CHECKING:
    from trainer.services.catalog import Catalog
    from trainer.services.database import Store
    from trainer.services.profile_info import LearnerInfo
    from trainer.ui.learner.case_page import CasePage
    from trainer.ui.learner.quiz_page import QuizPage
    from trainer.ui.learner.reader_page import ReaderPage

TARGET_ROLE = Qt.ItemDataRole.UserRole
PREVIEW_NAME = "Preview learner"


@dataclass(frozen=True)
class Target:
    """What to show first: a lesson (`kind` "lesson"), a quiz ("quiz") or a client case
    ("case"), by id."""

    kind: str
    id: str


@dataclass(frozen=True)
class Opened:
    catalog: Catalog
    store: Store
    learner: LearnerInfo
    first: Target | None  # what the file being edited is, if a lesson or a quiz


def open_preview(course_dir: Path, quiz_dir: Path, file: Path | None, folder: Path) -> Opened:
    """The course as saved, and a new database in `folder` with one learner (worker thread)."""
    from trainer.services import accounts
    from trainer.services.catalog import open_catalog
    from trainer.services.database import open_database

    catalog = open_catalog(course_dir, quiz_dir)
    store = open_database(str(folder / "preview.sqlite3"))
    learner = accounts.create_learner(store, PREVIEW_NAME)
    return Opened(catalog, store, learner, target_of(catalog, file) if file else None)


def target_of(catalog: Catalog, file: Path) -> Target | None:
    """The lesson or quiz a file holds; a module introduction means its first lesson."""
    file = file.resolve()
    for module in catalog.course.modules:
        for lesson in module.lessons:
            if lesson.path.resolve() == file:
                return Target("lesson", lesson.id)
        if file.name == "module.md" and file.parent == module.path.resolve() and module.lessons:
            return Target("lesson", module.lessons[0].id)
    for quiz in catalog.quizzes.values():
        if quiz.path.resolve() == file:
            return Target("quiz", quiz.id)
    for case in catalog.cases.values():
        if case.path.resolve() == file:
            return Target("case", case.id)
    return None


class LearnerPreview(QMainWindow):
    """The learner's reader and quiz screens on a throwaway profile (see the module)."""

    ready = Signal()  # the course is loaded and the first lesson or quiz shown

    def __init__(
        self, course_dir: Path, quiz_dir: Path, file: Path | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowFlag(Qt.WindowType.Window)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowTitle(self.tr("Preview as a learner — nothing is recorded"))
        self.folder = Path(tempfile.mkdtemp(prefix="trainer-preview-"))
        self.tasks = TaskRunner(self)
        self.activity = ActivityTracker(parent=self)
        self.context: AppContext | None = None
        self.reader: ReaderPage | None = None
        self.quiz: QuizPage | None = None
        self.case: CasePage | None = None
        self.stack = QStackedWidget()
        self.loading = QLabel(self.tr("Loading the course as saved…"))
        self.loading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.loading.setWordWrap(True)
        self.stack.addWidget(self.loading)
        self.index = self._build_index()
        self.stack.addWidget(self.index)
        self.setCentralWidget(self.stack)
        self.statusBar().showMessage(
            self.tr("Preview: answers and reading are kept only until this window closes.")
        )
        close_button = QPushButton(self.tr("&Close preview"))
        close_button.setToolTip(self.tr("Ctrl+W"))
        close_button.clicked.connect(self.close)
        self.statusBar().addPermanentWidget(close_button)
        close_action = QAction(self)
        close_action.setShortcut(QKeySequence("Ctrl+W"))
        close_action.triggered.connect(self.close)
        self.addAction(close_action)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self.activity)
        self.resize(1000, 720)
        self.tasks.run(
            lambda: open_preview(course_dir, quiz_dir, file, self.folder),
            self._opened,
            self._failed,
            self.tr("Loading the course"),
        )

    def _build_index(self) -> QWidget:
        page = QWidget()
        self.contents = QListWidget()
        self.contents.setAccessibleName(self.tr("Lessons, quizzes and cases to preview"))
        self.contents.itemActivated.connect(self._open_item)
        label = QLabel(self.tr("&Lessons, quizzes and cases (press Enter to open one):"))
        label.setBuddy(self.contents)
        layout = QVBoxLayout(page)
        layout.addWidget(heading(self.tr("Preview the course as a learner")))
        layout.addWidget(label)
        layout.addWidget(self.contents, 1)
        return page

    # -- loading -----------------------------------------------------------------------------

    def _opened(self, opened: Opened) -> None:
        self.context = AppContext(opened.catalog, opened.store, self.tasks, self, opened.learner)
        self._list_contents(opened.catalog)
        if opened.first is None:
            self.show_home()
        elif opened.first.kind == "quiz":
            self.start_quiz(opened.first.id)
        elif opened.first.kind == "case":
            self.start_case(opened.first.id)
        else:
            self.open_lesson(opened.first.id)
        self.ready.emit()

    def _failed(self, error: Exception) -> None:
        self.loading.setText(
            self.tr("The course cannot be previewed: %1").replace("%1", sentence(error))
        )
        self.ready.emit()

    def _list_contents(self, catalog: Catalog) -> None:
        course = catalog.course
        entries: list[tuple[str, Target]] = []
        if course.pretest:
            entries.append((self.tr("Pre-test"), Target("quiz", course.pretest)))
        for module in course.modules:
            for lesson in module.lessons:
                entries.append((f"{module.title} — {lesson.title}", Target("lesson", lesson.id)))
            if module.quiz:
                entries.append((f"{module.title} — {self.tr('Quiz')}", Target("quiz", module.quiz)))
            for case in catalog.cases.values():
                if case.spec.module == module.id:
                    case_title = self.tr("Client case: %1").replace("%1", case.spec.title)
                    entries.append((f"{module.title} — {case_title}", Target("case", case.id)))
        if course.posttest:
            entries.append((self.tr("Post-test"), Target("quiz", course.posttest)))
        for text, target in entries:
            item = QListWidgetItem(text)
            item.setData(TARGET_ROLE, target)
            self.contents.addItem(item)

    def _open_item(self, item: QListWidgetItem) -> None:
        target: Target = item.data(TARGET_ROLE)
        if target.kind == "quiz":
            self.start_quiz(target.id)
        elif target.kind == "case":
            self.start_case(target.id)
        else:
            self.open_lesson(target.id)

    # -- the Navigator the learner's screens call ----------------------------------------------

    def show_home(self) -> None:
        self._leave_reader()
        self.stack.setCurrentWidget(self.index)
        self.contents.setFocus()

    def open_lesson(self, lesson_id: str, anchor: str = "") -> None:
        assert self.context is not None
        if self.context.catalog.lesson(lesson_id) is None:
            self._say(self.tr("The course as saved has no lesson “%1”.").replace("%1", lesson_id))
            self.show_home()
            return
        if self.reader is None:
            from trainer.ui.learner.reader_page import ReaderPage

            self.reader = ReaderPage(self.context, self.activity, self)
            self.stack.addWidget(self.reader)
        self.reader.open_lesson(lesson_id, anchor)
        self.stack.setCurrentWidget(self.reader)

    def start_quiz(self, quiz_id: str) -> None:
        assert self.context is not None
        if quiz_id not in self.context.catalog.quizzes:
            self._say(self.tr("The course as saved has no quiz “%1”.").replace("%1", quiz_id))
            self.show_home()
            return
        self._leave_reader()
        if self.quiz is None:
            from trainer.ui.learner.quiz_page import QuizPage

            self.quiz = QuizPage(self.context, self)
            self.stack.addWidget(self.quiz)
        quiz = self.quiz
        quiz.start(quiz_id, ready=lambda: self.stack.setCurrentWidget(quiz))

    def start_case(self, case_id: str) -> None:
        assert self.context is not None
        if case_id not in self.context.catalog.cases:
            self._say(self.tr("The course as saved has no case “%1”.").replace("%1", case_id))
            self.show_home()
            return
        self._leave_reader()
        if self.case is None:
            from trainer.ui.learner.case_page import CasePage

            self.case = CasePage(self.context, self)
            self.stack.addWidget(self.case)
        case = self.case
        case.open_case(case_id, ready=lambda: self.stack.setCurrentWidget(case))

    def show_reviews(self) -> None:
        self._say(self.tr("Booster reviews are not part of the preview."))

    def show_progress(self) -> None:
        self._say(self.tr("My progress is not part of the preview."))

    def show_certificate(self) -> None:
        self._say(self.tr("The certificate is not part of the preview."))

    def show_evaluation(self) -> None:
        self._say(self.tr("The evaluation is not part of the preview."))

    def saved(self, what: str) -> None:
        self._say(self.tr("Preview: %1 (kept only until this window closes)").replace("%1", what))

    # -- closing -----------------------------------------------------------------------------

    def _leave_reader(self) -> None:
        if self.reader is not None and self.stack.currentWidget() is self.reader:
            self.reader.leave()

    def _say(self, text: str) -> None:
        self.statusBar().showMessage(text, 8000)

    def closeEvent(self, event: QCloseEvent) -> None:
        self._leave_reader()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self.activity)
        store = self.context.store if self.context is not None else None
        folder = self.folder

        def forget() -> None:  # after every write the screens started
            if store is not None:
                store.close()
            shutil.rmtree(folder, ignore_errors=True)

        self.tasks.run(forget, lambda _none: None, lambda _error: None)
        self.tasks.stop()
        super().closeEvent(event)
