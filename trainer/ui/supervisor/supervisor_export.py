"""Export of the supervisor's completion grid: the rows shown, as CSV or as a printable PDF
report. Choosing the file stays with the page; this writes it and says how it went."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from jinja2 import Environment, PackageLoader, select_autoescape
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from trainer.services import grid_export
from trainer.services.errors import ServiceError
from trainer.ui.shell.text_and_tables import sentence

if TYPE_CHECKING:
    from trainer.services.learner_grid import LearnerRow
    from trainer.ui.shell.context import AppContext
    from trainer.ui.supervisor.completion_model import CompletionModel

_templates = Environment(
    loader=PackageLoader("trainer", "templates"), autoescape=select_autoescape(["j2"])
)


def _tr(text: str) -> str:
    """Translate as the supervisor's page always has, so the strings keep their context."""
    return QCoreApplication.translate("SupervisorPage", text)


def export_file_name(kind: str, context: AppContext | None = None) -> str:
    """The name suggested for an export made now by the profile open in `context`:
    `completion-<date-time>-<who>.<kind>`."""
    return grid_export.export_file_name(kind, _who(context) if context else "", datetime.now())


def export_csv(
    parent: QWidget,
    context: AppContext,
    model: CompletionModel,
    rows: list[LearnerRow],
    target: Path,
    filters: str = "",
) -> Path | None:
    """Write exactly `rows`, in their order, header first, numbers as numbers; who, when,
    the filters and the totals go in a summary beside it (`grid_export`)."""
    course = context.catalog.course
    try:
        summary = model.write_csv(
            target, rows, stamp=_stamp(), who=_who(context), filters=filters,
            course=f"{course.title} (version {course.version})",
        )  # fmt: skip
    except ServiceError as error:
        _export_failed(parent, target, error)
        return None
    context.navigator.saved(
        _tr("Completion grid exported to %s; who, when, the filters and the totals are in %s")
        % (target, summary.name)
    )
    return target


def export_pdf(
    parent: QWidget,
    context: AppContext,
    model: CompletionModel,
    rows: list[LearnerRow],
    filters: str,
    target: Path,
) -> Path | None:
    """A printable landscape report of `rows`, with the same columns as the screen."""
    from trainer.ui.pdf import write_pdf

    course = context.catalog.course
    html = _templates.get_template("report.html.j2").render(
        title=_tr("Completion report"), course_title=course.title,
        course_version=course.version, exported_at=_stamp(), exported_by=_who(context),
        filters=filters, due=model.due, headers=model.headers(),
        rows=model.report_rows(rows), totals=model.report_totals(rows),
    )  # fmt: skip
    try:
        write_pdf(
            html, target, landscape=True, title=_tr("Completion report"), whole_words=True,
            force=True,  # the save dialog asked before replacing the file
        )  # fmt: skip
    except ServiceError as error:
        _export_failed(parent, target, error)
        return None
    context.navigator.saved(_tr("Completion report exported to %s") % target)
    return target


def _export_failed(parent: QWidget, target: Path, error: ServiceError) -> None:
    """`error` names the file and says why (`output_files`)."""
    QMessageBox.warning(parent, _tr("Export failed"), sentence(error))


def _stamp() -> str:
    return datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z").strip()


def _who(context: AppContext) -> str:
    learner = context.learner
    return learner.display_name if learner else _tr("unknown")
