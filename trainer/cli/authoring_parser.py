"""The arguments of the trainer's authoring commands; kept apart so the app starts without them."""

from __future__ import annotations

import argparse
from pathlib import Path

AUTHORING_COMMANDS = frozenset({"item-analysis", "import-gift", "ce-report", "new", "release"})


def add_authoring_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `item-analysis`, `import-gift`, `ce-report`, `new` and `release` to the `trainer`
    command."""
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
    gift.add_argument(
        "--replace", action="store_true",
        help="when --module already has a quiz, make the new quiz its quiz instead",
    )  # fmt: skip

    report = commands.add_parser(
        "ce-report",
        help="the dossier for an approving body: objectives, hours, post-test checks and key,"
        " references, evaluation, a sample certificate, review dates",
    )
    report.add_argument("--json", action="store_true", help="print the report as JSON")
    report.add_argument("--out", type=Path, metavar="FILE.pdf", help="write the report as a PDF")
    report.add_argument("--force", action="store_true", help="replace --out if it exists")
    _add_new_commands(commands)
    _add_release_command(commands)


def _add_new_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    new = commands.add_parser(
        "new",
        help="create a module, lesson, quiz or client case that passes `trainer validate --strict`",
    )
    kinds = new.add_subparsers(dest="kind", metavar="KIND", required=True)
    module = kinds.add_parser(
        "module", help="a module folder with module.md, a first lesson and a quiz, listed last"
    )
    module.add_argument(
        "id", nargs="?", metavar="ID", help="the module id (default: made from the title)"
    )
    module.add_argument("--title", required=True, help="the module's title")
    lesson = kinds.add_parser("lesson", help="the module's next lesson file")
    lesson.add_argument("module", metavar="MODULE", help="the module id")
    lesson.add_argument("--title", required=True, help="the lesson's title; its id is made from it")
    quiz = kinds.add_parser("quiz", help="a quiz for a module that has none")
    quiz.add_argument("module", metavar="MODULE", help="the module id")
    case = kinds.add_parser(
        "case", help="a starter client case in the module's cases/ folder, to fill in"
    )
    case.add_argument("module", metavar="MODULE", help="the module id")
    case.add_argument("--title", required=True, help="the case's title; its id is made from it")
    for parser in (module, lesson, quiz, case):
        _add_content_options(parser)


def _add_release_command(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    release = commands.add_parser(
        "release",
        help="check the course strictly, set its version, stamp `reviewed:` on changed pages"
        " and add a CHANGELOG.md entry",
    )
    release.add_argument("--version", required=True, metavar="X.Y.Z", help="the new version")
    release.add_argument("--notes", required=True, metavar="TEXT", help="what changed")
    _add_content_options(release)


def _add_content_options(parser: argparse.ArgumentParser) -> None:
    """`--course` and `--quizzes` after the command too; given before it, they still count."""
    parser.add_argument(
        "--course", type=Path, default=argparse.SUPPRESS, metavar="DIR",
        help="curriculum folder (default: the shipped course)",
    )  # fmt: skip
    parser.add_argument(
        "--quizzes", type=Path, default=argparse.SUPPRESS, metavar="DIR",
        help="quiz folder (default: the shipped quizzes)",
    )  # fmt: skip
