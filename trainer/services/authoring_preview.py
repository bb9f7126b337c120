"""What the trainer's live preview shows for an edited file, worked out without Qt: a
lesson or module page rendered as the learner will read it, a quiz as loaded, a client
case as its outline, or the problems that stop it from loading."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from trainer.cases.checks import reference_problems
from trainer.cases.graph import helpful_path
from trainer.cases.loader import CASES_FOLDER, Case, case_from_text
from trainer.cases.model import CaseSpec, Choice, Ending
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
    CASE = "case"  # a client case: <module>/cases/<id>.yaml
    YAML = "yaml"  # course.yaml, glossary, references, evaluation
    OTHER = "other"


def file_kind(path: Path, quiz_dir: Path) -> FileKind:
    """The kind of `path`: quizzes are the YAML files of the quiz folder, client cases
    those of a module's `cases` folder."""
    if path.suffix in {".yaml", ".yml"}:
        if path.parent.name == CASES_FOLDER and (path.parent.parent / "module.md").is_file():
            return FileKind.CASE
        return FileKind.QUIZ if path.parent.resolve() == quiz_dir.resolve() else FileKind.YAML
    if path.name == "module.md":
        return FileKind.MODULE
    if LESSON_NAME.match(path.name):
        return FileKind.LESSON
    return FileKind.OTHER


@dataclass(frozen=True)
class Preview:
    """What the preview pane shows for one edited text: a page, a quiz, a case's outline
    (an HTML fragment), or problems."""

    page: RenderedPage | None = None
    quiz: QuizSpec | None = None
    problems: tuple[Problem, ...] = ()
    note: str = ""
    outline: str = ""


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
        if kind is FileKind.CASE:
            return _case_preview(text, path, renderer)
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


def _case_preview(text: str, path: Path, renderer: Renderer | None) -> Preview:
    """The case's outline; the problems, with their lines, when it does not load. Problems
    with what it names (objectives, lessons, footnotes) are listed above the outline."""
    case = load_case_text(text, path)
    if renderer is None:
        return Preview(note="The preview appears once the course has loaded.")
    problems = tuple(reference_problems(renderer.course, [case], renderer))
    return Preview(outline=case_outline_html(case, renderer), problems=problems)


def load_case_text(text: str, path: Path) -> Case:
    """The case in the edited `text` of `path`, checked as the loader checks the file.

    Raises ContentError with every problem of the file."""
    return case_from_text(text, path)


RATING_WORDS = {"helpful": "helpful", "partly": "partly helpful", "harmful": "harmful"}


def case_outline_html(case: Case, renderer: Renderer) -> str:
    """The case as its author checks it: the client and setting, each node with its choices
    (rating in words, feedback, where it leads), then each ending with its outcome."""
    spec = case.spec
    endings = {ending.id: ending for ending in spec.endings}
    path = helpful_path(spec) or []
    parts = [
        f"<h1>{_e(spec.title)}</h1>",
        f"<p>Client case <code>{_e(spec.id)}</code> of module <code>{_e(spec.module)}</code>."
        f" Objectives: {_codes(spec.objectives)}. {len(spec.nodes)} decision points,"
        f" {len(spec.endings)} endings. Starts at <code>{_e(spec.start)}</code>.</p>",
        "<p>Helpful path: "
        + " → ".join([*(f"<code>{_e(node)}</code>" for node, _ in path), _path_end(spec, path)])
        + "</p>",
        "<h2>Client</h2>",
        _md(renderer, spec.client, case),
        "<h2>Setting</h2>",
        _md(renderer, spec.setting, case),
        "<h2>Nodes</h2>",
    ]
    for node in spec.nodes:
        start = " (start)" if node.id == spec.start else ""
        parts += [
            f'<h3 id="{_e(node.id)}">Node <code>{_e(node.id)}</code>{start}</h3>',
            _md(renderer, node.text, case),
            "<ol>",
            *(_choice_html(choice, endings, renderer, case) for choice in node.choices),
            "</ol>",
        ]
    parts.append("<h2>Endings</h2>")
    for ending in spec.endings:
        lessons = _codes(ending.lessons) if ending.lessons else "none"
        parts += [
            f'<h3 id="{_e(ending.id)}">Ending <code>{_e(ending.id)}</code>: {_e(ending.title)}'
            f" ({RATING_WORDS[ending.outcome]})</h3>",
            _md(renderer, ending.debrief, case),
            f"<p>Lessons: {lessons}</p>",
        ]
    return "\n".join(parts)


def _choice_html(choice: Choice, endings: dict[str, Ending], renderer: Renderer, case: Case) -> str:
    ending = endings.get(choice.next)
    leads_to = (
        f"ending <code>{_e(choice.next)}</code>: {_e(ending.title)}"
        f" ({RATING_WORDS[ending.outcome]})"
        if ending is not None
        else f"node <code>{_e(choice.next)}</code>"
    )
    objectives = f" Objectives: {_codes(choice.objectives)}." if choice.objectives else ""
    return (
        f"<li><p><b>{_e(choice.text.strip())}</b> <code>{_e(choice.id)}</code></p>"
        f"<p>Rated {RATING_WORDS[choice.rating]} → {leads_to}.{objectives}</p>"
        f"<blockquote>{renderer.render_case_text(choice.feedback, case.path)}</blockquote></li>"
    )


def _path_end(spec: CaseSpec, path: list[tuple[str, str]]) -> str:
    if not path:
        return "none"
    last = spec.choice(*path[-1])
    return f"ending <code>{_e(last.next)}</code>" if last else ""


def _md(renderer: Renderer, text: str, case: Case) -> str:
    return renderer.render_case_text(text, case.path)


def _codes(ids: list[str]) -> str:
    return ", ".join(f"<code>{_e(item)}</code>" for item in ids)


def _e(text: str) -> str:
    return html.escape(text, quote=True)


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
