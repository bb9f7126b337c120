"""The main window: menus, status bar and the screens, with navigation between them.

It paints first, then loads the course and opens the database on the worker thread.
Every read and write a screen starts runs on that thread too (ui/shell/tasks.py): the
window shows a screen once what it needs is read, and a screen showing data reloads only
when a write changed it.
"""

from __future__ import annotations

import contextlib
import linecache
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QByteArray, QEvent, QSettings, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QMainWindow,
    QProgressBar,
    QStackedWidget,
    QWidget,
)

from trainer.services.errors import StoreError
from trainer.ui.learner.activity import ActivityTracker
from trainer.ui.shell import backup_actions, text_size, theme
from trainer.ui.shell.app_menus import build_menus
from trainer.ui.shell.context import AppContext
from trainer.ui.shell.questions import ask
from trainer.ui.shell.tasks import TaskRunner

if TYPE_CHECKING:
    from trainer.services.attempts import AttemptView
    from trainer.services.catalog import Catalog
    from trainer.services.database import Store
    from trainer.services.profile_info import LearnerInfo
    from trainer.services.reviews import ReviewPlan
    from trainer.ui.authoring.trainer_page import TrainerPage

APP_NAME = "Pain & OUD Counselor Training"
BACKUP_CHECK_MS = 5 * 60 * 1000
ZOOM_SETTLE_MS = 150  # Ctrl++ pressed several times in a row restyles the app once


