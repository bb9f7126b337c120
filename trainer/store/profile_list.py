"""The profiles in an SQLite file, read with Python's own sqlite3 before SQLAlchemy has
loaded, so that the start screen can list them at once (services/first_look.py).

It only reads, in one transaction, and gives up (None) on anything unexpected: another
schema, a damaged, locked or unreadable file. The app then waits for the full open
(store/db.py), which checks, migrates and lists the profiles itself, and lists them again
in any case. The connection is closed before the full open begins: two connections of one
process to one file must never overlap here, as closing one drops the POSIX locks the
other holds (see file_dialogs.py in the UI).
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Sequence
from contextlib import closing
from pathlib import Path

log = logging.getLogger(__name__)

# As accounts.list_learners orders them: SQLite's lower(), then the oldest first.
PROFILES = (
    "SELECT id, display_name, credential, organisation, role, created_at FROM learner"
    " ORDER BY lower(display_name), created_at"
)
INSTALLATION_ID = "SELECT value FROM setting WHERE key = 'installation_id'"
BUSY_TIMEOUT_SECONDS = 0.5  # a writer elsewhere: wait this long, then leave it to the full open


def read_profiles(path: Path) -> tuple[str, list[Sequence[str]]] | None:
    """(installation id, rows of PROFILES) of the file at `path`; ("", []) when there is no
    file yet (the full open creates it); None when it cannot be read this way."""
    if not path.exists():
        return "", []
    if not path.is_file() or path.stat().st_size == 0:
        return None  # a folder, or an emptied file: store/db.py says what to do
    try:
        with closing(sqlite3.connect(path, timeout=BUSY_TIMEOUT_SECONDS)) as connection:
            connection.execute("PRAGMA query_only = ON")
            with connection:  # one read transaction: the id and the profiles agree
                connection.execute("BEGIN")
                found = connection.execute(INSTALLATION_ID).fetchone()
                rows = connection.execute(PROFILES).fetchall()
    except sqlite3.Error as error:
        log.info("profiles of %s left to the full open: %s", path, error)
        return None
    return (str(found[0]) if found else ""), rows
