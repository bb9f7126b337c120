"""Every shipped client case played by keyboard to each of its endings: digit keys choose,
Enter continues, and each ending shows its debrief."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tests.ui.conftest import RecordingNavigator, show_active
from trainer.cases.graph import paths_to_endings
from trainer.paths import SHIPPED_COURSE, SHIPPED_QUIZZES
from trainer.services import accounts, case_play
from trainer.services.catalog import open_catalog
from trainer.ui.learner.case_page import CasePage
from trainer.ui.shell.context import AppContext
from trainer.ui.shell.tasks import TaskRunner

SHIPPED = open_catalog(SHIPPED_COURSE, SHIPPED_QUIZZES)
DIGITS = [Qt.Key.Key_1, Qt.Key.Key_2, Qt.Key.Key_3, Qt.Key.Key_4]


def shortest_path_to_each_ending(case_id: str) -> dict[str, list[tuple[str, str]]]:
    spec = SHIPPED.case(case_id).spec
    shortest: dict[str, list[tuple[str, str]]] = {}
    for steps in paths_to_endings(spec):
        node, choice_id = steps[-1]
        ending = next(c.next for c in spec.node(node).choices if c.id == choice_id)
        if ending not in shortest or len(steps) < len(shortest[ending]):
            shortest[ending] = steps
    return shortest


def test_the_shipped_course_has_six_cases_each_with_four_decisions_and_three_endings() -> None:
    assert len(SHIPPED.cases) >= 6
    modules = {case.spec.module for case in SHIPPED.cases.values()}
    assert {m.id for m in SHIPPED.course.modules[1:]} <= modules  # one per module 2 to 7
    for case in SHIPPED.cases.values():
        assert len(case.spec.nodes) >= 4 and len(case.spec.endings) >= 3, case.id
        assert set(shortest_path_to_each_ending(case.id)) == {e.id for e in case.spec.endings}


@pytest.mark.parametrize("case_id", sorted(SHIPPED.cases))
def test_a_shipped_case_is_played_by_keyboard_to_each_ending(qtbot, store, case_id) -> None:
    learner = accounts.create_learner(store, "Sam Rivera")
    runner = TaskRunner()
    context = AppContext(SHIPPED, store, runner, RecordingNavigator(), learner)
    page = CasePage(context)
    qtbot.addWidget(page)
    show_active(qtbot, page, 900, 700)
    spec = SHIPPED.case(case_id).spec
    with qtbot.waitSignal(page.opened):
        page.open_case(case_id)
    for ending, steps in shortest_path_to_each_ending(case_id).items():
        if page.ending_view.isVisible():  # Try another path, which has the focus
            assert QApplication.focusWidget() is page.again
            with qtbot.waitSignal(page.opened):
                qtbot.keyClick(page.again, Qt.Key.Key_Space)
        for node_id, choice_id in steps:
            number = [c.id for c in spec.node(node_id).choices].index(choice_id)
            with qtbot.waitSignal(page.choice_saved):
                qtbot.keyClick(QApplication.focusWidget(), DIGITS[number])
            qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)  # continue
        qtbot.waitUntil(page.ending_view.isVisible)
        title = next(e.title for e in spec.endings if e.id == ending)
        assert title in page.ending_title.text()
    (summary,) = [
        s for s in case_play.case_record(store, SHIPPED, learner.id) if s.case_id == case_id
    ]
    assert set(summary.endings_reached) == {e.id for e in spec.endings}
    runner.wait()
