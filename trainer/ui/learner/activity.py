"""Is the learner active? Key presses, clicks, scrolling and mouse movement say so.

Active time counts toward CE credit only while the learner interacts; after
IDLE_AFTER_SECONDS with no input the clock stops until the next input.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject

IDLE_AFTER_SECONDS = 180
ACTIVITY_EVENTS = {
    QEvent.Type.KeyPress,
    QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseMove,
    QEvent.Type.Wheel,
}


class ActivityTracker(QObject):
    """Installed on the application; remembers when the learner last did something."""

    def __init__(
        self, clock: Callable[[], float] = time.monotonic, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.clock = clock
        self.last_input = clock()
        self.counted_until = self.last_input

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in ACTIVITY_EVENTS:
            self.last_input = self.clock()
        return False

    def touch(self) -> None:
        self.last_input = self.clock()

    def take_active_seconds(self) -> int:
        """Seconds of activity since the last call, idle stretches left out."""
        now = self.clock()
        active_until = min(now, self.last_input + IDLE_AFTER_SECONDS)
        seconds = max(0.0, active_until - self.counted_until)
        self.counted_until = now
        return int(seconds)
