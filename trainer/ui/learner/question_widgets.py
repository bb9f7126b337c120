"""One answer widget per question type; each emits `answered(value)` when the learner changes it.

Values are the plain JSON answers trainer.quiz.grading expects: single → an option id,
multiple → a list of option ids, true_false → a bool, matching → {pair id: choice id},
ordering → a list of item ids, numeric → a float.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, TypeVar

from PySide6.QtCore import QCoreApplication, QLocale, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QMouseEvent, QShortcut
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QRadioButton,
    QStyle,
    QStyleOptionFrame,
    QVBoxLayout,
    QWidget,
)

from trainer.quiz.grading import matching_choices
from trainer.quiz.model import (
    Matching,
    MultipleChoice,
    Numeric,
    Ordering,
    Question,
    SingleChoice,
    TrueFalse,
)

ID_ROLE = Qt.ItemDataRole.UserRole
NUMBER_SAVE_DELAY_MS = 800
T = TypeVar("T")


def _tr(text: str) -> str:
    return QCoreApplication.translate("QuestionWidgets", text)


def in_attempt_order(items: Sequence[T], order: Sequence[str], key: Any) -> list[T]:
    """`items` in the attempt's order; anything the order does not name keeps its written place."""
    rank = {item_id: n for n, item_id in enumerate(order)}
    return sorted(items, key=lambda item: rank.get(key(item), len(rank)))


