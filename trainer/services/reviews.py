"""Booster reviews after the course: which items a learner reviews when, and their answers.

Booster items are the questions of the quizzes with `purpose: booster`. Each learner has
one FSRS card per item, never stored: it is rebuilt by replaying the learner's
`review_log` rows in time order through a deterministic scheduler, so two machines, and
a supervisor's database after merging bundles, always agree on the schedule.

Days are UTC days. A card is *due* when it falls due before the end of today. Reviews
start the day after the course is complete, and only for a course with `review:`
settings in course.yaml.

The API (every `now` is a timezone-aware UTC datetime; nothing here reads the clock):

- `review_plan(store, catalog, learner_id, now, items_per_session=None) -> ReviewPlan`:
  whether reviews have started and on which day, how many cards are due, when the next
  one falls due, and the items of the session to offer now (empty when there is none).
  A day holds at most one session's worth of items (`items_per_session`, the course's
  unless the learner chose another); from the 30th day after completion on, the items of
  any 7 days stay within `weekly_minutes / minutes_per_item`. Due cards come first, the
  most overdue first and, among equals, the last answered wrongly with "sure", then the
  safety items; new items fill the room left: the first item of every objective in
  course order, then the second of every objective, and so on. A session prefers an
  item whose objective it does not hold yet.
- `record_review(store, catalog, learner_id, quiz_id, question_id, answer, confidence,
  now, duration_seconds=0) -> ReviewOutcome`: grades the answer with the quiz grading,
  commits its `review_log` row at once, and returns whether it was right, the score, if
  it was a confident error, the author's feedback and explanation, the lesson to link,
  and when this item falls due again.
- `review_status(store, catalog, learner_id, now) -> ReviewStatus`: due items per
  objective and the next due date (the `trainer review status` command).
- `rating_for(correct, confidence) -> fsrs.Rating`: a wrong (or partly right) answer is
  Again; a right one is Hard, Good or Easy as the learner was not sure, fairly sure or
  sure.

The reports (retention per objective, the supervisor's overview, retention at 90 days)
are in `review_reports`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any, Literal

import fsrs
from sqlalchemy import func, select

from trainer.content.formats import ReviewSettings
from trainer.quiz.grading import feedback, grade
from trainer.quiz.model import Question
from trainer.services.catalog import Catalog
from trainer.services.completion import course_status
from trainer.services.errors import ServiceError
from trainer.store.db import Store
from trainer.store.models import Learner, ReviewLog

Confidence = Literal["not_sure", "fairly_sure", "sure"]
CONFIDENCES: tuple[str, ...] = ("not_sure", "fairly_sure", "sure")
# the first month fills the pool with new items; the weekly limit applies after it
WEEKLY_LIMIT_FROM_DAY = 30
WEEK = timedelta(days=7)
DAY = timedelta(days=1)


@dataclass(frozen=True)
class BoosterItem:
    """One booster question; `order` is its place in the course (module order, then file)."""

    quiz_id: str
    question_id: str
    objective_id: str
    safety: bool
    order: int

    @property
    def key(self) -> tuple[str, str]:
        return self.quiz_id, self.question_id


@dataclass
class CardState:
    """A learner's card for one item, as replayed from their review log."""

    item: BoosterItem
    card: fsrs.Card
    reviews: int = 0
    last_confident_error: bool = False
    last_reviewed_at: datetime | None = None


@dataclass(frozen=True)
class ReviewItem:
    """An item offered in a session; `due` is None for an item never reviewed."""

    quiz_id: str
    question_id: str
    objective_id: str
    safety: bool
    due: datetime | None

    @property
    def new(self) -> bool:
        return self.due is None


@dataclass(frozen=True)
class ReviewPlan:
    """Where a learner's reviews stand now. `starts_on` is None when the learner has no
    reviews at all (the course has none, or the learner has not completed it)."""

    started: bool
    starts_on: date | None
    due_now: int
    next_due: datetime | None
    items: tuple[ReviewItem, ...]


@dataclass(frozen=True)
class ReviewOutcome:
    """What answering one booster item tells the learner."""

    correct: bool
    score: float
    points: float
    confident_error: bool
    feedback: tuple[str, ...]
    explanation: str
    lesson: str  # the lesson id, with `#anchor` when the question names one
    next_due: datetime


@dataclass(frozen=True)
class ObjectiveDue:
    objective_id: str
    due: int


