"""Booster reviews after the course: when they start, what a session holds, what an answer records."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import create_engine, inspect, select

from tests.conftest import COURSE_YAML, MODULE_MD
from tests.services.helpers import passed_the_course
from trainer.services import accounts
from trainer.services.catalog import Catalog, open_catalog
from trainer.services.completion import course_status
from trainer.services.errors import ServiceError
from trainer.services.review_reports import (
    retention_at_90_days,
    retention_by_objective,
    review_overview,
    wilson_interval,
)
from trainer.services.reviews import rating_for, record_review, review_plan, review_status
from trainer.store import migrate
from trainer.store.db import Store
from trainer.store.location import resolve_url
from trainer.store.models import ReviewLog

REVIEW_SETTINGS = """\
review:
  target_retention: 0.9
  items_per_session: 5
  minutes_per_item: 1.0
  weekly_minutes: 10
  min_items_per_objective: 3
"""


def objective_ids(count: int) -> list[str]:
    """The demo module's two objectives, then made-up ones up to `count`."""
    return ["b-define", "b-steps"] + [f"b-extra-{n}" for n in range(3, count + 1)]


def booster_question(objective: str, n: int, *, safety: bool = False) -> str:
    return f"""\
  - id: {objective}-{n}
    type: single
    objective: {objective}
    lesson: what-is-pain#definition
    prompt: Booster {n} on {objective}?
    safety: {"true" if safety else "false"}
    options:
      - {{id: a, text: The right one, feedback: Yes; that is what the lesson says.}}
      - {{id: b, text: The wrong one, feedback: No; look at the lesson again.}}
    key: a
    explanation: See "What pain is".
"""


PARTLY_RIGHT_QUESTION = """\
  - id: b-define-several
    type: multiple
    objective: b-define
    lesson: what-is-pain
    prompt: Which are true of pain?
    options:
      - {id: a, text: It is an experience, feedback: Yes.}
      - {id: b, text: It can exist without injury, feedback: Yes.}
      - {id: c, text: It is nociception, feedback: No.}
    key: [a, b]
    explanation: See "What pain is".
"""


def booster_course_files(
    objectives: int = 2,
    per_objective: int = 3,
    safety: frozenset[str] = frozenset(),
    review: bool = True,
    extra: str = "",
) -> dict[str, str]:
    """The demo course with `objectives` objectives, `per_objective` booster items on each
    (items named in `safety` marked so) and, when `review`, the course's review settings."""
    ids = objective_ids(objectives)
    added = "".join(f"  - id: {o}\n    text: Know {o}.\n" for o in ids[2:])
    module = MODULE_MD.replace("\nreviewed:", f"\n{added}reviewed:", 1) if added else MODULE_MD
    questions = "".join(
        booster_question(o, n, safety=f"{o}-{n}" in safety)
        for o in ids
        for n in range(1, per_objective + 1)
    )
    return {
        "curriculum/course.yaml": COURSE_YAML + (REVIEW_SETTINGS if review else ""),
        "curriculum/basics/module.md": module,
        "quizzes/basics-boosters.yaml": (
            "id: basics-boosters\ntitle: Basics boosters\nmodule: basics\npurpose: booster\n"
            f"questions:\n{questions}{extra}"
        ),
    }


def open_booster_catalog(root: Path) -> Catalog:
    catalog = open_catalog(root / "curriculum", root / "quizzes")
    assert catalog.problems == ()
    return catalog


def completed_on(store: Store, catalog: Catalog, learner_id: str) -> datetime:
    completed_at = course_status(store, catalog, learner_id).completed_at
    assert completed_at is not None
    return completed_at


def day_after(moment: datetime, days: int = 1, hour: int = 9) -> datetime:
    """`hour` o'clock UTC, `days` days after the day of `moment`."""
    start = datetime.combine(moment.date(), datetime.min.time(), tzinfo=UTC)
    return start + timedelta(days=days, hours=hour)


@pytest.fixture
def catalog(write_course) -> Catalog:
    root = write_course(
        booster_course_files(safety=frozenset({"b-steps-2"}), extra=PARTLY_RIGHT_QUESTION)
    )
    return open_booster_catalog(root)


@pytest.fixture
def ana(store, catalog) -> str:
    return passed_the_course(store, catalog)


