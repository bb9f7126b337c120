"""Answers in words: option texts rather than ids, as learners read them."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from trainer.quiz.model import Matching, MultipleChoice, Numeric, Ordering, SingleChoice, TrueFalse


def answer_text(question: Any, answer: Any) -> str:
    """An answer in words, with option texts rather than ids (ids when the question is gone)."""
    if answer is None:
        return ""
    match question:
        case SingleChoice():
            return _option_text(question.options, answer)
        case MultipleChoice():
            return "; ".join(_option_text(question.options, a) for a in _listed(answer))
        case TrueFalse():
            return "True" if answer is True else "False" if answer is False else str(answer)
        case Numeric():
            shown = (
                f"{answer:g}"
                if isinstance(answer, int | float) and not isinstance(answer, bool)
                else str(answer)
            )
            return f"{shown} {question.unit}".strip()
        case Ordering():
            texts = {item.id: item.text for item in question.items}
            return " → ".join(texts.get(a, str(a)) for a in _listed(answer))
        case Matching() if isinstance(answer, dict):
            lefts = {pair.id: pair.left for pair in question.pairs}
            rights = {pair.id: pair.right for pair in question.pairs}
            return "; ".join(f"{lefts.get(k, k)} → {rights.get(v, v)}" for k, v in answer.items())
    return str(answer)


def _option_text(options: Iterable[Any], option_id: Any) -> str:
    return next((o.text for o in options if o.id == option_id), str(option_id))


def _listed(answer: Any) -> list[Any]:
    return list(answer) if isinstance(answer, list | tuple) else [answer]


def right_answer(question: Any) -> str:
    """The key in words, as a learner reads the options."""
    match question:
        case SingleChoice() | MultipleChoice() | TrueFalse():
            return answer_text(question, question.key)
        case Numeric():
            text = answer_text(question, question.key)
            return f"{text} (± {question.tolerance:g})" if question.tolerance else text
        case Ordering():
            return answer_text(question, [item.id for item in question.items])
        case Matching():
            return answer_text(question, {pair.id: pair.id for pair in question.pairs})
    return ""
