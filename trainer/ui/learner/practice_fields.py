"""The editors of a worksheet's fields and the form that holds them, one entry at a time.

Number, scale, date and time editors start "not set" (their minimum) until the learner
gives a value, so an empty field is never saved as a made-up 0, 1900-01-01 or midnight.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDate, Qt, QTime, Signal
from PySide6.QtGui import QKeyEvent, QValidator
from PySide6.QtWidgets import (
    QDateEdit,
    QDateTimeEdit,
    QDoubleSpinBox,
    QLineEdit,
    QSpinBox,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from trainer.content.formats import WorksheetField, WorksheetPractice
from trainer.ui.shell.text_and_tables import LinesBox, wrapping_label

NO_DATE = QDate(1900, 1, 1)
NO_TIME = QTime(0, 0)  # real times carry one millisecond, so midnight stays a real time
SHORT = {"number", "scale", "date", "time"}  # editors as wide as their value, not the page


class _NumberEdit(QDoubleSpinBox):
    """A number, or "not set" (the minimum) until the learner gives one."""

    def textFromValue(self, value: float) -> str:
        return self.locale().toString(value, "g", 12)

    def validate(self, text: str, position: int) -> tuple[QValidator.State, str, int]:
        if text.strip().startswith("-"):  # below 0 is only the "not set" sentinel
            return QValidator.State.Invalid, text, position
        return super().validate(text, position)


if TYPE_CHECKING:  # the mixin's methods run on a QDateEdit or a QTimeEdit: their common base
    _Editor = QDateTimeEdit
else:
    _Editor = object


class _StartsFromUnset(_Editor):
    """For date and time editors: stepping or typing a digit from "not set" starts the
    value at now, so the learner never has to scroll from the sentinel; Delete clears it."""

    if TYPE_CHECKING:  # each subclass provides these

        def unset(self) -> bool: ...

        def start_now(self) -> None: ...

        def clear_value(self) -> None: ...

    def stepBy(self, steps: int) -> None:
        if self.unset():
            self.start_now()
            return
        super().stepBy(steps)

    def focusNextPrevChild(self, next: bool) -> bool:
        # Qt's date editors move between their sections on Tab, and from "not set" never
        # leave: a keyboard trap. Tab goes to the next control; arrows move within.
        return QWidget.focusNextPrevChild(self, next)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Delete:
            self.clear_value()
            return
        if event.text().isdigit() and self.unset():
            self.start_now()
            self.setSelectedSection(self.sectionAt(0))
        super().keyPressEvent(event)


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
        editor = LinesBox(3)
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


class WorksheetForm(QWidget):
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
            label = wrapping_label(field.label)
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
