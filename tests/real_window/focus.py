"""Is keyboard focus visible? (WCAG 2.4.7 Focus Visible, measured as 2.4.13 Focus Appearance.)

For each control Tab reaches in a window, the window is drawn twice over the control's
visible rectangle plus a 3-px margin: with the control focused and with focus taken off
it. The focus is visible when the pixels that change cover at least the area of a 2-px
ring around the control's perimeter and change with a contrast of at least 3:1.

Used by driver.py in the app's process (Qt's xcb platform under Xvfb)."""

from __future__ import annotations

import time
from array import array
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QImage
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QTabBar,
    QTextEdit,
    QWidget,
)

MARGIN = 3  # px around the control that a focus ring may be drawn in
RING = 2  # px: the ring's thickness the changed area must match
CONTRAST = 3.0  # between a changed pixel's focused and unfocused colour
LIMIT = 30  # controls per screen


def _channel(value: int) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


_luminance_cache: dict[int, float] = {}


def luminance(rgb: int) -> float:
    """WCAG relative luminance of a 0xRRGGBB colour (the alpha byte is ignored)."""
    rgb &= 0xFFFFFF
    found = _luminance_cache.get(rgb)
    if found is None:
        r, g, b = (rgb >> 16) & 0xFF, (rgb >> 8) & 0xFF, rgb & 0xFF
        found = 0.2126 * _channel(r) + 0.7152 * _channel(g) + 0.0722 * _channel(b)
        _luminance_cache[rgb] = found
    return found


def contrast(first: int, second: int) -> float:
    """WCAG contrast ratio of two 0xRRGGBB colours: 1 (same) to 21 (black on white)."""
    a, b = luminance(first), luminance(second)
    return (max(a, b) + 0.05) / (min(a, b) + 0.05)


def _pixels(image: QImage) -> array:
    image = image.convertToFormat(QImage.Format.Format_RGB32)
    width, height = image.width(), image.height()
    data = array("I")
    line = image.bytesPerLine()
    raw = bytes(image.constBits())
    for y in range(height):
        data.frombytes(raw[y * line : y * line + width * 4])
    return data


def compare(focused: QImage, unfocused: QImage) -> tuple[int, int, float]:
    """(changed pixels, of them those changed with contrast ≥ 3:1, the highest contrast)."""
    if focused.size() != unfocused.size():
        return 0, 0, 1.0
    a, b = _pixels(focused), _pixels(unfocused)
    if a == b:
        return 0, 0, 1.0
    changed = strong = 0
    best = 1.0
    pairs: dict[tuple[int, int], float] = {}
    for x, y in zip(a, b, strict=True):
        if x == y:
            continue
        changed += 1
        ratio = pairs.get((x, y))
        if ratio is None:
            ratio = pairs[(x, y)] = contrast(x, y)
        if ratio >= CONTRAST:
            strong += 1
        best = max(best, ratio)
    return changed, strong, best


def describe(widget: QWidget) -> dict[str, str]:
    text = ""
    if isinstance(widget, QAbstractButton | QLineEdit):
        text = widget.text()
    elif isinstance(widget, QComboBox):
        text = widget.currentText()
    return {
        "class": type(widget).__name__,
        "qt_class": widget.metaObject().className(),
        "name": widget.objectName(),
        "text": (text or widget.accessibleName() or "").replace("&", "")[:50],
    }


def _settle(seconds: float = 0.03) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        QApplication.processEvents()
        time.sleep(0.005)


def visible_rect(window: QWidget, widget: QWidget) -> QRect:
    """The part of `widget` its ancestors show (scroll areas clip), in window pixels; of a
    tab bar, its current tab (what focus marks)."""
    own = widget.rect()
    if isinstance(widget, QTabBar) and widget.currentIndex() >= 0:
        own = widget.tabRect(widget.currentIndex())
    shown = QRect(widget.mapTo(window, own.topLeft()), own.size())
    parent = widget.parentWidget()
    while parent is not None and parent is not window:
        shown &= QRect(parent.mapTo(window, parent.rect().topLeft()), parent.size())
        parent = parent.parentWidget()
    return shown & window.rect()


