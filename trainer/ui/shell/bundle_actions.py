"""The File menu's progress bundle actions: export this machine's progress, import bundles.

Both ask for files with the system dialog, run the service off the UI thread (export a
read, import a write that changes every screen's data), and end with one message box
that says what was written, added or refused.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QStandardPaths
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from trainer.services import bundle_merge, bundles
from trainer.services.errors import ServiceError
from trainer.ui.shell.context import AppContext
from trainer.ui.shell.tasks import EVERYTHING
from trainer.ui.shell.text_and_tables import sentence

FILE_FILTER = "Progress bundles (*.json *.json.gz);;All files (*)"


def tr(text: str) -> str:
    """Translate in the context "BundleActions" (these are functions, not widgets)."""
    return QCoreApplication.translate("BundleActions", text)


def export_progress_dialog(parent: QWidget, context: AppContext) -> None:
    """Ask where to save, then write a bundle: a learner's own rows, or (for trainers,
    supervisors and with no profile open) everything this installation made."""
    learner = context.learner
    own_only = learner is not None and learner.role == "learner"
    stamp = datetime.now().strftime("%Y%m%d-%H%M")
    who = _file_part(learner.display_name) if own_only and learner else "all"
    suggested = Path(_documents()) / f"progress-{who}-{stamp}.json"
    chosen, _filter = QFileDialog.getSaveFileName(
        parent, tr("Export progress"), str(suggested), tr(FILE_FILTER)
    )
    if not chosen:
        return
    learner_id = learner.id if own_only and learner else None

    def done(summary: bundles.ExportSummary) -> None:
        rows = summary.rows
        QMessageBox.information(
            parent,
            tr("Progress exported"),
            tr(
                "Saved %1 lessons, %2 quiz attempts and %3 certificates of %4 to %5.\n\n"
                "Give this file to your supervisor; it is signed, so any change to it is"
                " detected, but it is not encrypted: move it like any personnel record."
            )
            .replace("%1", str(rows["lesson_progress"]))
            .replace("%2", str(rows["quiz_attempt"]))
            .replace("%3", str(rows["certificate"]))
            .replace("%4", ", ".join(summary.learners) or tr("nobody"))
            .replace("%5", str(summary.path)),
        )

    def failed(error: Exception) -> None:
        QMessageBox.warning(parent, tr("Export failed"), sentence(error))

    store, catalog = context.store, context.catalog
    context.tasks.read(
        lambda: bundles.export_progress(store, catalog, Path(chosen), learner_id),
        done,
        what=tr("Exporting progress"),
        on_failure=failed,
    )


def import_progress_dialog(parent: QWidget, context: AppContext) -> None:
    """Ask for one or more bundles, import each, then show what was added and what refused."""
    chosen, _filter = QFileDialog.getOpenFileNames(
        parent, tr("Import progress"), _documents(), tr(FILE_FILTER)
    )
    if not chosen:
        return
    paths = [Path(name) for name in chosen]
    store = context.store

    def work() -> tuple[list[bundles.ImportSummary], list[str]]:
        imported, refused = [], []
        for result in bundle_merge.import_bundles(store, paths):
            if isinstance(result, ServiceError):
                refused.append(_with_stop(str(result)))  # starts with a file name: no capital
            else:
                imported.append(result)
        return imported, refused

    def done(result: tuple[list[bundles.ImportSummary], list[str]]) -> None:
        imported, refused = result
        report = "\n".join(line for summary in imported for line in summary.lines())
        if not refused:
            QMessageBox.information(parent, tr("Progress imported"), report)
            return
        head = tr("%1 of %2 files were refused; nothing of them was imported:").replace(
            "%1", str(len(refused))
        )
        text = "\n\n".join(
            part for part in (head.replace("%2", str(len(paths))), *refused, report) if part
        )
        QMessageBox.warning(parent, tr("Some files were refused"), text)

    def failed(error: Exception) -> None:
        QMessageBox.warning(parent, tr("Import failed"), sentence(error))

    context.tasks.write(
        work, done, what=tr("Importing progress"), changes=EVERYTHING, on_failure=failed
    )


def _with_stop(text: str) -> str:
    return text if text.endswith((".", "!", "?")) else text + "."


def _documents() -> str:
    return QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)


def _file_part(name: str) -> str:
    cleaned = "".join(ch if ch.isalnum() else "-" for ch in name.strip().lower())
    return "-".join(part for part in cleaned.split("-") if part) or "learner"
