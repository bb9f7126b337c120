"""Load a curriculum folder into a Course, collecting every problem on the way.

A broken module does not stop the course: it is loaded as unavailable, carrying
its problems. Only an unreadable `course.yaml` raises ContentError.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Protocol, TypeVar

from trainer.content.certificate_fields import certificate_warnings
from trainer.content.formats import (
    CourseFile,
    EvaluationForm,
    GlossaryTerm,
    LessonFront,
    ModuleFront,
    Reference,
)
from trainer.content.frontmatter import MarkdownFile, split_front_matter
from trainer.content.limits import markdown_hazards, text_hazards
from trainer.content.model import Course, Lesson, Module, content_hash
from trainer.content.problems import ContentError, Problem
from trainer.content.schema import validate_document
from trainer.content.yamlsource import YamlDocument, parse_yaml, read_text

LESSON_FILE = re.compile(r"^(\d{2})-(.+)\.md$")
MODULE_FILE = "module.md"
T = TypeVar("T")


class _Entry(Protocol):
    @property
    def id(self) -> str: ...


E = TypeVar("E", bound=_Entry)


def load_course(root: Path) -> tuple[Course, list[Problem]]:
    """Load the course in `root`; return it with every problem found in its files."""
    course_path = root / "course.yaml"
    if not course_path.is_file():
        raise ContentError(
            [Problem(course_path, 1, "no course.yaml here: is this the curriculum folder?")]
        )
    document = parse_yaml(read_text(course_path), course_path)
    spec, problems = validate_document(CourseFile, document)
    if spec is None:
        raise ContentError(problems)

    references, reference_problems, reference_lines = _load_list(
        root / "references.yaml", Reference
    )
    glossary, glossary_problems, glossary_lines = _load_list(root / "glossary.yaml", GlossaryTerm)
    evaluation, evaluation_problems = _load_optional(root / "evaluation.yaml", EvaluationForm)
    problems = reference_problems + glossary_problems + evaluation_problems

    modules = []
    for index, module_id in enumerate(spec.modules):
        folder = root / module_id
        if not (folder / MODULE_FILE).is_file():
            problem = document.problem(
                ("modules", index),
                f"module `{module_id}` has no {module_id}/{MODULE_FILE}:"
                " create it or remove the module from `modules`",
            )
            modules.append(
                Module(
                    id=module_id,
                    title=module_id,
                    path=folder,
                    problems=(problem,),
                    broken_by=problem,
                )
            )
        else:
            modules.append(load_module(folder))
        problems.extend(modules[-1].problems)
    problems.extend(_unlisted_modules(root, spec, document))

    hashes = [content_hash(read_text(course_path))]
    hashes += [lesson.hash for module in modules for lesson in module.lessons]
    course = Course(
        id=spec.id,
        title=spec.title,
        version=spec.version,
        provider=spec.provider if isinstance(spec.provider, str) else spec.provider.name,
        approval_number=spec.approval_number,
        ce_hours=spec.ce_hours,
        pretest=spec.pretest,
        posttest=spec.posttest,
        completion=spec.completion,
        root=root,
        modules=tuple(modules),
        glossary=tuple(glossary),
        references={reference.id: reference for reference in references},
        evaluation=evaluation,
        credit=spec.credit,
        review=spec.review,
        entry_lines={
            **{("references.yaml", i): line for i, line in reference_lines.items()},
            **{("glossary.yaml", i): line for i, line in glossary_lines.items()},
            **{
                ("course.yaml", str(k[0])): line
                for k, line in document.lines.items()
                if len(k) == 1
            },
        },
        hash=content_hash("".join(hashes)),
        provider_address="" if isinstance(spec.provider, str) else spec.provider.address,
        provider_contact="" if isinstance(spec.provider, str) else spec.provider.contact,
        approvals=tuple(spec.approvals or ()),
        delivery_format=spec.delivery_format,
        certificate_warnings=tuple(certificate_warnings(spec, document)),
    )
    return course, problems


def load_module(folder: Path) -> Module:
    """Load one module folder; problems make it unavailable rather than raising."""
    problems: list[Problem] = []
    module_path = folder / MODULE_FILE
    try:
        source = split_front_matter(read_text(module_path), module_path)
    except ContentError as error:
        return Module(
            id=folder.name,
            title=folder.name,
            path=folder,
            problems=tuple(error.problems),
            broken_by=error.problems[0] if error.problems else None,
        )
    front, problems = validate_document(ModuleFront, source.front)
    hazards = body_hazards(source, module_path)
    problems += hazards
    if front is not None and front.id != folder.name:
        problems.append(
            source.front.problem(
                ("id",), f"module id `{front.id}` must equal its folder name `{folder.name}`"
            )
        )
    lessons = []
    numbers: dict[int, Path] = {}
    for path in sorted(folder.glob("*.md")):
        if path.name == MODULE_FILE:
            continue
        lesson, lesson_problems = load_lesson(path, folder.name)
        problems.extend(lesson_problems)
        if lesson is None:
            continue
        if lesson.number in numbers:
            problems.append(
                Problem(
                    path,
                    1,
                    f"lesson number {lesson.number:02d} is also used by"
                    f" {numbers[lesson.number].name}: give each lesson its own number",
                )
            )
        numbers[lesson.number] = path
        lessons.append(lesson)
    if front is None:
        own = sorted(p for p in problems if p.file == module_path)
        return Module(
            id=folder.name,
            title=folder.name,
            path=folder,
            problems=tuple(problems),
            broken_by=own[0] if own else None,
        )
    if not lessons and not problems:
        problems.append(
            Problem(module_path, 1, "the module has no lessons: add a file like `01-intro.md`")
        )
    return Module(
        id=front.id,
        title=front.title,
        path=folder,
        summary=front.summary,
        minutes=front.minutes,
        quiz=front.quiz,
        objectives=tuple(front.objectives),
        intro="" if hazards else source.body,
        intro_line=source.body_line,
        lessons=tuple(lessons),
        problems=tuple(problems),
        lines=source.front.lines,
        reviewed=front.reviewed,
    )


def load_lesson(path: Path, module_id: str) -> tuple[Lesson | None, list[Problem]]:
    """Load one lesson file; return None with the problems when it cannot be used."""
    match = LESSON_FILE.match(path.name)
    if not match:
        return None, [
            Problem(
                path,
                1,
                f"`{path.name}` is not a lesson file name: name it like `01-lesson-id.md`",
            )
        ]
    try:
        text = read_text(path)
        source = split_front_matter(text, path)
    except ContentError as error:
        return None, error.problems
    front, problems = validate_document(LessonFront, source.front)
    hazards = body_hazards(source, path)
    if front is None or hazards:
        return None, problems + hazards
    if front.id != match.group(2):
        problems.append(
            source.front.problem(
                ("id",),
                f"lesson id `{front.id}` must match the file name: rename the file to"
                f" `{match.group(1)}-{front.id}.md` or set `id: {match.group(2)}`",
            )
        )
    lesson = Lesson(
        id=front.id,
        title=front.title,
        minutes=front.minutes,
        objectives=tuple(front.objectives),
        practice=tuple(front.practice),
        module_id=module_id,
        number=int(match.group(1)),
        path=path,
        body=source.body,
        body_line=source.body_line,
        hash=content_hash(text),
        lines=source.front.lines,
        reviewed=front.reviewed,
    )
    return lesson, problems


def body_hazards(source: MarkdownFile, path: Path) -> list[Problem]:
    """The Markdown limits the page (or its front matter's texts) breaks: such a page is
    never rendered."""
    return [
        Problem(path, source.body_line + offset, message)
        for offset, message in markdown_hazards(source.body)
    ] + [source.front.problem(loc, message) for loc, message in text_hazards(source.front.data)]


def _load_list(path: Path, item: type[E]) -> tuple[list[E], list[Problem], dict[str, int]]:
    """A YAML list of entries; each valid entry is kept, with the line it starts on."""
    if not path.is_file():
        return [], [], {}
    try:
        document = parse_yaml(read_text(path), path)
    except ContentError as error:
        return [], error.problems, {}
    if document.data is None:
        return [], [], {}
    if not isinstance(document.data, list):
        return [], [Problem(path, 1, "expected a list of entries, each starting with `- id:`")], {}
    items: list[E] = []
    problems: list[Problem] = []
    lines: dict[str, int] = {}
    for index in range(len(document.data)):
        value, item_problems = _validate_item(document, index, item)
        problems.extend(item_problems)
        if value is None:
            continue
        line = document.lines.get((index,), 1)
        entry_id = value.id
        if entry_id in lines:
            problems.append(
                Problem(path, line, f"id `{entry_id}` is already used on line {lines[entry_id]}")
            )
            continue
        items.append(value)
        lines[entry_id] = line
    return items, problems, lines


def _validate_item(
    document: YamlDocument, index: int, item: type[T]
) -> tuple[T | None, list[Problem]]:
    single = YamlDocument(
        document.path,
        document.data[index],
        {key[1:]: line for key, line in document.lines.items() if key[:1] == (index,)},
        document.lines.get((index,), 1),
    )
    hazards = [single.problem(loc, message) for loc, message in text_hazards(single.data)]
    if hazards:  # a reference's citation is added to every page that cites it
        return None, hazards
    return validate_document(item, single)


def _load_optional(path: Path, shape: type[T]) -> tuple[T | None, list[Problem]]:
    if not path.is_file():
        return None, []
    try:
        return validate_document(shape, parse_yaml(read_text(path), path))
    except ContentError as error:
        return None, error.problems


def _unlisted_modules(root: Path, spec: Any, document: YamlDocument) -> list[Problem]:
    listed = set(spec.modules)
    return [
        document.problem(
            ("modules",),
            f"folder `{folder.name}` has a {MODULE_FILE} but is not listed in `modules`:"
            " add it or remove the folder",
        )
        for folder in sorted(root.iterdir())
        if folder.is_dir() and (folder / MODULE_FILE).is_file() and folder.name not in listed
    ]
