"""Open a lesson: first render and cached, over every lesson of the shipped course.

Budget (DESIGN §7): 60 ms first render, 20 ms cached.
"""

from __future__ import annotations

import statistics
import sys
import time

from benchmarks.common import ROOT_NOTE, report
from trainer.content.loader import load_course
from trainer.content.render import Renderer
from trainer.paths import SHIPPED_COURSE


def main() -> int:
    course, _ = load_course(SHIPPED_COURSE)
    first, cached = [], []
    for _ in range(5):
        renderer = Renderer(course)
        for lesson in course.lessons:
            start = time.perf_counter()
            renderer.render_lesson(lesson)
            first.append(time.perf_counter() - start)
            start = time.perf_counter()
            renderer.render_lesson(lesson)
            cached.append(time.perf_counter() - start)
    longest = max(course.lessons, key=lambda lesson: lesson.words)
    print(f"{len(course.lessons)} lessons, longest {longest.words} words; {ROOT_NOTE}")
    ok = report(
        "open a lesson, first render (median)",
        1000 * statistics.median(first),
        60,
        "ms",
        "25 ms / 3,300 words",
    )
    ok &= report("open a lesson, first render (slowest)", 1000 * max(first), 60, "ms")
    ok &= report("open a lesson, cached (median)", 1000 * statistics.median(cached), 20, "ms")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
