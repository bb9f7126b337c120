"""Client cases on the trainer's and supervisor's screens: listed under their module,
previewed as an outline, made from the New menu, counted in item analysis, and played
paths in the learner record."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from tests.cases.fixtures import CASE_PATH, VALID_CASE
from tests.conftest import EVALUATION
from tests.ui.conftest import RecordingNavigator
from tests.ui.test_trainer_page import open_in_list
from trainer.services import accounts, case_play
from trainer.services.catalog import open_catalog
from trainer.ui.authoring import course_actions
from trainer.ui.shell.context import AppContext
from trainer.ui.shell.tasks import TaskRunner
from trainer.ui.supervisor.learner_detail import LearnerDetailDialog

NOW = datetime(2026, 12, 3, 9, 0, tzinfo=UTC)


@pytest.fixture
def answers(monkeypatch) -> list[str]:
    """What the next questions for a title or a module are answered with, in order."""
    given: list[str] = []
    monkeypatch.setattr(course_actions, "ask_text", lambda *_args: given.pop(0))
    monkeypatch.setattr(course_actions, "ask_choice", lambda *_args: given.pop(0))
    return given


def play(store, catalog, learner: str, choices: list[tuple[str, str]]) -> None:
    run = case_play.start_run(store, catalog, learner, "first-visit", NOW)
    for minute, (node, choice) in enumerate(choices, start=1):
        case_play.choose(
            store, catalog, learner, run.run_id, node, choice, NOW + timedelta(minutes=minute)
        )


def test_the_tree_lists_the_case_under_its_module_and_previews_its_outline(
    qtbot, make_page
) -> None:
    page = make_page({CASE_PATH: VALID_CASE})
    item = next(i for p, i in page._items.items() if p.name == "first-visit.yaml")
    assert item.parent().text(0) == "basics"
    assert item.parent().child(item.parent().childCount() - 1) is item  # after the lessons
    with qtbot.waitSignal(page.preview_updated):
        open_in_list(qtbot, page, "first-visit.yaml")
    shown = page.preview.text()
    assert "A first visit: the pain is real" in shown
    assert "Node arrives (start)" in shown
    assert "Rated harmful → ending walks-out: Dana leaves (harmful)" in shown
    assert "Ending plan-made: A plan together (helpful)" in shown


def test_a_broken_case_shows_its_problem_line_in_the_preview(qtbot, make_page) -> None:
    page = make_page({CASE_PATH: VALID_CASE})
    open_in_list(qtbot, page, "first-visit.yaml")
    page.editor.setPlainText(VALID_CASE.replace("start: arrives", "start: arrive"))
    qtbot.waitUntil(lambda: "first-visit.yaml:9:" in page.preview.text())
    assert "`start: arrive` names no node" in page.preview.text()


def test_new_case_from_the_menu_makes_a_case_that_validates(qtbot, make_page, answers) -> None:
    page = make_page()
    menu = course_actions.new_menu(page)
    texts = [action.text() for action in menu.actions() if action.text()]
    mnemonics = [text[text.index("&") + 1].lower() for text in texts]
    assert len(set(mnemonics)) == len(mnemonics)
    [new_case] = [action for action in menu.actions() if action.text() == "New &case…"]
    page.files.setCurrentItem(page.files.topLevelItem(0))  # no module chosen: it asks
    answers.extend(["basics", "A night shift"])
    with qtbot.waitSignal(page.validated, timeout=10000):
        new_case.trigger()
    path = page.course_dir / "basics" / "cases" / "a-night-shift.yaml"
    assert page.path == path and path.is_file()
    assert path in page._items
    assert page.panel.problem_texts() == []
    assert "Created a-night-shift" in page.status.text()


def test_item_analysis_shows_how_often_each_choice_is_taken(qtbot, make_page, store) -> None:
    page = make_page({CASE_PATH: VALID_CASE})
    catalog = page.context.catalog
    ana = accounts.create_learner(store, "Ana Ruiz").id
    ben = accounts.create_learner(store, "Ben Ode").id
    play(store, catalog, ana, [("arrives", "ask-more"), ("tells-more", "reflect")])
    play(store, catalog, ben, [("arrives", "doubt")])
    view = page.analysis_view
    table = view.cases

    def shown() -> dict[str, list[str]]:
        return {
            table.item(row, 2).text(): [table.item(row, c).text() for c in (1, 3, 4, 5)]
            for row in range(table.rowCount())
        }

    page.refresh_item_analysis()  # the read made as the page opened may still come first
    qtbot.waitUntil(lambda: shown().get("Say that pain is often in the head.", [""] * 3)[2] == "1")
    assert view.case_heading.text() == "Client cases: how often each choice is taken"
    rows = shown()
    assert rows["Ask Dana to tell you more about the pain."] == [
        "arrives",
        "helpful",
        "1",
        "50 %",
    ]
    assert rows["Say that pain is often in the head."] == ["arrives", "harmful", "1", "50 %"]
    assert rows["Explain the four steps of nociception at length."] == [
        "tells-more",
        "partly helpful",
        "0",
        "0 %",
    ]
    assert "Choices made in the client cases: 3." in view.case_note.text()
    assert page.analysis.rowCount() > 0  # the questions' table is still there


def test_the_learner_record_shows_each_run_s_path_and_ending(qtbot, store, write_course) -> None:
    root = write_course({"curriculum/evaluation.yaml": EVALUATION, CASE_PATH: VALID_CASE})
    catalog = open_catalog(root / "curriculum", root / "quizzes")
    assert catalog.problems == ()
    ana = accounts.create_learner(store, "Ana").id
    play(store, catalog, ana, [("arrives", "ask-more"), ("tells-more", "lecture")])
    play(store, catalog, ana, [("arrives", "ask-more"), ("tells-more", "reflect")])
    context = AppContext(catalog, store, TaskRunner(), RecordingNavigator(), None)
    dialog = LearnerDetailDialog(context, ana)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.record is not None)
    tabs = [dialog.tabs.tabText(index) for index in range(dialog.tabs.count())]
    assert "Client &cases" in tabs
    assert dialog.cases_note.text() == "Cases played: 1 of 1."
    case = dialog.cases.topLevelItem(0)
    assert [case.text(0), case.text(2)] == ["A first visit: the pain is real", "Runs: 2"]
    first, second = case.child(0), case.child(1)
    assert first.text(2) == "Not finished yet"
    assert second.text(2) == "Ending: A plan together (helpful)"
    path = [(second.child(i).text(0), second.child(i).text(2)) for i in range(2)]
    assert path == [
        ("Ask Dana to tell you more about the pain.", "helpful"),
        ("Reflect what you heard and agree on next steps.", "helpful"),
    ]
    assert first.child(1).text(2) == "partly helpful"
