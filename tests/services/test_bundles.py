"""Progress bundles: signed export, idempotent merge, and every refusal leaving the data alone."""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from tests.conftest import LESSON_TWO
from tests.services.helpers import read_module, take_quiz
from trainer.services import (
    accounts,
    attempts,
    bundle_merge,
    bundles,
    org_key,
    practice,
    progress,
    reports,
)
from trainer.services.certificates import issue_certificate
from trainer.services.errors import ServiceError
from trainer.services.learner_record import learner_record
from trainer.store.db import Store, open_store
from trainer.store.models import Base, LessonProgress

ORG = "North Clinic"
SECRET = "the night my father hit me"  # a private reflection: it must never travel
# a worksheet meant for supervision, beside the demo course's private reflection `b-reflect`
SHARED_PLAN = LESSON_TWO.replace(
    "objectives: [b-steps]\n",
    "objectives: [b-steps]\npractice:\n  - id: b-plan\n    type: worksheet\n"
    "    title: Session plan\n    share: answers\n    fields:\n"
    "      - {id: topic, label: Topic}\n",
)


@pytest.fixture
def demo_root(write_course) -> Path:
    return write_course({"curriculum/basics/02-steps.md": SHARED_PLAN})


@pytest.fixture
def key() -> org_key.OrgKey:
    return org_key.new_key(ORG)


@pytest.fixture
def laptop(store: Store, key: org_key.OrgKey) -> Store:
    """The counselor's machine (SQLite, and PostgreSQL when configured)."""
    org_key.install_key(store, key)
    return store


@pytest.fixture
def open_other(tmp_path: Path, key: org_key.OrgKey):
    """Opens more installations (SQLite files) holding the same organisation key."""
    opened: list[Store] = []

    def open_one(name: str, with_key: bool = True) -> Store:
        other = open_store(str(tmp_path / f"{name}.sqlite3"))
        if with_key:
            org_key.install_key(other, key)
        opened.append(other)
        return other

    yield open_one
    for other in opened:
        other.close()


@pytest.fixture
def office(open_other) -> Store:
    """The supervisor's machine."""
    return open_other("office")


def dump(store: Store, with_settings: bool = False) -> dict[str, list[tuple]]:
    """Every row of every table, in a stable order (the password hash left out)."""
    tables: dict[str, list[tuple]] = {}
    with store.session() as session:
        for table in Base.metadata.sorted_tables:
            if table.name == "setting" and not with_settings:
                continue
            columns = [c for c in table.columns if c.name != "password_hash"]
            rows = session.execute(select(*columns)).all()
            tables[table.name] = sorted((tuple(row) for row in rows), key=repr)
    return tables


def as_the_supervisor_receives(tables: dict[str, list[tuple]]) -> dict[str, list[tuple]]:
    """A dump of the learner's machine with what private practice items hold left out."""
    columns = [c.name for c in Base.metadata.tables["practice_entry"].columns]
    item, entry = columns.index("item_id"), columns.index("entry")

    def received(row: tuple) -> tuple:
        return row if row[item] == "b-plan" else (*row[:entry], {}, *row[entry + 1 :])

    practice_rows = sorted((received(row) for row in tables["practice_entry"]), key=repr)
    return {**tables, "practice_entry": practice_rows}


def complete_the_course(store: Store, catalog, name: str = "Ana Ruiz") -> str:
    learner = accounts.create_learner(store, name, credential="LADC-123", organisation=ORG)
    take_quiz(store, catalog, learner.id, "pretest")
    read_module(store, catalog, learner.id, "basics", seconds=900)
    take_quiz(store, catalog, learner.id, "basics-quiz", right=False)
    take_quiz(store, catalog, learner.id, "basics-quiz")
    take_quiz(store, catalog, learner.id, "posttest")
    practice.save_entry(store, catalog, learner.id, "what-is-pain", "b-reflect", {"1": "Today"})
    issue_certificate(store, catalog, learner.id)
    return learner.id


