"""`trainer new module|lesson|quiz`: the files it prints pass `trainer validate --strict`."""

from __future__ import annotations

from pathlib import Path

from tests.test_cli import paths, run


def strictly_valid(capsys, root: Path) -> bool:
    code, out, _ = run(capsys, "validate", "--strict", *paths(root))
    assert code == 0, out
    return True


def test_new_module_prints_the_files_and_validates(capsys, demo_root: Path) -> None:
    code, out, err = run(capsys, *paths(demo_root), "new", "module", "family", "--title", "Family")
    assert (code, err) == (0, "")
    curriculum = demo_root / "curriculum"
    assert out.splitlines() == [
        str(curriculum / "family" / "module.md"),
        str(curriculum / "family" / "01-family-introduction.md"),
        str(demo_root / "quizzes" / "family-quiz.yaml"),
        str(curriculum / "course.yaml"),
    ]
    assert strictly_valid(capsys, demo_root)


def test_new_module_takes_the_options_after_the_command(capsys, demo_root: Path) -> None:
    code, out, _ = run(capsys, "new", "module", "--title", "Family life", *paths(demo_root))
    assert code == 0 and out.splitlines()[0].endswith("family-life/module.md")
    assert strictly_valid(capsys, demo_root)


def test_new_lesson_prints_its_file_and_validates(capsys, demo_root: Path) -> None:
    code, out, _ = run(capsys, *paths(demo_root), "new", "lesson", "basics", "--title", "Sleep")
    assert code == 0
    assert out.splitlines() == [str(demo_root / "curriculum" / "basics" / "03-sleep.md")]
    assert strictly_valid(capsys, demo_root)


def test_new_quiz_for_a_module_without_one(capsys, write_course) -> None:
    from tests.conftest import MODULE_MD

    root = write_course(
        {
            "curriculum/basics/module.md": MODULE_MD.replace("quiz: basics-quiz\n", ""),
            "quizzes/basics-quiz.yaml": None,
        }
    )
    code, out, _ = run(capsys, *paths(root), "new", "quiz", "basics")
    assert code == 0
    assert out.splitlines()[0] == str(root / "quizzes" / "basics-quiz.yaml")
    assert strictly_valid(capsys, root)


def test_refusals_are_one_line_and_exit_1(capsys, demo_root: Path) -> None:
    for args in (
        ["new", "module", "basics", "--title", "Again"],
        ["new", "lesson", "nowhere", "--title", "A lesson"],
        ["new", "quiz", "basics"],
    ):
        code, out, err = run(capsys, *paths(demo_root), *args)
        assert code == 1 and out == ""
        assert err.startswith("trainer: ") and err.count("\n") == 1, err
    assert strictly_valid(capsys, demo_root)


def test_unreadable_course_yaml_is_refused(capsys, write_course) -> None:
    root = write_course({"curriculum/course.yaml": "modules: [basics\n"})
    code, _, err = run(capsys, *paths(root), "new", "module", "--title", "Family")
    assert code == 1 and "course.yaml" in err and err.count("\n") == 1
