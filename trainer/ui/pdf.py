"""PDF output: a Jinja2 HTML template laid out by QTextDocument and written by QPdfWriter.

The one place that makes PDFs (certificates, reports, worksheets). It runs without a
display: when no Qt application exists yet, one is made on the offscreen platform.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from jinja2 import Environment, PackageLoader, select_autoescape
from PySide6.QtCore import QBuffer, QIODevice, QMarginsF, QSizeF
from PySide6.QtGui import (
    QFont,
    QGuiApplication,
    QPageLayout,
    QPageSize,
    QPdfWriter,
    QTextDocument,
    QTextOption,
)
from PySide6.QtWidgets import QApplication

from trainer.services import output_files
from trainer.services.ce_report import CeReport, report_lines
from trainer.services.certificates import CertificateInfo
from trainer.services.figures import hours_text, percent_text

PRINT_POINT_SIZE = 10
_environment = Environment(
    loader=PackageLoader("trainer", "templates"), autoescape=select_autoescape(["j2"])
)


def ensure_gui_application() -> QGuiApplication:
    """Qt needs an application object to lay out text; the CLI has none, so make one.

    A QApplication (not only a QGuiApplication), so windows can still be made later.
    """
    app = QApplication.instance()
    if app is None:
        if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
            os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        app = QApplication(sys.argv[:1])
    return app  # type: ignore[return-value]


def print_font() -> QFont:
    """The system face at a fixed size: a printed page looks the same on every machine
    and whatever the screen's text size (View > Zoom)."""
    font = QFont(QGuiApplication.font())
    font.setPointSizeF(PRINT_POINT_SIZE)
    return font


def write_pdf(
    html: str,
    target: Path,
    *,
    landscape: bool = False,
    title: str = "",
    whole_words: bool = False,
    force: bool = False,
) -> Path:
    """Lay out `html` on A4 and write it to `target`, whole or not at all, readable by its
    owner only; an existing file is replaced only when `force` (a save dialog asked), the
    database and a key file never. OutputFileError (a ServiceError) says why it was not.

    `whole_words` never breaks a line inside a word, so each table column is at least as
    wide as its longest word (reports: a column of licence numbers or dates keeps them
    whole); without it, a word too long for the line is broken anywhere (text and forms,
    where a long link must not run off the page).
    """
    output_files.check_target(target, force=force)
    data = pdf_bytes(html, landscape=landscape, title=title, whole_words=whole_words)
    return output_files.write_file(target, data, force=force)


def pdf_bytes(
    html: str, *, landscape: bool = False, title: str = "", whole_words: bool = False
) -> bytes:
    """`html` laid out on A4 as the bytes of a PDF file, made in memory: QPdfWriter reports
    no failure to write a file, so the file is written (and checked) by `output_files`."""
    ensure_gui_application()
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setTitle(title)
    writer.setCreator("Pain & OUD Counselor Training")
    writer.setResolution(300)
    orientation = (
        QPageLayout.Orientation.Landscape if landscape else QPageLayout.Orientation.Portrait
    )
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            orientation,
            QMarginsF(15, 15, 15, 15),
            QPageLayout.Unit.Millimeter,
        )
    )
    document = QTextDocument()
    document.setDefaultFont(print_font())
    if whole_words:
        option = document.defaultTextOption()
        option.setWrapMode(QTextOption.WrapMode.WordWrap)
        document.setDefaultTextOption(option)
    document.documentLayout().setPaintDevice(writer)  # point sizes at the PDF's resolution
    document.setHtml(html)
    page = writer.pageLayout().paintRectPixels(writer.resolution())
    document.setPageSize(QSizeF(page.width(), page.height()))
    document.print_(writer)
    del writer  # the PDF is complete once the writer is gone
    data = bytes(buffer.data().data())
    buffer.close()
    if not data.startswith(b"%PDF"):
        raise output_files.OutputFileError(
            "the PDF could not be made: nothing was written", "the PDF could not be made"
        )
    return data


def certificate_html(certificate: CertificateInfo) -> str:
    return _environment.get_template("certificate.html.j2").render(
        certificate=certificate,
        hours=hours_text(certificate.ce_hours),
        completed_on=certificate.completed_at.date().isoformat(),
        score=percent_text(certificate.posttest_percent) or None,
    )


def write_certificate_pdf(
    certificate: CertificateInfo, target: Path, *, force: bool = False
) -> Path:
    """The certificate as a PDF file at `target` (see `write_pdf`)."""
    return write_pdf(
        certificate_html(certificate),
        target,
        landscape=True,
        title=f"Certificate of completion: {certificate.course_title}",
        force=force,
    )


def write_ce_report_pdf(report: CeReport, target: Path, *, force: bool = False) -> Path:
    """The CE report (`trainer ce-report --out`) as a PDF file at `target` (see `write_pdf`)."""
    html = _environment.get_template("ce_report.html.j2").render(
        report=report, lines=report_lines(report), hours=hours_text(report.ce_hours)
    )
    return write_pdf(html, target, title=f"CE report: {report.title}", force=force)
