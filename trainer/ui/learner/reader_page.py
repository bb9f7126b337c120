"""The reader: a module's lessons on the side, the lesson in a QTextBrowser, practice below.

A lesson is marked read when the learner has scrolled to its end and has spent active
time on it (a quarter of its stated minutes, at most three minutes). Reading position
and active time are saved every half minute and whenever the learner leaves the lesson,
at once (one row; see ui/shell/tasks.py); opening a lesson and marking it read run in
the background, and the lesson shows once its place is read.
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, QTimer, QUrl
from PySide6.QtGui import (
    QDesktopServices,
    QHelpEvent,
    QKeySequence,
    QMouseEvent,
    QShortcut,
    QTextDocument,
)
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTabWidget,
    QTextBrowser,
    QToolTip,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from trainer.content.model import Lesson
from trainer.services import progress
from trainer.services.errors import ServiceError, StoreError
from trainer.services.figures import required_text
from trainer.ui.learner.activity import ActivityTracker
from trainer.ui.shell import theme
from trainer.ui.shell.context import AppContext
from trainer.ui.shell.tasks import PROGRESS
from trainer.ui.shell.text_and_tables import sentence

if TYPE_CHECKING:
    from trainer.content.render import RenderedPage
    from trainer.services.progress import LessonState

LESSON_ROLE = Qt.ItemDataRole.UserRole
TICK_MS = 5_000
SAVE_EVERY_TICKS = 6
READ_SHARE = 0.25
MAX_READ_SECONDS = 180


class ReaderPage(QWidget):
    """Reads one module at a time; previous/next cross into the neighbouring modules."""

    def __init__(
        self, context: AppContext, activity: ActivityTracker, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.activity = activity
        self.lesson: Lesson | None = None  # None while the next one opens
        self.opening: str | None = None  # the lesson being opened
        self.active_seconds = 0
        self.unsaved_seconds = 0
        self.ticks = 0
        self.completed = False
        self.sections: list[tuple[int, int]] = []  # (index in "On this page", block number)

        self.module_title = QLabel()
        self.module_title.setWordWrap(True)
        self.lessons = QListWidget()
        self.lessons.setAccessibleName(self.tr("Lessons of this module"))
        self.lessons.setWordWrap(True)
        self.lessons.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.lessons.setSpacing(2)
        self.lessons.itemActivated.connect(lambda item: self.open_lesson(item.data(LESSON_ROLE)))
        lessons_label = QLabel(self.tr("&Lessons"))
        lessons_label.setBuddy(self.lessons)
        self.quiz_button = QPushButton(self.tr("Take the module &quiz"))
        self.quiz_button.setAccessibleName(self.tr("Take the module quiz"))
        self.quiz_button.clicked.connect(self._start_module_quiz)
        self.home_button = QPushButton(self.tr("C&ourse home"))
        self.home_button.setAccessibleName(self.tr("Back to the course home"))
        self.home_button.clicked.connect(lambda: self.context.navigator.show_home())
        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.addWidget(self.module_title)
        side_layout.addWidget(lessons_label)
        side_layout.addWidget(self.lessons, 1)
        side_layout.addWidget(self.quiz_button)
        side_layout.addWidget(self.home_button)

        self.page_html = ""
        self.browser = QTextBrowser()
        theme.notifier().changed.connect(self._restyle)
        self.browser.setOpenLinks(False)
        self.browser.setAccessibleName(self.tr("Lesson text"))
        self.browser.anchorClicked.connect(self._link_clicked)
        self.browser.verticalScrollBar().valueChanged.connect(lambda _value: self._scrolled())
        self.browser.viewport().installEventFilter(self)
        self.browser.viewport().setMouseTracking(True)
        self.toc = QComboBox()
        self.toc.setAccessibleName(self.tr("On this page: jump to a section"))
        self.toc.activated.connect(self._jump_to_section)
        toc_label = QLabel(self.tr("On this pa&ge:"))
        toc_label.setBuddy(self.toc)
        self.previous_button = QPushButton(self.tr("← &Previous"))
        self.previous_button.setAccessibleName(self.tr("Previous lesson"))
        self.previous_button.clicked.connect(lambda: self.step(-1))
        self.next_button = QPushButton(self.tr("&Next →"))
        self.next_button.setAccessibleName(self.tr("Next lesson"))
        self.next_button.clicked.connect(lambda: self.step(1))
        self.read_state = QLabel()
        self.read_state.setAccessibleName(self.tr("Reading status"))
        self.read_state.setWordWrap(True)
        self.read_state.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.save_refused = ""  # why the last save failed, said until a save succeeds

        self.find_bar = QWidget()
        self.find_text = QLineEdit()
        self.find_text.setAccessibleName(self.tr("Find in this lesson"))
        self.find_text.setPlaceholderText(self.tr("Find in this lesson"))
        self.find_text.returnPressed.connect(lambda: self.find_next(backward=False))
        find_label = QLabel(self.tr("&Find:"))
        find_label.setBuddy(self.find_text)
        self.find_result = QLabel()
        self.find_result.setAccessibleName(self.tr("Find result"))
        find_next = QPushButton(self.tr("Next match"))
        find_next.setAccessibleName(self.tr("Next match"))
        find_next.clicked.connect(lambda: self.find_next(backward=False))
        find_previous = QPushButton(self.tr("Previous match"))
        find_previous.setAccessibleName(self.tr("Previous match"))
        find_previous.clicked.connect(lambda: self.find_next(backward=True))
        close_find = QPushButton(self.tr("Close"))
        close_find.setAccessibleName(self.tr("Close the find bar"))
        close_find.clicked.connect(self.close_find)
        find_layout = QHBoxLayout(self.find_bar)
        find_layout.setContentsMargins(0, 0, 0, 0)
        for widget in (
            find_label,
            self.find_text,
            find_previous,
            find_next,
            self.find_result,
            close_find,
        ):
            find_layout.addWidget(widget)
        self.find_bar.hide()
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self.find_text, self.close_find)

        self.tabs = QTabWidget()
        self.tabs.setAccessibleName(self.tr("Lesson and practice"))
        self.tabs.addTab(self.browser, self.tr("Lesson"))
        top = QHBoxLayout()
        top.addWidget(toc_label)
        top.addWidget(self.toc, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.previous_button)
        bottom.addWidget(self.read_state, 1)  # wraps, so its words never narrow the lesson
        bottom.addWidget(self.next_button)
        main = QWidget()
        main_layout = QVBoxLayout(main)
        main_layout.addLayout(top)
        main_layout.addWidget(self.find_bar)
        main_layout.addWidget(self.tabs, 1)
        main_layout.addLayout(bottom)
        splitter = QSplitter()
        splitter.addWidget(side)
        splitter.addWidget(main)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([290, 810])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)

        self.timer = QTimer(self)
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(self.tick)

    # -- opening and leaving ------------------------------------------------------------

    def open_lesson(self, lesson_id: str, anchor: str = "") -> None:
        """Save the open lesson's place, then record the opening and read the module's
        lessons in the background, then show the lesson at its place."""
        context = self.context
        catalog = context.catalog
        lesson = catalog.lesson(lesson_id)
        page = catalog.page(lesson_id)
        if lesson is None or page is None:
            return
        self.leave()
        self.lesson = None  # nothing is counted or saved until the lesson shows
        self.opening = lesson_id
        store, learner_id = context.store, context.learner_id

        def work() -> tuple[LessonState, dict[str, LessonState]]:
            state = progress.open_lesson(store, catalog, learner_id, lesson_id)
            return state, progress.lesson_states(store, catalog, learner_id)

        context.tasks.write(
            work,
            lambda found: self._opened(lesson, page, anchor, *found),
            what=self.tr("Opening the lesson"),
            changes={PROGRESS},
            on_failure=self._open_failed,
        )

    def _open_failed(self, error: Exception) -> None:
        if isValid(self):
            self.opening = None
            self.read_state.setText(self.tr("The lesson cannot be opened: %s") % sentence(error))

    def _opened(
        self,
        lesson: Lesson,
        page: RenderedPage,
        anchor: str,
        state: LessonState,
        states: dict[str, LessonState],
    ) -> None:
        if not isValid(self) or self.opening != lesson.id:
            return  # another lesson was asked for meanwhile
        self.opening = None
        self.lesson = lesson
        self.active_seconds = 0
        self.unsaved_seconds = 0
        self.activity.take_active_seconds()  # time before opening is not this lesson's
        self.activity.touch()
        self.completed = state.completed
        self._fill_side(lesson, states)
        self.page_html = page.html
        self.browser.setHtml(theme.lesson_html(page.html))
        self.toc.clear()
        for entry in page.toc:
            self.toc.addItem("    " * (entry.level - 2) + entry.title, entry.anchor)
        self.sections = self._section_blocks()
        self._show_practice(lesson)
        self._show_read_state()
        self.timer.start()
        if anchor:
            QTimer.singleShot(0, lambda: self.browser.scrollToAnchor(anchor))
        else:
            QTimer.singleShot(0, lambda: self._scroll_to(state.position))
        self.browser.setFocus()

    def _restyle(self) -> None:
        """Show the open lesson in the new theme's colours, at the same place."""
        if not isValid(self) or not self.page_html:
            return
        bar = self.browser.verticalScrollBar()
        place = bar.value()
        self.browser.setHtml(theme.lesson_html(self.page_html))
        bar.setValue(place)

    def leave(self) -> None:
        """Save the position and active time of the open lesson (before switching away),
        once; a lesson still opening is not shown."""
        self.opening = None
        if self.lesson is None or not self.timer.isActive():
            return  # nothing open, or left already
        self._save()
        self.timer.stop()

    def _fill_side(self, lesson: Lesson, states: dict[str, LessonState]) -> None:
        catalog = self.context.catalog
        module = catalog.course.module(lesson.module_id)
        assert module is not None
        number = catalog.course.modules.index(module) + 1
        self.module_title.setText(f"<b>{number}. {module.title}</b>")
        self.lessons.clear()
        for item_lesson in module.lessons:
            read = item_lesson.id in states and states[item_lesson.id].completed
            text = f"{item_lesson.title} — {self.tr('read') if read else self.tr('%s min') % item_lesson.minutes}"
            item = QListWidgetItem(("✓ " if read else "") + text)
            item.setData(LESSON_ROLE, item_lesson.id)
            self.lessons.addItem(item)
            if item_lesson.id == lesson.id:
                self.lessons.setCurrentItem(item)
        all_read = all(i.id in states and states[i.id].completed for i in module.lessons)
        self.quiz_button.setVisible(module.quiz is not None)
        self.quiz_button.setEnabled(bool(module.quiz) and all_read)
        self.quiz_button.setToolTip(
            "" if all_read else self.tr("Read every lesson of the module first")
        )
        before, after = catalog.neighbours(lesson.id)
        self.previous_button.setEnabled(before is not None)
        self.next_button.setEnabled(after is not None)

    def _show_practice(self, lesson: Lesson) -> None:
        from trainer.ui.learner.practice_widgets import PracticePanel

        while self.tabs.count() > 1:
            widget = self.tabs.widget(1)
            if isinstance(widget, PracticePanel):
                widget.flush()
            self.tabs.removeTab(1)
            if widget is not None:
                widget.deleteLater()
        if not lesson.practice:
            return
        panel = PracticePanel(self.context, lesson, self)
        self.tabs.addTab(panel, self.tr("Practice (%s)") % len(lesson.practice))

    # -- reading time and completion ------------------------------------------------------

    def tick(self) -> None:
        """Every few seconds: add active time, mark read when due, save now and then."""
        if self.lesson is None:
            return
        seconds = self.activity.take_active_seconds()
        self.active_seconds += seconds
        self.unsaved_seconds += seconds
        self.ticks += 1
        self._check_read()
        self._show_time_needed()
        if self.ticks % SAVE_EVERY_TICKS == 0:
            self._save()

    def required_seconds(self) -> int:
        assert self.lesson is not None
        return min(MAX_READ_SECONDS, int(self.lesson.minutes * 60 * READ_SHARE))

    def at_end(self) -> bool:
        bar = self.browser.verticalScrollBar()
        return bar.maximum() == 0 or bar.value() >= bar.maximum() - 4

    def _check_read(self) -> None:
        if self.lesson is None or self.completed or not self.at_end():
            return
        if self.active_seconds < self.required_seconds():
            return
        self._save()
        self.completed = True  # asked once; undone if the write is refused
        lesson, context = self.lesson, self.context
        store, catalog, learner_id = context.store, context.catalog, context.learner_id

        def work() -> dict[str, LessonState]:
            progress.complete_lesson(store, catalog, learner_id, lesson.id)
            return progress.lesson_states(store, catalog, learner_id)

        context.tasks.write(
            work,
            lambda states: self._completed(lesson, states),
            what=self.tr("Marking the lesson read"),
            changes={PROGRESS},
            on_failure=lambda error: self._not_completed(lesson, error),
        )

    def _completed(self, lesson: Lesson, states: dict[str, LessonState]) -> None:
        if not isValid(self):
            return
        self.context.navigator.saved(self.tr("Lesson marked as read"))
        if self.lesson is lesson:
            self._fill_side(lesson, states)
            self._show_read_state()

    def _not_completed(self, lesson: Lesson, error: Exception) -> None:
        if isValid(self) and self.lesson is lesson:
            self.completed = False
            self.read_state.setText(self.tr("Not marked as read: %s") % sentence(error))

    def _show_time_needed(self) -> None:
        if not self.completed:  # "Read" is said once the write is done (_completed)
            self._show_read_state()

    def _show_read_state(self) -> None:
        """ "Read", or what is still needed: the end of the lesson, active time (rounded up
        to whole minutes), or both."""
        if self.lesson is None:
            return
        if self.save_refused:
            self.read_state.setText(self.save_refused)
            return
        if self.completed:
            self.read_state.setText(self.tr("Read"))
            return
        short = self.required_seconds() - self.active_seconds
        more = required_text(short)
        if short <= 0:
            text = self.tr("Scroll to the end to finish this lesson")
        elif self.at_end():
            text = self.tr("{time} more reading time finishes this lesson").format(time=more)
        else:
            text = self.tr("Scroll to the end and read {time} more to finish this lesson")
            text = text.format(time=more)
        self.read_state.setText(text)

    def _position(self) -> float:
        bar = self.browser.verticalScrollBar()
        return 1.0 if bar.maximum() == 0 else bar.value() / bar.maximum()

    def _scroll_to(self, position: float) -> None:
        bar = self.browser.verticalScrollBar()
        bar.setValue(round(position * bar.maximum()))

    def _save(self) -> None:
        if self.lesson is None:
            return
        context, lesson_id = self.context, self.lesson.id
        store, catalog, learner_id = context.store, context.catalog, context.learner_id
        position, seconds = self._position(), self.unsaved_seconds
        try:
            context.tasks.write_now(  # one row, at once: the learner may be closing the app
                lambda: progress.record_reading(
                    store, catalog, learner_id, lesson_id, position=position, active_seconds=seconds
                ),
                changes={PROGRESS},
            )  # fmt: skip
        except (ServiceError, StoreError) as error:  # the time is kept for the next save
            self.save_refused = self.tr("Your reading time could not be saved: %s") % sentence(
                error
            )
            self.read_state.setText(self.save_refused)
            return
        self.unsaved_seconds = 0
        self.save_refused = ""
        self.context.navigator.saved(self.tr("Reading position saved"))

    # -- navigation within and between lessons --------------------------------------------

    def step(self, direction: int) -> None:
        if self.lesson is None:
            return
        before, after = self.context.catalog.neighbours(self.lesson.id)
        target = before if direction < 0 else after
        if target:
            self.open_lesson(target)

    def _start_module_quiz(self) -> None:
        module = self.context.catalog.course.module(self.lesson.module_id) if self.lesson else None
        if module is not None and module.quiz:
            self.leave()
            self.context.navigator.start_quiz(module.quiz)

    def _scrolled(self) -> None:
        self._check_read()
        self._show_time_needed()
        self._follow_toc()

    def _section_blocks(self) -> list[tuple[int, int]]:
        """Where each heading of "On this page" is: its index there and its block number."""
        index_of = {self.toc.itemData(i): i for i in range(self.toc.count())}
        found = []
        block = self.browser.document().begin()
        while block.isValid():
            fragments = block.begin()
            while not fragments.atEnd():
                names = fragments.fragment().charFormat().anchorNames()
                hits = [index_of[name] for name in names if name in index_of]
                if hits:
                    found.append((hits[0], block.blockNumber()))
                    break
                fragments += 1
            block = block.next()
        return found

    def _follow_toc(self) -> None:
        """ "On this page" names the section being read: the last one whose heading is
        above the upper third of the view."""
        if not self.sections:
            return
        document = self.browser.document()
        layout = document.documentLayout()
        line = self.browser.verticalScrollBar().value() + self.browser.viewport().height() // 3
        current = self.sections[0][0]
        for index, number in self.sections:
            if layout.blockBoundingRect(document.findBlockByNumber(number)).top() > line:
                break
            current = index
        if self.toc.currentIndex() != current:
            self.toc.setCurrentIndex(current)

    def _jump_to_section(self, index: int) -> None:
        anchor = self.toc.itemData(index)
        if anchor:
            self.browser.scrollToAnchor(anchor)
            self.browser.setFocus()

    def show_find(self) -> None:
        self.find_bar.show()
        self.find_text.setFocus()
        self.find_text.selectAll()

    def close_find(self) -> None:
        self.find_bar.hide()
        self.browser.setFocus()

    def find_next(self, *, backward: bool) -> bool:
        text = self.find_text.text()
        if not text:
            return False
        flags = QTextDocument.FindFlag.FindBackward if backward else QTextDocument.FindFlag(0)
        # Searched in the document, so the view moves only to a match: a search without
        # one leaves the lesson, and the reading position saved, where they were.
        document = self.browser.document()
        match = document.find(text, self.browser.textCursor(), flags)
        if match.isNull():  # wrap around once
            match = document.find(text, document.characterCount() - 1 if backward else 0, flags)
        found = not match.isNull()
        if found:
            self.browser.setTextCursor(match)
        self.find_result.setText("" if found else self.tr("Not found"))
        return found

    # -- links, glossary and footnotes ----------------------------------------------------

    def _link_clicked(self, url: QUrl) -> None:
        scheme = url.scheme()
        if scheme == "glossary":
            self._explain(
                url, self.browser.viewport().mapToGlobal(self.browser.cursorRect().bottomLeft())
            )
        elif scheme == "lesson":
            self.open_lesson(url.path(), url.fragment())
        elif scheme in {"http", "https", "mailto"}:
            QDesktopServices.openUrl(url)  # never fetched by the app itself
        elif not scheme and url.fragment():
            self.browser.scrollToAnchor(url.fragment())

    def explanation(self, url: QUrl) -> str:
        """The text shown for a glossary term or a footnote link."""
        catalog = self.context.catalog
        if url.scheme() == "glossary":
            term = catalog.glossary_term(url.path())
            return (
                f"<b>{escape(term.term, False)}</b>: {escape(term.definition, False)}"
                if term
                else ""
            )
        fragment = url.fragment()
        if fragment.startswith("fn:"):
            reference = catalog.course.references.get(fragment[3:])
            return escape(reference.citation(), False) if reference else ""
        return ""

    def _tooltip(self, url: QUrl) -> str:
        """The explanation as a rich-text tooltip, which Qt wraps (a plain one is one line)."""
        text = self.explanation(url)
        return f"<p>{text}</p>" if text else ""

    def _explain(self, url: QUrl, where: QPoint) -> None:
        text = self._tooltip(url)
        if text:
            QToolTip.showText(where, text, self.browser)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is not self.browser.viewport():
            return False
        if isinstance(event, QMouseEvent) and event.type() == QEvent.Type.MouseMove:
            where, place = event.position().toPoint(), event.globalPosition().toPoint()
        elif isinstance(event, QHelpEvent) and event.type() == QEvent.Type.ToolTip:
            where, place = event.pos(), event.globalPos()
        else:
            return False
        anchor = self.browser.anchorAt(where)
        text = self._tooltip(QUrl(anchor)) if anchor else ""
        if text:
            QToolTip.showText(place, text, self.browser)
            return event.type() == QEvent.Type.ToolTip  # not the term's one-line title too
        if event.type() == QEvent.Type.MouseMove:
            QToolTip.hideText()
        return False
