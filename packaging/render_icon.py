"""Render packaging/icon.svg to the bitmaps the bundle uses: icon-256.png (Linux's .desktop
entry, macOS, where PyInstaller makes the .icns from it) and icon.ico (Windows).

Run again after changing the SVG: .venv/bin/python packaging/render_icon.py
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def render(size: int) -> object:
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    QSvgRenderer(str(HERE / "icon.svg")).render(painter)
    painter.end()
    return image


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication(sys.argv[:1])  # noqa: F841 (image plugins need an application)
    if not render(256).save(str(HERE / "icon-256.png")):  # type: ignore[attr-defined]
        print("could not write icon-256.png", file=sys.stderr)
        return 1
    if not render(64).save(str(HERE / "icon.ico")):  # type: ignore[attr-defined]
        print("could not write icon.ico (Qt's ico image plugin is missing)", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
