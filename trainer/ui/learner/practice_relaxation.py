"""The relaxation box of a practice tab: the steps, a timer with Start, Pause and Finish,
and the log of past sessions. A session is logged when finished, when its planned minutes
are up, and when the learner leaves the lesson with it under way: one row, written at once
(TaskRunner.write_now), as the box may be closing. The log is read in the background."""

from __future__ import annotations

import html
from datetime import UTC, datetime
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtGui import QHideEvent
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from trainer.content.formats import PracticeItem, RelaxationPractice
from trainer.services import practice
from trainer.services.errors import ServiceError, StoreError
from trainer.ui.shell.tasks import PRACTICE
from trainer.ui.shell.text_and_tables import scaled, wrapping_label

if TYPE_CHECKING:
    from trainer.ui.shell.context import AppContext

TICK_MS = 1000
ANNOUNCE_EVERY_SECONDS = 10  # screen readers hear the clock this often, not every second
LOG_LENGTH = 5


def intact(box: QWidget) -> bool:
    """False when Qt hides a box while destroying it (a window closed at exit): its
    children may be gone already, and saving would touch them."""
    return all(shiboken6.isValid(child) for child in getattr(box, "parts", ()))


def sharing_note(item: PracticeItem) -> QLabel:
    """The line that tells the learner, where they write, what their supervisor receives."""
    if practice.shares_answers(item):
        text = "Shared: your supervisor receives what you write here."
    else:
        text = "Private: your supervisor sees only that you did this, not what you wrote."
    label = wrapping_label(QCoreApplication.translate("PracticePanel", text))
    label.setObjectName("sharing_note")
    return label


