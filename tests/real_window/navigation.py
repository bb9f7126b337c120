"""Every menu action from every screen, then a seeded random walk of them: does the app
get where the action says, and come back to the same screen when a dialog is cancelled?

Used by driver.py in the app's process. Every dialog an action opens is answered with its
cancel (or close) button, or rejected; a file dialog among the top-level widgets is
rejected. Each step reports what it saw and the problems found."""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QSettings, QTimer, QUrl, Slot
from PySide6.QtGui import QAction, QDesktopServices
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog, QMenu, QMessageBox, QWidget

from trainer.services import app_log
from trainer.ui.shell import text_size

if TYPE_CHECKING:
    from trainer.services.profile_info import LearnerInfo
    from trainer.ui.shell.app_window import AppWindow

SEED = 20261203
WALK_STEPS = 40
STEP_TIMEOUT = 10.0

# every screen of every role, as (role, page): the systematic pass starts each action here
SCREENS = [
    ("none", "start"),
    ("learner", "home"), ("learner", "reader"), ("learner", "quiz"),
    ("learner", "progress"), ("learner", "certificate"), ("learner", "evaluation"),
    ("supervisor", "supervisor"),
    ("trainer", "trainer"),
]  # fmt: skip
FIRST_PAGE = {"learner": "home", "supervisor": "supervisor", "trainer": "trainer"}

# which actions each role may use (the rest are always enabled)
ENABLED_FOR = {
    "Switch profile": {"learner", "supervisor", "trainer"},
    "Export my progress for my supervisor": {"learner", "supervisor", "trainer"},
    "Import progress bundles": {"supervisor"},
    "Restore a backup": {"supervisor", "trainer"},
    "Course home": {"learner", "supervisor", "trainer"},
    "My progress": {"learner", "supervisor", "trainer"},
    "Booster reviews": {"learner", "supervisor", "trainer"},
    "Find in lesson": {"learner", "supervisor", "trainer"},
    "Previous lesson": {"learner", "supervisor", "trainer"},
    "Next lesson": {"learner", "supervisor", "trainer"},
    "Supervisor: completion": {"supervisor"},
    "Trainer: authoring": {"trainer"},
}


def action_key(action: QAction) -> str:
    """An action's text without its `&` and trailing ellipsis: "Restore a backup"."""
    return action.text().replace("&&", "\0").replace("&", "").replace("\0", "&").rstrip("…. ")


def wait_until(predicate: Callable[[], bool], timeout: float = 20.0) -> bool:
    """Turn the event loop until `predicate` holds (True) or `timeout` seconds pass."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        QApplication.processEvents()
        if predicate():
            return True
        time.sleep(0.01)
    return False


class UrlCatcher(QObject):
    """Stands in for the file manager: Open log folder hands the folder's URL to it."""

    def __init__(self) -> None:
        super().__init__()
        self.opened: list[str] = []

    @Slot(QUrl)
    def open(self, url: QUrl) -> None:
        self.opened.append(url.toLocalFile())


@dataclass
class Expected:
    page: str  # the screen the window shows afterwards
    dialog: str = ""  # the class or title of the first dialog the action opens
    done: Callable[[], bool] | None = None  # what else is true afterwards…
    says: str = ""  # …in words
    enabled: bool = True
    extra: list[str] = field(default_factory=list)


