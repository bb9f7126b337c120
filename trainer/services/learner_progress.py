"""One learner record: everything any screen, export or command says about a learner's
progress, read once and written once.

The course home, My progress, the certificate, the supervisor's learner record,
`trainer progress` and the exports all show what `learner_progress` returns: the status
of every step (as a code and in words), completion and success, active time, scores,
CE hours, the pre/post-test gain per module and per objective, and the next step. The
supervisor's grid applies the same rule (`standing`) and the same figures (`figures`) to
grouped queries, and a test holds the two to the same values for every learner.

Active time: the seconds counted while reading a lesson and while answering a quiz or
test, each step capped (see `progress`); rounded down to minutes only when shown.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from trainer.cases.loader import Case
from trainer.quiz.grading import grade
from trainer.services import accounts
from trainer.services.case_play import CaseRunSummary, case_record
from trainer.services.catalog import Catalog
from trainer.services.completion import CourseStatus, ModuleStatus, QuizStatus, course_status
from trainer.services.figures import (
    Score,
    duration_text,
    hours_text,
    percent_text,
    plural,
    required_text,
)
from trainer.services.progress import LessonState, lesson_states
from trainer.services.standing import quiz_status_words, status_words
from trainer.store.db import Store
from trainer.store.models import QuizAttempt, Response

# status codes of a step; the words shown for each are in the step itself
NOT_STARTED, IN_PROGRESS, COMPLETE, LOCKED, UNAVAILABLE = (
    "not_started", "in_progress", "complete", "locked", "unavailable",
)  # fmt: skip
NOT_TAKEN, BASELINE, PASSED, NOT_PASSED, NO_ATTEMPTS_LEFT = (
    "not_taken", "baseline", "passed", "not_passed", "no_attempts_left",
)  # fmt: skip
READ, NOT_READ, TO_DO, SUBMITTED, READY = "read", "not_read", "to_do", "submitted", "ready"


@dataclass(frozen=True)
class Step:
    """One row of the course: the pre-test, a module, a lesson, a quiz, the post-test, the
    evaluation or the certificate."""

    kind: str  # pretest, module, lesson, quiz, posttest, evaluation, certificate
    target: str  # its id (lesson, quiz or module id; "" for the others)
    title: str
    code: str  # one of the status codes above
    words: str  # the status in words
    locked_reason: str = ""  # why it cannot be opened yet ("" when it can)
    active_seconds: int | None = None
    score: Score | None = None
    score_words: str = ""  # "31 of 35 right (88%)", "Baseline: 2 of 35 right (5%)"
    description: str = ""
    minutes: int | None = None  # planned length, for lessons and modules
    children: tuple[Step, ...] = ()
    opens: str = ""  # for a module: the lesson opening it opens (the first unread)

    @property
    def time_text(self) -> str:
        return "" if self.active_seconds is None else duration_text(self.active_seconds)


@dataclass(frozen=True)
class ActiveTime:
    total_seconds: int
    lesson_seconds: int
    quiz_seconds: int  # quizzes and tests

    @property
    def text(self) -> str:
        return duration_text(self.total_seconds)

    @property
    def detail(self) -> str:
        return (
            f"{duration_text(self.total_seconds)} (lessons {duration_text(self.lesson_seconds)};"
            f" quizzes and tests {duration_text(self.quiz_seconds)})"
        )


@dataclass(frozen=True)
class Gain:
    """The pre-test against the post-test for one module, one objective, or the whole test."""

    title: str
    pre: Score | None
    post: Score | None

    @property
    def change_words(self) -> str:
        if self.pre is None or self.post is None:
            return "—"
        points = self.post.whole_percent - self.pre.whole_percent
        if points > 0:
            return f"up {plural(points, 'point')}"
        if points < 0:
            return f"down {plural(-points, 'point')}"
        return "no change"


@dataclass(frozen=True)
class AttemptLine:
    """One quiz or test attempt in the learner's history."""

    attempt_id: str
    quiz_id: str
    title: str
    started_at: datetime
    submitted_at: datetime | None
    score: Score | None
    result_code: str  # in_progress, baseline, passed, not_passed
    result_words: str
    active_seconds: int


@dataclass(frozen=True)
class ToDo:
    """One thing the certificate still needs, as a sentence."""

    kind: str  # module, posttest, evaluation, time
    text: str


