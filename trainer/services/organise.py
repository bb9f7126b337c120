"""Reorder, retitle, rename and delete modules and lessons without breaking what points at them.

What points at an item is found by `references_to`: quiz questions naming a lesson or an
objective, lessons listing an objective, links between lessons, course.yaml and a module's
`quiz:`. A delete or rename that would leave any of them dangling is refused with the list
(file and line); `rename_id(..., fix_references=True)` rewrites them instead.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, TypeVar
from urllib.parse import urlsplit

from trainer.content.loader import LESSON_FILE, MODULE_FILE
from trainer.content.schema import SLUG_PATTERN
from trainer.services.course_ids import taken_ids
from trainer.services.errors import ServiceError
from trainer.services.module_list import COURSE_FILE, read_module_list, write_module_order
from trainer.services.scaffold import ScaffoldError, checked_title
from trainer.services.text_edits import (
    EditError,
    document_of,
    read_lines,
    replace_on_line,
    set_top_level_value,
    write_lines,
)

Kind = Literal["module", "lesson", "objective", "quiz", "case"]
KINDS: tuple[Kind, ...] = ("module", "lesson", "objective", "quiz", "case")
# a Markdown link or image: `[text](target "title")`, as the validator reads them
LINK = re.compile(r"(!?)\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")


class OrganiseError(ServiceError):
    """A move, rename or delete was refused; `references` lists what would break."""

    def __init__(self, message: str, references: list[Reference] | None = None) -> None:
        super().__init__(message)
        self.references = references or []


@dataclass(frozen=True, order=True)
class Reference:
    """One line that names an item: the file, the line number, and the line as written."""

    file: Path
    line: int
    text: str

    def display(self) -> str:
        return f"{self.file}:{self.line}: {self.text}"


@dataclass(frozen=True)
class Changed:
    path: Path  # where the item is now (for a delete: the file or folder that was removed)
    changed: tuple[Path, ...]  # files written, created or renamed to
    removed: tuple[Path, ...] = ()  # files deleted or renamed away


@dataclass(frozen=True)
class _Use:
    """A reference and the text in its line that names the item (an id, a file or folder
    name), which a rename replaces: in a link every use, in YAML the value's first (never
    the key: `pretest: pretest`; nor an anchor: `lesson: steps#steps`)."""

    reference: Reference
    token: str
    in_value: bool = True


def references_to(course_dir: Path, quiz_dir: Path, kind: Kind, item_id: str) -> list[Reference]:
    """Every line of the course and quizzes that names the module, lesson, objective or quiz
    `item_id`, outside the item's own definition."""
    return sorted({use.reference for use in _uses(course_dir, quiz_dir, kind, item_id)})


def item_at(course_dir: Path, quiz_dir: Path, path: Path) -> tuple[Kind, str] | None:
    """What a file or folder of the course is: a module (its folder or module.md), a lesson
    file or a quiz file, with its id; None for anything else (course.yaml, glossary…)."""
    if path.parent == course_dir and (path / MODULE_FILE).is_file():
        return "module", path.name
    if path.name == MODULE_FILE and path.parent.parent == course_dir:
        return "module", path.parent.name
    if path.parent.parent == course_dir and LESSON_FILE.match(path.name):
        return "lesson", _lesson_id(path)
    if path.parent == quiz_dir and path.suffix == ".yaml":
        return "quiz", path.stem
    if path.parent.name == "cases" and path.parent.parent.parent == course_dir:
        return "case", path.stem
    return None


def move_module(course_dir: Path, module_id: str, step: int) -> Changed:
    """Move the module `step` places later (negative: earlier) in course.yaml's `modules:`;
    a step past either end stops there."""
    modules = _edit(lambda: read_module_list(course_dir))
    if module_id not in modules.ids:
        raise OrganiseError(f"module `{module_id}` is not listed in {modules.path}: check the id")
    order = _moved(modules.ids, modules.ids.index(module_id), step)
    if order == modules.ids:
        return Changed(modules.path, ())
    _edit(lambda: write_module_order(modules, order))
    return Changed(modules.path, (modules.path,))


