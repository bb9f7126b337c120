"""The bundle's entry point: the `trainer` command, as the installed console script."""

import sys

from trainer.cli import main

if __name__ == "__main__":
    sys.exit(main())
