"""The declared formats of course files: course.yaml, front matter, glossary, references."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, model_validator

from trainer.content.approval_formats import Approval, Provider
from trainer.content.schema import Month, Slug, Strict, Text, VersionText

Minutes = Annotated[int, Field(ge=0, le=600)]


class CompletionRules(Strict):
    posttest_pass_mark: int = Field(80, ge=0, le=100)
    evaluation_required: bool = True
    cases_required: bool = False  # every client case of a module played to an ending


class CreditRules(Strict):
    """Continuing-education rules: how much active time earns the hours, and for how long
    records are kept."""

    min_active_share: float = Field(0.8, ge=0, le=1)
    max_hours_per_day: float | None = Field(None, gt=0)
    retention_years: int = Field(6, ge=1, le=100)


class ReviewSettings(Strict):
    """Booster reviews after the course: how well items should be remembered, how many a
    session holds and how much time a week they may take."""

    target_retention: float = Field(0.9, gt=0.5, lt=1)
    items_per_session: int = Field(5, ge=1, le=50)
    minutes_per_item: float = Field(1.0, gt=0, le=30)
    weekly_minutes: float = Field(10, gt=0, le=600)
    min_items_per_objective: int = Field(3, ge=1, le=50)


class CourseFile(Strict):
    id: Slug
    title: Text
    version: VersionText
    provider: Text | Provider  # a plain name, or the name with address and contact
    approval_number: str = ""
    approvals: list[Approval] | None = None  # absent: no approval is stated
    delivery_format: str = ""  # e.g. "Home study (self-paced, offline)"
    ce_hours: float = Field(gt=0, le=100)
    modules: list[Slug] = Field(min_length=1)
    pretest: Slug | None = None
    posttest: Slug | None = None
    completion: CompletionRules = CompletionRules()
    credit: CreditRules = CreditRules()
    review: ReviewSettings | None = None  # absent: the course has no booster reviews


class Objective(Strict):
    """A measurable objective of a module."""

    id: Slug
    text: Text


class ModuleFront(Strict):
    id: Slug
    title: Text
    summary: Text
    minutes: Minutes = 0
    quiz: Slug | None = None
    objectives: list[Objective] = Field(min_length=1)
    reviewed: Month | None = None
    cases: list[Slug] = []  # the order of the client cases in its cases/ folder


class WorksheetField(Strict):
    id: Slug
    label: Text
    kind: Literal["text", "long_text", "number", "scale", "date", "time"] = "text"
    min: int | None = None
    max: int | None = None

    @model_validator(mode="after")
    def _scale_has_range(self) -> WorksheetField:
        if self.kind == "scale" and (self.min is None or self.max is None or self.min >= self.max):
            raise ValueError("a `scale` field needs `min` and `max`, with min below max")
        return self


class _PracticeBase(Strict):
    id: Slug
    title: Text
    instructions: str = ""
    # What a supervisor receives in a progress bundle: `done` (that it was done: how many
    # entries and when) or `answers` (what was written too, for items meant for supervision)
    share: Literal["done", "answers"] = "done"


class RelaxationPractice(_PracticeBase):
    """A guided practice with a timer."""

    type: Literal["relaxation"]
    minutes: int = Field(ge=1, le=60)
    steps: list[Text] = Field(min_length=1)


class ReflectionPractice(_PracticeBase):
    """Free-text prompts, saved as the learner types."""

    type: Literal["reflection"]
    prompts: list[Text] = Field(min_length=1)


class WorksheetPractice(_PracticeBase):
    """A form; with `repeat` a table of entries such as a diary."""

    type: Literal["worksheet"]
    repeat: bool = False
    fields: list[WorksheetField] = Field(min_length=1)


PracticeItem = Annotated[
    RelaxationPractice | ReflectionPractice | WorksheetPractice, Field(discriminator="type")
]


class LessonFront(Strict):
    id: Slug
    title: Text
    minutes: Minutes
    objectives: list[Slug] = []
    practice: list[PracticeItem] = []
    reviewed: Month | None = None


class GlossaryTerm(Strict):
    """A term explained in place wherever a lesson uses it."""

    id: Slug
    term: Text
    aliases: list[Text] = []
    definition: Text
    references: list[Slug] = []


class Reference(Strict):
    """A full citation that lesson footnotes point to."""

    id: Slug
    authors: Text
    year: int = Field(ge=1800, le=2100)
    title: Text
    source: Text
    doi: str | None = None
    url: str | None = None

    @model_validator(mode="after")
    def _has_locator(self) -> Reference:
        if not (self.doi or self.url):
            raise ValueError("a reference needs a `doi` or a `url` so a reader can find it")
        return self

    def citation(self) -> str:
        """The reference as one line of text, e.g. for a footnote."""
        locator = f"doi:{self.doi}" if self.doi else self.url
        return f"{self.authors} ({self.year}). {self.title}. {self.source}. {locator}"

    def citation_markdown(self) -> str:
        """The citation with its DOI or URL as a link."""
        return f"{self.authors} ({self.year}). {self.title}. {self.source}. <{self.link()}>"

    def link(self) -> str:
        return f"https://doi.org/{self.doi}" if self.doi else str(self.url)


class RatingScale(Strict):
    min: int = 1
    max: int = 5
    min_label: str = ""
    max_label: str = ""


class RatingItem(Strict):
    id: Slug
    type: Literal["rating"]
    prompt: Text
    scale: RatingScale = RatingScale()
    required: bool = True


class YesNoItem(Strict):
    id: Slug
    type: Literal["yes_no"]
    prompt: Text
    required: bool = True


class TextItem(Strict):
    id: Slug
    type: Literal["text"]
    prompt: Text
    required: bool = False


EvaluationItem = Annotated[RatingItem | YesNoItem | TextItem, Field(discriminator="type")]


class EvaluationForm(Strict):
    """The course evaluation that continuing-education providers require."""

    id: Slug
    title: Text
    items: list[EvaluationItem] = Field(min_length=1)
