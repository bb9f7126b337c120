"""A year of booster reviews, on a simulated clock: the load stays light and the spacing works."""

from __future__ import annotations

import random
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta
from itertools import pairwise, takewhile

import fsrs
import pytest

from tests.services.helpers import passed_the_course
from tests.services.test_reviews import (
    booster_course_files,
    completed_on,
    day_after,
    open_booster_catalog,
)
from trainer.services.catalog import Catalog
from trainer.services.reviews import (
    booster_items,
    learner_reviews,
    make_scheduler,
    record_review,
    replay,
    review_plan,
)
from trainer.store.db import Store

DAYS = 365


@dataclass(frozen=True)
class Answer:
    day: int
    at: datetime
    right: bool
    confidence: str
    next_due: datetime
    # when a right answer ("fairly sure") given instead would have brought the item back
    due_if_right: datetime

    @property
    def interval(self) -> timedelta:
        return self.next_due - self.at


@dataclass
class Year:
    completed_at: datetime
    answers: dict[str, list[Answer]]
    items_per_day: Counter[int]
    empty_plans_before_start: int


def live_a_year(store: Store, catalog: Catalog, learner_id: str) -> Year:
    """Do every session offered, every day: right 85% of the time ("fairly sure"); every
    third wrong answer is given as "sure"."""
    chance = random.Random(20261203)
    completed_at = completed_on(store, catalog, learner_id)
    answers: dict[str, list[Answer]] = defaultdict(list)
    per_day: Counter[int] = Counter()
    wrong = 0
    before_start = [completed_at + timedelta(minutes=1), day_after(completed_at, 0, hour=23)]
    empty_before = sum(not review_plan(store, catalog, learner_id, t).items for t in before_start)
    for day in range(DAYS + 1):
        now = day_after(completed_at, day)
        for session in range(3):  # a day offers one session; ask again to be sure
            plan = review_plan(store, catalog, learner_id, now + timedelta(hours=session))
            for n, item in enumerate(plan.items):
                at = now + timedelta(hours=session, minutes=n)
                right = chance.random() < 0.85
                wrong += not right
                confidence = "sure" if not right and wrong % 3 == 0 else "fairly_sure"
                if_right = _due_if_right(store, catalog, learner_id, item.question_id, at)
                outcome = record_review(
                    store, catalog, learner_id, item.quiz_id, item.question_id,
                    "a" if right else "b", confidence, at, 40,
                )  # fmt: skip
                answers[item.question_id].append(
                    Answer(day, at, right, confidence, outcome.next_due, if_right)
                )
                per_day[day] += 1
    return Year(completed_at, answers, per_day, empty_before)


def _due_if_right(
    store: Store, catalog: Catalog, learner_id: str, question_id: str, at: datetime
) -> datetime:
    settings = catalog.course.review
    assert settings is not None
    scheduler = make_scheduler(settings)
    items = [i for i in booster_items(catalog) if i.question_id == question_id]
    reviews = learner_reviews(store, catalog.course.id, learner_id, question_id)
    card = replay(scheduler, items, reviews).get(items[0].key)
    start = card.card if card else fsrs.Card(card_id=0, due=at)
    return scheduler.review_card(start, fsrs.Rating.Good, at)[0].due


@pytest.fixture(scope="module")
def year(tmp_path_factory) -> Year:
    """One simulated year for every test here (SQLite): it is the slow part."""
    import textwrap

    from tests.conftest import DEMO_FILES
    from trainer.store.db import open_store

    root = tmp_path_factory.mktemp("course")
    for name, text in {**DEMO_FILES, **booster_course_files(objectives=34)}.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    catalog = open_booster_catalog(root)
    assert len(booster_items(catalog)) == 102
    store = open_store(str(tmp_path_factory.mktemp("data") / "trainer.sqlite3"))
    try:
        return live_a_year(store, catalog, passed_the_course(store, catalog))
    finally:
        store.close()


def test_after_the_first_month_no_week_takes_more_than_the_weekly_minutes(year: Year) -> None:
    minutes_per_item, weekly_minutes = 1.0, 10
    for first in range(30, DAYS - 6):
        week = sum(year.items_per_day[day] for day in range(first, first + 7))
        assert week * minutes_per_item <= weekly_minutes, f"days {first}-{first + 6}: {week}"
    assert sum(year.items_per_day[d] for d in range(DAYS - 30, DAYS)) > 0  # still reviewing


def test_the_first_month_brings_every_objective_a_session_a_day(year: Year) -> None:
    assert all(year.items_per_day[day] <= 5 for day in range(DAYS + 1))
    first_month = sum(year.items_per_day[day] for day in range(31))
    assert first_month >= 100
    introduced = {q for q, given in year.answers.items() if given[0].day <= 30}
    assert len(introduced) >= 40
    objectives = {question_id.rsplit("-", 1)[0] for question_id in introduced}
    assert len(objectives) == 34  # the first item of every objective before the second


def test_reviews_never_start_before_the_day_after_completion(year: Year) -> None:
    assert year.empty_plans_before_start == 2
    assert year.items_per_day[0] == 0
    first = min(a.at for given in year.answers.values() for a in given)
    assert first.date() == year.completed_at.date() + timedelta(days=1)


def test_an_item_answered_right_again_and_again_comes_back_ever_later(year: Year) -> None:
    growing = 0
    for given in year.answers.values():
        for before, after in pairwise(given):
            if before.right and after.right:  # never sooner than the time before
                assert after.interval >= before.interval
        never_wrong = list(takewhile(lambda answer: answer.right, given))
        for before, after in pairwise(never_wrong):
            assert after.interval > before.interval
            growing += 1
    assert growing >= 50


def test_after_a_lapse_the_item_comes_back_sooner_than_before(year: Year) -> None:
    lapses = 0
    for given in year.answers.values():
        for before, after in pairwise(given):
            if before.right and not after.right and before.interval > timedelta(days=1):
                assert after.interval < before.interval
                lapses += 1
            if not after.right:  # one day is the shortest interval
                assert after.interval <= before.interval
    assert lapses >= 5


def test_a_confident_error_comes_back_sooner_than_a_right_answer_would_have(year: Year) -> None:
    confident_errors = [
        a for given in year.answers.values() for a in given if a.confidence == "sure"
    ]
    assert len(confident_errors) >= 3
    assert all(error.next_due < error.due_if_right for error in confident_errors)
