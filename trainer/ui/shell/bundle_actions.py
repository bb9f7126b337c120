"""The File menu's progress bundle actions: export this machine's progress, import bundles.

Both ask for files with the system dialog, run the service off the UI thread (export a
read, import a write that changes every screen's data), and end with one message box
that says what was written, added or refused.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QStandardPaths
from PySide6.QtWidgets import QMessageBox, QWidget

from trainer.services import bundle_merge, bundles, org_key
from trainer.services.errors import ServiceError
from trainer.ui.shell import file_dialogs
from trainer.ui.shell.context import AppContext
from trainer.ui.shell.questions import ask
from trainer.ui.shell.tasks import EVERYTHING
from trainer.ui.shell.text_and_tables import as_typed, sentence

FILE_FILTER = "Progress bundles (*.json *.json.gz);;All files (*)"
KEY_FILTER = "Organisation key files (*.key *.json);;All files (*)"


def tr(text: str) -> str:
    """Translate in the context "BundleActions" (these are functions, not widgets)."""
    return QCoreApplication.translate("BundleActions", text)


def export_progress_dialog(parent: QWidget, context: AppContext) -> None:
    """Check that the organisation key is installed (offering to install it when it is not),
    then ask where to save and write a bundle."""
    store = context.store

    def checked(key: org_key.OrgKey | None) -> None:
        if key is not None:
            _export(parent, context)
            return
        install = _ask(
            parent,
            tr("No organisation key"),
            tr("Progress cannot be exported yet: this computer has no organisation key."),
            tr(
                "Your supervisor's key signs the file, so that any change to it is detected."
                " Ask your supervisor for the key file (it ends in .key), then install it here."
            ),
            tr("Install key file…"),
            act_is_default=True,
        )
        if install:
            install_key_dialog(parent, context, then=lambda: _export(parent, context))

    context.tasks.read(
        lambda: org_key.installed_key(store), checked, what=tr("Checking the organisation key")
    )


def install_key_dialog(
    parent: QWidget, context: AppContext, then: Callable[[], None] | None = None
) -> None:
    """File > Install organisation key…: ask for the key file, check it, install it (asking
    first when it replaces another organisation's key), then say what happened and run
    `then`."""
    chosen = file_dialogs.open_file_name(
        parent, tr("Install organisation key"), _documents(), tr(KEY_FILTER)
    )
    if not chosen:
        return
    store, path = context.store, Path(chosen)

    def failed(error: Exception) -> None:
        QMessageBox.warning(parent, tr("Key not installed"), as_typed(sentence(error)))

    def installed(result: tuple[org_key.OrgKey, org_key.OrgKey | None]) -> None:
        key, replaced = result
        text = tr("The key of %1 (key %2) is installed: progress exported here is signed with it.")
        text = text.replace("%1", key.organisation).replace("%2", key.key_id)
        if replaced is not None:
            text += " " + tr("It replaces the key of %1.").replace("%1", replaced.organisation)
        QMessageBox.information(parent, tr("Organisation key installed"), as_typed(text))
        if then is not None:
            then()

    def install(key: org_key.OrgKey, replace: bool) -> None:
        context.tasks.write(
            lambda: (key, org_key.install_key(store, key, replace=replace)),
            installed,
            what=tr("Installing the organisation key"),
            changes=(),
            on_failure=failed,
        )

    def read(found: tuple[org_key.OrgKey, org_key.OrgKey | None]) -> None:
        key, current = found
        if current is None or current.key_id == key.key_id:
            install(key, replace=False)
            return
        replace = _ask(
            parent,
            tr("Replace the organisation key?"),
            tr("This computer has the key of %1; the file holds the key of %2.")
            .replace("%1", current.organisation)
            .replace("%2", key.organisation),
            tr(
                "With the new key, bundles exported here are for %1 only, and bundles of %2"
                " are refused here."
            )
            .replace("%1", key.organisation)
            .replace("%2", current.organisation),
            tr("Replace key"),
            tr("Keep current key"),
        )
        if replace:
            install(key, replace=True)

    context.tasks.read(
        lambda: (org_key.read_key_file(path), org_key.installed_key(store)),
        read,
        what=tr("Reading the key file"),
        on_failure=failed,
    )


def _ask(
    parent: QWidget,
    title: str,
    text: str,
    details: str,
    act: str,
    cancel: str = "",
    *,
    act_is_default: bool = False,
) -> bool:
    """A question with verb buttons, `cancel` the default unless `act_is_default`; True
    when `act` was chosen."""
    keep = cancel or tr("Cancel")
    return ask(parent, title, text, act, keep, details=details, act_is_default=act_is_default)


def _export(parent: QWidget, context: AppContext) -> None:
    """Ask where to save, then write a bundle: a learner's own rows, or (for trainers,
    supervisors and with no profile open) everything this installation made."""
    learner = context.learner
    own_only = learner is not None and learner.role == "learner"
    stamp = datetime.now().strftime("%Y%m%d-%H%M")
    who = _file_part(learner.display_name) if own_only and learner else "all"
    suggested = Path(_documents()) / f"progress-{who}-{stamp}.json"
    chosen = file_dialogs.save_file_name(
        parent, tr("Export progress"), str(suggested), tr(FILE_FILTER)
    )
    if not chosen:
        return
    learner_id = learner.id if own_only and learner else None

    def done(summary: bundles.ExportSummary) -> None:
        rows = summary.rows
        text = (
            tr(
                "Saved %1 lessons, %2 quiz attempts and %3 certificates of %4 to %5.\n\n"
                "Give this file to your supervisor; it is signed, so any change to it is"
                " detected, but it is not encrypted: move it like any personnel record."
            )
            .replace("%1", str(rows["lesson_progress"]))
            .replace("%2", str(rows["quiz_attempt"]))
            .replace("%3", str(rows["certificate"]))
            .replace("%4", ", ".join(summary.learners) or tr("nobody"))
            .replace("%5", str(summary.path))
        )
        QMessageBox.information(parent, tr("Progress exported"), as_typed(text))

    def failed(error: Exception) -> None:
        QMessageBox.warning(parent, tr("Export failed"), as_typed(sentence(error)))

    store, catalog = context.store, context.catalog
    context.tasks.read(
        # the save dialog asked before replacing a file
        lambda: bundles.export_progress(store, catalog, Path(chosen), learner_id, force=True),
        done,
        what=tr("Exporting progress"),
        on_failure=failed,
    )


def import_progress_dialog(parent: QWidget, context: AppContext) -> None:
    """Ask for one or more bundles, import each, then show what was added and what refused."""
    chosen = file_dialogs.open_file_names(
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
            QMessageBox.information(parent, tr("Progress imported"), as_typed(report))
            return
        head = tr("%1 of %2 files were refused; nothing of them was imported:").replace(
            "%1", str(len(refused))
        )
        text = "\n\n".join(
            part for part in (head.replace("%2", str(len(paths))), *refused, report) if part
        )
        QMessageBox.warning(parent, tr("Some files were refused"), as_typed(text))

    def failed(error: Exception) -> None:
        QMessageBox.warning(parent, tr("Import failed"), as_typed(sentence(error)))

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
