"""Moodle GIFT question banks converted to our quiz format (docs/authoring.md).

The text is cut into questions at blank lines (comment lines `//` are dropped), each
question into its title, text and answer block `{…}`, and each block is converted on
its own: a question that cannot be converted becomes a note with its line, never an
exception. Every converted question is checked against the quiz schema, so the quiz
written always loads. Reading the GIFT text is trainer.quiz.gift_parser's job.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml
from pydantic import TypeAdapter, ValidationError

from trainer.content.limits import text_hazards
from trainer.content.schema import SLUG_PATTERN
from trainer.quiz.gift_html import html_to_text, looks_like_html
from trainer.quiz.gift_parser import (
    _blocks,
    _category_title,
    _clean,
    _parse_question,
    _Skip,
    _split_answers,
)
from trainer.quiz.model import Question

PLACEHOLDER = "Feedback to be written by the author."
PLACEHOLDER_OBJECTIVE, PLACEHOLDER_LESSON, PLACEHOLDER_MODULE = (
    "objective-to-be-set", "lesson-to-be-set", "module-to-be-set",
)  # fmt: skip
MAX_QUESTIONS = 1000  # a bank larger than this is many quizzes, and converts too slowly
_TRUE_FALSE = {"T": True, "TRUE": True, "F": False, "FALSE": False}
_QUESTION = TypeAdapter(Question)
_LESSON = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*(#[A-Za-z0-9_:.-]+)?$")


class GiftError(Exception):
    """The file or the options cannot be used at all; `str(error)` says why."""


@dataclass(frozen=True)
class GiftNote:
    """A question left out, or a placeholder the author must replace; line None: the file."""

    line: int | None
    message: str

    def display(self, path: Path | str) -> str:
        return f"{path}:{self.line}: {self.message}" if self.line else f"{path}: {self.message}"


@dataclass(frozen=True)
class GiftConversion:
    """The quiz as a YAML-ready dict, how many questions made it, and the notes."""

    quiz: dict[str, Any]
    converted: int
    skipped: int
    notes: tuple[GiftNote, ...]

    def yaml_text(self, source: str) -> str:
        """The quiz file, headed by a comment naming its source."""
        header = f"# Converted from {source} by `trainer import-gift`; check every note.\n"
        return header + yaml.dump(
            self.quiz, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100
        )


def read_gift(path: Path) -> str:
    """The text of a GIFT file; GiftError when it cannot be read or is not UTF-8."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise GiftError(f"cannot read {path}: {error.strerror}") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise GiftError(
            f"{path}:{line}: the file is not UTF-8 text (byte 0x{data[error.start]:02X}):"
            " export it from Moodle again"
        ) from None


def convert_gift(
    text: str,
    quiz_id: str,
    *,
    title: str,
    module: str | None = None,
    objective: str | None = None,
    lesson: str | None = None,
) -> GiftConversion:
    """Convert a GIFT bank into quiz `quiz_id`; GiftError only for unusable ids or options."""
    _check_options(quiz_id, module, objective, lesson)
    notes: list[GiftNote] = []
    questions: list[dict[str, Any]] = []
    ids: set[str] = set()
    category = None
    skipped = 0
    defaults = {
        "objective": objective or PLACEHOLDER_OBJECTIVE,
        "lesson": lesson or PLACEHOLDER_LESSON,
    }
    blocks = _blocks(text)
    if len(blocks) > MAX_QUESTIONS:
        return _too_many(quiz_id, title, blocks[MAX_QUESTIONS].line)
    for block in blocks:
        body = block.text
        if body.lstrip().startswith("$CATEGORY:"):
            first, _, body = body.lstrip().partition("\n")
            category = category or _category_title(first)
            if not body.strip():
                continue
        try:
            question, warnings = _convert(body, len(questions) + 1, quiz_id, ids, defaults)
        except _Skip as skip:
            notes.append(GiftNote(block.line, f"not converted: {skip}"))
            skipped += 1
            continue
        too_big = next(text_hazards(question), None)
        if too_big is not None:  # the quiz would not load: say so here, by the GIFT line
            notes.append(GiftNote(block.line, f"not converted: {too_big[1]}"))
            skipped += 1
            continue
        questions.append(question)
        if warnings:
            notes.append(
                GiftNote(block.line, f"question `{question['id']}`: {'; '.join(warnings)}")
            )
    if not questions and not skipped:
        notes.append(GiftNote(1, "no questions: the file is empty or holds only comments"))
    quiz = {
        "id": quiz_id,
        "title": category or title,
        "module": module or PLACEHOLDER_MODULE,
        "questions": questions,
    }
    return GiftConversion(quiz, len(questions), skipped, tuple(_file_notes(quiz) + notes))


