"""The booster-review reports as files: the supervisor's overview and the 90-day report.

Both are written as the completion grid is (`grid_export`): CSV files of data only (the
header, then one row per learner and objective, or per objective), UTF-8 with a
byte-order mark, every cell formula-safe (`csv_safe`), written whole or not at all and
never over an existing file unless the user said so (`output_files`). For a PDF, this
module gives the HTML of a printable report; the screen lays it out (`trainer.ui.pdf`).

The words are the screen's: a retention estimate reads "85 %", an interval
"95% interval 71\u201390 %" (an en dash), and an objective with fewer than `ENOUGH_ANSWERS` answers in the
window says "not enough answers yet" instead of a share that would mean little.
"""

from __future__ import annotations

import io
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape

from trainer.services import output_files
from trainer.services.catalog import Catalog
from trainer.services.csv_safe import SafeWriter
from trainer.services.figures import whole_percent
from trainer.services.review_reports import LearnerReviewRow, ObjectiveRetentionReport
from trainer.services.reviews import booster_items

ENCODING = "utf-8-sig"  # as the grid's CSV: Excel then knows the file is UTF-8
ENOUGH_ANSWERS = 5  # fewer answers than this in the window: no share is shown
NOT_ENOUGH = "not enough answers yet"
NO_ANSWERS = "no answers yet"

_templates = Environment(
    loader=PackageLoader("trainer", "templates"), autoescape=select_autoescape(["j2"])
)


# ---------------------------------------------------------------- words and numbers


def percent_number(share: float | None) -> int | None:
    """A share (0 to 1) as the whole percent shown, rounded down as every percentage of
    the app is (figures.whole_percent); None stays None."""
    return None if share is None else whole_percent(share * 100)


def retention_text(share: float | None) -> str:
    """'85 %', or 'not reviewed yet' without an estimate."""
    number = percent_number(share)
    return "not reviewed yet" if number is None else f"{number} %"


def interval_text(report: ObjectiveRetentionReport) -> str:
    """'95% interval 71\u201390 %' (an en dash); '' with too few answers (`share_text`
    says so)."""
    if report.answers < ENOUGH_ANSWERS or report.low is None or report.high is None:
        return ""
    low, high = interval_percents(report.low, report.high)
    return f"95% interval {low}\u2013{high} %"


def interval_percents(low: float, high: float) -> tuple[int, int]:
    """An interval's bounds as whole percents, rounded outward: the interval shown never
    claims less uncertainty than the one computed."""
    return math.floor(low * 100), math.ceil(high * 100)


def share_text(report: ObjectiveRetentionReport) -> str:
    """'84 % right', 'not enough answers yet', or 'no answers yet'."""
    if report.answers == 0:
        return NO_ANSWERS
    if report.answers < ENOUGH_ANSWERS or report.share is None:
        return NOT_ENOUGH
    return f"{percent_number(report.share)} % right"


def enough(report: ObjectiveRetentionReport) -> bool:
    return report.answers >= ENOUGH_ANSWERS and report.share is not None


# ---------------------------------------------------------------- what the course names


@dataclass(frozen=True)
class CourseNames:
    """The words the reports put beside ids: objective texts and booster item prompts."""

    objectives: dict[str, str]
    prompts: dict[str, str]

    def objective(self, objective_id: str) -> str:
        return self.objectives.get(objective_id, objective_id)

    def prompt(self, question_id: str) -> str:
        return self.prompts.get(question_id, question_id)


def course_names(catalog: Catalog) -> CourseNames:
    objectives = {o.id: o.text for m in catalog.course.modules for o in m.objectives}
    prompts: dict[str, str] = {}
    for item in booster_items(catalog):
        question = catalog.quizzes[item.quiz_id].spec.question(item.question_id)
        if question is not None:
            prompts.setdefault(item.question_id, str(question.prompt))
    return CourseNames(objectives, prompts)


def safety_error_lines(row: LearnerReviewRow, names: CourseNames) -> list[str]:
    """Each confident error on a safety item: 'YYYY-MM-DD: the item's prompt'."""
    return [f"{e.reviewed_at:%Y-%m-%d}: {names.prompt(e.question_id)}" for e in row.safety_errors]


# ---------------------------------------------------------------- the overview


OVERVIEW_HEADERS = [
    "Learner", "Objective", "Objective text", "Reviews done", "Estimated retention %",
    "Confident errors on safety items", "Safety items answered wrongly with Sure",
]  # fmt: skip


def overview_values(row: LearnerReviewRow, names: CourseNames) -> list[Any]:
    return [
        row.display_name, row.objective_id, names.objective(row.objective_id), row.reviews,
        percent_number(row.retention), len(row.safety_errors),
        "; ".join(safety_error_lines(row, names)),
    ]  # fmt: skip


def write_overview_csv(
    handle: Any, rows: Sequence[LearnerReviewRow], names: CourseNames, lineterminator: str = "\r\n"
) -> None:
    writer = SafeWriter(handle, lineterminator=lineterminator)
    writer.writerow(OVERVIEW_HEADERS)
    writer.writerows(overview_values(row, names) for row in rows)


