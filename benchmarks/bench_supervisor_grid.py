"""The supervisor grid from the database to a filled, painted table: 10,000 learners x 7
modules (DESIGN §7 budget: 0.5 s).

Measures what the supervisor waits for: the grid query, the course-completion dates,
folding into one row per learner, the model reset, and a QTableView painting it.
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

from benchmarks.bench_store import LEARNERS, fill
from benchmarks.common import ROOT_NOTE, report
from trainer.paths import SHIPPED_COURSE, SHIPPED_QUIZZES
from trainer.services.catalog import open_catalog
from trainer.services.learner_grid import learner_grid
from trainer.store.db import open_store
from trainer.ui.supervisor.completion_model import CompletionFilter, CompletionModel


def grid_seconds(folder: Path) -> tuple[float, float]:
    """Median seconds of (database to rows, database to painted table) over 5 runs."""
    app = QApplication.instance() or QApplication(sys.argv[:1])
    from PySide6.QtWidgets import QTableView

    catalog = open_catalog(SHIPPED_COURSE, SHIPPED_QUIZZES)
    store = open_store(str(folder / "grid.sqlite3"))
    fill(store, catalog)
    modules = [m.title for m in catalog.course.modules]
    load_times, total_times = [], []
    for _ in range(5):
        view = QTableView()
        view.resize(1400, 800)
        start = time.perf_counter()
        rows = learner_grid(store, catalog)
        loaded = time.perf_counter()
        model = CompletionModel(modules)
        proxy = CompletionFilter()
        proxy.setSourceModel(model)
        model.set_rows(rows)
        view.setModel(proxy)
        view.show()
        view.horizontalHeader().setResizeContentsPrecision(50)
        view.resizeColumnsToContents()
        view.repaint()
        app.processEvents()
        end = time.perf_counter()
        assert proxy.rowCount() == LEARNERS
        load_times.append(loaded - start)
        total_times.append(end - start)
        view.close()
        view.deleteLater()
        app.processEvents()
    store.close()
    return statistics.median(load_times), statistics.median(total_times)


def main() -> int:
    with tempfile.TemporaryDirectory() as folder:
        loading, total = grid_seconds(Path(folder))
    print(ROOT_NOTE)
    report("grid rows from the database (query + folding)", 1000 * loading, 500, "ms")
    ok = report(
        "supervisor grid, 10,000 x 7, DB to painted table",
        1000 * total,
        500,
        "ms",
        "300 ms raw GROUP BY",
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