def test_the_migration_adds_the_review_log_on_sqlite_and_postgresql(db_url) -> None:
    from alembic import command

    url = resolve_url(db_url)
    if url.get_backend_name() == "sqlite":
        Path(url.database).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url)
    with engine.begin() as connection:
        command.upgrade(migrate.alembic_config(connection), "0006")
        assert not inspect(connection).has_table("review_log")
        command.upgrade(migrate.alembic_config(connection), "0007")
        columns = {c["name"] for c in inspect(connection).get_columns("review_log")}
        indexes = {i["name"] for i in inspect(connection).get_indexes("review_log")}
    engine.dispose()
    assert {"learner_id", "question_id", "confidence", "rating", "safety"} <= columns
    assert "ix_review_log_learner" in indexes


def test_ratings_follow_the_answer_and_the_confidence() -> None:
    assert [rating_for(True, c).name for c in ("not_sure", "fairly_sure", "sure")] == [
        "Hard",
        "Good",
        "Easy",
    ]
    assert {rating_for(False, c).name for c in ("not_sure", "fairly_sure", "sure")} == {"Again"}


def test_no_reviews_before_the_course_is_complete(store, catalog) -> None:
    learner = accounts.create_learner(store, "Bea")
    plan = review_plan(store, catalog, learner.id, datetime.now(UTC) + timedelta(days=5))
    assert (plan.started, plan.starts_on, plan.items, plan.next_due) == (False, None, (), None)


def test_a_course_without_review_settings_has_no_reviews(store, write_course) -> None:
    catalog = open_booster_catalog(write_course(booster_course_files(review=False)))
    learner_id = passed_the_course(store, catalog)
    plan = review_plan(store, catalog, learner_id, datetime.now(UTC) + timedelta(days=5))
    assert not plan.started and plan.items == ()


def test_reviews_start_the_day_after_completion(store, catalog, ana) -> None:
    completed_at = completed_on(store, catalog, ana)
    same_day = review_plan(store, catalog, ana, completed_at + timedelta(minutes=1))
    assert not same_day.started
    assert same_day.starts_on == completed_at.date() + timedelta(days=1)
    with pytest.raises(ServiceError, match="start the day after"):
        record_review(
            store, catalog, ana, "basics-boosters", "b-define-1", "a", "sure",
            completed_at + timedelta(minutes=1),
        )  # fmt: skip
    next_day = review_plan(store, catalog, ana, day_after(completed_at, hour=0))
    assert next_day.started and len(next_day.items) == 5
    assert all(item.new for item in next_day.items)


def test_a_session_spreads_its_items_over_the_objectives(store, catalog, ana) -> None:
    plan = review_plan(store, catalog, ana, day_after(completed_on(store, catalog, ana)))
    objectives = [item.objective_id for item in plan.items]
    assert objectives[:2] == ["b-define", "b-steps"]
    assert objectives.count("b-define") == 3 and objectives.count("b-steps") == 2


def test_the_learner_chooses_how_many_items_a_session_holds(store, catalog, ana) -> None:
    now = day_after(completed_on(store, catalog, ana))
    assert len(review_plan(store, catalog, ana, now, items_per_session=2).items) == 2


def test_a_day_holds_one_session(store, catalog, ana) -> None:
    now = day_after(completed_on(store, catalog, ana))
    for item in review_plan(store, catalog, ana, now).items:
        record_review(store, catalog, ana, item.quiz_id, item.question_id, "a", "sure", now)
    later = review_plan(store, catalog, ana, now + timedelta(hours=3))
    assert later.items == ()
    assert later.next_due == datetime.combine(
        now.date() + timedelta(days=1), datetime.min.time(), tzinfo=UTC
    )  # the items never reviewed wait for tomorrow


def test_an_answer_is_graded_recorded_and_explained(store, catalog, ana) -> None:
    now = day_after(completed_on(store, catalog, ana))
    outcome = record_review(
        store, catalog, ana, "basics-boosters", "b-define-1", "b", "fairly_sure", now, 42
    )
    assert (outcome.correct, outcome.score, outcome.confident_error) == (False, 0.0, False)
    assert outcome.feedback == ("“The wrong one”: No; look at the lesson again.",)
    assert outcome.explanation == 'See "What pain is".'
    assert outcome.lesson == "what-is-pain#definition"
    assert outcome.next_due > now
    with store.reading() as session:
        [row] = session.scalars(select(ReviewLog))
    assert (row.answer, row.correct, row.rating, row.confidence) == ("b", False, 1, "fairly_sure")
    assert (row.objective_id, row.duration_seconds, row.reviewed_at) == ("b-define", 42, now)


