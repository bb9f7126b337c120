"""Grading: pure functions from a question and an answer to a score and feedback.

Answers are plain JSON values, so they can be stored as given:
single: an option id; multiple: a list of option ids; true_false: a bool;
matching: {pair id: chosen choice id}; ordering: a list of item ids;
numeric: a number. None means unanswered. An answer of the wrong shape earns 0.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from itertools import combinations
from typing import Any

from trainer.quiz.model import (
    Matching,
    MultipleChoice,
    Numeric,
    Ordering,
    Question,
    SingleChoice,
    TrueFalse,
)

Answer = Any


@dataclass(frozen=True)
class Grade:
    """What a question earned: `score` out of `points`."""

    score: float
    points: float

    @property
    def correct(self) -> bool:
        return math.isclose(self.score, self.points) or self.score > self.points

    @property
    def fraction(self) -> float:
        return self.score / self.points


def grade(question: Question, answer: Answer) -> Grade:
    """Score `answer` to `question`; the partial-credit rules are in docs/authoring.md."""
    return Grade(round(question.points * credit(question, answer), 6), question.points)


def credit(question: Question, answer: Answer) -> float:
    """The share of the question's points the answer earns, between 0 and 1."""
    if answer is None:
        return 0.0
    match question:
        case SingleChoice():
            return question.option_credit(answer)
        case TrueFalse():
            return 1.0 if answer is question.key else 0.0
        case Numeric():
            return 1.0 if _close_enough(answer, question) else 0.0
        case MultipleChoice():
            return _multiple_credit(question, answer)
        case Matching():
            return _matching_credit(question, answer)
        case Ordering():
            return _ordering_credit(question, answer)
    return 0.0


def is_answered(answer: Answer) -> bool:
    return answer is not None and answer != [] and answer != {}


def _close_enough(answer: Answer, question: Numeric) -> bool:
    if isinstance(answer, bool) or not isinstance(answer, int | float):
        return False
    if not math.isfinite(answer):
        return False
    return abs(answer - question.key) <= question.tolerance + 1e-9


def _multiple_credit(question: MultipleChoice, answer: Answer) -> float:
    if not isinstance(answer, list):
        return 0.0
    chosen = {a for a in answer if isinstance(a, str)}
    right = set(question.key)
    earned = len(chosen & right) - len(chosen - right)
    return max(0.0, earned / len(right))


def _matching_credit(question: Matching, answer: Answer) -> float:
    if not isinstance(answer, dict):
        return 0.0
    matched = sum(1 for pair in question.pairs if answer.get(pair.id) == pair.id)
    return matched / len(question.pairs)


def _ordering_credit(question: Ordering, answer: Answer) -> float:
    right_order = [item.id for item in question.items]
    if not isinstance(answer, list) or sorted(map(str, answer)) != sorted(right_order):
        return 0.0
    if len(set(answer)) != len(answer):
        return 0.0
    position = {item_id: index for index, item_id in enumerate(answer)}
    pairs = list(combinations(right_order, 2))
    in_order = sum(1 for first, second in pairs if position[first] < position[second])
    return in_order / len(pairs)


def matching_choices(question: Matching) -> list[tuple[str, str]]:
    """The right-hand choices as (id, text): each pair's right side, then the distractors."""
    choices = [(pair.id, pair.right) for pair in question.pairs]
    choices += [(f"distractor-{n}", text) for n, text in enumerate(question.distractors, 1)]
    return choices


def feedback(question: Question, answer: Answer) -> list[str]:
    """The feedback texts the author wrote for this answer, in the order they apply."""
    if answer is None:
        return []
    match question:
        case SingleChoice():
            return [_about(o.text, o.feedback) for o in question.options if o.id == answer]
        case MultipleChoice():
            chosen = (
                {a for a in answer if isinstance(a, str)} if isinstance(answer, list) else set()
            )
            missed = set(question.key) - chosen
            return [
                _about(o.text, o.feedback)
                for o in question.options
                if o.id in chosen or o.id in missed
            ]
        case TrueFalse():
            return [question.feedback[answer]] if isinstance(answer, bool) else []
        case Numeric():
            key = "correct" if _close_enough(answer, question) else "incorrect"
            return [getattr(question.feedback, key)]
        case Matching():
            given = answer if isinstance(answer, dict) else {}
            return [p.feedback for p in question.pairs if given.get(p.id) != p.id]
        case Ordering():
            order = answer if isinstance(answer, list) else []
            return [
                item.feedback
                for index, item in enumerate(question.items)
                if index >= len(order) or order[index] != item.id
            ]
    return []


def _about(option_text: str, text: str) -> str:
    """An option's feedback, saying which option it is about: “Option”: feedback."""
    return f"“{option_text.strip()}”: {text}"
