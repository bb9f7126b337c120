"""Playing a client case: each choice is committed the moment it is made, so a play-through
(a run) survives a crash and resumes where it stopped.

- `start_run`: a new run of a case, at its `start` node (nothing is written until the
  first choice).
- `choose`: make a choice at the run's current node; commits one `case_choice` row and
  returns the feedback, the rating and the next node or the ending.
- `resume`: the learner's unfinished run of a case (the path so far), if the latest one is.
- `latest_run`: the learner's latest run of a case, finished or not.
- `case_record`: per case of the course, every run with its path, ratings and ending.
- `choice_counts`: how often each choice was made, for item analysis.
- `case_completed`: whether the learner reached an ending of the case.
- `ending_choices`: the (case, node, choice) triples that lead to an ending.
- `endings_reached_at`: per case, when the learner first made such a choice (the moment a
  course requiring its cases counts the case done).
- `ending_lessons`: the lessons an ending's debrief links to, with their titles.

A run's rows are replayed against the case as it is now: a run whose path the case no
longer has (its author changed it) is `stale`, shown in the record but never resumed.
"""

from __future__ import annotations

import threading
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import func, select, tuple_

from trainer.cases.loader import Case
from trainer.cases.model import Choice, Ending, Node
from trainer.services.catalog import Catalog
from trainer.services.errors import ServiceError
from trainer.store.db import Store
from trainer.store.models import CaseChoice, Learner


@dataclass(frozen=True)
class Step:
    """One choice made in a run."""

    node_id: str
    choice_id: str
    rating: str
    made_at: datetime


@dataclass(frozen=True)
class CaseRun:
    """One play-through: the path so far and where it stands. `node_id` is the node the
    counselor is at (None once an ending is reached, or when the run is stale)."""

    run_id: str
    case_id: str
    steps: tuple[Step, ...] = ()
    node_id: str | None = None
    ending_id: str | None = None
    stale: bool = False  # the case no longer has this path: it cannot continue

    @property
    def finished(self) -> bool:
        return self.ending_id is not None

    @property
    def started_at(self) -> datetime | None:
        return self.steps[0].made_at if self.steps else None


@dataclass(frozen=True)
class ChoiceOutcome:
    """What follows a choice: its rating and feedback (Markdown), then the next node or
    the ending (exactly one of them), and the run as it now stands."""

    run: CaseRun
    choice: Choice
    rating: str
    feedback: str
    next_node: Node | None
    ending: Ending | None


@dataclass(frozen=True)
class CaseRunSummary:
    """A learner's record of one case: every run (oldest first) and the endings reached."""

    case_id: str
    title: str
    runs: tuple[CaseRun, ...]
    endings_reached: tuple[str, ...]  # each once, in the order first reached

    @property
    def completed(self) -> bool:
        return bool(self.endings_reached)


@dataclass(frozen=True)
class LessonLink:
    """A lesson a debrief points to: its title and the reader's link (`lesson:id#anchor`)."""

    lesson_id: str
    title: str
    href: str


# runs started in this process and not yet chosen in: the first choice learns its case here
_started: dict[str, tuple[str, str]] = {}
_started_lock = threading.Lock()


def start_run(
    store: Store, catalog: Catalog, learner_id: str, case_id: str, now: datetime
) -> CaseRun:
    """A new run of the case, at its start node."""
    _utc(now)
    case = catalog.case(case_id)
    _require_learner(store, learner_id)
    run_id = str(uuid.uuid4())
    with _started_lock:
        _started[run_id] = (learner_id, case.id)
    return CaseRun(run_id, case.id, node_id=case.spec.start)


