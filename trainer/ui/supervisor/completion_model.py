"""The supervisor's completion grid as a Qt model: one row per learner, one column per module,
and columns for the course's pre-test (before the modules), post-test and evaluation (after).

The rows come from `services.learner_grid` (on the worker thread); `CompletionModel`
shows them and sorts them in Python (fast for 10,000 rows); `CompletionFilter` hides rows
by organisation, status, date and text.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QBrush, QColor

from trainer.services.figures import duration_text, percent_text
from trainer.services.grid_export import (
    export_grid_csv,
    is_overdue,
    module_totals,
    part_totals,
    total_minutes,
)
from trainer.services.learner_grid import (
    EVALUATION,
    PARTS,
    POSTTEST,
    PRETEST,
    LearnerRow,
    ModuleCell,
    TestCell,
)
from trainer.ui.shell import theme
from trainer.ui.shell.text_and_tables import as_typed

Index = QModelIndex | QPersistentModelIndex
COMPLETE, IN_PROGRESS, NOT_STARTED, FAILED = "complete", "in_progress", "not_started", "failed"
STATUS_RANK = {NOT_STARTED: 0, FAILED: 1, IN_PROGRESS: 2, COMPLETE: 3}
# learner, credential, organisation, course complete, modules done, total time; then the
# pre-test, the modules, the post-test and the evaluation (those the course has)
FIXED_BEFORE = 6
# a test's standing, low to high, for sorting
TEST_RANK = {"not_taken": 0, "no_attempts_left": 1, "in_progress": 2, "not_passed": 2,
             "baseline": 3, "passed": 3}  # fmt: skip
OVERDUE_BACKGROUND = QColor("#fde2e1")
OVERDUE_FOREGROUND = QColor("#7a1712")


_STATUS_OF_CODE = {"complete": COMPLETE, "no_attempts_left": FAILED, "in_progress": IN_PROGRESS}


def cell_status(cell: ModuleCell) -> str:
    """complete, failed (no attempts left), in_progress or not_started."""
    return _STATUS_OF_CODE.get(cell.status_code, NOT_STARTED)


class CompletionModel(QAbstractTableModel):
    """Learners x modules; sorting happens here, in Python, so the proxy only filters."""

    def __init__(
        self, module_titles: list[str], parent: Any = None, *, parts: Sequence[str] = PARTS
    ) -> None:
        super().__init__(parent)
        self.module_titles = list(module_titles)
        self.parts = tuple(parts)  # of PARTS: those the course has (`course_parts`)
        self.first_module = FIXED_BEFORE + (PRETEST in self.parts)
        after = [part for part in self.parts if part != PRETEST]
        self._part_of = {
            column: part
            for column, part in (
                [(FIXED_BEFORE, PRETEST)] if PRETEST in self.parts else []
            ) + [(self.first_module + len(self.module_titles) + n, p) for n, p in enumerate(after)]
        }  # fmt: skip
        self.rows: list[LearnerRow] = []
        self.due: date | None = None
        self.today: date = date.today()

    # data --------------------------------------------------------------------------------

    def set_rows(self, rows: list[LearnerRow]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def set_due_date(self, due: date | None, today: date | None = None) -> None:
        """Learners not complete once `due` has passed are overdue (None: no due date)."""
        self.due, self.today = due, today or date.today()
        if self.rows:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self.rows) - 1, self.columnCount() - 1)
            )

    def is_overdue(self, row: LearnerRow) -> bool:
        return is_overdue(row, self.due, self.today)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else FIXED_BEFORE + len(self.module_titles) + len(self.parts)

    def module_column(self, number: int) -> int:
        """The column of the module at `number` (0 for the first)."""
        return self.first_module + number

    def part_column(self, part: str) -> int:
        """The column of the pre-test, post-test or evaluation (-1 when the course has none)."""
        return next((c for c, p in self._part_of.items() if p == part), -1)

    def part_title(self, part: str) -> str:
        return {
            PRETEST: self.tr("Pre-test"), POSTTEST: self.tr("Post-test"),
            EVALUATION: self.tr("Course evaluation"),
        }[part]  # fmt: skip

    def headers(self) -> list[str]:
        modules = [f"{n}. {title}" for n, title in enumerate(self.module_titles, 1)]
        headers = [
            self.tr("Learner"), self.tr("Credential"), self.tr("Organisation"),
            self.tr("Course complete"), self.tr("Modules done"), self.tr("Total time"), *modules,
        ]  # fmt: skip
        for column, part in sorted(self._part_of.items()):
            headers.insert(column, self.part_title(part))
        return headers

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            headers = self.headers()
            return headers[section] if 0 <= section < len(headers) else None
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self.text(row, index.column())
        if role == Qt.ItemDataRole.ToolTipRole:
            return as_typed(self.text(row, index.column()))  # a name is never HTML
        if role == Qt.ItemDataRole.BackgroundRole and self.is_overdue(row):
            return QBrush(OVERDUE_BACKGROUND)
        if role == Qt.ItemDataRole.ForegroundRole and self.is_overdue(row):
            return QBrush(OVERDUE_FOREGROUND)
        if role == Qt.ItemDataRole.DecorationRole:
            mark = self.mark(row, index.column())
            return theme.status_icon(mark) if mark else None
        if role == Qt.ItemDataRole.ForegroundRole:
            mark = self.mark(row, index.column())
            if mark in (theme.GOOD, theme.BAD):
                return QBrush(theme.status_colour(mark))
        return None

    def mark(self, row: LearnerRow, column: int) -> str:
        """The coloured mark beside a status cell's words ("" for cells that are not one)."""
        if column == 3:
            return theme.GOOD if row.completed_on else theme.UNSTARTED
        part = self._part_of.get(column)
        if part == EVALUATION:
            return theme.GOOD if row.evaluation_on else theme.UNSTARTED
        if part is not None:
            test = row.pretest if part == PRETEST else row.posttest
            return theme.STATUS_MARKS.get(test.status_code, theme.UNSTARTED) if test else ""
        if column >= self.first_module:
            return theme.STATUS_MARKS.get(row.cells[column - self.first_module].status_code, "")
        return ""

    def text(self, row: LearnerRow, column: int) -> str:
        """The words a cell shows (also what the PDF report prints)."""
        if column == 0:
            return row.name
        if column == 1:
            return row.credential
        if column == 2:
            return row.organisation
        if column == 3:
            return self.course_text(row)
        if column == 4:
            return self.tr("%s of %s") % (row.modules_done, len(row.cells))
        if column == 5:
            return duration_text(row.active_seconds)
        part = self._part_of.get(column)
        if part is not None:
            return self.part_text(row, part)
        return self.cell_text(row.cells[column - self.first_module])

    def part_text(self, row: LearnerRow, part: str) -> str:
        """The pre-test: its baseline score ('Baseline: 2 of 35 right (5%)') or standing;
        the post-test as a module (standing, best score, day passed); the evaluation:
        submitted, and when."""
        if part == EVALUATION:
            if row.evaluation_on:
                return self.tr("Submitted · %s") % row.evaluation_on
            return self.tr("Not submitted")
        test = row.pretest if part == PRETEST else row.posttest
        if test is None:
            return ""
        if test.baseline:
            parts = [] if test.status_code == "baseline" and test.score else [test.status_words]
            parts += [test.score_words] if test.score else []
        else:
            parts = [test.status_words]
            if test.percent is not None:
                parts.append(self.tr("best %s") % percent_text(test.percent))
            if test.passed_on:
                parts.append(test.passed_on)
        return " · ".join(parts)

    def status_words(self, cell: ModuleCell) -> str:
        return cell.status_words

    def cell_text(self, cell: ModuleCell) -> str:
        parts = [cell.status_words]
        if cell.best_percent is not None:
            parts.append(self.tr("best %s") % percent_text(cell.best_percent))
        if cell.completed_on:
            parts.append(cell.completed_on)
        return " · ".join(parts)

    def course_text(self, row: LearnerRow) -> str:
        if row.completed_on:
            return self.tr("Complete · %s") % row.completed_on
        if self.is_overdue(row):
            return self.tr("Overdue (due %s)") % self.due.isoformat()  # type: ignore[union-attr]
        return self.tr("Not complete")

    # sorting -----------------------------------------------------------------------------

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort the learners by a column; ties keep name order."""
        if not 0 <= column < self.columnCount():
            return
        self.layoutAboutToBeChanged.emit()
        self.rows.sort(key=lambda r: r.name.lower())
        self.rows.sort(key=self._sort_key(column), reverse=order == Qt.SortOrder.DescendingOrder)
        self.layoutChanged.emit()

    def _sort_key(self, column: int) -> Any:
        if column == 0:
            return lambda r: r.name.lower()
        if column == 1:
            return lambda r: r.credential.lower()
        if column == 2:
            return lambda r: r.organisation.lower()
        if column == 3:
            return lambda r: (bool(r.completed_on), r.completed_on, not self.is_overdue(r))
        if column == 4:
            return lambda r: r.modules_done
        if column == 5:
            return lambda r: r.active_seconds
        part = self._part_of.get(column)
        if part == EVALUATION:
            return lambda r: (bool(r.evaluation_on), r.evaluation_on)
        if part is not None:
            return lambda r: _test_key(r.pretest if part == PRETEST else r.posttest)
        module = column - self.first_module

        def key(r: LearnerRow) -> tuple[int, float, float, str]:
            cell = r.cells[module]
            read = cell.lessons_read / cell.lessons_total if cell.lessons_total else 0.0
            best = -1.0 if cell.best_percent is None else cell.best_percent
            return STATUS_RANK[cell_status(cell)], read, best, cell.completed_on

        return key

    # export ------------------------------------------------------------------------------

    def write_csv(
        self, target: Path, rows: list[LearnerRow], *, stamp: str, who: str, filters: str,
        course: str,
    ) -> Path:  # fmt: skip
        """`rows` as a CSV file and its summary, as `grid_export` lays them out, with the
        model's due date. Returns the summary's path."""
        return export_grid_csv(
            target, rows, self.module_titles, stamp=stamp, who=who, filters=filters,
            due=self.due, today=self.today, course=course, parts=self.parts,
            force=True,  # the save dialog asked before replacing the file
        )  # fmt: skip

    def report_rows(self, rows: list[LearnerRow]) -> list[dict[str, Any]]:
        """The printed report's rows: the screen's words, and whether each is overdue."""
        columns = range(self.columnCount())
        return [
            {"cells": [self.text(r, c) for c in columns], "overdue": self.is_overdue(r)}
            for r in rows
        ]

    def report_totals(self, rows: list[LearnerRow]) -> list[str]:
        """The printed report's totals row, in the screen's columns."""
        totals = [
            self.tr("Totals (%s learners)") % len(rows), "", "",
            self.tr("%s complete") % sum(1 for r in rows if r.completed_on),
            str(sum(r.modules_done for r in rows)),
            duration_text(60 * total_minutes(rows)),
        ]  # fmt: skip
        counts = module_totals(rows, len(self.module_titles))
        totals += [self.tr("%s complete") % count for count in counts]
        words = {PRETEST: self.tr("%s taken"), POSTTEST: self.tr("%s passed"),
                 EVALUATION: self.tr("%s submitted")}  # fmt: skip
        counted = dict(part_totals(rows, self.parts))
        for column, part in sorted(self._part_of.items()):
            totals.insert(column, words[part] % counted[part])
        return totals


def _test_key(test: TestCell | None) -> tuple[int, float, str]:
    """Not taken first, then by standing, score and the day first passed."""
    if test is None:
        return -1, -1.0, ""
    best = -1.0 if test.percent is None else test.percent
    return TEST_RANK.get(test.status_code, 0), best, test.passed_on


class CompletionFilter(QSortFilterProxyModel):
    """Hides learners by organisation, status, course-completion dates and name/credential.

    Sorting is handed to the source model (a Python sort), so the proxy keeps its order.
    Qt asks `filterAcceptsRow` once per learner at every change (10,000 calls a keystroke
    of a search); the answers are worked out once per change, in one pass over the rows
    with their lowercase search keys, and each call looks its row up.
    """

    STATUSES = ("any", COMPLETE, IN_PROGRESS, NOT_STARTED, "overdue")
    FILTERS = ("organisation", "status", "search", "completed_from", "completed_to")

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.organisation: str | None = None
        self.status = "any"
        self.search = ""
        self.completed_from: date | None = None
        self.completed_to: date | None = None
        self._model: Any = None  # the CompletionModel, once set
        self._keys: list[tuple[str, LearnerRow]] = []  # "name\ncredential" in lowercase
        self._keys_for: list[LearnerRow] | None = None
        self._accepted: set[int] = set()  # ids of the rows the filters accept...
        self._accepted_for: list[LearnerRow] | None = None  # ...in this list of rows

    def setSourceModel(self, model: Any) -> None:
        self._model = model
        self._accepted_for = None
        model.dataChanged.connect(self._forget)  # first, so the proxy's own handler sees it
        super().setSourceModel(model)

    def source(self) -> CompletionModel:
        return self.sourceModel()  # type: ignore[return-value]

    def set_filters(self, **filters: Any) -> None:
        """Change any of organisation, status, search, completed_from, completed_to."""
        unknown = [n for n in filters if n not in self.FILTERS]
        if unknown:
            raise TypeError(f"unknown filter {unknown[0]}")
        self.beginFilterChange()
        for name, value in filters.items():
            setattr(self, name, value)
        self.search = self.search.strip().lower()
        self._forget()
        self.endFilterChange()

    def refilter(self) -> None:
        """Apply the filters again (e.g. after the due date changed who is overdue)."""
        self.beginFilterChange()
        self._forget()
        self.endFilterChange()

    def _forget(self) -> None:
        self._accepted_for = None

    def _accepted_ids(self) -> set[int]:
        """The ids of the rows the filters accept, worked out again after any change (new
        rows, new filters, changed data); a sort keeps them."""
        rows = self._model.rows
        if rows is not self._accepted_for:
            if rows is not self._keys_for:
                self._keys = [((r.name + "\n" + r.credential).lower(), r) for r in rows]
                self._keys_for = rows
            search = self.search
            if self.organisation is None and self.status == "any" and not self._dated():
                self._accepted = {id(r) for key, r in self._keys if search in key}
            else:
                self._accepted = {
                    id(r) for key, r in self._keys if search in key and self.accepts(r)
                }
            self._accepted_for = rows
        return self._accepted

    def _dated(self) -> bool:
        return self.completed_from is not None or self.completed_to is not None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.source().sort(column, order)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        rows = self._model.rows
        accepted = self._accepted if rows is self._accepted_for else self._accepted_ids()
        return id(rows[source_row]) in accepted

    def accepts(self, row: LearnerRow) -> bool:
        """Whether `row` passes every filter but the search (matched on its key)."""
        if self.organisation is not None and row.organisation != self.organisation:
            return False
        if self.status == COMPLETE and not row.completed_on:
            return False
        if self.status == IN_PROGRESS and (row.completed_on or not row.started):
            return False
        if self.status == NOT_STARTED and row.started:
            return False
        if self.status == "overdue" and not self._model.is_overdue(row):
            return False
        if self._dated():
            if not row.completed_on:
                return False
            day = date.fromisoformat(row.completed_on)
            if self.completed_from is not None and day < self.completed_from:
                return False
            if self.completed_to is not None and day > self.completed_to:
                return False
        return True

    def visible_rows(self) -> list[LearnerRow]:
        """The learners shown, in the order shown: the source's, as this proxy never sorts."""
        accepted = self._accepted_ids()
        return [r for r in self._model.rows if id(r) in accepted]
