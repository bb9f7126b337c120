"""New modules, lessons, quizzes and client cases from a title: files that pass
`trainer validate --strict` as they are written, for the trainer to fill in.

A new module comes with a first lesson and a quiz, because the course needs both: a module
without lessons is a problem, and so is an objective that no question measures.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from trainer.cases.loader import CASES_FOLDER
from trainer.content.loader import LESSON_FILE, MODULE_FILE
from trainer.content.schema import SLUG_PATTERN
from trainer.services.course_ids import taken_ids
from trainer.services.errors import ServiceError
from trainer.services.module_list import read_module_list, write_module_order
from trainer.services.text_edits import (
    EditError,
    list_item_lines,
    parse_front_matter,
    parse_yaml_file,
    read_lines,
    set_top_level_value,
    write_lines,
    yaml_scalar,
)

MAX_ID_LENGTH = 60
MAX_TITLE_LENGTH = 200
FIRST_ANCHOR = "overview"
LESSON_MINUTES = 5
INTRO_MINUTES = 2


class ScaffoldError(ServiceError):
    """A new module, lesson, quiz or case was refused; the message says what to do."""


@dataclass(frozen=True)
class Created:
    id: str  # the new module/lesson/quiz/case id
    path: Path  # the file to open in the editor (module.md, the lesson .md, the quiz or case)
    changed: tuple[Path, ...]  # every file written or modified, course.yaml included


def id_from_title(title: str, taken: Iterable[str] = ()) -> str:
    """A lower-case ASCII slug of `title` (accents dropped, other characters as hyphens),
    made unique against `taken` with -2, -3…"""
    ascii_text = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    if len(slug) > MAX_ID_LENGTH:
        slug = slug[:MAX_ID_LENGTH].rsplit("-", 1)[0] or slug[:MAX_ID_LENGTH]
    if not slug:
        raise ScaffoldError(
            f"the title {title!r} has no letters or digits to make an id from:"
            " give the id yourself, like `sleep-and-pain`"
        )
    taken_set = set(taken)
    candidate, number = slug, 2
    while candidate in taken_set:
        candidate, number = f"{slug}-{number}", number + 1
    return candidate


def new_module(
    course_dir: Path, quiz_dir: Path, title: str, module_id: str | None = None
) -> Created:
    """A module folder with module.md (one objective), a first lesson and a quiz whose one
    question measures the objective, listed last in course.yaml's `modules:`."""
    title = checked_title(title)
    modules = _module_list(course_dir)
    taken = taken_ids(course_dir, quiz_dir) | set(modules.ids) | _folders(course_dir)
    if module_id is None:
        module_id = id_from_title(title, taken)
    else:
        _check_new_id(module_id, taken, "module")
    taken.add(module_id)
    objective_id = id_from_title(f"{module_id}-objective", taken)
    taken.add(objective_id)
    objective_text = f"Describe the key points of {title}."
    lesson_id = id_from_title(f"{module_id}-introduction", taken)
    taken.add(lesson_id)
    quiz_id = id_from_title(f"{module_id}-quiz", taken)
    taken.add(quiz_id)

    folder = course_dir / module_id
    module_file = folder / MODULE_FILE
    lesson_file = folder / f"01-{lesson_id}.md"
    quiz_file = quiz_dir / f"{quiz_id}.yaml"
    _check_free(folder)
    _check_free(quiz_file)
    _write_new(
        module_file,
        _module_text(module_id, title, quiz_id, objective_id, objective_text),
        make_folder=True,
    )
    _write_new(lesson_file, _lesson_text(lesson_id, "Introduction", title, objective_id))
    question = _question(
        id_from_title(f"{module_id}-q-1", taken),
        objective_id,
        objective_text,
        f"{lesson_id}#{FIRST_ANCHOR}",
        title,
    )
    _write_new(quiz_file, _quiz_text(quiz_id, title, module_id, [question]))
    made = [module_file, lesson_file, quiz_file]
    boosters_wanted = _boosters_per_objective(modules.path)
    if boosters_wanted:
        boosters_file = quiz_dir / f"{id_from_title(f'{module_id}-boosters', taken)}.yaml"
        _check_free(boosters_file)
        boosters = [
            _question(
                id_from_title(f"{module_id}-b-{number}", taken),
                objective_id,
                f"{objective_text} (booster {number})",
                f"{lesson_id}#{FIRST_ANCHOR}",
                title,
            )
            for number in range(1, boosters_wanted + 1)
        ]
        _write_new(boosters_file, _boosters_text(boosters_file.stem, title, module_id, boosters))
        made.append(boosters_file)
    try:
        write_module_order(modules, [*modules.ids, module_id])
    except EditError as error:
        raise ScaffoldError(str(error)) from None
    return Created(module_id, module_file, (*made, modules.path))


