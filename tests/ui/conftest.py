"""UI test fixtures: a modal dialog nobody answers would hang the suite, so none may open."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QMessageBox

from tests.conftest import EVALUATION
from trainer.services.catalog import Catalog, open_catalog
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
