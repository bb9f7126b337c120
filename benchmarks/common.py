"""Shared helpers for benchmark scripts: medians printed beside their budgets and floors.

Machines differ, so a figure alone does not travel: each script also measures a floor
(the least any program could do for the same job on this machine, e.g. a bare GROUP BY
or a bare Qt window) in the same run, in turns with the figure, and prints the ratio.
DESIGN §7 budgets are seconds and, where it gives one, a ratio to that floor; a script
exits non-zero when any budget is missed and prints "OVER BUDGET" beside it.
"""

from __future__ import annotations

import random
import statistics
import time
from collections.abc import Callable, Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

ROOT_NOTE = "medians on this machine [fastest-slowest run]; budgets from DESIGN.md section 7"
LEARNERS = 10_000


def median_seconds(run: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def in_turns(runs: dict[str, Callable[[], float]], repeat: int) -> dict[str, list[float]]:
    """Each run `repeat` times, taking turns, so that a busy moment of the machine weighs
    on the figure and its floor alike. Each callable returns the seconds it measured."""
    samples: dict[str, list[float]] = {name: [] for name in runs}
    for _ in range(repeat):
        for name, run in runs.items():
            samples[name].append(run())
    return samples


def timed(run: Callable[[], object]) -> Callable[[], float]:
    """`run` as a callable returning the seconds it took."""

    def seconds() -> float:
        start = time.perf_counter()
        run()
        return time.perf_counter() - start

    return seconds


def _spread(samples: Sequence[float] | None, scale: float, digits: int = 1) -> str:
    """[fastest-slowest] over a few runs; over many (single saves, lessons), the 10th to
    90th percentile, marked p10-90."""
    if not samples or len(samples) < 2:
        return ""
    if len(samples) > 20:
        deciles = statistics.quantiles(samples, n=10)
        low, high = deciles[0], deciles[-1]
        return f"[{scale * low:.{digits}f}-{scale * high:.{digits}f} p10-90]"
    return f"[{scale * min(samples):.{digits}f}-{scale * max(samples):.{digits}f}]"


def report(
    what: str,
    value: float,
    budget: float,
    unit: str,
    floor: str = "",
    *,
    samples: Sequence[float] | None = None,
    scale: float = 1.0,
) -> bool:
    """Print one figure beside its budget; True when within it. `samples` (in the unit
    divided by `scale`) adds the range over the runs."""
    ok = value <= budget
    verdict = "ok" if ok else "OVER BUDGET"
    floor_text = f"  (floor: {floor})" if floor else ""
    print(
        f"{what:<52} {value:8.1f} {unit:<4} {_spread(samples, scale):<20} "
        f"budget {budget:6.1f} {unit:<4} {verdict}{floor_text}"
    )
    return ok


def report_figure(
    what: str,
    value: float,
    unit: str,
    *,
    samples: Sequence[float] | None = None,
    scale: float = 1.0,
) -> None:
    """Print a figure that has no budget of its own (a floor, or a part of a figure)."""
    print(f"{what:<52} {value:8.1f} {unit:<4} {_spread(samples, scale):<20}")


def report_ratio(
    what: str,
    figure: Sequence[float],
    floor: Sequence[float],
    budget: float | None = None,
) -> bool:
    """Print median(figure) / median(floor), with the range of the ratios of the runs taken
    in turns; beside its budget when DESIGN §7 gives one. True when within it."""
    ratio = statistics.median(figure) / statistics.median(floor)
    paired = [a / b for a, b in zip(figure, floor, strict=False)]
    line = f"{what:<52} {ratio:8.2f} x    {_spread(paired, 1.0, 2):<20}"
    if budget is None:
        print(line)
        return True
    ok = ratio <= budget
    print(f"{line} budget {budget:6.2f} x    {'ok' if ok else 'OVER BUDGET'}")
    return ok


# the supervisor's database: 10,000 learners x 7 modules --------------------------------


def fill(store: Any, catalog: Any, learners: int = LEARNERS) -> None:
    """`learners` learners, each having taken the pre-test, read a random number of the
    course's modules in order and taken each of their quizzes once (60, 85 or 100 percent);
    those who read every module took the post-test once and most of them submitted the
    evaluation."""
    from sqlalchemy import insert

    from trainer.store.models import Evaluation, Learner, LessonProgress, QuizAttempt, new_uuid

    rng = random.Random(7)
    now = datetime.now(UTC)
    course = catalog.course
    people, lessons, quizzes, evaluations = [], [], [], []

    def attempt(learner_id: str, quiz_id: str, percent: float, passed: bool) -> None:
        quizzes.append(
            {"id": new_uuid(), "installation_id": store.installation_id, "learner_id": learner_id,
             "course_id": course.id, "quiz_id": quiz_id, "content_hash": "x", "seed": 1,
             "question_order": [], "option_orders": {}, "started_at": now, "submitted_at": now,
             "active_seconds": 300, "score": percent, "max_score": 100.0, "percent": percent,
             "passed": passed}
        )  # fmt: skip

    for n in range(learners):
        learner_id = new_uuid()
        people.append(
            {"id": learner_id, "installation_id": store.installation_id, "display_name": f"Learner {n:05d}",
             "credential": f"LADC-{n:05d}", "organisation": f"Org {n % 20}", "role": "learner",
             "created_at": now, "updated_at": now}
        )  # fmt: skip
        if course.pretest:
            attempt(learner_id, course.pretest, rng.choice([20.0, 40.0, 60.0]), False)
        reached = rng.randint(0, len(course.modules))
        for module in course.modules[:reached]:
            for lesson in module.lessons:
                lessons.append(
                    {"id": new_uuid(), "installation_id": store.installation_id, "learner_id": learner_id,
                     "course_id": course.id, "module_id": module.id, "lesson_id": lesson.id,
                     "content_hash": lesson.hash, "first_opened_at": now, "last_opened_at": now,
                     "completed_at": now - timedelta(days=1), "active_seconds": 600, "position": 1.0}
                )  # fmt: skip
            if module.quiz:
                percent = rng.choice([60.0, 85.0, 100.0])
                attempt(learner_id, module.quiz, percent, percent >= 80)
        if reached == len(course.modules) and course.posttest:
            percent = rng.choice([60.0, 85.0, 100.0])
            attempt(learner_id, course.posttest, percent, percent >= 80)
            if percent >= 80 and rng.random() < 0.8:
                evaluations.append(
                    {"id": new_uuid(), "installation_id": store.installation_id,
                     "learner_id": learner_id, "course_id": course.id, "answers": {},
                     "submitted_at": now}
                )  # fmt: skip
    with store.engine.begin() as connection:
        connection.execute(insert(Learner), people)
        connection.execute(insert(LessonProgress), lessons)
        connection.execute(insert(QuizAttempt), quizzes)
        if evaluations:
            connection.execute(insert(Evaluation), evaluations)
    print(
        f"filled {len(people)} learners, {len(lessons)} lesson rows, {len(quizzes)} attempts,"
        f" {len(evaluations)} evaluations"
    )


def grid_database(path: str) -> tuple[Any, Any]:
    """(store, catalog): a new database at `path` filled for the shipped course."""
    from trainer.paths import SHIPPED_COURSE, SHIPPED_QUIZZES
    from trainer.services.catalog import open_catalog
    from trainer.store.db import open_store

    catalog = open_catalog(SHIPPED_COURSE, SHIPPED_QUIZZES)
    store = open_store(path)
    fill(store, catalog)
    return store, catalog


FLOOR_QUERIES = (
    "SELECT learner_id, module_id, count(completed_at), max(completed_at), sum(active_seconds)"
    " FROM lesson_progress GROUP BY learner_id, module_id",
    "SELECT learner_id, quiz_id, count(*), max(percent), sum(active_seconds)"
    " FROM quiz_attempt GROUP BY learner_id, quiz_id",
)


def group_by_floor(store: Any) -> Callable[[], float]:
    """The grid's floor: a bare GROUP BY over the same rows (lessons read and quiz attempts
    per learner, for all learners), fetched with the raw DBAPI cursor, no ORM, no folding.
    Returns a callable giving the seconds of one run."""

    def seconds() -> float:
        connection = store.engine.raw_connection()
        try:
            start = time.perf_counter()
            cursor = connection.cursor()
            for query in FLOOR_QUERIES:
                cursor.execute(query)
                cursor.fetchall()
            cursor.close()
            return time.perf_counter() - start
        finally:
            connection.close()

    return seconds
