"""Practice items of a lesson: worksheet entries, reflection answers, relaxation sessions.

The widgets save on every pause in typing, so `save_entry` is one short transaction.
Values are checked against the item's declared fields and stored in a normal form
(numbers as numbers, dates as YYYY-MM-DD, times as HH:MM); an empty value clears a field.
Reflections and single-form worksheets have one entry per learner; a worksheet with
`repeat: true` has one entry per row; each finished relaxation session is its own entry.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from typing import Any

import markdown
from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup
from sqlalchemy import select
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from trainer.content.formats import (
    PracticeItem,
    ReflectionPractice,
    RelaxationPractice,
    WorksheetField,
    WorksheetPractice,
)
from trainer.content.render import sanitise
from trainer.services.catalog import Catalog
from trainer.services.errors import ServiceError
from trainer.store.db import Store, describe_database_error
from trainer.store.errors import StoreError
from trainer.store.models import PracticeDeletion, PracticeEntry, utc_now

MAX_TEXT_LENGTH = 20_000
MAX_SESSION_SECONDS = 24 * 3600


@dataclass(frozen=True)
class PracticeEntryInfo:
    """One saved entry: worksheet values by field id, reflection answers by prompt number
    ("1", "2", …), or a relaxation session record."""

    id: str
    item_id: str
    values: dict[str, Any]
    created_at: datetime
    updated_at: datetime


@dataclass(frozen=True)
class RelaxationSession:
    """One finished relaxation session, for the practice log."""

    entry_id: str
    started_at: datetime
    seconds: int
    completed: bool
    note: str


def shares_answers(item: PracticeItem) -> bool:
    """True when the supervisor receives what the learner writes (`share: answers`);
    otherwise only that the item was done: how many entries, and when."""
    return item.share == "answers"


def shared_item_ids(catalog: Catalog) -> frozenset[str]:
    """The ids of the course's practice items whose entries travel to the supervisor."""
    return frozenset(
        item.id for lesson in catalog.course.lessons for item in lesson.practice
        if shares_answers(item)
    )  # fmt: skip


def find_item(catalog: Catalog, lesson_id: str, item_id: str) -> PracticeItem:
    """The practice item `item_id` of a lesson; ServiceError when there is none."""
    lesson = catalog.require_lesson(lesson_id)
    for item in lesson.practice:
        if item.id == item_id:
            return item
    raise ServiceError(f"the lesson `{lesson_id}` has no practice item `{item_id}`")


def list_entries(
    store: Store, catalog: Catalog, learner_id: str, lesson_id: str, item_id: str
) -> list[PracticeEntryInfo]:
    """The learner's entries of one item, oldest first."""
    find_item(catalog, lesson_id, item_id)
    with _session(store) as session:
        return [_info(row) for row in _rows(session, catalog, learner_id, lesson_id, item_id)]


def save_entry(
    store: Store,
    catalog: Catalog,
    learner_id: str,
    lesson_id: str,
    item_id: str,
    values: Mapping[str, Any],
    entry_id: str | None = None,
) -> str:
    """Check `values` and merge them into an entry; returns the entry's id.

    Without `entry_id`, a reflection or single-form worksheet updates its one entry
    (made on first save) and a repeating worksheet gets a new entry.
    """
    item = find_item(catalog, lesson_id, item_id)
    if isinstance(item, RelaxationPractice):
        raise ServiceError("relaxation sessions are saved with record_relaxation_session")
    clean = _checked_values(item, values)
    with _session(store) as session:
        row = _entry_to_update(session, catalog, learner_id, lesson_id, item, entry_id)
        if row is None:
            row = _new_row(store, catalog, learner_id, lesson_id, item_id, {})
            session.add(row)
        merged = {**row.entry, **clean}
        row.entry = {key: value for key, value in merged.items() if value is not None}
        row.updated_at = utc_now()
        session.flush()
        return row.id


def delete_entry(store: Store, learner_id: str, entry_id: str) -> None:
    """Delete one of the learner's entries; deleting one that is gone already is fine.

    The deletion is recorded, so the next progress bundle removes the entry from the
    supervisor's machine too.
    """
    with _session(store) as session:
        row = session.get(PracticeEntry, entry_id)
        if row is not None and row.learner_id == learner_id:
            session.delete(row)
            if session.get(PracticeDeletion, entry_id) is None:
                session.add(
                    PracticeDeletion(
                        id=entry_id, installation_id=store.installation_id, learner_id=learner_id
                    )
                )


