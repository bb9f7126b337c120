"""The trainer's validation panel: every problem of `trainer validate`, each opening its file."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

if TYPE_CHECKING:
    from trainer.services.validation import ValidationReport

PROBLEM_ROLE = Qt.ItemDataRole.UserRole


def _tr(text: str) -> str:
    return QCoreApplication.translate("ValidationPanel", text)


def summary_text(report: ValidationReport) -> str:
    """One sentence: how many problems, and what the course holds."""
    stats = report.stats
    holds = (
        _tr("%1 modules, %2 lessons, %3 questions, %4 minutes of reading")
        .replace("%1", str(stats.modules))
        .replace("%2", str(stats.lessons))
        .replace("%3", str(stats.questions))
        .replace("%4", str(stats.minutes))
    )
    if report.ok:
        return _tr("No problems: %1.").replace("%1", holds)
    count = len(report.problems)
    lead = _tr("1 problem") if count == 1 else _tr("%1 problems").replace("%1", str(count))
    return (
        _tr("%1 (%2). Activate one to open its file at the line.")
        .replace("%1", lead)
        .replace("%2", holds)
    )


class ValidationPanel(QWidget):
    """Lists problems as `file:line: message`; `problem_activated(path, line)` on Enter/click."""

    problem_activated = Signal(object, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.summary = QLabel(_tr("Validate (F5) checks the saved files of the course."))
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName(_tr("Validation summary"))
        self.list = QListWidget()
        self.list.setAccessibleName(_tr("Problems"))
        self.list.setAccessibleDescription(
            _tr("Every problem of the course; press Enter to open the file at the line")
        )
        self.list.itemActivated.connect(self._activate)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.summary)
        layout.addWidget(self.list, 1)

    def show_running(self) -> None:
        self.summary.setText(_tr("Checking the course…"))

    def show_failure(self, message: str) -> None:
        self.summary.setText(_tr("The check could not run: %1").replace("%1", message))

    def show_report(self, report: ValidationReport, relative_to: Path | None = None) -> None:
        """Fill the list with the report's problems, paths relative to `relative_to`."""
        self.list.clear()
        for problem in report.problems:
            item = QListWidgetItem(problem.display(relative_to))
            item.setData(PROBLEM_ROLE, (str(problem.file), problem.line))
            item.setToolTip(item.text())
            self.list.addItem(item)
        if self.list.count():
            self.list.setCurrentRow(0)
        self.summary.setText(summary_text(report))

    def problem_texts(self) -> list[str]:
        return [self.list.item(row).text() for row in range(self.list.count())]

    def _activate(self, item: QListWidgetItem) -> None:
        file, line = item.data(PROBLEM_ROLE)
        self.problem_activated.emit(Path(file), int(line))
