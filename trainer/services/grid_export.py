"""The supervisor's completion grid as a CSV file: the columns, the words and the numbers.

The screen's grid and this file show the same rows (`learner_grid`), in the same words
(the learner record's), with each module split into status, best score and completion
day so that numbers stay numbers in a spreadsheet; the pre-test (before the modules), the
post-test and the evaluation (after them) likewise.

The file is data only, as spreadsheets and pandas expect: the header is its first row,
then one row per learner, no totals or notes between them (a sort would mix them into the
learners). Who exported it and when is in its name; that, the filters, the due date and
the totals are in a summary beside it, `<name>.txt`. Both are UTF-8 with a byte-order
mark, so that Excel on Windows shows every alphabet, and every cell is formula-safe
(`csv_safe`).
"""

from __future__ import annotations

import io
import os
import re
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any, TextIO

from trainer.services import output_files
from trainer.services.csv_safe import SafeWriter
from trainer.services.figures import whole_minutes, whole_percent
from trainer.services.learner_grid import EVALUATION, PARTS, POSTTEST, PRETEST, LearnerRow

ENCODING = "utf-8-sig"  # UTF-8 with a byte-order mark: how Excel knows the file is UTF-8


def is_overdue(row: LearnerRow, due: date | None, today: date) -> bool:
    """Not complete once the due date has passed (never, without a due date)."""
    return due is not None and not row.completed_on and today > due


def total_minutes(rows: Iterable[LearnerRow]) -> int:
    """The sum of the minutes each row shows (so a total adds up to its column)."""
    return sum(whole_minutes(row.active_seconds) for row in rows)


def module_totals(rows: Iterable[LearnerRow], modules: int) -> list[int]:
    """How many of `rows` completed each module."""
    totals = [0] * modules
    for row in rows:
        for n, cell in enumerate(row.cells):
            if cell.completion == "completed":
                totals[n] += 1
    return totals


def part_totals(rows: Iterable[LearnerRow], parts: Sequence[str] = PARTS) -> list[tuple[str, int]]:
    """How many of `rows` took the pre-test (a baseline score), passed the post-test and
    submitted the evaluation, for the parts the course has."""
    rows = list(rows)
    counts = {
        PRETEST: sum(1 for r in rows if r.pretest is not None and r.pretest.percent is not None),
        POSTTEST: sum(1 for r in rows if r.posttest is not None and r.posttest.passed_on),
        EVALUATION: sum(1 for r in rows if r.evaluation_on),
    }
    return [(part, counts[part]) for part in parts]


_PART_HEADERS = {
    PRETEST: ["Pre-test: status", "Pre-test: baseline", "Pre-test: baseline %"],
    POSTTEST: ["Post-test: status", "Post-test: best score", "Post-test: best %",
               "Post-test: passed on"],
    EVALUATION: ["Course evaluation: status", "Course evaluation: submitted on"],
}  # fmt: skip


def csv_headers(module_titles: list[str], parts: Sequence[str] = PARTS) -> list[str]:
    """The header row: the learner, the course, then the pre-test, each module, the
    post-test and the evaluation (those in `parts`)."""
    modules = []
    for n, title in enumerate(module_titles, 1):
        modules += [f"{n}. {title}: status", f"{n}. {title}: best %", f"{n}. {title}: completed on"]
    before = _PART_HEADERS[PRETEST] if PRETEST in parts else []
    after = [header for part in parts if part != PRETEST for header in _PART_HEADERS[part]]
    return [
        "Learner", "Credential", "Organisation", "Course complete", "Course completed on",
        "Modules done", "Total time (minutes)", *before, *modules, *after,
    ]  # fmt: skip


def csv_values(
    row: LearnerRow, due: date | None, today: date, parts: Sequence[str] = PARTS
) -> list[Any]:
    modules: list[Any] = []
    for cell in row.cells:
        best = None if cell.best_percent is None else whole_percent(cell.best_percent)
        modules += [cell.status_words, best, cell.completed_on]
    course = "Yes" if row.completed_on else "Overdue" if is_overdue(row, due, today) else "No"
    values = {
        PRETEST: _test_values(row.pretest, passed_on=False),
        POSTTEST: _test_values(row.posttest, passed_on=True),
        EVALUATION: ["Submitted" if row.evaluation_on else "Not submitted", row.evaluation_on],
    }
    before = values[PRETEST] if PRETEST in parts else []
    after = [value for part in parts if part != PRETEST for value in values[part]]
    return [
        row.name, row.credential, row.organisation, course, row.completed_on,
        row.modules_done, whole_minutes(row.active_seconds), *before, *modules, *after,
    ]  # fmt: skip


