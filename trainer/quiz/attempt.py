"""Attempts: which questions an attempt asks in which order, scoring, and the review rules."""

from __future__ import annotations

import random
from collections.abc import Collection, Mapping
from dataclasses import dataclass

from trainer.quiz.grading import Answer, Grade, grade, matching_choices
from trainer.quiz.model import Matching, MultipleChoice, Ordering, QuizSpec, SingleChoice


@dataclass(frozen=True)
class AttemptPlan:
    """The questions of one attempt in the order shown, and each question's option order.

    Made from a seed, so the same seed always gives the same plan and the plan can be
    rebuilt when an attempt is resumed.
    """

    seed: int
    question_ids: tuple[str, ...]
    option_orders: Mapping[str, tuple[str, ...]]


@dataclass(frozen=True)
class AttemptResult:
    """The score of a submitted attempt."""

    grades: Mapping[str, Grade]
    score: float
    max_score: float
    percent: float
    passed: bool


def plan_attempt(quiz: QuizSpec, seed: int, already_asked: Collection[str] = ()) -> AttemptPlan:
    """Draw and order the questions for an attempt.

    With `draw`, questions not in `already_asked` are preferred, so a retake gets
    different items while the pool lasts.
    """
    rng = random.Random(seed)
    pool = [q.id for q in quiz.questions]
    if quiz.draw is not None:
        fresh = [q for q in pool if q not in already_asked]
        seen = [q for q in pool if q in already_asked]
        chosen = rng.sample(fresh, min(quiz.draw, len(fresh)))
        chosen += rng.sample(seen, quiz.draw - len(chosen))
        pool = [q for q in pool if q in chosen]
    if quiz.shuffle_questions:
        rng.shuffle(pool)
    orders = {}
    for question_id in pool:
        order = _option_order(quiz, question_id, rng)
        if order:
            orders[question_id] = order
    return AttemptPlan(seed, tuple(pool), orders)


def _option_order(quiz: QuizSpec, question_id: str, rng: random.Random) -> tuple[str, ...]:
    question = quiz.question(question_id)
    match question:
        case SingleChoice() | MultipleChoice():
            ids = [o.id for o in question.options]
            if quiz.shuffle_options:
                rng.shuffle(ids)
            return tuple(ids)
        case Matching():
            ids = [choice_id for choice_id, _ in matching_choices(question)]
            rng.shuffle(ids)  # in the written order the answer would be given away
            return tuple(ids)
        case Ordering():
            return tuple(_scrambled([item.id for item in question.items], rng))
    return ()


def _scrambled(ids: list[str], rng: random.Random) -> list[str]:
    """A shuffled copy that is never already in the right order."""
    scrambled = ids[:]
    rng.shuffle(scrambled)
    if scrambled == ids:
        scrambled = ids[1:] + ids[:1]
    return scrambled


def score_attempt(
    quiz: QuizSpec, plan: AttemptPlan, answers: Mapping[str, Answer]
) -> AttemptResult:
    """Grade every question the attempt asked; unanswered questions earn nothing."""
    grades = {}
    for question_id in plan.question_ids:
        question = quiz.question(question_id)
        if question is not None:
            grades[question_id] = grade(question, answers.get(question_id))
    score = sum(g.score for g in grades.values())
    max_score = sum(g.points for g in grades.values())
    percent = round(100 * score / max_score, 2) if max_score else 0.0
    return AttemptResult(grades, score, max_score, percent, percent >= quiz.pass_mark)


def attempts_left(quiz: QuizSpec, attempts_used: int) -> int | None:
    """How many more attempts the learner may start; None when unlimited."""
    if quiz.attempts_allowed is None:
        return None
    return max(0, quiz.attempts_allowed - attempts_used)


def shows_feedback_per_answer(quiz: QuizSpec) -> bool:
    """Knowledge checks give feedback after each answer and let the learner try again."""
    return quiz.feedback == "immediate"


def review_available(quiz: QuizSpec, passed: bool, attempts_used: int) -> bool:
    """The full review (keys, feedback, explanations) once passed or out of attempts."""
    if quiz.feedback == "immediate" or passed:
        return True
    return attempts_left(quiz, attempts_used) == 0
