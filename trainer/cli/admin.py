"""Running the administration commands: learners, progress, reports, certificates, the database.

Each returns an exit code; refusals raise ServiceError or StoreError, which the caller
turns into one line on stderr and exit 1.
"""

from __future__ import annotations

import argparse
import getpass
import json
import sys
from dataclasses import asdict
from pathlib import Path
from typing import Any

from trainer.services import accounts, database, grid_export, output_files, reports
from trainer.services.catalog import Catalog, open_catalog
from trainer.services.certificates import issue_certificate, verify_certificate
from trainer.services.database import Store, open_database
from trainer.services.errors import ServiceError
from trainer.services.figures import hours_text, required_text
from trainer.services.learner_grid import learner_grid
from trainer.services.learner_progress import LearnerProgress, Step, learner_progress
from trainer.store import migrate

EXIT_OK, EXIT_REFUSED, EXIT_USAGE = 0, 1, 2


def run_admin(args: argparse.Namespace, course_dir: Path, quiz_dir: Path) -> int:
    if args.command == "db":
        return _run_db(args)
    if args.command == "demo":
        from trainer.cli.demo import run_demo

        return run_demo(args, course_dir, quiz_dir)
    store = open_database(args.db)
    try:
        if args.command == "learners":
            return _run_learners(args, store)
        catalog = open_catalog(course_dir, quiz_dir)
        if args.command == "progress":
            return _run_progress(args, store, catalog)
        if args.command == "report":
            return _run_report(args, store, catalog)
        return _run_certificate(args, store, catalog)
    finally:
        store.close()


def _run_learners(args: argparse.Namespace, store: Store) -> int:
    if args.action == "add":
        if args.role != "learner" and not args.password_stdin:
            print(
                f"trainer: a {args.role} profile needs a password: pass --password-stdin and"
                f" type the password ({accounts.MIN_PASSWORD_LENGTH} or more characters),"
                " or pipe it in",
                file=sys.stderr,
            )
            return EXIT_USAGE
        password = _read_password() if args.password_stdin else None
        info = accounts.create_learner(
            store, args.name, credential=args.credential, organisation=args.organisation,
            role=args.role, password=password,
        )  # fmt: skip
        print(f"added {info.role} {info.display_name} ({info.id})")
        _warn_of_namesakes(store, info)
    elif args.action == "rename":
        info = accounts.rename_learner(
            store, accounts.find_learner(store, args.learner).id, args.name
        )
        print(f"renamed {info.id} to {info.display_name}")
        _warn_of_namesakes(store, info)
    elif args.action == "set-password":
        learner = accounts.find_learner(store, args.learner)
        accounts.check_has_password(learner)  # before asking for a password it would not use
        info = accounts.set_password(store, learner.id, _read_password())
        print(f"password set for {info.role} {info.display_name} ({info.id})")
    elif args.json:
        print(json.dumps([_jsonable(asdict(i)) for i in accounts.list_learners(store)], indent=2))
    else:
        for info in accounts.list_learners(store):
            extra = ", ".join(x for x in (info.credential, info.organisation) if x)
            print(
                f"{info.id}  {info.role:<10}  {info.display_name}{f'  ({extra})' if extra else ''}"
            )
    return EXIT_OK


def _read_password() -> str:
    """The password from stdin: one line piped in, or typed at the terminal unseen (twice,
    as nobody sees a typing mistake)."""
    if not sys.stdin.isatty():
        return sys.stdin.readline().rstrip("\r\n")
    password = getpass.getpass("Password: ")
    if getpass.getpass("The same password again: ") != password:
        raise ServiceError("the two passwords differ: nothing was changed; try again")
    return password


def _warn_of_namesakes(store: Store, info: accounts.LearnerInfo) -> None:
    if accounts.duplicate_names(store, info.display_name, role=info.role, excluding=info.id):
        print(
            f"warning: another profile is called {info.display_name}; add a credential or"
            " organisation to tell them apart",
            file=sys.stderr,
        )


def _run_progress(args: argparse.Namespace, store: Store, catalog: Catalog) -> int:
    learner = accounts.find_learner(store, args.learner)
    record = learner_progress(store, catalog, learner.id)
    if args.json:
        print(json.dumps(_jsonable(_record_dict(record)), indent=2))
        return EXIT_OK
    status = record.status
    print(f"{learner.display_name}: course {record.completion_words.lower()}")
    modules = {m.module_id: m for m in status.modules}
    for step in record.steps:
        if step.kind == "module":
            module = modules[step.target]
            score = step.score_words or "not taken"
            print(
                f"  {step.title}: {step.words}; lessons {module.lessons_read} of"
                f" {module.lessons_total} read; best score {score}; time {step.time_text or '0 min'}"
            )
        elif step.kind in ("pretest", "posttest"):
            print(f"  {step.title}: {step.words}; {step.score_words or 'not taken'}")
        else:
            print(f"  {step.title}: {step.words}")
    credit = status.credit
    print(
        f"  active time {record.time.detail}; CE credit needs"
        f" {required_text(credit.required_seconds)}; CE hours earned {record.ce_hours_text}"
    )
    if record.next_step is not None:
        print(f"  next step: {record.next_step.title}")
    return EXIT_OK


