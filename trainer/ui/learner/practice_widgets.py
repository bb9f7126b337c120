"""Native widgets for a lesson's practice items: a relaxation timer, reflection prompts, worksheets.

The panel and the reflection and worksheet boxes are here; the relaxation box is in
practice_relaxation, the worksheet's field editors and form in practice_fields.
Every change is saved after a short pause in typing and whenever focus leaves a box, so
nothing typed is lost; the status line says "saved" through the navigator. Saves (and
adding an entry) write one row in one short transaction, so they run at once on the UI
thread in the order they were typed (`TaskRunner.write_now`). Reading the entries,
deleting one and reading them for a PDF run in the background; a box is disabled until
its entries are read (`ready`).
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, QStandardPaths, Qt, QTimer
from PySide6.QtGui import QHideEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from trainer.content.formats import (
    PracticeItem,
    ReflectionPractice,
    RelaxationPractice,
    WorksheetPractice,
)
from trainer.services import practice
from trainer.services.errors import ServiceError, StoreError
from trainer.ui.learner.practice_fields import WorksheetForm
from trainer.ui.learner.practice_relaxation import RelaxationBox, intact, sharing_note
from trainer.ui.pdf import write_pdf
from trainer.ui.shell import file_dialogs
from trainer.ui.shell.questions import ask
from trainer.ui.shell.tasks import PRACTICE
from trainer.ui.shell.text_and_tables import LinesBox, as_typed, scaled, wrapping_label

if TYPE_CHECKING:
    from trainer.content.model import Lesson
    from trainer.ui.shell.context import AppContext

__all__ = ["PracticePanel", "ReflectionBox", "RelaxationBox", "WorksheetBox"]

SAVE_DELAY_MS = 600


class PracticePanel(QScrollArea):
    """Every practice item of a lesson, one titled box each, in a scrolling column."""

    def __init__(self, context: AppContext, lesson: Lesson, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setAccessibleName(self.tr("Practice: {lesson}").format(lesson=lesson.title))
        column = QWidget()
        layout = QVBoxLayout(column)
        self.items: list[_SavingBox | RelaxationBox] = [
            _item_box(context, lesson.id, item) for item in lesson.practice
        ]
        for box in self.items:
            layout.addWidget(box)
        if not self.items:
            layout.addWidget(QLabel(self.tr("This lesson has no practice items.")))
        layout.addStretch(1)
        self.setWidget(column)
        first = column.nextInFocusChain()
        if self.items and first is not None and first is not column:
            self.setFocusProxy(first)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._show_focused)

    def flush(self) -> None:
        """Save what waits for a pause in typing and log a running relaxation session;
        the host calls this before it replaces or closes the panel."""
        for box in self.items:
            box.save_pending()

    def _show_focused(self, _old: QWidget | None, new: QWidget | None) -> None:
        column = self.widget()
        if new is not None and column is not None and column.isAncestorOf(new):
            self.ensureWidgetVisible(new)


def _item_box(
    context: AppContext, lesson_id: str, item: PracticeItem
) -> _SavingBox | RelaxationBox:
    if isinstance(item, RelaxationPractice):
        return RelaxationBox(context, lesson_id, item)
    if isinstance(item, ReflectionPractice):
        return ReflectionBox(context, lesson_id, item)
    return WorksheetBox(context, lesson_id, item)


class _SavingBox(QGroupBox):
    """An item that saves after a pause in typing, when focus leaves and when hidden."""

    def __init__(self, context: AppContext, lesson_id: str, item: PracticeItem) -> None:
        super().__init__()
        self.context = context
        self.lesson_id = lesson_id
        self.item = item
        self.entry_id: str | None = None
        self.where = (context.store, context.catalog, context.learner_id, lesson_id, item.id)
        self.ready = False  # the saved entries are shown
        self.filling = False  # showing saved text is not typing: nothing to save
        self.setAccessibleName(item.title)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(SAVE_DELAY_MS)
        self.timer.timeout.connect(self.save_now)
        self.status = wrapping_label("")
        self.parts: list[QWidget] = [self.status]
        self.layout_ = QVBoxLayout(self)
        self.layout_.addWidget(scaled(wrapping_label(item.title), 1.25))
        self.sharing = sharing_note(item)
        self.layout_.addWidget(self.sharing)
        if item.instructions.strip():
            self.layout_.addWidget(wrapping_label(practice.instructions_html(item), rich=True))

    def watch(self, widget: QWidget) -> None:
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusOut:
            self.save_pending()
        return False

    def hideEvent(self, event: QHideEvent) -> None:
        if intact(self):
            self.save_pending()
        super().hideEvent(event)

    def changed(self) -> None:
        if not self.filling:
            self.timer.start()

    def save_pending(self) -> None:
        if self.timer.isActive():
            self.save_now()

    def save_now(self) -> bool:
        """Save at once; a refusal is shown beside the item, never as a traceback."""
        self.timer.stop()
        try:
            self.entry_id = self.save()
        except (ServiceError, StoreError) as error:
            self.show_problem(self.tr("Not saved: {reason}").format(reason=error))
            return False
        when = datetime.now().strftime("%H:%M")
        self.status.setText(self.tr("✓ Saved at {time}").format(time=when))
        self.context.navigator.saved(self.tr("“{title}” saved").format(title=self.item.title))
        return True

    def show_problem(self, text: str) -> None:
        self.status.setText(f"⚠ {text}")

    if TYPE_CHECKING:  # each subclass provides these

        def save(self) -> str: ...

        def show_entries(self, entries: list[practice.PracticeEntryInfo]) -> None: ...

    def save_entry(self, values: dict[str, Any], entry_id: str | None = None) -> str:
        """One row, written at once (TaskRunner.write_now): typing is committed as typed."""
        where = self.where
        return self.context.tasks.write_now(
            lambda: practice.save_entry(*where, values, entry_id=entry_id), changes={PRACTICE}
        )

    def load_entries(self) -> None:
        """Read the saved entries in the background; the box waits, disabled, for them."""
        self.setEnabled(False)
        where = self.where
        self.context.tasks.read(
            lambda: practice.list_entries(*where),
            self._entries_read,
            what=self.tr("Reading your practice entries"),
            on_failure=self._entries_refused,
        )

    def _entries_read(self, entries: list[practice.PracticeEntryInfo]) -> None:
        if not isValid(self) or not intact(self):
            return
        self.filling = True
        try:
            self.show_entries(entries)
        finally:
            self.filling = False
        self.ready = True
        self.setEnabled(True)

    def _entries_refused(self, error: Exception) -> None:
        if isValid(self) and intact(self):
            self.show_problem(self.tr("Could not load your entries: {reason}").format(reason=error))
            self.ready = True


class ReflectionBox(_SavingBox):
    """A text box per prompt; the answers are one entry, saved as the learner types."""

    def __init__(self, context: AppContext, lesson_id: str, item: ReflectionPractice) -> None:
        super().__init__(context, lesson_id, item)
        self.boxes: list[QPlainTextEdit] = []
        for number, prompt in enumerate(item.prompts, start=1):
            label = wrapping_label(f"{number}. {prompt}")
            box = LinesBox(4)
            box.setAccessibleName(prompt)
            box.setAccessibleDescription(self.tr("Your answer; saved as you type"))
            box.textChanged.connect(self.changed)
            label.setBuddy(box)
            self.watch(box)
            self.layout_.addWidget(label)
            self.layout_.addWidget(box)
            self.boxes.append(box)
        self.parts += self.boxes
        self.layout_.addWidget(self.status)
        self.load_entries()

    def show_entries(self, entries: list[practice.PracticeEntryInfo]) -> None:
        saved = entries[0].values if entries else {}
        self.entry_id = entries[0].id if entries else None
        for number, box in enumerate(self.boxes, start=1):
            box.setPlainText(str(saved.get(str(number), "")))

    def save(self) -> str:
        answers = {str(n): box.toPlainText() for n, box in enumerate(self.boxes, start=1)}
        return self.save_entry(answers, entry_id=self.entry_id)


class WorksheetBox(_SavingBox):
    """A worksheet: one form, or with `repeat` a table of entries and the form of the chosen one."""

    def __init__(self, context: AppContext, lesson_id: str, item: WorksheetPractice) -> None:
        super().__init__(context, lesson_id, item)
        self.worksheet = item
        self.entries: list[tuple[str, dict[str, Any]]] = []
        self.form = WorksheetForm(item)
        self.parts += [self.form, *self.form.editors.values()]
        self.form.edited.connect(self.changed)
        for editor in self.form.editors.values():
            self.watch(editor)
        buttons = QHBoxLayout()
        if item.repeat:
            self._build_table(buttons)
            self.parts += [self.table, self.delete_button]
        self.export_button = QPushButton(self.tr("Export to PDF…"))
        self.export_button.setAccessibleName(
            self.tr("Export “{title}” to PDF").format(title=item.title)
        )
        self.export_button.clicked.connect(self.export_pdf)
        buttons.addWidget(self.export_button)
        buttons.addStretch(1)
        if item.repeat:
            self.layout_.addLayout(buttons)
            self.heading = scaled(wrapping_label(""), 1.0)
            self.parts.append(self.heading)
            self.layout_.addWidget(self.heading)
        self.layout_.addWidget(self.form)
        if not item.repeat:
            self.layout_.addLayout(buttons)
        self.layout_.addWidget(self.status)
        if item.repeat:
            self.select_row(-1)
        self.load_entries()

    def show_entries(self, entries: list[practice.PracticeEntryInfo]) -> None:
        self.entries = [(e.id, e.values) for e in entries]
        if self.worksheet.repeat:
            for row, (_entry_id, values) in enumerate(self.entries):
                self.table.insertRow(row)
                self._fill_row(row, values)
            self.select_row(len(self.entries) - 1)
        elif self.entries:
            self.entry_id = self.entries[0][0]
            self.form.load(self.entries[0][1])

    def _fit_table(self) -> None:
        """About seven lines high, columns about 18 characters wide, in the current font."""
        self.table.setMinimumHeight(self.fontMetrics().lineSpacing() * 7)
        self.table.horizontalHeader().setDefaultSectionSize(
            self.fontMetrics().averageCharWidth() * 18
        )

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange and hasattr(self, "table"):
            self._fit_table()  # View > Zoom changed the text size

    def _build_table(self, buttons: QHBoxLayout) -> None:
        fields = self.worksheet.fields
        self.table = QTableWidget(0, len(fields))
        self.table.setAccessibleName(self.tr("Entries of “{title}”").format(title=self.item.title))
        self.table.setAccessibleDescription(self.tr("Choose an entry to change it below"))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setTabKeyNavigation(False)
        self.table.setWordWrap(False)
        self._fit_table()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.horizontalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignLeft)
        for column, field in enumerate(fields):
            header = QTableWidgetItem(field.label)
            header.setToolTip(field.label)
            self.table.setHorizontalHeaderItem(column, header)
        self.table.currentCellChanged.connect(lambda row, *_: self._row_chosen(row))
        self.layout_.addWidget(self.table)
        self.add_button = QPushButton(self.tr("Add entry"))
        self.add_button.setAccessibleName(
            self.tr("Add an entry to “{title}”").format(title=self.item.title)
        )
        self.add_button.clicked.connect(self.add_entry)
        self.delete_button = QPushButton(self.tr("Delete entry…"))
        self.delete_button.setAccessibleName(self.tr("Delete the chosen entry"))
        self.delete_button.clicked.connect(self.delete_entry)
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.delete_button)

    def _fill_row(self, row: int, values: dict[str, Any]) -> None:
        for column, field in enumerate(self.worksheet.fields):
            text = practice.display_value(field, values.get(field.id))
            cell = QTableWidgetItem(text.splitlines()[0] if text else "")
            cell.setToolTip(as_typed(text))
            self.table.setItem(row, column, cell)

    def select_row(self, row: int) -> None:
        """Show entry `row` (-1: none) in the form."""
        if row >= 0:
            self.table.setCurrentCell(row, 0)
        self._row_chosen(row)

    def _row_chosen(self, row: int) -> None:
        if 0 <= row < len(self.entries) and self.entries[row][0] == self.entry_id:
            return
        self.save_pending()  # the form still holds the entry chosen before
        has_entry = 0 <= row < len(self.entries)
        self.entry_id = self.entries[row][0] if has_entry else None
        self.form.load(self.entries[row][1] if has_entry else {})
        self.form.setVisible(has_entry)
        self.delete_button.setEnabled(has_entry)
        self.heading.setText(
            self.tr("Entry {number} of {count}").format(number=row + 1, count=len(self.entries))
            if has_entry
            else self.tr("No entries yet: choose “Add entry” to start one.")
        )

    def save(self) -> str:
        if self.worksheet.repeat and self.entry_id is None:
            raise ServiceError(self.tr("choose an entry first"))
        values = self.form.values()
        entry_id = self.save_entry(values, entry_id=self.entry_id)
        if self.worksheet.repeat:
            row = next(i for i, (found, _) in enumerate(self.entries) if found == entry_id)
            self.entries[row] = (entry_id, values)
            self._fill_row(row, values)
        return entry_id

    def add_entry(self) -> None:
        self.save_pending()
        today = {f.id: date.today().isoformat() for f in self.worksheet.fields if f.kind == "date"}
        try:
            entry_id = self.save_entry(today)
        except (ServiceError, StoreError) as error:
            self.show_problem(self.tr("Not added: {reason}").format(reason=error))
            return
        self.entries.append((entry_id, today))
        row = self.table.rowCount()
        self.table.insertRow(row)
        self._fill_row(row, today)
        self.select_row(row)
        self.status.setText(self.tr("✓ Entry {number} added").format(number=row + 1))
        self.context.navigator.saved(
            self.tr("Entry added to “{title}”").format(title=self.item.title)
        )
        next(iter(self.form.editors.values())).setFocus()

    def delete_entry(self) -> None:
        row = self.table.currentRow()
        if not 0 <= row < len(self.entries):
            return
        if not ask(
            self,
            self.tr("Delete entry"),
            self.tr("Delete entry {number} of “{title}”? This cannot be undone.").format(
                number=row + 1, title=self.item.title
            ),
            self.tr("Delete entry"),
            self.tr("Keep entry"),
        ):
            return
        self.timer.stop()
        entry_id = self.entries[row][0]
        store, learner_id = self.context.store, self.context.learner_id
        self.setEnabled(False)  # nothing changes in the box until the entry is gone
        self.context.tasks.write(
            lambda: practice.delete_entry(store, learner_id, entry_id),
            lambda _none: self._deleted(entry_id),
            what=self.tr("Deleting the entry"),
            changes={PRACTICE},
            on_failure=self._not_deleted,
        )

    def _not_deleted(self, error: Exception) -> None:
        if isValid(self) and intact(self):
            self.setEnabled(True)
            self.show_problem(self.tr("Not deleted: {reason}").format(reason=error))

    def _deleted(self, entry_id: str) -> None:
        if not isValid(self) or not intact(self):
            return
        self.setEnabled(True)
        row = next(i for i, (found, _) in enumerate(self.entries) if found == entry_id)
        del self.entries[row]
        self.entry_id = None
        self.table.removeRow(row)
        self.select_row(min(row, len(self.entries) - 1))
        self.status.setText(self.tr("✓ Entry {number} deleted").format(number=row + 1))
        self.context.navigator.saved(self.tr("Entry deleted"))
        (self.table if self.entries else self.add_button).setFocus()

    def export_pdf(self) -> None:
        """Ask where, then write the worksheet with every saved entry as a PDF."""
        if self.timer.isActive() and not self.save_now():
            return
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        chosen = file_dialogs.save_file_name(
            self,
            self.tr("Export “{title}” to PDF").format(title=self.item.title),
            str(Path(folder) / f"{self.item.id}.pdf"),
            self.tr("PDF files (*.pdf)"),
        )
        if not chosen:
            return
        target = Path(chosen).with_suffix(".pdf")
        where = self.where
        self.export_button.setEnabled(False)
        self.context.tasks.read(
            lambda: practice.list_entries(*where),
            lambda entries: self._export(entries, target),
            what=self.tr("Exporting the worksheet"),
            on_failure=self._not_exported,
        )

    def _not_exported(self, error: Exception) -> None:
        if isValid(self) and intact(self):
            self.export_button.setEnabled(True)
            self.show_problem(self.tr("Not exported: {reason}").format(reason=error))

    def _export(self, entries: list[practice.PracticeEntryInfo], target: Path) -> None:
        """Write the PDF of the entries read (on the UI thread: Qt draws it)."""
        if not isValid(self) or not intact(self):
            return
        self.export_button.setEnabled(True)
        learner = self.context.learner
        try:
            page = practice.worksheet_html(
                self.context.catalog, self.worksheet, entries,
                learner_name=learner.display_name if learner else "", on=date.today(),
            )  # fmt: skip
            write_pdf(page, target, title=self.item.title, force=True)  # the dialog asked
        except (OSError, ServiceError, StoreError) as error:
            self.show_problem(self.tr("Not exported: {reason}").format(reason=error))
            return
        self.status.setText(self.tr("✓ Exported to {path}").format(path=target))
        self.context.navigator.saved(self.tr("Exported to {path}").format(path=target))