def check(window: QWidget, widget: QWidget) -> dict[str, Any]:
    """How visible `widget`'s focus is: `widget` has focus when this is called, and has
    it again afterwards."""
    found: dict[str, Any] = describe(widget)
    shown = visible_rect(window, widget)
    if shown.isEmpty():
        found.update(visible=False, why="focused control not shown (scrolled away or hidden)")
        return found
    area = shown.adjusted(-MARGIN, -MARGIN, MARGIN, MARGIN) & window.rect()
    _settle()
    focused = window.grab(area).toImage()
    widget.clearFocus()
    _settle()
    unfocused = window.grab(area).toImage()
    widget.setFocus(Qt.FocusReason.TabFocusReason)
    _settle()
    changed, strong, best = compare(focused, unfocused)
    # a RING-px ring just inside the control's edge: its four sides less the corners counted twice
    needed = RING * 2 * (shown.width() + shown.height()) - 4 * RING * RING
    found.update(
        size=[shown.width(), shown.height()],
        changed=changed,
        strong=strong,
        needed=needed,
        contrast=round(best, 2),
        visible=strong >= needed,
    )
    if not found["visible"]:
        found["why"] = (
            f"{strong} px changed with contrast ≥ {CONTRAST}:1 (of {changed} changed, best"
            f" {best:.2f}:1); a {RING}-px ring needs {needed}"
        )
    return found


def _eats_tab(widget: QWidget | None) -> bool:
    """An editable text box takes Tab as a character: focus is moved past it by hand."""
    if isinstance(widget, QTextEdit | QPlainTextEdit):
        return not widget.isReadOnly() and not widget.tabChangesFocus()
    return False


def _tab_stop(window: QWidget, widget: QWidget) -> bool:
    return (
        widget.window() is window
        and widget.isVisible()
        and widget.isEnabled()
        and bool(widget.focusPolicy() & Qt.FocusPolicy.TabFocus)
        and widget.focusProxy() is None
    )


def _next_by_hand(window: QWidget, current: QWidget) -> None:
    widget = current.nextInFocusChain()
    for _ in range(500):
        if widget is current:
            return
        if _tab_stop(window, widget):
            widget.setFocus(Qt.FocusReason.TabFocusReason)
            return
        widget = widget.nextInFocusChain()


def _activate(window: QWidget, wait: Callable[[Callable[[], bool], float], bool]) -> bool:
    if window.isActiveWindow():
        return True
    window.raise_()
    window.activateWindow()
    return wait(window.isActiveWindow, 3.0)


def walk(
    window: QWidget, wait: Callable[[Callable[[], bool], float], bool], limit: int = LIMIT
) -> dict[str, Any]:
    """Press Tab through `window`'s controls (at most `limit`), checking each focus."""
    if not _activate(window, wait):
        return {"active": False, "controls": []}
    controls: list[dict[str, Any]] = []
    seen: list[QWidget] = []
    first: QWidget | None = None
    presses = 0
    while len(controls) < limit and presses < limit * 2:
        presses += 1
        current = QApplication.focusWidget()
        if current is not None and current.window() is not window:
            current = None
        if _eats_tab(current):
            assert current is not None
            _next_by_hand(window, current)
        else:
            QTest.keyClick(current or window, Qt.Key.Key_Tab)
        _settle(0.02)
        widget = QApplication.focusWidget()
        if widget is None or widget.window() is not window:
            break  # focus left the window (or the window closed)
        if widget is first:
            break  # round the whole chain
        if first is None:
            first = widget
        if any(widget is other for other in seen):
            continue  # Tab moved within one control (links in a text browser)
        seen.append(widget)
        controls.append(check(window, widget))
    return {"active": True, "controls": controls}


def focus_now(window: QWidget) -> dict[str, Any] | None:
    """How visible the focus of the control that has it now is (None: no control has it)."""
    widget = QApplication.focusWidget()
    if widget is None or widget.window() is not window:
        return None
    return check(window, widget)
