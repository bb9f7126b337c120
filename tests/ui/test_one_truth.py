"""One truth for every number: every surface shows the learner record's figures.

Learners in every state (the demo data, plus a lesson moved to another module and a
course without a post-test) are shown on the course home, My progress, the supervisor's
grid, its CSV and its learner record, `trainer progress --json` and `trainer report`
(CSV and JSON); each must show the same time, scores, statuses and CE hours as
`learner_progress` returns for that learner, and the grid the same pre-test, post-test
and evaluation.
"""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import update

from tests.cases.fixtures import CASE_PATH, VALID_CASE
from tests.conftest import COURSE_YAML
from tests.services.helpers import read_module, take_quiz
from tests.ui.conftest import RecordingNavigator
from trainer import cli
from trainer.paths import SHIPPED_COURSE, SHIPPED_QUIZZES
from trainer.services import accounts, case_play
from trainer.services.catalog import Catalog, open_catalog
from trainer.services.database import open_database
from trainer.services.demo import fill_demo
from trainer.services.figures import duration_text, percent_text, whole_minutes
from trainer.services.grid_export import csv_headers, write_grid_csv
from trainer.services.learner_grid import LearnerRow, course_parts, learner_grid
from trainer.services.learner_progress import LearnerProgress, learner_progress
from trainer.store.models import LessonProgress
from trainer.ui.learner.home_page import HomePage
from trainer.ui.learner.progress_page import ProgressPage
from trainer.ui.shell.context import AppContext
from trainer.ui.shell.tasks import TaskRunner
from trainer.ui.supervisor.completion_model import CompletionModel
from trainer.ui.supervisor.learner_detail import LearnerDetailDialog


@pytest.fixture(scope="module")
def shipped() -> Catalog:
    return open_catalog(SHIPPED_COURSE, SHIPPED_QUIZZES)


def _day(moment) -> str:
    return moment.date().isoformat() if moment else ""


def check_grid_row(record: LearnerProgress, row: LearnerRow) -> None:
    """The grid's row (and so its CSV and PDF) says what the learner record says."""
    name = record.learner.display_name
    assert row.active_seconds == record.time.total_seconds, name
    assert duration_text(row.active_seconds) == record.time.text, name
    assert row.modules_done == record.modules_done, name
    assert row.completed_on == _day(record.status.completed_at), name
    steps = [s for s in record.steps if s.kind == "module"]
    for cell, step, module in zip(row.cells, steps, record.status.modules, strict=True):
        where = (name, module.module_id)
        assert (cell.completion, cell.success) == (module.completion, module.success), where
        if step.code != "locked":  # the grid shows no locking: that is the learner's path
            assert (cell.status_code, cell.status_words) == (step.code, step.words), where
        assert percent_text(cell.best_percent) == (
            f"{step.score.whole_percent}%" if step.score else ""
        ), where
        if cell.best_score is not None:
            assert cell.best_score.text == step.score.text, where
        assert cell.active_seconds == step.active_seconds, where
        assert cell.completed_on == _day(module.completed_at), where
    status = record.status
    for kind, test, quiz in (("pretest", row.pretest, status.pretest),
                             ("posttest", row.posttest, status.posttest)):  # fmt: skip
        step = record.step(kind)
        if step is None:
            assert test is None, (name, kind)
            continue
        assert test is not None, (name, kind)
        if step.code == "locked":  # the grid shows no locking
            assert (test.status_code, test.status_words) == ("not_taken", "Not taken"), name
        else:
            assert (test.status_code, test.status_words) == (step.code, step.words), (name, kind)
        assert test.score_words == step.score_words, (name, kind)
        assert test.passed_on == _day(quiz.passed_at if quiz else None), (name, kind)
    assert row.evaluation_on == _day(status.evaluation_submitted_at), name
    evaluation = record.step("evaluation")
    if evaluation is not None:
        assert bool(row.evaluation_on) == (evaluation.code == "submitted"), name


