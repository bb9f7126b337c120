"""Shared helpers for benchmark scripts: medians printed beside their budgets."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable

ROOT_NOTE = "medians on this machine; budgets from DESIGN.md section 7"


def median_seconds(run: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def report(what: str, value: float, budget: float, unit: str, floor: str = "") -> bool:
    """Print one figure beside its budget; True when within it."""
    ok = value <= budget
    verdict = "ok" if ok else "OVER BUDGET"
    floor_text = f"  (floor: {floor})" if floor else ""
    print(f"{what:<48} {value:8.1f} {unit:<4} budget {budget:6.1f} {unit:<4} {verdict}{floor_text}")
    return ok