@dataclass(frozen=True)
class ReviewStatus:
    started: bool
    starts_on: date | None
    due_total: int
    next_due: datetime | None
    objectives: tuple[ObjectiveDue, ...]


# ---------------------------------------------------------------- the course's items


def review_settings(catalog: Catalog) -> ReviewSettings | None:
    """The course's `review:` settings; None when it has no booster reviews."""
    return getattr(catalog.course, "review", None)


def booster_items(catalog: Catalog) -> list[BoosterItem]:
    """Every booster question, in course order: by module, then as written in its file."""
    module_order = {module.id: n for n, module in enumerate(catalog.course.modules)}
    quizzes = sorted(
        (q for q in catalog.quizzes.values() if getattr(q.spec, "purpose", "") == "booster"),
        key=lambda q: (module_order.get(q.spec.module, len(module_order)), q.id),
    )
    questions = [(quiz.id, question) for quiz in quizzes for question in quiz.spec.questions]
    return [
        BoosterItem(quiz_id, q.id, q.objective, bool(getattr(q, "safety", False)), n)
        for n, (quiz_id, q) in enumerate(questions)
    ]


def booster_question(catalog: Catalog, quiz_id: str, question_id: str) -> Question:
    quiz = catalog.quizzes.get(quiz_id)
    if quiz is None or getattr(quiz.spec, "purpose", "") != "booster":
        raise ServiceError(f"`{quiz_id}` is not a booster quiz of this course")
    question = quiz.spec.question(question_id)
    if question is None:
        raise ServiceError(f"booster quiz `{quiz_id}` has no question `{question_id}`")
    return question


# ---------------------------------------------------------------- cards from the log


def make_scheduler(settings: ReviewSettings) -> fsrs.Scheduler:
    """No fuzzing, so every machine computes the same dates; no learning steps of minutes,
    as boosters are reviewed at most once a day."""
    return fsrs.Scheduler(
        desired_retention=settings.target_retention,
        learning_steps=(),
        relearning_steps=(),
        enable_fuzzing=False,
    )


def rating_for(correct: bool, confidence: str) -> fsrs.Rating:
    if not correct:
        return fsrs.Rating.Again
    return {
        "not_sure": fsrs.Rating.Hard,
        "fairly_sure": fsrs.Rating.Good,
        "sure": fsrs.Rating.Easy,
    }[confidence]


@dataclass(frozen=True)
class LoggedReview:
    """The columns of a review_log row that scheduling and the reports read."""

    quiz_id: str
    question_id: str
    objective_id: str
    correct: bool
    confidence: str
    rating: int
    safety: bool
    reviewed_at: datetime


def learner_reviews(
    store: Store, course_id: str, learner_id: str, question_id: str | None = None
) -> list[LoggedReview]:
    """A learner's reviews of the course, oldest first (ties by id, so the order is fixed)."""
    query = (
        select(
            ReviewLog.quiz_id, ReviewLog.question_id, ReviewLog.objective_id,
            ReviewLog.correct, ReviewLog.confidence, ReviewLog.rating, ReviewLog.safety,
            ReviewLog.reviewed_at,
        )
        .where(ReviewLog.learner_id == learner_id, ReviewLog.course_id == course_id)
        .order_by(ReviewLog.reviewed_at, ReviewLog.id)
    )  # fmt: skip
    if question_id is not None:
        query = query.where(ReviewLog.question_id == question_id)
    with store.reading() as session:
        return [LoggedReview(*row) for row in session.execute(query)]


def replay(
    scheduler: fsrs.Scheduler, items: Iterable[BoosterItem], reviews: Sequence[LoggedReview]
) -> dict[tuple[str, str], CardState]:
    """Each reviewed item's card after replaying `reviews`; reviews of items no longer in
    the course are left out."""
    by_key = {item.key: item for item in items}
    cards: dict[tuple[str, str], CardState] = {}
    for review in reviews:
        key = (review.quiz_id, review.question_id)
        if key not in by_key:
            continue
        state = cards.get(key)
        if state is None:
            state = cards[key] = CardState(by_key[key], _new_card(review.reviewed_at))
        state.card, _ = scheduler.review_card(
            state.card, fsrs.Rating(review.rating), review.reviewed_at
        )
        state.reviews += 1
        state.last_confident_error = not review.correct and review.confidence == "sure"
        state.last_reviewed_at = review.reviewed_at
    return cards


