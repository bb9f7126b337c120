"""Run slow work off the UI thread; results come back to the UI thread through a signal.

One worker thread, so database work is serialised (as in Anki's task manager). A failure
callback handles the refusals it expects and re-raises anything else; that, or an error
in a success callback, goes to `on_unexpected` (the app's error reporter, set by the
launcher) and otherwise propagates, so a test sees it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

TASK_WHAT = "Work the app was doing in the background"


class _Relay(QObject):
    finished = Signal(object, object)  # (result, error)


class _Job(QRunnable):
    def __init__(self, work: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self.work = work
        self.relay = relay

    def run(self) -> None:  # runs on the worker thread; never touches widgets
        try:
            result = self.work()
        except Exception as error:  # handed to the failure callback on the UI thread
            self.relay.finished.emit(None, error)
        else:
            self.relay.finished.emit(result, None)


class TaskRunner(QObject):
    """Runs one job at a time on a worker thread and calls back on the UI thread."""

    # the number of jobs running; an int, because PySide6 6.12 on Python 3.11 leaks a
    # reference to True each time a bool goes through a signal, and aborts after ~1000
    busy_changed = Signal(int)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)
        self.running = 0
        self._relays: set[_Relay] = set()
        self.on_unexpected: Callable[[BaseException, str], None] | None = None

    def run(
        self,
        work: Callable[[], Any],
        on_success: Callable[[Any], None],
        on_failure: Callable[[Exception], None],
        what: str = "",
    ) -> None:
        """Run `work` on the worker thread, then one callback on the UI thread; `what` names
        the work for a person ("Opening your saved progress") if it fails unexpectedly."""
        relay = _Relay()
        self._relays.add(relay)

        def done(result: Any, error: Exception | None) -> None:
            self._relays.discard(relay)
            self.running -= 1
            self.busy_changed.emit(self.running)
            try:
                if error is None:
                    on_success(result)
                else:
                    on_failure(error)
            except Exception as unexpected:
                if self.on_unexpected is None:
                    raise
                self.on_unexpected(unexpected, what or self.tr(TASK_WHAT))

        relay.finished.connect(done)
        self.running += 1
        self.busy_changed.emit(self.running)
        self.pool.start(_Job(work, relay))

    def wait(self) -> None:
        self.pool.waitForDone()