def _too_many(quiz_id: str, title: str, line: int) -> GiftConversion:
    note = GiftNote(
        line,
        f"question {MAX_QUESTIONS + 1} starts here: a file of more than {MAX_QUESTIONS}"
        " questions is too many for one quiz; export one Moodle category at a time, or split"
        " the file at a blank line",
    )
    quiz = {"id": quiz_id, "title": title, "module": PLACEHOLDER_MODULE, "questions": []}
    return GiftConversion(quiz, 0, 0, (note,))


def _check_options(quiz_id: str, *values: str | None) -> None:
    if not SLUG_PATTERN.match(quiz_id):
        raise GiftError(
            f"`{quiz_id}` cannot be a quiz id: name the output file in lower-case letters,"
            " digits and single hyphens, like quizzes/pain-basics.yaml"
        )
    module, objective, lesson = values
    for value in (module, objective):
        if value is not None and not SLUG_PATTERN.match(value):
            raise GiftError(f"`{value}` is not an id: use one from the course, like `nociception`")
    if lesson is not None and not _LESSON.match(lesson):
        raise GiftError(
            f"`{lesson}` is not a lesson: give a lesson id and an optional anchor,"
            " like `nociception#four-steps`"
        )


def _file_notes(quiz: dict[str, Any]) -> list[GiftNote]:
    if not quiz["questions"]:
        return []
    first = quiz["questions"][0]
    placeholders = [
        ("module", quiz["module"], PLACEHOLDER_MODULE, "--module"),
        ("objective", first["objective"], PLACEHOLDER_OBJECTIVE, "--objective"),
        ("lesson", first["lesson"], PLACEHOLDER_LESSON, "--lesson"),
    ]
    return [
        GiftNote(None, f"no {option}: wrote `{key}: {value}`; set it to an id from the course")
        for key, value, placeholder, option in placeholders
        if value == placeholder
    ]


def _convert(
    raw: str, number: int, quiz_id: str, ids: set[str], defaults: dict[str, str]
) -> tuple[dict[str, Any], list[str]]:
    """One question as a quiz-format dict, and the placeholders it needed."""
    title, prompt, body, general, html = _parse_question(raw)
    clean = _cleaner(html)
    question, warnings = _answers(body, clean)
    explanation = clean(general)
    if not explanation:
        warnings.append(f'no general feedback (`####`): wrote "{PLACEHOLDER}" as the explanation')
    question_id = _unique_id(quiz_id, title, number, ids)
    question = {
        "id": question_id,
        "type": question.pop("type"),
        **defaults,
        "prompt": prompt,
        **question,
        "explanation": explanation or PLACEHOLDER,
    }
    try:
        _QUESTION.validate_python(question)
    except ValidationError as error:
        item = error.errors()[0]
        where = ".".join(str(part) for part in item["loc"][1:])
        raise _Skip(f"the result is not a valid question: {where}: {item['msg']}") from None
    ids.add(question_id)
    return question, warnings


Typed = tuple[dict[str, Any], list[str]]
Answers = list[tuple[str, float | None, str, str]]
Clean = Callable[[str], str]


def _cleaner(html: bool) -> Clean:
    """GIFT text as the plain text options and feedback are shown in: escapes restored, and
    HTML turned into text when the question is `[html]` or the text holds tags."""

    def clean(text: str) -> str:
        restored = _clean(text)
        return html_to_text(restored) if html or looks_like_html(restored) else restored

    return clean


