"""Demo data: fictional learners in every state, to show the app to a new organisation.

`fill_demo` walks each learner through the course with the real services (profiles,
reading, quiz attempts with real answers to the course's questions, practice entries,
the evaluation and the certificate), so the rows are exactly what the app would write.
One learner's progress is made on a second, temporary installation and arrives through
a signed progress bundle, as it would from an offline laptop. Then each learner's
timestamps are spread over the past weeks: the services stamp rows with the current
time, so the demo moves them to the moments of a simulated study timeline (sessions of
under two hours, a few days apart, active time in the capped steps the app records).

Certified learners completed the course one to four months ago (the first of them long
enough ago for the 90-day retention report to have answers) and have done booster reviews
since: each day's session is the one `review_plan` offers on that simulated day, answered
through `record_review` at simulated moments, so the schedule is the app's own. Each of
them once answers a safety item wrongly while sure of it.

The same seed gives the same learners (names, credentials, organisations, states,
answers and scores); row ids and certificate codes are random, as in the app.

Demo profiles are marked in the `setting` table (one row per learner, holding its
state), so the demo recognises its own learners without a column of its own: a
database with any other profile is refused unless `force`, and a database that already
holds demo learners is refused always (filling it again would repeat the same names).
"""

from __future__ import annotations

import json
import math
import random
import tempfile
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import delete, func, select

from trainer.content.formats import (
    PracticeItem,
    ReflectionPractice,
    RelaxationPractice,
    TextItem,
    WorksheetField,
    WorksheetPractice,
    YesNoItem,
)
from trainer.content.model import Lesson, Module
from trainer.quiz.attempt import AttemptPlan, score_attempt
from trainer.quiz.model import (
    Matching,
    MultipleChoice,
    Numeric,
    Ordering,
    Question,
    QuizSpec,
    SingleChoice,
    TrueFalse,
)
from trainer.services import accounts, attempts, bundle_merge, bundles, org_key, practice, progress
from trainer.services import demo_texts as texts
from trainer.services.catalog import Catalog
from trainer.services.certificates import issue_certificate
from trainer.services.errors import ServiceError
from trainer.services.evaluation import submit_evaluation
from trainer.services.reviews import (
    booster_question,
    record_review,
    review_plan,
    review_settings,
    reviews_start,
)
from trainer.store.db import Store, open_store
from trainer.store.models import (
    Certificate,
    Evaluation,
    Learner,
    LessonProgress,
    PracticeEntry,
    QuizAttempt,
    Response,
    Setting,
)

DEFAULT_LEARNERS = 24
DEFAULT_SEED = 1
MARKER = "demo_learner:"  # + learner id: one setting row per demo learner, holding its state
FILLED = "demo_filled"  # one setting row: JSON of the seed, learners and when
STEP_SECONDS = progress.MAX_ACTIVE_STEP_SECONDS


@dataclass(frozen=True)
class DemoState:
    name: str
    words: str


STATES = (
    DemoState("new", "new: nothing done yet"),
    DemoState("pretest_only", "pre-test taken, nothing else"),
    DemoState("reading", "reading: some lessons read, one half-read"),
    DemoState("quiz_failed", "module quiz failed, attempts left"),
    DemoState("no_attempts_left", "module quiz failed, no attempts left"),
    DemoState("passed_on_retake", "module quiz passed on the second attempt"),
    DemoState("modules_done", "several modules done"),
    DemoState("posttest_failed", "every module done, post-test failed"),
    DemoState("posttest_passed", "post-test passed, no evaluation yet"),
    DemoState("certified", "complete: evaluation submitted, certificate issued"),
    DemoState("quiz_in_progress", "a quiz started, some answers, not submitted"),
    DemoState("imported", "progress imported from another machine"),
)
STATE_NAMES = tuple(state.name for state in STATES)
# the order learners are given states: varied from the first few, every state by twelve
CYCLE = (
    "certified", "reading", "quiz_failed", "new", "quiz_in_progress", "modules_done",
    "posttest_passed", "no_attempts_left", "pretest_only", "passed_on_retake",
    "posttest_failed", "imported",
)  # fmt: skip
# how many days ago each state's learner started (before moving back to keep it past)
START_DAYS = {
    "new": (0, 6), "pretest_only": (1, 12), "reading": (2, 12), "quiz_failed": (6, 24),
    "no_attempts_left": (8, 28), "passed_on_retake": (8, 28), "modules_done": (10, 30),
    "posttest_failed": (18, 42), "posttest_passed": (18, 42), "certified": (20, 48),
    "quiz_in_progress": (4, 20), "imported": (8, 30),
}  # fmt: skip
PRACTISING = {"reading", "modules_done", "posttest_passed", "certified", "imported"}
# certified learners, in turn, start this many days ago, so that they completed the course
# one to four months ago; the first has booster answers 80 to 100 days after completion
REVIEWING_START_DAYS = ((118, 126), (104, 114), (42, 55), (72, 88))


