"""Listing a folder in a file dialog must not open the files in it: opening and closing the
live database in this process would drop its locks and let another process delete the
write-ahead log, losing this app's later writes."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QFileSystemModel

from trainer.ui.shell import file_dialogs

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX locks")

COUNT = "import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); print(c.execute('select count(*) from t').fetchone()[0]); c.close()"


def _another_process_counts(database: Path) -> int:
    done = subprocess.run(
        [sys.executable, "-c", COUNT, str(database)], capture_output=True, text=True, check=True
    )
    return int(done.stdout)


def _list_folder_as_the_view_does(qtbot, dialog: QFileDialog, database: Path) -> None:
    model = dialog.findChild(QFileSystemModel)
    with qtbot.waitSignal(model.directoryLoaded, timeout=5000):
        dialog.show()
    index = model.index(str(database))
    for column in range(model.columnCount()):
        model.data(index.siblingAtColumn(column), Qt.ItemDataRole.DisplayRole)
        model.data(index.siblingAtColumn(column), Qt.ItemDataRole.DecorationRole)
    dialog.close()


def _write_after_listing(qtbot, tmp_path: Path, make_dialog) -> int:
    database = tmp_path / "progress.db"
    live = sqlite3.connect(database, isolation_level=None)
    live.execute("pragma journal_mode=wal")
    live.execute("create table t(x)")
    live.execute("insert into t values (1)")
    _list_folder_as_the_view_does(qtbot, make_dialog(str(tmp_path)), database)
    _another_process_counts(database)
    live.execute("insert into t values (2)")
    try:
        return _another_process_counts(database)
    finally:
        live.close()


def test_a_write_after_a_file_dialog_listed_the_database_folder_is_kept(qtbot, tmp_path):
    def made_by_the_app(folder: str) -> QFileDialog:
        return file_dialogs._dialog(
            None, "Import progress", folder, "All files (*)", QFileDialog.FileMode.ExistingFiles
        )

    assert _write_after_listing(qtbot, tmp_path, made_by_the_app) == 2


def test_the_stock_dialog_would_lose_it(qtbot, tmp_path):
    """The danger is real: Qt's stock dialog sniffs the file, and the second row is lost."""

    def stock(folder: str) -> QFileDialog:
        dialog = QFileDialog(None, "Import progress", folder)
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
        return dialog

    assert _write_after_listing(qtbot, tmp_path, stock) == 1
