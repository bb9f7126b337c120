"""One question of a quiz file read, written back, added and removed as text."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from trainer.quiz.loader import load_quiz
from trainer.quiz.model import QuizSpec
from trainer.quiz.question_text import (
    QUESTION_TYPES,
    add_question,
    blank_question,
    parses,
    question_blocks,
    question_data,
    remove_question,
    replace_question,
)

SHIPPED = sorted((Path(__file__).parents[1] / "quizzes").glob("*.yaml"))

QUIZ = """\
id: small
title: A small quiz
module: basics
# the questions, easy first
questions:
  # --- warm-up ---
  - id: q-one
    type: single
    objective: obj-a
    lesson: lesson-a#start
    prompt: Which one?
    options:
      - {id: a, text: This one, feedback: "Right: this one."}
      - {id: b, text: That one, feedback: "No: the other one."}
    key: a
    explanation: Because.

  # a comment between questions
  - id: q-two
    type: true_false
    objective: obj-a
    lesson: lesson-a
    prompt: |
      True or false:
      the sky is blue.
    key: true
    feedback:
      true: Right.
      false: It is.
    explanation: Look up.
# the end
"""


def _load(tmp_path: Path, text: str, name: str) -> QuizSpec:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return load_quiz(path).spec


@pytest.mark.parametrize("path", SHIPPED, ids=lambda path: path.stem)
def test_every_shipped_question_written_back_loads_the_same(tmp_path: Path, path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    spec = load_quiz(path).spec
    blocks = question_blocks(text)
    assert [block.id for block in blocks] == [question.id for question in spec.questions]
    lines = text.splitlines(keepends=True)
    for block in blocks:
        written = replace_question(text, block.id, question_data(text, block.id))
        assert _load(tmp_path, written, path.name) == spec, block.id
        assert written.startswith("".join(lines[: block.first_line - 1]))
        assert written.endswith("".join(lines[block.last_line :]))


def test_blocks_name_each_question_with_its_lines() -> None:
    assert [(b.id, b.type, b.first_line, b.last_line) for b in question_blocks(QUIZ)] == [
        ("q-one", "single", 7, 16),
        ("q-two", "true_false", 19, 30),
    ]


def test_replacing_one_question_leaves_every_other_line_as_it_was() -> None:
    data = question_data(QUIZ, "q-one")
    data["prompt"] = "Which one is it?"
    written = replace_question(QUIZ, "q-one", data)
    old, new = QUIZ.splitlines(), written.splitlines()
    assert new[:6] == old[:6]  # the comments above the question too
    assert new[-14:] == old[-14:]  # the blank line, the comment, q-two and the last comment
    assert question_data(written, "q-one")["prompt"] == "Which one is it?"
    assert "  - id: q-one" in new and "      - id: a" in new  # the file's indentation


def test_written_question_keeps_its_keys_in_the_usual_order() -> None:
    data = question_data(QUIZ, "q-one")
    shuffled = {"explanation": data["explanation"], "key": "b", **data, "points": 1}
    shuffled["key"] = "b"
    written = replace_question(QUIZ, "q-one", shuffled)
    block = question_blocks(written)[0]
    lines = written.splitlines()[block.first_line - 1 : block.last_line]
    keys = [m.group(1) for line in lines if (m := re.match(r" {2}(?:- | {2})(\w+):", line))]
    assert keys == ["id", "type", "objective", "lesson", "prompt", "options", "key", "explanation"]
    assert "points" not in written


def test_a_file_without_indented_lists_gets_none(tmp_path: Path) -> None:
    text = QUIZ.replace("\n  ", "\n")
    data = question_data(text, "q-two")
    data["key"] = False
    written = replace_question(text, "q-two", data)
    assert "- id: q-two\n  type: true_false\n" in written
    assert written.startswith(text.split("- id: q-two")[0])


def test_add_appends_after_the_last_question(tmp_path: Path) -> None:
    new = blank_question("ordering", "obj-a", "lesson-a", "q-three")
    written = add_question(QUIZ, new)
    assert [b.id for b in question_blocks(written)] == ["q-one", "q-two", "q-three"]
    assert question_data(written, "q-three") == new
    assert written.endswith("# the end\n")
    assert "  - id: q-three\n    type: ordering\n" in written


def test_remove_takes_out_only_that_question() -> None:
    written = remove_question(QUIZ, "q-one")
    assert [b.id for b in question_blocks(written)] == ["q-two"]
    assert "\n\n\n" not in written
    assert "# the questions, easy first" in written and "# a comment between questions" in written
    emptied = remove_question(written, "q-two")
    assert emptied.endswith(
        "questions:\n  # --- warm-up ---\n\n  # a comment between questions\n# the end\n"
    )


def test_unknown_question_is_a_key_error() -> None:
    with pytest.raises(KeyError):
        replace_question(QUIZ, "q-nine", {})
    with pytest.raises(KeyError):
        question_data(QUIZ, "q-nine")


@pytest.mark.parametrize(
    "text",
    ["id: [unclosed\n", "questions:\n  - id: a\n    prompt: 'open\n", "", "- a list\n", "\t:"],
)
def test_a_file_that_does_not_parse_has_no_blocks(text: str) -> None:
    assert question_blocks(text) == []


def test_parses_tells_a_yaml_error_from_a_file_without_questions() -> None:
    assert not parses("id: [unclosed\n")
    assert parses("id: no-questions\n") and question_blocks("id: no-questions\n") == []


def test_flow_style_questions_are_found() -> None:
    text = "id: x\nquestions: [{id: q-a, type: single}, {id: q-b, type: numeric}]\n"
    assert [(b.id, b.type, b.first_line) for b in question_blocks(text)] == [
        ("q-a", "single", 2),
        ("q-b", "numeric", 2),
    ]
    with pytest.raises(ValueError):
        replace_question(text, "q-a", {"id": "q-a"})


@pytest.mark.parametrize("question_type", QUESTION_TYPES)
def test_each_blank_question_makes_a_valid_quiz(question_type: str) -> None:
    text = "id: blank\ntitle: Blank\nmodule: basics\nquestions:\n"
    written = add_question(text, blank_question(question_type, "obj-a", "lesson-a", "q-new"))
    spec = QuizSpec.model_validate(yaml.safe_load(written))
    assert [(q.id, q.type) for q in spec.questions] == [("q-new", question_type)]


def test_a_question_added_to_a_file_without_a_list_starts_one() -> None:
    text = "id: blank\ntitle: Blank\nmodule: basics"
    written = add_question(text, blank_question("single", "obj-a", "lesson-a", "q-new"))
    assert written.startswith(text + "\nquestions:\n- id: q-new\n")
    assert QuizSpec.model_validate(yaml.safe_load(written)).questions[0].id == "q-new"


def test_a_question_ending_in_a_block_text_keeps_the_blank_line_after_it() -> None:
    text = QUIZ.replace("    explanation: Because.\n", "    explanation: |\n      Because.\n")
    assert question_blocks(text)[0].last_line == 17
    data = question_data(text, "q-one")
    data["key"] = "b"
    written = replace_question(text, "q-one", data)
    assert written.split("    key: b\n")[1].startswith("    explanation: |\n      Because.\n\n  #")


def test_a_file_with_windows_line_ends_keeps_them() -> None:
    text = QUIZ.replace("\n", "\r\n")
    data = question_data(text, "q-two")
    data["key"] = False
    written = replace_question(text, "q-two", data)
    assert "\n" not in written.replace("\r\n", "")
    assert question_data(written, "q-two")["key"] is False
    assert written.startswith(text.split("  - id: q-two")[0])
