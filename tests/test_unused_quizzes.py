"""A quiz file no module uses is a problem, and its questions measure no objective."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import MODULE_MD, QUIZ
from trainer.services.validation import validate

SPARE_QUIZ = (
    QUIZ.replace("id: basics-quiz", "id: spare-quiz")
    .replace("bq-define", "sq-define")
    .replace("bq-steps", "sq-steps")
    .replace("objective: b-define", "objective: b-extra")
)
MODULE_WITH_EXTRA_OBJECTIVE = MODULE_MD.replace(
    "reviewed:", "  - id: b-extra\n    text: Name one more thing.\nreviewed:"
)


def _problems(root: Path) -> list[tuple[str, int, str]]:
    report = validate(root / "curriculum", root / "quizzes")
    return [(p.file.relative_to(root).as_posix(), p.line, p.message) for p in report.problems]


def test_unused_quiz_is_a_problem_on_line_1_saying_how_to_use_it(write_course) -> None:
    root = write_course({"quizzes/spare-quiz.yaml": SPARE_QUIZ.replace("b-extra", "b-define")})
    assert _problems(root) == [
        (
            "quizzes/spare-quiz.yaml",
            1,
            "quiz `spare-quiz` is used by no module and is not the course's pretest or posttest,"
            " so no learner takes it and its questions measure nothing: set `quiz: spare-quiz`"
            " in basics/module.md, or delete the file",
        )
    ]


def test_questions_of_an_unused_quiz_measure_no_objective(write_course) -> None:
    root = write_course(
        {
            "curriculum/basics/module.md": MODULE_WITH_EXTRA_OBJECTIVE,
            "quizzes/spare-quiz.yaml": SPARE_QUIZ,
        }
    )
    found = _problems(root)
    assert ("quizzes/spare-quiz.yaml", 1) in [(f, n) for f, n, _ in found]
    assert (
        "curriculum/basics/module.md",
        12,
        "objective `b-extra` is measured by no question: add a question with `objective: b-extra`",
    ) in found
    report = validate(root / "curriculum", root / "quizzes")
    assert report.stats.objectives_without_questions == 1


def test_a_quiz_a_module_names_is_used(write_course) -> None:
    module = MODULE_WITH_EXTRA_OBJECTIVE.replace("quiz: basics-quiz", "quiz: spare-quiz")
    quiz = SPARE_QUIZ.replace("objective: b-steps", "objective: b-define")
    root = write_course(
        {
            "curriculum/basics/module.md": module,
            "quizzes/spare-quiz.yaml": quiz,
            "quizzes/basics-quiz.yaml": None,
        }
    )
    assert _problems(root) == []


def test_pretest_and_posttest_are_used(demo_root: Path) -> None:
    assert _problems(demo_root) == []
