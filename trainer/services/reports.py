"""The completion grid: one row per learner and module, built with a few grouped queries."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import asdict, dataclass
from datetime import datetime

from sqlalchemy import case, func, select

from trainer.services.catalog import Catalog
from trainer.store.db import Store
from trainer.store.models import Learner, LessonProgress, QuizAttempt


@dataclass(frozen=True)
class GridRow:
    learner_id: str
    learner: str
    credential: str
    organisation: str
    module_number: int
    module_id: str
    module: str
    completion: str
    success: str
    best_percent: float | None
    completed_on: str
    active_minutes: int
    lessons_read: int
    lessons_total: int


def completion_grid(store: Store, catalog: Catalog) -> list[GridRow]:
    """Every learner x every module, ordered by learner name then module order."""
    course = catalog.course
    lesson_ids = [lesson.id for lesson in course.lessons]
    with store.session() as session:
        learners = session.execute(
            select(Learner.id, Learner.display_name, Learner.credential, Learner.organisation)
            .where(Learner.role == "learner")
            .order_by(func.lower(Learner.display_name), Learner.id)
        ).all()
        reading = {
            (row.learner_id, row.module_id): row
            for row in session.execute(
                select(
                    LessonProgress.learner_id,
                    LessonProgress.module_id,
                    func.count(LessonProgress.completed_at).label("read"),
                    func.max(LessonProgress.completed_at).label("last_read"),
                    func.sum(LessonProgress.active_seconds).label("seconds"),
                )
                .where(
                    LessonProgress.course_id == course.id, LessonProgress.lesson_id.in_(lesson_ids)
                )
                .group_by(LessonProgress.learner_id, LessonProgress.module_id)
            )
        }
        quizzes = {
            (row.learner_id, row.quiz_id): row
            for row in session.execute(
                select(
                    QuizAttempt.learner_id,
                    QuizAttempt.quiz_id,
                    func.count().label("attempts"),
                    func.max(QuizAttempt.percent).label("best"),
                    func.min(case((QuizAttempt.passed.is_(True), QuizAttempt.submitted_at))).label(
                        "passed_at"
                    ),
                    func.sum(QuizAttempt.active_seconds).label("seconds"),
                )
                .where(QuizAttempt.course_id == course.id)
                .group_by(QuizAttempt.learner_id, QuizAttempt.quiz_id)
            )
        }
    rows = []
    for learner in learners:
        for number, module in enumerate(course.modules, 1):
            read = reading.get((learner.id, module.id))
            quiz = quizzes.get((learner.id, module.quiz)) if module.quiz else None
            spec = catalog.quizzes.get(module.quiz) if module.quiz else None
            allowed = spec.spec.attempts_allowed if spec else None
            rows.append(_row(learner, number, module, read, quiz, allowed))
    return rows


def _row(learner, number, module, read, quiz, allowed) -> GridRow:  # type: ignore[no-untyped-def]
    lessons_read = read.read if read else 0
    total = len(module.lessons)
    quiz_passed = module.quiz is None or (quiz is not None and quiz.passed_at is not None)
    complete = module.available and lessons_read >= total and quiz_passed
    started = read is not None or quiz is not None
    dates = [d for d in (read.last_read if read else None, quiz.passed_at if quiz else None) if d]
    if (quiz is not None and quiz.passed_at is not None) or complete:
        success = "passed"
    elif quiz is not None and allowed is not None and quiz.attempts >= allowed:
        success = "failed"
    else:
        success = "unknown"
    seconds = (read.seconds or 0 if read else 0) + (quiz.seconds or 0 if quiz else 0)
    return GridRow(
        learner_id=learner.id,
        learner=learner.display_name,
        credential=learner.credential,
        organisation=learner.organisation,
        module_number=number,
        module_id=module.id,
        module=module.title,
        completion="completed" if complete else ("incomplete" if started else "not_attempted"),
        success=success,
        best_percent=quiz.best if quiz else None,
        completed_on=_date(max(dates)) if complete and dates else "",
        active_minutes=int(seconds) // 60,
        lessons_read=lessons_read,
        lessons_total=total,
    )


def _date(value: datetime | str) -> str:
    return value.date().isoformat() if isinstance(value, datetime) else str(value)[:10]


def grid_as_csv(rows: list[GridRow]) -> str:
    buffer = io.StringIO()
    fields = list(GridRow.__dataclass_fields__)
    writer = csv.DictWriter(buffer, fieldnames=fields, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        data = asdict(row)
        data["best_percent"] = "" if row.best_percent is None else f"{row.best_percent:g}"
        writer.writerow(data)
    return buffer.getvalue()


def grid_as_json(rows: list[GridRow]) -> str:
    return json.dumps([asdict(row) for row in rows], indent=2) + "\n"
