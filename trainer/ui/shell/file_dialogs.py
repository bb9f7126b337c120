"""Every file dialog of the app: choose a file to open or save, or a folder.

Qt's own dialog asks each listed file for its type by reading its first bytes. When one of
those files is the live SQLite database, that open and close drops every POSIX lock this
process holds on it (such locks belong to the process, not to a descriptor). A `trainer`
command run next then believes it is the database's only user: it checkpoints and deletes
the write-ahead log, and this app's later writes go to a deleted file and are lost. These
dialogs tell files apart by name only, so listing a folder never opens a file in it.

Windows locks per handle, so there the system's own dialog is used.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QCoreApplication, QFileInfo
from PySide6.QtGui import QAbstractFileIconProvider, QIcon
from PySide6.QtWidgets import QFileDialog, QWidget


class NameOnlyIcons(QAbstractFileIconProvider):
    """Icons and type names from a file's name and kind, never from its contents."""

    def icon(self, what: QFileInfo | QAbstractFileIconProvider.IconType) -> QIcon:
        if isinstance(what, QAbstractFileIconProvider.IconType):
            return super().icon(what)
        kind = (
            QAbstractFileIconProvider.IconType.Folder
            if what.isDir()
            else QAbstractFileIconProvider.IconType.File
        )
        return super().icon(kind)

    def type(self, info: QFileInfo) -> str:
        if info.isDir():
            return QCoreApplication.translate("FileDialogs", "Folder")
        suffix = info.suffix()
        if not suffix:
            return QCoreApplication.translate("FileDialogs", "File")
        return QCoreApplication.translate("FileDialogs", "{suffix} file").format(
            suffix=suffix.upper()
        )


_ICONS = NameOnlyIcons()


def _dialog(
    parent: QWidget | None, caption: str, directory: str, filters: str, mode: QFileDialog.FileMode
) -> QFileDialog:
    dialog = QFileDialog(parent, caption, directory, filters)
    dialog.setFileMode(mode)
    if sys.platform != "win32":
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
        dialog.setIconProvider(_ICONS)
    return dialog


def _chosen(dialog: QFileDialog) -> list[str]:
    if dialog.exec() != QFileDialog.DialogCode.Accepted:
        return []
    return dialog.selectedFiles()


def open_file_name(parent: QWidget | None, caption: str, directory: str, filters: str) -> str:
    """One existing file, or "" when the person cancels."""
    chosen = _chosen(
        _dialog(parent, caption, directory, filters, QFileDialog.FileMode.ExistingFile)
    )
    return chosen[0] if chosen else ""


def open_file_names(
    parent: QWidget | None, caption: str, directory: str, filters: str
) -> list[str]:
    """One or more existing files, or [] when the person cancels."""
    return _chosen(_dialog(parent, caption, directory, filters, QFileDialog.FileMode.ExistingFiles))


def save_file_name(parent: QWidget | None, caption: str, suggested: str, filters: str) -> str:
    """Where to save (the dialog asks before replacing a file), or "" when cancelled."""
    dialog = _dialog(parent, caption, suggested, filters, QFileDialog.FileMode.AnyFile)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    chosen = _chosen(dialog)
    return chosen[0] if chosen else ""


def existing_directory(parent: QWidget | None, caption: str, directory: str) -> str:
    """A folder, or "" when cancelled."""
    dialog = _dialog(parent, caption, directory, "", QFileDialog.FileMode.Directory)
    dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)
    chosen = _chosen(dialog)
    return chosen[0] if chosen else ""
