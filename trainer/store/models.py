"""The database tables (DESIGN §3). Course text is never stored: only ids, versions, hashes.

Every row a learner's machine creates has a uuid and the id of the installation that
made it, so progress bundles from many machines merge without collisions.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


def new_uuid() -> str:
    return str(uuid.uuid4())


def utc_now() -> datetime:
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator[datetime]):
    """Stores UTC without a zone (SQLite has none) and always returns aware UTC datetimes."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to the database; use UTC-aware datetimes")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        return value.replace(tzinfo=UTC) if value is not None else None


class Base(DeclarativeBase):
    pass


class Setting(Base):
    """Key-value facts about this database, such as the installation id."""

    __tablename__ = "setting"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class Learner(Base):
    __tablename__ = "learner"
    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_uuid)
    installation_id: Mapped[str] = mapped_column(String(36))
    display_name: Mapped[str] = mapped_column(String(200))
    credential: Mapped[str] = mapped_column(String(100), default="")
    organisation: Mapped[str] = mapped_column(String(200), default="")
    role: Mapped[str] = mapped_column(String(20), default="learner")
    password_hash: Mapped[str | None] = mapped_column(String(255), nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now, onupdate=utc_now)


class LessonProgress(Base):
    __tablename__ = "lesson_progress"
    __table_args__ = (
        UniqueConstraint("learner_id", "course_id", "lesson_id"),
        # covers the completion grid's GROUP BY, so it reads the index alone
        Index(
            "ix_lesson_progress_grid",
            "course_id", "learner_id", "module_id", "lesson_id", "completed_at", "active_seconds",
        ),
    )  # fmt: skip
    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_uuid)
    installation_id: Mapped[str] = mapped_column(String(36))
    learner_id: Mapped[str] = mapped_column(ForeignKey("learner.id"), index=True)
    course_id: Mapped[str] = mapped_column(String(100))
    module_id: Mapped[str] = mapped_column(String(100))
    lesson_id: Mapped[str] = mapped_column(String(100))
    content_hash: Mapped[str] = mapped_column(String(64))
    first_opened_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)
    last_opened_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)
    completed_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    active_seconds: Mapped[int] = mapped_column(Integer, default=0)
    position: Mapped[float] = mapped_column(Float, default=0.0)


class QuizAttempt(Base):
    __tablename__ = "quiz_attempt"
    __table_args__ = (
        # covers the completion grid's GROUP BY, so it reads the index alone
        Index(
            "ix_quiz_attempt_grid",
            "course_id", "learner_id", "quiz_id", "passed", "submitted_at", "percent",
            "active_seconds", "max_score",
        ),
    )  # fmt: skip
    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_uuid)
    installation_id: Mapped[str] = mapped_column(String(36))
    learner_id: Mapped[str] = mapped_column(ForeignKey("learner.id"), index=True)
    course_id: Mapped[str] = mapped_column(String(100))
    quiz_id: Mapped[str] = mapped_column(String(100))
    content_hash: Mapped[str] = mapped_column(String(64))
    seed: Mapped[int] = mapped_column(Integer)
    question_order: Mapped[list[str]] = mapped_column(JSON)
    option_orders: Mapped[dict[str, list[str]]] = mapped_column(JSON)
    started_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)
    submitted_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    active_seconds: Mapped[int] = mapped_column(Integer, default=0)
    score: Mapped[float | None] = mapped_column(Float, nullable=True)
    max_score: Mapped[float | None] = mapped_column(Float, nullable=True)
    percent: Mapped[float | None] = mapped_column(Float, nullable=True)
    passed: Mapped[bool | None] = mapped_column(Boolean, nullable=True)


class Response(Base):
    __tablename__ = "response"
    __table_args__ = (UniqueConstraint("attempt_id", "question_id"),)
    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_uuid)
    installation_id: Mapped[str] = mapped_column(String(36))
    attempt_id: Mapped[str] = mapped_column(ForeignKey("quiz_attempt.id"), index=True)
    question_id: Mapped[str] = mapped_column(String(100))
    answer: Mapped[Any] = mapped_column(JSON)
    correct: Mapped[bool] = mapped_column(Boolean)
    score: Mapped[float] = mapped_column(Float)
    tries: Mapped[int] = mapped_column(Integer, default=1)
    answered_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)
    # set by Check answer: the answer is graded and can no longer change in this attempt
    checked_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)


