"""Native widgets for a lesson's practice items: a relaxation timer, reflection prompts, worksheets.

Every change is saved after a short pause in typing and whenever focus leaves a box, so
nothing typed is lost; the status line says "saved" through the navigator. Saves are
single short transactions, so they run on the UI thread in the order they were typed.
"""

from __future__ import annotations

import html
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import QDate, QEvent, QObject, QStandardPaths, Qt, QTime, QTimer, Signal
from PySide6.QtGui import QHideEvent, QKeyEvent, QValidator
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDateEdit,
    QDoubleSpinBox,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from trainer.content.formats import (
    PracticeItem,
    ReflectionPractice,
    RelaxationPractice,
    WorksheetField,
    WorksheetPractice,
)
from trainer.services import practice
from trainer.services.errors import ServiceError, StoreError
from trainer.ui.pdf import write_pdf

if TYPE_CHECKING:
    from trainer.content.model import Lesson
    from trainer.ui.context import AppContext

SAVE_DELAY_MS = 600
TICK_MS = 1000
ANNOUNCE_EVERY_SECONDS = 10  # screen readers hear the clock this often, not every second
LOG_LENGTH = 5
NO_DATE = QDate(1900, 1, 1)
NO_TIME = QTime(0, 0)  # real times carry one millisecond, so midnight stays a real time
SHORT = {"number", "scale", "date", "time"}  # editors as wide as their value, not the page


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
        if self.items and first is not column:
            self.setFocusProxy(first)
        QApplication.instance().focusChanged.connect(self._show_focused)  # type: ignore[union-attr]

    def flush(self) -> None:
        """Save what waits for a pause in typing and log a running relaxation session;
        the host calls this before it replaces or closes the panel."""
        for box in self.items:
            box.save_pending()

    def _show_focused(self, _old: QWidget | None, new: QWidget | None) -> None:
        if new is not None and self.widget().isAncestorOf(new):
            self.ensureWidgetVisible(new)


def _item_box(
    context: AppContext, lesson_id: str, item: PracticeItem
) -> _SavingBox | RelaxationBox:
    if isinstance(item, RelaxationPractice):
        return RelaxationBox(context, lesson_id, item)
    if isinstance(item, ReflectionPractice):
        return ReflectionBox(context, lesson_id, item)
    return WorksheetBox(context, lesson_id, item)


def _wrapping_label(text: str, rich: bool = False) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.RichText if rich else Qt.TextFormat.PlainText)
    return label


def _heading(text: str, scale: float = 1.25) -> QLabel:
    label = _wrapping_label(text)
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * scale)
    font.setBold(True)
    label.setFont(font)
    return label


def _intact(box: QWidget) -> bool:
    """False when Qt hides a box while destroying it (a window closed at exit): its
    children may be gone already, and saving would touch them."""
    return all(shiboken6.isValid(child) for child in getattr(box, "parts", ()))


def _text_box(lines: int) -> QPlainTextEdit:
    box = QPlainTextEdit()
    box.setTabChangesFocus(True)  # Tab moves on; it never gets stuck in the box
    box.setFixedHeight(box.fontMetrics().lineSpacing() * lines + 4 * box.frameWidth() + 8)
    return box


class _SavingBox(QGroupBox):
    """An item that saves after a pause in typing, when focus leaves and when hidden."""

    def __init__(self, context: AppContext, lesson_id: str, item: PracticeItem) -> None:
        super().__init__()
        self.context = context
        self.lesson_id = lesson_id
        self.item = item
        self.entry_id: str | None = None
        self.where = (context.store, context.catalog, context.learner_id, lesson_id, item.id)
        self.setAccessibleName(item.title)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(SAVE_DELAY_MS)
        self.timer.timeout.connect(self.save_now)
        self.status = _wrapping_label("")
        self.parts: list[QWidget] = [self.status]
        self.layout_ = QVBoxLayout(self)
        self.layout_.addWidget(_heading(item.title))
        if item.instructions.strip():
            self.layout_.addWidget(_wrapping_label(practice.instructions_html(item), rich=True))

    def watch(self, widget: QWidget) -> None:
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusOut:
            self.save_pending()
        return False

    def hideEvent(self, event: QHideEvent) -> None:
        if _intact(self):
            self.save_pending()
        super().hideEvent(event)

    def changed(self) -> None:
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

    def save(self) -> str:
        raise NotImplementedError

    def load_entries(self) -> list[practice.PracticeEntryInfo]:
        try:
            return practice.list_entries(*self.where)
        except (ServiceError, StoreError) as error:
            self.show_problem(self.tr("Could not load your entries: {reason}").format(reason=error))
            return []


