"""Running `trainer demo`: fill a database with fictional learners, to show the app.

Refusals raise ServiceError or StoreError, which the caller turns into one line on
stderr and exit 1.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from trainer.services.catalog import open_catalog
from trainer.services.database import open_database
from trainer.services.demo import fill_demo

EXIT_OK, EXIT_USAGE = 0, 2


def run_demo(args: argparse.Namespace, course_dir: Path, quiz_dir: Path) -> int:
    if not args.db:
        print(
            "trainer demo: name the database to fill with --db FILE-OR-URL (the demo never"
            " fills your own progress database by default)",
            file=sys.stderr,
        )
        return EXIT_USAGE
    catalog = open_catalog(course_dir, quiz_dir)
    store = open_database(args.db)
    try:
        summary = fill_demo(store, catalog, args.learners, args.seed, force=args.force)
        where = store.display_name
    finally:
        store.close()
    print("\n".join(summary.lines()))
    print(f"show it with: trainer --db {where}")
    print(
        "to see the Completion screen, add a supervisor profile: echo 'a long passphrase' |"
        f" trainer --db {where} learners add NAME --role supervisor --password-stdin"
    )
    return EXIT_OK
