"""The dossier an approving body reads (`trainer ce-report`), built from the course files only:
objectives, words and reading time, the post-test against APA's recommendation and its
answer key, references, the evaluation form, a sample certificate and the review dates."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from trainer.quiz.answer_text import right_answer
from trainer.services.catalog import Catalog
from trainer.services.certificates import certificate_text, sample_certificate
from trainer.services.figures import hours_text

# APA's recommendation for home study, which the report checks the post-test against
MIN_ITEMS_PER_HOUR, MAX_ITEMS_PER_HOUR = 6, 8
MIN_PASS_MARK = 75
NOT_RECORDED = "not recorded"
SAMPLE_NAME = "Sample Learner"


@dataclass(frozen=True)
class ModuleObjectives:
    module_id: str
    title: str
    objectives: tuple[str, ...]  # "id: text"


@dataclass(frozen=True)
class LessonWords:
    module_id: str
    lesson_id: str
    title: str
    words: int
    minutes: int


@dataclass(frozen=True)
class AnswerKeyItem:
    question_id: str
    prompt: str
    answer: str


@dataclass(frozen=True)
class PosttestCheck:
    quiz_id: str | None  # None when the course has no post-test
    items: int  # items a learner answers (the draw, when the quiz draws from a pool)
    pool: int
    items_per_hour: float
    pass_mark: float  # the course's `completion.posttest_pass_mark`, which decides completion
    quiz_pass_mark: float | None
    warnings: tuple[str, ...]


@dataclass(frozen=True)
class ReviewDate:
    page: str  # "module-id" or "module-id/lesson-id"
    reviewed: str  # YYYY-MM, or "not recorded"


@dataclass(frozen=True)
class CeReport:
    course_id: str
    title: str
    version: str
    provider: str
    delivery_format: str
    ce_hours: float
    objectives: tuple[ModuleObjectives, ...]
    lessons: tuple[LessonWords, ...]
    total_words: int
    total_minutes: int  # lessons and module introductions
    hours_method: str
    posttest: PosttestCheck
    answer_key: tuple[AnswerKeyItem, ...]
    references: tuple[str, ...]
    evaluation: tuple[str, ...]  # "prompt (type)"
    sample_certificate: tuple[str, ...]
    review_dates: tuple[ReviewDate, ...]

    @property
    def warnings(self) -> tuple[str, ...]:
        return self.posttest.warnings

    def as_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["warnings"] = list(self.warnings)
        return data


def ce_report(catalog: Catalog) -> CeReport:
    course = catalog.course
    lessons = tuple(
        LessonWords(lesson.module_id, lesson.id, lesson.title, lesson.words, lesson.minutes)
        for lesson in course.lessons
    )
    intro_minutes = sum(module.minutes for module in course.modules)
    words = sum(lesson.words for lesson in lessons)
    minutes = course.minutes
    hours_method = (
        f"Reading times are authored, not computed from a words-per-minute rate: each lesson"
        f" states its `minutes` ({sum(lesson.minutes for lesson in lessons)} minutes in all) and"
        f" each module introduction its own ({intro_minutes} minutes), {minutes} minutes in"
        f" total ({minutes / 60:.1f} hours). The CE hours are set in course.yaml (`ce_hours:"
        f" {hours_text(course.ce_hours)}`) and awarded only when the learner's active time"
        f" reaches {course.credit.min_active_share:.0%} of the {minutes} minutes"
        + (
            f", at most {hours_text(course.credit.max_hours_per_day)} hours per 24 hours."
            if course.credit.max_hours_per_day
            else "."
        )
        + (f" For reference: {words / minutes:.0f} words per authored minute." if minutes else "")
    )
    posttest, key = _posttest(catalog)
    return CeReport(
        course_id=course.id,
        title=course.title,
        version=course.version,
        provider=course.provider,
        delivery_format=getattr(course, "delivery_format", "") or "not stated",
        ce_hours=course.ce_hours,
        objectives=tuple(
            ModuleObjectives(m.id, m.title, tuple(f"{o.id}: {o.text}" for o in m.objectives))
            for m in course.modules
        ),
        lessons=lessons,
        total_words=words,
        total_minutes=minutes,
        hours_method=hours_method,
        posttest=posttest,
        answer_key=key,
        references=tuple(r.citation() for r in course.references.values()),
        evaluation=tuple(
            f"{item.prompt} ({item.type.replace('_', '/')}{'' if item.required else ', optional'})"
            for item in (course.evaluation.items if course.evaluation else [])
        ),
        sample_certificate=tuple(certificate_text(sample_certificate(course, SAMPLE_NAME))),
        review_dates=_review_dates(catalog),
    )


def _posttest(catalog: Catalog) -> tuple[PosttestCheck, tuple[AnswerKeyItem, ...]]:
    course = catalog.course
    pass_mark = float(course.completion.posttest_pass_mark)
    quiz = catalog.quizzes.get(course.posttest) if course.posttest else None
    if quiz is None:
        check = PosttestCheck(
            course.posttest, 0, 0, 0.0, pass_mark, None,
            ("the course has no post-test: APA expects one for home-study credit",),
        )  # fmt: skip
        return check, ()
    spec = quiz.spec
    items = spec.draw or len(spec.questions)
    per_hour = items / course.ce_hours
    warnings = []
    if per_hour < MIN_ITEMS_PER_HOUR:
        needed = int(-(-MIN_ITEMS_PER_HOUR * course.ce_hours // 1))
        warnings.append(
            f"warning: {items} post-test items for {hours_text(course.ce_hours)} CE hours is"
            f" {per_hour:.2f} per credit hour, below APA's recommended"
            f" {MIN_ITEMS_PER_HOUR} to {MAX_ITEMS_PER_HOUR}: at least {needed} are needed"
        )
    if pass_mark < MIN_PASS_MARK:
        warnings.append(
            f"warning: the post-test pass mark {pass_mark:g}% is below APA's recommended"
            f" {MIN_PASS_MARK}%"
        )
    check = PosttestCheck(
        spec.id, items, len(spec.questions), per_hour, pass_mark, spec.pass_mark, tuple(warnings)
    )
    return check, tuple(
        AnswerKeyItem(q.id, " ".join(q.prompt.split()), right_answer(q)) for q in spec.questions
    )


def _review_dates(catalog: Catalog) -> tuple[ReviewDate, ...]:
    dates = []
    for module in catalog.course.modules:
        dates.append(ReviewDate(module.id, _reviewed(module)))
        dates += [
            ReviewDate(f"{module.id}/{lesson.id}", _reviewed(lesson)) for lesson in module.lessons
        ]
    return tuple(dates)


def _reviewed(page: object) -> str:
    """The page's `reviewed:` month, when the course model records one."""
    value = getattr(page, "reviewed", None)
    return str(value) if value else NOT_RECORDED


