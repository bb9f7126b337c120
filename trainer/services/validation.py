"""Validate a course and its quizzes together, and count what the course holds."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Mapping
from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from trainer.cases.checks import reference_problems as case_reference_problems
from trainer.cases.loader import Case, load_cases
from trainer.content.broken_parts import BrokenParts, broken_parts
from trainer.content.checks import check_course
from trainer.content.currency import (
    OutdatedPhrase,
    load_outdated_phrases,
    outdated_in,
    phrase_warnings,
    review_warnings,
)
from trainer.content.loader import load_course
from trainer.content.model import Course
from trainer.content.problems import (
    ContentError,
    Problem,
    ProblemGroup,
    display_path,
    group_knock_ons,
    grouped,
)
from trainer.content.render import Renderer
from trainer.content.yamlsource import Loc, unsaved_texts
from trainer.quiz.feedback_text import is_feedback_loc, is_placeholder_feedback
from trainer.quiz.gift import PLACEHOLDER
from trainer.quiz.loader import Quiz, load_quizzes
from trainer.quiz.model import PRE_POST, Question, SingleChoice
from trainer.services.catalog import is_booster


@dataclass(frozen=True)
class CourseStats:
    modules: int = 0
    lessons: int = 0
    words: int = 0
    minutes: int = 0
    questions: int = 0
    objectives: int = 0
    objectives_without_questions: int = 0
    booster_items: int = 0
    cases: int = 0
    case_decisions: int = 0  # decision points: the nodes of every case


@dataclass(frozen=True)
class ValidationReport:
    """Every problem of a course and its quizzes, sorted by file and line, with the stats.

    A problem that follows from another (a link to a lesson that did not load) has that one
    as its `because` and comes right after it, so `problems` reads cause first, knock-ons
    beneath (`groups` gives the same as ProblemGroups).
    Warnings are kept apart: they point at something to improve, not at something broken,
    and do not make the report fail (`trainer validate --strict` counts them as problems).
    """

    problems: list[Problem]
    stats: CourseStats
    course: Course | None = None
    quizzes: list[Quiz] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def groups(self) -> list[ProblemGroup]:
        """Each problem that follows from no other, with the problems that follow from it."""
        return group_knock_ons(self.problems)

    def as_json(self, relative_to: Path | None = None) -> dict[str, Any]:
        """Problems (each knock-on right after its cause, `because` naming the cause's
        file, line and message; null for the others), warnings and stats."""
        return {
            "problems": [_problem_json(p, relative_to) for p in self.problems],
            "warnings": [_location_json(p, relative_to) for p in self.warnings],
            "stats": asdict(self.stats),
        }


def _location_json(problem: Problem, relative_to: Path | None) -> dict[str, Any]:
    return {
        "file": display_path(problem.file, relative_to),
        "line": problem.line,
        "message": problem.message,
    }


def _problem_json(problem: Problem, relative_to: Path | None) -> dict[str, Any]:
    cause = problem.because
    return {
        **_location_json(problem, relative_to),
        "because": _location_json(cause, relative_to) if cause else None,
    }


def validate(course_dir: Path, quiz_dir: Path, today: date | None = None) -> ValidationReport:
    """Load and check everything; never raises for bad content. `today` (the real date
    unless given) decides which pages are overdue for review."""
    try:
        course, problems = load_course(course_dir)
    except ContentError as error:
        quizzes, quiz_problems = load_quizzes(quiz_dir)
        return ValidationReport(
            grouped(error.problems + quiz_problems),
            CourseStats(),
            warnings=quiz_warnings(quizzes),
        )
    quizzes, quiz_problems = load_quizzes(quiz_dir)
    problems += quiz_problems
    broken = broken_parts(course, quiz_problems)
    renderer = Renderer(course)
    problems += check_course(course, renderer, broken.lesson_files)
    problems += renderer.problems
    problems += check_quizzes(course, quizzes, broken_quiz_ids=set(broken.quizzes), broken=broken)
    problems += unused_quiz_problems(course, quizzes, broken)
    problems += booster_problems(course, quizzes)
    unmeasured = _unmeasured_objectives(course, used_quizzes(course, quizzes), broken)
    problems += unmeasured
    phrases, phrase_problems = load_outdated_phrases(course_dir)
    problems += phrase_problems
    cases, case_problems = _cases(course, renderer, broken)
    problems += case_problems
    warnings = quiz_warnings(quizzes) + currency_warnings(
        course, quizzes, phrases, today or date.today()
    )
    warnings += course.certificate_warnings
    stats = CourseStats(
        modules=len(course.modules),
        lessons=len(course.lessons),
        words=sum(lesson.words for lesson in course.lessons),
        minutes=sum(lesson.minutes for lesson in course.lessons),
        questions=sum(len(q.spec.questions) for q in quizzes if not is_booster(q)),
        booster_items=sum(len(q.spec.questions) for q in used_boosters(course, quizzes)),
        objectives=len(course.objectives),
        objectives_without_questions=len(unmeasured),
        cases=len(cases),
        case_decisions=sum(case.decisions for case in cases),
    )
    return ValidationReport(grouped(problems), stats, course, quizzes, sorted(set(warnings)))


def _cases(
    course: Course, renderer: Renderer, broken: BrokenParts
) -> tuple[list[Case], list[Problem]]:
    """The client cases that load, and the problems of every case file."""
    cases, problems = load_cases(course)
    return cases, problems + case_reference_problems(course, cases, renderer, broken)


def validate_with(
    course_dir: Path,
    quiz_dir: Path,
    overrides: Mapping[Path, str],
    today: date | None = None,
) -> ValidationReport:
    """`validate`, as if each file in `overrides` held the text given for it (the text of a
    file open in an editor, not yet saved); nothing is written and no file is copied.

    Each path must be a file of the course or its quizzes that exists on disk: a file not
    saved even once is not found by the loaders, which list the folders (ValueError).
    """
    unknown = sorted(str(path) for path in overrides if not path.is_file())
    if unknown:
        raise ValueError(f"not a saved file of the course: {', '.join(unknown)}; save it once")
    with unsaved_texts(overrides):
        return validate(course_dir, quiz_dir, today)


def currency_warnings(
    course: Course, quizzes: list[Quiz], phrases: list[OutdatedPhrase], today: date
) -> list[Problem]:
    """Pages not reviewed lately, and outdated phrases in pages and quiz texts."""
    return (
        review_warnings(course, today)
        + phrase_warnings(course, phrases)
        + quiz_phrase_warnings(quizzes, phrases)
    )


def quiz_phrase_warnings(quizzes: list[Quiz], phrases: list[OutdatedPhrase]) -> list[Problem]:
    """Every quiz text (stem, option, feedback) that uses an outdated phrase."""
    return [
        Problem(quiz.path, quiz.line_of(loc), f"question `{question.id}`: {phrase.message()}")
        for quiz in quizzes
        for index, question in enumerate(quiz.spec.questions)
        for loc, text in _texts(question.model_dump(), ("questions", index))
        for phrase in outdated_in(text, phrases)
    ]


def _texts(value: object, loc: Loc) -> Iterator[tuple[Loc, str]]:
    """Every string below `value`, with where it is."""
    if isinstance(value, str):
        yield loc, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _texts(item, (*loc, str(key).lower() if isinstance(key, bool) else key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _texts(item, (*loc, index))


def quiz_warnings(quizzes: list[Quiz]) -> list[Problem]:
    """What to improve in the quizzes, by file and line: keys that are the longest option,
    and feedback still holding the placeholder `trainer import-gift` wrote."""
    return sorted(
        longest_key_warnings(quizzes)
        + placeholder_warnings(quizzes)
        + placeholder_feedback_warnings(quizzes)
    )


def placeholder_feedback_warnings(quizzes: list[Quiz]) -> list[Problem]:
    """Feedback (an option's, a question's, the explanation) whose whole text is a stand-in
    such as "Correct!" or "TBD" (see PLACEHOLDER_FEEDBACK_TEXTS), at its own line."""
    return [
        Problem(
            quiz.path,
            quiz.line_of(loc),
            f"question `{question.id}`: `{_dotted(loc[2:])}` is placeholder feedback"
            f' ("{text}"): write what learners should read about this answer',
        )
        for quiz in quizzes
        for index, question in enumerate(quiz.spec.questions)
        for loc, text in _texts(question.model_dump(), ("questions", index))
        if is_feedback_loc(loc[2:]) and is_placeholder_feedback(text)
    ]


def placeholder_warnings(quizzes: list[Quiz]) -> list[Problem]:
    """Every text that still holds the placeholder an imported quiz gets where the GIFT file
    had no feedback: the quiz works, but learners would read it."""
    return [
        Problem(
            quiz.path,
            quiz.line_of(loc),
            f"question `{question.id}`: `{_dotted(loc[2:])}` is still the"
            f' placeholder "{PLACEHOLDER}" from `trainer import-gift`: write what learners'
            " should read",
        )
        for quiz in quizzes
        for index, question in enumerate(quiz.spec.questions)
        for loc in _placeholder_locs(question.model_dump(), ("questions", index))
    ]


def _placeholder_locs(value: object, loc: Loc) -> Iterator[Loc]:
    if isinstance(value, str) and PLACEHOLDER in value:
        yield loc
    elif isinstance(value, dict):
        for key, item in value.items():
            # the YAML keys are recorded as written: `true:`, not True
            yield from _placeholder_locs(
                item, (*loc, str(key).lower() if isinstance(key, bool) else key)
            )
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _placeholder_locs(item, (*loc, index))


def _dotted(loc: Loc) -> str:
    """`options[1].feedback`, as an author would find it in the file."""
    return "".join(f"[{part}]" if isinstance(part, int) else f".{part}" for part in loc).lstrip(".")


def longest_key_warnings(quizzes: list[Quiz]) -> list[Problem]:
    """Quizzes whose key is the longest option in more than a third of their single-answer
    questions: a test-wise learner who always picks the longest option would pass them.

    "Longest" means longer, in characters, than every other option of the question (a tie
    is not longest). Other question types are not counted.
    """
    warnings = []
    for quiz in quizzes:
        singles = [q for q in quiz.spec.questions if isinstance(q, SingleChoice)]
        longest = [q.id for q in singles if key_is_longest(q)]
        if 3 * len(longest) <= len(singles):
            continue
        warnings.append(
            Problem(
                quiz.path,
                quiz.line_of(("questions",)),
                f"quiz `{quiz.id}`: the key is the longest option in {len(longest)} of its"
                f" {len(singles)} single-answer questions (more than a third), so a learner who"
                " picks the longest option passes without reading: shorten keys or lengthen"
                f" wrong options so that the key is the longest in at most {len(singles) // 3}"
                f" of them (now: {', '.join(longest)})",
            )
        )
    return warnings


def key_is_longest(question: SingleChoice) -> bool:
    """Whether the key's text is longer, in characters, than the text of every other option."""
    key = next(o for o in question.options if o.id == question.key)
    return all(len(key.text) > len(o.text) for o in question.options if o is not key)


