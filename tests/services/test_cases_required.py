"""A course that requires its client cases: a module is complete only once each of its
cases has reached an ending, from the moment of its last part, and the learner's record
and the supervisor's grid say so alike."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from tests.cases.fixtures import CASE_PATH, VALID_CASE
from tests.conftest import COURSE_YAML
from tests.services.helpers import read_module, take_quiz
from trainer.services import accounts, case_play, completion
from trainer.services.catalog import Catalog, open_catalog
from trainer.services.learner_grid import LearnerRow, learner_grid
from trainer.services.learner_progress import learner_progress
from trainer.store.db import Store

LATER = datetime.now(UTC) + timedelta(days=2)  # after anything the real clock stamps today
EARLIER = datetime.now(UTC) - timedelta(days=3)


def _catalog(write_course, required: bool) -> Catalog:
    course = COURSE_YAML + f"completion:\n  cases_required: {str(required).lower()}\n"
    root = write_course({"curriculum/course.yaml": course, CASE_PATH: VALID_CASE})
    opened = open_catalog(root / "curriculum", root / "quizzes")
    assert opened.problems == ()
    return opened


@pytest.fixture
def catalog(write_course) -> Catalog:
    return _catalog(write_course, required=True)


def play(
    store: Store, catalog: Catalog, learner_id: str, choices: list[tuple[str, str]], at: datetime
) -> None:
    run = case_play.start_run(store, catalog, learner_id, "first-visit", at)
    for minute, (node, choice) in enumerate(choices, 1):
        made_at = at + timedelta(minutes=minute)
        case_play.choose(store, catalog, learner_id, run.run_id, node, choice, made_at)


TO_THE_PLAN = [("arrives", "ask-more"), ("tells-more", "reflect")]  # ends at plan-made


def studied(store: Store, catalog: Catalog, name: str) -> str:
    """A learner who took the pre-test, read the module and passed its quiz."""
    learner = accounts.create_learner(store, name).id
    take_quiz(store, catalog, learner, "pretest")
    read_module(store, catalog, learner, "basics")
    take_quiz(store, catalog, learner, "basics-quiz")
    return learner


def test_the_module_waits_for_its_case_to_reach_an_ending(store, catalog) -> None:
    ana = studied(store, catalog, "Ana Ruiz")
    before = completion.course_status(store, catalog, ana).module("basics")
    assert (before.completion, before.completed_at) == ("incomplete", None)
    assert (before.cases_done, before.cases_total) == (0, 1)

    play(store, catalog, ana, [("arrives", "ask-more")], LATER)  # not an ending yet
    assert completion.course_status(store, catalog, ana).module("basics").completed_at is None

    play(store, catalog, ana, TO_THE_PLAN, LATER + timedelta(hours=1))
    after = completion.course_status(store, catalog, ana).module("basics")
    ending_at = LATER + timedelta(hours=1, minutes=2)  # the choice that reached the ending
    assert (after.completion, after.success, after.cases_done) == ("completed", "passed", 1)
    assert after.completed_at == ending_at  # the last of its parts


def test_a_case_played_first_leaves_the_moment_with_the_last_other_part(store, catalog) -> None:
    ben = accounts.create_learner(store, "Ben").id
    play(store, catalog, ben, [("arrives", "doubt")], EARLIER)  # a harmful ending is an ending
    take_quiz(store, catalog, ben, "pretest")
    read_module(store, catalog, ben, "basics")
    take_quiz(store, catalog, ben, "basics-quiz")

    status = completion.course_status(store, catalog, ben)
    module = status.module("basics")
    assert module.completion == "completed"
    assert module.completed_at == status.module("basics").quiz.passed_at
    assert module.completed_at > EARLIER


def test_the_learner_is_told_the_case_is_what_is_missing(store, catalog) -> None:
    ana = studied(store, catalog, "Ana Ruiz")

    progress = learner_progress(store, catalog, ana)

    module = progress.step("module", "basics")
    assert module.code == "in_progress"
    assert (
        module.words == "In progress: 2 of 2 lessons read; client case not yet played to an ending"
    )
    assert "Module “Basics”: play its client case to an ending." in [
        todo.text for todo in progress.still_to_do
    ]
    assert progress.step("posttest").locked_reason == "Complete every module first."
    assert progress.next_step is not None and progress.next_step.kind == "case"  # Continue

    play(store, catalog, ana, TO_THE_PLAN, LATER)
    progress = learner_progress(store, catalog, ana)
    assert progress.step("module", "basics").words == "Complete"
    assert progress.step("posttest").locked_reason == ""
    assert all(todo.kind != "module" for todo in progress.still_to_do)


def test_without_cases_required_a_case_is_not_needed(store, write_course) -> None:
    catalog = _catalog(write_course, required=False)
    ana = studied(store, catalog, "Ana Ruiz")

    module = completion.course_status(store, catalog, ana).module("basics")

    assert module.completion == "completed" and module.cases_total == 0
    [row] = learner_grid(store, catalog)
    assert row.cells[0].completion == "completed"


def test_the_grid_agrees_with_each_learners_record(store, catalog) -> None:
    studied_only = studied(store, catalog, "Studied only")
    finished = studied(store, catalog, "Finished")
    play(store, catalog, finished, TO_THE_PLAN, LATER)
    take_quiz(store, catalog, finished, "posttest")
    played_only = accounts.create_learner(store, "Played only").id
    play(store, catalog, played_only, [("arrives", "doubt")], EARLIER)
    halfway = accounts.create_learner(store, "Halfway").id
    play(store, catalog, halfway, [("arrives", "ask-more")], EARLIER)
    accounts.create_learner(store, "Nobody yet")

    rows = {row.name: row for row in learner_grid(store, catalog)}

    for row in rows.values():
        assert_same_as_the_record(store, catalog, row)
    assert rows["Finished"].cells[0].completed_on == LATER.date().isoformat()
    assert rows["Finished"].completed_on == LATER.date().isoformat()
    assert rows["Studied only"].cells[0].completion == "incomplete"
    assert rows["Played only"].cells[0].completion == "incomplete"  # a case played is a start
    assert rows["Halfway"].cells[0].completion == "not_attempted"
    assert studied_only and played_only


def assert_same_as_the_record(store: Store, catalog: Catalog, row: LearnerRow) -> None:
    status = completion.course_status(store, catalog, row.learner_id)
    progress = learner_progress(store, catalog, row.learner_id)
    for cell, module in zip(row.cells, status.modules, strict=True):
        assert (cell.completion, cell.success, cell.lessons_read) == (
            module.completion, module.success, module.lessons_read,
        ), row.name  # fmt: skip
        assert cell.completed_on == (
            module.completed_at.date().isoformat() if module.completed_at else ""
        ), row.name
        step = progress.step("module", module.module_id)
        if step.code != "locked":
            assert (cell.status_code, cell.status_words) == (step.code, step.words), row.name
    assert row.modules_done == progress.modules_done
    assert row.completed_on == (
        status.completed_at.date().isoformat() if status.completed_at else ""
    )
