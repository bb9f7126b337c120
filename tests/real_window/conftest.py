"""The real-window tier: an X server (Xvfb) at 1366x768 with a window manager (openbox),
started once for the session on a free display, and a demo database to show in it.

Xvfb missing is a skip on a developer's machine and a failure in CI (CI=true), where
./test installs it (scripts/setup.sh)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

SCREEN = (1366, 768)
TOOLS = ("Xvfb", "openbox", "xdotool")


def _missing_tools() -> None:
    missing = [tool for tool in TOOLS if shutil.which(tool) is None]
    if not missing:
        return
    reason = (
        f"{', '.join(missing)} not installed: the real-window tests need Xvfb, openbox and"
        " xdotool (./test installs them: apt-get install xvfb openbox xdotool)"
    )
    if os.environ.get("CI") == "true":
        pytest.fail(reason, pytrace=False)
    pytest.skip(reason)


def stop(process: subprocess.Popen[bytes]) -> None:
    """End `process`: politely, then by force after 10 s."""
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@pytest.fixture(scope="session")
def x_display(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """DISPLAY of a fresh Xvfb screen of 1366x768 with openbox managing its windows."""
    _missing_tools()
    read_end, write_end = os.pipe()
    width, height = SCREEN
    log = tmp_path_factory.mktemp("x-server") / "xvfb.log"
    with log.open("wb") as out:
        server = subprocess.Popen(
            ["Xvfb", "-displayfd", str(write_end), "-screen", "0", f"{width}x{height}x24",
             "-nolisten", "tcp", "-noreset"],
            pass_fds=(write_end,), stdout=out, stderr=out,
        )  # fmt: skip
    os.close(write_end)
    with os.fdopen(read_end) as chosen:
        number = chosen.readline().strip()  # Xvfb picks a free display and says which
    if not number:
        stop(server)
        pytest.fail(f"Xvfb did not start: {log.read_text(errors='replace')}", pytrace=False)
    display = f":{number}"
    env = {**os.environ, "DISPLAY": display}
    manager = subprocess.Popen(
        ["openbox", "--sm-disable"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        deadline = time.monotonic() + 20
        # the window manager is up once it publishes the desktops
        while subprocess.run(["xdotool", "get_num_desktops"], env=env,
                             capture_output=True).returncode != 0:  # fmt: skip
            if time.monotonic() > deadline or manager.poll() is not None:
                pytest.fail("openbox did not start on the Xvfb display", pytrace=False)
            time.sleep(0.1)
        yield display
    finally:
        stop(manager)
        stop(server)


@pytest.fixture(scope="session")
def demo_database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database with 12 demo learners in every state (one of them certified)."""
    db = tmp_path_factory.mktemp("real-window") / "demo.sqlite3"
    subprocess.run(
        [sys.executable, "-m", "trainer", "demo", "--db", str(db), "--learners", "12"],
        check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    return db
