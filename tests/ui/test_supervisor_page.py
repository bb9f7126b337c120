"""The supervisor's screen: the completion grid, its filters, export, detail and verification."""

from __future__ import annotations

import csv
import re
import sys
import types
from datetime import date, timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QDateEdit,
    QLineEdit,
    QMessageBox,
    QTableView,
    QWidget,
)

from tests.services.helpers import read_module, take_quiz
from tests.ui.conftest import RecordingNavigator
from trainer.services import accounts, certificates
from trainer.services.evaluation import submit_evaluation
from trainer.ui.shell import file_dialogs
from trainer.ui.shell.context import AppContext
from trainer.ui.shell.tasks import EVERYTHING, TaskRunner
from trainer.ui.supervisor.supervisor_page import DUE_KEY, SupervisorPage

TODAY = date.today()


@pytest.fixture
def people(store, course) -> dict[str, str]:
    """Four learners: one finished, one reading, one who failed the quiz, one not started."""
    add = accounts.create_learner
    ana = add(store, "Ana Ruiz", credential="LADC-1", organisation="North")
    ben = add(store, "Ben Cho", credential="CADC-2", organisation="South")
    cara = add(store, "Cara Diaz", credential="LPC-3", organisation="North")
    dan = add(store, "Dan Eto", credential="CADC-4", organisation="South")
    take_quiz(store, course, ana.id, "pretest")
    read_module(store, course, ana.id, "basics", seconds=1200)
    take_quiz(store, course, ana.id, "basics-quiz")
    take_quiz(store, course, ana.id, "posttest")
    submit_evaluation(store, course, ana.id, {"relevance": 5, "recommend": True})
    take_quiz(store, course, ben.id, "pretest")
    read_module(store, course, ben.id, "basics", seconds=300)
    take_quiz(store, course, dan.id, "pretest")
    read_module(store, course, dan.id, "basics", seconds=300)
    take_quiz(store, course, dan.id, "basics-quiz", right=False)
    take_quiz(store, course, dan.id, "basics-quiz", right=False)
    return {"ana": ana.id, "ben": ben.id, "cara": cara.id, "dan": dan.id}


@pytest.fixture
def page(qtbot, store, course, people):
    sam = accounts.create_learner(
        store, "Sam Supervisor", role="supervisor", password="s3cret-pass"
    )
    runner = TaskRunner()
    context = AppContext(course, store, runner, RecordingNavigator(), sam)
    widget = SupervisorPage(context)
    qtbot.addWidget(widget)
    widget.resize(1200, 700)
    widget.show()
    with qtbot.waitSignal(widget.loaded):
        widget.refresh()
    yield widget
    runner.wait()


def shown(page: SupervisorPage, column: int = 0) -> list[str]:
    proxy = page.proxy
    return [proxy.index(row, column).data() for row in range(proxy.rowCount())]


def choose(combo: QComboBox, data) -> None:
    combo.setCurrentIndex(combo.findData(data))


def test_one_row_per_learner_with_status_score_and_date_per_module(page) -> None:
    assert shown(page) == ["Ana Ruiz", "Ben Cho", "Cara Diaz", "Dan Eto"]
    module = 6  # learner, credential, organisation, course, modules done, time; modules
    cells = dict(zip(shown(page), shown(page, module), strict=True))
    assert cells["Ana Ruiz"] == f"Complete · best 100% · {TODAY.isoformat()}"
    assert cells["Ben Cho"] == "In progress: 2 of 2 lessons read"
    assert cells["Cara Diaz"] == "Not started"
    assert cells["Dan Eto"] == "Not passed; no attempts left · best 0%"
    assert page.model.headers()[3:] == [
        "Course complete",
        "Modules done",
        "Total time",
        "1. Basics",
    ]
    course = dict(zip(shown(page), shown(page, 3), strict=True))
    assert course["Ana Ruiz"] == f"Complete · {TODAY.isoformat()}"
    assert course["Ben Cho"] == "Not complete"
    assert shown(page, 4) == ["1 of 1", "0 of 1", "0 of 1", "0 of 1"]
    assert page.busy.isHidden()


