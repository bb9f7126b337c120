"""The course as last loaded and validated, kept so that the app starts without parsing it.

The app still reads every file of the course and quiz folders at each start, to hash it:
the kept course is used only when the folders hold the same files with the same bytes,
and the code that loads them, its libraries and the app's version are those that wrote
it. Anything else (a changed, added or removed file, an update) loads and validates the
course in full, and keeps the result for the next start. A folder holding a link is never
kept (what it points to could change unseen). Any error reading or writing the kept copy
falls back to the full load, so the cache can only make the start faster.

The copy is a pickle in the user cache folder, which only the user can write: it is read
only when its first line is the hash of everything above, so the app never unpickles a
file it did not write for this very course. Its second line is a summary in JSON (the
course title), which the start screen reads without the libraries unpickling needs.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import logging
import os
import pickle
import stat
import sys
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TypeVar, cast

from trainer import __version__
from trainer.paths import APP_DIR_NAME

log = logging.getLogger(__name__)

FORMAT = b"trainer-course-cache 2"
HASHED_UP_TO = 8 * 1024 * 1024  # bigger files (pictures, audio) are known by size and time
CODE = Path(__file__).resolve().parent.parent  # the trainer package
CODE_FOLDERS = ("content", "quiz", "cases")  # the code that reads and checks the course
CODE_FILES = ("services/catalog.py", "services/course_cache.py")
LIBRARIES = ("pydantic", "pydantic_core", "yaml", "markdown")

T = TypeVar("T")


class NotKept(Exception):
    """The folders cannot be kept (a link, an unreadable entry)."""


def cache_folder() -> Path:
    from platformdirs import user_cache_dir

    return Path(user_cache_dir(APP_DIR_NAME, appauthor=False))


def load_kept(
    folders: Iterable[Path],
    load: Callable[[], T],
    summary: Callable[[T], dict[str, str]] = lambda _result: {},
    name: str = "course",
) -> T:
    """`load()`'s result for these folders: the kept copy when nothing changed, otherwise
    `load()` itself, kept for the next time with its `summary` (see `kept_summary`)."""
    try:
        key, path = _key_and_path(folders, name)
    except (NotKept, OSError, ValueError) as error:
        log.info("course not kept: %s", error)
        return load()
    kept = _read(path, key)
    if kept is not None:
        return cast(T, kept)
    result = load()
    _write(path, key, summary(result), result)
    return result


def kept_summary(folders: Iterable[Path], name: str = "course") -> dict[str, str] | None:
    """The summary kept with the copy for these folders when nothing changed since; None
    when there is none (the first start, or after a change)."""
    try:
        key, path = _key_and_path(folders, name)
        with open(path, "rb") as handle:
            if handle.readline().rstrip(b"\n") != key:
                return None
            summary = json.loads(handle.readline())
    except (NotKept, OSError, ValueError) as error:
        log.info("no kept course summary: %s", error)
        return None
    if not isinstance(summary, dict) or not all(
        isinstance(value, str) for value in summary.values()
    ):
        return None
    return summary


def _key_and_path(folders: Iterable[Path], name: str) -> tuple[bytes, Path]:
    resolved = [Path(folder).resolve() for folder in folders]
    return fingerprint(resolved), cache_folder() / f"{name}-{_short(resolved)}.pickle"


def fingerprint(folders: Iterable[Path]) -> bytes:
    """A hash of the folders' files (names, kinds and bytes) and of the code that reads them."""
    digest = hashlib.blake2b(digest_size=32)
    digest.update(b"%s %s %s\0" % (FORMAT, __version__.encode(), sys.version.encode()))
    code = [CODE / name for name in CODE_FILES]
    for package in CODE_FOLDERS:
        code += sorted((CODE / package).glob("*.py"))
    for library in LIBRARIES:
        spec = importlib.util.find_spec(library)  # finds, does not import
        if spec is not None and spec.origin:
            code.append(Path(spec.origin))
    # a frozen bundle may hold no .py files: its program, rebuilt with the code, stands in
    code.append(Path(sys.executable))
    for path in code:
        try:
            info = path.stat()
        except FileNotFoundError:
            digest.update(b"code %s absent\0" % os.fsencode(path))
            continue
        digest.update(b"code %s %d %d\0" % (os.fsencode(path), info.st_size, info.st_mtime_ns))
    for folder in folders:
        digest.update(b"folder %s\0" % os.fsencode(folder))
        _hash_folder(folder, folder, digest)
    return digest.hexdigest().encode()


def _hash_folder(root: Path, folder: Path, digest: hashlib.blake2b) -> None:
    try:
        entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
    except FileNotFoundError:
        digest.update(b"missing\0")
        return
    for entry in entries:
        info = entry.stat(follow_symlinks=False)
        name = os.fsencode(os.path.relpath(entry.path, root))
        if stat.S_ISLNK(info.st_mode):
            raise NotKept(f"{entry.path} is a link")
        if stat.S_ISDIR(info.st_mode):
            digest.update(b"dir %s\0" % name)
            _hash_folder(root, Path(entry.path), digest)
        elif stat.S_ISREG(info.st_mode) and info.st_size <= HASHED_UP_TO:
            with open(entry.path, "rb") as handle:
                data = handle.read(HASHED_UP_TO + 1)
            digest.update(b"file %s %d\0" % (name, len(data)))
            digest.update(hashlib.blake2b(data).digest())
        else:  # big, or a pipe or device the loader refuses: known by kind, size and time
            digest.update(
                b"other %s %d %d %d\0" % (name, info.st_mode, info.st_size, info.st_mtime_ns)
            )


def _short(folders: list[Path]) -> str:
    """One kept copy per pair of folders (the shipped course, a trainer's copy)."""
    joined = b"\0".join(os.fsencode(folder) for folder in folders)
    return hashlib.blake2b(joined, digest_size=8).hexdigest()


def _read(path: Path, key: bytes) -> Any:
    try:
        with open(path, "rb") as handle:
            if handle.readline().rstrip(b"\n") != key:
                return None
            handle.readline()  # the summary
            return pickle.load(handle)
    except FileNotFoundError:
        return None
    except Exception as error:  # a damaged or half-written copy: load in full
        log.warning("kept course %s not read: %r", path, error)
        return None


def _write(path: Path, key: bytes, summary: dict[str, str], result: object) -> None:
    try:
        data = json.dumps(summary).encode() + b"\n"  # one line: JSON escapes line breaks
        data += pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL)
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
        try:
            with os.fdopen(handle, "wb") as file:
                file.write(key + b"\n" + data)
            os.replace(temporary, path)
        except BaseException:
            os.unlink(temporary)
            raise
    except Exception as error:  # a full disk or a read-only cache: next time loads in full
        log.warning("course not kept in %s: %r", path, error)
