"""The app's one look: a light and a dark palette, a spacing scale and one stylesheet.

The theme follows the system's light or dark setting (and its changes) unless View >
Theme fixes one. Every colour a screen uses comes from `colours()`; every gap from
`SPACE`. Sizes of text are never set here: they follow View > Zoom (text_size.py).

Focus is shown by a 3-px ring that grows outward into the space a control keeps free
around itself, so focusing never moves anything and the ring stands out against the
window's background (WCAG 2.4.7 and 2.4.11). Statuses carry a colour and an icon, always
beside their words (`status_icon`, the `tone` property of labels).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from PySide6.QtCore import QObject, QPointF, QRectF, QSettings, QSize, QStandardPaths, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QGuiApplication,
    QIcon,
    QPainter,
    QPainterPath,
    QPalette,
    QPen,
    QPixmap,
)
from PySide6.QtWidgets import QApplication, QWidget

from trainer.ui.shell.text_size import FACTOR

SETTING = "view/theme"
SPACE = {"xs": 4, "s": 8, "m": 12, "l": 16, "xl": 24, "xxl": 32}  # the one spacing scale


class Choice(StrEnum):
    SYSTEM = "system"
    LIGHT = "light"
    DARK = "dark"


@dataclass(frozen=True)
class Colours:
    """One theme's colours; text colours keep 4.5:1 against their background, rings 3:1."""

    dark: bool
    window: str
    surface: str  # inputs, lists, cards
    raised: str  # headers, buttons
    hover: str
    text: str
    muted: str
    border: str
    accent: str
    accent_hover: str
    on_accent: str
    focus: str
    selection: str
    on_selection: str
    good: str
    good_bg: str
    bad: str
    bad_bg: str
    partial: str
    partial_bg: str
    neutral: str
    disabled: str


LIGHT = Colours(
    dark=False, window="#f4f6f9", surface="#ffffff", raised="#e9edf2", hover="#dde3ea",
    text="#1b2430", muted="#4a5665", border="#a9b3bf", accent="#1d5aa6", accent_hover="#174a8a",
    on_accent="#ffffff", focus="#0b3a75", selection="#cfe0f5", on_selection="#0d1f33",
    good="#1b6b38", good_bg="#e6f4ea", bad="#b0261b", bad_bg="#fbe9e7", partial="#8a5300",
    partial_bg="#fdf2dc", neutral="#5b6673", disabled="#8a94a0",
)  # fmt: skip
DARK = Colours(
    dark=True, window="#1b1f24", surface="#242a31", raised="#2e353d", hover="#38414b",
    text="#e8ecf1", muted="#b3bcc6", border="#5d6874", accent="#6aa8f0", accent_hover="#8bbcf5",
    on_accent="#0b1726", focus="#9cc8ff", selection="#2f4a6b", on_selection="#ffffff",
    good="#7fd79a", good_bg="#1f3a29", bad="#ff9a8f", bad_bg="#45221f", partial="#f2c46d",
    partial_bg="#3d3120", neutral="#aab4bf", disabled="#7b8590",
)  # fmt: skip

_current = LIGHT


class _Notifier(QObject):
    changed = Signal()  # the theme in use changed: restyle what draws its own colours


_notifier: _Notifier | None = None


def notifier() -> _Notifier:
    """Emits `changed` after every change of theme (chosen, or the system's)."""
    global _notifier
    if _notifier is None:
        _notifier = _Notifier()
    return _notifier


def colours() -> Colours:
    """The colours in use now."""
    return _current


def saved_choice() -> Choice:
    value = str(QSettings().value(SETTING, Choice.SYSTEM.value))
    try:
        return Choice(value)
    except ValueError:
        return Choice.SYSTEM


def system_is_dark() -> bool:
    hints = QGuiApplication.styleHints()
    return hints.colorScheme() == Qt.ColorScheme.Dark


