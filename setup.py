"""The build's one custom step: the wheel carries the shipped course.

curriculum/ and quizzes/ stay at the top of the repository, where trainers edit them; a
built wheel holds a copy of each in trainer/course_data/, where trainer/paths.py looks
when there is no checkout around it. Everything else is in pyproject.toml.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent
COURSE_FOLDERS = ("curriculum", "quizzes")
PACKAGED_AT = Path("trainer", "course_data")
EDITOR_LEFTOVERS = shutil.ignore_patterns(".*", "*~", "__pycache__")


class BuildPyWithCourse(build_py):
    def run(self) -> None:
        super().run()
        if self.editable_mode:  # an editable install reads the checkout's own folders
            return
        for folder in COURSE_FOLDERS:
            target = Path(self.build_lib, PACKAGED_AT, folder)
            shutil.rmtree(target, ignore_errors=True)  # a course file deleted since the last build
            shutil.copytree(ROOT / folder, target, ignore=EDITOR_LEFTOVERS)


setup(cmdclass={"build_py": BuildPyWithCourse})
