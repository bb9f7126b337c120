"""The supervisor's completion grid: one row per learner, one cell per module.

Built from five grouped queries and folded in plain tuples: 10,000 learners x 7 modules
must reach the supervisor's table within half a second (DESIGN §7). Only the
(learner, module) pairs with any activity are computed; every untouched module shares
one "not started" cell.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, NamedTuple

from sqlalchemy import Connection, Select, String, case, cast, func, literal, select

from trainer.content.model import Course
from trainer.services.catalog import Catalog
from trainer.services.figures import Score
from trainer.services.standing import (
    ModuleRule,
    course_completed_at,
    module_standing,
    status_words,
)
from trainer.store.bulk import collector_paused, plain_rows
from trainer.store.db import Store
from trainer.store.models import Evaluation, Learner, LessonProgress, QuizAttempt


class ModuleCell(NamedTuple):
    """One module of one learner."""

    module_number: int
    module_id: str
    module: str
    completion: str  # completed, incomplete or not_attempted
    success: str  # passed, failed (no attempts left) or unknown
    best_percent: float | None
    completed_on: str  # YYYY-MM-DD (UTC) once completed, else ""
    active_seconds: int  # in its lessons and its quiz
    lessons_read: int
    lessons_total: int
    best_possible: float | None  # the points the best attempt could earn
    status_code: str  # complete, in_progress, not_started, no_attempts_left, unavailable
    status_words: str

    @property
    def best_score(self) -> Score | None:
        if self.best_percent is None:
            return None
        return Score(self.best_percent, self.best_possible or 0.0)


class LearnerRow(NamedTuple):
    """One learner across the course, as the supervisor's grid shows it."""

    learner_id: str
    name: str
    credential: str
    organisation: str
    cells: tuple[ModuleCell, ...]
    active_seconds: int  # every lesson, quiz and test of the course (as the learner's record)
    modules_done: int
    completed_on: str  # the day the whole course was completed, "" while it is not

    @property
    def started(self) -> bool:
        return bool(self.completed_on) or any(c.completion != "not_attempted" for c in self.cells)


class _Module(NamedTuple):
    number: int
    id: str
    title: str
    quiz_id: str | None
    rule: ModuleRule


_NO_QUIZ = (0, None, "", 0, None)  # attempts, best percent, passed on, seconds, possible
_make = tuple.__new__  # a NamedTuple without its Python-level __new__: thousands of them


def learner_grid(store: Store, catalog: Catalog) -> list[LearnerRow]:
    """Every learner (not supervisors or trainers), ordered by name, with every module.

    A module is complete when it is available, all its lessons are read and its quiz (if
    any) is passed; the course is complete on the day its last part was: every module,
    the post-test at the course's mark and, when required, the evaluation (the rule of
    `completion.course_status`).
    """
    course = catalog.course
    modules = [
        _Module(
            number, module.id, module.title, module.quiz,
            ModuleRule(
                module.available, len(module.lessons), module.quiz is not None,
                catalog.quizzes[module.quiz].spec.attempts_allowed
                if module.quiz is not None and module.quiz in catalog.quizzes else None,
            ),
        )
        for number, module in enumerate(course.modules, 1)
    ]  # fmt: skip
    with collector_paused():
        with store.read_engine.connect() as connection:
            learners = _learners(connection)
            cells_of, seconds = _cells(connection, course, modules)
            final_days = _final_days(connection, course)
        return _learner_rows(learners, modules, cells_of, seconds, final_days)


def _learner_rows(
    learners: list[tuple[str, str, str, str]],
    modules: list[_Module],
    cells_of: dict[str, list[ModuleCell]],
    seconds: dict[str, int],
    final_days: list[dict[str, str]],
) -> list[LearnerRow]:
    blank = _blank(modules)
    rows = []
    for learner in learners:
        cells = cells_of.get(learner[0])
        if cells is None:  # nothing counted in a module (a module without lessons is unavailable)
            rows.append(_make(LearnerRow, (*learner, blank, seconds.get(learner[0], 0), 0, "")))
        else:
            rows.append(_learner_row(learner, tuple(cells), seconds, final_days))
    return rows


