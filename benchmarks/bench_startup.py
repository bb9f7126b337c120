"""Cold start: to the first paint, and to a usable start screen; peak memory while reading
every lesson. Each beside its floor, a bare PySide6 window, measured in the same run.

Budgets (DESIGN §7): start to usable (profiles listed, "Create profile" enabled, course
title shown) 0.6 s and at most 2.2 times the floor; peak memory 150 MiB. The first paint
is printed too (the start screen itself when the app can take a first look, otherwise the
"Loading the course…" placeholder, which does not count as started), and when the rest has
loaded: the course and the database, which a click on the start screen waits for.

Every start is a fresh process (`python -c`, as the `trainer` command starts) on the
offscreen platform, with bytecode written as a user's install writes it, a throwaway
settings folder and a database holding three profiles. Each is timed from just before
the spawn to a paint event seen by an event filter installed before the app starts:
- first paint: the main window's first paint event;
- usable: the first paint event of the start page's "Create profile" button once the page
  lists the profiles, the button is enabled and the course title is shown;
- the rest loaded: the window holds the course and the open database (checked every 2 ms);
- floor: the first paint event of the text of a bare QMainWindow whose QTextBrowser holds
  3,000 words.
App and floor starts take turns, 7 each, after one start of each to warm the file cache
(and keep the parsed course, services/course_cache.py, as a user's first start does).
Then 3 starts with no kept course, as after an update or a trainer's edit, are printed
beside them: the course is parsed and validated in full.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.common import ROOT_NOTE, report, report_figure, report_ratio

RUNS = 7
UNKEPT_RUNS = 3
PROFILES = 3
BUDGET_S = 0.6
BUDGET_RATIO = 2.2


def _course_title() -> str:
    """The shipped course's title, as loading it in full gives it."""
    from trainer.paths import SHIPPED_COURSE, SHIPPED_QUIZZES
    from trainer.services.catalog import open_catalog

    return open_catalog(SHIPPED_COURSE, SHIPPED_QUIZZES).course.title


APP_CHILD = """
import os, sys, time
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow

def usable(widget):
    window = widget.window()
    page = getattr(window, "pages", {}).get("start")
    if page is None or widget is not page.create_button or not page.isVisible():
        return False
    title = TITLE
    return (
        page.create_button.isEnabled()
        and page.profiles.isVisible() and page.profiles.count() == PROFILES
        and any(title in label.text() for label in page.findChildren(QLabel) if label.isVisible())
    )

class Watch(QObject):
    first_paint = usable_at = None

    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint:
            if self.first_paint is None and isinstance(watched, QMainWindow):
                self.first_paint = time.time()
            if self.first_paint is not None and self.usable_at is None and usable(watched):
                self.usable_at = time.time()
                self.ready = QTimer(interval=2, timeout=lambda: self.loaded(watched.window()))
                self.ready.start()
        return False

    def loaded(self, window):
        # the course loaded and the database open: a click is answered at once
        if window.context is not None and window.pages["start"].store is not None:
            print(self.first_paint, self.usable_at, time.time(), flush=True)
            os._exit(0)

def never_usable():
    pages = [getattr(w, "pages", None) for w in QApplication.topLevelWidgets()]
    print("the start screen never became usable; pages:", pages, file=sys.stderr, flush=True)
    os._exit(3)

app = QApplication(sys.argv[:1])
watch = Watch()
app.installEventFilter(watch)
QTimer.singleShot(60_000, never_usable)
from trainer.cli import main
main([])
""".replace("PROFILES", str(PROFILES)).replace("TITLE", repr(_course_title()))

BARE_WINDOW_CHILD = """
import os, resource, sys, time
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QMainWindow, QTextBrowser

class Watch(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint and watched is browser.viewport():
            painted = time.time()
            print(painted, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, flush=True)
            os._exit(0)
        return False

app = QApplication(sys.argv[:1])
watch = Watch()
app.installEventFilter(watch)
words = ("Counselors learn how chronic pain and opioid use disorder meet in the body and in "
         "the life of the person who asks for help with both of them today").split()
text = [words[n % len(words)] for n in range(3000)]
html = "".join("<p>" + " ".join(text[n:n + 100]) + "</p>" for n in range(0, 3000, 100))
window = QMainWindow()
browser = QTextBrowser()
browser.setHtml(html)
window.setCentralWidget(browser)
window.resize(1100, 760)
window.show()
app.exec()
"""

