"""`trainer import-progress` and `trainer org-key install` given hostile files: one line on
stderr naming each refused file, exit 1, and the good files of the same command imported."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.services.test_hostile_bundles import gzip_bomb, nested
from tests.test_cli_bundles import bundle_commands, machines, run
from tests.timeouts import within

__all__ = ["bundle_commands", "machines"]  # fixtures used here


def test_hostile_bundles_are_refused_and_the_good_one_imported(
    capsys, machines, tmp_path: Path
) -> None:
    laptop, office = machines
    run(capsys, *laptop, "learners", "add", "Ana Ruiz")
    good = tmp_path / "good.json"
    run(capsys, *laptop, "export-progress", "--out", str(good))
    deep = tmp_path / "deep.json"
    deep.write_bytes(nested(200_000))
    bomb = gzip_bomb(tmp_path / "bomb.json.gz", 110)
    files = [str(bomb), str(deep), str(good)]
    if hasattr(os, "mkfifo"):
        os.mkfifo(tmp_path / "pipe.json")
        files.append(str(tmp_path / "pipe.json"))

    with within(60):
        code, out, err = run(capsys, *office, "import-progress", *files)
    assert code == 1
    lines = err.splitlines()
    assert lines[0] == (
        "trainer: bomb.json.gz was not imported: it unpacks to more than 100 MB,"
        " far more than any progress bundle"
    )
    assert lines[1].startswith("trainer: deep.json was not imported: its data is nested")
    assert lines[-1] == f"trainer: {len(files) - 1} of {len(files)} files were refused"
    assert "Traceback" not in err
    assert "new profiles: Ana Ruiz" in out


@pytest.mark.parametrize(
    "data",
    [
        nested(100_000),
        b'{"format": "pain-oud-trainer-org-key", "key": ' + b"[" * 900 + b"]" * 900 + b"}",
    ],
    ids=["deep JSON", "a deep key value"],
)
def test_a_hostile_key_file_is_refused_in_one_line(capsys, tmp_path: Path, data: bytes) -> None:
    key = tmp_path / "odd.key"
    key.write_bytes(data)
    code, _, err = run(capsys, "--db", str(tmp_path / "t.sqlite3"), "org-key", "install", str(key))
    assert code == 1 and err.count("\n") == 1 and str(key) in err


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_pipe_as_key_file_is_refused_not_waited_on(capsys, tmp_path: Path) -> None:
    pipe = tmp_path / "pipe.key"
    os.mkfifo(pipe)
    with within(20):
        code, _, err = run(
            capsys, "--db", str(tmp_path / "t.sqlite3"), "org-key", "install", str(pipe)
        )
    assert code == 1 and "is not an organisation key file" in err
