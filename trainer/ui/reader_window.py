"""The course reader: modules and lessons on the side, the lesson in a QTextBrowser."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QSettings, Qt, QTimer, QUrl
from PySide6.QtGui import QAction, QDesktopServices, QKeySequence
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

if TYPE_CHECKING:
    from trainer.services.catalog import Catalog

LESSON_ROLE = Qt.ItemDataRole.UserRole


class ReaderWindow(QMainWindow):
    """Reads the course: pick a lesson on the left, read it on the right."""

    def __init__(self, course_dir: Path, quiz_dir: Path) -> None:
        super().__init__()
        self.course_dir = course_dir
        self.quiz_dir = quiz_dir
        self.reader: Catalog | None = None
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