def test_filters_change_the_rows_shown(page) -> None:
    choose(page.organisation, "North")
    assert shown(page) == ["Ana Ruiz", "Cara Diaz"]
    choose(page.organisation, None)
    choose(page.status, "complete")
    assert shown(page) == ["Ana Ruiz"]
    choose(page.status, "in_progress")
    assert shown(page) == ["Ben Cho", "Dan Eto"]
    choose(page.status, "not_started")
    assert shown(page) == ["Cara Diaz"]
    choose(page.status, "any")
    page.search.setText("cadc")  # credentials too, whatever the case
    assert shown(page) == ["Ben Cho", "Dan Eto"]
    page.search.setText("dan")
    assert shown(page) == ["Dan Eto"]
    page.search.clear()
    page.date_filter.setChecked(True)
    page.date_from.setDate(QDate.currentDate().addDays(-1))
    page.date_to.setDate(QDate.currentDate().addDays(1))
    assert shown(page) == ["Ana Ruiz"]
    page.date_to.setDate(QDate.currentDate().addDays(-1))
    assert shown(page) == []
    page.date_filter.setChecked(False)
    assert len(shown(page)) == 4


def test_typing_a_search_filters_once_the_typist_pauses(page, qtbot, monkeypatch) -> None:
    searches: list[str] = []
    set_filters = page.proxy.set_filters

    def counted(**filters) -> None:
        searches.append(filters["search"])
        set_filters(**filters)

    monkeypatch.setattr(page.proxy, "set_filters", counted)
    qtbot.keyClicks(page.search, "cadc")
    assert searches == [] and len(shown(page)) == 4  # nothing filtered while typing
    qtbot.waitUntil(lambda: shown(page) == ["Ben Cho", "Dan Eto"])
    assert searches == ["cadc"]  # once, with the whole word
    qtbot.keyClick(page.search, "a", Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(page.search, Qt.Key.Key_Backspace)
    qtbot.waitUntil(lambda: len(shown(page)) == 4)
    assert searches == ["cadc", ""]


def test_clicking_a_header_sorts(page, qtbot) -> None:
    header = page.table.horizontalHeader()
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=_section_centre(header, 6))
    assert header.sortIndicatorSection() == 6
    clicked = shown(page)
    by_progress = ["Cara Diaz", "Dan Eto", "Ben Cho", "Ana Ruiz"]  # not started, failed, ...
    assert clicked in (by_progress, by_progress[::-1])
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=_section_centre(header, 6))
    assert shown(page) == clicked[::-1]  # a second click reverses
    page.table.sortByColumn(5, Qt.SortOrder.AscendingOrder)  # total time
    assert shown(page)[0] == "Cara Diaz" and shown(page)[-1] == "Ana Ruiz"
    page.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
    assert shown(page) == ["Dan Eto", "Cara Diaz", "Ben Cho", "Ana Ruiz"]
    choose(page.organisation, "South")  # filtering keeps the order
    assert shown(page) == ["Dan Eto", "Ben Cho"]


