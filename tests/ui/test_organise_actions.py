"""Change title, Rename and Delete from the authoring screen: what points at the item is
shown before anything changes, a rename rewrites it, a delete is refused while it exists."""

from __future__ import annotations

import pytest

from trainer.ui.authoring import course_actions, organise_actions


@pytest.fixture
def typed(monkeypatch) -> list[str]:
    given: list[str] = []
    monkeypatch.setattr(course_actions, "ask_text", lambda *_args: given.pop(0))
    return given


def _choose(page, name: str) -> None:
    item = next(item for path, item in page._items.items() if path.name == name)
    page.files.setCurrentItem(item)


def _choose_module(page, folder_name: str) -> None:
    page.select_module(page.course_dir / folder_name)


def test_rename_a_lesson_lists_its_references_then_rewrites_them(
    qtbot, make_page, typed, questions
) -> None:
    page = make_page()
    asked, answers = questions
    _choose(page, "02-steps.md")
    typed.append("nociception-steps")
    answers.append("&Rename and rewrite them")
    with qtbot.waitSignal(page.validated, timeout=10000):
        organise_actions.rename(page)
    text, buttons, default = asked[0]
    assert text.startswith("4 line(s) point at lesson `steps`")
    assert buttons == ["&Rename and rewrite them", "Cancel"] and default == "Cancel"
    lesson = page.course_dir / "basics" / "02-nociception-steps.md"
    assert lesson.is_file() and lesson in page._items
    assert "nociception-steps#four-steps" in (page.quiz_dir / "basics-quiz.yaml").read_text()
    assert page.panel.problem_texts() == []


def test_rename_cancelled_changes_nothing(qtbot, make_page, typed, questions) -> None:
    page = make_page()
    _asked, answers = questions
    before = (page.quiz_dir / "basics-quiz.yaml").read_text()
    _choose(page, "02-steps.md")
    typed.append("other-steps")
    answers.append("Cancel")
    organise_actions.rename(page)
    assert (page.course_dir / "basics" / "02-steps.md").is_file()
    assert (page.quiz_dir / "basics-quiz.yaml").read_text() == before


def test_delete_refused_lists_the_references_and_opens_the_first(
    qtbot, make_page, questions
) -> None:
    page = make_page()
    asked, answers = questions
    _choose(page, "02-steps.md")
    answers.append("&Open the first")
    organise_actions.delete(page)  # refused before it is even asked
    assert [text for text, _buttons, _default in asked] == [
        "4 line(s) point at lesson `steps`; change them first."
    ]
    assert (page.course_dir / "basics" / "02-steps.md").is_file()
    assert page.path == page.course_dir / "basics" / "01-what-is-pain.md"
    assert page.editor.textCursor().blockNumber() + 1 == 21  # the link to the lesson


def test_delete_a_new_lesson_nothing_points_at(qtbot, make_page, typed, questions) -> None:
    page = make_page()
    _asked, answers = questions
    _choose_module(page, "basics")
    typed.append("Spare page")
    with qtbot.waitSignal(page.validated, timeout=10000):
        course_actions.new_lesson(page)
    spare = page.path
    assert spare is not None and spare.is_file()
    answers.append("&Delete")
    with qtbot.waitSignal(page.validated, timeout=10000):
        organise_actions.delete(page)
    assert not spare.exists() and spare not in page._items and page.path is None
    assert page.status.text() == f"Deleted lesson `spare-page`; removed {spare.name}."
    assert page.panel.problem_texts() == []


def test_change_title_of_a_module_writes_only_its_title(qtbot, make_page, typed) -> None:
    page = make_page()
    module_md = page.course_dir / "basics" / "module.md"
    before = module_md.read_text().splitlines()
    _choose_module(page, "basics")
    typed.append("Pain basics")  # the question starts with the title as it is
    with qtbot.waitSignal(page.validated, timeout=10000):
        organise_actions.change_title(page)
    after = module_md.read_text().splitlines()
    assert [line for line in after if line not in before] == ["title: Pain basics"]
    assert "Title changed" in page.status.text()


def test_nothing_chosen_says_what_to_choose(make_page) -> None:
    page = make_page()
    page.files.setCurrentItem(page.files.topLevelItem(0))  # the course's own files
    organise_actions.delete(page)
    assert page.status.text() == "Choose a module, a lesson or a quiz in the list first."