def test_round_trip_reproduces_every_row_but_never_a_password(
    laptop, office, catalog, tmp_path
) -> None:
    complete_the_course(laptop, catalog)
    accounts.create_learner(laptop, "Sam Boss", role="supervisor", password="a long secret")
    out = tmp_path / "ana.json"
    exported = bundles.export_progress(laptop, catalog, out)
    assert exported.rows["certificate"] == 1 and exported.rows["practice_entry"] == 1
    text = out.read_text(encoding="utf-8")
    assert "password_hash" not in text and "$" not in text

    summary = bundle_merge.import_bundle(office, out)
    assert dump(office) == as_the_supervisor_receives(dump(laptop))
    assert summary.learners_added == ("Ana Ruiz", "Sam Boss")
    assert summary.counts["quiz_attempt"] == bundles.TableCount(added=4)
    assert summary.lines()[1:3] == ["  profiles: 2 added", "  lesson progress: 2 added"]
    assert reports.grid_as_json(reports.completion_grid(office, catalog)) == reports.grid_as_json(
        reports.completion_grid(laptop, catalog)
    )
    sam = accounts.find_learner(office, "Sam Boss")
    with pytest.raises(ServiceError) as refused:
        accounts.authenticate(office, sam.id, "a long secret")
    assert str(refused.value).startswith("Sam Boss has no password yet")
    assert "a supervisor sets one with `trainer learners set-password" in str(refused.value)
    accounts.set_password(office, sam.id, "a new long secret")
    assert accounts.authenticate(office, sam.id, "a new long secret").id == sam.id


def test_the_supervisors_database_takes_bundles_on_sqlite_and_postgresql(
    store, open_other, key, catalog, tmp_path
) -> None:
    sqlite_laptop = open_other("sqlite-laptop")
    complete_the_course(sqlite_laptop, catalog)
    out = tmp_path / "laptop.json.gz"
    bundles.export_progress(sqlite_laptop, catalog, out)
    org_key.install_key(store, key)  # the supervisor's own database, whatever its kind

    first = bundle_merge.import_bundle(store, out)
    again = bundle_merge.import_bundle(store, out)

    assert first.counts["response"].added > 0 and not again.changed
    assert dump(store) == as_the_supervisor_receives(dump(sqlite_laptop))


def test_importing_twice_changes_nothing(laptop, office, catalog, tmp_path) -> None:
    complete_the_course(laptop, catalog)
    out = tmp_path / "ana.json.gz"
    bundles.export_progress(laptop, catalog, out)
    assert gzip.decompress(out.read_bytes()).startswith(b'{"format":"pain-oud-trainer-progress"')
    first = bundle_merge.import_bundle(office, out)
    before = dump(office, with_settings=True)
    report = reports.grid_as_json(reports.completion_grid(office, catalog))

    second = bundle_merge.import_bundle(office, out)
    assert first.changed and not second.changed
    assert second.lines()[1] == "  nothing new: everything in it was already here"
    assert dump(office, with_settings=True) == before
    assert reports.grid_as_json(reports.completion_grid(office, catalog)) == report


def test_overlapping_bundles_merge_to_the_latest_state_in_either_order(
    laptop, open_other, catalog, tmp_path
) -> None:
    ana = accounts.create_learner(laptop, "Ana")
    take_quiz(laptop, catalog, ana.id, "pretest")
    progress.open_lesson(laptop, catalog, ana.id, "what-is-pain")
    progress.record_reading(
        laptop, catalog, ana.id, "what-is-pain", position=0.4, active_seconds=60
    )
    attempt = attempts.start_attempt(laptop, catalog, ana.id, "basics-quiz")
    spec = catalog.quiz("basics-quiz").spec
    first_question = spec.question(attempt.question_ids[0])
    from tests.services.helpers import right_answer, wrong_answer

    attempts.save_answer(
        laptop, catalog, attempt.id, first_question.id, wrong_answer(first_question)
    )
    plan = practice.save_entry(laptop, catalog, ana.id, "steps", "b-plan", {"topic": "A draft"})
    early = tmp_path / "early.json"
    bundles.export_progress(laptop, catalog, early)

    read_module(laptop, catalog, ana.id, "basics", seconds=600)
    for question_id in attempt.question_ids:
        answer = right_answer(spec.question(question_id))
        attempts.save_answer(laptop, catalog, attempt.id, question_id, answer)
    attempts.submit_attempt(laptop, catalog, attempt.id)
    practice.save_entry(laptop, catalog, ana.id, "steps", "b-plan", {"topic": "Rewritten"}, plan)
    late = tmp_path / "late.json"
    bundles.export_progress(laptop, catalog, late)

    in_order, reverse = open_other("in-order"), open_other("reverse")
    bundle_merge.import_bundle(in_order, early)
    caught_up = bundle_merge.import_bundle(in_order, late)
    assert caught_up.counts["quiz_attempt"] == bundles.TableCount(added=0, updated=1)
    assert caught_up.counts["lesson_progress"] == bundles.TableCount(added=1, updated=1)
    assert caught_up.counts["response"].updated == 1
    assert caught_up.counts["practice_entry"] == bundles.TableCount(added=0, updated=1)
    [entry] = practice.list_entries(in_order, catalog, ana.id, "steps", "b-plan")
    assert entry.values == {"topic": "Rewritten"}
    bundle_merge.import_bundle(reverse, late)
    stale = bundle_merge.import_bundle(reverse, early)
    assert not stale.changed
    assert dump(in_order) == dump(reverse) == as_the_supervisor_receives(dump(laptop))


