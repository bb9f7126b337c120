"""Every id the course's files already use, read from the files as they are (a broken file
still claims the ids it names), so that a new id never collides with one."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from trainer.content.loader import LESSON_FILE, MODULE_FILE
from trainer.services.text_edits import EditError, document_of


def taken_ids(course_dir: Path, quiz_dir: Path | None = None) -> set[str]:
    """Module, objective, lesson and practice item ids, and with `quiz_dir` quiz and question
    ids, read from the files and their names."""
    taken: set[str] = set()
    for module_file in course_dir.glob(f"*/{MODULE_FILE}"):
        taken.add(module_file.parent.name)
        taken.update(_ids_in(module_file, ("objectives",)))
        for lesson in module_file.parent.glob("*.md"):
            match = LESSON_FILE.match(lesson.name)
            if match:
                taken.add(match.group(2))
                taken.update(_ids_in(lesson, ("practice",)))
    quizzes = [*quiz_dir.glob("*.yaml"), *quiz_dir.glob("*.yml")] if quiz_dir else []
    for quiz in quizzes:
        taken.add(quiz.stem)
        taken.update(_ids_in(quiz, ("questions",)))
    return taken


def _ids_in(path: Path, lists: tuple[str, ...]) -> Iterator[str]:
    """The file's own `id` and the `id` of each entry of its lists `lists`."""
    try:
        data: Any = document_of(path).data
    except EditError:
        return
    if not isinstance(data, dict):
        return
    if isinstance(data.get("id"), str):
        yield data["id"]
    for key in lists:
        entries = data.get(key)
        if isinstance(entries, list):
            yield from (
                e["id"] for e in entries if isinstance(e, dict) and isinstance(e.get("id"), str)
            )