def _new_card(moment: datetime) -> fsrs.Card:
    return fsrs.Card(card_id=0, due=moment)  # an id given: fsrs waits 1 ms to make one


# ---------------------------------------------------------------- when reviews start


def reviews_start(store: Store, catalog: Catalog, learner_id: str) -> datetime | None:
    """The start of the day after the learner completed the course; None without reviews."""
    if review_settings(catalog) is None:
        return None
    completed_at = course_status(store, catalog, learner_id).completed_at
    if completed_at is None:
        return None
    return start_of_day(completed_at) + DAY


def start_of_day(moment: datetime) -> datetime:
    return datetime.combine(moment.astimezone(UTC).date(), time(), tzinfo=UTC)


# ---------------------------------------------------------------- the plan


def review_plan(
    store: Store,
    catalog: Catalog,
    learner_id: str,
    now: datetime,
    items_per_session: int | None = None,
) -> ReviewPlan:
    """The learner's reviews now and the session to offer (see the module docstring)."""
    now = as_utc(now)
    settings = review_settings(catalog)
    start = reviews_start(store, catalog, learner_id)
    if settings is None or start is None:
        return ReviewPlan(False, None, 0, None, ())
    if now < start:
        return ReviewPlan(False, start.date(), 0, start, ())
    items = booster_items(catalog)
    reviews = learner_reviews(store, catalog.course.id, learner_id)
    cards = replay(make_scheduler(settings), items, reviews)
    today = start_of_day(now)
    due = _due_first([c for c in cards.values() if c.card.due < today + DAY], today)
    new = [item for item in _round_robin(items) if item.key not in cards]
    room = _room(settings, items_per_session, reviews, today, start)
    chosen = _spread_objectives(
        [_offered(c.item, c.card.due) for c in due], [_offered(i, None) for i in new], room
    )
    return ReviewPlan(
        True, start.date(), len(due), _next_due(cards, bool(new), room, today), tuple(chosen)
    )


def _due_first(due: list[CardState], today: datetime) -> list[CardState]:
    """Most overdue (in days) first; among equals a confident error, then a safety item."""

    def key(state: CardState) -> tuple[Any, ...]:
        days_overdue = (today - start_of_day(state.card.due)).days
        return (
            -days_overdue, not state.last_confident_error, not state.item.safety,
            state.card.due, state.item.order,
        )  # fmt: skip

    return sorted(due, key=key)


def _round_robin(items: list[BoosterItem]) -> list[BoosterItem]:
    """The first item of every objective, then the second of every objective, and so on:
    every objective gets reviewed early, even when the weekly time is short."""
    rank: Counter[str] = Counter()
    ranked = []
    for item in items:
        ranked.append((rank[item.objective_id], item.order, item))
        rank[item.objective_id] += 1
    return [item for _, _, item in sorted(ranked, key=lambda r: r[:2])]


def _room(
    settings: ReviewSettings,
    items_per_session: int | None,
    reviews: Sequence[LoggedReview],
    today: datetime,
    start: datetime,
) -> int:
    """How many items may still be offered today: one session a day, and after the first
    month no more in any 7 days than the weekly minutes allow."""
    session = items_per_session if items_per_session is not None else settings.items_per_session
    done_today = sum(1 for r in reviews if r.reviewed_at >= today)
    room = session - done_today
    completed_day = start - DAY
    if today >= completed_day + timedelta(days=WEEKLY_LIMIT_FROM_DAY):
        week_start = today - timedelta(days=6)
        done_this_week = sum(1 for r in reviews if r.reviewed_at >= week_start)
        room = min(room, weekly_items(settings) - done_this_week)
    return max(0, room)


