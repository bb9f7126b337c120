"""Running the progress-bundle commands: export, import, and the organisation key.

Each returns an exit code; refusals raise ServiceError or StoreError, which the caller
turns into one line on stderr and exit 1.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from trainer.services import accounts, bundle_merge, bundles, org_key
from trainer.services.catalog import open_catalog
from trainer.services.database import Store, database_file, open_database
from trainer.services.errors import ServiceError

EXIT_OK, EXIT_REFUSED = 0, 1


def run_bundles(args: argparse.Namespace, course_dir: Path, quiz_dir: Path) -> int:
    """Run `export-progress`, `import-progress` or `org-key`."""
    if args.command == "org-key" and args.action == "create":
        database = database_file(args.db)
        key = org_key.create_key_file(
            args.out, args.organisation, databases=(database,) if database else ()
        )
        print(
            f"created the key of {key.organisation} (key id {key.key_id}) in {args.out}:"
            " install it on every machine with `trainer org-key install FILE`, and keep it"
            " as safe as a password"
        )
        return EXIT_OK
    store = open_database(args.db)
    try:
        if args.command == "org-key":
            return _run_org_key(args, store)
        if args.command == "export-progress":
            return _run_export(args, store, course_dir, quiz_dir)
        return _run_import(args.files, store)
    finally:
        store.close()


def _run_org_key(args: argparse.Namespace, store: Store) -> int:
    if args.action == "install":
        key = org_key.read_key_file(args.file)
        replaced = org_key.install_key(store, key, replace=args.replace)
        extra = f", replacing the key of {replaced.organisation}" if replaced else ""
        print(f"installed the key of {key.organisation} (key id {key.key_id}){extra}")
        return EXIT_OK
    installed = org_key.installed_key(store)
    if installed is None:
        print(
            "trainer: no organisation key is installed: `trainer org-key install FILE` installs one",
            file=sys.stderr,
        )
        return EXIT_REFUSED
    print(f"organisation: {installed.organisation}\nkey id: {installed.key_id}")
    return EXIT_OK


def _run_export(args: argparse.Namespace, store: Store, course_dir: Path, quiz_dir: Path) -> int:
    learner_id = accounts.find_learner(store, args.learner).id if args.learner else None
    catalog = open_catalog(course_dir, quiz_dir)
    summary = bundles.export_progress(store, catalog, args.out, learner_id, force=args.force)
    counts = ", ".join(
        f"{summary.rows[table]} {bundles.TABLE_LABELS[table]}" for table in bundles.MODELS
    )
    print(f"wrote {counts} to {summary.path}")
    return EXIT_OK


def _run_import(files: list[Path], store: Store) -> int:
    org_key.require_key(store)  # no key: one refusal, not one per file
    refused = 0
    for result in bundle_merge.import_bundles(store, files):
        if isinstance(result, ServiceError):
            print(f"trainer: {result}", file=sys.stderr)
            refused += 1
        else:
            print("\n".join(result.lines()))
    if refused and len(files) > 1:
        print(f"trainer: {refused} of {len(files)} files were refused", file=sys.stderr)
    return EXIT_REFUSED if refused else EXIT_OK
