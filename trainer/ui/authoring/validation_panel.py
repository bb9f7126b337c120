"""The trainer's validation panel: every problem of `trainer validate`, each knock-on
problem listed beneath the problem it follows from, then the warnings; each opens its file."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import QLabel, QStyle, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

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
    """Lists problems as `file:line: message`, a cause's knock-on problems indented beneath
    it, then warnings marked "Warning:" with an icon; `problem_activated(path, line)` on
    Enter/click."""

    problem_activated = Signal(object, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.summary = QLabel(
            _tr(
                "Validate (F5) checks the course as it stands in the editor, unsaved edits"
                " included; typing checks it again after a pause."
            )
        )
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName(_tr("Validation summary"))
        self.tree = QTreeWidget()
        self.tree.setHeaderHidden(True)
        self.tree.setRootIsDecorated(True)
        self.tree.setAccessibleName(_tr("Problems"))
        self.tree.setAccessibleDescription(
            _tr(
                "Every problem of the course, the problems that follow from one beneath it,"
                " then the warnings; press Enter to open the file at the line"
            )
        )
        self.tree.itemActivated.connect(lambda item, _column: self._activate(item))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.summary)
        layout.addWidget(self.tree, 1)

    def show_running(self) -> None:
        self.summary.setText(_tr("Checking the course…"))

    def show_failure(self, message: str) -> None:
        self.summary.setText(_tr("The check could not run: %1").replace("%1", message))

    def show_report(
        self, report: ValidationReport, relative_to: Path | None = None, unsaved: int = 0
    ) -> None:
        """Fill the tree with the report's problems (knock-ons beneath their cause) then its
        warnings, paths relative to `relative_to`; `unsaved` files were checked as edited."""
        self.tree.clear()
        for group in report.groups:
            cause = self._add(self.tree, group.cause.display(relative_to), group.cause)
            if group.knock_ons:
                cause.setText(
                    0,
                    _tr("%1 (%2 more follow from it)")
                    .replace("%1", cause.text(0))
                    .replace("%2", str(len(group.knock_ons))),
                )
            for knock_on in group.knock_ons:
                self._add(cause, knock_on.display(relative_to), knock_on)
        self.tree.expandAll()
        warning_icon = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        for warning in report.warnings:
            text = _tr("Warning: %1").replace("%1", warning.display(relative_to))
            self._add(self.tree, text, warning).setIcon(0, warning_icon)
        if (first := self.tree.topLevelItem(0)) is not None:
            self.tree.setCurrentItem(first)
        summary = summary_text(report)
        if unsaved:
            summary = (
                _tr("%1 (checked as edited: %2 unsaved file(s))")
                .replace("%1", summary)
                .replace("%2", str(unsaved))
            )
        self.summary.setText(summary)

    def _add(
        self, parent: QTreeWidget | QTreeWidgetItem, text: str, problem: Problem
    ) -> QTreeWidgetItem:
        item = QTreeWidgetItem(parent, [text])
        item.setData(0, PROBLEM_ROLE, (str(problem.file), problem.line))
        item.setToolTip(0, text)
        return item

    def items(self) -> list[QTreeWidgetItem]:
        """Every row, top to bottom: each cause, its knock-ons, then the warnings."""
        rows = []
        for index in range(self.tree.topLevelItemCount()):
            top = self.tree.topLevelItem(index)
            assert top is not None
            rows.append(top)
            rows += [child for n in range(top.childCount()) if (child := top.child(n))]
        return rows

    def problem_texts(self) -> list[str]:
        return [item.text(0) for item in self.items()]

    def select_row(self, row: int) -> None:
        """Make the `row`-th row (as `items` counts) current and give the tree focus."""
        self.tree.setCurrentItem(self.items()[row])
        self.tree.setFocus()

    def _activate(self, item: QTreeWidgetItem) -> None:
        file, line = item.data(0, PROBLEM_ROLE)
        self.problem_activated.emit(Path(file), int(line))
