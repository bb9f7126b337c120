"""The certificate of completion: what is still missing, or a preview to save as PDF."""

from __future__ import annotations

import html
import itertools
import re
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QStandardPaths, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from trainer.services.certificate_status import CertificateSnapshot, load_certificate
from trainer.services.errors import ServiceError, StoreError
from trainer.services.figures import duration_text, hours_text, required_text
from trainer.services.output_files import OutputFileError
from trainer.ui.pdf import certificate_html, write_certificate_pdf
from trainer.ui.shell import file_dialogs, theme
from trainer.ui.shell.context import AppContext
from trainer.ui.shell.tasks import LEARNERS, PROGRESS, Freshness
from trainer.ui.shell.text_and_tables import (
    heading,
    local_time,
    message_page,
    plain_text,
    sentence,
)

if TYPE_CHECKING:
    from trainer.services.certificates import CertificateInfo
    from trainer.services.completion import CourseStatus


def default_file_name(certificate: CertificateInfo) -> str:
    """certificate-<name>-<date>.pdf, with the name reduced to letters, digits and dashes."""
    name = re.sub(r"[^\w]+", "-", certificate.learner_name.lower()).strip("-_") or "learner"
    return f"certificate-{name}-{certificate.completed_at.date().isoformat()}.pdf"


