"""Choose a backup to restore; the confirmation says what will be replaced."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from trainer.ui.shell.questions import ask

if TYPE_CHECKING:
    from trainer.services.database import Backup

PATH_ROLE = Qt.ItemDataRole.UserRole
# asks before restoring the backup chosen (the parent, the backup, the profiles it holds)
Confirm = Callable[[QWidget, "Backup", "list[str] | None"], bool]


def describe(backup: Backup) -> str:
    local = backup.taken_at.astimezone()
    reason = backup.reason.replace("-", " ")
    return f"{local:%Y-%m-%d %H:%M}  ({reason}, {backup.size // 1024} KB)"


class BackupDialog(QDialog):
    """Lists the backups, newest first; returns the chosen one after a confirmation."""

    def __init__(
        self,
        backups: list[Backup],
        database: str,
        profiles: list[str],
        parent: QWidget | None = None,
        in_backups: dict[Path, list[str] | None] | None = None,
        confirm: Confirm | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Restore a backup"))
        self.backups = backups
        self.database = database
        self.profiles = profiles  # every profile on this machine: a restore changes them all
        self.in_backups = in_backups or {}  # the profiles each backup holds, when readable
        self.confirm = confirm or (
            lambda parent, backup, in_backup: confirm_restore(
                parent, backup, self.profiles, in_backup
            )
        )
        label = QLabel(self.tr("Backups of %s, newest first:") % database)
        label.setWordWrap(True)
        self.list = QListWidget()
        self.list.setAccessibleName(self.tr("Backups"))
        for backup in backups:
            item = QListWidgetItem(describe(backup))
            item.setData(PATH_ROLE, str(backup.path))
            self.list.addItem(item)
        self.list.setCurrentRow(0)
        label.setBuddy(self.list)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.restore_button = buttons.addButton(
            self.tr("&Restore…"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        buttons.accepted.connect(self._confirm)
        buttons.rejected.connect(self.reject)
        self.list.itemActivated.connect(lambda _item: self._confirm())
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.list)
        layout.addWidget(buttons)
        self.chosen: Backup | None = None
        self.list.setFocus()

    def _confirm(self) -> None:
        row = self.list.currentRow()
        if row < 0:
            return
        backup = self.backups[row]
        if self.confirm(self, backup, self.in_backups.get(backup.path)):
            self.chosen = backup
            self.accept()


def confirm_restore(
    parent: QWidget, backup: Backup, profiles: list[str], in_backup: list[str] | None = None
) -> bool:
    """Ask before a restore, naming every profile whose progress it changes (and, when the
    backup can be read, which profiles it removes or brings back); Cancel is the default,
    so a stray Enter changes nothing."""
    names = ", ".join(profiles) if profiles else parent.tr("none yet")
    counted = (
        parent.tr("The progress of the one profile here changes: %s.")
        if len(profiles) == 1
        else parent.tr("The progress of all %d profiles here changes: %%s.") % len(profiles)
    )
    if in_backup is None:
        since = parent.tr("Profiles created since the backup are removed.")
    else:
        gone = [name for name in profiles if name not in in_backup]
        back = [name for name in in_backup if name not in profiles]
        since = " ".join(
            part
            for part in (
                parent.tr("Not in the backup, so removed: %s.") % ", ".join(gone) if gone else "",
                parent.tr("Only in the backup, so back: %s.") % ", ".join(back) if back else "",
            )
            if part
        )
    return ask(
        parent,
        parent.tr("Restore this backup?"),
        parent.tr("Restoring takes every profile on this computer back to %s.") % describe(backup),
        parent.tr("Restore"),
        parent.tr("Cancel"),
        details=" ".join(part for part in (counted % names, since) if part)
        + "\n\n"
        + parent.tr(
            "The current state is backed up first, so this can be undone by restoring that backup."
        ),
        icon=QMessageBox.Icon.Warning,
    )


def confirm_damaged_restore(
    parent: QWidget, database: Path, backup: Backup, in_backup: list[str] | None
) -> bool:
    """Ask before restoring over a damaged file, naming the file and the backup's date: no
    profile can be checked (the file cannot be read), so this confirmation is the safeguard;
    Cancel is the default."""
    holds = (
        parent.tr("The backup holds these profiles: %s.") % ", ".join(in_backup)
        if in_backup
        else ""
    )
    return ask(
        parent,
        parent.tr("Restore this backup?"),
        parent.tr("Replace the damaged file %s with the backup taken %s?")
        % (database, describe(backup)),
        parent.tr("Restore"),
        parent.tr("Cancel"),
        details=" ".join(
            part
            for part in (
                parent.tr(
                    "Every profile on this computer goes back to that moment; anything saved"
                    " after it is not in the backup."
                ),
                holds,
                parent.tr("The damaged file is not deleted: it is kept, as it is, in %s.")
                % backup.path.parent,
            )
            if part
        ),
        icon=QMessageBox.Icon.Warning,
    )
