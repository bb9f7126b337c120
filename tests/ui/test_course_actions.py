"""Making the course from the authoring screen: New module, New lesson, New quiz."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
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


def test_a_release_from_the_app_bumps_the_version_and_writes_the_changelog(
    qtbot, make_page, answers
) -> None:
    page = make_page()
    course_yaml = page.course_dir / "course.yaml"
    before = course_yaml.read_text()
    answers.extend(["9.0.0", "Sleep module rewritten."])
    with qtbot.waitSignal(page.validated, timeout=10000):
        course_actions.release(page)
    assert "version: 9.0.0" in course_yaml.read_text() and before != course_yaml.read_text()
    changelog = (page.course_dir / "CHANGELOG.md").read_text()
    assert "9.0.0" in changelog and "Sleep module rewritten." in changelog
    assert "Released 9.0.0" in page.status.text()


def test_a_release_with_a_lower_version_is_refused_and_changes_nothing(
    qtbot, make_page, answers, monkeypatch
) -> None:
    page = make_page()
    course_yaml = page.course_dir / "course.yaml"
    before = course_yaml.read_text()
    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text: said.append(text))
    answers.extend(["0.0.1", "Nothing."])
    course_actions.release(page)
    qtbot.waitUntil(lambda: bool(said))
    assert course_yaml.read_text() == before
    assert not (page.course_dir / "CHANGELOG.md").exists()


def test_a_module_moves_up_by_keyboard_and_a_lesson_moves_down_from_the_menu(
    qtbot, make_page, answers
) -> None:
    page = make_page()
    answers.append("Second module")
    with qtbot.waitSignal(page.validated, timeout=10000):
        course_actions.new_module(page)
    page.select_module(page.course_dir / "second-module")
    page.files.setFocus()
    with qtbot.waitSignal(page.validated, timeout=10000):
        qtbot.keyClick(
            page.files,
            Qt.Key.Key_Up,
            Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
        )
    modules = (page.course_dir / "course.yaml").read_text()
    assert modules.index("second-module") < modules.index("basics")
    assert page.module_ids()[0] == "second-module"  # the tree in the new course order

    first = page.course_dir / "basics" / "01-what-is-pain.md"
    page.open_file(first)
    with qtbot.waitSignal(page.validated, timeout=10000):
        course_actions.move(page, 1)
    assert page.path == page.course_dir / "basics" / "02-what-is-pain.md"
    assert (page.course_dir / "basics" / "01-steps.md").is_file() and not first.exists()
    assert page.panel.problem_texts() == []