def apply_theme(choice: Choice | None = None) -> Colours:
    """Apply the saved (or given, then saved) theme to the whole app; follow the system's
    changes while the choice is "system"."""
    global _current
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        return _current
    if choice is not None:
        QSettings().setValue(SETTING, choice.value)
    choice = choice or saved_choice()
    dark = system_is_dark() if choice is Choice.SYSTEM else choice is Choice.DARK
    _current = DARK if dark else LIGHT
    if app.property("trainer_theme_follows") is None:
        app.setProperty("trainer_theme_follows", True)
        QGuiApplication.styleHints().colorSchemeChanged.connect(_system_changed)
    app.setStyle("Fusion")
    app.setPalette(_palette(_current))
    app.setStyleSheet(stylesheet(_current))
    _status_icons.clear()
    notifier().changed.emit()
    return _current


def _system_changed(_scheme: Qt.ColorScheme) -> None:
    if saved_choice() is Choice.SYSTEM:
        apply_theme()


def _palette(c: Colours) -> QPalette:
    palette = QPalette()
    role = QPalette.ColorRole
    for each, colour in (
        (role.Window, c.window), (role.WindowText, c.text), (role.Base, c.surface),
        (role.AlternateBase, c.raised), (role.Text, c.text), (role.Button, c.raised),
        (role.ButtonText, c.text), (role.Highlight, c.accent), (role.HighlightedText, c.on_accent),
        (role.ToolTipBase, c.surface), (role.ToolTipText, c.text), (role.Link, c.accent),
        (role.LinkVisited, c.accent), (role.PlaceholderText, c.muted), (role.Mid, c.border),
        (role.Dark, c.border), (role.Light, c.surface), (role.Midlight, c.raised),
        (role.BrightText, c.bad),
    ):  # fmt: skip
        palette.setColor(each, QColor(colour))
    disabled = QPalette.ColorGroup.Disabled
    for each in (role.WindowText, role.Text, role.ButtonText):
        palette.setColor(disabled, each, QColor(c.disabled))
    return palette


# Controls keep 2 px free around a 1-px border; focused, the border takes those 3 px.
_FOCUSABLE = (
    "QPushButton, QToolButton, QLineEdit, QComboBox, QSpinBox, QDoubleSpinBox, QDateEdit,"
    " QPlainTextEdit, QTextEdit, QTextBrowser, QListView, QTreeView, QTableView"
)


def stylesheet(c: Colours) -> str:
    """The app's one stylesheet, for the colours `c`."""
    focused = ", ".join(f"{name.strip()}:focus" for name in _FOCUSABLE.split(","))
    return _base_rules(c, focused) + _arrow_rules(c)


def _arrow_rules(c: Colours) -> str:
    """Drop-down and spin arrows: a bordered combo or spin box draws none of its own."""
    down, up = _arrow_file("down", c.text), _arrow_file("up", c.text)
    off = _arrow_file("down", c.disabled)
    return f"""
QComboBox::drop-down, QDateEdit::drop-down {{ subcontrol-origin: padding;
    subcontrol-position: center right; width: 24px; border: none; }}
QComboBox::down-arrow, QDateEdit::down-arrow {{ image: url("{down}"); width: 10px; height: 10px; }}
QComboBox::down-arrow:disabled, QDateEdit::down-arrow:disabled {{ image: url("{off}"); }}
QSpinBox, QDoubleSpinBox {{ padding-left: 6px; padding-right: 22px; }}
QSpinBox::up-button, QDoubleSpinBox::up-button {{ subcontrol-origin: border;
    subcontrol-position: top right; width: 22px; border: none; }}
QSpinBox::down-button, QDoubleSpinBox::down-button {{ subcontrol-origin: border;
    subcontrol-position: bottom right; width: 22px; border: none; }}
QSpinBox::up-button:hover, QDoubleSpinBox::up-button:hover, QSpinBox::down-button:hover,
QDoubleSpinBox::down-button:hover {{ background: {c.hover}; }}
QSpinBox::up-arrow, QDoubleSpinBox::up-arrow {{ image: url("{up}"); width: 9px; height: 9px; }}
QSpinBox::down-arrow, QDoubleSpinBox::down-arrow {{ image: url("{down}"); width: 9px; height: 9px; }}
"""


def _arrow_file(direction: str, colour: str) -> str:
    points = [(4.0, 7.0), (10.0, 13.0), (16.0, 7.0)]
    if direction == "up":
        points = [(x, 20 - y) for x, y in points]
    return _drawn_file(f"arrow-{direction}-{colour.lstrip('#')}", colour, points)


