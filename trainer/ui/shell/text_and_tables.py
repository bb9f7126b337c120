"""Small helpers the pages share: text for durations, times and refusals; labels that
scale with the system font; read-only report tables."""

from __future__ import annotations

import html
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime
from itertools import pairwise

from PySide6 import QtGui
from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QItemSelectionModel,
    QObject,
    QPoint,
    Qt,
    QTimer,
    Slot,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractScrollArea,
    QApplication,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLayout,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from trainer.services.figures import duration_text
from trainer.ui.shell import theme
from trainer.ui.shell.text_size import follow_text_size


def tr(text: str, disambiguation: str | None = None, n: int = -1) -> str:
    """Translate text shown outside a widget's own `tr` (context "RecordPages")."""
    return QCoreApplication.translate("RecordPages", text, disambiguation, n)


def format_duration(seconds: int) -> str:
    """Hours and minutes, e.g. "2 h 05 min" or "12 min", as every figure of time is written."""
    return duration_text(seconds)


def local_time(moment: datetime) -> str:
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")


def sentence(message: object) -> str:
    """A service's refusal ("the course is not complete…") as a sentence to show."""
    text = str(message).strip()
    if not text:
        return ""
    text = text[0].upper() + text[1:]
    return text if text.endswith((".", "!", "?")) else text + "."


def heading(text: str) -> QLabel:
    """A page title that scales with the system font (rich-text h1, no fixed size)."""
    label = QLabel(f"<h1>{html.escape(text)}</h1>")
    label.setTextFormat(Qt.TextFormat.RichText)
    label.setWordWrap(True)
    label.setAccessibleName(text)
    return label


class LinesBox(QPlainTextEdit):
    """A plain-text box `lines` lines high in its own font, also after View > Zoom; Tab
    moves on to the next control (it never gets stuck in the box)."""

    def __init__(self, lines: int) -> None:
        super().__init__()
        self.lines = lines
        self.setTabChangesFocus(True)
        self._fit_height()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        changed = event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange)
        if changed and hasattr(self, "lines"):
            self._fit_height()

    def _fit_height(self) -> None:
        self.ensurePolished()  # the stylesheet's border and margin are part of the height
        margins = self.contentsMargins()
        self.setFixedHeight(
            self.fontMetrics().lineSpacing() * self.lines
            + 2 * round(self.document().documentMargin())
            + margins.top()
            + margins.bottom()
        )


def plain_text(label: QLabel) -> QLabel:
    """Show `label`'s text as typed: a name like `<h1>Done</h1>` must not turn into HTML
    (a QLabel takes anything that looks like HTML as HTML unless told otherwise)."""
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


def as_typed(text: str) -> str:
    """`text` for wherever Qt guesses the format (a tooltip, a message box, an input
    dialog's label), shown as typed: text that looks like HTML is escaped into HTML that
    shows the characters themselves."""
    if QtGui.Qt.mightBeRichText(text):
        return QtGui.Qt.convertFromPlainText(text, Qt.WhiteSpaceMode.WhiteSpaceNormal)
    return text


def wrapping_label(text: str, rich: bool = False) -> QLabel:
    """A label that wraps its text, shown as plain text unless `rich`."""
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.RichText if rich else Qt.TextFormat.PlainText)
    return label


def scaled(label: QLabel, factor: float, bold: bool = True, wrap: bool = True) -> QLabel:
    """Make a heading that follows the app's text size: a multiple of it, never fixed."""
    font = label.font()
    font.setBold(bold)
    label.setFont(font)
    follow_text_size(label, factor)
    if wrap:
        label.setWordWrap(True)
    return label


def section_label(text: str) -> QLabel:
    """A section title with a mnemonic; larger than the system font by a ratio, not a size."""
    return scaled(QLabel(text), 1.25)


def message_page(message: QLabel, button: QPushButton) -> QWidget:
    """A page holding a message and, under it on the left, the one button that follows it."""
    page = QWidget()
    layout = QVBoxLayout(page)
    layout.addWidget(message)
    row = QHBoxLayout()
    row.addWidget(button)
    row.addStretch(1)
    layout.addLayout(row)
    layout.addStretch(1)
    return page


def report_table(name: str, headers: list[str], description: str = "") -> QTableWidget:
    """A read-only table that grows with its rows, so the page scrolls as one."""
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.setAccessibleName(name)
    table.setAccessibleDescription(description)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setTabKeyNavigation(False)  # Tab leaves the table; arrows move inside it
    table.setWordWrap(True)
    table.verticalHeader().setVisible(False)
    table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    table.setSizeAdjustPolicy(QAbstractScrollArea.SizeAdjustPolicy.AdjustToContents)
    # never squeezed below its rows: the page scrolls instead
    table.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    # wrapped cells need their rows re-measured whenever the columns change width
    header.sectionResized.connect(
        lambda *_: QTimer.singleShot(0, table, table.resizeRowsToContents)
    )
    return table


