"""Declared shapes of the YAML the authors write, and their errors as Problems."""

from __future__ import annotations

import re
from typing import Annotated, Any, TypeVar

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    StringConstraints,
    TypeAdapter,
    ValidationError,
)

from trainer.content.problems import Problem
from trainer.content.yamlsource import YamlDocument

SLUG_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
MONTH_PATTERN = re.compile(r"^\d{4}-(?:0[1-9]|1[0-2])$")


def _check_slug(value: str) -> str:
    if not SLUG_PATTERN.match(value):
        raise ValueError(
            f"`{value}` is not a valid id: use lower-case letters, digits and single hyphens,"
            " like `pain-physiology`"
        )
    return value


def _number_as_text(value: Any) -> Any:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return value


def _check_month(value: Any) -> str:
    """A month written `YYYY-MM`, kept as text (YAML reads a full date as a date)."""
    if not isinstance(value, str) or not MONTH_PATTERN.match(value):
        raise ValueError(f"`{value}` is not a month: write it as YYYY-MM, like `2026-12`")
    return value


Slug = Annotated[str, AfterValidator(_check_slug)]
Month = Annotated[str, BeforeValidator(_check_month)]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
VersionText = Annotated[Text, BeforeValidator(_number_as_text)]


class Strict(BaseModel):
    """A frozen schema model that refuses keys it does not know."""

    # `.nan` and `.inf` are floats to YAML, and would make a key no answer can match
    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)


T = TypeVar("T")


def validate_document(shape: type[T], document: YamlDocument) -> tuple[T | None, list[Problem]]:
    """Validate a YAML document against `shape`; every error becomes a Problem with its line."""
    try:
        return _adapter(shape).validate_python(document.data), []
    except ValidationError as error:
        return None, [_problem(document, item) for item in error.errors()]


_adapters: dict[object, TypeAdapter[Any]] = {}


def _adapter(shape: type[T]) -> TypeAdapter[T]:
    """One adapter per shape: building one is slow."""
    adapter = _adapters.get(shape)
    if adapter is None:
        adapter = _adapters[shape] = TypeAdapter(shape)
    return adapter


def _problem(document: YamlDocument, item: Any) -> Problem:
    loc = tuple(item["loc"])
    where = _dotted(document, loc)
    kind = item["type"]
    if kind == "missing":
        name = where.rsplit(".", 1)[-1]
        parent = _dotted(document, loc[:-1]) or "this file"
        return document.problem(loc[:-1], f"`{name}` is missing in {parent}: add `{name}: …`")
    if kind == "extra_forbidden":
        return document.problem(
            loc, f"unknown key `{where}`: check its spelling against docs/authoring.md"
        )
    message = str(item["msg"]).removeprefix("Value error, ")
    message = message.replace("Input should be", "should be")
    if kind in {"model_type", "dict_type"} and not loc:
        return document.problem(loc, "expected `key: value` lines at the top level")
    return document.problem(loc, f"{where or 'file'}: {message}" if where else message)


def _dotted(document: YamlDocument, loc: tuple[Any, ...]) -> str:
    """`questions[2].options[0].text`, skipping union tags that are not keys in the file."""
    text = ""
    container: Any = document.data
    for part in loc:
        if isinstance(part, int):
            text += f"[{part}]"
            container = _child(container, part)
            continue
        if isinstance(container, dict) and part not in container and container.get("type") == part:
            continue
        text += f".{part}" if text else str(part)
        container = _child(container, part)
    return text


def _child(container: Any, part: Any) -> Any:
    try:
        return container[part]
    except (KeyError, IndexError, TypeError):
        return None
