"""The files of a course's `media/` folders that may leave the course: regular files inside it.

A link in `media/` may point anywhere on the machine (a password file, a device); such
entries are reported and never copied or shown.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

from trainer.content.problems import Problem

MEDIA = "media"


@dataclass(frozen=True)
class MediaFiles:
    """Each usable media file by its path relative to the course, and what was left out."""

    files: dict[Path, Path] = field(default_factory=dict)  # relative path -> real file
    problems: list[Problem] = field(default_factory=list)


def media_files(course_root: Path) -> MediaFiles:
    """Every regular file under a `media/` folder of the course, links followed only inside."""
    root = course_root.resolve()
    found = MediaFiles()
    for folder, subfolders, names in os.walk(root, followlinks=False):
        here = Path(folder)
        inside_media = MEDIA in here.relative_to(root).parts
        if not inside_media:
            continue
        for name in sorted([*names, *subfolders]):
            path = here / name
            if name in subfolders and not path.is_symlink():
                continue  # os.walk goes into it
            problem = _entry_problem(path, root)
            if problem:
                found.problems.append(Problem(path, 1, problem))
            else:
                found.files[path.relative_to(root)] = path.resolve()
    return found


def _entry_problem(path: Path, root: Path) -> str | None:
    """Why the media entry at `path` may not be used, or None for a usable file."""
    try:
        target = path.resolve(strict=True)
        mode = os.stat(target).st_mode
    except (OSError, RuntimeError):  # RuntimeError: a loop of links
        return "media file is a broken link: replace it with the file itself"
    if not target.is_relative_to(root):
        return (
            f"media file is a link to {target}, outside the course: copy the file into"
            " the course's media folder instead (files outside the course are never copied)"
        )
    if not stat.S_ISREG(mode):
        return (
            "media entry is not a regular file (a folder link, pipe, device or socket): remove it"
        )
    return None
