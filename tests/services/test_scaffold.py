"""New modules, lessons and quizzes: each passes `trainer validate --strict` as created."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from trainer.paths import SHIPPED_COURSE, SHIPPED_QUIZZES
from trainer.services.errors import ServiceError
from trainer.services.scaffold import (
    ScaffoldError,
    id_from_title,
    new_lesson,
    new_module,
    new_quiz,
)
from trainer.services.validation import validate


def shipped_copy(root: Path) -> tuple[Path, Path]:
    shutil.copytree(SHIPPED_COURSE, root / "curriculum")
    shutil.copytree(SHIPPED_QUIZZES, root / "quizzes")
    return root / "curriculum", root / "quizzes"


@pytest.fixture(params=["demo", "shipped"])
def course(request, demo_root: Path, tmp_path: Path) -> tuple[Path, Path]:
    if request.param == "demo":
        return demo_root / "curriculum", demo_root / "quizzes"
    return shipped_copy(tmp_path / "copy")


def assert_strictly_valid(course_dir: Path, quiz_dir: Path) -> None:
    report = validate(course_dir, quiz_dir)
    assert [p.display() for p in report.problems] == []
    assert [w.display() for w in report.warnings] == []


def test_id_from_title_is_an_ascii_slug_unique_against_taken() -> None:
    assert id_from_title("Sleep & Pain: a Two-way Street") == "sleep-pain-a-two-way-street"
    assert id_from_title("Éducation à la douleur") == "education-a-la-douleur"
    assert id_from_title("Sleep", taken=["sleep", "sleep-2"]) == "sleep-3"
    assert len(id_from_title("word " * 40)) <= 60


def test_id_from_title_refuses_a_title_without_letters() -> None:
    with pytest.raises(ScaffoldError, match="give the id yourself"):
        id_from_title("!!! ???")


def test_scaffold_error_is_a_service_error() -> None:
    assert issubclass(ScaffoldError, ServiceError)


def test_new_module_validates_and_is_listed_last(course: tuple[Path, Path]) -> None:
    course_dir, quiz_dir = course
    before = (course_dir / "course.yaml").read_text(encoding="utf-8")
    created = new_module(course_dir, quiz_dir, "Family & Pain")
    assert created.id == "family-pain"
    assert created.path == course_dir / "family-pain" / "module.md"
    assert course_dir / "course.yaml" in created.changed
    assert all(path.is_file() for path in created.changed)
    after = (course_dir / "course.yaml").read_text(encoding="utf-8")
    assert after.count("\n") == before.count("\n") + 1
    assert "  - family-pain\n" in after
    assert [line for line in after.splitlines() if "#" in line] == [
        line for line in before.splitlines() if "#" in line
    ]
    assert_strictly_valid(course_dir, quiz_dir)


def test_new_module_with_a_given_id(course: tuple[Path, Path]) -> None:
    course_dir, quiz_dir = course
    created = new_module(course_dir, quiz_dir, 'Family: "pain" at home', module_id="family")
    assert created.id == "family"
    assert_strictly_valid(course_dir, quiz_dir)


def test_new_module_twice_from_one_title_gets_two_ids(demo_root: Path) -> None:
    course_dir, quiz_dir = demo_root / "curriculum", demo_root / "quizzes"
    first = new_module(course_dir, quiz_dir, "Family")
    second = new_module(course_dir, quiz_dir, "Family")
    assert (first.id, second.id) == ("family", "family-2")
    assert_strictly_valid(course_dir, quiz_dir)


@pytest.mark.parametrize("module_id", ["basics", "what-is-pain", "b-define", "Not A Slug"])
def test_new_module_refuses_a_taken_or_bad_id(demo_root: Path, module_id: str) -> None:
    course_dir, quiz_dir = demo_root / "curriculum", demo_root / "quizzes"
    with pytest.raises(ScaffoldError, match=f"`{module_id}`"):
        new_module(course_dir, quiz_dir, "Anything", module_id=module_id)
    assert not (course_dir / module_id).exists() or module_id == "basics"


def test_new_module_refuses_when_course_yaml_is_unreadable(write_course) -> None:
    root = write_course({"curriculum/course.yaml": "modules: [basics\n"})
    with pytest.raises(ScaffoldError, match=r"course\.yaml:.*not valid YAML"):
        new_module(root / "curriculum", root / "quizzes", "Family")
    assert not (root / "curriculum" / "family").exists()


def test_new_module_refuses_without_course_yaml(tmp_path: Path) -> None:
    with pytest.raises(ScaffoldError, match=r"no course\.yaml"):
        new_module(tmp_path, tmp_path, "Family")


def test_new_lesson_takes_the_next_number(course: tuple[Path, Path]) -> None:
    course_dir, quiz_dir = course
    module = "basics" if (course_dir / "basics").is_dir() else "sleep-and-pain"
    numbers = sorted(p.name[:2] for p in (course_dir / module).glob("[0-9][0-9]-*.md"))
    created = new_lesson(course_dir, module, "Talking with families")
    assert created.path.name == f"{int(numbers[-1]) + 1:02d}-talking-with-families.md"
    assert created.changed == (created.path,)
    text = created.path.read_text(encoding="utf-8")
    assert "## Overview {#overview}" in text and "reviewed: " in text
    assert_strictly_valid(course_dir, quiz_dir)


def test_new_lesson_with_a_taken_title_gets_a_new_id(demo_root: Path) -> None:
    course_dir = demo_root / "curriculum"
    created = new_lesson(course_dir, "basics", "Steps")
    assert created.id == "steps-2" and created.path.name == "03-steps-2.md"
    assert_strictly_valid(course_dir, demo_root / "quizzes")


def test_new_lesson_refuses_an_unknown_module(demo_root: Path) -> None:
    with pytest.raises(ScaffoldError, match="no module `nowhere`"):
        new_lesson(demo_root / "curriculum", "nowhere", "A lesson")


def test_new_quiz_refuses_when_the_module_has_one(demo_root: Path) -> None:
    with pytest.raises(ScaffoldError, match="already has the quiz `basics-quiz`"):
        new_quiz(demo_root / "curriculum", demo_root / "quizzes", "basics")


def test_new_quiz_refuses_an_unknown_module(demo_root: Path) -> None:
    with pytest.raises(ScaffoldError, match="no module `nowhere`"):
        new_quiz(demo_root / "curriculum", demo_root / "quizzes", "nowhere")


def _without_quiz(course_dir: Path, quiz_dir: Path, module: str) -> None:
    module_file = course_dir / module / "module.md"
    lines = module_file.read_text(encoding="utf-8").splitlines(keepends=True)
    quiz_line = next(line for line in lines if line.startswith("quiz:"))
    module_file.write_text("".join(line for line in lines if line != quiz_line), encoding="utf-8")
    (quiz_dir / f"{quiz_line.split(':')[1].strip()}.yaml").unlink()


def test_new_quiz_measures_the_objectives_left_unmeasured(course: tuple[Path, Path]) -> None:
    course_dir, quiz_dir = course
    module = "basics" if (course_dir / "basics").is_dir() else "sleep-and-pain"
    _without_quiz(course_dir, quiz_dir, module)
    created = new_quiz(course_dir, quiz_dir, module)
    assert created.path == quiz_dir / f"{module}-quiz.yaml"
    assert created.changed == (created.path, course_dir / module / "module.md")
    assert f"quiz: {module}-quiz\n" in (course_dir / module / "module.md").read_text()
    assert_strictly_valid(course_dir, quiz_dir)


def test_new_quiz_for_a_new_lesson_only_module(demo_root: Path) -> None:
    course_dir, quiz_dir = demo_root / "curriculum", demo_root / "quizzes"
    new_module(course_dir, quiz_dir, "Family")
    _without_quiz(course_dir, quiz_dir, "family")
    created = new_quiz(course_dir, quiz_dir, "family")
    assert created.id == "family-quiz"
    assert_strictly_valid(course_dir, quiz_dir)


@pytest.mark.parametrize("title", ["2026", "Yes", "a: b # c", "  Spaces  ", "Quote \"x\" 'y'"])
def test_titles_that_yaml_would_misread_are_quoted(demo_root: Path, title: str) -> None:
    course_dir, quiz_dir = demo_root / "curriculum", demo_root / "quizzes"
    new_module(course_dir, quiz_dir, title, module_id="odd")
    new_lesson(course_dir, "odd", title + " lesson")
    assert_strictly_valid(course_dir, quiz_dir)