class CertificatePage(QWidget):
    """Lists what is missing until the course is complete; then previews and saves the PDF."""

    loaded = Signal()
    pdf_saved = Signal(Path)

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.snapshot: CertificateSnapshot | None = None
        self.saved_path: Path | None = None
        self.freshness = Freshness(self, context.tasks, {PROGRESS, LEARNERS}, self.refresh)
        self.pages = QStackedWidget()

        self.missing = QLabel(self.tr("Loading…"))
        self.missing.setWordWrap(True)
        self.missing.setTextFormat(Qt.TextFormat.RichText)
        self.missing.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.missing.setAccessibleName(self.tr("What is still needed for the certificate"))
        self.evaluation_button = QPushButton(self.tr("Open the &evaluation"))
        self.evaluation_button.setAccessibleName(self.tr("Open the course evaluation"))
        self.evaluation_button.clicked.connect(lambda: self.context.navigator.show_evaluation())
        self.evaluation_button.setVisible(False)
        missing_page = message_page(self.missing, self.evaluation_button)

        self.summary = plain_text(QLabel())  # names the learner
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName(self.tr("About your certificate"))
        self.code = QLineEdit()
        self.code.setReadOnly(True)
        self.code.setAccessibleName(self.tr("Verification code"))
        self.code.setAccessibleDescription(
            self.tr("A supervisor can check the certificate with this code; select it to copy it")
        )
        code_label = QLabel(self.tr("Verification &code:"))
        code_label.setBuddy(self.code)
        self.preview = QTextBrowser()
        theme.paper(self.preview)
        self.preview.setReadOnly(True)
        self.preview.setOpenLinks(False)
        self.preview.setAccessibleName(self.tr("Certificate preview"))
        self.save_button = QPushButton(self.tr("&Save as PDF…"))
        self.save_button.setAccessibleName(self.tr("Save the certificate as a PDF file"))
        self.save_button.clicked.connect(self.save_pdf)
        self.folder_button = QPushButton(self.tr("&Open folder"))
        self.folder_button.setAccessibleName(self.tr("Open the folder of the saved PDF"))
        self.folder_button.setEnabled(False)
        self.folder_button.clicked.connect(self.open_folder)
        self.save_status = QLabel()
        self.save_status.setWordWrap(True)
        self.save_status.setAccessibleName(self.tr("Saving the PDF"))
        self.save_status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        ready_page = QWidget()
        ready = QVBoxLayout(ready_page)
        ready.setContentsMargins(0, 0, 0, 0)
        ready.addWidget(self.summary)
        code_row = QHBoxLayout()
        code_row.addWidget(code_label)
        code_row.addWidget(self.code, 1)
        ready.addLayout(code_row)
        ready.addWidget(self.preview, 1)

        self.pages.addWidget(missing_page)
        self.pages.addWidget(ready_page)
        self.back_button = QPushButton(self.tr("&Back to the course"))
        self.back_button.setAccessibleName(self.tr("Back to the course"))
        self.back_button.clicked.connect(lambda: self.context.navigator.show_home())
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.folder_button)
        buttons.addWidget(self.save_status, 1)
        buttons.addWidget(self.back_button)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.tr("Certificate of completion")))
        layout.addWidget(self.pages, 1)
        layout.addLayout(buttons)
        chain = [self.evaluation_button, self.code, self.preview, self.save_button]
        for first, second in itertools.pairwise([*chain, self.folder_button, self.back_button]):
            QWidget.setTabOrder(first, second)

    @property
    def certificate(self) -> CertificateInfo | None:
        return self.snapshot.certificate if self.snapshot else None

    def refresh(self) -> None:
        """Check completion (and issue the certificate once) in the background, then show it.

        Issuing is the one write this read may make, once; no screen shows it but this
        one, so it is not announced (announcing it would reload this page again)."""
        context = self.context
        store, catalog, learner_id = context.store, context.catalog, context.learner_id
        self.freshness.loading()
        context.tasks.read(
            lambda: load_certificate(store, catalog, learner_id),
            self._show,
            what=self.tr("Showing your certificate"),
            on_failure=self._failed,
        )

    def _failed(self, error: Exception) -> None:
        if not isValid(self):
            return
        self.freshness.failed()
        self.missing.setText(
            html.escape(self.tr("The certificate cannot be shown: %s") % sentence(error))
        )
        self._show_page(0)
        self.loaded.emit()

    def _show_page(self, index: int) -> None:
        self.pages.setCurrentIndex(index)
        for widget in (self.save_button, self.folder_button):
            widget.setVisible(index == 1)
        if index == 0:
            self.save_status.clear()

    def _show(self, snapshot: CertificateSnapshot) -> None:
        if not isValid(self) or not self.context.is_current(snapshot.record.learner.id):
            return
        self.snapshot = snapshot
        info = snapshot.certificate
        if info is None:
            self._show_missing(snapshot)
        else:
            self._show_certificate(info)
        self.loaded.emit()

    def _show_missing(self, snapshot: CertificateSnapshot) -> None:
        status = snapshot.status
        left = [item.text for item in snapshot.record.still_to_do]
        wants_evaluation = status.evaluation_required and status.evaluation_submitted_at is None
        text = self.tr("<p>Your certificate is ready once you have done this:</p>")
        text += "<ul>" + "".join(f"<li>{html.escape(line)}</li>" for line in left) + "</ul>"
        text += "<p>" + html.escape(self._time_rule(status)) + "</p>"
        if snapshot.refusal:
            text += "<p>" + html.escape(sentence(snapshot.refusal)) + "</p>"
        self.missing.setText(text)
        self.evaluation_button.setVisible(wants_evaluation and status.evaluation_unlocked)
        self._show_page(0)
        focus = self.evaluation_button if self.evaluation_button.isVisibleTo(self) else None
        (focus or self.back_button).setFocus()

    def _time_rule(self, status: CourseStatus) -> str:
        course = self.context.catalog.course
        share = round(course.credit.min_active_share * 100)
        return self.tr(
            "The %s CE hours are awarded for active study time (reading and answering, not"
            " idle time) of at least %s%% of the course's %s, that is %s."
        ) % (
            hours_text(course.ce_hours),
            share,
            duration_text(course.minutes * 60),
            required_text(status.credit.required_seconds),
        )

    def _show_certificate(self, info: CertificateInfo) -> None:
        self.summary.setText(
            self.tr(
                "Congratulations, %s: you completed “%s” on %s and earned %s CE hours."
                " The certificate was issued on %s."
            )
            % (
                info.learner_name,
                info.course_title,
                info.completed_at.date().isoformat(),  # the date the certificate states
                hours_text(info.ce_hours),
                local_time(info.issued_at),
            )
        )
        self.code.setText(info.code)
        self.preview.setHtml(certificate_html(info))
        self._show_page(1)
        self.save_button.setFocus()

    def save_pdf(self) -> None:
        """Ask where to save (Documents by default) and write the certificate there."""
        info = self.certificate
        if info is None:
            return
        folder = QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation
        ) or str(Path.home())
        chosen = file_dialogs.save_file_name(
            self,
            self.tr("Save the certificate as PDF"),
            str(Path(folder) / default_file_name(info)),
            self.tr("PDF files (*.pdf)"),
        )
        if not chosen:
            return
        target = Path(chosen)
        if target.suffix.lower() != ".pdf":
            target = target.with_name(target.name + ".pdf")
        try:
            write_certificate_pdf(info, target, force=True)  # the save dialog asked
        except (ServiceError, StoreError) as error:
            self._save_failed(target, error)
            return
        self.saved_path = target
        self.folder_button.setEnabled(True)
        self.save_status.setText(self.tr("Saved to %s") % target)
        self.context.navigator.saved(self.tr("Certificate saved to %s") % target)
        self.pdf_saved.emit(target)

    def _save_failed(self, target: Path, error: Exception) -> None:
        detail = error.reason if isinstance(error, OutputFileError) else str(error)
        self.save_status.setText(
            "⚠ "
            + self.tr("The PDF could not be saved to %s: %s. Choose another folder.")
            % (target, detail)
        )
        self.save_button.setFocus()

    def open_folder(self) -> None:
        if self.saved_path is None:
            return
        folder = self.saved_path.parent
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder))):
            self.save_status.setText("⚠ " + self.tr("The folder %s could not be opened.") % folder)
