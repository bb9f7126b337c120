"""The supervisor grid from the database to a filled, painted table: 10,000 learners x 7
modules (DESIGN §7 budget: 0.5 s and at most 1.7 times the floor measured in the same run).

The figure is what the supervisor waits for: the grid query, the course-completion dates,
folding into one row per learner (`learner_grid`, with the pre-test, post-test and
evaluation), the model reset (`set_rows`), and the supervisor's table (its learner column
frozen: a second view over it) laying out and painting it. The floor is a bare GROUP BY over the same rows
(lessons read and quiz attempts per learner and module, for all learners) fetched with
the raw DBAPI cursor from the same database. Figure and floor take turns, 9 runs each.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication

from benchmarks.common import (
    LEARNERS,
    ROOT_NOTE,
    grid_database,
    group_by_floor,
    in_turns,
    report,
    report_figure,
    report_ratio,
)
from trainer.services.learner_grid import course_parts, learner_grid
from trainer.ui.supervisor.completion_model import CompletionFilter, CompletionModel
from trainer.ui.supervisor.frozen_table import FrozenColumnTable

RUNS = 9
BUDGET_MS = 500
BUDGET_RATIO = 1.7


def grid_samples(folder: Path) -> dict[str, list[float]]:
    """Seconds of each run: database to rows, database to painted table, and the floor."""
    app = QApplication.instance() or QApplication(sys.argv[:1])
    store, catalog = grid_database(str(folder / "grid.sqlite3"))
    modules = [m.title for m in catalog.course.modules]
    parts = course_parts(catalog.course)
    loading: list[float] = []

    def painted_table() -> float:
        view = FrozenColumnTable()
        view.resize(1400, 800)
        start = time.perf_counter()
        rows = learner_grid(store, catalog)
        loading.append(time.perf_counter() - start)
        model = CompletionModel(modules, parts=parts)
        proxy = CompletionFilter()
        proxy.setSourceModel(model)
        model.set_rows(rows)
        view.setModel(proxy)
        view.show()
        view.horizontalHeader().setResizeContentsPrecision(50)
        view.resizeColumnsToContents()
        view.repaint()
        app.processEvents()
        seconds = time.perf_counter() - start
        assert proxy.rowCount() == LEARNERS
        view.close()
        view.deleteLater()
        app.processEvents()
        return seconds

    samples = in_turns({"table": painted_table, "floor": group_by_floor(store)}, RUNS)
    store.close()
    return {**samples, "rows": loading}


def main() -> int:
    with tempfile.TemporaryDirectory() as folder:
        samples = grid_samples(Path(folder))
    table, floor, rows = samples["table"], samples["floor"], samples["rows"]
    print(f"{RUNS} runs, figure and floor in turns; {ROOT_NOTE}")
    ms = 1000.0
    ok = report(
        "supervisor grid, 10,000 x 7, DB to painted table",
        ms * statistics.median(table),
        BUDGET_MS,
        "ms",
        samples=table,
        scale=ms,
    )
    report_figure(
        "  of which: grid rows from the database",
        ms * statistics.median(rows),
        "ms",
        samples=rows,
        scale=ms,
    )
    report_figure(
        "  floor: bare GROUP BY, raw cursor, same rows",
        ms * statistics.median(floor),
        "ms",
        samples=floor,
        scale=ms,
    )
    ok &= report_ratio("supervisor grid / floor", table, floor, BUDGET_RATIO)
    report_ratio("  grid rows / floor", rows, floor)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