def record_relaxation_session(
    store: Store,
    catalog: Catalog,
    learner_id: str,
    lesson_id: str,
    item_id: str,
    *,
    started_at: datetime,
    seconds: int,
    completed: bool,
    note: str = "",
) -> str:
    """Log one finished relaxation session; returns the entry's id."""
    item = find_item(catalog, lesson_id, item_id)
    if not isinstance(item, RelaxationPractice):
        raise ServiceError(f"“{item.title}” is not a relaxation practice")
    if started_at.tzinfo is None:
        raise ServiceError("the session's start time needs a time zone")
    if isinstance(seconds, bool) or not isinstance(seconds, int):
        raise ServiceError("the session's length needs a whole number of seconds")
    if not 0 <= seconds <= MAX_SESSION_SECONDS:
        raise ServiceError("a session lasts between 0 seconds and one day")
    entry = {
        "started_at": started_at.astimezone(UTC).isoformat(),
        "seconds": seconds,
        "completed": bool(completed),
        "note": _checked_text("Note", note),
    }
    with _session(store) as session:
        row = _new_row(store, catalog, learner_id, lesson_id, item_id, entry)
        session.add(row)
        session.flush()
        return row.id


def relaxation_sessions(
    store: Store, catalog: Catalog, learner_id: str, lesson_id: str, item_id: str
) -> list[RelaxationSession]:
    """The learner's finished sessions of a relaxation item, newest first."""
    sessions = [
        RelaxationSession(
            entry.id,
            datetime.fromisoformat(entry.values["started_at"]),
            int(entry.values.get("seconds", 0)),
            bool(entry.values.get("completed", False)),
            str(entry.values.get("note", "")),
        )
        for entry in list_entries(store, catalog, learner_id, lesson_id, item_id)
        if "started_at" in entry.values
    ]
    return sorted(sessions, key=lambda s: s.started_at, reverse=True)


def instructions_html(item: PracticeItem) -> str:
    """The item's Markdown instructions as sanitised HTML ("" when there are none)."""
    if not item.instructions.strip():
        return ""
    return sanitise(markdown.markdown(item.instructions))


def display_value(field: WorksheetField, value: Any) -> str:
    """A stored value as a person reads it: "7 / 10" for a scale, "15" for 15.0."""
    if value is None or value == "":
        return ""
    if field.kind == "scale":
        return f"{value} / {field.max}"
    if field.kind == "number":
        return f"{value:g}"
    return str(value)


def entry_text(item: PracticeItem, values: Mapping[str, Any]) -> str:
    """One entry in words, a line per answered prompt or filled field, for the supervisor's
    record of an item that shares its answers."""
    if isinstance(item, RelaxationPractice):
        minutes = int(values.get("seconds", 0)) // 60
        done = "finished" if values.get("completed") else "stopped early"
        note = str(values.get("note", "")).strip()
        return f"{minutes} min, {done}" + (f": {note}" if note else "")
    if isinstance(item, ReflectionPractice):
        pairs = [(prompt, values.get(str(n))) for n, prompt in enumerate(item.prompts, start=1)]
    else:
        pairs = [(field.label, display_value(field, values.get(field.id))) for field in item.fields]
    return "\n".join(f"{label}: {value}" for label, value in pairs if value not in (None, ""))


def worksheet_html(
    catalog: Catalog,
    item: WorksheetPractice,
    entries: list[PracticeEntryInfo],
    *,
    learner_name: str,
    on: date,
) -> str:
    """The worksheet and its entries as an HTML page, for PDF export."""
    rows = [
        [
            (field.label, display_value(field, entry.values.get(field.id)).splitlines())
            for field in item.fields
        ]
        for entry in entries
    ]
    return _templates.get_template("worksheet.html.j2").render(
        course_title=catalog.course.title,
        item=item,
        instructions=Markup(instructions_html(item)),
        learner_name=learner_name,
        on=on.isoformat(),
        entries=rows,
    )


_templates = Environment(
    loader=PackageLoader("trainer", "templates"), autoescape=select_autoescape(["j2"])
)


@contextmanager
def _session(store: Store) -> Iterator[Session]:
    """A unit of work whose database failures become a StoreError a person can read."""
    try:
        with store.session() as session:
            yield session
    except DBAPIError as error:
        raise StoreError(describe_database_error(error, store.url)) from None


def _rows(
    session: Session, catalog: Catalog, learner_id: str, lesson_id: str, item_id: str
) -> list[PracticeEntry]:
    return list(
        session.scalars(
            select(PracticeEntry)
            .where(
                PracticeEntry.learner_id == learner_id,
                PracticeEntry.course_id == catalog.course.id,
                PracticeEntry.lesson_id == lesson_id,
                PracticeEntry.item_id == item_id,
            )
            .order_by(PracticeEntry.created_at, PracticeEntry.id)
        )
    )


