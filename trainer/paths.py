"""Where the shipped course lives."""

from __future__ import annotations

from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
SHIPPED_COURSE = PROJECT_ROOT / "curriculum"
SHIPPED_QUIZZES = PROJECT_ROOT / "quizzes"