@dataclass(frozen=True)
class LearnerProgress:
    learner: accounts.LearnerInfo
    status: CourseStatus
    steps: tuple[Step, ...]
    next_step: Step | None  # where "Continue" goes
    resume_lesson: str | None  # the lesson left half-read, when Continue returns to it
    time: ActiveTime
    pretest: Score | None  # the baseline: the first submitted pre-test
    posttest: Score | None  # the best post-test
    gains_by_module: tuple[Gain, ...]  # then "All questions" when both tests are taken
    gains_by_objective: tuple[Gain, ...]
    history: tuple[AttemptLine, ...]  # newest first
    modules_done: int
    still_to_do: tuple[ToDo, ...]  # what the certificate still needs

    @property
    def completion_words(self) -> str:
        return {
            "completed": "Complete",
            "incomplete": "In progress",
            "not_attempted": "Not started",
        }[self.status.completion]

    @property
    def ce_hours_text(self) -> str:
        return hours_text(self.status.credit.hours)

    def step(self, kind: str, target: str = "") -> Step | None:
        """The first step of that kind (and target), looking inside modules too."""
        for step in _walk(self.steps):
            if step.kind == kind and (not target or step.target == target):
                return step
        return None


def _walk(steps: Iterable[Step]) -> Iterable[Step]:
    for step in steps:
        yield step
        yield from _walk(step.children)


def learner_progress(store: Store, catalog: Catalog, learner_id: str) -> LearnerProgress:
    """The learner's whole record; refused (ServiceError) when there is no such profile."""
    learner = accounts.find_learner(store, learner_id)
    status = course_status(store, catalog, learner.id)
    states = lesson_states(store, catalog, learner.id)
    with store.reading() as session:
        rows = list(
            session.scalars(
                select(QuizAttempt)
                .where(
                    QuizAttempt.learner_id == learner.id,
                    QuizAttempt.course_id == catalog.course.id,
                )
                .order_by(QuizAttempt.started_at)
            )
        )
        submitted = [r for r in rows if r.submitted_at is not None]
        baseline = _first(submitted, catalog.course.pretest)
        latest_post = _last(submitted, catalog.course.posttest)
        answers = _answers(session, [r.id for r in (baseline, latest_post) if r is not None])
    lesson_seconds = sum(s.active_seconds for s in states.values())
    time = ActiveTime(
        status.credit.active_seconds,
        lesson_seconds,
        status.credit.active_seconds - lesson_seconds,
    )
    cases = {c.case_id: c for c in case_record(store, catalog, learner.id)} if catalog.cases else {}
    steps = _steps(catalog, status, states, cases)
    next_step, resume = _next_step(catalog, status, states, steps)
    by_module, by_objective = _gains(catalog, baseline, latest_post, answers)
    return LearnerProgress(
        learner,
        status,
        steps,
        next_step,
        resume,
        time,
        _score(baseline),
        _best_score(rows, catalog.course.posttest),
        by_module,
        by_objective,
        tuple(reversed([_attempt_line(catalog, row) for row in rows])),
        sum(1 for m in status.modules if m.completion == "completed"),
        _still_to_do(catalog, status),
    )


# -- scores -------------------------------------------------------------------------------


def _score(row: QuizAttempt | None) -> Score | None:
    if row is None or row.submitted_at is None or row.percent is None:
        return None
    return Score(row.percent, row.max_score or 0.0)


def _best_score(rows: list[QuizAttempt], quiz_id: str | None) -> Score | None:
    scores = [s for r in rows if r.quiz_id == quiz_id and (s := _score(r)) is not None]
    return max(scores, key=lambda s: s.percent) if scores else None


def _first(rows: list[QuizAttempt], quiz_id: str | None) -> QuizAttempt | None:
    return next((r for r in rows if quiz_id and r.quiz_id == quiz_id), None)


def _last(rows: list[QuizAttempt], quiz_id: str | None) -> QuizAttempt | None:
    return next((r for r in reversed(rows) if quiz_id and r.quiz_id == quiz_id), None)


def score_words(score: Score | None, baseline: bool) -> str:
    if score is None:
        return ""
    return f"Baseline: {score.text}" if baseline else score.text


def _attempt_line(catalog: Catalog, row: QuizAttempt) -> AttemptLine:
    quiz = catalog.quizzes.get(row.quiz_id)
    score = _score(row)
    if row.submitted_at is None:
        code, words = IN_PROGRESS, "In progress"
    elif catalog.is_baseline(row.quiz_id):
        code, words = BASELINE, "Baseline"
    elif row.passed:
        code, words = PASSED, "Passed"
    else:
        code, words = NOT_PASSED, "Not passed"
    return AttemptLine(
        row.id,
        row.quiz_id,
        quiz.spec.title if quiz else row.quiz_id,
        row.started_at,
        row.submitted_at,
        score,
        code,
        words,
        row.active_seconds,
    )


