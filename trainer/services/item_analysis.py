"""Item analysis: how hard each question is, whether it separates strong learners from
weak ones, and which options learners choose, from the submitted attempts in the store.

Every response of every submitted attempt counts, so a learner who took a quiz twice
counts twice; unfinished attempts are left out because their totals mean nothing yet.
"""

from __future__ import annotations

import json
import math
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, select

from trainer.quiz.answer_text import answer_text
from trainer.quiz.loader import Quiz
from trainer.quiz.model import Matching, MultipleChoice, Ordering, Question, SingleChoice, TrueFalse
from trainer.services.catalog import Catalog, is_booster
from trainer.store.db import Store
from trainer.store.models import QuizAttempt, Response

MIN_RESPONSES = 5
TOO_EASY_ABOVE = 0.9
TOO_HARD_BELOW = 0.3
NO_ANSWER = "(no answer)"


@dataclass(frozen=True)
class ItemStats:
    """One question's statistics; `difficulty` is the share answered fully correctly."""

    quiz_id: str
    question_id: str
    prompt: str
    responses: int
    difficulty: float | None
    discrimination: float | None
    option_counts: dict[str | bool, int] = field(default_factory=dict)
    flags: list[str] = field(default_factory=list)
    # what learners read for each option id (and True/False): counts are shown by text
    option_texts: dict[str | bool, str] = field(default_factory=dict)
    # a matching or ordering answer (as counted) in words: `Perception → Transduction`
    answer_texts: dict[str, str] = field(default_factory=dict)

    def option_label(self, option: str | bool) -> str:
        """An option as learners saw it, with its id: `An experience (a)`; a matching or
        ordering answer in words."""
        if isinstance(option, str) and option in self.answer_texts:
            return self.answer_texts[option]
        text = self.option_texts.get(option)
        if text is None or isinstance(option, bool):
            return text or str(option)
        return f"{text} ({option})"


@dataclass(frozen=True)
class _Row:
    attempt_id: str
    correct: bool
    score: float
    answer: Any


def item_analysis(store: Store, catalog: Catalog, quiz_id: str | None = None) -> list[ItemStats]:
    """Statistics for every question of one quiz (or of every quiz), in quiz and file order.

    Two queries: the responses of submitted attempts, and each attempt's total score
    (grouped in the database); the statistics are then computed in memory.
    """
    every_quiz = (q for q in catalog.quizzes.values() if not is_booster(q))  # not attempts
    quizzes = [catalog.quiz(quiz_id)] if quiz_id else sorted(every_quiz, key=_id)
    if not quizzes:
        return []
    quiz_ids = [quiz.id for quiz in quizzes]
    submitted = (QuizAttempt.course_id == catalog.course.id) & QuizAttempt.submitted_at.is_not(None)
    with store.read_engine.connect() as connection:
        totals = dict(
            connection.execute(
                select(Response.attempt_id, func.sum(Response.score))
                .join(QuizAttempt, QuizAttempt.id == Response.attempt_id)
                .where(submitted, QuizAttempt.quiz_id.in_(quiz_ids))
                .group_by(Response.attempt_id)
            ).all()
        )
        rows: dict[tuple[str, str], list[_Row]] = defaultdict(list)
        for quiz, question, attempt_id, correct, score, answer in connection.execute(
            select(
                QuizAttempt.quiz_id,
                Response.question_id,
                Response.attempt_id,
                Response.correct,
                Response.score,
                Response.answer,
            )
            .join(QuizAttempt, QuizAttempt.id == Response.attempt_id)
            .where(submitted, QuizAttempt.quiz_id.in_(quiz_ids))
        ):
            rows[(quiz, question)].append(_Row(attempt_id, bool(correct), score, answer))
    return [
        _stats(quiz, question, rows.get((quiz.id, question.id), []), totals)
        for quiz in quizzes
        for question in quiz.spec.questions
    ]


def _id(quiz: Quiz) -> str:
    return quiz.id


