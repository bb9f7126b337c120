"""Profiles: names, credentials and organisations are checked; passwords can be set."""

from __future__ import annotations

import re

import pytest

from trainer.services import accounts
from trainer.services.errors import ServiceError


@pytest.mark.parametrize(
    ("name", "says"),
    [
        ("Ana\nRuiz", "a name cannot hold a line break, tab or other control character (U+000A)"),
        ("Ana\tRuiz", "a name cannot hold a line break, tab or other control character (U+0009)"),
        ("Ana\x00", "control character (U+0000)"),
        ("Ana\u2028Ruiz", "line break"),
        ("x" * 5000, "a name can be at most 100 characters; this one has 5000"),
        ("Ana \u202eziuR", "a name cannot hold an invisible direction mark (U+202E)"),
        ("\u2066Ana\u2069", "invisible direction mark (U+2066)"),
        ("Ana\u200f", "invisible direction mark (U+200F)"),
        ("\u061cAna", "invisible direction mark (U+061C)"),
    ],
)
def test_a_name_that_would_not_show_as_typed_is_refused(store, name: str, says: str) -> None:
    with pytest.raises(ServiceError, match=re.escape(says)):
        accounts.create_learner(store, name)
    ana = accounts.create_learner(store, "Ana")
    with pytest.raises(ServiceError, match=r"cannot hold|at most 100"):
        accounts.rename_learner(store, ana.id, name)
    assert [p.display_name for p in accounts.list_learners(store)] == ["Ana"]


def test_credential_and_organisation_are_checked_too(store) -> None:
    with pytest.raises(ServiceError, match="a credential cannot hold a line break"):
        accounts.create_learner(store, "Ana", credential="LADC\n1")
    with pytest.raises(ServiceError, match="an organisation can be at most 100 characters"):
        accounts.create_learner(store, "Ana", organisation="North " * 20)
    with pytest.raises(ServiceError, match="an organisation cannot hold an invisible direction"):
        accounts.create_learner(store, "Ana", organisation="North\u202d")
    assert accounts.list_learners(store) == []


def test_names_keep_what_was_typed_but_the_surrounding_spaces(store) -> None:
    longest = "م" * 100
    ana = accounts.create_learner(
        store, "  Ana Ruiz ", credential=" LADC-10234 ", organisation=" North  Clinic "
    )
    assert (ana.display_name, ana.credential, ana.organisation) == (
        "Ana Ruiz",
        "LADC-10234",
        "North  Clinic",
    )
    assert accounts.create_learner(store, longest).display_name == longest
    assert (
        accounts.create_learner(store, "李小龙 O'Brien-Søren").display_name
        == "李小龙 O'Brien-Søren"
    )
    assert accounts.rename_learner(store, ana.id, " Ana María ").display_name == "Ana María"


def test_a_second_profile_of_the_same_name_is_allowed_and_found_to_warn(store) -> None:
    first = accounts.create_learner(store, "Ana Ruiz")
    assert accounts.duplicate_names(store, "Ana Ruiz", role="learner", excluding=first.id) == []
    second = accounts.create_learner(store, "ana ruiz ")
    namesakes = accounts.duplicate_names(store, "ana ruiz", role="learner", excluding=second.id)
    assert [p.id for p in namesakes] == [first.id]
    accounts.create_learner(store, "Ana Ruiz", role="supervisor", password="long enough")
    assert len(accounts.duplicate_names(store, "Ana Ruiz", role="learner")) == 2
    assert len(accounts.duplicate_names(store, "Ana Ruiz", role="supervisor")) == 1


def test_a_trainer_or_supervisor_password_can_be_set_and_reset(store) -> None:
    sam = accounts.create_learner(store, "Sam", role="supervisor", password="first password")
    assert accounts.set_password(store, sam.id, "second password").id == sam.id
    assert accounts.authenticate(store, sam.id, "second password").id == sam.id
    with pytest.raises(ServiceError, match="wrong password for Sam"):
        accounts.authenticate(store, sam.id, "first password")
    with pytest.raises(ServiceError, match="need a password of at least 8 characters"):
        accounts.set_password(store, sam.id, "short")
    ana = accounts.create_learner(store, "Ana")
    with pytest.raises(ServiceError, match="Ana is a learner profile, which opens without a pass"):
        accounts.set_password(store, ana.id, "long enough")


def test_a_short_id_prefix_says_six_characters_are_needed(store) -> None:
    ana = accounts.create_learner(store, "Ana")
    with pytest.raises(ServiceError) as refused:
        accounts.find_learner(store, ana.id[:5])
    assert str(refused.value) == (
        f"no profile `{ana.id[:5]}` (an id prefix needs at least 6 characters):"
        " `trainer learners list` shows them"
    )
    assert accounts.find_learner(store, ana.id[:6]).id == ana.id


DIRECTION_MARKS = [*"\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"]


@pytest.mark.parametrize("mark", DIRECTION_MARKS, ids=lambda mark: f"U+{ord(mark):04X}")
def test_every_direction_mark_is_refused_in_every_field(store, mark: str) -> None:
    says = f"cannot hold an invisible direction mark (U+{ord(mark):04X})"
    for fields in (
        {"display_name": f"Ana{mark} Ruiz"},
        {"display_name": "Ana", "credential": f"LADC{mark}-1"},
        {"display_name": "Ana", "organisation": f"{mark}North"},
    ):
        with pytest.raises(ServiceError, match=re.escape(says)):
            accounts.create_learner(store, **fields)
    assert accounts.list_learners(store) == []


@pytest.mark.parametrize("mark", DIRECTION_MARKS, ids=lambda mark: f"U+{ord(mark):04X}")
def test_the_command_line_refuses_a_direction_mark_with_exit_1(
    capsys, tmp_path, demo_root, mark: str
) -> None:
    from trainer.cli import main

    cli = ["--db", str(tmp_path / "cli.sqlite3"), "--course", str(demo_root / "curriculum"),
           "--quizzes", str(demo_root / "quizzes")]  # fmt: skip
    for extra in (["Ana" + mark], ["Ana", "--credential", mark + "1"]):
        assert main([*cli, "learners", "add", *extra]) == 1
        assert "invisible direction mark" in capsys.readouterr().err