def new_lesson(course_dir: Path, module_id: str, title: str) -> Created:
    """The module's next lesson (`NN-<id>.md`, NN one more than the last), teaching the
    module's first objective, with one section heading the quizzes can point at."""
    title = checked_title(title)
    _module_list(course_dir)  # refuse early when course.yaml cannot be read
    front = _module_front(course_dir, module_id)
    folder = course_dir / module_id
    lesson_id = id_from_title(title, taken_ids(course_dir))
    number = _next_lesson_number(folder)
    path = folder / f"{number:02d}-{lesson_id}.md"
    objectives = _objective_ids(front)
    _write_new(path, _lesson_text(lesson_id, title, title, objectives[0] if objectives else None))
    return Created(lesson_id, path, (path,))


def new_quiz(course_dir: Path, quiz_dir: Path, module_id: str) -> Created:
    """`<module-id>-quiz.yaml` with a question for each objective of the module that no
    question measures yet (at least one), made the module's quiz in its module.md."""
    _module_list(course_dir)
    front = _module_front(course_dir, module_id)
    module_file = course_dir / module_id / MODULE_FILE
    if front.get("quiz"):
        raise ScaffoldError(
            f"module `{module_id}` already has the quiz `{front['quiz']}`"
            f" ({quiz_dir / (str(front['quiz']) + '.yaml')}): a module has one quiz;"
            " add questions to that file"
        )
    lessons = _lessons_with_objectives(course_dir / module_id)
    if not lessons:
        raise ScaffoldError(
            f"module `{module_id}` has no lessons for the questions to point at:"
            f" add one first (`trainer new lesson {module_id} --title …`)"
        )
    objectives = [
        (o["id"], str(o.get("text") or o["id"]))
        for o in front.get("objectives") or []
        if isinstance(o, dict) and isinstance(o.get("id"), str)
    ]
    if not objectives:
        raise ScaffoldError(
            f"{module_file}: the module has no objectives for a question to measure:"
            " add one under `objectives:`"
        )
    measured = _measured_objectives(quiz_dir)
    unmeasured = [o for o in objectives if o[0] not in measured] or objectives[:1]
    taken = taken_ids(course_dir, quiz_dir)
    quiz_id = id_from_title(f"{module_id}-quiz", taken)
    taken.add(quiz_id)
    title = str(front.get("title") or module_id)
    questions = []
    for number, (objective_id, text) in enumerate(unmeasured, start=1):
        question_id = id_from_title(f"{module_id}-q-{number}", taken)
        taken.add(question_id)
        lesson_id = next((lid for lid, taught in lessons if objective_id in taught), lessons[0][0])
        questions.append(_question(question_id, objective_id, text, lesson_id, title))
    quiz_file = quiz_dir / f"{quiz_id}.yaml"
    _write_new(quiz_file, _quiz_text(quiz_id, title, module_id, questions))
    try:
        set_top_level_value(module_file, "quiz", quiz_id)
    except EditError as error:
        quiz_file.unlink()
        raise ScaffoldError(str(error)) from None
    return Created(quiz_id, quiz_file, (quiz_file, module_file))


