"""Problems that follow from another (a lesson that does not load) are grouped beneath it."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import LESSON_TWO, MODULE_MD
from trainer.cli import main
from trainer.content.problems import FOLLOWS_MARK, Problem, grouped
from trainer.services.validation import validate

BROKEN_LESSON = LESSON_TWO.replace("title: The steps", "title: 'The steps")


def _paths(root: Path) -> list[str]:
    return ["--course", str(root / "curriculum"), "--quizzes", str(root / "quizzes")]


def _where(problem: Problem, root: Path) -> tuple[str, int]:
    return problem.file.relative_to(root).as_posix(), problem.line


def test_a_broken_lesson_is_one_cause_with_its_knock_ons_beneath(write_course) -> None:
    root = write_course({"curriculum/basics/02-steps.md": BROKEN_LESSON})
    report = validate(root / "curriculum", root / "quizzes")
    [group] = report.groups
    assert _where(group.cause, root) == ("curriculum/basics/02-steps.md", 3)
    assert [(*_where(p, root), p.message) for p in group.knock_ons] == [
        (
            "curriculum/basics/01-what-is-pain.md",
            21,
            "dead link: `02-steps.md` is not a lesson of this course",
        ),
        ("quizzes/basics-quiz.yaml", 22, "lesson `steps` does not exist: use a lesson id"),
        ("quizzes/posttest.yaml", 16, "lesson `steps` does not exist: use a lesson id"),
        ("quizzes/pretest.yaml", 16, "lesson `steps` does not exist: use a lesson id"),
    ]
    assert all(p.because == group.cause for p in group.knock_ons)
    assert report.problems == [group.cause, *group.knock_ons]


def test_text_output_prints_the_cause_then_the_knock_ons_indented(write_course, capsys) -> None:
    root = write_course({"curriculum/basics/02-steps.md": BROKEN_LESSON})
    assert main(["validate", *_paths(root)]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].endswith("02-steps.md:3: not valid YAML: a quote opened on this line is"
                             " never closed: close it with the same quote mark")  # fmt: skip
    assert len(lines) == 6  # the cause, 4 knock-ons, the summary
    assert all(line.startswith(FOLLOWS_MARK) for line in lines[1:5])
    assert "01-what-is-pain.md:21: dead link" in lines[1]


def test_json_carries_the_cause_of_each_knock_on(write_course, capsys) -> None:
    root = write_course({"curriculum/basics/02-steps.md": BROKEN_LESSON})
    assert main(["validate", "--json", *_paths(root)]) == 1
    problems = json.loads(capsys.readouterr().out)["problems"]
    assert problems[0]["because"] is None
    cause = {key: problems[0][key] for key in ("file", "line", "message")}
    assert problems[0]["file"].endswith("02-steps.md") and problems[0]["line"] == 3
    assert [p["because"] for p in problems[1:]] == [cause] * 4


def test_a_broken_module_gathers_what_follows_from_it(write_course) -> None:
    module = MODULE_MD.replace("title: Basics", "title 'Basics")
    root = write_course({"curriculum/basics/module.md": module})
    report = validate(root / "curriculum", root / "quizzes")
    [group] = report.groups
    assert _where(group.cause, root) == ("curriculum/basics/module.md", 3)
    messages = [p.message for p in group.knock_ons]
    assert any(m.startswith("quiz `basics-quiz` is used by no module") for m in messages)
    assert any(m.startswith("glossary term `Nociception` appears in no lesson") for m in messages)
    assert "objective `b-define` is not an objective of any module" in messages
    assert "lesson `what-is-pain` does not exist: use a lesson id" in messages


def test_unrelated_problems_stay_on_their_own(write_course) -> None:
    lesson_one_typo = "curriculum/basics/01-what-is-pain.md"
    root = write_course(
        {
            "curriculum/basics/02-steps.md": BROKEN_LESSON,
            "quizzes/pretest.yaml": None,
            lesson_one_typo: LESSON_TWO.replace("steps", "what-is-pain").replace(
                "[the definition](01-what-is-pain.md#definition)", "[x](03-nowhere.md)"
            ),
        }
    )
    report = validate(root / "curriculum", root / "quizzes")
    alone = [g.cause for g in report.groups if not g.knock_ons]
    assert any(p.message.startswith("dead link: `03-nowhere.md`") for p in alone)
    assert any(p.message.startswith("pretest `pretest` has no quiz file") for p in alone)


def test_the_cause_is_not_part_of_equality() -> None:
    cause = Problem(Path("a.md"), 3, "broken")
    knock_on = Problem(Path("b.md"), 1, "dead link").follows(cause)
    assert knock_on == Problem(Path("b.md"), 1, "dead link")
    assert grouped([knock_on, Problem(Path("c.md"), 1, "other"), cause]) == [
        cause,
        knock_on,
        Problem(Path("c.md"), 1, "other"),
    ]
    assert knock_on.display() == f"{FOLLOWS_MARK}b.md:1: dead link"
