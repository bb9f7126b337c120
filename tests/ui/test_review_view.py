"""The supervisor's booster reviews: who reviewed what, the retention estimate, confident
errors on safety items, the filter, export, and the learner record's reviews tab."""

from __future__ import annotations

import csv
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QLineEdit, QTableView, QWidget

from tests.services.helpers import passed_the_course
from tests.services.test_reviews import (
    booster_course_files,
    completed_on,
    day_after,
    open_booster_catalog,
)
from tests.ui.conftest import RecordingNavigator
from trainer.services import accounts
from trainer.services.reviews import record_review
from trainer.ui.shell import file_dialogs
from trainer.ui.shell.context import AppContext
from trainer.ui.shell.tasks import TaskRunner
from trainer.ui.supervisor.learner_detail import LearnerDetailDialog
from trainer.ui.supervisor.review_view import ReviewView
from trainer.ui.supervisor.supervisor_page import SupervisorPage

QUIZ = "basics-boosters"


@pytest.fixture
def course(write_course):
    return open_booster_catalog(write_course(booster_course_files(safety=frozenset({"b-steps-1"}))))


@pytest.fixture
def learners(store, course) -> dict[str, str]:
    """Ana: a confident error on the safety item b-steps-1 and a right answer; Ben: two
    right answers."""
    ana = passed_the_course(store, course, "Ana Ruiz")
    ben = passed_the_course(store, course, "Ben Cho")
    day = day_after(completed_on(store, course, ana))
    record_review(store, course, ana, QUIZ, "b-define-1", "a", "sure", day)
    record_review(store, course, ana, QUIZ, "b-steps-1", "b", "sure", day + timedelta(minutes=1))
    later = day + timedelta(hours=2)  # the overview lists the first reviewer first
    record_review(store, course, ben, QUIZ, "b-define-1", "a", "fairly_sure", later)
    record_review(store, course, ben, QUIZ, "b-define-2", "a", "sure", later + timedelta(minutes=1))
    return {"ana": ana, "ben": ben}


@pytest.fixture
def context(store, course, learners):
    sam = accounts.create_learner(
        store, "Sam Supervisor", role="supervisor", password="s3cret-pass"
    )
    runner = TaskRunner()
    yield AppContext(course, store, runner, RecordingNavigator(), sam)
    runner.wait()


@pytest.fixture
def view(qtbot, context) -> ReviewView:
    widget = ReviewView(context)
    qtbot.addWidget(widget)
    widget.resize(1000, 700)
    with qtbot.waitSignal(widget.loaded):
        widget.show()  # the first showing reads the reviews
    return widget


def shown(view: ReviewView) -> list[list[str]]:
    proxy = view.proxy
    return [
        [proxy.index(row, column).data() for column in range(proxy.columnCount())]
        for row in range(proxy.rowCount())
    ]


def test_each_learner_has_a_row_per_objective_reviewed(view: ReviewView) -> None:
    rows = shown(view)
    assert [row[:3] for row in rows] == [
        ["Ana Ruiz", "Define pain.", "1"],
        ["Ana Ruiz", "Order the steps of nociception.", "1"],
        ["Ben Cho", "Define pain.", "2"],
    ]
    assert all(row[3].endswith(" %") for row in rows)  # a number in words, not a colour
    assert [row[4] for row in rows] == ["0", "1", "0"]


def test_the_safety_error_says_which_item_and_when(view: ReviewView) -> None:
    index = view.proxy.index(1, 4)
    tooltip = index.data(Qt.ItemDataRole.ToolTipRole)
    assert "Booster 1 on b-steps?" in tooltip and "sure" in tooltip
    assert view.proxy.index(0, 4).data(Qt.ItemDataRole.ToolTipRole).startswith("No safety item")
    view.table.setCurrentIndex(view.proxy.index(1, 0))  # by keyboard: the arrow keys
    assert view.details.text() == tooltip


def test_the_filter_narrows_the_rows(view: ReviewView, qtbot) -> None:
    view.search.setText("ben")
    assert [row[0] for row in shown(view)] == ["Ben Cho"]
    view.search.setText("b-steps")
    assert [row[:2] for row in shown(view)] == [["Ana Ruiz", "Order the steps of nociception."]]
    assert view.shown.text() == "Rows shown: 1 of 3. Learners shown: 1."
    view.search.clear()
    assert len(shown(view)) == 3
    qtbot.keyClicks(view.search, "cho")  # typed: filtered when the typist pauses
    qtbot.waitUntil(lambda: [row[0] for row in shown(view)] == ["Ben Cho"])


def test_sorting_by_safety_errors_puts_them_first(view: ReviewView) -> None:
    view.table.sortByColumn(4, Qt.SortOrder.DescendingOrder)
    assert shown(view)[0][:2] == ["Ana Ruiz", "Order the steps of nociception."]


