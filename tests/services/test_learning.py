"""Accounts, reading progress, attempts, completion, credit, certificates and evaluation."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.services.helpers import read_module, right_answer, take_quiz, wrong_answer
from trainer.services import accounts, attempts, completion, progress
from trainer.services.certificates import issue_certificate, normalise_code, verify_certificate
from trainer.services.errors import ServiceError
from trainer.store.db import open_store


def test_profiles_are_listed_by_name_and_renamed(store) -> None:
    accounts.create_learner(store, "zoe", credential="LADC 1", organisation="North")
    ana = accounts.create_learner(store, "Ana")
    assert [p.display_name for p in accounts.list_learners(store)] == ["Ana", "zoe"]
    accounts.rename_learner(store, ana.id, "Ana Ruiz")
    assert accounts.find_learner(store, "ana ruiz").id == ana.id
    assert accounts.find_learner(store, ana.id[:8]).id == ana.id
    with pytest.raises(ServiceError, match="a profile needs a name"):
        accounts.create_learner(store, "   ")


def test_supervisor_needs_the_right_password(store) -> None:
    with pytest.raises(ServiceError, match="need a password of at least 8 characters"):
        accounts.create_learner(store, "Sam", role="supervisor", password="short")
    sam = accounts.create_learner(store, "Sam", role="supervisor", password="correct horse")
    with pytest.raises(ServiceError, match="wrong password for Sam"):
        accounts.authenticate(store, sam.id, "wrong horse")
    assert accounts.authenticate(store, sam.id, "correct horse").role == "supervisor"
    with store.session() as session:
        stored = session.execute(
            __import__("sqlalchemy").text("SELECT password_hash FROM learner")
        ).scalar()
    assert stored.startswith("scrypt$") and "correct horse" not in stored


def test_reading_position_active_time_and_continue(store, catalog) -> None:
    learner = accounts.create_learner(store, "Ana")
    progress.open_lesson(store, catalog, learner.id, "what-is-pain")
    progress.record_reading(
        store, catalog, learner.id, "what-is-pain", position=0.4, active_seconds=60
    )
    progress.record_reading(
        store, catalog, learner.id, "what-is-pain", position=0.6, active_seconds=86_400
    )
    state = progress.lesson_states(store, catalog, learner.id)["what-is-pain"]
    assert state.position == 0.6
    assert (
        state.active_seconds == 60 + progress.MAX_ACTIVE_STEP_SECONDS
    )  # a day-long "step" is capped
    point = progress.continue_point(store, catalog, learner.id)
    assert (point.lesson_id, point.position) == ("what-is-pain", 0.6)


def test_answers_are_committed_as_given_and_the_attempt_resumes(store, catalog, db_url) -> None:
    learner = accounts.create_learner(store, "Ana")
    attempt = attempts.start_attempt(store, catalog, learner.id, "basics-quiz", seed=5)
    first = attempt.question_ids[0]
    attempts.save_answer(store, catalog, attempt.id, first, "a")
    # another connection (another process, after a crash) sees the answer at once
    other = open_store(db_url)
    resumed = attempts.unfinished_attempts(other, catalog, learner.id)
    other.close()
    assert [(a.id, a.answers) for a in resumed] == [(attempt.id, {first: "a"})]
    again = attempts.start_attempt(store, catalog, learner.id, "basics-quiz")
    assert again.id == attempt.id and again.question_ids == attempt.question_ids


def test_a_checked_answer_stays_locked_when_the_attempt_resumes(store, catalog, db_url) -> None:
    learner = accounts.create_learner(store, "Ana")
    attempt = attempts.start_attempt(store, catalog, learner.id, "basics-quiz")
    with pytest.raises(ServiceError, match="answer the question before checking it"):
        attempts.check_answer(store, attempt.id, "bq-define")
    attempts.save_answer(store, catalog, attempt.id, "bq-define", "b")
    attempts.save_answer(store, catalog, attempt.id, "bq-steps", ["t1", "t2", "t3", "t4"])
    attempts.check_answer(store, attempt.id, "bq-define")
    other = open_store(db_url)  # the app restarted
    resumed = attempts.start_attempt(other, catalog, learner.id, "basics-quiz")
    other.close()
    assert resumed.id == attempt.id and resumed.checked == {"bq-define"}
    assert resumed.answers["bq-define"] == "b"
    with pytest.raises(ServiceError, match="this answer was checked already"):
        attempts.save_answer(store, catalog, attempt.id, "bq-define", "a")
    attempts.save_answer(store, catalog, attempt.id, "bq-steps", ["t4", "t3", "t2", "t1"])


def test_failed_then_passed_with_attempt_limit_and_review(store, catalog) -> None:
    learner = accounts.create_learner(store, "Ana")
    failed = take_quiz(store, catalog, learner.id, "basics-quiz", right=False)
    assert (failed.passed, failed.attempts_left, failed.review_available) == (False, 1, False)
    with pytest.raises(ServiceError, match="the full review opens once you pass"):
        attempts.review_attempt(store, catalog, failed.attempt_id)
    passed = take_quiz(store, catalog, learner.id, "basics-quiz")
    assert passed.passed and passed.percent == 100.0 and passed.review_available
    review = attempts.review_attempt(store, catalog, failed.attempt_id)
    assert {r.lesson_id for r in review} == {"what-is-pain", "steps"}
    assert all(not r.correct and r.feedback and r.explanation for r in review)
    with pytest.raises(ServiceError, match="all 2 attempts at “Basics quiz” are used"):
        attempts.start_attempt(store, catalog, learner.id, "basics-quiz")


def test_submitted_answers_cannot_change(store, catalog) -> None:
    learner = accounts.create_learner(store, "Ana")
    outcome = take_quiz(store, catalog, learner.id, "pretest")
    with pytest.raises(ServiceError, match="submitted already"):
        attempts.save_answer(store, catalog, outcome.attempt_id, "pre-define", True)


def test_partial_answers_score_what_was_answered(store, catalog) -> None:
    learner = accounts.create_learner(store, "Ana")
    attempt = attempts.start_attempt(store, catalog, learner.id, "basics-quiz")
    question = catalog.quiz("basics-quiz").spec.question("bq-define")
    attempts.save_answer(store, catalog, attempt.id, "bq-define", right_answer(question))
    outcome = attempts.submit_attempt(store, catalog, attempt.id)
    assert outcome.percent == 50.0 and not outcome.passed


def test_modules_unlock_in_order_and_completion_is_apart_from_success(store, catalog) -> None:
    learner = accounts.create_learner(store, "Ana")
    status = completion.course_status(store, catalog, learner.id)
    assert not status.modules[0].unlocked  # the pre-test comes first
    assert status.completion == "not_attempted"
    take_quiz(store, catalog, learner.id, "pretest", right=False)
    status = completion.course_status(store, catalog, learner.id)
    assert status.modules[0].unlocked and not status.posttest_unlocked
    read_module(store, catalog, learner.id, "basics")
    module = completion.course_status(store, catalog, learner.id).modules[0]
    assert (module.completion, module.success) == ("incomplete", "unknown")
    take_quiz(store, catalog, learner.id, "basics-quiz", right=False)
    module = completion.course_status(store, catalog, learner.id).modules[0]
    assert (module.completion, module.success) == ("incomplete", "unknown")
    take_quiz(store, catalog, learner.id, "basics-quiz")
    status = completion.course_status(store, catalog, learner.id)
    assert (status.modules[0].completion, status.modules[0].success) == ("completed", "passed")
    assert status.posttest_unlocked and status.completion == "incomplete"


def test_course_complete_credit_and_certificate(store, catalog, tmp_path: Path) -> None:
    learner = accounts.create_learner(store, "Ana Ruiz", credential="LADC-123")
    with pytest.raises(
        ServiceError, match="the course is not complete yet: module “Basics”, the post-test"
    ):
        issue_certificate(store, catalog, learner.id)
    take_quiz(store, catalog, learner.id, "pretest")
    read_module(store, catalog, learner.id, "basics", seconds=900)
    take_quiz(store, catalog, learner.id, "basics-quiz")
    take_quiz(store, catalog, learner.id, "posttest")
    status = completion.course_status(store, catalog, learner.id)
    assert status.completion == "completed" and status.success == "passed"
    assert status.credit.eligible and status.credit.hours == 1.0
    certificate = issue_certificate(store, catalog, learner.id)
    assert re.fullmatch(
        r"[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}", certificate.code
    )
    assert issue_certificate(store, catalog, learner.id).code == certificate.code  # issued once
    found = verify_certificate(store, catalog, certificate.code.lower().replace("-", " "))
    assert (
        found is not None and found.learner_name == "Ana Ruiz" and found.posttest_percent == 100.0
    )
    assert verify_certificate(store, catalog, "0000-0000-0000") is None
    assert normalise_code("abcd efgh jkmn") == "ABCD-EFGH-JKMN"


def test_a_course_without_a_post_test_completes_with_its_modules(
    store, write_course, tmp_path: Path
) -> None:
    from tests.conftest import COURSE_YAML
    from trainer.services.catalog import open_catalog
    from trainer.services.learner_grid import learner_grid

    root = write_course(
        {
            "curriculum/course.yaml": COURSE_YAML.replace("posttest: posttest\n", ""),
            "quizzes/posttest.yaml": None,
        }
    )
    catalog = open_catalog(root / "curriculum", root / "quizzes")
    assert catalog.problems == () and catalog.course.posttest is None
    learner = accounts.create_learner(store, "Ana Ruiz", credential="LADC-123")
    take_quiz(store, catalog, learner.id, "pretest")
    read_module(store, catalog, learner.id, "basics", seconds=900)
    take_quiz(store, catalog, learner.id, "basics-quiz")
    status = completion.course_status(store, catalog, learner.id)
    assert status.completion == "completed" and status.completed_at is not None
    certificate = issue_certificate(store, catalog, learner.id)
    assert certificate.posttest_percent is None
    found = verify_certificate(store, catalog, certificate.code)
    assert found is not None and found.posttest_percent is None
    from pypdf import PdfReader

    from trainer.ui.pdf import write_certificate_pdf

    text = PdfReader(write_certificate_pdf(certificate, tmp_path / "c.pdf")).pages[0].extract_text()
    words = " ".join(text.split())
    assert "Ana Ruiz" in words and "Post-test" not in words
    [row] = learner_grid(store, catalog)
    assert row.completed_on == status.completed_at.date().isoformat()


def test_credit_needs_active_time_not_the_clock(store, catalog) -> None:
    learner = accounts.create_learner(store, "Ana")
    take_quiz(store, catalog, learner.id, "pretest")
    read_module(store, catalog, learner.id, "basics", seconds=60)  # skimmed in two minutes
    take_quiz(store, catalog, learner.id, "basics-quiz")
    take_quiz(store, catalog, learner.id, "posttest")
    status = completion.course_status(store, catalog, learner.id)
    assert status.completion == "completed"
    assert not status.credit.eligible and status.credit.hours == 0
    with pytest.raises(ServiceError, match="not enough active study time for CE credit"):
        issue_certificate(store, catalog, learner.id)


def test_daily_cap_limits_hours(catalog) -> None:
    from dataclasses import replace
    from datetime import UTC, datetime, timedelta

    from trainer.content.formats import CreditRules

    capped = replace(
        catalog, course=replace(catalog.course, credit=CreditRules(max_hours_per_day=0.5))
    )
    start = datetime(2026, 1, 1, 9, tzinfo=UTC)
    one_day = completion.credit_for(capped, 10_000, start, start + timedelta(hours=3))
    assert (one_day.hours, one_day.capped_by_daily_limit) == (0.5, True)
    two_days = completion.credit_for(capped, 10_000, start, start + timedelta(hours=30))
    assert two_days.hours == 1.0


def test_certificate_pdf_holds_name_course_hours_and_code(store, catalog, tmp_path: Path) -> None:
    from pypdf import PdfReader

    from trainer.ui.pdf import write_certificate_pdf

    learner = accounts.create_learner(store, "Ana Ruiz", credential="LADC-123")
    take_quiz(store, catalog, learner.id, "pretest")
    read_module(store, catalog, learner.id, "basics")
    take_quiz(store, catalog, learner.id, "basics-quiz")
    take_quiz(store, catalog, learner.id, "posttest")
    certificate = issue_certificate(store, catalog, learner.id)
    target = write_certificate_pdf(certificate, tmp_path / "certificate.pdf")
    text = " ".join(PdfReader(target).pages[0].extract_text().split())
    for expected in (
        "Ana Ruiz",
        "LADC-123",
        "Demo course",
        "1.0.0",
        certificate.code,
        "Demo provider",
    ):
        assert expected in text, expected
    assert "Continuing-education hours: 1" in text
    assert "Post-test score: 100%" in text


def test_wrong_answer_helper_is_wrong(catalog) -> None:
    spec = catalog.quiz("basics-quiz").spec
    from trainer.quiz.grading import grade

    assert all(not grade(q, wrong_answer(q)).correct for q in spec.questions)
