"""What every screen of the app is given: the course, the store, the learner, navigation.

Screens get this object instead of reaching for a global main window (Anki's `mw`).
They call services through its task runner (`tasks`: reads and writes off the UI thread)
and ask the navigator to move to another screen.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from trainer.services.catalog import Catalog
    from trainer.services.database import Store
    from trainer.services.profile_info import LearnerInfo
    from trainer.ui.shell.tasks import TaskRunner


class Navigator(Protocol):
    """Moves between screens; implemented by the main window (and by fakes in tests)."""

    def show_home(self) -> None: ...

    def open_lesson(self, lesson_id: str, anchor: str = "") -> None: ...

    def start_quiz(self, quiz_id: str) -> None: ...

    def show_progress(self) -> None: ...

    def show_certificate(self) -> None: ...

    def show_evaluation(self) -> None: ...

    def show_reviews(self) -> None: ...

    def start_case(self, case_id: str) -> None: ...

    def saved(self, what: str) -> None:
        """Tell the learner something was saved (shown in the status bar)."""


@dataclass
class AppContext:
    catalog: Catalog
    store: Store
    tasks: TaskRunner
    navigator: Navigator
    learner: LearnerInfo | None = field(default=None)

    @property
    def learner_id(self) -> str:
        if self.learner is None:
            raise RuntimeError("no profile is open")
        return self.learner.id

    def is_current(self, learner_id: str) -> bool:
        """True while the profile `learner_id` is open: what was read for another is dropped."""
        return self.learner is not None and self.learner.id == learner_id