@dataclass(frozen=True)
class DemoLearner:
    learner_id: str
    display_name: str
    credential: str
    organisation: str
    state: str


@dataclass(frozen=True)
class DemoSummary:
    """What `fill_demo` wrote: every learner with the state it was given."""

    database: str
    seed: int
    learners: tuple[DemoLearner, ...]
    reviews: int = 0  # booster answers, by the certified learners

    @property
    def organisations(self) -> tuple[str, ...]:
        return tuple(sorted({learner.organisation for learner in self.learners}))

    def per_state(self) -> dict[str, int]:
        counts = Counter(learner.state for learner in self.learners)
        return {name: counts[name] for name in STATE_NAMES}

    def lines(self) -> list[str]:
        """The summary as the `trainer demo` command prints it."""
        count = len(self.learners)
        lines = [f"filled {self.database} with {count} demo learners (seed {self.seed}):"]
        width = max(len(state.words) for state in STATES)
        for state in STATES:
            lines.append(f"  {state.words:<{width}}  {self.per_state()[state.name]:>3}")
        by_org = Counter(learner.organisation for learner in self.learners)
        orgs = ", ".join(f"{name} ({by_org[name]})" for name in self.organisations)
        lines.append(f"organisations: {orgs}")
        if self.reviews:
            lines.append(
                f"booster reviews: {self.reviews} answers by the learners who completed the"
                " course 1 to 4 months ago"
            )
        certified = [
            learner.display_name for learner in self.learners if learner.state == "certified"
        ]
        if certified:
            lines.append(f"course complete, certificate issued: {', '.join(certified)}")
        return lines


def fill_demo(
    store: Store,
    catalog: Catalog,
    learners: int = DEFAULT_LEARNERS,
    seed: int = DEFAULT_SEED,
    *,
    force: bool = False,
    now: datetime | None = None,
) -> DemoSummary:
    """Add `learners` fictional learners, cycling through STATES; ServiceError if refused."""
    if learners < 1:
        raise ServiceError("the demo needs at least one learner")
    course = _check_course(catalog)
    check_store(store, force=force)
    now = (now or datetime.now(UTC)).astimezone(UTC)
    rng = random.Random(seed)
    people = _people(rng, learners)
    made: list[DemoLearner] = []
    imported: list[tuple[int, _Person]] = []
    certified = 0
    reviews = 0
    for index, person in enumerate(people):
        if person.state == "imported":
            imported.append((index, person))
            continue
        start_days = None
        if person.state == "certified":
            start_days = REVIEWING_START_DAYS[certified % len(REVIEWING_START_DAYS)]
            certified += 1
        walk = _Walk(
            store, catalog, course, person, random.Random(f"{seed}:{index}"), now, start_days
        )
        made.append(walk.run())
        reviews += walk.reviews
    if imported:
        made += _import_from_laptop(store, catalog, course, imported, seed, now)
    order = {person.name: index for index, person in enumerate(people)}
    made.sort(key=lambda learner: order[learner.display_name])
    with store.session() as session:
        session.merge(
            Setting(
                key=FILLED,
                value=json.dumps(
                    {"seed": seed, "learners": learners, "filled_at": now.isoformat()}
                ),
            )
        )
    return DemoSummary(store.display_name, seed, tuple(made), reviews)


def check_store(store: Store, *, force: bool = False) -> None:
    """Refuse a database that holds demo learners already, or (unless `force`) real profiles."""
    demo = demo_learners(store)
    where = store.display_name
    if demo:
        with store.reading() as session:
            filled = session.get(Setting, FILLED)
        seed = f", seed {json.loads(filled.value)['seed']}" if filled is not None else ""
        raise ServiceError(
            f"{where} already holds demo data ({len(demo)} demo learners{seed}): it is ready"
            " to show; for a fresh set, use a new file or an empty database"
        )
    with store.reading() as session:
        count = session.scalar(select(func.count()).select_from(Learner)) or 0
    if count and not force:
        noun = "profile" if count == 1 else "profiles"
        raise ServiceError(
            f"{where} holds {count} real {noun}: fill a new file or an empty database"
            " instead, or add --force to put demo learners beside them"
        )


