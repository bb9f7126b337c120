"""Merge a progress bundle into the store: by uuid, in one transaction, idempotently."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from typing import Any, cast

from sqlalchemy import Table, insert
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from trainer.services.accounts import clean_field
from trainer.services.bundles import (
    MODELS,
    SHARED_PRACTICE,
    BundleError,
    ImportSummary,
    TableCount,
    columns_of,
    fetch_in_chunks,
    read_bundle,
    without_private_answers,
)
from trainer.services.errors import ServiceError
from trainer.services.org_key import OrgKey, require_key
from trainer.store.db import Store
from trainer.store.models import (
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
    UTCDateTime,
)

log = logging.getLogger(__name__)


def import_bundle(store: Store, path: Path) -> ImportSummary:
    """Check the bundle at `path`, then merge it in one transaction; BundleError if refused."""
    [result] = import_bundles(store, [path])
    if isinstance(result, BundleError):
        raise result
    return result


def import_bundles(store: Store, paths: list[Path]) -> list[ImportSummary | BundleError]:
    """Import many bundles with one commit; each refused bundle changes nothing.

    Each bundle merges inside its own savepoint, so a refusal rolls back only that
    bundle; one durable commit at the end makes a thousand imports fast.
    """
    key = require_key(store)
    results: list[ImportSummary | BundleError] = []
    with store.session() as session:
        for path in paths:
            try:
                bundle, rows = _checked(store, path, key)
                with session.begin_nested():
                    merger = _Merger(session)
                    merger.merge(rows)
            except BundleError as error:
                results.append(error)
            except (SQLAlchemyError, TypeError, ValueError, RecursionError, MemoryError) as error:
                detail = (str(getattr(error, "orig", error)).strip().splitlines() or ["?"])[0]
                results.append(
                    BundleError(f"{path.name} could not be merged ({detail}): nothing was imported")
                )
            else:
                results.append(_summary(path, bundle, merger))
    for result in results:  # once committed
        if isinstance(result, BundleError):
            log.warning("bundle refused: %s", result)
        else:
            log.info("bundle imported: %s", "; ".join(line.strip() for line in result.lines()))
    return results


def _checked(
    store: Store, path: Path, key: OrgKey
) -> tuple[dict[str, Any], dict[str, list[dict[str, Any]]]]:
    if store.holds(path):
        raise BundleError(
            f"{path.name} is this app's own database, not a progress bundle:"
            " choose a file made by Export progress"
        )
    bundle = read_bundle(path, key)
    try:
        rows = {t: [_from_json(t, row) for row in bundle["rows"][t]] for t in MODELS}
        rows["practice_entry"] = without_private_answers(
            rows["practice_entry"], _shared_practice(bundle)
        )
    except (TypeError, ValueError):
        raise BundleError(
            f"{path.name}: the file is incomplete or damaged: export it again and copy it whole"
        ) from None
    _check_profiles(path, rows["learner"])
    return bundle, rows


def _check_profiles(path: Path, learners: list[dict[str, Any]]) -> None:
    """Names, credentials and organisations obey the rules of the machine that made the
    profile here too: no control characters, direction marks or over-long values (a
    bundle from an older release, or a hand-made one, is refused whole)."""
    for learner in learners:
        for column, what in (("display_name", "a name"), ("credential", "a credential"),
                             ("organisation", "an organisation")):  # fmt: skip
            try:
                clean_field(str(learner.get(column) or ""), what)
            except ServiceError as error:
                raise BundleError(
                    f"{path.name}: a profile in it cannot be used here ({error}): nothing was"
                    " imported"
                ) from None


def _shared_practice(bundle: dict[str, Any]) -> frozenset[str]:
    """The items whose answers the learner's app shared; none for a bundle made before
    items had a `share` setting, as its learner was never told that answers travel."""
    listed = bundle.get(SHARED_PRACTICE)
    if not isinstance(listed, list):
        return frozenset()
    return frozenset(item for item in listed if isinstance(item, str))


def _summary(path: Path, bundle: dict[str, Any], merger: _Merger) -> ImportSummary:
    return ImportSummary(
        path,
        bundle["organisation"],
        bundle["installation_id"],
        bundle["created_at"],
        {k: str(v) for k, v in bundle["course"].items()},
        {t: TableCount(*merger.counts[t]) for t in MODELS},
        tuple(sorted(merger.learners_added, key=str.lower)),
    )


def _from_json(table: str, row: dict[str, Any]) -> dict[str, Any]:
    out = dict(row)
    for name in _time_columns(table):
        value = out[name]
        if value is not None:
            moment = datetime.fromisoformat(value)
            if moment.tzinfo is None:
                raise ValueError(f"{name} has no time zone")
            out[name] = moment.astimezone(UTC)
    return out


@cache
def _time_columns(table: str) -> tuple[str, ...]:
    return tuple(name for name, column in columns_of(table) if isinstance(column.type, UTCDateTime))


class _Merger:
    """Merges checked rows into one open session; counts [added, updated] per table.

    Rows already in the database are loaded and updated as objects (rare: a re-import
    or an overlapping bundle); new rows, nearly all of them, go in with one bulk INSERT
    per table.
    """

    def __init__(self, session: Session) -> None:
        self.session = session
        self.counts = {table: [0, 0, 0] for table in MODELS}  # added, updated, deleted
        self.learners_added: list[str] = []
        self.new_rows: list[dict[str, Any]] = []
        self.rows: dict[str, list[dict[str, Any]]] = {}

    def merge(self, rows: dict[str, list[dict[str, Any]]]) -> None:
        self.rows = rows
        for table in MODELS:
            getattr(self, f"_merge_{table}")(rows[table])
            if self.new_rows:  # parents exist before their children are inserted
                # typed as any FromClause; every model here maps one Table
                into = cast(Table, MODELS[table].__table__)
                self.session.execute(insert(into), self.new_rows)
                self.new_rows = []
            self.session.flush()

    def _add(self, table: str, row: dict[str, Any]) -> None:
        self.new_rows.append(row)
        self.counts[table][0] += 1

    def _by_id(self, model: Any, rows: list[dict[str, Any]], column: Any = None) -> dict[Any, Any]:
        column = column if column is not None else model.id
        found = fetch_in_chunks(self.session, model, column, {row[column.key] for row in rows})
        return {getattr(instance, column.key): instance for instance in found}

    def _merge_learner(self, rows: list[dict[str, Any]]) -> None:
        seen = set(self._by_id(Learner, rows))
        for row in rows:
            if row["id"] not in seen:
                self._add("learner", {**row, "password_hash": None})
                self.learners_added.append(row["display_name"])
                seen.add(row["id"])

    def _merge_lesson_progress(self, rows: list[dict[str, Any]]) -> None:
        by_id = self._by_id(LessonProgress, rows)
        learners = {row["learner_id"] for row in rows}
        by_key = {
            (p.learner_id, p.course_id, p.lesson_id): p
            for p in fetch_in_chunks(
                self.session, LessonProgress, LessonProgress.learner_id, learners
            )
        }

        def keys(row: dict[str, Any]) -> tuple[object, ...]:
            return row["id"], (row["learner_id"], row["course_id"], row["lesson_id"])

        self._add_or_update("lesson_progress", rows, keys, by_id | by_key, _newer_progress)

    def _merge_quiz_attempt(self, rows: list[dict[str, Any]]) -> None:
        by_id = self._by_id(QuizAttempt, rows)
        self._add_or_update("quiz_attempt", rows, _id_only, by_id, _submitted_attempt)

    def _merge_response(self, rows: list[dict[str, Any]]) -> None:
        by_id = self._by_id(Response, rows)
        attempts = {row["attempt_id"] for row in rows}
        by_key = {
            (r.attempt_id, r.question_id): r
            for r in fetch_in_chunks(self.session, Response, Response.attempt_id, attempts)
        }

        def keys(row: dict[str, Any]) -> tuple[object, ...]:
            return row["id"], (row["attempt_id"], row["question_id"])

        self._add_or_update("response", rows, keys, by_id | by_key, _later_answer)

    def _add_or_update(
        self,
        table: str,
        rows: list[dict[str, Any]],
        keys: Callable[[dict[str, Any]], tuple[object, ...]],
        stored: dict[Any, Any],
        update: Callable[[Any, dict[str, Any]], bool],
    ) -> None:
        """Add each row whose keys (uuid, natural key) are not stored yet; otherwise let
        `update` bring the stored row forward, counting it when it changed."""
        added: set[object] = set()
        for row in rows:
            row_keys = keys(row)
            if added.intersection(row_keys):
                continue  # the same row twice in one bundle: the first one stands
            existing = next((stored[k] for k in row_keys if k in stored), None)
            if existing is None:
                self._add(table, row)
                added.update(row_keys)
            elif update(existing, row):
                self.counts[table][1] += 1

    def _merge_certificate(self, rows: list[dict[str, Any]]) -> None:
        codes = set(self._by_id(Certificate, rows, Certificate.code))
        ids = set(self._by_id(Certificate, rows))
        for row in rows:
            if row["code"] not in codes and row["id"] not in ids:
                self._add("certificate", row)
                codes.add(row["code"])
                ids.add(row["id"])

    def _merge_evaluation(self, rows: list[dict[str, Any]]) -> None:
        by_id = self._by_id(Evaluation, rows)
        learners = {row["learner_id"] for row in rows}
        by_key = {
            (e.learner_id, e.course_id): e
            for e in fetch_in_chunks(self.session, Evaluation, Evaluation.learner_id, learners)
        }

        def keys(row: dict[str, Any]) -> tuple[object, ...]:
            return row["id"], (row["learner_id"], row["course_id"])

        # one evaluation per learner and course: the one submitted first stands
        self._add_or_update("evaluation", rows, keys, by_id | by_key, lambda _e, _r: False)

    def _merge_practice_entry(self, rows: list[dict[str, Any]]) -> None:
        """Deletion wins: an entry deleted on any machine (known here already, or deleted
        in this same bundle) is never added again, so an older bundle brings none back."""
        by_id = self._by_id(PracticeEntry, rows)
        deleted = set(self._by_id(PracticeDeletion, rows))
        deleted.update(row["id"] for row in self.rows["practice_deletion"])
        kept = [row for row in rows if row["id"] not in deleted]
        self._add_or_update("practice_entry", kept, _id_only, by_id, _later_edit)

    def _merge_practice_deletion(self, rows: list[dict[str, Any]]) -> None:
        known = set(self._by_id(PracticeDeletion, rows))
        entries = self._by_id(PracticeEntry, rows)
        for row in rows:
            if row["id"] in known:
                continue
            self._add("practice_deletion", row)
            known.add(row["id"])
            entry = entries.get(row["id"])
            if entry is not None and entry.learner_id == row["learner_id"]:
                self.session.delete(entry)
                self.counts["practice_entry"][2] += 1

    def _merge_review_log(self, rows: list[dict[str, Any]]) -> None:
        """A review is never changed once given: one not here yet is added."""
        by_id = self._by_id(ReviewLog, rows)
        self._add_or_update("review_log", rows, _id_only, by_id, lambda _e, _r: False)

    def _merge_case_choice(self, rows: list[dict[str, Any]]) -> None:
        """A choice is never changed once made: one not here yet is added."""
        by_id = self._by_id(CaseChoice, rows)
        self._add_or_update("case_choice", rows, _id_only, by_id, lambda _e, _r: False)


def _id_only(row: dict[str, Any]) -> tuple[object, ...]:
    return (row["id"],)


def _submitted_attempt(existing: QuizAttempt, row: dict[str, Any]) -> bool:
    """An attempt submitted since an earlier import replaces the unfinished one."""
    if existing.submitted_at is not None or row["submitted_at"] is None:
        return False
    for name, value in row.items():
        setattr(existing, name, value)
    return True


def _later_answer(existing: Response, row: dict[str, Any]) -> bool:
    """A later answer replaces the stored one; a check is never undone (a checked answer
    is locked, so it has no later answer)."""
    changed = False
    if row["answered_at"] > existing.answered_at:
        for name in ("answer", "correct", "score", "tries", "answered_at"):
            setattr(existing, name, row[name])
        changed = True
    if existing.checked_at is None and row["checked_at"] is not None:
        existing.checked_at = row["checked_at"]
        changed = True
    return changed


def _later_edit(existing: PracticeEntry, row: dict[str, Any]) -> bool:
    """A worksheet or reflection edited since an earlier import: the later edit wins."""
    if row["updated_at"] <= existing.updated_at:
        return False
    existing.entry, existing.updated_at = row["entry"], row["updated_at"]
    return True


def _newer_progress(existing: LessonProgress, row: dict[str, Any]) -> bool:
    """Keep the furthest state of a lesson: most time, first completion, latest opening."""
    before = (
        existing.active_seconds, existing.completed_at, existing.first_opened_at,
        existing.last_opened_at, existing.position,
    )  # fmt: skip
    existing.active_seconds = max(existing.active_seconds, row["active_seconds"])
    if row["completed_at"] is not None and (
        existing.completed_at is None or row["completed_at"] < existing.completed_at
    ):
        existing.completed_at = row["completed_at"]
    existing.first_opened_at = min(existing.first_opened_at, row["first_opened_at"])
    if row["last_opened_at"] > existing.last_opened_at:
        existing.last_opened_at = row["last_opened_at"]
        existing.position = row["position"]  # where the learner was when last reading
    after = (
        existing.active_seconds, existing.completed_at, existing.first_opened_at,
        existing.last_opened_at, existing.position,
    )  # fmt: skip
    return after != before
