"""The supervisor's printed completion report: each column as wide as its longest word."""

from __future__ import annotations

from pathlib import Path

from pypdf import PdfReader
from PySide6.QtWidgets import QWidget

from tests.ui.conftest import RecordingNavigator
from trainer.paths import SHIPPED_COURSE, SHIPPED_QUIZZES
from trainer.services import accounts
from trainer.services.catalog import open_catalog
from trainer.services.demo import fill_demo
from trainer.services.learner_grid import learner_grid
from trainer.store.db import open_store
from trainer.ui.shell.context import AppContext
from trainer.ui.shell.tasks import TaskRunner
from trainer.ui.supervisor import supervisor_export
from trainer.ui.supervisor.completion_model import CompletionModel


def test_licence_numbers_dates_and_words_are_printed_whole(qtbot, tmp_path: Path) -> None:
    """The shipped course's seven modules leave narrow columns: equal widths used to split
    "CADC-32097" into "CADC-3209" and "7", and "Organisation" into "Organisati" "on"."""
    catalog = open_catalog(SHIPPED_COURSE, SHIPPED_QUIZZES)
    store = open_store(str(tmp_path / "demo.sqlite3"))
    fill_demo(store, catalog, 12, 1)
    accounts.create_learner(
        store, "Ana Ruiz", credential="LADC-10234", organisation="Bluestem Community Health"
    )
    sam = accounts.create_learner(store, "Sam Lee", role="supervisor", password="long enough")
    rows = learner_grid(store, catalog)
    model = CompletionModel([module.title for module in catalog.course.modules])
    model.set_rows(rows)
    runner = TaskRunner()
    context = AppContext(catalog, store, runner, RecordingNavigator(), sam)
    parent = QWidget()
    qtbot.addWidget(parent)
    target = tmp_path / "report.pdf"

    assert supervisor_export.export_pdf(parent, context, model, rows, "all", target) == target

    pages = PdfReader(str(target)).pages
    words = set(" ".join(page.extract_text() for page in pages).split())
    assert "LADC-10234" in words
    assert {row.credential for row in rows} <= words
    assert {"Learner", "Credential", "Organisation", "Community", "Orientation:"} <= words
    assert {row.completed_on for row in rows if row.completed_on} <= words
    assert pages[0].mediabox.width > pages[0].mediabox.height
    runner.wait()
    store.close()
