"""The question form: each edit sends the whole quiz file text with that question rewritten."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QWidget,
)

from trainer.quiz.model import QuizSpec
from trainer.quiz.question_text import question_blocks, question_data
from trainer.ui.authoring import question_editor
from trainer.ui.authoring.question_editor import PartsTable, QuestionEditor

QUIZ = """\
id: small
title: A small quiz
module: basics
questions:
  - id: q-pick
    type: single
    objective: obj-a
    lesson: lesson-a#start
    prompt: Which one?
    options:
      - {id: a, text: This one, feedback: "Right: this one."}
      - {id: b, text: That one, feedback: "No: the other one."}
    key: a
    explanation: Because.

  - id: q-sky
    type: true_false
    objective: obj-a
    lesson: lesson-a
    prompt: The sky is blue.
    key: true
    feedback:
      true: Right.
      false: It is.
    explanation: Look up.

  - id: q-steps
    type: ordering
    objective: obj-b
    lesson: lesson-b
    prompt: Put the steps in order.
    items:
      - {id: a, text: First, feedback: First.}
      - {id: b, text: Second, feedback: Second.}
      - {id: c, text: Third, feedback: Third.}
    explanation: That is the order.
"""


@pytest.fixture
def editor(qtbot) -> QuestionEditor:
    editor = QuestionEditor()
    qtbot.addWidget(editor)
    editor.set_choices(["obj-a", "obj-b"], ["lesson-a", "lesson-a#start", "lesson-b"])
    editor.load(QUIZ, Path("small.yaml"))
    editor.show()
    return editor


def named(editor: QuestionEditor, kind: type[QWidget], name: str) -> QWidget:
    found = [w for w in editor.form_area.widget().findChildren(kind) if w.accessibleName() == name]
    assert len(found) == 1, name
    return found[0]


def test_the_list_shows_each_question_in_file_order(editor: QuestionEditor) -> None:
    rows = [editor.questions.item(row).text() for row in range(editor.questions.count())]
    assert rows == [
        "q-pick (One right answer)",
        "q-sky (True or false)",
        "q-steps (Putting in order)",
    ]
    question_id = named(editor, QLineEdit, "Question id")
    assert question_id.text() == "q-pick" and question_id.isReadOnly()
    assert "stable forever" in question_id.toolTip()


def test_editing_the_prompt_sends_the_file_with_the_new_prompt(qtbot, editor) -> None:
    prompt = named(editor, QPlainTextEdit, "Prompt")
    with qtbot.waitSignal(editor.text_edited) as signal:
        prompt.setPlainText("Which one is right?")
    text = signal.args[0]
    assert question_data(text, "q-pick")["prompt"] == "Which one is right?"
    assert question_data(text, "q-steps") == question_data(QUIZ, "q-steps")
    assert text.split("  - id: q-sky")[1] == QUIZ.split("  - id: q-sky")[1]


def test_choosing_another_right_answer_changes_the_key(qtbot, editor) -> None:
    key = named(editor, QComboBox, "Right answer")
    assert [key.itemText(i) for i in range(key.count())] == ["a", "b"]
    with qtbot.waitSignal(editor.text_edited) as signal:
        key.setCurrentText("b")
    assert question_data(signal.args[0], "q-pick")["key"] == "b"


def test_adding_an_option_row_adds_an_option_and_a_key_choice(qtbot, editor) -> None:
    options = editor.form_area.widget().findChild(PartsTable)
    with qtbot.waitSignal(editor.text_edited) as signal:
        options.add_button.click()
    assert [o["id"] for o in question_data(signal.args[0], "q-pick")["options"]] == ["a", "b", "c"]
    key = named(editor, QComboBox, "Right answer")
    assert [key.itemText(i) for i in range(key.count())] == ["a", "b", "c"]
    with qtbot.waitSignal(editor.text_edited) as signal:
        options.table.item(2, 1).setText("A third one")
    assert question_data(signal.args[0], "q-pick")["options"][2]["text"] == "A third one"


def test_true_false_radio_sets_the_key(qtbot, editor) -> None:
    editor.select_question("q-sky")
    false_button = named(editor, QWidget, "The statement is false")
    assert not false_button.isChecked()
    with qtbot.waitSignal(editor.text_edited) as signal:
        false_button.click()
    assert question_data(signal.args[0], "q-sky")["key"] is False
    with qtbot.waitSignal(editor.text_edited) as signal:
        named(editor, QPlainTextEdit, "Feedback for False").setPlainText("Right: it is not.")
    assert question_data(signal.args[0], "q-sky")["feedback"][False] == "Right: it is not."


def test_move_up_changes_the_order_in_the_file(qtbot, editor) -> None:
    editor.select_question("q-steps")
    items = editor.form_area.widget().findChild(PartsTable)
    items.table.setCurrentCell(2, 1)
    with qtbot.waitSignal(editor.text_edited) as signal:
        items.up_button.click()
    assert [i["id"] for i in question_data(signal.args[0], "q-steps")["items"]] == ["a", "c", "b"]
    with qtbot.waitSignal(editor.text_edited) as signal:
        items.down_button.click()
    assert [i["id"] for i in question_data(signal.args[0], "q-steps")["items"]] == ["a", "b", "c"]


def test_the_objective_and_lesson_offer_the_course_choices(qtbot, editor) -> None:
    lesson = named(editor, QComboBox, "Lesson")
    assert lesson.currentText() == "lesson-a#start"
    assert [lesson.itemText(i) for i in range(lesson.count())] == [
        "lesson-a",
        "lesson-a#start",
        "lesson-b",
    ]
    with qtbot.waitSignal(editor.text_edited) as signal:
        named(editor, QComboBox, "Objective").setCurrentText("obj-b")
    assert question_data(signal.args[0], "q-pick")["objective"] == "obj-b"


def test_stats_are_shown_in_words_with_warnings(editor: QuestionEditor) -> None:
    editor.set_stats(
        {"q-pick": (14, 0.857, 0.42), "q-sky": (20, 0.95, 0.1), "q-steps": (3, None, None)}
    )
    assert editor.stats_label.text() == "Answered 14 times · 86% correct · discrimination 0.42"
    assert editor.stats_warning.text() == ""
    editor.select_question("q-sky")
    assert "very easy" in editor.stats_warning.text().lower()
    assert "does not separate strong from weak learners" in editor.stats_warning.text()
    editor.select_question("q-steps")
    assert editor.stats_label.text() == "Not enough answers yet (3 of 5 needed)"
    editor.set_stats({"q-steps": (8, 0.2, 0.5)}, minimum=10)
    assert editor.stats_label.text() == "Not enough answers yet (8 of 10 needed)"
    editor.set_stats({"q-steps": (8, 0.2, 0.5)}, minimum=5)
    assert "very hard" in editor.stats_warning.text().lower()


def test_a_file_with_a_yaml_error_shows_no_form(editor: QuestionEditor) -> None:
    editor.load(QUIZ.replace("prompt: Which one?", "prompt: 'Which one?"), Path("small.yaml"))
    assert editor.pages.currentWidget() is editor.message
    assert editor.message.text() == "This file has a YAML error; fix it in the YAML tab."
    assert editor.questions.count() == 0
    editor.load(QUIZ, Path("small.yaml"))
    assert editor.pages.currentWidget() is editor.form_area
    assert editor.questions.count() == 3


def test_new_question_appends_a_valid_question_of_the_chosen_type(
    qtbot, editor, monkeypatch
) -> None:
    monkeypatch.setattr(question_editor, "ask_question_type", lambda parent: "numeric")
    with qtbot.waitSignal(editor.text_edited) as signal:
        editor.new_button.click()
    text = signal.args[0]
    assert text.startswith(QUIZ)
    spec = QuizSpec.model_validate(yaml.safe_load(text))
    new = spec.questions[-1]
    assert new.type == "numeric" and new.id not in {"q-pick", "q-sky", "q-steps"}
    assert editor.questions.currentItem().data(Qt.ItemDataRole.UserRole) == new.id
    assert named(editor, QLineEdit, "Question id").text() == new.id


def test_cancelling_the_type_adds_nothing(qtbot, editor, monkeypatch) -> None:
    monkeypatch.setattr(question_editor, "ask_question_type", lambda parent: None)
    with qtbot.assertNotEmitted(editor.text_edited):
        editor.new_button.click()


def test_delete_asks_first_and_removes_the_question(qtbot, editor, monkeypatch) -> None:
    asked: list[str] = []
    answer = [False]

    def confirm(parent: QWidget, question_id: str) -> bool:
        asked.append(question_id)
        return answer[0]

    monkeypatch.setattr(question_editor, "confirm_delete", confirm)
    editor.select_question("q-sky")
    with qtbot.assertNotEmitted(editor.text_edited):
        editor.delete_button.click()
    answer[0] = True
    with qtbot.waitSignal(editor.text_edited) as signal:
        editor.delete_button.click()
    assert asked == ["q-sky", "q-sky"]
    assert [b.id for b in question_blocks(signal.args[0])] == ["q-pick", "q-steps"]
    assert editor.questions.count() == 2


def test_delete_asks_with_buttons_that_say_what_they_do(qtbot, editor, questions) -> None:
    asked, answers = questions
    answers.append("Keep it")
    with qtbot.assertNotEmitted(editor.text_edited):
        editor.delete_button.click()
    assert asked[0][1:] == (["Delete question", "Keep it"], "Keep it")


def test_loading_the_text_it_sent_keeps_the_form(qtbot, editor) -> None:
    prompt = named(editor, QPlainTextEdit, "Prompt")
    with qtbot.waitSignal(editor.text_edited) as signal:
        prompt.setPlainText("Which one is right?")
    editor.load(signal.args[0], Path("small.yaml"))
    assert named(editor, QPlainTextEdit, "Prompt") is prompt


def test_every_control_has_an_accessible_name(editor: QuestionEditor) -> None:
    for question_id in ("q-pick", "q-sky", "q-steps"):
        editor.select_question(question_id)
        form = editor.form_area.widget()
        for control in form.findChildren(QWidget):
            takes_focus = control.focusPolicy() != Qt.FocusPolicy.NoFocus
            in_form = control.parent() is form or isinstance(control.parent(), PartsTable)
            if takes_focus and in_form and not isinstance(control, QLabel):
                assert control.accessibleName(), (question_id, type(control).__name__)


MORE = """\
id: more
title: More types
module: basics
questions:
- id: q-count
  type: numeric
  objective: obj-a
  lesson: lesson-a
  prompt: How many?
  key: 4
  feedback:
    correct: Right.
    incorrect: Four.
  explanation: Count them.
