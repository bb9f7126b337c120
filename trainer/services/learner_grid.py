"""The supervisor's completion grid: one row per learner, one cell per module, and the
course's pre-test, post-test and evaluation.

Built from a few grouped queries (never one per learner) and folded in plain tuples:
10,000 learners x 7 modules must reach the supervisor's table within half a second
(DESIGN §7). Only the (learner, module) pairs with any activity are computed; every
untouched module shares one "not started" cell, and every test not taken one "not taken".
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, NamedTuple

from sqlalchemy import Connection, Select, String, case, cast, func, literal, select, tuple_

from trainer.content.model import Course
from trainer.services.case_play import ending_choices
from trainer.services.catalog import Catalog
from trainer.services.completion import module_cases
from trainer.services.figures import Score, score_of
from trainer.services.standing import (
    ModuleRule,
    course_completed_at,
    module_standing,
    quiz_status_words,
    status_words,
)
from trainer.store.bulk import collector_paused, plain_rows
from trainer.store.db import Store
from trainer.store.models import CaseChoice, Evaluation, Learner, LessonProgress, QuizAttempt


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


class TestCell(NamedTuple):
    """The pre- or post-test of one learner, in the words of the learner's course home."""

    status_code: str  # not_taken, in_progress, baseline, passed, not_passed, no_attempts_left
    status_words: str
    percent: float | None  # the pre-test: its first submitted attempt; else the best one
    possible: float | None  # the points that attempt could earn
    passed_on: str  # YYYY-MM-DD (UTC) of the first pass, else ""
    baseline: bool  # never passed or failed: its score reads "Baseline: …"

    @property
    def score(self) -> Score | None:
        return score_of(self.percent, self.possible)

    @property
    def score_words(self) -> str:
        """'Baseline: 2 of 35 right (5%)' or '31 of 35 right (88%)'; '' without a score."""
        score = self.score
        if score is None:
            return ""
        return f"Baseline: {score.text}" if self.baseline else score.text


PRETEST, POSTTEST, EVALUATION = "pretest", "posttest", "evaluation"
PARTS = (PRETEST, POSTTEST, EVALUATION)  # beside the modules, in the course's order


def course_parts(course: Course) -> tuple[str, ...]:
    """The parts beside the modules that `course` has: its pre-test, post-test and
    evaluation (the grid and its CSV show a column for each)."""
    has = {PRETEST: bool(course.pretest), POSTTEST: bool(course.posttest),
           EVALUATION: course.evaluation is not None}  # fmt: skip
    return tuple(part for part in PARTS if has[part])


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
    pretest: TestCell | None = None  # None when the course has none
    posttest: TestCell | None = None
    evaluation_on: str = ""  # the day the course evaluation was submitted, "" while it is not

    @property
    def started(self) -> bool:
        return bool(self.completed_on) or any(c.completion != "not_attempted" for c in self.cells)


class _Module(NamedTuple):
    number: int
    id: str
    title: str
    quiz_id: str | None
    rule: ModuleRule


_NO_QUIZ = (0, None, "", 0, None, 0)  # attempts, best %, passed on, seconds, possible, submitted
_NO_CASES = (0, "")  # client cases played to an ending, the day of the last one
_make = tuple.__new__  # a NamedTuple without its Python-level __new__: thousands of them


def learner_grid(store: Store, catalog: Catalog) -> list[LearnerRow]:
    """Every learner (not supervisors or trainers), ordered by name, with every module.

    A module is complete when it is available, all its lessons are read, its quiz (if
    any) is passed and, when the course requires them, its client cases have reached an
    ending; the course is complete on the day its last part was: every module,
    the post-test at the course's mark and, when required, the evaluation (the rule of
    `completion.course_status`).
    """
    course = catalog.course
    cases_of = module_cases(catalog)
    modules = [
        _Module(
            number, module.id, module.title, module.quiz,
            ModuleRule(
                module.available, len(module.lessons), module.quiz is not None,
                catalog.quizzes[module.quiz].spec.attempts_allowed
                if module.quiz is not None and module.quiz in catalog.quizzes else None,
                len(cases_of.get(module.id, ())),
            ),
        )
        for number, module in enumerate(course.modules, 1)
    ]  # fmt: skip
    with collector_paused():
        with store.read_engine.connect() as connection:
            learners = _learners(connection)
            cells_of, seconds, tests = _cells(connection, catalog, modules)
            evaluated = _evaluation_days(connection, course)
            final_days = _final_days(connection, course, evaluated)
        return _learner_rows(learners, modules, cells_of, seconds, final_days, tests, evaluated)


