"""The `trainer` command: exit codes, output formats, export."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import LESSON_ONE, QUIZ
from trainer import __version__
from trainer.cli import main


def run(capsys, *args: str) -> tuple[int, str, str]:
    try:
        code = main(list(args))
    except SystemExit as exit_:
        code = int(exit_.code or 0)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def paths(root: Path) -> list[str]:
    return ["--course", str(root / "curriculum"), "--quizzes", str(root / "quizzes")]


def test_version(capsys) -> None:
    code, out, _ = run(capsys, "--version")
    assert code == 0 and out.strip() == f"trainer {__version__}"


def test_validate_clean_course_exits_zero(capsys, demo_root: Path) -> None:
    code, out, _ = run(capsys, "validate", *paths(demo_root))
    assert code == 0
    assert out.startswith("no problems: 1 modules, 2 lessons,")


def test_validate_lists_every_problem_then_a_summary(capsys, write_course, monkeypatch) -> None:
    root = write_course(
        {
            "curriculum/basics/01-what-is-pain.md": LESSON_ONE.replace(
                "[^raja2020]", "[^nobody2000]"
            ),
            "quizzes/basics-quiz.yaml": QUIZ.replace("    key: a\n", "    key: z\n"),
        }
    )
    monkeypatch.chdir(root)
    code, out, _ = run(capsys, "validate", "--course", "curriculum", "--quizzes", "quizzes")
    lines = out.splitlines()
    assert code == 1
    assert (
        "curriculum/basics/01-what-is-pain.md:16: footnote `[^nobody2000]` has no reference" in out
    )
    assert any(line.startswith("quizzes/basics-quiz.yaml:17: questions[0].key:") for line in lines)
    assert lines[-1].startswith("2 problems:")


def test_validate_json(capsys, write_course) -> None:
    root = write_course(
        {"curriculum/basics/01-what-is-pain.md": LESSON_ONE.replace("!!! key-point", "!!! shout")}
    )
    code, out, _ = run(capsys, "validate", "--json", *paths(root))
    data = json.loads(out)
    assert code == 1
    assert data["problems"][0]["line"] == 18
    assert data["problems"][0]["file"].endswith("curriculum/basics/01-what-is-pain.md")
    assert set(data["stats"]) == {
        "modules",
        "lessons",
        "words",
        "minutes",
        "questions",
        "objectives",
        "objectives_without_questions",
        "booster_items",
        "cases",
        "case_decisions",
    }
    assert data["stats"]["lessons"] == 2 and data["stats"]["minutes"] == 25
    assert data["stats"]["questions"] == 6 and data["stats"]["objectives"] == 2


def test_validate_counts_words_without_front_matter(capsys, demo_root: Path) -> None:
    _, out, _ = run(capsys, "validate", "--json", *paths(demo_root))
    # lesson one has 22 words of text, lesson two 15 (footnote labels, link targets and
    # admonition markers are not words)
    assert json.loads(out)["stats"]["words"] == 37


def test_usage_error_exits_two(capsys) -> None:
    code, _, err = run(capsys, "validate", "--no-such-option")
    assert code == 2 and "unrecognized arguments" in err


def test_missing_course_folder_is_a_problem_not_a_traceback(capsys, tmp_path: Path) -> None:
    code, out, _ = run(
        capsys, "validate", "--course", str(tmp_path / "nothing"), "--quizzes", str(tmp_path)
    )
    assert code == 1
    assert "course.yaml:1: no course.yaml here: is this the curriculum folder?" in out


def test_export_html_writes_pages_index_and_style(capsys, demo_root: Path, tmp_path: Path) -> None:
    out_dir = tmp_path / "site"
    code, out, _ = run(capsys, "export-html", str(out_dir), *paths(demo_root))
    assert code == 0
    assert {p.name for p in out_dir.iterdir()} >= {
        "index.html",
        "style.css",
        "what-is-pain.html",
        "steps.html",
    }
    index = (out_dir / "index.html").read_text()
    assert 'href="what-is-pain.html"' in index and "Define pain." in index
    assert 'href="steps.html#four-steps"' in (out_dir / "what-is-pain.html").read_text()
    assert "index.html" in out


def test_export_html_refuses_a_broken_course(capsys, write_course, tmp_path: Path) -> None:
    root = write_course({"quizzes/basics-quiz.yaml": QUIZ.replace("    key: a\n", "    key: z\n")})
    code, _, err = run(capsys, "export-html", str(tmp_path / "site"), *paths(root))
    assert code == 1
    assert "basics-quiz.yaml:17:" in err and "fix them before exporting" in err
    assert not (tmp_path / "site").exists()


@pytest.mark.parametrize("command", ["validate", "export-html"])
def test_help_lists_the_options(capsys, command: str) -> None:
    code, out, _ = run(capsys, command, "--help")
    assert code == 0 and "--course" in out and "--quizzes" in out


def test_validate_warnings_print_but_fail_only_with_strict(capsys, write_course) -> None:
    question = QUIZ[QUIZ.index("  - id: bq-define") : QUIZ.index("  - id: bq-steps")]
    long_key = question.replace("bq-define", "bq-long").replace(
        "text: An experience,", "text: An unpleasant experience,"
    )
    root = write_course({"quizzes/basics-quiz.yaml": QUIZ + long_key})
    code, out, _ = run(capsys, "validate", *paths(root))
    lines = out.splitlines()
    assert code == 0
    assert lines[0].endswith(
        "quizzes/basics-quiz.yaml:8: warning: quiz `basics-quiz`: the key is the longest option"
        " in 1 of its 2 single-answer questions (more than a third), so a learner who picks the"
        " longest option passes without reading: shorten keys or lengthen wrong options so that"
        " the key is the longest in at most 0 of them (now: bq-long)"
    )
    assert lines[-1].startswith("no problems, 1 warning: 1 modules,")

    code, _, _ = run(capsys, "validate", "--strict", *paths(root))
    assert code == 1

    code, out, _ = run(capsys, "validate", "--json", *paths(root))
    data = json.loads(out)
    assert code == 0
    assert data["problems"] == []
    assert set(data) == {"problems", "warnings", "stats"}
    assert data["warnings"][0]["line"] == 8
    assert data["warnings"][0]["file"].endswith("quizzes/basics-quiz.yaml")
    assert data["warnings"][0]["message"].startswith("quiz `basics-quiz`: the key is the longest")


def test_validate_strict_passes_a_course_without_warnings(capsys, demo_root: Path) -> None:
    code, out, _ = run(capsys, "validate", "--strict", *paths(demo_root))
    assert code == 0 and out.startswith("no problems: 1 modules,")