def check_home(qtbot, context: AppContext, record: LearnerProgress) -> None:
    home = HomePage(context)
    qtbot.addWidget(home)
    with qtbot.waitSignal(home.loaded):  # the record is read in the background
        home.refresh()
    name = record.learner.display_name
    assert f"time spent {record.time.text} " in home.summary.text(), name
    assert f"CE hours earned {record.ce_hours_text} of" in home.summary.text(), name
    assert home.bar.value() == record.modules_done, name
    shown = [
        [home.steps.topLevelItem(n).text(c) for c in range(4)]
        for n in range(home.steps.topLevelItemCount())
    ]
    assert shown == [[s.title, s.words, s.time_text, s.score_words] for s in record.steps], name


def check_my_progress(qtbot, context: AppContext, record: LearnerProgress) -> None:
    page = ProgressPage(context)
    qtbot.addWidget(page)
    with qtbot.waitSignal(page.loaded):
        page.refresh()
    name = record.learner.display_name
    assert f"Active study time in all: {record.time.detail}." in page.summary.text(), name
    steps = [s for s in record.steps if s.kind == "module"]
    for row, step in enumerate(steps):
        assert page.modules.item(row, 3).text() == (step.time_text or "0 min"), name
        if step.score is not None:
            assert page.modules.item(row, 2).text() == step.score.text, name
    for step in record.steps:
        if step.kind in ("pretest", "posttest") and step.score_words:
            assert f"{step.title}: {step.score_words}." in page.summary.text(), name


def check_learner_detail(qtbot, context: AppContext, record: LearnerProgress) -> None:
    dialog = LearnerDetailDialog(context, record.learner.id)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.record is not None)
    summary = dialog.summary.text()
    name = record.learner.display_name
    assert f"Active study time: {record.time.detail}." in summary, name
    assert f"CE hours earned: {record.ce_hours_text}." in summary, name
    scores = [
        dialog.attempts.topLevelItem(n).text(2) for n in range(dialog.attempts.topLevelItemCount())
    ]
    assert scores == [line.score.text if line.score else "—" for line in record.history], name


def check_supervisor_grid(model: CompletionModel, record: LearnerProgress) -> None:
    row = next(r for r in model.rows if r.learner_id == record.learner.id)
    assert model.text(row, 5) == record.time.text
    for n, step in enumerate(s for s in record.steps if s.kind == "module"):
        text = model.text(row, model.module_column(n))
        if step.code != "locked":
            assert text.startswith(step.words), (record.learner.display_name, text)
        if step.score is not None:
            assert f"best {step.score.whole_percent}%" in text
    name = record.learner.display_name
    pretest = record.step("pretest")
    if pretest is not None:
        text = model.text(row, model.part_column("pretest"))
        assert model.headers()[model.part_column("pretest")] == "Pre-test"
        if pretest.score_words:  # "Baseline: 2 of 35 right (5%)", as on the course home
            assert text.endswith(pretest.score_words), (name, text)
        else:
            assert text == pretest.words, (name, text)
    posttest = record.step("posttest")
    if posttest is not None:
        text = model.text(row, model.part_column("posttest"))
        assert model.headers()[model.part_column("posttest")] == "Post-test"
        words = "Not taken" if posttest.code == "locked" else posttest.words
        assert text.startswith(words), (name, text)
        if posttest.score is not None:
            assert f"best {posttest.score.whole_percent}%" in text, (name, text)
    if record.step("evaluation") is not None:
        text = model.text(row, model.part_column("evaluation"))
        submitted = _day(record.status.evaluation_submitted_at)
        assert text == (f"Submitted · {submitted}" if submitted else "Not submitted"), name


def check_test_values(data: dict[str, str], record: LearnerProgress) -> None:
    """A CSV row's pre-test, post-test and evaluation, as the learner's record has them."""
    name = record.learner.display_name
    pretest = record.step("pretest")
    if pretest is not None:
        assert data["Pre-test: status"] == pretest.words, name
        assert data["Pre-test: baseline"] == pretest.score_words, name
        percent = str(pretest.score.whole_percent) if pretest.score else ""
        assert data["Pre-test: baseline %"] == percent, name
    else:
        assert "Pre-test: status" not in data
    posttest = record.step("posttest")
    if posttest is not None:
        words = "Not taken" if posttest.code == "locked" else posttest.words
        assert data["Post-test: status"] == words, name
        assert data["Post-test: best score"] == posttest.score_words, name
        percent = str(posttest.score.whole_percent) if posttest.score else ""
        assert data["Post-test: best %"] == percent, name
        quiz = record.status.posttest
        assert data["Post-test: passed on"] == _day(quiz.passed_at if quiz else None), name
    else:
        assert "Post-test: status" not in data
    if record.step("evaluation") is not None:
        submitted = _day(record.status.evaluation_submitted_at)
        assert data["Course evaluation: submitted on"] == submitted, name
        assert data["Course evaluation: status"] == ("Submitted" if submitted else "Not submitted")


