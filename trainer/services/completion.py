"""Where a learner stands: module and course completion, success, unlocking, CE credit.

Completion (done or not) and success (passed or not) are kept apart, as SCORM 2004
and xAPI do: `completion` is "not_attempted", "incomplete" or "completed";
`success` is "unknown", "passed" or "failed".
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Literal

from sqlalchemy import func, select

from trainer.quiz.attempt import attempts_left
from trainer.services.catalog import Catalog
from trainer.services.progress import lesson_states
from trainer.store.db import Store
from trainer.store.models import Evaluation, QuizAttempt

Completion = Literal["not_attempted", "incomplete", "completed"]
Success = Literal["unknown", "passed", "failed"]


@dataclass(frozen=True)
class QuizStatus:
    quiz_id: str
    attempts_used: int
    attempts_left: int | None
    best_percent: float | None
    passed_at: datetime | None
    in_progress: bool

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
    active_seconds: int
    completed_at: datetime | None

    @property
    def completion(self) -> Completion:
        if self.completed_at is not None:
            return "completed"
        started = (
            self.lessons_read or self.active_seconds or (self.quiz and self.quiz.attempts_used)
        )
        return "incomplete" if started else "not_attempted"

    @property
    def success(self) -> Success:
        return self.quiz.success if self.quiz else ("passed" if self.completed_at else "unknown")


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
    with store.session() as session:
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
    scores = [r.percent for r in rows if r.percent is not None]
    passes = [r.submitted_at for r in rows if r.passed and r.submitted_at]
    return QuizStatus(
        quiz_id,
        len(rows),
        left,
        max(scores) if scores else None,
        min(passes) if passes else None,
        any(r.submitted_at is None for r in rows),
    )


def course_status(store: Store, catalog: Catalog, learner_id: str) -> CourseStatus:
    """Everything the course home and the certificate need, from one read of the store."""
    course = catalog.course
    states = lesson_states(store, catalog, learner_id)
    with store.session() as session:
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
    modules: list[ModuleStatus] = []
    previous_complete = pretest_done
    for module in course.modules:
        lesson_ids = [lesson.id for lesson in module.lessons]
        read = [states[i].completed_at for i in lesson_ids if i in states and states[i].completed]
        quiz = status_of(module.quiz)
        done_parts = [*read, quiz.passed_at] if quiz else read
        complete = (
            module.available and len(read) == len(lesson_ids) and (quiz is None or quiz.passed)
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
                sum(states[i].active_seconds for i in lesson_ids if i in states),
                max(d for d in done_parts if d) if complete and done_parts else None,
            )
        )
        previous_complete = complete
    all_modules_done = all(m.completed_at for m in modules)
    posttest_passed_at = _passed_at(posttest, attempts, course.completion.posttest_pass_mark)
    finished = [m.completed_at for m in modules]
    if posttest is not None:
        finished.append(posttest_passed_at)
    if course.completion.evaluation_required and course.evaluation is not None:
        finished.append(evaluation_at)
    completed_at = max(finished) if all_modules_done and all(finished) else None  # type: ignore[type-var]
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


def _unlocked(module: ModuleStatus) -> ModuleStatus:
    from dataclasses import replace

    return replace(module, unlocked=True)


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
