"""A form for one question of a quiz file at a time, writing the same YAML the file holds.

Each edit replaces only that question's lines (trainer/quiz/question_text.py) and sends the
whole new file text out, so the page keeps one document, and one undo history, for both
the form and the raw YAML.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from trainer.quiz.question_text import (
    QUESTION_TYPES,
    add_question,
    blank_question,
    parses,
    question_blocks,
    question_data,
    remove_question,
    replace_question,
)
from trainer.ui.shell.questions import ask
from trainer.ui.shell.text_and_tables import (
    RING_ROOM,
    follow_focus,
    section_label,
    tab_chain,
    tab_stops,
    wrapping_label,
)

Stats = dict[str, tuple[int, float | None, float | None]]
TYPE_NAMES = {
    "single": "One right answer",
    "multiple": "Several right answers",
    "true_false": "True or false",
    "matching": "Matching",
    "ordering": "Putting in order",
    "numeric": "A number",
}
ID_TOOLTIP = "Question ids are stable forever: a changed question gets a new id"


def _tr(text: str) -> str:
    """Translate text shown outside the editor's own `tr`."""
    return QCoreApplication.translate("QuestionEditor", text)


def ask_question_type(parent: QWidget) -> str | None:
    """The type of question to add, or None if the person cancelled."""
    names = [_tr(TYPE_NAMES[question_type]) for question_type in QUESTION_TYPES]
    name, chosen = QInputDialog.getItem(
        parent, _tr("New question"), _tr("Type of the new question:"), names, 0, False
    )
    return QUESTION_TYPES[names.index(name)] if chosen and name in names else None


def confirm_delete(parent: QWidget, question_id: str) -> bool:
    """Whether the person really wants question `question_id` taken out of the file."""
    return ask(
        parent,
        _tr("Delete question"),
        _tr("Delete question {question_id} from this quiz file?").format(question_id=question_id),
        _tr("Delete question"),
        _tr("Keep it"),
        details=_tr("Answers learners already gave to it stay in their records."),
    )


def _named(widget: QWidget, name: str) -> QWidget:
    widget.setAccessibleName(name)
    return widget


def _text_box(
    text: str, name: str, changed: Callable[[str], None], lines: int = 3
) -> QPlainTextEdit:
    box = QPlainTextEdit(text)
    box.setTabChangesFocus(True)  # Tab moves on to the next field, as in every other field
    box.setAccessibleName(name)
    box.setFixedHeight(box.fontMetrics().lineSpacing() * lines + 12)  # scrolls when longer
    box.textChanged.connect(lambda: changed(box.toPlainText()))
    return box


def _number(value: float) -> int | float:
    return int(value) if float(value).is_integer() else value


