"""The supervisor's screen: who completed what, filters, overdue learners, export, and
certificate verification.

The grid is read in the background when the screen is first shown, on Refresh (other
installs may have written), and when a write in this app changed progress or profiles
(an import of bundles, say); see `Freshness` in ui/shell/tasks.py."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from PySide6.QtCore import (
    QDate,
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QSettings,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from trainer.services import certificates
from trainer.services.figures import hours_text
from trainer.services.learner_grid import LearnerRow, course_parts, learner_grid
from trainer.services.reviews import review_settings
from trainer.ui.shell import file_dialogs
from trainer.ui.shell.context import AppContext
from trainer.ui.shell.tasks import LEARNERS, PROGRESS, Freshness
from trainer.ui.shell.text_and_tables import heading, plain_text, sentence
from trainer.ui.supervisor import supervisor_export
from trainer.ui.supervisor.completion_model import (
    CompletionFilter,
    CompletionModel,
    module_totals,
)
from trainer.ui.supervisor.frozen_table import FrozenColumnTable
from trainer.ui.supervisor.review_view import ReviewView

if TYPE_CHECKING:
    from trainer.services.certificates import CertificateInfo

DUE_KEY = "supervisor/due_date"
SEARCH_PAUSE_MS = 150  # typing filters once, when the typist pauses
MAX_COLUMN_CHARACTERS = 40


class SupervisorPage(QWidget):
    """Completion of every learner, filtered and sorted, exported as seen."""

    loaded = Signal()

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.freshness = Freshness(self, context.tasks, {PROGRESS, LEARNERS}, self.refresh)
        self.detail: QWidget | None = None
        self._all_totals: tuple[list[LearnerRow] | None, list[int]] = (None, [])
        modules = [m.title for m in context.catalog.course.modules]
        self.model = CompletionModel(modules, self, parts=course_parts(context.catalog.course))
        self.proxy = CompletionFilter(self)
        self.proxy.setSourceModel(self.model)

        self.organisation = self._named(QComboBox(), self.tr("Organisation"))
        self.organisation.addItem(self.tr("All organisations"), None)
        self.status = self._named(QComboBox(), self.tr("Status"))
        for key, text in zip(
            CompletionFilter.STATUSES,
            (self.tr("Any status"), self.tr("Course complete"), self.tr("In progress"),
             self.tr("Not started"), self.tr("Overdue")),
            strict=True,
        ):  # fmt: skip
            self.status.addItem(text, key)
        self.search = self._named(QLineEdit(), self.tr("Search by name or credential"))
        self.search.setPlaceholderText(self.tr("Name or credential"))
        self.search.setClearButtonEnabled(True)
        self.search_pause = QTimer(self)
        self.search_pause.setSingleShot(True)
        self.search_pause.setInterval(SEARCH_PAUSE_MS)
        today = QDate.currentDate()
        self.date_filter = self._named(QCheckBox(self.tr("Com&pleted between")), "")
        self.date_filter.setAccessibleName(self.tr("Filter by course completion date"))
        self.date_from = self._date_edit(self.tr("Completed from"), today.addMonths(-1))
        self.date_to = self._date_edit(self.tr("Completed until"), today)
        self.due_check = QCheckBox(self.tr("D&ue date"))
        self.due_check.setAccessibleName(self.tr("Set a due date"))
        self.due_date = self._date_edit(self.tr("Due date"), today)
        saved = QDate.fromString(str(QSettings().value(DUE_KEY, "") or ""), "yyyy-MM-dd")
        if saved.isValid():  # anything else (unset, or edited by hand) means no due date
            self.due_date.setDate(saved)
        self.due_check.setChecked(saved.isValid())
        self.due_date.setEnabled(saved.isValid())
        self.date_from.setEnabled(False)
        self.date_to.setEnabled(False)

        self.table = FrozenColumnTable()  # the learners' names stay in view
        self.table.setModel(self.proxy)
        self.table.setAccessibleName(self.tr("Completion by learner and module"))
        self.table.setAccessibleDescription(
            self.tr("One row per learner; press Enter to see the learner's full record")
        )
        self.table.frozen.setAccessibleName(self.tr("Learner names, kept in view"))
        self.table.frozen.setAccessibleDescription(
            self.tr("The first column of the completion table, shown again as it scrolls")
        )
        self.table.setSortingEnabled(True)
        self.table.horizontalHeader().setResizeContentsPrecision(
            50
        )  # 10,000 rows: sample, do not measure all
        self.table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)  # keep the name order
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setResizeContentsPrecision(50)
        self.table.horizontalHeader().setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.horizontalHeader().setDefaultAlignment(
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        )
        self.table.activated.connect(self._activated)

        self.busy = QLabel(self.tr("Loading the completion grid…"))
        self.busy.setAccessibleName(self.tr("Loading"))
        self.busy.setWordWrap(True)  # a long refusal wraps instead of widening the window
        self.totals = QLabel()
        self.totals.setWordWrap(True)
        self.totals.setAccessibleName(self.tr("Totals per module"))
        self.totals.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.detail_button = self._button(self.tr("&Details…"), self.show_selected)
        self.csv_button = self._button(self.tr("Export &CSV…"), self.export_csv)
        self.pdf_button = self._button(self.tr("E&xport PDF…"), self.export_pdf)
        self.import_button = self._button(self.tr("&Import progress bundles…"), self.import_bundles)
        self.refresh_button = self._button(self.tr("&Refresh"), self.refresh)
        self.password_button = self._button(self.tr("Reset pass&word…"), self.reset_password)
        self.password_button.setToolTip(
            self.tr("Set a new password for another trainer or supervisor")
        )
        self.password_message = plain_text(QLabel())  # names the profile
        self.password_message.hide()
        self.password_message.setWordWrap(True)
        self.password_message.setAccessibleName(self.tr("Password message"))

        self.code = self._named(QLineEdit(), self.tr("Certificate code"))
        self.code.setPlaceholderText(self.tr("A code like 7K3M-Q9PX-2RTV"))
        self.code.returnPressed.connect(self.verify)
        self.verify_button = self._button(self.tr("Verif&y"), self.verify)
        self.verdict = plain_text(QLabel())  # names the certificate's holder
        self.verdict.hide()  # until there is something to say: no empty band under the grid
        self.verdict.setWordWrap(True)
        self.verdict.setAccessibleName(self.tr("Verification result"))
        self.verdict.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._lay_out()

        self.organisation.currentIndexChanged.connect(self.apply_filters)
        self.status.currentIndexChanged.connect(self.apply_filters)
        self.search_pause.timeout.connect(self.apply_filters)
        self.search.textEdited.connect(lambda _text: self.search_pause.start())
        self.search.textChanged.connect(self._search_changed)
        self.date_filter.toggled.connect(self.apply_filters)
        self.date_from.dateChanged.connect(self.apply_filters)
        self.date_to.dateChanged.connect(self.apply_filters)
        self.due_check.toggled.connect(self._due_changed)
        self.due_date.dateChanged.connect(self._due_changed)
        self._due_changed()

    def _named(self, widget: Any, name: str) -> Any:
        if name:
            widget.setAccessibleName(name)
        return widget

    def _date_edit(self, name: str, day: QDate) -> QDateEdit:
        edit = self._named(QDateEdit(day), name)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("yyyy-MM-dd")
        return edit

    def _button(self, text: str, slot: Any) -> QPushButton:
        button = QPushButton(text)
        button.setAccessibleName(text.replace("&", "").rstrip("…"))
        button.clicked.connect(lambda: slot())
        return button

    def _lay_out(self) -> None:
        """Rows short enough to fit a 1366-px screen at twice the text size."""
        search = QHBoxLayout()
        search.addWidget(self._caption(self.tr("S&earch:"), self.search))
        search.addWidget(self.search, 1)
        search.addWidget(self.busy)
        search.addWidget(self.refresh_button)
        filters = QHBoxLayout()
        for label, widget in ((self.tr("&Organisation:"), self.organisation),
                              (self.tr("&Status:"), self.status)):  # fmt: skip
            filters.addWidget(self._caption(label, widget))
            filters.addWidget(widget)
        filters.addStretch(1)
        dates = QHBoxLayout()
        for widget in (self.date_filter, self.date_from, QLabel(self.tr("and")), self.date_to):
            dates.addWidget(widget)
        dates.addSpacing(24)
        dates.addWidget(self.due_check)
        dates.addWidget(self.due_date)
        dates.addStretch(1)
        actions = QHBoxLayout()
        for button in (self.detail_button, self.csv_button, self.pdf_button):
            actions.addWidget(button)
        actions.addStretch(1)
        actions.addWidget(self.import_button)
        verify = QHBoxLayout()
        verify.addWidget(self._caption(self.tr("Verify a certificate:"), self.code))
        verify.addWidget(self.code, 1)
        verify.addWidget(self.verify_button)
        verify.addSpacing(24)
        verify.addWidget(self.password_button)
        layout = QVBoxLayout(self._grid_tab())
        layout.addWidget(heading(self.tr("Completion")))
        layout.addLayout(search)
        layout.addLayout(filters)
        layout.addLayout(dates)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.totals)
        layout.addLayout(actions)
        layout.addLayout(verify)
        layout.addWidget(self.verdict)
        layout.addWidget(self.password_message)

    def _grid_tab(self) -> QWidget:
        """The page itself, or, for a course with booster reviews, its first tab (the
        second shows the reviews, `review_view`)."""
        self.reviews: ReviewView | None = None
        if review_settings(self.context.catalog) is None:
            return self
        grid = QWidget()
        self.reviews = ReviewView(self.context)
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName(self.tr("Completion and booster reviews"))
        self.tabs.addTab(grid, self.tr("Co&mpletion"))
        self.tabs.addTab(self.reviews, self.tr("&Booster reviews"))
        page = QVBoxLayout(self)
        page.setContentsMargins(0, 0, 0, 0)
        page.addWidget(self.tabs)
        return grid

    @staticmethod
    def _caption(text: str, buddy: QWidget) -> QLabel:
        caption = QLabel(text)
        caption.setBuddy(buddy)
        return caption

    # loading -----------------------------------------------------------------------------

    def refresh(self) -> None:
        """Read the grid in the background, then show it (emits `loaded`)."""
        store, catalog = self.context.store, self.context.catalog
        self.freshness.loading()
        self.busy.setText(self.tr("Loading the completion grid…"))
        self.busy.show()
        self.context.tasks.read(
            lambda: learner_grid(store, catalog),
            self._show,
            what=self.tr("Showing the completion grid"),
            on_failure=self._failed,
        )

    def _failed(self, error: Exception) -> None:
        if not isValid(self):
            return
        self.freshness.failed()
        self.busy.setText(self.tr("The grid cannot be shown: %s") % sentence(error))
        self.loaded.emit()

    def _show(self, rows: list[LearnerRow]) -> None:
        if not isValid(self):
            return
        header = self.table.horizontalHeader()
        self.model.set_rows(rows)
        if header.sortIndicatorSection() >= 0:
            self.model.sort(header.sortIndicatorSection(), header.sortIndicatorOrder())
        chosen = self.organisation.currentData()
        self.organisation.blockSignals(True)
        while self.organisation.count() > 1:
            self.organisation.removeItem(1)
        for name in sorted({r.organisation for r in rows if r.organisation}, key=str.lower):
            self.organisation.addItem(name, name)
        found = self.organisation.findData(chosen) if chosen is not None else 0
        self.organisation.setCurrentIndex(max(0, found))
        self.organisation.blockSignals(False)
        self.apply_filters()
        self._fit_columns()
        if not self.table.currentIndex().isValid() and self.proxy.rowCount():
            # Tab into the grid lands on a learner, so Details… has one to open
            self.table.selectionModel().setCurrentIndex(
                self.proxy.index(0, 0), QItemSelectionModel.SelectionFlag.NoUpdate
            )
        self.busy.hide()
        self.loaded.emit()

    def _fit_columns(self) -> None:
        """Columns as wide as their words, up to about 40 characters (long module titles
        elide; the tooltip has them)."""
        header = self.table.horizontalHeader()
        self.table.resizeColumnsToContents()
        widest = MAX_COLUMN_CHARACTERS * self.table.fontMetrics().averageCharWidth()
        header.setMinimumSectionSize(min(60, widest))
        for column in range(header.count()):
            header.resizeSection(column, min(header.sectionSize(column), widest))

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange and self.model.rowCount():
            self._fit_columns()  # View > Zoom changed the text size

    # filters and totals ------------------------------------------------------------------

    def _search_changed(self) -> None:
        """Typed text (textEdited came first) waits for the pause; text set otherwise filters
        at once."""
        if not self.search_pause.isActive():
            self.apply_filters()

    def apply_filters(self) -> None:
        self.search_pause.stop()  # the text as it is now is applied here
        dated = self.date_filter.isChecked()
        self.date_from.setEnabled(dated)
        self.date_to.setEnabled(dated)
        self.proxy.set_filters(
            organisation=self.organisation.currentData(),
            status=self.status.currentData(),
            search=self.search.text(),
            completed_from=self.date_from.date().toPython() if dated else None,
            completed_to=self.date_to.date().toPython() if dated else None,
        )
        self._update_totals()

    def _due_changed(self) -> None:
        checked = self.due_check.isChecked()
        due = cast(date, self.due_date.date().toPython()) if checked else None  # stubs: object
        self.due_date.setEnabled(due is not None)
        QSettings().setValue(DUE_KEY, due.isoformat() if due else "")
        self.model.set_due_date(due)
        self.proxy.refilter()
        self._update_totals()

    def _module_totals(self, rows: list[LearnerRow]) -> list[int]:
        """`module_totals` of the rows shown; those of every learner are counted once per
        grid (no filter, or a search all match, shows them all)."""
        modules = len(self.model.module_titles)
        if len(rows) != len(self.model.rows):
            return module_totals(rows, modules)
        if self._all_totals[0] is not self.model.rows:
            self._all_totals = (self.model.rows, module_totals(rows, modules))
        return self._all_totals[1]

    def _update_totals(self) -> None:
        rows = self.proxy.visible_rows()
        parts = [
            self.tr("%s. %s complete") % (n, count)
            for n, count in enumerate(self._module_totals(rows), 1)
        ]
        done = sum(1 for r in rows if r.completed_on)
        overdue = sum(1 for r in rows if self.model.is_overdue(r)) if self.model.due else 0
        text = self.tr("%s of %s learners shown. Per module: %s. Course complete: %s.") % (
            len(rows), len(self.model.rows), "; ".join(parts), done
        )  # fmt: skip
        if self.model.due is not None:
            text += " " + self.tr("Overdue: %s.") % overdue
        self.totals.setText(text)

    def _filters_text(self) -> str:
        parts = [self.organisation.currentText(), self.status.currentText()]
        if self.search.text().strip():
            parts.append(self.tr("matching “%s”") % self.search.text().strip())
        if self.date_filter.isChecked():
            parts.append(
                self.tr("completed %s to %s")
                % (self.date_from.date().toPython(), self.date_to.date().toPython())
            )
        return ", ".join(parts)

    # learner detail ----------------------------------------------------------------------

    def _activated(self, index: QModelIndex) -> None:
        row = self.proxy.mapToSource(index).row()
        if 0 <= row < len(self.model.rows):
            self.open_detail(self.model.rows[row].learner_id)

    def show_selected(self) -> None:
        index = self.table.currentIndex()
        if index.isValid():
            self._activated(index)
        else:
            _say(self.password_message, self.tr("Choose a learner in the table first."))

    def open_detail(self, learner_id: str) -> None:
        from trainer.ui.supervisor.learner_detail import LearnerDetailDialog

        self.detail = LearnerDetailDialog(self.context, learner_id, self)
        self.detail.open()

    # export ------------------------------------------------------------------------------

    def _export_target(self, kind: str, pattern: str) -> Path | None:
        name = supervisor_export.export_file_name(kind, self.context)
        path = file_dialogs.save_file_name(
            self, self.tr("Export the completion grid"), str(Path.home() / name), pattern
        )
        return Path(path) if path else None

    def export_csv(self) -> Path | None:
        """Write exactly the rows shown, in their order, with a totals row; numbers as numbers."""
        target = self._export_target("csv", self.tr("CSV files (*.csv)"))
        if target is None:
            return None
        rows = self.proxy.visible_rows()
        filters = self._filters_text()
        return supervisor_export.export_csv(self, self.context, self.model, rows, target, filters)

    def export_pdf(self) -> Path | None:
        """A printable landscape report of the rows shown, with the same columns as the screen."""
        target = self._export_target("pdf", self.tr("PDF files (*.pdf)"))
        if target is None:
            return None
        rows = self.proxy.visible_rows()
        filters = self._filters_text()
        return supervisor_export.export_pdf(self, self.context, self.model, rows, filters, target)

    # import and verification -------------------------------------------------------------

    def import_bundles(self) -> None:
        """Import progress bundles from counselors' machines; the grid reloads when the
        import's write is done (the runner's `changed`)."""
        try:
            from trainer.ui.shell.bundle_actions import import_progress_dialog
        except ImportError:
            QMessageBox.information(
                self,
                self.tr("Import progress bundles"),
                self.tr("Importing progress bundles is not available in this version."),
            )
            return
        import_progress_dialog(self, self.context)

    def reset_password(self) -> None:
        """List the other trainer and supervisor profiles (in the background), then ask for
        the new password of one of them."""
        from trainer.services import accounts

        store, me = self.context.store, self.context.learner
        self.password_message.clear()

        def others() -> list[Any]:
            return [
                learner
                for learner in accounts.list_learners(store)
                if learner.role != "learner" and (me is None or learner.id != me.id)
            ]

        self.context.tasks.read(
            others, self._ask_new_password, what=self.tr("Listing the profiles")
        )

    def _ask_new_password(self, profiles: list[Any]) -> None:
        from trainer.ui.supervisor.reset_password import ResetPasswordDialog

        if not isValid(self):
            return
        if not profiles:
            _say(
                self.password_message,
                self.tr("There is no other trainer or supervisor profile on this computer."),
            )
            return
        dialog = ResetPasswordDialog(self.context, profiles, self)
        if dialog.exec():
            _say(self.password_message, dialog.done_text)

    def verify(self) -> None:
        """Look the typed code up and say what the certificate states, or that it is unknown."""
        code = self.code.text().strip()
        if not code:
            _say(self.verdict, self.tr("Type the code printed on the certificate."))
            return
        store, catalog = self.context.store, self.context.catalog
        _say(self.verdict, self.tr("Checking…"))
        self.context.tasks.read(
            lambda: certificates.verify_certificate(store, catalog, code),
            self._verdict,
            what=self.tr("Verifying the certificate"),
            on_failure=lambda error: _say(self.verdict, sentence(error)),
        )

    def _verdict(self, info: CertificateInfo | None) -> None:
        if not isValid(self):
            return
        if info is None:
            _say(self.verdict, self.tr("No certificate with this code was issued here."))
            return
        _say(
            self.verdict,
            self.tr("Valid: %s (%s) completed “%s”, version %s, on %s; %s CE hours.")
            % (
                info.learner_name,
                info.credential or self.tr("no credential"),
                info.course_title,
                info.course_version,
                info.completed_at.date().isoformat(),
                hours_text(info.ce_hours),
            ),
        )


def _say(label: QLabel, text: str) -> None:
    """Show `text` in a message label, which takes room only while it has something to say."""
    label.setText(text)
    label.setVisible(bool(text))