def _blank(modules: list[_Module]) -> tuple[ModuleCell, ...]:
    """Every module untouched: one shared cell each."""
    return tuple(_cell(module, 0, "", 0, _NO_QUIZ) for module in modules)


def _learners(connection: Connection) -> list[tuple[str, str, str, str]]:
    return plain_rows(
        connection,
        select(Learner.id, Learner.display_name, Learner.credential, Learner.organisation)
        .where(Learner.role == "learner")
        .order_by(func.lower(Learner.display_name), Learner.id),
    )


def _cells(
    connection: Connection, course: Course, modules: list[_Module]
) -> tuple[dict[str, list[ModuleCell]], dict[str, int]]:
    """Per learner with any activity, a cell for each module (the untouched ones shared),
    and each learner's active seconds in the whole course (tests and lessons no module
    holds now included)."""
    index_of = {module.id: n for n, module in enumerate(modules)}
    indexes_of_quiz: dict[str, list[int]] = {}
    for n, module in enumerate(modules):
        if module.quiz_id:
            indexes_of_quiz.setdefault(module.quiz_id, []).append(n)
    total: dict[str, int] = {}
    quiz_of: dict[tuple[str, int], tuple[Any, ...]] = {}
    for learner_id, quiz_id, attempts, best, passed_on, seconds, possible in _quizzes(
        connection, course
    ):
        total[learner_id] = total.get(learner_id, 0) + (seconds or 0)
        for index in indexes_of_quiz.get(quiz_id, ()):
            quiz_of[(learner_id, index)] = (attempts, best, passed_on or "", seconds or 0, possible)
    blank = _blank(modules)
    cells_of: dict[str, list[ModuleCell]] = {}
    for learner_id, module_id, read, last_read, reading_seconds in _reading(connection, course):
        total[learner_id] = total.get(learner_id, 0) + (reading_seconds or 0)
        module_index = index_of.get(module_id)
        if module_index is None:
            continue
        cells = cells_of.get(learner_id)
        if cells is None:
            cells = cells_of[learner_id] = list(blank)
        quiz = quiz_of.pop((learner_id, module_index), _NO_QUIZ)
        cells[module_index] = _cell(
            modules[module_index], read, last_read or "", reading_seconds or 0, quiz
        )
    for (learner_id, index), quiz in quiz_of.items():  # a quiz taken, no lesson read
        cells = cells_of.get(learner_id)
        if cells is None:
            cells = cells_of[learner_id] = list(blank)
        cells[index] = _cell(modules[index], 0, "", 0, quiz)
    return cells_of, total


def _reading(connection: Connection, course: Course) -> Iterable[tuple[Any, ...]]:
    """Per learner and module, lessons read, the last reading day and seconds, each lesson
    counted in the module that holds it now (as `completion.course_status` does); lessons
    no module holds now come as module "" (their time still counts).

    Each row records the module its lesson sat in when first opened. When every stored
    (module, lesson) pair is where the course has it now (the usual case), the rows are
    grouped by that column, from the grid's covering index; otherwise each lesson is
    mapped to its module now, row by row (slower, always right)."""
    module_of = {lesson.id: module.id for module in course.modules for lesson in module.lessons}
    stored = plain_rows(
        connection,
        select(LessonProgress.module_id, LessonProgress.lesson_id)
        .where(LessonProgress.course_id == course.id)
        .distinct(),
    )
    if all(module_of.get(lesson_id) == module_id for module_id, lesson_id in stored):
        module: Any = LessonProgress.module_id
    elif module_of:
        module = case(module_of, value=LessonProgress.lesson_id, else_="")
    else:  # no module could be loaded: every lesson's time counts, in no module
        module = None
    groups = (
        (LessonProgress.learner_id, module) if module is not None else (LessonProgress.learner_id,)
    )
    return plain_rows(
        connection,
        select(
            LessonProgress.learner_id,
            module if module is not None else literal(""),
            func.count(LessonProgress.completed_at),
            _day(func.max(LessonProgress.completed_at)),
            func.sum(LessonProgress.active_seconds),
        )
        .where(LessonProgress.course_id == course.id)
        .group_by(*groups),
    )