def new_case(course_dir: Path, module_id: str, title: str) -> Created:
    """`<module>/cases/<id>.yaml`: a starter client case (two decision points, five choices
    each with feedback, a helpful, a partly helpful and a harmful ending) measuring the
    module's first objective, its debriefs pointing at the module's first lesson; its id is
    added to module.md's `cases:` when module.md has that key."""
    title = checked_title(title)
    _module_list(course_dir)
    front = _module_front(course_dir, module_id)
    objectives = _objective_ids(front)
    if not objectives:
        raise ScaffoldError(
            f"{course_dir / module_id / MODULE_FILE}: the module has no objectives for the"
            " case to measure: add one under `objectives:`"
        )
    lessons = _lessons_with_objectives(course_dir / module_id)
    case_id = id_from_title(title, taken_ids(course_dir) | _case_ids(course_dir))
    path = course_dir / module_id / CASES_FOLDER / f"{case_id}.yaml"
    lesson = lessons[0][0] if lessons else None
    try:
        path.parent.mkdir(exist_ok=True)
    except OSError as error:
        raise ScaffoldError(f"cannot make {path.parent}: {error.strerror}") from None
    _write_new(path, _case_text(case_id, title, module_id, objectives[0], lesson))
    module_file = course_dir / module_id / MODULE_FILE
    try:
        listed = _list_case(module_file, case_id)
    except EditError as error:
        path.unlink()
        raise ScaffoldError(str(error)) from None
    return Created(case_id, path, (path, module_file) if listed else (path,))


def this_month(today: date | None = None) -> str:
    return f"{today or date.today():%Y-%m}"


def checked_title(title: str) -> str:
    title = title.strip()
    if not title:
        raise ScaffoldError('the title is empty: give a title, like "Sleep and pain"')
    if "\n" in title or "\r" in title:
        raise ScaffoldError("the title has a line break: write it on one line")
    if len(title) > MAX_TITLE_LENGTH:
        raise ScaffoldError(f"the title is longer than {MAX_TITLE_LENGTH} characters: shorten it")
    return title


def _check_new_id(new_id: str, taken: set[str], kind: str) -> None:
    if not SLUG_PATTERN.match(new_id):
        raise ScaffoldError(
            f"`{new_id}` is not a valid {kind} id: use lower-case letters, digits and single"
            " hyphens, like `sleep-and-pain`"
        )
    if new_id in taken:
        raise ScaffoldError(
            f"the id `{new_id}` is already used in the course: choose another {kind} id"
        )


def _folders(course_dir: Path) -> set[str]:
    return {path.name for path in course_dir.iterdir() if path.is_dir()}


def _module_list(course_dir: Path) -> Any:
    try:
        return read_module_list(course_dir)
    except EditError as error:
        raise ScaffoldError(str(error)) from None


def _module_front(course_dir: Path, module_id: str) -> dict[str, Any]:
    """The front matter of the module's module.md; refused when there is no such module."""
    path = course_dir / module_id / MODULE_FILE
    if not SLUG_PATTERN.match(module_id) or not path.is_file():
        raise ScaffoldError(
            f"no module `{module_id}` in {course_dir} (no {module_id}/{MODULE_FILE}):"
            " check the id, or create it with `trainer new module`"
        )
    try:
        data = parse_front_matter(path).data
    except EditError as error:
        raise ScaffoldError(str(error)) from None
    return data if isinstance(data, dict) else {}


def _objective_ids(front: dict[str, Any]) -> list[str]:
    return [
        o["id"]
        for o in front.get("objectives") or []
        if isinstance(o, dict) and isinstance(o.get("id"), str)
    ]


def _lesson_files(folder: Path) -> list[tuple[int, Path]]:
    return sorted(
        (int(match.group(1)), path)
        for path in folder.glob("*.md")
        if (match := LESSON_FILE.match(path.name))
    )


def _next_lesson_number(folder: Path) -> int:
    number = max((n for n, _ in _lesson_files(folder)), default=0) + 1
    if number > 99:
        raise ScaffoldError(
            f"{folder} already has a lesson numbered 99: lesson numbers have two digits;"
            " renumber the lessons first"
        )
    return number


def _lessons_with_objectives(folder: Path) -> list[tuple[str, set[str]]]:
    """Each lesson's id with the objectives it teaches, in lesson order."""
    lessons = []
    for _, path in _lesson_files(folder):
        match = LESSON_FILE.match(path.name)
        assert match is not None
        try:
            data = parse_front_matter(path).data
        except EditError:
            continue
        taught = data.get("objectives") if isinstance(data, dict) else None
        lessons.append((match.group(2), set(taught) if isinstance(taught, list) else set()))
    return lessons


def _measured_objectives(quiz_dir: Path) -> set[str]:
    measured: set[str] = set()
    for path in [*quiz_dir.glob("*.yaml"), *quiz_dir.glob("*.yml")]:
        try:
            data = parse_yaml_file(path).data
        except EditError:
            continue
        questions = data.get("questions") if isinstance(data, dict) else None
        for question in questions if isinstance(questions, list) else []:
            if isinstance(question, dict) and isinstance(question.get("objective"), str):
                measured.add(question["objective"])
    return measured