def choose(
    store: Store,
    catalog: Catalog,
    learner_id: str,
    run_id: str,
    node_id: str,
    choice_id: str,
    now: datetime,
) -> ChoiceOutcome:
    """Make a choice at the run's current node, commit it at once, and say what follows."""
    now = _utc(now)
    rows = _run_rows(store, learner_id, run_id)
    case = catalog.case(rows[0].case_id if rows else _started_case(learner_id, run_id))
    run = replay(case, run_id, rows)
    if run.finished:
        raise ServiceError("this run of the case has reached its ending: start a new one")
    if run.stale:
        raise ServiceError("the case was changed since this run began: start a new one")
    if node_id != run.node_id:
        raise ServiceError(f"the run is at `{run.node_id}`, not at `{node_id}`")
    choice = case.spec.choice(node_id, choice_id)
    if choice is None:
        raise ServiceError(f"`{node_id}` of case `{case.id}` has no choice `{choice_id}`")
    with store.session() as session:
        if session.get(Learner, learner_id) is None:
            raise ServiceError(f"no profile `{learner_id}`")
        session.add(
            CaseChoice(
                installation_id=store.installation_id,
                learner_id=learner_id,
                course_id=catalog.course.id,
                case_id=case.id,
                run_id=run_id,
                node_id=node_id,
                choice_id=choice_id,
                rating=choice.rating,
                made_at=now,
            )
        )
    with _started_lock:
        _started.pop(run_id, None)  # its rows name the case from now on
    step = Step(node_id, choice_id, choice.rating, now)
    after = _advance(case, run, step)
    return ChoiceOutcome(
        after,
        choice,
        choice.rating,
        choice.feedback,
        case.spec.node(choice.next),
        case.spec.ending(choice.next),
    )


def resume(store: Store, catalog: Catalog, learner_id: str, case_id: str) -> CaseRun | None:
    """The learner's latest run of the case when it has not reached an ending (and the
    case still has its path); None otherwise."""
    runs = _runs(store, catalog.case(case_id), learner_id)
    if not runs:
        return None
    latest = runs[-1]
    return None if latest.finished or latest.stale else latest


def latest_run(store: Store, catalog: Catalog, learner_id: str, case_id: str) -> CaseRun | None:
    """The learner's latest run of the case that the case still has the path of, finished
    or not (a finished one shows its ending again); None when there is none."""
    runs = [run for run in _runs(store, catalog.case(case_id), learner_id) if not run.stale]
    return runs[-1] if runs else None


def case_record(store: Store, catalog: Catalog, learner_id: str) -> list[CaseRunSummary]:
    """Every case of the course, in course order, with the learner's runs of it."""
    rows = _learner_rows(store, learner_id, catalog.course.id)
    summaries = []
    for case in catalog.cases.values():
        runs = _replayed(case, [row for row in rows if row.case_id == case.id])
        endings = dict.fromkeys(run.ending_id for run in runs if run.ending_id is not None)
        summaries.append(CaseRunSummary(case.id, case.spec.title, tuple(runs), tuple(endings)))
    return summaries


def case_completed(store: Store, catalog: Catalog, learner_id: str, case_id: str) -> bool:
    """Whether the learner has reached an ending of the case."""
    return any(run.finished for run in _runs(store, catalog.case(case_id), learner_id))


def ending_choices(catalog: Catalog) -> list[tuple[str, str, str]]:
    """(case, node, choice) of every choice that leads to an ending of its case, in the
    course's cases as they are now."""
    return [
        (case.id, node.id, choice.id)
        for case in catalog.cases.values()
        for node in case.spec.nodes
        for choice in node.choices
        if case.spec.ending(choice.next) is not None
    ]


def endings_reached_at(store: Store, catalog: Catalog, learner_id: str) -> dict[str, datetime]:
    """Per case the learner played to an ending, the moment of their first choice that
    led to one (a choice that ends the case now, whatever the rest of its run)."""
    ends = ending_choices(catalog)
    if not ends:
        return {}
    query = (
        select(CaseChoice.case_id, func.min(CaseChoice.made_at))
        .where(
            CaseChoice.learner_id == learner_id,
            CaseChoice.course_id == catalog.course.id,
            tuple_(CaseChoice.case_id, CaseChoice.node_id, CaseChoice.choice_id).in_(ends),
        )
        .group_by(CaseChoice.case_id)
    )
    with store.reading() as session:
        return {case_id: moment for case_id, moment in session.execute(query)}


def choice_counts(store: Store, catalog: Catalog) -> dict[tuple[str, str, str], int]:
    """How many times each choice was made, by (case, node, choice), across every learner
    of the course; every choice of the course's cases is there, 0 when never made."""
    counts = {
        (case.id, node.id, choice.id): 0
        for case in catalog.cases.values()
        for node in case.spec.nodes
        for choice in node.choices
    }
    query = (
        select(CaseChoice.case_id, CaseChoice.node_id, CaseChoice.choice_id, func.count())
        .where(CaseChoice.course_id == catalog.course.id)
        .group_by(CaseChoice.case_id, CaseChoice.node_id, CaseChoice.choice_id)
    )
    with store.reading() as session:
        for case_id, node_id, choice_id, count in session.execute(query):
            counts[(case_id, node_id, choice_id)] = count
    return counts


