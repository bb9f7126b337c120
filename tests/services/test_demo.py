"""`trainer demo`: fictional learners in every state, to show the app to an organisation."""

from __future__ import annotations

import io
import re
from contextlib import redirect_stderr, redirect_stdout
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from tests.conftest import EVALUATION
from tests.services.demo_database import DemoDatabase, shipped_catalog
from trainer.cli import main
from trainer.services import accounts, attempts, org_key, practice, progress
from trainer.services.catalog import Catalog, open_catalog
from trainer.services.certificates import learner_certificates, verify_certificate
from trainer.services.completion import course_status
from trainer.services.demo import STATE_NAMES, STATES, demo_learners, fill_demo
from trainer.store.db import Store, open_store
from trainer.store.models import Learner, LessonProgress, QuizAttempt

FAILED_MODULE, FAILED_QUIZ = "pain-physiology", "pain-physiology-quiz"  # the shipped course's


def run(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = main(list(args))
    return code, out.getvalue(), err.getvalue()


def _folder_for(db_url: str) -> None:
    if "://" not in db_url:
        Path(db_url).parent.mkdir(parents=True, exist_ok=True)


def test_the_command_fills_a_fresh_database_with_learners_in_every_state(db_url: str) -> None:
    _folder_for(db_url)
    code, out, err = run("demo", "--db", db_url, "--learners", "12")
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert re.fullmatch(r"filled .+ with 12 demo learners \(seed 1\):", lines[0])
    for state in STATES:  # twelve learners: every state once
        assert re.search(rf"^  {re.escape(state.words)} +1$", out, re.MULTILINE), state
    organisations = re.search(r"^organisations: (.+)$", out, re.MULTILINE)
    assert organisations is not None and organisations.group(1).count("(3)") == 4
    assert "show it with: trainer --db " in out
    store, catalog = open_store(db_url), shipped_catalog()
    try:
        learners = demo_learners(store)
        certified = [i for i, state in learners if state == "certified"]
        named = re.search(r"^course complete, certificate issued: (.+)$", out, re.M)
        assert named is not None  # a person trying the app knows whom to open
        assert named.group(1) == accounts.find_learner(store, certified[0]).display_name
        assert sorted(state for _, state in learners) == sorted(STATE_NAMES)
        for learner_id, state in learners:
            check_state(store, catalog, learner_id, state)
        check_plausible_times(store, catalog)
        assert org_key.installed_key(store) is None  # the import's key is not left behind
    finally:
        store.close()


def check_state(store: Store, catalog: Catalog, learner_id: str, state: str) -> None:
    """What the app shows for a demo learner matches the state the demo gave it."""
    status = course_status(store, catalog, learner_id)
    modules = {m.module_id: m for m in status.modules}
    done = [m for m in status.modules if m.completion == "completed"]
    quiz = modules[FAILED_MODULE].quiz
    unfinished = attempts.unfinished_attempts(store, catalog, learner_id)
    certificates = learner_certificates(store, catalog, learner_id)
    assert status.pretest is not None and status.posttest is not None and quiz is not None
    match state:
        case "new":
            assert status.completion == "not_attempted" and status.pretest.attempts_used == 0
        case "pretest_only":
            assert status.pretest.attempts_used == 1 and not status.pretest.in_progress
            assert all(m.completion == "not_attempted" for m in status.modules)
        case "reading":
            lessons = progress.lesson_states(store, catalog, learner_id).values()
            [half_read] = [lesson for lesson in lessons if not lesson.completed]
            assert 0 < half_read.position < 1 and half_read.active_seconds > 0
            assert any(lesson.completed and lesson.active_seconds > 0 for lesson in lessons)
            reflection = practice.list_entries(
                store, catalog, learner_id, "or-why-pain-matters", "or-pain-in-caseload"
            )
            assert reflection and reflection[0].values["1"]
        case "quiz_failed":
            assert (quiz.attempts_used, quiz.passed, quiz.attempts_left) == (1, False, 2)
            assert modules[FAILED_MODULE].success == "unknown"
        case "no_attempts_left":
            assert (quiz.attempts_left, modules[FAILED_MODULE].success) == (0, "failed")
        case "passed_on_retake":
            history = attempts.attempt_history(store, catalog, learner_id, FAILED_QUIZ)
            assert [a.passed for a in history] == [False, True]
            assert modules[FAILED_MODULE].completion == "completed"
        case "modules_done":
            assert 2 <= len(done) < len(status.modules) and status.posttest.attempts_used == 0
            worksheet = practice.list_entries(
                store, catalog, learner_id, "pp-pain-modulation", "pp-volume-dial"
            )
            assert len(worksheet) >= 2 and all(row.values["situation"] for row in worksheet)
        case "posttest_failed":
            assert len(done) == len(status.modules) and status.posttest.attempts_used >= 1
            assert not status.posttest.passed and status.completed_at is None
        case "posttest_passed":
            assert status.posttest_passed_at is not None and status.completed_at is None
            assert status.evaluation_submitted_at is None
        case "certified":
            assert status.completed_at is not None and status.success == "passed"
            assert status.credit.hours == catalog.course.ce_hours
            [certificate] = certificates
            assert certificate.completed_at == status.completed_at
            assert verify_certificate(store, catalog, certificate.code) is not None
        case "quiz_in_progress":
            [attempt] = unfinished
            assert attempt.answers and attempt.unanswered
        case "imported":
            with store.reading() as session:
                learner = session.get(Learner, learner_id)
                assert learner is not None
                assert learner.installation_id != store.installation_id
            assert status.completion == "incomplete" and done
        case _:
            raise AssertionError(state)
    assert bool(unfinished) == (state == "quiz_in_progress")
    assert bool(certificates) == (state == "certified")


def check_plausible_times(store: Store, catalog: Catalog) -> None:
    """Study spread over past weeks, and minutes per lesson a reader could spend."""
    now = datetime.now(UTC)
    with store.reading() as session:
        first = session.scalar(select(func.min(QuizAttempt.started_at)))
        last = session.scalar(select(func.max(QuizAttempt.submitted_at)))
        rows = list(session.scalars(select(LessonProgress)))
    assert first is not None and last is not None
    assert first < now - timedelta(days=14) and last < now
    for row in rows:
        lesson = catalog.require_lesson(row.lesson_id)
        assert 0 < row.active_seconds <= lesson.minutes * 60 * 1.5, row.lesson_id
        assert row.first_opened_at <= row.last_opened_at < now
        assert row.completed_at is None or row.first_opened_at < row.completed_at < now


@pytest.fixture
def small_course(write_course) -> Catalog:
    """The test course with an evaluation: every state, in a second."""
    root = write_course({"curriculum/evaluation.yaml": EVALUATION})
    return open_catalog(root / "curriculum", root / "quizzes")


def _fill(tmp_path: Path, name: str, catalog: Catalog, **options) -> list[tuple]:
    store = open_store(str(tmp_path / name))
    try:
        summary = fill_demo(store, catalog, now=datetime(2025, 3, 14, 12, tzinfo=UTC), **options)
        return [
            (
                learner.display_name, learner.credential, learner.organisation, learner.state,
                [(a.quiz_id, a.percent) for a in attempts.attempt_history(
                    store, catalog, learner.learner_id)],
                sorted((lesson, state.active_seconds) for lesson, state in progress.lesson_states(
                    store, catalog, learner.learner_id).items()),
            )
            for learner in summary.learners
        ]  # fmt: skip
    finally:
        store.close()


def test_the_same_seed_gives_the_same_learners(small_course: Catalog, tmp_path: Path) -> None:
    first = _fill(tmp_path, "a.sqlite3", small_course, learners=12, seed=7)
    again = _fill(tmp_path, "b.sqlite3", small_course, learners=12, seed=7)
    other = _fill(tmp_path, "c.sqlite3", small_course, learners=12, seed=8)
    assert first == again
    assert [row[0] for row in first] != [row[0] for row in other]
    assert len({row[2] for row in first}) >= 3  # organisations
    assert all(re.fullmatch(r"[A-Z]+-\d{5}", row[1]) for row in first)  # like LADC-10234


def test_a_database_with_real_profiles_is_refused_unless_forced(
    write_course, tmp_path: Path
) -> None:
    root = write_course({"curriculum/evaluation.yaml": EVALUATION})
    db = ["--db", str(tmp_path / "clinic.sqlite3")]
    course = ["--course", str(root / "curriculum"), "--quizzes", str(root / "quizzes")]
    assert run(*db, *course, "learners", "add", "Ana Ruiz")[0] == 0
    code, out, err = run(*course, "demo", *db, "--learners", "3")
    assert (code, out) == (1, "") and err.count("\n") == 1
    assert err.startswith("trainer: ") and "holds 1 real profile" in err and "--force" in err
    assert len(run(*db, "learners", "list")[1].splitlines()) == 1  # nothing was added
    code, out, err = run(*course, "demo", *db, "--learners", "3", "--force")
    assert (code, err) == (0, "") and "with 3 demo learners" in out
    names = run(*db, "learners", "list")[1]
    assert len(names.splitlines()) == 4 and "Ana Ruiz" in names


def test_a_demo_database_is_filled_once(demo_database: DemoDatabase) -> None:
    assert len(demo_database.summary.learners) == 12
    assert {demo_database.states[i] for i in demo_database.learners_in("certified")} == {
        "certified"
    }
    for extra in ([], ["--force"]):
        code, out, err = run("demo", "--db", demo_database.url, *extra)
        assert (code, out) == (1, "")
        assert "already holds demo data (12 demo learners, seed 1)" in err
    store = demo_database.open()
    try:
        assert len(accounts.list_learners(store)) == 12
    finally:
        store.close()


def test_the_demo_needs_a_database_named_and_a_course_with_every_step(
    demo_root: Path, tmp_path: Path
) -> None:
    code, _, err = run("demo")
    assert code == 2 and "--db" in err
    course = ["--course", str(demo_root / "curriculum"), "--quizzes", str(demo_root / "quizzes")]
    code, _, err = run(*course, "demo", "--db", str(tmp_path / "d.sqlite3"))
    assert code == 1 and "this course has no course evaluation" in err


def test_certified_learners_have_booster_reviews_on_the_apps_schedule(
    demo_database: DemoDatabase,
) -> None:
    from trainer.services.review_reports import retention_at_90_days, review_overview
    from trainer.services.reviews import learner_reviews

    catalog, now = demo_database.catalog, datetime.now(UTC)
    [certified] = demo_database.learners_in("certified")
    assert demo_database.summary.reviews > 0
    store = demo_database.open()
    try:
        completed_at = course_status(store, catalog, certified).completed_at
        assert completed_at is not None and now - completed_at > timedelta(days=100)
        reviews = learner_reviews(store, catalog.course.id, certified)
        assert len(reviews) == demo_database.summary.reviews
        assert all(completed_at < review.reviewed_at < now for review in reviews)
        assert len({review.reviewed_at.date() for review in reviews}) > 20  # spread over days
        overview = review_overview(store, catalog, now)
        report = retention_at_90_days(store, catalog)
    finally:
        store.close()
    assert {row.learner_id for row in overview} == {certified}
    assert any(row.safety_errors for row in overview)  # a confident error on a safety item
    assert any(row.retention is not None for row in overview)
    assert any(line.answers for line in report)  # the 90-day report has numbers


def test_the_command_says_how_many_booster_answers_it_wrote(
    small_course: Catalog, tmp_path: Path
) -> None:
    store = open_store(str(tmp_path / "d.sqlite3"))
    try:
        summary = fill_demo(store, small_course, 1, now=datetime(2025, 3, 14, 12, tzinfo=UTC))
    finally:
        store.close()
    assert summary.learners[0].state == "certified"
    assert summary.reviews == 0  # the test course has no booster reviews
    assert not any("booster" in line for line in summary.lines())
