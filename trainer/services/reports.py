"""The completion report of `trainer report`: as CSV, the supervisor's grid file (one row
per learner, the columns and words of the app's CSV export); as JSON, one row per learner
and module, for programs.

Its figures are the grid's (`learner_grid`), which are the learner record's. The JSON
carries active time in seconds (the module's, and the learner's whole course in
`total_active_seconds`) and each status as a code and in the words the app shows.
"""

from __future__ import annotations

import io
import json
from datetime import date
from typing import NamedTuple

from trainer.services.catalog import Catalog
from trainer.services.grid_export import write_grid_csv
from trainer.services.learner_grid import LearnerRow, cell_words, course_parts, learner_grid
from trainer.store.bulk import collector_paused
from trainer.store.db import Store

_make = tuple.__new__  # a GridRow without NamedTuple's Python-level __new__: 70,000 of them


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
    status: str  # in words, as the app shows it
    status_code: str  # complete, in_progress, not_started, no_attempts_left or unavailable
    best_percent: float | None
    best_score: str  # "31 of 35 right (88%)"
    completed_on: str
    active_seconds: int
    lessons_read: int
    lessons_total: int
    total_active_seconds: int  # the learner's, in the whole course
    course_completed_on: str


def completion_grid(store: Store, catalog: Catalog) -> list[GridRow]:
    """Every learner x every module, ordered by learner name then module order."""
    with collector_paused():
        return [
            _make(GridRow, (
                learner.learner_id, learner.name, learner.credential, learner.organisation,
                cell.module_number, cell.module_id, cell.module, cell.completion, cell.success,
                cell_words(cell), cell.status_code, cell.best_percent,
                cell.best_score.text if cell.best_score else "", cell.completed_on,
                cell.active_seconds, cell.lessons_read, cell.lessons_total,
                learner.active_seconds, learner.completed_on,
            ))
            for learner in learner_grid(store, catalog)
            for cell in learner.cells
        ]  # fmt: skip


def report_csv(rows: list[LearnerRow], catalog: Catalog, *, lineterminator: str = "\r\n") -> str:
    """The grid's `rows` (`learner_grid`) as the supervisor's CSV export writes them, with
    no due date (nobody is overdue): the header, then one row per learner; no timestamp,
    so two reports of the same data are identical."""
    buffer = io.StringIO()
    titles = [module.title for module in catalog.course.modules]
    write_grid_csv(
        buffer, rows, titles, due=None, today=date.today(), lineterminator=lineterminator,
        parts=course_parts(catalog.course),
    )  # fmt: skip
    return buffer.getvalue()


def grid_as_json(rows: list[GridRow]) -> str:
    return json.dumps([row._asdict() for row in rows], indent=2) + "\n"
