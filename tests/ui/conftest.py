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
