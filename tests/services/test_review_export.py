"""The booster-review reports as files: the overview and the 90-day report in CSV, and
the printable report's content."""

from __future__ import annotations

import csv
from datetime import UTC, datetime
from pathlib import Path

import pytest

from tests.services.test_reviews import booster_course_files, open_booster_catalog
from trainer.services import review_export
from trainer.services.output_files import OutputFileError
from trainer.services.review_export import CourseNames, Printed
from trainer.services.review_reports import (
    LearnerReviewRow,
    ObjectiveRetentionReport,
    SafetyError,
)

NAMES = CourseNames(
    {"b-define": "Define pain.", "b-steps": "Order the steps."},
    {"b-steps-1": "What comes first?"},
)
WHEN = datetime(2026, 3, 4, 9, 30, tzinfo=UTC)
ROWS = [
    LearnerReviewRow("l1", "Ana Ruiz", "b-define", 4, 0.853, ()),
    LearnerReviewRow("l1", "Ana Ruiz", "b-steps", 2, 0.6, (SafetyError("b-steps-1", WHEN),)),
    LearnerReviewRow("l2", "=HYPERLINK(1)", "b-define", 1, None, ()),
]
REPORT = [
    ObjectiveRetentionReport("b-define", "Define pain.", 20, 17, 0.85, 0.64, 0.948),
    ObjectiveRetentionReport("b-steps", "Order the steps.", 3, 2, 2 / 3, 0.2, 0.94),
    ObjectiveRetentionReport("b-other", "+Other.", 0, 0, None, None, None),
]
PRINTED = Printed("Pain course", "1.0", "2026-03-04 10:00 UTC", "Sam Lee", "matching “ana”")


def read_csv(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle))


def test_the_overview_csv_has_a_header_then_a_row_per_learner_and_objective(tmp_path) -> None:
    target = review_export.export_overview_csv(tmp_path / "o.csv", ROWS, NAMES)
    rows = read_csv(target)
    assert rows[0] == review_export.OVERVIEW_HEADERS
    assert rows[1] == ["Ana Ruiz", "b-define", "Define pain.", "4", "85", "0", ""]
    assert rows[2] == ["Ana Ruiz", "b-steps", "Order the steps.", "2", "60", "1",
                       "2026-03-04: What comes first?"]  # fmt: skip
    assert rows[3][0] == "'=HYPERLINK(1)" and rows[3][4] == ""  # formula-safe; no estimate
    assert target.read_bytes().startswith(b"\xef\xbb\xbf")  # Excel reads it as UTF-8


def test_the_90_day_csv_leaves_out_shares_of_too_few_answers(tmp_path) -> None:
    rows = read_csv(review_export.export_retention_csv(tmp_path / "r.csv", REPORT))
    assert rows[0] == review_export.RETENTION_HEADERS
    assert rows[1] == ["b-define", "Define pain.", "20", "17", "85", "64", "95", ""]
    assert rows[2] == [
        "b-steps",
        "Order the steps.",
        "3",
        "2",
        "",
        "",
        "",
        "not enough answers yet",
    ]
    assert rows[3][1] == "'+Other." and rows[3][2] == "0"


def test_an_existing_file_is_replaced_only_when_asked(tmp_path) -> None:
    target = tmp_path / "o.csv"
    target.write_text("keep me")
    with pytest.raises(OutputFileError, match="exists already"):
        review_export.export_overview_csv(target, ROWS, NAMES)
    assert target.read_text() == "keep me"
    review_export.export_retention_csv(target, REPORT, force=True)
    assert read_csv(target)[0] == review_export.RETENTION_HEADERS


def test_the_words_of_the_report() -> None:
    assert review_export.retention_text(0.853) == "85 %"
    assert review_export.interval_text(REPORT[0]) == "95% interval 64\u201395 %"
    assert review_export.share_text(REPORT[0]) == "85 % right"
    assert review_export.share_text(REPORT[1]) == "not enough answers yet"
    assert review_export.interval_text(REPORT[1]) == ""
    assert review_export.share_text(REPORT[2]) == "no answers yet"


def test_the_printable_report_holds_both_tables_escaped() -> None:
    html = review_export.overview_html(ROWS, NAMES, PRINTED, REPORT)
    assert "Booster reviews" in html and "Retention at 90 days" in html
    assert "Sam Lee" in html and "matching “ana”" in html and "Pain course" in html
    assert "2026-03-04: What comes first?" in html and "85 %" in html
    assert "95% interval 64\u201395 %" in html and "not enough answers yet" in html
    assert html.count("<table") == 2 and html.count("<html>") == 1
    assert "2 learners" in html  # the totals row


def test_a_printable_report_is_a_pdf(tmp_path) -> None:
    from pypdf import PdfReader

    from trainer.ui.pdf import write_pdf

    target = write_pdf(review_export.retention_html(REPORT, PRINTED), tmp_path / "r.pdf")
    text = " ".join(PdfReader(target).pages[0].extract_text().split())
    assert "Retention at 90 days" in text and "Order the steps." in text


def test_the_course_names_its_objectives_and_booster_prompts(write_course) -> None:
    catalog = open_booster_catalog(write_course(booster_course_files()))
    names = review_export.course_names(catalog)
    assert names.objective("b-define") == "Define pain."
    assert names.prompt("b-steps-2") == "Booster 2 on b-steps?"
    assert names.prompt("gone") == "gone" and names.objective("gone") == "gone"


def test_the_file_name_says_what_who_and_when() -> None:
    name = review_export.export_file_name("csv", "booster-reviews", "Sam Lee", WHEN)
    assert name == "booster-reviews-2026-03-04-0930-sam-lee.csv"
