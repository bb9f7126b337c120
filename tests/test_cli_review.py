"""`trainer review status LEARNER`: due booster items per objective, in text or JSON."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pytest

from tests.services.helpers import passed_the_course
from tests.services.test_reviews import (
    booster_course_files,
    completed_on,
    day_after,
    open_booster_catalog,
)
from tests.test_cli import run
from trainer.services import accounts
from trainer.services.reviews import record_review
from trainer.store.db import open_store


@pytest.fixture
def course_root(write_course) -> Path:
    return write_course(booster_course_files())


@pytest.fixture
def cli(course_root: Path, tmp_path: Path) -> list[str]:
    db = str(tmp_path / "cli.sqlite3")
    course = [
        "--course",
        str(course_root / "curriculum"),
        "--quizzes",
        str(course_root / "quizzes"),
    ]
    return ["--db", db, *course]


@pytest.fixture
def ana_reviewed(cli: list[str], course_root: Path):
    """Ana completed the course and, the day after, answered one item wrongly."""
    store = open_store(cli[1])
    try:
        catalog = open_booster_catalog(course_root)
        ana = passed_the_course(store, catalog)
        completed_at = completed_on(store, catalog, ana)
        first_day = day_after(completed_at)
        record_review(store, catalog, ana, "basics-boosters", "b-steps-1", "b", "sure", first_day)
        accounts.create_learner(store, "Bea Novak")
    finally:
        store.close()
    return completed_at


def test_status_in_json(capsys, cli, ana_reviewed) -> None:
    next_day = (ana_reviewed + timedelta(days=2)).date().isoformat()
    code, out, err = run(capsys, *cli, "review", "status", "Ana Ruiz", "--json", "--on", next_day)
    assert (code, err) == (0, "")
    data = json.loads(out)
    assert (data["learner"], data["on"], data["started"]) == ("Ana Ruiz", next_day, True)
    assert data["due_total"] == 1
    assert data["objectives"] == [{"id": "b-define", "due": 0}, {"id": "b-steps", "due": 1}]
    assert data["next_due"].startswith((ana_reviewed + timedelta(days=2)).date().isoformat())


def test_status_in_text(capsys, cli, ana_reviewed) -> None:
    next_day = (ana_reviewed + timedelta(days=2)).date().isoformat()
    code, out, _ = run(capsys, *cli, "review", "status", "Ana Ruiz", "--on", next_day)
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == f"Ana Ruiz: 1 booster item due on {next_day}"
    assert lines[1] == "  b-steps: 1 due"
    assert lines[2].startswith(f"  next due: {next_day} ")


def test_before_the_first_review_day_it_says_when_reviews_start(capsys, cli, ana_reviewed) -> None:
    same_day = ana_reviewed.date().isoformat()
    code, out, _ = run(capsys, *cli, "review", "status", "Ana Ruiz", "--on", same_day)
    start = (ana_reviewed.date() + timedelta(days=1)).isoformat()
    assert (code, out) == (0, f"Ana Ruiz: booster reviews start on {start}\n")


def test_a_learner_who_has_not_completed_the_course(capsys, cli, ana_reviewed) -> None:
    code, out, _ = run(capsys, *cli, "review", "status", "Bea Novak")
    assert code == 0
    assert out == (
        "Bea Novak: no booster reviews yet: they start the day after the course is complete\n"
    )
    code, out, _ = run(capsys, *cli, "review", "status", "Bea Novak", "--json")
    data = json.loads(out)
    assert (data["started"], data["due_total"], data["next_due"]) == (False, 0, None)


def test_an_unknown_learner_is_refused(capsys, cli, ana_reviewed) -> None:
    code, out, err = run(capsys, *cli, "review", "status", "Nobody")
    assert (code, out) == (1, "")
    assert err == "trainer: no profile `Nobody`: `trainer learners list` shows them\n"


def test_a_date_that_is_no_date_is_a_usage_error(capsys, cli) -> None:
    code, _, err = run(capsys, *cli, "review", "status", "Ana Ruiz", "--on", "03/12/2026")
    assert code == 2 and "`03/12/2026` is not a date: write YYYY-MM-DD" in err


def test_a_course_without_booster_reviews_says_so(capsys, write_course, tmp_path) -> None:
    root = write_course(booster_course_files(review=False))
    db = str(tmp_path / "plain.sqlite3")
    store = open_store(db)
    try:
        accounts.create_learner(store, "Cy")
    finally:
        store.close()
    course = ["--course", str(root / "curriculum"), "--quizzes", str(root / "quizzes")]
    code, out, _ = run(capsys, "--db", db, *course, "review", "status", "Cy")
    assert (code, out) == (0, "Cy: this course has no booster reviews\n")