def check_csv(rows: list[LearnerRow], catalog: Catalog, records: dict[str, LearnerProgress]):
    titles = [m.title for m in catalog.course.modules]
    parts = course_parts(catalog.course)
    handle = io.StringIO()
    write_grid_csv(handle, rows, titles, due=None, today=date.today(), parts=parts)
    lines = list(csv.reader(io.StringIO(handle.getvalue())))
    header = csv_headers(titles, parts)
    assert lines[0] == header and len(lines) == len(rows) + 1
    for values in lines[1:]:
        data = dict(zip(header, values, strict=True))
        record = next(r for r in records.values() if r.learner.display_name == data["Learner"])
        assert int(data["Total time (minutes)"]) == whole_minutes(record.time.total_seconds)
        assert int(data["Modules done"]) == record.modules_done
        check_test_values(data, record)


def check_commands(
    capsys, db: str, records: dict[str, LearnerProgress], root: Path, rows: dict[str, LearnerRow]
) -> None:
    paths = ["--course", str(root / "curriculum"), "--quizzes", str(root / "quizzes")]
    assert cli.main(["--db", db, *paths, "report"]) == 0  # CSV: the grid's file
    header, *lines = list(csv.reader(io.StringIO(capsys.readouterr().out)))
    for values in lines:
        data = dict(zip(header, values, strict=True))
        record = next(r for r in records.values() if r.learner.display_name == data["Learner"])
        check_test_values(data, record)
    assert cli.main(["--db", db, *paths, "report", "--format", "json"]) == 0
    report = json.loads(capsys.readouterr().out)
    for learner_id, record in records.items():
        assert cli.main(["--db", db, *paths, "progress", learner_id, "--json"]) == 0
        data = json.loads(capsys.readouterr().out)
        total = record.time.total_seconds
        assert data["total_active_seconds"] == total and data["active_time"] == record.time.text
        assert data["ce_hours"] == record.status.credit.hours
        assert data["modules_done"] == record.modules_done
        for entry, step in zip(
            data["modules"], [s for s in record.steps if s.kind == "module"], strict=True
        ):
            assert entry["best_score"] == step.score_words
        row = rows[learner_id]  # the grid's pre- and post-test say what the command says
        for kind, test in (("pretest", row.pretest), ("posttest", row.posttest)):
            if data[kind] is None:
                assert test is None
                continue
            assert data[kind]["score"] == test.score_words, (learner_id, kind)
            if data[kind]["status"] != "locked":
                assert data[kind]["status_words"] == test.status_words, (learner_id, kind)
        submitted = data["evaluation_submitted_at"]
        assert row.evaluation_on == (submitted[:10] if submitted else ""), learner_id
        reported = [r for r in report if r["learner_id"] == learner_id]
        if record.learner.role == "learner":
            assert reported and {r["total_active_seconds"] for r in reported} == {total}


def every_surface(qtbot, capsys, store, catalog: Catalog, root: Path, db: str) -> int:
    supervisor = accounts.create_learner(
        store, "Sam Supervisor", role="supervisor", password="long enough"
    )
    runner = TaskRunner()
    rows = learner_grid(store, catalog)
    records = {row.learner_id: learner_progress(store, catalog, row.learner_id) for row in rows}
    model = CompletionModel(
        [m.title for m in catalog.course.modules], parts=course_parts(catalog.course)
    )
    model.set_rows(rows)
    watching = AppContext(catalog, store, runner, RecordingNavigator(), supervisor)
    for row in rows:
        record = records[row.learner_id]
        check_grid_row(record, row)
        check_supervisor_grid(model, record)
        learner = AppContext(catalog, store, runner, RecordingNavigator(), record.learner)
        check_home(qtbot, learner, record)
        check_my_progress(qtbot, learner, record)
        check_learner_detail(qtbot, watching, record)
    check_csv(rows, catalog, records)
    check_commands(capsys, db, records, root, {row.learner_id: row for row in rows})
    runner.wait()
    return len(rows)


