"""Reordering, retitling, renaming and deleting, guarded by what points at the item."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.services.test_scaffold import assert_strictly_valid, shipped_copy
from trainer.services.organise import (
    OrganiseError,
    Reference,
    delete_case,
    delete_lesson,
    delete_module,
    delete_quiz,
    item_at,
    move_lesson,
    move_module,
    references_to,
    rename_id,
    rename_title,
)
from trainer.services.scaffold import new_lesson, new_module


@pytest.fixture
def demo(demo_root: Path) -> tuple[Path, Path]:
    return demo_root / "curriculum", demo_root / "quizzes"


def modules_in(course_dir: Path) -> list[str]:
    text = (course_dir / "course.yaml").read_text(encoding="utf-8")
    return [line.strip()[2:] for line in text.splitlines() if line.startswith("  - ")]


def test_move_module_reorders_course_yaml_keeping_comments(tmp_path: Path) -> None:
    course_dir, quiz_dir = shipped_copy(tmp_path)
    before = (course_dir / "course.yaml").read_text(encoding="utf-8")
    changed = move_module(course_dir, "sleep-and-pain", -2)
    order = modules_in(course_dir)
    assert order[1:4] == ["sleep-and-pain", "pain-physiology", "mood-pain-craving"]
    after = (course_dir / "course.yaml").read_text(encoding="utf-8")
    assert sorted(after.splitlines()) == sorted(before.splitlines())
    assert changed.changed == (course_dir / "course.yaml",)
    assert_strictly_valid(course_dir, quiz_dir)


def test_move_module_past_the_end_stops_there(demo: tuple[Path, Path]) -> None:
    course_dir, quiz_dir = demo
    new_module(course_dir, quiz_dir, "Family")
    move_module(course_dir, "family", -10)
    assert modules_in(course_dir) == ["family", "basics"]
    assert move_module(course_dir, "family", -1).changed == ()


def test_move_module_refuses_an_unknown_module(demo: tuple[Path, Path]) -> None:
    with pytest.raises(OrganiseError, match="`nowhere` is not listed"):
        move_module(demo[0], "nowhere", 1)


def test_move_lesson_renumbers_files_and_rewrites_links(demo: tuple[Path, Path]) -> None:
    course_dir, quiz_dir = demo
    folder = course_dir / "basics"
    moved = move_lesson(course_dir, folder / "02-steps.md", -1)
    assert moved.path == folder / "01-steps.md"
    assert sorted(p.name for p in folder.glob("0*.md")) == ["01-steps.md", "02-what-is-pain.md"]
    assert "(02-what-is-pain.md#definition)" in (folder / "01-steps.md").read_text()
    assert "(01-steps.md#four-steps)" in (folder / "02-what-is-pain.md").read_text()
    assert_strictly_valid(course_dir, quiz_dir)


def test_move_lesson_in_the_shipped_course(tmp_path: Path) -> None:
    course_dir, quiz_dir = shipped_copy(tmp_path)
    folder = course_dir / "sleep-and-pain"
    moved = move_lesson(course_dir, folder / "01-sp-sleep-pain-link.md", 2)
    assert moved.path == folder / "03-sp-sleep-pain-link.md"
    assert_strictly_valid(course_dir, quiz_dir)


def test_rename_title_changes_only_the_title_line(demo: tuple[Path, Path]) -> None:
    course_dir, quiz_dir = demo
    lesson = course_dir / "basics" / "02-steps.md"
    before = lesson.read_text(encoding="utf-8").splitlines()
    rename_title(lesson, "The steps: from injury to pain")
    after = lesson.read_text(encoding="utf-8").splitlines()
    assert [a for a, b in zip(after, before, strict=True) if a != b] == [
        'title: "The steps: from injury to pain"'
    ]
    assert_strictly_valid(course_dir, quiz_dir)


def test_rename_title_refuses_an_empty_title(demo: tuple[Path, Path]) -> None:
    with pytest.raises(OrganiseError, match="title is empty"):
        rename_title(demo[0] / "basics" / "module.md", "  ")


def test_references_to_a_lesson_name_quizzes_and_links(demo: tuple[Path, Path]) -> None:
    course_dir, quiz_dir = demo
    found = references_to(course_dir, quiz_dir, "lesson", "steps")
    assert {(r.file.name, r.text) for r in found} == {
        ("basics-quiz.yaml", "lesson: steps#four-steps"),
        ("pretest.yaml", "lesson: steps"),
        ("posttest.yaml", "lesson: steps"),
        ("01-what-is-pain.md", "See [the steps](02-steps.md#four-steps)."),
    }
    assert all(isinstance(r, Reference) and r.line > 1 for r in found)


def test_references_to_an_objective_a_module_and_a_quiz(demo: tuple[Path, Path]) -> None:
    course_dir, quiz_dir = demo
    objective = references_to(course_dir, quiz_dir, "objective", "b-define")
    assert {r.file.name for r in objective} == {
        "01-what-is-pain.md", "basics-quiz.yaml", "pretest.yaml", "posttest.yaml",
    }  # fmt: skip
    module = references_to(course_dir, quiz_dir, "module", "basics")
    assert [(r.file.name, r.text) for r in module] == [
        ("course.yaml", "- basics"),
        ("basics-quiz.yaml", "module: basics"),
    ]
    quiz = references_to(course_dir, quiz_dir, "quiz", "pretest")
    assert [(r.file.name, r.line, r.text) for r in quiz] == [("course.yaml", 8, "pretest: pretest")]


def test_delete_lesson_refused_lists_the_references(demo: tuple[Path, Path]) -> None:
    course_dir, quiz_dir = demo
    lesson = course_dir / "basics" / "02-steps.md"
    with pytest.raises(OrganiseError) as refused:
        delete_lesson(course_dir, quiz_dir, lesson)
    assert "cannot delete lesson `steps`: 4 lines point at it" in str(refused.value)
    assert "01-what-is-pain.md:21: See [the steps]" in str(refused.value)
    assert [(r.file.name, r.line) for r in refused.value.references] == [
        ("01-what-is-pain.md", 21), ("basics-quiz.yaml", 22),
        ("posttest.yaml", 16), ("pretest.yaml", 16),
    ]  # fmt: skip
    assert lesson.is_file()


def test_delete_lesson_nothing_points_at(demo: tuple[Path, Path]) -> None:
    course_dir, quiz_dir = demo
    created = new_lesson(course_dir, "basics", "Extra")
    deleted = delete_lesson(course_dir, quiz_dir, created.path)
    assert deleted.removed == (created.path,) and not created.path.exists()
    assert_strictly_valid(course_dir, quiz_dir)


def test_delete_module_refused_lists_the_references(demo: tuple[Path, Path]) -> None:
    course_dir, quiz_dir = demo
    new_module(course_dir, quiz_dir, "Family")
    with pytest.raises(OrganiseError) as refused:
        delete_module(course_dir, quiz_dir, "basics")
    files = {r.file.name for r in refused.value.references}
    assert files == {"pretest.yaml", "posttest.yaml"}  # their questions name its objectives
    assert "pretest.yaml:" in str(refused.value)
    assert (course_dir / "basics").is_dir()


def test_delete_module_refuses_the_only_module(demo: tuple[Path, Path]) -> None:
    with pytest.raises(OrganiseError, match="only module"):
        delete_module(*demo, "basics")


def test_delete_module_removes_folder_quiz_and_entry(demo: tuple[Path, Path]) -> None:
    course_dir, quiz_dir = demo
    new_module(course_dir, quiz_dir, "Family")
    deleted = delete_module(course_dir, quiz_dir, "family")
    assert not (course_dir / "family").exists() and not (quiz_dir / "family-quiz.yaml").exists()
    assert modules_in(course_dir) == ["basics"]
    assert quiz_dir / "family-quiz.yaml" in deleted.removed
    assert_strictly_valid(course_dir, quiz_dir)


def test_rename_id_refused_lists_references_then_fixes_them(demo: tuple[Path, Path]) -> None:
    course_dir, quiz_dir = demo
    with pytest.raises(OrganiseError, match="fix_references") as refused:
        rename_id(course_dir, quiz_dir, "lesson", "steps", "nociception-steps")
    assert len(refused.value.references) == 4
    renamed = rename_id(
        course_dir, quiz_dir, "lesson", "steps", "nociception-steps", fix_references=True
    )
    assert renamed.path == course_dir / "basics" / "02-nociception-steps.md"
    assert not (course_dir / "basics" / "02-steps.md").exists()
    assert "lesson: nociception-steps#four-steps" in (quiz_dir / "basics-quiz.yaml").read_text()
    assert_strictly_valid(course_dir, quiz_dir)


@pytest.mark.parametrize(
    ("kind", "old", "new"),
    [
        ("module", "basics", "pain-basics"),
        ("objective", "b-define", "b-define-pain"),
        ("quiz", "basics-quiz", "basics-check"),
        ("quiz", "pretest", "entry-test"),
    ],
)
def test_rename_id_with_fix_references_validates(
    demo: tuple[Path, Path], kind, old: str, new: str
) -> None:
    course_dir, quiz_dir = demo
    rename_id(course_dir, quiz_dir, kind, old, new, fix_references=True)
    assert references_to(course_dir, quiz_dir, kind, old) == []
    assert references_to(course_dir, quiz_dir, kind, new) != []
    assert_strictly_valid(course_dir, quiz_dir)


def test_rename_module_in_the_shipped_course(tmp_path: Path) -> None:
    course_dir, quiz_dir = shipped_copy(tmp_path)
    rename_id(course_dir, quiz_dir, "module", "sleep-and-pain", "sleep", fix_references=True)
    assert "sleep" in modules_in(course_dir)
    assert_strictly_valid(course_dir, quiz_dir)


@pytest.mark.parametrize(("new", "message"), [("steps", "already used"), ("Bad Id", "not a valid")])
def test_rename_id_refuses_a_taken_or_bad_id(demo: tuple[Path, Path], new: str, message) -> None:
    with pytest.raises(OrganiseError, match=message):
        rename_id(*demo, "lesson", "what-is-pain", new, fix_references=True)


def test_rename_id_refuses_an_unknown_item(demo: tuple[Path, Path]) -> None:
    with pytest.raises(OrganiseError, match="no lesson `nowhere`"):
        rename_id(*demo, "lesson", "nowhere", "somewhere")


def test_item_at_names_modules_lessons_and_quizzes(demo: tuple[Path, Path]) -> None:
    course_dir, quiz_dir = demo
    assert item_at(course_dir, quiz_dir, course_dir / "basics") == ("module", "basics")
    assert item_at(course_dir, quiz_dir, course_dir / "basics" / "module.md") == (
        "module",
        "basics",
    )
    assert item_at(course_dir, quiz_dir, course_dir / "basics" / "02-steps.md") == (
        "lesson",
        "steps",
    )
    assert item_at(course_dir, quiz_dir, quiz_dir / "basics-quiz.yaml") == ("quiz", "basics-quiz")
    assert item_at(course_dir, quiz_dir, course_dir / "course.yaml") is None


def test_delete_quiz_refused_while_a_module_names_it(demo: tuple[Path, Path]) -> None:
    course_dir, quiz_dir = demo
    with pytest.raises(OrganiseError) as refused:
        delete_quiz(course_dir, quiz_dir, "basics-quiz")
    assert [(r.file.name, r.line) for r in refused.value.references] == [("module.md", 6)]
    assert (quiz_dir / "basics-quiz.yaml").is_file()


def test_delete_quiz_nothing_uses(demo: tuple[Path, Path]) -> None:
    course_dir, quiz_dir = demo
    spare = quiz_dir / "spare-quiz.yaml"
    spare.write_text("id: spare-quiz\n", encoding="utf-8")
    assert delete_quiz(course_dir, quiz_dir, "spare-quiz").removed == (spare,)
    assert not spare.exists()


def test_a_new_module_in_a_reviewed_course_brings_and_takes_its_boosters(tmp_path: Path) -> None:
    course_dir, quiz_dir = shipped_copy(tmp_path)
    created = new_module(course_dir, quiz_dir, "Family")
    boosters = quiz_dir / "family-boosters.yaml"
    assert boosters in created.changed
    assert_strictly_valid(course_dir, quiz_dir)
    deleted = delete_module(course_dir, quiz_dir, "family")
    assert boosters in deleted.removed and not boosters.exists()
    assert_strictly_valid(course_dir, quiz_dir)


def test_client_cases_count_as_references_and_are_rewritten(tmp_path: Path) -> None:
    course_dir, quiz_dir = shipped_copy(tmp_path)
    case = course_dir / "sleep-and-pain" / "cases" / "insomnia-pain-loop.yaml"
    uses = references_to(course_dir, quiz_dir, "lesson", "sp-sleep-pain-link")
    assert case in {use.file for use in uses}
    rename_id(course_dir, quiz_dir, "lesson", "sp-sleep-pain-link", "sp-two-way", True)
    assert "sp-sleep-pain-link" not in case.read_text(encoding="utf-8")
    assert_strictly_valid(course_dir, quiz_dir)


def test_a_case_is_renamed_with_its_module_list_and_deleted_when_unlisted(tmp_path: Path) -> None:
    course_dir, quiz_dir = shipped_copy(tmp_path)
    case = course_dir / "pain-physiology" / "cases" / "hiding-pain.yaml"
    assert item_at(course_dir, quiz_dir, case) == ("case", "hiding-pain")
    module_md = course_dir / "pain-physiology" / "module.md"
    module_md.write_text(
        module_md.read_text(encoding="utf-8").replace("quiz:", "cases: [hiding-pain]\nquiz:", 1),
        encoding="utf-8",
    )
    with pytest.raises(OrganiseError, match="1 line points at it"):
        delete_case(course_dir, quiz_dir, "hiding-pain")
    renamed = rename_id(course_dir, quiz_dir, "case", "hiding-pain", "shoulder-pain", True)
    assert renamed.path == case.with_name("shoulder-pain.yaml") and not case.exists()
    assert "cases: [shoulder-pain]" in module_md.read_text(encoding="utf-8")
    assert_strictly_valid(course_dir, quiz_dir)
    module_md.write_text(
        module_md.read_text(encoding="utf-8").replace("cases: [shoulder-pain]\n", ""),
        encoding="utf-8",
    )
    assert delete_case(course_dir, quiz_dir, "shoulder-pain").removed == (renamed.path,)
    assert_strictly_valid(course_dir, quiz_dir)
