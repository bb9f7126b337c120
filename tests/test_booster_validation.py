"""Booster items: files with `purpose: booster`, counted per objective against the course's
`review:` settings, and never a copy of a question learners met in a quiz."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import BOOSTERS, COURSE_YAML, QUIZ, REVIEW_SETTINGS
from trainer.services.catalog import open_catalog
from trainer.services.validation import validate

WITH_REVIEWS = COURSE_YAML + REVIEW_SETTINGS


def _problems(root: Path) -> list[tuple[str, int, str]]:
    report = validate(root / "curriculum", root / "quizzes")
    return [(p.file.relative_to(root).as_posix(), p.line, p.message) for p in report.problems]


def test_boosters_covering_every_objective_pass_and_are_counted_apart(write_course) -> None:
    plain = validate(*(write_course({}) / name for name in ("curriculum", "quizzes")))
    root = write_course(
        {"curriculum/course.yaml": WITH_REVIEWS, "quizzes/basics-boosters.yaml": BOOSTERS}
    )
    report = validate(root / "curriculum", root / "quizzes")
    assert report.problems == []
    assert report.stats.booster_items == 4
    assert report.stats.questions == plain.stats.questions  # boosters are not quiz questions
    catalog = open_catalog(root / "curriculum", root / "quizzes")
    assert [quiz.id for quiz in catalog.boosters] == ["basics-boosters"]
    assert catalog.course.review is not None and catalog.course.review.target_retention == 0.9


def test_an_objective_with_too_few_boosters_is_named_at_its_line(write_course) -> None:
    too_few = BOOSTERS.split("  - id: bb-steps-2")[0]
    root = write_course(
        {"curriculum/course.yaml": WITH_REVIEWS, "quizzes/basics-boosters.yaml": too_few}
    )
    assert _problems(root) == [
        (
            "curriculum/basics/module.md",
            10,
            "objective `b-steps` has 1 booster item(s); the course's `review:` settings ask"
            " for at least 2: add booster items with `objective: b-steps` to"
            " quizzes/basics-boosters.yaml",
        )
    ]


def test_boosters_in_a_course_without_reviews_are_reviewed_by_nobody(write_course) -> None:
    root = write_course({"quizzes/basics-boosters.yaml": BOOSTERS})
    assert _problems(root) == [
        (
            "quizzes/basics-boosters.yaml",
            1,
            "booster items `basics-boosters` are reviewed by nobody: course.yaml has no"
            " `review:` settings (add `review:` with `target_retention: 0.9`, or delete the"
            " file)",
        )
    ]


def test_a_booster_that_copies_a_quiz_question_is_a_problem(write_course) -> None:
    copied = BOOSTERS.replace("prompt: Which step comes last?", "prompt: What is   PAIN?")
    root = write_course(
        {"curriculum/course.yaml": WITH_REVIEWS, "quizzes/basics-boosters.yaml": copied}
    )
    assert "prompt: What is pain?" in QUIZ
    found = _problems(root)
    assert len(found) == 1
    file, line, message = found[0]
    assert (file, message) == (
        "quizzes/basics-boosters.yaml",
        "booster item `bb-steps-2` repeats a question of `basics-quiz`: write a new scenario"
        " or wording for the review",
    )
    assert (root / file).read_text().splitlines()[line - 1].strip() == "prompt: What is   PAIN?"


def test_safety_and_purpose_are_read_from_the_file(write_course) -> None:
    root = write_course(
        {"curriculum/course.yaml": WITH_REVIEWS, "quizzes/basics-boosters.yaml": BOOSTERS}
    )
    booster = open_catalog(root / "curriculum", root / "quizzes").boosters[0]
    assert [q.safety for q in booster.spec.questions] == [True, False, False, False]
    assert booster.spec.purpose == "booster"