def test_the_same_lesson_read_on_two_laptops_merges_into_one_row(
    laptop, open_other, catalog, tmp_path
) -> None:
    ana = accounts.create_learner(laptop, "Ana")
    profile = tmp_path / "profile.json"
    bundles.export_progress(laptop, catalog, profile)
    second_laptop = open_other("second-laptop")
    bundle_merge.import_bundle(second_laptop, profile)
    progress.open_lesson(laptop, catalog, ana.id, "what-is-pain")
    progress.record_reading(laptop, catalog, ana.id, "what-is-pain", position=1, active_seconds=60)
    read_module(second_laptop, catalog, ana.id, "basics", seconds=300)
    from_first, from_second = tmp_path / "first.json", tmp_path / "second.json"
    bundles.export_progress(laptop, catalog, from_first)
    bundles.export_progress(second_laptop, catalog, from_second)

    office = open_other("office")
    bundle_merge.import_bundle(office, from_first)
    merged = bundle_merge.import_bundle(office, from_second)
    assert merged.counts["lesson_progress"] == bundles.TableCount(added=1, updated=1)
    assert merged.learners_added == ()  # Ana came with the first laptop's bundle
    with office.session() as session:
        rows = session.scalars(
            select(LessonProgress).where(LessonProgress.lesson_id == "what-is-pain")
        ).all()
        assert [(r.active_seconds, r.completed_at is not None) for r in rows] == [(300, True)]
    assert not bundle_merge.import_bundle(office, from_first).changed
    assert not bundle_merge.import_bundle(office, from_second).changed


def test_a_deleted_practice_entry_is_deleted_on_the_supervisors_machine_too(
    laptop, open_other, catalog, tmp_path
) -> None:
    ana = accounts.create_learner(laptop, "Ana")
    entry = practice.save_entry(laptop, catalog, ana.id, "what-is-pain", "b-reflect", {"1": "Mine"})
    before = tmp_path / "before.json"
    bundles.export_progress(laptop, catalog, before)
    practice.delete_entry(laptop, ana.id, entry)
    after = tmp_path / "after.json"
    bundles.export_progress(laptop, catalog, after)

    in_order, reverse = open_other("in-order"), open_other("reverse")
    bundle_merge.import_bundle(in_order, before)
    removed = bundle_merge.import_bundle(in_order, after)
    assert removed.counts["practice_entry"] == bundles.TableCount(deleted=1)
    assert removed.lines()[1:] == ["  practice entries: 1 deleted"]
    stale = bundle_merge.import_bundle(in_order, before)  # an old copy brings nothing back
    assert not stale.changed
    bundle_merge.import_bundle(reverse, after)
    assert not bundle_merge.import_bundle(reverse, before).changed
    for office in (in_order, reverse):
        assert practice.list_entries(office, catalog, ana.id, "what-is-pain", "b-reflect") == []
    assert dump(in_order) == dump(reverse) == as_the_supervisor_receives(dump(laptop))


def _deletion(store: Store, entry_id: str, learner_id: str) -> dict[str, Any]:
    return {"id": entry_id, "installation_id": store.installation_id,
            "learner_id": learner_id, "deleted_at": "2026-11-23T10:00:00+00:00"}  # fmt: skip