def demo_learners(store: Store) -> list[tuple[str, str]]:
    """(learner id, state name) of every demo learner in the database, by name."""
    with store.reading() as session:
        marks = {
            setting.key.removeprefix(MARKER): setting.value
            for setting in session.scalars(select(Setting).where(Setting.key.startswith(MARKER)))
        }
        names: dict[str, str] = {
            learner_id: name
            for learner_id, name in session.execute(select(Learner.id, Learner.display_name))
        }  # a marker whose profile is gone is ignored
    found = [(learner_id, state) for learner_id, state in marks.items() if learner_id in names]
    return sorted(found, key=lambda pair: (names[pair[0]].lower(), pair[0]))


# ---------------------------------------------------------------- the course


@dataclass(frozen=True)
class _Course:
    """What the demo needs of the course: tests, the quiz that can be failed, the modules."""

    modules: tuple[Module, ...]
    pretest: str
    posttest: str
    failable: int  # index of the first module whose quiz has limited attempts (2 or more)
    pass_mark: float  # the post-test mark of the completion rule


def _check_course(catalog: Catalog) -> _Course:
    course = catalog.course
    if catalog.problems:
        raise ServiceError(
            f"the course has {len(catalog.problems)} problems: fix them first (`trainer validate`"
            " lists them)"
        )
    missing = []
    if not course.pretest or course.pretest not in catalog.quizzes:
        missing.append("pre-test")
    if not course.posttest or course.posttest not in catalog.quizzes:
        missing.append("post-test")
    if course.evaluation is None:
        missing.append("course evaluation")
    failable = next(
        (
            index
            for index, module in enumerate(course.modules)
            if (quiz := catalog.module_quiz(module)) is not None
            and (quiz.spec.attempts_allowed or 0) >= 2
        ),
        None,
    )
    if failable is None:
        missing.append("module quiz with a limited number of attempts")
    if missing or not course.pretest or not course.posttest or failable is None:
        raise ServiceError(
            f"the demo shows every state of a course, and this course has no {', no '.join(missing)}"
        )
    return _Course(
        tuple(course.modules),
        course.pretest,
        course.posttest,
        failable,
        float(course.completion.posttest_pass_mark),
    )


# ---------------------------------------------------------------- people


@dataclass(frozen=True)
class _Person:
    name: str
    credential: str
    organisation: str
    state: str


