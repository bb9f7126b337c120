"""English plural forms for counted strings ("1 module", "2 modules").

The code writes counted strings once, as `tr("%n module(s) …", "", n)`; the English
translation in translations/trainer_en.qm gives each its singular and plural. Without
it Qt shows the "(s)" form.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QTranslator

TRANSLATIONS = Path(__file__).parent.parent / "translations"


def install_translations(app: QCoreApplication) -> bool:
    """Install the English plural forms on `app`; False if the file cannot be read."""
    translator = QTranslator(app)  # owned by the app, so it lives as long as the app
    if not translator.load("trainer_en", str(TRANSLATIONS)):
        return False
    return app.installTranslator(translator)
