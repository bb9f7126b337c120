"""The arguments of `trainer report retention`; kept apart so the app starts without them."""

from __future__ import annotations

import argparse
from pathlib import Path

FORCE_HELP = "replace FILE if it exists"


def add_report_retention(report: argparse.ArgumentParser) -> None:
    """Add `retention` under the `report` command, whose own options stay as they are
    (`trainer report` alone is still the completion grid)."""
    kinds = report.add_subparsers(dest="report_kind", metavar="REPORT")
    retention = kinds.add_parser(
        "retention",
        help="booster answers 80 to 100 days after completion: share right per objective,"
        " with its 95%% interval",
    )
    retention.add_argument("--json", action="store_true", help="print the report as JSON")
    retention.add_argument("--csv", type=Path, metavar="FILE", help="also write it to FILE as CSV")
    retention.add_argument("--force", action="store_true", help=FORCE_HELP)


def is_retention_report(args: argparse.Namespace) -> bool:
    return args.command == "report" and getattr(args, "report_kind", None) == "retention"
