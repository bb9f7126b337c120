"""The trainer's item analysis tab: how often each question is answered right, and by whom,
in a table sortable by any column; under it, how often each choice of the client cases is
taken."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QHeaderView,
    QLabel,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from trainer.ui.shell.context import AppContext
from trainer.ui.shell.text_and_tables import (
    fill_table,
    filling,
    report_table,
    scroll_inside,
    section_label,
    sentence,
)

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
QUESTION_ROLE = Qt.ItemDataRole.UserRole + 2
TEXT_COLUMNS = {0: 44, 1: 20, 5: 40, 6: 20}  # column: its width in characters
CASE_TEXT_COLUMNS = {0: 30, 1: 20, 2: 44}
RATING_WORDS = {"helpful": "helpful", "partly": "partly helpful", "harmful": "harmful"}


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
    case_analysis_loaded = Signal()
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
        questions = QWidget()
        analysis_layout = QVBoxLayout(questions)
        analysis_layout.setContentsMargins(0, 0, 0, 0)
        analysis_layout.addWidget(self.analysis_note)
        analysis_layout.addWidget(self.analysis, 1)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(questions)
        splitter.addWidget(self._case_part())
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        QVBoxLayout(self).addWidget(splitter)

    def _case_part(self) -> QWidget:
        """The client cases' table: each choice with its rating and how often it is taken."""
        self.case_heading = section_label(self.tr("Client cases: how often each choice is taken"))
        self.cases = report_table(
            self.tr("Client cases: how often each choice is taken"),
            [
                self.tr("Case"),
                self.tr("Decision point"),
                self.tr("Choice"),
                self.tr("Rating"),
                self.tr("Times taken"),
                self.tr("Share at this point"),
            ],
            self.tr("Each choice of each case, in the order the case is written"),
        )
        scroll_inside(self.cases)
        header = self.cases.horizontalHeader()
        width = self.cases.fontMetrics().averageCharWidth()
        for column, characters in CASE_TEXT_COLUMNS.items():
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, width * characters)
        self.case_note = QLabel()
        self.case_note.setWordWrap(True)
        self.case_note.setAccessibleName(self.tr("Client case analysis status"))
        part = QWidget()
        layout = QVBoxLayout(part)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.case_heading)
        layout.addWidget(self.case_note)
        layout.addWidget(self.cases, 1)
        return part

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
        self._refresh_cases()

    def _refresh_cases(self) -> None:
        from trainer.services.case_analysis import case_choice_analysis

        store, catalog = self.context.store, self.context.catalog
        self.case_note.setText(self.tr("Reading the choices made…"))
        self.context.tasks.read(
            lambda: case_choice_analysis(store, catalog),
            self._show_cases,
            what=self.tr("Reading the client cases' choices"),
            on_failure=self._cases_failed,
        )

    def _cases_failed(self, error: Exception) -> None:
        self.case_note.setText(sentence(error))
        self.case_analysis_loaded.emit()

    def _show_cases(self, rows: Any) -> None:
        none = self.tr("not reached yet")
        fill_table(
            self.cases,
            [
                [
                    row.case_title,
                    row.node_id,
                    row.text,
                    RATING_WORDS.get(row.rating, row.rating),
                    str(row.taken),
                    none if row.share is None else f"{row.share * 100:.0f} %",
                ]
                for row in rows
            ],
        )
        made = sum(row.taken for row in rows)
        cases = len({row.case_id for row in rows})
        played = len({row.case_id for row in rows if row.taken})
        if not rows:
            text = self.tr("The course has no client cases.")
        elif made:
            text = (
                self.tr("Choices made in the client cases: %1. Cases played: %2 of %3.")
                .replace("%1", str(made))
                .replace("%2", str(played))
                .replace("%3", str(cases))
            )
        else:
            text = self.tr("No choices made yet: this needs learners who have played the cases.")
        self.case_note.setText(text)
        self.case_analysis_loaded.emit()

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
