"""One learner's whole record for the supervisor: the learner record (`learner_progress`)
with every attempt's answers, lesson times, practice done, certificates, evaluation answers
and the client cases played (each run's path of choices and the ending reached).

What was written in a practice item is part of the record only for an item with
`share: answers` in the course as installed here, whatever the database holds (an older
bundle may have brought private answers in).

Read-only: nothing here changes the database.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select

from trainer.cases.model import CaseSpec
from trainer.quiz.answer_text import answer_text
from trainer.services import accounts, case_play, certificates, practice
from trainer.services.catalog import Catalog
from trainer.services.learner_progress import AttemptLine, LearnerProgress, learner_progress
from trainer.store.db import Store
from trainer.store.models import Evaluation, LessonProgress, PracticeEntry, QuizAttempt, Response


@dataclass(frozen=True)
class AnswerRecord:
    """One question of an attempt: what was asked, what was answered, whether it was right."""

    question_id: str
    prompt: str
    answer: str
    correct: bool | None  # None: not answered
    score: float


@dataclass(frozen=True)
class AttemptRecord:
    """One attempt: its line in the learner record (title, dates, score, result, time) and
    every answer."""

    line: AttemptLine
    answers: tuple[AnswerRecord, ...]


@dataclass(frozen=True)
class LessonTime:
    module_title: str
    lesson_id: str
    lesson_title: str
    active_seconds: int
    first_opened_at: datetime
    completed_at: datetime | None


@dataclass(frozen=True)
class PracticeDone:
    """One practice item the learner did: how many entries and when; what was written
    only when the item shares its answers with the supervisor."""

    lesson_title: str
    item_title: str
    shared: bool
    entries: int
    first_saved_at: datetime
    last_saved_at: datetime
    answers: tuple[str, ...]  # one text per entry, oldest first; () unless shared


@dataclass(frozen=True)
class EvaluationAnswer:
    prompt: str
    answer: str


@dataclass(frozen=True)
class CaseStepDone:
    """One choice made in a run: the choice as the learner read it, and its rating."""

    node_id: str
    choice: str
    rating: str  # helpful, partly, harmful


@dataclass(frozen=True)
class CaseRunDone:
    """One play-through of a case: its path and the ending reached ("" while unfinished)."""

    started_at: datetime | None
    steps: tuple[CaseStepDone, ...]
    ending: str  # the ending's title
    outcome: str  # the ending's outcome: helpful, partly, harmful; "" while unfinished
    stale: bool  # the case was changed since: this path is no longer in it


@dataclass(frozen=True)
class CaseDone:
    """A client case of the course with the learner's runs of it, oldest first."""

    case_id: str
    title: str
    runs: tuple[CaseRunDone, ...]


@dataclass(frozen=True)
class LearnerRecord:
    """Everything the learner detail dialog shows, read in one go."""

    learner: accounts.LearnerInfo
    progress: LearnerProgress
    attempts: tuple[AttemptRecord, ...]  # oldest first
    lessons: tuple[LessonTime, ...]  # in course order
    certificates: tuple[certificates.CertificateInfo, ...]
    evaluation_submitted_at: datetime | None
    evaluation: tuple[EvaluationAnswer, ...]
    practice: tuple[PracticeDone, ...] = ()  # in course order
    cases: tuple[CaseDone, ...] = ()  # every case of the course, in course order