def _check_free(path: Path) -> None:
    if path.exists():
        raise ScaffoldError(f"{path} already exists: choose another id")


def _write_new(path: Path, text: str, make_folder: bool = False) -> None:
    _check_free(path)
    try:
        if make_folder:
            path.parent.mkdir(parents=True)
        with path.open("x", encoding="utf-8") as file:
            file.write(text)
    except OSError as error:
        raise ScaffoldError(f"cannot write {path}: {error.strerror}") from None


def _module_text(
    module_id: str, title: str, quiz_id: str, objective_id: str, objective_text: str
) -> str:
    return (
        "---\n"
        f"id: {module_id}\n"
        f"title: {yaml_scalar(title)}\n"
        f"summary: {yaml_scalar(f'An introduction to {title}.')}\n"
        f"minutes: {INTRO_MINUTES}\n"
        f"reviewed: {this_month()}\n"
        f"quiz: {quiz_id}\n"
        "objectives:\n"
        f"  - id: {objective_id}\n"
        f"    text: {yaml_scalar(objective_text)}\n"
        "---\n"
        f"This module covers {title}.\n"
    )


def _lesson_text(lesson_id: str, title: str, topic: str, objective_id: str | None) -> str:
    objectives = f"[{objective_id}]" if objective_id else "[]"
    return (
        "---\n"
        f"id: {lesson_id}\n"
        f"title: {yaml_scalar(title)}\n"
        f"minutes: {LESSON_MINUTES}\n"
        f"reviewed: {this_month()}\n"
        f"objectives: {objectives}\n"
        "---\n"
        f"## Overview {{#{FIRST_ANCHOR}}}\n"
        "\n"
        f"This lesson covers {topic}.\n"
    )


def _question(
    question_id: str, objective_id: str, objective_text: str, lesson: str, title: str
) -> str:
    """A true/false question on the objective: valid as written, to be rewritten by the
    trainer (a true/false question never counts towards the longest-key warning)."""
    prompt = f"One objective of this module is: {objective_text}"
    return (
        f"  - id: {question_id}\n"
        "    type: true_false\n"
        f"    objective: {objective_id}\n"
        f"    lesson: {lesson}\n"
        f"    prompt: {yaml_scalar(prompt)}\n"
        "    key: true\n"
        "    feedback:\n"
        '      true: "Right: it is one of the module\'s objectives."\n'
        '      false: "It is one of the module\'s objectives."\n'
        f"    explanation: {yaml_scalar(f'The module “{title}” lists this objective.')}\n"
    )


def _boosters_per_objective(course_file: Path) -> int:
    """The booster items each objective needs: none when course.yaml has no `review:`."""
    try:
        course = yaml.safe_load(course_file.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError):
        return 0
    review = course.get("review") if isinstance(course, dict) else None
    if not isinstance(review, dict):
        return 0
    wanted = review.get("min_items_per_objective", 3)
    return wanted if isinstance(wanted, int) and 0 < wanted <= 50 else 3


def _boosters_text(quiz_id: str, title: str, module_id: str, questions: list[str]) -> str:
    return (
        f"id: {quiz_id}\n"
        f"title: {yaml_scalar(f'{title}: booster reviews')}\n"
        f"module: {module_id}\n"
        "purpose: booster\n"
        "feedback: immediate\n"
        "questions:\n" + "\n".join(questions)
    )


def _quiz_text(quiz_id: str, title: str, module_id: str, questions: list[str]) -> str:
    return (
        f"id: {quiz_id}\n"
        f"title: {yaml_scalar(f'{title}: module quiz')}\n"
        f"module: {module_id}\n"
        "pass_mark: 80\n"
        "attempts_allowed: 3\n"
        "shuffle_questions: true\n"
        "shuffle_options: true\n"
        "feedback: after_submit\n"
        "questions:\n" + "\n".join(questions)
    )


def _case_ids(course_dir: Path) -> set[str]:
    """The ids of every case file in the course, broken ones included."""
    return {
        path.stem
        for pattern in (f"*/{CASES_FOLDER}/*.yaml", f"*/{CASES_FOLDER}/*.yml")
        for path in course_dir.glob(pattern)
    }


