"""The course and its quizzes as the services and the UI use them."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from trainer.cases.loader import Case, load_cases
from trainer.content.formats import GlossaryTerm
from trainer.content.loader import load_course
from trainer.content.model import Course, Lesson, Module
from trainer.content.problems import ContentError, Problem
from trainer.quiz.loader import Quiz, load_quizzes
from trainer.services.errors import ServiceError

if TYPE_CHECKING:
    from trainer.content.render import RenderedPage, Renderer


@dataclass(frozen=True)
class Catalog:
    """A loaded course, its quizzes and its renderer; `problems` say what is unavailable."""

    course: Course
    quizzes: Mapping[str, Quiz] = field(default_factory=dict)
    problems: tuple[Problem, ...] = ()
    quiz_dir: Path | None = None  # the folder the quizzes were read from
    cases: Mapping[str, Case] = field(default_factory=dict)  # client cases, in course order

    @cached_property
    def renderer(self) -> Renderer:
        """Made when a page is first rendered: its Markdown and Jinja2 are not needed to
        start the app."""
        from trainer.content.render import Renderer

        return Renderer(self.course)

    def lesson(self, lesson_id: str) -> Lesson | None:
        return self.course.lesson(lesson_id)

    def require_lesson(self, lesson_id: str) -> Lesson:
        lesson = self.course.lesson(lesson_id)
        if lesson is None:
            raise ServiceError(f"the course has no lesson `{lesson_id}`")
        return lesson

    def quiz(self, quiz_id: str) -> Quiz:
        quiz = self.quizzes.get(quiz_id)
        if quiz is None:
            raise ServiceError(f"quiz `{quiz_id}` is unavailable: `trainer validate` says why")
        return quiz

    def case(self, case_id: str) -> Case:
        case = self.cases.get(case_id)
        if case is None:
            raise ServiceError(f"case `{case_id}` is unavailable: `trainer validate` says why")
        return case

    def is_baseline(self, quiz_id: str) -> bool:
        """A baseline is never passed or failed and has no attempts to count down: the
        pre-test, and any quiz whose pass mark is 0."""
        if quiz_id == self.course.pretest:
            return True
        quiz = self.quizzes.get(quiz_id)
        return quiz is not None and quiz.spec.pass_mark == 0

    @property
    def boosters(self) -> list[Quiz]:
        """The booster-item files of the course's modules, in course order; none when the
        course has no `review:` settings."""
        if self.course.review is None:
            return []
        order = {module.id: index for index, module in enumerate(self.course.modules)}
        found = [q for q in self.quizzes.values() if is_booster(q) and q.spec.module in order]
        return sorted(found, key=lambda quiz: (order[quiz.spec.module], quiz.id))

    def module_quiz(self, module: Module) -> Quiz | None:
        return self.quizzes.get(module.quiz) if module.quiz else None

    def page(self, lesson_id: str) -> RenderedPage | None:
        lesson = self.course.lesson(lesson_id)
        if lesson is None:
            return None
        return self.renderer.render_lesson(lesson)

    def glossary_term(self, term_id: str) -> GlossaryTerm | None:
        return next((t for t in self.course.glossary if t.id == term_id), None)

    def neighbours(self, lesson_id: str) -> tuple[str | None, str | None]:
        """The ids of the lessons before and after, across module boundaries."""
        ids = [lesson.id for lesson in self.course.lessons]
        if lesson_id not in ids:
            return None, None
        index = ids.index(lesson_id)
        before = ids[index - 1] if index > 0 else None
        after = ids[index + 1] if index + 1 < len(ids) else None
        return before, after


def open_catalog(course_dir: Path, quiz_dir: Path, *, kept: bool = False) -> Catalog:
    """Load course and quizzes; ContentError only when course.yaml itself is unusable.
    With `kept`, the copy kept when they were last loaded, if not one of their files
    changed since (services/course_cache.py): the app's start."""

    def load() -> Catalog:
        course, problems = load_course(course_dir)
        quizzes, quiz_problems = load_quizzes(quiz_dir)
        quizzes_by_id = {quiz.id: quiz for quiz in quizzes}
        cases, case_problems = load_cases(course)
        return Catalog(
            course,
            quizzes_by_id,
            tuple(problems + quiz_problems + case_problems),
            quiz_dir,
            {case.id: case for case in cases},
        )

    if not kept:
        return load()
    from trainer.services.course_cache import load_kept

    return load_kept([course_dir, quiz_dir], load, start_summary)


def start_summary(catalog: Catalog) -> dict[str, str]:
    """What the start screen shows of the course before it has loaded (first_look.py)."""
    return {"title": catalog.course.title}


__all__ = ["Catalog", "ContentError", "open_catalog"]


def is_booster(quiz: Quiz) -> bool:
    return quiz.spec.purpose == "booster"
