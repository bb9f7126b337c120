"""Practice items: worksheet entries, reflection answers and relaxation sessions are kept."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from trainer.services import accounts, practice
from trainer.services.catalog import open_catalog
from trainer.services.errors import ServiceError

PRACTICE_LESSON = """\
---
id: steps
title: The steps
minutes: 15
objectives: [b-steps]
practice:
  - id: breathing
    type: relaxation
    title: Slow breathing
    minutes: 2
    instructions: Sit **comfortably**.
    steps:
      - Breathe in for four.
      - Breathe out for six.
  - id: diary
    type: worksheet
    title: Pain diary
    repeat: true
    instructions: One row a day.
    fields:
      - {id: day, label: Date, kind: date}
      - {id: bedtime, label: Time to bed, kind: time}
      - {id: minutes, label: Minutes to fall asleep, kind: number}
      - {id: pain, label: Pain, kind: scale, min: 0, max: 10}
      - {id: where, label: Where, kind: text}
      - {id: notes, label: Notes, kind: long_text}
  - id: plan
    type: worksheet
    title: Flare plan
    fields:
      - {id: first-step, label: First step, kind: text}
      - {id: confidence, label: Confidence, kind: scale, min: 1, max: 5}
---
## The four steps {#four-steps}

Transduction, transmission, modulation and perception.[^raja2020]

## Why it matters

