"""Client cases in the app: a step of their module on the course home, played in the window,
its status in words once played; and played from the authoring screen's preview (F6)."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.cases.fixtures import CASE_PATH, VALID_CASE
from tests.services.helpers import take_quiz
from tests.ui.test_app_window import open_app, sign_in, written_elsewhere
from tests.ui.test_learner_preview import previewed


def _case_row(home):
    module = home.steps.topLevelItem(1)
    return next(
        module.child(n)
        for n in range(module.childCount())
        if module.child(n).text(0).startswith("Client case:")
    )


def test_a_case_is_a_step_of_its_module_played_in_the_window(qtbot, write_course) -> None:
    root = write_course({CASE_PATH: VALID_CASE})
    window = open_app(qtbot, root)
    sign_in(qtbot, window)
    take_quiz(window.store, window.catalog, window.context.learner_id, "pretest")
    written_elsewhere(qtbot, window)
    home = window.pages["home"]
    row = _case_row(home)
    assert (row.text(0), row.text(1)) == (
        "Client case: A first visit: the pain is real",
        "Not played",
    )
    home.steps.setCurrentItem(row)
    home.steps.setFocus()
    qtbot.keyClick(home.steps, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.pages.get("case"))
    page = window.pages["case"]
    qtbot.waitUntil(lambda: len(page.choices) == 2 and page.choices[0].isVisible())
    # "Say that pain is often in the head": its ending comes at once
    qtbot.keyClick(page.choices[0], Qt.Key.Key_2)
    qtbot.waitUntil(lambda: page.continue_button.isVisible())
    qtbot.keyClick(page.continue_button, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.ending_view.isVisible())
    assert page.ending_title.text().endswith("Dana leaves")
    window.show_home()
    qtbot.waitUntil(lambda: _case_row(window.pages["home"]).text(1) == "Played: 1 ending reached")


def test_f6_on_a_case_file_plays_it_with_nothing_recorded(qtbot, make_page) -> None:
    page = make_page({CASE_PATH: VALID_CASE})
    case_file = page.course_dir / "basics" / "cases" / "first-visit.yaml"
    assert case_file.is_file()
    preview = previewed(qtbot, page, case_file)
    qtbot.waitUntil(
        lambda: preview.case is not None and preview.stack.currentWidget() is preview.case
    )
    assert "Dana" in preview.case.node_text.text()
    preview.close()
