"""`trainer ce-report`: the dossier for an approving body, from the course files only."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import COURSE_YAML, EVALUATION
from tests.test_cli import paths, run
from trainer.services.catalog import open_catalog
from trainer.services.ce_report import ce_report

SECTIONS = (
    "Objectives by module",
    "Words and reading time",
    "Post-test",
    "Post-test answer key",
    "References",
    "Evaluation form",
    "Sample certificate",
    "Review dates",
)


def _course(write_course, ce_hours: str = "1", extra: str = "") -> Path:
    course_yaml = COURSE_YAML.replace("ce_hours: 1", f"ce_hours: {ce_hours}") + extra
    return write_course(
        {"curriculum/course.yaml": course_yaml, "curriculum/evaluation.yaml": EVALUATION}
    )


def test_text_report_has_every_section(capsys, write_course) -> None:
    root = _course(write_course)
    code, out, err = run(capsys, *paths(root), "ce-report")
    assert code == 0, err
    for section in SECTIONS:
        assert f"== {section}" in out
    assert "b-define: " in out  # an objective
    assert "post-define: Pain and nociception are the same." in out
    assert "Answer: False" in out and "Answer: 4" in out  # the key, in words
    assert "Would you recommend it?" in out
    assert "This certifies that Sample Learner" in out
    assert "Delivery format: " in out
    assert "Approval: not stated" in out
    assert "Reading times are authored" in out
    assert "basics/what-is-pain: not recorded" in out or "basics/what-is-pain: 20" in out


def test_json_report_has_every_section(capsys, write_course) -> None:
    root = _course(write_course)
    code, out, _ = run(capsys, *paths(root), "ce-report", "--json")
    assert code == 0
    data = json.loads(out)
    for key in (
        "objectives", "lessons", "total_words", "hours_method", "posttest", "answer_key",
        "references", "evaluation", "sample_certificate", "review_dates", "warnings",
    ):  # fmt: skip
        assert data[key] not in (None, [], ""), key
    assert data["total_words"] == sum(lesson["words"] for lesson in data["lessons"])
    assert {"question_id": "post-steps", "prompt": "How many steps does nociception have?",
            "answer": "4"} in data["answer_key"]  # fmt: skip


def test_items_per_hour_and_no_warning_when_enough(write_course) -> None:
    root = _course(write_course, ce_hours="0.25")  # 2 post-test items in a quarter hour
    report = ce_report(open_catalog(root / "curriculum", root / "quizzes"))
    assert report.posttest.items == 2
    assert report.posttest.items_per_hour == 8
    assert report.posttest.pass_mark == 80
    assert report.warnings == ()


def test_short_posttest_and_low_pass_mark_are_warned(capsys, write_course) -> None:
    extra = "completion:\n  posttest_pass_mark: 70\n"
    root = _course(write_course, ce_hours="1", extra=extra)
    report = ce_report(open_catalog(root / "curriculum", root / "quizzes"))
    assert report.posttest.items_per_hour == 2
    assert len(report.warnings) == 2
    code, out, _ = run(capsys, *paths(root), "ce-report")
    assert code == 0
    assert "warning: 2 post-test items for 1 CE hours is 2.00 per credit hour" in out
    assert "at least 6 are needed" in out
    assert "warning: the post-test pass mark 70% is below APA's recommended 75%" in out


def test_pdf_is_written(capsys, write_course, tmp_path) -> None:
    root = _course(write_course)
    target = tmp_path / "out" / "ce-report.pdf"
    target.parent.mkdir()
    code, _, err = run(capsys, *paths(root), "ce-report", "--out", str(target))
    assert code == 0, err
    assert target.read_bytes().startswith(b"%PDF")
    code, _, err = run(capsys, *paths(root), "ce-report", "--out", str(target))
    assert code == 1 and "--force" in err
    code, _, err = run(capsys, *paths(root), "ce-report", "--out", str(target), "--force")
    assert code == 0, err
