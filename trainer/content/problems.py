"""Problems found in course files, each with the file and line it is about."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

FOLLOWS_MARK = "  (follows from the problem above) "


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong in a content file: where it is and what to do about it."""

    file: Path
    line: int
    message: str
    # the problem this one follows from (a lesson that does not load, so a link to it is
    # dead): fixing that one fixes this one; not part of equality or order
    because: Problem | None = field(default=None, compare=False, repr=False)

    def display(self, relative_to: Path | None = None) -> str:
        """`path:line: message`, the path relative to `relative_to` when it lies below it;
        a knock-on problem is indented beneath its cause, "(follows from the problem above)",
        as `grouped` orders them."""
        where = f"{display_path(self.file, relative_to)}:{self.line}: {self.message}"
        return f"{FOLLOWS_MARK}{where}" if self.because else where

    def follows(self, cause: Problem | None) -> Problem:
        """This problem as a knock-on of `cause` (unchanged when `cause` is None)."""
        return replace(self, because=cause.root) if cause else self

    @property
    def root(self) -> Problem:
        """The first cause: the problem to fix first."""
        return self.because.root if self.because else self


@dataclass(frozen=True)
class ProblemGroup:
    """A problem and the knock-on problems that follow from it (none for most)."""

    cause: Problem
    knock_ons: tuple[Problem, ...] = ()


def group_knock_ons(problems: Iterable[Problem]) -> list[ProblemGroup]:
    """Each problem sorted by file and line, its knock-ons (sorted) beneath it. A knock-on
    whose cause is not among `problems` stands on its own."""
    unique = set(problems)
    knock_ons: dict[Problem, list[Problem]] = {}
    causes = []
    for problem in unique:
        cause = problem.because.root if problem.because else None
        if cause is not None and cause in unique and cause != problem:
            knock_ons.setdefault(cause, []).append(problem)
        else:
            causes.append(replace(problem, because=None))
    return [
        ProblemGroup(cause, tuple(sorted(knock_ons.get(cause, ()))))
        for cause in sorted(set(causes))
    ]


def grouped(problems: Iterable[Problem]) -> list[Problem]:
    """The problems in the order `group_knock_ons` gives: each cause, then its knock-ons."""
    return [
        problem
        for group in group_knock_ons(problems)
        for problem in (group.cause, *group.knock_ons)
    ]


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