def _still_to_do(catalog: Catalog, status: CourseStatus) -> tuple[ToDo, ...]:
    """Everything the certificate still needs: modules, the post-test, the evaluation and
    active time (empty once the course is complete with enough active time)."""
    left = [ToDo("module", _module_left(m)) for m in status.modules if m.completed_at is None]
    posttest = status.posttest
    if posttest is not None and status.posttest_passed_at is None:
        mark = percent_text(catalog.course.completion.posttest_pass_mark)
        text = f"Pass the post-test (pass mark {mark})."
        if posttest.best_score is not None:
            text += f" Your best score so far: {posttest.best_score.text}."
        left.append(ToDo("posttest", text))
    if status.evaluation_required and status.evaluation_submitted_at is None:
        if status.evaluation_unlocked:
            left.append(ToDo("evaluation", "Submit the course evaluation."))
        else:
            left.append(
                ToDo("evaluation", "Submit the course evaluation (it opens after the post-test).")
            )
    credit = status.credit
    if not credit.eligible:
        still = credit.required_seconds - credit.active_seconds
        left.append(
            ToDo(
                "time",
                f"Study actively for {required_text(credit.required_seconds)} in all (so far"
                f" {duration_text(credit.active_seconds)}; {required_text(still)} still needed).",
            )
        )
    return tuple(left)


def _module_left(module: ModuleStatus) -> str:
    if not module.available:
        return f"Module “{module.title}” is unavailable: ask your trainer."
    parts = []
    if module.lessons_read < module.lessons_total:
        unread = module.lessons_total - module.lessons_read
        parts.append(f"read {unread} more of its {plural(module.lessons_total, 'lesson')}")
    if module.quiz is not None and not module.quiz.passed:
        parts.append("pass its quiz")
    if module.cases_done < module.cases_total:
        parts.append(_cases_left(module.cases_done, module.cases_total))
    if not parts:
        return f"Complete the module “{module.title}”."
    return f"Module “{module.title}”: {_and(parts)}."


def _cases_left(done: int, total: int) -> str:
    if total == 1:
        return "play its client case to an ending"
    return f"play {total - done} more of its {total} client cases to an ending"