def _quizzes(connection: Connection, course: Course) -> Iterable[tuple[Any, ...]]:
    return plain_rows(
        connection,
        select(
            QuizAttempt.learner_id,
            QuizAttempt.quiz_id,
            func.count(),
            func.max(QuizAttempt.percent),
            _day(func.min(case((QuizAttempt.passed.is_(True), QuizAttempt.submitted_at)))),
            func.sum(QuizAttempt.active_seconds),
            func.max(QuizAttempt.max_score),
        )
        .where(QuizAttempt.course_id == course.id)
        .group_by(QuizAttempt.learner_id, QuizAttempt.quiz_id),
    )


def _final_days(connection: Connection, course: Course) -> list[dict[str, str]]:
    """Per learner, the day of each course-level requirement beyond the modules: passing
    the post-test and, when required, submitting the evaluation."""
    days = []
    if course.posttest:
        days.append(
            _first_days(
                connection,
                select(QuizAttempt.learner_id, _day(func.min(QuizAttempt.submitted_at)))
                .where(
                    QuizAttempt.course_id == course.id,
                    QuizAttempt.quiz_id == course.posttest,
                    QuizAttempt.submitted_at.is_not(None),
                    QuizAttempt.percent >= course.completion.posttest_pass_mark,
                )
                .group_by(QuizAttempt.learner_id),
            )
        )
    if course.completion.evaluation_required and course.evaluation is not None:
        days.append(
            _first_days(
                connection,
                select(Evaluation.learner_id, _day(func.min(Evaluation.submitted_at)))
                .where(Evaluation.course_id == course.id)
                .group_by(Evaluation.learner_id),
            )
        )
    return days


def _first_days(connection: Connection, query: Select[str, str]) -> dict[str, str]:
    return {learner_id: day or "" for learner_id, day in plain_rows(connection, query)}


def _cell(
    module: _Module, lessons_read: int, last_read: str, seconds: int, quiz: tuple[Any, ...]
) -> ModuleCell:
    attempts, best, passed_on, quiz_seconds, possible = quiz
    standing = module_standing(module.rule, lessons_read, last_read, seconds, attempts, passed_on)
    code, words = status_words(
        module.rule.available,
        standing.completion,
        standing.success,
        lessons_read,
        module.rule.lessons,
    )
    return _make(ModuleCell, (
        module.number, module.id, module.title, standing.completion, standing.success, best,
        standing.completed_at or "", seconds + quiz_seconds, lessons_read, module.rule.lessons,
        possible, code, words,
    ))  # fmt: skip


def _learner_row(
    learner: tuple[str, str, str, str],
    cells: tuple[ModuleCell, ...],
    seconds: dict[str, int],
    final_days: list[dict[str, str]],
) -> LearnerRow:
    learner_id = learner[0]
    module_days = [cell.completed_on for cell in cells]
    course_days = module_days + [days.get(learner_id, "") for days in final_days]
    completed_on = course_completed_at(course_days) or ""
    done = sum(1 for cell in cells if cell.completion == "completed")
    return _make(LearnerRow, (*learner, cells, seconds.get(learner_id, 0), done, completed_on))


def cell_words(cell: ModuleCell) -> str:
    """A module's status in the words the learner's own record uses."""
    return cell.status_words


def _day(moment: Any) -> Any:
    """The day (YYYY-MM-DD, UTC) of a timestamp, cut by the database."""
    return func.substr(cast(moment, String), 1, 10)
