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


def test_the_pre_test_post_test_and_evaluation_read_as_the_learners_record(store, shipped) -> None:
    from trainer.services import attempts
    from trainer.services.learner_progress import learner_progress

    accounts.create_learner(store, "A nobody")
    baseline = accounts.create_learner(store, "B baseline")
    take_quiz(store, shipped, baseline.id, "pretest", right=False)
    failing = accounts.create_learner(store, "C failing")
    allowed = shipped.quiz("posttest").spec.attempts_allowed
    for _ in range(allowed):
        take_quiz(store, shipped, failing.id, "posttest", right=False)
    trying = accounts.create_learner(store, "D trying")
    take_quiz(store, shipped, trying.id, "posttest", right=False)
    attempts.start_attempt(store, shipped, trying.id, "posttest")  # not submitted yet
    done = accounts.create_learner(store, "E done")
    take_quiz(store, shipped, done.id, "pretest")
    take_quiz(store, shipped, done.id, "posttest", right=False)
    take_quiz(store, shipped, done.id, "posttest")
    ratings = {item.id: 5 for item in shipped.course.evaluation.items if item.type == "rating"}
    submit_evaluation(store, shipped, done.id, {**ratings, "recommend": True})

    rows = {row.name: row for row in learner_grid(store, shipped)}

    questions = len(shipped.quiz("pretest").spec.questions)
    assert rows["A nobody"].pretest.status_words == "Not taken"
    assert rows["A nobody"].pretest.score_words == "" and rows["A nobody"].evaluation_on == ""
    assert rows["B baseline"].pretest.status_words == "Baseline taken"
    assert rows["B baseline"].pretest.score_words == f"Baseline: 0 of {questions} right (0%)"
    assert rows["C failing"].posttest.status_words == "Not passed; no attempts left"
    assert rows["D trying"].posttest.status_words == "In progress"
    assert rows["D trying"].posttest.score_words.endswith("right (0%)")
    done_row = rows["E done"]
    assert done_row.posttest.status_words == "Passed" and done_row.posttest.percent == 100
    assert done_row.posttest.passed_on == done_row.evaluation_on != ""  # today
    assert done_row.pretest.score_words.startswith("Baseline: ")
    for row in rows.values():  # word for word what the learner's course home says
        record = learner_progress(store, shipped, row.learner_id)
        for kind, test in (("pretest", row.pretest), ("posttest", row.posttest)):
            step = record.step(kind)
            words = "Not taken" if step.code == "locked" else step.words
            assert (test.status_words, test.score_words) == (words, step.score_words), row.name
        submitted = record.status.evaluation_submitted_at
        assert row.evaluation_on == (submitted.date().isoformat() if submitted else "")


def test_the_baseline_is_the_first_pre_test_submitted_not_the_best(store, catalog) -> None:
    again = accounts.create_learner(store, "Took it twice")
    take_quiz(store, catalog, again.id, "pretest", right=False)
    take_quiz(store, catalog, again.id, "pretest")
    once = accounts.create_learner(store, "Took it once")
    take_quiz(store, catalog, once.id, "pretest")
    rows = {row.name: row for row in learner_grid(store, catalog)}
    assert rows["Took it twice"].pretest.score_words.endswith("right (0%)")
    assert rows["Took it once"].pretest.score_words.endswith("right (100%)")


def test_the_grid_asks_the_same_few_queries_for_any_number_of_learners(
    store, shipped, monkeypatch
) -> None:
    """Grouped queries, never one per learner: 10,000 learners must fill the grid in half a
    second (DESIGN §7)."""
    from trainer.services import learner_grid as grid

    asked: list[object] = []
    plain_rows = grid.plain_rows

    def counted(connection, statement):
        asked.append(statement)
        return plain_rows(connection, statement)

    monkeypatch.setattr(grid, "plain_rows", counted)

    def queries_for(learners: int) -> int:
        for n in range(learners):
            learner = accounts.create_learner(store, f"Learner {len(asked)}-{n}")
            take_quiz(store, shipped, learner.id, "pretest")
            take_quiz(store, shipped, learner.id, "posttest", right=n % 2 == 0)
        asked.clear()
        learner_grid(store, shipped)
        return len(asked)

    assert queries_for(2) == queries_for(12)
