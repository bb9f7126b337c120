"""UI test fixtures: a modal dialog nobody answers would hang the suite, so none may open."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QMessageBox


@pytest.fixture(autouse=True)
def no_unexpected_dialogs(monkeypatch) -> None:
    def refuse(*args, **kwargs):
        raise AssertionError(f"an unexpected dialog opened: {args[1:3]}")

    for name in ("warning", "information", "question", "critical"):
        monkeypatch.setattr(QMessageBox, name, staticmethod(refuse))
