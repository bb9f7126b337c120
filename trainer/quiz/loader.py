"""Load quiz files, each problem named by file and line."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from trainer.content.limits import text_hazards
from trainer.content.model import content_hash
from trainer.content.problems import ContentError, Problem
from trainer.content.schema import validate_document
from trainer.content.yamlsource import Loc, parse_yaml, read_text
from trainer.quiz.model import QuizSpec


@dataclass(frozen=True)
class Quiz:
    """A loaded quiz: its spec, its file, and the hash attempts are recorded against."""

    spec: QuizSpec
    path: Path
    hash: str
    lines: Mapping[Loc, int] = field(default_factory=dict, compare=False, repr=False)

    @property
    def id(self) -> str:
        return self.spec.id

    def line_of(self, loc: Loc) -> int:
        line = 1
        for depth in range(1, len(loc) + 1):
            line = self.lines.get(loc[:depth], line)
        return line


def load_quiz(path: Path) -> Quiz:
    """Load one quiz file; ContentError lists every problem in it."""
    text = read_text(path)
    document = parse_yaml(text, path)
    spec, problems = validate_document(QuizSpec, document)
    problems += [document.problem(loc, message) for loc, message in text_hazards(document.data)]
    if spec is None or problems:
        raise ContentError(problems)
    if spec.id != path.stem:
        raise ContentError(
            [
                document.problem(
                    ("id",),
                    f"quiz id `{spec.id}` must match the file name: rename the file to"
                    f" `{spec.id}.yaml` or set `id: {path.stem}`",
                )
            ]
        )
    return Quiz(spec, path, content_hash(text), document.lines)


def load_quizzes(folder: Path) -> tuple[list[Quiz], list[Problem]]:
    """Load every `*.yaml` quiz in `folder`, collecting problems instead of stopping."""
    quizzes, problems = [], []
    if not folder.is_dir():
        return [], [Problem(folder, 1, "quiz folder not found: pass --quizzes DIR")]
    for path in sorted([*folder.glob("*.yaml"), *folder.glob("*.yml")]):
        try:
            quizzes.append(load_quiz(path))
        except ContentError as error:
            problems.extend(error.problems)
    return quizzes, problems