MEMORY_CHILD = """
import resource, sys
from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication
from trainer.paths import SHIPPED_COURSE, SHIPPED_QUIZZES
from trainer.ui.shell.app_window import AppWindow

app = QApplication(sys.argv[:1])
window = AppWindow(SHIPPED_COURSE, SHIPPED_QUIZZES)
window.show()
window.load()
while "start" not in window.pages:
    app.processEvents()
from trainer.services import accounts  # loaded by the app already, with the database

window.profile_opened(accounts.create_learner(window.store, "Bench"))
reader = window._show("reader")
for lesson in window.catalog.course.lessons:  # every lesson, practice tabs included
    reader.open_lesson(lesson.id)
    app.processEvents()
    app.sendPostedEvents(None, QEvent.Type.DeferredDelete)  # as the event loop would
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
"""


def _environment(folder: Path, database: str) -> dict[str, str]:
    """Offscreen, with a throwaway database, settings and cache, so the user's own data is
    never touched; bytecode is written, as a user's install writes it, and the course kept
    parsed (services/course_cache.py) by the first start, as by a user's first start."""
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "TRAINER_DB_URL": database,
        "XDG_CONFIG_HOME": str(folder / "config"),
        "XDG_CACHE_HOME": str(folder / "cache"),
    }
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def database_with_profiles(folder: Path) -> str:
    from trainer.services import accounts
    from trainer.store.db import open_store

    path = str(folder / "profiles.sqlite3")
    store = open_store(path)
    for n in range(PROFILES):
        accounts.create_learner(store, f"Counselor {n + 1}", organisation="North")
    store.close()
    return path


def _spawn(child: str, env: dict[str, str]) -> tuple[float, list[float]]:
    """(the time just before the spawn, the numbers the child printed)."""
    start = time.time()
    done = subprocess.run(
        [sys.executable, "-c", child], env=env, capture_output=True, text=True, timeout=120
    )
    if done.returncode:
        raise SystemExit(f"a benchmark start failed ({done.returncode}):\n{done.stderr[-3000:]}")
    return start, [float(word) for word in done.stdout.strip().splitlines()[-1].split()]


def start_samples(folder: Path) -> dict[str, list[float]]:
    env = _environment(folder, database_with_profiles(folder))
    samples: dict[str, list[float]] = {
        "paint": [], "usable": [], "loaded": [], "bare": [], "bare_mib": [], "unkept": []
    }  # fmt: skip
    for run in range(RUNS + 1):  # the first of each warms the file cache and writes bytecode
        start, (painted, usable, loaded) = _spawn(APP_CHILD, env)
        bare_start, (bare, bare_mib) = _spawn(BARE_WINDOW_CHILD, env)
        if run:
            samples["paint"].append(painted - start)
            samples["usable"].append(usable - start)
            samples["loaded"].append(loaded - start)
            samples["bare"].append(bare - bare_start)
            samples["bare_mib"].append(bare_mib)
    for _ in range(UNKEPT_RUNS):
        shutil.rmtree(folder / "cache", ignore_errors=True)
        start, (_painted, usable, _loaded) = _spawn(APP_CHILD, env)
        samples["unkept"].append(usable - start)
    return samples


def peak_memory_mib(folder: Path) -> float:
    env = _environment(folder, str(folder / "memory.sqlite3"))
    return _spawn(MEMORY_CHILD, env)[1][0]


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="trainer-bench-") as name:
        folder = Path(name)
        samples = start_samples(folder)
        memory = peak_memory_mib(folder)
    paint, usable, bare = samples["paint"], samples["usable"], samples["bare"]
    print(f"{RUNS} starts of the app and of the bare window, in turns; {ROOT_NOTE}")
    ms = 1000.0
    ok = report(
        "start to usable (profiles, Create profile, title)",
        ms * statistics.median(usable),
        ms * BUDGET_S,
        "ms",
        samples=usable,
        scale=ms,
    )
    report_figure(
        "  the same, course not kept (parsed and validated)",
        ms * statistics.median(samples["unkept"]),
        "ms",
        samples=samples["unkept"],
        scale=ms,
    )
    report_figure(
        "  course and database loaded (a click waits for it)",
        ms * statistics.median(samples["loaded"]),
        "ms",
        samples=samples["loaded"],
        scale=ms,
    )
    report_figure(
        "  first paint (start screen, or placeholder)",
        ms * statistics.median(paint),
        "ms",
        samples=paint,
        scale=ms,
    )
    report_figure(
        "  floor: bare window, QTextBrowser, 3,000 words",
        ms * statistics.median(bare),
        "ms",
        samples=bare,
        scale=ms,
    )
    ok &= report_ratio("start to usable / bare window", usable, bare, BUDGET_RATIO)
    report_ratio("  first paint / bare window", paint, bare)
    bare_mib = statistics.median(samples["bare_mib"])
    ok &= report("peak memory, every lesson and practice tab opened", memory, 150, "MiB")
    report_figure("  floor: bare window (peak at its paint)", bare_mib, "MiB")
    report_ratio("  peak memory / bare window", [memory], [bare_mib])
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
