"""Files and folders only their owner may read: the database holds names, answers and the
organisation's signing key, so the app's data folder and backup folder are 0700 and every
file the app creates is 0600. POSIX only: Windows keeps a user's profile private by its
own access lists, and os.chmod there sets nothing but the read-only flag.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

PRIVATE_FILE = 0o600
PRIVATE_FOLDER = 0o700
POSIX = os.name == "posix"


def make_private_folder(folder: Path) -> None:
    """Create `folder` (and its parents) if missing, and make it the owner's only. Raises
    OSError when it cannot be created; a folder of someone else's is left as it is."""
    folder.mkdir(parents=True, exist_ok=True, mode=PRIVATE_FOLDER)
    if POSIX:
        with contextlib.suppress(OSError):  # not ours to change (a shared folder)
            if (folder.stat().st_mode & 0o777) != PRIVATE_FOLDER:
                folder.chmod(PRIVATE_FOLDER)


def create_private_file(path: Path) -> bool:
    """Create `path` empty, readable by its owner only, unless it exists; whether it did.
    SQLite gives a database's -wal and -shm files the database file's mode, so a database
    created this way stays private. Raises OSError when it cannot be created."""
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE)
    except FileExistsError:
        return False
    os.close(descriptor)
    return True


def make_private(path: Path) -> None:
    """Make an existing file the owner's only (a copy that took its source's mode)."""
    if POSIX:
        with contextlib.suppress(OSError):
            path.chmod(PRIVATE_FILE)
