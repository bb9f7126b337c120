"""What the question form offers for a question's objective and lesson."""

from __future__ import annotations

from trainer.services.authoring_preview import question_targets
from trainer.services.catalog import open_catalog


def test_objectives_and_lesson_sections_in_course_order(demo_root) -> None:
    catalog = open_catalog(demo_root / "curriculum", demo_root / "quizzes")
    objectives, lessons = question_targets(catalog.course)
    assert objectives == ["b-define", "b-steps"]
    assert lessons[0] == "what-is-pain" and "what-is-pain#definition" in lessons
    assert lessons.index("steps") > lessons.index("what-is-pain#definition")
    assert "steps#four-steps" in lessons