def move_lesson(course_dir: Path, lesson_path: Path, step: int) -> Changed:
    """Move the lesson `step` places later (negative: earlier) among its module's lessons,
    renumbering the module's lessons 01, 02… and the links that name their files."""
    lessons = [path for _, path in _lesson_files(lesson_path.parent)]
    if lesson_path not in lessons:
        raise OrganiseError(f"{lesson_path} is not a lesson file (NN-lesson-id.md): check the path")
    order = _moved(lessons, lessons.index(lesson_path), step)
    renames = {
        old: old.with_name(f"{number:02d}-{_lesson_id(old)}.md")
        for number, old in enumerate(order, start=1)
    }
    renames = {old: new for old, new in renames.items() if old != new}
    if len(order) > 99:
        raise OrganiseError(f"{lesson_path.parent} has more than 99 lessons: split the module")
    _rename_files(renames)
    linked = _rewrite_links(course_dir, renames)
    return Changed(
        renames.get(lesson_path, lesson_path),
        tuple(sorted({*renames.values(), *linked})),
        tuple(old for old in renames if old not in renames.values()),
    )


def rename_title(path: Path, title: str) -> Changed:
    """Set the `title:` of a module.md, a lesson (front matter) or a quiz file; nothing else
    of the file changes."""
    try:
        title = checked_title(title)
    except ScaffoldError as error:
        raise OrganiseError(str(error)) from None
    changed = _edit(lambda: set_top_level_value(path, "title", title))
    return Changed(path, (path,) if changed else ())


def delete_lesson(
    course_dir: Path, quiz_dir: Path, lesson_path: Path, check_only: bool = False
) -> Changed:
    """Delete a lesson file that nothing else points at; not the module's only lesson.
    `check_only`: refuse as a delete would, but delete nothing."""
    match = LESSON_FILE.match(lesson_path.name)
    if match is None or not lesson_path.is_file():
        raise OrganiseError(f"{lesson_path} is not a lesson file (NN-lesson-id.md): check the path")
    if len(_lesson_files(lesson_path.parent)) == 1:
        raise OrganiseError(
            f"{lesson_path.name} is the only lesson of module `{lesson_path.parent.name}`:"
            " a module needs one; add another lesson first, or delete the module"
        )
    uses = sorted(
        u.reference
        for u in _uses(course_dir, quiz_dir, "lesson", match.group(2))
        if u.reference.file != lesson_path
    )
    _refuse_if_used(f"lesson `{match.group(2)}`", uses, "delete")
    if not check_only:
        lesson_path.unlink()
    return Changed(lesson_path, (), (lesson_path,))


def delete_quiz(
    course_dir: Path, quiz_dir: Path, quiz_id: str, check_only: bool = False
) -> Changed:
    """Delete a quiz file that no module's `quiz:` and neither test names (`check_only`:
    refuse as a delete would, but delete nothing)."""
    path = _definition(course_dir, quiz_dir, "quiz", quiz_id)
    uses = sorted(u.reference for u in _uses(course_dir, quiz_dir, "quiz", quiz_id))
    _refuse_if_used(f"quiz `{quiz_id}`", uses, "delete")
    if not check_only:
        path.unlink()
    return Changed(path, (), (path,))


def delete_module(
    course_dir: Path, quiz_dir: Path, module_id: str, check_only: bool = False
) -> Changed:
    """Delete a module's folder, its entry in course.yaml, its quiz and booster files, when
    nothing outside them points at the module, its lessons, its objectives or its quiz
    (`check_only`: refuse as a delete would, but delete nothing)."""
    modules = _edit(lambda: read_module_list(course_dir))
    folder = course_dir / module_id
    if module_id not in modules.ids or not (folder / MODULE_FILE).is_file():
        raise OrganiseError(f"no module `{module_id}` in {modules.path}: check the id")
    if len(modules.ids) == 1:
        raise OrganiseError(f"`{module_id}` is the course's only module: a course needs one")
    front = _front(folder / MODULE_FILE)
    quiz_id = front.get("quiz") if isinstance(front.get("quiz"), str) else None
    quiz_file = quiz_dir / f"{quiz_id}.yaml" if quiz_id else None
    boosters = _booster_files(quiz_dir, module_id)
    going = {*folder.rglob("*"), *([quiz_file] if quiz_file else []), *boosters}
    items: list[tuple[Kind, str]] = [("module", module_id)]
    items += [("lesson", _lesson_id(path)) for _, path in _lesson_files(folder)]
    items += [("objective", o) for o in _objective_ids(front)]
    items += [("quiz", quiz_id)] if quiz_id else []
    uses = sorted(
        {
            u.reference
            for kind, item_id in items
            for u in _uses(course_dir, quiz_dir, kind, item_id)
            if u.reference.file not in going and u.reference.file != modules.path
        }
    )
    _refuse_if_used(f"module `{module_id}`", uses, "delete")
    removed = sorted(path for path in going if path.is_file())
    if check_only:
        return Changed(folder, (), tuple(removed))
    _edit(lambda: write_module_order(modules, [m for m in modules.ids if m != module_id]))
    for quiz_path in [quiz_file, *boosters]:
        if quiz_path is not None and quiz_path.is_file():
            quiz_path.unlink()
    shutil.rmtree(folder)
    return Changed(folder, (modules.path,), tuple(removed))


