"""Feedback that is only a placeholder ("TODO", "Correct!", …) warns at its own line."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import QUIZ, _test_quiz
from trainer.quiz.feedback_text import PLACEHOLDER_FEEDBACK_TEXTS, is_placeholder_feedback
from trainer.services.validation import validate


def _warnings(root: Path) -> list[tuple[str, int, str]]:
    report = validate(root / "curriculum", root / "quizzes")
    assert report.problems == []
    return [(w.file.name, w.line, w.message) for w in report.warnings]


@pytest.mark.parametrize("text", ["TODO", "tbd", "Feedback", "correct!", "INCORRECT.", "..."])
def test_placeholder_option_feedback_warns_at_its_line(write_course, text: str) -> None:
    quiz = QUIZ.replace("feedback: That is nociception.", f'feedback: "{text}"')
    root = write_course({"quizzes/basics-quiz.yaml": quiz})
    assert _warnings(root) == [
        (
            "basics-quiz.yaml",
            16,
            f'question `bq-define`: `options[1].feedback` is placeholder feedback ("{text}"):'
            " write what learners should read about this answer",
        )
    ]


def test_item_feedback_and_explanation_are_checked(write_course) -> None:
    quiz = QUIZ.replace("feedback: Third.", "feedback: Lorem  ipsum").replace(
        'explanation: See "The steps".', "explanation: TBD"
    )
    root = write_course({"quizzes/basics-quiz.yaml": quiz})
    assert [(line, message.split(":")[1]) for _, line, message in _warnings(root)] == [
        (27, ' `items[2].feedback` is placeholder feedback ("Lorem  ipsum")'),
        (29, ' `explanation` is placeholder feedback ("TBD")'),
    ]


def test_question_feedback_of_true_false_and_numeric_is_checked(write_course) -> None:
    pretest = (
        _test_quiz("pretest", "pretest", "pre")
        .replace('false: "Right."', 'false: "Correct!"')
        .replace('incorrect: "There are four."', 'incorrect: "Incorrect."')
    )
    root = write_course({"quizzes/pretest.yaml": pretest})
    assert [(name, line, message.split(" is ")[0]) for name, line, message in _warnings(root)] == [
        ("pretest.yaml", 11, "question `pre-define`: `feedback.false`"),
        ("pretest.yaml", 19, "question `pre-steps`: `feedback.incorrect`"),
    ]


def test_feedback_that_only_contains_a_placeholder_word_is_fine(write_course) -> None:
    quiz = QUIZ.replace("feedback: Yes.", "feedback: Correct! Pain is an experience.")
    root = write_course({"quizzes/basics-quiz.yaml": quiz})
    assert _warnings(root) == []


def test_the_placeholder_texts_are_one_list() -> None:
    assert all(is_placeholder_feedback(text.upper()) for text in PLACEHOLDER_FEEDBACK_TEXTS)
    assert not is_placeholder_feedback("Correct")
