"""Safe output files: every file the app or the `trainer` command writes goes through here.

`check_target` refuses, before any work is done, a target that exists (unless the user
said to replace it), a folder, a missing folder, a database this process has open (or one
of its -wal, -shm or -journal files) and an organisation key file: those two are never
written over, even when asked to. `write_file` then writes to a temporary file in the
same folder and renames it into place, so a failed or interrupted write leaves no partial
file and never a half-overwritten old one. New files are readable by their owner only
(0600 on POSIX) unless `private=False` (course pages meant to be published).
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
from pathlib import Path

from trainer.services.errors import ServiceError
from trainer.store.db import database_holds, opened_database_holding
from trainer.store.private_files import PRIVATE_FILE

PUBLIC_MODE = 0o666  # less the umask, as any program creates a file
KEY_FORMAT = "pain-oud-trainer-org-key"  # as org_key writes it; read here to never replace one
_KEY_FILE_MAX_BYTES = 4096


class OutputFileError(ServiceError):
    """An output file was refused or could not be written; nothing was changed. `reason`
    is the cause alone ("No space left on device"), for a message that names the file."""

    def __init__(self, message: str, reason: str = "") -> None:
        super().__init__(message)
        self.reason = reason or message


def exists_message(path: Path) -> str:
    """The one sentence for a target that exists already and may be replaced with --force."""
    return f"{path} exists already: choose another name, or add --force to replace it"


def check_target(
    path: Path, *, force: bool = False, databases: tuple[Path, ...] = (), what: str = ""
) -> None:
    """Refuse `path` as an output file with a sentence that says what to do.

    `databases` are database files not opened by this process that must not be written
    over either (a command that names one without opening it). `what` names the file in
    the exists-already message when replacing it is never offered (`force` is then False).
    """
    if _is_database(path, databases):
        raise OutputFileError(
            f"{path} is the app's database (or one of its files): it is never written over;"
            " choose another name"
        )
    if path.is_dir():
        raise OutputFileError(f"{path} is a folder: choose a file name inside it")
    if is_key_file(path):
        raise OutputFileError(
            f"{path} is an organisation key file: it is never written over; choose another name"
        )
    if path.exists() and not force:
        raise OutputFileError(
            f"{path} exists already: choose another name ({what} is never replaced)"
            if what
            else exists_message(path)
        )
    folder = path.parent
    if folder.exists() and not folder.is_dir():
        raise OutputFileError(f"{folder} is a file, not a folder: choose another place")
    if not folder.is_dir():
        raise OutputFileError(f"the folder {folder} does not exist: create it first")


def _is_database(path: Path, databases: tuple[Path, ...]) -> bool:
    if opened_database_holding(path) is not None:
        return True
    return any(database_holds(database, path) for database in databases)


def is_key_file(path: Path) -> bool:
    """Whether `path` is an organisation key file (told by its contents, not its name)."""
    try:
        if not path.is_file() or path.stat().st_size > _KEY_FILE_MAX_BYTES:
            return False
        data = json.loads(path.read_bytes())
    except (OSError, ValueError):
        return False
    return isinstance(data, dict) and data.get("format") == KEY_FORMAT


def write_file(
    path: Path,
    data: bytes,
    *,
    force: bool = False,
    private: bool = True,
    databases: tuple[Path, ...] = (),
    what: str = "",
) -> Path:
    """Check `path` (see `check_target`), then write `data` to it whole or not at all."""
    check_target(path, force=force, databases=databases, what=what)
    write_atomically(path, data, private=private)
    return path


def write_text_file(
    path: Path, text: str, *, encoding: str = "utf-8", force: bool = False, private: bool = True
) -> Path:
    """`write_file` for text: written as given (no newline translation)."""
    return write_file(path, text.encode(encoding), force=force, private=private)


def write_atomically(path: Path, data: bytes, *, private: bool = True) -> None:
    """Write `data` to a temporary file beside `path`, flush it to disk and rename it over
    `path`; on any failure the temporary file is removed and `path` is as it was."""
    temporary: Path | None = None
    try:
        temporary, descriptor = _create_temporary(path, private=private)
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
        temporary = None
        _sync_folder(path.parent)
    except OSError as error:
        cause = reason(error)
        raise OutputFileError(f"could not write {path}: {cause}", cause) from None
    finally:
        if temporary is not None:
            with contextlib.suppress(OSError):
                temporary.unlink()


def _create_temporary(path: Path, *, private: bool) -> tuple[Path, int]:
    """A new, empty temporary file in `path`'s folder: hidden, and named after `path` so
    that one left by a power cut says what it was."""
    mode = PRIVATE_FILE if private else PUBLIC_MODE
    while True:
        temporary = path.with_name(f".{path.name}.{secrets.token_hex(4)}.part")
        try:
            return temporary, os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
        except FileExistsError:
            continue


def _sync_folder(folder: Path) -> None:
    """Make the rename durable (POSIX); a folder that cannot be opened is left as it is."""
    if os.name != "posix":
        return
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)


def reason(error: OSError) -> str:
    """The reason in an OSError, as a person reads it ("No space left on device")."""
    return error.strerror or str(error) or type(error).__name__