def _test_values(test: Any, *, passed_on: bool) -> list[Any]:
    """A test's status words, its score in words ('Baseline: 2 of 35 right (5%)' for the
    pre-test, '31 of 35 right (88%)' for the post-test), its whole percent and, for the
    post-test, the day it was first passed."""
    if test is None:
        return ["", "", None, ""][: 4 if passed_on else 3]
    percent = None if test.percent is None else whole_percent(test.percent)
    values = [test.status_words, test.score_words, percent]
    return [*values, test.passed_on] if passed_on else values


def write_grid_csv(
    handle: TextIO,
    rows: list[LearnerRow],
    module_titles: list[str],
    *,
    due: date | None,
    today: date,
    lineterminator: str = "\r\n",
    parts: Sequence[str] = PARTS,
) -> None:
    """`rows` as CSV: the header, then one line per learner, in the order given; `parts`
    are the pre-test, post-test and evaluation the course has (`course_parts`)."""
    writer = SafeWriter(handle, lineterminator=lineterminator)
    writer.writerow(csv_headers(module_titles, parts))
    writer.writerows(csv_values(r, due, today, parts) for r in rows)


def summary_path(target: Path) -> Path:
    """Where the summary of the CSV file `target` goes: beside it, ending in .txt."""
    summary = target.with_suffix(".txt")
    return summary if summary != target else target.with_name(target.name + ".summary.txt")


def grid_summary(
    rows: list[LearnerRow],
    module_titles: list[str],
    *,
    file_name: str,
    stamp: str,
    who: str,
    filters: str,
    due: date | None,
    today: date,
    course: str = "",
    parts: Sequence[str] = PARTS,
) -> str:
    """The summary beside the CSV file: what it holds, who exported it when, the filters,
    the due date, and the totals of its rows."""
    complete = sum(1 for r in rows if r.completed_on)
    lines = [
        f"Completion grid: {file_name}",
        *([f"Course: {course}"] if course else []),
        f"Exported {stamp} by {who}",
        f"Shown: {filters or 'every learner'}",
        f"Due date: {due.isoformat() if due else 'none set'}",
        "",
        f"The file has a header row, then one row per learner ({len(rows)}); times are in"
        " whole minutes and best scores in whole percent.",
        "",
        f"Totals of the {len(rows)} learners in the file:",
        f"  Course complete: {complete}",
    ]
    if due is not None:
        overdue = sum(1 for r in rows if is_overdue(r, due, today))
        lines.append(f"  Overdue: {overdue}")
    said = {PRETEST: "Pre-test taken", POSTTEST: "Post-test passed",
            EVALUATION: "Course evaluation submitted"}  # fmt: skip
    lines += [f"  {said[part]}: {count}" for part, count in part_totals(rows, parts)]
    lines += [
        f"  Modules done, all learners together: {sum(r.modules_done for r in rows)}",
        f"  Total time (minutes): {total_minutes(rows)}",
        "  Learners who completed each module:",
    ]
    for n, (title, count) in enumerate(
        zip(module_titles, module_totals(rows, len(module_titles)), strict=True), 1
    ):
        lines.append(f"    {n}. {title}: {count}")
    return "\n".join(lines) + "\n"


def export_grid_csv(
    target: Path,
    rows: list[LearnerRow],
    module_titles: list[str],
    *,
    stamp: str,
    who: str,
    filters: str,
    due: date | None,
    today: date,
    course: str = "",
    parts: Sequence[str] = PARTS,
    force: bool = False,
) -> Path:
    """Write `rows` to the CSV file `target` and its summary beside it, each whole or not at
    all and readable by its owner only; return the summary's path. Existing files are
    replaced only when `force` (a save dialog asked); OutputFileError says why not."""
    summary = summary_path(target)
    for path in (target, summary):
        output_files.check_target(path, force=force)
    buffer = io.StringIO(newline="")
    write_grid_csv(buffer, rows, module_titles, due=due, today=today, parts=parts)
    text = grid_summary(
        rows, module_titles, file_name=target.name, stamp=stamp, who=who, filters=filters,
        due=due, today=today, course=course, parts=parts,
    )  # fmt: skip
    output_files.write_file(target, buffer.getvalue().encode(ENCODING), force=force)
    summary_text = text.replace("\n", os.linesep)  # a text file in the system's line endings
    output_files.write_file(summary, summary_text.encode(ENCODING), force=force)
    return summary


def export_file_name(kind: str, who: str, when: datetime) -> str:
    """The name suggested for an export: `completion-<date>-<time>-<who>.<kind>`, e.g.
    completion-2025-03-04-1430-sam-lee.csv (letters of every alphabet are kept)."""
    person = "-".join(re.findall(r"[^\W_]+", who.lower()))[:40].strip("-")
    return f"completion-{when:%Y-%m-%d-%H%M}{'-' + person if person else ''}.{kind}"
