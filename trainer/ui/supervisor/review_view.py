"""The supervisor's booster reviews: per learner and objective, the reviews done, the
retention estimate and the confident errors on safety items; below, the retention at 90
days per objective. Read in the background; filtered, sorted and exported as shown."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractScrollArea,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from trainer.services import review_export
from trainer.services.errors import ServiceError
from trainer.services.review_export import CourseNames, Printed, course_names
from trainer.services.review_reports import (
    LearnerReviewRow,
    ObjectiveRetentionReport,
    retention_at_90_days,
    review_overview,
)
from trainer.services.reviews import review_settings
from trainer.ui.shell import file_dialogs
from trainer.ui.shell.context import AppContext
from trainer.ui.shell.tasks import LEARNERS, PROGRESS, Freshness
from trainer.ui.shell.text_and_tables import (
    as_typed,
    fill_table,
    heading,
    report_table,
    sentence,
)

Index = QModelIndex | QPersistentModelIndex
SORT_ROLE = Qt.ItemDataRole.UserRole
SEARCH_PAUSE_MS = 150  # as the completion grid's search
MAX_COLUMN_CHARACTERS = 40  # as the completion grid's columns


@dataclass(frozen=True)
class Reviews:
    """What the view reads in the background."""

    rows: list[LearnerReviewRow]
    report: list[ObjectiveRetentionReport]
    names: CourseNames


class ReviewModel(QAbstractTableModel):
    """One row per learner and objective they reviewed."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[LearnerReviewRow] = []
        self.names = CourseNames({}, {})
        self.headers = [
            self.tr("Learner"), self.tr("Objective"), self.tr("Reviews done"),
            self.tr("Estimated retention"), self.tr("Confident errors on safety items"),
        ]  # fmt: skip

    def set_rows(self, rows: list[LearnerReviewRow], names: CourseNames) -> None:
        self.beginResetModel()
        self.rows, self.names = rows, names
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, column = self.rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, column)
        if role == SORT_ROLE:
            return self._sort_key(row, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, column)
        return None

    def _text(self, row: LearnerReviewRow, column: int) -> str:
        if column == 0:
            return row.display_name
        if column == 1:
            return self.names.objective(row.objective_id)
        if column == 2:
            return str(row.reviews)
        if column == 3:
            return (
                self.tr("not reviewed yet")
                if row.retention is None
                else review_export.retention_text(row.retention)
            )
        return str(len(row.safety_errors))

    def _sort_key(self, row: LearnerReviewRow, column: int) -> Any:
        if column == 2:
            return row.reviews
        if column == 3:
            return -1.0 if row.retention is None else row.retention
        if column == 4:
            return len(row.safety_errors)
        return self._text(row, column).casefold()

    def _tooltip(self, row: LearnerReviewRow, column: int) -> str:
        if column == 4 and row.safety_errors:
            lines = review_export.safety_error_lines(row, self.names)
            return as_typed(self.tr("Answered wrongly with “sure”:") + "\n" + "\n".join(lines))
        if column == 4:
            return self.tr("No safety item answered wrongly with “sure”")
        if column == 3:
            return self.tr(
                "The estimated chance of recalling this objective's items now, from the"
                " learner's own answers: an estimate, not a grade"
            )
        return as_typed(self._text(row, column))


