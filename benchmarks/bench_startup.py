"""Cold start to the first painted window, and peak memory while reading every lesson.

Budgets (DESIGN §7): 0.5 s to the first painted window; 150 MiB peak memory.
Each start is a fresh process on the offscreen platform, timed from spawn to the
first paint event of the main window.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time

from benchmarks.common import ROOT_NOTE, report

FIRST_PAINT_CHILD = """
import os, sys, time
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QMainWindow

class FirstPaint(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint and isinstance(watched, QMainWindow):
            print(time.time(), flush=True)
            os._exit(0)
        return False

app = QApplication(sys.argv[:1])
spy = FirstPaint()
app.installEventFilter(spy)
from trainer.cli import main
main([])
"""

BARE_WINDOW_CHILD = FIRST_PAINT_CHILD.replace(
    "from trainer.cli import main\nmain([])",
    "from PySide6.QtWidgets import QTextBrowser\n"
    "w = QMainWindow(); w.setCentralWidget(QTextBrowser()); w.show(); app.exec()",
)

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


def _environment() -> dict[str, str]:
    """Offscreen, with a throwaway database, so the user's own data is never touched."""
    folder = tempfile.mkdtemp(prefix="trainer-bench-")
    return {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "TRAINER_DB_URL": f"{folder}/bench.sqlite3",
    }


def first_paint_seconds(child: str = FIRST_PAINT_CHILD) -> float:
    env = _environment()
    start = time.time()
    out = subprocess.run(
        [sys.executable, "-c", child], env=env, capture_output=True, text=True, check=True
    ).stdout
    return float(out.strip().splitlines()[-1]) - start


def peak_memory_mib() -> float:
    env = _environment()
    out = subprocess.run(
        [sys.executable, "-c", MEMORY_CHILD], env=env, capture_output=True, text=True, check=True
    ).stdout
    return float(out.strip().splitlines()[-1])


def main() -> int:
    first_paint_seconds()  # warm the file cache once, as a second start would be
    starts = [first_paint_seconds() for _ in range(7)]
    bare = statistics.median(first_paint_seconds(BARE_WINDOW_CHILD) for _ in range(7))
    print(ROOT_NOTE)
    floor = f"{1000 * bare:.0f} ms for a bare window now, 140 ms in DESIGN"
    ok = report(
        "cold start to first painted window", 1000 * statistics.median(starts), 500, "ms", floor
    )
    ok &= report(
        "peak memory, every lesson and practice tab opened",
        peak_memory_mib(),
        150,
        "MiB",
        "52 MiB bare window",
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