def _entry_to_update(
    session: Session,
    catalog: Catalog,
    learner_id: str,
    lesson_id: str,
    item: PracticeItem,
    entry_id: str | None,
) -> PracticeEntry | None:
    if entry_id is not None:
        row = session.get(PracticeEntry, entry_id)
        if (
            row is None
            or row.learner_id != learner_id
            or row.course_id != catalog.course.id
            or (row.lesson_id, row.item_id) != (lesson_id, item.id)
        ):
            raise ServiceError(f"this entry of “{item.title}” was deleted: add a new one")
        return row
    if isinstance(item, WorksheetPractice) and item.repeat:
        return None
    rows = _rows(session, catalog, learner_id, lesson_id, item.id)
    return rows[0] if rows else None


def _new_row(
    store: Store,
    catalog: Catalog,
    learner_id: str,
    lesson_id: str,
    item_id: str,
    entry: dict[str, Any],
) -> PracticeEntry:
    now = utc_now()
    return PracticeEntry(
        installation_id=store.installation_id,
        learner_id=learner_id,
        course_id=catalog.course.id,
        lesson_id=lesson_id,
        item_id=item_id,
        entry=entry,
        created_at=now,
        updated_at=now,
    )


def _info(row: PracticeEntry) -> PracticeEntryInfo:
    return PracticeEntryInfo(row.id, row.item_id, dict(row.entry), row.created_at, row.updated_at)


def _checked_values(
    item: ReflectionPractice | WorksheetPractice, values: Mapping[str, Any]
) -> dict[str, Any]:
    """Values in their stored form; None for a value to clear."""
    if isinstance(item, ReflectionPractice):
        labels = {str(n): prompt for n, prompt in enumerate(item.prompts, start=1)}
        unknown = sorted(set(values) - set(labels))
        if unknown:
            raise ServiceError(f"“{item.title}” has no prompt {', '.join(unknown)}")
        return {
            key: None if value in (None, "") else _checked_text(labels[key], value)
            for key, value in values.items()
        }
    fields = {field.id: field for field in item.fields}
    unknown = sorted(set(values) - set(fields))
    if unknown:
        raise ServiceError(f"“{item.title}” has no field {', '.join(unknown)}")
    return {key: _checked_field(fields[key], value) for key, value in values.items()}


def _checked_field(field: WorksheetField, value: Any) -> Any:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    match field.kind:
        case "number":
            return _number(field, value)
        case "scale":
            return _scale(field, value)
        case "date":
            return _date(field, value)
        case "time":
            return _time(field, value)
    return _checked_text(field.label, value)


def _checked_text(label: str, value: Any) -> str:
    if not isinstance(value, str):
        raise ServiceError(f"“{label}” needs text")
    if len(value) > MAX_TEXT_LENGTH:
        raise ServiceError(f"“{label}” is too long: keep it under {MAX_TEXT_LENGTH:,} characters")
    return value


def _as_float(value: Any, problem: ServiceError) -> float:
    """`value` (a number, or text such as " 2.5") as a float; `problem` if it is not one."""
    if isinstance(value, bool):
        raise problem
    try:
        return float(value.strip()) if isinstance(value, str) else float(value)
    except (TypeError, ValueError):
        raise problem from None


def _number(field: WorksheetField, value: Any) -> int | float:
    problem = ServiceError(f"“{field.label}” needs a number, such as 15 or 2.5")
    number = _as_float(value, problem)
    if not math.isfinite(number):
        raise problem
    return int(number) if number.is_integer() else number


def _scale(field: WorksheetField, value: Any) -> int:
    low, high = field.min, field.max
    problem = ServiceError(f"“{field.label}” needs a whole number from {low} to {high}")
    number = _as_float(value, problem)
    if not number.is_integer() or low is None or high is None or not low <= number <= high:
        raise problem
    return int(number)


def _date(field: WorksheetField, value: Any) -> str:
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return value.isoformat()
    try:
        return date.fromisoformat(str(value).strip()).isoformat()
    except ValueError:
        raise ServiceError(f"“{field.label}” needs a date such as 2025-03-14") from None


def _time(field: WorksheetField, value: Any) -> str:
    if isinstance(value, time):
        return value.strftime("%H:%M")
    try:
        return time.fromisoformat(str(value).strip()).strftime("%H:%M")
    except ValueError:
        raise ServiceError(f"“{field.label}” needs a time such as 22:30") from None