class ReviewFilter(QSortFilterProxyModel):
    """Rows whose learner or objective holds the typed text; sorted by numbers as numbers."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.text = ""
        self.setSortRole(SORT_ROLE)

    def set_text(self, text: str) -> None:
        self.beginFilterChange()
        self.text = text.strip().casefold()
        self.endFilterChange()

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        if not self.text:
            return True
        model = self.sourceModel()
        assert isinstance(model, ReviewModel)
        row = model.rows[source_row]
        words = f"{row.display_name}\n{row.objective_id}\n{model.names.objective(row.objective_id)}"
        return self.text in words.casefold()

    def visible_rows(self) -> list[LearnerReviewRow]:
        model = self.sourceModel()
        assert isinstance(model, ReviewModel)
        return [
            model.rows[self.mapToSource(self.index(n, 0)).row()] for n in range(self.rowCount())
        ]


class ReviewView(QWidget):
    """Booster reviews for the supervisor; `loaded` is emitted after each read."""

    loaded = Signal()

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.freshness = Freshness(self, context.tasks, {PROGRESS, LEARNERS}, self.refresh)
        self.report: list[ObjectiveRetentionReport] = []
        self.model = ReviewModel(self)
        self.proxy = ReviewFilter(self)
        self.proxy.setSourceModel(self.model)

        self.search = QLineEdit()
        self.search.setAccessibleName(self.tr("Filter by learner or objective"))
        self.search.setPlaceholderText(self.tr("Learner or objective"))
        self.search.setClearButtonEnabled(True)
        self.search_pause = QTimer(self)  # typing filters once, when the typist pauses
        self.search_pause.setSingleShot(True)
        self.search_pause.setInterval(SEARCH_PAUSE_MS)
        self.search_pause.timeout.connect(self.apply_filter)
        self.search.textEdited.connect(lambda _text: self.search_pause.start())
        self.search.textChanged.connect(self._search_changed)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setAccessibleName(self.tr("Booster reviews by learner and objective"))
        self.table.setAccessibleDescription(
            self.tr(
                "One row per learner and objective reviewed; hover the last column for the items"
            )
        )
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)  # as read: learner by learner
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setResizeContentsPrecision(50)
        self.busy = QLabel(self.tr("Loading the booster reviews…"))
        self.busy.setAccessibleName(self.tr("Loading"))
        self.busy.setWordWrap(True)
        self.shown = QLabel()
        self.shown.setAccessibleName(self.tr("Rows shown"))
        self.retention = report_table(
            self.tr("Retention at 90 days"),
            [self.tr("Objective"), self.tr("Answers"), self.tr("Share right"),
             self.tr("95% interval")],
            self.tr("Booster answers given 80 to 100 days after completing the course, all"
                    " learners together"),
        )  # fmt: skip
        # it scrolls inside its part of the page, which the reviews table shares with it
        self.retention.setSizeAdjustPolicy(QAbstractScrollArea.SizeAdjustPolicy.AdjustIgnored)
        self.retention.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.retention.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.csv_button = self._button(self.tr("Expor&t CSV…"), self.export_csv)
        self.report_button = self._button(
            self.tr("Export the &90-day report as CSV…"), self.export_report_csv
        )
        self.pdf_button = self._button(self.tr("Export P&DF…"), self.export_pdf)
        self.refresh_button = self._button(self.tr("Relo&ad"), self.refresh)
        self._lay_out()

    def _button(self, text: str, slot: Any) -> QPushButton:
        button = QPushButton(text)
        button.setAccessibleName(text.replace("&", "").rstrip("…"))
        button.clicked.connect(lambda: slot())
        return button

    def _lay_out(self) -> None:
        search = QHBoxLayout()
        caption = QLabel(self.tr("Fi&lter:"))
        caption.setBuddy(self.search)
        search.addWidget(caption)
        search.addWidget(self.search, 1)
        search.addWidget(self.busy)
        search.addWidget(self.refresh_button)
        actions = QHBoxLayout()
        for button in (self.csv_button, self.pdf_button, self.report_button):
            actions.addWidget(button)
        actions.addStretch(1)
        report_heading = QLabel(
            self.tr("<b>Retention at 90 days</b>: booster answers given 80 to 100 days after"
                    " completing the course, all learners together")
        )  # fmt: skip
        report_heading.setWordWrap(True)
        report = QWidget()
        report_layout = QVBoxLayout(report)
        report_layout.setContentsMargins(0, 0, 0, 0)
        report_layout.addWidget(report_heading)
        report_layout.addWidget(self.retention, 1)
        # the chosen row's confident errors in words, as its tooltip has them: reachable
        # by keyboard (arrow to a row), read by screen readers
        self.details = QLabel()
        self.details.setWordWrap(True)
        self.details.setTextFormat(Qt.TextFormat.PlainText)
        self.details.setAccessibleName(self.tr("Confident errors of the chosen row"))
        self.table.selectionModel().currentRowChanged.connect(self._show_details)
        overview = QWidget()
        overview_layout = QVBoxLayout(overview)
        overview_layout.setContentsMargins(0, 0, 0, 0)
        overview_layout.addWidget(self.table, 1)
        overview_layout.addWidget(self.details)
        self.split = QSplitter(Qt.Orientation.Vertical)
        self.split.setChildrenCollapsible(False)
        self.split.addWidget(overview)
        self.split.addWidget(report)
        self.split.setStretchFactor(0, 3)
        self.split.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.tr("Booster reviews")))
        layout.addLayout(search)
        layout.addWidget(self.split, 1)
        layout.addWidget(self.shown)
        layout.addLayout(actions)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.freshness.show()

    def _show_details(self, current: QModelIndex) -> None:
        if not current.isValid():
            self.details.clear()
            return
        errors = self.proxy.index(current.row(), 4)
        self.details.setText(str(self.proxy.data(errors, Qt.ItemDataRole.ToolTipRole) or ""))

    # loading -----------------------------------------------------------------------------

    def refresh(self) -> None:
        store, catalog = self.context.store, self.context.catalog
        self.freshness.loading()
        self.busy.setText(self.tr("Loading the booster reviews…"))
        self.busy.show()

        def read() -> Reviews:
            now = datetime.now(UTC)
            return Reviews(
                review_overview(store, catalog, now),
                retention_at_90_days(store, catalog),
                course_names(catalog),
            )

        self.context.tasks.read(
            read, self._show, what=self.tr("Showing the booster reviews"), on_failure=self._failed
        )

    def _failed(self, error: Exception) -> None:
        if not isValid(self):
            return
        self.freshness.failed()
        self.busy.setText(self.tr("The booster reviews cannot be shown: %s") % sentence(error))
        self.loaded.emit()

    def _show(self, reviews: Reviews) -> None:
        if not isValid(self):
            return
        self.model.set_rows(reviews.rows, reviews.names)
        self.report = reviews.report
        header = self.table.horizontalHeader()
        if header.sortIndicatorSection() >= 0:
            self.proxy.sort(header.sortIndicatorSection(), header.sortIndicatorOrder())
        self._fit_columns()
        fill_table(self.retention, [self._report_cells(line) for line in reviews.report])
        self.apply_filter()
        if review_settings(self.context.catalog) is None:
            self.busy.setText(self.tr("This course has no booster reviews."))
        else:
            self.busy.hide()
        self.loaded.emit()

    def _fit_columns(self) -> None:
        """Columns as wide as their words, up to about 40 characters (a long objective
        elides; its tooltip has it whole)."""
        header = self.table.horizontalHeader()
        self.table.resizeColumnsToContents()
        widest = MAX_COLUMN_CHARACTERS * self.table.fontMetrics().averageCharWidth()
        for column in range(header.count()):
            header.resizeSection(column, min(header.sectionSize(column), widest))

    def _report_cells(self, line: ObjectiveRetentionReport) -> list[str]:
        return [
            line.text, str(line.answers), review_export.share_text(line),
            review_export.interval_text(line),
        ]  # fmt: skip

    def _search_changed(self) -> None:
        """Typed text (textEdited came first) waits for the pause; text set otherwise
        filters at once."""
        if not self.search_pause.isActive():
            self.apply_filter()

    def apply_filter(self) -> None:
        self.search_pause.stop()
        self.proxy.set_text(self.search.text())
        learners = len({row.learner_id for row in self.proxy.visible_rows()})
        self.shown.setText(
            self.tr("Rows shown: %s of %s. Learners shown: %s.")
            % (self.proxy.rowCount(), self.model.rowCount(), learners)
        )

    # export ------------------------------------------------------------------------------

    def _target(self, report: str, kind: str, pattern: str) -> Path | None:
        learner = self.context.learner
        who = learner.display_name if learner else ""
        name = review_export.export_file_name(kind, report, who, datetime.now())
        path = file_dialogs.save_file_name(
            self, self.tr("Export the booster reviews"), str(Path.home() / name), pattern
        )
        return Path(path) if path else None

    def export_csv(self) -> Path | None:
        """The rows shown, in their order, as CSV."""
        target = self._target("booster-reviews", "csv", self.tr("CSV files (*.csv)"))
        if target is None:
            return None
        rows, names = self.proxy.visible_rows(), self.model.names
        return self._written(
            target,
            lambda: review_export.export_overview_csv(target, rows, names, force=True),
            self.tr("Booster reviews exported to %s"),
        )

    def export_report_csv(self) -> Path | None:
        """The retention at 90 days, per objective, as CSV."""
        target = self._target("retention-90-days", "csv", self.tr("CSV files (*.csv)"))
        if target is None:
            return None
        report = list(self.report)
        return self._written(
            target,
            lambda: review_export.export_retention_csv(target, report, force=True),
            self.tr("Retention at 90 days exported to %s"),
        )

    def export_pdf(self) -> Path | None:
        """A printable report: the rows shown, then the retention at 90 days."""
        from trainer.ui.pdf import write_pdf

        target = self._target("booster-reviews", "pdf", self.tr("PDF files (*.pdf)"))
        if target is None:
            return None
        course, learner = self.context.catalog.course, self.context.learner
        printed = Printed(
            course.title, str(course.version),
            datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z").strip(),
            learner.display_name if learner else self.tr("unknown"),
            self.tr("matching “%s”") % self.search.text().strip() if self.search.text().strip()
            else "",
        )  # fmt: skip
        html = review_export.overview_html(
            self.proxy.visible_rows(), self.model.names, printed, self.report
        )
        return self._written(
            target,
            lambda: write_pdf(
                html,
                target,
                landscape=True,
                title=self.tr("Booster reviews"),
                whole_words=True,
                force=True,  # the save dialog asked before replacing the file
            ),
            self.tr("Booster reviews report exported to %s"),
        )

    def _written(self, target: Path, write: Any, done: str) -> Path | None:
        try:
            write()
        except ServiceError as error:
            QMessageBox.warning(self, self.tr("Export failed"), sentence(error))
            return None
        self.context.navigator.saved(done % target)
        return target
