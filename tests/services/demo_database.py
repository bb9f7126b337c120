"""A demo database for tests: the fictional learners `trainer demo` makes, on the shipped
course, with the state each learner was given.

Use the `demo_database` fixture (tests/services/conftest.py): each test gets its own
copy, on SQLite and, when TRAINER_TEST_PG_URL is set, on PostgreSQL. Or call
`build_demo_database` for another size or seed.
"""

from __future__ import annotations

from dataclasses import dataclass

from trainer.paths import SHIPPED_COURSE, SHIPPED_QUIZZES
from trainer.services.catalog import Catalog, open_catalog
from trainer.services.demo import STATE_NAMES, DemoSummary, fill_demo
from trainer.store.db import Store, open_store


@dataclass(frozen=True)
class DemoDatabase:
    url: str
    catalog: Catalog
    summary: DemoSummary

    @property
    def states(self) -> dict[str, str]:
        """learner id -> the state the demo gave that learner (one of STATE_NAMES)."""
        return {learner.learner_id: learner.state for learner in self.summary.learners}

    def learners_in(self, state: str) -> list[str]:
        assert state in STATE_NAMES, state
        return [learner_id for learner_id, given in self.states.items() if given == state]

    def open(self) -> Store:
        return open_store(self.url)


def shipped_catalog() -> Catalog:
    catalog = open_catalog(SHIPPED_COURSE, SHIPPED_QUIZZES)
    assert catalog.problems == ()
    return catalog


def build_demo_database(
    url: str, *, learners: int = 12, seed: int = 1, catalog: Catalog | None = None
) -> DemoDatabase:
    """Fill the database at `url` (empty) as `trainer demo` does; 12 learners: each state once."""
    catalog = catalog or shipped_catalog()
    store = open_store(url)
    try:
        summary = fill_demo(store, catalog, learners, seed)
    finally:
        store.close()
    return DemoDatabase(url, catalog, summary)
