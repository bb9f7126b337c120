"""The quiz format: a quiz and its six question types, as declared schema models."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, ValidationInfo, field_validator, model_validator

from trainer.content.schema import Slug, Strict, Text

PRE_POST = ("pretest", "posttest")


class Option(Strict):
    id: Slug
    text: Text
    feedback: Text
    # the share of the points a wrong option of a `single` question earns (Moodle's `~%50%`)
    credit: float | None = Field(None, gt=0, lt=1)


class Pair(Strict):
    id: Slug
    left: Text
    right: Text
    feedback: Text


class OrderItem(Strict):
    id: Slug
    text: Text
    feedback: Text


class _Question(Strict):
    id: Slug
    objective: Slug
    lesson: Annotated[str, Field(pattern=r"^[a-z0-9-]+(#[A-Za-z0-9_:.-]+)?$")]
    prompt: Text
    explanation: Text
    points: float = Field(1, gt=0, le=100)
    # a booster item on overdose response, suicide risk or scope of practice: a wrong
    # answer given with confidence is shown to the supervisor
    safety: bool = False

    @property
    def lesson_id(self) -> str:
        return self.lesson.split("#", 1)[0]

    @property
    def anchor(self) -> str | None:
        return self.lesson.split("#", 1)[1] if "#" in self.lesson else None


def _unique_ids(items: list[Option] | list[Pair] | list[OrderItem], what: str) -> None:
    ids = [item.id for item in items]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        raise ValueError(f"{what} ids must differ; repeated: {', '.join(duplicates)}")


class _ChoiceQuestion(_Question):
    options: list[Option] = Field(min_length=2)

    @field_validator("options")
    @classmethod
    def _options_unique(cls, options: list[Option]) -> list[Option]:
        _unique_ids(options, "option")
        return options


class SingleChoice(_ChoiceQuestion):
    type: Literal["single"]
    key: Slug

    @field_validator("key")
    @classmethod
    def _key_names_option(cls, key: str, info: ValidationInfo) -> str:
        _check_keys([key], info)
        options: list[Option] = info.data.get("options") or []
        if any(o.id == key and o.credit is not None for o in options):
            raise ValueError(
                f"option `{key}` is the key and earns every point: remove its `credit`"
                " (credit is for wrong options that earn part of the points)"
            )
        return key

    def option_credit(self, option_id: object) -> float:
        """The share of the points choosing `option_id` earns: 1 for the key, 0 if unknown."""
        if option_id == self.key:
            return 1.0
        return next((o.credit or 0.0 for o in self.options if o.id == option_id), 0.0)


class MultipleChoice(_ChoiceQuestion):
    type: Literal["multiple"]
    key: list[Slug] = Field(min_length=1)

    @field_validator("key")
    @classmethod
    def _keys_name_options(cls, key: list[str], info: ValidationInfo) -> list[str]:
        _check_keys(key, info)
        return key

    @field_validator("options")
    @classmethod
    def _no_credit(cls, options: list[Option]) -> list[Option]:
        credited = [o.id for o in options if o.credit is not None]
        if credited:
            raise ValueError(
                "`credit` is only for `single` questions: remove it from option"
                f" {', '.join(f'`{i}`' for i in credited)} (a `multiple` question gives"
                " partial credit by the options ticked)"
            )
        return options


def _check_keys(keys: list[str], info: ValidationInfo) -> None:
    options = info.data.get("options")
    if options is None:  # the options are broken; that problem is reported already
        return
    ids = [o.id for o in options]
    unknown = [k for k in keys if k not in ids]
    if unknown:
        raise ValueError(
            f"key `{', '.join(unknown)}` names no option; use one of the option ids:"
            f" {', '.join(ids)}"
        )


class TrueFalse(_Question):
    type: Literal["true_false"]
    key: bool
    feedback: dict[bool, Text]

    @model_validator(mode="after")
    def _feedback_for_both(self) -> TrueFalse:
        if set(self.feedback) != {True, False}:
            raise ValueError("feedback needs both `true:` and `false:` entries")
        return self


class Matching(_Question):
    type: Literal["matching"]
    pairs: list[Pair] = Field(min_length=2)
    distractors: list[Text] = []

    @model_validator(mode="after")
    def _pairs_unique(self) -> Matching:
        _unique_ids(self.pairs, "pair")
        return self


class Ordering(_Question):
    type: Literal["ordering"]
    items: list[OrderItem] = Field(min_length=2)

    @model_validator(mode="after")
    def _items_unique(self) -> Ordering:
        _unique_ids(self.items, "item")
        return self


class NumericFeedback(Strict):
    correct: Text
    incorrect: Text


class Numeric(_Question):
    type: Literal["numeric"]
    key: float
    tolerance: float = Field(0, ge=0)
    unit: str = ""
    feedback: NumericFeedback


Question = Annotated[
    SingleChoice | MultipleChoice | TrueFalse | Matching | Ordering | Numeric,
    Field(discriminator="type"),
]


class QuizSpec(Strict):
    """A quiz as its author wrote it."""

    id: Slug
    title: Text
    module: Slug
    pass_mark: float = Field(80, ge=0, le=100)
    attempts_allowed: int | None = Field(None, ge=1)
    shuffle_questions: bool = False
    shuffle_options: bool = False
    time_limit_minutes: int | None = Field(None, ge=1)
    draw: int | None = Field(None, ge=1)
    feedback: Literal["immediate", "after_submit"] = "after_submit"
    # booster items are reviewed after the course and never graded as a quiz
    purpose: Literal["assessment", "booster"] = "assessment"
    questions: list[Question] = Field(min_length=1)

    @model_validator(mode="after")
    def _draw_fits_pool(self) -> QuizSpec:
        if self.draw is not None and self.draw > len(self.questions):
            raise ValueError(
                f"`draw: {self.draw}` asks for more questions than the {len(self.questions)}"
                " in the pool"
            )
        return self

    @property
    def is_pre_or_post_test(self) -> bool:
        return self.module in PRE_POST

    def question(self, question_id: str) -> Question | None:
        return next((q for q in self.questions if q.id == question_id), None)