class PartsTable(QWidget):
    """The options, pairs or items of a question, one per row, with buttons to add and
    remove rows (and to move them, where their order is the answer)."""

    def _fit_height(self) -> None:
        """Room for a row or two before the table scrolls, at the text size of now."""
        metrics = self.table.fontMetrics()
        self.table.setMinimumHeight(metrics.height() * 3)
        # as narrow as the form's fields: its columns scroll inside it rather than push
        # the table (and its focus ring) past the form's right edge
        self.table.setMinimumWidth(metrics.averageCharWidth() * 12)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange and hasattr(self, "table"):
            self._fit_height()

    changed = Signal()

    def __init__(self, name: str, columns: dict[str, str], movable: bool = False) -> None:
        super().__init__()
        self.keys = list(columns)
        self.table = QTableWidget(0, len(columns))
        self.table.setHorizontalHeaderLabels([_tr(header) for header in columns.values()])
        self.table.setAccessibleName(name)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table; arrows move in it
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        header = self.table.horizontalHeader()
        for column, key in enumerate(self.keys):
            narrow = key in ("id", "credit")
            header.setSectionResizeMode(
                column,
                QHeaderView.ResizeMode.ResizeToContents
                if narrow
                else QHeaderView.ResizeMode.Stretch,
            )
        self.table.setWordWrap(True)
        # each row as tall as its longest text, as the columns widen and narrow
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.itemChanged.connect(lambda _item: self.changed.emit())
        self._fit_height()
        buttons = QHBoxLayout()
        self.add_button = self._button(
            self.tr("Add a row to {what}").format(what=name.lower()),
            self.tr("Add"),
            self.add_row,
            buttons,
        )
        self.remove_button = self._button(
            self.tr("Remove the chosen row of {what}").format(what=name.lower()),
            self.tr("Remove"),
            self.remove_row,
            buttons,
        )
        if movable:
            self.up_button = self._button(
                self.tr("Move the chosen row up"), self.tr("Move up"), self.up, buttons
            )
            self.down_button = self._button(
                self.tr("Move the chosen row down"), self.tr("Move down"), self.down, buttons
            )
        buttons.addStretch()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
        layout.addLayout(buttons)

    def _button(
        self, name: str, text: str, clicked: Callable[[], None], row: QHBoxLayout
    ) -> QPushButton:
        button = QPushButton(text)
        button.setAccessibleName(name)
        button.clicked.connect(clicked)
        row.addWidget(button)
        return button

    def set_rows(self, rows: list[Any]) -> None:
        self.table.blockSignals(True)
        self.table.setRowCount(0)
        for row in rows:
            self._append(row if isinstance(row, dict) else {})
        self.table.blockSignals(False)

    def rows(self) -> list[dict[str, Any]]:
        return [self._row(row) for row in range(self.table.rowCount())]

    def ids(self) -> list[str]:
        return [str(row.get("id", "")) for row in self.rows()]

    def add_row(self) -> None:
        taken = set(self.ids())
        new_id = next(
            (letter for letter in "abcdefghijklmnopqrstuvwxyz" if letter not in taken),
            f"item-{self.table.rowCount() + 1}",
        )
        self.table.blockSignals(True)
        self._append({"id": new_id})
        self.table.blockSignals(False)
        self.table.setCurrentCell(self.table.rowCount() - 1, 1)
        self.changed.emit()

    def remove_row(self) -> None:
        row = self.table.currentRow()
        if row >= 0:
            self.table.removeRow(row)
            self.changed.emit()

    def up(self) -> None:
        self._move(-1)

    def down(self) -> None:
        self._move(1)

    def _move(self, step: int) -> None:
        row, column = self.table.currentRow(), max(self.table.currentColumn(), 0)
        rows = self.rows()
        if row < 0 or not 0 <= row + step < len(rows):
            return
        rows[row], rows[row + step] = rows[row + step], rows[row]
        self.set_rows(rows)
        self.table.setCurrentCell(row + step, column)
        self.changed.emit()

    def _append(self, values: dict[str, Any]) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        for column, key in enumerate(self.keys):
            value = values.get(key)
            self.table.setItem(row, column, QTableWidgetItem("" if value is None else str(value)))

    def _row(self, row: int) -> dict[str, Any]:
        values: dict[str, Any] = {}
        for column, key in enumerate(self.keys):
            cell = self.table.item(row, column)
            text = cell.text() if cell is not None else ""
            if key == "credit":  # optional, and a number when it is one
                if text.strip():
                    values[key] = _credit(text)
            else:
                values[key] = text
        return values


def _credit(text: str) -> float | str:
    try:
        return float(text)
    except ValueError:
        return text.strip()  # left for validation to name


