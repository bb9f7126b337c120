"""The supervisor's view of one learner, and the course-completion dates of everyone."""

from __future__ import annotations

import pytest

from tests.conftest import EVALUATION
from tests.services.helpers import read_module, take_quiz
from trainer.quiz.answer_text import answer_text
from trainer.services import accounts, attempts, certificates, completion
from trainer.services.catalog import open_catalog
from trainer.services.errors import ServiceError
from trainer.services.evaluation import submit_evaluation
from trainer.services.learner_grid import learner_grid
from trainer.services.learner_record import learner_record


@pytest.fixture
def course(write_course):
    root = write_course({"curriculum/evaluation.yaml": EVALUATION})
    catalog = open_catalog(root / "curriculum", root / "quizzes")
    assert catalog.problems == ()
    return catalog


def finish_course(store, catalog, learner_id: str) -> None:
    take_quiz(store, catalog, learner_id, "pretest")
    read_module(store, catalog, learner_id, "basics")
    take_quiz(store, catalog, learner_id, "basics-quiz")
    take_quiz(store, catalog, learner_id, "posttest")
    submit_evaluation(
        store, catalog, learner_id, {"relevance": 4, "recommend": True, "comments": "Useful"}
    )


def test_every_attempt_comes_with_each_answer_and_whether_it_was_right(store, course) -> None:
    ana = accounts.create_learner(store, "Ana Ruiz", credential="LADC-1", organisation="North")
    take_quiz(store, course, ana.id, "pretest", right=False)
    read_module(store, course, ana.id, "basics", seconds=600)
    attempt = attempts.start_attempt(store, course, ana.id, "basics-quiz", seed=3)
    attempts.save_answer(store, course, attempt.id, "bq-define", "b")  # wrong, the other unanswered
    attempts.submit_attempt(store, course, attempt.id)

    record = learner_record(store, course, ana.id)

    assert record.learner.display_name == "Ana Ruiz"
    assert [a.line.title for a in record.attempts] == ["pretest", "Basics quiz"]
    pretest = record.attempts[0]
    assert (
        pretest.line.result_words == "Baseline" and pretest.line.score.text == "0 of 2 right (0%)"
    )
    assert {a.prompt: (a.answer, a.correct) for a in pretest.answers} == {
        "Pain and nociception are the same.": ("True", False),
        "How many steps does nociception have?": ("104", False),
    }
    quiz = {a.question_id: a for a in record.attempts[1].answers}
    assert (quiz["bq-define"].answer, quiz["bq-define"].correct) == ("A nerve signal", False)
    assert (quiz["bq-steps"].answer, quiz["bq-steps"].correct) == ("", None)
    assert [(t.lesson_title, t.active_seconds) for t in record.lessons] == [
        ("What pain is", 600),
        ("The steps", 600),
    ]
    assert all(t.completed_at is not None for t in record.lessons)
    assert record.certificates == () and record.evaluation == ()


def test_certificate_and_evaluation_answers_are_in_the_record(store, course) -> None:
    ana = accounts.create_learner(store, "Ana Ruiz")
    finish_course(store, course, ana.id)
    issued = certificates.issue_certificate(store, course, ana.id)

    record = learner_record(store, course, ana.id)

    assert [c.code for c in record.certificates] == [issued.code]
    assert record.evaluation_submitted_at is not None
    assert [(e.prompt, e.answer) for e in record.evaluation] == [
        ("The content was relevant to my work.", "4"),
        ("Would you recommend it?", "Yes"),
        ("Anything else?", "Useful"),
    ]
    assert record.progress.status.completed_at is not None


def test_an_unknown_learner_is_refused(store, course) -> None:
    with pytest.raises(ServiceError, match="no profile"):
        learner_record(store, course, "nobody-at-all")


def test_answers_read_as_words(course) -> None:
    spec = course.quiz("basics-quiz").spec
    steps = spec.question("bq-steps")
    assert answer_text(steps, ["t4", "t1"]) == "Perception → Transduction"
    assert answer_text(spec.question("bq-define"), "a") == "An experience"
    assert answer_text(None, "kept") == "kept"  # a question removed from the course since
    assert answer_text(steps, None) == ""


def test_course_completion_dates_follow_the_course_rule(store, course) -> None:
    done = accounts.create_learner(store, "Done")
    modules_only = accounts.create_learner(store, "Modules only")
    accounts.create_learner(store, "Nothing")
    finish_course(store, course, done.id)
    take_quiz(store, course, modules_only.id, "pretest")
    read_module(store, course, modules_only.id, "basics")
    take_quiz(store, course, modules_only.id, "basics-quiz")

    rows = {row.name: row for row in learner_grid(store, course)}

    status = completion.course_status(store, course, done.id)
    assert rows["Done"].completed_on == status.completed_at.date().isoformat()
    assert rows["Modules only"].completed_on == ""  # no post-test, no evaluation
    assert rows["Modules only"].modules_done == rows["Done"].modules_done == 1
    assert rows["Modules only"].started and not rows["Nothing"].started
    assert [cell.completion for cell in rows["Nothing"].cells] == ["not_attempted"]
