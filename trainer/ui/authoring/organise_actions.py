"""Retitle, rename and delete from the authoring screen (services/organise.py does the work).

A rename or delete first looks up what points at the item and says so before anything is
written: a rename offers to rewrite those lines; a delete that would leave them dangling
is refused with the list, and the first of them is opened so it can be changed.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from trainer.services.errors import ServiceError
from trainer.ui.authoring import course_actions
from trainer.ui.shell.questions import ask
from trainer.ui.shell.text_and_tables import sentence

if TYPE_CHECKING:
    from trainer.services.organise import Changed, Kind, Reference
    from trainer.ui.authoring.trainer_page import TrainerPage

SHOWN_REFERENCES = 8  # more would make the question taller than a small screen


def chosen_item(page: TrainerPage) -> tuple[Kind, str, Path] | None:
    """The module, lesson or quiz chosen in the tree: its kind, id and file or folder."""
    from trainer.services.organise import item_at

    item = page.files.currentItem()
    if item is None:
        return None
    path = page.module_folder_of(item) or page.path_of(item)
    found = item_at(page.course_dir, page.quiz_dir, path) if path is not None else None
    return (*found, path) if found is not None and path is not None else None


def _nothing_chosen(page: TrainerPage) -> None:
    page.status.setText(page.tr("Choose a module, a lesson or a quiz in the list first."))


def change_title(page: TrainerPage) -> None:
    """Ask for a new title and write it into the item's file; only that line changes."""
    from trainer.services.organise import rename_title

    chosen = chosen_item(page)
    if chosen is None:
        _nothing_chosen(page)
        return
    kind, item_id, path = chosen
    title_file = path / "module.md" if path.is_dir() else path
    title = course_actions.ask_text(
        page,
        page.tr("Change title"),
        page.tr("New title of %1 `%2`:").replace("%1", kind).replace("%2", item_id),
        _title_of(title_file),
    )
    if title is None or not page.confirm_leave():
        return
    _run(page, lambda: rename_title(title_file, title), page.tr("Title changed"))


def rename(page: TrainerPage) -> None:
    """Ask for a new id; when lines point at the item, list them and offer to rewrite them."""
    from trainer.services.organise import references_to, rename_id

    chosen = chosen_item(page)
    if chosen is None:
        _nothing_chosen(page)
        return
    kind, old_id, _path = chosen
    new_id = course_actions.ask_text(
        page,
        page.tr("Rename"),
        page.tr("New id of %1 `%2` (lower-case letters, digits and hyphens):")
        .replace("%1", kind)
        .replace("%2", old_id),
        old_id,
    )
    if new_id is None or not page.confirm_leave():
        return
    new_id = new_id.strip()
    if new_id == old_id:
        return
    uses = references_to(page.course_dir, page.quiz_dir, kind, old_id)
    if uses and not ask(
        page,
        page.tr("Rename"),
        page.tr("%1 line(s) point at %2 `%3`. Rename it to `%4` and rewrite them?")
        .replace("%1", str(len(uses)))
        .replace("%2", kind)
        .replace("%3", old_id)
        .replace("%4", new_id),
        page.tr("&Rename and rewrite them"),
        page.tr("Cancel"),
        details=_listing(page, uses),
    ):
        return
    _run(
        page,
        lambda: rename_id(page.course_dir, page.quiz_dir, kind, old_id, new_id, True),
        page.tr("Renamed"),
    )