class AppWindow(QMainWindow):
    """Implements the Navigator the screens use to move between each other."""

    # made by build_menus
    switch_action: QAction
    export_action: QAction
    import_action: QAction
    install_key_action: QAction
    backup_action: QAction
    restore_action: QAction
    learner_actions: list[QAction]
    theme_actions: dict[theme.Choice, QAction]
    supervisor_action: QAction
    trainer_action: QAction

    def __init__(self, course_dir: Path, quiz_dir: Path, db_url: str | None = None) -> None:
        super().__init__()
        self.course_dir, self.quiz_dir, self.db_url = course_dir, quiz_dir, db_url
        self.catalog: Catalog | None = None
        self.store: Store | None = None
        self.store_error: str | None = None
        self.context: AppContext | None = None
        self.pages: dict[str, Any] = {}
        self._lesson_request: tuple[str, str] | None = None
        self.tasks = TaskRunner(self)
        self.activity = ActivityTracker(parent=self)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self.activity)
        self._load_after_paint = False
        self.pending_status = ""  # shown once the database is open again (after a restore)
        self._saved_at = ""  # when the last save the status bar names happened
        self.setWindowTitle(self.tr(APP_NAME))
        self.stack = QStackedWidget()
        self.loading = QLabel(self.tr("Loading the course…"))
        self.loading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.loading.setWordWrap(True)
        self.stack.addWidget(self.loading)
        self.setCentralWidget(self.stack)
        self.save_state = QLabel()
        self.save_state.setAccessibleName(self.tr("Save state"))
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)
        self.busy.setMaximumWidth(120)
        self.busy.setAccessibleName(self.tr("Working"))
        self.busy.hide()
        self.statusBar().addPermanentWidget(self.busy)
        self.statusBar().addPermanentWidget(self.save_state)
        self.tasks.busy_changed.connect(lambda running: self.busy.setVisible(running > 0))
        self.zoom_timer = QTimer(self)
        self.zoom_timer.setSingleShot(True)
        self.zoom_timer.setInterval(ZOOM_SETTLE_MS)
        self.zoom_timer.timeout.connect(lambda: text_size.apply_text_size(text_size.saved_steps()))
        self.backup_timer = QTimer(self)
        self.backup_timer.setInterval(BACKUP_CHECK_MS)
        self.backup_timer.timeout.connect(lambda: self._back_up(force=False))
        theme.apply_theme()
        build_menus(self)
        text_size.apply_text_size(text_size.saved_steps())
        self._restore_geometry()

    # -- loading ----------------------------------------------------------------------------

    def show_first_look(self) -> bool:
        """The start screen at once, from the course as kept at the last start and the
        profiles read straight from the database file (services/first_look.py), while the
        rest loads; False when those cannot be read so, and the start screen waits."""
        from trainer.services.first_look import first_look
        from trainer.ui.shell.start_page import StartPage

        look = first_look(self.course_dir, self.quiz_dir, self.db_url)
        if look is None:
            return False
        start = StartPage(self.tasks, look.course_title, self)
        start.profile_opened.connect(self.profile_opened)
        start.show_first_look(look.profiles, look.installation_id)
        self._add_page("start", start)
        self.setWindowTitle(f"{look.course_title} — {self.tr(APP_NAME)}")
        self.stack.setCurrentWidget(start)
        return True

    def load_soon(self) -> None:
        """Load once the window has painted, so the app appears at once."""
        self._load_after_paint = True
        self.update()

    def event(self, event: QEvent) -> bool:
        handled = super().event(event)
        if event.type() == QEvent.Type.Paint and self._load_after_paint:
            self._load_after_paint = False
            QTimer.singleShot(0, self.load)
        return handled

    def load(self) -> None:
        """Load the course (as kept since the last start when unchanged), then open the
        database, in one job on the worker thread, which imports their modules too: never
        two threads importing at once, which now and then hands a half-imported module to
        one of them (PySide6's import hook reads every new module, and pydantic's module
        attributes import on demand). The start page shows when both are done."""
        course_dir, quiz_dir, db_url = self.course_dir, self.quiz_dir, self.db_url

        def work() -> tuple[Catalog, Store | StoreError]:
            from trainer.services.catalog import open_catalog

            catalog = open_catalog(course_dir, quiz_dir, kept=True)
            from trainer.services import accounts  # noqa: F401  (for the start page)
            from trainer.services.database import open_database

            try:
                return catalog, open_database(db_url)
            except StoreError as error:  # the course shows once the database is put right
                return catalog, error

        def loaded(result: tuple[Catalog, Store | StoreError]) -> None:
            catalog, store = result
            self._catalog_loaded(catalog)
            if isinstance(store, StoreError):
                self._database_failed(store)
            else:
                self._database_opened(store)

        self.tasks.run(work, loaded, self._catalog_failed, self.tr("Loading the course"))

    def _catalog_loaded(self, catalog: Catalog) -> None:
        linecache.clearcache()  # see _add_page
        self.catalog = catalog
        self.setWindowTitle(self._start_title())

    def _catalog_failed(self, error: Exception) -> None:
        from trainer.content.problems import ContentError

        if not isinstance(error, ContentError):
            raise error
        self.loading.setText(self.tr("The course cannot be opened:\n\n%s") % error)
        self._drop_pages(set())  # a first look's start page
        self.stack.setCurrentWidget(self.loading)

    def open_database(self) -> None:
        """Open the database again (after a restore, or to try again)."""
        from trainer.services.database import open_database

        self.loading.setText(self.tr("Opening your saved progress…"))
        self.tasks.run(
            lambda: open_database(self.db_url),
            self._database_opened,
            self._database_failed,
            self.tr("Opening your saved progress"),
        )

    def _database_opened(self, store: Store) -> None:
        self.store = store
        self.store_error = None
        if self.catalog is not None:
            self._show_start_page()

    def _show_start_page(self) -> None:
        """The course is loaded and the database open: the start page, made anew."""
        from trainer.ui.shell.start_page import StartPage

        assert self.catalog is not None and self.store is not None
        store = self.store
        self.context = AppContext(self.catalog, store, self.tasks, self)
        has_file = store.path is not None
        self.backup_action.setEnabled(has_file)
        self.install_key_action.setEnabled(True)
        self._allow_restore()
        if has_file:
            self.backup_timer.start()
        first_look = self.pages.get("start")
        if isinstance(first_look, StartPage) and first_look.store is None:
            start = first_look  # keeps what was chosen or typed while the rest loaded
        else:
            self._drop_pages(set())
            start = StartPage(self.tasks, self.catalog.course.title, self)
            start.profile_opened.connect(self.profile_opened)
            self._add_page("start", start)
        start.attach(store)
        self.save_state.setToolTip(self.tr("Your progress is saved in %s") % store.display_name)
        self.show_start()
        unavailable = [m for m in self.catalog.course.modules if not m.available]
        if self.pending_status:
            self.statusBar().showMessage(self.pending_status, 15_000)
            self.pending_status = ""
        elif unavailable:
            self.statusBar().showMessage(
                self.tr("%n module(s) unavailable: see the course home", "", len(unavailable))
            )

    # -- screens ----------------------------------------------------------------------------

    def _add_page(self, name: str, page: QWidget) -> QWidget:
        self.pages[name] = page
        self.stack.addWidget(page)
        # PySide6 reads the whole source of every module imported after it (looking for
        # "PySide6" in it) and leaves it in linecache: about 25 MiB once the database and
        # the screens are loaded. Tracebacks read a file again when they need it.
        linecache.clearcache()
        return page

    def _page(self, name: str) -> Any:
        """The screen called `name`, made the first time it is needed."""
        if name in self.pages:
            return self.pages[name]
        assert self.context is not None
        page_class: Callable[[AppContext, AppWindow], QWidget]
        if name == "home":
            from trainer.ui.learner.home_page import HomePage as page_class
        elif name == "reader":
            from trainer.ui.learner.reader_page import ReaderPage

            return self._add_page(name, ReaderPage(self.context, self.activity, self))
        elif name == "quiz":
            from trainer.ui.learner.quiz_page import QuizPage as page_class
        elif name == "progress":
            from trainer.ui.learner.progress_page import ProgressPage as page_class
        elif name == "reviews":
            from trainer.ui.learner.review_page import ReviewPage as page_class
        elif name == "case":
            from trainer.ui.learner.case_page import CasePage as page_class
        elif name == "evaluation":
            from trainer.ui.learner.evaluation_page import EvaluationPage as page_class
        elif name == "supervisor":
            from trainer.ui.supervisor.supervisor_page import SupervisorPage as page_class
        elif name == "trainer":
            from trainer.ui.authoring.trainer_page import TrainerPage as page_class
        else:
            from trainer.ui.learner.certificate_page import CertificatePage as page_class
        return self._add_page(name, page_class(self.context, self))

    def _leaving_trainer_is_fine(self, name: str) -> bool:
        """Unsaved edits in the authoring screen are saved, dropped or kept, as the trainer says."""
        trainer: TrainerPage | None = self.pages.get("trainer")
        if trainer is None or name == "trainer" or self.stack.currentWidget() is not trainer:
            return True
        return bool(trainer.confirm_leave())

    def _show(self, name: str) -> Any:
        if not self._leaving_trainer_is_fine(name):
            return self.pages["trainer"]
        if "reader" in self.pages and name != "reader":
            self.pages["reader"].leave()
        page = self._page(name)
        if page is not self.stack.currentWidget():
            self._forget_last_screens_news()
        freshness = getattr(page, "freshness", None)
        if freshness is not None:
            freshness.show()  # reloads only when its data changed since it was read
        elif hasattr(page, "refresh"):
            page.refresh()  # the start page lists profiles other programs may have added
        self.stack.setCurrentWidget(page)
        self._fit_screen()
        return page

    def _drop_pages(self, keep: set[str]) -> None:
        """Delete every screen but `keep`: each is made anew the next time it is needed."""
        for name in [n for n in self.pages if n not in keep]:
            page = self.pages.pop(name)
            self.stack.removeWidget(page)
            page.deleteLater()

    def show_start(self) -> None:
        if not self._leaving_trainer_is_fine("start"):
            return
        if "reader" in self.pages:
            self.pages["reader"].leave()
        for action in (self.switch_action, *self.learner_actions, *self._role_actions()):
            action.setEnabled(False)
        if self.context is not None:
            self.context.learner = None
        self._allow_restore()
        self.setWindowTitle(self._start_title())
        self.save_state.clear()  # nobody's progress is being saved until a profile is open
        self._saved_at = ""
        self._show("start")

    def _start_title(self) -> str:
        if self.catalog is None:
            return self.tr(APP_NAME)
        return f"{self.catalog.course.title} — {self.tr(APP_NAME)}"

    def _forget_last_screens_news(self) -> None:
        """Another screen is shown: what the status bar said about the last one goes
        ("Quiz submitted" while reading), leaving when progress was last saved."""
        self.statusBar().clearMessage()
        if self._saved_at:
            self.save_state.setText(self.tr("Saved %s") % self._saved_at)

    def profile_opened(self, learner: LearnerInfo) -> None:
        from trainer.services import attempts

        assert self.context is not None and self.catalog is not None
        self._drop_pages({"start", "trainer"})  # another learner: no screen shows the last one's
        self.context.learner = learner
        for action in (self.switch_action, *self.learner_actions):
            action.setEnabled(True)
        self.export_action.setEnabled(True)
        self.import_action.setEnabled(learner.role == "supervisor")
        self.supervisor_action.setEnabled(learner.role == "supervisor")
        self.trainer_action.setEnabled(learner.role == "trainer")
        self._allow_restore()
        self.setWindowTitle(f"{learner.display_name} — {self.catalog.course.title}")
        self.save_state.setText(self.tr("Progress is saved as you go"))
        store, catalog = self.context.store, self.catalog
        self.tasks.read(
            lambda: attempts.unfinished_attempts(store, catalog, learner.id),
            lambda unfinished: self._first_screen(learner, unfinished),
            what=self.tr("Opening your profile"),
        )

    def _first_screen(self, learner: LearnerInfo, unfinished: list[AttemptView]) -> None:
        """A learner's unfinished quiz is offered first; then each role's own screen."""
        assert self.catalog is not None
        if self.context is None or not self.context.is_current(learner.id):
            return
        if unfinished:
            attempt = unfinished[0]
            title = self.catalog.quiz(attempt.quiz_id).spec.title
            resume = ask(
                self,
                self.tr("Resume your quiz?"),
                self.tr("“%s” was not finished. All %n answer(s) you gave are saved. Resume it now?", "", len(attempt.answers)) % title,
                self.tr("Resume quiz"),
                self.tr("Not now"),
                act_is_default=True,
            )  # fmt: skip
            if resume:
                self.start_quiz(attempt.quiz_id)
                return
        if learner.role == "supervisor":
            self.show_supervisor()
        elif learner.role == "trainer":
            self.show_trainer()
        else:
            self.show_home()
        self._tell_reviews_due(learner)

    def _tell_reviews_due(self, learner: LearnerInfo) -> None:
        """Booster items due now are said in the status bar, never in a dialog."""
        from trainer.services.reviews import review_plan, review_settings
        from trainer.ui.learner import review_page

        assert self.context is not None
        context = self.context
        if review_settings(context.catalog) is None:
            return
        store, catalog = context.store, context.catalog
        size, moment = review_page.session_size(catalog, learner.id), review_page.now()

        def tell(plan: ReviewPlan) -> None:
            notice = review_page.ReviewWords().due_notice(plan)
            if notice and context.is_current(learner.id):
                self.statusBar().showMessage(notice)

        self.tasks.read(
            lambda: review_plan(store, catalog, learner.id, moment, size),
            tell,
            what=self.tr("Finding your booster reviews"),
            on_failure=lambda _error: None,  # only a notice: the review screen says why
        )

    def _role_actions(self) -> list[QAction]:
        return [self.export_action, self.import_action, self.supervisor_action, self.trainer_action]

    def show_supervisor(self) -> None:
        self._show("supervisor")

    def show_trainer(self) -> None:
        self._show("trainer")

    def reload_course(self, course_dir: Path | None = None, quiz_dir: Path | None = None) -> None:
        """Load the course files again (after a trainer's edits) without restarting."""
        from trainer.services.catalog import open_catalog

        self.course_dir = course_dir or self.course_dir
        self.quiz_dir = quiz_dir or self.quiz_dir

        def loaded(catalog: Catalog) -> None:
            self.catalog = catalog
            if self.context is not None:
                self.context.catalog = catalog
            self._drop_pages({"start", "trainer"})
            self.statusBar().showMessage(
                self.tr("Course reloaded: %n problem(s)", "", len(catalog.problems)), 10_000
            )

        self.tasks.run(
            lambda: open_catalog(self.course_dir, self.quiz_dir), loaded, self._catalog_failed
        )

    def _export_progress(self) -> None:
        from trainer.ui.shell.bundle_actions import export_progress_dialog

        if self.context is not None:
            export_progress_dialog(self, self.context)

    def _import_progress(self) -> None:
        from trainer.ui.shell.bundle_actions import import_progress_dialog

        if self.context is not None:
            import_progress_dialog(self, self.context)  # the grid reloads on its `changed`

    # Navigator ----------------------------------------------------------------------------

    def show_home(self) -> None:
        if self.context and self.context.learner:
            self._show("home")

    def open_lesson(self, lesson_id: str, anchor: str = "") -> None:
        """Check in the background that the lesson's module is open, then show it; of
        several requests made meanwhile, the last one wins."""
        from trainer.services.learner_progress import LearnerProgress, learner_progress

        assert self.context is not None
        context = self.context
        lesson = context.catalog.lesson(lesson_id)
        if lesson is None:
            return
        self._lesson_request = request = (lesson_id, anchor)
        store, catalog, learner_id = context.store, context.catalog, context.learner_id

        def checked(record: LearnerProgress) -> None:
            if self._lesson_request is not request or not context.is_current(learner_id):
                return
            self._lesson_request = None
            module = record.step("module", lesson.module_id)
            if module is not None and module.locked_reason:
                self.statusBar().showMessage(
                    self.tr("“%s” is not open yet: %s") % (module.title, module.locked_reason),
                    8000,
                )
                return
            reader = self._show("reader")
            reader.open_lesson(lesson_id, anchor)

        def refused(error: Exception) -> None:
            self._lesson_request = None
            self.statusBar().showMessage(str(error), 8000)

        self.tasks.read(
            lambda: learner_progress(store, catalog, learner_id),
            checked,
            what=self.tr("Opening the lesson"),
            on_failure=refused,
        )

    def start_quiz(self, quiz_id: str) -> None:
        """Start or resume an attempt (in the background), then show the quiz page."""
        page = self._page("quiz")
        page.start(quiz_id, ready=lambda: self._show("quiz"))

    def start_case(self, case_id: str) -> None:
        """Resume the learner's unfinished run of the client case, or start one, then show it."""
        page = self._page("case")
        page.open_case(case_id, ready=lambda: self._show("case"))

    def show_progress(self) -> None:
        self._show("progress")

    def show_certificate(self) -> None:
        self._show("certificate")

    def show_evaluation(self) -> None:
        self._show("evaluation")

    def show_reviews(self) -> None:
        """A booster session: the review screen reads the items due now as it is shown."""
        self._show("reviews")

    def saved(self, what: str) -> None:
        stamp = self._saved_at = datetime.now().strftime("%H:%M:%S")
        self.save_state.setText(
            self.tr("%s · %s") % (what, stamp) if what else self.tr("Saved %s") % stamp
        )

    # -- view -------------------------------------------------------------------------------

    def zoom(self, step: int) -> None:
        """Make all text one step bigger (1), smaller (-1) or the system size (0)."""
        steps = 0 if step == 0 else text_size.clamp(text_size.saved_steps() + step)
        QSettings().setValue(text_size.SETTING, steps)
        # restyling every widget takes a moment: keys pressed in a row restyle once
        self.zoom_timer.start()
        self.statusBar().showMessage(
            self.tr("Text size %s%%") % round(100 * (1 + text_size.STEP * steps)), 3000
        )

    def _find(self) -> None:
        if self.stack.currentWidget() is self.pages.get("reader"):
            self.pages["reader"].show_find()

    def _reader_step(self, direction: int) -> None:
        if self.stack.currentWidget() is self.pages.get("reader"):
            self.pages["reader"].step(direction)

    # -- backups: trainer/ui/shell/backup_actions.py ----------------------------------------------

    def _back_up(self, *, force: bool) -> None:
        backup_actions.back_up(self, force=force)

    def choose_backup(self) -> None:
        backup_actions.choose_backup(self)

    def _allow_restore(self) -> None:
        """Restore a backup: only with a trainer's or supervisor's profile open; otherwise
        disabled, saying who can."""
        has_file = self.store is not None and self.store.path is not None
        allowed = has_file and backup_actions.may_restore(self)
        self.restore_action.setEnabled(allowed)
        self.restore_action.setToolTip(
            self.tr("Take every profile on this computer back to a backup")
            if allowed
            else self.tr(
                "Only a trainer or supervisor can restore a backup: open their profile"
                " (with its password) first"
            )
            if has_file
            else self.tr("Backups are kept only for progress saved in a file on this computer")
        )

    def _database_failed(self, error: Exception) -> None:
        backup_actions.offer_restore(self, error)

    # -- closing ----------------------------------------------------------------------------

    def _restore_geometry(self) -> None:
        geometry = QSettings().value("window/geometry")
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        else:
            self.resize(1100, 760)
        self._fit_screen()

    def _fit_screen(self) -> None:
        """Keep the window, title bar and frame included, within the screen's free area: a
        size saved on a bigger screen, 1100x760 on a 1366x768 laptop, or a screen that
        asked for more room than there is (the window shrinks again when it is left)."""
        screen = self.screen()
        if screen is None or self.isMaximized() or self.isFullScreen():
            return
        area = screen.availableGeometry()
        shown = self.isVisible()
        frame_w = self.frameGeometry().width() - self.width() if shown else 16
        frame_h = self.frameGeometry().height() - self.height() if shown else 64
        width = min(self.width(), area.width() - frame_w)
        height = min(self.height(), area.height() - frame_h)
        if (width, height) != (self.width(), self.height()):
            self.resize(max(width, 1), max(height, 1))
        if shown:  # and its title bar where it can be reached
            frame = self.frameGeometry()
            x = max(area.left(), min(frame.x(), area.right() + 1 - frame.width()))
            y = max(area.top(), min(frame.y(), area.bottom() + 1 - frame.height()))
            if (x, y) != (frame.x(), frame.y()):
                self.move(x, y)

    def closeEvent(self, event: QCloseEvent) -> None:
        trainer = self.pages.get("trainer")
        if trainer is not None and trainer.is_modified() and not trainer.confirm_leave():
            event.ignore()
            return
        if "reader" in self.pages and self.context and self.context.learner:
            with contextlib.suppress(Exception):  # closing must never fail
                self.pages["reader"].leave()
        QSettings().setValue("window/geometry", self.saveGeometry())
        self.tasks.stop()
        if self.store is not None:
            from trainer.services.database import back_up_if_due

            path = self.store.path
            if path is not None:
                with contextlib.suppress(Exception):  # closing must never fail
                    back_up_if_due(path)
            self.store.close()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self.activity)
        super().closeEvent(event)