class ReflectionBox(_SavingBox):
    """A text box per prompt; the answers are one entry, saved as the learner types."""

    def __init__(self, context: AppContext, lesson_id: str, item: ReflectionPractice) -> None:
        super().__init__(context, lesson_id, item)
        entries = self.load_entries()
        saved = entries[0].values if entries else {}
        self.entry_id = entries[0].id if entries else None
        self.boxes: list[QPlainTextEdit] = []
        for number, prompt in enumerate(item.prompts, start=1):
            label = _wrapping_label(f"{number}. {prompt}")
            box = _text_box(4)
            box.setAccessibleName(prompt)
            box.setAccessibleDescription(self.tr("Your answer; saved as you type"))
            box.setPlainText(str(saved.get(str(number), "")))
            box.textChanged.connect(self.changed)
            label.setBuddy(box)
            self.watch(box)
            self.layout_.addWidget(label)
            self.layout_.addWidget(box)
            self.boxes.append(box)
        self.parts += self.boxes
        self.layout_.addWidget(self.status)

    def save(self) -> str:
        answers = {str(n): box.toPlainText() for n, box in enumerate(self.boxes, start=1)}
        return practice.save_entry(*self.where, answers, entry_id=self.entry_id)


class _NumberEdit(QDoubleSpinBox):
    """A number, or "not set" (the minimum) until the learner gives one."""

    def textFromValue(self, value: float) -> str:
        return self.locale().toString(value, "g", 12)

    def validate(self, text: str, position: int) -> object:
        if text.strip().startswith("-"):  # below 0 is only the "not set" sentinel
            return QValidator.State.Invalid, text, position
        return super().validate(text, position)


class _StartsFromUnset:
    """For date and time editors: stepping or typing a digit from "not set" starts the
    value at now, so the learner never has to scroll from the sentinel; Delete clears it."""

    def unset(self) -> bool:
        raise NotImplementedError

    def start_now(self) -> None:
        raise NotImplementedError

    def clear_value(self) -> None:
        raise NotImplementedError

    def stepBy(self, steps: int) -> None:
        if self.unset():
            self.start_now()
            return
        super().stepBy(steps)  # type: ignore[misc]

    def focusNextPrevChild(self, next: bool) -> bool:
        # Qt's date editors move between their sections on Tab, and from "not set" never
        # leave: a keyboard trap. Tab goes to the next control; arrows move within.
        return QWidget.focusNextPrevChild(self, next)  # type: ignore[arg-type]

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Delete:
            self.clear_value()
            return
        if event.text().isdigit() and self.unset():
            self.start_now()
            self.setSelectedSection(self.sectionAt(0))  # type: ignore[attr-defined]
        super().keyPressEvent(event)  # type: ignore[misc]


class _DateEdit(_StartsFromUnset, QDateEdit):
    def unset(self) -> bool:
        return self.date() == NO_DATE

    def start_now(self) -> None:
        self.setDate(QDate.currentDate())

    def clear_value(self) -> None:
        self.setDate(NO_DATE)


class _TimeEdit(_StartsFromUnset, QTimeEdit):
    def unset(self) -> bool:
        return self.time() == NO_TIME

    def start_now(self) -> None:
        now = QTime.currentTime()
        self.setTime(QTime(now.hour(), now.minute(), 0, 1))

    def clear_value(self) -> None:
        self.setTime(NO_TIME)


def _field_editor(field: WorksheetField, parent: QWidget) -> QWidget:
    tr = parent.tr
    editor: QWidget
    if field.kind == "long_text":
        editor = _text_box(3)
    elif field.kind == "number":
        editor = _NumberEdit()
        editor.setRange(-1, 1_000_000_000)
        editor.setDecimals(2)
        editor.setSpecialValueText(tr("not set"))
        editor.setAccessibleDescription(tr("A number from 0 up; “not set” until you give one"))
    elif field.kind == "scale":
        editor = QSpinBox()
        editor.setRange((field.min or 0) - 1, field.max or 0)
        editor.setSuffix(f" / {field.max}")
        editor.setSpecialValueText(tr("not rated"))
        editor.setAccessibleDescription(
            tr("A whole number from {low} to {high}; press Up to rate").format(
                low=field.min, high=field.max
            )
        )
    elif field.kind == "date":
        editor = _DateEdit()
        editor.setDisplayFormat("yyyy-MM-dd")
        editor.setMinimumDate(NO_DATE)
        editor.setSpecialValueText(tr("not set"))
        editor.setCalendarPopup(True)
        editor.setAccessibleDescription(
            tr("A date; press Up for today, then change it; Delete clears it")
        )
    elif field.kind == "time":
        editor = _TimeEdit()
        editor.setDisplayFormat("HH:mm")
        editor.setSpecialValueText(tr("not set"))
        editor.setAccessibleDescription(
            tr("A time; press Up for now, then change it; Delete clears it")
        )
    else:
        editor = QLineEdit()
    editor.setAccessibleName(field.label)
    if field.kind in SHORT:
        editor.setMinimumWidth(editor.fontMetrics().averageCharWidth() * 18)
    return editor


