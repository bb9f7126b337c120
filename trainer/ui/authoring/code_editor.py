"""The authoring editor: line numbers, block indent, find, go to line, undo/redo and
problems marked beside their lines, for Markdown lessons and YAML quizzes.

Use it as:

    code = CodeEditor()
    text = code.text              # the QPlainTextEdit: textChanged, cursorPositionChanged,
                                  # modificationChanged, document(), setPlainText(), ...
    layout.addWidget(code)        # the widget holds the text and its find bar
    text.setDocument(new_document("..."))   # one document per open file: switch freely

Documents given to `setDocument` need a `QPlainTextDocumentLayout` (`new_document` makes
them so) and must be kept alive by their owner: the editor does not own them. The gutter,
the find bar and the undo/redo actions follow a new document; problem marks belong to the
text they were set for, so `setDocument` clears them.

Keys: Tab indents (two spaces, never a tab character, which YAML forbids), Shift+Tab
unindents, Enter keeps the indentation, Ctrl+Tab / Ctrl+Shift+Tab leave the editor,
Ctrl+F finds (F3 / Shift+F3 next / previous, Escape closes), Ctrl+G goes to a line.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QRect, QSize, Qt, Signal
from PySide6.QtGui import (
    QAction,
    QBrush,
    QColor,
    QFont,
    QFontDatabase,
    QHelpEvent,
    QKeyEvent,
    QKeySequence,
    QPainter,
    QPaintEvent,
    QResizeEvent,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
)
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPlainTextDocumentLayout,
    QPlainTextEdit,
    QPushButton,
    QTextEdit,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from trainer.ui.shell import theme
from trainer.ui.shell.text_size import follow_text_size

INDENT = "  "
MARK_SYMBOL = "!"


def editor_font() -> QFont:
    """The system's fixed-width font at the app's text size."""
    font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
    app = QApplication.instance()
    if isinstance(app, QApplication) and app.font().pointSizeF() > 0:
        font.setPointSizeF(app.font().pointSizeF())
    return font


def new_document(text: str, parent: QObject | None = None) -> QTextDocument:
    """A document the editor can show: plain-text layout, fixed-width font, unmodified,
    nothing to undo."""
    document = QTextDocument(parent)
    document.setDocumentLayout(QPlainTextDocumentLayout(document))
    document.setDefaultFont(editor_font())
    document.setPlainText(text)
    document.setModified(False)
    return document


def ask_line(parent: QWidget, current: int, maximum: int) -> int | None:
    """The line to go to, asked in a small dialog; None when cancelled."""
    line, ok = QInputDialog.getInt(
        parent,
        QApplication.translate("CodeEditor", "Go to line"),
        QApplication.translate("CodeEditor", "Line (1 to %1):").replace("%1", str(maximum)),
        current,
        1,
        maximum,
    )
    return line if ok else None


class LineNumberArea(QWidget):
    """The gutter: line numbers, the current one in bold, and a mark beside problems."""

    def __init__(self, text: CodeText) -> None:
        super().__init__(text)
        self._text = text
        self.setAccessibleName(self.tr("Line numbers"))

    def sizeHint(self) -> QSize:
        return QSize(self._text.gutter_width(), 0)

    def paintEvent(self, event: QPaintEvent) -> None:
        self._text.paint_gutter(event)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            self._text.show_mark_tip(event, self)
            return True
        return super().event(event)


class CodeText(QPlainTextEdit):
    """The text itself, with its gutter, indenting keys and highlighted lines."""

    document_replaced = Signal()  # after setDocument: what follows the document catches up

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._marks: list[tuple[QTextCursor, str]] = []
        self._found: list[QTextCursor] = []
        self.gutter = LineNumberArea(self)
        self.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        follow_text_size(self, 1.0)
        self.setTabChangesFocus(False)
        self.setAccessibleDescription(
            self.tr(
                "Tab indents by two spaces and Shift+Tab unindents; Ctrl+Tab moves to the "
                "next control and Ctrl+Shift+Tab to the previous one. Ctrl+F finds, "
                "Ctrl+G goes to a line."
            )
        )
        self.blockCountChanged.connect(self._fit_gutter)
        self.updateRequest.connect(self._scroll_gutter)
        self.cursorPositionChanged.connect(self.refresh_highlights)
        theme.notifier().changed.connect(self.refresh_highlights)
        self._fit_gutter()
        self.refresh_highlights()

    # --- the gutter -------------------------------------------------------------

    def gutter_width(self) -> int:
        metrics = self.fontMetrics()
        digits = len(str(max(1, self.blockCount())))
        mark = metrics.horizontalAdvance(MARK_SYMBOL)
        return 4 + mark + 4 + metrics.horizontalAdvance("9") * digits + 6

    def paint_gutter(self, event: QPaintEvent) -> None:
        painter = QPainter(self.gutter)
        palette = self.palette()
        painter.fillRect(event.rect(), palette.window())
        painter.setFont(self.font())
        bold = QFont(self.font())
        bold.setBold(True)
        marked = {cursor.blockNumber() for cursor, _message in self._marks}
        current = self.textCursor().blockNumber()
        width, height = self.gutter.width(), self.fontMetrics().height()
        mark_width = 4 + self.fontMetrics().horizontalAdvance(MARK_SYMBOL)
        block = self.firstVisibleBlock()
        top = round(self.blockBoundingGeometry(block).translated(self.contentOffset()).top())
        while block.isValid() and top <= event.rect().bottom():
            bottom = top + round(self.blockBoundingRect(block).height())
            number = block.blockNumber()
            if block.isVisible() and bottom >= event.rect().top():
                painter.setFont(bold if number == current else self.font())
                painter.setPen(
                    palette.text().color()
                    if number == current
                    else palette.placeholderText().color()
                )
                painter.drawText(
                    QRect(0, top, width - 6, height),
                    Qt.AlignmentFlag.AlignRight,
                    str(number + 1),
                )
                if number in marked:
                    painter.setFont(bold)
                    painter.setPen(QColor(theme.colours().bad))
                    painter.drawText(
                        QRect(0, top, mark_width, height),
                        Qt.AlignmentFlag.AlignRight,
                        MARK_SYMBOL,
                    )
            block = block.next()
            top = bottom
        painter.end()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        box = self.contentsRect()
        self.gutter.setGeometry(QRect(box.left(), box.top(), self.gutter_width(), box.height()))

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.PaletteChange):
            self._fit_gutter()

    def _fit_gutter(self, _count: int = 0) -> None:
        self.setViewportMargins(self.gutter_width(), 0, 0, 0)
        box = self.contentsRect()
        self.gutter.setGeometry(QRect(box.left(), box.top(), self.gutter_width(), box.height()))
        self.gutter.update()

    def _scroll_gutter(self, rect: QRect, dy: int) -> None:
        if dy:
            self.gutter.scroll(0, dy)
        else:
            self.gutter.update(0, rect.y(), self.gutter.width(), rect.height())
        if rect.contains(self.viewport().rect()):
            self._fit_gutter()

    # --- documents ----------------------------------------------------------------

    def setDocument(self, document: QTextDocument) -> None:
        self._marks = []
        self._found = []
        super().setDocument(document)
        document.setDefaultFont(self.font())
        self._fit_gutter()
        self.refresh_highlights()
        self.document_replaced.emit()

    # --- keys -----------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key, modifiers = event.key(), event.modifiers()
        control = bool(modifiers & Qt.KeyboardModifier.ControlModifier)
        if key in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
            backward = key == Qt.Key.Key_Backtab or bool(
                modifiers & Qt.KeyboardModifier.ShiftModifier
            )
            if control or self.isReadOnly():
                QWidget.focusNextPrevChild(self, not backward)  # never trapped in the text
            elif backward:
                self.unindent()
            else:
                self.indent()
            return
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not control and not self.isReadOnly():
            self._new_line_keeping_indent()
            return
        super().keyPressEvent(event)

    def indent(self) -> None:
        """Two spaces at the cursor; with a selection, two more before each of its lines."""
        cursor = self.textCursor()
        if not cursor.hasSelection():
            cursor.insertText(INDENT)
            return
        self._each_selected_line(lambda line: line.insertText(INDENT))

    def unindent(self) -> None:
        """Up to two leading spaces off the cursor's line, or off each selected line."""

        def take_spaces(line: QTextCursor) -> None:
            text = line.block().text()
            count = min(len(INDENT), len(text) - len(text.lstrip(" ")))
            line.movePosition(
                QTextCursor.MoveOperation.Right, QTextCursor.MoveMode.KeepAnchor, count
            )
            line.removeSelectedText()

        self._each_selected_line(take_spaces)

    def _each_selected_line(self, edit: Callable[[QTextCursor], None]) -> None:
        """Apply `edit` at the start of every line the selection touches, as one undo step."""
        cursor = self.textCursor()
        document = self.document()
        first = document.findBlock(cursor.selectionStart())
        last = document.findBlock(cursor.selectionEnd())
        if last.blockNumber() > first.blockNumber() and cursor.selectionEnd() == last.position():
            last = last.previous()  # a selection ending at a line's start leaves that line
        had_selection = cursor.hasSelection()
        cursor.beginEditBlock()
        block = first
        while block.isValid() and block.blockNumber() <= last.blockNumber():
            edit(QTextCursor(block))
            block = block.next()
        cursor.endEditBlock()
        if had_selection:
            lines = QTextCursor(first)
            lines.setPosition(last.position() + last.length() - 1, QTextCursor.MoveMode.KeepAnchor)
            self.setTextCursor(lines)

    def _new_line_keeping_indent(self) -> None:
        cursor = self.textCursor()
        text = cursor.block().text()
        start = cursor.selectionStart() - cursor.block().position()
        indent = text[: len(text) - len(text.lstrip(" "))][: max(0, start)]
        cursor.beginEditBlock()
        cursor.insertText("\n" + indent)
        cursor.endEditBlock()
        self.ensureCursorVisible()

    # --- marks and highlights -----------------------------------------------------

    def set_marks(self, marks: list[tuple[int, str]]) -> None:
        """Mark each (1-based line, message); lines past the end are left out. The marks
        move with their lines as the text is edited."""
        document = self.document()
        self._marks = [
            (QTextCursor(document.findBlockByNumber(line - 1)), message)
            for line, message in marks
            if 1 <= line <= document.blockCount()
        ]
        self.refresh_highlights()
        self.gutter.update()

    def marks(self) -> list[tuple[int, str]]:
        return [(cursor.blockNumber() + 1, message) for cursor, message in self._marks]

    def mark_at_line(self, line: int) -> str:
        """The messages of the marks on the 1-based `line`, one a line ("" when none)."""
        return "\n".join(
            message for cursor, message in self._marks if cursor.blockNumber() == line - 1
        )

    def line_at(self, y: int) -> int | None:
        """The 1-based line shown at height `y` of the viewport (or gutter)."""
        block = self.firstVisibleBlock()
        top = self.blockBoundingGeometry(block).translated(self.contentOffset()).top()
        while block.isValid() and top <= y:
            bottom = top + self.blockBoundingRect(block).height()
            if y < bottom:
                return block.blockNumber() + 1
            block, top = block.next(), bottom
        return None

    def show_mark_tip(self, event: QHelpEvent, over: QWidget) -> None:
        line = self.line_at(event.pos().y())
        message = self.mark_at_line(line) if line is not None else ""
        if message:
            QToolTip.showText(event.globalPos(), message, over)
        else:
            QToolTip.hideText()
            event.ignore()

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            self.show_mark_tip(event, self.viewport())
            return True
        return super().viewportEvent(event)

    def set_found(self, found: list[QTextCursor]) -> None:
        """Highlight every match of a search (the current one is the text's selection)."""
        self._found = found
        self.refresh_highlights()

    def refresh_highlights(self) -> None:
        """Current line, then problem lines, then matches: later ones show over earlier."""
        colours = theme.colours()
        selections = [self._line_selection(self.textCursor(), self.palette().alternateBase())]
        for cursor, _message in self._marks:
            tint = self._line_selection(cursor, QColor(colours.bad_bg))
            wavy = QTextEdit.ExtraSelection()
            wavy.cursor = QTextCursor(cursor.block())
            wavy.cursor.movePosition(
                QTextCursor.MoveOperation.EndOfBlock, QTextCursor.MoveMode.KeepAnchor
            )
            wavy.format.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
            wavy.format.setUnderlineColor(QColor(colours.bad))
            selections += [tint, wavy]
        for cursor in self._found:
            match = QTextEdit.ExtraSelection()
            match.cursor = cursor
            match.format.setBackground(QColor(colours.partial_bg))
            selections.append(match)
        self.setExtraSelections(selections)
        self.gutter.update()

    @staticmethod
    def _line_selection(
        cursor: QTextCursor, background: QBrush | QColor
    ) -> QTextEdit.ExtraSelection:
        selection = QTextEdit.ExtraSelection()
        selection.format.setBackground(background)
        selection.format.setProperty(QTextFormat.Property.FullWidthSelection, True)
        selection.cursor = QTextCursor(cursor)
        selection.cursor.clearSelection()
        return selection


