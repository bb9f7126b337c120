"""Grading of every question type, partial credit, shuffles and the review rules."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from trainer.quiz.attempt import (
    attempts_left,
    plan_attempt,
    review_available,
    score_attempt,
    shows_feedback_per_answer,
)
from trainer.quiz.grading import feedback, grade, matching_choices
from trainer.quiz.model import QuizSpec

BASE = {"objective": "o-one", "lesson": "l-one", "prompt": "P?", "explanation": "E."}


def option(option_id: str, text: str | None = None) -> dict:
    return {"id": option_id, "text": text or option_id.upper(), "feedback": f"about {option_id}"}


SINGLE = {
    **BASE,
    "id": "q-single",
    "type": "single",
    "options": [option("a"), option("b"), option("c")],
    "key": "b",
}
MULTIPLE = {
    **BASE,
    "id": "q-multiple",
    "type": "multiple",
    "options": [option(x) for x in "abcd"],
    "key": ["a", "c"],
}
TRUE_FALSE = {
    **BASE,
    "id": "q-tf",
    "type": "true_false",
    "key": False,
    "feedback": {True: "no", False: "yes"},
}
MATCHING = {
    **BASE,
    "id": "q-match",
    "type": "matching",
    "pairs": [
        {"id": "m1", "left": "Methadone", "right": "Full agonist", "feedback": "f1"},
        {"id": "m2", "left": "Buprenorphine", "right": "Partial agonist", "feedback": "f2"},
        {"id": "m3", "left": "Naltrexone", "right": "Antagonist", "feedback": "f3"},
        {"id": "m4", "left": "Naloxone", "right": "Reverses overdose", "feedback": "f4"},
    ],
    "distractors": ["Non-opioid analgesic"],
}
ORDERING = {
    **BASE,
    "id": "q-order",
    "type": "ordering",
    "items": [{"id": f"s{n}", "text": f"Step {n}", "feedback": f"step {n}"} for n in range(1, 5)],
}
NUMERIC = {
    **BASE,
    "id": "q-num",
    "type": "numeric",
    "key": 64.4,
    "tolerance": 0.5,
    "unit": "%",
    "feedback": {"correct": "right", "incorrect": "wrong"},
}
ALL = [SINGLE, MULTIPLE, TRUE_FALSE, MATCHING, ORDERING, NUMERIC]


def quiz(*questions: dict, **settings) -> QuizSpec:
    return QuizSpec.model_validate(
        {"id": "q", "title": "Q", "module": "m", "questions": list(questions), **settings}
    )


def question(data: dict):
    return quiz(data).questions[0]


@pytest.mark.parametrize(
    ("data", "answer", "score"),
    [
        (SINGLE, "b", 1.0),
        (SINGLE, "a", 0.0),
        (SINGLE, None, 0.0),
        (TRUE_FALSE, False, 1.0),
        (TRUE_FALSE, True, 0.0),
        (TRUE_FALSE, 0, 0.0),
        (NUMERIC, 64.4, 1.0),
        (NUMERIC, 64.0, 1.0),
        (NUMERIC, 63.8, 0.0),
        (NUMERIC, "64.4", 0.0),
        (NUMERIC, float("nan"), 0.0),
    ],
)
def test_all_or_nothing_types(data: dict, answer, score: float) -> None:
    assert grade(question(data), answer).score == score


@pytest.mark.parametrize(
    ("answer", "score", "correct"),
    [
        (["a", "c"], 1.0, True),
        (["a"], 0.5, False),
        (["a", "b"], 0.0, False),
        (["a", "c", "d"], 0.5, False),
        (["a", "b", "c", "d"], 0.0, False),
        ([], 0.0, False),
        ("a", 0.0, False),
    ],
)
def test_multiple_partial_credit(answer, score: float, correct: bool) -> None:
    result = grade(question(MULTIPLE), answer)
    assert (result.score, result.correct) == (score, correct)


CREDITED = {
    **SINGLE,
    "options": [option("a"), {**option("b"), "credit": 0.5}, option("c")],
    "key": "c",
}


@pytest.mark.parametrize(
    ("answer", "score", "correct"),
    [
        ("c", 1.0, True),
        ("b", 0.5, False),
        ("a", 0.0, False),
        (["b"], 0.0, False),
        ("z", 0.0, False),
    ],
)
def test_a_credited_wrong_option_of_a_single_question_earns_its_share(
    answer, score: float, correct: bool
) -> None:
    result = grade(question({**CREDITED, "points": 2}), answer)
    assert (result.score, result.correct) == (2 * score, correct)
    assert feedback(question(CREDITED), "b") == ["“B”: about b"]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            {**CREDITED, "key": "b"},
            "option `b` is the key and earns every point: remove its `credit`",
        ),
        (
            {**CREDITED, "options": [option("a"), {**option("b"), "credit": 1}, option("c")]},
            "less than 1",
        ),
        (
            {**CREDITED, "options": [option("a"), {**option("b"), "credit": 0}, option("c")]},
            "greater than 0",
        ),
        (
            {**MULTIPLE, "options": [option("a"), {**option("b"), "credit": 0.5}, option("c")]},
            "`credit` is only for `single` questions: remove it from option `b`",
        ),
    ],
)
def test_credit_is_between_0_and_1_and_only_on_wrong_options_of_single_questions(
    data: dict, message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        question(data)


def test_matching_partial_credit() -> None:
    q = question(MATCHING)
    assert grade(q, {"m1": "m1", "m2": "m2", "m3": "m3", "m4": "m4"}).correct
    half = grade(q, {"m1": "m1", "m2": "m2", "m3": "distractor-1", "m4": "m3"})
    assert half.score == 0.5
    assert feedback(q, {"m1": "m1", "m2": "m2", "m3": "distractor-1", "m4": "m3"}) == ["f3", "f4"]
    assert ("distractor-1", "Non-opioid analgesic") in matching_choices(q)


@pytest.mark.parametrize(
    ("answer", "score"),
    [
        (["s1", "s2", "s3", "s4"], 1.0),
        (["s4", "s3", "s2", "s1"], 0.0),
        (["s2", "s1", "s3", "s4"], 5 / 6),
        (["s1", "s3", "s2", "s4"], 5 / 6),
        (["s1", "s2", "s3"], 0.0),
        (["s1", "s1", "s3", "s4"], 0.0),
    ],
)
def test_ordering_partial_credit(answer, score: float) -> None:
    assert grade(question(ORDERING), answer).score == pytest.approx(score)


def test_points_scale_the_score() -> None:
    q = question({**MULTIPLE, "points": 4})
    assert grade(q, ["a"]).score == 2.0


def test_feedback_per_answer() -> None:
    assert feedback(question(SINGLE), "a") == ["“A”: about a"]
    # each line names its option: the chosen ones, then the right ones left out
    assert feedback(question(MULTIPLE), ["a", "b"]) == [
        "“A”: about a",
        "“B”: about b",
        "“C”: about c",
    ]
    assert feedback(question(TRUE_FALSE), True) == ["no"]
    assert feedback(question(NUMERIC), 10) == ["wrong"]
    assert feedback(question(ORDERING), ["s1", "s3", "s2", "s4"]) == ["step 2", "step 3"]


def test_plan_is_reproducible_from_its_seed() -> None:
    spec = quiz(*ALL, shuffle_questions=True, shuffle_options=True)
    assert plan_attempt(spec, 42) == plan_attempt(spec, 42)
    orders = {plan_attempt(spec, seed).question_ids for seed in range(20)}
    assert len(orders) > 1


@given(st.integers(min_value=0, max_value=2**32))
def test_shuffled_options_keep_the_key_right(seed: int) -> None:
    spec = quiz(*ALL, shuffle_questions=True, shuffle_options=True)
    plan = plan_attempt(spec, seed)
    shown_single = plan.option_orders["q-single"]
    assert sorted(shown_single) == ["a", "b", "c"]
    # the learner picks by what is shown; the text "B" is right wherever it lands
    picked = next(
        oid for oid in shown_single if spec.question("q-single").options[ord(oid) - 97].text == "B"
    )
    answers = {
        "q-single": picked,
        "q-multiple": ["a", "c"],
        "q-tf": False,
        "q-match": {p: p for p in ("m1", "m2", "m3", "m4")},
        "q-order": ["s1", "s2", "s3", "s4"],
        "q-num": 64.4,
    }
    result = score_attempt(spec, plan, answers)
    assert result.percent == 100.0 and result.passed


@given(st.integers(min_value=0, max_value=2**32))
def test_ordering_items_never_start_in_the_right_order(seed: int) -> None:
    plan = plan_attempt(quiz(ORDERING), seed)
    assert list(plan.option_orders["q-order"]) != ["s1", "s2", "s3", "s4"]


def test_draw_asks_fresh_questions_on_a_retake() -> None:
    pool = [{**SINGLE, "id": f"q-{n}"} for n in range(6)]
    spec = quiz(*pool, draw=3)
    first = plan_attempt(spec, 1)
    second = plan_attempt(spec, 2, already_asked=first.question_ids)
    assert len(first.question_ids) == len(second.question_ids) == 3
    assert not set(first.question_ids) & set(second.question_ids)
    third = plan_attempt(spec, 3, already_asked=first.question_ids + second.question_ids)
    assert len(third.question_ids) == 3


def test_score_pass_mark_and_unanswered() -> None:
    spec = quiz(SINGLE, TRUE_FALSE, MULTIPLE, NUMERIC, pass_mark=75)
    plan = plan_attempt(spec, 7)
    result = score_attempt(spec, plan, {"q-single": "b", "q-tf": False, "q-multiple": ["a"]})
    assert result.percent == 62.5
    assert not result.passed
    result = score_attempt(spec, plan, {"q-single": "b", "q-tf": False, "q-multiple": ["a", "c"]})
    assert result.percent == 75.0 and result.passed


def test_review_rules_follow_the_feedback_mode() -> None:
    check = quiz(SINGLE, feedback="immediate")
    assert shows_feedback_per_answer(check)
    assert review_available(check, passed=False, attempts_used=1)
    final = quiz(SINGLE, feedback="after_submit", attempts_allowed=2)
    assert not shows_feedback_per_answer(final)
    assert not review_available(final, passed=False, attempts_used=1)
    assert review_available(final, passed=True, attempts_used=1)
    assert review_available(final, passed=False, attempts_used=2)
    assert attempts_left(final, 1) == 1
    assert attempts_left(quiz(SINGLE), 10) is None
