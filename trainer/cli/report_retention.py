"""Running `trainer report retention`: per objective, the booster answers given 80 to 100
days after each learner completed the course, the share right and its 95% interval.

Returns an exit code; refusals raise ServiceError or StoreError, which the caller turns
into one line on stderr and exit 1.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from trainer.services import output_files, review_export
from trainer.services.catalog import open_catalog
from trainer.services.database import open_database
from trainer.services.figures import plural
from trainer.services.review_reports import ObjectiveRetentionReport, retention_at_90_days
from trainer.services.reviews import review_settings

EXIT_OK = 0


def run_report_retention(args: argparse.Namespace, course_dir: Path, quiz_dir: Path) -> int:
    catalog = open_catalog(course_dir, quiz_dir)
    if args.csv is not None:  # refused before any work: an existing file, a missing folder
        output_files.check_target(args.csv, force=args.force)
    store = open_database(args.db)
    try:
        report = retention_at_90_days(store, catalog)
    finally:
        store.close()
    if args.json:
        print(json.dumps(as_json(report), indent=2, ensure_ascii=False))
    elif review_settings(catalog) is None:
        print("this course has no booster reviews: there is no retention to report")
    else:
        print("\n".join(lines(report)))
    if args.csv is not None:
        review_export.export_retention_csv(args.csv, report, force=args.force)
        if not args.json:
            print(f"written to {args.csv}")
    return EXIT_OK


def as_json(report: list[ObjectiveRetentionReport]) -> list[dict[str, Any]]:
    return [
        {
            "objective": line.objective_id,
            "text": line.text,
            "answers": line.answers,
            "right": line.correct,
            "share": line.share,
            "interval_95": [line.low, line.high] if line.low is not None else None,
            "enough_answers": review_export.enough(line),
        }
        for line in report
    ]


def lines(report: list[ObjectiveRetentionReport]) -> list[str]:
    answers = sum(line.answers for line in report)
    found = [
        "Retention at 90 days: booster answers given 80 to 100 days after completing the course",
        f"{plural(answers, 'answer')} in all; a share is shown from"
        f" {review_export.ENOUGH_ANSWERS} answers on an objective",
    ]
    for line in report:
        if line.answers == 0:
            said = "no answers yet"
        elif not review_export.enough(line):
            said = f"{plural(line.answers, 'answer')}: {review_export.NOT_ENOUGH}"
        else:
            said = (
                f"{line.answers} answers, {review_export.share_text(line)},"
                f" {review_export.interval_text(line)}"
            )
        found.append(f"  {line.objective_id}: {said}")
    return found
