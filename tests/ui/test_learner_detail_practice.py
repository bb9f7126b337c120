"""The supervisor's learner record shows that practice was done, and what was written only
for an item that shares its answers."""

from __future__ import annotations

from tests.conftest import EVALUATION, LESSON_TWO
from tests.ui.conftest import RecordingNavigator
from trainer.services import accounts, practice
from trainer.services.catalog import open_catalog
from trainer.ui.shell.context import AppContext
from trainer.ui.shell.tasks import TaskRunner
from trainer.ui.supervisor.learner_detail import LearnerDetailDialog

SHARED_PLAN = LESSON_TWO.replace(
    "objectives: [b-steps]\n",
    "objectives: [b-steps]\npractice:\n  - id: b-plan\n    type: worksheet\n"
    "    title: Session plan\n    share: answers\n    fields:\n"
    "      - {id: topic, label: Topic}\n",
)


def test_the_practice_tab_shows_what_was_done_and_only_shared_answers(
    qtbot, store, write_course
) -> None:
    root = write_course(
        {"curriculum/evaluation.yaml": EVALUATION, "curriculum/basics/02-steps.md": SHARED_PLAN}
    )
    catalog = open_catalog(root / "curriculum", root / "quizzes")
    assert catalog.problems == ()
    ana = accounts.create_learner(store, "Ana")
    practice.save_entry(store, catalog, ana.id, "what-is-pain", "b-reflect", {"1": "My secret"})
    practice.save_entry(store, catalog, ana.id, "steps", "b-plan", {"topic": "Pacing"})
    context = AppContext(catalog, store, TaskRunner(), RecordingNavigator(), None)
    dialog = LearnerDetailDialog(context, ana.id)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.record is not None)
    table = dialog.practice
    rows = [
        [table.item(row, column).text() for column in range(table.columnCount())]
        for row in range(table.rowCount())
    ]
    assert [row[:3] for row in rows] == [
        ["Your pain story", "What pain is", "1"],
        ["Session plan", "The steps", "1"],
    ]
    assert rows[0][4] == "Private: the learner's answers stay on their computer"
    assert rows[1][4] == "Topic: Pacing"
    assert not any("My secret" in cell for row in rows for cell in row)
