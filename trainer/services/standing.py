"""The completion rule, written once: when a module and the course are complete.

Both ways of reading progress use it: one learner's record (`completion.course_status`,
from that learner's rows) and the supervisor's grid (`learner_grid`, from grouped
queries over every learner). Dates may be datetimes or ISO text: the rule only
compares them and takes the latest.

Completion (done or not) and success (passed or not) are kept apart, as SCORM 2004 and
xAPI do: completion is "not_attempted", "incomplete" or "completed"; success is
"unknown", "passed" or "failed".
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from typing import TYPE_CHECKING, Literal, NamedTuple, TypeVar

if TYPE_CHECKING:
    from _typeshed import SupportsRichComparison

Completion = Literal["not_attempted", "incomplete", "completed"]
Success = Literal["unknown", "passed", "failed"]
Moment = TypeVar("Moment", bound="SupportsRichComparison")


class ModuleRule(NamedTuple):
    """What the course asks of a module."""

    available: bool  # it loaded without errors
    lessons: int
    has_quiz: bool
    attempts_allowed: int | None  # of its quiz; None: as many as the learner likes
    cases: int = 0  # client cases to play to an ending (course.yaml `cases_required`)


class ModuleStanding(NamedTuple):
    completion: Completion
    success: Success
    completed_at: object  # the moment of its last part, once complete; else None or ""


def module_standing(
    rule: ModuleRule,
    lessons_read: int,
    last_read: Moment | None,
    reading_seconds: int,
    attempts: int,
    passed_at: Moment | None,
    cases_done: int = 0,
    cases_done_at: Moment | None = None,
) -> ModuleStanding:
    """A module is complete when it is available, every lesson is read, its quiz (if
    any) is passed and, when the course requires them, each of its client cases has reached
    an ending (`cases_done` of them, the last on `cases_done_at`); it is complete from the
    latest of the last reading, the pass and that ending.

    Opening a lesson without reading or spending time in it is not a start; a case played
    to an ending is. (Written for speed: the supervisor's grid applies it to every module
    of 10,000 learners.)
    """
    available, lessons, has_quiz, attempts_allowed, cases = rule
    if (
        available
        and lessons_read >= lessons
        and (passed_at or not has_quiz)
        and cases_done >= cases
    ):
        done = max(last_read, passed_at) if last_read and passed_at else (last_read or passed_at)
        if cases and cases_done_at:  # only courses that require their cases
            done = latest((done, cases_done_at))
        return _standing(ModuleStanding, ("completed", "passed", done))
    if passed_at:
        success: Success = "passed"
    elif attempts_allowed is not None and attempts >= attempts_allowed:
        success = "failed"
    else:
        success = "unknown"
    started = lessons_read or reading_seconds or attempts or cases_done
    return _standing(ModuleStanding, ("incomplete" if started else "not_attempted", success, None))


_standing = tuple.__new__  # a NamedTuple without its Python-level __new__


def latest(moments: Sequence[Moment | None]) -> Moment | None:
    """The latest of the moments given (None when there is none)."""
    present = [m for m in moments if m]
    return max(present) if present else None


def course_completed_at(parts: Sequence[Moment | None]) -> Moment | None:
    """The course is complete when every part is (every module, the post-test passed at
    the course's mark, and the evaluation when required), on the day of the last one."""
    if not parts or not all(parts):
        return None
    return latest(parts)


@cache  # a handful of different answers, asked for every module of every learner
def status_words(
    available: bool,
    completion: Completion,
    success: Success,
    lessons_read: int,
    lessons: int,
    cases_done: int = 0,
    cases: int = 0,
) -> tuple[str, str]:
    """(code, words) of a module's standing, the same for the learner and the supervisor:
    unavailable, complete, no_attempts_left, in_progress or not_started. `cases`: the
    client cases the course requires played to an ending, `cases_done` of them."""
    if not available:
        return "unavailable", "Unavailable"
    if completion == "completed":
        return "complete", "Complete"
    if success == "failed":
        return "no_attempts_left", "Not passed; no attempts left"
    if completion == "incomplete":
        noun = "lesson" if lessons == 1 else "lessons"
        words = f"In progress: {lessons_read} of {lessons} {noun} read"
        if lessons_read >= lessons and cases_done < cases:
            left = cases - cases_done
            words += (
                "; client case not yet played to an ending"
                if left == 1
                else (f"; {left} client cases not yet played to an ending")
            )
        return "in_progress", words
    return "not_started", "Not started"


@cache  # a handful of different answers, asked for two tests of 10,000 learners
def quiz_status_words(
    baseline: bool,
    attempts: int,
    in_progress: bool,
    passed: bool,
    no_attempts_left: bool,
    locked: bool = False,
) -> tuple[str, str]:
    """(code, words) of a quiz or test (the pre- and post-test too), the same for the
    learner and the supervisor: locked, not_taken, in_progress, baseline, passed,
    no_attempts_left or not_passed. A baseline (the pre-test, or a quiz whose pass mark is
    0) is never passed or failed."""
    if attempts == 0:
        return ("locked", "Locked") if locked else ("not_taken", "Not taken")
    if in_progress and not passed:
        return "in_progress", "In progress"
    if baseline:
        return "baseline", "Baseline taken"
    if passed:
        return "passed", "Passed"
    if no_attempts_left:
        return "no_attempts_left", "Not passed; no attempts left"
    return "not_passed", "Not passed yet"