def test_an_entry_deleted_in_the_same_bundle_is_never_added(
    laptop, office, catalog, key, tmp_path
) -> None:
    ana = accounts.create_learner(laptop, "Ana")
    entry = practice.save_entry(laptop, catalog, ana.id, "what-is-pain", "b-reflect", {"1": "A"})
    bundle = bundles.build_bundle(laptop, catalog, key)
    bundle["rows"]["practice_deletion"] = [_deletion(laptop, entry, ana.id)]
    summary = bundle_merge.import_bundle(office, _write_signed(tmp_path / "b.json", key, bundle))
    assert summary.counts["practice_entry"] == bundles.TableCount()
    assert practice.list_entries(office, catalog, ana.id, "what-is-pain", "b-reflect") == []


def test_a_deletion_naming_another_learner_leaves_the_entry(
    laptop, office, catalog, key, tmp_path
) -> None:
    ana = accounts.create_learner(laptop, "Ana")
    bea = accounts.create_learner(laptop, "Bea")
    entry = practice.save_entry(laptop, catalog, ana.id, "what-is-pain", "b-reflect", {"1": "A"})
    bundle = bundles.build_bundle(laptop, catalog, key)
    bundle_merge.import_bundle(office, _write_signed(tmp_path / "first.json", key, bundle))
    bundle["rows"]["practice_deletion"] = [_deletion(laptop, entry, bea.id)]
    summary = bundle_merge.import_bundle(office, _write_signed(tmp_path / "odd.json", key, bundle))
    assert summary.counts["practice_entry"].deleted == 0
    [kept] = practice.list_entries(office, catalog, ana.id, "what-is-pain", "b-reflect")
    assert kept.id == entry


def test_a_bundle_of_the_first_format_still_imports(laptop, office, catalog, key) -> None:
    complete_the_course(laptop, catalog)
    bundle = bundles.build_bundle(laptop, catalog, key)
    del bundle["rows"]["practice_deletion"]
    bundle["version"] = 1
    path = _write_signed(office.path.parent / "version-1.json", key, bundle)
    summary = bundle_merge.import_bundle(office, path)
    assert summary.learners_added == ("Ana Ruiz",)
    assert dump(office) == as_the_supervisor_receives(dump(laptop))


def test_a_checked_answer_travels_and_stays_checked(laptop, office, catalog, key, tmp_path) -> None:
    ana = accounts.create_learner(laptop, "Ana")
    attempt = attempts.start_attempt(laptop, catalog, ana.id, "basics-quiz")
    attempts.save_answer(laptop, catalog, attempt.id, "bq-define", "b")
    first = _write_signed(tmp_path / "first.json", key, bundles.build_bundle(laptop, catalog, key))
    bundle_merge.import_bundle(office, first)
    attempts.check_answer(laptop, attempt.id, "bq-define")  # checked after the first export
    summary = bundle_merge.import_bundle(
        office,
        _write_signed(tmp_path / "second.json", key, bundles.build_bundle(laptop, catalog, key)),
    )
    assert summary.counts["response"].updated == 1
    assert dump(office) == as_the_supervisor_receives(dump(laptop))
    (resumed,) = attempts.unfinished_attempts(office, catalog, ana.id)
    assert resumed.checked == {"bq-define"}


def test_a_bundle_made_before_answers_were_checked_still_imports(
    laptop, office, catalog, key
) -> None:
    complete_the_course(laptop, catalog)
    bundle = bundles.build_bundle(laptop, catalog, key)
    for row in bundle["rows"]["response"]:
        del row["checked_at"]
    bundle["version"] = 2
    path = _write_signed(office.path.parent / "version-2.json", key, bundle)
    summary = bundle_merge.import_bundle(office, path)
    assert summary.learners_added == ("Ana Ruiz",)
    assert dump(office) == as_the_supervisor_receives(dump(laptop))


