"""Quiz checks an imported quiz meets: placeholder feedback warns, `credit` is checked."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import QUIZ
from trainer.cli import main
from trainer.quiz.gift import PLACEHOLDER
from trainer.services.validation import validate


def _paths(root: Path) -> list[str]:
    return ["--course", str(root / "curriculum"), "--quizzes", str(root / "quizzes")]


def test_placeholder_feedback_warns_by_line_and_fails_strict(write_course, capsys) -> None:
    quiz = QUIZ.replace("feedback: That is nociception.", f"feedback: {PLACEHOLDER}")
    root = write_course({"quizzes/basics-quiz.yaml": quiz})
    report = validate(root / "curriculum", root / "quizzes")
    assert report.problems == []
    assert [(w.file.name, w.line, w.message) for w in report.warnings] == [
        (
            "basics-quiz.yaml",
            16,
            f'question `bq-define`: `options[1].feedback` is still the placeholder "{PLACEHOLDER}"'
            " from `trainer import-gift`: write what learners should read",
        )
    ]
    assert main(["validate", *_paths(root)]) == 0
    assert main(["validate", "--strict", *_paths(root)]) == 1
    assert "basics-quiz.yaml:16: warning: question `bq-define`" in capsys.readouterr().out


def test_credit_on_the_key_is_a_problem_on_its_line(write_course) -> None:
    quiz = QUIZ.replace("feedback: Yes.}", "feedback: Yes., credit: 0.5}")
    root = write_course({"quizzes/basics-quiz.yaml": quiz})
    found = [
        (p.file.name, p.line, p.message)
        for p in validate(root / "curriculum", root / "quizzes").problems
    ]
    assert (
        "basics-quiz.yaml",
        17,
        "questions[0].key: option `a` is the key and earns every point: remove its `credit`"
        " (credit is for wrong options that earn part of the points)",
    ) in found
