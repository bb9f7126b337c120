"""The app's look: focus a person can see, statuses in colour and icon beside their words,
and light and dark themes that follow the system."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QColor, QGuiApplication, QImage, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QLineEdit,
    QPushButton,
    QTreeWidget,
    QVBoxLayout,
    QWidget,
)

from tests.ui.test_app_window import opened_lesson, taken_pretest
from trainer.ui.shell import theme


@pytest.fixture(autouse=True)
def light_again(qapp):
    yield
    QSettings().remove(theme.SETTING)
    theme.apply_theme(theme.Choice.LIGHT)
    QSettings().remove(theme.SETTING)


def luminance(colour: QColor) -> float:
    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * channel(colour.redF())
        + 0.7152 * channel(colour.greenF())
        + 0.0722 * channel(colour.blueF())
    )


def contrast(a: QColor, b: QColor) -> float:
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def ring_pixels(before: QImage, after: QImage) -> int:
    """Pixels whose colour changed with focus by at least 3:1 (WCAG 2.4.11's contrast)."""
    changed = 0
    for y in range(before.height()):
        for x in range(before.width()):
            if contrast(QColor(before.pixel(x, y)), QColor(after.pixel(x, y))) >= 3:
                changed += 1
    return changed


@pytest.mark.parametrize("scheme", [theme.Choice.LIGHT, theme.Choice.DARK])
def test_focus_is_a_ring_of_contrasting_colour_around_every_kind_of_control(qtbot, scheme) -> None:
    theme.apply_theme(scheme)
    window = QWidget()
    qtbot.addWidget(window)
    layout = QVBoxLayout(window)
    primary = theme.make_primary(QPushButton("Continue"))
    controls = [QPushButton("Open"), primary, QLineEdit("Ana"), QCheckBox("Sure"), QTreeWidget()]
    for control in [QPushButton("elsewhere"), *controls]:
        layout.addWidget(control)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    elsewhere = layout.itemAt(0).widget()
    for control in controls:
        elsewhere.setFocus()
        qtbot.waitUntil(elsewhere.hasFocus)
        before = window.grab(control.geometry()).toImage()  # with the window behind
        control.setFocus(Qt.FocusReason.TabFocusReason)
        qtbot.waitUntil(control.hasFocus)
        after = window.grab(control.geometry()).toImage()
        perimeter = 2 * (control.width() + control.height())
        # at least a 2-px ring all round (rounded corners take a little of it)
        assert ring_pixels(before, after) >= 1.9 * perimeter, type(control).__name__
        assert after.size() == before.size()  # focusing moved nothing


def test_view_theme_dark_recolours_the_app_and_the_open_lesson(qtbot, demo_root: Path) -> None:
    window = taken_pretest(qtbot, demo_root)
    reader = opened_lesson(qtbot, window, "steps")
    light_text = QApplication.palette().color(QPalette.ColorRole.WindowText)
    window.theme_actions[theme.Choice.DARK].trigger()
    palette = QApplication.palette()
    assert luminance(palette.color(QPalette.ColorRole.Window)) < 0.05
    assert (
        contrast(
            palette.color(QPalette.ColorRole.WindowText), palette.color(QPalette.ColorRole.Window)
        )
        >= 7
    )
    assert light_text != palette.color(QPalette.ColorRole.WindowText)
    assert (
        theme.DARK.text in reader.browser.toHtml().lower() or "#e8ecf1" in reader.browser.toHtml()
    )
    assert QSettings().value(theme.SETTING) == "dark"  # kept for the next start

    window.theme_actions[theme.Choice.LIGHT].trigger()
    assert luminance(QApplication.palette().color(QPalette.ColorRole.Window)) > 0.8
    assert "#e8ecf1" not in reader.browser.toHtml()


def test_following_the_system_changes_with_it(qtbot, monkeypatch) -> None:
    """The offscreen platform has no system scheme to change, so the system's answer and
    its change signal are played here."""
    system = {"dark": False}
    monkeypatch.setattr(theme, "system_is_dark", lambda: system["dark"])
    changed = QGuiApplication.styleHints().colorSchemeChanged
    theme.apply_theme(theme.Choice.SYSTEM)
    assert not theme.colours().dark
    system["dark"] = True
    changed.emit(Qt.ColorScheme.Dark)
    assert theme.colours().dark
    assert luminance(QApplication.palette().color(QPalette.ColorRole.Window)) < 0.05
    theme.apply_theme(theme.Choice.LIGHT)  # a fixed choice no longer follows
    changed.emit(Qt.ColorScheme.Dark)
    assert not theme.colours().dark


def test_home_marks_each_status_with_colour_and_icon_beside_its_words(
    qtbot, demo_root: Path
) -> None:
    window = taken_pretest(qtbot, demo_root)
    home = window.pages["home"]
    pretest = home.steps.topLevelItem(0)
    locked = home.steps.topLevelItem(home.steps.topLevelItemCount() - 1)
    assert pretest.text(1) == "Baseline taken" and not pretest.icon(1).isNull()
    assert pretest.foreground(1).color() == QColor(theme.colours().good)
    assert locked.text(1) == "Locked" and not locked.icon(1).isNull()
    assert pretest.icon(1).cacheKey() != locked.icon(1).cacheKey()
    # the progress words sit beside the bar, not across its fill
    assert not home.bar.isTextVisible()
    assert home.bar_label.text() == "0 of 1 modules complete"
    assert home.next_label.text().startswith("Next: ")
    assert home.continue_button.property("primary") is True


def test_my_progress_marks_statuses_and_results_with_colour_and_icon(
    qtbot, demo_root: Path
) -> None:
    window = taken_pretest(qtbot, demo_root)
    window.show_progress()
    progress = window.pages["progress"]
    qtbot.waitUntil(lambda: progress.history.rowCount() == 1)
    result = progress.history.item(0, 3)
    assert result.text() == "Baseline" and not result.icon().isNull()
    assert result.foreground().color() == QColor(theme.colours().good)
    status = progress.modules.item(0, 4)
    assert status.text() and not status.icon().isNull()


def test_the_stylesheet_parses_where_the_cache_folder_has_spaces_and_ampersands(
    qtbot, monkeypatch, tmp_path
) -> None:
    from PySide6.QtCore import QStandardPaths, qInstallMessageHandler

    folder = tmp_path / "Pain & OUD Counselor Training (cache)"
    monkeypatch.setattr(QStandardPaths, "writableLocation", lambda _where: str(folder))
    warnings: list[str] = []
    previous = qInstallMessageHandler(lambda _kind, _context, text: warnings.append(text))
    try:
        theme.apply_theme(theme.Choice.DARK)
        box = QLineEdit()
        qtbot.addWidget(box)
        box.show()
        box.ensurePolished()
    finally:
        qInstallMessageHandler(previous)
    assert not [w for w in warnings if "stylesheet" in w.lower()], warnings
    assert list((folder / "theme").glob("arrow-*.png"))


@pytest.mark.parametrize("scheme", [theme.Choice.LIGHT, theme.Choice.DARK])
def test_empty_boxes_and_radio_buttons_stand_out_from_the_window(qtbot, scheme) -> None:
    from PySide6.QtWidgets import QRadioButton

    colours = theme.apply_theme(scheme)
    window = QWidget()
    qtbot.addWidget(window)
    layout = QVBoxLayout(window)
    marks = [QCheckBox(), QRadioButton()]
    for mark in marks:
        layout.addWidget(mark)
    window.show()
    qtbot.waitExposed(window)
    background = QColor(colours.window)
    for mark in marks:
        picture = window.grab(mark.geometry()).toImage()
        outline = sum(
            1
            for y in range(picture.height())
            for x in range(picture.width())
            if contrast(QColor(picture.pixel(x, y)), background) >= 3
        )
        size = mark.fontMetrics().height()
        assert outline >= 2 * size, type(mark).__name__  # a visible outline, not 1.1:1


@pytest.mark.qt_log_ignore("This plugin does not support")  # offscreen popups
def test_the_highlighted_choice_of_a_drop_down_is_readable(qtbot) -> None:
    from PySide6.QtWidgets import QComboBox

    colours = theme.apply_theme(theme.Choice.LIGHT)
    combo = QComboBox()
    qtbot.addWidget(combo)
    combo.addItems(["Any status", "Complete", "In progress"])
    combo.show()
    qtbot.waitExposed(combo)
    combo.showPopup()
    view = combo.view()
    qtbot.waitUntil(view.isVisible)
    view.setCurrentIndex(combo.model().index(1, 0))
    rect = view.visualRect(combo.model().index(1, 0))
    picture = view.viewport().grab(rect).toImage()
    combo.hidePopup()
    colours_seen = {QColor(picture.pixel(x, y)).name() for x in range(picture.width())
                    for y in range(picture.height())}  # fmt: skip
    assert colours.accent in colours_seen  # the highlight is drawn
    assert any(contrast(QColor(name), QColor(colours.accent)) >= 4.5 for name in colours_seen)


def test_a_focused_table_in_a_scrolled_page_comes_into_view_ring_and_all(qtbot) -> None:
    from PySide6.QtWidgets import QScrollArea

    from trainer.ui.shell.text_and_tables import fill_table, follow_focus, report_table

    theme.apply_theme(theme.Choice.LIGHT)
    area = follow_focus(QScrollArea())
    qtbot.addWidget(area)
    content = QWidget()
    layout = QVBoxLayout(content)
    first = QPushButton("above")
    first.setMinimumHeight(400)
    table = report_table("Quiz history", ["Quiz", "Score"])
    fill_table(table, [["Module quiz", "8 of 8 right (100%)"]] * 6)
    layout.addWidget(first)
    layout.addWidget(table)
    layout.addWidget(QPushButton("below"))
    area.setWidget(content)
    area.setWidgetResizable(True)
    area.resize(500, 420)
    area.show()
    qtbot.waitExposed(area)
    table.setFocus(Qt.FocusReason.TabFocusReason)
    viewport = area.viewport()
    top = table.mapTo(viewport, table.rect().topLeft()).y()
    bottom = table.mapTo(viewport, table.rect().bottomLeft()).y()
    assert top >= 0 and bottom < viewport.height()  # every edge of its ring is in view


def test_a_message_coloured_after_a_zoom_keeps_the_zoomed_size(qapp) -> None:
    from PySide6.QtWidgets import QLabel

    from trainer.ui.shell import text_size, theme
    from trainer.ui.shell.text_and_tables import scaled

    label = scaled(QLabel("Helpful ✓"), 1.1)
    label.show()
    try:
        text_size.apply_text_size(10)  # 200%
        zoomed = label.font().pointSizeF()
        theme.set_tone(label, "good")
        assert label.font().pointSizeF() == zoomed
    finally:
        text_size.apply_text_size(0)
        label.close()
