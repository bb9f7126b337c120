"""Backups from the main window: back up now or when due, choose one, restore, recover.

Recovering a damaged file happens before any profile can be opened (the profiles are in
the file that cannot be read), so there the safeguard is a confirmation that names the
file and the backup's date, and the damaged file is always kept as a plain copy."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMessageBox

from trainer.services.errors import DamagedDatabase, StoreError
from trainer.ui.shell.backup_dialog import BackupDialog, confirm_damaged_restore, describe
from trainer.ui.shell.database_problem import DatabaseProblemPage

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
        self.pending_status = (
            self.tr("Restored the backup of %s. The damaged file is kept as %s.")
            % (describe(backup), kept.path)
            if kept.reason == "damaged"
            else self.tr(
                "Restored the backup of %s. The state it replaced is kept as a backup too."
            )
            % describe(backup)
        )
        self.open_database()

    def failed(error: Exception) -> None:
        self.open_database()
        if not isinstance(error, StoreError):
            raise error  # a bug, not a refusal: the app's error handler reports it
        QMessageBox.warning(self, self.tr("Restore failed"), str(error))

    self.tasks.run(work, restored, failed, self.tr("Restoring the backup"))


def offer_restore(self: AppWindow, error: Exception) -> None:
    """The database cannot be opened: a screen says why and where the file is, and offers
    the backups of a damaged file (or, for any other cause, to try again)."""
    from trainer.services import database

    if not isinstance(error, StoreError):
        raise error
    self.store_error = str(error)
    self.loading.setText(self.tr("Your progress cannot be saved:\n\n%s") % error)
    path = database.database_file(self.db_url)
    damaged = isinstance(error, DamagedDatabase) and path is not None
    found = database.restorable_backups(path) if damaged and path is not None else []
    page = DatabaseProblemPage(str(error), path, damaged, found, self)
    if path is not None:
        page.restore_requested.connect(lambda: choose_backup_to_recover(self, path, found))
    page.retry_requested.connect(lambda: _try_again(self))
    self._drop_pages(set())  # an earlier problem, or screens of a database now closed
    self._add_page("problem", page)
    self.stack.setCurrentWidget(page)
    page.setFocus()


def choose_backup_to_recover(self: AppWindow, path: Path, found: list[Backup]) -> None:
    """List the backups of the damaged file with the profiles each holds (read in the
    background); restore the one chosen after a confirmation naming the file and date."""
    from trainer.services import database

    def listed(in_backups: dict[Path, list[str] | None]) -> None:
        dialog = BackupDialog(
            found,
            str(path),
            [],
            self,
            in_backups,
            confirm=lambda parent, backup, held: confirm_damaged_restore(
                parent, path, backup, held
            ),
        )
        if dialog.exec() and dialog.chosen is not None:
            self.loading.setText(self.tr("Restoring the backup…"))
            self.stack.setCurrentWidget(self.loading)
            restore(self, path, dialog.chosen)

    self.tasks.read(
        lambda: {b.path: database.profiles_in_backup(b.path) for b in found},
        listed,
        what=self.tr("Listing the backups"),
    )


def _try_again(self: AppWindow) -> None:
    self.stack.setCurrentWidget(self.loading)
    self.open_database()