def _drawn_file(name: str, colour: str, points: list[tuple[float, float]]) -> str:
    """A small line drawing (an arrow, a tick) in `colour`, drawn once and kept in the
    user's cache folder: a stylesheet takes images by file name only."""
    folder = Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.CacheLocation))
    path = folder / "theme" / f"{name}.png"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        pixmap = QPixmap(QSize(20, 20))
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(QColor(colour), 2.6, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap,
                            Qt.PenJoinStyle.RoundJoin))  # fmt: skip
        painter.drawPolyline([QPointF(x, y) for x, y in points])
        painter.end()
        pixmap.save(str(path))
    return path.as_posix()


def _tick_file(colour: str) -> str:
    """A check mark for a ticked box, drawn once like the arrows."""
    return _drawn_file(f"tick-{colour.lstrip('#')}", colour, [(4, 10.5), (8.5, 15), (16, 5.5)])


def _base_rules(c: Colours, focused: str) -> str:
    return f"""
QToolTip {{ color: {c.text}; background: {c.surface}; border: 1px solid {c.border};
    padding: 4px; }}
{_FOCUSABLE} {{ border: 1px solid {c.border}; margin: 2px; border-radius: 6px; }}
QLineEdit, QComboBox, QSpinBox, QDoubleSpinBox, QDateEdit {{ background: {c.surface};
    padding: 3px 6px; }}
QPlainTextEdit, QTextEdit, QTextBrowser, QListView, QTreeView, QTableView {{
    background: {c.surface}; }}
{focused} {{ border: 3px solid {c.focus}; margin: 0px; }}
QPushButton {{ background: {c.raised}; color: {c.text}; padding: 6px 16px; min-height: 1.2em; }}
QPushButton:hover {{ background: {c.hover}; }}
QPushButton:pressed {{ background: {c.border}; }}
QPushButton:disabled {{ color: {c.disabled}; background: {c.window}; border-color: {c.raised}; }}
QPushButton[primary="true"] {{ background: {c.accent}; color: {c.on_accent};
    border-color: {c.accent}; font-weight: bold; padding: 10px 24px; }}
QPushButton[primary="true"]:hover {{ background: {c.accent_hover}; }}
QPushButton[primary="true"]:focus {{ border-color: {c.focus}; }}
QPushButton[primary="true"]:disabled {{ background: {c.raised}; color: {c.disabled};
    border-color: {c.raised}; }}
QComboBox {{ combobox-popup: 0; }}
QComboBox QAbstractItemView {{ background: {c.surface}; color: {c.text};
    selection-background-color: {c.accent}; selection-color: {c.on_accent};
    border: 1px solid {c.border}; margin: 0px; }}
QComboBox QAbstractItemView::item {{ padding: 4px 8px; border: none; }}
QComboBox QAbstractItemView::item:selected, QComboBox QAbstractItemView::item:hover {{
    background: {c.accent}; color: {c.on_accent}; }}
QScrollArea {{ border: 3px solid transparent; border-radius: 6px; background: transparent; }}
QScrollArea:focus {{ border-color: {c.focus}; }}
QCheckBox, QRadioButton {{ border: 3px solid transparent; border-radius: 6px; padding: 4px; }}
QCheckBox::indicator, QRadioButton::indicator {{ width: 1em; height: 1em;
    border: 2px solid {c.muted}; background: {c.surface}; }}
QCheckBox::indicator {{ border-radius: 4px; }}
QRadioButton::indicator {{ border-radius: 0.6em; }}
QCheckBox::indicator:checked {{ background: {c.accent}; border-color: {c.accent};
    image: url("{_tick_file(c.on_accent)}"); }}
QRadioButton::indicator:checked {{ border-color: {c.accent}; background: qradialgradient(
    cx: 0.5, cy: 0.5, radius: 0.5, fx: 0.5, fy: 0.5, stop: 0 {c.accent}, stop: 0.45 {c.accent},
    stop: 0.55 {c.surface}, stop: 1 {c.surface}); }}
QCheckBox::indicator:disabled, QRadioButton::indicator:disabled {{ border-color: {c.disabled}; }}
QCheckBox:focus, QRadioButton:focus {{ border-color: {c.focus}; }}
QTabBar::tab {{ padding: 8px 16px; border: 3px solid transparent; border-radius: 6px; }}
QTabBar::tab:selected {{ background: {c.surface}; font-weight: bold; }}
QTabBar::tab:focus {{ border-color: {c.focus}; }}
QTreeView::item, QListView::item {{ padding: 4px 2px; }}
QTreeView::item:selected, QListView::item:selected, QTableView::item:selected {{
    background: {c.selection}; color: {c.on_selection}; }}
QHeaderView::section {{ background: {c.raised}; color: {c.text}; padding: 6px 8px;
    border: none; border-bottom: 1px solid {c.border}; border-right: 1px solid {c.border};
    font-weight: bold; }}
QProgressBar {{ border: 1px solid {c.border}; border-radius: 6px; background: {c.surface};
    max-height: 12px; }}
QProgressBar::chunk {{ background: {c.good}; border-radius: 5px; }}
QGroupBox {{ border: 1px solid {c.border}; border-radius: 8px; margin-top: 1.4em;
    padding: 12px; background: {c.surface}; }}
QGroupBox::title {{ subcontrol-origin: margin; left: 12px; padding: 0 4px; font-weight: bold; }}
QFrame[card="true"] {{ background: {c.surface}; border: 1px solid {c.border};
    border-radius: 8px; }}
QLabel[muted="true"] {{ color: {c.muted}; }}
QLabel[tone="good"] {{ color: {c.good}; background: {c.good_bg}; border-left: 4px solid {c.good};
    padding: 8px 12px; }}
QLabel[tone="bad"] {{ color: {c.bad}; background: {c.bad_bg}; border-left: 4px solid {c.bad};
    padding: 8px 12px; }}
QLabel[tone="partial"] {{ color: {c.partial}; background: {c.partial_bg};
    border-left: 4px solid {c.partial}; padding: 8px 12px; }}
QLabel[tone="info"] {{ color: {c.text}; background: {c.raised}; border-left: 4px solid {c.accent};
    padding: 8px 12px; }}
"""