class _WorksheetForm(QWidget):
    """The fields of one worksheet entry, labelled, one above the other."""

    edited = Signal()

    def __init__(self, item: WorksheetPractice, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.fields = item.fields
        self._loading = False
        rows = QVBoxLayout(self)
        rows.setContentsMargins(0, 0, 0, 0)
        self.editors: dict[str, QWidget] = {}
        for field in item.fields:
            editor = _field_editor(field, self)
            label = _wrapping_label(field.label)
            label.setBuddy(editor)
            rows.addWidget(label)
            if field.kind in SHORT:
                rows.addWidget(editor, 0, Qt.AlignmentFlag.AlignLeft)
            else:
                rows.addWidget(editor)
            self.editors[field.id] = editor
            for signal in ("textChanged", "valueChanged", "dateChanged", "timeChanged"):
                if hasattr(editor, signal):
                    getattr(editor, signal).connect(self._changed)
                    break

    def _changed(self, *_args: Any) -> None:
        if not self._loading:
            self.edited.emit()

    def values(self) -> dict[str, Any]:
        return {field.id: _value_of(field, self.editors[field.id]) for field in self.fields}

    def load(self, values: dict[str, Any]) -> None:
        self._loading = True
        try:
            for field in self.fields:
                _show_value(field, self.editors[field.id], values.get(field.id))
        finally:
            self._loading = False


def _value_of(field: WorksheetField, editor: Any) -> Any:
    match field.kind:
        case "long_text":
            return editor.toPlainText()
        case "number":
            return None if editor.value() < 0 else editor.value()
        case "scale":
            return None if editor.value() == editor.minimum() else editor.value()
        case "date":
            return None if editor.date() == NO_DATE else editor.date().toString("yyyy-MM-dd")
        case "time":
            return None if editor.time() == NO_TIME else editor.time().toString("HH:mm")
    return editor.text()


def _show_value(field: WorksheetField, editor: Any, value: Any) -> None:
    match field.kind:
        case "long_text":
            editor.setPlainText(str(value or ""))
        case "number":
            editor.setValue(-1 if value is None else float(value))
        case "scale":
            editor.setValue(editor.minimum() if value is None else int(value))
        case "date":
            editor.setDate(NO_DATE if value is None else QDate.fromString(value, "yyyy-MM-dd"))
        case "time":
            found = None if value is None else QTime.fromString(value, "HH:mm")
            editor.setTime(NO_TIME if found is None else found.addMSecs(1))
        case _:
            editor.setText(str(value or ""))


class WorksheetBox(_SavingBox):
    """A worksheet: one form, or with `repeat` a table of entries and the form of the chosen one."""

    def __init__(self, context: AppContext, lesson_id: str, item: WorksheetPractice) -> None:
        super().__init__(context, lesson_id, item)
        self.worksheet = item
        self.entries = [(e.id, e.values) for e in self.load_entries()]
        self.form = _WorksheetForm(item)
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
            self.heading = _heading("", scale=1.0)
            self.parts.append(self.heading)
            self.layout_.addWidget(self.heading)
        self.layout_.addWidget(self.form)
        if not item.repeat:
            self.layout_.addLayout(buttons)
        self.layout_.addWidget(self.status)
        if item.repeat:
            self.select_row(len(self.entries) - 1)
        elif self.entries:
            self.entry_id = self.entries[0][0]
            self.form.load(self.entries[0][1])

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
        self.table.setMinimumHeight(self.fontMetrics().lineSpacing() * 7)
        self.table.horizontalHeader().setDefaultSectionSize(
            self.fontMetrics().averageCharWidth() * 18
        )
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.horizontalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignLeft)
        for column, field in enumerate(fields):
            header = QTableWidgetItem(field.label)
            header.setToolTip(field.label)
            self.table.setHorizontalHeaderItem(column, header)
        for row, (_entry_id, values) in enumerate(self.entries):
            self.table.insertRow(row)
            self._fill_row(row, values)
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
            cell.setToolTip(text)
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
        entry_id = practice.save_entry(*self.where, values, entry_id=self.entry_id)
        if self.worksheet.repeat:
            row = next(i for i, (found, _) in enumerate(self.entries) if found == entry_id)
            self.entries[row] = (entry_id, values)
            self._fill_row(row, values)
        return entry_id

    def add_entry(self) -> None:
        self.save_pending()
        today = {f.id: date.today().isoformat() for f in self.worksheet.fields if f.kind == "date"}
        try:
            entry_id = practice.save_entry(*self.where, today)
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
        answer = QMessageBox.question(
            self,
            self.tr("Delete entry"),
            self.tr("Delete entry {number} of “{title}”? This cannot be undone.").format(
                number=row + 1, title=self.item.title
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        self.timer.stop()
        try:
            practice.delete_entry(self.context.store, self.context.learner_id, self.entries[row][0])
        except StoreError as error:
            self.show_problem(self.tr("Not deleted: {reason}").format(reason=error))
            return
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
        chosen, _filter = QFileDialog.getSaveFileName(
            self,
            self.tr("Export “{title}” to PDF").format(title=self.item.title),
            str(Path(folder) / f"{self.item.id}.pdf"),
            self.tr("PDF files (*.pdf)"),
        )
        if not chosen:
            return
        target = Path(chosen).with_suffix(".pdf")
        learner = self.context.learner
        try:
            entries = practice.list_entries(*self.where)
            page = practice.worksheet_html(
                self.context.catalog, self.worksheet, entries,
                learner_name=learner.display_name if learner else "", on=date.today(),
            )  # fmt: skip
            write_pdf(page, target, title=self.item.title)
        except (OSError, ServiceError, StoreError) as error:
            self.show_problem(self.tr("Not exported: {reason}").format(reason=error))
            return
        self.status.setText(self.tr("✓ Exported to {path}").format(path=target))
        self.context.navigator.saved(self.tr("Exported to {path}").format(path=target))


class RelaxationBox(QGroupBox):
    """A guided practice: the steps, a timer with Start, Pause and Finish, and a log."""

    def __init__(self, context: AppContext, lesson_id: str, item: RelaxationPractice) -> None:
        super().__init__()
        self.context = context
        self.lesson_id = lesson_id
        self.item = item
        self.where = (context.store, context.catalog, context.learner_id, lesson_id, item.id)
        self.planned = item.minutes * 60
        self.elapsed = 0
        self.started_at: datetime | None = None
        self.setAccessibleName(item.title)
        layout = QVBoxLayout(self)
        layout.addWidget(_heading(item.title))
        if item.instructions.strip():
            layout.addWidget(_wrapping_label(practice.instructions_html(item), rich=True))
        steps = "".join(f"<li>{html.escape(step)}</li>" for step in item.steps)
        layout.addWidget(_wrapping_label(f"<ol>{steps}</ol>", rich=True))
        self.clock = QLabel()
        font = self.clock.font()
        font.setPointSizeF(font.pointSizeF() * 1.8)
        font.setBold(True)
        self.clock.setFont(font)
        self.state = _wrapping_label("")
        self.step_label = _wrapping_label("")
        self.timer = QTimer(self)
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(self.tick)
        self.start_button = QPushButton(self.tr("Start"))
        self.pause_button = QPushButton(self.tr("Pause"))
        self.finish_button = QPushButton(self.tr("Finish"))
        buttons = QHBoxLayout()
        for button, slot, name in (
            (self.start_button, self.start, self.tr("Start the practice timer")),
            (self.pause_button, self.pause, self.tr("Pause the practice timer")),
            (self.finish_button, self.finish, self.tr("Finish and log this session")),
        ):
            button.setAccessibleName(name)
            button.clicked.connect(slot)
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.note = QLineEdit()
        self.note.setAccessibleName(self.tr("Note for this session"))
        self.note.setPlaceholderText(self.tr("For example: tension 6 before, 3 after"))
        note_label = QLabel(self.tr("Note for this session (optional)"))
        note_label.setBuddy(self.note)
        self.log = QListWidget()
        self.log.setAccessibleName(self.tr("Your past sessions"))
        self.log.setMaximumHeight(self.fontMetrics().lineSpacing() * (LOG_LENGTH + 2))
        log_label = QLabel(self.tr("Your past sessions"))
        log_label.setBuddy(self.log)
        for widget in (self.clock, self.state, self.step_label):
            layout.addWidget(widget)
        layout.addLayout(buttons)
        for widget in (note_label, self.note, log_label, self.log):
            layout.addWidget(widget)
        self.parts = (self.clock, self.state, self.step_label, self.note, self.log)
        self.parts += (self.start_button, self.pause_button, self.finish_button)
        self._show_time(announce=True)
        self._set_running(False)
        self.state.setText(self.tr("Not started"))
        self.refresh_log()

    def save_pending(self) -> None:
        """Log the session under way, if any, as it stands."""
        if self.started_at is not None:
            self.finish()

    def hideEvent(self, event: QHideEvent) -> None:
        # leaving the lesson logs the session; minimising the window does not
        if not event.spontaneous() and _intact(self):
            self.save_pending()
        super().hideEvent(event)

    def start(self) -> None:
        if self.started_at is None:
            self.started_at = datetime.now(UTC)
        self.timer.start()
        self._set_running(True)
        self.state.setText(self.tr("Running"))
        self._show_time(announce=True)
        self.pause_button.setFocus()

    def pause(self) -> None:
        self.timer.stop()
        self._set_running(False)
        self.state.setText(self.tr("Paused"))
        self._show_time(announce=True)
        self.start_button.setFocus()

    def tick(self) -> None:
        """One second of practice (the timer calls this; tests may too)."""
        self.elapsed += 1
        self._show_time(announce=self.elapsed % ANNOUNCE_EVERY_SECONDS == 0)
        if self.elapsed >= self.planned:
            self.finish()

    def finish(self) -> None:
        """Stop and log the session: completed when it ran the planned minutes."""
        self.timer.stop()
        if self.started_at is None or self.elapsed == 0:
            self._reset(self.tr("Not started"))
            return
        completed = self.elapsed >= self.planned
        try:
            practice.record_relaxation_session(
                *self.where, started_at=self.started_at, seconds=self.elapsed,
                completed=completed, note=self.note.text().strip(),
            )  # fmt: skip
        except (ServiceError, StoreError) as error:
            self.pause()
            self.state.setText(self.tr("⚠ Not logged: {reason}").format(reason=error))
            return
        minutes = _minutes_text(self, self.elapsed)
        self._reset(
            self.tr("✓ Well done: {minutes} logged").format(minutes=minutes)
            if completed
            else self.tr("✓ Stopped early: {minutes} logged").format(minutes=minutes)
        )
        self.note.clear()
        self.refresh_log()
        self.context.navigator.saved(self.tr("Relaxation session logged"))
        self.start_button.setFocus()

    def refresh_log(self) -> None:
        self.log.clear()
        try:
            sessions = practice.relaxation_sessions(*self.where)
        except (ServiceError, StoreError) as error:
            self.log.addItem(self.tr("Could not load the log: {reason}").format(reason=error))
            return
        for session in sessions[:LOG_LENGTH]:
            when = session.started_at.astimezone().strftime("%Y-%m-%d %H:%M")
            how = self.tr("completed") if session.completed else self.tr("stopped early")
            line = f"{when} · {_minutes_text(self, session.seconds)} · {how}"
            self.log.addItem(f"{line} · {session.note}" if session.note else line)
        if not sessions:
            self.log.addItem(self.tr("No sessions yet"))

    def _reset(self, state: str) -> None:
        self.elapsed = 0
        self.started_at = None
        self._set_running(False)
        self.state.setText(state)
        self._show_time(announce=True)

    def _set_running(self, running: bool) -> None:
        self.start_button.setEnabled(not running)
        self.start_button.setText(
            self.tr("Resume") if self.started_at and not running else self.tr("Start")
        )
        self.pause_button.setEnabled(running)
        self.finish_button.setEnabled(self.started_at is not None)

    def _show_time(self, announce: bool) -> None:
        shown = f"{self.elapsed // 60:02d}:{self.elapsed % 60:02d}"
        planned = f"{self.planned // 60:02d}:{self.planned % 60:02d}"
        self.clock.setText(self.tr("{elapsed} of {planned}").format(elapsed=shown, planned=planned))
        step = min(len(self.item.steps) - 1, self.elapsed * len(self.item.steps) // self.planned)
        self.step_label.setText(
            self.tr("Step {number} of {count}: {text}").format(
                number=step + 1, count=len(self.item.steps), text=self.item.steps[step]
            )
        )
        if announce:
            self.clock.setAccessibleName(
                self.tr("Time practised: {elapsed} of {minutes}").format(
                    elapsed=_minutes_text(self, self.elapsed, seconds_too=True),
                    minutes=_minutes_text(self, self.planned),
                )
            )


def _minutes_text(widget: QWidget, seconds: int, *, seconds_too: bool = False) -> str:
    minutes, rest = divmod(seconds, 60)
    if seconds_too:
        return widget.tr("{minutes} min {seconds} s").format(minutes=minutes, seconds=rest)
    if minutes == 0:
        return widget.tr("under 1 min")
    return widget.tr("{minutes} min").format(minutes=round(seconds / 60))
