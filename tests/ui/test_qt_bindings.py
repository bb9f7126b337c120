"""The installed Qt bindings keep Python's reference counts: a miscount aborts the app.

PySide6 6.12.0 on Python 3.11 released a reference to None on every call of a Qt method
that returns nothing, and the app died ("deallocating None") after some tens of
thousands of such calls, i.e. within a working session. pyproject.toml keeps that
release out; these tests catch any version that brings the fault back.
"""

from __future__ import annotations

import sys

import pytest
from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QLabel

CALLS = 2000
pytestmark = pytest.mark.skipif(
    sys.version_info >= (3, 12),
    reason="from Python 3.12 None, True and False are immortal: a miscount cannot show",
)


class _Flag(QObject):
    changed = Signal(bool)


def test_qt_methods_that_return_nothing_leave_none_alone(qtbot) -> None:
    label = QLabel()
    qtbot.addWidget(label)
    before = sys.getrefcount(None)
    for n in range(CALLS):
        label.setText(str(n))
        label.update()
    assert abs(sys.getrefcount(None) - before) < CALLS // 10


def test_signals_carrying_a_bool_leave_true_and_false_alone(qtbot) -> None:
    flag, received = _Flag(), []
    flag.changed.connect(received.append)
    for value in (True, False):
        before = sys.getrefcount(value)
        for _ in range(CALLS):
            flag.changed.emit(value)
        received.clear()
        assert abs(sys.getrefcount(value) - before) < CALLS // 10