def _learner_rows(
    learners: list[tuple[str, str, str, str]],
    modules: list[_Module],
    cells_of: dict[str, list[ModuleCell]],
    seconds: dict[str, int],
    final_days: list[dict[str, str]],
    tests: _Tests,
    evaluated: dict[str, str],
) -> list[LearnerRow]:
    blank = _blank(modules)
    pretests, posttests, not_taken = tests
    pre_blank = not_taken if pretests is not None else None
    post_blank = not_taken if posttests is not None else None
    no_tests: dict[str, TestCell] = {}
    rows = []
    for learner in learners:
        learner_id = learner[0]
        pretest = (pretests or no_tests).get(learner_id, pre_blank)
        posttest = (posttests or no_tests).get(learner_id, post_blank)
        evaluation = evaluated.get(learner_id, "")
        cells = cells_of.get(learner_id)
        if cells is None:  # nothing counted in a module (a module without lessons is unavailable)
            rows.append(_make(LearnerRow, (
                *learner, blank, seconds.get(learner_id, 0), 0, "", pretest, posttest, evaluation,
            )))  # fmt: skip
        else:
            extra = (pretest, posttest, evaluation)
            rows.append(_learner_row(learner, tuple(cells), seconds, final_days, extra))
    return rows


def _blank(modules: list[_Module]) -> tuple[ModuleCell, ...]:
    """Every module untouched: one shared cell each."""
    return tuple(_cell(module, 0, "", 0, _NO_QUIZ, _NO_CASES) for module in modules)


def _learners(connection: Connection) -> list[tuple[str, str, str, str]]:
    return plain_rows(
        connection,
        select(Learner.id, Learner.display_name, Learner.credential, Learner.organisation)
        .where(Learner.role == "learner")
        .order_by(func.lower(Learner.display_name), Learner.id),
    )


# per learner, the pre-test and the post-test (None: the course has none); the test not taken
_Tests = tuple[dict[str, TestCell] | None, dict[str, TestCell] | None, TestCell]


def _cells(
    connection: Connection, catalog: Catalog, modules: list[_Module]
) -> tuple[dict[str, list[ModuleCell]], dict[str, int], _Tests]:
    """Per learner with any activity, a cell for each module (the untouched ones shared),
    each learner's active seconds in the whole course (tests and lessons no module holds
    now included), and their pre- and post-test, from the same grouped rows."""
    course = catalog.course
    index_of = {module.id: n for n, module in enumerate(modules)}
    indexes_of_quiz: dict[str, list[int]] = {}
    for n, module in enumerate(modules):
        if module.quiz_id:
            indexes_of_quiz.setdefault(module.quiz_id, []).append(n)
    total: dict[str, int] = {}
    quiz_of: dict[tuple[str, int], tuple[Any, ...]] = {}
    tests: dict[str, dict[str, tuple[Any, ...]]] = {}
    for quiz_id in (course.pretest, course.posttest):
        if quiz_id:
            tests[quiz_id] = {}
    for learner_id, quiz_id, attempts, best, passed_on, seconds, possible, submitted in _quizzes(
        connection, course
    ):
        total[learner_id] = total.get(learner_id, 0) + (seconds or 0)
        quiz = (attempts, best, passed_on or "", seconds or 0, possible, submitted)
        for index in indexes_of_quiz.get(quiz_id, ()):
            quiz_of[(learner_id, index)] = quiz
        if quiz_id in tests:
            tests[quiz_id][learner_id] = quiz
    cases_of = _cases(connection, catalog, modules)
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
        played = cases_of.pop((learner_id, module_index), _NO_CASES)
        cells[module_index] = _cell(
            modules[module_index], read, last_read or "", reading_seconds or 0, quiz, played
        )
    for (learner_id, index), quiz in quiz_of.items():  # a quiz taken, no lesson read
        cells = cells_of.get(learner_id)
        if cells is None:
            cells = cells_of[learner_id] = list(blank)
        played = cases_of.pop((learner_id, index), _NO_CASES)
        cells[index] = _cell(modules[index], 0, "", 0, quiz, played)
    for (learner_id, index), played in cases_of.items():  # a case played, nothing else
        cells = cells_of.get(learner_id)
        if cells is None:
            cells = cells_of[learner_id] = list(blank)
        cells[index] = _cell(modules[index], 0, "", 0, _NO_QUIZ, played)
    return cells_of, total, _tests(connection, catalog, tests)


