"""`release`: strict validation first, a higher version, `reviewed:` stamped on the pages
changed since the last release, a changelog entry."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from tests.conftest import LESSON_TWO, THIS_MONTH
from trainer.services.release import STATE_FILE, ReleaseError, release

LATER = date(2027, 2, 15)  # a month after which every page is stamped anew


def dirs(root: Path) -> tuple[Path, Path]:
    return root / "curriculum", root / "quizzes"


def test_first_release_stamps_every_page_and_writes_the_changelog(demo_root: Path) -> None:
    course_dir, quiz_dir = dirs(demo_root)
    course_before = (course_dir / "course.yaml").read_text(encoding="utf-8")
    done = release(course_dir, quiz_dir, "1.1.0", "Added sleep.", today=LATER)
    assert (done.version, done.previous) == ("1.1.0", "1.0.0")
    assert {p.name for p in done.changed} == {"module.md", "01-what-is-pain.md", "02-steps.md"}
    assert done.stamped == done.changed
    for page in done.stamped:
        assert "reviewed: 2027-02\n" in page.read_text(encoding="utf-8")
    course_after = (course_dir / "course.yaml").read_text(encoding="utf-8")
    assert course_after == course_before.replace("version: 1.0.0", "version: 1.1.0")
    assert (course_dir / "CHANGELOG.md").read_text(encoding="utf-8") == (
        "# Changelog\n\n## 1.1.0 — 2027-02-15\n\nAdded sleep.\n"
    )
    state = json.loads((course_dir / STATE_FILE).read_text(encoding="utf-8"))
    assert state["version"] == "1.1.0" and "basics/02-steps.md" in state["files"]


def test_second_release_stamps_only_the_pages_changed(write_course) -> None:
    root = write_course({})
    course_dir, quiz_dir = dirs(root)
    release(course_dir, quiz_dir, "1.0.1", "First.", today=date.today())
    lesson = course_dir / "basics" / "02-steps.md"
    lesson.write_text(
        lesson.read_text(encoding="utf-8").replace("Transduction,", "Transduction then"),
        encoding="utf-8",
    )
    done = release(course_dir, quiz_dir, "1.1.0", "Reworded.", today=LATER)
    assert done.changed == (lesson,) and done.stamped == (lesson,)
    assert f"reviewed: {THIS_MONTH}" in (course_dir / "basics" / "module.md").read_text()
    changelog = (course_dir / "CHANGELOG.md").read_text(encoding="utf-8")
    assert changelog.count("## 1.") == 2 and changelog.endswith("Reworded.\n")


@pytest.mark.parametrize("version", ["1.0.0", "0.9.9", "1.0", "v2"])
def test_refuses_a_version_not_above_the_current_one(demo_root: Path, version: str) -> None:
    course_dir, quiz_dir = dirs(demo_root)
    with pytest.raises(ReleaseError, match=version.replace(".", r"\.")):
        release(course_dir, quiz_dir, version, "Notes.")
    assert not (course_dir / "CHANGELOG.md").exists()


def test_refuses_empty_notes(demo_root: Path) -> None:
    with pytest.raises(ReleaseError, match="notes are empty"):
        release(*dirs(demo_root), "2.0.0", "  ")


def test_refuses_a_course_with_problems_or_warnings_listing_them(write_course) -> None:
    root = write_course(
        {"curriculum/basics/02-steps.md": LESSON_TWO.replace(f"reviewed: {THIS_MONTH}\n", "")}
    )
    course_dir, quiz_dir = dirs(root)
    before = (course_dir / "course.yaml").read_text(encoding="utf-8")
    with pytest.raises(ReleaseError, match="0 problems and 1 warnings") as refused:
        release(course_dir, quiz_dir, "2.0.0", "Notes.")
    assert [(p.file.name, p.message) for p in refused.value.problems] == [
        ("02-steps.md", "not marked reviewed: add `reviewed: YYYY-MM`")
    ]
    assert (course_dir / "course.yaml").read_text(encoding="utf-8") == before
    assert not (course_dir / STATE_FILE).exists()


def test_the_cli_releases_and_refuses(capsys, write_course) -> None:
    from tests.test_cli import paths, run

    root = write_course({})
    code, out, _ = run(capsys, *paths(root), "release", "--version", "1.2.0", "--notes", "New.")
    assert code == 0 and out.startswith("released 1.2.0 (was 1.0.0): 3 pages changed")
    code, out, err = run(capsys, *paths(root), "release", "--version", "1.2.0", "--notes", "New.")
    assert code == 1 and err.startswith("trainer: version 1.2.0 is not above") and out == ""
    code, _, _ = run(capsys, "validate", "--strict", *paths(root))
    assert code == 0


def test_the_cli_lists_the_problems_before_refusing(capsys, write_course) -> None:
    from tests.test_cli import paths, run

    root = write_course(
        {"curriculum/basics/02-steps.md": LESSON_TWO.replace(f"reviewed: {THIS_MONTH}\n", "")}
    )
    code, _, err = run(capsys, *paths(root), "release", "--version", "2.0.0", "--notes", "N.")
    lines = err.splitlines()
    assert code == 1 and lines[0].endswith(
        "02-steps.md:1: not marked reviewed: add `reviewed: YYYY-MM`"
    )
    assert lines[-1].startswith("trainer: not released")