def _list_case(module_file: Path, case_id: str) -> bool:
    """Add `case_id` at the end of module.md's `cases:`; False when it has no such key."""
    document = parse_front_matter(module_file)
    data = document.data
    if not isinstance(data, dict) or "cases" not in data:
        return False
    lines = read_lines(module_file)
    key_line = document.lines[("cases",)]
    items = list_item_lines(document, "cases")
    if items and items[-1] != key_line:  # a block list: `  - id` lines under the key
        last = lines[items[-1] - 1]
        indent = last[: len(last) - len(last.lstrip())]
        lines.insert(items[-1], f"{indent}- {case_id}\n")
    else:
        lines[key_line - 1] = _flow_list_with(lines[key_line - 1], case_id, module_file, key_line)
    write_lines(module_file, lines)
    return True


def _flow_list_with(line: str, case_id: str, path: Path, number: int) -> str:
    """`cases: [a, b]` (or `cases: []`, or `cases:` alone) with `case_id` added last."""
    match = re.match(r"^cases:\s*(?:\[(?P<ids>[^\]#]*)\])?\s*(?P<comment>#.*)?$", line.rstrip())
    if match is None:
        raise EditError(
            f"{path}:{number}: `cases:` is not a list on one line here: edit it by hand"
        )
    ids = [part.strip() for part in (match.group("ids") or "").split(",") if part.strip()]
    comment = f"  {match.group('comment')}" if match.group("comment") else ""
    return f"cases: [{', '.join([*ids, case_id])}]{comment}\n"


def _case_text(
    case_id: str, title: str, module_id: str, objective_id: str, lesson_id: str | None
) -> str:
    """A starter case that passes `trainer validate --strict`: every choice has feedback,
    and a path of helpful choices leads from the start to the helpful ending."""
    lessons = f"    lessons: [{lesson_id}]\n" if lesson_id else ""

    def choice(choice_id: str, text: str, rating: str, feedback: str, next_id: str) -> str:
        return (
            f"      - id: {choice_id}\n"
            f"        text: {yaml_scalar(text)}\n"
            f"        rating: {rating}\n"
            f"        feedback: |\n          {feedback}\n"
            f"        next: {next_id}\n"
        )

    def ending(ending_id: str, ending_title: str, outcome: str, debrief: str) -> str:
        return (
            f"  - id: {ending_id}\n"
            f"    title: {yaml_scalar(ending_title)}\n"
            f"    outcome: {outcome}\n"
            f"    debrief: |\n      {debrief}\n" + lessons
        )

    return (
        f"id: {case_id}\n"
        f"title: {yaml_scalar(title)}\n"
        f"module: {module_id}\n"
        f"objectives: [{objective_id}]\n"
        "client: |\n"
        "  Describe the client (fictional): age, treatment, the pain and its history.\n"
        "setting: |\n"
        "  Describe where and when the session takes place.\n"
        "start: opening\n"
        "nodes:\n"
        "  - id: opening\n"
        "    text: |\n"
        "      Write what the client says or does first.\n"
        "    choices:\n"
        + choice(
            "explore",
            "Ask the client to say more about it.",
            "helpful",
            "Write why this helps: it keeps the client talking.",
            "next-step",
        )
        + choice(
            "advise",
            "Give advice straight away.",
            "partly",
            "Write what this misses, and what would help more.",
            "partly-helped",
        )
        + choice(
            "dismiss",
            "Tell the client it is not as bad as it sounds.",
            "harmful",
            "Write why this harms the client or the alliance.",
            "harm-done",
        )
        + "  - id: next-step\n"
        "    text: |\n"
        "      Write what the client says next.\n"
        "    choices:\n"
        + choice(
            "plan",
            "Agree on a next step together.",
            "helpful",
            "Write why this helps.",
            "helped",
        )
        + choice(
            "rush",
            "Move on to the next topic.",
            "partly",
            "Write what this misses.",
            "partly-helped",
        )
        + "endings:\n"
        + ending("helped", "The client is helped", "helpful", "Write what went well, and why.")
        + ending(
            "partly-helped",
            "Some help, with a chance missed",
            "partly",
            "Write what helped and what was missed.",
        )
        + ending(
            "harm-done", "The client is let down", "harmful", "Write what went wrong, and why."
        )
    )