def lesson_html(page: str) -> str:
    """A rendered lesson page in the theme's colours: the lesson stylesheet is written for a
    light page, so in the dark theme its colours are overridden after it."""
    if not _current.dark or "</style>" not in page:
        return page
    return page.replace("</style>", _dark_lesson_css(_current) + "</style>", 1)


def _dark_lesson_css(c: Colours) -> str:
    tints = {"key-point": "#1e2f45", "pearl": c.good_bg, "caution": c.partial_bg,
             "refer": c.bad_bg, "case": "#2f2640", "discuss": "#263140", "note": c.raised}  # fmt: skip
    boxes = " ".join(
        f"table.{name} td {{ background-color: {tint}; }}" for name, tint in tints.items()
    )
    return (
        f"body {{ color: {c.text}; }} h1, h2, h3 {{ color: #cfe2ff; }}"
        f" p.crumb, div.footnote {{ color: {c.muted}; }} a {{ color: {c.accent}; }}"
        f" a.term {{ color: {c.text}; }} th {{ background-color: {c.raised};"
        f" border: 1px solid {c.border}; }} td {{ border: 1px solid {c.border}; }} {boxes}"
    )


def paper(widget: QWidget) -> QWidget:
    """A page that shows a printed document (a certificate) stays white in every theme."""
    widget.setStyleSheet(f"{type(widget).__name__} {{ background: #ffffff; color: #17324d; }}")
    return widget


def set_tone(label: QWidget, tone: str) -> None:
    """Colour a message by what it says: good, bad, partial, info, or "" for none."""
    if label.property("tone") == tone:
        return
    label.setProperty("tone", tone)
    _restyle(label)


def _restyle(widget: QWidget) -> None:
    """Style `widget` again for a changed property, keeping its text size: polishing by
    the style sheet puts back the font the widget had when first polished, before any
    zoom since."""
    font = widget.font()
    widget.style().unpolish(widget)
    widget.style().polish(widget)
    if widget.property(FACTOR) is not None:  # sized by follow_text_size; others inherit
        widget.setFont(font)