def test_one_learners_bundle_holds_only_their_progress(laptop, office, catalog, tmp_path) -> None:
    ana = complete_the_course(laptop, catalog, "Ana")
    complete_the_course(laptop, catalog, "Bea")
    out = tmp_path / "ana.json"
    exported = bundles.export_progress(laptop, catalog, out, learner_id=ana)
    assert exported.learners == ("Ana",)
    summary = bundle_merge.import_bundle(office, out)
    assert [info.display_name for info in accounts.list_learners(office)] == ["Ana"]
    assert summary.counts["certificate"].added == 1


def test_export_needs_an_installed_key(open_other, catalog, tmp_path) -> None:
    keyless = open_other("keyless", with_key=False)
    with pytest.raises(ServiceError) as refused:
        bundles.export_progress(keyless, catalog, tmp_path / "x.json")
    assert str(refused.value) == (
        "no organisation key is installed here: ask your supervisor for the key file,"
        " then run `trainer org-key install FILE`"
    )


# ---------------------------------------------------------------- refusals


def _signed(store: Store, catalog, key: org_key.OrgKey, **changes: Any) -> str:
    bundle = bundles.build_bundle(store, catalog, key)
    del bundle["signature"]
    bundle.update(changes)
    return json.dumps({**bundle, "signature": org_key.sign(key, bundle)})


def _write_signed(path: Path, key: org_key.OrgKey, bundle: dict[str, Any]) -> Path:
    """`bundle`, changed by a test, signed again with the organisation key."""
    bundle.pop("signature", None)
    path.write_text(json.dumps({**bundle, "signature": org_key.sign(key, bundle)}))
    return path


def _good(laptop: Store, catalog, tmp_path: Path) -> str:
    path = tmp_path / "good.json"
    bundles.export_progress(laptop, catalog, path)
    return path.read_text(encoding="utf-8")


