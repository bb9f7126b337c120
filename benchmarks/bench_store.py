"""Saving one answer durably, and the completion report for 10,000 learners x 7 modules.

Budgets (DESIGN §7): 5 ms to save one answer (SQLite, synchronous=FULL), beside its
floor, a raw SQLite commit of one row with synchronous=FULL in WAL mode, in the same
folder; the completion report (the grid's rows as `trainer report` writes them) beside
the grid's floor, a bare GROUP BY over the same rows (budget 0.5 s, as the grid).
Figure and floor are measured in turns, in the same run.
"""

from __future__ import annotations

import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.common import (
    LEARNERS,
    ROOT_NOTE,
    grid_database,
    group_by_floor,
    in_turns,
    report,
    report_figure,
    report_ratio,
    timed,
)
from trainer.paths import SHIPPED_COURSE, SHIPPED_QUIZZES
from trainer.services import accounts, attempts, reports
from trainer.services.catalog import open_catalog
from trainer.store.db import open_store

SAVES = 300


def raw_commit(folder: Path) -> tuple[sqlite3.Connection, object]:
    """A bare sqlite3 connection (WAL, synchronous=FULL, as the store's) and a callable
    that replaces one row and commits, returning its seconds."""
    connection = sqlite3.connect(folder / "raw.sqlite3", isolation_level=None)
    connection.execute("PRAGMA journal_mode = WAL")
    connection.execute("PRAGMA synchronous = FULL")
    connection.execute("CREATE TABLE answer (id INTEGER PRIMARY KEY, value TEXT)")
    counter = iter(range(10**9))

    def seconds() -> float:
        start = time.perf_counter()
        connection.execute("BEGIN IMMEDIATE")
        connection.execute(
            "INSERT OR REPLACE INTO answer (id, value) VALUES (1, ?)", (str(next(counter)),)
        )
        connection.execute("COMMIT")
        return time.perf_counter() - start

    return connection, seconds


def save_answer_samples(folder: Path) -> dict[str, list[float]]:
    catalog = open_catalog(SHIPPED_COURSE, SHIPPED_QUIZZES)
    store = open_store(str(folder / "answers.sqlite3"))
    learner = accounts.create_learner(store, "Bench")
    attempt = attempts.start_attempt(store, catalog, learner.id, "pain-physiology-quiz", seed=1)
    spec = catalog.quiz("pain-physiology-quiz").spec
    question = next(q for q in spec.questions if q.type == "single")
    if question.id not in attempt.question_ids:
        raise SystemExit("benchmark question not drawn")
    options = iter(range(10**9))

    def save() -> None:
        answer = question.options[next(options) % len(question.options)].id
        attempts.save_answer(store, catalog, attempt.id, question.id, answer)

    raw, commit = raw_commit(folder)
    samples = in_turns({"save": timed(save), "floor": commit}, SAVES)  # type: ignore[dict-item]
    raw.close()
    store.close()
    return samples


def report_samples(folder: Path) -> dict[str, list[float]]:
    store, catalog = grid_database(str(folder / "report.sqlite3"))
    rows: list = []

    def completion_report() -> None:
        rows[:] = reports.completion_grid(store, catalog)

    samples = in_turns({"report": timed(completion_report), "floor": group_by_floor(store)}, 5)
    assert len(rows) == LEARNERS * len(catalog.course.modules)
    store.close()
    return samples


def main() -> int:
    with tempfile.TemporaryDirectory() as folder:
        saved = save_answer_samples(Path(folder))
        grid = report_samples(Path(folder))
    print(f"{SAVES} saves and 5 reports, each in turns with its floor; {ROOT_NOTE}")
    ms = 1000.0
    ok = report(
        "save one answer, durably (SQLite)",
        ms * statistics.median(saved["save"]),
        5,
        "ms",
        samples=saved["save"],
        scale=ms,
    )
    report_figure(
        "  floor: raw SQLite commit, synchronous=FULL",
        ms * statistics.median(saved["floor"]),
        "ms",
        samples=saved["floor"],
        scale=ms,
    )
    report_ratio("  save / raw commit", saved["save"], saved["floor"])
    ok &= report(
        "completion report, 10,000 learners x 7 modules",
        ms * statistics.median(grid["report"]),
        500,
        "ms",
        samples=grid["report"],
        scale=ms,
    )
    report_figure(
        "  floor: bare GROUP BY, raw cursor",
        ms * statistics.median(grid["floor"]),
        "ms",
        samples=grid["floor"],
        scale=ms,
    )
    report_ratio("  report / GROUP BY", grid["report"], grid["floor"])
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