def export_overview_csv(
    target: Path, rows: Sequence[LearnerReviewRow], names: CourseNames, *, force: bool = False
) -> Path:
    """Write `rows`, in their order, to `target`; an existing file only when `force`."""
    buffer = io.StringIO(newline="")
    write_overview_csv(buffer, rows, names)
    return output_files.write_file(target, buffer.getvalue().encode(ENCODING), force=force)


# ---------------------------------------------------------------- the 90-day report


RETENTION_HEADERS = [
    "Objective", "Objective text", "Answers 80-100 days after completion", "Right",
    "Share right %", "95% interval low %", "95% interval high %", "Note",
]  # fmt: skip


def retention_values(report: ObjectiveRetentionReport) -> list[Any]:
    bounds: tuple[int | None, int | None] = (None, None)
    shown = enough(report)
    if shown and report.low is not None and report.high is not None:
        bounds = interval_percents(report.low, report.high)
    return [
        report.objective_id, report.text, report.answers, report.correct,
        percent_number(report.share) if shown else None, *bounds,
        "" if shown else NOT_ENOUGH,
    ]  # fmt: skip


def write_retention_csv(
    handle: Any, report: Sequence[ObjectiveRetentionReport], lineterminator: str = "\r\n"
) -> None:
    writer = SafeWriter(handle, lineterminator=lineterminator)
    writer.writerow(RETENTION_HEADERS)
    writer.writerows(retention_values(line) for line in report)


def export_retention_csv(
    target: Path, report: Sequence[ObjectiveRetentionReport], *, force: bool = False
) -> Path:
    buffer = io.StringIO(newline="")
    write_retention_csv(buffer, report)
    return output_files.write_file(target, buffer.getvalue().encode(ENCODING), force=force)


# ---------------------------------------------------------------- printable reports


@dataclass(frozen=True)
class Printed:
    """Who printed a report, when, for which course, with which filter."""

    course_title: str
    course_version: str
    exported_at: str
    exported_by: str
    filters: str = ""


def overview_html(
    rows: Sequence[LearnerReviewRow],
    names: CourseNames,
    printed: Printed,
    report: Sequence[ObjectiveRetentionReport] = (),
) -> str:
    """The overview as a printable table, then (when given) the 90-day report."""
    cells = [
        [row.display_name, names.objective(row.objective_id), str(row.reviews),
         retention_text(row.retention), str(len(row.safety_errors)),
         "; ".join(safety_error_lines(row, names))]
        for row in rows
    ]  # fmt: skip
    headers = ["Learner", "Objective", "Reviews done", "Estimated retention",
               "Confident errors on safety items", "Which and when"]  # fmt: skip
    learners = len({row.learner_id for row in rows})
    totals = [f"{learners} learners", "", str(sum(r.reviews for r in rows)), "",
              str(sum(len(r.safety_errors) for r in rows)), ""]  # fmt: skip
    page = _table("Booster reviews", headers, cells, totals, printed)
    if report:
        page = page.replace("</body>", _retention_section(report) + "</body>")
    return page


def retention_html(report: Sequence[ObjectiveRetentionReport], printed: Printed) -> str:
    headers, cells, totals = _retention_table(report)
    return _table("Retention at 90 days", headers, cells, totals, printed)


def _retention_table(
    report: Sequence[ObjectiveRetentionReport],
) -> tuple[list[str], list[list[str]], list[str]]:
    headers = ["Objective", "Answers", "Share right", "95% interval"]
    cells = [
        [line.text, str(line.answers), share_text(line), interval_text(line)] for line in report
    ]
    answers = sum(line.answers for line in report)
    right = sum(line.correct for line in report)
    overall = f"{percent_number(right / answers)} % right" if answers else ""
    return headers, cells, ["All objectives", str(answers), overall, ""]


def _retention_section(report: Sequence[ObjectiveRetentionReport]) -> str:
    """The 90-day table under the overview: the same template's table, on its own."""
    headers, cells, totals = _retention_table(report)
    page = _table("Retention at 90 days", headers, cells, totals, None)
    body = re.search(r"<body[^>]*>(.*)</body>", page, re.S)
    return body.group(1) if body else ""


def _table(
    title: str,
    headers: list[str],
    cells: list[list[str]],
    totals: list[str],
    printed: Printed | None,
) -> str:
    html = _templates.get_template("report.html.j2").render(
        title=title,
        course_title=printed.course_title if printed else "",
        course_version=printed.course_version if printed else "",
        exported_at=printed.exported_at if printed else "",
        exported_by=printed.exported_by if printed else "",
        filters=(printed.filters or "every learner") if printed else "",
        due=None, headers=headers,
        rows=[{"cells": row, "overdue": False} for row in cells], totals=totals,
    )  # fmt: skip
    if printed is None:  # a section under another report: no second header block
        html = re.sub(r"<p>\s*\(version \)<br>.*?</p>", "", html, count=1, flags=re.S)
    return html


def export_file_name(kind: str, report: str, who: str, when: datetime) -> str:
    """`<report>-<date>-<time>-<who>.<kind>`, e.g. booster-reviews-2026-03-04-1430-sam-lee.csv."""
    person = "-".join(re.findall(r"[^\W_]+", who.lower()))[:40].strip("-")
    return f"{report}-{when:%Y-%m-%d-%H%M}{'-' + person if person else ''}.{kind}"
