"""The loaded course: immutable objects the renderer, validator and services read."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from trainer.content.approval_formats import Approval
from trainer.content.formats import (
    CompletionRules,
    CreditRules,
    EvaluationForm,
    GlossaryTerm,
    Objective,
    PracticeItem,
    Reference,
    ReviewSettings,
)
from trainer.content.problems import Problem
from trainer.content.yamlsource import Loc

WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9'\u2019-]*")


def content_hash(text: str) -> str:
    """A short, stable fingerprint of a file's text."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def count_words(markdown: str) -> int:
    """Words of prose in Markdown, ignoring footnote labels and markup."""
    prose = re.sub(r"\[\^[^\]]+\]|\{[#.][^}]*\}|!!!\s+\S+|\]\([^)]*\)", " ", markdown)
    return len(WORD.findall(prose))


@dataclass(frozen=True)
class Lesson:
    """One lesson page of a module."""

    id: str
    title: str
    minutes: int
    objectives: tuple[str, ...]
    practice: tuple[PracticeItem, ...]
    module_id: str
    number: int
    path: Path
    body: str
    body_line: int
    hash: str
    lines: Mapping[Loc, int] = field(default_factory=dict, compare=False, repr=False)
    reviewed: str | None = None  # YYYY-MM, from the front matter

    @property
    def words(self) -> int:
        return count_words(self.body)


@dataclass(frozen=True)
class Module:
    """A module: its introduction, objectives and lessons; unavailable when its files are broken."""

    id: str
    title: str
    path: Path
    summary: str = ""
    minutes: int = 0
    quiz: str | None = None
    objectives: tuple[Objective, ...] = ()
    intro: str = ""
    intro_line: int = 1
    lessons: tuple[Lesson, ...] = ()
    problems: tuple[Problem, ...] = ()
    lines: Mapping[Loc, int] = field(default_factory=dict, compare=False, repr=False)
    reviewed: str | None = None  # YYYY-MM, from the front matter
    # the problem that kept the module from loading (no module.md, or a module.md that
    # cannot be read): what it holds is missing because of it; None when it loaded
    broken_by: Problem | None = field(default=None, compare=False, repr=False)

    @property
    def available(self) -> bool:
        return not self.problems

    @property
    def total_minutes(self) -> int:
        return self.minutes + sum(lesson.minutes for lesson in self.lessons)


@dataclass(frozen=True)
class Course:
    """The whole course as loaded from a curriculum folder."""

    id: str
    title: str
    version: str
    provider: str
    approval_number: str
    ce_hours: float
    pretest: str | None
    posttest: str | None
    completion: CompletionRules
    root: Path
    modules: tuple[Module, ...]
    glossary: tuple[GlossaryTerm, ...] = ()
    references: Mapping[str, Reference] = field(default_factory=dict)
    evaluation: EvaluationForm | None = None
    credit: CreditRules = field(default_factory=CreditRules)
    review: ReviewSettings | None = None
    entry_lines: Mapping[tuple[str, str], int] = field(default_factory=dict, repr=False)
    hash: str = ""
    provider_address: str = ""
    provider_contact: str = ""
    approvals: tuple[Approval, ...] = ()
    delivery_format: str = ""
    # what a certificate needs and course.yaml leaves incomplete (`trainer validate` warns)
    certificate_warnings: tuple[Problem, ...] = field(default=(), compare=False, repr=False)

    def entry_line(self, file_name: str, entry_id: str) -> int:
        """The line an entry of glossary.yaml or references.yaml starts on."""
        return self.entry_lines.get((file_name, entry_id), 1)

    def module(self, module_id: str) -> Module | None:
        return next((m for m in self.modules if m.id == module_id), None)

    def lesson(self, lesson_id: str) -> Lesson | None:
        return next(
            (lesson for m in self.modules for lesson in m.lessons if lesson.id == lesson_id), None
        )

    @property
    def lessons(self) -> tuple[Lesson, ...]:
        return tuple(lesson for m in self.modules for lesson in m.lessons)

    @property
    def minutes(self) -> int:
        """Reading time of every module introduction and lesson."""
        return sum(module.total_minutes for module in self.modules)

    @property
    def objectives(self) -> tuple[Objective, ...]:
        return tuple(o for m in self.modules for o in m.objectives)