class FindBar(QWidget):
    """Under the text: what to find, Previous / Next, how many matches, Close."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.field = QLineEdit()
        self.field.setAccessibleName(self.tr("Find in file"))
        self.field.setAccessibleDescription(
            self.tr("Enter or F3 finds the next match, Shift+Enter or Shift+F3 the previous.")
        )
        label = QLabel(self.tr("Find:"))
        label.setBuddy(self.field)
        self.previous = QPushButton(self.tr("Previous"))
        self.previous.setAccessibleName(self.tr("Previous match"))
        self.next = QPushButton(self.tr("Next"))
        self.next.setAccessibleName(self.tr("Next match"))
        self.count = QLabel()
        self.count.setAccessibleName(self.tr("Matches"))
        self.close_button = QPushButton(self.tr("Close"))
        self.close_button.setAccessibleName(self.tr("Close find"))
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(label)
        row.addWidget(self.field, 1)
        for widget in (self.previous, self.next, self.count, self.close_button):
            row.addWidget(widget)


class CodeEditor(QWidget):
    """The text (`text`, also `editor`) with its find bar, and actions to undo and redo."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.text = CodeText()
        self.text.setAccessibleName(self.tr("File text"))
        self.find_bar = FindBar()
        self.find_bar.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.find_bar)
        self.setFocusProxy(self.text)

        self.undo_action = self._action(self.tr("Undo"), QKeySequence.StandardKey.Undo)
        self.undo_action.triggered.connect(self.text.undo)
        self.text.undoAvailable.connect(self.undo_action.setEnabled)
        self.redo_action = self._action(self.tr("Redo"), QKeySequence.StandardKey.Redo)
        self.redo_action.triggered.connect(self.text.redo)
        self.text.redoAvailable.connect(self.redo_action.setEnabled)

        bar = self.find_bar
        bar.field.textEdited.connect(lambda _query: self._search(keep_place=True))
        bar.next.clicked.connect(self.find_next)
        bar.previous.clicked.connect(self.find_previous)
        bar.close_button.clicked.connect(self.close_find)
        self.text.textChanged.connect(self._text_changed)
        self.text.document_replaced.connect(self._document_replaced)
        # Keys are caught before shortcuts, so a window-wide Ctrl+F or F3 cannot take them.
        self._keys: dict[str, Callable[[], None]] = {
            "Ctrl+F": self.open_find,
            "F3": self.find_next,
            "Shift+F3": self.find_previous,
            "Ctrl+G": self.ask_go_to_line,
        }
        for widget in (self.text, bar.field, bar.previous, bar.next, bar.close_button):
            widget.installEventFilter(self)
        self._sync_undo()

    @property
    def editor(self) -> CodeText:
        return self.text

    def _action(self, text: str, keys: QKeySequence.StandardKey) -> QAction:
        action = QAction(text, self)
        action.setShortcut(QKeySequence(keys))
        action.setEnabled(False)
        return action

    # --- marks and lines ------------------------------------------------------------

    def set_marks(self, marks: list[tuple[int, str]]) -> None:
        self.text.set_marks(marks)

    def clear_marks(self) -> None:
        self.text.set_marks([])

    def marks(self) -> list[tuple[int, str]]:
        return self.text.marks()

    def mark_at_line(self, line: int) -> str:
        return self.text.mark_at_line(line)

    def go_to_line(self, line: int) -> None:
        """Put the cursor at the start of the 1-based `line` (kept in range), centred."""
        document = self.text.document()
        block = document.findBlockByNumber(max(0, min(line, document.blockCount()) - 1))
        self.text.setTextCursor(QTextCursor(block))
        self.text.centerCursor()

    def ask_go_to_line(self) -> None:
        current = self.text.textCursor().blockNumber() + 1
        line = ask_line(self, current, self.text.document().blockCount())
        if line is not None:
            self.go_to_line(line)
        self.text.setFocus()

    # --- find -----------------------------------------------------------------------

    def open_find(self) -> None:
        """Show the find bar, starting from the selected text when it is on one line."""
        selected = self.text.textCursor().selectedText()
        if selected and "\u2029" not in selected:
            self.find_bar.field.setText(selected)
        self.find_bar.show()
        self.find_bar.field.selectAll()
        self.find_bar.field.setFocus()
        self._search(keep_place=True)

    def close_find(self) -> None:
        self.find_bar.hide()
        self.text.set_found([])
        self.text.setFocus()

    def find_next(self) -> None:
        self._step(forward=True)

    def find_previous(self) -> None:
        self._step(forward=False)

    def _step(self, forward: bool) -> None:
        if not self.find_bar.field.text():
            self.open_find()  # nothing to look for yet: ask for it
            return
        self.find_bar.show()
        found = self._matches()
        if found:
            cursor = self.text.textCursor()
            place = cursor.selectionStart() if cursor.hasSelection() else cursor.position() - 1
            if forward:
                after = [m for m in found if m.selectionStart() > place]
                self._select((after or found)[0])
            else:
                start = cursor.selectionStart()
                before = [m for m in found if m.selectionStart() < start]
                self._select((before or found)[-1])
        self._show_found(found)

    def _search(self, keep_place: bool) -> None:
        """Find the query again; typing selects the first match from the cursor on."""
        found = self._matches()
        if found and keep_place:
            start = self.text.textCursor().selectionStart()
            self._select(next((m for m in found if m.selectionStart() >= start), found[0]))
        self._show_found(found)

    def _matches(self) -> list[QTextCursor]:
        query = self.find_bar.field.text()
        document = self.text.document()
        found: list[QTextCursor] = []
        match = document.find(query, 0) if query else QTextCursor()
        while not match.isNull():
            found.append(match)
            match = document.find(query, match)
        return found

    def _select(self, match: QTextCursor) -> None:
        self.text.setTextCursor(QTextCursor(match))
        self.text.centerCursor()

    def _show_found(self, found: list[QTextCursor]) -> None:
        self.text.set_found(found)
        self.find_bar.count.setText(self._count_text(found))

    def _count_text(self, found: list[QTextCursor]) -> str:
        if not self.find_bar.field.text():
            return ""
        if not found:
            return self.tr("No match")
        cursor = self.text.textCursor()
        spans = [(m.selectionStart(), m.selectionEnd()) for m in found]
        here = (cursor.selectionStart(), cursor.selectionEnd())
        if here in spans:
            return (
                self.tr("%1 of %2")
                .replace("%1", str(spans.index(here) + 1))
                .replace("%2", str(len(found)))
            )
        if len(found) == 1:
            return self.tr("1 match")
        return self.tr("%1 matches").replace("%1", str(len(found)))

    def _text_changed(self) -> None:
        if self.find_bar.isVisible():
            self._search(keep_place=False)

    def _document_replaced(self) -> None:
        self._sync_undo()
        if self.find_bar.isVisible():
            self._search(keep_place=False)

    def _sync_undo(self) -> None:
        document = self.text.document()
        self.undo_action.setEnabled(document.isUndoAvailable())
        self.redo_action.setEnabled(document.isRedoAvailable())

    # --- keys -----------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.EnabledChange and not self.text.isEnabled():
            self.find_bar.hide()  # no file open: nothing to find in
            self.text.set_found([])
        kinds = (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress)
        if event.type() not in kinds or not isinstance(event, QKeyEvent):
            return super().eventFilter(watched, event)
        command = self._command(watched, event)
        if command is None:
            return super().eventFilter(watched, event)
        event.accept()  # an accepted ShortcutOverride brings the key press here
        if event.type() == QEvent.Type.KeyPress:
            command()
        return True

    def _command(self, watched: QObject, event: QKeyEvent) -> Callable[[], None] | None:
        key = event.key()
        shift = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
        if key == Qt.Key.Key_Escape and self.find_bar.isVisible():
            return self.close_find
        if watched is self.find_bar.field and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            return self.find_previous if shift else self.find_next
        if not self.text.isEnabled():
            return None
        pressed = QKeySequence(event.keyCombination()).toString(
            QKeySequence.SequenceFormat.PortableText
        )
        return self._keys.get(pressed)
