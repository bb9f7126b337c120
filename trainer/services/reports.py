"""The completion grid: one row per learner and module, built with a few grouped queries."""

from __future__ import annotations

import csv
import io
import json
from typing import NamedTuple

from sqlalchemy import String, case, cast, func, select

from trainer.services.catalog import Catalog
from trainer.store.db import Store
from trainer.store.models import Learner, LessonProgress, QuizAttempt


class GridRow(NamedTuple):
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
    """Every learner x every module, ordered by learner name then module order.

    Three grouped queries on one connection, then plain tuples: 10,000 learners x 7
    modules must fill the supervisor's table within half a second.
    """
    course = catalog.course
    lesson_ids = [lesson.id for lesson in course.lessons]
    with store.engine.connect() as connection:
        learners = connection.execute(
            select(Learner.id, Learner.display_name, Learner.credential, Learner.organisation)
            .where(Learner.role == "learner")
            .order_by(func.lower(Learner.display_name), Learner.id)
        ).all()
        reading = {
            (learner_id, module_id): (read, _day(last_read), seconds or 0)
            for learner_id, module_id, read, last_read, seconds in connection.execute(
                select(
                    LessonProgress.learner_id,
                    LessonProgress.module_id,
                    func.count(LessonProgress.completed_at),
                    cast(func.max(LessonProgress.completed_at), String),
                    func.sum(LessonProgress.active_seconds),
                )
                .where(
                    LessonProgress.course_id == course.id, LessonProgress.lesson_id.in_(lesson_ids)
                )
                .group_by(LessonProgress.learner_id, LessonProgress.module_id)
            )
        }
        quizzes = {
            (learner_id, quiz_id): (attempts, best, _day(passed_at), seconds or 0)
            for learner_id, quiz_id, attempts, best, passed_at, seconds in connection.execute(
                select(
                    QuizAttempt.learner_id,
                    QuizAttempt.quiz_id,
                    func.count(),
                    func.max(QuizAttempt.percent),
                    cast(
                        func.min(case((QuizAttempt.passed.is_(True), QuizAttempt.submitted_at))),
                        String,
                    ),
                    func.sum(QuizAttempt.active_seconds),
                )
                .where(QuizAttempt.course_id == course.id)
                .group_by(QuizAttempt.learner_id, QuizAttempt.quiz_id)
            )
        }
    modules = [
        (
            number,
            module.id,
            module.title,
            module.quiz,
            module.available,
            len(module.lessons),
            catalog.quizzes[module.quiz].spec.attempts_allowed
            if module.quiz in catalog.quizzes
            else None,
        )
        for number, module in enumerate(course.modules, 1)
    ]
    make = tuple.__new__  # a GridRow without NamedTuple's Python-level __new__: 70,000 of them
    no_reading, no_quiz = (0, "", 0), (0, None, "", 0)
    rows = []
    append = rows.append
    for learner_id, name, credential, organisation in learners:
        for number, module_id, title, quiz_id, available, total, allowed in modules:
            read = reading.get((learner_id, module_id))
            quiz = quizzes.get((learner_id, quiz_id)) if quiz_id else None
            lessons_read, last_read, seconds = read or no_reading
            attempts, best, passed_on, quiz_seconds = quiz or no_quiz
            complete = available and lessons_read >= total and (quiz_id is None or passed_on != "")
            if complete or passed_on:
                success = "passed"
            elif allowed is not None and attempts >= allowed:
                success = "failed"
            else:
                success = "unknown"
            append(make(GridRow, (
                learner_id, name, credential, organisation, number, module_id, title,
                "completed" if complete else ("incomplete" if read or quiz else "not_attempted"),
                success, best, max(last_read, passed_on) if complete else "",
                (seconds + quiz_seconds) // 60, lessons_read, total,
            )))  # fmt: skip
    return rows


def _day(timestamp: str | None) -> str:
    """The date part of a timestamp the database returned as text (UTC)."""
    return timestamp[:10] if timestamp else ""


def grid_as_csv(rows: list[GridRow]) -> str:
    buffer = io.StringIO()
    fields = list(GridRow._fields)
    writer = csv.DictWriter(buffer, fieldnames=fields, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        data = row._asdict()
        data["best_percent"] = "" if row.best_percent is None else f"{row.best_percent:g}"
        writer.writerow(data)
    return buffer.getvalue()


def grid_as_json(rows: list[GridRow]) -> str:
    return json.dumps([row._asdict() for row in rows], indent=2) + "\n"