def _booster_files(quiz_dir: Path, module_id: str) -> list[Path]:
    """The module's booster-item files (`purpose: booster`, `module:` naming it)."""
    found = []
    for path in sorted(quiz_dir.glob("*.yaml")):
        try:
            data = document_of(path).data
        except EditError:
            continue
        if (
            isinstance(data, dict)
            and data.get("purpose") == "booster"
            and data.get("module") == module_id
        ):
            found.append(path)
    return found


def rename_id(
    course_dir: Path,
    quiz_dir: Path,
    kind: Kind,
    old_id: str,
    new_id: str,
    fix_references: bool = False,
) -> Changed:
    """Give a module, lesson, objective or quiz a new id (renaming its folder or file to
    match). What points at it is refused, listed, unless `fix_references`, which rewrites
    each of those lines. A module's entry in course.yaml is always rewritten."""
    if kind not in KINDS:
        raise OrganiseError(f"cannot rename a `{kind}`: use one of {', '.join(KINDS)}")
    if not SLUG_PATTERN.match(new_id):
        raise OrganiseError(
            f"`{new_id}` is not a valid id: use lower-case letters, digits and single hyphens"
        )
    if new_id in taken_ids(course_dir, quiz_dir):
        raise OrganiseError(f"the id `{new_id}` is already used in the course: choose another")
    definition = _definition(course_dir, quiz_dir, kind, old_id)
    uses = _uses(course_dir, quiz_dir, kind, old_id)
    course_file = course_dir / COURSE_FILE
    blocking = [
        u.reference for u in uses if not (kind == "module" and u.reference.file == course_file)
    ]
    if not fix_references:
        _refuse_if_used(f"{kind} `{old_id}`", blocking, "rename", fix="fix_references")
    changed = {u.reference.file for u in uses if _apply(u, old_id, new_id)}
    changed |= _rename_definition(definition, kind, old_id, new_id)
    return _after_rename(course_dir, kind, old_id, new_id, definition, changed)


def _after_rename(
    course_dir: Path, kind: Kind, old_id: str, new_id: str, definition: Path, changed: set[Path]
) -> Changed:
    """Move the renamed file or folder, and report every path where it is now."""
    if kind == "objective":
        return Changed(definition, tuple(sorted(changed)))
    if kind == "module":
        old_folder, new_folder = course_dir / old_id, course_dir / new_id
        old_folder.rename(new_folder)
        moved = {
            new_folder / p.relative_to(old_folder) if p.is_relative_to(old_folder) else p
            for p in changed
        }
        gone = tuple(p for p in changed if p.is_relative_to(old_folder))
        return Changed(new_folder / MODULE_FILE, tuple(sorted(moved)), gone)
    new_name = f"{new_id}.yaml" if kind in ("quiz", "case") else None
    if kind == "lesson":
        new_name = definition.name[:3] + f"{new_id}.md"
    assert new_name is not None
    new_path = definition.with_name(new_name)
    definition.rename(new_path)
    moved = {new_path if p == definition else p for p in changed}
    return Changed(new_path, tuple(sorted(moved)), (definition,))