def _record_dict(record: LearnerProgress) -> dict[str, Any]:
    status = record.status
    return {
        "learner": asdict(record.learner),
        "completion": status.completion,
        "success": status.success,
        "completed_at": status.completed_at,
        "total_active_seconds": record.time.total_seconds,
        "lesson_active_seconds": record.time.lesson_seconds,
        "quiz_active_seconds": record.time.quiz_seconds,
        "active_time": record.time.text,
        "ce_hours": status.credit.hours,
        "modules_done": record.modules_done,
        "modules": [
            {
                **asdict(m),
                "status": step.code,
                "status_words": step.words,
                "best_score": step.score_words,
            }
            for m, step in zip(status.modules, _module_steps(record), strict=True)
        ],
        "pretest": _test_dict(record.step("pretest")),
        "posttest": _test_dict(record.step("posttest")),
        "evaluation_submitted_at": status.evaluation_submitted_at,
        "credit": asdict(status.credit),
        "next_step": record.next_step.title if record.next_step else None,
    }


def _module_steps(record: LearnerProgress) -> list[Step]:
    return [step for step in record.steps if step.kind == "module"]


def _test_dict(step: Step | None) -> dict[str, Any] | None:
    if step is None:
        return None
    return {
        "quiz_id": step.target,
        "status": step.code,
        "status_words": step.words,
        "score": step.score_words,
        "percent": step.score.percent if step.score else None,
        "active_seconds": step.active_seconds,
    }


def _jsonable(value: object) -> object:
    return json.loads(json.dumps(value, default=str))


def _run_report(args: argparse.Namespace, store: Store, catalog: Catalog) -> int:
    """CSV: the app's grid file, one row per learner (with a byte-order mark and CRLF in a
    file, as spreadsheets expect; plain lines on stdout). JSON: one row per learner and
    module."""
    if args.out is not None:
        output_files.check_target(args.out, force=args.force)
    if args.format == "csv":
        learners = learner_grid(store, catalog)
        ending = "\n" if args.out is None else "\r\n"
        text = reports.report_csv(learners, catalog, lineterminator=ending)
        rows, what, encoding = len(learners), "learners", grid_export.ENCODING
    else:
        grid = reports.completion_grid(store, catalog)
        text, rows, what, encoding = reports.grid_as_json(grid), len(grid), "rows", "utf-8"
    if args.out is None:
        sys.stdout.write(text)
        return EXIT_OK
    output_files.write_text_file(args.out, text, encoding=encoding, force=args.force)
    print(f"wrote {rows} {what} to {args.out}")
    return EXIT_OK


def _run_certificate(args: argparse.Namespace, store: Store, catalog: Catalog) -> int:
    if args.action == "verify":
        info = verify_certificate(store, catalog, args.code)
        if info is None:
            print(f"trainer: no certificate with code {args.code} was issued here", file=sys.stderr)
            return EXIT_REFUSED
        print(
            f"valid: {info.learner_name} completed {info.course_title} (version"
            f" {info.course_version}) on {info.completed_at.date()}, {hours_text(info.ce_hours)} CE hours"
        )
        return EXIT_OK
    learner = accounts.find_learner(store, args.learner)
    output_files.check_target(args.out, force=args.force)  # before a certificate is issued
    info = issue_certificate(store, catalog, learner.id)
    from trainer.ui.pdf import write_certificate_pdf  # Qt only for this command

    write_certificate_pdf(info, args.out, force=args.force)
    print(f"certificate {info.code} for {info.learner_name} written to {args.out}")
    return EXIT_OK


def _run_db(args: argparse.Namespace) -> int:
    if args.action in ("backups", "restore"):
        return _run_backups(args)  # without opening the database: it may be damaged
    store = open_database(args.db, upgrade=args.action == "upgrade")
    path = store.path
    try:
        if args.action == "upgrade":
            print(f"{store.display_name} is at schema {migrate.current_revision(store.engine)}")
        elif args.action == "check":
            return _check(store)
        elif path is None:
            raise ServiceError(
                "backups here are for SQLite files; back up a PostgreSQL server with pg_dump"
            )
        else:
            print(f"backed up to {database.back_up(path).path}")
    finally:
        store.close()
    return EXIT_OK


def _run_backups(args: argparse.Namespace) -> int:
    """`db backups` and `db restore` read only the file names and the backups, so they work
    on a damaged file too (a restore keeps the damaged file as a plain copy)."""
    path = database.sqlite_file(args.db)
    if args.action == "restore":
        return _restore(path, args.backup)
    found = database.list_backups(path)
    if not found:
        print(f"no backups of {path} in {database.backup_folder(path)}", file=sys.stderr)
    for backup in found:
        print(f"{backup.taken_at:%Y-%m-%d %H:%M:%S} UTC  {backup.reason:<15} {backup.path}")
    return EXIT_OK


def _check(store: Store) -> int:
    revision = migrate.current_revision(store.engine)
    if revision != migrate.head_revision():
        print(f"{store.display_name}: schema {revision}; run `trainer db upgrade` to bring it to"
              f" {migrate.head_revision()}")  # fmt: skip
        return EXIT_REFUSED
    learners = len(accounts.list_learners(store))
    print(f"ok: {store.display_name}, schema {revision}, {learners} profiles")
    return EXIT_OK


def _restore(path: Path, chosen: Path | None) -> int:
    if chosen is None:
        found = database.restorable_backups(path)
        if not found:
            raise ServiceError(f"no backups of {path} in {database.backup_folder(path)}")
        chosen = found[0].path
    safety = database.restore_backup(path, chosen)
    print(
        f"restored {chosen.name} into {path}; the state before the restore was saved as {safety.path}"
    )
    return EXIT_OK