def weekly_items(settings: ReviewSettings) -> int:
    """The most items any 7 days may hold after the first month."""
    return int(settings.weekly_minutes // settings.minutes_per_item)


def _offered(item: BoosterItem, due: datetime | None) -> ReviewItem:
    return ReviewItem(item.quiz_id, item.question_id, item.objective_id, item.safety, due)


def _spread_objectives(due: list[ReviewItem], new: list[ReviewItem], room: int) -> list[ReviewItem]:
    """Up to `room` items: due ones before new ones, each time preferring one whose
    objective the session does not hold yet."""
    chosen: list[ReviewItem] = []
    for pool in (list(due), list(new)):
        while pool and len(chosen) < room:
            seen = {item.objective_id for item in chosen}
            pick = next((item for item in pool if item.objective_id not in seen), pool[0])
            pool.remove(pick)
            chosen.append(pick)
    return chosen


def _next_due(
    cards: dict[tuple[str, str], CardState], new_waiting: bool, room: int, today: datetime
) -> datetime | None:
    """The earliest moment an item falls due: a reviewed card's due time, or, for items
    never reviewed, today (tomorrow when today holds no more)."""
    moments = [state.card.due for state in cards.values()]
    if new_waiting:
        moments.append(today if room else today + DAY)
    return min(moments, default=None)


# ---------------------------------------------------------------- recording an answer


def record_review(
    store: Store,
    catalog: Catalog,
    learner_id: str,
    quiz_id: str,
    question_id: str,
    answer: Any,
    confidence: str,
    now: datetime,
    duration_seconds: int = 0,
) -> ReviewOutcome:
    """Grade one booster answer, commit it at once, and say what the learner sees next."""
    now = as_utc(now)
    settings = review_settings(catalog)
    if settings is None:
        raise ServiceError("this course has no booster reviews")
    if confidence not in CONFIDENCES:
        raise ServiceError(f"confidence must be one of {', '.join(CONFIDENCES)}")
    question = booster_question(catalog, quiz_id, question_id)
    start = reviews_start(store, catalog, learner_id)
    if start is None or now < start:
        raise ServiceError("booster reviews start the day after the course is complete")
    result = grade(question, answer)
    rating = rating_for(result.correct, confidence)
    with store.session() as session:
        if session.get(Learner, learner_id) is None:
            raise ServiceError(f"no profile `{learner_id}`")
        session.add(
            ReviewLog(
                installation_id=store.installation_id,
                learner_id=learner_id,
                course_id=catalog.course.id,
                question_id=question_id,
                objective_id=question.objective,
                quiz_id=quiz_id,
                answer=answer,
                correct=result.correct,
                score=result.score,
                confidence=confidence,
                rating=int(rating),
                safety=bool(getattr(question, "safety", False)),
                reviewed_at=now,
                duration_seconds=max(0, int(duration_seconds)),
            )
        )
    return ReviewOutcome(
        result.correct,
        result.score,
        result.points,
        not result.correct and confidence == "sure",
        tuple(feedback(question, answer)),
        question.explanation,
        question.lesson,
        _card_due(store, catalog, settings, learner_id, quiz_id, question_id),
    )


def _card_due(
    store: Store,
    catalog: Catalog,
    settings: ReviewSettings,
    learner_id: str,
    quiz_id: str,
    question_id: str,
) -> datetime:
    items = [i for i in booster_items(catalog) if i.key == (quiz_id, question_id)]
    reviews = learner_reviews(store, catalog.course.id, learner_id, question_id)
    return replay(make_scheduler(settings), items, reviews)[quiz_id, question_id].card.due


# ---------------------------------------------------------------- status for the command


def review_status(store: Store, catalog: Catalog, learner_id: str, now: datetime) -> ReviewStatus:
    """Due items per objective (every objective with booster items, in course order)."""
    plan = review_plan(store, catalog, learner_id, now)
    items = booster_items(catalog)
    due_counts: Counter[str] = Counter()
    if plan.started:
        settings = review_settings(catalog)
        assert settings is not None  # started implies settings
        reviews = learner_reviews(store, catalog.course.id, learner_id)
        cards = replay(make_scheduler(settings), items, reviews)
        tomorrow = start_of_day(now) + DAY
        due_counts.update(s.item.objective_id for s in cards.values() if s.card.due < tomorrow)
    objectives = list(dict.fromkeys(item.objective_id for item in items))
    return ReviewStatus(
        plan.started,
        plan.starts_on,
        plan.due_now,
        plan.next_due,
        tuple(ObjectiveDue(o, due_counts[o]) for o in objectives),
    )


def reviewed_learner_ids(store: Store, course_id: str) -> list[str]:
    """The learners with at least one booster review of the course."""
    with store.reading() as session:
        return list(
            session.scalars(
                select(ReviewLog.learner_id)
                .where(ReviewLog.course_id == course_id)
                .group_by(ReviewLog.learner_id)
                .order_by(func.min(ReviewLog.reviewed_at))
            )
        )


def as_utc(now: datetime) -> datetime:
    if now.tzinfo is None:
        raise ValueError("use a timezone-aware UTC datetime")
    return now.astimezone(UTC)