def check_quizzes(
    course: Course,
    quizzes: list[Quiz],
    broken_quiz_ids: set[str] | frozenset[str] = frozenset(),
    broken: BrokenParts | None = None,
) -> list[Problem]:
    """Quiz references to modules, objectives and lessons; question ids unique everywhere.

    Quizzes in `broken_quiz_ids` exist but could not be loaded: their own problems are
    reported already, so references to them are not reported again. A reference to a
    lesson or module in `broken` follows from the problem that broke it.
    """
    broken = broken or BrokenParts()
    problems: list[Problem] = []
    problems += _quiz_links(course, quizzes, broken_quiz_ids)
    objective_module = {o.id: m.id for m in course.modules for o in m.objectives}
    renderer = Renderer(course)
    seen_questions: dict[str, Path] = {}
    for quiz in quizzes:
        for index, question in enumerate(quiz.spec.questions):
            loc = ("questions", index)
            line = quiz.line_of(loc)
            if question.id in seen_questions:
                problems.append(
                    Problem(
                        quiz.path,
                        line,
                        f"question id `{question.id}` is already used in"
                        f" {seen_questions[question.id].name}: a new question needs a new id",
                    )
                )
            seen_questions.setdefault(question.id, quiz.path)
            problems += [
                problem.follows(_objective_cause(quiz, question, broken))
                for problem in _objective_problems(quiz, question, loc, objective_module)
            ]
            problems += [
                problem.follows(broken.lessons.get(question.lesson_id))
                for problem in _lesson_problems(course, renderer, quiz, question, loc)
            ]
    return problems


