"""One text size for the whole app: View > Zoom in / Zoom out / Normal size.

The size is a number of 10% steps from the system font, kept in the settings. It is
applied as the application font, so every screen, dialog and menu follows; widgets
that draw their text bigger or in another face (headings, the editor) record their
factor with `follow_text_size` and are resized with the rest.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QSettings
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QWidget

SETTING = "view/text_size"
EARLIER_READER_ZOOM = "reader/zoom"
STEP = 0.1
SMALLEST, LARGEST = -3, 10  # 70% to 200% of the system font
FACTOR = "text_size_factor"  # widget property: the widget's size over the app font's

_system_font: QFont | None = None


def saved_steps() -> int:
    """The saved size; anything unreadable (e.g. a hand-edited settings file) is normal."""
    settings = QSettings()
    # before text size applied everywhere, the reader kept its own zoom (a point a step)
    value: Any = settings.value(SETTING, settings.value(EARLIER_READER_ZOOM, 0))
    try:
        return clamp(int(value or 0))
    except (TypeError, ValueError):
        return 0


def clamp(steps: int) -> int:
    return max(SMALLEST, min(LARGEST, steps))


def apply_text_size(steps: int) -> None:
    """Make the app's text `steps` 10% steps bigger (or smaller) than the system font."""
    global _system_font
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        return
    if _system_font is None:
        _system_font = QFont(app.font())
    app.setFont(_sized(_system_font, 1.0 + STEP * clamp(steps)))
    if app.styleSheet():  # styled widgets take a new application font only when restyled
        app.setStyleSheet(app.styleSheet())
    for widget in app.allWidgets():
        factor = widget.property(FACTOR)
        if factor is not None:
            widget.setFont(_sized_like(widget.font(), app.font(), float(factor)))


def follow_text_size(widget: QWidget, factor: float) -> QWidget:
    """Give `widget` text `factor` times the app's size, now and after every change."""
    widget.setProperty(FACTOR, factor)
    app = QApplication.instance()
    base = app.font() if isinstance(app, QApplication) else widget.font()
    widget.setFont(_sized_like(widget.font(), base, factor))
    return widget


def _sized(font: QFont, factor: float) -> QFont:
    sized = QFont(font)
    if font.pointSizeF() > 0:
        sized.setPointSizeF(font.pointSizeF() * factor)
    elif font.pixelSize() > 0:  # a platform font given in pixels
        sized.setPixelSize(round(font.pixelSize() * factor))
    return sized


def _sized_like(font: QFont, base: QFont, factor: float) -> QFont:
    """`font` (its face and weight kept) at `factor` times the size of `base`."""
    sized = QFont(font)
    if base.pointSizeF() > 0:
        sized.setPointSizeF(base.pointSizeF() * factor)
    elif base.pixelSize() > 0:
        sized.setPixelSize(round(base.pixelSize() * factor))
    return sized