class QuestionWidget(QWidget):
    """The answer controls of one question; `set_answer` shows a saved answer without emitting."""

    answered = Signal(object)

    def __init__(
        self, question: Question, order: Sequence[str] = (), parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.question = question
        self.order = tuple(order)
        self._last: Any = None
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(0, 0, 0, 0)

    def set_answer(self, value: Any) -> None:
        self._last = value
        self._show(value)

    if TYPE_CHECKING:  # each subclass provides these

        def _show(self, value: Any) -> None: ...

    def commit(self) -> None:
        """Send an answer still being typed; only the number field has one."""

    def _emit(self, value: Any) -> None:
        if value != self._last:
            self._last = value
            self.answered.emit(value)


class _ChoiceLabel(QLabel):
    """A wrapping label beside a radio button or check box; clicking it clicks the button."""

    def __init__(self, text: str, button: QAbstractButton) -> None:
        super().__init__(text)
        self.button = button
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setWordWrap(True)
        self.setBuddy(button)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.button.click()
        self.button.setFocus(Qt.FocusReason.MouseFocusReason)


class _ChoicesWidget(QuestionWidget):
    """Radio buttons or check boxes, one per option, in the attempt's option order."""

    exclusive = True

    def __init__(
        self, question: Question, order: Sequence[str] = (), parent: QWidget | None = None
    ) -> None:
        super().__init__(question, order, parent)
        # Radio buttons share a group (Tab enters it, arrow keys choose); check boxes do
        # not, so Tab reaches each of them.
        self.group = QButtonGroup(self)
        self.buttons: dict[Any, QAbstractButton] = {}
        for value, text in self._choices():
            button: QAbstractButton = QRadioButton() if self.exclusive else QCheckBox()
            button.setAccessibleName(text)
            button.clicked.connect(lambda _checked=False: self._emit(self._value()))
            row = QHBoxLayout()
            row.addWidget(button, 0, Qt.AlignmentFlag.AlignTop)
            row.addWidget(_ChoiceLabel(text, button), 1)
            self.layout_.addLayout(row)
            if self.exclusive:
                self.group.addButton(button)
            self.buttons[value] = button
        self.setFocusProxy(next(iter(self.buttons.values())))

    def _choices(self) -> list[tuple[Any, str]]:
        question: Any = self.question  # single or multiple choice: it has options
        options = in_attempt_order(question.options, self.order, lambda o: o.id)
        return [(option.id, option.text) for option in options]

    def _value(self) -> Any:
        checked = [value for value, button in self.buttons.items() if button.isChecked()]
        if self.exclusive:
            return checked[0] if checked else None
        return checked

    def _show(self, value: Any) -> None:
        chosen = set(value) if isinstance(value, list) else {value}
        self.group.setExclusive(False)  # an exclusive group cannot uncheck its last button
        for option, button in self.buttons.items():
            button.setChecked(option in chosen)
        self.group.setExclusive(True)
        checked = [b for b in self.buttons.values() if b.isChecked()]
        if self.exclusive and checked:
            self.setFocusProxy(checked[0])


class SingleChoiceWidget(_ChoicesWidget):
    """One option, chosen with radio buttons (arrow keys move between them)."""


class MultipleChoiceWidget(_ChoicesWidget):
    """Any number of options, ticked with check boxes (Space ticks)."""

    exclusive = False


class TrueFalseWidget(_ChoicesWidget):
    """Two radio buttons, True and False."""

    def _choices(self) -> list[tuple[Any, str]]:
        return [(True, _tr("True")), (False, _tr("False"))]


class MatchingWidget(QuestionWidget):
    """For each left-hand item, a list of the right-hand choices, starting at "Choose…"."""

    def __init__(
        self, question: Matching, order: Sequence[str] = (), parent: QWidget | None = None
    ) -> None:
        super().__init__(question, order, parent)
        choices = in_attempt_order(matching_choices(question), self.order, lambda c: c[0])
        self.combos: dict[str, QComboBox] = {}
        self._loading = False
        for pair in question.pairs:
            combo = QComboBox()
            combo.setPlaceholderText(_tr("Choose…"))
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(16)
            for choice_id, text in choices:
                combo.addItem(text, choice_id)
                combo.setItemData(combo.count() - 1, text, Qt.ItemDataRole.ToolTipRole)
            combo.setCurrentIndex(-1)
            combo.setAccessibleName(pair.left)
            combo.setAccessibleDescription(_tr("Choose the answer that matches this item"))
            combo.currentIndexChanged.connect(self._changed)
            label = QLabel(pair.left)
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.setWordWrap(True)
            label.setBuddy(combo)
            self.layout_.addWidget(label)
            self.layout_.addWidget(combo)
            self.layout_.addSpacing(label.fontMetrics().height() // 2)
            self.combos[pair.id] = combo
        self.setFocusProxy(next(iter(self.combos.values())))

    def _value(self) -> dict[str, str]:
        return {
            pair_id: combo.currentData()
            for pair_id, combo in self.combos.items()
            if combo.currentIndex() >= 0
        }

    def _changed(self) -> None:
        for combo in self.combos.values():
            combo.setToolTip(combo.currentText())
        if not self._loading:
            self._emit(self._value())

    def _show(self, value: Any) -> None:
        given = value if isinstance(value, dict) else {}
        self._loading = True
        for pair_id, combo in self.combos.items():
            combo.setCurrentIndex(combo.findData(given.get(pair_id)))
        self._loading = False
        self._changed()


class OrderingWidget(QuestionWidget):
    """A list to put in order by dragging or with Move up / Move down (Alt+Up, Alt+Down)."""

    def __init__(
        self, question: Ordering, order: Sequence[str] = (), parent: QWidget | None = None
    ) -> None:
        super().__init__(question, order, parent)
        self.texts = {item.id: item.text for item in question.items}
        self._filling = False
        self.list = QListWidget()
        self.list.setAccessibleName(_tr("Items to put in order"))
        self.list.setAccessibleDescription(
            _tr("Select an item, then press Alt+Up or Alt+Down to move it, or drag it")
        )
        self.list.setWordWrap(True)
        self.list.setSizeAdjustPolicy(QAbstractItemView.SizeAdjustPolicy.AdjustToContents)
        self.list.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.list.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.list.model().rowsMoved.connect(self._moved_by_drag)
        self.list.model().rowsRemoved.connect(self._moved_by_drag)
        self.up = QPushButton(_tr("Move up (Alt+Up)"))
        self.down = QPushButton(_tr("Move down (Alt+Down)"))
        buttons = QHBoxLayout()
        for button, step, key in ((self.up, -1, "Alt+Up"), (self.down, 1, "Alt+Down")):
            button.setAccessibleName(button.text().split(" (")[0])
            button.setAccessibleDescription(_tr("Moves the selected item; shortcut %s") % key)
            button.clicked.connect(lambda _checked=False, s=step: self.move_selected(s))
            shortcut = QShortcut(QKeySequence(key), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(lambda s=step: self.move_selected(s))
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.layout_.addWidget(self.list)
        self.layout_.addLayout(buttons)
        self._fill(in_attempt_order(list(self.texts), self.order, lambda i: i))
        self.setFocusProxy(self.list)

    def _fill(self, ids: list[str], current: int = 0) -> None:
        self._filling = True
        self.list.clear()
        for n, item_id in enumerate(ids, 1):
            item = QListWidgetItem(f"{n}. {self.texts[item_id]}")
            item.setData(ID_ROLE, item_id)
            self.list.addItem(item)
        self.list.setCurrentRow(current)
        self._filling = False

    def _value(self) -> list[str]:
        return [self.list.item(row).data(ID_ROLE) for row in range(self.list.count())]

    def move_selected(self, step: int) -> None:
        row = self.list.currentRow()
        target = row + step
        if row < 0 or not 0 <= target < self.list.count():
            return
        ids = self._value()
        ids.insert(target, ids.pop(row))
        self._fill(ids, target)
        self._emit(ids)

    def _moved_by_drag(self) -> None:
        # A drop arrives as several model changes: read the order once they are all done.
        if not self._filling:
            QTimer.singleShot(0, self, self._after_drop)

    def _after_drop(self) -> None:
        ids = self._value()
        if len(ids) == len(self.texts) and set(ids) == set(self.texts):
            self._fill(ids, max(self.list.currentRow(), 0))  # renumber the items
            self._emit(ids)

    def _show(self, value: Any) -> None:
        if isinstance(value, list) and sorted(value) == sorted(self.texts):
            self._fill(value)


def parse_number(text: str) -> float | None:
    """A number typed the system's way (1,5 or 1.5) or with a point; None if it is not one."""
    for locale in (QLocale(), QLocale.c()):
        value, ok = locale.toDouble(text.strip())
        if ok and math.isfinite(value):
            return value
    return None


class NumericWidget(QuestionWidget):
    """A number field with its unit; a non-number gets a message beside it and is not saved."""

    def __init__(
        self, question: Numeric, order: Sequence[str] = (), parent: QWidget | None = None
    ) -> None:
        super().__init__(question, order, parent)
        self.field = QLineEdit()
        self.field.setInputMethodHints(Qt.InputMethodHint.ImhFormattedNumbersOnly)
        example = QLocale().toString(12.5)
        self.field.setPlaceholderText(_tr("A number, such as %s") % example)
        unit = question.unit.strip()
        self.field.setAccessibleName(
            _tr("Your answer, in %s") % unit if unit else _tr("Your answer, a number")
        )
        label = QLabel(_tr("Your &answer:"))
        label.setBuddy(self.field)
        whole = _width_for_placeholder(self.field)  # its placeholder is not cut off
        self.field.setMinimumWidth(whole)
        self.field.setMaximumWidth(max(whole, self.field.fontMetrics().averageCharWidth() * 24))
        row = QHBoxLayout()
        row.addWidget(label)
        row.addWidget(self.field, 1)
        if unit:
            row.addWidget(QLabel(unit))
        row.addStretch(1)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setAccessibleName(_tr("Problem with the answer"))
        self.message.hide()
        self.layout_.addLayout(row)
        self.layout_.addWidget(self.message)
        self.delay = QTimer(self)
        self.delay.setSingleShot(True)
        self.delay.setInterval(NUMBER_SAVE_DELAY_MS)
        self.delay.timeout.connect(self.commit)
        self.field.textEdited.connect(lambda _text: self.delay.start())
        self.field.editingFinished.connect(self.commit)
        self.setFocusProxy(self.field)

    def commit(self) -> None:
        self.delay.stop()
        text = self.field.text().strip()
        if not text:
            self.message.hide()
            return
        value = parse_number(text)
        if value is None:
            self.message.setText(
                _tr("⚠ “%s” is not a number. Type a number such as %s; it is not saved yet.")
                % (text, QLocale().toString(12.5))
            )
            self.message.show()
            return
        self.message.hide()
        self._emit(value)

    def _show(self, value: Any) -> None:
        if isinstance(value, int | float) and not isinstance(value, bool):
            self.field.setText(QLocale().toString(float(value), "g", 12))


def _width_for_placeholder(field: QLineEdit) -> int:
    """The width at which a line edit shows its whole placeholder (in its font, its style's
    frame and padding, and the 2 px the line edit keeps either side of the text)."""
    option = QStyleOptionFrame()
    field.initStyleOption(option)
    margins = field.textMargins()
    text = field.fontMetrics().horizontalAdvance(field.placeholderText() + " ")
    inner = QSize(text + 4 + margins.left() + margins.right(), field.fontMetrics().height())
    return (
        field.style()
        .sizeFromContents(QStyle.ContentsType.CT_LineEdit, option, inner, field)
        .width()
    )


def make_question_widget(
    question: Question, order: Sequence[str] = (), parent: QWidget | None = None
) -> QuestionWidget:
    """The answer widget for the question's type, its options in the attempt's order."""
    kinds: dict[type, type[QuestionWidget]] = {
        SingleChoice: SingleChoiceWidget,
        MultipleChoice: MultipleChoiceWidget,
        TrueFalse: TrueFalseWidget,
        Matching: MatchingWidget,
        Ordering: OrderingWidget,
        Numeric: NumericWidget,
    }
    return kinds[type(question)](question, order, parent)


def describe_answer(question: Question, answer: Any) -> str:
    """An answer in words, as the review shows it; several options or pairs one per line, as
    options often end in a full stop ("…flares.; Helping" read as one garbled sentence)."""
    if answer is None or answer == [] or answer == {}:
        return _tr("No answer")
    match question:
        case SingleChoice() | MultipleChoice():
            chosen = answer if isinstance(answer, list) else [answer]
            return "\n".join(o.text.strip() for o in question.options if o.id in chosen)
        case TrueFalse():
            return _tr("True") if answer is True else _tr("False")
        case Numeric() if isinstance(answer, int | float):
            number = QLocale().toString(float(answer), "g", 12)
            return f"{number} {question.unit}".strip()
        case Matching() if isinstance(answer, dict):
            texts = dict(matching_choices(question))
            return "\n".join(
                f"{p.left} → {texts.get(answer.get(p.id, ''), _tr('no choice'))}"
                for p in question.pairs
            )
        case Ordering() if isinstance(answer, list):
            texts = {item.id: item.text for item in question.items}
            return ", ".join(f"{n}. {texts.get(i, i)}" for n, i in enumerate(answer, 1))
    return str(answer)


def key_answer(question: Question) -> Any:
    """The answer that earns every point, in the same shape a learner's answer has."""
    match question:
        case Matching():
            return {pair.id: pair.id for pair in question.pairs}
        case Ordering():
            return [item.id for item in question.items]
    return question.key
