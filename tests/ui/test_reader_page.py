"""The reader on a long lesson: find, "On this page" and the reading status, offscreen."""

from __future__ import annotations

from pathlib import Path

from tests.services.helpers import take_quiz
from tests.ui.test_app_window import open_app, opened_lesson, settle, sign_in
from trainer.services import progress

PARAGRAPH = "Pain and its treatment are described here at some length. " * 12

LONG_LESSON = f"""\
---
id: steps
title: The steps
minutes: 15
objectives: [b-steps]
---
## The four steps {{#four-steps}}

{(PARAGRAPH + chr(10) + chr(10)) * 8}
## Why it matters {{#why}}

{(PARAGRAPH + chr(10) + chr(10)) * 8}
## What comes next {{#next}}

{(PARAGRAPH + chr(10) + chr(10)) * 8}
The end of the lesson.
"""


def long_lesson(qtbot, write_course):
    root: Path = write_course({"curriculum/basics/02-steps.md": LONG_LESSON})
    window = open_app(qtbot, root)
    window.resize(1000, 600)
    sign_in(qtbot, window)
    take_quiz(window.store, window.catalog, window.context.learner_id, "pretest")
    reader = opened_lesson(qtbot, window, "steps")
    bar = reader.browser.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0)
    return window, reader


def test_a_find_without_a_match_leaves_the_lesson_where_it_was(qtbot, write_course) -> None:
    window, reader = long_lesson(qtbot, write_course)
    bar = reader.browser.verticalScrollBar()
    bar.setValue(bar.maximum() // 2)
    middle = bar.value()
    window._find()
    reader.find_text.setText("no such words")
    assert not reader.find_next(backward=False)
    assert not reader.find_next(backward=True)
    assert reader.find_result.text() == "Not found"
    assert bar.value() == middle
    reader.leave()  # the reading position saved is still the middle
    settle(qtbot, window.tasks)
    state = progress.lesson_states(window.store, window.catalog, window.context.learner_id)
    assert abs(state["steps"].position - middle / bar.maximum()) < 0.01
    reader.find_text.setText("The end of the lesson")
    assert reader.find_next(backward=False) and bar.value() > middle


def test_on_this_page_follows_the_scroll(qtbot, write_course) -> None:
    _window, reader = long_lesson(qtbot, write_course)
    bar = reader.browser.verticalScrollBar()
    assert reader.toc.currentText().strip() == "The four steps"
    reader.browser.scrollToAnchor("why")
    qtbot.waitUntil(lambda: reader.toc.currentText().strip() == "Why it matters")
    bar.setValue(bar.maximum())
    assert reader.toc.currentText().strip() == "What comes next"
    bar.setValue(0)
    assert reader.toc.currentText().strip() == "The four steps"
