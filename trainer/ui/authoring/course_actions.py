"""Making the course from the authoring screen: New module, New lesson, New quiz and New
case, from the New menu and the file tree's context menu (services/scaffold.py writes the files).

Each asks for what it needs (a title; the module, when none is chosen in the tree), then
lists the files again, opens the new file and validates the course.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QInputDialog, QLineEdit, QMenu, QMessageBox, QWidget

from trainer.services.errors import ServiceError
from trainer.ui.shell.text_and_tables import sentence

if TYPE_CHECKING:
    from trainer.services.organise import Changed
    from trainer.services.release import Release
    from trainer.services.scaffold import Created
    from trainer.ui.authoring.trainer_page import TrainerPage


def ask_text(parent: QWidget, title: str, label: str, text: str = "") -> str | None:
    """A line of text, starting as `text`; None when cancelled (tests replace this)."""
    answer, ok = QInputDialog.getText(parent, title, label, QLineEdit.EchoMode.Normal, text)
    return answer if ok and answer.strip() else None


def ask_choice(parent: QWidget, title: str, label: str, choices: list[str]) -> str | None:
    """One of `choices`, or None when cancelled (tests replace this)."""
    chosen, ok = QInputDialog.getItem(parent, title, label, choices, 0, False)
    return chosen if ok else None


def new_menu(page: TrainerPage) -> QMenu:
    """New module…, New lesson…, New quiz, New case… (for the module chosen in the tree, if
    any); Move
    up and Move down (the module or lesson chosen in the tree); Change title…, Rename…
    and Delete… (the module, lesson or quiz chosen); and Release a new version…."""
    from trainer.ui.authoring import organise_actions  # it uses ask_text from here

    sections: tuple[tuple[tuple[str, Callable[[TrainerPage], None]], ...], ...] = (
        (
            (page.tr("New &module…"), new_module),
            (page.tr("New &lesson…"), new_lesson),
            (page.tr("New &quiz"), new_quiz),
            (page.tr("New &case…"), new_case),
        ),
        (
            (page.tr("Move &up"), lambda p: move(p, -1)),
            (page.tr("Move &down"), lambda p: move(p, 1)),
        ),
        (
            (page.tr("Change &title…"), organise_actions.change_title),
            (page.tr("Re&name (change the id)…"), organise_actions.rename),
            (page.tr("D&elete…"), organise_actions.delete),
        ),
        ((page.tr("&Release a new version…"), release),),
    )
    menu = QMenu(page)
    for index, section in enumerate(sections):
        if index:
            menu.addSeparator()
        for text, act in section:
            action = QAction(text, menu)
            action.triggered.connect(lambda _checked=False, act=act: act(page))
            menu.addAction(action)
    return menu


def show_tree_menu(page: TrainerPage, point: QPoint) -> None:
    """The file tree's context menu, at `point`, for the item under it."""
    item = page.files.itemAt(point)
    if item is not None:
        page.files.setCurrentItem(item)
    new_menu(page).exec(page.files.viewport().mapToGlobal(point))


def chosen_module(page: TrainerPage) -> str | None:
    """The module of the tree's current item (its folder, or a file in it), if any."""
    item = page.files.currentItem()
    while item is not None:
        folder = page.module_folder_of(item)
        if folder is not None:
            return folder.name
        item = item.parent()
    return None


def _module_to_use(page: TrainerPage, what: str) -> str | None:
    """The chosen module, else one asked for among the course's modules."""
    module = chosen_module(page)
    if module is not None:
        return module
    modules = page.module_ids()
    if not modules:
        _refused(page, page.tr("The course has no module yet: make one with New module."))
        return None
    return ask_choice(page, what, page.tr("Module:"), modules)


def new_module(page: TrainerPage) -> None:
    from trainer.services import scaffold

    title = ask_text(page, page.tr("New module"), page.tr("Title of the new module:"))
    if title is not None:
        _create(page, lambda: scaffold.new_module(page.course_dir, page.quiz_dir, title))


def new_lesson(page: TrainerPage) -> None:
    from trainer.services import scaffold

    module = _module_to_use(page, page.tr("New lesson"))
    if module is None:
        return
    title = ask_text(
        page, page.tr("New lesson"), page.tr("Title of the new lesson in %1:").replace("%1", module)
    )
    if title is not None:
        _create(page, lambda: scaffold.new_lesson(page.course_dir, module, title))


