"""Problems found in course files, each with the file and line it is about."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong in a content file: where it is and what to do about it."""

    file: Path
    line: int
    message: str

    def display(self, relative_to: Path | None = None) -> str:
        """`path:line: message`, the path relative to `relative_to` when it lies below it."""
        return f"{display_path(self.file, relative_to)}:{self.line}: {self.message}"


class ContentError(Exception):
    """Raised when a file cannot be loaded; carries every problem found in it."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems)
        super().__init__("\n".join(p.display() for p in self.problems))


def display_path(path: Path, relative_to: Path | None = None) -> str:
    """A path as the user would type it: relative to `relative_to` (or the cwd) if below it."""
    base = relative_to or Path.cwd()
    try:
        return str(path.resolve().relative_to(base.resolve()))
    except ValueError:
        return str(path)
