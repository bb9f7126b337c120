"""The supervisor's grid agrees, learner by learner, with each learner's own course status."""

from __future__ import annotations

import gc

import pytest
from sqlalchemy import update

from tests.services.helpers import read_module, take_quiz
from trainer.paths import SHIPPED_COURSE, SHIPPED_QUIZZES
from trainer.services import accounts, completion, progress
from trainer.services.catalog import open_catalog
from trainer.services.evaluation import submit_evaluation
from trainer.services.learner_grid import learner_grid
from trainer.store.bulk import collector_paused
from trainer.store.models import LessonProgress


@pytest.fixture(scope="module")
def shipped():
    return open_catalog(SHIPPED_COURSE, SHIPPED_QUIZZES)


def test_every_cell_matches_the_learners_course_status(store, shipped) -> None:
    first, second, third = shipped.course.modules[:3]
    ahead = accounts.create_learner(store, "Ahead", organisation="North")
    take_quiz(store, shipped, ahead.id, "pretest")
    read_module(store, shipped, ahead.id, first.id)
    take_quiz(store, shipped, ahead.id, first.quiz)
    progress.open_lesson(store, shipped, ahead.id, second.lessons[0].id)
    progress.record_reading(
        store, shipped, ahead.id, second.lessons[0].id, position=0.5, active_seconds=240
    )
    failed = accounts.create_learner(store, "Out of attempts")
    read_module(store, shipped, failed.id, third.id)
    allowed = shipped.quiz(third.quiz).spec.attempts_allowed
    for _ in range(allowed):
        take_quiz(store, shipped, failed.id, third.quiz, right=False)
    pretest_only = accounts.create_learner(store, "Pre-test only")
    take_quiz(store, shipped, pretest_only.id, "pretest")
    accounts.create_learner(store, "nobody yet")
    opened_only = accounts.create_learner(store, "Opened a lesson")
    progress.open_lesson(store, shipped, opened_only.id, first.lessons[0].id)
    accounts.create_learner(store, "Sam", role="supervisor", password="long enough")
    finished = accounts.create_learner(store, "Finished")
    take_quiz(store, shipped, finished.id, "pretest")
    for module in shipped.course.modules:
        read_module(store, shipped, finished.id, module.id, seconds=60)
        take_quiz(store, shipped, finished.id, module.quiz)
    take_quiz(store, shipped, finished.id, "posttest")
    ratings = {item.id: 5 for item in shipped.course.evaluation.items if item.type == "rating"}
    submit_evaluation(store, shipped, finished.id, {**ratings, "recommend": True})
    moved = accounts.create_learner(store, "Read before a lesson moved")
    read_module(store, shipped, moved.id, first.id)
    with store.engine.begin() as connection:  # as if the lesson sat in another module then
        connection.execute(
            update(LessonProgress)
            .where(LessonProgress.learner_id == moved.id)
            .where(LessonProgress.lesson_id == first.lessons[0].id)
            .values(module_id=second.id)
        )

    rows = learner_grid(store, shipped)

    assert [row.name for row in rows] == [
        "Ahead", "Finished", "nobody yet", "Opened a lesson", "Out of attempts", "Pre-test only",
        "Read before a lesson moved",
    ]  # fmt: skip
    for row in rows:
        status = completion.course_status(store, shipped, row.learner_id)
        assert [cell.module_id for cell in row.cells] == [m.module_id for m in status.modules]
        for cell, module in zip(row.cells, status.modules, strict=True):
            assert (cell.completion, cell.success, cell.lessons_read) == (
                module.completion, module.success, module.lessons_read,
            ), (row.name, cell.module_id)  # fmt: skip
            best = module.quiz.best_percent if module.quiz else None
            assert cell.best_percent == best
            assert cell.active_seconds == module.active_seconds
            assert cell.completed_on == (
                module.completed_at.date().isoformat() if module.completed_at else ""
            )
        assert row.modules_done == sum(1 for m in status.modules if m.completed_at)
        assert row.active_seconds == status.credit.active_seconds  # tests and quizzes included
        assert row.completed_on == (
            status.completed_at.date().isoformat() if status.completed_at else ""
        )
    ahead_row, finished_row, nobody, opened_row, failed_row, pretest_row, moved_row = rows
    assert finished_row.completed_on and finished_row.modules_done == len(shipped.course.modules)
    assert ahead_row.organisation == "North" and ahead_row.cells[1].completion == "incomplete"
    assert [cell.active_seconds // 60 for cell in ahead_row.cells[:2]] == [
        15 * len(first.lessons),
        4,
    ]
    assert ahead_row.active_seconds // 60 >= 15 * len(first.lessons) + 4 and ahead_row.started
    assert failed_row.cells[2].success == "failed"
    assert not nobody.started and not pretest_row.started and nobody.active_seconds == 0
    assert not opened_row.started  # opening a lesson without reading it is not a start
    assert moved_row.cells[0].lessons_read == len(first.lessons)  # counted where it is now
    assert moved_row.cells[1].completion == "not_attempted"


def test_collector_resumes_after_the_block_even_on_error() -> None:
    assert gc.isenabled()
    with pytest.raises(RuntimeError), collector_paused():
        assert not gc.isenabled()
        raise RuntimeError("boom")
    assert gc.isenabled()
    gc.disable()
    try:
        with collector_paused():
            pass
        assert not gc.isenabled()  # a caller that had paused it keeps it paused
    finally:
        gc.enable()


def test_a_course_whose_only_module_is_broken_still_lists_its_learners(store, write_course) -> None:
    root = write_course({"curriculum/basics/module.md": "---\nid: [broken\n---\nx\n"})
    catalog = open_catalog(root / "curriculum", root / "quizzes")
    assert not any(module.lessons for module in catalog.course.modules)
    accounts.create_learner(store, "Ana")
    [row] = learner_grid(store, catalog)
    assert row.name == "Ana" and not row.started and row.completed_on == ""