class RelaxationBox(QGroupBox):
    """A guided practice: the steps, a timer with Start, Pause and Finish, and a log."""

    def __init__(self, context: AppContext, lesson_id: str, item: RelaxationPractice) -> None:
        super().__init__()
        self.context = context
        self.lesson_id = lesson_id
        self.item = item
        self.where = (context.store, context.catalog, context.learner_id, lesson_id, item.id)
        self.planned = item.minutes * 60
        self.elapsed = 0
        self.started_at: datetime | None = None
        self.setAccessibleName(item.title)
        layout = QVBoxLayout(self)
        layout.addWidget(scaled(wrapping_label(item.title), 1.25))
        self.sharing = sharing_note(item)
        layout.addWidget(self.sharing)
        if item.instructions.strip():
            layout.addWidget(wrapping_label(practice.instructions_html(item), rich=True))
        steps = "".join(f"<li>{html.escape(step)}</li>" for step in item.steps)
        layout.addWidget(wrapping_label(f"<ol>{steps}</ol>", rich=True))
        self.clock = scaled(QLabel(), 1.8, wrap=False)
        self.state = wrapping_label("")
        self.step_label = wrapping_label("")
        self.timer = QTimer(self)
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(self.tick)
        self.start_button = QPushButton(self.tr("Start"))
        self.pause_button = QPushButton(self.tr("Pause"))
        self.finish_button = QPushButton(self.tr("Finish"))
        buttons = QHBoxLayout()
        for button, slot, name in (
            (self.start_button, self.start, self.tr("Start the practice timer")),
            (self.pause_button, self.pause, self.tr("Pause the practice timer")),
            (self.finish_button, self.finish, self.tr("Finish and log this session")),
        ):
            button.setAccessibleName(name)
            button.clicked.connect(slot)
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.note = QLineEdit()
        self.note.setAccessibleName(self.tr("Note for this session"))
        self.note.setPlaceholderText(self.tr("For example: tension 6 before, 3 after"))
        note_label = QLabel(self.tr("Note for this session (optional)"))
        note_label.setBuddy(self.note)
        self.log = QListWidget()
        self.log.setAccessibleName(self.tr("Your past sessions"))
        self.log.setMaximumHeight(self.fontMetrics().lineSpacing() * (LOG_LENGTH + 2))
        log_label = QLabel(self.tr("Your past sessions"))
        log_label.setBuddy(self.log)
        for widget in (self.clock, self.state, self.step_label):
            layout.addWidget(widget)
        layout.addLayout(buttons)
        for field in (note_label, self.note, log_label, self.log):
            layout.addWidget(field)
        self.parts: tuple[QWidget, ...] = (
            self.clock,
            self.state,
            self.step_label,
            self.note,
            self.log,
        )
        self.parts += (self.start_button, self.pause_button, self.finish_button)
        self._show_time(announce=True)
        self._set_running(False)
        self.state.setText(self.tr("Not started"))
        self.refresh_log()

    def save_pending(self) -> None:
        """Log the session under way, if any, as it stands."""
        if self.started_at is not None:
            self.finish()

    def hideEvent(self, event: QHideEvent) -> None:
        # leaving the lesson logs the session; minimising the window does not
        if not event.spontaneous() and intact(self):
            self.save_pending()
        super().hideEvent(event)

    def start(self) -> None:
        if self.started_at is None:
            self.started_at = datetime.now(UTC)
        self.timer.start()
        self._set_running(True)
        self.state.setText(self.tr("Running"))
        self._show_time(announce=True)
        self.pause_button.setFocus()

    def pause(self) -> None:
        self.timer.stop()
        self._set_running(False)
        self.state.setText(self.tr("Paused"))
        self._show_time(announce=True)
        self.start_button.setFocus()

    def tick(self) -> None:
        """One second of practice (the timer calls this; tests may too)."""
        self.elapsed += 1
        self._show_time(announce=self.elapsed % ANNOUNCE_EVERY_SECONDS == 0)
        if self.elapsed >= self.planned:
            self.finish()

    def finish(self) -> None:
        """Stop and log the session: completed when it ran the planned minutes."""
        self.timer.stop()
        if self.started_at is None or self.elapsed == 0:
            self._reset(self.tr("Not started"))
            return
        completed = self.elapsed >= self.planned
        where, started_at, seconds = self.where, self.started_at, self.elapsed
        note = self.note.text().strip()
        try:
            self.context.tasks.write_now(
                lambda: practice.record_relaxation_session(
                    *where, started_at=started_at, seconds=seconds, completed=completed, note=note
                ),
                changes={PRACTICE},
            )
        except (ServiceError, StoreError) as error:
            self.pause()
            self.state.setText(self.tr("⚠ Not logged: {reason}").format(reason=error))
            return
        minutes = _minutes_text(self, self.elapsed)
        self._reset(
            self.tr("✓ Well done: {minutes} logged").format(minutes=minutes)
            if completed
            else self.tr("✓ Stopped early: {minutes} logged").format(minutes=minutes)
        )
        self.note.clear()
        self.refresh_log()
        self.context.navigator.saved(self.tr("Relaxation session logged"))
        self.start_button.setFocus()

    def refresh_log(self) -> None:
        """Read the past sessions in the background, then list the newest."""
        where = self.where
        self.context.tasks.read(
            lambda: practice.relaxation_sessions(*where),
            self._show_log,
            what=self.tr("Reading your relaxation log"),
            on_failure=self._log_refused,
        )

    def _log_refused(self, error: Exception) -> None:
        if shiboken6.isValid(self) and intact(self):
            self.log.clear()
            self.log.addItem(self.tr("Could not load the log: {reason}").format(reason=error))

    def _show_log(self, sessions: list[practice.RelaxationSession]) -> None:
        if not shiboken6.isValid(self) or not intact(self):
            return
        self.log.clear()
        for session in sessions[:LOG_LENGTH]:
            when = session.started_at.astimezone().strftime("%Y-%m-%d %H:%M")
            how = self.tr("completed") if session.completed else self.tr("stopped early")
            line = f"{when} · {_minutes_text(self, session.seconds)} · {how}"
            self.log.addItem(f"{line} · {session.note}" if session.note else line)
        if not sessions:
            self.log.addItem(self.tr("No sessions yet"))

    def _reset(self, state: str) -> None:
        self.elapsed = 0
        self.started_at = None
        self._set_running(False)
        self.state.setText(state)
        self._show_time(announce=True)

    def _set_running(self, running: bool) -> None:
        self.start_button.setEnabled(not running)
        self.start_button.setText(
            self.tr("Resume") if self.started_at and not running else self.tr("Start")
        )
        self.pause_button.setEnabled(running)
        self.finish_button.setEnabled(self.started_at is not None)

    def _show_time(self, announce: bool) -> None:
        shown = f"{self.elapsed // 60:02d}:{self.elapsed % 60:02d}"
        planned = f"{self.planned // 60:02d}:{self.planned % 60:02d}"
        self.clock.setText(self.tr("{elapsed} of {planned}").format(elapsed=shown, planned=planned))
        step = min(len(self.item.steps) - 1, self.elapsed * len(self.item.steps) // self.planned)
        self.step_label.setText(
            self.tr("Step {number} of {count}: {text}").format(
                number=step + 1, count=len(self.item.steps), text=self.item.steps[step]
            )
        )
        if announce:
            self.clock.setAccessibleName(
                self.tr("Time practised: {elapsed} of {minutes}").format(
                    elapsed=_minutes_text(self, self.elapsed, seconds_too=True),
                    minutes=_minutes_text(self, self.planned),
                )
            )


def _minutes_text(widget: QWidget, seconds: int, *, seconds_too: bool = False) -> str:
    minutes, rest = divmod(seconds, 60)
    if seconds_too:
        return widget.tr("{minutes} min {seconds} s").format(minutes=minutes, seconds=rest)
    if minutes == 0:
        return widget.tr("under 1 min")
    return widget.tr("{minutes} min").format(minutes=round(seconds / 60))
