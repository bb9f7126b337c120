"""Quiz attempts: start (or resume), save each answer as it is given, submit, review.

Every answer is committed in its own transaction the moment it is given, so a killed
app loses nothing: the next start finds the unfinished attempt with all its answers.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from trainer.quiz.attempt import (
    AttemptPlan,
    attempts_left,
    plan_attempt,
    review_available,
    score_attempt,
    shows_feedback_per_answer,
)
from trainer.quiz.grading import feedback, grade
from trainer.quiz.loader import Quiz
from trainer.quiz.model import MultipleChoice, Question
from trainer.services.catalog import Catalog
from trainer.services.errors import ServiceError
from trainer.services.figures import Score
from trainer.store.db import Store
from trainer.store.models import QuizAttempt, Response, utc_now

MAX_ACTIVE_STEP_SECONDS = 300


@dataclass(frozen=True)
class AttemptView:
    """An attempt as the quiz screen needs it: questions in order and the answers given."""

    id: str
    quiz_id: str
    question_ids: tuple[str, ...]
    option_orders: dict[str, tuple[str, ...]]
    answers: dict[str, Any]
    started_at: datetime
    submitted_at: datetime | None
    deadline: datetime | None
    content_hash: str
    checked: frozenset[str] = frozenset()  # graded on Check answer: locked, feedback shown

    @property
    def unanswered(self) -> list[str]:
        return [q for q in self.question_ids if q not in self.answers]


@dataclass(frozen=True)
class AnswerResult:
    """What saving one answer tells the learner: feedback only in `immediate` quizzes, and
    none for a question checked on request (see `checked_on_request`)."""

    saved_at: datetime
    correct: bool | None = None
    feedback: tuple[str, ...] = ()


@dataclass(frozen=True)
class AttemptOutcome:
    attempt_id: str
    percent: float
    passed: bool
    attempts_used: int
    attempts_left: int | None
    review_available: bool
    score: Score | None = None
    baseline: bool = False  # the pre-test or a quiz without a pass mark: never passed or failed


@dataclass(frozen=True)
class QuestionReview:
    """One question after submission: what was answered, whether it was right, and why."""

    question: Question
    answer: Any
    correct: bool
    score: float
    feedback: tuple[str, ...]
    explanation: str
    lesson_id: str
    anchor: str | None


@dataclass(frozen=True)
class AttemptSummary:
    id: str
    quiz_id: str
    started_at: datetime
    submitted_at: datetime | None
    percent: float | None
    passed: bool | None
    answers: dict[str, Any] = field(default_factory=dict)
    question_ids: tuple[str, ...] = ()  # the questions asked, in the order shown


def _view(session: Session, attempt: QuizAttempt, quiz: Quiz) -> AttemptView:
    rows = list(session.scalars(select(Response).where(Response.attempt_id == attempt.id)))
    limit = quiz.spec.time_limit_minutes
    return AttemptView(
        attempt.id,
        attempt.quiz_id,
        tuple(attempt.question_order),
        {k: tuple(v) for k, v in attempt.option_orders.items()},
        {row.question_id: row.answer for row in rows},
        attempt.started_at,
        attempt.submitted_at,
        attempt.started_at + timedelta(minutes=limit) if limit else None,
        attempt.content_hash,
        frozenset(row.question_id for row in rows if row.checked_at is not None),
    )


def _answers(session: Session, attempt_id: str) -> dict[str, Any]:
    rows = session.scalars(select(Response).where(Response.attempt_id == attempt_id))
    return {row.question_id: row.answer for row in rows}


def _attempts(session: Session, learner_id: str, course_id: str, quiz_id: str) -> list[QuizAttempt]:
    return list(
        session.scalars(
            select(QuizAttempt)
            .where(
                QuizAttempt.learner_id == learner_id,
                QuizAttempt.course_id == course_id,
                QuizAttempt.quiz_id == quiz_id,
            )
            .order_by(QuizAttempt.started_at)
        )
    )


def start_attempt(
    store: Store, catalog: Catalog, learner_id: str, quiz_id: str, *, seed: int | None = None
) -> AttemptView:
    """Resume the unfinished attempt, or start a new one if the attempts rule allows it."""
    quiz = catalog.quiz(quiz_id)
    with store.session() as session:
        attempts = _attempts(session, learner_id, catalog.course.id, quiz_id)
        unfinished = next((a for a in attempts if a.submitted_at is None), None)
        if unfinished is not None:
            return _view(session, unfinished, quiz)
        used = len(attempts)
        left = attempts_left(quiz.spec, used)
        if left == 0:
            raise ServiceError(
                f"all {used} attempts at “{quiz.spec.title}” are used: ask your supervisor"
                " if you need another"
            )
        if any(a.passed for a in attempts) and quiz.spec.is_pre_or_post_test:
            raise ServiceError(f"“{quiz.spec.title}” is passed already")
        asked = [q for a in attempts for q in a.question_order]
        plan = plan_attempt(quiz.spec, seed if seed is not None else secrets.randbits(31), asked)
        attempt = _new_attempt(store, catalog, learner_id, quiz, plan)
        session.add(attempt)
        session.flush()
        return _view(session, attempt, quiz)


def _new_attempt(
    store: Store, catalog: Catalog, learner_id: str, quiz: Quiz, plan: AttemptPlan
) -> QuizAttempt:
    return QuizAttempt(
        installation_id=store.installation_id,
        learner_id=learner_id,
        course_id=catalog.course.id,
        quiz_id=quiz.id,
        content_hash=quiz.hash,
        seed=plan.seed,
        question_order=list(plan.question_ids),
        option_orders={k: list(v) for k, v in plan.option_orders.items()},
        started_at=utc_now(),
        active_seconds=0,
    )


def unfinished_attempts(store: Store, catalog: Catalog, learner_id: str) -> list[AttemptView]:
    """Attempts started and never submitted, e.g. when the app was closed or killed."""
    with store.reading() as session:
        rows = session.scalars(
            select(QuizAttempt).where(
                QuizAttempt.learner_id == learner_id,
                QuizAttempt.course_id == catalog.course.id,
                QuizAttempt.submitted_at.is_(None),
            )
        )
        return [
            _view(session, row, catalog.quizzes[row.quiz_id])
            for row in rows
            if row.quiz_id in catalog.quizzes
        ]


def save_answer(
    store: Store, catalog: Catalog, attempt_id: str, question_id: str, answer: Any
) -> AnswerResult:
    """Commit one answer now; a changed answer replaces the earlier one, unless Check
    answer has graded it (see `check_answer`)."""
    with store.session() as session:
        attempt = _open_attempt(session, attempt_id)
        quiz = catalog.quiz(attempt.quiz_id)
        question = quiz.spec.question(question_id)
        if question is None or question_id not in attempt.question_order:
            raise ServiceError(f"question `{question_id}` is not part of this attempt")
        result = grade(question, answer)
        now = utc_now()
        row = session.scalar(
            select(Response).where(
                Response.attempt_id == attempt_id, Response.question_id == question_id
            )
        )
        if row is None:
            row = Response(
                installation_id=store.installation_id,
                attempt_id=attempt_id,
                question_id=question_id,
                tries=0,
            )
            session.add(row)
        elif row.checked_at is not None:
            raise ServiceError("this answer was checked already: it cannot change")
        row.answer = answer
        row.correct = result.correct
        row.score = result.score
        row.tries += 1
        row.answered_at = now
    if shows_feedback_per_answer(quiz.spec) and not checked_on_request(question):
        return AnswerResult(now, result.correct, tuple(feedback(question, answer)))
    return AnswerResult(now)


def checked_on_request(question: Question) -> bool:
    """A multiple-answer question is graded on Check answer, never tick by tick: its
    feedback covers the right options left out, so it would show the key after one tick."""
    return isinstance(question, MultipleChoice)


def check_answer(store: Store, attempt_id: str, question_id: str) -> datetime:
    """Record that Check answer graded the saved answer: from now on it is locked, and the
    quiz screen shows its feedback, also when the attempt is resumed after a restart."""
    with store.session() as session:
        _open_attempt(session, attempt_id)
        row = session.scalar(
            select(Response).where(
                Response.attempt_id == attempt_id, Response.question_id == question_id
            )
        )
        if row is None:
            raise ServiceError("answer the question before checking it")
        if row.checked_at is None:
            row.checked_at = utc_now()
        return row.checked_at


def record_quiz_time(store: Store, attempt_id: str, active_seconds: int) -> None:
    step = max(0, min(int(active_seconds), MAX_ACTIVE_STEP_SECONDS))
    with store.session() as session:
        _open_attempt(session, attempt_id).active_seconds += step


def _open_attempt(session: Session, attempt_id: str) -> QuizAttempt:
    attempt = session.get(QuizAttempt, attempt_id)
    if attempt is None:
        raise ServiceError(f"no quiz attempt {attempt_id}")
    if attempt.submitted_at is not None:
        raise ServiceError("this attempt is submitted already: its answers cannot change")
    return attempt


def submit_attempt(store: Store, catalog: Catalog, attempt_id: str) -> AttemptOutcome:
    """Score the attempt and record pass or fail; unanswered questions earn nothing."""
    with store.session() as session:
        attempt = _open_attempt(session, attempt_id)
        quiz = catalog.quiz(attempt.quiz_id)
        plan = AttemptPlan(
            attempt.seed,
            tuple(attempt.question_order),
            {k: tuple(v) for k, v in attempt.option_orders.items()},
        )
        result = score_attempt(quiz.spec, plan, _answers(session, attempt_id))
        attempt.submitted_at = utc_now()
        attempt.score = result.score
        attempt.max_score = result.max_score
        attempt.percent = result.percent
        attempt.passed = result.passed
        used = len(_attempts(session, attempt.learner_id, attempt.course_id, attempt.quiz_id))
    return AttemptOutcome(
        attempt_id,
        result.percent,
        result.passed,
        used,
        attempts_left(quiz.spec, used),
        review_available(quiz.spec, result.passed or catalog.is_baseline(quiz.id), used),
        Score(result.percent, result.max_score),
        catalog.is_baseline(quiz.id),
    )


def review_attempt(store: Store, catalog: Catalog, attempt_id: str) -> list[QuestionReview]:
    """Every question of a submitted attempt with its feedback, once the review is open."""
    with store.reading() as session:
        attempt = session.get(QuizAttempt, attempt_id)
        if attempt is None or attempt.submitted_at is None:
            raise ServiceError("only a submitted attempt can be reviewed")
        quiz = catalog.quiz(attempt.quiz_id)
        attempts = _attempts(session, attempt.learner_id, attempt.course_id, attempt.quiz_id)
        passed = any(a.passed for a in attempts) or catalog.is_baseline(quiz.id)
        if not review_available(quiz.spec, passed, len(attempts)):
            raise ServiceError(
                "the full review opens once you pass or have used every attempt;"
                " until then you see your score"
            )
        answers = _answers(session, attempt_id)
    reviews = []
    for question_id in attempt.question_order:
        question = quiz.spec.question(question_id)
        if question is None:  # removed from the course since: nothing to show
            continue
        answer = answers.get(question_id)
        result = grade(question, answer)
        reviews.append(
            QuestionReview(
                question,
                answer,
                result.correct,
                result.score,
                tuple(feedback(question, answer)),
                question.explanation,
                question.lesson_id,
                question.anchor,
            )
        )
    return reviews


def attempt_history(
    store: Store, catalog: Catalog, learner_id: str, quiz_id: str | None = None
) -> list[AttemptSummary]:
    """Every attempt of the learner (at one quiz, or all), oldest first."""
    with store.reading() as session:
        query = select(QuizAttempt).where(
            QuizAttempt.learner_id == learner_id, QuizAttempt.course_id == catalog.course.id
        )
        if quiz_id is not None:
            query = query.where(QuizAttempt.quiz_id == quiz_id)
        rows = list(session.scalars(query.order_by(QuizAttempt.started_at)))
        return [
            AttemptSummary(
                row.id, row.quiz_id, row.started_at, row.submitted_at, row.percent, row.passed,
                _answers(session, row.id), tuple(row.question_order),
            )
            for row in rows
        ]  # fmt: skip