class Navigation:
    def __init__(
        self, window: AppWindow, people: dict[str, LearnerInfo], errors: list[str]
    ) -> None:
        self.window = window
        self.people = people
        self.errors = errors
        self.dialogs: list[dict[str, str]] = []  # seen during the current step
        self.running = False
        self.slow: list[dict[str, Any]] = []  # navigations that took more than 2 s
        self.urls = UrlCatcher()
        self._watch_tasks()
        QDesktopServices.setUrlHandler("file", self.urls, "open")
        catalog = window.catalog
        assert catalog is not None
        self.lesson = catalog.course.modules[0].lessons[0].id
        self.quiz = catalog.course.modules[0].quiz or catalog.course.pretest

    def _watch_tasks(self) -> None:
        """Note each background task that takes more than 2 s, by what it is for."""
        tasks = self.window.tasks
        run = tasks.run

        def timed(
            work: Callable[[], Any], on_success: Any, on_failure: Any, what: str = ""
        ) -> None:
            began = time.monotonic()

            def work_timed() -> Any:
                try:
                    return work()
                finally:
                    seconds = time.monotonic() - began
                    if seconds > 2:
                        self.slow.append({"task": what, "seconds": round(seconds, 2)})

            run(work_timed, on_success, on_failure, what)

        tasks.run = timed  # type: ignore[method-assign]

    # -- dialogs ----------------------------------------------------------------------------

    def start(self) -> None:
        self.running = True
        QTimer.singleShot(15, self._poll)

    def stop(self) -> None:
        self.running = False
        QDesktopServices.unsetUrlHandler("file")

    def _poll(self) -> None:
        if not self.running:
            return
        try:
            for widget in QApplication.topLevelWidgets():
                if isinstance(widget, QFileDialog) and widget.isVisible():
                    self._cancel(widget)
            modal = QApplication.activeModalWidget()
            if modal is not None and modal.isVisible():
                self._cancel(modal)
        finally:
            QTimer.singleShot(15, self._poll)

    def _cancel(self, dialog: QWidget) -> None:
        seen = {"class": type(dialog).__name__, "title": dialog.windowTitle()}
        if isinstance(dialog, QMessageBox):
            seen["text"] = dialog.text()[:80]
            button = dialog.escapeButton()
            if button is None:
                roles = (QMessageBox.ButtonRole.RejectRole, QMessageBox.ButtonRole.NoRole)
                found = [b for b in dialog.buttons() if dialog.buttonRole(b) in roles]
                button = found[0] if found else None
            if button is None and len(dialog.buttons()) == 1:
                button = dialog.buttons()[0]  # an information box's OK
            seen["answer"] = button.text().replace("&", "") if button else "rejected"
            self.dialogs.append(seen)
            if button is not None:
                button.click()
            else:
                dialog.reject()
            return
        self.dialogs.append(seen)
        if isinstance(dialog, QDialog):
            dialog.reject()
        else:
            dialog.close()

    # -- where the window is ----------------------------------------------------------------

    def page(self) -> str:
        current = self.window.stack.currentWidget()
        for name, page in self.window.pages.items():
            if page is current:
                return name
        return "loading"

    def role(self) -> str:
        context = self.window.context
        learner = context.learner if context is not None else None
        return learner.role if learner is not None else "none"

    def idle(self) -> bool:
        return (
            self.window.tasks.running == 0
            and QApplication.activeModalWidget() is None
            and not any(
                isinstance(w, QFileDialog) and w.isVisible() for w in QApplication.topLevelWidgets()
            )
        )

    def fits(self) -> bool:
        screen = self.window.screen()
        return screen is not None and screen.availableGeometry().contains(
            self.window.frameGeometry()
        )

    def go_to(self, role: str, page: str) -> bool:
        """Show `page` with a profile of `role` open (none: the start page)."""
        window = self.window
        if self.role() != role or (role != "none" and self.page() == "start"):
            window.show_start()
            if not wait_until(lambda: self.page() == "start" and self.idle(), STEP_TIMEOUT):
                return False
            if role != "none":
                window.profile_opened(self.people[role])  # a quiz to resume: "Not now"
                first = FIRST_PAGE[role]
                if not wait_until(lambda: self.page() == first and self.idle(), STEP_TIMEOUT):
                    return False
        if self.page() != page:
            go = {
                "start": window.show_start,
                "home": window.show_home,
                "reader": lambda: window.open_lesson(self.lesson),
                "quiz": lambda: window.start_quiz(self.quiz),
                "progress": window.show_progress,
                "certificate": window.show_certificate,
                "evaluation": window.show_evaluation,
                "supervisor": window.show_supervisor,
                "trainer": window.show_trainer,
            }[page]
            go()
        began = time.monotonic()
        shown = wait_until(lambda: self.page() == page, STEP_TIMEOUT)
        at = time.monotonic() - began
        idle = wait_until(self.idle, STEP_TIMEOUT)
        if time.monotonic() - began > 2:
            modal = QApplication.activeModalWidget()
            self.slow.append({"to": f"{role}: {page}", "shown_after": round(at, 2),
                              "idle_after": round(time.monotonic() - began, 2),
                              "tasks": self.window.tasks.running,
                              "modal": type(modal).__name__ if modal else ""})  # fmt: skip
        return shown and idle

    # -- the actions ------------------------------------------------------------------------

    def actions(self) -> list[QAction]:
        """Every action of the menus and their submenus."""
        found: list[QAction] = []

        def add(menu: QMenu) -> None:
            for action in menu.actions():
                if action.isSeparator() or not action.isVisible():
                    continue
                if action.menu() is not None:
                    add(action.menu())
                else:
                    found.append(action)

        for top in self.window.menuBar().actions():
            if top.menu() is not None:
                add(top.menu())
        return found

    def expect(self, action: QAction, role: str, page: str) -> Expected | None:
        window = self.window
        key = action_key(action)
        enabled = role in ENABLED_FOR.get(key, {"none", "learner", "supervisor", "trainer"})
        same = Expected(page, enabled=enabled)
        if key == "Switch profile":
            name = self.people[role].display_name if role in self.people else ""
            start = window.pages.get("start")

            def started() -> bool:
                title = window.windowTitle()
                return (
                    start is not None
                    and start.profiles.isVisible()
                    and start.profiles.count() > 0
                    and title == window._start_title()
                    and (not name or name not in title)
                )

            return Expected("start", "", started, "the profile list, no one's name in the title", enabled)  # fmt: skip
        if key == "Export my progress for my supervisor":
            return Expected(page, "No organisation key", enabled=enabled)
        if key in ("Import progress bundles", "Install organisation key"):
            return Expected(page, "QFileDialog", enabled=enabled)
        if key == "Back up now":
            window.save_state.clear()
            backed_up = lambda: window.save_state.text().startswith("Backed up")  # noqa: E731
            return Expected(page, "", backed_up, "the status bar says Backed up", enabled)
        if key == "Restore a backup":
            return Expected(page, "BackupDialog", enabled=enabled)
        if key in (
            "Course home", "My progress", "Booster reviews", "Supervisor: completion",
            "Trainer: authoring",
        ):  # fmt: skip
            target = {
                "Course home": "home",
                "My progress": "progress",
                "Booster reviews": "reviews",
                "Supervisor: completion": "supervisor",
                "Trainer: authoring": "trainer",
            }[key]
            return Expected(target, enabled=enabled)
        if key == "Find in lesson":
            if page != "reader":
                return same
            reader = window.pages["reader"]
            return Expected(
                page,
                "",
                lambda: reader.find_bar.isVisible() and reader.find_text.hasFocus(),
                "the find bar shown, its text box focused",
                enabled,
            )
        if key in ("Previous lesson", "Next lesson"):
            if page != "reader":
                return same
            reader = window.pages["reader"]
            assert window.catalog is not None and reader.lesson is not None
            before, after = window.catalog.neighbours(reader.lesson.id)
            target = (before if key == "Previous lesson" else after) or reader.lesson.id
            return Expected(
                page,
                "",
                lambda: reader.lesson is not None and reader.lesson.id == target,
                f"lesson {target} shown",
                enabled,
            )
        if key in ("Zoom in", "Zoom out", "Normal size"):
            step = {"Zoom in": 1, "Zoom out": -1, "Normal size": 0}[key]
            steps = 0 if step == 0 else text_size.clamp(text_size.saved_steps() + step)
            return Expected(
                page,
                "",
                lambda: text_size.saved_steps() == steps,
                f"text size {100 + 10 * steps}%",
                enabled,
            )
        if key == "Guide":
            return Expected(page, "GuideDialog", enabled=enabled)
        if key == "About":
            return Expected(page, "About", enabled=enabled)
        if action.isCheckable() and action.actionGroup() is not None:  # one of a choice (Theme)
            return Expected(page, "", action.isChecked, "the action checked", enabled)
        if key == "Open log folder":
            folder = str(app_log.log_folder())
            self.urls.opened.clear()
            return Expected(
                page,
                "",
                lambda: [str(Path(u)) for u in self.urls.opened] == [folder],
                "the log folder handed to the file manager",
                enabled,
            )
        return None

    def step(self, action: QAction, *, shortcut: bool = False) -> dict[str, Any]:
        """Trigger `action` on the screen shown now; what happened and what was wrong."""
        window = self.window
        key, role, page = action_key(action), self.role(), self.page()
        done: dict[str, Any] = {"screen": f"{role}: {page}", "action": key}
        expected = self.expect(action, role, page)
        done["enabled"] = action.isEnabled()
        problems: list[str] = []
        done["problems"] = problems
        if expected is None:
            problems.append("no expectation for this action: add it to navigation.py")
            return done
        if action.isEnabled() != expected.enabled:
            problems.append(f"enabled is {action.isEnabled()}, expected {expected.enabled}")
        if not action.isEnabled():
            return done
        errors_before = len(self.errors)
        self.dialogs = []
        fired: list[bool] = []

        def count(*_: object) -> None:
            fired.append(True)

        action.triggered.connect(count)
        sequence = action.shortcut()
        if shortcut and not sequence.isEmpty():
            done["how"] = "shortcut " + sequence.toString()
            target = QApplication.focusWidget()
            if target is None or target.window() is not window:
                target = window
            QTest.keySequence(target, sequence)
        else:
            done["how"] = "trigger"
            action.trigger()

        def arrived() -> bool:
            return (
                self.idle()
                and self.page() == expected.page
                and (not expected.dialog or bool(self.dialogs))
                and (expected.done is None or expected.done())
            )

        wait_until(arrived, STEP_TIMEOUT)
        wait_until(lambda: False, 0.05)  # late news: a dialog or a screen change
        wait_until(self.idle, STEP_TIMEOUT)
        action.triggered.disconnect(count)
        done["dialogs"] = self.dialogs
        done["page"] = self.page()
        done["title"] = window.windowTitle()
        if not fired:
            problems.append(f"the action did not fire ({done['how']})")
        if done["page"] != expected.page:
            problems.append(f"shows {done['page']}, expected {expected.page}")
        if expected.dialog:
            first = self.dialogs[0] if self.dialogs else None
            if first is None:
                problems.append(f"no dialog opened, expected {expected.dialog}")
            elif expected.dialog not in (first["class"], first["title"]):
                problems.append(f"opened {first['class']} {first['title']!r}, expected {expected.dialog}")  # fmt: skip
            if len(self.dialogs) > 1:  # a cancelled dialog leads nowhere
                problems.append(f"then also opened {self.dialogs[1:]}")
        elif self.dialogs:
            problems.append(f"unexpected dialogs {self.dialogs}")
        if expected.done is not None and not expected.done():
            problems.append(f"expected {expected.says}")
        if not self.idle():
            problems.append("a dialog or background task is still open")
        if not window.isVisible() or not window.isEnabled():
            problems.append(f"window visible {window.isVisible()}, enabled {window.isEnabled()}")
        if not self.fits():
            frame = window.frameGeometry()
            problems.append(f"window {frame.width()}x{frame.height()} does not fit the screen")
        problems += [f"exception: {e}" for e in self.errors[errors_before:]]
        return done

    # -- the passes -------------------------------------------------------------------------

    def every_action_on_every_screen(self) -> list[dict[str, Any]]:
        steps = []
        steps_of_text = text_size.saved_steps()
        leaving = {"Switch profile", "Course home", "My progress", "Supervisor: completion",
                   "Trainer: authoring"}  # fmt: skip
        for role, page in SCREENS:
            # the actions that stay on the screen first: fewer ways back to it
            ordered = sorted(self.actions(), key=lambda a: action_key(a) in leaving)
            for action in ordered:
                key = action_key(action)
                if key == "Quit":
                    continue
                group = action.actionGroup()
                checked = group.checkedAction() if group is not None else None
                began = time.monotonic()
                if not self.go_to(role, page):
                    steps.append({"screen": f"{role}: {page}", "action": key,
                                  "problems": [f"could not show {page} as {role}"]})  # fmt: skip
                    continue
                went = time.monotonic() - began
                steps.append(self.step(action))
                steps[-1]["seconds"] = [round(went, 2), round(time.monotonic() - began - went, 2)]
                if key.startswith(("Zoom", "Normal size")):  # back to the size measured
                    QSettings().setValue(text_size.SETTING, steps_of_text)
                    text_size.apply_text_size(steps_of_text)
                if checked is not None and checked is not action:  # the choice as it was
                    checked.trigger()
                    wait_until(self.idle, STEP_TIMEOUT)
        return steps

    def random_walk(self, seed: int = SEED, count: int = WALK_STEPS) -> list[dict[str, Any]]:
        rng = random.Random(seed)
        steps = []
        for number in range(count):
            went = ""
            if number == 0 or rng.random() < 0.3:
                role, page = rng.choice(SCREENS)
                went = f"{role}: {page}"
                if not self.go_to(role, page):
                    steps.append({"step": number, "went": went, "problems": [f"could not show {went}"]})  # fmt: skip
                    continue
            enabled = [a for a in self.actions() if a.isEnabled() and action_key(a) != "Quit"]
            action = rng.choice(enabled)
            done = self.step(action, shortcut=True)
            done.update(step=number, went=went)
            steps.append(done)
        return steps

    def quit(self) -> dict[str, Any]:
        """File > Quit (Ctrl+Q) from the screen shown now: the window closes."""
        quit_action = next(a for a in self.actions() if action_key(a) == "Quit")
        done: dict[str, Any] = {"screen": f"{self.role()}: {self.page()}", "action": "Quit"}
        errors_before = len(self.errors)
        QTest.keySequence(QApplication.focusWidget() or self.window, quit_action.shortcut())
        closed = wait_until(lambda: not self.window.isVisible(), STEP_TIMEOUT)
        done["problems"] = [] if closed else ["the window did not close"]
        done["problems"] += [f"exception: {e}" for e in self.errors[errors_before:]]
        return done