def _quiz_links(
    course: Course, quizzes: list[Quiz], broken_quiz_ids: set[str] | frozenset[str]
) -> list[Problem]:
    problems = []
    by_id = {quiz.id: quiz for quiz in quizzes}
    module_ids = {m.id for m in course.modules}
    quiz: Quiz | None
    for quiz in quizzes:
        if quiz.spec.module not in module_ids | set(PRE_POST):
            problems.append(
                Problem(
                    quiz.path,
                    quiz.line_of(("module",)),
                    f"`module: {quiz.spec.module}` names no module of the course: use a module id"
                    " or `pretest` / `posttest`",
                )
            )
    course_file = course.root / "course.yaml"
    for kind, quiz_id in (("pretest", course.pretest), ("posttest", course.posttest)):
        if quiz_id is None:
            continue
        quiz = by_id.get(quiz_id)
        if quiz is None and quiz_id in broken_quiz_ids:
            continue
        if quiz is None:
            problems.append(
                Problem(
                    course_file,
                    course.entry_line("course.yaml", kind),
                    f"{kind} `{quiz_id}` has no quiz file {quiz_id}.yaml",
                )
            )
        elif quiz.spec.module != kind:
            problems.append(
                Problem(
                    quiz.path,
                    quiz.line_of(("module",)),
                    f"this quiz is the course's {kind}: set `module: {kind}`",
                )
            )
    for module in course.modules:
        if module.quiz is None:
            continue
        quiz = by_id.get(module.quiz)
        line = module.lines.get(("quiz",), 1)
        if quiz is None and module.quiz in broken_quiz_ids:
            continue
        if quiz is None:
            problems.append(
                Problem(
                    module.path / "module.md",
                    line,
                    f"quiz `{module.quiz}` has no file {module.quiz}.yaml in the quiz folder",
                )
            )
        elif quiz.spec.module != module.id:
            problems.append(
                Problem(
                    quiz.path,
                    quiz.line_of(("module",)),
                    f"this is the quiz of module `{module.id}`: set `module: {module.id}`",
                )
            )
    return problems


