"""UI test fixtures: a modal dialog nobody answers would hang the suite, so none may open."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QMessageBox

from tests.conftest import EVALUATION
from trainer.services.catalog import Catalog, open_catalog
from trainer.ui.authoring.trainer_page import TrainerPage
from trainer.ui.shell.context import AppContext
from trainer.ui.shell.tasks import TaskRunner
from trainer.ui.shell.wording import install_translations


@pytest.fixture(autouse=True, scope="session")
def english_plurals(qapp) -> None:
    """The wording users see: counted strings in their singular and plural forms."""
    assert install_translations(qapp)


@pytest.fixture(autouse=True)
def no_unexpected_dialogs(monkeypatch) -> None:
    def refuse(*args, **kwargs):
        raise AssertionError(f"an unexpected dialog opened: {args[1:3]}")

    for name in ("warning", "information", "question", "critical"):
        monkeypatch.setattr(QMessageBox, name, staticmethod(refuse))

    def refuse_box(box: QMessageBox) -> int:
        raise AssertionError(f"an unexpected dialog opened: {box.text()}")

    monkeypatch.setattr(QMessageBox, "exec", refuse_box)


@pytest.fixture
def questions(monkeypatch) -> tuple[list[tuple[str, list[str], str]], list[str]]:
    """Answer the next questions (trainer/ui/shell/questions.py and other message boxes
    with buttons of their own) by clicking the button with the text put in `answers`;
    each is recorded as (text, its buttons, the default button)."""
    asked: list[tuple[str, list[str], str]] = []
    answers: list[str] = []

    def answer(box: QMessageBox) -> int:
        default = box.defaultButton()
        asked.append(
            (box.text(), [b.text() for b in box.buttons()], default.text() if default else "")
        )
        wanted = answers.pop(0)
        next(b for b in box.buttons() if b.text() == wanted).click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", answer)
    return asked, answers


class RecordingNavigator:
    """A Navigator that records every call as (method name, *arguments as text)."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, ...]] = []

    def __getattr__(self, name: str):
        return lambda *args: self.calls.append((name, *map(str, args)))


@pytest.fixture
def course(write_course) -> Catalog:
    """The demo course with an evaluation form, as the record and supervisor screens need."""
    root = write_course({"curriculum/evaluation.yaml": EVALUATION})
    catalog = open_catalog(root / "curriculum", root / "quizzes")
    assert catalog.problems == ()
    return catalog


class FakeNavigator:
    """Records where the page asked to go; `reload_course` only when asked to have it."""

    def __init__(self) -> None:
        self.calls: list[str] = []

    def show_home(self) -> None:
        self.calls.append("show_home")


def show_active(qtbot, widget, width: int, height: int) -> None:
    """Show `widget` at that size as the active window, as a person at the keyboard has it."""
    widget.resize(width, height)
    widget.show()
    qtbot.waitExposed(widget)
    widget.activateWindow()
    qtbot.waitUntil(widget.isActiveWindow)


@pytest.fixture
def make_page(qtbot, store, write_course):
    """A trainer's authoring screen on the demo course (with `changes`), shown and listed."""
    runners: list[TaskRunner] = []
    pages: list[TrainerPage] = []

    def make(changes: dict | None = None, navigator=None) -> TrainerPage:
        root = write_course(changes or {})
        catalog = open_catalog(root / "curriculum", root / "quizzes")
        runners.append(TaskRunner())
        context = AppContext(catalog, store, runners[-1], navigator or FakeNavigator())
        page = TrainerPage(context)
        pages.append(page)
        show_active(qtbot, page, 1300, 800)
        with qtbot.waitSignal(page.item_analysis_loaded):
            page.refresh()
        return page

    yield make
    for runner in runners:
        runner.wait()
    for page in pages:  # a test may leave edits unsaved: closing would ask about them
        page.editor.document().setModified(False)
        page.close()
        page.deleteLater()
