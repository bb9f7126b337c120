"""The shipped course: it validates, and it keeps the size and shape of a full training day."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from trainer.content.formats import RelaxationPractice, WorksheetPractice
from trainer.paths import SHIPPED_COURSE, SHIPPED_QUIZZES
from trainer.services.export_html import export_html
from trainer.services.validation import ValidationReport, validate

CORE_MODULES = [
    "pain-physiology",
    "mood-pain-craving",
    "sleep-and-pain",
    "cbt-self-regulation",
    "oud-pain-links",
]
CASE = re.compile(r"^!!! case \"[^\"]*\(fictional\)\"", re.MULTILINE | re.IGNORECASE)


@pytest.fixture(scope="module")
def report() -> ValidationReport:
    return validate(SHIPPED_COURSE, SHIPPED_QUIZZES)


def test_shipped_course_has_no_problems(report: ValidationReport) -> None:
    assert [p.display() for p in report.problems] == []


def test_shipped_course_has_no_warnings(report: ValidationReport) -> None:
    """In particular no quiz whose key is the longest option in over a third of its items."""
    assert [w.display() for w in report.warnings] == []


def test_a_full_day_of_lessons(report: ValidationReport) -> None:
    assert report.stats.modules == 7
    assert 360 <= report.stats.minutes <= 420
    assert report.stats.words >= 18_000


def test_core_modules_have_depth(report: ValidationReport) -> None:
    course = report.course
    for module_id in CORE_MODULES:
        module = course.module(module_id)
        assert len(module.lessons) >= 4, module_id
        assert sum(lesson.words for lesson in module.lessons) >= 3_000, module_id


def test_every_module_has_measurable_objectives_each_measured_twice(
    report: ValidationReport,
) -> None:
    measured = Counter(q.objective for quiz in report.quizzes for q in quiz.spec.questions)
    for module in report.course.modules:
        assert 3 <= len(module.objectives) <= 6, module.id
        for objective in module.objectives:
            assert measured[objective.id] >= 2, objective.id


def test_quizzes_cover_the_course(report: ValidationReport) -> None:
    quizzes = {quiz.id: quiz.spec for quiz in report.quizzes}
    all_questions = [q for spec in quizzes.values() for q in spec.questions]
    assert len({q.id for q in all_questions}) >= 100
    assert {q.type for q in all_questions} == {
        "single",
        "multiple",
        "true_false",
        "matching",
        "ordering",
        "numeric",
    }
    for module_id in CORE_MODULES:
        quiz = quizzes[report.course.module(module_id).quiz]
        assert len(quiz.questions) >= 12, module_id
    physiology = quizzes[report.course.module("pain-physiology").quiz]
    assert {q.type for q in physiology.questions} == {
        "single",
        "multiple",
        "true_false",
        "matching",
        "ordering",
        "numeric",
    }


def test_pre_and_post_test_are_parallel_forms_over_every_module(report: ValidationReport) -> None:
    quizzes = {quiz.id: quiz.spec for quiz in report.quizzes}
    pre, post = quizzes[report.course.pretest], quizzes[report.course.posttest]
    module_of = {o.id: m.id for m in report.course.modules for o in m.objectives}
    assert len(pre.questions) >= 25 and len(post.questions) >= 25
    every_module = {m.id for m in report.course.modules}
    assert {module_of[q.objective] for q in pre.questions} == every_module
    assert {module_of[q.objective] for q in post.questions} == every_module
    assert not {q.id for q in pre.questions} & {q.id for q in post.questions}
    assert not {q.prompt for q in pre.questions} & {q.prompt for q in post.questions}


def test_core_modules_have_a_case_and_practice(report: ValidationReport) -> None:
    for module_id in CORE_MODULES:
        module = report.course.module(module_id)
        assert any(CASE.search(lesson.body) for lesson in module.lessons), module_id
        assert any(lesson.practice for lesson in module.lessons), module_id


def test_the_practice_items_counselors_need(report: ValidationReport) -> None:
    items = [item for lesson in report.course.lessons for item in lesson.practice]
    assert any(isinstance(item, RelaxationPractice) for item in items)
    worksheets = " | ".join(
        item.title.lower() for item in items if isinstance(item, WorksheetPractice)
    )
    for name in ("sleep diary", "thought record", "pacing", "relapse"):
        assert name in worksheets, name


def test_glossary_references_and_evaluation(report: ValidationReport) -> None:
    course = report.course
    assert len(course.glossary) >= 40
    cited = {
        label for lesson in course.lessons for label in re.findall(r"\[\^([^\]]+)\]", lesson.body)
    }
    assert len(cited) >= 40
    assert cited <= set(course.references)
    kinds = {item.type for item in course.evaluation.items}
    assert kinds == {"rating", "yes_no", "text"}


def test_export_renders_the_whole_course(report: ValidationReport, tmp_path: Path) -> None:
    index = export_html(report.course, tmp_path)
    pages = {p.stem for p in tmp_path.glob("*.html")} - {"index"}
    assert pages == {lesson.id for lesson in report.course.lessons}
    assert all(f'href="{lesson.id}.html"' in index.read_text() for lesson in report.course.lessons)
