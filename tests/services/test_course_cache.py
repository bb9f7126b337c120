"""The course kept parsed between starts: used only while not one file changed."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from trainer.services import course_cache
from trainer.services.catalog import open_catalog


def _open(root: Path):
    return open_catalog(root / "curriculum", root / "quizzes", kept=True)


def _kept_files() -> list[Path]:
    return sorted(course_cache.cache_folder().glob("course-*.pickle"))


def _counting_loads(monkeypatch) -> list[int]:
    loads: list[int] = []
    real = course_cache.load_kept

    def counting(folders, load, name="course"):
        def counted():
            loads.append(1)
            return load()

        return real(folders, counted, name)

    monkeypatch.setattr(course_cache, "load_kept", counting)
    return loads


def test_the_second_start_uses_the_kept_course(demo_root: Path, monkeypatch) -> None:
    loads = _counting_loads(monkeypatch)
    first = _open(demo_root)
    assert len(_kept_files()) == 1
    second = _open(demo_root)
    assert loads == [1]
    assert second == first
    assert second.course.title == "Demo course"
    assert second.page(second.course.lessons[0].id) is not None  # the renderer is made
    assert open_catalog(demo_root / "curriculum", demo_root / "quizzes") == first  # not kept


def test_a_changed_file_is_read_and_checked_again(
    write_course, demo_root: Path, monkeypatch
) -> None:
    loads = _counting_loads(monkeypatch)
    course_yaml = demo_root / "curriculum" / "course.yaml"
    _open(demo_root)
    before = course_yaml.stat()
    text = course_yaml.read_text(encoding="utf-8").replace("Demo course", "Demo coursf")
    course_yaml.write_text(text, encoding="utf-8")
    os.utime(course_yaml, ns=(before.st_atime_ns, before.st_mtime_ns))  # same size and time
    assert _open(demo_root).course.title == "Demo coursf"
    assert len(loads) == 2
    # a new file, then a removed one, are changes too
    write_course({"quizzes/extra.yaml": "id: [broken\n"})
    assert any("extra.yaml" in str(p) for p in _open(demo_root).problems)
    write_course({"quizzes/extra.yaml": None})
    assert not any("extra.yaml" in str(p) for p in _open(demo_root).problems)
    assert len(loads) == 4
    _open(demo_root)
    assert len(loads) == 4


def test_a_damaged_kept_copy_is_loaded_in_full(demo_root: Path, monkeypatch) -> None:
    loads = _counting_loads(monkeypatch)
    _open(demo_root)
    (kept,) = _kept_files()
    key = kept.read_bytes().split(b"\n", 1)[0]
    kept.write_bytes(key + b"\nnot a pickle")
    assert _open(demo_root).course.title == "Demo course"
    assert len(loads) == 2
    assert _open(demo_root).course.title == "Demo course"  # kept again, whole
    assert len(loads) == 2


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no links here")
def test_a_folder_with_a_link_is_never_kept(demo_root: Path, tmp_path_factory) -> None:
    outside = tmp_path_factory.mktemp("outside") / "notes.md"
    outside.write_text("elsewhere", encoding="utf-8")
    (demo_root / "curriculum" / "notes.md").symlink_to(outside)
    assert _open(demo_root).course.title == "Demo course"
    assert _kept_files() == []


def test_an_unwritable_cache_still_starts(demo_root: Path, monkeypatch, tmp_path) -> None:
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the folder would be", encoding="utf-8")
    monkeypatch.setattr(course_cache, "cache_folder", lambda: blocked / "cache")
    assert _open(demo_root).course.title == "Demo course"