REFUSALS = {
    "tampered": (
        lambda good, **_: good.replace('"display_name":"Ana Ruiz"', '"display_name":"Ana Ruis"'),
        "bundle.json was changed after it was exported (its signature does not match):"
        " nothing was imported; ask for a fresh export",
    ),
    "truncated": (
        lambda good, **_: good[: len(good) // 2],
        "bundle.json: the file is incomplete or damaged: export it again and copy it whole",
    ),
    "wrong organisation": (
        lambda good, laptop, catalog, **_: _signed(
            laptop, catalog, org_key.new_key("South Clinic")
        ),
        "bundle.json belongs to another organisation (South Clinic); this installation"
        " imports bundles of North Clinic only",
    ),
    "wrong key": (
        lambda good, laptop, catalog, **_: _signed(laptop, catalog, org_key.new_key(ORG)),
        "bundle.json was signed with another key of North Clinic (key {other}; this"
        " installation has key {ours}): install the key the counselor's machine uses",
    ),
    "future version": (
        lambda good, laptop, catalog, key: _signed(
            laptop, catalog, key, version=bundles.VERSION + 1
        ),
        "bundle.json was made by a newer version of the app (bundle version 6):"
        " install the newer version here to import it",
    ),
    "not a bundle": (
        lambda good, **_: "learner,module,completion\nAna,basics,completed\n",
        "bundle.json is not a progress bundle: choose a file made by Export progress"
        " or `trainer export-progress`",
    ),
    "another json file": (
        lambda good, **_: json.dumps({"format": "something-else", "rows": []}),
        "bundle.json is not a progress bundle: choose a file made by Export progress"
        " or `trainer export-progress`",
    ),
}


@pytest.mark.parametrize("case", list(REFUSALS))
def test_a_refused_bundle_changes_nothing(case, laptop, office, catalog, key, tmp_path) -> None:
    complete_the_course(laptop, catalog)
    good = _good(laptop, catalog, tmp_path)
    earlier = accounts.create_learner(laptop, "Earlier")
    kept = tmp_path / "kept.json"
    bundles.export_progress(laptop, catalog, kept, learner_id=earlier.id)
    bundle_merge.import_bundle(office, kept)
    before = dump(office, with_settings=True)
    make, message = REFUSALS[case]
    text = make(good, laptop=laptop, catalog=catalog, key=key)
    path = tmp_path / "bundle.json"
    path.write_text(text, encoding="utf-8")

    with pytest.raises(bundles.BundleError) as refused:
        bundle_merge.import_bundle(office, path)
    if case == "wrong key":
        message = message.format(other=json.loads(text)["key_id"], ours=key.key_id)
    assert str(refused.value) == message
    assert dump(office, with_settings=True) == before


def test_a_truncated_compressed_bundle_is_refused(laptop, office, catalog, tmp_path) -> None:
    complete_the_course(laptop, catalog)
    path = tmp_path / "bundle.json.gz"
    bundles.export_progress(laptop, catalog, path)
    path.write_bytes(path.read_bytes()[:-40])
    with pytest.raises(bundles.BundleError, match=r"^bundle\.json\.gz: the file is incomplete"):
        bundle_merge.import_bundle(office, path)
    assert accounts.list_learners(office) == []


def test_a_bundle_whose_rows_do_not_fit_is_refused_even_when_signed(
    laptop, office, catalog, key, tmp_path
) -> None:
    complete_the_course(laptop, catalog)
    bundle = json.loads(_good(laptop, catalog, tmp_path))
    bundle["rows"]["learner"][0]["shoe_size"] = 42
    path = _write_signed(tmp_path / "odd.json", key, bundle)
    with pytest.raises(bundles.BundleError) as refused:
        bundle_merge.import_bundle(office, path)
    assert str(refused.value).endswith("(its profiles do not match this app)")
    assert accounts.list_learners(office) == []


def test_a_signed_bundle_listing_one_lesson_twice_keeps_the_first(
    laptop, office, catalog, key, tmp_path
) -> None:
    complete_the_course(laptop, catalog)
    bundle = json.loads(_good(laptop, catalog, tmp_path))
    first = bundle["rows"]["lesson_progress"][0]
    later = {**first, "id": "another-id", "active_seconds": first["active_seconds"] + 500}
    bundle["rows"]["lesson_progress"].append(later)
    path = _write_signed(tmp_path / "twice.json", key, bundle)
    summary = bundle_merge.import_bundle(office, path)
    assert summary.counts["lesson_progress"].added == len(bundle["rows"]["lesson_progress"]) - 1
    assert dump(office)["lesson_progress"] == dump(laptop)["lesson_progress"]


# ---------------------------------------------------------------- the key


def test_key_file_round_trip_and_refusals(store, tmp_path) -> None:
    path = tmp_path / "north.key"
    created = org_key.create_key_file(path, ORG)
    assert path.stat().st_mode & 0o077 == 0
    assert org_key.read_key_file(path) == created
    with pytest.raises(ServiceError, match="is an organisation key file: it is never written over"):
        org_key.create_key_file(path, ORG)
    assert "key=" not in repr(created)

    damaged = tmp_path / "damaged.key"
    damaged.write_text(path.read_text().replace(created.key_id, "0" * 16))
    with pytest.raises(ServiceError) as refused:
        org_key.read_key_file(damaged)
    assert str(refused.value) == (
        f"the key in {damaged} is damaged: ask your supervisor for a fresh copy of the key file"
    )

    assert org_key.install_key(store, created) is None
    assert org_key.installed_key(store) == created
    other = org_key.new_key("South Clinic")
    with pytest.raises(ServiceError, match="add --replace to use the key of South Clinic"):
        org_key.install_key(store, other)
    assert org_key.install_key(store, other, replace=True) == created
    assert org_key.installed_key(store) == other


@pytest.mark.parametrize("part", ["", "-wal", "-shm"])
def test_the_live_database_is_refused_as_a_bundle_without_being_opened(
    part, office, catalog, tmp_path
) -> None:
    assert office.path is not None
    chosen = office.path.with_name(office.path.name + part)
    before = dump(office)
    [refusal] = bundle_merge.import_bundles(office, [chosen])
    assert isinstance(refusal, bundles.BundleError)
    assert "this app's own database, not a progress bundle" in str(refusal)
    assert dump(office) == before
    assert not office.holds(tmp_path / "progress.json")


# ---------------------------------------------------------------- private practice answers


def _bundle_texts(path: Path) -> list[bytes]:
    """The file's raw bytes, and the JSON inside when it is compressed."""
    raw = path.read_bytes()
    return [raw, gzip.decompress(raw)] if path.name.endswith(".gz") else [raw]


@pytest.mark.parametrize("name", ["ana.json", "ana.json.gz"])
def test_a_private_reflection_is_nowhere_in_the_bundle_or_the_supervisors_database(
    laptop, office, catalog, tmp_path, name
) -> None:
    ana = accounts.create_learner(laptop, "Ana")
    practice.save_entry(laptop, catalog, ana.id, "what-is-pain", "b-reflect", {"1": SECRET})
    out = tmp_path / name
    bundles.export_progress(laptop, catalog, out)
    for text in _bundle_texts(out):
        assert SECRET.encode() not in text and b"father" not in text

    summary = bundle_merge.import_bundle(office, out)
    assert summary.counts["practice_entry"].added == 1  # that it was done still travels
    assert SECRET not in repr(dump(office))
    [entry] = practice.list_entries(office, catalog, ana.id, "what-is-pain", "b-reflect")
    assert entry.values == {}
    [done] = learner_record(office, catalog, ana.id).practice
    assert (done.item_title, done.entries, done.shared, done.answers) == (
        "Your pain story",
        1,
        False,
        (),
    )


def test_an_item_shared_with_the_supervisor_travels_with_its_answers(
    laptop, office, catalog, tmp_path
) -> None:
    ana = accounts.create_learner(laptop, "Ana")
    practice.save_entry(laptop, catalog, ana.id, "steps", "b-plan", {"topic": "Pacing"})
    out = tmp_path / "ana.json.gz"
    bundles.export_progress(laptop, catalog, out)
    assert b"Pacing" in gzip.decompress(out.read_bytes())
    bundle_merge.import_bundle(office, out)
    [done] = learner_record(office, catalog, ana.id).practice
    assert (done.item_title, done.entries, done.shared, done.answers) == (
        "Session plan",
        1,
        True,
        ("Topic: Pacing",),
    )


def test_an_older_bundle_with_answers_in_it_is_imported_without_them(
    laptop, office, catalog, key
) -> None:
    ana = accounts.create_learner(laptop, "Ana")
    practice.save_entry(laptop, catalog, ana.id, "what-is-pain", "b-reflect", {"1": SECRET})
    practice.save_entry(laptop, catalog, ana.id, "steps", "b-plan", {"topic": "Pacing"})
    bundle = bundles.build_bundle(laptop, catalog, key)
    del bundle[bundles.SHARED_PRACTICE]  # as a version-3 app wrote it: every answer inside
    bundle["version"] = 3
    for row in bundle["rows"]["practice_entry"]:
        row["entry"] = {"1": SECRET} if row["item_id"] == "b-reflect" else {"topic": "Pacing"}
    path = _write_signed(office.path.parent / "version-3.json", key, bundle)
    summary = bundle_merge.import_bundle(office, path)
    assert summary.counts["practice_entry"].added == 2
    # its learner was never told that answers travel: none are kept, not even the plan's
    assert SECRET not in repr(dump(office)) and "Pacing" not in repr(dump(office))
    assert [done.entries for done in learner_record(office, catalog, ana.id).practice] == [1, 1]


def test_the_record_never_shows_private_answers_the_database_holds(laptop, catalog) -> None:
    ana = accounts.create_learner(laptop, "Ana")  # as if an older import had stored them
    practice.save_entry(laptop, catalog, ana.id, "what-is-pain", "b-reflect", {"1": SECRET})
    [done] = learner_record(laptop, catalog, ana.id).practice
    assert done.entries == 1 and done.answers == () and SECRET not in repr(done)


@pytest.mark.parametrize(
    ("column", "value"),
    [("display_name", "Ana\u202eziuR"), ("display_name", "Ana\nRuiz"), ("credential", "x" * 101),
     ("organisation", "North\u2066 Clinic")],
)  # fmt: skip
def test_a_signed_bundle_with_a_profile_name_the_app_refuses_imports_nothing(
    column, value, laptop, office, catalog, key, tmp_path
) -> None:
    complete_the_course(laptop, catalog)
    bundle = bundles.build_bundle(laptop, catalog, key)
    bundle["rows"]["learner"][0][column] = value
    path = _write_signed(tmp_path / "hand-made.json", key, bundle)
    with pytest.raises(bundles.BundleError, match="a profile in it cannot be used here"):
        bundle_merge.import_bundle(office, path)
    assert accounts.list_learners(office) == []
