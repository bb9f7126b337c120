"""Choose a backup to restore; the confirmation says what will be replaced."""

from __future__ import annotations

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
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Restore a backup"))
        self.backups = backups
        self.database = database
        self.profiles = profiles  # every profile on this machine: a restore changes them all
        self.in_backups = in_backups or {}  # the profiles each backup holds, when readable
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
        if confirm_restore(self, backup, self.profiles, self.in_backups.get(backup.path)):
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
