"""The reader on a long lesson: find, "On this page" and the reading status, offscreen."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QEvent
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import QApplication, QToolTip

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


def test_the_footer_says_how_much_reading_time_is_still_needed(qtbot, write_course) -> None:
    window, reader = long_lesson(qtbot, write_course)
    now = [1000.0]
    window.activity.clock = lambda: now[0]
    window.activity.take_active_seconds()
    bar = reader.browser.verticalScrollBar()
    assert reader.required_seconds() == 180  # a quarter of 15 minutes, at most 3
    assert reader.read_state.text() == "Scroll to the end and read 3 min more to finish this lesson"
    for _ in range(13):  # 65 seconds of steady reading: 115 s, rounded up to 2 min, to go
        now[0] += 5
        window.activity.touch()
        reader.tick()
    width = reader.browser.width()
    bar.setValue(bar.maximum())
    assert not reader.completed
    assert reader.browser.width() == width  # the longer words below do not narrow the lesson
    assert reader.read_state.text() == "2 min more reading time finishes this lesson"
    for _ in range(22):  # 175 s: 5 s to go, said as 1 min
        now[0] += 5
        window.activity.touch()
        reader.tick()
    assert reader.read_state.text() == "1 min more reading time finishes this lesson"
    now[0] += 5
    window.activity.touch()
    reader.tick()
    qtbot.waitUntil(lambda: reader.read_state.text() == "Read")


def test_the_guide_says_when_a_lesson_counts_as_read() -> None:
    from trainer.ui.shell.help import GUIDE

    text = " ".join(GUIDE.split())
    assert "scrolled to its end" in text
    assert "a quarter of its minutes, at most three" in text
    assert "how many more minutes it needs" in text


def test_a_footnote_cited_twice_has_numbered_back_links(qtbot, write_course) -> None:
    root = write_course(
        {
            "curriculum/basics/02-steps.md": LONG_LESSON.replace(
                "The end of the lesson.",
                "Cited once.[^raja2020] Cited twice.[^raja2020] Thrice.[^raja2020]",
            )
        }
    )
    window = open_app(qtbot, root)
    sign_in(qtbot, window)
    take_quiz(window.store, window.catalog, window.context.learner_id, "pretest")
    reader = opened_lesson(qtbot, window, "steps")
    text = reader.browser.toPlainText()
    assert "↩↩" not in text
    assert "↩1 ↩2 ↩3" in text


@pytest.mark.qt_log_ignore("This plugin does not support raise")  # a tooltip, offscreen
def test_a_glossary_tooltip_wraps(qtbot, demo_root: Path) -> None:
    window = open_app(qtbot, demo_root)
    sign_in(qtbot, window)
    take_quiz(window.store, window.catalog, window.context.learner_id, "pretest")
    reader = opened_lesson(qtbot, window, "what-is-pain")
    qtbot.waitUntil(lambda: not reader.browser.viewport().geometry().isEmpty())
    cursor = reader.browser.document().find("Nociception")
    assert not cursor.isNull()
    where = reader.browser.cursorRect(cursor).center()
    where.setX(where.x() - 4)  # on the term, not past its end
    assert reader.browser.anchorAt(where) == "glossary:nociception"
    viewport = reader.browser.viewport()
    QApplication.sendEvent(
        viewport, QHelpEvent(QEvent.Type.ToolTip, where, viewport.mapToGlobal(where))
    )
    qtbot.waitUntil(QToolTip.isVisible)
    assert QToolTip.text() == (
        "<p><b>Nociception</b>: The nervous system's detection of possible harm.</p>"
    )
    tips = [w for w in QApplication.topLevelWidgets() if w.inherits("QLabel") and w.isVisible()]
    assert tips and all(tip.wordWrap() for tip in tips)  # rich text: Qt wraps it