Back to [the definition](01-what-is-pain.md#definition).
"""


@pytest.fixture
def course(write_course):
    root = write_course({"curriculum/basics/02-steps.md": PRACTICE_LESSON})
    opened = open_catalog(root / "curriculum", root / "quizzes")
    assert opened.problems == ()
    return opened


@pytest.fixture
def learner_id(store) -> str:
    return accounts.create_learner(store, "Dana Counselor").id


def test_worksheet_values_are_stored_in_a_normal_form(store, course, learner_id) -> None:
    entry_id = practice.save_entry(
        store,
        course,
        learner_id,
        "steps",
        "diary",
        {"day": "2025-03-14", "bedtime": "22:30:00", "minutes": "15", "pain": 7.0, "notes": "ok"},
    )
    [entry] = practice.list_entries(store, course, learner_id, "steps", "diary")
    assert entry.id == entry_id
    assert entry.values == {
        "day": "2025-03-14",
        "bedtime": "22:30",
        "minutes": 15,
        "pain": 7,
        "notes": "ok",
    }


def test_repeating_worksheet_rows_are_separate_entries(store, course, learner_id) -> None:
    first = practice.save_entry(store, course, learner_id, "steps", "diary", {"where": "home"})
    second = practice.save_entry(store, course, learner_id, "steps", "diary", {"where": "work"})
    practice.save_entry(
        store, course, learner_id, "steps", "diary", {"minutes": 2.5}, entry_id=first
    )
    entries = practice.list_entries(store, course, learner_id, "steps", "diary")
    assert [e.id for e in entries] == [first, second]
    assert entries[0].values == {"where": "home", "minutes": 2.5}


def test_an_empty_value_clears_the_field(store, course, learner_id) -> None:
    entry_id = practice.save_entry(
        store, course, learner_id, "steps", "diary", {"where": "home", "pain": 3}
    )
    practice.save_entry(
        store, course, learner_id, "steps", "diary", {"where": " ", "pain": None}, entry_id
    )
    [entry] = practice.list_entries(store, course, learner_id, "steps", "diary")
    assert entry.values == {}


def test_a_single_form_and_a_reflection_keep_one_entry(store, course, learner_id) -> None:
    for text in ("Walk", "Walk slowly"):
        practice.save_entry(store, course, learner_id, "steps", "plan", {"first-step": text})
        practice.save_entry(store, course, learner_id, "what-is-pain", "b-reflect", {"1": text})
    [plan] = practice.list_entries(store, course, learner_id, "steps", "plan")
    [reflection] = practice.list_entries(store, course, learner_id, "what-is-pain", "b-reflect")
    assert plan.values == {"first-step": "Walk slowly"}
    assert reflection.values == {"1": "Walk slowly"}


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"minutes": "a few"}, "“Minutes to fall asleep” needs a number, such as 15 or 2.5"),
        ({"minutes": float("nan")}, "needs a number"),
        ({"pain": 11}, "“Pain” needs a whole number from 0 to 10"),
        ({"pain": 2.5}, "“Pain” needs a whole number from 0 to 10"),
        ({"pain": True}, "whole number from 0 to 10"),
        ({"day": "14/03/2025"}, "“Date” needs a date such as 2025-03-14"),
        ({"bedtime": "late"}, "“Time to bed” needs a time such as 22:30"),
        ({"mood": "low"}, "“Pain diary” has no field mood"),
        ({"notes": "x" * 20_001}, "“Notes” is too long"),
        ({"where": 5}, "“Where” needs text"),
    ],
)
def test_bad_values_are_refused_with_a_clear_message(
    store, course, learner_id, values, message
) -> None:
    with pytest.raises(ServiceError, match=message):
        practice.save_entry(store, course, learner_id, "steps", "diary", values)
    assert practice.list_entries(store, course, learner_id, "steps", "diary") == []


def test_a_reflection_has_only_its_prompts(store, course, learner_id) -> None:
    with pytest.raises(ServiceError, match="has no prompt 2"):
        practice.save_entry(store, course, learner_id, "what-is-pain", "b-reflect", {"2": "x"})


def test_unknown_items_are_refused(store, course, learner_id) -> None:
    with pytest.raises(ServiceError, match="has no practice item `nope`"):
        practice.list_entries(store, course, learner_id, "steps", "nope")
    with pytest.raises(ServiceError, match="no lesson"):
        practice.save_entry(store, course, learner_id, "gone", "diary", {})


def test_delete_entry_and_saving_to_a_deleted_entry(store, course, learner_id) -> None:
    keep = practice.save_entry(store, course, learner_id, "steps", "diary", {"where": "a"})
    drop = practice.save_entry(store, course, learner_id, "steps", "diary", {"where": "b"})
    practice.delete_entry(store, learner_id, drop)
    practice.delete_entry(store, learner_id, drop)  # twice is fine
    assert [e.id for e in practice.list_entries(store, course, learner_id, "steps", "diary")] == [
        keep
    ]
    with pytest.raises(ServiceError, match="was deleted"):
        practice.save_entry(store, course, learner_id, "steps", "diary", {"where": "c"}, drop)


def test_entries_belong_to_their_learner(store, course, learner_id) -> None:
    other = accounts.create_learner(store, "Sam").id
    entry_id = practice.save_entry(store, course, learner_id, "steps", "diary", {"where": "a"})
    practice.delete_entry(store, other, entry_id)
    assert practice.list_entries(store, course, other, "steps", "diary") == []
    with pytest.raises(ServiceError, match="was deleted"):
        practice.save_entry(store, course, other, "steps", "diary", {"where": "b"}, entry_id)
    assert len(practice.list_entries(store, course, learner_id, "steps", "diary")) == 1


def test_relaxation_sessions_are_logged_newest_first(store, course, learner_id) -> None:
    earlier = datetime(2025, 3, 1, 9, 0, tzinfo=UTC)
    practice.record_relaxation_session(
        store, course, learner_id, "steps", "breathing", started_at=earlier, seconds=120,
        completed=True, note="tension 6 to 3",
    )  # fmt: skip
    practice.record_relaxation_session(
        store, course, learner_id, "steps", "breathing",
        started_at=earlier + timedelta(days=1), seconds=45, completed=False,
    )  # fmt: skip
    sessions = practice.relaxation_sessions(store, course, learner_id, "steps", "breathing")
    assert [(s.started_at, s.seconds, s.completed) for s in sessions] == [
        (earlier + timedelta(days=1), 45, False),
        (earlier, 120, True),
    ]
    assert sessions[1].note == "tension 6 to 3"


def test_relaxation_sessions_are_checked(store, course, learner_id) -> None:
    now = datetime.now(UTC)
    with pytest.raises(ServiceError, match="between 0 seconds and one day"):
        practice.record_relaxation_session(
            store, course, learner_id, "steps", "breathing", started_at=now, seconds=-1,
            completed=False,
        )  # fmt: skip
    with pytest.raises(ServiceError, match="not a relaxation practice"):
        practice.record_relaxation_session(
            store, course, learner_id, "steps", "diary", started_at=now, seconds=1,
            completed=False,
        )  # fmt: skip
    with pytest.raises(ServiceError, match="record_relaxation_session"):
        practice.save_entry(store, course, learner_id, "steps", "breathing", {"seconds": 3})


def test_worksheet_html_lists_every_entry_escaped(store, course, learner_id) -> None:
    practice.save_entry(
        store, course, learner_id, "steps", "diary",
        {"pain": 4, "notes": "line one\n<b>line two</b>", "minutes": 20},
    )  # fmt: skip
    item = practice.find_item(course, "steps", "diary")
    entries = practice.list_entries(store, course, learner_id, "steps", "diary")
    html = practice.worksheet_html(
        course, item, entries, learner_name="Dana <C>", on=date(2025, 3, 14)
    )
    assert "Pain diary" in html and "Dana &lt;C&gt;" in html and "2025-03-14" in html
    assert "4 / 10" in html and ">20<" in html
    assert "line one<br>&lt;b&gt;line two&lt;/b&gt;" in html
    assert "<p>One row a day.</p>" in html


def test_instructions_are_rendered_and_sanitised(course) -> None:
    item = practice.find_item(course, "steps", "breathing")
    assert practice.instructions_html(item) == "<p>Sit <strong>comfortably</strong>.</p>"
    assert practice.instructions_html(practice.find_item(course, "steps", "plan")) == ""
