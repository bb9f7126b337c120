"""Typing in the supervisor's search box at 10,000 learners (DESIGN §7 budget: 30 ms a
keystroke).

The supervisor page (`SupervisorPage`) is loaded from the same 10,000-learner database
the grid benchmark builds, shown at 1400 x 900, and searched by typing key by key with
QTest: names, a credential and a lone digit (matching a third of the learners, scattered),
each cleared again with Ctrl+A, Backspace (all 10,000 rows back). Two figures:
- UI busy per keystroke: from the key press until the UI thread has handled it and every
  event it posted (repaints included), i.e. how long the box does not answer;
- pause to filtered rows: once typing stops, from the timeout of the page's search timer
  until the table has painted the filtered rows (filtering, totals and the repaint). When
  the page filters at every keystroke instead (no pause), the busy time is all there is.
Both must stay within 30 ms. Keys follow each other at once, faster than any typist, so
the pause never ends before the last key of a search."""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEvent, QEventLoop, QObject, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from benchmarks.common import LEARNERS, ROOT_NOTE, grid_database, report, report_figure
from trainer.ui.shell.context import AppContext
from trainer.ui.shell.tasks import TaskRunner
from trainer.ui.supervisor.supervisor_page import SupervisorPage

BUDGET_MS = 30
QUERIES = ("Learner 0123", "ladc-0777", "learner 1", "9")
ROUNDS = 3


class _Navigator:
    def __getattr__(self, name: str):  # type: ignore[no-untyped-def]
        return lambda *args, **kwargs: None


class _Stamps(QObject):
    """When the search timer times out; then, once the table's viewport has painted, ends
    the event loop the benchmark waits in (idle, as the app's own loop waits)."""

    def __init__(self, timer: QObject | None, viewport: QObject) -> None:
        super().__init__()
        self.timer, self.viewport = timer, viewport
        self.fired: float | None = None
        self.loop = QEventLoop()
        self.give_up = QTimer(singleShot=True, interval=10_000)
        self.give_up.timeout.connect(self.loop.quit)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.timer and event.type() == QEvent.Type.Timer:
            self.fired = time.perf_counter()
        elif watched is self.viewport and event.type() == QEvent.Type.Paint and self.fired:
            self.loop.quit()  # exec() returns once this paint is done
        return False

    def seconds(self) -> float:
        """From the search timer's timeout to the end of the next paint of the table."""
        self.fired = None
        self.give_up.start()
        self.loop.exec()
        self.give_up.stop()
        if self.fired is None:
            raise SystemExit("the search never filtered")
        return time.perf_counter() - self.fired


def _wait(app: QApplication, done, seconds: float = 10.0) -> None:  # type: ignore[no-untyped-def]
    deadline = time.perf_counter() + seconds
    while not done():
        if time.perf_counter() > deadline:
            raise SystemExit("the supervisor page did not answer in time")
        app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents, 50)


def _expected(page: SupervisorPage, text: str) -> int:
    needle = text.strip().lower()
    return sum(
        1 for r in page.model.rows if needle in r.name.lower() or needle in r.credential.lower()
    )


def search_samples(folder: Path) -> dict[str, list[float]]:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setOrganizationName("trainer-bench")  # the page's QSettings, not the user's
    store, catalog = grid_database(str(folder / "search.sqlite3"))
    tasks = TaskRunner()
    page = SupervisorPage(AppContext(catalog, store, tasks, _Navigator()))
    page.resize(1400, 900)
    page.show()
    loaded: list[bool] = []
    page.loaded.connect(lambda: loaded.append(True))
    page.refresh()
    _wait(app, lambda: bool(loaded), 60)
    app.processEvents()
    assert page.model.rowCount() == LEARNERS
    timer = getattr(page, "search_pause", None)
    viewport = page.table.viewport()
    stamps = _Stamps(timer, viewport)
    viewport.installEventFilter(stamps)
    if timer is not None:
        timer.installEventFilter(stamps)
    page.search.setFocus()
    busy: list[float] = []
    samples: dict[str, list[float]] = {"busy": busy, "narrowed": [], "cleared": []}

    def key(*click: object) -> None:
        start = time.perf_counter()
        QTest.keyClick(page.search, *click)  # type: ignore[call-overload]
        app.processEvents()
        busy.append(time.perf_counter() - start)

    def filtered(kind: str, rows: int) -> None:
        if timer is not None:
            samples[kind].append(stamps.seconds())
        assert page.proxy.rowCount() == rows, (page.search.text(), page.proxy.rowCount(), rows)

    for _ in range(ROUNDS):
        for query in QUERIES:
            for letter in query:
                key(letter)
            filtered("narrowed", _expected(page, query))
            key(Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
            key(Qt.Key.Key_Backspace)
            filtered("cleared", LEARNERS)
    page.close()
    tasks.wait()
    store.close()
    return samples


def main() -> int:
    with tempfile.TemporaryDirectory() as folder:
        samples = search_samples(Path(folder))
    busy, narrowed, cleared = samples["busy"], samples["narrowed"], samples["cleared"]
    searches = len(QUERIES) * ROUNDS
    print(
        f"{len(busy)} keystrokes, {searches} searches typed and cleared at {LEARNERS:,} "
        f"learners; {ROOT_NOTE}"
    )
    ms = 1000.0
    ok = report(
        "search: UI busy per keystroke (median)",
        ms * statistics.median(busy),
        BUDGET_MS,
        "ms",
        samples=busy,
        scale=ms,
    )
    ok &= report("search: UI busy per keystroke (slowest)", ms * max(busy), BUDGET_MS, "ms")
    if not narrowed:
        print("search: the page filters at every keystroke (no pause): the busy time is all")
        return 0 if ok else 1
    both = narrowed + cleared
    ok &= report(
        "search: pause to filtered rows painted (median)",
        ms * statistics.median(both),
        BUDGET_MS,
        "ms",
        samples=both,
        scale=ms,
    )
    ok &= report(
        "search: pause to filtered rows painted (slowest)", ms * max(both), BUDGET_MS, "ms"
    )
    report_figure(
        "  narrowed by the typed words",
        ms * statistics.median(narrowed),
        "ms",
        samples=narrowed,
        scale=ms,
    )
    report_figure(
        "  cleared: all 10,000 rows again",
        ms * statistics.median(cleared),
        "ms",
        samples=cleared,
        scale=ms,
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