def used_quiz_ids(course: Course) -> set[str]:
    """The quizzes the course gives learners: each module's `quiz:`, the pre- and post-test."""
    module_quizzes = {module.quiz for module in course.modules if module.quiz}
    tests = {quiz_id for quiz_id in (course.pretest, course.posttest) if quiz_id}
    return module_quizzes | tests


def used_quizzes(course: Course, quizzes: list[Quiz]) -> list[Quiz]:
    used = used_quiz_ids(course)
    return [quiz for quiz in quizzes if quiz.id in used]


def used_boosters(course: Course, quizzes: list[Quiz]) -> list[Quiz]:
    """Booster files learners review: those of the course's modules, when it has reviews."""
    if course.review is None:
        return []
    return [q for q in quizzes if is_booster(q) and course.module(q.spec.module) is not None]


def unused_quiz_problems(
    course: Course, quizzes: list[Quiz], broken: BrokenParts | None = None
) -> list[Problem]:
    """A quiz file no learner would meet: no module names it and it is neither test. When
    its module did not load (so its `quiz:` is unknown) this follows from that problem."""
    used = used_quiz_ids(course) | {quiz.id for quiz in used_boosters(course, quizzes)}
    module_causes = broken.modules if broken else {}
    return [
        Problem(quiz.path, 1, _unused_quiz_message(course, quiz)).follows(
            module_causes.get(quiz.spec.module)
        )
        for quiz in quizzes
        if quiz.id not in used
    ]


def _unused_quiz_message(course: Course, quiz: Quiz) -> str:
    module = course.module(quiz.spec.module)
    if is_booster(quiz):
        if course.review is None:
            return (
                f"booster items `{quiz.id}` are reviewed by nobody: course.yaml has no"
                " `review:` settings (add `review:` with `target_retention: 0.9`, or delete"
                " the file)"
            )
        return (
            f"booster items `{quiz.id}` belong to module `{quiz.spec.module}`, which is not"
            " in the course: set `module:` to one of the modules in course.yaml"
        )
    where = f"{module.id}/module.md" if module else "the module.md of its module"
    return (
        f"quiz `{quiz.id}` is used by no module and is not the course's pretest or posttest,"
        f" so no learner takes it and its questions measure nothing: set `quiz: {quiz.id}`"
        f" in {where}, or delete the file"
    )