def _tests(
    connection: Connection, catalog: Catalog, tests: dict[str, dict[str, tuple[Any, ...]]]
) -> _Tests:
    """Each learner's pre- and post-test (those they took), worded as the learner's course
    home words them (`learner_progress.quiz_step_status`, without its locking: the grid
    shows none). The pre-test's score is its first submitted attempt's (the baseline),
    read again only for learners who submitted it more than once; the post-test's is the
    best."""
    course = catalog.course
    not_taken = _test_cell(False, None, (0, None, "", None, 0))
    per_test: list[dict[str, TestCell] | None] = []
    for quiz_id in (course.pretest, course.posttest):
        taken = tests.get(quiz_id or "")
        if quiz_id is None or taken is None:  # the course has no such test
            per_test.append(None)
            continue
        spec = catalog.quizzes.get(quiz_id)
        allowed = spec.spec.attempts_allowed if spec is not None else None
        baseline = catalog.is_baseline(quiz_id)
        first = _first_scores(connection, course.id, quiz_id, taken) if baseline else {}
        shared: dict[tuple[Any, ...], TestCell] = {}  # one cell for each result: few
        cells: dict[str, TestCell] = {}
        for learner_id, (attempts, best, passed_on, _, possible, submitted) in taken.items():
            if learner_id in first:
                best, possible = first[learner_id]
            result = (attempts, best, passed_on, possible, submitted)
            cell = shared.get(result)
            if cell is None:
                cell = shared[result] = _test_cell(baseline, allowed, result)
            cells[learner_id] = cell
        per_test.append(cells)
    return per_test[0], per_test[1], not_taken


def _first_scores(
    connection: Connection, course_id: str, quiz_id: str, taken: dict[str, tuple[Any, ...]]
) -> dict[str, tuple[float, float | None]]:
    """(percent, possible) of the first submitted attempt of a baseline, for the learners
    who submitted it more than once (one query, usually not needed: the pre-test allows a
    single attempt)."""
    if not any(quiz[5] > 1 for quiz in taken.values()):
        return {}
    submitted = (
        QuizAttempt.course_id == course_id,
        QuizAttempt.quiz_id == quiz_id,
        QuizAttempt.submitted_at.is_not(None),
        QuizAttempt.percent.is_not(None),
    )
    again = (
        select(QuizAttempt.learner_id)
        .where(*submitted)
        .group_by(QuizAttempt.learner_id)
        .having(func.count() > 1)
    )
    first: dict[str, tuple[Any, Any, Any]] = {}
    for learner_id, moment, percent, possible in plain_rows(
        connection,
        select(
            QuizAttempt.learner_id, QuizAttempt.submitted_at, QuizAttempt.percent,
            QuizAttempt.max_score,
        ).where(*submitted, QuizAttempt.learner_id.in_(again)),
    ):  # fmt: skip
        earliest = first.get(learner_id)
        if earliest is None or str(moment) < str(earliest[0]):
            first[learner_id] = (moment, percent, possible)
    return {learner_id: (percent, possible) for learner_id, (_, percent, possible) in first.items()}


def _test_cell(baseline: bool, allowed: int | None, result: tuple[Any, ...]) -> TestCell:
    """A test's cell from (attempts, percent, passed on, possible, attempts submitted)."""
    attempts, percent, passed_on, possible, submitted = result
    code, words = quiz_status_words(
        baseline, attempts, attempts > submitted, bool(passed_on),
        allowed is not None and attempts >= allowed,
    )  # fmt: skip
    return _make(TestCell, (code, words, percent, possible, passed_on, baseline))


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


