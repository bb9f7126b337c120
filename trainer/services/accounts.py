"""Learner profiles and the password-protected trainer and supervisor roles."""

from __future__ import annotations

import unicodedata
from typing import cast

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from trainer.services.errors import ServiceError
from trainer.services.passwords import hash_password, verify_password
from trainer.services.profile_info import ROLES as ROLES
from trainer.services.profile_info import LearnerInfo as LearnerInfo
from trainer.services.profile_info import Role as Role
from trainer.store.db import Store
from trainer.store.models import Learner

MIN_PASSWORD_LENGTH = 8
MAX_FIELD_LENGTH = 100  # a name, credential or organisation; the certificate prints them
# Invisible marks that turn the direction of the text around them: in a name they can make
# a list, a certificate or a spreadsheet show something other than what was typed.
BIDI_CONTROLS = frozenset(
    "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
)


def _info(learner: Learner) -> LearnerInfo:
    return LearnerInfo(
        learner.id,
        learner.display_name,
        learner.credential,
        learner.organisation,
        cast(Role, learner.role),  # profiles are made only by create_learner, with a Role
        learner.created_at,
    )


def create_learner(
    store: Store,
    display_name: str,
    *,
    credential: str = "",
    organisation: str = "",
    role: Role = "learner",
    password: str | None = None,
) -> LearnerInfo:
    """Create a profile; trainer and supervisor profiles need a password.

    The name, credential and organisation lose their surrounding spaces and are refused
    when too long or holding control characters; a name another profile of the same role
    already has is allowed (`duplicate_names` finds them, to warn).
    """
    name = clean_name(display_name)
    credential = clean_field(credential, "a credential")
    organisation = clean_field(organisation, "an organisation")
    if role not in ROLES:
        raise ServiceError(f"unknown role `{role}`: use one of {', '.join(ROLES)}")
    if role != "learner":
        _check_new_password(password)
    with store.session() as session:
        learner = Learner(
            installation_id=store.installation_id,
            display_name=name,
            credential=credential,
            organisation=organisation,
            role=role,
            password_hash=hash_password(password) if role != "learner" and password else None,
        )
        session.add(learner)
        session.flush()
        return _info(learner)


def clean_name(display_name: str) -> str:
    """A profile's name without its surrounding spaces; refused when empty, too long or
    holding a line break, tab, other control character or direction mark."""
    name = clean_field(display_name, "a name")
    if not name:
        raise ServiceError("a profile needs a name")
    return name


def clean_field(value: str, what: str) -> str:
    """`value` without surrounding spaces; refused, saying why, when it is over
    MAX_FIELD_LENGTH characters or holds a control character or direction mark."""
    text = value.strip()
    if len(text) > MAX_FIELD_LENGTH:
        raise ServiceError(
            f"{what} can be at most {MAX_FIELD_LENGTH} characters; this one has {len(text)}"
        )
    for character in text:
        if character in BIDI_CONTROLS:
            raise ServiceError(
                f"{what} cannot hold an invisible direction mark (U+{ord(character):04X}):"
                " type it again without pasting"
            )
        if unicodedata.category(character) in ("Cc", "Zl", "Zp"):
            raise ServiceError(
                f"{what} cannot hold a line break, tab or other control character"
                f" (U+{ord(character):04X}): keep it on one line"
            )
    return text


def duplicate_names(
    store: Store, display_name: str, *, role: Role, excluding: str | None = None
) -> list[LearnerInfo]:
    """The other profiles of `role` called `display_name` (ignoring case and surrounding
    spaces), but `excluding` (an id): allowed, but worth a warning, as lists, the grid and
    certificates cannot tell them apart."""
    name = display_name.strip().lower()
    with store.reading() as session:
        query = select(Learner).where(
            func.lower(Learner.display_name) == name, Learner.role == role
        )
        if excluding is not None:
            query = query.where(Learner.id != excluding)
        return [_info(learner) for learner in session.scalars(query.order_by(Learner.created_at))]


