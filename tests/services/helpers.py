"""Helpers that walk a learner through the demo course with the real services."""

from __future__ import annotations

from typing import Any

from trainer.quiz.model import Matching, MultipleChoice, Numeric, Ordering, SingleChoice, TrueFalse
from trainer.services import accounts, attempts, progress
from trainer.services.catalog import Catalog
from trainer.store.db import Store


def right_answer(question: Any) -> Any:
    match question:
        case SingleChoice() | MultipleChoice() | TrueFalse() | Numeric():
            return question.key
        case Matching():
            return {pair.id: pair.id for pair in question.pairs}
        case Ordering():
            return [item.id for item in question.items]
    raise AssertionError(question)


def wrong_answer(question: Any) -> Any:
    match question:
        case SingleChoice():
            return next(o.id for o in question.options if o.id != question.key)
        case TrueFalse():
            return not question.key
        case Numeric():
            return question.key + 100
        case Ordering():
            return [item.id for item in reversed(question.items)]
    return None


def take_quiz(store: Store, catalog: Catalog, learner_id: str, quiz_id: str, *, right: bool = True):
    attempt = attempts.start_attempt(store, catalog, learner_id, quiz_id)
    spec = catalog.quiz(quiz_id).spec
    for question_id in attempt.question_ids:
        question = spec.question(question_id)
        answer = right_answer(question) if right else wrong_answer(question)
        attempts.save_answer(store, catalog, attempt.id, question_id, answer)
    return attempts.submit_attempt(store, catalog, attempt.id)


def read_module(
    store: Store, catalog: Catalog, learner_id: str, module_id: str, seconds: int = 900
) -> None:
    for lesson in catalog.course.module(module_id).lessons:
        progress.open_lesson(store, catalog, learner_id, lesson.id)
        remaining = seconds
        while remaining > 0:
            step = min(remaining, 300)
            progress.record_reading(
                store, catalog, learner_id, lesson.id, position=1.0, active_seconds=step
            )
            remaining -= step
        progress.complete_lesson(store, catalog, learner_id, lesson.id)


def passed_the_course(store: Store, catalog: Catalog, name: str = "Ana Ruiz") -> str:
    """A learner who took the pre-test, read the module and passed its quiz and the
    post-test (the demo course's one module, `basics`); their id."""
    learner = accounts.create_learner(store, name)
    take_quiz(store, catalog, learner.id, "pretest")
    read_module(store, catalog, learner.id, "basics")
    take_quiz(store, catalog, learner.id, "basics-quiz")
    take_quiz(store, catalog, learner.id, "posttest")
    return learner.id