def _answers(body: str, clean: Clean) -> Typed:
    """The typed part of a question from its answer block, and the placeholders it needed."""
    if not body:
        raise _Skip("an essay question (`{}`): the app does not grade free text")
    if body.startswith("#"):
        return _numeric(body[1:], clean)
    head, *feedbacks = body.split("#")
    if head.strip().upper() in _TRUE_FALSE:
        return _true_false(_TRUE_FALSE[head.strip().upper()], feedbacks, clean)
    answers = _split_answers(body)
    if any("->" in text for _, _, text, _ in answers):
        return _matching(answers, clean)
    if all(marker == "=" for marker, _, _, _ in answers):
        raise _Skip(
            "a short-answer question (only `=` answers): the app has no typed answers;"
            " add wrong options with `~` to make it multiple choice"
        )
    return _choice(answers, clean)


def _choice(answers: Answers, clean: Clean) -> Typed:
    options = []
    for index, (_marker, _, text, feedback) in enumerate(answers):
        shown = clean(text)
        if not shown:
            raise _Skip(f"answer {index + 1} has no text")
        options.append(
            {"id": _option_id(index), "text": shown, "feedback": clean(feedback) or PLACEHOLDER}
        )
    if len(options) < 2:
        raise _Skip("a choice question needs at least two answers")
    weights = [
        weight if weight is not None else (100.0 if marker == "=" else 0.0)
        for marker, weight, _, _ in answers
    ]
    warnings = _missing(sum(1 for option in options if option["feedback"] == PLACEHOLDER))
    if any(marker == "=" for marker, _, _, _ in answers):
        return _one_right(options, weights, warnings)
    key = [option["id"] for option, weight in zip(options, weights, strict=True) if weight > 0]
    if not key:
        raise _Skip("no right answer: mark one with `=` or give it a positive `%weight%`")
    if len(key) == 1:
        return {"type": "single", "options": options, "key": key[0]}, warnings
    return {"type": "multiple", "options": options, "key": key}, warnings


def _one_right(options: list[dict[str, Any]], weights: list[float], warnings: list[str]) -> Typed:
    """Moodle asks an answer set holding `=` as single-answer: the answer worth 100% is the
    key, and an answer written `~%N%` earns N% of the points when chosen (its `credit`)."""
    key = [option["id"] for option, weight in zip(options, weights, strict=True) if weight >= 100]
    if len(key) != 1:
        raise _Skip(
            f"{len(key)} answers worth 100% in a single-answer question (one with `=`):"
            " the app asks for exactly one; mark the others `~` or `~%N%`"
        )
    for option, weight in zip(options, weights, strict=True):
        if 0 < weight < 100:
            option["credit"] = float(Decimal(repr(weight)) / 100)
    penalties = sum(1 for weight in weights if weight < 0)
    if penalties:
        warnings.append(
            f"{penalties} answer(s) with a negative `%weight%` score 0: the app takes off no"
            " points for a wrong answer"
        )
    return {"type": "single", "options": options, "key": key[0]}, warnings


def _missing(count: int) -> list[str]:
    if not count:
        return []
    return [
        f"{count} answer{'s have' if count > 1 else ' has'} no feedback (`#`):"
        f' wrote "{PLACEHOLDER}"'
    ]


def _matching(answers: Answers, clean: Clean) -> Typed:
    if any(marker != "=" or "->" not in text for marker, _, text, _ in answers):
        raise _Skip("a matching question needs every answer written `=left -> right`")
    pairs: list[dict[str, str]] = []
    distractors: list[str] = []
    for _marker, _, text, _ in answers:
        left, _, right = (clean(part) for part in text.partition("->"))
        if not right:
            raise _Skip(f"the pair `{left} ->` has no right-hand text")
        if not left:
            distractors.append(right)
            continue
        pairs.append({"id": _option_id(len(pairs)), "left": left, "right": right})
    for pair in pairs:
        pair["feedback"] = PLACEHOLDER
    question: dict[str, Any] = {"type": "matching", "pairs": pairs}
    if distractors:
        question["distractors"] = distractors
    warning = f'GIFT has no feedback per pair: wrote "{PLACEHOLDER}" for {len(pairs)} pairs'
    return question, [warning]


def _true_false(key: bool, feedbacks: list[str], clean: Clean) -> Typed:
    # GIFT's first feedback is for the wrong answer, the second for the right one
    wrong, right = (clean(f) for f in [*feedbacks, "", ""][:2])
    return {
        "type": "true_false",
        "key": key,
        "feedback": {key: right or PLACEHOLDER, not key: wrong or PLACEHOLDER},
    }, _missing((not wrong) + (not right))