def _section_centre(header, section: int):
    from PySide6.QtCore import QPoint

    left = header.sectionViewportPosition(section)
    return QPoint(left + header.sectionSize(section) // 2, header.height() // 2)


def test_learners_not_complete_by_the_due_date_are_overdue_in_words_and_colour(
    page, qtbot, store, course
) -> None:
    assert page.model.due is None and "Overdue" not in " ".join(shown(page, 3))
    page.due_date.setDate(QDate.currentDate().addDays(-3))
    page.due_check.setChecked(True)
    course_column = dict(zip(shown(page), shown(page, 3), strict=True))
    due = (TODAY - timedelta(days=3)).isoformat()
    assert course_column["Cara Diaz"] == f"Overdue (due {due})"
    assert course_column["Ana Ruiz"].startswith("Complete")
    background = {
        name: page.proxy.index(row, 0).data(Qt.ItemDataRole.BackgroundRole)
        for row, name in enumerate(shown(page))
    }
    assert background["Ana Ruiz"] is None and background["Ben Cho"] is not None
    choose(page.status, "overdue")
    assert shown(page) == ["Ben Cho", "Cara Diaz", "Dan Eto"]
    assert "Overdue: 3." in page.totals.text()

    again = SupervisorPage(page.context)  # the due date is remembered
    qtbot.addWidget(again)
    assert again.due_check.isChecked() and again.model.due.isoformat() == due
    page.due_date.setDate(QDate.currentDate().addDays(3))  # not due yet: nobody overdue
    assert shown(page) == []
    page.due_check.setChecked(False)
    assert again.context.store is store and not page.model.due


def test_totals_count_completions_among_the_rows_shown(page) -> None:
    assert "4 of 4 learners shown" in page.totals.text()
    assert "1. 1 complete" in page.totals.text()
    choose(page.organisation, "South")
    assert "2 of 4 learners shown" in page.totals.text()
    assert "1. 0 complete" in page.totals.text()
    assert "Course complete: 0." in page.totals.text()


def save_as(monkeypatch, path: Path) -> list[str]:
    suggested: list[str] = []

    def fake(parent, caption, directory, pattern):
        suggested.append(directory)
        return str(path)

    monkeypatch.setattr(file_dialogs, "save_file_name", fake)
    return suggested


def test_csv_export_holds_exactly_the_filtered_sorted_rows_with_totals_beside(
    page, monkeypatch, tmp_path
) -> None:
    page.search.setText("N")  # Ana Ruiz, Ben Cho, Dan Eto; not Cara Diaz (LPC-3)
    page.table.sortByColumn(5, Qt.SortOrder.DescendingOrder)
    suggested = save_as(monkeypatch, tmp_path / "out.csv")

    assert page.export_csv() == tmp_path / "out.csv"

    name = Path(suggested[0]).name  # who exported it, and when
    assert re.fullmatch(r"completion-\d{4}-\d{2}-\d{2}-\d{4}-sam-supervisor\.csv", name)
    assert (tmp_path / "out.csv").read_bytes().startswith(b"\xef\xbb\xbfLearner,")  # for Excel
    lines = list(csv.reader((tmp_path / "out.csv").open(encoding="utf-8-sig")))
    header, *rows = lines  # the header first, as spreadsheets and pandas read it
    assert header == [
        "Learner", "Credential", "Organisation", "Course complete", "Course completed on",
        "Modules done", "Total time (minutes)", "1. Basics: status", "1. Basics: best %",
        "1. Basics: completed on",
    ]  # fmt: skip
    assert [r[0] for r in rows] == shown(page) == ["Ana Ruiz", "Ben Cho", "Dan Eto"]
    ana = dict(zip(header, rows[0], strict=True))
    assert float(ana["1. Basics: best %"]) == 100
    assert int(ana["Total time (minutes)"]) == 40  # 2 lessons x 20 min (the quizzes take no time)
    assert ana["Course complete"] == "Yes" and ana["Course completed on"] == TODAY.isoformat()
    assert rows[2][7:9] == ["Not passed; no attempts left", "0"]
    assert rows[1][8] == ""  # no score yet: empty, not 0
    assert len(rows) == 3  # no totals row: they are in the summary beside the file
    summary = (tmp_path / "out.txt").read_text(encoding="utf-8-sig")
    assert "Completion grid: out.csv" in summary and "Course: Demo course (version 1" in summary
    assert f"Exported {TODAY.isoformat()}" in summary and "by Sam Supervisor" in summary
    assert "Shown: All organisations, Any status, matching “N”" in summary
    assert "Totals of the 3 learners in the file:" in summary
    assert "  Course complete: 1" in summary and "    1. Basics: 1" in summary
    assert "  Total time (minutes): 60" in summary and sum(int(r[6]) for r in rows) == 60
    assert (
        "saved",
        f"Completion grid exported to {tmp_path / 'out.csv'}; who, when, the filters and the"
        " totals are in out.txt",
    ) in page.context.navigator.calls


def test_cancelled_export_writes_nothing(page, monkeypatch, tmp_path) -> None:
    monkeypatch.setattr(file_dialogs, "save_file_name", lambda *a: "")
    assert page.export_csv() is None and page.export_pdf() is None
    assert list(tmp_path.glob("*.csv")) == []


def test_pdf_export_prints_the_rows_shown(page, monkeypatch, tmp_path) -> None:
    choose(page.organisation, "North")
    suggested = save_as(monkeypatch, tmp_path / "report.pdf")

    page.export_pdf()

    name = Path(suggested[0]).name
    assert re.fullmatch(r"completion-\d{4}-\d{2}-\d{2}-\d{4}-sam-supervisor\.pdf", name)
    reader = PdfReader(str(tmp_path / "report.pdf"))
    text = " ".join(p.extract_text() for p in reader.pages)
    flat = " ".join(text.split())
    assert "Completion report" in flat and "Sam Supervisor" in flat
    assert "Ana Ruiz" in flat and "Cara Diaz" in flat
    assert "Ben Cho" not in flat and "Dan Eto" not in flat
    assert "Totals (2 learners)" in flat and "North" in flat
    box = reader.pages[0].mediabox
    assert box.width > box.height  # landscape


def test_enter_on_a_row_opens_the_learner_record_with_every_answer(page, qtbot) -> None:
    page.table.setFocus()
    dan = shown(page).index("Dan Eto")
    page.table.setCurrentIndex(page.proxy.index(dan, 0))
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.detail is not None)
    dialog = page.detail
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.record is not None)
    assert dialog.windowTitle() == "Learner record: Dan Eto"
    tree = dialog.attempts
    titles = [tree.topLevelItem(n).text(0) for n in range(tree.topLevelItemCount())]
    assert titles == ["Basics quiz", "Basics quiz", "pretest"]  # newest first
    failed = tree.topLevelItem(0)
    assert (failed.text(2), failed.text(3)) == ("0 of 2 right (0%)", "Not passed")
    answers = {failed.child(n).text(0): failed.child(n) for n in range(failed.childCount())}
    assert answers["What is pain?"].text(2) == "A nerve signal"
    assert answers["What is pain?"].text(3) == "Wrong"
    assert answers["Put the steps in order."].text(2).startswith("Perception → Modulation")
    assert dialog.lessons.rowCount() == 2
    assert "Course not complete: 0 of 1 modules done." in dialog.summary.text()
    assert "No certificate issued." in dialog.summary.text()
    assert "not submitted" in dialog.evaluation_note.text()
    dialog.close()


