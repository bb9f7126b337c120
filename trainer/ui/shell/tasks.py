"""The one way from the window to the database: a runner for background work (Anki's
QueryOp and CollectionOp) and the change signal the screens refresh on.

One worker thread, so database work is serialised (as in Anki's task manager); results
come back to the UI thread through a signal.

- `read(work, on_done, what=…)`: a database read (services read with `store.reading()`,
  which never takes the write lock).
- `write(work, on_done, what=…, changes=…)`: a database write; once it succeeds, `changed`
  is emitted with the topics it changed (PROGRESS, LEARNERS, PRACTICE), then `on_done`
  runs. A screen that chains a navigation on a write (start an attempt, then show it)
  navigates in `on_done`.
- `run(work, on_success, on_failure, what)`: other slow work that is not a screen's read
  or write (loading the course files, opening the database, backups, validation); its
  failure callback sees every error.

A read's or write's refusal (ServiceError, StoreError) goes to its `on_failure`, a
sentence the screen shows (with no `on_failure`, to the error reporter, which shows the
sentence). Anything else, or an error in a callback, goes to `on_unexpected` (the app's
error reporter, set by the launcher) and otherwise propagates, so a test sees it.
`what` names the work for a person ("Opening the lesson") if it fails unexpectedly.

Screens never touch the database on the UI thread, except these single-row writes that
take well under 5 ms (DESIGN §7) and must be committed before the learner moves on. They
go through `write_now`, which runs them at once and then emits `changed` too:

- saving a quiz answer (attempts.save_answer), locking one on Check answer
  (attempts.check_answer) and a step of quiz time (record_quiz_time);
- saving the reading position with a step of active reading time (progress.record_reading);
- saving a practice item as the learner types, or adding a worksheet entry
  (practice.save_entry), and logging a finished relaxation session
  (practice.record_relaxation_session).

Screens that show data (home, My progress, the certificate, the evaluation, the
completion grid) keep a `Freshness`: stale until loaded, and again when `changed` names a
topic they show; the window reloads a screen it shows only when stale, and a screen on
view reloads as soon as it is marked stale.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal
from PySide6.QtWidgets import QWidget
from shiboken6 import isValid

from trainer.services.errors import ServiceError, StoreError

TASK_WHAT = "Work the app was doing in the background"

# What a write changed, as `changed` names it
PROGRESS = "progress"  # lessons read, quiz attempts and answers, time, evaluation, certificates
LEARNERS = "learners"  # profiles
PRACTICE = "practice"  # practice entries and relaxation sessions
EVERYTHING = frozenset({PROGRESS, LEARNERS, PRACTICE})  # e.g. progress bundles imported

T = TypeVar("T")


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
    """Runs one job at a time on a worker thread and calls back on the UI thread; says
    what each write changed."""

    # the number of jobs running; an int, because PySide6 6.12 on Python 3.11 leaks a
    # reference to True each time a bool goes through a signal, and aborts after ~1000
    busy_changed = Signal(int)
    # after a write: the frozenset of topics (PROGRESS, LEARNERS, PRACTICE) it changed
    changed = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)
        self.running = 0
        self.stopped = False
        self._relays: set[_Relay] = set()
        self.on_unexpected: Callable[[BaseException, str], None] | None = None

    def read(
        self,
        work: Callable[[], T],
        on_done: Callable[[T], None],
        *,
        what: str,
        on_failure: Callable[[Exception], None] | None = None,
    ) -> None:
        """Read on the worker thread, then `on_done(result)` on the UI thread; a refusal
        goes to `on_failure`, anything else to the error reporter."""
        self._start(work, on_done, on_failure, what, frozenset())

    def write(
        self,
        work: Callable[[], T],
        on_done: Callable[[T], None],
        *,
        what: str,
        changes: Iterable[str],
        on_failure: Callable[[Exception], None] | None = None,
    ) -> None:
        """Write on the worker thread; once it succeeds, emit `changed` with `changes`, then
        call `on_done(result)` on the UI thread. Failures go where a read's go."""
        self._start(work, on_done, on_failure, what, frozenset(changes))

    def write_now(self, work: Callable[[], T], *, changes: Iterable[str]) -> T:
        """One of the single-row writes listed above, run at once on the UI thread (its
        errors reach the caller); then `changed` is emitted as after any write."""
        result = work()
        self.announce(changes)
        return result

    def announce(self, changes: Iterable[str]) -> None:
        """Tell the screens that data on these topics changed (emits `changed`)."""
        topics = frozenset(changes)
        if topics:
            self.changed.emit(topics)

    def _start(
        self,
        work: Callable[[], T],
        on_done: Callable[[T], None],
        on_failure: Callable[[Exception], None] | None,
        what: str,
        changes: frozenset[str],
    ) -> None:
        def succeeded(result: T) -> None:
            self.announce(changes)
            on_done(result)

        def failed(error: Exception) -> None:
            if on_failure is None or not isinstance(error, ServiceError | StoreError):
                raise error  # to the error reporter: a bug, or a refusal nobody shows
            on_failure(error)

        self.run(work, succeeded, failed, what)

    def run(
        self,
        work: Callable[[], Any],
        on_success: Callable[[Any], None],
        on_failure: Callable[[Exception], None],
        what: str = "",
    ) -> None:
        """Run `work` on the worker thread, then one callback on the UI thread; `what` names
        the work for a person ("Opening your saved progress") if it fails unexpectedly.
        Once the runner is stopped, nothing starts."""
        if self.stopped:
            return
        relay = _Relay()
        self._relays.add(relay)

        def done(result: Any, error: Exception | None) -> None:
            if not isValid(self) or self.stopped:
                return  # the window closed while the job ran: nobody is left to tell
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

    def stop(self) -> None:
        """The window closes: start no job and hand back no result from now on, and wait for
        the job under way. (Qt destroys a pool by waiting for its job while holding the GIL
        that job needs: a job started after this, by a late callback, would hang the exit.)"""
        self.stopped = True
        self.pool.waitForDone()


class Freshness(QObject):
    """Whether a screen's data is stale: until it is first loaded, and again whenever the
    runner's `changed` names a topic it shows. `show()` (the window calls it before showing
    the screen) reloads only a stale screen; a screen on view reloads as soon as it is
    marked stale. The screen's loading method calls `loading()`, and `failed()` when its
    read was refused, so the next showing tries again."""

    def __init__(
        self,
        screen: QWidget,
        tasks: TaskRunner,
        topics: Iterable[str],
        load: Callable[[], None],
    ) -> None:
        super().__init__(screen)
        self.screen = screen
        self.topics = frozenset(topics)
        self.load = load
        self.stale = True
        tasks.changed.connect(self._changed)

    def show(self) -> None:
        if self.stale:
            self.load()

    def loading(self) -> None:
        self.stale = False

    def failed(self) -> None:
        self.stale = True

    def mark_stale(self) -> None:
        self.stale = True
        # after the current event: a write's callback that navigates away comes first
        QTimer.singleShot(0, self, self._reload_if_on_view)

    def _changed(self, topics: frozenset[str]) -> None:
        if topics & self.topics:
            self.mark_stale()

    def _reload_if_on_view(self) -> None:
        if self.stale and self.screen.isVisible():
            self.load()
