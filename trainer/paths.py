"""Where the shipped course lives, and the folder name of the app's own user folders."""

from __future__ import annotations

from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
# where setup.py puts the copy of curriculum/ and quizzes/ that a built wheel carries
PACKAGED_COURSE_DATA = Path(__file__).resolve().parent / "course_data"


def _course_root(project_root: Path, packaged: Path) -> Path:
    """The checkout's own folders when there is a checkout, so that a trainer's edits show;
    otherwise (an installed wheel) the copy packaged with the code."""
    if (project_root / "curriculum" / "course.yaml").is_file():
        return project_root
    if (packaged / "curriculum").is_dir():
        return packaged
    return project_root  # neither: the messages name the checkout's folder


COURSE_ROOT = _course_root(PROJECT_ROOT, PACKAGED_COURSE_DATA)
SHIPPED_COURSE = COURSE_ROOT / "curriculum"
SHIPPED_QUIZZES = COURSE_ROOT / "quizzes"
APP_DIR_NAME = "pain-oud-trainer"  # the user data and log folders (platformdirs)
