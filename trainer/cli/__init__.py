"""The `trainer` command: the app with no sub-command, and the authoring commands.

Refusals print one line on stderr and exit 1. So does an unexpected error: its traceback
goes to the app's log file (services/app_log), never to the terminal. Output piped into a
program that stops reading (`| head`) ends the command quietly, with 141 as a shell gives.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from trainer import __version__
from trainer.cli.admin_parser import add_admin_commands
from trainer.cli.authoring_parser import AUTHORING_COMMANDS, add_authoring_commands
from trainer.cli.bundles_parser import BUNDLE_COMMANDS, add_bundle_commands
from trainer.cli.report_retention_parser import add_report_retention, is_retention_report
from trainer.cli.review_parser import REVIEW_COMMANDS, add_review_commands
from trainer.paths import SHIPPED_COURSE, SHIPPED_QUIZZES

if TYPE_CHECKING:
    from trainer.services.validation import ValidationReport

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2
EXIT_INTERRUPTED = 130  # as a shell reports Ctrl+C
EXIT_BROKEN_PIPE = 141  # as a shell reports a program whose reader went away (SIGPIPE)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="trainer",
        description="Chronic pain and OUD training for addiction counselors."
        " With no command, starts the app.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument(
        "--db",
        metavar="URL",
        help="database: a file path, sqlite:///PATH or postgresql+psycopg://USER@HOST/DB"
        " (default: $TRAINER_DB_URL, else a file in the user data folder)",
    )
    _add_content_options(parser)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    validate = commands.add_parser(
        "validate", help="check the course and quizzes; list every problem as file:line: message"
    )
    _add_content_options(validate)
    validate.add_argument(
        "--json", action="store_true", help="print problems, warnings and stats as JSON"
    )
    validate.add_argument(
        "--strict", action="store_true", help="count warnings as problems (exit 1 when any)"
    )

    export = commands.add_parser(
        "export-html", help="render every lesson to static HTML pages in OUTDIR"
    )
    export.add_argument("outdir", type=Path, metavar="OUTDIR")
    _add_content_options(export)
    add_admin_commands(commands)
    add_report_retention(commands.choices["report"])
    add_bundle_commands(commands)
    add_authoring_commands(commands)
    add_review_commands(commands)
    return parser


def _add_content_options(parser: argparse.ArgumentParser) -> None:
    default = argparse.SUPPRESS if parser.prog != "trainer" else None
    parser.add_argument(
        "--course", type=Path, default=default, metavar="DIR",
        help="curriculum folder (default: the shipped course)",
    )  # fmt: skip
    parser.add_argument(
        "--quizzes", type=Path, default=default, metavar="DIR",
        help="quiz folder (default: the shipped quizzes)",
    )  # fmt: skip


def main(argv: Sequence[str] | None = None) -> int:
    from trainer.services.app_log import error_summary, log, log_unexpected, setup_logging

    log_path = setup_logging()
    args = build_parser().parse_args(argv)
    if args.command is not None:
        action = getattr(args, "action", None)
        log.info("command started: trainer %s", f"{args.command} {action or ''}".strip())
    try:
        code = _run(args)
        if sys.stdout is not None:  # None in a windowed app on Windows
            sys.stdout.flush()  # here, so that a reader gone away is seen below, not at exit
        return code
    except KeyboardInterrupt:
        print("trainer: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        return _reader_gone()
    except Exception as error:
        log_unexpected(f"trainer {args.command or '(the app)'}", error)
        where = f"the details are in {log_path}" if log_path else "no log could be written"
        print(
            f"trainer: an unexpected error stopped this ({error_summary(error)});"
            f" nothing saved was lost; {where}",
            file=sys.stderr,
        )
        return EXIT_PROBLEMS


def _reader_gone() -> int:
    """What the output was piped into stopped reading (`trainer report | head`): not a
    fault. Stop quietly, as Python's documentation advises: point stdout at the null device
    so that the interpreter's last flush cannot fail again, and exit as a shell reports a
    program stopped by SIGPIPE."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # stdout is no file (captured in a test)
        pass
    return EXIT_BROKEN_PIPE