def _and(parts: list[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    return parts[0] if len(parts) == 1 else f"{', '.join(parts[:-1])} and {parts[-1]}"


# -- steps --------------------------------------------------------------------------------


def quiz_step_status(
    catalog: Catalog, quiz_id: str, quiz: QuizStatus | None, locked: str
) -> tuple[str, str]:
    """(code, words) of a quiz or test for the learner (`standing.quiz_status_words`, as
    the supervisor's grid words the pre- and post-test)."""
    if quiz is None:
        return quiz_status_words(False, 0, False, False, False, bool(locked))
    return quiz_status_words(
        catalog.is_baseline(quiz_id), quiz.attempts_used, quiz.in_progress, quiz.passed,
        quiz.attempts_left == 0, bool(locked),
    )  # fmt: skip


def module_status_words(module: ModuleStatus) -> tuple[str, str]:
    """(code, words) of a module, as the learner and the supervisor see it (not locking)."""
    return status_words(
        module.available, module.completion, module.success, module.lessons_read,
        module.lessons_total, module.cases_done, module.cases_total,
    )  # fmt: skip


def _quiz_step(
    catalog: Catalog,
    kind: str,
    title: str,
    quiz_id: str,
    quiz: QuizStatus | None,
    locked: str,
    description: str,
    attempts: Iterable[QuizAttempt] = (),
) -> Step:
    code, words = quiz_step_status(catalog, quiz_id, quiz, locked)
    if not description:
        spec = catalog.quizzes.get(quiz_id)
        description = spec.spec.title if spec else ""
    baseline = catalog.is_baseline(quiz_id)
    score = _quiz_score(quiz, baseline)
    return Step(
        kind,
        quiz_id,
        title,
        code,
        words,
        locked,
        quiz.active_seconds if quiz else None,
        score,
        score_words(score, baseline),
        description,
    )


def _quiz_score(quiz: QuizStatus | None, baseline: bool) -> Score | None:
    if quiz is None:
        return None
    return quiz.baseline_score if baseline else quiz.best_score


def _steps(
    catalog: Catalog,
    status: CourseStatus,
    states: dict[str, LessonState],
    cases: dict[str, CaseRunSummary],
) -> tuple[Step, ...]:
    course = catalog.course
    steps: list[Step] = []
    if course.pretest:
        steps.append(
            _quiz_step(
                catalog, "pretest", "Pre-test", course.pretest, status.pretest, "",
                "Start here: the pre-test shows what you know before the day. It is a"
                " baseline: it is not passed or failed and does not count toward completion.",
            )
        )  # fmt: skip
    for number, module_status in enumerate(status.modules, 1):
        steps.append(_module_step(catalog, number, module_status, status, states, cases))
    if course.posttest:
        locked = "" if status.posttest_unlocked else "Complete every module first."
        mark = percent_text(course.completion.posttest_pass_mark)
        steps.append(
            _quiz_step(
                catalog, "posttest", "Post-test", course.posttest, status.posttest, locked,
                f"The post-test: pass it with {mark} or more to complete the course.",
            )
        )  # fmt: skip
    if course.evaluation is not None:
        locked = "" if status.evaluation_unlocked else "Pass the post-test first."
        if status.evaluation_submitted_at is not None:
            code, words = SUBMITTED, "Submitted"
        else:
            code, words = (LOCKED, "Locked") if locked else (TO_DO, "To do")
        steps.append(
            Step(
                "evaluation", "", "Course evaluation", code, words, locked,
                description="Tell us what you thought of the training; it is needed for the"
                " certificate." if status.evaluation_required else
                "Tell us what you thought of the training.",
            )
        )  # fmt: skip
    ready = status.completed_at is not None
    steps.append(
        Step(
            "certificate", "", "Certificate", READY if ready else LOCKED,
            "Ready" if ready else "Locked", "" if ready else "Complete the course first.",
            description="Preview your certificate and save it as PDF.",
        )
    )  # fmt: skip
    return tuple(steps)


def _module_step(
    catalog: Catalog,
    number: int,
    status: ModuleStatus,
    course_status_: CourseStatus,
    states: dict[str, LessonState],
    cases: dict[str, CaseRunSummary],
) -> Step:
    module = catalog.course.module(status.module_id)
    assert module is not None
    title = f"{number}. {status.title}"
    if not status.available:
        problem = module.problems[0].display() if module.problems else ""
        return Step(
            "module", module.id, title, UNAVAILABLE, "Unavailable",
            f"This module cannot be opened: {problem}",
        )  # fmt: skip
    locked = ""
    if not status.unlocked:
        pretest = course_status_.pretest
        pretest_done = pretest is None or (pretest.attempts_used > 0 and not pretest.in_progress)
        locked = (
            "Take the pre-test first."
            if not pretest_done
            else "Complete the module before this one first."
        )
    code, words = module_status_words(status)
    if locked:
        code, words = LOCKED, "Locked"
    lessons = tuple(
        Step(
            "lesson", lesson.id, lesson.title,
            READ if lesson.id in states and states[lesson.id].completed else NOT_READ,
            "Read" if lesson.id in states and states[lesson.id].completed else "Not read",
            locked,
            states[lesson.id].active_seconds if lesson.id in states else None,
            description=lesson.title, minutes=lesson.minutes,
        )
        for lesson in module.lessons
    )  # fmt: skip
    children: list[Step] = list(lessons)
    if module.quiz:
        quiz_locked = locked or (
            "" if status.lessons_read == status.lessons_total
            else "Read every lesson of the module first."
        )  # fmt: skip
        children.append(
            _quiz_step(catalog, "quiz", "Module quiz", module.quiz, status.quiz, quiz_locked, "")
        )
    children += [
        _case_step(case, cases.get(case.id), locked)
        for case in catalog.cases.values()
        if case.spec.module == module.id
    ]
    first_unread = next((s.target for s in lessons if s.code == NOT_READ), module.lessons[0].id)
    score = status.quiz.best_score if status.quiz else None
    return Step(
        "module", module.id, title, code, words, locked, status.active_seconds, score,
        score_words(score, False), module.summary, module.total_minutes, tuple(children),
        first_unread,
    )  # fmt: skip


def _case_step(case: Case, record: CaseRunSummary | None, locked: str) -> Step:
    """A client case: played (an ending reached), in progress, or not played yet."""
    unfinished = record is not None and any(
        not run.finished and not run.stale and run.steps for run in record.runs
    )
    if locked:
        code, words = LOCKED, "Locked"
    elif record is not None and record.completed:
        reached = len(record.endings_reached)
        code, words = COMPLETE, f"Played: {plural(reached, 'ending')} reached"
    elif unfinished:
        code, words = IN_PROGRESS, "In progress"
    else:
        code, words = NOT_STARTED, "Not played"
    return Step(
        "case", case.id, f"Client case: {case.spec.title}", code, words, locked,
        description="Decide what to say and do with a client, one decision at a time;"
        " each choice is explained.",
    )  # fmt: skip


def _next_step(
    catalog: Catalog, status: CourseStatus, states: dict[str, LessonState], steps: tuple[Step, ...]
) -> tuple[Step | None, str | None]:
    """Where Continue goes: the pre-test until it is taken; the lesson left half-read; the
    first unread lesson, the quiz, or (once the quiz is passed) the client case not yet
    played to an ending, of the first module not complete; the post-test; the evaluation;
    the certificate."""
    by_kind = {s.kind: s for s in steps}
    pretest = by_kind.get("pretest")
    if pretest is not None and pretest.code in (NOT_TAKEN, IN_PROGRESS):
        return pretest, None
    for state in sorted(states.values(), key=lambda s: s.last_opened_at, reverse=True):
        lesson = catalog.lesson(state.lesson_id)
        if lesson is None:
            continue
        if not state.completed:
            module = next(
                s
                for s in steps
                if s.kind == "module" and any(c.target == lesson.id for c in s.children)
            )
            if not module.locked_reason:
                step = next(c for c in module.children if c.target == lesson.id)
                return step, lesson.id
        break
    for step in steps:
        if step.kind != "module" or step.code in (COMPLETE, UNAVAILABLE, LOCKED):
            continue
        unread = next((c for c in step.children if c.code == NOT_READ), None)
        quiz = next((c for c in step.children if c.kind == "quiz"), None)
        case = next((c for c in step.children if c.kind == "case" and c.code != COMPLETE), None)
        if unread is not None:
            return unread, None
        if quiz is not None and quiz.code != PASSED:
            return quiz, None
        return case or quiz or step, None  # the module waits for its case, when it must
    posttest = by_kind.get("posttest")
    if posttest is not None and not posttest.locked_reason and posttest.code != PASSED:
        return posttest, None
    evaluation = by_kind.get("evaluation")
    if evaluation is not None and not evaluation.locked_reason and evaluation.code == TO_DO:
        return evaluation, None
    return by_kind.get("certificate"), None


# -- gains --------------------------------------------------------------------------------


def _answers(session: Session, attempt_ids: list[str]) -> dict[str, dict[str, object]]:
    if not attempt_ids:
        return {}
    found: dict[str, dict[str, object]] = {}
    for response in session.scalars(select(Response).where(Response.attempt_id.in_(attempt_ids))):
        found.setdefault(response.attempt_id, {})[response.question_id] = response.answer
    return found


def _gains(
    catalog: Catalog,
    pre: QuizAttempt | None,
    post: QuizAttempt | None,
    answers: dict[str, dict[str, object]],
) -> tuple[tuple[Gain, ...], tuple[Gain, ...]]:
    """Per module and per objective: the share of its questions' points each test earned
    (the questions each test asked; a skipped question earns nothing)."""
    course = catalog.course
    before = _points(catalog, pre, answers)
    after = _points(catalog, post, answers)
    modules = []
    for module in course.modules:
        objective_ids = [o.id for o in module.objectives]
        pre_score = _sum_scores(before, objective_ids)
        post_score = _sum_scores(after, objective_ids)
        if pre_score or post_score:
            modules.append(Gain(module.title, pre_score, post_score))
    if modules:
        modules.append(Gain("All questions", _score(pre), _score(post)))
    objectives = [
        Gain(
            objective.text, _sum_scores(before, [objective.id]), _sum_scores(after, [objective.id])
        )
        for module in course.modules
        for objective in module.objectives
        if objective.id in before or objective.id in after
    ]
    return tuple(modules), tuple(objectives)


def _points(
    catalog: Catalog, attempt: QuizAttempt | None, answers: dict[str, dict[str, object]]
) -> dict[str, tuple[float, float]]:
    """objective id -> (points earned, points possible) in this attempt."""
    if attempt is None:
        return {}
    quiz = catalog.quizzes.get(attempt.quiz_id)
    if quiz is None:
        return {}
    given = answers.get(attempt.id, {})
    points: dict[str, tuple[float, float]] = {}
    for question_id in attempt.question_order:
        question = quiz.spec.question(question_id)
        if question is None:
            continue
        result = grade(question, given.get(question_id))
        earned, possible = points.get(question.objective, (0.0, 0.0))
        points[question.objective] = (earned + result.score, possible + result.points)
    return points


def _sum_scores(points: dict[str, tuple[float, float]], objectives: list[str]) -> Score | None:
    shares = [points[o] for o in objectives if o in points]
    if not shares:
        return None
    earned = sum(s[0] for s in shares)
    possible = sum(s[1] for s in shares)
    return Score(100 * earned / possible if possible else 0.0, possible)
