"""The main window's menus: File, View and Help (guide, log folder, about), with their shortcuts."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMenu, QMessageBox

from trainer.ui.shell import theme
from trainer.ui.shell.help import GuideDialog, about_text

if TYPE_CHECKING:
    from trainer.ui.shell.app_window import AppWindow


def _action(
    self: AppWindow,
    menu: QMenu,
    text: str,
    slot: Callable[[], object],
    shortcut: QKeySequence | QKeySequence.StandardKey | None = None,
    enabled: bool = True,
) -> QAction:
    action = QAction(text, self)
    if shortcut is not None:
        action.setShortcut(shortcut)
    action.triggered.connect(slot)
    action.setEnabled(enabled)
    menu.addAction(action)
    return action


def build_menus(self: AppWindow) -> None:
    """The File, View and Help menus; the actions are kept on the window."""
    file = self.menuBar().addMenu(self.tr("&File"))
    file.setToolTipsVisible(True)  # a disabled action says why
    self.switch_action = _action(
        self, file, self.tr("&Switch profile"), self.show_start, enabled=False
    )
    file.addSeparator()
    self.export_action = _action(
        self,
        file,
        self.tr("&Export my progress for my supervisor…"),
        self._export_progress,
        enabled=False,
    )
    self.import_action = _action(
        self, file, self.tr("&Import progress bundles…"), self._import_progress, enabled=False
    )
    self.install_key_action = _action(
        self,
        file,
        self.tr("Install organisation &key…"),
        lambda: _install_org_key(self),
        enabled=False,
    )
    self.install_key_action.setToolTip(
        self.tr("Install the key file your supervisor gave you, so exported progress is signed")
    )
    file.addSeparator()
    self.backup_action = _action(
        self, file, self.tr("&Back up now"), lambda: self._back_up(force=True), enabled=False
    )
    self.restore_action = _action(
        self, file, self.tr("&Restore a backup…"), self.choose_backup, enabled=False
    )
    file.addSeparator()
    _action(self, file, self.tr("&Quit"), self.close, QKeySequence.StandardKey.Quit)
    view = self.menuBar().addMenu(self.tr("&View"))
    self.learner_actions = [
        _action(self, view, self.tr("Course &home"), self.show_home, QKeySequence("Alt+Home"), False),
        _action(self, view, self.tr("My &progress"), self.show_progress, None, False),
        _action(self, view, self.tr("&Booster reviews"), self.show_reviews, None, False),
        _action(self, view, self.tr("&Find in lesson…"), self._find, QKeySequence.StandardKey.Find, False),
        _action(self, view, self.tr("P&revious lesson"), lambda: self._reader_step(-1), QKeySequence("Alt+Left"), False),
        _action(self, view, self.tr("&Next lesson"), lambda: self._reader_step(1), QKeySequence("Alt+Right"), False),
    ]  # fmt: skip
    view.addSeparator()
    self.supervisor_action = _action(
        self, view, self.tr("&Supervisor: completion"), self.show_supervisor, enabled=False
    )
    self.trainer_action = _action(
        self, view, self.tr("&Trainer: authoring"), self.show_trainer, enabled=False
    )
    view.addSeparator()
    _action(self, view, self.tr("Zoom &in"), lambda: self.zoom(1), QKeySequence.StandardKey.ZoomIn)
    _action(
        self, view, self.tr("Zoom &out"), lambda: self.zoom(-1), QKeySequence.StandardKey.ZoomOut
    )
    _action(self, view, self.tr("&Normal size"), lambda: self.zoom(0), QKeySequence("Ctrl+0"))
    _theme_menu(self, view.addMenu(self.tr("Th&eme")))
    help_menu = self.menuBar().addMenu(self.tr("&Help"))
    _action(
        self,
        help_menu,
        self.tr("&Guide"),
        lambda: GuideDialog(self).exec(),
        QKeySequence.StandardKey.HelpContents,
    )
    _action(self, help_menu, self.tr("Open &log folder"), lambda: _open_log_folder(self))
    _action(self, help_menu, self.tr("&About"), lambda: _about(self))


def _theme_menu(self: AppWindow, menu: QMenu) -> None:
    """Follow the system's light or dark setting, or keep one of them."""
    group = QActionGroup(self)
    chosen = theme.saved_choice()
    self.theme_actions = {}
    for choice, text in (
        (theme.Choice.SYSTEM, self.tr("&Follow the system")),
        (theme.Choice.LIGHT, self.tr("&Light")),
        (theme.Choice.DARK, self.tr("&Dark")),
    ):
        action = _action(self, menu, text, _applying(choice))
        action.setCheckable(True)
        action.setChecked(choice is chosen)
        group.addAction(action)
        self.theme_actions[choice] = action


def _applying(choice: theme.Choice) -> Callable[[], object]:
    return lambda: theme.apply_theme(choice)


def _install_org_key(self: AppWindow) -> None:
    from trainer.ui.shell.bundle_actions import install_key_dialog

    if self.context is not None:
        install_key_dialog(self, self.context)


def _open_log_folder(self: AppWindow) -> None:
    from trainer.ui.shell.error_report import open_log_folder

    open_log_folder(self)


def _about(self: AppWindow) -> None:
    course = self.catalog.course if self.catalog else None
    QMessageBox.about(
        self,
        self.tr("About"),
        about_text(
            course.title if course else "",
            course.version if course else "",
            self.store.display_name if self.store else "",
        ),
    )
