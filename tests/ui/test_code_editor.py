"""The authoring editor: line numbers, block indent, find, go to line, undo/redo, marks."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QFontDatabase, QHelpEvent, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QApplication, QLineEdit, QToolTip, QVBoxLayout, QWidget

from trainer.ui.authoring import code_editor
from trainer.ui.authoring.code_editor import CodeEditor, new_document
from trainer.ui.shell import text_size

Key = Qt.Key
Ctrl = Qt.KeyboardModifier.ControlModifier
Shift = Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def code(qtbot) -> Iterator[CodeEditor]:
    """The editor in a window with a field after it, focused on the text."""
    window = QWidget()
    layout = QVBoxLayout(window)
    editor = CodeEditor()
    other = QLineEdit()
    other.setAccessibleName("Another control")
    layout.addWidget(editor)
    layout.addWidget(other)
    qtbot.addWidget(window)
    window.resize(500, 400)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    editor.text.setFocus()
    qtbot.waitUntil(editor.text.hasFocus)
    yield editor  # the window stays alive until the test ends


def select_lines(code: CodeEditor, first: int, last: int) -> None:
    """Select from the start of line `first` to the middle of line `last` (0-based)."""
    document = code.text.document()
    cursor = QTextCursor(document.findBlockByNumber(first))
    cursor.setPosition(document.findBlockByNumber(last).position() + 1, cursor.MoveMode.KeepAnchor)
    code.text.setTextCursor(cursor)


def test_the_gutter_shows_line_numbers_and_widens_for_a_hundredth_line(code):
    code.text.setPlainText("\n".join(["x"] * 99))
    narrow = code.text.gutter.width()
    assert narrow > 0
    assert code.text.viewport().x() >= narrow  # the text starts beside the gutter
    code.text.appendPlainText("line 100")
    assert code.text.gutter.width() > narrow


def test_the_text_and_gutter_follow_view_zoom(code):
    fixed = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont).family()
    assert code.text.font().family() == fixed
    before, size = code.text.gutter.width(), code.text.font().pointSizeF()
    try:
        text_size.apply_text_size(6)
        assert code.text.font().pointSizeF() > size
        assert code.text.gutter.width() > before
    finally:
        text_size.apply_text_size(0)


def test_tab_indents_every_selected_line_and_one_undo_restores(qtbot, code):
    code.text.setPlainText("a: 1\nb: 2\nc: 3\nd: 4")
    select_lines(code, 0, 2)
    qtbot.keyClick(code.text, Key.Key_Tab)
    assert code.text.toPlainText() == "  a: 1\n  b: 2\n  c: 3\nd: 4"
    code.undo_action.trigger()
    assert code.text.toPlainText() == "a: 1\nb: 2\nc: 3\nd: 4"


def test_shift_tab_unindents_by_up_to_two_spaces(qtbot, code):
    code.text.setPlainText("    a\n b\nc\nd")
    select_lines(code, 0, 2)
    qtbot.keyClick(code.text, Key.Key_Backtab, Shift)
    assert code.text.toPlainText() == "  a\nb\nc\nd"


def test_tab_inserts_two_spaces_never_a_tab(qtbot, code):
    code.text.setPlainText("ab")
    code.text.moveCursor(QTextCursor.MoveOperation.NextCharacter)
    qtbot.keyClick(code.text, Key.Key_Tab)
    assert code.text.toPlainText() == "a  b"
    assert "\t" not in code.text.toPlainText()
    assert code.text.hasFocus()


def test_enter_keeps_the_lines_indentation(qtbot, code):
    code.text.setPlainText("items:\n  - one")
    code.text.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClick(code.text, Key.Key_Return)
    qtbot.keyClicks(code.text, "- two")
    assert code.text.toPlainText() == "items:\n  - one\n  - two"


def test_ctrl_tab_and_ctrl_shift_tab_leave_the_editor(qtbot, code):
    assert "Ctrl+Tab" in code.text.accessibleDescription()
    qtbot.keyClick(code.text, Key.Key_Tab, Ctrl)
    qtbot.waitUntil(lambda: not code.text.hasFocus())
    assert code.text.toPlainText() == ""
    assert QApplication.focusWidget().accessibleName() == "Another control"
    qtbot.keyClick(QApplication.focusWidget(), Key.Key_Backtab, Shift)
    qtbot.waitUntil(code.text.hasFocus)
    qtbot.keyClick(code.text, Key.Key_Backtab, Ctrl | Shift)
    qtbot.waitUntil(lambda: not code.text.hasFocus())
    assert code.text.toPlainText() == ""


def test_find_counts_matches_steps_and_wraps_and_escape_returns(qtbot, code):
    code.text.setPlainText("Pain\nno pain\nPAIN again")
    code.text.moveCursor(QTextCursor.MoveOperation.Start)
    qtbot.keyClick(code.text, Key.Key_F, Ctrl)
    bar = code.find_bar
    assert bar.isVisible() and bar.field.hasFocus()
    assert bar.field.accessibleName() == "Find in file"
    qtbot.keyClicks(bar.field, "pain")
    assert bar.count.text() == "1 of 3"  # case does not matter
    assert code.text.textCursor().selectedText() == "Pain"
    qtbot.keyClick(bar.field, Key.Key_F3)
    assert bar.count.text() == "2 of 3"
    qtbot.keyClick(bar.field, Key.Key_Return)
    assert bar.count.text() == "3 of 3"
    qtbot.keyClick(bar.field, Key.Key_F3)
    assert bar.count.text() == "1 of 3"  # round again from the top
    qtbot.keyClick(bar.field, Key.Key_Return, Shift)
    assert bar.count.text() == "3 of 3"  # round again from the bottom
    qtbot.keyClick(bar.field, Key.Key_F3, Shift)
    assert bar.count.text() == "2 of 3"
    assert code.text.textCursor().blockNumber() == 1
    found = [s for s in code.text.extraSelections() if s.cursor.hasSelection()]
    assert len(found) == 3
    qtbot.keyClick(bar.field, Key.Key_Escape)
    assert not bar.isVisible()
    qtbot.waitUntil(code.text.hasFocus)
    assert not [s for s in code.text.extraSelections() if s.cursor.hasSelection()]


def test_find_says_when_nothing_matches(qtbot, code):
    code.text.setPlainText("nothing here")
    qtbot.keyClick(code.text, Key.Key_F, Ctrl)
    qtbot.keyClicks(code.find_bar.field, "pain")
    assert code.find_bar.count.text() == "No match"


def test_find_keys_win_over_a_window_shortcut(qtbot, code):
    from PySide6.QtGui import QAction, QKeySequence

    taken = []
    window_find = QAction(code.window())
    window_find.setShortcut(QKeySequence("Ctrl+F"))
    window_find.triggered.connect(lambda: taken.append(True))
    code.window().addAction(window_find)
    qtbot.keyClick(code.text, Key.Key_F, Ctrl)
    assert code.find_bar.isVisible() and not taken


def test_go_to_line_asks_and_moves_the_cursor(qtbot, code, monkeypatch):
    code.text.setPlainText("\n".join(f"line {n}" for n in range(1, 201)))
    asked = []

    def answer(parent, current, maximum):
        asked.append((current, maximum))
        return 150

    monkeypatch.setattr(code_editor, "ask_line", answer)
    qtbot.keyClick(code.text, Key.Key_G, Ctrl)
    assert asked == [(1, 200)]
    cursor = code.text.textCursor()
    assert cursor.blockNumber() == 149 and cursor.positionInBlock() == 0
    assert code.text.hasFocus()


def test_undo_and_redo_actions_follow_what_can_be_undone(qtbot, code):
    assert not code.undo_action.isEnabled() and not code.redo_action.isEnabled()
    qtbot.keyClicks(code.text, "hello")
    assert code.undo_action.isEnabled() and not code.redo_action.isEnabled()
    code.undo_action.trigger()
    assert code.text.toPlainText() == ""
    assert not code.undo_action.isEnabled() and code.redo_action.isEnabled()
    code.redo_action.trigger()
    assert code.text.toPlainText() == "hello"


def wavy_lines(code: CodeEditor) -> set[int]:
    wave = QTextCharFormat.UnderlineStyle.WaveUnderline
    return {
        s.cursor.blockNumber() + 1
        for s in code.text.extraSelections()
        if s.format.underlineStyle() == wave
    }


def test_marks_show_their_message_and_survive_a_find(qtbot, code):
    code.text.setPlainText("title: One\nquestions:\n  - text: pain\n")
    code.set_marks([(2, "questions needs at least one item"), (40, "past the end")])
    assert code.marks() == [(2, "questions needs at least one item")]
    assert code.mark_at_line(2) == "questions needs at least one item"
    assert code.mark_at_line(1) == ""
    assert wavy_lines(code) == {2}
    qtbot.keyClick(code.text, Key.Key_F, Ctrl)
    qtbot.keyClicks(code.find_bar.field, "pain")
    assert code.find_bar.count.text() == "1 of 1"
    assert wavy_lines(code) == {2}
    code.clear_marks()
    assert code.marks() == [] and wavy_lines(code) == set()


@pytest.mark.qt_log_ignore("This plugin does not support raise")  # a tooltip, offscreen
def test_hovering_a_marked_line_number_shows_its_message(qtbot, code):
    code.text.setPlainText("one\ntwo\nthree")
    code.set_marks([(2, "a tab is not allowed")])
    gutter = code.text.gutter
    y = round(
        code.text.blockBoundingGeometry(code.text.document().findBlockByNumber(1)).center().y()
    )
    where = QPoint(2, y + round(code.text.contentOffset().y()))
    QApplication.sendEvent(
        gutter, QHelpEvent(QEvent.Type.ToolTip, where, gutter.mapToGlobal(where))
    )
    qtbot.waitUntil(lambda: QToolTip.text() == "a tab is not allowed")
    QToolTip.hideText()


def test_marks_move_with_their_line(qtbot, code):
    code.text.setPlainText("a\nb\nc")
    code.set_marks([(3, "c is wrong")])
    code.text.moveCursor(QTextCursor.MoveOperation.Start)
    qtbot.keyClick(code.text, Key.Key_Return)
    assert code.marks() == [(4, "c is wrong")]


def test_everything_works_after_switching_documents(qtbot, code):
    first = new_document("one")
    second = new_document("\n".join(["x"] * 120) + "\nneedle\n  indented")
    code.text.setDocument(first)
    code.set_marks([(1, "first file's problem")])
    narrow = code.text.gutter.width()
    code.text.setDocument(second)
    assert code.text.gutter.width() > narrow
    assert code.marks() == []  # marks belong to the text they were set for
    assert not second.isModified() and not code.undo_action.isEnabled()

    code.set_marks([(121, "needle is sharp")])
    assert code.mark_at_line(121) == "needle is sharp"
    code.text.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClick(code.text, Key.Key_Return)
    assert code.text.toPlainText().endswith("  indented\n  ")
    assert code.undo_action.isEnabled() and second.isModified() and not first.isModified()
    three_digits = code.text.gutter.width()
    code.text.appendPlainText("\n".join(["y"] * 900))
    assert code.text.gutter.width() > three_digits  # blockCountChanged still reaches it

    qtbot.keyClick(code.text, Key.Key_F, Ctrl)
    qtbot.keyClicks(code.find_bar.field, "needle")
    assert code.find_bar.count.text() == "1 of 1"
    assert code.text.textCursor().blockNumber() == 120
    assert wavy_lines(code) == {121}

    code.text.setDocument(first)
    assert code.text.toPlainText() == "one"
    assert code.find_bar.count.text() == "No match"
    assert not code.undo_action.isEnabled()
    assert code.text.document().defaultFont().family() == code.text.font().family()


def test_escape_in_the_text_closes_the_find_bar_and_f3_opens_it(qtbot, code):
    code.text.setPlainText("pain")
    qtbot.keyClick(code.text, Key.Key_F3)
    assert code.find_bar.isVisible() and code.find_bar.field.hasFocus()
    qtbot.keyClicks(code.find_bar.field, "pain")
    code.text.setFocus()
    qtbot.keyClick(code.text, Key.Key_Escape)
    assert not code.find_bar.isVisible() and code.text.hasFocus()


def test_long_lines_wrap_and_keep_one_number(qtbot, code):
    code.text.setPlainText("word " * 400 + "\nsecond")
    first = code.text.document().firstBlock()
    assert first.layout().lineCount() > 1  # Markdown paragraphs stay readable
    second = code.text.blockBoundingGeometry(first.next()).translated(code.text.contentOffset())
    assert code.text.line_at(round(second.top()) - 2) == 1
    assert code.text.line_at(round(second.top()) + 2) == 2


def test_a_disabled_editor_offers_no_find(qtbot, code):
    code.text.setPlainText("pain")
    qtbot.keyClick(code.text, Key.Key_F, Ctrl)
    assert code.find_bar.isVisible()
    code.text.setEnabled(False)
    assert not code.find_bar.isVisible()
    qtbot.keyClick(code.text, Key.Key_F, Ctrl)
    assert not code.find_bar.isVisible()


@pytest.mark.qt_log_ignore("This plugin does not support raise")  # a tooltip, offscreen
def test_hovering_a_marked_line_of_text_shows_its_message(qtbot, code):
    code.text.setPlainText("one\ntwo\nthree")
    code.set_marks([(3, "three is unknown")])
    third = code.text.document().findBlockByNumber(2)
    box = code.text.blockBoundingGeometry(third).translated(code.text.contentOffset())
    where = QPoint(5, round(box.center().y()))
    viewport = code.text.viewport()
    QApplication.sendEvent(
        viewport, QHelpEvent(QEvent.Type.ToolTip, where, viewport.mapToGlobal(where))
    )
    qtbot.waitUntil(lambda: QToolTip.text() == "three is unknown")
    QToolTip.hideText()