def _run(args: argparse.Namespace) -> int:
    course_dir = args.course or SHIPPED_COURSE
    quiz_dir = args.quizzes or SHIPPED_QUIZZES
    if args.command == "validate":
        return run_validate(course_dir, quiz_dir, as_json=args.json, strict=args.strict)
    if args.command == "export-html":
        return run_export_html(course_dir, quiz_dir, args.outdir)
    if args.command in AUTHORING_COMMANDS:
        from trainer.cli.authoring import run_authoring

        return run_authoring(args, course_dir, quiz_dir)
    if args.command is not None:
        from trainer.cli.admin import run_admin
        from trainer.content.problems import ContentError
        from trainer.services.errors import ServiceError, StoreError

        try:
            if args.command in BUNDLE_COMMANDS:
                from trainer.cli.bundles import run_bundles

                return run_bundles(args, course_dir, quiz_dir)
            if is_retention_report(args):
                from trainer.cli.report_retention import run_report_retention

                return run_report_retention(args, course_dir, quiz_dir)
            if args.command in REVIEW_COMMANDS:
                from trainer.cli.review import run_review

                return run_review(args, course_dir, quiz_dir)
            return run_admin(args, course_dir, quiz_dir)
        except (ServiceError, StoreError) as error:
            print(f"trainer: {error}", file=sys.stderr)
            return EXIT_PROBLEMS
        except ContentError as error:
            print(f"trainer: the course cannot be opened: {error}", file=sys.stderr)
            return EXIT_PROBLEMS
    from trainer.ui.shell.launch import launch  # Qt is imported only when the app starts

    return launch(course_dir, quiz_dir, args.db)


def run_validate(course_dir: Path, quiz_dir: Path, *, as_json: bool, strict: bool = False) -> int:
    """Problems, then warnings (`file:line: warning: …`), then a summary; warnings fail only
    when `strict`."""
    from trainer.content.problems import display_path
    from trainer.services.validation import validate

    report = validate(course_dir, quiz_dir)
    if as_json:
        print(json.dumps(report.as_json(), indent=2))
    else:
        for problem in report.problems:
            print(problem.display())
        for warning in report.warnings:
            print(f"{display_path(warning.file)}:{warning.line}: warning: {warning.message}")
        print(_summary(report))
    failed = not report.ok or (strict and bool(report.warnings))
    return EXIT_PROBLEMS if failed else EXIT_OK


def _summary(report: ValidationReport) -> str:
    stats = report.stats
    count = len(report.problems)
    verdict = "no problems" if count == 0 else f"{count} problem{'s' if count != 1 else ''}"
    if report.warnings:
        warnings = len(report.warnings)
        verdict += f", {warnings} warning{'s' if warnings != 1 else ''}"
    boosters = f", {stats.booster_items} booster items" if stats.booster_items else ""
    cases = f", {stats.cases} cases" if stats.cases else ""
    return (
        f"{verdict}: {stats.modules} modules, {stats.lessons} lessons, {stats.words} words,"
        f" {stats.minutes} minutes, {stats.questions} questions, {stats.objectives} objectives"
        f"{boosters}{cases}"
    )


def run_export_html(course_dir: Path, quiz_dir: Path, outdir: Path) -> int:
    from trainer.services.errors import ServiceError
    from trainer.services.export_html import export_html
    from trainer.services.validation import validate

    report = validate(course_dir, quiz_dir)
    if not report.ok or report.course is None:
        for problem in report.problems:
            print(problem.display(), file=sys.stderr)
        print(f"{_summary(report)}; fix them before exporting", file=sys.stderr)
        return EXIT_PROBLEMS
    try:
        index = export_html(report.course, outdir)
    except OSError as error:
        print(f"trainer: cannot write to {outdir}: {error.strerror}", file=sys.stderr)
        return EXIT_PROBLEMS
    except ServiceError as error:  # a page that could not be written, named
        print(f"trainer: {error}", file=sys.stderr)
        return EXIT_PROBLEMS
    print(f"exported {len(report.course.lessons)} lessons; open {index}")
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
