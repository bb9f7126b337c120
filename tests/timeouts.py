"""A time limit for one call in a test: a hang becomes a failure, not a stuck suite."""

from __future__ import annotations

import contextlib
import signal
import threading
from collections.abc import Iterator


class TookTooLong(AssertionError):
    """The guarded code ran past its time limit."""


@contextlib.contextmanager
def within(seconds: float) -> Iterator[None]:
    """Fail with TookTooLong when the block runs longer than `seconds`.

    SIGALRM interrupts Python code in the main thread (Markdown, YAML and JSON walks are
    Python); where there is no SIGALRM (Windows) or off the main thread, it only times.
    """
    usable = hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    if not usable:
        yield
        return

    def fire(_signum: int, _frame: object) -> None:
        raise TookTooLong(f"took longer than {seconds} s")

    previous = signal.signal(signal.SIGALRM, fire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
