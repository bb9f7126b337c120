"""Item analysis of the client cases: how often each choice is taken at its decision point,
so an author sees a choice nobody takes, or a harmful one many take."""

from __future__ import annotations

from dataclasses import dataclass

from trainer.services.case_play import choice_counts
from trainer.services.catalog import Catalog
from trainer.store.db import Store


@dataclass(frozen=True)
class CaseChoiceStats:
    """One choice of a case: how many times it was taken, and its share of every choice
    made at its node (None when nobody has reached the node yet)."""

    case_id: str
    case_title: str
    node_id: str
    choice_id: str
    text: str
    rating: str
    taken: int
    share: float | None


def case_choice_analysis(store: Store, catalog: Catalog) -> list[CaseChoiceStats]:
    """Every choice of every case of the course, in course, node and written order, with
    the times every learner took it."""
    counts = choice_counts(store, catalog)
    rows = []
    for case in catalog.cases.values():
        for node in case.spec.nodes:
            taken = [counts.get((case.id, node.id, choice.id), 0) for choice in node.choices]
            made = sum(taken)
            rows += [
                CaseChoiceStats(
                    case.id,
                    case.spec.title,
                    node.id,
                    choice.id,
                    choice.text,
                    choice.rating,
                    times,
                    times / made if made else None,
                )
                for choice, times in zip(node.choices, taken, strict=True)
            ]
    return rows
