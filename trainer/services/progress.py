"""Reading progress: lessons opened and completed, reading position and active time.

The app reports active time in short steps while the learner is actually reading
(it stops counting after a few idle minutes). A step is capped, so a machine left
open overnight never earns credit: credit follows time spent, never the clock.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from trainer.services.catalog import Catalog
from trainer.store.db import Store
from trainer.store.models import LessonProgress, utc_now

MAX_ACTIVE_STEP_SECONDS = 300


@dataclass(frozen=True)
class LessonState:
    lesson_id: str
    position: float
    active_seconds: int
    completed_at: datetime | None
    last_opened_at: datetime

    @property
    def completed(self) -> bool:
        return self.completed_at is not None


@dataclass(frozen=True)
class ContinuePoint:
    """Where "Continue" takes the learner: the lesson last read and the place in it."""

    lesson_id: str
    module_id: str
    position: float


def _state(row: LessonProgress) -> LessonState:
    return LessonState(
        row.lesson_id, row.position, row.active_seconds, row.completed_at, row.last_opened_at
    )


def _row(
    session: Session, store: Store, catalog: Catalog, learner_id: str, lesson_id: str
) -> LessonProgress:
    lesson = catalog.require_lesson(lesson_id)
    row = session.scalar(
        select(LessonProgress).where(
            LessonProgress.learner_id == learner_id,
            LessonProgress.course_id == catalog.course.id,
            LessonProgress.lesson_id == lesson_id,
        )
    )
    if row is None:
        row = LessonProgress(
            installation_id=store.installation_id,
            learner_id=learner_id,
            course_id=catalog.course.id,
            module_id=lesson.module_id,
            lesson_id=lesson_id,
            content_hash=lesson.hash,
            active_seconds=0,
            position=0.0,
        )
        session.add(row)
    return row


def open_lesson(store: Store, catalog: Catalog, learner_id: str, lesson_id: str) -> LessonState:
    """Record that the lesson was opened; returns where the learner left it."""
    with store.session() as session:
        row = _row(session, store, catalog, learner_id, lesson_id)
        row.last_opened_at = utc_now()
        session.flush()
        return _state(row)


def record_reading(
    store: Store,
    catalog: Catalog,
    learner_id: str,
    lesson_id: str,
    *,
    position: float,
    active_seconds: int = 0,
) -> LessonState:
    """Save the reading position (0 = top, 1 = end) and add a step of active time."""
    step = max(0, min(int(active_seconds), MAX_ACTIVE_STEP_SECONDS))
    with store.session() as session:
        row = _row(session, store, catalog, learner_id, lesson_id)
        row.position = max(0.0, min(1.0, float(position)))
        row.active_seconds += step
        row.last_opened_at = utc_now()
        session.flush()
        return _state(row)


def complete_lesson(store: Store, catalog: Catalog, learner_id: str, lesson_id: str) -> LessonState:
    """Mark the lesson read; the first completion time is kept."""
    with store.session() as session:
        row = _row(session, store, catalog, learner_id, lesson_id)
        if row.completed_at is None:
            row.completed_at = utc_now()
        session.flush()
        return _state(row)


def lesson_states(store: Store, catalog: Catalog, learner_id: str) -> dict[str, LessonState]:
    with store.reading() as session:
        rows = session.scalars(
            select(LessonProgress).where(
                LessonProgress.learner_id == learner_id,
                LessonProgress.course_id == catalog.course.id,
            )
        )
        return {row.lesson_id: _state(row) for row in rows}


def continue_point(store: Store, catalog: Catalog, learner_id: str) -> ContinuePoint | None:
    """The lesson opened most recently that still exists in the course, with its position."""
    states = sorted(
        lesson_states(store, catalog, learner_id).values(),
        key=lambda s: s.last_opened_at,
        reverse=True,
    )
    for state in states:
        lesson = catalog.lesson(state.lesson_id)
        if lesson is not None:
            return ContinuePoint(lesson.id, lesson.module_id, state.position)
    return None
