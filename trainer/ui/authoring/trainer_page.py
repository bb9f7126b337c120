"""The trainer's authoring screen: the course files, an editor with live preview, the
validation panel, reload without restarting, and item analysis of each question."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QFileSystemWatcher, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QTextCursor, QTextDocument
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTabWidget,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from trainer.content.problems import ContentError
from trainer.content.render import Renderer
from trainer.content.yamlsource import read_text
from trainer.paths import SHIPPED_COURSE, SHIPPED_QUIZZES
from trainer.services.authoring_preview import FileKind, build_preview, file_kind
from trainer.services.course_files import course_files
from trainer.ui.authoring import course_actions
from trainer.ui.authoring.authoring_preview import PreviewPane
from trainer.ui.authoring.code_editor import CodeEditor, new_document
from trainer.ui.authoring.item_analysis_view import ItemAnalysisView
from trainer.ui.authoring.question_editor import QuestionEditor
from trainer.ui.authoring.validation_panel import ValidationPanel
from trainer.ui.shell import file_dialogs
from trainer.ui.shell.context import AppContext
from trainer.ui.shell.text_and_tables import heading, sentence

PATH_ROLE = Qt.ItemDataRole.UserRole
MODULE_ROLE = Qt.ItemDataRole.UserRole + 1  # a module's folder, on its group in the tree
PREVIEW_DELAY_MS = 500
FORM_TAB = 1
LIVE_CHECK_DELAY_MS = 1500  # a pause in typing this long checks the course as edited
COURSE_FILES = ("course.yaml", "glossary.yaml", "references.yaml", "evaluation.yaml")


@dataclass
class OpenFile:
    """A file open in the editor: its text as edited (with its own undo history), and its
    text as last read from or written to the disk, to tell when another program changed it."""

    document: QTextDocument
    on_disk: str


def quiz_folder_for(course_dir: Path) -> Path:
    """The quizzes of a curriculum folder: the shipped ones, or `quizzes/` beside it."""
    if course_dir.resolve() == SHIPPED_COURSE.resolve():
        return SHIPPED_QUIZZES
    return course_dir.parent / "quizzes"


class TrainerPage(QWidget):
    """Edit the course's Markdown and YAML with a live preview; validate; reload the course."""

    preview_updated = Signal()
    validated = Signal()
    item_analysis_loaded = Signal()
    learner_preview_opened = Signal()

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.course_dir = context.catalog.course.root
        self.quiz_dir = context.catalog.quiz_dir or quiz_folder_for(self.course_dir)
        self.renderer: Renderer | None = context.catalog.renderer
        self.path: Path | None = None
        self.open_files: dict[Path, OpenFile] = {}
        self._items: dict[Path, QTreeWidgetItem] = {}
        self._timer = self._single_shot(PREVIEW_DELAY_MS, self.update_preview)
        self._live_check = self._single_shot(LIVE_CHECK_DELAY_MS, self.validate)
        self._relist = self._single_shot(300, self._list_files)
        self._checking = False  # a check of the course runs
        self._check_again = False  # …and the text changed since it started
        self._problem_marks: dict[Path, list[tuple[int, str]]] = {}
        self._checked_course: Any = None  # the course as last checked
        self._targets_for: Any = None  # the course the form's choices were worked out for
        self.watcher = QFileSystemWatcher(self)
        self.watcher.fileChanged.connect(self._changed_on_disk)
        self.watcher.directoryChanged.connect(lambda _folder: self._relist.start())
        self._build()

    def _single_shot(self, delay_ms: int, slot: Any) -> QTimer:
        timer = QTimer(self)
        timer.setSingleShot(True)
        timer.setInterval(delay_ms)
        timer.timeout.connect(slot)
        return timer

    # --- building -------------------------------------------------------------------------

    def _build(self) -> None:
        self.folder_label = QLabel()
        self.folder_label.setWordWrap(True)
        self.folder_label.setAccessibleName(self.tr("Curriculum folder"))
        bar = QHBoxLayout()
        for text, slot, tip in (
            (self.tr("&Open folder…"), self.choose_folder, self.tr("Open a curriculum folder")),
            (self.tr("&Save"), self.save, "Ctrl+S"),
            (self.tr("Save all"), self.save_all, "Ctrl+Shift+S"),
            (self.tr("V&alidate"), self.validate, "F5"),
            (self.tr("&Reload course"), self.reload_course, ""),
            (self.tr("Preview as a &learner"), self.preview_as_learner, "F6"),
        ):
            button = QPushButton(text)
            button.setAccessibleName(text.replace("&", ""))
            button.setToolTip(tip)
            button.clicked.connect(slot)
            bar.addWidget(button)
        self.new_button = QPushButton(self.tr("&New"))
        self.new_button.setAccessibleName(self.tr("New module, lesson or quiz, or a release"))
        self.new_button.setMenu(course_actions.new_menu(self))
        bar.insertWidget(1, self.new_button)
        bar.addStretch(1)
        for keys, slot in (
            (QKeySequence.StandardKey.Save, self.save),
            ("Ctrl+Shift+S", self.save_all),
            ("F5", self.validate),
            ("F6", self.preview_as_learner),
        ):
            action = QAction(self)
            action.setShortcut(QKeySequence(keys))
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.triggered.connect(slot)
            self.addAction(action)

        self.files = QTreeWidget()
        self.files.setHeaderHidden(True)
        self.files.setAccessibleName(self.tr("Course files"))
        self.files.itemActivated.connect(lambda item, _column: self._open_item(item))
        self.files.itemClicked.connect(lambda item, _column: self._open_item(item))
        self.files.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.files.customContextMenuRequested.connect(
            lambda point: course_actions.show_tree_menu(self, point)
        )
        for keys, step in (("Ctrl+Shift+Up", -1), ("Ctrl+Shift+Down", 1)):
            move_action = QAction(self.files)
            move_action.setShortcut(QKeySequence(keys))
            move_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            move_action.triggered.connect(
                lambda _checked=False, s=step: course_actions.move(self, s)
            )
            self.files.addAction(move_action)
        self.code = CodeEditor()
        self.editor = self.code.text
        self.editor.setEnabled(False)
        self.editor.textChanged.connect(self._timer.start)
        self.editor.textChanged.connect(self._text_changed)
        self.editor.cursorPositionChanged.connect(self._show_position)
        self.position = QLabel()
        self.position.setAccessibleName(self.tr("Cursor position"))
        self.status = QLabel(self.tr("Choose a file on the left and press Enter to edit it."))
        self.status.setWordWrap(True)
        self.status.setAccessibleName(self.tr("Editor status"))
        self.preview = PreviewPane()
        self.panel = ValidationPanel()
        self.panel.problem_activated.connect(self.go_to)

        self.question_form = QuestionEditor()
        self.question_form.text_edited.connect(self._form_edited)
        self.views = QTabWidget()  # a quiz file as its text, or question by question
        self.views.setAccessibleName(self.tr("Edit as text or as a form"))
        self.views.addTab(self.code, self.tr("&YAML / Markdown"))
        self.views.addTab(self.question_form, self.tr("&Question form"))
        self.views.setTabEnabled(FORM_TAB, False)
        self.views.setTabToolTip(FORM_TAB, self.tr("Open a quiz file to edit its questions here"))
        self.views.currentChanged.connect(self._view_changed)
        editor_box = QWidget()
        editor_layout = QVBoxLayout(editor_box)
        editor_layout.setContentsMargins(0, 0, 0, 0)
        editor_layout.addWidget(self.views, 1)
        status_row = QHBoxLayout()
        status_row.addWidget(self.status, 1)
        status_row.addWidget(self.position)
        for action in (self.code.undo_action, self.code.redo_action):
            tool = QToolButton()
            tool.setDefaultAction(action)
            tool.setAccessibleName(action.text().replace("&", ""))
            status_row.addWidget(tool)
        editor_layout.addLayout(status_row)
        panes = QSplitter(Qt.Orientation.Horizontal)
        for widget, stretch in ((self.files, 1), (editor_box, 3), (self.preview, 3)):
            panes.addWidget(widget)
            panes.setStretchFactor(panes.count() - 1, stretch)
        panes.setSizes([260, 520, 520])
        upright = QSplitter(Qt.Orientation.Vertical)
        upright.addWidget(panes)
        upright.addWidget(self.panel)
        upright.setStretchFactor(0, 4)
        upright.setStretchFactor(1, 1)
        upright.setSizes([640, 160])

        authoring = QWidget()
        authoring_layout = QVBoxLayout(authoring)
        authoring_layout.addLayout(bar)
        authoring_layout.addWidget(self.folder_label)
        authoring_layout.addWidget(upright, 1)
        self.analysis_view = ItemAnalysisView(self.context)
        self.analysis_view.item_analysis_loaded.connect(self.item_analysis_loaded)
        self.analysis_view.question_opened.connect(self.open_question)
        self.analysis = self.analysis_view.analysis
        self.analysis_note = self.analysis_view.analysis_note
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName(self.tr("Trainer tools"))
        self.tabs.addTab(authoring, self.tr("&Edit the course"))
        self.tabs.addTab(self.analysis_view, self.tr("&Item analysis"))
        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.tr("Author the course")))
        layout.addWidget(self.tabs, 1)

    # --- the folder and its files ---------------------------------------------------------

    def refresh(self) -> None:
        """List the folder's files (keeping the open one) and reload the item analysis."""
        self.folder_label.setText(
            self.tr("Course: %1    Quizzes: %2")
            .replace("%1", str(self.course_dir))
            .replace("%2", str(self.quiz_dir))
        )
        self._list_files()
        self.refresh_item_analysis()

    def choose_folder(self) -> None:
        """Ask for a curriculum folder and open it."""
        chosen = file_dialogs.existing_directory(
            self, self.tr("Open curriculum folder"), str(self.course_dir)
        )
        if chosen:
            self.open_folder(Path(chosen))

    def open_folder(self, course_dir: Path, quiz_dir: Path | None = None) -> None:
        """Edit another course: a curriculum folder, or a folder holding `curriculum/`."""
        if not self.confirm_leave():
            return
        if not (course_dir / "course.yaml").exists() and (course_dir / "curriculum").is_dir():
            course_dir = course_dir / "curriculum"
        self.course_dir, self.quiz_dir = course_dir, quiz_dir or quiz_folder_for(course_dir)
        same = course_dir.resolve() == self.context.catalog.course.root.resolve()
        self.renderer = self.context.catalog.renderer if same else None
        self.forget_file()
        self.refresh()
        self.validate()  # loads the course, so the preview can render it

    def _list_files(self) -> None:
        self.files.clear()
        self._items = {}
        course = self._add_group(self.tr("Course"), self.course_dir)
        for name in COURSE_FILES:
            if (self.course_dir / name).is_file():
                self._add_file(course, self.course_dir / name)
        files = course_files(self.course_dir, self.quiz_dir)
        for folder, markdown in files.modules:
            group = self._add_group(folder.name, folder)
            group.setData(0, MODULE_ROLE, str(folder))
            for path in markdown:
                self._add_file(group, path)
        quizzes = self._add_group(self.tr("Quizzes"), self.quiz_dir)
        for quiz in files.quizzes:
            self._add_file(quizzes, quiz)
        self.files.expandAll()
        if self.path in self._items:
            self.files.setCurrentItem(self._items[self.path])
            for path in self.unsaved_files():
                self._mark_unsaved(path, True)
        elif (first := self.files.topLevelItem(0)) is not None:
            self.files.setCurrentItem(first)

    def path_of(self, item: QTreeWidgetItem) -> Path | None:
        path = item.data(0, PATH_ROLE)
        return Path(path) if path else None

    def select_module(self, folder: Path) -> None:
        """Make the module's group in the tree the current item."""
        for index in range(self.files.topLevelItemCount()):
            group = self.files.topLevelItem(index)
            if group is not None and self.module_folder_of(group) == folder:
                self.files.setCurrentItem(group)
                return

    def forget_file(self) -> None:
        """Close every open file without asking: they were saved, and files are about to be
        renamed or rewritten (each is read again when next opened)."""
        for path in list(self.open_files):
            self._drop(path)

    def module_folder_of(self, item: QTreeWidgetItem) -> Path | None:
        folder = item.data(0, MODULE_ROLE)
        return Path(folder) if folder else None

    def course_version(self) -> str:
        """`version:` in course.yaml as saved ("?" when it cannot be read)."""
        import yaml

        try:
            data = yaml.safe_load((self.course_dir / "course.yaml").read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, yaml.YAMLError):
            return "?"
        return str(data.get("version", "?")) if isinstance(data, dict) else "?"

    def module_ids(self) -> list[str]:
        """The modules in the tree, in course order."""
        return [
            folder.name for folder, _files in course_files(self.course_dir, self.quiz_dir).modules
        ]

    def files_changed(self, open_path: Path | None = None) -> None:
        """Files were made, moved or deleted: list them again, open `open_path`, validate."""
        self._list_files()
        if open_path is not None:
            self.open_file(open_path)
        self.validate()

    def _add_group(self, title: str, folder: Path) -> QTreeWidgetItem:
        group = QTreeWidgetItem(self.files, [title])
        group.setToolTip(0, str(folder))
        return group

    def _add_file(self, group: QTreeWidgetItem, path: Path) -> None:
        item = QTreeWidgetItem(group, [path.name])
        item.setData(0, PATH_ROLE, str(path))
        item.setToolTip(0, str(path))
        self._items[path] = item

    # --- opening, editing, saving ---------------------------------------------------------

    def _open_item(self, item: QTreeWidgetItem) -> None:
        path = item.data(0, PATH_ROLE)
        if path:
            self.open_file(Path(path))

    def open_file(self, path: Path, line: int | None = None) -> bool:
        """Show `path` in the editor; False if it cannot be read. A file already open keeps
        its unsaved edits and undo history; switching files asks nothing."""
        if path != self.path:
            opened = self.open_files.get(path) or self._read(path)
            if opened is None:
                return False
            self.path = path
            self.editor.setEnabled(True)
            self.editor.setDocument(opened.document)
            self.code.set_marks(self._problem_marks.get(path, []))
            self._offer_form(file_kind(path, self.quiz_dir) is FileKind.QUIZ)
            self.status.setText(self.tr("Editing %1").replace("%1", path.name))
            if path in self._items:
                self.files.setCurrentItem(self._items[path])
            self._show_position()
            self.update_preview()
            self._check_disk(path)
        if line is not None:
            self.go_to_line(line)
        return True

    def _read(self, path: Path) -> OpenFile | None:
        try:
            text = read_text(path)
        except ContentError as error:
            self.status.setText(sentence(error.problems[0].message))
            return None
        document = new_document(text, self)
        document.modificationChanged.connect(lambda modified: self._mark_unsaved(path, modified))
        document.contentsChanged.connect(self._live_check.start)
        opened = self.open_files[path] = OpenFile(document, text)
        self.watcher.addPath(str(path))
        return opened

    def go_to(self, path: Path, line: int) -> None:
        """Open `path` at `line` (a validation problem); a folder is only reported."""
        if not path.is_file():
            self.status.setText(self.tr("%1 is not a file you can edit").replace("%1", str(path)))
            return
        if self.open_file(path, line):
            self.editor.setFocus()

    def go_to_line(self, line: int) -> None:
        """Put the cursor at the start of `line` (1-based) and show it."""
        block = self.editor.document().findBlockByNumber(max(0, line - 1))
        cursor = QTextCursor(block)
        self.editor.setTextCursor(cursor)
        self.editor.centerCursor()

    def save(self) -> bool:
        """Write the open file's text to its file as UTF-8; True when saved."""
        return self.path is None or self._save(self.path)

    def save_all(self) -> bool:
        """Write every file with unsaved changes; True when all were saved."""
        return all([self._save(path) for path in self.unsaved_files()])

    def _save(self, path: Path) -> bool:
        """Write one open file, first asking when another program changed it on disk."""
        opened = self.open_files[path]
        if self._disk_text(path) not in (opened.on_disk, None) and not self._overwrite(path):
            return False
        text = opened.document.toPlainText()
        try:
            path.write_text(text, encoding="utf-8")
        except OSError as error:
            QMessageBox.warning(
                self,
                self.tr("Not saved"),
                self.tr("%1 could not be saved: %2. Check the folder can be written.")
                .replace("%1", str(path))
                .replace("%2", error.strerror or str(error)),
            )
            return False
        opened.on_disk = text
        opened.document.setModified(False)
        self.status.setText(self.tr("Saved %1").replace("%1", path.name))
        self._live_check.start()  # the panel said "as edited": check the saved course
        return True

    def _overwrite(self, path: Path) -> bool:
        """Another program changed `path` since it was opened: overwrite it, or not."""
        answer = QMessageBox.question(
            self,
            self.tr("Changed on disk"),
            self.tr(
                "%1 was changed by another program since you opened it. Overwrite those"
                " changes with yours?"
            ).replace("%1", path.name),
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        return answer == QMessageBox.StandardButton.Save

    def _disk_text(self, path: Path) -> str | None:
        """The file's text on disk now; None when it cannot be read (gone, say)."""
        try:
            return path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            return None

    def _changed_on_disk(self, name: str) -> None:
        """Another program wrote an open file: take its text when nothing is unsaved here,
        else keep the edits and say so (saving will ask before overwriting)."""
        path = Path(name)
        if path.exists() and name not in self.watcher.files():
            self.watcher.addPath(name)  # an editor that replaces the file drops the watch
        self._check_disk(path)

    def _check_disk(self, path: Path) -> None:
        opened = self.open_files.get(path)
        disk = self._disk_text(path)
        if opened is None or disk is None or disk == opened.on_disk:
            return
        if opened.document.isModified():
            if path == self.path:
                self.status.setText(
                    self.tr(
                        "%1 was changed by another program; your unsaved edits are kept,"
                        " and saving will ask before overwriting."
                    ).replace("%1", path.name)
                )
            return
        opened.on_disk = disk
        if path == self.path:
            line = self.editor.textCursor().blockNumber() + 1
            opened.document.setPlainText(disk)
            opened.document.setModified(False)
            self.go_to_line(line)
            self.status.setText(
                self.tr("%1 was changed by another program and is shown as it is now.").replace(
                    "%1", path.name
                )
            )
        else:
            opened.document.setPlainText(disk)
            opened.document.setModified(False)

    def unsaved_files(self) -> list[Path]:
        return [path for path, opened in self.open_files.items() if opened.document.isModified()]

    def is_modified(self) -> bool:
        return bool(self.unsaved_files())

    def confirm_leave(self) -> bool:
        """Ask about unsaved changes in any open file; True when it is fine to go on (they
        were saved or dropped)."""
        unsaved = self.unsaved_files()
        if not unsaved:
            return True
        names = ", ".join(path.name for path in unsaved)
        question = (
            self.tr("Save the changes to %1?").replace("%1", names)
            if len(unsaved) == 1
            else self.tr("Save the changes to %1 files (%2)?")
            .replace("%1", str(len(unsaved)))
            .replace("%2", names)
        )
        answer = QMessageBox.question(
            self,
            self.tr("Unsaved changes"),
            question,
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Save,
        )
        if answer == QMessageBox.StandardButton.Save:
            return self.save_all()
        if answer == QMessageBox.StandardButton.Discard:
            for path in unsaved:
                self._drop(path)
            return True
        return False

    def _drop(self, path: Path) -> None:
        """Forget a file's unsaved edits (it is shown again as on disk when next opened)."""
        opened = self.open_files.pop(path, None)
        self.watcher.removePath(str(path))
        self._mark_unsaved(path, False)
        if path == self.path:
            self._close_file()
        if opened is not None:
            opened.document.deleteLater()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.confirm_leave():
            event.accept()
        else:
            event.ignore()

    def _close_file(self) -> None:
        self.path = None
        self.editor.setDocument(new_document("", self))
        self.editor.setEnabled(False)

    def _mark_unsaved(self, path: Path, modified: bool) -> None:
        item = self._items.get(path)
        if item is not None:
            unsaved = self.tr("%1 (unsaved)").replace("%1", path.name)
            item.setText(0, unsaved if modified else path.name)

    def _show_position(self) -> None:
        cursor = self.editor.textCursor()
        self.position.setText(
            self.tr("Line %1, column %2")
            .replace("%1", str(cursor.blockNumber() + 1))
            .replace("%2", str(cursor.positionInBlock() + 1))
        )

    def update_preview(self) -> None:
        """Render the edited text now (typing triggers this after a short pause)."""
        self._timer.stop()
        if self.path is None:
            return
        kind = file_kind(self.path, self.quiz_dir)
        preview = build_preview(self.editor.toPlainText(), self.path, kind, self.renderer)
        self.preview.show_preview(preview)
        self.preview_updated.emit()

    # --- validation and reload ------------------------------------------------------------

    def validate(self) -> None:
        """Check the course off the UI thread as it stands in the editor (unsaved text
        included), list every problem and mark the open file's; typing checks again after
        a pause. One check runs at a time: edits made meanwhile are checked after it."""
        from trainer.services.validation import validate_with

        self._live_check.stop()
        if self._checking:
            self._check_again = True
            return
        self._checking, self._check_again = True, False
        course_dir, quiz_dir = self.course_dir, self.quiz_dir
        edited = {
            path: self.open_files[path].document.toPlainText()
            for path in self.unsaved_files()
            if path.is_file()
        }
        self.panel.show_running()
        self.context.tasks.run(
            lambda: validate_with(course_dir, quiz_dir, edited),
            lambda report: self._validated(report, len(edited)),
            self._validation_failed,
        )

    def _validated(self, report: Any, unsaved: int = 0) -> None:
        self._checking = False
        if self._check_again:
            self.validate()
            return
        if report.course is not None and report.course.root == self.course_dir:
            self.renderer = Renderer(report.course)  # the glossary and references as edited
            self._checked_course = report.course
        self.panel.show_report(report, self.course_dir.parent, unsaved)
        self._problem_marks = {}
        for problem in report.problems:
            self._problem_marks.setdefault(problem.file, []).append((problem.line, problem.message))
        self.code.set_marks(self._problem_marks.get(self.path, []) if self.path else [])
        if self.path is not None and self.path.suffix == ".md":
            self.update_preview()
        self.validated.emit()

    def _validation_failed(self, error: Exception) -> None:
        self._checking = False
        self.panel.show_failure(sentence(error))
        self.validated.emit()

    def reload_course(self) -> None:
        """Make the app use the saved course now; unsaved edits are asked about first."""
        if not self.confirm_leave():
            return
        reload = getattr(self.context.navigator, "reload_course", None)
        if callable(reload):
            reload(self.course_dir, self.quiz_dir)
        self.validate()

    def preview_as_learner(self) -> None:
        """The open lesson or quiz, as saved, on the learner's own screens in a window of its
        own, with nothing recorded (learner_preview.py); the course's contents otherwise."""
        from trainer.ui.authoring.learner_preview import LearnerPreview

        if not self.confirm_leave():  # the preview shows the files as saved
            return
        self.learner_preview = LearnerPreview(self.course_dir, self.quiz_dir, self.path, self)
        self.learner_preview.show()
        self.learner_preview_opened.emit()

    # --- item analysis --------------------------------------------------------------------

    def refresh_item_analysis(self) -> None:
        """Read the analysis of every question from the attempts in the database."""
        self.analysis_view.refresh()

    def open_question(self, quiz_id: str, question_id: str) -> None:
        """Open the quiz file at the question (from item analysis), on the editing tab."""
        from trainer.quiz.question_text import question_blocks

        path = self.quiz_dir / f"{quiz_id}.yaml"
        if not path.is_file():
            self.status.setText(self.tr("%1 is not in the quiz folder.").replace("%1", path.name))
            return
        self.tabs.setCurrentIndex(0)
        if not self.open_file(path):
            return
        text = self.editor.toPlainText()
        block = next((b for b in question_blocks(text) if b.id == question_id), None)
        if block is not None:
            self.go_to_line(block.first_line)
        self.editor.setFocus()

    # --- the question form ------------------------------------------------------------

    def _offer_form(self, quiz: bool) -> None:
        """The form is for quiz files; any other file is edited as text."""
        self.views.setTabEnabled(FORM_TAB, quiz)
        if quiz and self.views.currentIndex() == FORM_TAB:
            self._view_changed(FORM_TAB)
        elif not quiz:
            self.views.setCurrentIndex(0)

    def _view_changed(self, index: int) -> None:
        """The form shows the quiz as its text stands now, with what a question may name
        (worked out off the UI thread) and how learners have answered each question; it
        takes the preview's width (the preview is back with the text)."""
        self.preview.setVisible(index != FORM_TAB)
        if index != FORM_TAB or self.path is None:
            return
        self.question_form.load(self.editor.toPlainText(), self.path)
        self.question_form.set_stats(self.analysis_view.stats_by_question())
        course = self._checked_course or self.context.catalog.course
        if self._targets_for is not course:
            from trainer.services.authoring_preview import question_targets

            self._targets_for = course
            self.context.tasks.run(
                lambda: question_targets(course),
                lambda targets: self.question_form.set_choices(*targets),
                lambda error: self.status.setText(sentence(error)),
            )

    def _text_changed(self) -> None:
        if self.views.currentIndex() == FORM_TAB and self.path is not None:
            self.question_form.load(self.editor.toPlainText(), self.path)  # an undo, say

    def _form_edited(self, text: str) -> None:
        """Put the form's change into the file's text as one step the editor can undo."""
        cursor = QTextCursor(self.editor.document())
        cursor.beginEditBlock()
        cursor.select(QTextCursor.SelectionType.Document)
        cursor.insertText(text)
        cursor.endEditBlock()
