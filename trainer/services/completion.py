"""Where a learner stands: module and course completion, success, unlocking, CE credit.

The rule of what "complete" means lives in `standing`; this module reads one learner's
rows and applies it. Completion and success are kept apart (see `standing`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from sqlalchemy import func, select

from trainer.quiz.attempt import attempts_left
from trainer.services.case_play import endings_reached_at
from trainer.services.catalog import Catalog
from trainer.services.figures import Score
from trainer.services.progress import lesson_states
from trainer.services.standing import (
    Completion,
    ModuleRule,
    Success,
    course_completed_at,
    latest,
    module_standing,
)
from trainer.store.db import Store
from trainer.store.models import Evaluation, QuizAttempt


@dataclass(frozen=True)
class QuizStatus:
    quiz_id: str
    attempts_used: int
    attempts_left: int | None
    best_percent: float | None
    passed_at: datetime | None
    in_progress: bool
    active_seconds: int = 0
    best_score: Score | None = None
    baseline_score: Score | None = None  # the first submitted attempt

    @property
    def passed(self) -> bool:
        return self.passed_at is not None

    @property
    def success(self) -> Success:
        if self.passed:
            return "passed"
        return "failed" if self.attempts_left == 0 else "unknown"


@dataclass(frozen=True)
class ModuleStatus:
    module_id: str
    title: str
    available: bool
    unlocked: bool
    lessons_read: int
    lessons_total: int
    quiz: QuizStatus | None
    reading_seconds: int  # in its lessons
    active_seconds: int  # in its lessons and its quiz
    completed_at: datetime | None
    completion: Completion
    success: Success
    cases_done: int = 0  # its client cases played to an ending, when the course requires them
    cases_total: int = 0  # the client cases the course requires of it (0 when it does not)


@dataclass(frozen=True)
class CreditStatus:
    """Continuing-education hours: earned only with enough active time."""

    active_seconds: int
    required_seconds: int
    eligible: bool
    hours: float
    capped_by_daily_limit: bool


@dataclass(frozen=True)
class CourseStatus:
    modules: tuple[ModuleStatus, ...]
    pretest: QuizStatus | None
    posttest: QuizStatus | None
    posttest_unlocked: bool
    posttest_passed_at: datetime | None
    evaluation_submitted_at: datetime | None
    evaluation_required: bool
    completed_at: datetime | None
    success: Success
    credit: CreditStatus
    started_at: datetime | None

    @property
    def completion(self) -> Completion:
        if self.completed_at is not None:
            return "completed"
        started = self.started_at is not None
        return "incomplete" if started else "not_attempted"

    @property
    def evaluation_unlocked(self) -> bool:
        """Open once the post-test is passed at the course's mark (or, without one, every module)."""
        if self.posttest is not None:
            return self.posttest_passed_at is not None
        return all(m.completed_at for m in self.modules)

    def module(self, module_id: str) -> ModuleStatus | None:
        return next((m for m in self.modules if m.module_id == module_id), None)


def quiz_status(store: Store, catalog: Catalog, learner_id: str, quiz_id: str) -> QuizStatus:
    with store.reading() as session:
        rows = list(
            session.scalars(
                select(QuizAttempt).where(
                    QuizAttempt.learner_id == learner_id,
                    QuizAttempt.course_id == catalog.course.id,
                    QuizAttempt.quiz_id == quiz_id,
                )
            )
        )
    quiz = catalog.quizzes.get(quiz_id)
    return _quiz_status(quiz_id, rows, attempts_left(quiz.spec, len(rows)) if quiz else None)


def _quiz_status(quiz_id: str, rows: list[QuizAttempt], left: int | None) -> QuizStatus:
    submitted = sorted(
        (r for r in rows if r.submitted_at is not None and r.percent is not None),
        key=lambda r: r.submitted_at,  # type: ignore[arg-type, return-value]
    )
    scores = [Score(r.percent, r.max_score or 0.0) for r in submitted]  # type: ignore[arg-type]
    best = max(scores, key=lambda s: s.percent) if scores else None
    passes = [r.submitted_at for r in rows if r.passed and r.submitted_at]
    return QuizStatus(
        quiz_id,
        len(rows),
        left,
        best.percent if best else None,
        min(passes) if passes else None,
        any(r.submitted_at is None for r in rows),
        sum(r.active_seconds for r in rows),
        best,
        scores[0] if scores else None,
    )