def test_every_surface_shows_the_learner_records_figures(qtbot, capsys, db_url, shipped) -> None:
    db = db_url  # an SQLite file, and a PostgreSQL server when the suite has one
    if "://" not in db:
        Path(db).parent.mkdir(parents=True, exist_ok=True)
    store = open_database(db)
    summary = fill_demo(store, shipped, learners=12, seed=7)
    states = {learner.state for learner in summary.learners}
    assert len(states) >= 12
    # one more: lessons read while they sat in another module (they count where they are now)
    first, second = shipped.course.modules[:2]
    moved = accounts.create_learner(store, "Moved Lesson")
    take_quiz(store, shipped, moved.id, "pretest")
    read_module(store, shipped, moved.id, first.id, seconds=400)
    with store.engine.begin() as connection:
        connection.execute(
            update(LessonProgress)
            .where(LessonProgress.learner_id == moved.id)
            .values(module_id=second.id)
        )
    root = SHIPPED_COURSE.parent
    shown = every_surface(qtbot, capsys, store, shipped, root, db)
    assert shown == len(summary.learners) + 1
    store.close()


def test_a_course_without_a_post_test_shows_the_same_figures_everywhere(
    qtbot, capsys, tmp_path, write_course
) -> None:
    root = write_course(
        {
            "curriculum/course.yaml": COURSE_YAML.replace("posttest: posttest\n", ""),
            "quizzes/posttest.yaml": None,
        }
    )
    catalog = open_catalog(root / "curriculum", root / "quizzes")
    assert catalog.problems == () and catalog.course.posttest is None
    db = str(tmp_path / "no-post.db")
    store = open_database(db)
    done = accounts.create_learner(store, "Done Without Post")
    take_quiz(store, catalog, done.id, "pretest", right=False)
    read_module(store, catalog, done.id, "basics", seconds=900)
    take_quiz(store, catalog, done.id, "basics-quiz", right=False)
    take_quiz(store, catalog, done.id, "basics-quiz")
    halfway = accounts.create_learner(store, "Halfway")
    take_quiz(store, catalog, halfway.id, "pretest")
    read_module(store, catalog, halfway.id, "basics", seconds=200)

    assert learner_progress(store, catalog, done.id).status.completed_at is not None
    assert every_surface(qtbot, capsys, store, catalog, root, db) == 2
    store.close()


def test_a_course_requiring_its_cases_shows_the_same_figures_everywhere(
    qtbot, capsys, tmp_path, write_course
) -> None:
    root = write_course(
        {
            "curriculum/course.yaml": COURSE_YAML + "completion:\n  cases_required: true\n",
            CASE_PATH: VALID_CASE,
        }
    )
    catalog = open_catalog(root / "curriculum", root / "quizzes")
    assert catalog.problems == () and catalog.course.completion.cases_required
    db = str(tmp_path / "cases.db")
    store = open_database(db)
    tomorrow = datetime.now(UTC) + timedelta(days=1)
    for name, ends in (("Case Played", True), ("Case Not Played", False)):
        learner = accounts.create_learner(store, name)
        take_quiz(store, catalog, learner.id, "pretest")
        read_module(store, catalog, learner.id, "basics", seconds=900)
        take_quiz(store, catalog, learner.id, "basics-quiz")
        if ends:
            run = case_play.start_run(store, catalog, learner.id, "first-visit", tomorrow)
            case_play.choose(store, catalog, learner.id, run.run_id, "arrives", "doubt", tomorrow)
    only = accounts.create_learner(store, "Only The Case")
    run = case_play.start_run(store, catalog, only.id, "first-visit", tomorrow)
    case_play.choose(store, catalog, only.id, run.run_id, "arrives", "doubt", tomorrow)

    played = learner_progress(store, catalog, accounts.find_learner(store, "Case Played").id)
    assert played.status.modules[0].completed_at is not None
    assert every_surface(qtbot, capsys, store, catalog, root, db) == 3
    store.close()
