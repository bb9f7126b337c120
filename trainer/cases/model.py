"""The client case format: a client, nodes of what they say, choices, endings."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import AfterValidator, BeforeValidator, Field

from trainer.content.schema import Slug, Strict, Text

Rating = Literal["helpful", "partly", "harmful"]
RATINGS: tuple[Rating, ...] = ("helpful", "partly", "harmful")
LessonLink = Annotated[str, Field(pattern=r"^[a-z0-9-]+(#[A-Za-z0-9_:.-]+)?$")]


def _written(value: str) -> str:
    if not value.strip():
        raise ValueError(
            "`feedback` is empty: write what the counselor should learn from this choice"
        )
    return value


# `feedback:` with nothing after it is YAML's null: reported as empty, not as "not a string"
Feedback = Annotated[
    str, BeforeValidator(lambda value: "" if value is None else value), AfterValidator(_written)
]


class Choice(Strict):
    """What the counselor may say or do at a node, and what follows."""

    id: Slug
    text: Text
    rating: Rating
    feedback: Feedback
    objectives: list[Slug] = []  # empty: the case's objectives
    next: Slug


class Node(Strict):
    """A decision point: what the client says or does, and the choices open to the counselor."""

    id: Slug
    text: Text
    choices: list[Choice] = []


class Ending(Strict):
    """How the session ended, with a debrief that points back to the lessons."""

    id: Slug
    title: Text
    outcome: Rating
    debrief: Text
    lessons: list[LessonLink] = []

    @staticmethod
    def lesson_id(link: str) -> str:
        return link.split("#", 1)[0]

    @staticmethod
    def anchor(link: str) -> str | None:
        return link.split("#", 1)[1] if "#" in link else None


class CaseSpec(Strict):
    id: Slug
    title: Text
    module: Slug
    objectives: list[Slug] = Field(min_length=1)
    client: Text
    setting: Text
    start: Slug
    nodes: list[Node] = Field(min_length=1)
    endings: list[Ending] = Field(min_length=1)

    def node(self, node_id: str) -> Node | None:
        return next((node for node in self.nodes if node.id == node_id), None)

    def ending(self, ending_id: str) -> Ending | None:
        return next((ending for ending in self.endings if ending.id == ending_id), None)

    def choice(self, node_id: str, choice_id: str) -> Choice | None:
        node = self.node(node_id)
        if node is None:
            return None
        return next((choice for choice in node.choices if choice.id == choice_id), None)

    def measured(self, choice: Choice) -> list[str]:
        """The objectives a decision measures: its own, or else the case's."""
        return choice.objectives or self.objectives
