"""The trainer's item analysis tab: how often each question is answered right, and by whom,
in a table sortable by any column."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from trainer.ui.shell.context import AppContext
from trainer.ui.shell.text_and_tables import filling, report_table, scroll_inside, sentence

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
QUESTION_ROLE = Qt.ItemDataRole.UserRole + 2
TEXT_COLUMNS = {0: 44, 1: 20, 5: 40, 6: 20}  # column: its width in characters


class _SortItem(QTableWidgetItem):
    """A cell shown as text and sorted by a number (None sorts first)."""

    def __lt__(self, other: QTableWidgetItem) -> bool:
        mine, theirs = self.data(SORT_ROLE), other.data(SORT_ROLE)
        if mine is None or theirs is None:
            return mine is None and theirs is not None
        return bool(mine < theirs)


class ItemAnalysisView(QWidget):
    """The analysis of every question, read from the attempts in the database."""

    item_analysis_loaded = Signal()
    question_opened = Signal(str, str)  # quiz id, question id: Enter or a double-click

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.rows: list[Any] = []
        self.analysis = report_table(
            self.tr("Item analysis"),
            [
                self.tr("Question"),
                self.tr("Quiz"),
                self.tr("Answers"),
                self.tr("Answered right"),
                self.tr("Discrimination"),
                self.tr("Options chosen"),
                self.tr("Flags"),
            ],
            self.tr("Each question: how often it is answered right and by whom"),
        )
        scroll_inside(self.analysis)  # 183 questions scroll in the table, not the window
        self._size_columns()
        header = self.analysis.horizontalHeader()
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)  # quiz and file order
        self.analysis.setSortingEnabled(True)
        self.analysis.setAccessibleDescription(
            self.tr("Press Enter on a question to open it in the editor")
        )
        self.analysis.itemActivated.connect(self._open_question)
        self.analysis_note = QLabel()
        self.analysis_note.setWordWrap(True)
        self.analysis_note.setAccessibleName(self.tr("Item analysis status"))
        analysis_layout = QVBoxLayout(self)
        analysis_layout.addWidget(self.analysis_note)
        analysis_layout.addWidget(self.analysis, 1)

    def _size_columns(self) -> None:
        """The question, quiz, options and flags get room for a readable line of text and
        wrap; a larger text size scrolls the table sideways rather than squeeze them to a
        word a line."""
        header = self.analysis.horizontalHeader()
        width = self.analysis.fontMetrics().averageCharWidth()
        for column, characters in TEXT_COLUMNS.items():
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, width * characters)
        header.setStretchLastSection(False)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._size_columns()

    def refresh(self) -> None:
        """Read the analysis of every question from the attempts in the database."""
        try:
            from trainer.services.item_analysis import item_analysis
        except ImportError:
            self.analysis_note.setText(self.tr("Item analysis is not available yet."))
            self.item_analysis_loaded.emit()
            return
        store, catalog = self.context.store, self.context.catalog
        self.analysis_note.setText(self.tr("Reading the answers…"))
        self.context.tasks.read(
            lambda: item_analysis(store, catalog),
            self._show_analysis,
            what=self.tr("Reading the item analysis"),
            on_failure=self._analysis_failed,
        )

    def _analysis_failed(self, error: Exception) -> None:
        self.analysis_note.setText(sentence(error))
        self.item_analysis_loaded.emit()

    def stats_by_question(self) -> dict[str, tuple[int, float | None, float | None]]:
        """Per question id: answers, share answered right and discrimination, as last read."""
        return {
            row.question_id: (row.responses, row.difficulty, row.discrimination)
            for row in self.rows
        }

    def _show_analysis(self, rows: Any) -> None:
        self.rows = list(rows)
        table: QTableWidget = self.analysis
        table.setSortingEnabled(False)
        with filling(table):
            self._fill(table, rows)
        table.setSortingEnabled(True)
        table.resizeRowsToContents()
        answered = sum(1 for row in rows if row.responses)
        self.analysis_note.setText(
            self.tr(
                "%1 of %2 questions have answers. Click a column heading to sort; press Enter"
                " or double-click a question to open it."
            )
            .replace("%1", str(answered))
            .replace("%2", str(len(rows)))
            if answered
            else self.tr("No answers yet: item analysis needs learners' attempts.")
        )
        self.item_analysis_loaded.emit()

    def _fill(self, table: QTableWidget, rows: Any) -> None:
        table.setRowCount(len(rows))
        none = self.tr("not enough answers")
        for number, row in enumerate(rows):
            options = "; ".join(
                f"{row.option_label(option)}: {count}"
                for option, count in row.option_counts.items()
            )
            difficulty = none if row.difficulty is None else f"{row.difficulty * 100:.0f} %"
            discrimination = none if row.discrimination is None else f"{row.discrimination:.2f}"
            cells = [
                (f"{row.question_id}: {row.prompt}", row.question_id),
                (row.quiz_id, row.quiz_id),
                (str(row.responses), row.responses),
                (difficulty, row.difficulty),
                (discrimination, row.discrimination),
                (options, options),
                (", ".join(row.flags), ", ".join(row.flags)),
            ]
            for column, (text, key) in enumerate(cells):
                item = _SortItem(text)
                item.setData(SORT_ROLE, key)
                item.setData(QUESTION_ROLE, (row.quiz_id, row.question_id))
                item.setToolTip(text)
                table.setItem(number, column, item)

    def _open_question(self, item: QTableWidgetItem) -> None:
        quiz_id, question_id = item.data(QUESTION_ROLE)
        self.question_opened.emit(quiz_id, question_id)