def _objective_cause(quiz: Quiz, question: Question, broken: BrokenParts) -> Problem | None:
    """What broke the module an unknown objective would belong to: the quiz's module, or
    (for the pre- and post-test) the module of the lesson the question names."""
    return broken.modules.get(quiz.spec.module) or broken.module_cause(
        broken.lessons.get(question.lesson_id)
    )


def _objective_problems(
    quiz: Quiz, question: Question, loc: Loc, objective_module: dict[str, str]
) -> list[Problem]:
    line = quiz.line_of((*loc, "objective"))
    module = objective_module.get(question.objective)
    if module is None:
        return [
            Problem(
                quiz.path,
                line,
                f"objective `{question.objective}` is not an objective of any module",
            )
        ]
    if not quiz.spec.is_pre_or_post_test and module != quiz.spec.module:
        return [
            Problem(
                quiz.path,
                line,
                f"objective `{question.objective}` belongs to module `{module}`, not to this"
                f" quiz's module `{quiz.spec.module}`",
            )
        ]
    return []


def _lesson_problems(
    course: Course, renderer: Renderer, quiz: Quiz, question: Question, loc: Loc
) -> list[Problem]:
    line = quiz.line_of((*loc, "lesson"))
    lesson = course.lesson(question.lesson_id)
    if lesson is None:
        return [
            Problem(
                quiz.path, line, f"lesson `{question.lesson_id}` does not exist: use a lesson id"
            )
        ]
    anchor = question.anchor
    if anchor and anchor not in renderer.render_lesson(lesson).anchors:
        return [
            Problem(
                quiz.path,
                line,
                f"lesson `{lesson.id}` has no heading or id `{anchor}`: use a heading's anchor"
                " or give the heading `{#" + anchor + "}`",
            )
        ]
    return []


def booster_problems(course: Course, quizzes: list[Quiz]) -> list[Problem]:
    """Each objective needs the booster items the review settings ask for, and a booster
    item may not repeat a question learners met in a quiz or test (reviews would then
    measure recall of that question, not of the objective)."""
    if course.review is None:
        return []
    wanted = course.review.min_items_per_objective
    boosters = used_boosters(course, quizzes)
    counts = Counter(q.objective for quiz in boosters for q in quiz.spec.questions)
    problems = [
        Problem(
            module.path / "module.md",
            module.lines.get(("objectives", index), 1),
            f"objective `{objective.id}` has {counts[objective.id]} booster item(s); the"
            f" course's `review:` settings ask for at least {wanted}: add booster items with"
            f" `objective: {objective.id}` to quizzes/{module.id}-boosters.yaml",
        )
        for module in course.modules
        for index, objective in enumerate(module.objectives)
        if counts[objective.id] < wanted
    ]
    assessed = {
        _plain(q.prompt): quiz.id
        for quiz in used_quizzes(course, quizzes)
        for q in quiz.spec.questions
    }
    for quiz in boosters:
        for index, question in enumerate(quiz.spec.questions):
            repeated = assessed.get(_plain(question.prompt))
            if repeated:
                problems.append(
                    Problem(
                        quiz.path,
                        quiz.line_of(("questions", index, "prompt")),
                        f"booster item `{question.id}` repeats a question of `{repeated}`:"
                        " write a new scenario or wording for the review",
                    )
                )
    return problems


def _plain(text: str) -> str:
    return " ".join(text.lower().split())


def _unmeasured_objectives(
    course: Course, quizzes: list[Quiz], broken: BrokenParts | None = None
) -> list[Problem]:
    """Objectives no question of a used quiz measures; when the module's quiz did not load,
    this follows from that quiz's problem."""
    measured = Counter(q.objective for quiz in quizzes for q in quiz.spec.questions)
    quiz_causes = broken.quizzes if broken else {}
    return [
        Problem(
            module.path / "module.md",
            module.lines.get(("objectives", index), 1),
            f"objective `{objective.id}` is measured by no question: add a question with"
            f" `objective: {objective.id}`",
        ).follows(quiz_causes.get(module.quiz or ""))
        for module in course.modules
        for index, objective in enumerate(module.objectives)
        if measured[objective.id] == 0
    ]