def test_a_partly_right_answer_keeps_its_score_but_is_scheduled_as_wrong(
    store, catalog, ana
) -> None:
    now = day_after(completed_on(store, catalog, ana))
    half = record_review(
        store, catalog, ana, "basics-boosters", "b-define-several", ["a"], "sure", now
    )
    right = record_review(store, catalog, ana, "basics-boosters", "b-define-1", "a", "sure", now)
    assert (half.correct, half.score) == (False, 0.5)
    assert half.next_due < right.next_due


def test_a_confident_error_on_a_safety_item_comes_first_and_is_shown(store, catalog, ana) -> None:
    now = day_after(completed_on(store, catalog, ana))
    for question_id in ("b-steps-1", "b-steps-2"):  # b-steps-2 is a safety item
        outcome = record_review(
            store, catalog, ana, "basics-boosters", question_id, "b", "sure", now
        )
        assert outcome.confident_error
    due_day = max(outcome.next_due, now) + timedelta(days=1)
    plan = review_plan(store, catalog, ana, due_day, items_per_session=1)
    assert [item.question_id for item in plan.items] == ["b-steps-2"]
    [row] = review_overview(store, catalog, due_day)
    assert (row.display_name, row.objective_id, row.reviews) == ("Ana Ruiz", "b-steps", 2)
    assert [(e.question_id, e.reviewed_at) for e in row.safety_errors] == [("b-steps-2", now)]


def test_unknown_items_and_confidences_are_refused(store, catalog, ana) -> None:
    now = day_after(completed_on(store, catalog, ana))
    with pytest.raises(ServiceError, match="confidence"):
        record_review(store, catalog, ana, "basics-boosters", "b-define-1", "a", "certain", now)
    with pytest.raises(ServiceError, match="not a booster quiz"):
        record_review(store, catalog, ana, "basics-quiz", "bq-define", "a", "sure", now)
    with pytest.raises(ServiceError, match="no question"):
        record_review(store, catalog, ana, "basics-boosters", "nope", "a", "sure", now)


def test_retention_by_objective_sets_the_reviews_beside_the_post_test(store, catalog, ana) -> None:
    now = day_after(completed_on(store, catalog, ana))
    record_review(store, catalog, ana, "basics-boosters", "b-define-1", "a", "fairly_sure", now)
    record_review(store, catalog, ana, "basics-boosters", "b-define-2", "a", "fairly_sure", now)
    rows = {row.objective_id: row for row in retention_by_objective(store, catalog, ana, now)}
    define, steps = rows["b-define"], rows["b-steps"]
    assert (define.items_total, define.items_reviewed, define.reviews) == (4, 2, 2)
    assert define.retention == pytest.approx(1.0)  # just reviewed
    week_later = retention_by_objective(store, catalog, ana, now + timedelta(days=7))
    assert 0 < week_later[0].retention < 1
    assert (steps.items_reviewed, steps.retention) == (0, None)
    assert (define.posttest_share, steps.posttest_share) == (1.0, 1.0)


def test_status_counts_due_items_per_objective(store, catalog, ana) -> None:
    now = day_after(completed_on(store, catalog, ana))
    record_review(store, catalog, ana, "basics-boosters", "b-steps-1", "b", "sure", now)
    status = review_status(store, catalog, ana, now + timedelta(days=1))
    assert status.started and status.due_total == 1
    assert [(o.objective_id, o.due) for o in status.objectives] == [("b-define", 0), ("b-steps", 1)]


def test_retention_at_90_days_counts_answers_80_to_100_days_after_completion(
    store, catalog, ana
) -> None:
    completed_at = completed_on(store, catalog, ana)
    answers = [(50, "a"), (80, "a"), (90, "b"), (99, "a"), (101, "b")]
    for days, answer in answers:
        moment = completed_at + timedelta(days=days)
        record_review(store, catalog, ana, "basics-boosters", "b-define-1", answer, "sure", moment)
    report = {row.objective_id: row for row in retention_at_90_days(store, catalog)}
    define = report["b-define"]
    assert (define.answers, define.correct, define.share) == (3, 2, pytest.approx(2 / 3))
    assert define.low == pytest.approx(0.2077, abs=1e-3)
    assert define.high == pytest.approx(0.9385, abs=1e-3)
    assert (report["b-steps"].answers, report["b-steps"].share) == (0, None)


def test_the_wilson_interval() -> None:
    low, high = wilson_interval(8, 10)
    assert (round(low, 3), round(high, 3)) == (0.490, 0.943)
    assert wilson_interval(0, 0) is None
    assert wilson_interval(10, 10)[1] == pytest.approx(1.0)
