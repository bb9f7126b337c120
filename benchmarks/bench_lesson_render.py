"""Open a lesson: first render and cached, over every lesson of the shipped course.

Budget (DESIGN §7): 60 ms first render, 20 ms cached. Floor (measured in the same run, in
turns with the lessons): Python-Markdown rendering 3,300 words of the course's own lessons
with the built-in extensions they are written for (tables, footnotes, admonitions...),
without the app's own extension, sanitising or page template; DESIGN saw 25 ms for it.
"""

from __future__ import annotations

import statistics
import sys
import time

import markdown

from benchmarks.common import ROOT_NOTE, report, report_figure, report_ratio
from trainer.content.loader import load_course
from trainer.content.model import Course, count_words
from trainer.content.render import EXTENSIONS, Renderer
from trainer.paths import SHIPPED_COURSE

FLOOR_WORDS = 3_300
ROUNDS = 5


def floor_text(course: Course) -> str:
    """The first 3,300 words (or a little more, to the end of a line) of the lessons."""
    lines: list[str] = []
    words = 0
    for lesson in course.lessons:
        for line in lesson.body.splitlines():
            lines.append(line)
            words += count_words(line)
            if words >= FLOOR_WORDS:
                return "\n".join(lines)
        lines.append("")
    raise SystemExit(f"the course holds fewer than {FLOOR_WORDS} words")


def main() -> int:
    course, _ = load_course(SHIPPED_COURSE)
    text = floor_text(course)
    first, cached, floor = [], [], []
    for _ in range(ROUNDS):
        renderer = Renderer(course)
        for lesson in course.lessons:
            start = time.perf_counter()
            renderer.render_lesson(lesson)
            first.append(time.perf_counter() - start)
            start = time.perf_counter()
            renderer.render_lesson(lesson)
            cached.append(time.perf_counter() - start)
            start = time.perf_counter()
            markdown.markdown(text, extensions=EXTENSIONS)
            floor.append(time.perf_counter() - start)
    longest = max(course.lessons, key=lambda lesson: lesson.words)
    print(
        f"{len(course.lessons)} lessons x {ROUNDS} rounds, longest {longest.words} words, "
        f"each in turn with the floor; {ROOT_NOTE}"
    )
    ms = 1000.0
    ok = report(
        "open a lesson, first render (median)",
        ms * statistics.median(first),
        60,
        "ms",
        samples=first,
        scale=ms,
    )
    ok &= report("open a lesson, first render (slowest)", ms * max(first), 60, "ms")
    ok &= report(
        "open a lesson, cached (median)",
        ms * statistics.median(cached),
        20,
        "ms",
        samples=cached,
        scale=ms,
    )
    report_figure(
        f"  floor: Python-Markdown, {count_words(text):,} words",
        ms * statistics.median(floor),
        "ms",
        samples=floor,
        scale=ms,
    )
    report_ratio("  first render (median) / floor", first, floor)
    report_ratio("  first render (slowest) / floor", [max(first)], [statistics.median(floor)])
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
