"""What a case must be: a sound graph of choices (structure_problems) whose objectives,
lessons and footnotes exist in the course (reference_problems)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from trainer.cases.graph import cycle_through, helpful_path, leads_to_ending, reachable
from trainer.cases.loader import Case
from trainer.cases.model import Choice
from trainer.content.broken_parts import BrokenParts
from trainer.content.limits import FOOTNOTE_USE
from trainer.content.model import Course
from trainer.content.problems import Problem
from trainer.content.yamlsource import Loc

if TYPE_CHECKING:  # the loader checks structure at the app's start, without Markdown
    from trainer.content.render import Renderer


def structure_problems(case: Case) -> list[Problem]:
    """Ids, `start`, `next`, dead ends, unreachable parts, loops without a way out and the
    helpful path. A later check runs only when the earlier ones found nothing, as it
    would report what follows from them."""
    for check in (_id_problems, _link_problems, _reach_problems, _helpful_path_problems):
        problems = check(case)
        if problems:
            return problems
    return []


def _id_problems(case: Case) -> list[Problem]:
    problems = []
    first: dict[str, tuple[str, Loc]] = {}
    parts: list[tuple[str, Loc, str]] = [
        ("node", ("nodes", i), n.id) for i, n in enumerate(case.spec.nodes)
    ]
    parts += [("ending", ("endings", i), e.id) for i, e in enumerate(case.spec.endings)]
    for kind, loc, part_id in parts:
        if part_id not in first:
            first[part_id] = (kind, loc)
            continue
        earlier_kind, earlier = first[part_id]
        what = "used twice in this case" if kind == earlier_kind else f"also a {earlier_kind} id"
        problems.append(
            _problem(
                case,
                (*loc, "id"),
                f"{kind} id `{part_id}` is {what} (line {case.line_of(earlier)}): a `next:`"
                f" naming it would be ambiguous: give this {kind} its own id",
            )
        )
    choices: dict[str, Loc] = {}
    for loc, choice in _choices(case):
        if choice.id in choices:
            problems.append(
                _problem(
                    case,
                    (*loc, "id"),
                    f"choice id `{choice.id}` is already used in this case (line"
                    f" {case.line_of(choices[choice.id])}): give each choice its own id",
                )
            )
        choices.setdefault(choice.id, loc)
    return problems


def _link_problems(case: Case) -> list[Problem]:
    spec = case.spec
    node_ids = [node.id for node in spec.nodes]
    ending_ids = [ending.id for ending in spec.endings]
    problems = []
    if spec.start in ending_ids and spec.start not in node_ids:
        problems.append(
            _problem(
                case,
                ("start",),
                f"`start: {spec.start}` names an ending: a case starts at a node; use one of"
                f" {_listing(node_ids)}",
            )
        )
    elif spec.start not in node_ids:
        problems.append(
            _problem(
                case,
                ("start",),
                f"`start: {spec.start}` names no node of this case: use one of {_listing(node_ids)}",
            )
        )
    for loc, choice in _choices(case):
        if choice.next not in node_ids and choice.next not in ending_ids:
            problems.append(
                _problem(
                    case,
                    (*loc, "next"),
                    f"choice `{choice.id}`: `next: {choice.next}` names no node or ending of this"
                    f" case: use one of {_listing(node_ids + ending_ids)}",
                )
            )
    for index, node in enumerate(spec.nodes):
        if not node.choices:
            problems.append(
                _problem(
                    case,
                    ("nodes", index),
                    f"node `{node.id}` is a dead end: it has no choices, so the case stops"
                    " here without an ending: add `choices:`, at least one leading on to an"
                    " ending",
                )
            )
    return problems


def _reach_problems(case: Case) -> list[Problem]:
    spec = case.spec
    reached = reachable(spec)
    start = f"`start: {spec.start}`"
    parts: list[tuple[str, list[str]]] = [
        ("nodes", [node.id for node in spec.nodes]),
        ("endings", [ending.id for ending in spec.endings]),
    ]
    problems = [
        _problem(
            case,
            (kind, index),
            f"{kind[:-1]} `{part_id}` cannot be reached from {start}: point a choice's"
            " `next:` at it, or delete it",
        )
        for kind, ids in parts
        for index, part_id in enumerate(ids)
        if part_id not in reached
    ]
    trapped = {node.id for node in spec.nodes if node.id in reached} - leads_to_ending(spec)
    covered: set[str] = set()
    for index, node in enumerate(spec.nodes):
        if node.id not in trapped or node.id in covered:
            continue
        loop = cycle_through(spec, node.id, trapped)
        if len(loop) < 2:  # it leads into a loop reported at one of the loop's nodes
            continue
        covered.update(loop)
        problems.append(
            _problem(
                case,
                ("nodes", index),
                f"node `{node.id}` never leads to an ending: its choices go round in a loop"
                f" ({' → '.join(loop)}) with no way out: point a choice's `next:` in the loop"
                " at an ending, or at a node that leads to one",
            )
        )
    return problems


def _helpful_path_problems(case: Case) -> list[Problem]:
    if helpful_path(case.spec) is not None:
        return []
    return [
        _problem(
            case,
            ("start",),
            f"no path of `helpful` choices leads from `start: {case.spec.start}` to an ending:"
            " a counselor who chooses well must be able to finish the case; rate the best"
            " choice at each step `rating: helpful`, with a `next:` that leads on to an ending",
        )
    ]


def reference_problems(
    course: Course,
    cases: list[Case],
    renderer: Renderer | None = None,
    broken: BrokenParts | None = None,
) -> list[Problem]:
    """Objectives of the case's module, lessons (and their anchors) that exist, footnotes
    with a reference. A reference to a module or lesson that did not load follows from the
    problem that broke it."""
    from trainer.content.render import Renderer

    broken = broken or BrokenParts()
    renderer = renderer or Renderer(course)
    problems: list[Problem] = []
    for case in cases:
        module_cause = broken.modules.get(case.spec.module)
        problems += [p.follows(module_cause) for p in _objective_problems(course, case)]
        problems += _lesson_problems(course, renderer, case, broken)
        problems += _footnote_problems(course, case)
    return problems


def _objective_problems(course: Course, case: Case) -> Iterator[Problem]:
    spec = case.spec
    module = course.module(spec.module)
    own = [objective.id for objective in module.objectives] if module else []
    owner = {o.id: m.id for m in course.modules for o in m.objectives}
    named: list[tuple[Loc, str]] = [
        (("objectives", i), objective) for i, objective in enumerate(spec.objectives)
    ]
    named += [
        ((*loc, "objectives", i), objective)
        for loc, choice in _choices(case)
        for i, objective in enumerate(choice.objectives)
    ]
    for loc, objective in named:
        if objective in own:
            continue
        where = owner.get(objective)
        what = (
            f"belongs to module `{where}`, not to this case's module `{spec.module}`"
            if where
            else "is not an objective of any module"
        )
        choose = f": use one of {_listing(own)}" if own else ""
        yield _problem(case, loc, f"objective `{objective}` {what}{choose}")


def _lesson_problems(
    course: Course, renderer: Renderer, case: Case, broken: BrokenParts
) -> Iterator[Problem]:
    for index, ending in enumerate(case.spec.endings):
        for number, link in enumerate(ending.lessons):
            loc = ("endings", index, "lessons", number)
            lesson_id, anchor = ending.lesson_id(link), ending.anchor(link)
            lesson = course.lesson(lesson_id)
            if lesson is None:
                yield _problem(
                    case, loc, f"lesson `{lesson_id}` does not exist: use a lesson id"
                ).follows(broken.lessons.get(lesson_id))
            elif anchor and anchor not in renderer.render_lesson(lesson).anchors:
                yield _problem(
                    case,
                    loc,
                    f"lesson `{lesson_id}` has no heading or id `{anchor}`: use a heading's"
                    " anchor or give the heading `{#" + anchor + "}`",
                )


def markdown_fields(case: Case) -> Iterator[tuple[Loc, str]]:
    """Every Markdown text of the case with where it is: client, setting, what each node
    says, each choice and its feedback, each ending's debrief."""
    spec = case.spec
    yield ("client",), spec.client
    yield ("setting",), spec.setting
    for index, node in enumerate(spec.nodes):
        yield ("nodes", index, "text"), node.text
    for loc, choice in _choices(case):
        yield (*loc, "text"), choice.text
        yield (*loc, "feedback"), choice.feedback
    for index, ending in enumerate(spec.endings):
        yield ("endings", index, "debrief"), ending.debrief


