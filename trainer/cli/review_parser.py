"""The arguments of the booster-review commands; kept apart so the app starts without them."""

from __future__ import annotations

import argparse
from datetime import date

REVIEW_COMMANDS = frozenset({"review"})


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"`{text}` is not a date: write YYYY-MM-DD") from None


def add_review_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `review status` to the `trainer` command."""
    review = commands.add_parser("review", help="booster reviews after the course")
    review_commands = review.add_subparsers(dest="action", metavar="ACTION", required=True)
    status = review_commands.add_parser(
        "status", help="a learner's booster items due, per objective, and the next due date"
    )
    status.add_argument("learner", metavar="LEARNER", help="profile id or name")
    status.add_argument("--json", action="store_true")
    status.add_argument(
        "--on", type=_day, metavar="YYYY-MM-DD", help="as on that day (default: now)"
    )
