"""What the start screen shows, found in a few milliseconds: the course title and the
profiles, before the course and database code has loaded (about 0.6 s more here).

It needs the course as kept at the last start (services/course_cache.py) and a database
that is a plain SQLite file, read with Python's own sqlite3 (store/profile_list.py). When
either is missing, or anything looks unusual, there is no first look (None) and the app
shows the start screen once the course has loaded and the database is open, as it always
does: the full open then checks, migrates and lists the profiles again, so what the first
look shows is never the last word.

It runs on the UI thread before the task runner's worker starts: nothing else imports or
opens the database then.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import cast

from trainer.services.course_cache import kept_summary
from trainer.services.profile_info import ROLES, LearnerInfo
from trainer.store.errors import StoreError
from trainer.store.location import plain_file
from trainer.store.profile_list import read_profiles

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class FirstLook:
    course_title: str
    profiles: list[LearnerInfo]
    installation_id: str  # "" for a database not made yet


def first_look(course_dir: Path, quiz_dir: Path, db_option: str | None) -> FirstLook | None:
    summary = kept_summary([course_dir, quiz_dir])
    if not summary or not summary.get("title"):
        return None
    try:
        path = plain_file(db_option)
    except (OSError, RuntimeError, StoreError):  # no home folder, a loop of links
        return None
    found = read_profiles(path) if path is not None else None
    if found is None:
        return None
    installation_id, rows = found
    profiles = [_profile(row) for row in rows]
    if None in profiles:
        return None
    return FirstLook(summary["title"], cast(list[LearnerInfo], profiles), installation_id)


def _profile(row: Sequence[object]) -> LearnerInfo | None:
    """A row of profile_list.PROFILES, or None if it is not as this version writes it."""
    learner_id, name, credential, organisation, role, created = row
    texts = (learner_id, name, credential, organisation, role, created)
    if not all(isinstance(text, str) for text in texts) or role not in ROLES:
        log.info("a profile row unlike this version's: left to the full open")
        return None
    try:
        created_at = datetime.fromisoformat(str(created)).replace(tzinfo=UTC)
    except ValueError:
        return None
    return LearnerInfo(
        str(learner_id), str(name), str(credential), str(organisation), role, created_at
    )