def new_quiz(page: TrainerPage) -> None:
    from trainer.services import scaffold

    module = _module_to_use(page, page.tr("New quiz"))
    if module is not None:
        _create(page, lambda: scaffold.new_quiz(page.course_dir, page.quiz_dir, module))


def new_case(page: TrainerPage) -> None:
    from trainer.services import scaffold

    module = _module_to_use(page, page.tr("New client case"))
    if module is None:
        return
    title = ask_text(
        page,
        page.tr("New client case"),
        page.tr("Title of the new client case in %1:").replace("%1", module),
    )
    if title is not None:
        _create(page, lambda: scaffold.new_case(page.course_dir, module, title))


def _create(page: TrainerPage, make: Callable[[], Created]) -> None:
    """Run `make` (a scaffold call), then show what it made, or why it was refused."""
    if not page.confirm_leave():
        return
    try:
        created = make()
    except (ServiceError, OSError) as error:
        _refused(page, sentence(error))
        return
    page.files_changed(created.path)
    page.editor.setFocus()  # ready to write
    names = ", ".join(path.name for path in created.changed)
    page.status.setText(
        page.tr("Created %1: wrote %2.").replace("%1", created.id).replace("%2", names)
    )


def _refused(page: TrainerPage, text: str, title: str = "") -> None:
    QMessageBox.warning(page, title or page.tr("Not created"), text)


def release(page: TrainerPage) -> None:
    """Release a new course version (services/release.py): asked for the version and what
    changed; the strict validation runs first and its problems are shown if any."""
    from trainer.services.release import release as make_release

    if not page.confirm_leave():
        return
    current = page.course_version()
    version = ask_text(
        page,
        page.tr("Release a new version"),
        page.tr("The course is at version %1. New version number:").replace("%1", current),
    )
    if version is None:
        return
    notes = ask_text(
        page, page.tr("Release a new version"), page.tr("What changed, for CHANGELOG.md:")
    )
    if notes is None:
        return
    course_dir, quiz_dir = page.course_dir, page.quiz_dir

    def released(done: Release) -> None:
        page.files_changed()
        page.status.setText(
            page.tr(
                "Released %1 (was %2): %3 page(s) changed since the last release, %4 stamped reviewed this month; CHANGELOG.md updated."
            )
            .replace("%1", done.version)
            .replace("%2", done.previous)
            .replace("%3", str(len(done.changed)))
            .replace("%4", str(len(done.stamped)))
        )

    def refused(error: Exception) -> None:
        if not isinstance(error, ServiceError):
            raise error
        QMessageBox.warning(page, page.tr("Not released"), sentence(error))

    page.context.tasks.run(
        lambda: make_release(course_dir, quiz_dir, version.strip(), notes.strip()),
        released,
        refused,
        page.tr("Releasing the course"),
    )


def move(page: TrainerPage, step: int) -> None:
    """Move the module or the lesson chosen in the tree `step` places (negative: earlier):
    course.yaml's order, or the lessons renumbered with the links to them."""
    from trainer.services import organise

    item = page.files.currentItem()
    folder = page.module_folder_of(item) if item is not None else None
    file = page.path_of(item) if item is not None else None
    if folder is not None:
        changed = _try_move(page, lambda: organise.move_module(page.course_dir, folder.name, step))
        if changed is not None:
            page.files_changed(page.path)
            page.select_module(folder)
    elif file is not None and file.suffix == ".md" and file.name != "module.md":
        if not page.confirm_leave():  # the lesson's file is renamed
            return
        changed = _try_move(page, lambda: organise.move_lesson(page.course_dir, file, step))
        if changed is not None:
            page.forget_file()
            page.files_changed(changed.path)  # the lesson, open at its new name
    else:
        page.status.setText(page.tr("Choose a module or a lesson in the list to move it."))


def _try_move(page: TrainerPage, move_it: Callable[[], Changed]) -> Changed | None:
    """What `move_it` changed; None when refused or when it was already at that end."""
    try:
        changed = move_it()
    except (ServiceError, OSError) as error:
        _refused(page, sentence(error), page.tr("Not moved"))
        return None
    if not changed.changed:
        page.status.setText(page.tr("It is already at that end of the list."))
        return None
    page.status.setText(
        page.tr("Moved; %1 file(s) written.").replace("%1", str(len(changed.changed)))
    )
    return changed