def _cases(
    connection: Connection, catalog: Catalog, modules: list[_Module]
) -> dict[tuple[str, int], tuple[int, str]]:
    """Per learner and module whose client cases the course requires, how many of them
    the learner played to an ending and the day of the last one (each case on the day of
    its first ending); nothing is read when the course requires no case."""
    index_of = {module.id: n for n, module in enumerate(modules) if module.rule.cases}
    if not index_of:
        return {}
    module_of = {
        case.id: index_of[case.spec.module]
        for case in catalog.cases.values()
        if case.spec.module in index_of
    }
    ends = [end for end in ending_choices(catalog) if end[0] in module_of]
    if not ends:
        return {}
    played: dict[tuple[str, int], tuple[int, str]] = {}
    for learner_id, case_id, day in plain_rows(
        connection,
        select(CaseChoice.learner_id, CaseChoice.case_id, _day(func.min(CaseChoice.made_at)))
        .where(
            CaseChoice.course_id == catalog.course.id,
            tuple_(CaseChoice.case_id, CaseChoice.node_id, CaseChoice.choice_id).in_(ends),
        )
        .group_by(CaseChoice.learner_id, CaseChoice.case_id),
    ):
        key = (learner_id, module_of[case_id])
        done, last = played.get(key, _NO_CASES)
        played[key] = (done + 1, max(last, day or ""))
    return played


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
            func.count(QuizAttempt.submitted_at),
        )
        .where(QuizAttempt.course_id == course.id)
        .group_by(QuizAttempt.learner_id, QuizAttempt.quiz_id),
    )


def _evaluation_days(connection: Connection, course: Course) -> dict[str, str]:
    """Per learner who submitted the course's evaluation, the day they did."""
    if course.evaluation is None:
        return {}
    return _first_days(
        connection,
        select(Evaluation.learner_id, _day(func.min(Evaluation.submitted_at)))
        .where(Evaluation.course_id == course.id)
        .group_by(Evaluation.learner_id),
    )


def _final_days(
    connection: Connection, course: Course, evaluated: dict[str, str]
) -> list[dict[str, str]]:
    """Per learner, the day of each course-level requirement beyond the modules: passing
    the post-test and, when required, submitting the evaluation (`evaluated`)."""
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
        days.append(evaluated)
    return days


def _first_days(connection: Connection, query: Select[str, str]) -> dict[str, str]:
    return {learner_id: day or "" for learner_id, day in plain_rows(connection, query)}


def _cell(
    module: _Module,
    lessons_read: int,
    last_read: str,
    seconds: int,
    quiz: tuple[Any, ...],
    played: tuple[int, str],
) -> ModuleCell:
    """`played`: the module's client cases played to an ending and the day of the last."""
    attempts, best, passed_on, quiz_seconds, possible, _submitted = quiz
    cases_done, cases_on = played
    standing = module_standing(
        module.rule, lessons_read, last_read, seconds, attempts, passed_on, cases_done, cases_on
    )
    code, words = status_words(
        module.rule.available,
        standing.completion,
        standing.success,
        lessons_read,
        module.rule.lessons,
        cases_done,
        module.rule.cases,
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
    extra: tuple[TestCell | None, TestCell | None, str] = (None, None, ""),
) -> LearnerRow:
    """`extra`: the learner's pre-test, post-test and evaluation day."""
    learner_id = learner[0]
    module_days = [cell.completed_on for cell in cells]
    course_days = module_days + [days.get(learner_id, "") for days in final_days]
    completed_on = course_completed_at(course_days) or ""
    done = sum(1 for cell in cells if cell.completion == "completed")
    return _make(
        LearnerRow, (*learner, cells, seconds.get(learner_id, 0), done, completed_on, *extra)
    )


def cell_words(cell: ModuleCell) -> str:
    """A module's status in the words the learner's own record uses."""
    return cell.status_words


def _day(moment: Any) -> Any:
    """The day (YYYY-MM-DD, UTC) of a timestamp, cut by the database."""
    return func.substr(cast(moment, String), 1, 10)