def test_the_90_day_report_says_when_there_are_not_enough_answers(view: ReviewView) -> None:
    table = view.retention
    cells = [[table.item(r, c).text() for c in range(4)] for r in range(table.rowCount())]
    assert [row[0] for row in cells] == ["Define pain.", "Order the steps of nociception."]
    assert all(row[2] == "no answers yet" for row in cells)  # reviews of day 1 only


def test_export_writes_the_rows_shown(view: ReviewView, monkeypatch, tmp_path: Path) -> None:
    target = tmp_path / "reviews.csv"
    monkeypatch.setattr(file_dialogs, "save_file_name", lambda *args: str(target))
    view.search.setText("ana")
    assert view.export_csv() == target
    with target.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0][:6] == [
        "Learner", "Objective", "Objective text", "Reviews done", "Estimated retention %",
        "Confident errors on safety items",
    ]  # fmt: skip
    assert [row[:4] for row in rows[1:]] == [
        ["Ana Ruiz", "b-define", "Define pain.", "1"],
        ["Ana Ruiz", "b-steps", "Order the steps of nociception.", "1"],
    ]
    assert rows[2][5] == "1" and "Booster 1 on b-steps?" in rows[2][6]
    assert view.context.navigator.calls[-1][0] == "saved"


def test_export_pdf_and_the_90_day_csv(view: ReviewView, monkeypatch, tmp_path: Path) -> None:
    from pypdf import PdfReader

    targets = iter([tmp_path / "reviews.pdf", tmp_path / "ninety.csv"])
    monkeypatch.setattr(file_dialogs, "save_file_name", lambda *args: str(next(targets)))
    assert view.export_pdf() == tmp_path / "reviews.pdf"
    pages = PdfReader(tmp_path / "reviews.pdf").pages
    text = " ".join(" ".join(page.extract_text().split()) for page in pages)
    assert "Booster reviews" in text and "Ana Ruiz" in text and "Retention at 90 days" in text
    assert view.export_report_csv() == tmp_path / "ninety.csv"
    lines = (tmp_path / "ninety.csv").read_text(encoding="utf-8-sig").splitlines()
    assert lines[0].startswith("Objective,Objective text,Answers 80-100 days after completion")
    assert len(lines) == 3 and lines[1].endswith("not enough answers yet")


def test_a_cancelled_export_writes_nothing(view: ReviewView, monkeypatch, tmp_path) -> None:
    monkeypatch.setattr(file_dialogs, "save_file_name", lambda *args: "")
    assert view.export_csv() is None and view.export_pdf() is None
    assert list(tmp_path.glob("*.csv")) == []


def test_the_supervisor_page_has_a_reviews_tab(qtbot, context) -> None:
    page = SupervisorPage(context)
    qtbot.addWidget(page)
    page.show()
    assert page.reviews is not None
    assert [page.tabs.tabText(n) for n in range(page.tabs.count())] == [
        "Co&mpletion", "&Booster reviews",
    ]  # fmt: skip
    with qtbot.waitSignal(page.reviews.loaded):
        page.tabs.setCurrentWidget(page.reviews)
    assert len(shown(page.reviews)) == 3
    page.context.tasks.wait()


def test_the_learner_record_shows_their_reviews(qtbot, context, learners) -> None:
    dialog = LearnerDetailDialog(context, learners["ana"])
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.reviews_loaded):
        dialog.show()
    table = dialog.reviews
    cells = [[table.item(r, c).text() for c in range(4)] for r in range(table.rowCount())]
    assert [row[:2] for row in cells] == [
        ["Define pain.", "1"],
        ["Order the steps of nociception.", "1"],
    ]
    assert cells[1][3].endswith("Booster 1 on b-steps?") and cells[0][3] == "0"
    assert dialog.reviews_note.text() == (
        "Objectives reviewed: 2 of 2. Confident errors on safety items: 1."
    )
    tabs = [dialog.tabs.tabText(n) for n in range(dialog.tabs.count())]
    assert tabs[-1] == "Booster &reviews"


def test_every_control_of_the_reviews_tab_has_an_accessible_name(qtbot, context) -> None:
    page = SupervisorPage(context)
    qtbot.addWidget(page)
    page.show()
    assert page.reviews is not None
    with qtbot.waitSignal(page.reviews.loaded):
        page.tabs.setCurrentWidget(page.reviews)
    kinds = (QAbstractButton, QLineEdit, QTableView)
    unnamed = [
        type(w).__name__ + ":" + getattr(w, "text", lambda: "")()
        for w in page.reviews.findChildren(QWidget)
        if isinstance(w, kinds) and not w.accessibleName() and w.isVisibleTo(page)
        and not isinstance(w.parent(), QLineEdit)
        and w.focusPolicy() != Qt.FocusPolicy.NoFocus
    ]  # fmt: skip
    assert unnamed == []
    page.context.tasks.wait()
