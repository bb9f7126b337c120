"""The one-folder desktop bundle (scripts/build-bundle, packaging/): built, or reused when
newer than every file it is made of, then run as a counselor would run it: from another
folder, with an empty environment (only HOME and the XDG folders, in a temporary folder).

Linux only. Skipped when PyInstaller cannot be installed; `pytest -m "not bundle"` skips
the tier (the build takes a minute or two). Also prints how long the window takes to reach
the start screen, from the bundle and from the venv (median of 3 starts each)."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.real_window.conftest import stop

pytestmark = [
    pytest.mark.bundle,
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the bundle test is Linux's"),
]

ROOT = Path(__file__).resolve().parents[2]
BUNDLE = ROOT / "dist" / "pain-oud-trainer"
EXECUTABLE = BUNDLE / "trainer"
SOURCES = (
    "trainer",
    "curriculum",
    "quizzes",
    "packaging",
    "scripts/build-bundle",
    "pyproject.toml",
)
# the start screen: the title names the course once it is loaded
START_SCREEN_TITLE = " — Pain & OUD Counselor Training$"
BUILD_TIMEOUT = 1800
MAX_BUNDLE_BYTES = 150 * 10**6  # `du -sh` says ≤ 150M: 150 MiB; keep a margin


def _newest_source() -> float:
    newest = 0.0
    for name in SOURCES:
        path = ROOT / name
        files = path.rglob("*") if path.is_dir() else [path]
        for file in files:
            if file.is_file() and "__pycache__" not in file.parts:
                newest = max(newest, file.stat().st_mtime)
    return newest


def _pyinstaller_available(python: str) -> str | None:
    """None when PyInstaller imports or could be installed, else why not."""
    if subprocess.run([python, "-c", "import PyInstaller"], capture_output=True).returncode == 0:
        return None
    install = subprocess.run(
        [python, "-m", "pip", "install", "-q", "pyinstaller>=6,<7", "pyinstaller-hooks-contrib"],
        capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    if install.returncode != 0:
        return f"PyInstaller could not be installed: {install.stderr.strip()[-500:]}"
    return None


@pytest.fixture(scope="module")
def bundle() -> Path:
    if EXECUTABLE.exists() and EXECUTABLE.stat().st_mtime > _newest_source():
        return BUNDLE
    python = sys.executable
    why_not = _pyinstaller_available(python)
    if why_not:
        pytest.skip(why_not)
    build = subprocess.run(
        [python, str(ROOT / "scripts" / "build-bundle")],
        capture_output=True, text=True, timeout=BUILD_TIMEOUT, cwd=ROOT,
    )  # fmt: skip
    assert build.returncode == 0, (
        f"build-bundle failed:\n{build.stdout[-3000:]}{build.stderr[-5000:]}"
    )
    print(build.stdout.strip().splitlines()[-1])
    return BUNDLE


def _empty_environment(home: Path, **extra: str) -> dict[str, str]:
    runtime = home / "runtime"
    runtime.mkdir(mode=0o700, parents=True, exist_ok=True)
    return {
        "HOME": str(home),
        "XDG_DATA_HOME": str(home / "data"),
        "XDG_CONFIG_HOME": str(home / "config"),
        "XDG_CACHE_HOME": str(home / "cache"),
        "XDG_STATE_HOME": str(home / "state"),
        "XDG_RUNTIME_DIR": str(runtime),
        **extra,
    }


@pytest.fixture
def elsewhere(tmp_path: Path) -> Iterator[tuple[Path, dict[str, str]]]:
    """A working folder away from the project, and an empty environment homed in tmp_path."""
    work = tmp_path / "work"
    work.mkdir()
    yield work, _empty_environment(tmp_path / "home")


def _run(args: list[str], work: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=work, env=env, capture_output=True, text=True, timeout=120)


def test_the_folder_has_the_executable_the_desktop_entry_and_stays_small(bundle: Path) -> None:
    assert os.access(bundle / "trainer", os.X_OK)
    for name in ("pain-oud-trainer.desktop", "pain-oud-trainer.png", "install-desktop-entry"):
        assert (bundle / name).is_file(), name
    # the course and the trainer package's files, where trainer/paths.py looks when frozen
    internal = bundle / "_internal"
    assert (internal / "curriculum" / "course.yaml").is_file()
    assert any((internal / "quizzes").iterdir())
    assert any((internal / "trainer" / "templates").glob("*.j2"))
    assert any((internal / "trainer" / "ui" / "translations").glob("*.qm"))
    assert (internal / "trainer" / "store" / "migrations" / "env.py").is_file()
    # no Qt module the app does not use
    assert not list(internal.rglob("*WebEngine*")), "QtWebEngine is in the bundle"
    assert not list(internal.rglob("*Qt6Qml*")), "QtQml is in the bundle"
    size = sum(f.stat().st_size for f in bundle.rglob("*") if f.is_file() and not f.is_symlink())
    assert size <= MAX_BUNDLE_BYTES, f"the bundle is {size / 2**20:.0f} MiB"
    archives = list(bundle.parent.glob("pain-oud-trainer-*-linux-*.tar.gz"))
    assert archives, "no archive beside the folder"


def test_version_validate_and_a_learner_from_an_empty_environment(
    bundle: Path, elsewhere: tuple[Path, dict[str, str]], tmp_path: Path
) -> None:
    work, env = elsewhere
    trainer = str(bundle / "trainer")
    from trainer import __version__

    version = _run([trainer, "--version"], work, env)
    assert version.returncode == 0, version.stderr
    assert version.stdout.strip() == f"trainer {__version__}"

    validate = _run([trainer, "validate"], work, env)
    assert validate.returncode == 0, validate.stdout + validate.stderr
    assert "no problems" in validate.stdout

    db = tmp_path / "x.sqlite3"
    add = _run([trainer, "--db", str(db), "learners", "add", "Ana Ruiz"], work, env)
    assert add.returncode == 0, add.stdout + add.stderr
    assert "Ana Ruiz" in add.stdout
    assert db.is_file()
    listed = _run([trainer, "--db", str(db), "learners", "list"], work, env)
    assert listed.returncode == 0 and "Ana Ruiz" in listed.stdout, listed.stdout + listed.stderr


def _seconds_to_start_screen(command: list[str], work: Path, env: dict[str, str]) -> float:
    """Start the app, wait until its window shows the start screen, close it."""
    started = time.monotonic()
    app = subprocess.Popen(command, cwd=work, env=env, stdout=subprocess.DEVNULL,
                           stderr=subprocess.PIPE)  # fmt: skip
    try:
        deadline = started + 90
        while True:
            found = subprocess.run(
                ["xdotool", "search", "--onlyvisible", "--name", START_SCREEN_TITLE],
                env={"DISPLAY": env["DISPLAY"]}, capture_output=True,
            )  # fmt: skip
            if found.returncode == 0 and found.stdout.strip():
                return time.monotonic() - started
            if app.poll() is not None:
                error = app.stderr.read().decode(errors="replace") if app.stderr else ""
                pytest.fail(f"{command[0]} ended ({app.returncode}) before its window: {error}")
            if time.monotonic() > deadline:
                pytest.fail(f"{command[0]}: no window at the start screen after 90 s")
            time.sleep(0.05)
    finally:
        stop(app)


def test_the_window_reaches_the_start_screen_and_how_fast(
    bundle: Path, x_display: str, tmp_path: Path
) -> None:
    work = tmp_path / "work"
    work.mkdir()
    x = {"DISPLAY": x_display, "QT_QPA_PLATFORM": "xcb"}
    venv_trainer = Path(sys.executable).with_name("trainer")
    venv_command = (
        [str(venv_trainer)] if venv_trainer.exists() else [sys.executable, "-m", "trainer"]
    )
    times: dict[str, list[float]] = {"bundle": [], "venv": []}
    for _ in range(3):
        for name, command in (("bundle", [str(bundle / "trainer")]), ("venv", venv_command)):
            env = _empty_environment(tmp_path / f"home-{name}", **x)
            if name == "venv":  # the venv's Python finds its packages through its own paths
                env["PATH"] = str(Path(sys.executable).parent)
            times[name].append(_seconds_to_start_screen(command, work, env))
    medians = {name: statistics.median(values) for name, values in times.items()}
    print(
        "start to the start screen, median of 3:"
        f" bundle {medians['bundle']:.2f} s ({', '.join(f'{t:.2f}' for t in times['bundle'])}),"
        f" venv {medians['venv']:.2f} s ({', '.join(f'{t:.2f}' for t in times['venv'])})"
    )
