"""The arguments of the trainer's authoring commands; kept apart so the app starts without them."""

from __future__ import annotations

import argparse
from pathlib import Path

AUTHORING_COMMANDS = frozenset({"item-analysis", "import-gift", "ce-report"})


def add_authoring_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `item-analysis` and `import-gift` to the `trainer` command."""
    analysis = commands.add_parser(
        "item-analysis",
        help="per question: how many answered, share correct, discrimination, flags",
    )
    analysis.add_argument("--quiz", metavar="ID", help="only this quiz (default: every quiz)")
    analysis.add_argument("--json", action="store_true", help="print the statistics as JSON")

    gift = commands.add_parser(
        "import-gift", help="convert a Moodle GIFT question bank to a quiz file"
    )
    gift.add_argument("file", type=Path, metavar="FILE", help="the GIFT file exported from Moodle")
    gift.add_argument(
        "--out", type=Path, required=True, metavar="quizzes/NAME.yaml",
        help="the quiz file to write; its name is the quiz id",
    )  # fmt: skip
    gift.add_argument("--module", metavar="MODULE", help="the module id the quiz belongs to")
    gift.add_argument("--objective", metavar="OBJ", help="the objective id of every question")
    gift.add_argument(
        "--lesson", metavar="LESSON", help="the lesson (and #anchor) of every question"
    )
    gift.add_argument("--force", action="store_true", help="replace --out if it exists")

    report = commands.add_parser(
        "ce-report",
        help="the dossier for an approving body: objectives, hours, post-test checks and key,"
        " references, evaluation, a sample certificate, review dates",
    )
    report.add_argument("--json", action="store_true", help="print the report as JSON")
    report.add_argument("--out", type=Path, metavar="FILE.pdf", help="write the report as a PDF")
    report.add_argument("--force", action="store_true", help="replace --out if it exists")
