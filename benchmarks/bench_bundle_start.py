"""The one-folder desktop bundle: its size on disk, and its start beside the venv's.

Budgets (DESIGN §7): 150 MB on disk; start to usable at most 1.3 times the venv's start.

The bundle is dist/pain-oud-trainer, as scripts/build-bundle makes it (run that first; this
script builds it when it is missing). Both start as a counselor starts them, on a real
window: an Xvfb screen with openbox, an empty environment but for the display and a home
folder of their own. Each start is timed from just before the spawn until the window,
named after the course, is on the screen: with the course kept from an earlier start,
the start screen with its profiles (services/first_look.py). Bundle and venv take turns,
7 starts each, after one start of each that keeps the course and warms the file cache.
Linux only; needs Xvfb, openbox and xdotool (./test installs them).
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from benchmarks.bench_startup import database_with_profiles
from benchmarks.common import ROOT_NOTE, report, report_figure, report_ratio

ROOT = Path(__file__).resolve().parents[1]
BUNDLE = ROOT / "dist" / "pain-oud-trainer"
VENV_TRAINER = Path(sys.executable).with_name("trainer")
RUNS = 7
BUDGET_MB = 150
BUDGET_RATIO = 1.3
START_SCREEN_TITLE = " — Pain & OUD Counselor Training$"  # the course's title, then the app's
POLL_S = 0.01


@contextmanager
def x_screen() -> Iterator[str]:
    """DISPLAY of a fresh 1366x768 Xvfb screen with openbox managing its windows."""
    for tool in ("Xvfb", "openbox", "xdotool"):
        if shutil.which(tool) is None:
            raise SystemExit(f"{tool} is missing: ./test installs it (scripts/setup.sh)")
    read_end, write_end = os.pipe()
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write_end), "-screen", "0", "1366x768x24", "-nolisten", "tcp"],
        pass_fds=(write_end,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    os.close(write_end)
    with os.fdopen(read_end) as chosen:
        display = ":" + chosen.readline().strip()
    env = {**os.environ, "DISPLAY": display}
    manager = subprocess.Popen(["openbox", "--sm-disable"], env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    try:
        while subprocess.run(["xdotool", "get_num_desktops"], env=env,
                             capture_output=True).returncode != 0:  # fmt: skip
            time.sleep(0.1)
        yield display
    finally:
        for process in (manager, server):
            process.terminate()
            process.wait(10)


def seconds_to_start_screen(command: list[str], env: dict[str, str]) -> float:
    started = time.monotonic()
    app = subprocess.Popen(command, cwd=env["HOME"], env=env,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    try:
        while time.monotonic() - started < 60:
            found = subprocess.run(
                ["xdotool", "search", "--onlyvisible", "--name", START_SCREEN_TITLE],
                env={"DISPLAY": env["DISPLAY"]}, capture_output=True,
            )  # fmt: skip
            if found.returncode == 0 and found.stdout.strip():
                return time.monotonic() - started
            if app.poll() is not None:
                raise SystemExit(f"{command[0]} ended ({app.returncode}) before its window")
            time.sleep(POLL_S)
        raise SystemExit(f"{command[0]}: no start screen after 60 s")
    finally:
        app.terminate()
        app.wait(10)


def environment(home: Path, display: str, database: str) -> dict[str, str]:
    """As a desktop starts a program: nothing of this shell's but the display."""
    home.mkdir(parents=True, exist_ok=True)
    return {
        "HOME": str(home),
        "DISPLAY": display,
        "QT_QPA_PLATFORM": "xcb",
        "PATH": "/usr/bin:/bin",
        "TRAINER_DB_URL": database,
        "XDG_DATA_HOME": str(home / "data"),
        "XDG_CONFIG_HOME": str(home / "config"),
        "XDG_CACHE_HOME": str(home / "cache"),
        "XDG_STATE_HOME": str(home / "state"),
    }


def folder_bytes(folder: Path) -> int:
    """Bytes on disk as `du` counts them (blocks, each file once)."""
    done = subprocess.run(["du", "-s", "--block-size=1", str(folder)], capture_output=True,
                          text=True, check=True)  # fmt: skip
    return int(done.stdout.split()[0])


def main() -> int:
    if not sys.platform.startswith("linux"):
        raise SystemExit("the bundle benchmark is Linux's")
    if not (BUNDLE / "trainer").is_file():
        subprocess.run([str(ROOT / "scripts" / "build-bundle")], cwd=ROOT, check=True)
    commands = {"bundle": [str(BUNDLE / "trainer")], "venv": [str(VENV_TRAINER)]}
    samples: dict[str, list[float]] = {"bundle": [], "venv": []}
    with tempfile.TemporaryDirectory(prefix="trainer-bench-") as name, x_screen() as display:
        folder = Path(name)
        database = database_with_profiles(folder)
        for run in range(RUNS + 1):  # the first of each keeps the course, warms the cache
            for kind, command in commands.items():
                env = environment(folder / kind, display, database)
                if kind == "venv":
                    env.pop("PYTHONDONTWRITEBYTECODE", None)
                seconds = seconds_to_start_screen(command, env)
                if run:
                    samples[kind].append(seconds)
    print(f"{RUNS} starts of the bundle and of the venv, in turns, on Xvfb; {ROOT_NOTE}")
    ms = 1000.0
    size = folder_bytes(BUNDLE)
    ok = report("bundle folder on disk", size / 10**6, BUDGET_MB, "MB")
    for kind in ("bundle", "venv"):
        report_figure(
            f"  start to the start screen, {kind}",
            ms * statistics.median(samples[kind]),
            "ms",
            samples=samples[kind],
            scale=ms,
        )
    ok &= report_ratio("bundle start / venv start", samples["bundle"], samples["venv"],
                       BUDGET_RATIO)  # fmt: skip
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
