"""What the trainer's live preview shows for an edited file, worked out without Qt: a
lesson or module page rendered as the learner will read it, a quiz as loaded, or the
problems that stop it from loading."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from trainer.content.formats import LessonFront, ModuleFront
from trainer.content.frontmatter import split_front_matter
from trainer.content.limits import text_hazards
from trainer.content.loader import body_hazards
from trainer.content.model import Course, Lesson, Module
from trainer.content.problems import ContentError, Problem
from trainer.content.render import RenderedPage, Renderer
from trainer.content.schema import validate_document
from trainer.content.yamlsource import parse_yaml
from trainer.quiz.model import QuizSpec

LESSON_NAME = re.compile(r"^(\d{2})-(.+)\.md$")


class FileKind(Enum):
    """What an authored file is, which decides how it is previewed."""

    LESSON = "lesson"
    MODULE = "module"
    QUIZ = "quiz"
    YAML = "yaml"  # course.yaml, glossary, references, evaluation
    OTHER = "other"


def file_kind(path: Path, quiz_dir: Path) -> FileKind:
    """The kind of `path`: quizzes are the YAML files of the quiz folder."""
    if path.suffix in {".yaml", ".yml"}:
        return FileKind.QUIZ if path.parent.resolve() == quiz_dir.resolve() else FileKind.YAML
    if path.name == "module.md":
        return FileKind.MODULE
    if LESSON_NAME.match(path.name):
        return FileKind.LESSON
    return FileKind.OTHER


@dataclass(frozen=True)
class Preview:
    """What the preview pane shows for one edited text: a page, a quiz, or problems."""

    page: RenderedPage | None = None
    quiz: QuizSpec | None = None
    problems: tuple[Problem, ...] = ()
    note: str = ""


def build_preview(text: str, path: Path, kind: FileKind, renderer: Renderer | None) -> Preview:
    """Load the edited `text` of `path` as the app would; never raises for bad content."""
    try:
        if kind is FileKind.QUIZ:
            document = parse_yaml(text, path)
            hazards = [document.problem(loc, why) for loc, why in text_hazards(document.data)]
            if hazards:  # its prompts would hang the preview's Markdown
                return Preview(problems=tuple(hazards))
            spec, problems = validate_document(QuizSpec, document)
            return Preview(quiz=spec, problems=tuple(problems))
        if kind is FileKind.YAML:
            parse_yaml(text, path)
            return Preview(note="Valid YAML. Validate (F5) checks what it says.")
        if kind not in {FileKind.LESSON, FileKind.MODULE}:
            return Preview(note="No preview for this file.")
        if renderer is None:
            return Preview(note="The preview appears once the course has loaded.")
        return Preview(page=render_markdown(text, path, kind, renderer))
    except ContentError as error:
        return Preview(problems=tuple(error.problems))


def render_markdown(text: str, path: Path, kind: FileKind, renderer: Renderer) -> RenderedPage:
    """The lesson or module introduction in `text`, rendered as the learner sees it.

    Raises ContentError with the problems of its front matter."""
    source = split_front_matter(text, path)
    hazards = body_hazards(source, path)
    if hazards:  # the page would hang or crash the renderer: say where, as validate does
        raise ContentError(hazards)
    if kind is FileKind.MODULE:
        module_front, problems = validate_document(ModuleFront, source.front)
        if module_front is None:
            raise ContentError(problems)
        module = Module(
            id=module_front.id,
            title=module_front.title,
            path=path.parent,
            minutes=module_front.minutes,
            intro=source.body,
            intro_line=source.body_line,
        )
        return renderer.render_module_intro(module)
    front, problems = validate_document(LessonFront, source.front)
    if front is None:
        raise ContentError(problems)
    match = LESSON_NAME.match(path.name)
    lesson = Lesson(
        id=front.id,
        title=front.title,
        minutes=front.minutes,
        objectives=tuple(front.objectives),
        practice=tuple(front.practice),
        module_id=path.parent.name,
        number=int(match.group(1)) if match else 0,
        path=path,
        body=source.body,
        body_line=source.body_line,
        hash="",
    )
    return renderer.render_lesson(lesson)


def problem_lines(problems: tuple[Problem, ...]) -> list[str]:
    """Each problem as `file:line: message`, the file by its name alone."""
    return [f"{p.file.name}:{p.line}: {p.message}" for p in problems]


def question_targets(course: Course) -> tuple[list[str], list[str]]:
    """What a question may name: the course's objective ids, and every lesson id followed
    by its `lesson#anchor` sections (its headings, as the reader renders them), in course
    order."""
    renderer = Renderer(course)
    lessons: list[str] = []
    for lesson in course.lessons:
        lessons.append(lesson.id)
        lessons += [f"{lesson.id}#{entry.anchor}" for entry in renderer.render_lesson(lesson).toc]
    return [objective.id for objective in course.objectives], lessons