def _definition(course_dir: Path, quiz_dir: Path, kind: Kind, item_id: str) -> Path:
    """The file that defines the item (a module's module.md, a lesson file, the module.md
    listing an objective, a quiz file); refused when there is none."""
    if kind == "module" and (course_dir / item_id / MODULE_FILE).is_file():
        return course_dir / item_id / MODULE_FILE
    if kind == "lesson":
        found = _lesson_path(course_dir, item_id)
        if found is not None:
            return found
    if kind == "objective":
        for module_file in sorted(course_dir.glob(f"*/{MODULE_FILE}")):
            if item_id in _objective_ids(_front(module_file)):
                return module_file
    if kind == "quiz" and (quiz_dir / f"{item_id}.yaml").is_file():
        return quiz_dir / f"{item_id}.yaml"
    if kind == "case":
        case_files = sorted(course_dir.glob(f"*/cases/{item_id}.yaml"))
        if case_files:
            return case_files[0]
    raise OrganiseError(f"no {kind} `{item_id}` in the course: check the id")


def _rename_definition(definition: Path, kind: Kind, old_id: str, new_id: str) -> set[Path]:
    if kind == "objective":
        document = document_of(definition)
        index = next(
            i
            for i, o in enumerate(document.data.get("objectives") or [])
            if isinstance(o, dict) and o.get("id") == old_id
        )
        line = document.lines[("objectives", index, "id")]
        _edit(lambda: replace_on_line(definition, line, old_id, new_id, in_value=True))
    else:
        _edit(lambda: set_top_level_value(definition, "id", new_id))
    return {definition}


def _apply(use: _Use, old_id: str, new_id: str) -> bool:
    new_token = use.token.replace(old_id, new_id, 1)
    return _edit(
        lambda: replace_on_line(
            use.reference.file, use.reference.line, use.token, new_token, use.in_value
        )
    )


def _refuse_if_used(what: str, uses: list[Reference], action: str, fix: str = "") -> None:
    if not uses:
        return
    listing = "; ".join(use.display() for use in uses[:5])
    more = f" and {len(uses) - 5} more" if len(uses) > 5 else ""
    how = f", or rename with {fix} to rewrite them" if fix else ""
    raise OrganiseError(
        f"cannot {action} {what}: {len(uses)} {'line points' if len(uses) == 1 else 'lines point'}"
        " at it"
        f" ({listing}{more}): change them first{how}",
        uses,
    )


def _uses(course_dir: Path, quiz_dir: Path, kind: Kind, item_id: str) -> list[_Use]:
    if kind == "module":
        return [
            *_course_yaml_uses(course_dir, "modules", item_id),
            *_quiz_module_uses(quiz_dir, item_id),
            *_folder_link_uses(course_dir, item_id),
            *_case_uses(course_dir, "module", item_id),
        ]
    if kind == "lesson":
        return [
            *_question_uses(quiz_dir, "lesson", item_id),
            *_lesson_link_uses(course_dir, item_id),
            *_case_uses(course_dir, "lessons", item_id),
        ]
    if kind == "objective":
        return [
            *_question_uses(quiz_dir, "objective", item_id),
            *_lesson_objective_uses(course_dir, item_id),
            *_case_uses(course_dir, "objectives", item_id),
        ]
    if kind == "case":
        return list(_module_list_uses(course_dir, "cases", item_id))
    if kind == "quiz":
        return [
            *_course_yaml_uses(course_dir, "pretest", item_id),
            *_course_yaml_uses(course_dir, "posttest", item_id),
            *_module_quiz_uses(course_dir, item_id),
        ]
    raise OrganiseError(f"unknown kind `{kind}`: use one of {', '.join(KINDS)}")


def _use(path: Path, line: int, token: str, in_value: bool = True) -> _Use:
    text = read_lines(path)[line - 1].strip()
    return _Use(Reference(path, line, text), token, in_value)


def _course_yaml_uses(course_dir: Path, key: str, item_id: str) -> Iterator[_Use]:
    path = course_dir / COURSE_FILE
    document = _document(path)
    if document is None or not isinstance(document.data, dict):
        return
    value = document.data.get(key)
    if isinstance(value, list):
        for index, entry in enumerate(value):
            if entry == item_id:
                yield _use(path, document.lines[(key, index)], item_id)
    elif value == item_id:
        yield _use(path, document.lines[(key,)], item_id)


def _quiz_module_uses(quiz_dir: Path, module_id: str) -> Iterator[_Use]:
    for path, document in _quizzes(quiz_dir):
        if document.data.get("module") == module_id:
            yield _use(path, document.lines[("module",)], module_id)