def report_lines(report: CeReport) -> list[str]:
    """The report as plain text, section by section."""
    post = report.posttest
    lines = [
        f"CE report: {report.title} (version {report.version})",
        f"Provider: {report.provider}",
        f"Delivery format: {report.delivery_format}",
        f"CE hours: {hours_text(report.ce_hours)}",
        "",
        "== Objectives by module ==",
    ]
    for module in report.objectives:
        lines.append(f"{module.title} ({module.module_id})")
        lines += [f"  - {objective}" for objective in module.objectives]
    lines += ["", "== Words and reading time =="]
    lines += [
        f"  {lesson.module_id}/{lesson.lesson_id}: {lesson.words} words, {lesson.minutes} min"
        for lesson in report.lessons
    ]
    lines += [
        f"  All lessons: {report.total_words} words; {report.total_minutes} minutes with the"
        " module introductions",
        f"  Method: {report.hours_method}",
        "",
        "== Post-test ==",
    ]
    if post.quiz_id is not None and post.pool:
        drawn = f" (drawn from {post.pool})" if post.items != post.pool else ""
        lines += [
            f"  Quiz: {post.quiz_id}; {post.items} items{drawn}",
            f"  Items per credit hour: {post.items_per_hour:.2f}"
            f" (APA recommends {MIN_ITEMS_PER_HOUR} to {MAX_ITEMS_PER_HOUR})",
            f"  Pass mark: {post.pass_mark:g}% (APA recommends at least {MIN_PASS_MARK}%)"
            + (
                f"; the quiz file's own pass_mark is {post.quiz_pass_mark:g}%"
                if post.quiz_pass_mark is not None and post.quiz_pass_mark != post.pass_mark
                else ""
            ),
        ]
    lines += [f"  {warning}" for warning in post.warnings]
    lines += ["", "== Post-test answer key =="]
    for item in report.answer_key:
        lines += [f"  {item.question_id}: {item.prompt}", f"    Answer: {item.answer}"]
    lines += ["", "== References =="]
    lines += [f"  {reference}" for reference in report.references] or ["  none"]
    lines += ["", "== Evaluation form =="]
    lines += [f"  {number}. {q}" for number, q in enumerate(report.evaluation, 1)] or ["  none"]
    lines += ["", f"== Sample certificate (for {SAMPLE_NAME}) =="]
    lines += [f"  {line}" for line in report.sample_certificate]
    lines += ["", "== Review dates =="]
    lines += [f"  {date.page}: {date.reviewed}" for date in report.review_dates]
    return lines
