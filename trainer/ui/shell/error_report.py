"""The one handler for unexpected errors: in a slot (sys.excepthook) or in a background task.

The person sees a plain dialog: what stopped, that nothing saved was lost, where the log
is, a "Copy details" button for whoever supports them, and Close. The traceback goes to
the log file only. A refusal the code meant to show (ServiceError, StoreError) that
reaches this handler is shown as its own sentence, as its screen would have.

`install_error_handler` is called by the launcher only, so under pytest-qt an
unexpected exception still fails the test that raised it.
"""

from __future__ import annotations

import html
import sys
from collections.abc import Callable
from types import TracebackType
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QCoreApplication, Qt, QThread, QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from trainer.services import app_log
from trainer.services.errors import ServiceError, StoreError
from trainer.ui.shell.text_and_tables import as_typed

if TYPE_CHECKING:
    from trainer.ui.shell.tasks import TaskRunner

SLOT_WHAT = "What you just did"


class UnexpectedErrorDialog(QDialog):
    """Says what stopped and that nothing saved was lost; copies the details on request."""

    def __init__(self, what: str, error: BaseException, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Something went wrong"))
        self.details = app_log.error_details(error)
        self.message = QLabel(
            self.tr("<b>%s stopped because of an unexpected problem in the app.</b>")
            % html.escape(what)
        )
        self.message.setWordWrap(True)
        self.reassurance = QLabel(
            self.tr(
                "Nothing you saved was lost: your answers and progress are saved as you go."
                " You can carry on, or close the app and open it again."
            )
        )
        self.reassurance.setWordWrap(True)
        log = app_log.log_file()
        self.where = QLabel(
            self.tr(
                "The problem (%s) is written in the log, %s. If it happens again, press"
                " Copy details and send them to whoever supports this app."
            )
            % (app_log.error_summary(error), log)
        )
        self.where.setTextFormat(Qt.TextFormat.PlainText)  # an error's text is never markup
        self.where.setWordWrap(True)
        self.where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.copied = QLabel()
        self.copied.setAccessibleName(self.tr("Copy result"))
        buttons = QDialogButtonBox()
        self.copy_button = QPushButton(self.tr("&Copy details"))
        self.copy_button.setAccessibleName(self.tr("Copy details"))
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.close_button = buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.close_button.setAccessibleName(self.tr("Close"))
        self.copy_button.clicked.connect(self.copy_details)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for label in (self.message, self.reassurance, self.where, self.copied):
            layout.addWidget(label)
        layout.addWidget(buttons)
        self.close_button.setDefault(True)
        self.close_button.setFocus()
        self.setMinimumWidth(460)

    def copy_details(self) -> None:
        QGuiApplication.clipboard().setText(self.details)
        self.copied.setText(self.tr("The details are on the clipboard."))


class ErrorReporter:
    """Logs an unexpected error with its traceback and shows it to the person, plainly."""

    def __init__(self, window: QWidget | None = None) -> None:
        self.window = window
        self.dialog: UnexpectedErrorDialog | None = None

    def report(self, error: BaseException, what: str = "") -> None:
        what = what or _tr(SLOT_WHAT)
        if isinstance(error, ServiceError | StoreError):
            app_log.log.warning("%s was refused: %s", what, error, exc_info=error)
            # the message may quote what was typed, a name say: shown as typed, never as HTML
            text = as_typed(_sentence(error))
            QMessageBox.warning(self._parent(), _tr("That did not work"), text)
            return
        app_log.log_unexpected(what, error)
        if self.dialog is not None and shiboken6.isValid(self.dialog) and self.dialog.isVisible():
            return  # one dialog at a time; a burst of the same fault is only logged
        self.dialog = UnexpectedErrorDialog(what, error, self._parent())
        self.dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog.open()

    def excepthook(
        self,
        kind: type[BaseException],
        error: BaseException,
        trace: TracebackType | None,
    ) -> None:
        """sys.excepthook: Qt hands it every exception a slot or virtual method lets out."""
        if error.__traceback__ is None:
            error = error.with_traceback(trace)
        app = QCoreApplication.instance()
        if not isinstance(error, Exception):  # Ctrl+C in the terminal that started the app
            app_log.log.info("stopped by %s", kind.__name__)
            if app is not None:
                app.quit()
            return
        if app is None or QThread.currentThread() is not app.thread():
            app_log.log_unexpected(_tr(SLOT_WHAT), error)  # widgets belong to the UI thread
            return
        try:
            self.report(error)
        except Exception:  # e.g. while the app closes: the log still has the first error
            app_log.log.exception("the error could not be shown")

    def _parent(self) -> QWidget | None:
        window = self.window
        return window if window is not None and shiboken6.isValid(window) else None


def install_error_handler(window: QWidget, tasks: TaskRunner) -> Callable[[], None]:
    """Route every unexpected exception, in a slot or a background task, to one reporter;
    returns the function that puts the previous handling back."""
    reporter = ErrorReporter(window)
    previous_hook = sys.excepthook
    sys.excepthook = reporter.excepthook
    tasks.on_unexpected = reporter.report

    def uninstall() -> None:
        sys.excepthook = previous_hook
        tasks.on_unexpected = None

    return uninstall


def open_log_folder(parent: QWidget | None = None) -> None:
    """Help > Open log folder: the folder in the file manager, created if missing."""
    folder = app_log.log_folder()
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        QMessageBox.warning(
            parent,
            _tr("Log folder"),
            _tr("The log folder %s cannot be created: %s") % (folder, error.strerror),
        )
        return
    if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder))):
        QMessageBox.information(
            parent,
            _tr("Log folder"),
            _tr("No file manager could be opened. The log folder is %s") % folder,
        )


def _tr(text: str) -> str:
    return QCoreApplication.translate("ErrorReporter", text)


def _sentence(error: BaseException) -> str:
    text = str(error)
    return text[:1].upper() + text[1:] + ("" if text.endswith(".") else ".")
