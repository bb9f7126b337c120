"""Saving one answer durably, and the completion report for 10,000 learners x 7 modules.

Budgets (DESIGN §7): 5 ms to save one answer (SQLite, synchronous=FULL); 0.5 s for the
supervisor grid from the database (this measures the query and row building).
"""

from __future__ import annotations

import random
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import insert

from benchmarks.common import ROOT_NOTE, report
from trainer.paths import SHIPPED_COURSE, SHIPPED_QUIZZES
from trainer.services import accounts, attempts, reports
from trainer.services.catalog import open_catalog
from trainer.store.db import open_store
from trainer.store.models import Learner, LessonProgress, QuizAttempt, new_uuid

LEARNERS = 10_000


def save_answer_ms(folder: Path) -> float:
    catalog = open_catalog(SHIPPED_COURSE, SHIPPED_QUIZZES)
    store = open_store(str(folder / "answers.sqlite3"))
    learner = accounts.create_learner(store, "Bench")
    attempt = attempts.start_attempt(store, catalog, learner.id, "pain-physiology-quiz", seed=1)
    spec = catalog.quiz("pain-physiology-quiz").spec
    question = next(q for q in spec.questions if q.type == "single")
    if question.id not in attempt.question_ids:
        raise SystemExit("benchmark question not drawn")
    times = []
    for index in range(300):
        answer = question.options[index % len(question.options)].id
        start = time.perf_counter()
        attempts.save_answer(store, catalog, attempt.id, question.id, answer)
        times.append(time.perf_counter() - start)
    store.close()
    return 1000 * statistics.median(times)


def fill(store, catalog) -> None:  # type: ignore[no-untyped-def]
    rng = random.Random(7)
    now = datetime.now(UTC)
    course = catalog.course
    learners, lessons, quizzes = [], [], []
    for n in range(LEARNERS):
        learner_id = new_uuid()
        learners.append(
            {"id": learner_id, "installation_id": store.installation_id, "display_name": f"Learner {n:05d}",
             "credential": "", "organisation": f"Org {n % 20}", "role": "learner",
             "created_at": now, "updated_at": now}
        )  # fmt: skip
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
                quizzes.append(
                    {"id": new_uuid(), "installation_id": store.installation_id, "learner_id": learner_id,
                     "course_id": course.id, "quiz_id": module.quiz, "content_hash": "x", "seed": 1,
                     "question_order": [], "option_orders": {}, "started_at": now, "submitted_at": now,
                     "active_seconds": 300, "score": percent, "max_score": 100.0, "percent": percent,
                     "passed": percent >= 80}
                )  # fmt: skip
    with store.engine.begin() as connection:
        connection.execute(insert(Learner), learners)
        connection.execute(insert(LessonProgress), lessons)
        connection.execute(insert(QuizAttempt), quizzes)
    print(f"filled {len(learners)} learners, {len(lessons)} lesson rows, {len(quizzes)} attempts")


def report_seconds(folder: Path) -> float:
    catalog = open_catalog(SHIPPED_COURSE, SHIPPED_QUIZZES)
    store = open_store(str(folder / "report.sqlite3"))
    fill(store, catalog)
    times = []
    for _ in range(5):
        start = time.perf_counter()
        rows = reports.completion_grid(store, catalog)
        times.append(time.perf_counter() - start)
    assert len(rows) == LEARNERS * len(catalog.course.modules)
    store.close()
    return statistics.median(times)


def main() -> int:
    with tempfile.TemporaryDirectory() as folder:
        saved = save_answer_ms(Path(folder))
        grid = report_seconds(Path(folder))
    print(ROOT_NOTE)
    ok = report("save one answer, durably (SQLite)", saved, 5, "ms", "0.3 ms raw commit")
    ok &= report(
        "completion grid, 10,000 learners x 7 modules",
        1000 * grid,
        500,
        "ms",
        "300 ms raw GROUP BY",
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
