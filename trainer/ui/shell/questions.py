"""A question whose buttons say what they do ("Submit anyway" / "Keep answering"), not
Yes and No; the safe answer is the default unless the caller says otherwise."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget


def ask(
    parent: QWidget,
    title: str,
    text: str,
    act: str,
    keep: str,
    *,
    details: str = "",
    act_is_default: bool = False,
    icon: QMessageBox.Icon = QMessageBox.Icon.Question,
) -> bool:
    """Ask `text`; True when the person chose `act`, False for `keep`, Escape or closing."""
    box = QMessageBox(parent)
    box.setIcon(icon)
    box.setWindowTitle(title)
    box.setTextFormat(Qt.TextFormat.PlainText)  # the text may hold a name: never HTML
    box.setText(text)
    if details:
        box.setInformativeText(details)
    act_button = box.addButton(act, QMessageBox.ButtonRole.AcceptRole)
    keep_button = box.addButton(keep, QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(act_button if act_is_default else keep_button)
    box.setEscapeButton(keep_button)
    box.exec()
    return box.clickedButton() is act_button
