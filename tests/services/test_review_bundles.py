"""Booster reviews travel in progress bundles: merged once, and the same schedule everywhere."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from tests.services.helpers import passed_the_course
from tests.services.test_reviews import (
    booster_course_files,
    completed_on,
    day_after,
    open_booster_catalog,
)
from trainer.services import bundle_merge, bundles, org_key
from trainer.services.catalog import Catalog
from trainer.services.review_reports import review_overview
from trainer.services.reviews import record_review, review_plan
from trainer.store.db import Store, open_store
from trainer.store.models import ReviewLog

ORG = "North Clinic"


@pytest.fixture
def key() -> org_key.OrgKey:
    return org_key.new_key(ORG)


@pytest.fixture
def catalog(write_course) -> Catalog:
    return open_booster_catalog(write_course(booster_course_files(safety=frozenset({"b-steps-1"}))))


@pytest.fixture
def laptop(store: Store, key: org_key.OrgKey) -> Store:
    """The counselor's machine (SQLite, and PostgreSQL when configured)."""
    org_key.install_key(store, key)
    return store


@pytest.fixture
def office(tmp_path: Path, key: org_key.OrgKey):
    """The supervisor's machine."""
    opened = open_store(str(tmp_path / "office.sqlite3"))
    org_key.install_key(opened, key)
    yield opened
    opened.close()


def reviews_of(store: Store) -> list[tuple]:
    with store.reading() as session:
        rows = session.scalars(select(ReviewLog).order_by(ReviewLog.id))
        return [
            (r.id, r.installation_id, r.learner_id, r.question_id, r.answer, r.correct, r.score,
             r.confidence, r.rating, r.safety, r.reviewed_at, r.duration_seconds)
            for r in rows
        ]  # fmt: skip


def two_days_of_reviews(laptop: Store, catalog: Catalog) -> tuple[str, datetime]:
    """Ana's first session all wrong and \"sure\", her session three days later all right."""
    ana = passed_the_course(laptop, catalog)
    first = day_after(completed_on(laptop, catalog, ana))
    for day, answer, confidence in ((0, "b", "sure"), (3, "a", "fairly_sure")):
        now = day_after(first, day)
        for item in review_plan(laptop, catalog, ana, now).items:
            record_review(
                laptop, catalog, ana, item.quiz_id, item.question_id, answer, confidence, now, 30
            )
    return ana, first


def test_reviews_travel_once_and_give_the_same_schedule(laptop, office, catalog, tmp_path) -> None:
    ana, first = two_days_of_reviews(laptop, catalog)
    path = tmp_path / "ana.json.gz"
    exported = bundles.export_progress(laptop, catalog, path)
    assert exported.rows["review_log"] == len(reviews_of(laptop)) > 5
    summary = bundle_merge.import_bundle(office, path)
    assert summary.counts["review_log"].added == exported.rows["review_log"]
    assert "  booster reviews: " in "\n".join(summary.lines())
    again = bundle_merge.import_bundle(office, path)
    assert not again.changed and again.counts["review_log"].added == 0
    assert reviews_of(office) == reviews_of(laptop)
    later = day_after(first, 10)
    assert review_plan(office, catalog, ana, later) == review_plan(laptop, catalog, ana, later)
    rows = {row.objective_id: row for row in review_overview(office, catalog, later)}
    assert [e.question_id for e in rows["b-steps"].safety_errors] == ["b-steps-1"]


def test_a_bundle_made_before_booster_reviews_still_imports(
    laptop, office, catalog, key, tmp_path
) -> None:
    passed_the_course(laptop, catalog)
    bundle = bundles.build_bundle(laptop, catalog, key)
    del bundle["rows"]["review_log"]
    bundle["version"] = 3
    bundle.pop("signature")
    path = tmp_path / "version-3.json"
    path.write_text(json.dumps({**bundle, "signature": org_key.sign(key, bundle)}))
    summary = bundle_merge.import_bundle(office, path)
    assert summary.learners_added == ("Ana Ruiz",)
    assert summary.counts["review_log"].added == 0
