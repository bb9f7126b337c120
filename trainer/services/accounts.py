"""Learner profiles and the password-protected trainer and supervisor roles."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal, cast

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from trainer.services.errors import ServiceError
from trainer.services.passwords import hash_password, verify_password
from trainer.store.db import Store
from trainer.store.models import Learner

Role = Literal["learner", "trainer", "supervisor"]
ROLES: tuple[Role, ...] = ("learner", "trainer", "supervisor")
MIN_PASSWORD_LENGTH = 8


@dataclass(frozen=True)
class LearnerInfo:
    """A profile as the UI and CLI show it; never carries the password hash."""

    id: str
    display_name: str
    credential: str
    organisation: str
    role: Role
    created_at: datetime


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
    """Create a profile; trainer and supervisor profiles need a password."""
    name = display_name.strip()
    if not name:
        raise ServiceError("a profile needs a name")
    if role not in ROLES:
        raise ServiceError(f"unknown role `{role}`: use one of {', '.join(ROLES)}")
    if role != "learner":
        _check_new_password(password)
    with store.session() as session:
        learner = Learner(
            installation_id=store.installation_id,
            display_name=name,
            credential=credential.strip(),
            organisation=organisation.strip(),
            role=role,
            password_hash=hash_password(password) if role != "learner" and password else None,
        )
        session.add(learner)
        session.flush()
        return _info(learner)


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
    name = display_name.strip()
    if not name:
        raise ServiceError("a profile needs a name")
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
        raise ServiceError(f"no profile `{key}`: `trainer learners list` shows them")
    if len(matches) > 1:
        ids = ", ".join(m.id[:8] for m in matches)
        raise ServiceError(f"`{key}` matches {len(matches)} profiles ({ids}): use the id")
    return _info(matches[0])


def authenticate(store: Store, learner_id: str, password: str) -> LearnerInfo:
    """Open a trainer or supervisor profile; a wrong password is refused."""
    with store.reading() as session:
        learner = _get(session, learner_id)
        if learner.role == "learner":
            return _info(learner)
        if not learner.password_hash or not verify_password(password, learner.password_hash):
            raise ServiceError(
                f"wrong password for {learner.display_name}: try again, or ask another"
                f" {learner.role} to reset it"
            )
        return _info(learner)


def set_password(store: Store, learner_id: str, password: str) -> None:
    _check_new_password(password)
    with store.session() as session:
        _get(session, learner_id).password_hash = hash_password(password)


def _get(session: Session, learner_id: str) -> Learner:
    learner = session.get(Learner, learner_id)
    if learner is None:
        raise ServiceError(f"no profile with id {learner_id}")
    return learner