RING_ROOM = 4  # px kept in view beyond a focused control's edge, for its ring


class _FocusFollower(QObject):
    """Lives as a child of its scroll area, so its connection ends with the area."""

    def __init__(self, area: QScrollArea) -> None:
        super().__init__(area)
        self.area = area

    @Slot(QWidget, QWidget)
    def focused(self, _old: QWidget | None, new: QWidget | None) -> None:
        if not isValid(self.area):  # the focus moved while the area was being deleted
            return
        content = self.area.widget()
        if new is None or content is None or not content.isAncestorOf(new):
            return
        self._show(new)
        # again once pending layouts are done: a form laid out anew moves its controls
        QTimer.singleShot(0, self, lambda: self._show(new))

    def _show(self, new: QWidget) -> None:
        content = self.area.widget() if isValid(self.area) else None
        if content is None or not isValid(new) or not content.isAncestorOf(new):
            return
        # the whole control: ensureWidgetVisible shows only a table's current cell
        top_left = new.mapTo(content, QPoint(0, 0))
        left, top, bottom = top_left.x(), top_left.y(), top_left.y() + new.height()
        self.area.ensureVisible(left, bottom, RING_ROOM, RING_ROOM)
        self.area.ensureVisible(left, top, RING_ROOM, RING_ROOM)  # the top wins if too tall


def follow_focus(area: QScrollArea) -> QScrollArea:
    """Scroll `area` so that the control that takes the keyboard focus inside it is in
    view, ring and all (a scroll area does this for Tab only, and with wide margins that a
    tall table cannot meet, leaving its lower edge and ring out of sight)."""
    app = QApplication.instance()
    if isinstance(app, QApplication):
        app.focusChanged.connect(_FocusFollower(area).focused)
    return area


def scroll_inside(table: QAbstractScrollArea, lines: int = 6) -> QAbstractScrollArea:
    """Make a table that stands outside a scroll area scroll inside itself: it asks for
    `lines` lines of height and takes what room there is, so a long record never makes its
    window taller (or wider) than the screen."""
    table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
    table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
    table.setSizeAdjustPolicy(QAbstractScrollArea.SizeAdjustPolicy.AdjustIgnored)
    table.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
    table.setMinimumHeight(table.fontMetrics().lineSpacing() * lines)
    return table


def mark_column(table: QTableWidget, column: int, codes: list[str]) -> None:
    """Give each row's status in `column` the colour and icon of its code (a learner
    record's status codes), beside the words already there."""
    for row, code in enumerate(codes):
        item = table.item(row, column)
        if item is None:
            continue
        mark = theme.STATUS_MARKS.get(code, theme.UNSTARTED)
        item.setIcon(theme.status_icon(mark))
        if mark in (theme.GOOD, theme.BAD):
            item.setForeground(theme.status_colour(mark))


@contextmanager
def filling(table: QTableWidget) -> Iterator[None]:
    """Fill `table` with its columns sized once at the end: a column sized to its contents
    would measure every row again after each cell (minutes for a few thousand cells)."""
    header = table.horizontalHeader()
    modes = [header.sectionResizeMode(column) for column in range(table.columnCount())]
    table.setUpdatesEnabled(False)
    header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    try:
        yield
    finally:
        for column, mode in enumerate(modes):
            header.setSectionResizeMode(column, mode)
        table.setUpdatesEnabled(True)


def fill_table(table: QTableWidget, rows: list[list[str]]) -> None:
    with filling(table):
        table.setRowCount(len(rows))
        for row, cells in enumerate(rows):
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(as_typed(text))
                table.setItem(row, column, item)
    table.resizeRowsToContents()
    if rows:
        # current (for the keyboard) but not selected, so no row looks highlighted
        table.selectionModel().setCurrentIndex(
            table.model().index(0, 0), QItemSelectionModel.SelectionFlag.NoUpdate
        )


def tab_stops(widget: QWidget) -> list[QWidget]:
    """The controls inside `widget` that Tab reaches, in the order they were made."""
    return [
        child
        for child in widget.findChildren(QWidget)
        if child.focusPolicy() & Qt.FocusPolicy.TabFocus and child.window() is widget.window()
    ]


def tab_chain(widgets: Sequence[QWidget]) -> None:
    """Tab goes through `widgets` in this order: a control made after the others (a new
    question, a new form) would otherwise come last in its window."""
    for first, second in pairwise(widgets):
        QWidget.setTabOrder(first, second)


def drop_widget(layout: QLayout, widget: QWidget | None) -> None:
    """Take `widget` (a question's answer controls, say) out of `layout` and delete it."""
    if widget is not None:
        widget.hide()
        layout.removeWidget(widget)
        widget.deleteLater()
