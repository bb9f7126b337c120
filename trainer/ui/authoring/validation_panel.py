"""The trainer's validation panel: every problem of `trainer validate`, then its warnings,
each opening its file."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QLabel,
    QListWidget,
    QListWidgetItem,
    QStyle,
    QVBoxLayout,
    QWidget,
)

if TYPE_CHECKING:
    from trainer.content.problems import Problem
    from trainer.services.validation import ValidationReport

PROBLEM_ROLE = Qt.ItemDataRole.UserRole


def _tr(text: str) -> str:
    return QCoreApplication.translate("ValidationPanel", text)


def _counted(count: int, one: str, many: str) -> str:
    return one if count == 1 else many.replace("%1", str(count))


def summary_text(report: ValidationReport) -> str:
    """One sentence: how many problems and warnings, and what the course holds."""
    stats = report.stats
    holds = (
        _tr("%1 modules, %2 lessons, %3 questions, %4 minutes of reading")
        .replace("%1", str(stats.modules))
        .replace("%2", str(stats.lessons))
        .replace("%3", str(stats.questions))
        .replace("%4", str(stats.minutes))
    )
    if report.ok and not report.warnings:
        return _tr("No problems: %1.").replace("%1", holds)
    count = len(report.problems)
    lead = _counted(count, _tr("1 problem"), _tr("%1 problems")) if count else _tr("No problems")
    if report.warnings:
        warnings = _counted(len(report.warnings), _tr("1 warning"), _tr("%1 warnings"))
        lead = _tr("%1, %2").replace("%1", lead).replace("%2", warnings)
    return (
        _tr("%1 (%2). Activate one to open its file at the line.")
        .replace("%1", lead)
        .replace("%2", holds)
    )


class ValidationPanel(QWidget):
    """Lists problems as `file:line: message`, then warnings marked "Warning:" with an icon;
    `problem_activated(path, line)` on Enter/click."""

    problem_activated = Signal(object, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.summary = QLabel(_tr("Validate (F5) checks the saved files of the course."))
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName(_tr("Validation summary"))
        self.list = QListWidget()
        self.list.setAccessibleName(_tr("Problems"))
        self.list.setAccessibleDescription(
            _tr(
                "Every problem of the course, then its warnings;"
                " press Enter to open the file at the line"
            )
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
        """Fill the list with the report's problems then its warnings, paths relative to
        `relative_to`."""
        self.list.clear()
        for problem in report.problems:
            self._add(problem.display(relative_to), problem)
        warning_icon = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        for warning in report.warnings:
            text = _tr("Warning: %1").replace("%1", warning.display(relative_to))
            self._add(text, warning).setIcon(warning_icon)
        if self.list.count():
            self.list.setCurrentRow(0)
        self.summary.setText(summary_text(report))

    def _add(self, text: str, problem: Problem) -> QListWidgetItem:
        item = QListWidgetItem(text)
        item.setData(PROBLEM_ROLE, (str(problem.file), problem.line))
        item.setToolTip(text)
        self.list.addItem(item)
        return item

    def problem_texts(self) -> list[str]:
        return [self.list.item(row).text() for row in range(self.list.count())]

    def _activate(self, item: QListWidgetItem) -> None:
        file, line = item.data(PROBLEM_ROLE)
        self.problem_activated.emit(Path(file), int(line))
