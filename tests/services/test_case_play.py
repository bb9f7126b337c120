"""Playing a client case: choices committed at once, resumed after a crash, recorded,
counted for item analysis, and carried in progress bundles."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from tests.cases.fixtures import CASE_PATH, VALID_CASE, changed
from trainer.services import accounts, bundle_merge, bundles, case_play, org_key
from trainer.services.catalog import Catalog, open_catalog
from trainer.services.errors import ServiceError
from trainer.store.db import Store, open_store
from trainer.store.models import CaseChoice

NOW = datetime(2026, 12, 3, 9, 0, tzinfo=UTC)


@pytest.fixture
def catalog(write_course) -> Catalog:
    root = write_course({CASE_PATH: VALID_CASE})
    opened = open_catalog(root / "curriculum", root / "quizzes")
    assert opened.problems == ()
    return opened


@pytest.fixture
def ana(store: Store) -> str:
    return accounts.create_learner(store, "Ana Ruiz").id


def later(minutes: int) -> datetime:
    return NOW + timedelta(minutes=minutes)


def play(store: Store, catalog: Catalog, learner: str, steps: list[tuple[str, str]], start=0):
    run = case_play.start_run(store, catalog, learner, "first-visit", later(start))
    outcome = None
    for minute, (node, choice) in enumerate(steps, start + 1):
        outcome = case_play.choose(store, catalog, learner, run.run_id, node, choice, later(minute))
    return run, outcome


def test_a_choice_gives_feedback_and_the_next_node(store, catalog, ana) -> None:
    run = case_play.start_run(store, catalog, ana, "first-visit", NOW)
    assert (run.node_id, run.steps, run.finished) == ("arrives", (), False)
    outcome = case_play.choose(store, catalog, ana, run.run_id, "arrives", "ask-more", later(1))
    assert outcome.rating == "helpful"
    assert outcome.feedback.startswith("Opening with curiosity")
    assert outcome.next_node is not None and outcome.next_node.id == "tells-more"
    assert outcome.ending is None
    assert outcome.run.node_id == "tells-more"
    last = case_play.choose(store, catalog, ana, run.run_id, "tells-more", "reflect", later(2))
    assert last.next_node is None and last.ending is not None
    assert (last.ending.id, last.ending.outcome) == ("plan-made", "helpful")
    assert last.run.finished and last.run.node_id is None
    assert [(link.title, link.href) for link in case_play.ending_lessons(catalog, last.ending)] == [
        ("What pain is", "lesson:what-is-pain#definition"),
        ("The steps", "lesson:steps"),
    ]


def test_each_choice_is_committed_at_once_and_resumes_after_a_crash(
    db_url, store, catalog, ana
) -> None:
    run, _ = play(store, catalog, ana, [("arrives", "ask-more"), ("tells-more", "lecture")])
    store.close()  # the app is killed here
    reopened = open_store(db_url)
    try:
        resumed = case_play.resume(reopened, catalog, ana, "first-visit")
        assert resumed is not None and resumed.run_id == run.run_id
        assert [(s.node_id, s.choice_id, s.rating) for s in resumed.steps] == [
            ("arrives", "ask-more", "helpful"),
            ("tells-more", "lecture", "partly"),
        ]
        assert resumed.node_id == "arrives"  # the lecture led back to the start
        outcome = case_play.choose(reopened, catalog, ana, run.run_id, "arrives", "doubt", later(5))
        assert outcome.ending is not None and outcome.ending.id == "walks-out"
        assert case_play.resume(reopened, catalog, ana, "first-visit") is None
    finally:
        reopened.close()


def test_a_choice_out_of_turn_or_unknown_is_refused_and_not_written(store, catalog, ana) -> None:
    run, _ = play(store, catalog, ana, [("arrives", "ask-more")])
    with pytest.raises(ServiceError, match="at `tells-more`, not at `arrives`"):
        case_play.choose(store, catalog, ana, run.run_id, "arrives", "ask-more", later(5))
    with pytest.raises(ServiceError, match="no choice `shrug`"):
        case_play.choose(store, catalog, ana, run.run_id, "tells-more", "shrug", later(5))
    case_play.choose(store, catalog, ana, run.run_id, "tells-more", "reflect", later(6))
    with pytest.raises(ServiceError, match="reached its ending"):
        case_play.choose(store, catalog, ana, run.run_id, "tells-more", "reflect", later(7))
    with pytest.raises(ServiceError, match="no run"):
        case_play.choose(store, catalog, ana, "not-a-run", "arrives", "doubt", later(8))
    with store.reading() as session:
        assert len(list(session.scalars(select(CaseChoice)))) == 2


def test_the_record_lists_every_run_with_its_path_and_ending(store, catalog, ana) -> None:
    assert case_play.case_completed(store, catalog, ana, "first-visit") is False
    [empty] = case_play.case_record(store, catalog, ana)
    assert (empty.case_id, empty.runs, empty.completed) == ("first-visit", (), False)
    play(store, catalog, ana, [("arrives", "doubt")])
    play(store, catalog, ana, [("arrives", "ask-more")], start=10)
    [record] = case_play.case_record(store, catalog, ana)
    assert record.title == "A first visit: the pain is real"
    assert [[(s.choice_id, s.rating) for s in run.steps] for run in record.runs] == [
        [("doubt", "harmful")],
        [("ask-more", "helpful")],
    ]
    assert [run.ending_id for run in record.runs] == ["walks-out", None]
    assert record.endings_reached == ("walks-out",) and record.completed
    assert case_play.case_completed(store, catalog, ana, "first-visit") is True


def test_choice_counts_cover_every_choice_of_every_learner(store, catalog, ana) -> None:
    ben = accounts.create_learner(store, "Ben Okafor").id
    play(store, catalog, ana, [("arrives", "doubt")])
    play(store, catalog, ben, [("arrives", "ask-more"), ("tells-more", "reflect")])
    play(store, catalog, ben, [("arrives", "doubt")], start=10)
    assert case_play.choice_counts(store, catalog) == {
        ("first-visit", "arrives", "ask-more"): 1,
        ("first-visit", "arrives", "doubt"): 2,
        ("first-visit", "tells-more", "reflect"): 1,
        ("first-visit", "tells-more", "lecture"): 0,
    }


def test_a_run_the_changed_case_no_longer_fits_is_kept_but_not_resumed(
    store, catalog, ana, write_course
) -> None:
    play(store, catalog, ana, [("arrives", "ask-more")])
    renamed = changed("      - id: ask-more\n", "      - id: ask-gently\n")
    root = write_course({CASE_PATH: renamed})
    changed_catalog = open_catalog(root / "curriculum", root / "quizzes")
    assert case_play.resume(store, changed_catalog, ana, "first-visit") is None
    [record] = case_play.case_record(store, changed_catalog, ana)
    [run] = record.runs
    assert run.stale and [s.choice_id for s in run.steps] == ["ask-more"]


def test_case_choices_travel_in_bundles_once(store, catalog, ana, tmp_path: Path) -> None:
    key = org_key.new_key("North Clinic")
    org_key.install_key(store, key)
    play(store, catalog, ana, [("arrives", "ask-more"), ("tells-more", "reflect")])
    path = tmp_path / "ana.json.gz"
    exported = bundles.export_progress(store, catalog, path)
    assert exported.rows["case_choice"] == 2
    office = open_store(str(tmp_path / "office.sqlite3"))
    try:
        org_key.install_key(office, key)
        first = bundle_merge.import_bundle(office, path)
        assert first.counts["case_choice"].added == 2
        assert "  client case choices: 2 added" in first.lines()
        again = bundle_merge.import_bundle(office, path)
        assert not again.changed and again.counts["case_choice"].added == 0
        [record] = case_play.case_record(office, catalog, ana)
        assert record.endings_reached == ("plan-made",)
        assert case_play.choice_counts(office, catalog)[("first-visit", "arrives", "ask-more")] == 1
    finally:
        office.close()


def test_a_bundle_made_before_cases_still_imports(store, catalog, ana, tmp_path) -> None:
    key = org_key.new_key("North Clinic")
    org_key.install_key(store, key)
    bundle = bundles.build_bundle(store, catalog, key)
    del bundle["rows"]["case_choice"]
    bundle["version"] = 4
    bundle.pop("signature")
    path = tmp_path / "version-4.json"
    path.write_text(json.dumps({**bundle, "signature": org_key.sign(key, bundle)}))
    office = open_store(str(tmp_path / "office.sqlite3"))
    try:
        org_key.install_key(office, key)
        summary = bundle_merge.import_bundle(office, path)
        assert summary.learners_added == ("Ana Ruiz",)
        assert summary.counts["case_choice"].added == 0
    finally:
        office.close()