def _footnote_problems(course: Course, case: Case) -> Iterator[Problem]:
    for loc, text in markdown_fields(case):
        for label in dict.fromkeys(FOOTNOTE_USE.findall(text)):
            if label not in course.references:
                yield Problem(
                    case.path,
                    _line_holding(case, case.line_of(loc), f"[^{label}]"),
                    f"footnote `[^{label}]` has no reference: add `{label}` to references.yaml"
                    " or use an existing reference id",
                )


def _line_holding(case: Case, from_line: int, needle: str) -> int:
    """The first line from `from_line` on that holds `needle`: the line of a footnote
    inside a block of text, which starts on the line after its key."""
    lines = case.text.splitlines()
    for number in range(from_line, len(lines) + 1):
        if needle in lines[number - 1]:
            return number
    return from_line


def _choices(case: Case) -> Iterator[tuple[Loc, Choice]]:
    for index, node in enumerate(case.spec.nodes):
        for number, choice in enumerate(node.choices):
            yield ("nodes", index, "choices", number), choice


def _problem(case: Case, loc: Loc, message: str) -> Problem:
    return Problem(case.path, case.line_of(loc), message)


def _listing(ids: list[str], most: int = 8) -> str:
    shown = ", ".join(f"`{i}`" for i in ids[:most])
    return shown + (f" (and {len(ids) - most} more)" if len(ids) > most else "")