def _question_uses(quiz_dir: Path, field: str, item_id: str) -> Iterator[_Use]:
    for path, document in _quizzes(quiz_dir):
        questions = document.data.get("questions")
        for index, question in enumerate(questions if isinstance(questions, list) else []):
            value = question.get(field) if isinstance(question, dict) else None
            if isinstance(value, str) and value.split("#", 1)[0] == item_id:
                yield _use(path, document.lines[("questions", index, field)], item_id)


def _case_uses(course_dir: Path, field: str, item_id: str) -> Iterator[_Use]:
    """The client cases' `field` values (a value, or each entry of a list, anywhere in the
    case: `module:`, `objectives:` of the case and its choices, `lessons:` of its endings)
    that name `item_id` (a lesson with or without its `#anchor`)."""
    for path in sorted(course_dir.glob("*/cases/*.yaml")):
        document = _document(path)
        if document is None:
            continue
        for loc, value in _values_under(document.data, field, ()):
            if value.split("#", 1)[0] == item_id and loc in document.lines:
                yield _use(path, document.lines[loc], item_id)


def _values_under(data: Any, field: str, loc: tuple[Any, ...]) -> Iterator[tuple[Any, str]]:
    """Each text held by key `field` in `data` (or listed under it), with its location."""
    if isinstance(data, dict):
        for key, value in data.items():
            if key == field and isinstance(value, str):
                yield (*loc, key), value
            elif key == field and isinstance(value, list):
                yield from (
                    ((*loc, key, index), entry)
                    for index, entry in enumerate(value)
                    if isinstance(entry, str)
                )
            else:
                yield from _values_under(value, field, (*loc, key))
    elif isinstance(data, list):
        for index, entry in enumerate(data):
            yield from _values_under(entry, field, (*loc, index))


def _module_list_uses(course_dir: Path, key: str, item_id: str) -> Iterator[_Use]:
    """Entries of a module.md list (`cases:`) that name `item_id`."""
    for path in sorted(course_dir.glob(f"*/{MODULE_FILE}")):
        document = _document(path)
        listed = document.data.get(key) if document is not None else None
        for index, entry in enumerate(listed if isinstance(listed, list) else []):
            if entry == item_id and (key, index) in document.lines:
                yield _use(path, document.lines[(key, index)], item_id)


def delete_case(
    course_dir: Path, quiz_dir: Path, case_id: str, check_only: bool = False
) -> Changed:
    """Delete a client case file that no module.md lists in `cases:` (`check_only`: refuse as
    a delete would, but delete nothing)."""
    path = _definition(course_dir, quiz_dir, "case", case_id)
    uses = sorted(u.reference for u in _uses(course_dir, quiz_dir, "case", case_id))
    _refuse_if_used(f"case `{case_id}`", uses, "delete", fix="")
    if not check_only:
        path.unlink()
    return Changed(path, (), (path,))


def _module_quiz_uses(course_dir: Path, quiz_id: str) -> Iterator[_Use]:
    for path in sorted(course_dir.glob(f"*/{MODULE_FILE}")):
        document = _document(path)
        if document is not None and document.data.get("quiz") == quiz_id:
            yield _use(path, document.lines[("quiz",)], quiz_id)


def _lesson_objective_uses(course_dir: Path, objective_id: str) -> Iterator[_Use]:
    for path in sorted(course_dir.glob("*/*.md")):
        document = _document(path) if LESSON_FILE.match(path.name) else None
        objectives = document.data.get("objectives") if document else None
        for index, value in enumerate(objectives if isinstance(objectives, list) else []):
            if value == objective_id and document is not None:
                yield _use(path, document.lines[("objectives", index)], objective_id)


def _lesson_link_uses(course_dir: Path, lesson_id: str) -> Iterator[_Use]:
    target = _lesson_path(course_dir, lesson_id)
    if target is None:
        return
    for path, line, file_part in _links(course_dir):
        if (path.parent / file_part).resolve() == target.resolve():
            yield _use(path, line, target.name, in_value=False)


def _folder_link_uses(course_dir: Path, module_id: str) -> Iterator[_Use]:
    folder = (course_dir / module_id).resolve()
    for path, line, file_part in _links(course_dir):
        named = module_id in Path(file_part).parts  # not a link within the folder
        if named and (path.parent / file_part).resolve().parent == folder:
            yield _use(path, line, module_id, in_value=False)


