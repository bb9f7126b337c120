"""`trainer org-key`, `trainer export-progress` and `trainer import-progress`: output and exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from trainer import cli
from trainer.cli import admin as cli_admin
from trainer.cli.bundles import run_bundles
from trainer.cli.bundles_parser import BUNDLE_COMMANDS, add_bundle_commands


@pytest.fixture(autouse=True)
def bundle_commands(monkeypatch) -> None:
    """Wire the bundle commands into `trainer` the way cli.py does, unless it already does."""
    commands = next(a for a in cli.build_parser()._actions if a.dest == "command")
    if "export-progress" in commands.choices:  # type: ignore[operator]
        return
    add_admin = cli.add_admin_commands
    run_admin = cli_admin.run_admin

    def add_both(subparsers) -> None:
        add_admin(subparsers)
        add_bundle_commands(subparsers)

    def run_either(args, course_dir, quiz_dir) -> int:
        if args.command in BUNDLE_COMMANDS:
            return run_bundles(args, course_dir, quiz_dir)
        return run_admin(args, course_dir, quiz_dir)

    monkeypatch.setattr(cli, "add_admin_commands", add_both)
    monkeypatch.setattr(cli_admin, "run_admin", run_either)


def run(capsys, *args: str) -> tuple[int, str, str]:
    try:
        code = cli.main(list(args))
    except SystemExit as exit_:
        code = int(exit_.code or 0)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture
def machines(tmp_path: Path, demo_root: Path, capsys):
    """A laptop and an office database with the same organisation key, and a course."""
    content = ["--course", str(demo_root / "curriculum"), "--quizzes", str(demo_root / "quizzes")]
    laptop = ["--db", str(tmp_path / "laptop.sqlite3"), *content]
    office = ["--db", str(tmp_path / "office.sqlite3"), *content]
    key = tmp_path / "north.key"
    assert run(capsys, "org-key", "create", "--out", str(key), "--organisation", "North")[0] == 0
    for machine in (laptop, office):
        assert run(capsys, *machine, "org-key", "install", str(key))[0] == 0
    return laptop, office


def test_org_key_create_install_show_never_prints_the_key(capsys, tmp_path: Path) -> None:
    key = tmp_path / "north.key"
    code, out, _ = run(capsys, "org-key", "create", "--out", str(key), "--organisation", "North")
    secret = json.loads(key.read_text())["key"]
    key_id = json.loads(key.read_text())["key_id"]
    assert code == 0 and out.startswith(f"created the key of North (key id {key_id}) in {key}")
    db = ["--db", str(tmp_path / "t.sqlite3")]
    code, _, err = run(capsys, *db, "org-key", "show")
    assert code == 1
    assert err == (
        "trainer: no organisation key is installed: `trainer org-key install FILE` installs one\n"
    )
    code, out, _ = run(capsys, *db, "org-key", "install", str(key))
    assert code == 0 and out == f"installed the key of North (key id {key_id})\n"
    code, out, _ = run(capsys, *db, "org-key", "show")
    assert code == 0 and out == f"organisation: North\nkey id: {key_id}\n"
    assert secret not in out

    code, _, err = run(capsys, "org-key", "create", "--out", str(key), "--organisation", "North")
    assert code == 1 and err.count("\n") == 1 and "is an organisation key file" in err
    code, _, err = run(capsys, *db, "org-key", "install", str(tmp_path / "missing.key"))
    assert code == 1 and err.startswith("trainer: cannot read")


def test_export_then_import_prints_what_was_added(capsys, machines, tmp_path: Path) -> None:
    laptop, office = machines
    run(capsys, *laptop, "learners", "add", "Ana Ruiz")
    run(capsys, *laptop, "learners", "add", "Bea")
    bundle = tmp_path / "ana.json"
    code, out, _ = run(
        capsys, *laptop, "export-progress", "--out", str(bundle), "--learner", "Ana Ruiz"
    )
    assert code == 0 and out.startswith("wrote 1 profiles, 0 lesson progress,")

    code, out, err = run(capsys, *office, "import-progress", str(bundle))
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0].startswith("ana.json: from installation ")
    assert lines[1:] == ["  profiles: 1 added", "  new profiles: Ana Ruiz"]
    code, out, _ = run(capsys, *office, "import-progress", str(bundle))
    assert code == 0 and out.splitlines()[1] == "  nothing new: everything in it was already here"


def test_a_refused_file_exits_1_but_the_good_ones_are_imported(
    capsys, machines, tmp_path: Path
) -> None:
    laptop, office = machines
    run(capsys, *laptop, "learners", "add", "Ana Ruiz")
    good, bad = tmp_path / "good.json", tmp_path / "bad.json"
    run(capsys, *laptop, "export-progress", "--out", str(good))
    bad.write_text(good.read_text().replace("Ana Ruiz", "Ana Ruis"))

    code, out, err = run(capsys, *office, "import-progress", str(bad), str(good))
    assert code == 1
    assert err.splitlines() == [
        "trainer: bad.json was changed after it was exported (its signature does not match):"
        " nothing was imported; ask for a fresh export",
        "trainer: 1 of 2 files were refused",
    ]
    assert "new profiles: Ana Ruiz" in out
    code, out, _ = run(capsys, *office, "learners", "list")
    assert "Ana Ruiz" in out and "Ana Ruis" not in out


def test_without_a_key_export_is_refused_in_one_line(capsys, demo_root, tmp_path: Path) -> None:
    db = ["--db", str(tmp_path / "t.sqlite3"), "--course", str(demo_root / "curriculum")]
    code, out, err = run(capsys, *db, "export-progress", "--out", str(tmp_path / "x.json"))
    assert (code, out) == (1, "")
    assert err == (
        "trainer: no organisation key is installed here: ask your supervisor for the key file,"
        " then run `trainer org-key install FILE`\n"
    )


def test_usage_errors_exit_2(capsys) -> None:
    assert run(capsys, "import-progress")[0] == 2
    assert run(capsys, "export-progress")[0] == 2
    assert run(capsys, "org-key", "create", "--out", "x.key")[0] == 2
