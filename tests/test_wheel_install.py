"""A built wheel installed in a clean venv runs from any folder, with the course it
carries (issue 13): no checkout around it, no editable install."""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
from pathlib import Path

from trainer import __version__
from trainer.cli import main
from trainer.paths import PROJECT_ROOT


def _build_wheel(out: Path) -> Path:
    # pip's own isolated build, as `pip install .` does; setuptools comes from pip's cache
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            str(PROJECT_ROOT),
            "--no-deps",
            "-q",
            "-w",
            str(out),
        ],
        check=True,
        timeout=180,
    )
    (wheel,) = out.glob("pain_oud_trainer-*.whl")
    return wheel


def _clean_venv(root: Path, wheel: Path) -> Path:
    """A venv holding the wheel alone; its dependencies (PySide6 is 100 MB) are lent by
    this venv's site-packages through a .pth line, which appends the folder to sys.path
    without running that folder's own .pth files: the checkout's editable install stays out."""
    venv = root / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "--python",
            str(python),
            "install",
            "-q",
            "--no-deps",
            str(wheel),
        ],
        check=True,
        timeout=180,
    )
    site_packages = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    Path(site_packages, "borrowed-dependencies.pth").write_text(
        sysconfig.get_path("purelib") + "\n", encoding="utf-8"
    )
    return venv


def _run(venv: Path, cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith("PYTHON")}
    env |= {
        "HOME": str(cwd),
        "XDG_DATA_HOME": str(cwd / "data"),
        "XDG_STATE_HOME": str(cwd / "state"),
    }
    return subprocess.run(
        [str(venv / "bin" / "trainer"), *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_an_installed_wheel_runs_from_any_folder_with_its_own_course(
    tmp_path: Path, capsys
) -> None:
    venv = _clean_venv(tmp_path, _build_wheel(tmp_path / "dist"))
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()

    version = _run(venv, elsewhere, "--version")
    assert version.returncode == 0, version.stderr
    assert version.stdout.strip() == f"trainer {__version__}"

    validate = _run(venv, elsewhere, "validate", "--strict")
    assert validate.returncode == 0, validate.stderr
    assert main(["validate", "--strict"]) == 0  # the checkout's own course, for comparison
    assert validate.stdout == capsys.readouterr().out
    assert validate.stdout.startswith("no problems: ")

    where = subprocess.run(
        [str(venv / "bin" / "python"), "-c", "import trainer.paths as p; print(p.SHIPPED_COURSE)"],
        cwd=elsewhere,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    assert Path(where).is_relative_to(venv)  # the wheel's copy, not the checkout's
