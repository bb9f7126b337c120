"""`trainer report retention`: booster answers 80 to 100 days after completion, per
objective, with the share right and its 95% interval, in text, JSON or a CSV file."""

from __future__ import annotations

import csv
import json
from datetime import timedelta
from pathlib import Path

import pytest

from tests.services.helpers import passed_the_course
from tests.services.test_reviews import booster_course_files, completed_on, open_booster_catalog
from tests.test_cli import run
from trainer.services.reviews import record_review
from trainer.store.db import open_store

QUIZ = "basics-boosters"


@pytest.fixture
def course_root(write_course) -> Path:
    return write_course(booster_course_files())


@pytest.fixture
def cli(course_root: Path, tmp_path: Path) -> list[str]:
    course = [
        "--course",
        str(course_root / "curriculum"),
        "--quizzes",
        str(course_root / "quizzes"),
    ]
    return ["--db", str(tmp_path / "cli.sqlite3"), *course]


@pytest.fixture
def answered(cli: list[str], course_root: Path) -> None:
    """Ana's answers 81 to 85 days after completion: four of five right on b-define, one
    of two on b-steps; and one on day 40, outside the window."""
    store = open_store(cli[1])
    try:
        catalog = open_booster_catalog(course_root)
        ana = passed_the_course(store, catalog)
        done = completed_on(store, catalog, ana)
        answers = [("b-define-1", "a"), ("b-define-2", "a"), ("b-define-3", "b"),
                   ("b-define-1", "a"), ("b-define-2", "a"), ("b-steps-1", "a"),
                   ("b-steps-2", "b")]  # fmt: skip
        record_review(
            store, catalog, ana, QUIZ, "b-steps-3", "a", "sure", done + timedelta(days=40)
        )
        for n, (question, answer) in enumerate(answers):
            moment = done + timedelta(days=81 + n // 2, minutes=n)
            record_review(store, catalog, ana, QUIZ, question, answer, "fairly_sure", moment)
    finally:
        store.close()


def test_the_report_in_text(capsys, cli, answered) -> None:
    code, out, err = run(capsys, *cli, "report", "retention")
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0].startswith("Retention at 90 days")
    assert (
        "  b-define: 5 answers, 80 % right, 95% interval 37\u201397 %" in lines
    )  # rounded outward
    assert "  b-steps: 2 answers: not enough answers yet" in lines


def test_the_report_in_json(capsys, cli, answered) -> None:
    code, out, err = run(capsys, *cli, "report", "retention", "--json")
    assert (code, err) == (0, "")
    define, steps = json.loads(out)
    assert (define["objective"], define["answers"], define["right"]) == ("b-define", 5, 4)
    assert define["share"] == pytest.approx(0.8) and define["enough_answers"] is True
    low, high = define["interval_95"]
    assert low == pytest.approx(0.376, abs=0.001) and high == pytest.approx(0.964, abs=0.001)
    assert (steps["answers"], steps["right"], steps["enough_answers"]) == (2, 1, False)


def test_the_report_as_csv_never_replaces_a_file_unasked(capsys, cli, answered, tmp_path) -> None:
    target = tmp_path / "retention.csv"
    code, out, err = run(capsys, *cli, "report", "retention", "--csv", str(target))
    assert (code, err) == (0, "") and f"written to {target}" in out
    with target.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0][:4] == [
        "Objective",
        "Objective text",
        "Answers 80-100 days after completion",
        "Right",
    ]
    assert rows[1] == ["b-define", "Define pain.", "5", "4", "80", "37", "97", ""]
    assert rows[2][-1] == "not enough answers yet"
    code, out, err = run(capsys, *cli, "report", "retention", "--csv", str(target))
    assert code == 1 and "exists already" in err and out == ""
    code, _, err = run(capsys, *cli, "report", "retention", "--csv", str(target), "--force")
    assert (code, err) == (0, "")


def test_no_answers_yet_and_the_grid_report_still_works(capsys, cli) -> None:
    code, out, err = run(capsys, *cli, "report", "retention")
    assert (code, err) == (0, "") and "  b-define: no answers yet" in out
    code, out, err = run(capsys, *cli, "report", "--format", "json")
    assert (code, err, json.loads(out)) == (0, "", [])


def test_a_course_without_reviews_says_so(capsys, write_course, tmp_path) -> None:
    root = write_course(booster_course_files(review=False))
    course = ["--course", str(root / "curriculum"), "--quizzes", str(root / "quizzes")]
    code, out, _ = run(capsys, "--db", str(tmp_path / "x.sqlite3"), *course, "report", "retention")
    assert code == 0 and "no booster reviews" in out


def test_a_missing_folder_is_refused(capsys, cli, tmp_path) -> None:
    target = tmp_path / "nowhere" / "r.csv"
    code, out, err = run(capsys, *cli, "report", "retention", "--csv", str(target))
    assert (code, out) == (1, "") and err.startswith("trainer: ") and "does not exist" in err