- id: q-match
  type: matching
  objective: obj-a
  lesson: lesson-a
  prompt: Match them.
  pairs:
  - {id: a, left: One, right: Uno, feedback: Uno.}
  - {id: b, left: Two, right: Dos, feedback: Dos.}
  explanation: Spanish.
- id: q-many
  type: multiple
  objective: obj-a
  lesson: lesson-a
  prompt: Which are even?
  options:
  - {id: a, text: '2', feedback: Even.}
  - {id: b, text: '3', feedback: Odd.}
  - {id: c, text: '4', feedback: Even.}
  key: [a]
  explanation: Even numbers.
"""


@pytest.fixture
def more(qtbot) -> QuestionEditor:
    editor = QuestionEditor()
    qtbot.addWidget(editor)
    editor.load(MORE, Path("more.yaml"))
    return editor


def test_numeric_fields_write_the_key_tolerance_and_unit(qtbot, more) -> None:
    with qtbot.waitSignal(more.text_edited) as signal:
        named(more, QDoubleSpinBox, "Tolerance (plus or minus)").setValue(0.5)
    assert question_data(signal.args[0], "q-count")["tolerance"] == 0.5
    with qtbot.waitSignal(more.text_edited) as signal:
        named(more, QLineEdit, "Unit").setText("people")
    written = question_data(signal.args[0], "q-count")
    assert (written["key"], written["unit"]) == (4, "people")
    with qtbot.waitSignal(more.text_edited) as signal:
        named(more, QPlainTextEdit, "Feedback when wrong").setPlainText("There are four.")
    assert question_data(signal.args[0], "q-count")["feedback"]["incorrect"] == "There are four."
    assert "- id: q-count\n  type: numeric\n" in signal.args[0]  # the file's own indentation


def test_matching_pairs_and_distractors_are_written(qtbot, more) -> None:
    more.select_question("q-match")
    pairs = more.form_area.widget().findChild(PartsTable)
    with qtbot.waitSignal(more.text_edited) as signal:
        pairs.table.item(1, 2).setText("Zwei")
    assert question_data(signal.args[0], "q-match")["pairs"][1]["right"] == "Zwei"
    with qtbot.waitSignal(more.text_edited) as signal:
        named(more, QPlainTextEdit, "Distractors, one a line").setPlainText("Tres\n\nQuatro\n")
    assert question_data(signal.args[0], "q-match")["distractors"] == ["Tres", "Quatro"]


def test_multiple_right_answers_are_ticked(qtbot, more) -> None:
    more.select_question("q-many")
    keys = named(more, QListWidget, "Right answers (tick each)")
    ticked = [keys.item(r).checkState() == Qt.CheckState.Checked for r in range(keys.count())]
    assert ticked == [True, False, False]
    with qtbot.waitSignal(more.text_edited) as signal:
        keys.item(2).setCheckState(Qt.CheckState.Checked)
    assert question_data(signal.args[0], "q-many")["key"] == ["a", "c"]


def test_a_one_line_question_list_is_left_to_the_yaml_tab(more) -> None:
    more.load("id: x\nquestions: [{id: q-a, type: single}]\n", Path("x.yaml"))
    assert more.questions.count() == 1
    assert (
        more.message.text() == "This question cannot be shown as a form; edit it in the YAML tab."
    )


def test_the_same_choices_again_keep_the_form(more) -> None:
    more.set_choices(["obj-a"], ["lesson-a"])
    form = more.form_area.widget()
    more.set_choices(["obj-a"], ["lesson-a"])
    assert more.form_area.widget() is form
