"""The supervisor's completion grid as a CSV file: the columns, the words and the numbers.

The screen's grid and this file show the same rows (`learner_grid`), in the same words
(the learner record's), with each module split into status, best score and completion
day so that numbers stay numbers in a spreadsheet.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from datetime import date
from typing import Any, TextIO

from trainer.services.figures import whole_minutes, whole_percent
from trainer.services.learner_grid import LearnerRow


def is_overdue(row: LearnerRow, due: date | None, today: date) -> bool:
    """Not complete once the due date has passed (never, without a due date)."""
    return due is not None and not row.completed_on and today > due


def module_totals(rows: Iterable[LearnerRow], modules: int) -> list[int]:
    """How many of `rows` completed each module."""
    totals = [0] * modules
    for row in rows:
        for n, cell in enumerate(row.cells):
            if cell.completion == "completed":
                totals[n] += 1
    return totals


def csv_headers(module_titles: list[str]) -> list[str]:
    modules = []
    for n, title in enumerate(module_titles, 1):
        modules += [f"{n}. {title}: status", f"{n}. {title}: best %", f"{n}. {title}: completed on"]
    return [
        "Learner", "Credential", "Organisation", "Course complete", "Course completed on",
        "Modules done", "Total time (minutes)", *modules,
    ]  # fmt: skip


def csv_values(row: LearnerRow, due: date | None, today: date) -> list[Any]:
    modules: list[Any] = []
    for cell in row.cells:
        best = None if cell.best_percent is None else whole_percent(cell.best_percent)
        modules += [cell.status_words, best, cell.completed_on]
    course = "Yes" if row.completed_on else "Overdue" if is_overdue(row, due, today) else "No"
    return [
        row.name, row.credential, row.organisation, course, row.completed_on,
        row.modules_done, whole_minutes(row.active_seconds), *modules,
    ]  # fmt: skip


def csv_totals(rows: list[LearnerRow], modules: int) -> list[Any]:
    """The totals row: how many complete each module, time and modules summed."""
    counts: list[Any] = []
    for count in module_totals(rows, modules):
        counts += [count, None, ""]
    return [
        f"Totals ({len(rows)} learners): number complete", "", "",
        sum(1 for r in rows if r.completed_on), "", sum(r.modules_done for r in rows),
        whole_minutes(sum(r.active_seconds for r in rows)), *counts,
    ]  # fmt: skip


def write_grid_csv(
    handle: TextIO,
    rows: list[LearnerRow],
    module_titles: list[str],
    *,
    stamp: str,
    who: str,
    due: date | None,
    today: date,
) -> None:
    """`rows` as CSV: who exported when, the header, one line each, then the totals."""
    writer = csv.writer(handle)
    writer.writerow(["Exported", stamp, "by", who])
    writer.writerow(csv_headers(module_titles))
    writer.writerows(csv_values(r, due, today) for r in rows)
    writer.writerow(csv_totals(rows, len(module_titles)))
