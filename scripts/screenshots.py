"""Retake the README's screenshots (docs/screenshots/) in a real window at 1366x768.

    scripts/take-screenshots            # starts Xvfb and openbox, then runs this

Fills a demo database (`trainer demo`), then opens each screen the README shows, as the
demo learners, a supervisor and a trainer would see it, and saves the whole screen (the
window manager's frame included) once the screen has settled. Set THEME=dark to take the
dark theme's pictures (saved with a "-dark" suffix).
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NOW = datetime.now(UTC)
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QSettings  # noqa: E402
from PySide6.QtGui import QGuiApplication  # noqa: E402
from PySide6.QtWidgets import QApplication, QMessageBox  # noqa: E402

from tests.services.helpers import right_answer, wrong_answer  # noqa: E402
from trainer.services import accounts, attempts, demo  # noqa: E402
from trainer.services.database import open_database  # noqa: E402
from trainer.services.reviews import review_plan  # noqa: E402
from trainer.ui.learner import review_page  # noqa: E402
from trainer.ui.shell import theme  # noqa: E402
from trainer.ui.shell.app_window import AppWindow  # noqa: E402
from trainer.ui.shell.wording import install_translations  # noqa: E402

OUT = ROOT / "docs" / "screenshots"
PASSWORD = "a long passphrase"


def wait_until(ready: Callable[[], bool], timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while not ready():
        if time.monotonic() > deadline:
            raise SystemExit(f"timed out waiting in {sys._getframe(1).f_code.co_name}")
        QApplication.processEvents()
        time.sleep(0.02)


def settle(window: AppWindow) -> None:
    wait_until(lambda: window.tasks.running == 0)
    for _ in range(30):  # layouts and repaints after the last answer
        QApplication.processEvents()
        time.sleep(0.01)


class Camera:
    def __init__(self, window: AppWindow, suffix: str) -> None:
        self.window, self.suffix = window, suffix

    def shoot(self, name: str) -> None:
        settle(self.window)
        picture = QGuiApplication.primaryScreen().grabWindow(0)
        path = OUT / f"{name}{self.suffix}.png"
        picture.save(str(path))
        print(path.relative_to(ROOT))

    def on(self, page: str) -> Callable[[], bool]:
        window = self.window
        return lambda: (
            window.stack.currentWidget() is window.pages.get(page) and (window.tasks.running == 0)
        )


def demo_database(folder: Path) -> Path:
    db = folder / "demo.sqlite3"
    subprocess.run(
        [sys.executable, "-m", "trainer", "demo", "--db", str(db), "--learners", "12"],
        check=True, capture_output=True,
    )  # fmt: skip
    return db


def main() -> int:
    app = QApplication(sys.argv[:1])
    app.setApplicationName("Pain & OUD Counselor Training (screenshots)")
    app.setOrganizationName("Pain & OUD Counselor Training (screenshots)")
    install_translations(app)
    QSettings().clear()
    dark = os.environ.get("THEME") == "dark"
    QSettings().setValue(theme.SETTING, "dark" if dark else "light")
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        db = demo_database(Path(folder))
        store = open_database(str(db))
        by_state = {state: learner_id for learner_id, state in demo.demo_learners(store)}
        learners = {info.id: info for info in accounts.list_learners(store)}
        supervisor = accounts.create_learner(
            store, "Sam Okafor", role="supervisor", password=PASSWORD
        )
        trainer = accounts.create_learner(store, "Tia Trainer", role="trainer", password=PASSWORD)
        store.close()
        window = AppWindow(ROOT / "curriculum", ROOT / "quizzes", str(db))
        window.show()
        window.load_soon()
        wait_until(lambda: "start" in window.pages and window.tasks.running == 0, 60)
        walk(Camera(window, "-dark" if dark else ""), learners, by_state, supervisor, trainer)
        window.close()
    return 0


def walk(camera: Camera, learners: dict, by_state: dict, supervisor, trainer) -> None:
    window = camera.window
    catalog = window.catalog
    assert catalog is not None
    camera.shoot("start")

    reading = learners[by_state["reading"]]
    window.profile_opened(reading)
    wait_until(camera.on("home"))
    camera.shoot("home")
    first = catalog.course.modules[0]
    window.open_lesson(first.lessons[0].id)
    wait_until(camera.on("reader"))
    camera.shoot("reader")
    practice = next((m for m in catalog.course.modules for lesson in m.lessons
                     if lesson.practice), None)  # fmt: skip
    window.show_progress()
    wait_until(camera.on("progress"))
    camera.shoot("progress")

    certified = learners[by_state["certified"]]
    open_profile(window, camera, certified)
    if practice is not None:
        lesson = next(lesson for lesson in practice.lessons if lesson.practice)
        window.open_lesson(lesson.id)
        wait_until(camera.on("reader"))
        reader = window.pages["reader"]
        reader.tabs.setCurrentIndex(1)
        camera.shoot("practice")
    window.show_certificate()
    wait_until(camera.on("certificate"))
    camera.shoot("certificate")
    window.show_evaluation()
    wait_until(camera.on("evaluation"))
    camera.shoot("evaluation")
    # two days on, a certified learner has booster items due (the demo reviewed up to today)
    later = NOW + timedelta(days=2)
    review_page.now = lambda: later
    reviewing = next(
        (
            who
            for who in learners.values()
            if review_plan(window.store, catalog, who.id, later).items
        ),
        certified,
    )
    open_profile(window, camera, reviewing)
    window.show_reviews()
    wait_until(camera.on("reviews"))
    wait_until(lambda: window.tasks.running == 0)
    camera.shoot("review")
    # the first case of the course, its first helpful choice made
    first_case = next(iter(catalog.cases.values()))
    window.start_case(first_case.id)
    wait_until(camera.on("case"))
    case = window.pages["case"]
    wait_until(lambda: bool(case.choices) and window.tasks.running == 0)
    helpful = next(
        number
        for number, choice in enumerate(first_case.spec.nodes[0].choices)
        if choice.rating == "helpful"
    )
    case.choices[helpful].click()
    wait_until(lambda: case.continue_button.isVisible() and window.tasks.running == 0)
    camera.shoot("case")

    newcomer = learners[by_state["new"]]
    open_profile(window, camera, newcomer)
    quiz_review(window, camera, catalog, newcomer.id)

    open_profile(window, camera, supervisor, first_page="supervisor")
    camera.shoot("supervisor")
    supervising = window.pages["supervisor"]
    supervising.tabs.setCurrentWidget(supervising.reviews)
    wait_until(lambda: window.tasks.running == 0)
    camera.shoot("supervisor-reviews")
    supervising.tabs.setCurrentIndex(0)
    open_profile(window, camera, trainer, first_page="trainer")
    camera.shoot("trainer")
    authoring = window.pages["trainer"]
    authoring.open_file(ROOT / "quizzes" / "sleep-and-pain-quiz.yaml")
    authoring.views.setCurrentIndex(1)  # the question form
    wait_until(lambda: window.tasks.running == 0)
    camera.shoot("trainer-form")


def open_profile(window: AppWindow, camera: Camera, who, first_page: str = "home") -> None:
    window.show_start()
    wait_until(camera.on("start"))
    window.profile_opened(who)
    wait_until(camera.on(first_page))


def quiz_review(window: AppWindow, camera: Camera, catalog, learner_id: str) -> None:
    """The pre-test answered half right and half wrong, at its first question, then its
    results with the review."""
    quiz_id = catalog.course.pretest
    assert quiz_id is not None
    store = window.store
    attempt = attempts.start_attempt(store, catalog, learner_id, quiz_id)
    spec = catalog.quiz(quiz_id).spec
    for number, question_id in enumerate(attempt.question_ids):
        question = spec.question(question_id)
        answer = right_answer(question) if number % 3 else wrong_answer(question)
        if answer is not None:
            attempts.save_answer(store, catalog, attempt.id, question_id, answer)
    window.start_quiz(quiz_id)
    wait_until(camera.on("quiz"))
    camera.shoot("quiz")
    page = window.pages["quiz"]
    page._submit_now("")  # as when time is up: no question to answer
    wait_until(lambda: page.results.isVisible())
    camera.shoot("quiz-review")


def refuse_questions() -> None:
    """No question may block the walk: the resume question is answered by the page."""
    QMessageBox.question = staticmethod(lambda *args, **kwargs: QMessageBox.StandardButton.Yes)


if __name__ == "__main__":
    refuse_questions()
    sys.exit(main())