def _stats(quiz: Quiz, question: Question, rows: list[_Row], totals: dict[str, float]) -> ItemStats:
    count = len(rows)
    difficulty = sum(row.correct for row in rows) / count if count else None
    discrimination = None
    if count >= MIN_RESPONSES:
        item = [1.0 if row.correct else 0.0 for row in rows]
        rest = [float(totals.get(row.attempt_id, 0.0)) - row.score for row in rows]
        discrimination = _correlation(item, rest)
    return ItemStats(
        quiz.id,
        question.id,
        question.prompt,
        count,
        difficulty,
        discrimination,
        _option_counts(question, [row.answer for row in rows]),
        _flags(count, difficulty, discrimination),
        _option_texts(question),
        _answer_texts(question, [row.answer for row in rows]),
    )


def _answer_texts(question: Question, answers: list[Any]) -> dict[str, str]:
    if not isinstance(question, Matching | Ordering):
        return {}
    return {_canonical(a): answer_text(question, a) for a in answers if a is not None}


def _option_texts(question: Question) -> dict[str | bool, str]:
    match question:
        case SingleChoice() | MultipleChoice():
            return {option.id: option.text for option in question.options}
        case TrueFalse():
            return {True: "True", False: "False"}
    return {}


def _correlation(xs: Sequence[float], ys: Sequence[float]) -> float | None:
    """Pearson's r (the point-biserial when `xs` is 0/1); None when either does not vary."""
    mean_x, mean_y = sum(xs) / len(xs), sum(ys) / len(ys)
    dx = [x - mean_x for x in xs]
    dy = [y - mean_y for y in ys]
    sxx, syy = sum(d * d for d in dx), sum(d * d for d in dy)
    if sxx <= 1e-12 or syy <= 1e-12:
        return None
    return sum(a * b for a, b in zip(dx, dy, strict=True)) / math.sqrt(sxx * syy)


def _option_counts(question: Question, answers: list[Any]) -> dict[str | bool, int]:
    """Times each option was chosen (every option listed, chosen or not), or each answer."""
    counts: Counter[str | bool] = Counter()
    match question:
        case SingleChoice() | MultipleChoice():
            counts.update({option.id: 0 for option in question.options})
            for answer in answers:
                chosen = answer if isinstance(answer, list) else [answer]
                counts.update(c if isinstance(c, str) else NO_ANSWER for c in chosen)
        case TrueFalse():
            counts.update({True: 0, False: 0})
            counts.update(a if isinstance(a, bool) else NO_ANSWER for a in answers)
        case _:
            counts.update(_canonical(answer) for answer in answers)
    return dict(counts)


def _canonical(answer: Any) -> str:
    """One text per distinct answer, so equal answers count together."""
    if answer is None:
        return NO_ANSWER
    if isinstance(answer, bool) or not isinstance(answer, int | float | list | dict):
        return str(answer)
    if isinstance(answer, int | float):
        return format(answer, "g")
    if isinstance(answer, list):
        return " > ".join(map(str, answer))
    return ", ".join(f"{key}={answer[key]}" for key in sorted(answer, key=str))


def _flags(count: int, difficulty: float | None, discrimination: float | None) -> list[str]:
    flags = []
    if difficulty is not None and difficulty > TOO_EASY_ABOVE:
        flags.append("too easy")
    if difficulty is not None and difficulty < TOO_HARD_BELOW:
        flags.append("too hard")
    if discrimination is not None and discrimination < 0:
        flags.append("strong learners miss it")
    if count < MIN_RESPONSES:
        flags.append("few responses")
    return flags


def item_analysis_as_json(rows: Sequence[ItemStats]) -> list[dict[str, Any]]:
    """The rows as JSON-ready dicts: numbers rounded to 4 places, option keys as text."""
    return [
        {
            "quiz_id": row.quiz_id,
            "question_id": row.question_id,
            "prompt": row.prompt,
            "responses": row.responses,
            "difficulty": _round(row.difficulty),
            "discrimination": _round(row.discrimination),
            "option_counts": {_key(k): v for k, v in row.option_counts.items()},
            "flags": list(row.flags),
        }
        for row in rows
    ]


def _round(value: float | None) -> float | None:
    return round(value, 4) if value is not None else None


def _key(key: str | bool) -> str:
    return json.dumps(key) if isinstance(key, bool) else key