class Certificate(Base):
    __tablename__ = "certificate"
    code: Mapped[str] = mapped_column(String(32), primary_key=True)
    id: Mapped[str] = mapped_column(String(36), unique=True, default=new_uuid)
    installation_id: Mapped[str] = mapped_column(String(36))
    learner_id: Mapped[str] = mapped_column(ForeignKey("learner.id"), index=True)
    course_id: Mapped[str] = mapped_column(String(100))
    course_version: Mapped[str] = mapped_column(String(50))
    content_hash: Mapped[str] = mapped_column(String(64))
    ce_hours: Mapped[float] = mapped_column(Float)
    posttest_percent: Mapped[float | None] = mapped_column(Float)  # None: no post-test
    completed_at: Mapped[datetime] = mapped_column(UTCDateTime)
    issued_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)
    retain_until: Mapped[datetime] = mapped_column(UTCDateTime)


class Evaluation(Base):
    __tablename__ = "evaluation"
    __table_args__ = (UniqueConstraint("learner_id", "course_id"),)
    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_uuid)
    installation_id: Mapped[str] = mapped_column(String(36))
    learner_id: Mapped[str] = mapped_column(ForeignKey("learner.id"), index=True)
    course_id: Mapped[str] = mapped_column(String(100))
    answers: Mapped[dict[str, Any]] = mapped_column(JSON)
    submitted_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)


class PracticeEntry(Base):
    """One entry of a lesson's practice item: a worksheet row or form, the answers to a
    reflection, or one relaxation session. The course text stays in the course files."""

    __tablename__ = "practice_entry"
    __table_args__ = (
        Index("ix_practice_entry_item", "learner_id", "course_id", "lesson_id", "item_id"),
    )
    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_uuid)
    installation_id: Mapped[str] = mapped_column(String(36))
    learner_id: Mapped[str] = mapped_column(ForeignKey("learner.id"))
    course_id: Mapped[str] = mapped_column(String(100))
    lesson_id: Mapped[str] = mapped_column(String(100))
    item_id: Mapped[str] = mapped_column(String(100))
    entry: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now, onupdate=utc_now)


class PracticeDeletion(Base):
    """A practice entry the learner deleted. Kept so that progress bundles carry the
    deletion to the supervisor's machine, and an older bundle cannot bring it back."""

    __tablename__ = "practice_deletion"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)  # the deleted entry's id
    installation_id: Mapped[str] = mapped_column(String(36))
    learner_id: Mapped[str] = mapped_column(ForeignKey("learner.id"), index=True)
    deleted_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)


class ReviewLog(Base):
    """One answer to a booster item after the course. A learner's review schedule is
    rebuilt from these rows alone, so merged bundles give every machine the same one."""

    __tablename__ = "review_log"
    __table_args__ = (Index("ix_review_log_learner", "learner_id", "reviewed_at"),)
    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_uuid)
    installation_id: Mapped[str] = mapped_column(String(36))
    learner_id: Mapped[str] = mapped_column(ForeignKey("learner.id"))
    course_id: Mapped[str] = mapped_column(String(100))
    question_id: Mapped[str] = mapped_column(String(100))
    objective_id: Mapped[str] = mapped_column(String(100))
    quiz_id: Mapped[str] = mapped_column(String(100))
    answer: Mapped[Any] = mapped_column(JSON)
    correct: Mapped[bool] = mapped_column(Boolean)
    score: Mapped[float] = mapped_column(Float)
    confidence: Mapped[str] = mapped_column(String(20))  # not_sure, fairly_sure or sure
    rating: Mapped[int] = mapped_column(Integer)  # the scheduling rating given, 1 to 4
    safety: Mapped[bool] = mapped_column(Boolean)  # the item was marked `safety: true`
    reviewed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)
    duration_seconds: Mapped[int] = mapped_column(Integer, default=0)


class CaseChoice(Base):
    """One choice made in a client case. A play-through (`run_id`) is the series of its
    rows; each is committed the moment the choice is made, so a crash loses none."""

    __tablename__ = "case_choice"
    __table_args__ = (Index("ix_case_choice_learner", "learner_id", "case_id", "made_at"),)
    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_uuid)
    installation_id: Mapped[str] = mapped_column(String(36))
    learner_id: Mapped[str] = mapped_column(ForeignKey("learner.id"))
    course_id: Mapped[str] = mapped_column(String(100))
    case_id: Mapped[str] = mapped_column(String(100))
    run_id: Mapped[str] = mapped_column(String(36))
    node_id: Mapped[str] = mapped_column(String(100))
    choice_id: Mapped[str] = mapped_column(String(100))
    rating: Mapped[str] = mapped_column(String(20))  # helpful, partly or harmful
    made_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)
