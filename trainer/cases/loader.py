"""Load client case files, each problem named by file and line."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from trainer.cases.model import CaseSpec
from trainer.content.frontmatter import split_front_matter
from trainer.content.limits import text_hazards
from trainer.content.model import Course, Module, content_hash
from trainer.content.problems import ContentError, Problem
from trainer.content.schema import validate_document
from trainer.content.yamlsource import Loc, YamlDocument, parse_yaml, read_text

CASES_FOLDER = "cases"


@dataclass(frozen=True)
class Case:
    """A loaded case: its spec, its file, the hash choices are recorded against, and the
    file's text (footnotes are found on their own line in it)."""

    spec: CaseSpec
    path: Path
    hash: str
    text: str = field(default="", compare=False, repr=False)
    lines: Mapping[Loc, int] = field(default_factory=dict, compare=False, repr=False)

    @property
    def id(self) -> str:
        return self.spec.id

    @property
    def decisions(self) -> int:
        """Decision points: one per node."""
        return len(self.spec.nodes)

    def line_of(self, loc: Loc) -> int:
        line = 1
        for depth in range(1, len(loc) + 1):
            line = self.lines.get(loc[:depth], line)
        return line


def load_case(path: Path) -> Case:
    """Load one case file; ContentError lists every problem in it, its graph included."""
    return case_from_text(read_text(path), path)


def case_from_text(text: str, path: Path) -> Case:
    """The case `text` (of the file `path`, saved or as edited), checked as a file is."""
    from trainer.cases.checks import structure_problems

    document = parse_yaml(text, path)
    spec, problems = validate_document(CaseSpec, document)
    problems += [document.problem(loc, message) for loc, message in text_hazards(document.data)]
    if spec is None or problems:
        raise ContentError(problems)
    problems += _place_problems(spec, path, document)
    case = Case(spec, path, content_hash(text), text, document.lines)
    problems += structure_problems(case)
    if problems:
        raise ContentError(problems)
    return case


def _place_problems(spec: CaseSpec, path: Path, document: YamlDocument) -> list[Problem]:
    """The id is the file name; the module is the folder the `cases` folder sits in."""
    problems = []
    if spec.id != path.stem:
        problems.append(
            document.problem(
                ("id",),
                f"case id `{spec.id}` must match the file name: rename the file to"
                f" `{spec.id}.yaml` or set `id: {path.stem}`",
            )
        )
    folder = path.parent.parent.name
    if path.parent.name == CASES_FOLDER and spec.module != folder:
        problems.append(
            document.problem(
                ("module",),
                f"`module: {spec.module}` does not match the folder the case is in: set"
                f" `module: {folder}` or move the file to {spec.module}/{CASES_FOLDER}/",
            )
        )
    return problems


def case_files(module: Module) -> list[Path]:
    folder = module.path / CASES_FOLDER
    if not folder.is_dir():
        return []
    return sorted([*folder.glob("*.yaml"), *folder.glob("*.yml")])


def load_cases(course: Course) -> tuple[list[Case], list[Problem]]:
    """Every case of the course's modules, in course order (within a module: those its
    `cases:` lists, in that order, then the others by file name), collecting problems."""
    cases: list[Case] = []
    problems: list[Problem] = []
    seen: dict[str, Path] = {}
    for module in course.modules:
        files = case_files(module)
        listed, listing_problems = _listed(module, {path.stem for path in files})
        problems += listing_problems
        order = {case_id: index for index, case_id in enumerate(listed)}
        for path in sorted(files, key=lambda p: (order.get(p.stem, len(order)), p.name)):
            try:
                case = load_case(path)
            except ContentError as error:
                problems.extend(error.problems)
                continue
            if case.id in seen:
                problems.append(
                    Problem(
                        path,
                        case.line_of(("id",)),
                        f"case id `{case.id}` is already used by {_shown(seen[case.id])}:"
                        " give each case its own id (and file name)",
                    )
                )
                continue
            seen[case.id] = path
            cases.append(case)
    return cases, problems


def _shown(path: Path) -> str:
    return f"{path.parent.parent.name}/{path.parent.name}/{path.name}"


def _listed(module: Module, found: set[str]) -> tuple[list[str], list[Problem]]:
    """The case ids `module.md` lists under `cases:`, and a problem for each that has no
    file. A module.md that does not load lists none (its own problem is reported)."""
    path = module.path / "module.md"
    try:
        front = split_front_matter(read_text(path), path).front
    except ContentError:
        return [], []
    listed = front.data.get("cases") if isinstance(front.data, dict) else None
    if not isinstance(listed, list):
        return [], []
    ids = [case_id for case_id in listed if isinstance(case_id, str)]
    problems = [
        front.problem(
            ("cases", index),
            f"case `{case_id}` is listed in `cases:` but there is no file"
            f" {CASES_FOLDER}/{case_id}.yaml in {module.path.name}/: create it or remove"
            " the id from `cases:`",
        )
        for index, case_id in enumerate(listed)
        if isinstance(case_id, str) and case_id not in found
    ]
    return ids, problems
