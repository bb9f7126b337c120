"""The app's log: what an administrator reads in it, and what a person never sees."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from trainer.cli import main
from trainer.services import app_log, database


def run(capsys, *args: str) -> tuple[int, str, str]:
    try:
        code = main(list(args))
    except SystemExit as exit_:
        code = int(exit_.code or 0)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def log_lines() -> list[str]:
    return app_log.log_file().read_text(encoding="utf-8").splitlines()


def test_the_log_lives_in_the_log_folder_or_where_trainer_log_dir_says(
    tmp_path: Path, monkeypatch
) -> None:
    monkeypatch.delenv("TRAINER_LOG_DIR")
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    assert app_log.log_file() == tmp_path / "state" / "pain-oud-trainer" / "log" / "trainer.log"
    monkeypatch.setenv("TRAINER_LOG_DIR", str(tmp_path / "elsewhere"))
    assert app_log.setup_logging() == tmp_path / "elsewhere" / "trainer.log"
    logging.getLogger("trainer.test").info("written where the setting says")
    assert "written where the setting says" in log_lines()[-1]


def test_an_administrator_reads_what_the_command_did(capsys, demo_root: Path, tmp_path) -> None:
    content = ["--course", str(demo_root / "curriculum"), "--quizzes", str(demo_root / "quizzes")]
    office_db, laptop_db = tmp_path / "office.sqlite3", tmp_path / "laptop.sqlite3"
    office, laptop = ["--db", str(office_db), *content], ["--db", str(laptop_db), *content]
    key, bundle = tmp_path / "north.key", tmp_path / "ana.json"
    assert run(capsys, "org-key", "create", "--out", str(key), "--organisation", "North")[0] == 0
    for machine in (office, laptop):
        assert run(capsys, *machine, "org-key", "install", str(key))[0] == 0
    assert run(capsys, *laptop, "learners", "add", "Ana Ruiz")[0] == 0
    assert run(capsys, *laptop, "export-progress", "--out", str(bundle))[0] == 0
    assert run(capsys, *office, "import-progress", str(bundle))[0] == 0
    assert run(capsys, *office, "db", "backup")[0] == 0
    assert run(capsys, *office, "db", "restore")[0] == 0

    info = [line for line in log_lines() if " INFO " in line]
    expected = [
        f"database {office_db} created at schema 0",
        f"database opened: {office_db}",
        "organisation key installed: North (key id",
        "bundle imported: ana.json: from installation",
        "profiles: 1 added",
        f"backup taken (manual) of {office_db}",
        f"restored {office_db.parent / 'backups'}",
    ]
    for text in expected:
        assert any(text in line for line in info), text
    assert not any("Traceback" in line for line in log_lines())


def test_a_database_password_never_reaches_the_log(tmp_path: Path) -> None:
    app_log.setup_logging()
    url = "postgresql+psycopg://ann:s3cret-pw@127.0.0.1:1/training?connect_timeout=2"
    with pytest.raises(database.StoreError):
        database.open_database(url)
    assert database.database_location(url) == (
        "postgresql+psycopg://ann:***@127.0.0.1:1/training?connect_timeout=2"
    )
    text = app_log.log_file().read_text(encoding="utf-8")
    assert "not opened" in text and "ann:***@127.0.0.1" in text
    assert "s3cret-pw" not in text


def test_an_unexpected_error_in_a_command_is_one_line_and_the_log_has_the_traceback(
    capsys, demo_root: Path, monkeypatch
) -> None:
    def broken(*_args, **_kwargs):
        raise KeyError("lesson index went missing")

    monkeypatch.setattr("trainer.services.validation.validate", broken)
    code, out, err = run(
        capsys, "validate", "--course", str(demo_root / "curriculum"),
        "--quizzes", str(demo_root / "quizzes"),
    )  # fmt: skip
    assert code == 1 and out == ""
    assert err == (
        "trainer: an unexpected error stopped this (KeyError: 'lesson index went missing');"
        f" nothing saved was lost; the details are in {app_log.log_file()}\n"
    )
    text = app_log.log_file().read_text(encoding="utf-8")
    assert "ERROR" in text and "trainer validate failed unexpectedly" in text
    assert "Traceback (most recent call last)" in text
    assert "KeyError: 'lesson index went missing'" in text and "in broken" in text


def test_a_log_folder_that_cannot_be_made_leaves_the_command_working(
    capsys, demo_root: Path, tmp_path: Path, monkeypatch
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("TRAINER_LOG_DIR", str(blocker / "log"))
    code, out, err = run(
        capsys, "validate", "--course", str(demo_root / "curriculum"),
        "--quizzes", str(demo_root / "quizzes"),
    )  # fmt: skip
    assert code == 0 and out.startswith("no problems") and err == ""
