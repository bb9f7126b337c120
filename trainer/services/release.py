"""Release a new version of the course: check it strictly, raise `version:` in course.yaml,
stamp `reviewed:` on the pages changed since the last release, and add a changelog entry.

What changed is known from `curriculum/.release-state.json`, which each release writes: the
SHA-256 of every module.md and lesson as released. Before the first release every page
counts as changed.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from trainer.content.loader import LESSON_FILE, MODULE_FILE
from trainer.content.problems import Problem
from trainer.services.errors import ServiceError
from trainer.services.scaffold import this_month
from trainer.services.text_edits import EditError, parse_yaml_file, set_top_level_value
from trainer.services.validation import validate

STATE_FILE = ".release-state.json"
CHANGELOG = "CHANGELOG.md"
VERSION = re.compile(r"^\d+\.\d+\.\d+$")


class ReleaseError(ServiceError):
    """The release was refused; `problems` holds what validation found, if that was why."""

    def __init__(self, message: str, problems: list[Problem] | None = None) -> None:
        super().__init__(message)
        self.problems = problems or []


@dataclass(frozen=True)
class Release:
    version: str
    previous: str
    changed: tuple[Path, ...]  # pages changed since the last release
    stamped: tuple[Path, ...]  # those whose `reviewed:` was set to this month
    changelog: Path
    written: tuple[Path, ...] = field(default=())  # every file written


def release(
    course_dir: Path, quiz_dir: Path, version: str, notes: str, today: date | None = None
) -> Release:
    """Release `version` (X.Y.Z, above the current one) with `notes` as its changelog entry."""
    today = today or date.today()
    notes = notes.strip()
    if not notes:
        raise ReleaseError("the release notes are empty: say in --notes what changed")
    new = _version_tuple(version, "--version")
    course_file = course_dir / "course.yaml"
    previous = _current_version(course_file)
    if new <= _version_tuple(previous, f"{course_file}: `version:`"):
        raise ReleaseError(
            f"version {version} is not above the course's current version {previous}:"
            " give a higher one"
        )
    report = validate(course_dir, quiz_dir, today)
    if report.problems or report.warnings:
        found = sorted(report.problems + report.warnings)
        raise ReleaseError(
            f"not released: `trainer validate --strict` finds {len(report.problems)} problems"
            f" and {len(report.warnings)} warnings; fix them first",
            found,
        )
    released = _released_hashes(course_dir)
    changed = tuple(
        page for page in pages(course_dir) if released.get(_key(course_dir, page)) != _hash(page)
    )
    try:
        stamped = tuple(p for p in changed if set_top_level_value(p, "reviewed", this_month(today)))
        set_top_level_value(course_file, "version", version)
    except EditError as error:
        raise ReleaseError(str(error)) from None
    changelog = _add_changelog_entry(course_dir / CHANGELOG, version, notes, today)
    state = _write_state(course_dir, version, today)
    return Release(
        version, previous, changed, stamped, changelog, (*stamped, course_file, changelog, state)
    )


def pages(course_dir: Path) -> list[Path]:
    """Every module.md and lesson file of the course folder, by path."""
    found = []
    for module_file in sorted(course_dir.glob(f"*/{MODULE_FILE}")):
        found.append(module_file)
        found += sorted(p for p in module_file.parent.glob("*.md") if LESSON_FILE.match(p.name))
    return found


def _version_tuple(text: str, where: str) -> tuple[int, ...]:
    if not VERSION.match(text):
        raise ReleaseError(f"{where} `{text}` is not a version like 1.2.0 (X.Y.Z): write it so")
    return tuple(int(part) for part in text.split("."))


def _current_version(course_file: Path) -> str:
    try:
        data = parse_yaml_file(course_file).data
    except EditError as error:
        raise ReleaseError(str(error)) from None
    if not isinstance(data, dict) or "version" not in data:
        raise ReleaseError(f"{course_file}:1: no `version:`: add `version: 1.0.0`")
    return str(data["version"])


def _key(course_dir: Path, page: Path) -> str:
    return page.relative_to(course_dir).as_posix()


def _hash(page: Path) -> str:
    return hashlib.sha256(page.read_bytes()).hexdigest()


def _released_hashes(course_dir: Path) -> dict[str, str]:
    """The page hashes the last release recorded; none before the first release."""
    path = course_dir / STATE_FILE
    if not path.is_file():
        return {}
    try:
        files = json.loads(path.read_text(encoding="utf-8")).get("files", {})
    except (OSError, ValueError, AttributeError):
        raise ReleaseError(
            f"{path} is damaged: delete it to count every page as changed in this release"
        ) from None
    return {str(k): str(v) for k, v in files.items()} if isinstance(files, dict) else {}


def _write_state(course_dir: Path, version: str, today: date) -> Path:
    path = course_dir / STATE_FILE
    state = {
        "version": version,
        "released": today.isoformat(),
        "files": {_key(course_dir, page): _hash(page) for page in pages(course_dir)},
    }
    _write(path, json.dumps(state, indent=2, sort_keys=True) + "\n")
    return path


def _add_changelog_entry(path: Path, version: str, notes: str, today: date) -> Path:
    text = path.read_text(encoding="utf-8") if path.is_file() else "# Changelog\n"
    text = text.rstrip("\n") + "\n\n" + f"## {version} — {today:%Y-%m-%d}\n\n{notes}\n"
    _write(path, text)
    return path


def _write(path: Path, text: str) -> None:
    try:
        path.write_text(text, encoding="utf-8")
    except OSError as error:
        raise ReleaseError(f"cannot write {path}: {error.strerror}") from None
