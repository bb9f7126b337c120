"""Progress bundles: how supervisors collect progress from machines that are never online.

A bundle is one JSON file (gzip-compressed when its name ends in .gz) holding every
progress row an installation made, signed with the organisation key (see org_key).
Import checks everything before touching the database, then merges by uuid in one
transaction, so importing a bundle twice, or two overlapping bundles, changes nothing
the second time, and a refused bundle changes nothing at all.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cache
from operator import attrgetter
from pathlib import Path
from typing import Any

from sqlalchemy import bindparam, inspect, select
from sqlalchemy.orm import Session

from trainer.services import output_files, practice
from trainer.services.bundle_file import UnreadableBundle, load_bundle_json
from trainer.services.catalog import Catalog
from trainer.services.errors import ServiceError
from trainer.services.org_key import OrgKey, require_key, sign, signature_matches
from trainer.store.db import Store
from trainer.store.models import (
    Base,
    CaseChoice,
    Certificate,
    Evaluation,
    Learner,
    LessonProgress,
    PracticeDeletion,
    PracticeEntry,
    QuizAttempt,
    Response,
    ReviewLog,
)

FORMAT = "pain-oud-trainer-progress"
VERSION = 5  # 2: practice entry deletions travel too; 3: answers say when they were checked;
# 4: booster reviews travel too; 5: client case choices travel too
# parents before children, so rows can be inserted in this order
MODELS: dict[str, type[Base]] = {
    "learner": Learner,
    "lesson_progress": LessonProgress,
    "quiz_attempt": QuizAttempt,
    "response": Response,
    "certificate": Certificate,
    "evaluation": Evaluation,
    "practice_entry": PracticeEntry,
    "practice_deletion": PracticeDeletion,
    "review_log": ReviewLog,
    "case_choice": CaseChoice,
}
TABLE_LABELS = {
    "learner": "profiles",
    "lesson_progress": "lesson progress",
    "quiz_attempt": "quiz attempts",
    "response": "answers",
    "certificate": "certificates",
    "evaluation": "evaluations",
    "practice_entry": "practice entries",
    "practice_deletion": "practice entry deletions",
    "review_log": "booster reviews",
    "case_choice": "client case choices",
}
NEVER_EXPORTED = {"learner": {"password_hash"}}
# the ids of the practice items whose entries the bundle carries with their contents;
# a bundle without it (made before items had a `share` setting) carries none
SHARED_PRACTICE = "shared_practice"
CHUNK = 500


class BundleError(ServiceError):
    """A bundle was refused; nothing was changed."""


@dataclass(frozen=True)
class TableCount:
    added: int = 0
    updated: int = 0
    deleted: int = 0


@dataclass(frozen=True)
class ExportSummary:
    """What a bundle written by export_progress holds."""

    path: Path
    rows: dict[str, int]
    learners: tuple[str, ...]


@dataclass(frozen=True)
class ImportSummary:
    """What importing one bundle changed; `counts` has every table, in MODELS order."""

    path: Path
    organisation: str
    installation_id: str
    created_at: str
    course: dict[str, str]
    counts: dict[str, TableCount] = field(default_factory=dict)
    learners_added: tuple[str, ...] = ()

    @property
    def changed(self) -> bool:
        return any(c.added or c.updated or c.deleted for c in self.counts.values())

    def lines(self) -> list[str]:
        """The summary as a user reads it: where the bundle came from, then what changed."""
        course = self.course
        head = (
            f"{self.path.name}: from installation {self.installation_id[:8]}, exported"
            f" {self.created_at[:16].replace('T', ' ')} UTC, course {course.get('id')}"
            f" {course.get('version')}"
        )
        if not self.changed:
            return [head, "  nothing new: everything in it was already here"]
        lines = [head]
        for table, count in self.counts.items():
            changes = [
                f"{number} {what}"
                for number, what in (
                    (count.added, "added"), (count.updated, "updated"), (count.deleted, "deleted")
                )
                if number
            ]  # fmt: skip
            if changes and table != "practice_deletion":  # shown as practice entries deleted
                lines.append(f"  {TABLE_LABELS[table]}: {', '.join(changes)}")
        if self.learners_added:
            lines.append(f"  new profiles: {', '.join(self.learners_added)}")
        return lines


# ---------------------------------------------------------------- export


def export_progress(
    store: Store,
    catalog: Catalog,
    path: Path,
    learner_id: str | None = None,
    *,
    force: bool = False,
) -> ExportSummary:
    """Write every row this installation made (or one learner's) to a signed bundle at `path`,
    readable by its owner only; an existing file is replaced only when `force`, the
    database and a key file never (`output_files`)."""
    key = require_key(store)
    output_files.check_target(path, force=force)
    bundle = build_bundle(store, catalog, key, learner_id)
    text = json.dumps(bundle, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    data = text.encode("utf-8")
    if path.name.endswith(".gz"):
        data = gzip.compress(data, mtime=0)
    output_files.write_file(path, data, force=force)
    rows = bundle["rows"]
    names = tuple(sorted((row["display_name"] for row in rows["learner"]), key=str.lower))
    return ExportSummary(path, {table: len(rows[table]) for table in MODELS}, names)


def build_bundle(
    store: Store, catalog: Catalog, key: OrgKey, learner_id: str | None = None
) -> dict[str, Any]:
    """The signed bundle as a dict: the rows made here, and the rows they refer to.

    A practice entry carries what was written only for an item with `share: answers`;
    any other entry goes as a record without contents, so the supervisor sees that the
    item was done and when, never what was written."""
    course = catalog.course
    shared = practice.shared_item_ids(catalog)
    with store.session() as session:
        rows = _collect(session, store.installation_id, learner_id)
        json_rows = {table: [_to_json(table, row) for row in rows[table]] for table in MODELS}
        json_rows["practice_entry"] = without_private_answers(json_rows["practice_entry"], shared)
        payload: dict[str, Any] = {
            "format": FORMAT,
            "version": VERSION,
            "organisation": key.organisation,
            "key_id": key.key_id,
            "installation_id": store.installation_id,
            "created_at": datetime.now(UTC).isoformat(),
            "course": {"id": course.id, "version": course.version, "hash": course.hash},
            SHARED_PRACTICE: sorted(shared),
            "rows": json_rows,
        }
    return {**payload, "signature": sign(key, payload)}


def without_private_answers(
    entries: list[dict[str, Any]], shared: Iterable[str]
) -> list[dict[str, Any]]:
    """Practice entry rows with the contents of every item not in `shared` left out."""
    shared = frozenset(shared)
    return [row if row["item_id"] in shared else {**row, "entry": {}} for row in entries]


def _collect(
    session: Session, installation_id: str, learner_id: str | None
) -> dict[str, list[Any]]:
    def made_here(model: Any) -> list[Any]:
        query = select(model).where(model.installation_id == installation_id)
        if learner_id is not None and model is Learner:
            query = query.where(Learner.id == learner_id)
        elif learner_id is not None and model is Response:
            mine = select(QuizAttempt.id).where(QuizAttempt.learner_id == learner_id)
            query = query.where(Response.attempt_id.in_(mine))
        elif learner_id is not None:
            query = query.where(model.learner_id == learner_id)
        return list(session.scalars(query))

    rows = {table: made_here(model) for table, model in MODELS.items()}
    # rows made here may belong to an attempt or profile made elsewhere: carry those too
    have = {row.id for row in rows["quiz_attempt"]}
    wanted = {row.attempt_id for row in rows["response"]} - have
    rows["quiz_attempt"] += fetch_in_chunks(session, QuizAttempt, QuizAttempt.id, wanted)
    have = {row.id for row in rows["learner"]}
    wanted = {
        row.learner_id
        for t in MODELS
        if t != "learner"
        for row in rows[t]
        if hasattr(row, "learner_id")
    } - have
    rows["learner"] += fetch_in_chunks(session, Learner, Learner.id, wanted)
    mappers = {t: inspect(m) for t, m in MODELS.items()}
    primary = {t: m.get_property_by_column(m.primary_key[0]).key for t, m in mappers.items()}
    return {t: sorted(found, key=attrgetter(primary[t])) for t, found in rows.items()}


def _to_json(table: str, row: Any) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name, _column in columns_of(table):
        value = getattr(row, name)
        out[name] = value.astimezone(UTC).isoformat() if isinstance(value, datetime) else value
    return out


@cache
def columns_of(table: str) -> tuple[tuple[str, Any], ...]:
    """(name, column) of every column a bundle carries for `table`."""
    return tuple(
        (attribute.key, attribute.columns[0])
        for attribute in inspect(MODELS[table]).column_attrs
        if attribute.key not in NEVER_EXPORTED.get(table, set())
    )


def fetch_in_chunks(session: Session, model: Any, column: Any, values: Iterable[Any]) -> list[Any]:
    """The rows of `model` whose `column` is one of `values`, asked for 500 at a time."""
    values = list(values)
    statement = _rows_where_in(model, column.key)
    found: list[Any] = []
    for start in range(0, len(values), CHUNK):
        found += session.scalars(statement, {"values": values[start : start + CHUNK]})
    return found


@cache
def _rows_where_in(model: Any, column_key: str) -> Any:
    """One statement per (table, column), built once: an import asks thousands of times."""
    column = getattr(model, column_key)
    return select(model).where(column.in_(bindparam("values", expanding=True)))


# ---------------------------------------------------------------- reading and checking


def read_bundle(path: Path, key: OrgKey) -> dict[str, Any]:
    """The bundle at `path`, checked: format, version, organisation, signature and rows."""
    name = path.name
    damaged = f"{name}: the file is incomplete or damaged: export it again and copy it whole"
    try:
        bundle = load_bundle_json(path, FORMAT.encode(), damaged)
    except UnreadableBundle as error:
        raise BundleError(str(error)) from None
    if not isinstance(bundle, dict) or bundle.get("format") != FORMAT:
        raise BundleError(
            f"{name} is not a progress bundle: choose a file made by Export progress"
            " or `trainer export-progress`"
        )
    version = bundle.get("version")
    if not isinstance(version, int) or version < 1:
        raise BundleError(damaged)
    if version > VERSION:
        raise BundleError(
            f"{name} was made by a newer version of the app (bundle version {version}):"
            " install the newer version here to import it"
        )
    _check_key(name, bundle, key)
    signature = bundle.pop("signature", None)
    if not signature_matches(key, bundle, signature):
        raise BundleError(
            f"{name} was changed after it was exported (its signature does not match):"
            " nothing was imported; ask for a fresh export"
        )
    _upgrade_rows(bundle, version)
    _check_shape(bundle, damaged)
    return bundle


def _upgrade_rows(bundle: dict[str, Any], version: int) -> None:
    """Give the rows of an older bundle what this version's rows have (checked after)."""
    rows = bundle.get("rows")
    if not isinstance(rows, dict):
        return
    if version == 1:
        rows.setdefault("practice_deletion", [])  # version 1 had no deletions
    if version <= 2 and isinstance(rows.get("response"), list):
        for row in rows["response"]:  # no answer was checked on request before version 3
            if isinstance(row, dict):
                row.setdefault("checked_at", None)
    if version <= 3:
        rows.setdefault("review_log", [])  # no booster reviews before version 4
    if version <= 4:
        rows.setdefault("case_choice", [])  # no client cases before version 5


def _check_key(name: str, bundle: dict[str, Any], key: OrgKey) -> None:
    organisation, key_id = bundle.get("organisation"), bundle.get("key_id")
    if organisation != key.organisation:
        raise BundleError(
            f"{name} belongs to another organisation ({organisation}); this installation"
            f" imports bundles of {key.organisation} only"
        )
    if key_id != key.key_id:
        raise BundleError(
            f"{name} was signed with another key of {organisation} (key {key_id}; this"
            f" installation has key {key.key_id}): install the key the counselor's machine uses"
        )


def _check_shape(bundle: dict[str, Any], damaged: str) -> None:
    rows = bundle.get("rows")
    good = (
        isinstance(bundle.get("installation_id"), str)
        and isinstance(bundle.get("created_at"), str)
        and isinstance(bundle.get("course"), dict)
        and isinstance(rows, dict)
        and set(rows) == set(MODELS)
    )
    if not good or not isinstance(rows, dict):
        raise BundleError(damaged)
    for table in MODELS:
        expected = {name for name, _ in columns_of(table)}
        if not isinstance(rows[table], list) or any(
            not isinstance(row, dict) or set(row) != expected for row in rows[table]
        ):
            raise BundleError(f"{damaged} (its {TABLE_LABELS[table]} do not match this app)")


# ---------------------------------------------------------------- import
