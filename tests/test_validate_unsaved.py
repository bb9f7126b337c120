"""validate_with: the course checked as if open files held their unsaved text; no file
changes."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from tests.conftest import LESSON_TWO, QUIZ
from trainer.content.yamlsource import read_text, unsaved_texts
from trainer.services.validation import validate, validate_with


def _snapshot(root: Path) -> dict[Path, tuple[bytes, int]]:
    return {
        path: (path.read_bytes(), path.stat().st_mtime_ns)
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def test_an_unsaved_error_is_found_and_nothing_on_disk_changes(demo_root: Path) -> None:
    lesson = demo_root / "curriculum/basics/02-steps.md"
    before = _snapshot(demo_root)
    unsaved = LESSON_TWO.replace("minutes: 15", "minutes: fifteen")
    report = validate_with(demo_root / "curriculum", demo_root / "quizzes", {lesson: unsaved})
    assert [(p.file, p.line) for p in report.problems if not p.because] == [(lesson, 4)]
    assert report.problems[0].message.startswith("minutes: should be a valid integer")
    assert _snapshot(demo_root) == before
    assert validate(demo_root / "curriculum", demo_root / "quizzes").problems == []


def test_unsaved_text_can_also_fix_what_is_saved(write_course) -> None:
    root = write_course({"quizzes/basics-quiz.yaml": QUIZ.replace("key: a", "key: z")})
    assert not validate(root / "curriculum", root / "quizzes").ok
    fixed = {root / "quizzes/basics-quiz.yaml": QUIZ}
    assert validate_with(root / "curriculum", root / "quizzes", fixed).problems == []


def test_unsaved_quiz_and_lesson_together(demo_root: Path) -> None:
    quiz = QUIZ.replace("pass_mark: 75", "pass_mark 75")
    lesson = LESSON_TWO.replace("title: The steps", "title: 'The steps")
    report = validate_with(
        demo_root / "curriculum",
        demo_root / "quizzes",
        {
            demo_root / "quizzes/basics-quiz.yaml": quiz,
            demo_root / "curriculum/basics/02-steps.md": lesson,
        },
    )
    causes = [(p.file.name, p.line) for p in report.problems if not p.because]
    assert causes == [("02-steps.md", 3), ("basics-quiz.yaml", 4)]


def test_a_file_never_saved_is_refused(demo_root: Path) -> None:
    with pytest.raises(ValueError, match="not a saved file"):
        validate_with(
            demo_root / "curriculum",
            demo_root / "quizzes",
            {demo_root / "curriculum/basics/03-new.md": LESSON_TWO},
        )


def test_unsaved_texts_are_seen_only_inside_and_only_by_this_thread(demo_root: Path) -> None:
    path = demo_root / "quizzes/basics-quiz.yaml"
    seen_elsewhere: list[str] = []
    with unsaved_texts({path: "id: changed\n"}):
        assert read_text(path) == "id: changed\n"
        other = threading.Thread(target=lambda: seen_elsewhere.append(read_text(path)))
        other.start()
        other.join()
    assert seen_elsewhere == [QUIZ]
    assert read_text(path) == QUIZ