def course_status(store: Store, catalog: Catalog, learner_id: str) -> CourseStatus:
    """Everything the course home and the certificate need, from one read of the store."""
    course = catalog.course
    states = lesson_states(store, catalog, learner_id)
    with store.reading() as session:
        attempts = list(
            session.scalars(
                select(QuizAttempt).where(
                    QuizAttempt.learner_id == learner_id, QuizAttempt.course_id == course.id
                )
            )
        )
        evaluation_at = session.scalar(
            select(func.min(Evaluation.submitted_at)).where(
                Evaluation.learner_id == learner_id, Evaluation.course_id == course.id
            )
        )

    def status_of(quiz_id: str | None) -> QuizStatus | None:
        if quiz_id is None:
            return None
        rows = [a for a in attempts if a.quiz_id == quiz_id]
        quiz = catalog.quizzes.get(quiz_id)
        return _quiz_status(quiz_id, rows, attempts_left(quiz.spec, len(rows)) if quiz else None)

    pretest = status_of(course.pretest)
    posttest = status_of(course.posttest)
    pretest_done = pretest is None or (pretest.attempts_used > 0 and not pretest.in_progress)
    cases_of = module_cases(catalog)
    ended = endings_reached_at(store, catalog, learner_id) if cases_of else {}
    modules: list[ModuleStatus] = []
    previous_complete = pretest_done
    for module in course.modules:
        lesson_ids = [lesson.id for lesson in module.lessons]
        read = [states[i].completed_at for i in lesson_ids if i in states and states[i].completed]
        reading_seconds = sum(states[i].active_seconds for i in lesson_ids if i in states)
        quiz = status_of(module.quiz)
        quiz_rows = [a for a in attempts if a.quiz_id == module.quiz] if module.quiz else []
        case_ids = cases_of.get(module.id, ())
        cases_done = [ended[case_id] for case_id in case_ids if case_id in ended]
        rule = ModuleRule(
            module.available,
            len(lesson_ids),
            module.quiz is not None,
            _attempts_allowed(catalog, module.quiz),
            len(case_ids),
        )
        standing = module_standing(
            rule,
            len(read),
            latest(read),
            reading_seconds,
            quiz.attempts_used if quiz else 0,
            quiz.passed_at if quiz else None,
            len(cases_done),
            latest(cases_done),
        )
        modules.append(
            ModuleStatus(
                module.id,
                module.title,
                module.available,
                previous_complete,
                len(read),
                len(lesson_ids),
                quiz,
                reading_seconds,
                reading_seconds + sum(a.active_seconds for a in quiz_rows),
                standing.completed_at,  # type: ignore[arg-type]
                standing.completion,
                standing.success,
                len(cases_done),
                len(case_ids),
            )
        )
        previous_complete = standing.completion == "completed"
    all_modules_done = all(m.completed_at for m in modules)
    posttest_passed_at = _passed_at(posttest, attempts, course.completion.posttest_pass_mark)
    finished = [m.completed_at for m in modules]
    if posttest is not None:
        finished.append(posttest_passed_at)
    if course.completion.evaluation_required and course.evaluation is not None:
        finished.append(evaluation_at)
    completed_at = course_completed_at(finished)
    active = sum(s.active_seconds for s in states.values()) + sum(
        a.active_seconds for a in attempts
    )
    started = [s.last_opened_at for s in states.values()] + [a.started_at for a in attempts]
    first = min(started) if started else None
    if completed_at is not None:  # everything stays open for review
        modules = [_unlocked(m) for m in modules]
    return CourseStatus(
        tuple(modules),
        pretest,
        posttest,
        all_modules_done,
        posttest_passed_at,
        evaluation_at,
        course.completion.evaluation_required and course.evaluation is not None,
        completed_at,
        posttest.success if posttest else ("passed" if completed_at else "unknown"),
        credit_for(catalog, active, first, completed_at),
        first,
    )


def module_cases(catalog: Catalog) -> dict[str, tuple[str, ...]]:
    """Per module, the client cases its completion needs: every case of the module when
    course.yaml sets `cases_required`, none otherwise (an empty mapping)."""
    if not catalog.course.completion.cases_required:
        return {}
    cases: dict[str, tuple[str, ...]] = {}
    for case in catalog.cases.values():
        cases[case.spec.module] = (*cases.get(case.spec.module, ()), case.id)
    return cases


def _unlocked(module: ModuleStatus) -> ModuleStatus:
    return replace(module, unlocked=True)


def _attempts_allowed(catalog: Catalog, quiz_id: str | None) -> int | None:
    quiz = catalog.quizzes.get(quiz_id) if quiz_id else None
    return quiz.spec.attempts_allowed if quiz else None


def _passed_at(
    status: QuizStatus | None, attempts: list[QuizAttempt], mark: float
) -> datetime | None:
    if status is None:
        return None
    passes = [
        a.submitted_at
        for a in attempts
        if a.quiz_id == status.quiz_id and a.submitted_at and (a.percent or 0) >= mark
    ]
    return min(passes) if passes else None


def credit_for(
    catalog: Catalog,
    active_seconds: int,
    started_at: datetime | None,
    completed_at: datetime | None,
) -> CreditStatus:
    """CE hours follow active time: none until the course is complete and enough time spent."""
    rules = catalog.course.credit
    required = math.ceil(catalog.course.minutes * 60 * rules.min_active_share)
    eligible = active_seconds >= required
    hours = catalog.course.ce_hours if eligible and completed_at is not None else 0.0
    capped = False
    if hours and rules.max_hours_per_day and started_at is not None and completed_at is not None:
        days = max(1, math.ceil((completed_at - started_at) / timedelta(days=1)))
        allowed = rules.max_hours_per_day * days
        if allowed < hours:
            hours, capped = allowed, True
    return CreditStatus(active_seconds, required, eligible, hours, capped)