def _check_new_password(password: str | None) -> None:
    if not password or len(password) < MIN_PASSWORD_LENGTH:
        raise ServiceError(
            f"trainer and supervisor profiles need a password of at least {MIN_PASSWORD_LENGTH}"
            " characters"
        )


def list_learners(store: Store, role: Role | None = None) -> list[LearnerInfo]:
    """Every profile, by name."""
    with store.reading() as session:
        query = select(Learner).order_by(func.lower(Learner.display_name), Learner.created_at)
        if role is not None:
            query = query.where(Learner.role == role)
        return [_info(learner) for learner in session.scalars(query)]


def rename_learner(store: Store, learner_id: str, display_name: str) -> LearnerInfo:
    """Give a profile another name, checked as `create_learner` checks it."""
    name = clean_name(display_name)
    with store.session() as session:
        learner = _get(session, learner_id)
        learner.display_name = name
        return _info(learner)


def find_learner(store: Store, key: str) -> LearnerInfo:
    """A profile by id, id prefix (6 or more characters) or exact name; refused if ambiguous."""
    with store.reading() as session:
        learner = session.get(Learner, key)
        if learner is not None:
            return _info(learner)
        matches = list(
            session.scalars(
                select(Learner).where(
                    (func.lower(Learner.display_name) == key.strip().lower())
                    | (Learner.id.startswith(key) if len(key) >= 6 else False)
                )
            )
        )
    if not matches:
        hint = " (an id prefix needs at least 6 characters)" if _short_id_prefix(key) else ""
        raise ServiceError(f"no profile `{key}`{hint}: `trainer learners list` shows them")
    if len(matches) > 1:
        ids = ", ".join(m.id[:8] for m in matches)
        raise ServiceError(f"`{key}` matches {len(matches)} profiles ({ids}): use the id")
    return _info(matches[0])


def _short_id_prefix(key: str) -> bool:
    """Could `key` be the start of an id, too short to be looked up as one?"""
    return 0 < len(key) < 6 and all(c in "0123456789abcdef-" for c in key.lower())


def authenticate(store: Store, learner_id: str, password: str) -> LearnerInfo:
    """Open a trainer or supervisor profile; a wrong password is refused, and a profile
    with none (imported from another machine) says how to set one."""
    with store.reading() as session:
        learner = _get(session, learner_id)
        if learner.role == "learner":
            return _info(learner)
        if not learner.password_hash:
            raise ServiceError(
                f"{learner.display_name} has no password yet (profiles imported from another"
                " machine come without one): a supervisor sets one with"
                f' `trainer learners set-password "{learner.display_name}" --password-stdin`'
            )
        if not verify_password(password, learner.password_hash):
            raise ServiceError(
                f"wrong password for {learner.display_name}: try again, or ask another"
                f" {learner.role} to reset it"
            )
        return _info(learner)


def has_password(store: Store, learner_id: str) -> bool:
    """True when the profile has a password set (a learner's never has; a trainer or
    supervisor imported from another machine has none until a supervisor sets one)."""
    with store.reading() as session:
        return bool(_get(session, learner_id).password_hash)


def check_has_password(learner: LearnerInfo) -> None:
    """Refuse a learner profile where a password is to be set: it opens without one."""
    if learner.role == "learner":
        raise ServiceError(
            f"{learner.display_name} is a learner profile, which opens without a password;"
            " only trainer and supervisor profiles have one"
        )


def set_password(store: Store, learner_id: str, password: str) -> LearnerInfo:
    """Set or reset the password of a trainer or supervisor profile; learner profiles have
    none, and are refused."""
    with store.reading() as session:
        check_has_password(_info(_get(session, learner_id)))
    _check_new_password(password)
    hashed = hash_password(password)
    with store.session() as session:
        learner = _get(session, learner_id)
        learner.password_hash = hashed
        return _info(learner)


def _get(session: Session, learner_id: str) -> Learner:
    learner = session.get(Learner, learner_id)
    if learner is None:
        raise ServiceError(f"no profile with id {learner_id}")
    return learner
