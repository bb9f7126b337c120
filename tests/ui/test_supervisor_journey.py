"""A supervisor collects an offline laptop's progress and exports the grid, in the real window."""

from __future__ import annotations

import csv
from pathlib import Path

from PySide6.QtWidgets import QMessageBox

from tests.services.helpers import read_module, take_quiz
from tests.ui.test_app_window import open_app
from trainer.services import accounts, bundles, org_key
from trainer.services.catalog import open_catalog
from trainer.store.db import open_store


def test_supervisor_imports_a_bundle_then_exports_the_grid(
    qtbot, demo_root: Path, tmp_path: Path, monkeypatch
) -> None:
    key = org_key.create_key_file(tmp_path / "north.key", "North Clinic")
    catalog = open_catalog(demo_root / "curriculum", demo_root / "quizzes")

    # an offline laptop: a counselor works through the module, then exports a bundle
    laptop = open_store(str(tmp_path / "laptop.sqlite3"))
    org_key.install_key(laptop, key)
    ana = accounts.create_learner(laptop, "Ana Ruiz", credential="LADC-1", organisation="North")
    take_quiz(laptop, catalog, ana.id, "pretest")
    read_module(laptop, catalog, ana.id, "basics")
    take_quiz(laptop, catalog, ana.id, "basics-quiz")
    bundle = tmp_path / "ana.bundle"
    bundles.export_progress(laptop, catalog, bundle)
    laptop.close()

    # the supervisor's machine
    office = open_store(str(demo_root / "progress.sqlite3"))
    org_key.install_key(office, key)
    accounts.create_learner(office, "Sam", role="supervisor", password="correct horse")
    office.close()
    window = open_app(qtbot, demo_root)
    start = window.pages["start"]
    start.ask_password = lambda parent, name: "correct horse"
    start.open_selected()
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.pages.get("supervisor"))
    supervisor = window.pages["supervisor"]

    messages: list[str] = []
    monkeypatch.setattr(
        "trainer.ui.shell.file_dialogs.open_file_names",
        lambda *a: [str(bundle)],
    )
    monkeypatch.setattr(
        QMessageBox, "information", staticmethod(lambda parent, title, text: messages.append(text))
    )
    window.import_action.trigger()
    qtbot.waitUntil(lambda: bool(messages))
    assert "Ana Ruiz" in messages[0]
    qtbot.waitUntil(lambda: supervisor.model.rowCount() == 1)

    target = tmp_path / "grid.csv"
    monkeypatch.setattr(
        "trainer.ui.shell.file_dialogs.save_file_name",
        lambda *a: str(target),
    )
    assert supervisor.export_csv() == target
    header, *rows = list(csv.reader(target.open(encoding="utf-8-sig")))
    assert header[0] == "Learner" and [row[0] for row in rows] == ["Ana Ruiz"]
    assert rows[0][2] == "North" and "by Sam" in target.with_suffix(".txt").read_text("utf-8-sig")

    # importing the same bundle again changes nothing
    messages.clear()
    window.import_action.trigger()
    qtbot.waitUntil(lambda: bool(messages))
    assert supervisor.model.rowCount() == 1
