"""Output files of `trainer`: never an existing file without --force, never the database or
a key file, never a partial file, readable by their owner only."""

from __future__ import annotations

import json
import os
import stat
import sys
from pathlib import Path

import pytest

from tests.services.helpers import passed_the_course
from trainer.cli import main
from trainer.services.catalog import open_catalog


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def leftovers(folder: Path) -> list[str]:
    """Temporary files a write left behind."""
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".part"))


@pytest.fixture
def machine(tmp_path: Path, demo_root: Path, capsys) -> list[str]:
    """`trainer` options for a database with the organisation key and Ana, who finished
    the demo course."""
    db = tmp_path / "cli.sqlite3"
    options = [
        "--db", str(db),
        "--course", str(demo_root / "curriculum"), "--quizzes", str(demo_root / "quizzes"),
    ]  # fmt: skip
    key = tmp_path / "north.key"
    assert run(capsys, "org-key", "create", "--out", str(key), "--organisation", "North")[0] == 0
    assert run(capsys, *options, "org-key", "install", str(key))[0] == 0
    from trainer.store.db import open_store

    store = open_store(str(db))
    catalog = open_catalog(demo_root / "curriculum", demo_root / "quizzes")
    passed_the_course(store, catalog)
    store.close()
    return options


def database_is_intact(capsys, options: list[str]) -> None:
    code, out, err = run(capsys, *options, "db", "check")
    assert (code, err) == (0, "") and "1 profiles" in out


COMMANDS = {
    "export-progress": ["export-progress", "--out"],
    "report": ["report", "--out"],
    "certificate": ["certificate", "issue", "Ana Ruiz", "--out"],
}


@pytest.mark.parametrize("command", COMMANDS)
def test_an_existing_file_is_replaced_only_with_force(
    capsys, machine, tmp_path: Path, command: str
) -> None:
    target = tmp_path / "mine.out"
    target.write_text("a file of mine")
    code, out, err = run(capsys, *machine, *COMMANDS[command], str(target))
    assert (code, out) == (1, "")
    assert err == (
        f"trainer: {target} exists already: choose another name, or add --force to replace it\n"
    )
    assert target.read_text() == "a file of mine"

    code, out, err = run(capsys, *machine, *COMMANDS[command], str(target), "--force")
    assert (code, err) == (0, "") and str(target) in out
    assert target.read_bytes() != b"a file of mine" and leftovers(tmp_path) == []
    if os.name == "posix":
        assert mode(target) == 0o600


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("ending", ["", "-wal", "-shm", "-journal"])
def test_the_live_database_is_never_written_over_even_with_force(
    capsys, machine, command: str, ending: str
) -> None:
    database = Path(machine[1])
    target = database.with_name(database.name + ending)
    before = database.read_bytes()
    code, out, err = run(capsys, *machine, *COMMANDS[command], str(target), "--force")
    assert (code, out) == (1, "")
    assert err == (
        f"trainer: {target} is the app's database (or one of its files): it is never written"
        " over; choose another name\n"
    )
    assert database.read_bytes() == before
    database_is_intact(capsys, machine)


def test_the_database_by_another_name_is_refused_too(capsys, machine, tmp_path: Path) -> None:
    database = Path(machine[1])
    link = tmp_path / "progress-link.json"
    link.symlink_to(database)
    code, _, err = run(capsys, *machine, "export-progress", "--out", str(link), "--force")
    assert code == 1 and "is the app's database" in err
    database_is_intact(capsys, machine)


def test_a_key_file_is_never_written_over(capsys, machine, tmp_path: Path) -> None:
    key = tmp_path / "north.key"
    text = key.read_text()
    code, _, err = run(capsys, *machine, "export-progress", "--out", str(key), "--force")
    assert (code, err) == (
        1,
        f"trainer: {key} is an organisation key file: it is never written over;"
        " choose another name\n",
    )
    assert key.read_text() == text


def test_org_key_create_never_writes_over_the_database(capsys, machine) -> None:
    database = Path(machine[1])
    before = database.read_bytes()
    code, _, err = run(
        capsys, "--db", str(database), "org-key", "create", "--out", str(database),
        "--organisation", "South",
    )  # fmt: skip
    assert code == 1 and err.startswith(f"trainer: {database} is the app's database")
    assert database.read_bytes() == before
    database_is_intact(capsys, machine)


@pytest.mark.parametrize("command", COMMANDS)
def test_a_write_that_cannot_happen_exits_1_and_leaves_nothing(
    capsys, machine, tmp_path: Path, command: str
) -> None:
    folder = tmp_path / "a-folder"
    folder.mkdir()
    cases = {
        tmp_path / "missing" / "out.file": f"the folder {tmp_path / 'missing'} does not exist:"
        " create it first",
        folder: f"{folder} is a folder: choose a file name inside it",
    }
    for target, message in cases.items():
        code, out, err = run(capsys, *machine, *COMMANDS[command], str(target))
        assert (code, out, err) == (1, "", f"trainer: {message}\n")
    assert list(folder.iterdir()) == [] and not (tmp_path / "missing").exists()
    assert leftovers(tmp_path) == []


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="/proc is Linux's")
@pytest.mark.parametrize("command", COMMANDS)
def test_a_failed_write_says_why(capsys, machine, command: str) -> None:
    target = Path("/proc/trainer-output.file")
    code, out, err = run(capsys, *machine, *COMMANDS[command], str(target))
    assert (code, out) == (1, "")
    assert err.startswith(f"trainer: could not write {target}: ") and err.count("\n") == 1
    assert not target.exists()


def test_a_certificate_that_cannot_be_written_is_not_reported_as_written(
    capsys, machine, tmp_path: Path, monkeypatch
) -> None:
    def disk_full(*_args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", disk_full)
    target = tmp_path / "certificate.pdf"
    code, out, err = run(capsys, *machine, *COMMANDS["certificate"], str(target))
    assert (code, out) == (1, "")
    assert err == f"trainer: could not write {target}: No space left on device\n"
    assert not target.exists() and leftovers(tmp_path) == []


def test_a_failed_replace_keeps_the_old_file_whole(
    capsys, machine, tmp_path: Path, monkeypatch
) -> None:
    target = tmp_path / "report.json"
    target.write_text("the old report")

    def interrupted(*_args: object) -> None:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(os, "replace", interrupted)
    code, _, err = run(capsys, *machine, "report", "--format", "json", "--out", str(target),
                       "--force")  # fmt: skip
    assert (code, err) == (1, f"trainer: could not write {target}: Input/output error\n")
    assert target.read_text() == "the old report" and leftovers(tmp_path) == []


@pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")
def test_new_output_files_are_readable_by_their_owner_only(capsys, machine, tmp_path: Path) -> None:
    outputs = {
        "bundle.json.gz": ["export-progress", "--out"],
        "report.csv": ["report", "--out"],
        "report.json": ["report", "--format", "json", "--out"],
        "certificate.pdf": ["certificate", "issue", "Ana Ruiz", "--out"],
    }
    for name, command in outputs.items():
        assert run(capsys, *machine, *command, str(tmp_path / name))[0] == 0, name
        assert mode(tmp_path / name) == 0o600, name
    assert (tmp_path / "certificate.pdf").read_bytes().startswith(b"%PDF")
    assert json.loads((tmp_path / "report.json").read_text())[0]["learner"] == "Ana Ruiz"
    assert mode(tmp_path / "north.key") == 0o600
