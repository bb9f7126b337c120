"""The screen shown instead of the start screen when the saved progress cannot be opened:
what is wrong, where the file is, and the way out (restore a backup of a damaged file,
or try again once the cause is put right)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from trainer.ui.shell.backup_dialog import describe
from trainer.ui.shell.text_and_tables import heading, sentence, wrapping_label

if TYPE_CHECKING:
    from trainer.services.database import Backup


class DatabaseProblemPage(QWidget):
    """Says why the database cannot be opened and offers what can be done about it."""

    restore_requested = Signal()
    retry_requested = Signal()

    def __init__(
        self,
        error: str,
        database: Path | None,
        damaged: bool,
        backups: list[Backup],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("databaseProblem")
        self.message = wrapping_label(sentence(error))
        self.message.setAccessibleName(self.tr("What is wrong"))
        self.advice = wrapping_label(self._advice(database, damaged, backups))
        self.advice.setAccessibleName(self.tr("What you can do"))
        for label in (self.message, self.advice):
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.restore_button = QPushButton(self.tr("&Restore a backup…"))
        self.restore_button.setAccessibleName(self.tr("Restore a backup"))
        self.restore_button.setVisible(damaged and bool(backups))
        self.restore_button.clicked.connect(self.restore_requested)
        self.retry_button = QPushButton(self.tr("&Try again"))
        self.retry_button.setAccessibleName(self.tr("Try again"))
        self.retry_button.clicked.connect(self.retry_requested)
        buttons = QHBoxLayout()
        buttons.addWidget(self.restore_button)
        buttons.addWidget(self.retry_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.tr("Your saved progress cannot be opened")))
        layout.addWidget(self.message)
        layout.addWidget(self.advice)
        layout.addLayout(buttons)
        layout.addStretch(1)
        first = self.restore_button if self.restore_button.isVisibleTo(self) else self.retry_button
        first.setDefault(True)
        self.setFocusProxy(first)

    def _advice(self, database: Path | None, damaged: bool, backups: list[Backup]) -> str:
        where = str(database) if database else self.tr("the database named by --db")
        if damaged and backups:
            return self.tr(
                "The newest backup of it was taken %s. Restoring a backup brings back every"
                " profile as it was then; anything saved after it is not in the backup. The"
                " damaged file is kept, as it is, beside the backups in %s."
            ) % (describe(backups[0]), backups[0].path.parent)
        if damaged:
            return (
                self.tr(
                    "No backup of it was found. Keep the file %s: whoever supports this app may"
                    " be able to repair it. To start afresh, close the app and move that file"
                    " into another folder; the app then begins a new, empty one."
                )
                % where
            )
        return (
            self.tr(
                "Your progress is saved in %s, and nothing in it was changed. Put right what"
                " the message above says, then press Try again."
            )
            % where
        )
