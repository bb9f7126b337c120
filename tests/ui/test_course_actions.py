"""Making the course from the authoring screen: New module, New lesson, New quiz."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QMessageBox

from trainer.ui.authoring import course_actions


@pytest.fixture
def answers(monkeypatch) -> list[str]:
    """What the next questions for a title or a module are answered with, in order."""
    given: list[str] = []
    monkeypatch.setattr(course_actions, "ask_text", lambda *_args: given.pop(0))
    monkeypatch.setattr(course_actions, "ask_choice", lambda *_args: given.pop(0))
    return given


def test_a_module_and_a_lesson_made_in_the_app_validate_and_open(qtbot, make_page, answers) -> None:
    page = make_page()
    answers.append("Sleep and pain")
    with qtbot.waitSignal(page.validated, timeout=10000):
        course_actions.new_module(page)
    module_md = page.course_dir / "sleep-and-pain" / "module.md"
    assert page.path == module_md and module_md.is_file()
    assert "sleep-and-pain" in (page.course_dir / "course.yaml").read_text()
    assert page.panel.problem_texts() == []
    assert module_md in page._items  # listed, under its module
    assert course_actions.chosen_module(page) == "sleep-and-pain"

    answers.append("Why sleep matters")
    with qtbot.waitSignal(page.validated, timeout=10000):
        course_actions.new_lesson(page)  # in the module chosen in the tree
    assert page.path is not None and page.path.parent.name == "sleep-and-pain"
    assert page.path.name.startswith("02-") and page.path.suffix == ".md"
    assert page.panel.problem_texts() == []


def test_a_lesson_with_no_module_chosen_asks_which(qtbot, make_page, answers) -> None:
    page = make_page()
    page.files.setCurrentItem(page.files.topLevelItem(0))  # the course's own files
    answers.extend(["basics", "Another step"])
    with qtbot.waitSignal(page.validated, timeout=10000):
        course_actions.new_lesson(page)
    assert page.path is not None and page.path.parent.name == "basics"
    assert page.panel.problem_texts() == []


def test_a_second_quiz_for_a_module_is_refused_with_the_reason(
    qtbot, make_page, answers, monkeypatch
) -> None:
    page = make_page()
    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text: said.append(text))
    answers.append("basics")
    page.files.setCurrentItem(page.files.topLevelItem(0))
    course_actions.new_quiz(page)
    assert len(said) == 1 and "basics-quiz" in said[0]
