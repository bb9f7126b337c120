"""The course reader: modules and lessons on the side, the lesson in a QTextBrowser."""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QSettings, Qt, QTimer, QUrl
from PySide6.QtGui import QAction, QCloseEvent, QDesktopServices, QKeySequence
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QTextBrowser,
    QToolTip,
    QTreeWidget,
    QTreeWidgetItem,
)

from trainer.ui.backup_dialog import BackupDialog, describe
from trainer.ui.tasks import TaskRunner

if TYPE_CHECKING:
    from trainer.services.catalog import Catalog
    from trainer.store.backups import Backup
    from trainer.store.db import Store

BACKUP_CHECK_MS = 5 * 60 * 1000

LESSON_ROLE = Qt.ItemDataRole.UserRole


class ReaderWindow(QMainWindow):
    """Reads the course: pick a lesson on the left, read it on the right."""

    def __init__(self, course_dir: Path, quiz_dir: Path, db_url: str | None = None) -> None:
        super().__init__()
        self.course_dir = course_dir
        self.quiz_dir = quiz_dir
        self.db_url = db_url
        self.reader: Catalog | None = None
        self.store: Store | None = None
        self.store_error: str | None = None
        self.tasks = TaskRunner(self)
        self.backup_timer = QTimer(self)
        self.backup_timer.setInterval(BACKUP_CHECK_MS)
        self.backup_timer.timeout.connect(self.back_up_if_due)
        self.current_lesson: str | None = None
        self._load_after_paint = False
        self.setWindowTitle(self.tr("Pain & OUD Counselor Training"))
        self.resize(1100, 750)

        self.contents = QTreeWidget()
        self.contents.setHeaderHidden(True)
        self.contents.setAccessibleName(self.tr("Course contents"))
        self.contents.itemActivated.connect(self._item_chosen)
        self.contents.itemClicked.connect(self._item_chosen)

        self.browser = QTextBrowser()
        self.browser.setOpenLinks(False)
        self.browser.setAccessibleName(self.tr("Lesson text"))
        self.browser.anchorClicked.connect(self._link_clicked)
        self.browser.setHtml(self.tr("<p>Loading the course…</p>"))

        splitter = QSplitter()
        splitter.addWidget(self.contents)
        splitter.addWidget(self.browser)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([300, 800])
        self.setCentralWidget(splitter)
        self.status = QLabel()
        self.statusBar().addPermanentWidget(self.status)
        self._build_menus()

    def _build_menus(self) -> None:
        file = self.menuBar().addMenu(self.tr("&File"))
        self.backup_action = QAction(self.tr("&Back up now"), self)
        self.backup_action.triggered.connect(self.back_up_now)
        self.restore_action = QAction(self.tr("&Restore a backup…"), self)
        self.restore_action.triggered.connect(self.choose_backup)
        for action in (self.backup_action, self.restore_action):
            action.setEnabled(False)
            file.addAction(action)
        file.addSeparator()
        quit_action = QAction(self.tr("&Quit"), self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        file.addAction(quit_action)
        view = self.menuBar().addMenu(self.tr("&View"))
        for text, keys, slot in (
            (self.tr("&Previous lesson"), QKeySequence(Qt.Modifier.ALT | Qt.Key.Key_Left), -1),
            (self.tr("&Next lesson"), QKeySequence(Qt.Modifier.ALT | Qt.Key.Key_Right), 1),
        ):
            action = QAction(text, self)
            action.setShortcut(keys)
            action.triggered.connect(lambda _=False, step=slot: self.step_lesson(step))
            view.addAction(action)
        for text, keys, step in (
            (self.tr("Zoom &in"), QKeySequence.StandardKey.ZoomIn, 1),
            (self.tr("Zoom &out"), QKeySequence.StandardKey.ZoomOut, -1),
        ):
            action = QAction(text, self)
            action.setShortcut(keys)
            action.triggered.connect(lambda _=False, s=step: self._zoom(s))
            view.addAction(action)

    def load_course_soon(self) -> None:
        """Load once the window has painted, so the app appears at once."""
        self._load_after_paint = True
        self.update()

    def event(self, event: QEvent) -> bool:
        handled = super().event(event)
        if event.type() == QEvent.Type.Paint and self._load_after_paint:
            self._load_after_paint = False
            QTimer.singleShot(0, self.load_course)
        return handled

    def load_course(self) -> None:
        # imported here: the content stack costs more start-up time than the window itself
        from trainer.services.catalog import ContentError, open_catalog

        try:
            self.reader = open_catalog(self.course_dir, self.quiz_dir)
        except ContentError as error:
            self.browser.setPlainText(self.tr("The course cannot be opened:\n\n") + str(error))
            return
        self._fill_contents()
        course = self.reader.course
        self.setWindowTitle(f"{course.title} — {self.tr('Pain & OUD Counselor Training')}")
        unavailable = [m for m in course.modules if not m.available]
        self.status.setText(
            self.tr("%n module(s) unavailable", "", len(unavailable))
            if unavailable
            else self.tr("Course version %s") % course.version
        )
        zoom = int(QSettings().value("reader/zoom", 0))
        self.browser.zoomIn(zoom)
        first = next((lesson.id for lesson in course.lessons), None)
        if first:
            self.show_lesson(first)
        self.contents.setFocus()
        self.open_database()

    def open_database(self) -> None:
        """Open (and if needed migrate) the database on the worker thread."""
        from trainer.store.db import open_store

        self.statusBar().showMessage(self.tr("Opening your saved progress…"))
        self.tasks.run(
            lambda: open_store(self.db_url), self._database_opened, self._database_failed
        )

    def _database_opened(self, store: Store) -> None:
        self.store = store
        self.store_error = None
        self.statusBar().showMessage(self.tr("Progress is saved in %s") % store.display_name)
        has_file = store.path is not None
        self.backup_action.setEnabled(has_file)
        self.restore_action.setEnabled(has_file)
        if has_file:
            self.backup_timer.start()

    def _database_failed(self, error: Exception) -> None:
        from trainer.store import backups
        from trainer.store.errors import StoreError
        from trainer.store.location import resolve_url, sqlite_path

        if not isinstance(error, StoreError):
            raise error
        self.store_error = str(error)
        self.statusBar().showMessage(self.tr("Progress cannot be saved: %s") % error)
        try:
            path = sqlite_path(resolve_url(self.db_url))
        except StoreError:
            path = None
        found = backups.list_backups(path) if path else []
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(self.tr("Your saved progress cannot be opened"))
        box.setText(str(error)[0].upper() + str(error)[1:] + ".")
        restore = None
        if found:
            box.setInformativeText(
                self.tr("You can restore the newest backup, taken %s. The damaged file is kept.")
                % describe(found[0])
            )
            restore = box.addButton(
                self.tr("Restore newest backup"), QMessageBox.ButtonRole.AcceptRole
            )
        box.addButton(QMessageBox.StandardButton.Close)
        box.exec()
        if restore is not None and box.clickedButton() is restore and path is not None:
            self._restore(path, found[0])

    def back_up_now(self) -> None:
        self._back_up(force=True)

    def back_up_if_due(self) -> None:
        self._back_up(force=False)

    def _back_up(self, *, force: bool) -> None:
        from trainer.store import backups

        path = self.store.path if self.store else None
        if path is None or not (force or backups.backup_due(path)):
            return
        reason = "manual" if force else "auto"
        self.tasks.run(
            lambda: backups.take_backup(path, reason=reason),
            lambda backup: self.statusBar().showMessage(
                self.tr("Backed up to %s") % backup.path, 10_000
            ),
            lambda error: self.statusBar().showMessage(str(error)),
        )

    def choose_backup(self) -> None:
        from trainer.store import backups

        path = self.store.path if self.store else None
        if path is None:
            return
        found = backups.list_backups(path)
        if not found:
            QMessageBox.information(
                self, self.tr("No backups yet"), self.tr("There are no backups of %s yet.") % path
            )
            return
        dialog = BackupDialog(found, str(path), self)
        if dialog.exec() and dialog.chosen is not None:
            self._restore(path, dialog.chosen)

    def _restore(self, path: Path, backup: Backup) -> None:
        from trainer.store import backups

        if self.store is not None:
            self.store.close()
            self.store = None
        try:
            safety = backups.restore(path, backup.path)
        except Exception as error:
            QMessageBox.warning(self, self.tr("Restore failed"), str(error))
        else:
            self.statusBar().showMessage(
                self.tr("Restored the backup of %s; the replaced state is in %s")
                % (describe(backup), safety.path.name)
            )
        self.open_database()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.tasks.wait()
        if self.store is not None:
            from trainer.store import backups

            path = self.store.path
            if path is not None and backups.backup_due(path):
                with contextlib.suppress(Exception):  # closing must never fail
                    backups.take_backup(path, reason="auto")
            self.store.close()
        super().closeEvent(event)

    def _fill_contents(self) -> None:
        assert self.reader is not None
        self.contents.clear()
        for number, module in enumerate(self.reader.course.modules, 1):
            item = QTreeWidgetItem([f"{number}. {module.title}"])
            if not module.available:
                item.setText(0, f"{number}. {module.title} — {self.tr('unavailable')}")
                item.setToolTip(0, "\n".join(p.display() for p in module.problems))
            for lesson in module.lessons if module.available else ():
                child = QTreeWidgetItem([f"{lesson.title} ({lesson.minutes} min)"])
                child.setData(0, LESSON_ROLE, lesson.id)
                item.addChild(child)
            self.contents.addTopLevelItem(item)
        self.contents.expandAll()

    def _item_chosen(self, item: QTreeWidgetItem) -> None:
        lesson_id = item.data(0, LESSON_ROLE)
        if lesson_id:
            self.show_lesson(lesson_id)
        elif item.toolTip(0):
            QMessageBox.warning(self, self.tr("Module unavailable"), item.toolTip(0))

    def show_lesson(self, lesson_id: str, anchor: str = "") -> None:
        assert self.reader is not None
        page = self.reader.page(lesson_id)
        if page is None:
            return
        self.current_lesson = lesson_id
        self.browser.setHtml(page.html)
        if anchor:
            self.browser.scrollToAnchor(anchor)
        self._select_in_contents(lesson_id)

    def _select_in_contents(self, lesson_id: str) -> None:
        for top in range(self.contents.topLevelItemCount()):
            module_item = self.contents.topLevelItem(top)
            for index in range(module_item.childCount()):
                child = module_item.child(index)
                if child.data(0, LESSON_ROLE) == lesson_id:
                    self.contents.setCurrentItem(child)

    def step_lesson(self, step: int) -> None:
        if self.reader is None or self.current_lesson is None:
            return
        before, after = self.reader.neighbours(self.current_lesson)
        target = before if step < 0 else after
        if target:
            self.show_lesson(target)

    def _zoom(self, step: int) -> None:
        self.browser.zoomIn(step)
        settings = QSettings()
        settings.setValue("reader/zoom", int(settings.value("reader/zoom", 0)) + step)

    def _link_clicked(self, url: QUrl) -> None:
        scheme = url.scheme()
        if scheme == "glossary" and self.reader:
            term = self.reader.glossary_term(url.path())
            if term:
                QToolTip.showText(
                    self.cursor().pos(), f"<b>{term.term}</b>: {term.definition}", self.browser
                )
        elif scheme == "lesson":
            self.show_lesson(url.path(), url.fragment())
        elif scheme in {"http", "https", "mailto"}:
            QDesktopServices.openUrl(url)
        elif not scheme and url.fragment():
            self.browser.scrollToAnchor(url.fragment())