def _people(rng: random.Random, count: int) -> list[_Person]:
    """Fictional people: first and last names paired so that neither repeats while the
    lists last; each organisation gets a quarter of them, in no order of state."""
    firsts = rng.sample(texts.FIRST_NAMES, len(texts.FIRST_NAMES))
    lasts = rng.sample(texts.LAST_NAMES, len(texts.LAST_NAMES))
    names: list[str] = []
    seen: set[str] = set()
    for index in range(count):
        first = firsts[index % len(firsts)]
        last = lasts[(index + index // len(firsts)) % len(lasts)]
        name, extra = f"{first} {last}", 0
        while name in seen:  # past the pairs, a middle initial (and a number) tells apart
            extra += 1
            name = f"{first} {'ABCDEFGHJKLMNPRSTW'[extra % 18]}. {last}" + (
                f" {extra // 18 + 1}" if extra >= 18 else ""
            )
        seen.add(name)
        names.append(name)
    organisations = [texts.ORGANISATIONS[i % len(texts.ORGANISATIONS)] for i in range(count)]
    rng.shuffle(organisations)
    return [
        _Person(
            name,
            f"{rng.choice(texts.CREDENTIAL_PREFIXES)}-{rng.randint(10000, 99999)}",
            organisations[index],
            CYCLE[index % len(CYCLE)],
        )
        for index, name in enumerate(names)
    ]


# ---------------------------------------------------------------- one learner's study


class _Clock:
    """Simulated time of one learner: study sessions of under two hours, days apart."""

    def __init__(self, rng: random.Random, start: datetime) -> None:
        self.rng = rng
        self.now = start
        self.session = 0
        self.budget = self._budget()

    def _budget(self) -> int:
        return self.rng.randint(35, 110) * 60

    def next_step(self) -> None:
        """Before a lesson or a quiz: a short pause, or the next session a few days on."""
        if self.session < self.budget:
            self.pause(self.rng.randint(5, 90))
            return
        day = self.now + timedelta(days=self.rng.choice((1, 1, 1, 2, 2, 3, 4, 6)))
        self.now = day.replace(
            hour=self.rng.randint(8, 18), minute=self.rng.randint(0, 59),
            second=self.rng.randint(0, 59), microsecond=0,
        )  # fmt: skip
        self.session, self.budget = 0, self._budget()

    def spend(self, seconds: int) -> None:
        self.now += timedelta(seconds=seconds)
        self.session += seconds

    def pause(self, seconds: int) -> None:
        self.now += timedelta(seconds=seconds)


@dataclass
class _Moments:
    """When each row the services wrote should say it happened, in simulated time."""

    created: datetime
    lessons: dict[str, list[datetime | None]] = field(default_factory=dict)  # first, last, done
    attempts: dict[str, list[datetime | None]] = field(default_factory=dict)  # started, submitted
    answers: dict[tuple[str, str], datetime] = field(default_factory=dict)
    entries: dict[str, tuple[datetime, PracticeItem]] = field(default_factory=dict)
    evaluation: datetime | None = None

    def all(self) -> list[datetime]:
        found = [self.created, *self.answers.values(), *(m for m, _ in self.entries.values())]
        for moments in (*self.lessons.values(), *self.attempts.values()):
            found += [m for m in moments if m is not None]
        return found + ([self.evaluation] if self.evaluation else [])


class _Walk:
    """One demo learner, walked through the course to their state with the real services."""

    def __init__(
        self,
        store: Store,
        catalog: Catalog,
        course: _Course,
        person: _Person,
        rng: random.Random,
        now: datetime,
        start_days: tuple[int, int] | None = None,
    ) -> None:
        self.store, self.catalog, self.course = store, catalog, course
        self.person, self.rng, self.now = person, rng, now
        low, high = start_days or START_DAYS[person.state]
        start = (now - timedelta(days=rng.randint(low, high))).replace(
            hour=rng.randint(8, 17), minute=rng.randint(0, 59), second=rng.randint(0, 59),
            microsecond=0,
        )  # fmt: skip
        self.clock = _Clock(rng, start)
        self.moments = _Moments(start - timedelta(minutes=rng.randint(1, 20)))
        self.learner_id = ""
        self.reviews = 0

    def run(self) -> DemoLearner:
        """Create the profile, study to the state, move the rows to their moments, mark it."""
        person = self.person
        info = accounts.create_learner(
            self.store, person.name, credential=person.credential,
            organisation=person.organisation,
        )  # fmt: skip
        self.learner_id = info.id
        _mark(self.store, info.id, person.state)
        self.study()
        self.settle()
        if person.state == "certified":
            self.review()
        return DemoLearner(
            info.id, person.name, person.credential, person.organisation, person.state
        )

    def study(self) -> None:
        state, course, rng = self.person.state, self.course, self.rng
        modules = course.modules
        if state == "new":
            return
        self.take(course.pretest, None)
        if state == "pretest_only":
            return
        if state == "reading":
            lessons = modules[0].lessons
            for lesson in lessons[:-1]:
                self.read(lesson)
            self.read(lessons[-1], share=rng.uniform(0.35, 0.65))
        elif state in ("quiz_failed", "no_attempts_left", "passed_on_retake"):
            for module in modules[: course.failable]:
                self.complete(module)
            failing = modules[course.failable]
            for lesson in failing.lessons:
                self.read(lesson)
            quiz = self.catalog.module_quiz(failing)
            assert quiz is not None and quiz.spec.attempts_allowed  # as _check_course found
            fails = {"quiz_failed": 1, "passed_on_retake": 1}.get(state, quiz.spec.attempts_allowed)
            for _ in range(fails):
                self.take(quiz.id, False)
            if state == "passed_on_retake":
                self.take(quiz.id, True)
        elif state == "modules_done":
            done = (
                rng.randint(min(2, len(modules) - 1), len(modules) - 1) if len(modules) > 1 else 1
            )
            for module in modules[:done]:
                self.complete(module)
            if done < len(modules):
                for lesson in modules[done].lessons[: rng.randint(0, 2)]:
                    self.read(lesson)
        elif state in ("posttest_failed", "posttest_passed", "certified"):
            for module in modules:
                self.complete(module)
            if state == "posttest_failed":
                for _ in range(rng.choice((1, 1, 2))):
                    self.take(course.posttest, False)
                return
            if rng.random() < 0.3:
                self.take(course.posttest, False)
            self.take(course.posttest, True)
            if state == "certified":
                self.evaluate()
        elif state == "quiz_in_progress":
            with_quiz = [i for i, m in enumerate(modules) if self.catalog.module_quiz(m)]
            index = rng.choice(with_quiz)
            for module in modules[:index]:
                self.complete(module)
            for lesson in modules[index].lessons:
                self.read(lesson)
            quiz = self.catalog.module_quiz(modules[index])
            assert quiz is not None
            self.take(quiz.id, True, submit=False)
        elif state == "imported":
            done = rng.randint(1, min(3, len(modules)))
            for module in modules[:done]:
                self.complete(module)
            if done < len(modules):
                self.read(modules[done].lessons[0], share=rng.uniform(0.3, 0.7))

    # -- the learner's actions, each through the services

    def complete(self, module: Module) -> None:
        for lesson in module.lessons:
            self.read(lesson)
        quiz = self.catalog.module_quiz(module)
        if quiz is not None:
            self.take(quiz.id, True)

    def read(self, lesson: Lesson, share: float = 1.0) -> None:
        """Read a lesson (to its end when `share` is 1) for about its planned minutes."""
        clock, store, catalog = self.clock, self.store, self.catalog
        clock.next_step()
        progress.open_lesson(store, catalog, self.learner_id, lesson.id)
        moments = self.moments.lessons.setdefault(lesson.id, [clock.now, clock.now, None])
        total = max(60, int(lesson.minutes * 60 * self.rng.uniform(0.85, 1.3) * share))
        spent = 0
        while spent < total:
            step = min(STEP_SECONDS, total - spent, self.rng.randint(150, STEP_SECONDS))
            spent += step
            clock.spend(step)
            progress.record_reading(
                store, catalog, self.learner_id, lesson.id,
                position=round(share * spent / total, 3), active_seconds=step,
            )  # fmt: skip
            moments[1] = clock.now
        if share >= 1.0:
            clock.pause(self.rng.randint(2, 20))
            progress.complete_lesson(store, catalog, self.learner_id, lesson.id)
            moments[2] = clock.now
            if self.person.state in PRACTISING:
                self.maybe_practise(lesson)

    def take(self, quiz_id: str, passing: bool | None, *, submit: bool = True) -> None:
        """One attempt: real answers, right or wrong so that it passes or fails as asked."""
        clock, store, catalog, rng = self.clock, self.store, self.catalog, self.rng
        clock.next_step()
        spec = catalog.quiz(quiz_id).spec
        view = attempts.start_attempt(
            store, catalog, self.learner_id, quiz_id, seed=rng.randrange(1, 2**31)
        )
        moments = self.moments.attempts.setdefault(view.id, [clock.now, None])
        plan = AttemptPlan(0, view.question_ids, view.option_orders)
        answers = _answers(spec, plan, passing, self._marks(quiz_id, passing), rng)
        ids = list(view.question_ids)
        if not submit:  # left half-way, as when the app was closed
            ids = ids[: max(1, round(len(ids) * rng.uniform(0.3, 0.7)))]
        seconds = 0
        for question_id in ids:
            question = spec.question(question_id)
            assert question is not None
            step = rng.randint(20, 75)
            if spec.feedback == "immediate" and rng.random() < 0.2:  # wrong first, then right
                clock.spend(step)
                attempts.save_answer(
                    store, catalog, view.id, question_id, _wrong(question, rng, partial=False)
                )
                step = rng.randint(10, 30)
            clock.spend(step)
            seconds += step
            attempts.save_answer(store, catalog, view.id, question_id, answers[question_id])
            self.moments.answers[(view.id, question_id)] = clock.now
        while seconds > 0:  # the app reports quiz time in capped steps too
            attempts.record_quiz_time(store, view.id, min(seconds, STEP_SECONDS))
            seconds -= STEP_SECONDS
        if submit:
            clock.spend(rng.randint(5, 40))
            outcome = attempts.submit_attempt(store, catalog, view.id)
            moments[1] = clock.now
            assert passing is None or outcome.passed == passing, (quiz_id, outcome)

    def _marks(self, quiz_id: str, passing: bool | None) -> float:
        """The mark to reach (passing) or stay under (failing); the post-test has two."""
        mark = self.catalog.quiz(quiz_id).spec.pass_mark
        if quiz_id != self.course.posttest:
            return mark
        return max(mark, self.course.pass_mark) if passing else min(mark, self.course.pass_mark)

    def maybe_practise(self, lesson: Lesson) -> None:
        """Fill in some of a read lesson's practice items, as a counselor trying them would."""
        for item in lesson.practice:
            if item.id not in texts.ALWAYS_PRACTISED and self.rng.random() >= 0.35:
                continue
            self.clock.pause(self.rng.randint(60, 400))
            for entry_id in _practise(self.store, self.catalog, self, lesson, item):
                self.moments.entries[entry_id] = (self.clock.now, item)
                self.clock.pause(self.rng.randint(30, 200))

    def evaluate(self) -> None:
        form = self.catalog.course.evaluation
        assert form is not None
        self.clock.next_step()
        answers: dict[str, Any] = {}
        for item in form.items:
            if isinstance(item, YesNoItem):
                answers[item.id] = self.rng.random() < 0.9
            elif isinstance(item, TextItem):
                text = self.rng.choice(
                    texts.EVALUATION_TEXT.get(item.id, texts.GENERIC_EVALUATION_TEXT)
                )
                if text:
                    answers[item.id] = text
            else:
                low, high = item.scale.min, item.scale.max
                answers[item.id] = self.rng.choice([high, high, high - 1, high - 1, high - 2])
                answers[item.id] = max(low, answers[item.id])
        self.clock.spend(self.rng.randint(90, 300))
        submit_evaluation(self.store, self.catalog, self.learner_id, answers)
        self.moments.evaluation = self.clock.now

    # -- moving the rows to their moments

    def settle(self) -> None:
        """Move every row to its simulated moment, whole days back so all of it is past;
        then issue the certificate of a learner who completed the course."""
        latest = max(self.moments.all())
        newest = self.now - timedelta(minutes=self.rng.randint(20, 600))
        days = max(0, math.ceil((latest - newest) / timedelta(days=1)))
        _retime(self.store, self.catalog, self.learner_id, self.moments, timedelta(days=days))
        if self.person.state == "certified":
            info = issue_certificate(self.store, self.catalog, self.learner_id)
            issued = info.completed_at + timedelta(minutes=self.rng.randint(1, 30))
            with self.store.session() as session:
                row = session.get(Certificate, info.code)
                assert row is not None
                kept = round((row.retain_until - row.issued_at) / timedelta(seconds=1))
                row.retain_until = issued + timedelta(seconds=kept)
                row.issued_at = issued

    # -- booster reviews after the course, day by simulated day

    def review(self) -> None:
        """Each day from the day after completion (some skipped, as people do), the session
        the app offers that day; the first safety item met is answered wrongly with "sure"."""
        start = reviews_start(self.store, self.catalog, self.learner_id)
        if review_settings(self.catalog) is None or start is None:
            return
        rng = self.rng
        skill = rng.uniform(0.72, 0.9)
        day, confident_error_made = start, False
        while True:
            moment = day + timedelta(hours=rng.randint(7, 20), minutes=rng.randint(0, 59))
            if moment + timedelta(minutes=30) >= self.now:
                return
            day += timedelta(days=1)
            if rng.random() < 0.3:  # a day without reviews
                continue
            plan = review_plan(self.store, self.catalog, self.learner_id, moment)
            for item in plan.items:
                question = booster_question(self.catalog, item.quiz_id, item.question_id)
                seconds = rng.randint(25, 95)
                moment += timedelta(seconds=seconds)
                if item.safety and not confident_error_made:
                    right, confidence = False, "sure"
                    confident_error_made = True
                else:
                    right = rng.random() < (skill if item.new else min(0.97, skill + 0.08))
                    confidence = _confidence(right, rng)
                answer = _right(question) if right else _wrong(question, rng, partial=False)
                record_review(
                    self.store, self.catalog, self.learner_id, item.quiz_id, item.question_id,
                    answer, confidence, moment, duration_seconds=seconds,
                )  # fmt: skip
                self.reviews += 1


def _confidence(right: bool, rng: random.Random) -> str:
    """How sure a learner says they were: mostly sure when right, mostly not when wrong."""
    weights = (1, 3, 6) if right else (5, 4, 1)
    return rng.choices(("not_sure", "fairly_sure", "sure"), weights=weights)[0]


def _mark(store: Store, learner_id: str, state: str) -> None:
    with store.session() as session:
        session.add(Setting(key=MARKER + learner_id, value=state))


def _retime(
    store: Store, catalog: Catalog, learner_id: str, moments: _Moments, back: timedelta
) -> None:
    with store.session() as session:
        learner = session.get(Learner, learner_id)
        assert learner is not None
        learner.created_at = learner.updated_at = moments.created - back
        rows = session.scalars(
            select(LessonProgress).where(
                LessonProgress.learner_id == learner_id,
                LessonProgress.course_id == catalog.course.id,
            )
        )
        for row in rows:
            first, last, done = moments.lessons[row.lesson_id]
            assert first is not None and last is not None
            row.first_opened_at, row.last_opened_at = first - back, last - back
            row.completed_at = done - back if done is not None else None
        for attempt in session.scalars(
            select(QuizAttempt).where(QuizAttempt.learner_id == learner_id)
        ):
            started, submitted = moments.attempts[attempt.id]
            assert started is not None
            attempt.started_at = started - back
            attempt.submitted_at = submitted - back if submitted is not None else None
        for response in session.scalars(
            select(Response).where(Response.attempt_id.in_(list(moments.attempts)))
        ):
            response.answered_at = (
                moments.answers[(response.attempt_id, response.question_id)] - back
            )
        for entry_id, (moment, item) in moments.entries.items():
            entry = session.get(PracticeEntry, entry_id)
            assert entry is not None
            entry.created_at = entry.updated_at = moment - back
            entry.entry = _dated(item, entry.entry, moment - back, back)
        if moments.evaluation is not None:
            for evaluation in session.scalars(
                select(Evaluation).where(Evaluation.learner_id == learner_id)
            ):
                evaluation.submitted_at = moments.evaluation - back


def _dated(
    item: PracticeItem, values: dict[str, Any], moment: datetime, back: timedelta
) -> dict[str, Any]:
    """An entry's own dates moved with it: a relaxation session ends at `moment`, and
    worksheet dates (written from the simulated day) move back as many days as its rows."""
    if isinstance(item, RelaxationPractice):
        seconds = int(values.get("seconds", 0))
        return {**values, "started_at": (moment - timedelta(seconds=seconds)).isoformat()}
    if isinstance(item, WorksheetPractice):
        moved = dict(values)
        for field_ in item.fields:
            if field_.kind == "date" and field_.id in values:
                moved[field_.id] = (date.fromisoformat(values[field_.id]) - back).isoformat()
        return moved
    return values


# ---------------------------------------------------------------- answers


def _answers(
    spec: QuizSpec, plan: AttemptPlan, passing: bool | None, mark: float, rng: random.Random
) -> dict[str, Any]:
    """Real answers to the attempt's questions: a share right, the rest wrong, so that the
    score passes (at `mark` or more) or fails (under it) as asked; None: a baseline."""
    ids = list(plan.question_ids)
    questions: dict[str, Question] = {}
    for question_id in ids:
        question = spec.question(question_id)
        assert question is not None
        questions[question_id] = question
    if passing is None:
        share = rng.uniform(0.3, 0.7)
    elif passing:
        share = rng.uniform(min(1.0, mark / 100 + 0.02), 1.0)
    else:
        share = rng.uniform(0.35, max(0.36, mark / 100 - 0.12))
    right = set(rng.sample(ids, round(share * len(ids))))
    answers = {
        q: _right(questions[q])
        if q in right
        else _wrong(questions[q], rng, partial=rng.random() < 0.5)
        for q in ids
    }

    def percent() -> float:
        return score_attempt(spec, plan, answers).percent

    order = ids[:]
    rng.shuffle(order)
    if passing:
        for question_id in order:
            if percent() >= mark:
                break
            answers[question_id] = _right(questions[question_id])
    elif passing is False:
        for question_id in order:
            if percent() < mark:
                break
            answers[question_id] = _wrong(questions[question_id], rng, partial=False)
    return answers


def _right(question: Question) -> Any:
    match question:
        case MultipleChoice():
            return list(question.key)
        case SingleChoice() | TrueFalse() | Numeric():
            return question.key
        case Matching():
            return {pair.id: pair.id for pair in question.pairs}
        case Ordering():
            return [item.id for item in question.items]
    raise AssertionError(question)


def _wrong(question: Question, rng: random.Random, *, partial: bool) -> Any:
    """A wrong answer a learner could give; `partial` ones may earn part of the points."""
    match question:
        case SingleChoice():
            return rng.choice([o.id for o in question.options if o.id != question.key])
        case TrueFalse():
            return not question.key
        case Numeric():
            return _wrong_number(question, rng)
        case MultipleChoice():
            others = [o.id for o in question.options if o.id not in question.key]
            if partial and len(question.key) > 1:
                return list(question.key[:-1])  # one right option missed
            return [rng.choice(others)] if others else []  # earns nothing
        case Matching():
            ids = [pair.id for pair in question.pairs]
            if partial and len(ids) > 2:
                first, second = rng.sample(ids, 2)
                return {i: second if i == first else first if i == second else i for i in ids}
            return {i: ids[(n + 1) % len(ids)] for n, i in enumerate(ids)}
        case Ordering():
            ids = [item.id for item in question.items]
            if partial:
                n = rng.randrange(len(ids) - 1)
                ids[n], ids[n + 1] = ids[n + 1], ids[n]
                return ids
            return ids[::-1]
    raise AssertionError(question)


def _wrong_number(question: Numeric, rng: random.Random) -> int | float:
    key, tolerance = question.key, question.tolerance
    whole = float(key).is_integer()
    guesses = [key * 2, key / 2, key + 10, key - 10, key * 1.5, key + 100]
    rng.shuffle(guesses)
    for guess in guesses:
        value: int | float = round(guess) if whole else round(guess, 1)
        if value >= 0 and abs(value - key) > tolerance + 1e-9:
            return value
    return key + tolerance + 1


# ---------------------------------------------------------------- practice


def _practise(
    store: Store, catalog: Catalog, walk: _Walk, lesson: Lesson, item: PracticeItem
) -> list[str]:
    """Save entries of one practice item; returns their ids."""
    rng, learner_id, today = walk.rng, walk.learner_id, walk.clock.now
    if isinstance(item, RelaxationPractice):
        ids = []
        for _ in range(rng.randint(1, 3)):
            seconds = item.minutes * 60 - rng.choice((0, 0, 0, rng.randint(60, 240)))
            entry_id = practice.record_relaxation_session(
                store, catalog, learner_id, lesson.id, item.id, started_at=today,
                seconds=seconds, completed=seconds == item.minutes * 60,
                note=rng.choice(texts.RELAXATION_NOTES),
            )  # fmt: skip
            ids.append(entry_id)
        return ids
    if isinstance(item, ReflectionPractice):
        written = texts.REFLECTIONS.get(item.id, ())
        values = {
            str(n): rng.choice(written[n - 1] if n <= len(written) else texts.GENERIC_REFLECTIONS)
            for n in range(1, len(item.prompts) + 1)
            if n <= len(written) or rng.random() < 0.6
        }
        if not values:
            values = {"1": rng.choice(texts.GENERIC_REFLECTIONS)}
        return [practice.save_entry(store, catalog, learner_id, lesson.id, item.id, values)]
    rows = rng.randint(2, 4) if item.repeat else 1
    ids = []
    for row in range(rows):
        day = today.date() - timedelta(days=rows - 1 - row)
        values = {f.id: _field_value(f, rng, day) for f in item.fields}
        for field_ in item.fields:  # "pain-after" a little lower than "pain"
            before = values.get(field_.id.removesuffix("-after"))
            if field_.id.endswith("-after") and field_.kind == "scale" and isinstance(before, int):
                values[field_.id] = max(field_.min or 0, before - rng.randint(0, 3))
        values = {key: value for key, value in values.items() if value not in (None, "")}
        ids.append(practice.save_entry(store, catalog, learner_id, lesson.id, item.id, values))
    return ids


def _field_value(field_: WorksheetField, rng: random.Random, day: date) -> Any:
    match field_.kind:
        case "date":
            return day.isoformat()
        case "time":
            return f"{rng.choice((21, 22, 22, 23, 6, 7)):02d}:{rng.choice((0, 15, 30, 45)):02d}"
        case "number":
            return rng.choice((1, 2, 3, 5, 10, 15, 20, 30))
        case "scale":
            low, high = field_.min or 0, field_.max if field_.max is not None else 10
            return rng.randint(low, high)
    pool: Sequence[str] = texts.WORKSHEET_TEXT.get(field_.id, ())
    if not pool:
        return rng.choice(texts.GENERIC_TEXT) if rng.random() < 0.7 else ""
    return rng.choice(pool)


# ---------------------------------------------------------------- another installation


def _import_from_laptop(
    store: Store,
    catalog: Catalog,
    course: _Course,
    people: list[tuple[int, _Person]],
    seed: int,
    now: datetime,
) -> list[DemoLearner]:
    """Walk learners on a temporary second installation, export its signed progress
    bundle and import it here, as a supervisor collects progress from an offline laptop.

    The bundle is signed with the organisation key installed here; without one, a demo
    key signs it and is removed again afterwards, so the database keeps no key it did
    not have.
    """
    installed = org_key.installed_key(store)
    key = installed or org_key.new_key(people[0][1].organisation)
    made = []
    with tempfile.TemporaryDirectory(prefix="trainer-demo-") as folder:
        laptop = open_store(str(Path(folder) / "laptop.sqlite3"))
        try:
            org_key.install_key(laptop, key)
            for index, person in people:
                walk = _Walk(laptop, catalog, course, person, random.Random(f"{seed}:{index}"), now)
                made.append(walk.run())
            bundle = Path(folder) / "laptop.json.gz"
            bundles.export_progress(laptop, catalog, bundle)
        finally:
            laptop.close()
        if installed is None:
            org_key.install_key(store, key)
        try:
            bundle_merge.import_bundle(store, bundle)
        finally:
            if installed is None:
                _remove_key(store)
    for learner in made:
        _mark(store, learner.learner_id, learner.state)
    return made


def _remove_key(store: Store) -> None:
    names = (org_key.SETTING_ORGANISATION, org_key.SETTING_KEY_ID, org_key.SETTING_KEY)
    with store.session() as session:
        session.execute(delete(Setting).where(Setting.key.in_(names)))
