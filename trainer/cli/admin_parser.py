"""The administration commands' arguments; kept apart so the app starts without loading them."""

from __future__ import annotations

import argparse
from pathlib import Path

ROLES = ("learner", "trainer", "supervisor")
FORCE_HELP = "replace FILE if it exists (never the database or a key file)"


def add_admin_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    learners = commands.add_parser(
        "learners", help="add, list and rename profiles; set a trainer's or supervisor's password"
    )
    learner_commands = learners.add_subparsers(dest="action", metavar="ACTION", required=True)
    add = learner_commands.add_parser("add", help="create a profile")
    add.add_argument("name")
    add.add_argument("--role", choices=ROLES, default="learner")
    add.add_argument("--credential", default="", help="credential or licence number")
    add.add_argument("--organisation", default="")
    add.add_argument(
        "--password-stdin",
        action="store_true",
        help="read the password (trainer, supervisor) from stdin",
    )
    listing = learner_commands.add_parser("list", help="list profiles")
    listing.add_argument("--json", action="store_true")
    rename = learner_commands.add_parser("rename", help="change a profile's name")
    rename.add_argument("learner", metavar="LEARNER")
    rename.add_argument("name")
    password = learner_commands.add_parser(
        "set-password", help="set or reset the password of a trainer or supervisor profile"
    )
    password.add_argument("learner", metavar="LEARNER")
    password.add_argument(
        "--password-stdin",
        action="store_true",
        required=True,
        help="read the new password (8+ characters) from stdin",
    )

    progress = commands.add_parser("progress", help="a learner's progress, module by module")
    progress.add_argument("learner", metavar="LEARNER", help="profile id or name")
    progress.add_argument("--json", action="store_true")

    report = commands.add_parser(
        "report", help="the completion grid: one row per learner and module"
    )
    report.add_argument("--format", choices=["csv", "json"], default="csv")
    report.add_argument("--out", type=Path, metavar="FILE", help="write to FILE instead of stdout")
    report.add_argument("--force", action="store_true", help=FORCE_HELP)

    certificate = commands.add_parser("certificate", help="issue or verify certificates")
    certificate_commands = certificate.add_subparsers(
        dest="action", metavar="ACTION", required=True
    )
    issue = certificate_commands.add_parser("issue", help="issue a certificate as PDF")
    issue.add_argument("learner", metavar="LEARNER")
    issue.add_argument("--out", type=Path, required=True, metavar="FILE.pdf")
    issue.add_argument("--force", action="store_true", help=FORCE_HELP)
    verify = certificate_commands.add_parser("verify", help="check a verification code")
    verify.add_argument("code", type=_certificate_code, metavar="CODE")

    database = commands.add_parser("db", help="check, upgrade, back up and restore the database")
    db_commands = database.add_subparsers(dest="action", metavar="ACTION", required=True)
    db_commands.add_parser("upgrade", help="apply schema migrations (a backup is taken first)")
    db_commands.add_parser("check", help="check the database's integrity and schema")
    db_commands.add_parser("backup", help="take a backup now")
    db_commands.add_parser("backups", help="list the backups with their dates")
    restore = db_commands.add_parser("restore", help="restore a backup (default: the newest)")
    restore.add_argument("backup", nargs="?", type=Path, metavar="BACKUP")

    demo = commands.add_parser(
        "demo", help="fill a database with fictional learners in every state, to show the app"
    )
    demo.add_argument(
        "--db", metavar="URL", default=argparse.SUPPRESS,
        help="the database to fill (required: a new file path, sqlite:///PATH or a PostgreSQL URL)",
    )  # fmt: skip
    demo.add_argument(
        "--learners", type=_at_least_one, default=24, metavar="N",
        help="how many learners (default 24; 12 or more show every state)",
    )  # fmt: skip
    demo.add_argument(
        "--seed", type=int, default=1, help="the same seed gives the same learners (default 1)"
    )
    demo.add_argument(
        "--force", action="store_true",
        help="add demo learners to a database that holds real profiles",
    )  # fmt: skip


def _certificate_code(text: str) -> str:
    if not any(character.isalnum() for character in text):
        raise argparse.ArgumentTypeError(
            f"no code in {text!r}: give the 12-character code printed on the certificate,"
            " e.g. 7K3M-Q9PX-2HRT"
        )
    return text


def _at_least_one(text: str) -> int:
    try:
        number = int(text)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of 1 or more, not {text!r}")
    return number
