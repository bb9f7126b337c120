"""What of a course could not be loaded, each with the problem that is the cause, so that
the problems that follow from it (a dead link to the lesson, a question naming it) can be
shown beneath that cause."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from trainer.content.loader import LESSON_FILE, MODULE_FILE
from trainer.content.model import Course, Module
from trainer.content.problems import Problem


@dataclass(frozen=True)
class BrokenParts:
    """Lessons, modules and quizzes that did not load, each mapped to its cause."""

    lessons: Mapping[str, Problem] = field(default_factory=dict)  # by the id its file names
    lesson_files: Mapping[Path, Problem] = field(default_factory=dict)  # by resolved path
    modules: Mapping[str, Problem] = field(default_factory=dict)
    quizzes: Mapping[str, Problem] = field(default_factory=dict)  # by file stem

    def module_cause(self, cause: Problem | None) -> Problem | None:
        """`cause` if it is what broke a module (whose objectives are then unknown)."""
        return cause if cause is not None and cause in self.modules.values() else None


def broken_parts(course: Course, quiz_problems: Iterable[Problem]) -> BrokenParts:
    """Find the lesson files, modules and quiz files that did not load, and why."""
    lesson_files: dict[Path, Problem] = {}
    for module in course.modules:
        lesson_files.update(_broken_lesson_files(module))
    lessons = {_lesson_id(path): cause for path, cause in lesson_files.items()}
    modules = {m.id: m.broken_by for m in course.modules if m.broken_by is not None}
    return BrokenParts(lessons, lesson_files, modules, _first_problem_by_stem(quiz_problems))


def _broken_lesson_files(module: Module) -> dict[Path, Problem]:
    """Each lesson file of the module's folder that did not load, with its first problem
    (or, when the module itself is broken, the module's)."""
    if not module.path.is_dir():
        return {}
    loaded = {lesson.path.resolve() for lesson in module.lessons}
    broken = {}
    for path in sorted(module.path.glob("*.md")):
        if path.name == MODULE_FILE or not LESSON_FILE.match(path.name):
            continue
        if path.resolve() in loaded:
            continue
        own = sorted(p for p in module.problems if p.file == path)
        cause = own[0] if own else module.broken_by
        if cause is not None:
            broken[path.resolve()] = cause
    return broken


def _lesson_id(path: Path) -> str:
    """The lesson id a lesson file's name gives (`02-steps.md`: `steps`)."""
    match = LESSON_FILE.match(path.name)
    return match.group(2) if match else path.stem


def _first_problem_by_stem(problems: Iterable[Problem]) -> dict[str, Problem]:
    first: dict[str, Problem] = {}
    for problem in sorted(problems):
        first.setdefault(problem.file.stem, problem)
    return first