def test_the_details_button_shows_the_record_with_evaluation_answers(page, qtbot) -> None:
    page.table.setCurrentIndex(page.proxy.index(0, 2))  # Ana Ruiz
    qtbot.mouseClick(page.detail_button, Qt.MouseButton.LeftButton)
    dialog = page.detail
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.record is not None)
    assert dialog.evaluation.rowCount() == 2
    assert dialog.evaluation.item(1, 1).text() == "Yes"
    assert "Course complete on" in dialog.summary.text()


def test_certificate_verification_both_ways(page, qtbot, store, course, people) -> None:
    issued = certificates.issue_certificate(store, course, people["ana"])
    page.code.setText(issued.code.lower())
    qtbot.mouseClick(page.verify_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(  # looked up in the background
        lambda: (
            page.verdict.text()
            == (
                f"Valid: Ana Ruiz (LADC-1) completed “Demo course”, version 1.0.0, on"
                f" {issued.completed_at.date().isoformat()}; 1 CE hours."
            )
        )
    )
    page.code.setText("ABCD-EFGH-JKMN")
    qtbot.keyClick(page.code, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.verdict.text() == "No certificate with this code was issued here.")


def test_import_bundles_uses_the_bundle_dialog_then_refreshes(page, qtbot, monkeypatch) -> None:
    calls = []

    def import_progress_dialog(parent, context) -> None:  # a write, as the real one makes
        calls.append((parent, context))
        context.tasks.write(lambda: None, lambda _none: None, what="import", changes=EVERYTHING)

    fake = types.ModuleType("trainer.ui.shell.bundle_actions")
    fake.import_progress_dialog = import_progress_dialog
    monkeypatch.setitem(sys.modules, "trainer.ui.shell.bundle_actions", fake)
    with qtbot.waitSignal(page.loaded):
        qtbot.mouseClick(page.import_button, Qt.MouseButton.LeftButton)
    assert calls == [(page, page.context)]


def test_import_bundles_explains_when_the_feature_is_missing(page, monkeypatch) -> None:
    monkeypatch.setitem(sys.modules, "trainer.ui.shell.bundle_actions", None)  # import fails
    shown_messages = []
    monkeypatch.setattr(
        QMessageBox, "information", staticmethod(lambda *a: shown_messages.append(a[2]))
    )
    page.import_bundles()
    assert shown_messages == ["Importing progress bundles is not available in this version."]


def test_every_control_has_an_accessible_name(page) -> None:
    kinds = (QAbstractButton, QComboBox, QLineEdit, QDateEdit, QTableView)
    unnamed = [
        w.objectName() or type(w).__name__ + ":" + getattr(w, "text", lambda: "")()
        for w in page.findChildren(QWidget)
        if isinstance(w, kinds) and not w.accessibleName() and w.isVisibleTo(page) and w.parent() is not None
        and not isinstance(w.parent(), QDateEdit | QComboBox | QLineEdit)
        and w.focusPolicy() != Qt.FocusPolicy.NoFocus
    ]  # fmt: skip
    assert unnamed == []


def test_a_damaged_due_date_setting_means_no_due_date(page, qtbot) -> None:
    from PySide6.QtCore import QSettings

    QSettings().setValue(DUE_KEY, "not a date")
    again = SupervisorPage(page.context)
    qtbot.addWidget(again)
    assert not again.due_check.isChecked() and again.model.due is None


def test_the_due_date_setting_is_stored(page) -> None:
    from PySide6.QtCore import QSettings

    page.due_date.setDate(QDate(2030, 1, 31))
    page.due_check.setChecked(True)
    assert QSettings().value(DUE_KEY) == "2030-01-31"
    page.due_check.setChecked(False)
    assert QSettings().value(DUE_KEY) == ""


def test_reset_password_of_another_trainer_asks_twice_and_says_what_happened(
    page, qtbot, store, monkeypatch
) -> None:
    from trainer.services.errors import ServiceError
    from trainer.ui.supervisor.reset_password import ResetPasswordDialog

    tia = accounts.create_learner(store, "Tia Trainer", role="trainer", password="old-password")
    seen: dict[str, object] = {}

    def type_twice(dialog: ResetPasswordDialog) -> int:
        seen["profiles"] = [dialog.profile.itemText(i) for i in range(dialog.profile.count())]
        qtbot.keyClicks(dialog.password, "new-password")
        qtbot.keyClicks(dialog.again, "new-passwork")
        dialog.set_button.click()
        seen["differ"] = dialog.message.text()
        dialog.password.setText("short")
        dialog.again.setText("short")
        dialog.set_button.click()
        seen["short"] = dialog.message.text()
        dialog.password.setText("new-password")
        dialog.again.setText("new-password")
        dialog.set_button.click()
        qtbot.waitUntil(lambda: dialog.result() == 1)
        return 1

    monkeypatch.setattr(ResetPasswordDialog, "exec", type_twice)
    page.password_button.click()
    qtbot.waitUntil(lambda: page.password_message.text() != "")
    assert seen["profiles"] == ["Tia Trainer (trainer)"]  # not the supervisor's own
    assert seen["differ"] == "The two passwords differ: type the new password twice."
    assert seen["short"] == "The password needs at least 8 characters; this one has 5."
    assert page.password_message.text() == (
        "Tia Trainer's password is set: they open their profile with it now."
    )
    assert accounts.authenticate(store, tia.id, "new-password").id == tia.id
    with pytest.raises(ServiceError):
        accounts.authenticate(store, tia.id, "old-password")


def test_reset_password_says_when_there_is_nobody_else(page, qtbot) -> None:
    page.password_button.click()
    qtbot.waitUntil(lambda: page.password_message.text() != "")
    assert page.password_message.text() == (
        "There is no other trainer or supervisor profile on this computer."
    )
