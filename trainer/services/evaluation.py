"""The course evaluation that continuing-education providers require."""

from __future__ import annotations

from typing import Any

from trainer.content.formats import RatingItem, TextItem, YesNoItem
from trainer.services.catalog import Catalog
from trainer.services.errors import ServiceError
from trainer.store.db import Store
from trainer.store.models import Evaluation, utc_now


def submit_evaluation(
    store: Store, catalog: Catalog, learner_id: str, answers: dict[str, Any]
) -> None:
    """Check the answers against the form and store them; once per learner and course."""
    form = catalog.course.evaluation
    if form is None:
        raise ServiceError("this course has no evaluation form")
    clean: dict[str, Any] = {}
    for item in form.items:
        value = answers.get(item.id)
        if value in (None, ""):
            if item.required:
                raise ServiceError(f"please answer: {item.prompt}")
            continue
        clean[item.id] = _checked(item, value)
    unknown = set(answers) - {item.id for item in form.items}
    if unknown:
        raise ServiceError(f"unknown evaluation items: {', '.join(sorted(unknown))}")
    with store.session() as session:
        if (
            session.query(Evaluation)
            .filter_by(learner_id=learner_id, course_id=catalog.course.id)
            .first()
        ):
            raise ServiceError("the evaluation is submitted already: thank you")
        session.add(
            Evaluation(
                installation_id=store.installation_id,
                learner_id=learner_id,
                course_id=catalog.course.id,
                answers=clean,
                submitted_at=utc_now(),
            )
        )


def _checked(item: RatingItem | YesNoItem | TextItem, value: Any) -> Any:
    if isinstance(item, RatingItem):
        if (
            isinstance(value, bool)
            or not isinstance(value, int)
            or not (item.scale.min <= value <= item.scale.max)
        ):
            raise ServiceError(
                f"“{item.prompt}” needs a rating from {item.scale.min} to {item.scale.max}"
            )
        return value
    if isinstance(item, YesNoItem):
        if not isinstance(value, bool):
            raise ServiceError(f"“{item.prompt}” needs yes or no")
        return value
    return str(value).strip()
