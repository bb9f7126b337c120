"""A profile as screens and commands see it, without the database code that reads it: the
start screen lists profiles before that code has loaded (services/first_look.py)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal

Role = Literal["learner", "trainer", "supervisor"]
ROLES: tuple[Role, ...] = ("learner", "trainer", "supervisor")


@dataclass(frozen=True)
class LearnerInfo:
    """A profile as the UI and CLI show it; never carries the password hash."""

    id: str
    display_name: str
    credential: str
    organisation: str
    role: Role
    created_at: datetime