def delete(page: TrainerPage) -> None:
    """Delete the module (folder, quiz and course.yaml entry), lesson or quiz, after a
    confirmation; refused, with the lines that point at it, when anything does."""
    from trainer.services import organise

    chosen = chosen_item(page)
    if chosen is None:
        _nothing_chosen(page)
        return
    kind, item_id, path = chosen
    course_dir, quiz_dir = page.course_dir, page.quiz_dir
    deleting = {
        "module": lambda check: organise.delete_module(course_dir, quiz_dir, item_id, check),
        "lesson": lambda check: organise.delete_lesson(course_dir, quiz_dir, path, check),
        "quiz": lambda check: organise.delete_quiz(course_dir, quiz_dir, item_id, check),
        "case": lambda check: organise.delete_case(course_dir, quiz_dir, item_id, check),
    }[kind]
    try:
        deleting(True)  # what points at it is said before anything is asked
    except organise.OrganiseError as refused:
        _show_refusal(page, refused, refused.references, f"{kind} `{item_id}`")
        return
    what = {
        "module": page.tr("its folder, its lessons, its quiz and its line in course.yaml"),
        "lesson": page.tr("the file %1").replace("%1", path.name),
        "quiz": page.tr("the file %1").replace("%1", path.name),
        "case": page.tr("the file %1").replace("%1", path.name),
    }.get(kind, path.name)
    if not ask(
        page,
        page.tr("Delete"),
        page.tr("Delete %1 `%2`? This removes %3 from the disk.")
        .replace("%1", kind)
        .replace("%2", item_id)
        .replace("%3", what),
        page.tr("&Delete"),
        page.tr("&Keep it"),
    ):
        return
    if page.path is not None and (page.path == path or path in page.path.parents):
        page.forget_file()  # it is going
    elif not page.confirm_leave():
        return
    _run(
        page,
        lambda: deleting(False),
        page.tr("Deleted %1 `%2`").replace("%1", kind).replace("%2", item_id),
    )


def _run(page: TrainerPage, change: Callable[[], Changed], done: str) -> None:
    """Make the change; show the tree again and the open file as it is now on disk (it
    was saved first), or say why it was refused."""
    from trainer.services.organise import OrganiseError

    try:
        changed = change()
    except OrganiseError as refused:
        _show_refusal(page, refused, refused.references, page.tr("it"))
        return
    except (ServiceError, OSError) as error:
        _show_refusal(page, error, [], "")
        return
    open_path = page.path if page.path is not None and page.path.exists() else None
    if open_path is None and changed.path.is_file():
        open_path = changed.path
    page.forget_file()
    page.files_changed(open_path)
    page.status.setText(_done_text(page, done, changed))


def _done_text(page: TrainerPage, done: str, changed: Changed) -> str:
    """What was done, and the files it wrote and removed, by name."""
    parts = [done]
    if changed.changed:
        names = ", ".join(path.name for path in changed.changed)
        parts.append(page.tr("wrote %1").replace("%1", names))
    if changed.removed:
        names = ", ".join(path.name for path in changed.removed)
        parts.append(page.tr("removed %1").replace("%1", names))
    return "; ".join(parts) + "."


def _show_refusal(page: TrainerPage, error: Exception, uses: list[Reference], what: str) -> None:
    from PySide6.QtWidgets import QMessageBox

    if not uses:
        QMessageBox.warning(page, page.tr("Not changed"), sentence(error))
        return
    if ask(
        page,
        page.tr("Not changed"),
        page.tr("%1 line(s) point at %2; change them first.")
        .replace("%1", str(len(uses)))
        .replace("%2", what),
        page.tr("&Open the first"),
        page.tr("&Close"),
        details=_listing(page, uses),
        act_is_default=True,
        icon=QMessageBox.Icon.Warning,
    ):
        page.go_to(uses[0].file, uses[0].line)


def _title_of(path: Path) -> str:
    """The `title:` of a module.md, lesson or quiz file as saved ("" when unreadable)."""
    from trainer.services.text_edits import EditError, document_of

    try:
        title = document_of(path).data.get("title")
    except (EditError, AttributeError):
        return ""
    return title if isinstance(title, str) else ""


def _listing(page: TrainerPage, uses: list[Reference]) -> str:
    shown = [
        f"{_relative(page, use.file)}:{use.line}: {use.text.strip()[:80]}"
        for use in uses[:SHOWN_REFERENCES]
    ]
    if len(uses) > SHOWN_REFERENCES:
        shown.append(page.tr("… and %1 more").replace("%1", str(len(uses) - SHOWN_REFERENCES)))
    return "\n".join(shown)


def _relative(page: TrainerPage, file: Path) -> str:
    for root in (page.course_dir.parent, page.quiz_dir.parent):
        if root in file.parents:
            return file.relative_to(root).as_posix()
    return str(file)