def _numeric(body: str, clean: Clean) -> Typed:
    warnings = []
    answers = _numeric_answers(body)
    right = [a for a in answers if a[0] == "=" and (a[1] is None or a[1] >= 100)]
    if not right:
        raise _Skip("a numeric question without a fully right `=` answer")
    _, _, value, feedback = right[0]
    # `~#feedback`, a wrong answer without a number, is Moodle's feedback for any other number
    other = [clean(f) for marker, _, text, f in answers if marker == "~" and not clean(text)]
    left_out = len(answers) - 1 - len(other)
    if left_out:
        warnings.append(
            f"kept the first right answer `{_shortened(_clean(value))}` only; the app takes"
            f" one number with a tolerance, so {left_out} other answer(s) were left out"
        )
    key, tolerance = _number_range(clean(value))
    question: dict[str, Any] = {"type": "numeric", "key": key}
    if tolerance:
        question["tolerance"] = tolerance
    correct, incorrect = clean(feedback), next((f for f in other if f), "")
    question["feedback"] = {
        "correct": correct or PLACEHOLDER,
        "incorrect": incorrect or PLACEHOLDER,
    }
    warnings += _missing(0 if correct else 1)
    if not incorrect:
        warnings.append(f'no feedback for a wrong number (`~#…`): wrote "{PLACEHOLDER}"')
    return question, warnings


def _numeric_answers(body: str) -> Answers:
    """`3.14#fb`, `3.14#fb ~#wrong` or `=3.14#fb =%50%3.1 ~#wrong` as answers: a first answer
    written without a marker is the right one."""
    text = body.strip()
    return _split_answers(text if text[:1] in ("=", "~") else f"={text}")


def _number_range(value: str) -> tuple[float, float]:
    """`3.5:0.5` (value and tolerance), `2..4` (a range) or `3` as (key, tolerance).

    Decimal arithmetic, so `3.141..3.142` is 3.1415 with tolerance 0.0005, as written."""
    try:
        if ".." in value:
            low, high = (Decimal(part.strip()) for part in value.split("..", 1))
            middle, margin = (low + high) / 2, abs(high - low) / 2
        else:
            number, _, given = value.partition(":")
            middle = Decimal(number.strip())
            margin = abs(Decimal(given.strip())) if given.strip() else Decimal(0)
        key, tolerance = float(middle), float(margin)
    except (ArithmeticError, ValueError):  # InvalidOperation, Overflow, a signalling NaN
        raise _Skip(
            f"`{_shortened(value)}` is not a number, a `value:tolerance` or a `low..high`"
        ) from None
    if not (math.isfinite(key) and math.isfinite(tolerance)):
        raise _Skip(f"`{_shortened(value)}` is not a finite number")
    return _tidy(key), _tidy(tolerance)


def _shortened(text: str, limit: int = 40) -> str:
    """Text quoted in a note, cut short so that a runaway value cannot flood the terminal."""
    return text if len(text) <= limit else f"{text[: limit - 1]}…"


def _tidy(number: float) -> float:
    return int(number) if number.is_integer() and abs(number) < 2**53 else number


def _option_id(index: int) -> str:
    return chr(ord("a") + index) if index < 26 else f"o{index + 1}"


def _unique_id(quiz_id: str, title: str, number: int, ids: set[str]) -> str:
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_title.lower()).strip("-")[:40].strip("-")
    base = f"{quiz_id}-{slug or f'q{number}'}"[:90].strip("-")
    candidate, suffix = base, 2
    while candidate in ids:
        candidate, suffix = f"{base}-{suffix}", suffix + 1
    return candidate


# libyaml's emitter where PyYAML has it: the pure-Python one takes seconds for a large bank
_SafeDumper: type[yaml.SafeDumper] = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


class _Dumper(_SafeDumper):  # type: ignore[valid-type,misc]
    """Writes text with line breaks as `|` blocks, so authors can read and edit it."""


def _text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _text)

__all__ = ["PLACEHOLDER", "GiftConversion", "GiftError", "GiftNote", "convert_gift", "read_gift"]