def ending_lessons(catalog: Catalog, ending: Ending) -> list[LessonLink]:
    """The lessons the ending lists, in its order; a lesson the course lacks is left out
    (`trainer validate` names it)."""
    links = []
    for link in ending.lessons:
        lesson = catalog.lesson(ending.lesson_id(link))
        if lesson is not None:
            links.append(LessonLink(lesson.id, lesson.title, f"lesson:{link}"))
    return links


def replay(case: Case, run_id: str, rows: Iterable[CaseChoice]) -> CaseRun:
    """The run its rows make, walked from the case's start: at each node the earliest
    choice made there comes next (rows made in the same instant still replay in order)."""
    remaining = sorted(rows, key=lambda row: row.made_at)
    run = CaseRun(run_id, case.id, node_id=case.spec.start)
    while remaining:
        row = next((r for r in remaining if r.node_id == run.node_id), None)
        if row is None or run.finished:
            return _stale(run, remaining)
        remaining.remove(row)
        if case.spec.choice(row.node_id, row.choice_id) is None:
            return _stale(run, [row, *remaining])
        run = _advance(case, run, Step(row.node_id, row.choice_id, row.rating, row.made_at))
    return run


def _advance(case: Case, run: CaseRun, step: Step) -> CaseRun:
    choice = case.spec.choice(step.node_id, step.choice_id)
    assert choice is not None  # checked by the callers
    ending = case.spec.ending(choice.next)
    return CaseRun(
        run.run_id,
        run.case_id,
        (*run.steps, step),
        None if ending else choice.next,
        ending.id if ending else None,
    )


def _stale(run: CaseRun, rest: list[CaseChoice]) -> CaseRun:
    """The run with the rows the case no longer fits kept in its path, as made."""
    steps = tuple(Step(r.node_id, r.choice_id, r.rating, r.made_at) for r in rest)
    return CaseRun(run.run_id, run.case_id, (*run.steps, *steps), None, None, stale=True)


def _runs(store: Store, case: Case, learner_id: str) -> list[CaseRun]:
    with store.reading() as session:
        rows = list(
            session.scalars(
                select(CaseChoice).where(
                    CaseChoice.learner_id == learner_id, CaseChoice.case_id == case.id
                )
            )
        )
    return _replayed(case, rows)


def _replayed(case: Case, rows: list[CaseChoice]) -> list[CaseRun]:
    """The runs of these rows, oldest first (by their first choice)."""
    by_run: dict[str, list[CaseChoice]] = {}
    for row in sorted(rows, key=lambda r: r.made_at):
        by_run.setdefault(row.run_id, []).append(row)
    return [replay(case, run_id, run_rows) for run_id, run_rows in by_run.items()]


def _run_rows(store: Store, learner_id: str, run_id: str) -> list[CaseChoice]:
    with store.reading() as session:
        return list(
            session.scalars(
                select(CaseChoice).where(
                    CaseChoice.run_id == run_id, CaseChoice.learner_id == learner_id
                )
            )
        )


def _learner_rows(store: Store, learner_id: str, course_id: str) -> list[CaseChoice]:
    with store.reading() as session:
        return list(
            session.scalars(
                select(CaseChoice).where(
                    CaseChoice.learner_id == learner_id, CaseChoice.course_id == course_id
                )
            )
        )


def _started_case(learner_id: str, run_id: str) -> str:
    with _started_lock:
        started = _started.get(run_id)
    if started is None or started[0] != learner_id:
        raise ServiceError(f"no run `{run_id}` of this profile: start the case again")
    return started[1]


def _require_learner(store: Store, learner_id: str) -> None:
    with store.reading() as session:
        if session.get(Learner, learner_id) is None:
            raise ServiceError(f"no profile `{learner_id}`")


def _utc(now: datetime) -> datetime:
    if now.tzinfo is None:
        raise ValueError("use a timezone-aware UTC datetime")
    return now.astimezone(UTC)
