"""Whether the course is current: `reviewed:` dates, and phrases that are now wrong."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from tests.conftest import LESSON_ONE, LESSON_TWO, MODULE_MD, QUIZ, THIS_MONTH
from trainer.cli import main
from trainer.content.render import Renderer
from trainer.services.validation import ValidationReport, validate

PHRASES = """\
- phrase: X-waiver
  pattern: '\\bX[- ]?waiver'
  since: 2023-01
  why: the DATA waiver ended on 29 December 2022
  instead: a prescriber with a DEA registration
- phrase: naloxone reverses every overdose
  since: 2024-01
  why: naloxone does not reverse xylazine
"""
LESSON_TWO_FILE = "curriculum/basics/02-steps.md"


def report(root: Path, today: date | None = None) -> ValidationReport:
    return validate(root / "curriculum", root / "quizzes", today=today)


def warnings(root: Path, today: date | None = None) -> list[tuple[str, int, str]]:
    return [
        (w.file.relative_to(root).as_posix(), w.line, w.message)
        for w in report(root, today).warnings
    ]


def problems(root: Path) -> list[tuple[str, int, str]]:
    return [(p.file.relative_to(root).as_posix(), p.line, p.message) for p in report(root).problems]


def test_the_demo_course_reviewed_this_month_has_no_warning(demo_root: Path) -> None:
    assert warnings(demo_root) == []


def test_a_lesson_without_reviewed_warns(write_course) -> None:
    root = write_course({LESSON_TWO_FILE: LESSON_TWO.replace(f"reviewed: {THIS_MONTH}\n", "")})
    assert warnings(root) == [(LESSON_TWO_FILE, 1, "not marked reviewed: add `reviewed: YYYY-MM`")]


def test_a_module_introduction_without_reviewed_warns(write_course) -> None:
    text = MODULE_MD.replace(f"reviewed: {THIS_MONTH}\n", "")
    root = write_course({"curriculum/basics/module.md": text})
    assert warnings(root) == [
        ("curriculum/basics/module.md", 1, "not marked reviewed: add `reviewed: YYYY-MM`")
    ]


def test_a_lesson_reviewed_24_months_ago_warns_on_its_line(write_course) -> None:
    root = write_course(
        {LESSON_TWO_FILE: LESSON_TWO.replace(f"reviewed: {THIS_MONTH}", "reviewed: 2024-03")}
    )
    message = "last reviewed 2024-03, over 24 months ago: review it and update `reviewed:`"
    assert warnings(root, today=date(2026, 3, 1)) == [(LESSON_TWO_FILE, 6, message)]
    assert warnings(root, today=date(2026, 2, 28)) == []


def test_a_malformed_reviewed_is_a_problem_on_its_line(write_course) -> None:
    for value in ("2026-13", "Dec 2026", "2026-12-01", "2026"):
        text = LESSON_TWO.replace(f"reviewed: {THIS_MONTH}", f"reviewed: {value}")
        found = problems(write_course({LESSON_TWO_FILE: text}))
        mine = [m for f, n, m in found if (f, n) == (LESSON_TWO_FILE, 6)]
        assert mine == [f"reviewed: `{value}` is not a month: write it as YYYY-MM, like `2026-12`"]


def test_an_outdated_phrase_warns_with_file_line_and_why(write_course) -> None:
    text = LESSON_TWO.replace(
        "## Why it matters", "## Why it matters\n\nAsk whether the doctor has an X waiver."
    )
    root = write_course({"curriculum/outdated-phrases.yaml": PHRASES, LESSON_TWO_FILE: text})
    assert warnings(root) == [
        (
            LESSON_TWO_FILE,
            14,
            '"X-waiver" is out of date since 2023-01: the DATA waiver ended on 29 December 2022'
            " (instead: a prescriber with a DEA registration)",
        )
    ]


def test_a_literal_phrase_matches_ignoring_case_and_line_breaks_inside(write_course) -> None:
    text = LESSON_ONE.replace("Nociception is not pain.", "NALOXONE  reverses every overdose.")
    root = write_course(
        {"curriculum/outdated-phrases.yaml": PHRASES, "curriculum/basics/01-what-is-pain.md": text}
    )
    found = warnings(root)
    assert [(f, n) for f, n, _ in found] == [("curriculum/basics/01-what-is-pain.md", 16)]
    assert found[0][2].startswith('"naloxone reverses every overdose" is out of date since 2024-01')


def test_the_quoting_marker_keeps_the_phrase_and_is_not_shown(write_course) -> None:
    line = "The X-waiver ended in 2022. <!-- quoting: X-waiver -->"
    text = LESSON_TWO.replace("## Why it matters", f"## Why it matters\n\n{line}")
    root = write_course({"curriculum/outdated-phrases.yaml": PHRASES, LESSON_TWO_FILE: text})
    result = report(root)
    assert result.warnings == []
    assert result.course is not None
    html = Renderer(result.course).render_lesson(result.course.lessons[1]).html
    assert "The X-waiver ended in 2022." in html
    assert "quoting" not in html


def test_a_marker_for_another_phrase_does_not_hide_this_one(write_course) -> None:
    line = "The X-waiver ended. <!-- quoting: naloxone reverses every overdose -->"
    text = LESSON_TWO.replace("## Why it matters", f"## Why it matters\n\n{line}")
    root = write_course({"curriculum/outdated-phrases.yaml": PHRASES, LESSON_TWO_FILE: text})
    assert [m[:10] for _, _, m in warnings(root)] == ['"X-waiver"']


def test_an_outdated_phrase_in_a_quiz_text_warns_on_its_line(write_course) -> None:
    quiz = QUIZ.replace("feedback: That is nociception.", "feedback: Ask about the X-waiver.")
    root = write_course(
        {"curriculum/outdated-phrases.yaml": PHRASES, "quizzes/basics-quiz.yaml": quiz}
    )
    found = warnings(root)
    assert [(f, n) for f, n, _ in found] == [("quizzes/basics-quiz.yaml", 16)]
    assert found[0][2].startswith('question `bq-define`: "X-waiver" is out of date')


def test_the_phrases_file_is_validated_by_line(write_course) -> None:
    broken = PHRASES.replace("since: 2024-01", "since: soon").replace("'\\bX[- ]?waiver'", "'X[-'")
    root = write_course({"curriculum/outdated-phrases.yaml": broken})
    found = problems(root)
    assert [(f, n) for f, n, _ in found] == [
        ("curriculum/outdated-phrases.yaml", 2),
        ("curriculum/outdated-phrases.yaml", 7),
    ]
    assert "is not a regular expression" in found[0][2]
    assert "`soon` is not a month" in found[1][2]


def test_strict_fails_on_a_review_warning(write_course, monkeypatch, capsys) -> None:
    root = write_course({LESSON_TWO_FILE: LESSON_TWO.replace(f"reviewed: {THIS_MONTH}\n", "")})
    monkeypatch.chdir(root)
    args = ["validate", "--course", "curriculum", "--quizzes", "quizzes"]
    assert main(args) == 0
    assert main([*args, "--strict"]) == 1
    out = capsys.readouterr().out
    assert f"{LESSON_TWO_FILE}:1: warning: not marked reviewed: add `reviewed: YYYY-MM`" in out
