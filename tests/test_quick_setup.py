"""./run skips scripts/setup.sh when nothing it depends on changed (scripts/quick-setup.sh),
shown on a copy of ./run and the quick check beside a fake setup that logs its calls."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from trainer.paths import PROJECT_ROOT

FAKE_SETUP = """\
#!/usr/bin/env bash
set -euo pipefail
cd "$(dirname "$0")/.."
echo "setup $*" >>setup.log
[ ! -f fail ]
mkdir -p .venv/bin
printf '#!/bin/sh\\necho "trainer $*"\\n' >.venv/bin/trainer
chmod +x .venv/bin/trainer
scripts/quick-setup.sh --stamp
"""


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "scripts").mkdir()
    shutil.copy2(PROJECT_ROOT / "run", tmp_path / "run")
    shutil.copy2(PROJECT_ROOT / "scripts" / "quick-setup.sh", tmp_path / "scripts")
    setup = tmp_path / "scripts" / "setup.sh"
    setup.write_text(FAKE_SETUP, encoding="utf-8")
    setup.chmod(0o755)
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n', encoding="utf-8")
    return tmp_path


def run(project: Path) -> tuple[int, str]:
    """./run --version: its exit code and how many times setup has run so far."""
    done = subprocess.run(
        [str(project / "run"), "--version"], capture_output=True, text=True, timeout=30
    )
    if done.returncode == 0:
        assert done.stdout == "trainer --version\n"
    log = project / "setup.log"
    return done.returncode, log.read_text(encoding="utf-8").count("setup") if log.exists() else 0


def test_setup_runs_the_first_time_and_not_again(project: Path) -> None:
    assert run(project) == (0, 1)
    assert run(project) == (0, 1)


def test_a_changed_pyproject_runs_setup_again(project: Path) -> None:
    run(project)
    with (project / "pyproject.toml").open("a", encoding="utf-8") as pyproject:
        pyproject.write('dependencies = ["new"]\n')
    assert run(project) == (0, 2)
    assert run(project) == (0, 2)


def test_a_changed_setup_script_runs_it_again(project: Path) -> None:
    run(project)
    with (project / "scripts" / "setup.sh").open("a", encoding="utf-8") as setup:
        setup.write("# installs one more thing\n")
    assert run(project) == (0, 2)


def test_a_missing_trainer_runs_setup_again(project: Path) -> None:
    run(project)
    (project / ".venv" / "bin" / "trainer").unlink()
    assert run(project) == (0, 2)


def test_a_failed_setup_leaves_no_stamp(project: Path) -> None:
    run(project)
    (project / "pyproject.toml").write_text('[project]\nname = "y"\n', encoding="utf-8")
    (project / "fail").touch()
    assert run(project)[0] != 0
    (project / "fail").unlink()
    assert run(project) == (0, 3)  # the failure stamped nothing: setup runs again


def test_the_real_setup_writes_the_stamp_last() -> None:
    lines = (PROJECT_ROOT / "scripts" / "setup.sh").read_text(encoding="utf-8").splitlines()
    assert lines[-1] == "scripts/quick-setup.sh --stamp"
    assert "set -euo pipefail" in lines  # a step that fails stops it before the stamp
