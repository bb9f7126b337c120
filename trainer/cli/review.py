"""Running the booster-review commands: `trainer review status LEARNER`.

Returns an exit code; refusals raise ServiceError or StoreError, which the caller turns
into one line on stderr and exit 1.
"""

from __future__ import annotations

import argparse
import json
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import Any

from trainer.services import accounts
from trainer.services.catalog import open_catalog
from trainer.services.database import open_database
from trainer.services.reviews import ReviewStatus, review_settings, review_status

EXIT_OK = 0


def run_review(args: argparse.Namespace, course_dir: Path, quiz_dir: Path) -> int:
    store = open_database(args.db)
    try:
        learner = accounts.find_learner(store, args.learner)
        catalog = open_catalog(course_dir, quiz_dir)
        now = _moment(args.on)
        status = review_status(store, catalog, learner.id, now)
    finally:
        store.close()
    if args.json:
        print(json.dumps(_as_json(learner.display_name, now, status), indent=2))
    elif review_settings(catalog) is None:
        print(f"{learner.display_name}: this course has no booster reviews")
    else:
        print("\n".join(_lines(learner.display_name, now, status)))
    return EXIT_OK


def _moment(day: date | None) -> datetime:
    """Now, or the end of the day asked for (so everything due that day counts)."""
    if day is None:
        return datetime.now(UTC)
    return datetime.combine(day, time(23, 59, 59), tzinfo=UTC)


def _as_json(name: str, now: datetime, status: ReviewStatus) -> dict[str, Any]:
    return {
        "learner": name,
        "on": now.date().isoformat(),
        "started": status.started,
        "starts_on": status.starts_on.isoformat() if status.starts_on else None,
        "due_total": status.due_total,
        "next_due": status.next_due.isoformat() if status.next_due else None,
        "objectives": [{"id": o.objective_id, "due": o.due} for o in status.objectives],
    }


def _lines(name: str, now: datetime, status: ReviewStatus) -> list[str]:
    if status.starts_on is None:
        return [f"{name}: no booster reviews yet: they start the day after the course is complete"]
    if not status.started:
        return [f"{name}: booster reviews start on {status.starts_on.isoformat()}"]
    items = "item" if status.due_total == 1 else "items"
    lines = [f"{name}: {status.due_total} booster {items} due on {now.date().isoformat()}"]
    lines += [f"  {o.objective_id}: {o.due} due" for o in status.objectives if o.due]
    if status.next_due is not None:
        lines.append(f"  next due: {status.next_due:%Y-%m-%d %H:%M} UTC")
    return lines