def learner_record(store: Store, catalog: Catalog, learner_id: str) -> LearnerRecord:
    """The learner's record; refused (ServiceError) when there is no such profile."""
    learner = accounts.find_learner(store, learner_id)
    record = learner_progress(store, catalog, learner.id)
    lines = {line.attempt_id: line for line in record.history}
    course = catalog.course
    with store.reading() as session:
        attempt_rows = list(
            session.scalars(
                select(QuizAttempt)
                .where(QuizAttempt.learner_id == learner.id, QuizAttempt.course_id == course.id)
                .order_by(QuizAttempt.started_at)
            )
        )
        responses: dict[str, dict[str, Response]] = {}
        if attempt_rows:
            for response in session.scalars(
                select(Response).where(Response.attempt_id.in_([a.id for a in attempt_rows]))
            ):
                responses.setdefault(response.attempt_id, {})[response.question_id] = response
        attempts = tuple(
            _attempt(catalog, row, responses.get(row.id, {}), lines[row.id]) for row in attempt_rows
        )
        progress = {
            row.lesson_id: row
            for row in session.scalars(
                select(LessonProgress).where(
                    LessonProgress.learner_id == learner.id, LessonProgress.course_id == course.id
                )
            )
        }
        lessons = tuple(
            LessonTime(
                module.title, lesson.id, lesson.title, row.active_seconds,
                row.first_opened_at, row.completed_at,
            )
            for module in course.modules
            for lesson in module.lessons
            if (row := progress.get(lesson.id)) is not None
        )  # fmt: skip
        evaluation = session.scalar(
            select(Evaluation).where(
                Evaluation.learner_id == learner.id, Evaluation.course_id == course.id
            )
        )
        evaluation_at = evaluation.submitted_at if evaluation else None
        evaluation_answers = _evaluation(catalog, evaluation.answers) if evaluation else ()
        entries = list(
            session.scalars(
                select(PracticeEntry)
                .where(PracticeEntry.learner_id == learner.id, PracticeEntry.course_id == course.id)
                .order_by(PracticeEntry.created_at, PracticeEntry.id)
            )
        )
        practice_done = _practice(catalog, entries)
    return LearnerRecord(
        learner,
        record,
        attempts,
        lessons,
        tuple(certificates.learner_certificates(store, catalog, learner.id)),
        evaluation_at,
        evaluation_answers,
        practice_done,
        _cases(store, catalog, learner.id),
    )


def _attempt(
    catalog: Catalog, row: QuizAttempt, responses: dict[str, Response], line: AttemptLine
) -> AttemptRecord:
    quiz = catalog.quizzes.get(row.quiz_id)
    answers = []
    for question_id in row.question_order:
        question = quiz.spec.question(question_id) if quiz else None
        response = responses.get(question_id)
        answers.append(
            AnswerRecord(
                question_id,
                question.prompt if question else question_id,
                answer_text(question, response.answer) if response else "",
                response.correct if response else None,
                response.score if response else 0.0,
            )
        )
    return AttemptRecord(line, tuple(answers))


def _practice(catalog: Catalog, entries: list[PracticeEntry]) -> tuple[PracticeDone, ...]:
    """Each practice item of the course the learner has entries for, in course order."""
    by_item: dict[tuple[str, str], list[PracticeEntry]] = {}
    for entry in entries:
        by_item.setdefault((entry.lesson_id, entry.item_id), []).append(entry)
    done = []
    for lesson in catalog.course.lessons:
        for item in lesson.practice:
            rows = by_item.get((lesson.id, item.id))
            if not rows:
                continue
            shared = practice.shares_answers(item)
            answers = tuple(practice.entry_text(item, row.entry) for row in rows) if shared else ()
            done.append(
                PracticeDone(
                    lesson.title, item.title, shared, len(rows),
                    min(row.created_at for row in rows), max(row.updated_at for row in rows),
                    answers,
                )
            )  # fmt: skip
    return tuple(done)


def _cases(store: Store, catalog: Catalog, learner_id: str) -> tuple[CaseDone, ...]:
    """Each case with the learner's runs, every choice in words as the case has it now."""
    done = []
    for summary in case_play.case_record(store, catalog, learner_id):
        spec = catalog.case(summary.case_id).spec
        runs = []
        for run in summary.runs:
            ending = spec.ending(run.ending_id) if run.ending_id else None
            steps = tuple(
                CaseStepDone(step.node_id, _choice_text(spec, step), step.rating)
                for step in run.steps
            )
            runs.append(
                CaseRunDone(
                    run.started_at,
                    steps,
                    ending.title if ending else "",
                    ending.outcome if ending else "",
                    run.stale,
                )
            )
        done.append(CaseDone(summary.case_id, summary.title, tuple(runs)))
    return tuple(done)


def _choice_text(spec: CaseSpec, step: case_play.Step) -> str:
    choice = spec.choice(step.node_id, step.choice_id)
    return choice.text if choice is not None else step.choice_id


def _evaluation(catalog: Catalog, answers: dict[str, Any]) -> tuple[EvaluationAnswer, ...]:
    form = catalog.course.evaluation
    items = {item.id: item.prompt for item in form.items} if form else {}
    ordered = [i for i in items if i in answers] + [k for k in answers if k not in items]
    return tuple(
        EvaluationAnswer(items.get(key, key), _evaluation_text(answers[key])) for key in ordered
    )


def _evaluation_text(value: Any) -> str:
    if value is True:
        return "Yes"
    if value is False:
        return "No"
    return str(value)