def make_primary(button: QWidget, primary: bool = True) -> QWidget:
    """The one main action of a screen: filled with the accent colour."""
    if bool(button.property("primary")) != primary:
        button.setProperty("primary", primary)
        _restyle(button)
    return button


def make_card(frame: QWidget) -> QWidget:
    frame.setProperty("card", True)
    return frame


# ---------------------------------------------------------------- status marks

GOOD, BAD, PARTIAL, ACTIVE, LOCKED, UNSTARTED = (
    "good",
    "bad",
    "partial",
    "active",
    "locked",
    "unstarted",
)

# a learner record's status codes (services/learner_progress.py) and the mark of each
STATUS_MARKS = {
    "complete": GOOD, "passed": GOOD, "read": GOOD, "submitted": GOOD, "ready": GOOD,
    "baseline": GOOD, "not_passed": BAD, "no_attempts_left": BAD, "in_progress": ACTIVE,
    "locked": LOCKED, "unavailable": LOCKED, "not_started": UNSTARTED, "not_taken": UNSTARTED,
    "not_read": UNSTARTED, "to_do": UNSTARTED,
}  # fmt: skip

_status_icons: dict[tuple[str, int], QIcon] = {}


def status_colour(mark: str) -> QColor:
    c = _current
    return QColor(
        {GOOD: c.good, BAD: c.bad, PARTIAL: c.partial, ACTIVE: c.accent}.get(mark, c.neutral)
    )


def status_icon(mark: str, size: int = 16) -> QIcon:
    """A round mark drawn in the theme's colours: a tick, a cross, a half, a padlock, a
    ring. Never used without the words it marks."""
    key = (mark, size)
    if key not in _status_icons:
        _status_icons[key] = QIcon(_draw_mark(mark, size))
    return _status_icons[key]


def _draw_mark(mark: str, size: int) -> QPixmap:
    ratio = 2  # drawn at twice the size, so it stays sharp on high-density screens
    pixmap = QPixmap(QSize(size * ratio, size * ratio))
    pixmap.setDevicePixelRatio(ratio)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    colour = status_colour(mark)
    box = QRectF(1, 1, size - 2, size - 2)
    on = QColor(_current.surface)
    stroke = QPen(on, max(1.5, size / 8), Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap,
                  Qt.PenJoinStyle.RoundJoin)  # fmt: skip
    s = size
    if mark in (GOOD, BAD, PARTIAL):
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(colour)
        painter.drawEllipse(box)
        painter.setPen(stroke)
        if mark == GOOD:
            painter.drawPolyline([QPointF(s * 0.28, s * 0.52), QPointF(s * 0.44, s * 0.68),
                                  QPointF(s * 0.73, s * 0.34)])  # fmt: skip
        elif mark == BAD:
            painter.drawLine(QPointF(s * 0.33, s * 0.33), QPointF(s * 0.67, s * 0.67))
            painter.drawLine(QPointF(s * 0.67, s * 0.33), QPointF(s * 0.33, s * 0.67))
        else:
            painter.drawLine(QPointF(s * 0.3, s * 0.5), QPointF(s * 0.7, s * 0.5))
    elif mark == ACTIVE:
        painter.setPen(QPen(colour, max(1.5, s / 9)))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawEllipse(box.adjusted(1, 1, -1, -1))
        half = QPainterPath()
        half.moveTo(box.center())
        half.arcTo(box.adjusted(1, 1, -1, -1), 90, -180)
        half.closeSubpath()
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(colour)
        painter.drawPath(half)
    elif mark == LOCKED:
        painter.setPen(QPen(colour, max(1.5, s / 9)))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawArc(QRectF(s * 0.3, s * 0.12, s * 0.4, s * 0.5), 0, 180 * 16)
        painter.drawLine(QPointF(s * 0.3, s * 0.37), QPointF(s * 0.3, s * 0.45))
        painter.drawLine(QPointF(s * 0.7, s * 0.37), QPointF(s * 0.7, s * 0.45))
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(colour)
        painter.drawRoundedRect(QRectF(s * 0.2, s * 0.45, s * 0.6, s * 0.45), 2, 2)
    else:
        painter.setPen(QPen(colour, max(1.5, s / 9)))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawEllipse(box.adjusted(1, 1, -1, -1))
    painter.end()
    return pixmap
