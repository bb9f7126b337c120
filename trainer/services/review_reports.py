"""What booster reviews show about retention: for the learner, the supervisor, the organisation.

- `retention_by_objective(store, catalog, learner_id, now) -> list[ObjectiveRetention]`:
  per course objective (in course order), the booster items reviewed, the reviews done,
  the mean FSRS retrievability of its reviewed items now (None when none was reviewed)
  and the share of the learner's best submitted post-test that was right on it (None
  without one), for a "since the post-test" trend.
- `review_overview(store, catalog, now) -> list[LearnerReviewRow]`: for the supervisor,
  per learner with reviews and per objective: reviews done, the retention estimate, and
  each safety item answered wrongly with "sure" (question id and when).
- `retention_at_90_days(store, catalog) -> list[ObjectiveRetentionReport]`: per objective,
  the booster answers given 80 to 100 days after each learner completed the course: how
  many, the share right, and its Wilson 95% interval.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select

from trainer.services.catalog import Catalog
from trainer.services.completion import course_status
from trainer.services.reviews import (
    LoggedReview,
    as_utc,
    booster_items,
    learner_reviews,
    make_scheduler,
    replay,
    review_settings,
    reviewed_learner_ids,
)
from trainer.store.db import Store
from trainer.store.models import Learner, QuizAttempt, Response

WILSON_Z = 1.959964  # the 97.5th percentile of the normal distribution: a 95% interval
NINETY_DAYS = (timedelta(days=80), timedelta(days=100))


@dataclass(frozen=True)
class ObjectiveRetention:
    objective_id: str
    text: str
    module_id: str
    items_total: int  # booster items on this objective
    items_reviewed: int
    reviews: int
    retention: float | None  # mean retrievability of its reviewed items now
    posttest_share: float | None  # share right on the best submitted post-test


@dataclass(frozen=True)
class SafetyError:
    """A safety item answered wrongly with "sure"."""

    question_id: str
    reviewed_at: datetime


@dataclass(frozen=True)
class LearnerReviewRow:
    learner_id: str
    display_name: str
    objective_id: str
    reviews: int
    retention: float | None
    safety_errors: tuple[SafetyError, ...]


@dataclass(frozen=True)
class ObjectiveRetentionReport:
    objective_id: str
    text: str
    answers: int
    correct: int
    share: float | None  # None when no answer fell in the window
    low: float | None
    high: float | None


def retention_by_objective(
    store: Store, catalog: Catalog, learner_id: str, now: datetime
) -> list[ObjectiveRetention]:
    now = as_utc(now)
    retention = _retention(store, catalog, learner_id, now)
    posttest = posttest_share_by_objective(store, catalog, learner_id)
    totals: defaultdict[str, int] = defaultdict(int)
    for item in booster_items(catalog):
        totals[item.objective_id] += 1
    rows = []
    for module in catalog.course.modules:
        for objective in module.objectives:
            reviewed, reviews, mean = retention.get(objective.id, (0, 0, None))
            rows.append(
                ObjectiveRetention(
                    objective.id,
                    objective.text,
                    module.id,
                    totals[objective.id],
                    reviewed,
                    reviews,
                    mean,
                    posttest.get(objective.id),
                )
            )
    return rows


def _retention(
    store: Store,
    catalog: Catalog,
    learner_id: str,
    now: datetime,
    reviews: list[LoggedReview] | None = None,
) -> dict[str, tuple[int, int, float | None]]:
    """Per objective: (items reviewed, reviews, mean retrievability now)."""
    settings = review_settings(catalog)
    if settings is None:
        return {}
    scheduler = make_scheduler(settings)
    if reviews is None:
        reviews = learner_reviews(store, catalog.course.id, learner_id)
    cards = replay(scheduler, booster_items(catalog), reviews)
    by_objective: defaultdict[str, list[tuple[int, float]]] = defaultdict(list)
    for state in cards.values():
        recall = scheduler.get_card_retrievability(state.card, now)
        by_objective[state.item.objective_id].append((state.reviews, recall))
    return {
        objective: (
            len(found),
            sum(count for count, _ in found),
            sum(recall for _, recall in found) / len(found),
        )
        for objective, found in by_objective.items()
    }


def posttest_share_by_objective(
    store: Store, catalog: Catalog, learner_id: str
) -> dict[str, float]:
    """Per objective, the share of the questions right on the learner's best submitted
    post-test (highest percent; the earliest of equals)."""
    posttest_id = catalog.course.posttest
    quiz = catalog.quizzes.get(posttest_id) if posttest_id else None
    if quiz is None:
        return {}
    with store.reading() as session:
        best = session.scalar(
            select(QuizAttempt.id)
            .where(
                QuizAttempt.learner_id == learner_id,
                QuizAttempt.course_id == catalog.course.id,
                QuizAttempt.quiz_id == quiz.id,
                QuizAttempt.submitted_at.is_not(None),
                QuizAttempt.percent.is_not(None),
            )
            .order_by(QuizAttempt.percent.desc(), QuizAttempt.submitted_at)
            .limit(1)
        )
        if best is None:
            return {}
        answers = list(
            session.execute(
                select(Response.question_id, Response.correct).where(Response.attempt_id == best)
            )
        )
    right: defaultdict[str, list[bool]] = defaultdict(list)
    for question_id, correct in answers:
        question = quiz.spec.question(question_id)
        if question is not None:
            right[question.objective].append(bool(correct))
    return {objective: sum(found) / len(found) for objective, found in right.items()}


def review_overview(store: Store, catalog: Catalog, now: datetime) -> list[LearnerReviewRow]:
    """Per learner with reviews (first reviewer first), per objective they reviewed."""
    now = as_utc(now)
    names = _names(store)
    rows: list[LearnerReviewRow] = []
    for learner_id in reviewed_learner_ids(store, catalog.course.id):
        reviews = learner_reviews(store, catalog.course.id, learner_id)
        retention = _retention(store, catalog, learner_id, now, reviews)
        errors: defaultdict[str, list[SafetyError]] = defaultdict(list)
        counts: defaultdict[str, int] = defaultdict(int)
        for review in reviews:
            counts[review.objective_id] += 1
            if review.safety and not review.correct and review.confidence == "sure":
                errors[review.objective_id].append(
                    SafetyError(review.question_id, review.reviewed_at)
                )
        for objective_id in _objective_order(catalog, counts):
            rows.append(
                LearnerReviewRow(
                    learner_id,
                    names.get(learner_id, ""),
                    objective_id,
                    counts[objective_id],
                    retention.get(objective_id, (0, 0, None))[2],
                    tuple(errors[objective_id]),
                )
            )
    return rows


def _objective_order(catalog: Catalog, reviewed: dict[str, int]) -> list[str]:
    """The reviewed objectives in course order; any the course no longer has, after."""
    known = [o.id for m in catalog.course.modules for o in m.objectives]
    return [o for o in known if o in reviewed] + sorted(set(reviewed) - set(known))


def _names(store: Store) -> dict[str, str]:
    with store.reading() as session:
        return {
            learner_id: name
            for learner_id, name in session.execute(select(Learner.id, Learner.display_name))
        }


def retention_at_90_days(store: Store, catalog: Catalog) -> list[ObjectiveRetentionReport]:
    """Per course objective, booster answers given 80 to 100 days after completion."""
    low, high = NINETY_DAYS
    answers: defaultdict[str, list[bool]] = defaultdict(list)
    for learner_id in reviewed_learner_ids(store, catalog.course.id):
        completed_at = course_status(store, catalog, learner_id).completed_at
        if completed_at is None:
            continue
        for review in learner_reviews(store, catalog.course.id, learner_id):
            if low <= review.reviewed_at - completed_at <= high:
                answers[review.objective_id].append(review.correct)
    report = []
    for module in catalog.course.modules:
        for objective in module.objectives:
            given = answers.get(objective.id, [])
            right = sum(given)
            interval = wilson_interval(right, len(given))
            report.append(
                ObjectiveRetentionReport(
                    objective.id,
                    objective.text,
                    len(given),
                    right,
                    right / len(given) if given else None,
                    interval[0] if interval else None,
                    interval[1] if interval else None,
                )
            )
    return report


def wilson_interval(successes: int, trials: int, z: float = WILSON_Z) -> tuple[float, float] | None:
    """The Wilson score interval of a share; None for no trials."""
    if trials == 0:
        return None
    share = successes / trials
    z2 = z * z
    denominator = 1 + z2 / trials
    centre = (share + z2 / (2 * trials)) / denominator
    half = z * math.sqrt(share * (1 - share) / trials + z2 / (4 * trials * trials)) / denominator
    return max(0.0, centre - half), min(1.0, centre + half)
