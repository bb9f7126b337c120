"""The completion report, the evaluation, and the admin commands of `trainer`."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from tests.conftest import EVALUATION
from tests.services.helpers import passed_the_course, read_module, take_quiz
from trainer.cli import main
from trainer.services import accounts, reports
from trainer.services.catalog import open_catalog
from trainer.services.errors import ServiceError
from trainer.services.evaluation import submit_evaluation
from trainer.services.learner_grid import learner_grid
from trainer.store import migrate


def test_report_rows_are_stable_and_say_where_each_learner_is(store, catalog) -> None:
    done = accounts.create_learner(store, "Bea", organisation="North")
    started = accounts.create_learner(store, "ana")
    accounts.create_learner(store, "Sam", role="supervisor", password="long enough")
    take_quiz(store, catalog, done.id, "pretest")
    read_module(store, catalog, done.id, "basics", seconds=120)
    take_quiz(store, catalog, done.id, "basics-quiz", right=False)
    take_quiz(store, catalog, done.id, "basics-quiz")
    read_module(store, catalog, started.id, "basics", seconds=60)
    rows = reports.completion_grid(store, catalog)
    assert [(r.learner, r.module_id) for r in rows] == [("ana", "basics"), ("Bea", "basics")]
    ana, bea = rows
    assert (ana.completion, ana.success, ana.best_percent, ana.lessons_read) == (
        "incomplete",
        "unknown",
        None,
        2,
    )
    assert (bea.completion, bea.success, bea.best_percent) == ("completed", "passed", 100.0)
    assert bea.active_seconds // 60 == 4 and bea.completed_on and bea.organisation == "North"
    assert reports.grid_as_json(rows) == reports.grid_as_json(
        reports.completion_grid(store, catalog)
    )
    report = reports.report_csv(learner_grid(store, catalog), catalog)
    assert report == reports.report_csv(learner_grid(store, catalog), catalog)
    parsed = list(csv.DictReader(io.StringIO(report)))
    assert parsed[1]["1. Basics: best %"] == "100" and parsed[0]["1. Basics: best %"] == ""


def test_out_of_attempts_is_a_failure(store, catalog) -> None:
    learner = accounts.create_learner(store, "Ana")
    take_quiz(store, catalog, learner.id, "basics-quiz", right=False)
    take_quiz(store, catalog, learner.id, "basics-quiz", right=False)
    [row] = reports.completion_grid(store, catalog)
    assert (row.completion, row.success) == ("incomplete", "failed")


def test_evaluation_is_checked_and_required_for_completion(store, write_course) -> None:
    root = write_course({"curriculum/evaluation.yaml": EVALUATION})
    catalog = open_catalog(root / "curriculum", root / "quizzes")
    assert catalog.problems == () and catalog.course.evaluation is not None
    learner = accounts.create_learner(store, "Ana")
    take_quiz(store, catalog, learner.id, "pretest")
    read_module(store, catalog, learner.id, "basics")
    take_quiz(store, catalog, learner.id, "basics-quiz")
    take_quiz(store, catalog, learner.id, "posttest")
    from trainer.services.completion import course_status

    assert course_status(store, catalog, learner.id).completed_at is None
    with pytest.raises(ServiceError, match="please answer: The content was relevant"):
        submit_evaluation(store, catalog, learner.id, {"recommend": True})
    with pytest.raises(ServiceError, match="needs a rating from 1 to 5"):
        submit_evaluation(store, catalog, learner.id, {"relevance": 9, "recommend": True})
    submit_evaluation(
        store, catalog, learner.id, {"relevance": 5, "recommend": True, "comments": "Useful"}
    )
    assert course_status(store, catalog, learner.id).completed_at is not None
    with pytest.raises(ServiceError, match="submitted already"):
        submit_evaluation(store, catalog, learner.id, {"relevance": 4, "recommend": True})


def run(capsys, *args: str, stdin: str | None = None, monkeypatch=None) -> tuple[int, str, str]:
    if stdin is not None:
        monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture
def cli(demo_root: Path, tmp_path: Path):
    db = str(tmp_path / "cli.sqlite3")
    course = ["--course", str(demo_root / "curriculum"), "--quizzes", str(demo_root / "quizzes")]
    return ["--db", db, *course]


def test_admin_cli_round_trip(capsys, monkeypatch, cli, tmp_path: Path) -> None:
    code, out, _ = run(capsys, *cli, "learners", "add", "Ana Ruiz", "--credential", "LADC-1")
    assert code == 0 and out.startswith("added learner Ana Ruiz (")
    code, _, err = run(
        capsys,
        *cli,
        "learners",
        "add",
        "Sam",
        "--role",
        "supervisor",
        "--password-stdin",
        stdin="short\n",
        monkeypatch=monkeypatch,
    )
    assert (
        code == 1
        and err
        == "trainer: trainer and supervisor profiles need a password of at least 8 characters\n"
    )
    code, out, _ = run(capsys, *cli, "learners", "list", "--json")
    assert code == 0 and [p["display_name"] for p in json.loads(out)] == ["Ana Ruiz"]
    code, out, _ = run(capsys, *cli, "progress", "Ana Ruiz", "--json")
    data = json.loads(out)
    assert data["completion"] == "not_attempted" and data["modules"][0]["module_id"] == "basics"
    code, out, _ = run(capsys, *cli, "progress", "Ana Ruiz")
    assert "1. Basics: Locked; lessons 0 of 2 read; best score not taken; time 0 min" in out
    report = tmp_path / "report.csv"
    code, out, _ = run(capsys, *cli, "report", "--out", str(report))
    first = report.read_text()
    run(capsys, *cli, "report", "--out", str(report), "--force")
    assert code == 0 and report.read_text() == first and first.count("\n") == 2
    code, out, _ = run(capsys, *cli, "report", "--format", "json")
    assert json.loads(out)[0]["learner"] == "Ana Ruiz"
    code, _, err = run(
        capsys, *cli, "certificate", "issue", "Ana Ruiz", "--out", str(tmp_path / "c.pdf")
    )
    assert code == 1 and err.startswith("trainer: the course is not complete yet")
    code, _, err = run(capsys, *cli, "certificate", "verify", "0000-0000-0000")
    assert code == 1 and "no certificate with code" in err
    code, _, err = run(capsys, *cli, "progress", "Nobody")
    assert code == 1 and err == "trainer: no profile `Nobody`: `trainer learners list` shows them\n"


def test_certificate_issue_and_verify_from_the_cli(
    capsys, cli, demo_root: Path, tmp_path: Path
) -> None:
    from trainer.store.db import open_store

    store = open_store(cli[1])
    catalog = open_catalog(demo_root / "curriculum", demo_root / "quizzes")
    passed_the_course(store, catalog)
    store.close()
    pdf = tmp_path / "out" / "certificate.pdf"
    code, _, err = run(capsys, *cli, "certificate", "issue", "Ana Ruiz", "--out", str(pdf))
    assert (code, err) == (1, f"trainer: the folder {pdf.parent} does not exist: create it first\n")
    pdf.parent.mkdir()
    code, out, _ = run(capsys, *cli, "certificate", "issue", "Ana Ruiz", "--out", str(pdf))
    assert code == 0 and pdf.read_bytes().startswith(b"%PDF")
    code_text = out.split()[1]
    code, out, _ = run(capsys, *cli, "certificate", "verify", code_text)
    assert code == 0 and out.startswith("valid: Ana Ruiz completed Demo course (version 1.0.0)")


def test_db_commands(capsys, cli, tmp_path: Path) -> None:
    run(capsys, *cli, "learners", "add", "Ana")
    code, out, _ = run(capsys, *cli, "db", "check")
    assert code == 0 and out.startswith("ok: ") and "1 profiles" in out
    code, out, _ = run(capsys, *cli, "db", "backup")
    assert code == 0 and out.startswith("backed up to ")
    run(capsys, *cli, "learners", "add", "Bea")
    code, out, _ = run(capsys, *cli, "db", "backups")
    assert code == 0 and "manual" in out
    code, out, _ = run(capsys, *cli, "db", "restore")
    assert code == 0 and "the state before the restore was saved as" in out
    code, out, _ = run(capsys, *cli, "learners", "list")
    assert "Ana" in out and "Bea" not in out
    code, out, _ = run(capsys, *cli, "db", "upgrade")
    assert code == 0 and f"is at schema {migrate.head_revision()}" in out


def test_usage_errors_exit_two(capsys, cli) -> None:
    with pytest.raises(SystemExit) as exit_:
        main([*cli, "learners", "add", "Ana", "--role", "boss"])
    assert exit_.value.code == 2


def test_a_supervisor_sets_and_resets_passwords_from_the_cli(capsys, monkeypatch, cli) -> None:
    def learners(*args: str, stdin: str | None = None) -> tuple[int, str, str]:
        return run(capsys, *cli, "learners", *args, stdin=stdin, monkeypatch=monkeypatch)

    code, _, err = learners("add", "Sam Lee", "--role", "supervisor")
    assert code == 2 and "pass --password-stdin and type the password" in err
    assert err.startswith("trainer: a supervisor profile needs a password")
    assert learners("add", "Sam Lee", "--role", "supervisor", "--password-stdin",
                    stdin="first password\n")[0] == 0  # fmt: skip
    learners("add", "Ana Ruiz")

    code, out, err = learners("set-password", "Sam Lee", "--password-stdin", stdin="new secret\n")
    assert code == 0 and out.startswith("password set for supervisor Sam Lee (") and err == ""
    from trainer.store.db import open_store

    store = open_store(cli[1])
    sam = accounts.find_learner(store, "Sam Lee")
    assert accounts.authenticate(store, sam.id, "new secret").id == sam.id
    store.close()

    code, _, err = learners("set-password", "Sam Lee", "--password-stdin", stdin="short\n")
    assert (code, err) == (
        1,
        "trainer: trainer and supervisor profiles need a password of at least 8 characters\n",
    )
    code, _, err = learners("set-password", "Ana Ruiz", "--password-stdin", stdin="long enough\n")
    assert code == 1 and err.startswith("trainer: Ana Ruiz is a learner profile, which opens")
    with pytest.raises(SystemExit) as exit_:
        main([*cli, "learners", "set-password", "Sam Lee"])
    assert exit_.value.code == 2 and "--password-stdin" in capsys.readouterr().err


def test_names_are_checked_and_a_namesake_is_a_warning(capsys, cli) -> None:
    code, _, err = run(capsys, *cli, "learners", "add", "Ana\nRuiz")
    assert code == 1 and "a name cannot hold a line break, tab or other control character" in err
    code, _, err = run(capsys, *cli, "learners", "add", "x" * 5000)
    assert code == 1 and err.startswith("trainer: a name can be at most 100 characters")
    code, _, err = run(capsys, *cli, "learners", "add", "Ana", "--organisation", "\u202eNorth")
    assert code == 1 and "an organisation cannot hold an invisible direction mark" in err

    code, out, err = run(capsys, *cli, "learners", "add", "  Ana Ruiz  ")
    assert code == 0 and out.startswith("added learner Ana Ruiz (") and err == ""
    code, out, err = run(capsys, *cli, "learners", "add", "ana ruiz")
    assert code == 0 and err == (
        "warning: another profile is called ana ruiz; add a credential or organisation"
        " to tell them apart\n"
    )
    new_id = out.split("(")[1].rstrip(")\n")
    code, _, err = run(capsys, *cli, "learners", "rename", new_id, "Ana Ruiz Diaz")
    assert code == 0 and err == ""
    code, _, err = run(capsys, *cli, "learners", "rename", new_id, "ANA RUIZ")
    assert code == 0 and err.startswith("warning: another profile is called ANA RUIZ;")
    code, _, err = run(capsys, *cli, "learners", "rename", new_id, "Ana\tRuiz")
    assert code == 1 and "cannot hold a line break, tab" in err


def test_a_short_id_prefix_says_how_long_it_must_be(capsys, cli) -> None:
    code, out, _ = run(capsys, *cli, "learners", "add", "Ana")
    prefix = out.split("(")[1][:5]
    code, _, err = run(capsys, *cli, "progress", prefix)
    assert code == 1 and err == (
        f"trainer: no profile `{prefix}` (an id prefix needs at least 6 characters):"
        " `trainer learners list` shows them\n"
    )


@pytest.mark.parametrize("code", ["", "  ", "—"])
def test_verifying_no_code_is_a_usage_error(capsys, cli, code: str) -> None:
    with pytest.raises(SystemExit) as exit_:
        main([*cli, "certificate", "verify", code])
    assert exit_.value.code == 2
    assert "give the 12-character code printed on the certificate" in capsys.readouterr().err


def test_output_into_a_closed_pipe_ends_quietly(cli, tmp_path: Path) -> None:
    """`trainer progress NAME --json | head`: head stops reading; no traceback, no "error"."""
    import os
    import subprocess
    import sys

    assert main([*cli, "learners", "add", "Ana Ruiz"]) == 0
    for args in (["progress", "Ana Ruiz", "--json"], ["report", "--format", "json"]):
        reader, writer = os.pipe()
        os.close(reader)  # the reader has gone before the first line is written
        done = subprocess.run(
            [sys.executable, "-m", "trainer", *cli, *args],
            stdout=writer, stderr=subprocess.PIPE, text=True, timeout=120,
        )  # fmt: skip
        os.close(writer)
        assert (done.returncode, done.stderr) == (141, ""), args
