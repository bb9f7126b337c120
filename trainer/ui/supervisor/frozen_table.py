"""A table whose first column stays in view while the others scroll sideways.

Qt's "Frozen Column" technique: a second QTableView, a child of the table laid over its
left edge, shows only column 0 of the same model through the same selection model; its
rows follow the table's vertical scrolling and row heights, its column the width of the
table's column 0. The table keeps the keyboard focus, its accessible name and every
column, so keyboard navigation, selection and screen readers work as on a plain table;
the overlay takes no focus, and a click on it selects in the table, a double click
activates there, and a click on its header sorts the table by its first column.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
)
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QAbstractItemView, QFrame, QHeaderView, QTableView, QWidget


class FrozenColumnTable(QTableView):
    """A QTableView whose column 0 does not scroll horizontally (`frozen` is the overlay)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.frozen = QTableView(self)
        self.frozen.setObjectName("frozenColumn")
        self.frozen.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.frozen.verticalHeader().hide()
        self.frozen.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.frozen.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.frozen.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.frozen.setTabKeyNavigation(False)
        self.frozen.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.frozen.horizontalHeader().setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.frozen.horizontalHeader().setSectionsClickable(True)
        self.frozen.horizontalHeader().setSortIndicatorShown(True)
        self.frozen.setFrameShape(QFrame.Shape.NoFrame)
        # its own sheet wins over the app's, whose border and margin would shift its rows
        self.frozen.setStyleSheet("QTableView#frozenColumn { border: none; margin: 0px; }")
        self.frozen.hide()  # until a model is set
        # the table scrolls by pixels so that the overlay's rows line up with its own
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.frozen.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.viewport().stackUnder(self.frozen)

        self.horizontalHeader().sectionResized.connect(self._column_resized)
        self.verticalHeader().sectionResized.connect(self._row_resized)
        self.verticalScrollBar().valueChanged.connect(self.frozen.verticalScrollBar().setValue)
        self.frozen.verticalScrollBar().valueChanged.connect(self.verticalScrollBar().setValue)
        self.horizontalHeader().sortIndicatorChanged.connect(self._mirror_sort_indicator)
        self.frozen.horizontalHeader().sortIndicatorChanged.connect(self._sort_from_overlay)
        self.frozen.activated.connect(self.activated)
        self.frozen.doubleClicked.connect(self.doubleClicked)
        self.frozen.pressed.connect(lambda _index: self.setFocus(Qt.FocusReason.MouseFocusReason))

    # the model and its columns -----------------------------------------------------------

    def setModel(self, model: QAbstractItemModel | None) -> None:
        super().setModel(model)
        self.frozen.setModel(model)
        self.frozen.setSelectionModel(self.selectionModel())
        if model is not None:
            model.columnsInserted.connect(self._hide_other_columns)
            model.modelReset.connect(self._hide_other_columns)
            model.layoutChanged.connect(self._hide_other_columns)
            model.modelReset.connect(lambda: QTimer.singleShot(0, self, self.sync_rows))
        self._hide_other_columns()
        self.frozen.show()

    def setSelectionModel(self, selection: QItemSelectionModel) -> None:
        super().setSelectionModel(selection)
        if self.frozen.model() is not None and selection.model() is self.frozen.model():
            self.frozen.setSelectionModel(selection)

    def setSelectionBehavior(self, behavior: QAbstractItemView.SelectionBehavior) -> None:
        super().setSelectionBehavior(behavior)
        self.frozen.setSelectionBehavior(behavior)

    def setSelectionMode(self, mode: QAbstractItemView.SelectionMode) -> None:
        super().setSelectionMode(mode)
        self.frozen.setSelectionMode(mode)

    def setWordWrap(self, on: bool) -> None:
        super().setWordWrap(on)
        self.frozen.setWordWrap(on)

    def _hide_other_columns(self, *_args: Any) -> None:
        model = self.model()
        if model is None:
            return
        for column in range(model.columnCount()):
            self.frozen.setColumnHidden(column, column != 0)
        self.frozen.setColumnWidth(0, self.columnWidth(0))
        self._update_geometry()

    # keeping the overlay on the table ----------------------------------------------------

    def _column_resized(self, column: int, _old: int, size: int) -> None:
        if column == 0:
            self.frozen.setColumnWidth(0, size)
            self._update_geometry()

    def _row_resized(self, row: int, _old: int, size: int) -> None:
        self.frozen.setRowHeight(row, size)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._update_geometry()

    def updateGeometries(self) -> None:
        super().updateGeometries()
        self._update_geometry()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:  # zoom: rows and header follow the text
            # the overlay has a style sheet of its own, so the app's font may not reach it
            self.frozen.setFont(self.font())
            self.frozen.horizontalHeader().setFont(self.horizontalHeader().font())
            self.frozen.verticalHeader().setDefaultSectionSize(
                self.verticalHeader().defaultSectionSize()
            )
            self._update_geometry()
            # the table settles its rows after the font change; match every one afterwards
            QTimer.singleShot(0, self, self.sync_rows)

    def sync_rows(self) -> None:
        """Give every overlay row the height of the table's row (a new default size resets
        the overlay's rows, and a row the table leaves as it was sends no signal)."""
        model = self.model()
        for row in range(model.rowCount() if model is not None else 0):
            height = self.rowHeight(row)
            if self.frozen.rowHeight(row) != height:
                self.frozen.setRowHeight(row, height)
        self._update_geometry()

    def _update_geometry(self) -> None:
        """Over the table's column 0 and its header: from the viewport's left edge (inside
        any frame, border or margin a style sheet gives the table) to its bottom."""
        header = self.horizontalHeader()
        viewport = self.viewport().geometry()
        self.frozen.horizontalHeader().setFixedHeight(header.height())
        self.frozen.setGeometry(
            viewport.left(), header.geometry().top(), self.columnWidth(0),
            viewport.bottom() + 1 - header.geometry().top(),
        )  # fmt: skip
        self.frozen.verticalScrollBar().setValue(self.verticalScrollBar().value())

    # sorting from either header ----------------------------------------------------------

    def _mirror_sort_indicator(self, section: int, order: Qt.SortOrder) -> None:
        header = self.frozen.horizontalHeader()
        header.blockSignals(True)
        header.setSortIndicator(section, order)
        header.blockSignals(False)
        header.viewport().update()

    def _sort_from_overlay(self, section: int, order: Qt.SortOrder) -> None:
        """A click on the overlay's header sorts the table, as a click on its own would."""
        if self.isSortingEnabled():
            self.sortByColumn(section, order)

    # the current cell never hides under the overlay --------------------------------------

    def scrollTo(
        self,
        index: QModelIndex | QPersistentModelIndex,
        hint: QAbstractItemView.ScrollHint = QAbstractItemView.ScrollHint.EnsureVisible,
    ) -> None:
        bar = self.horizontalScrollBar()
        across = bar.value()
        super().scrollTo(index, hint)
        if not index.isValid():
            return
        if index.column() == 0:  # in view already: only the rows scroll
            bar.setValue(across)
            return
        hidden = self.columnWidth(0) - self.visualRect(index).left()
        if hidden > 0:
            bar.setValue(bar.value() - hidden)