def _links(course_dir: Path) -> Iterator[tuple[Path, int, str]]:
    """Each link to a Markdown file in the course's pages: the page, line, file part."""
    for path in sorted(course_dir.glob("*/*.md")):
        for number, text in enumerate(read_lines(path), start=1):
            for file_part in _link_files(text):
                yield path, number, file_part


def _link_files(text: str) -> Iterator[str]:
    for is_image, target in LINK.findall(text):
        file_part = target.partition("#")[0]
        if not is_image and not urlsplit(target).scheme and file_part.endswith(".md"):
            yield file_part


def _rewrite_links(course_dir: Path, renames: dict[Path, Path]) -> set[Path]:
    """Point every link to a renamed lesson file at its new name; the pages changed."""
    renamed = {old.resolve(): new for old, new in renames.items()}
    changed = set()
    for path in sorted(course_dir.glob("*/*.md")):
        lines = read_lines(path)
        new_lines = [_relinked(path, line, renamed) for line in lines]
        if new_lines != lines:
            _write(path, new_lines)
            changed.add(path)
    return changed


def _relinked(path: Path, text: str, renamed: dict[Path, Path]) -> str:
    def replace(match: re.Match[str]) -> str:
        target = match.group(2)
        file_part = target.partition("#")[0]
        if match.group(1) or urlsplit(target).scheme or not file_part.endswith(".md"):
            return match.group(0)
        new = renamed.get((path.parent / file_part).resolve())
        if new is None:
            return match.group(0)
        new_part = file_part[: len(file_part) - len(Path(file_part).name)] + new.name
        return match.group(0).replace(file_part, new_part, 1)

    return LINK.sub(replace, text)


def _write(path: Path, lines: list[str]) -> None:
    _edit(lambda: write_lines(path, lines))


def _rename_files(renames: dict[Path, Path]) -> None:
    """Rename in two steps, through temporary names, so that swapped numbers never collide."""
    temporary = {old: old.with_name(f".renaming-{old.name}") for old in renames}
    try:
        for old, temp in temporary.items():
            old.rename(temp)
        for old, new in renames.items():
            temporary[old].rename(new)
    except OSError as error:
        raise OrganiseError(f"cannot rename the lesson files: {error}") from None


def _moved(items: list[Any], index: int, step: int) -> list[Any]:
    order = list(items)
    item = order.pop(index)
    order.insert(max(0, min(len(order), index + step)), item)
    return order


def _lesson_files(folder: Path) -> list[tuple[int, Path]]:
    return sorted(
        (int(match.group(1)), path)
        for path in folder.glob("*.md")
        if (match := LESSON_FILE.match(path.name))
    )


def _lesson_id(path: Path) -> str:
    match = LESSON_FILE.match(path.name)
    assert match is not None
    return match.group(2)


def _lesson_path(course_dir: Path, lesson_id: str) -> Path | None:
    return next(
        (
            path
            for path in sorted(course_dir.glob(f"*/[0-9][0-9]-{lesson_id}.md"))
            if _lesson_id(path) == lesson_id
        ),
        None,
    )


def _objective_ids(front: dict[str, Any]) -> list[str]:
    return [
        o["id"]
        for o in front.get("objectives") or []
        if isinstance(o, dict) and isinstance(o.get("id"), str)
    ]


def _front(path: Path) -> dict[str, Any]:
    document = _document(path)
    return document.data if document is not None and isinstance(document.data, dict) else {}


def _document(path: Path) -> Any:
    """The file's YAML with lines, or None when it cannot be read (validate reports it)."""
    try:
        document = document_of(path)
    except EditError:
        return None
    return document if isinstance(document.data, dict) else None


def _quizzes(quiz_dir: Path) -> Iterator[tuple[Path, Any]]:
    for path in sorted([*quiz_dir.glob("*.yaml"), *quiz_dir.glob("*.yml")]):
        document = _document(path)
        if document is not None:
            yield path, document


T = TypeVar("T")


def _edit(action: Callable[[], T]) -> T:
    """Run a file edit, its refusal as an OrganiseError."""
    try:
        return action()
    except EditError as error:
        raise OrganiseError(str(error)) from None
