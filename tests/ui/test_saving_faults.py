"""A database that stops taking writes (read-only, a full disk) while the app is open: the
screen that saves says so in words, and nothing saved before is lost."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from tests.services.test_database_faults import read_only
from tests.ui.test_app_window import opened_lesson, settle, taken_pretest
from tests.ui.test_quiz_page import focused, go_to, make_context, open_page, saved_answers
from trainer.services import progress


def test_an_answer_the_database_refuses_is_explained_and_the_saved_ones_kept(
    qtbot, store, catalog
) -> None:
    if store.path is None:
        pytest.skip("read-only is played with SQLite's query_only; PostgreSQL's is tested apart")
    context = make_context(store, catalog)
    page = open_page(qtbot, context, "basics-quiz")
    go_to(qtbot, page, "bq-define")
    qtbot.keyClick(focused(), Qt.Key.Key_Space)
    before = saved_answers(context)
    assert len(before) == 1 and not page.error.isVisible()
    read_only(store)
    qtbot.keyClick(focused(), Qt.Key.Key_Down)  # another option: saved at once, or not
    assert page.error.isVisible()
    assert page.error.text() == (
        f"⚠ Your answer could not be saved: the database {store.path} is read-only; everything"
        " saved before is kept: ask whoever looks after this computer to make the file and its"
        " folder writable, then try again."
    )
    assert saved_answers(context) == before


def test_reading_time_the_database_refuses_is_kept_and_said(qtbot, demo_root: Path) -> None:
    window = taken_pretest(qtbot, demo_root)
    reader = opened_lesson(qtbot, window, "what-is-pain")
    settle(qtbot, window.tasks)
    reader.unsaved_seconds = 30
    read_only(window.store)
    reader.tick()  # the save every few ticks, made now
    reader._save()
    assert reader.read_state.text().startswith(
        f"Your reading time could not be saved: The database {window.store.path} is read-only;"
    )
    assert reader.unsaved_seconds == 30  # saved with the next save that works
    reader.tick()
    assert reader.read_state.text().startswith("Your reading time could not be saved")
    states = progress.lesson_states(window.store, window.catalog, window.context.learner_id)
    assert states["what-is-pain"].active_seconds == 0
