"""Open every screen and dialog of every role in a real window and print what a person sees.

Run by tests/real_window/test_real_window.py in a child process on Qt's xcb platform
(under Xvfb with a window manager), since the rest of the suite runs offscreen in its own
process and Qt's platform cannot change within one. Prints one JSON object: per screen,
the window's frame, the screen's free area, the window's smallest size, the Alt+letter
mnemonics that two visible controls of one window share, and how visible the focus of each
control Tab reaches is (focus.py); then every menu action from every screen and a seeded
random walk of them (navigation.py), ending with File > Quit.

    QT_QPA_PLATFORM=xcb DISPLAY=:N python tests/real_window/driver.py --db demo.sqlite3 \
        --text-steps 10
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QDialog,
    QGroupBox,
    QLabel,
    QMainWindow,
    QMessageBox,
    QTabBar,
    QWidget,
)

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.real_window import focus, navigation  # noqa: E402
from tests.real_window.navigation import wait_until  # noqa: E402
from trainer.services import accounts, demo  # noqa: E402
from trainer.services.database import open_database  # noqa: E402
from trainer.ui.shell import text_size  # noqa: E402
from trainer.ui.shell.app_window import AppWindow  # noqa: E402
from trainer.ui.shell.wording import install_translations  # noqa: E402

PASSWORD = "a long passphrase"


def settle(window: AppWindow) -> None:
    """Every result handed back, and the window manager done placing the window."""
    wait_until(lambda: window.tasks.running == 0)
    last: list[Any] = []

    def steady() -> bool:
        QApplication.processEvents()
        frame = window.frameGeometry()
        now = (frame.x(), frame.y(), frame.width(), frame.height())
        last.append(now)
        return len(last) >= 5 and all(item == now for item in last[-5:])

    wait_until(steady, 5)


def mnemonic(text: str) -> str | None:
    """The letter after a single `&` (an `&&` is a literal ampersand)."""
    index = 0
    while index < len(text) - 1:
        if text[index] == "&":
            if text[index + 1] != "&":
                return text[index + 1].lower()
            index += 1
        index += 1
    return None


def clashes(window: QWidget) -> list[dict[str, Any]]:
    """Mnemonics that two visible controls of `window` share, as {key, items}."""
    owners: dict[str, list[str]] = {}

    def add(kind: str, text: str) -> None:
        key = mnemonic(text)
        if key is not None:
            owners.setdefault(key, []).append(f"{kind} {text!r}")

    for widget in window.findChildren(QWidget):
        if not widget.isVisible() or widget.window() is not window:
            continue
        if isinstance(widget, QAbstractButton):
            add("button", widget.text())
        elif isinstance(widget, QLabel) and widget.buddy() is not None:
            add("label", widget.text())
        elif isinstance(widget, QGroupBox):
            add("group", widget.title())
        elif isinstance(widget, QTabBar):
            for tab in range(widget.count()):
                if widget.isTabVisible(tab):
                    add("tab", widget.tabText(tab))
    if isinstance(window, QMainWindow):
        for action in window.menuBar().actions():
            if action.isVisible():
                add("menu", action.text())
    return [{"key": key, "items": items} for key, items in sorted(owners.items()) if len(items) > 1]


def measure(window: QWidget, role: str, screen: str) -> dict[str, Any]:
    frame = window.frameGeometry()
    area = window.screen().availableGeometry()
    hint = window.minimumSizeHint()
    return {
        "role": role,
        "screen": screen,
        "title": window.windowTitle(),
        "frame": [frame.x(), frame.y(), frame.width(), frame.height()],
        "available": [area.x(), area.y(), area.width(), area.height()],
        "minimum": [hint.width(), hint.height()],
        "fits": area.contains(frame),
        "clashes": clashes(window),
    }


class Driver:
    def __init__(self, db: str, course: Path, quizzes: Path) -> None:
        self.window = AppWindow(course, quizzes, db)
        self.results: list[dict[str, Any]] = []
        self.errors: list[str] = []
        self.role = "none"
        self.expecting = False  # a dialog `modal` opens: not a question to decline
        self.navigation: dict[str, Any] = {}
        self.navigate = "all"  # every action on every screen, then the walk; or "walk"
        self.started = time.monotonic()
        self.timings: dict[str, float] = {}  # seconds from the start to the end of each phase
        self.window.tasks.on_unexpected = self.unexpected
        sys.excepthook = self.excepthook

    def excepthook(self, kind: type[BaseException], error: BaseException, trace: Any) -> None:
        """An exception a slot or virtual method let out (Qt hands it to sys.excepthook)."""
        text = "".join(traceback.format_exception(kind, error, trace))
        self.errors.append(f"{self.role}: {text[-2000:]}")

    def unexpected(self, error: BaseException, what: str) -> None:
        """A background task's unexpected failure (the app's error reporter's job)."""
        text = "".join(traceback.format_exception(error))
        self.errors.append(f"{self.role}: {what}: {text[-2000:]}")

    def record(self, screen: str, window: QWidget | None = None) -> None:
        settle(self.window)
        self.results.append(measure(window or self.window, self.role, screen))
        self.results[-1]["focus"] = focus.walk(window or self.window, wait_until)

    def modal(self, screen: str, trigger: Callable[[], object]) -> None:
        """Run `trigger`, which opens a modal dialog; measure the dialog, then close it."""
        seen: list[QWidget] = []

        def look() -> None:
            dialog = QApplication.activeModalWidget()
            if dialog is None or not dialog.isVisible():
                QTimer.singleShot(50, look)
                return
            seen.append(dialog)
            settle(self.window)
            self.results.append(measure(dialog, self.role, screen))
            self.results[-1]["focus"] = focus.walk(dialog, wait_until)
            if isinstance(dialog, QDialog):
                dialog.reject()
            else:
                dialog.close()

        self.expecting = True
        QTimer.singleShot(50, look)
        trigger()  # opens the dialog now, or once what it lists is read
        wait_until(lambda: bool(seen))
        self.expecting = False
        if not seen:
            self.errors.append(f"{self.role}: {screen} did not open")

    def answer_no_to_questions(self) -> None:
        """A question the app asks on its own (resume a quiz?) is measured and declined."""

        def look() -> None:
            dialog = QApplication.activeModalWidget()
            if not self.expecting and isinstance(dialog, QMessageBox) and dialog.isVisible():
                self.results.append(measure(dialog, self.role, "question: " + dialog.text()[:40]))
                dialog.reject()
            QTimer.singleShot(100, look)

        QTimer.singleShot(100, look)

    def show(self, screen: str, step: Callable[[], object], ready: Callable[[], bool]) -> None:
        step()
        if not wait_until(ready):
            self.errors.append(f"{self.role}: {screen} was not shown")
        self.record(screen)

    def current(self, name: str) -> Callable[[], bool]:
        window = self.window
        return lambda: (
            window.stack.currentWidget() is window.pages.get(name) and window.tasks.running == 0
        )

    def open_profile(self, role: str, learner: accounts.LearnerInfo, first: str) -> None:
        self.window.show_start()
        wait_until(self.current("start"))
        self.role = role
        self.window.profile_opened(learner)
        if not wait_until(self.current(first)):
            self.errors.append(f"{role}: the first screen {first} was not shown")

    def run(self, learner: accounts.LearnerInfo, supervisor: accounts.LearnerInfo,
            trainer: accounts.LearnerInfo, record_of: str) -> None:  # fmt: skip
        from trainer.ui.shell.app_menus import _about
        from trainer.ui.shell.help import GuideDialog
        from trainer.ui.supervisor.learner_detail import LearnerDetailDialog

        window = self.window
        window.show()
        window.load_soon()
        if not wait_until(lambda: "start" in window.pages and window.tasks.running == 0, 60):
            self.errors.append(f"the start screen was not shown: {window.loading.text()}")
            return
        self.answer_no_to_questions()
        self.record("start")
        self.modal("About", lambda: _about(window))
        self.modal("Guide", lambda: GuideDialog(window).exec())

        self.open_profile("learner", learner, "home")
        self.record("home")
        catalog = window.catalog
        assert catalog is not None
        lesson = catalog.course.modules[0].lessons[0]
        self.show("reader", lambda: window.open_lesson(lesson.id), self.current("reader"))
        self.show("My progress", window.show_progress, self.current("progress"))
        self.show("certificate", window.show_certificate, self.current("certificate"))
        self.show("evaluation", window.show_evaluation, self.current("evaluation"))
        quiz = catalog.course.modules[0].quiz or catalog.course.pretest
        self.show("quiz", lambda: window.start_quiz(quiz), self.current("quiz"))
        self.results[-1]["after_next"] = self.press_next()
        self.show("booster reviews", window.show_reviews, self.current("reviews"))
        case = next(iter(catalog.cases))
        self.show("client case", lambda: window.start_case(case), self.current("case"))

        self.open_profile("supervisor", supervisor, "supervisor")
        self.record("supervisor grid")
        supervising = window.pages["supervisor"]
        supervising.tabs.setCurrentWidget(supervising.reviews)
        wait_until(lambda: window.tasks.running == 0)
        self.record("supervisor: booster reviews")
        supervising.tabs.setCurrentIndex(0)
        assert window.context is not None
        dialog = LearnerDetailDialog(window.context, record_of, window)
        loaded: list[bool] = []
        dialog.loaded.connect(lambda: loaded.append(True))
        dialog.show()
        if not wait_until(lambda: bool(loaded)):
            self.errors.append("supervisor: the learner record was not loaded")
        settle(window)
        dialog.tabs.setCurrentIndex(2)  # the lessons: the longest part
        self.record("learner record", dialog)
        dialog.close()
        window._back_up(force=True)
        wait_until(lambda: window.tasks.running == 0)
        self.modal("backup dialog", window.choose_backup)

        self.open_profile("trainer", trainer, "trainer")
        self.record("trainer: edit")
        page = window.pages["trainer"]
        page.open_file(next(iter(catalog.quizzes.values())).path)
        page.views.setCurrentIndex(1)  # the question form
        wait_until(lambda: window.tasks.running == 0)
        self.record("trainer: question form")
        page.views.setCurrentIndex(0)
        page.tabs.setCurrentWidget(page.analysis_view)
        if not wait_until(lambda: page.analysis.rowCount() > 0):
            self.errors.append("trainer: the item analysis was not loaded")
        self.record("trainer: item analysis")

        self.open_profile("learner", learner, "home")
        self.record("home after the trainer screen")
        window.show_start()
        self.role = "none"
        wait_until(self.current("start"))
        self.record("start after the trainer screen")

        self.timings["screens"] = round(time.monotonic() - self.started, 1)
        people = {"learner": learner, "supervisor": supervisor, "trainer": trainer}
        self.expecting = True  # the navigation answers every dialog itself
        walker = navigation.Navigation(window, people, self.errors)
        walker.start()
        try:
            if self.navigate == "all":
                self.navigation["actions"] = walker.every_action_on_every_screen()
            self.timings["actions"] = round(time.monotonic() - self.started, 1)
            self.navigation["seed"] = navigation.SEED
            self.navigation["walk"] = walker.random_walk()
            self.timings["walk"] = round(time.monotonic() - self.started, 1)
            self.navigation["quit"] = walker.quit()
            self.navigation["slow"] = walker.slow
        finally:
            walker.stop()

    def press_next(self) -> dict[str, Any] | None:
        """Press the quiz's Next button with the keyboard: where focus lands, how visibly."""
        page = self.window.pages["quiz"]
        if not page.next.isEnabled():
            return {"visible": False, "why": "Next is disabled on the first question"}
        page.next.setFocus(Qt.FocusReason.TabFocusReason)
        QTest.keyClick(page.next, Qt.Key.Key_Space)
        settle(self.window)
        landed = focus.focus_now(self.window)
        return landed or {"visible": False, "why": "no control has focus after Next"}


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", required=True)
    parser.add_argument("--text-steps", type=int, default=0)
    parser.add_argument(
        "--navigate",
        choices=["all", "walk"],
        default="all",
        help="every menu action from every screen, then the random walk; or the walk only",
    )
    parser.add_argument("--course", type=Path, default=ROOT / "curriculum")
    parser.add_argument("--quizzes", type=Path, default=ROOT / "quizzes")
    args = parser.parse_args()

    app = QApplication(sys.argv[:1])
    app.setApplicationName("Pain & OUD Counselor Training (real-window test)")
    app.setOrganizationName("Pain & OUD Counselor Training (real-window test)")
    install_translations(app)
    QSettings().clear()
    QSettings().setValue(text_size.SETTING, args.text_steps)

    store = open_database(args.db)
    by_state = {state: learner_id for learner_id, state in demo.demo_learners(store)}
    learners = {info.id: info for info in accounts.list_learners(store)}
    supervisor = accounts.create_learner(
        store, "Sam Supervisor", role="supervisor", password=PASSWORD
    )
    trainer = accounts.create_learner(store, "Tia Trainer", role="trainer", password=PASSWORD)
    store.close()

    driver = Driver(args.db, args.course, args.quizzes)
    driver.navigate = args.navigate
    driver.run(
        learners[by_state["certified"]], supervisor, trainer, record_of=by_state["certified"]
    )
    platform = app.platformName()
    if driver.window.isVisible():  # File > Quit closed it, unless the navigation stopped early
        driver.window.close()
    print(
        json.dumps(
            {
                "platform": platform,
                "screens": driver.results,
                "navigation": driver.navigation,
                "timings": driver.timings,
                "errors": driver.errors,
            }
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
