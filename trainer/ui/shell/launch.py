"""Start the desktop app: check system libraries, then paint the window, then load."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from trainer import __version__
from trainer.ui.shell.system_libs import install_hint, missing_packages


def launch(course_dir: Path, quiz_dir: Path, db_url: str | None = None) -> int:
    missing = missing_packages()
    if missing:
        print(install_hint(missing), file=sys.stderr)
        return 1
    try:
        from PySide6.QtWidgets import QApplication
    except ImportError as error:
        print(f"Qt could not start: {error}", file=sys.stderr)
        return 1
    from trainer.services.app_log import setup_logging
    from trainer.ui.shell.app_window import AppWindow
    from trainer.ui.shell.error_report import install_error_handler
    from trainer.ui.shell.wording import install_translations

    setup_logging()  # also done by the `trainer` command; harmless twice
    logging.getLogger("trainer").info("app started: trainer %s", __version__)

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Pain & OUD Counselor Training")
    app.setOrganizationName("Pain & OUD Counselor Training")
    install_translations(app)
    window = AppWindow(course_dir, quiz_dir, db_url)
    install_error_handler(window, window.tasks)
    window.show_first_look()
    window.show()
    window.load_soon()
    return app.exec()
