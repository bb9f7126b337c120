"""Open a course for reading: lessons by id, rendered pages, glossary lookups."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from trainer.content.formats import GlossaryTerm
from trainer.content.loader import load_course
from trainer.content.model import Course, Lesson
from trainer.content.problems import ContentError, Problem
from trainer.content.render import RenderedPage, Renderer


@dataclass(frozen=True)
class CourseReader:
    """A loaded course and its renderer; the problems say which modules are unavailable."""

    course: Course
    problems: tuple[Problem, ...]
    renderer: Renderer

    def lesson(self, lesson_id: str) -> Lesson | None:
        return self.course.lesson(lesson_id)

    def page(self, lesson_id: str) -> RenderedPage | None:
        lesson = self.course.lesson(lesson_id)
        return self.renderer.render_lesson(lesson) if lesson else None

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


def open_course(course_dir: Path) -> CourseReader:
    """Load the course for reading; ContentError only when course.yaml itself is unusable."""
    course, problems = load_course(course_dir)
    return CourseReader(course, tuple(problems), Renderer(course))


__all__ = ["ContentError", "CourseReader", "open_course"]
