"""Where the shipped course lives, and the folder name of the app's own user folders."""

from __future__ import annotations

from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
SHIPPED_COURSE = PROJECT_ROOT / "curriculum"
SHIPPED_QUIZZES = PROJECT_ROOT / "quizzes"
APP_DIR_NAME = "pain-oud-trainer"  # the user data and log folders (platformdirs)