class QuestionEditor(QWidget):
    """The questions of one quiz file on the left, the chosen one's form beside them, and
    how learners have done on it."""

    text_edited = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.text = ""
        self.path: Path | None = None
        self.question_id: str | None = None
        self.data: dict[str, Any] = {}
        self.objectives: list[str] = []
        self.lessons: list[str] = []
        self.stats: Stats = {}
        self.minimum = 5
        self._build()

    def _build(self) -> None:
        self.questions = QListWidget()
        self.questions.setAccessibleName(self.tr("Questions in this quiz"))
        self.questions.currentItemChanged.connect(self._chosen)
        self.new_button = QPushButton(self.tr("New question"))
        self.new_button.setAccessibleName(self.tr("New question"))
        self.new_button.clicked.connect(self.new_question)
        self.delete_button = QPushButton(self.tr("Delete question"))
        self.delete_button.setAccessibleName(self.tr("Delete question"))
        self.delete_button.clicked.connect(self.delete_question)
        side = QVBoxLayout()
        side.addWidget(self.questions)
        side.addWidget(self.new_button)
        side.addWidget(self.delete_button)

        self.message = wrapping_label("")
        self.message.setAccessibleName(self.tr("About this file"))
        self.form_area = follow_focus(QScrollArea())
        self.form_area.setWidgetResizable(True)
        self.form_area.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # its fields take the focus
        self.form_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.form_area.viewport().installEventFilter(self)
        self.pages = QStackedWidget()
        self.pages.addWidget(self.form_area)
        self.pages.addWidget(self.message)

        self.stats_label = wrapping_label("")
        self.stats_label.setAccessibleName(self.tr("How learners answer this question"))
        self.stats_warning = wrapping_label("")
        self.stats_warning.setAccessibleName(self.tr("Warning about this question"))
        self.stats_warning.setStyleSheet("font-weight: bold")
        stats = QVBoxLayout()
        stats.addWidget(section_label(self.tr("Answers so far")))
        stats.addWidget(self.stats_label)
        stats.addWidget(self.stats_warning)
        stats.addStretch()

        layout = QHBoxLayout(self)
        layout.addLayout(side, 1)
        layout.addWidget(self.pages, 3)
        layout.addLayout(stats, 1)

    # --- what the page calls ---

    def load(self, text: str, path: Path) -> None:
        """Show the quiz file `text` of `path`; the same text again changes nothing, so
        the page may hand back what `text_edited` sent."""
        if text == self.text and path == self.path and self.questions.count():
            return
        self.text, self.path = text, path
        self._list_questions(self.question_id)

    def set_choices(self, objectives: list[str], lessons: list[str]) -> None:
        """The objective ids and the `lesson` or `lesson#anchor` values offered."""
        if (list(objectives), list(lessons)) == (self.objectives, self.lessons):
            return  # the form stays as it is, with the keyboard focus where it was
        self.objectives, self.lessons = list(objectives), list(lessons)
        self._show_form()

    def set_stats(self, stats: Stats, minimum: int = 5) -> None:
        """Per question id: (answers, share answered right, discrimination)."""
        self.stats, self.minimum = dict(stats), minimum
        self._show_stats()

    def select_question(self, question_id: str) -> None:
        for row in range(self.questions.count()):
            if self.questions.item(row).data(Qt.ItemDataRole.UserRole) == question_id:
                self.questions.setCurrentRow(row)
                return

    def new_question(self) -> None:
        question_type = ask_question_type(self)
        if question_type is None:
            return
        new_id = self._new_id()
        objective = self.data.get("objective") or next(iter(self.objectives), "objective-id")
        lesson = self.data.get("lesson") or next(iter(self.lessons), "lesson-id")
        question = blank_question(question_type, str(objective), str(lesson), new_id)
        try:
            self._changed(add_question(self.text, question))
        except ValueError as error:
            self._show_message(f"{error}.")
            return
        self._list_questions(new_id)

    def delete_question(self) -> None:
        if self.question_id is None or not confirm_delete(self, self.question_id):
            return
        self._changed(remove_question(self.text, self.question_id))
        self._list_questions(None)

    # --- the list of questions ---

    def _list_questions(self, keep: str | None) -> None:
        blocks = question_blocks(self.text)
        self.questions.blockSignals(True)
        self.questions.clear()
        for block in blocks:
            item = QListWidgetItem(f"{block.id} ({_tr(TYPE_NAMES.get(block.type, block.type))})")
            item.setData(Qt.ItemDataRole.UserRole, block.id)
            self.questions.addItem(item)
        self.questions.blockSignals(False)
        ids = [block.id for block in blocks]
        self.question_id = keep if keep in ids else next(iter(ids), None)
        if self.question_id is not None:
            self.questions.setCurrentRow(ids.index(self.question_id))
        self.delete_button.setEnabled(self.question_id is not None)
        self.new_button.setEnabled(parses(self.text))
        self._show_form()

    def _chosen(self, item: QListWidgetItem | None, _previous: QListWidgetItem | None) -> None:
        self.question_id = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        self.delete_button.setEnabled(self.question_id is not None)
        self._show_form()

    def _new_id(self) -> str:
        ids = [block.id for block in question_blocks(self.text)]
        stem = next((i.split("-q-")[0] + "-q-new" for i in ids if "-q-" in i), "new-question")
        number, new_id = 1, stem
        while new_id in ids:
            number += 1
            new_id = f"{stem}-{number}"
        return new_id

    # --- the form ---

    def _show_message(self, message: str) -> None:
        self.message.setText(message)
        self.pages.setCurrentWidget(self.message)

    def _show_form(self) -> None:
        self._show_stats()
        self.data = {}
        if not parses(self.text):
            self._show_message(self.tr("This file has a YAML error; fix it in the YAML tab."))
            return
        if self.question_id is None:
            self._show_message(
                self.tr("This quiz has no questions yet: add one with New question.")
            )
            return
        try:
            data = question_data(self.text, self.question_id)
            replace_question(self.text, self.question_id, data)  # can it be written back?
        except (KeyError, AttributeError, ValueError):
            self._show_message(
                self.tr("This question cannot be shown as a form; edit it in the YAML tab.")
            )
            return
        self.data = dict(data)
        form = self._form()
        self.form_area.setWidget(form)
        self._fit_tables()
        self.pages.setCurrentWidget(self.form_area)
        self._tab_into(form)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.form_area.viewport() and event.type() == QEvent.Type.Resize:
            self._fit_tables()
        return False

    def _fit_tables(self) -> None:
        """No table taller than the form's view: scrolled to, it is seen whole, with its
        focus ring (its rows scroll inside it)."""
        room = self.form_area.viewport().height() - 4 * RING_ROOM
        for parts in self.findChildren(PartsTable):
            parts.table.setMaximumHeight(max(parts.table.minimumHeight(), room))

    def _tab_into(self, form: QWidget) -> None:
        """Tab goes from the question list's buttons into the form, field by field (a form
        made anew would otherwise come last in the window, after the panels below it)."""
        tab_chain([self.delete_button, *tab_stops(form)])

    def _form(self) -> QWidget:
        form_widget = QWidget()
        form = QFormLayout(form_widget)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)  # labels above, when narrow
        question_id = QLineEdit(str(self.data.get("id", "")))
        question_id.setReadOnly(True)
        question_id.setToolTip(self.tr(ID_TOOLTIP))
        form.addRow(self.tr("Id"), _named(question_id, self.tr("Question id")))
        form.addRow(
            self.tr("Objective"), self._choice("objective", self.tr("Objective"), self.objectives)
        )
        form.addRow(self.tr("Lesson"), self._choice("lesson", self.tr("Lesson"), self.lessons))
        form.addRow(self.tr("Points"), self._points())
        self.prompt = _text_box(
            str(self.data.get("prompt", "")), self.tr("Prompt"), self._setter("prompt"), lines=5
        )
        form.addRow(self.tr("Prompt"), self.prompt)
        builder = {
            "single": self._single,
            "multiple": self._multiple,
            "true_false": self._true_false,
            "matching": self._matching,
            "ordering": self._ordering,
            "numeric": self._numeric,
        }.get(str(self.data.get("type")))
        if builder is None:
            form.addRow(
                wrapping_label(self.tr("This question type has no form; edit it in the YAML tab."))
            )
        else:
            builder(form)
        explanation = str(self.data.get("explanation", ""))
        form.addRow(
            self.tr("Explanation"),
            _text_box(explanation, self.tr("Explanation"), self._setter("explanation")),
        )
        return form_widget

    def _choice(self, key: str, name: str, choices: list[str]) -> QComboBox:
        combo = QComboBox()
        combo.setEditable(True)
        # as wide as the form allows, not as its longest choice: the form never scrolls sideways
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(8)
        combo.setAccessibleName(name)
        combo.addItems(choices)
        combo.setCurrentText(str(self.data.get(key, "")))
        combo.currentTextChanged.connect(self._setter(key))
        return combo

    def _points(self) -> QDoubleSpinBox:
        points = QDoubleSpinBox()
        points.setAccessibleName(self.tr("Points"))
        points.setRange(0.25, 100)
        points.setSingleStep(0.5)
        value = self.data.get("points", 1)
        points.setValue(float(value) if isinstance(value, int | float) else 1)
        points.valueChanged.connect(lambda value: self._set("points", _number(value)))
        return points

    def _single(self, form: QFormLayout) -> None:
        self.parts = self._parts_table(form, "options", self.tr("Options"), OPTION_COLUMNS)
        self.key_combo = QComboBox()
        self.key_combo.setAccessibleName(self.tr("Right answer"))
        form.addRow(self.tr("Right answer"), self.key_combo)
        self._fill_key_combo()
        self.key_combo.currentTextChanged.connect(self._setter("key"))
        self.parts.changed.connect(self._fill_key_combo)

    def _fill_key_combo(self) -> None:
        key = str(self.data.get("key", ""))
        ids = self.parts.ids()
        self.key_combo.blockSignals(True)
        self.key_combo.clear()
        self.key_combo.addItems(ids if key in ids or not key else [*ids, key])
        self.key_combo.setCurrentText(key)
        self.key_combo.blockSignals(False)

    def _multiple(self, form: QFormLayout) -> None:
        self.parts = self._parts_table(form, "options", self.tr("Options"), ITEM_COLUMNS)
        self.key_list = QListWidget()
        self.key_list.setAccessibleName(self.tr("Right answers (tick each)"))
        form.addRow(self.tr("Right answers"), self.key_list)
        self._fill_key_list()
        self.key_list.itemChanged.connect(self._keys_ticked)
        self.parts.changed.connect(self._fill_key_list)

    def _fill_key_list(self) -> None:
        keys = self.data.get("key")
        ticked = {str(key) for key in keys} if isinstance(keys, list) else set()
        self.key_list.blockSignals(True)
        self.key_list.clear()
        for option_id in self.parts.ids():
            item = QListWidgetItem(option_id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(
                Qt.CheckState.Checked if option_id in ticked else Qt.CheckState.Unchecked
            )
            self.key_list.addItem(item)
        self.key_list.blockSignals(False)

    def _keys_ticked(self, _item: QListWidgetItem) -> None:
        items = [self.key_list.item(row) for row in range(self.key_list.count())]
        self._set("key", [i.text() for i in items if i.checkState() == Qt.CheckState.Checked])

    def _true_false(self, form: QFormLayout) -> None:
        self.true_button = QRadioButton(self.tr("True"))
        self.false_button = QRadioButton(self.tr("False"))
        group = QButtonGroup(self.true_button)
        row = QHBoxLayout()
        for button, value in ((self.true_button, True), (self.false_button, False)):
            button.setAccessibleName(f"The statement is {str(value).lower()}")
            button.setChecked(self.data.get("key") is value)
            button.toggled.connect(partial(self._key_chosen, value))
            group.addButton(button)
            row.addWidget(button)
        row.addStretch()
        form.addRow(self.tr("Right answer"), row)
        feedback = self.data.get("feedback")
        feedback = dict(feedback) if isinstance(feedback, dict) else {}
        for value, label in (
            (True, self.tr("Feedback for True")),
            (False, self.tr("Feedback for False")),
        ):
            form.addRow(
                label,
                _text_box(str(feedback.get(value, "")), label, self._feedback_setter(value)),
            )

    def _key_chosen(self, value: bool, checked: bool) -> None:
        if checked:
            self._set("key", value)

    def _matching(self, form: QFormLayout) -> None:
        self._parts_table(form, "pairs", self.tr("Pairs"), PAIR_COLUMNS)
        distractors = self.data.get("distractors")
        lines = "\n".join(str(d) for d in distractors) if isinstance(distractors, list) else ""
        box = _text_box(lines, self.tr("Distractors, one a line"), self._distractors)
        form.addRow(self.tr("Distractors (one a line)"), box)

    def _distractors(self, text: str) -> None:
        distractors = [line.strip() for line in text.splitlines() if line.strip()]
        if distractors:
            self._set("distractors", distractors)
        else:
            self.data.pop("distractors", None)
            self._write()

    def _ordering(self, form: QFormLayout) -> None:
        self._parts_table(
            form, "items", self.tr("Items in the right order"), ITEM_COLUMNS, movable=True
        )

    def _numeric(self, form: QFormLayout) -> None:
        for key, name in (
            ("key", self.tr("Right answer")),
            ("tolerance", self.tr("Tolerance (plus or minus)")),
        ):
            box = QDoubleSpinBox()
            box.setAccessibleName(name)
            box.setDecimals(4)
            box.setRange(-1e9 if key == "key" else 0, 1e9)
            value = self.data.get(key, 0)
            box.setValue(float(value) if isinstance(value, int | float) else 0)
            box.valueChanged.connect(lambda value, key=key: self._set(key, _number(value)))
            form.addRow(name, box)
        unit = QLineEdit(str(self.data.get("unit", "")))
        unit.setAccessibleName(self.tr("Unit"))
        unit.textChanged.connect(self._unit)
        form.addRow(self.tr("Unit"), unit)
        feedback = self.data.get("feedback")
        feedback = dict(feedback) if isinstance(feedback, dict) else {}
        for key, label in (
            ("correct", self.tr("Feedback when right")),
            ("incorrect", self.tr("Feedback when wrong")),
        ):
            form.addRow(
                label, _text_box(str(feedback.get(key, "")), label, self._feedback_setter(key))
            )

    def _unit(self, text: str) -> None:
        if text:
            self._set("unit", text)
        else:
            self.data.pop("unit", None)
            self._write()

    def _parts_table(
        self,
        form: QFormLayout,
        key: str,
        name: str,
        columns: dict[str, str],
        movable: bool = False,
    ) -> PartsTable:
        parts = PartsTable(name, columns, movable)
        rows = self.data.get(key)
        parts.set_rows(rows if isinstance(rows, list) else [])
        parts.changed.connect(lambda: self._set(key, parts.rows()))
        form.addRow(name, parts)
        self.parts = parts
        return parts

    # --- writing the question back ---

    def _setter(self, key: str) -> Callable[[str], None]:
        return lambda value: self._set(key, value)

    def _feedback_setter(self, key: object) -> Callable[[str], None]:
        def set_feedback(text: str) -> None:
            feedback = self.data.get("feedback")
            feedback = dict(feedback) if isinstance(feedback, dict) else {}
            feedback[key] = text
            self._set("feedback", feedback)

        return set_feedback

    def _set(self, key: str, value: Any) -> None:
        self.data[key] = value
        self._write()

    def _write(self) -> None:
        if self.question_id is None:
            return
        try:
            text = replace_question(self.text, self.question_id, self.data)
        except (KeyError, ValueError) as error:
            self._show_message(
                self.tr("This question cannot be written from the form: {error}.").format(
                    error=error
                )
            )
            return
        self._changed(text)

    def _changed(self, text: str) -> None:
        self.text = text
        self.text_edited.emit(text)

    # --- how learners do on it ---

    def _show_stats(self) -> None:
        answers, difficulty, discrimination = self.stats.get(
            self.question_id or "", (0, None, None)
        )
        self.stats_label.setText(stats_words(answers, difficulty, discrimination, self.minimum))
        warnings = stats_warnings(difficulty, discrimination) if answers >= self.minimum else []
        self.stats_warning.setText(" ".join(warnings))


def stats_words(
    answers: int, difficulty: float | None, discrimination: float | None, minimum: int
) -> str:
    """How often a question was answered and how well, in words."""
    if answers < minimum:
        return _tr("Not enough answers yet ({answers} of {minimum} needed)").format(
            answers=answers, minimum=minimum
        )
    parts = [_tr("Answered once") if answers == 1 else _tr("Answered {n} times").format(n=answers)]
    if difficulty is not None:
        parts.append(_tr("{percent}% correct").format(percent=round(difficulty * 100)))
    if discrimination is not None:
        parts.append(_tr("discrimination {value:.2f}").format(value=discrimination))
    return " · ".join(parts)


def stats_warnings(difficulty: float | None, discrimination: float | None) -> list[str]:
    """What the figures say is wrong with a question, if anything."""
    warnings = []
    if difficulty is not None and difficulty > 0.9:
        warnings.append(_tr("Very easy: almost every learner answers it right."))
    elif difficulty is not None and difficulty < 0.3:
        warnings.append(_tr("Very hard: most learners answer it wrong."))
    if discrimination is not None and discrimination < 0.2:
        warnings.append(_tr("It does not separate strong from weak learners."))
    return warnings


OPTION_COLUMNS = {"id": "Id", "text": "Text", "feedback": "Feedback", "credit": "Credit"}
PAIR_COLUMNS = {"id": "Id", "left": "Left", "right": "Right", "feedback": "Feedback"}
ITEM_COLUMNS = {"id": "Id", "text": "Text", "feedback": "Feedback"}
