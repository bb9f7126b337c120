"""The app's log: one rotating file in the user log folder, for an administrator or support.

The window and the `trainer` command write to the same file. At INFO it records what an
administrator asks after: which database was opened (a password in its URL hidden),
migrations, backups, restores, progress bundles imported and organisation keys
installed. An unexpected error is written here with its traceback; no person ever sees
a traceback on screen or in a terminal.

The folder is platformdirs' user log folder for the app, or `TRAINER_LOG_DIR`.
"""

from __future__ import annotations

import logging
import os
import sys
import traceback
from io import TextIOWrapper
from logging.handlers import RotatingFileHandler
from pathlib import Path

from platformdirs import user_log_dir

from trainer import __version__
from trainer.paths import APP_DIR_NAME
from trainer.store.private_files import PRIVATE_FILE, PRIVATE_FOLDER

LOG_DIR_VARIABLE = "TRAINER_LOG_DIR"
LOG_FILE_NAME = "trainer.log"
MAX_BYTES = 1_000_000  # then trainer.log.1 … trainer.log.5: a few weeks of ordinary use
BACKUP_COUNT = 5
FORMAT = "%(asctime)s %(levelname)s [%(process)d] %(name)s: %(message)s"

log = logging.getLogger("trainer")


class _LogFile(RotatingFileHandler):
    def _open(self) -> TextIOWrapper:
        """The log file, created readable by its owner only (it names learners and files)."""
        descriptor = os.open(
            self.baseFilename, os.O_WRONLY | os.O_CREAT | os.O_APPEND, PRIVATE_FILE
        )
        return open(descriptor, "a", encoding=self.encoding, errors=self.errors)

    def handleError(self, record: logging.LogRecord) -> None:
        """A log that cannot be written (a full disk, a read-only folder) is skipped quietly:
        it must never stop the app or print a traceback of its own."""


_handler: _LogFile | None = None


def log_folder() -> Path:
    """The folder of the log file: `TRAINER_LOG_DIR`, else the user log folder."""
    override = os.environ.get(LOG_DIR_VARIABLE)
    if override:
        return Path(override).expanduser()
    return Path(user_log_dir(APP_DIR_NAME, appauthor=False))


def log_file() -> Path:
    return log_folder() / LOG_FILE_NAME


def setup_logging() -> Path | None:
    """Send the app's log (the `trainer` loggers, INFO and above) to the log file.

    Called by the window's launcher and by the `trainer` command; calling it again is
    harmless, and follows `TRAINER_LOG_DIR` if it changed. Returns the file, or None
    when its folder cannot be created (the app then runs without a log).
    """
    global _handler
    path = log_file()
    if _handler is not None:
        if Path(_handler.baseFilename) == path.absolute():
            return path
        log.removeHandler(_handler)
        _handler.close()
        _handler = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=PRIVATE_FOLDER)
        handler = _LogFile(
            path, maxBytes=MAX_BYTES, backupCount=BACKUP_COUNT, encoding="utf-8", delay=True
        )
    except OSError:
        return None
    handler.setFormatter(logging.Formatter(FORMAT))
    log.addHandler(handler)
    log.setLevel(logging.INFO)
    _handler = handler
    return path


def log_unexpected(what: str, error: BaseException) -> None:
    """Write an unexpected error and its traceback to the log."""
    log.error("%s failed unexpectedly", what, exc_info=(type(error), error, error.__traceback__))


def error_summary(error: BaseException) -> str:
    """One line about the error, without a traceback: its type and the first line of it."""
    first = (str(error).strip().splitlines() or [""])[0]
    name = type(error).__name__
    return f"{name}: {first}" if first else name


def error_details(error: BaseException) -> str:
    """What support needs to find the cause: the versions, then the traceback."""
    import platform  # only when there is an error to describe

    trace = "".join(traceback.format_exception(type(error), error, error.__traceback__))
    return (
        f"trainer {__version__}, Python {sys.version.split()[0]},"
        f" {platform.system()} {platform.release()}\n\n{trace}"
    )
