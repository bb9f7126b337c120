"""The completion report: one row per learner and module, as CSV or JSON."""

from __future__ import annotations

import csv
import io
import json
from typing import NamedTuple

from trainer.services.catalog import Catalog
from trainer.services.learner_grid import learner_grid
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
    best_percent: float | None
    completed_on: str
    active_minutes: int
    lessons_read: int
    lessons_total: int


def completion_grid(store: Store, catalog: Catalog) -> list[GridRow]:
    """Every learner x every module, ordered by learner name then module order."""
    with collector_paused():
        return [
            _make(GridRow, (learner.learner_id, learner.name, learner.credential,
                            learner.organisation, *cell))
            for learner in learner_grid(store, catalog)
            for cell in learner.cells
        ]  # fmt: skip


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
