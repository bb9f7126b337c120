"""Backups from the main window: back up now or when due, choose one, restore, recover."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMessageBox

from trainer.services.errors import StoreError
from trainer.ui.shell.backup_dialog import BackupDialog, describe

if TYPE_CHECKING:
    from trainer.services.database import Backup
    from trainer.ui.shell.app_window import AppWindow


def back_up(self: AppWindow, *, force: bool) -> None:
    """Back up now (force) or when due; the result shows in the status bar."""
    from trainer.services import database  # the database layer loads after the first paint

    path = self.store.path if self.store else None
    if path is None or not (force or database.backup_due(path)):
        return
    reason = "manual" if force else "auto"

    def failed(error: Exception) -> None:
        if not isinstance(error, StoreError):
            raise error  # a bug, not a refusal: the app's error handler reports it
        self.statusBar().showMessage(str(error))

    def done(backup: Backup) -> None:
        self.saved(self.tr("Backed up"))
        self.save_state.setToolTip(
            self.tr("Your progress is saved in %s.\nBackups are kept in %s.")
            % (path, backup.path.parent)
        )

    self.tasks.run(
        lambda: database.back_up(path, reason=reason),
        done,
        failed,
        self.tr("Backing up your progress"),
    )


RESTORERS = ("trainer", "supervisor")


def may_restore(self: AppWindow) -> bool:
    """A restore takes every profile on this computer back: only a trainer or supervisor,
    who gave their password to open their profile, may do it."""
    context = self.context
    return context is not None and context.learner is not None and context.learner.role in RESTORERS


def choose_backup(self: AppWindow) -> None:
    """List the backups and the profiles (in the background); restore the chosen backup after
    a confirmation that names whose progress changes."""
    from trainer.services import accounts, database

    store = self.store
    path = store.path if store else None
    if store is None or path is None or not may_restore(self):
        return

    def listed(found: tuple[list[Backup], list[str], dict[Path, list[str] | None]]) -> None:
        backups, profiles, in_backups = found
        if not backups:
            QMessageBox.information(
                self, self.tr("No backups yet"), self.tr("There are no backups of %s yet.") % path
            )
            return
        dialog = BackupDialog(backups, str(path), profiles, self, in_backups)
        if dialog.exec() and dialog.chosen is not None and may_restore(self):
            restore(self, path, dialog.chosen)

    def read() -> tuple[list[Backup], list[str], dict[Path, list[str] | None]]:
        found = database.list_backups(path)
        names = [learner.display_name for learner in accounts.list_learners(store)]
        return found, names, {b.path: database.profiles_in_backup(b.path) for b in found}

    self.tasks.read(
        read,
        listed,
        what=self.tr("Listing the backups"),
    )


def restore(self: AppWindow, path: Path, backup: Backup) -> None:
    """Close the database, restore `backup` over it (keeping the replaced state), reopen.
    The restore waits on the worker thread for the work queued before it."""
    from trainer.services import database

    if "reader" in self.pages:
        self.pages["reader"].leave()
    store, self.store = self.store, None

    def work() -> Backup:
        if store is not None:
            store.close()
        return database.restore_backup(path, backup.path)

    def restored(kept: Backup) -> None:
        self.pending_status = self.tr(
            "Restored the backup of %s. The state it replaced is kept as a backup too."
        ) % describe(backup)
        self.open_database()

    def failed(error: Exception) -> None:
        self.open_database()
        if not isinstance(error, StoreError):
            raise error  # a bug, not a refusal: the app's error handler reports it
        QMessageBox.warning(self, self.tr("Restore failed"), str(error))

    self.tasks.run(work, restored, failed, self.tr("Restoring the backup"))


def offer_restore(self: AppWindow, error: Exception) -> None:
    """The database cannot be opened: say why and offer the newest backup when there is one."""
    from trainer.services import database

    if not isinstance(error, StoreError):
        raise error
    self.store_error = str(error)
    self.loading.setText(self.tr("Your progress cannot be saved:\n\n%s") % error)
    path = database.database_file(self.db_url)
    found = database.list_backups(path) if path else []
    box = QMessageBox(self)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(self.tr("Your saved progress cannot be opened"))
    box.setText(str(error)[0].upper() + str(error)[1:] + ".")
    restore_button = None
    if found:
        box.setInformativeText(
            self.tr("You can restore the newest backup, taken %s. The damaged file is kept.")
            % describe(found[0])
        )
        restore_button = box.addButton(
            self.tr("Restore newest backup"), QMessageBox.ButtonRole.AcceptRole
        )
    box.addButton(QMessageBox.StandardButton.Close)
    box.exec()
    if restore_button is not None and box.clickedButton() is restore_button and path is not None:
        restore(self, path, found[0])
