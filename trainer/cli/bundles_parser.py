"""The arguments of the progress-bundle commands; kept apart so the app starts without them."""

from __future__ import annotations

import argparse
from pathlib import Path

BUNDLE_COMMANDS = frozenset({"export-progress", "import-progress", "org-key"})
FORCE_HELP = "replace FILE if it exists (never the database or a key file)"


def add_bundle_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `export-progress`, `import-progress` and `org-key` to the `trainer` command."""
    export = commands.add_parser(
        "export-progress", help="write this installation's progress to a signed bundle file"
    )
    export.add_argument(
        "--out", type=Path, required=True, metavar="FILE",
        help="the bundle to write (gzip-compressed when it ends in .gz)",
    )  # fmt: skip
    export.add_argument(
        "--learner", metavar="LEARNER", help="only this profile's progress (id or name)"
    )
    export.add_argument("--force", action="store_true", help=FORCE_HELP)

    imports = commands.add_parser(
        "import-progress", help="merge progress bundles from other installations"
    )
    imports.add_argument("files", nargs="+", type=Path, metavar="FILE")

    org_key = commands.add_parser(
        "org-key", help="create, install or show the organisation key that signs bundles"
    )
    key_commands = org_key.add_subparsers(dest="action", metavar="ACTION", required=True)
    create = key_commands.add_parser("create", help="make a new organisation key file")
    create.add_argument("--out", type=Path, required=True, metavar="FILE")
    create.add_argument("--organisation", required=True, metavar="NAME")
    install = key_commands.add_parser("install", help="use a key file on this installation")
    install.add_argument("file", type=Path, metavar="FILE")
    install.add_argument(
        "--replace", action="store_true", help="replace another organisation's key"
    )
    key_commands.add_parser("show", help="print the installed key's organisation and id")
