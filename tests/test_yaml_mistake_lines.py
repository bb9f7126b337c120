"""A YAML mistake is reported at the line a person would fix, in YAML and front matter."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import LESSON_TWO, QUIZ
from trainer.services.validation import validate


def _problems_in(root: Path, name: str) -> list[tuple[int, str]]:
    report = validate(root / "curriculum", root / "quizzes")
    return [(p.line, p.message) for p in report.problems if p.file == root / name]


def _line_of(text: str, fragment: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), 1) if fragment in line)


QUIZ_MISTAKES = {
    # a tab indents the `type:` line of the first question
    "tab indent": ("    type: single\n", "\t  type: single\n", "\t  type: single"),
    "unclosed quote": ("title: Basics quiz\n", "title: 'Basics quiz\n", "title: 'Basics quiz"),
    "missing colon": ("pass_mark: 75\n", "pass_mark 75\n", "pass_mark 75"),
    "unclosed bracket": ("pass_mark: 75\n", "pass_mark: [75\n", "pass_mark: [75"),
    "bad indent": ("    prompt: What is pain?\n", "   prompt: What is pain?\n", "   prompt:"),
}


@pytest.mark.parametrize("kind", sorted(QUIZ_MISTAKES))
def test_quiz_yaml_mistake_names_its_own_line(write_course, kind: str) -> None:
    old, new, fragment = QUIZ_MISTAKES[kind]
    quiz = QUIZ.replace(old, new, 1)
    root = write_course({"quizzes/basics-quiz.yaml": quiz})
    found = _problems_in(root, "quizzes/basics-quiz.yaml")
    assert len(found) == 1, found
    line, message = found[0]
    assert line == _line_of(quiz, fragment), (kind, found)
    assert message.startswith("not valid YAML: ")


def test_messages_say_what_to_fix(write_course) -> None:
    quote = QUIZ.replace("title: Basics quiz", "title: 'Basics quiz")
    colon = QUIZ.replace("pass_mark: 75", "pass_mark 75")
    tab = QUIZ.replace("    type: single\n", "\t  type: single\n")
    for text, expected in (
        (quote, "a quote opened on this line is never closed"),
        (colon, "this line has no `:` after its key"),
        (tab, "a tab indents this line: indent with spaces"),
    ):
        root = write_course({"quizzes/basics-quiz.yaml": text})
        [(_, message)] = _problems_in(root, "quizzes/basics-quiz.yaml")
        assert expected in message


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("title: The steps", "title: 'The steps"),  # unclosed quote: reported at its line
        ("title: The steps", "title The steps"),  # missing colon
        ("minutes: 15", "\tminutes: 15"),  # tab indent
    ],
)
def test_front_matter_mistake_names_the_line_of_the_md_file(write_course, old, new) -> None:
    lesson = LESSON_TWO.replace(old, new)
    root = write_course({"curriculum/basics/02-steps.md": lesson})
    found = _problems_in(root, "curriculum/basics/02-steps.md")
    assert [line for line, _ in found] == [_line_of(lesson, new)]


def test_a_quote_closed_by_a_later_apostrophe_names_the_line_it_opens(write_course) -> None:
    lesson = LESSON_TWO.replace("title: The steps", "title: 'The steps").replace(
        "reviewed:",
        "practice:\n  - id: s-reflect\n    type: reflection\n    title: Notes\n"
        "    prompts:\n      - What is the client's view?\nreviewed:",
    )
    root = write_course({"curriculum/basics/02-steps.md": lesson})
    [(line, message)] = _problems_in(root, "curriculum/basics/02-steps.md")
    assert line == _line_of(lesson, "title: 'The steps")
    closed = _line_of(lesson, "client's")
    assert message == (
        f"not valid YAML: a quote opened on this line is closed only on line {closed}:"
        " close it on this line (inside single quotes write an apostrophe as '')"
    )
