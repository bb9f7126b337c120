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
from PySide6.QtCore import QDate, QPoint, Qt
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
    module = 7  # learner, credential, organisation, course, modules done, time, pre-test
    assert page.model.module_column(0) == module
    cells = dict(zip(shown(page), shown(page, module), strict=True))
    assert cells["Ana Ruiz"] == f"Complete · best 100% · {TODAY.isoformat()}"
    assert cells["Ben Cho"] == "In progress: 2 of 2 lessons read"
    assert cells["Cara Diaz"] == "Not started"
    assert cells["Dan Eto"] == "Not passed; no attempts left · best 0%"
    assert page.model.headers()[3:] == [
        "Course complete",
        "Modules done",
        "Total time",
        "Pre-test",
        "1. Basics",
        "Post-test",
        "Course evaluation",
    ]
    course = dict(zip(shown(page), shown(page, 3), strict=True))
    assert course["Ana Ruiz"] == f"Complete · {TODAY.isoformat()}"
    assert course["Ben Cho"] == "Not complete"
    assert shown(page, 4) == ["1 of 1", "0 of 1", "0 of 1", "0 of 1"]
    assert page.busy.isHidden()


def test_status_cells_carry_a_coloured_mark_beside_their_words(page) -> None:
    from PySide6.QtGui import QColor, QIcon

    from trainer.ui.shell import theme

    module = page.model.module_column(0)
    names = shown(page)

    def look(name: str, column: int) -> tuple[int | None, QColor | None]:
        index = page.proxy.index(names.index(name), column)
        icon = index.data(Qt.ItemDataRole.DecorationRole)
        brush = index.data(Qt.ItemDataRole.ForegroundRole)
        return (icon.cacheKey() if isinstance(icon, QIcon) else None,
                brush.color() if brush is not None else None)  # fmt: skip

    complete, failed = look("Ana Ruiz", module), look("Dan Eto", module)
    assert complete[0] is not None and failed[0] is not None and complete[0] != failed[0]
    assert complete[1] == QColor(theme.colours().good)
    assert failed[1] == QColor(theme.colours().bad)
    assert look("Ana Ruiz", 3)[1] == QColor(theme.colours().good)  # the course complete
    assert look("Ana Ruiz", 0) == (None, None)  # a name is not a status


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
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=_section_centre(header, 7))
    assert header.sortIndicatorSection() == 7
    clicked = shown(page)
    by_progress = ["Cara Diaz", "Dan Eto", "Ben Cho", "Ana Ruiz"]  # not started, failed, ...
    assert clicked in (by_progress, by_progress[::-1])
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=_section_centre(header, 7))
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
        "Modules done", "Total time (minutes)", "Pre-test: status", "Pre-test: baseline",
        "Pre-test: baseline %", "1. Basics: status", "1. Basics: best %",
        "1. Basics: completed on", "Post-test: status", "Post-test: best score",
        "Post-test: best %", "Post-test: passed on", "Course evaluation: status",
        "Course evaluation: submitted on",
    ]  # fmt: skip
    assert [r[0] for r in rows] == shown(page) == ["Ana Ruiz", "Ben Cho", "Dan Eto"]
    ana = dict(zip(header, rows[0], strict=True))
    assert float(ana["1. Basics: best %"]) == 100
    assert int(ana["Total time (minutes)"]) == 40  # 2 lessons x 20 min (the quizzes take no time)
    assert ana["Course complete"] == "Yes" and ana["Course completed on"] == TODAY.isoformat()
    assert rows[2][10:12] == ["Not passed; no attempts left", "0"]
    assert rows[1][11] == ""  # no score yet: empty, not 0
    assert ana["Pre-test: status"] == "Baseline taken"
    assert ana["Pre-test: baseline"] == "Baseline: 2 of 2 right (100%)"
    assert float(ana["Pre-test: baseline %"]) == 100
    assert [ana[f"Post-test: {c}"] for c in ("status", "best score", "best %", "passed on")] == [
        "Passed", "2 of 2 right (100%)", "100", TODAY.isoformat(),
    ]  # fmt: skip
    assert ana["Course evaluation: status"] == "Submitted"
    assert ana["Course evaluation: submitted on"] == TODAY.isoformat()
    ben = dict(zip(header, rows[1], strict=True))
    assert [ben["Post-test: status"], ben["Post-test: best %"], ben["Post-test: passed on"]] == [
        "Not taken", "", "",
    ]  # fmt: skip
    assert [ben["Course evaluation: status"], ben["Course evaluation: submitted on"]] == [
        "Not submitted", "",
    ]  # fmt: skip
    assert len(rows) == 3  # no totals row: they are in the summary beside the file
    summary = (tmp_path / "out.txt").read_text(encoding="utf-8-sig")
    assert "Completion grid: out.csv" in summary and "Course: Demo course (version 1" in summary
    assert f"Exported {TODAY.isoformat()}" in summary and "by Sam Supervisor" in summary
    assert "Shown: All organisations, Any status, matching “N”" in summary
    assert "Totals of the 3 learners in the file:" in summary
    assert "  Course complete: 1" in summary and "    1. Basics: 1" in summary
    assert "  Pre-test taken: 3" in summary and "  Post-test passed: 1" in summary
    assert "  Course evaluation submitted: 1" in summary
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


# the pre-test, the post-test and the evaluation -----------------------------------------


def test_the_pre_test_post_test_and_evaluation_have_columns_in_the_records_words(page) -> None:
    model = page.model
    pre, post, evaluation = (model.part_column(p) for p in ("pretest", "posttest", "evaluation"))
    assert (pre, post, evaluation) == (6, 8, 9)  # in the course's order, around the module
    headers = model.headers()
    assert [headers[c] for c in (pre, post, evaluation)] == [
        "Pre-test", "Post-test", "Course evaluation",
    ]  # fmt: skip
    columns = {name: [shown(page, c)[row] for c in (pre, post, evaluation)]
               for row, name in enumerate(shown(page))}  # fmt: skip
    day = TODAY.isoformat()
    assert columns == {
        "Ana Ruiz": ["Baseline: 2 of 2 right (100%)", f"Passed · best 100% · {day}",
                     f"Submitted · {day}"],
        "Ben Cho": ["Baseline: 2 of 2 right (100%)", "Not taken", "Not submitted"],
        "Cara Diaz": ["Not taken", "Not taken", "Not submitted"],
        "Dan Eto": ["Baseline: 2 of 2 right (100%)", "Not taken", "Not submitted"],
    }  # fmt: skip


def test_a_post_test_not_passed_and_a_pre_test_taken_twice(page, qtbot, store, course) -> None:
    """The post-test's best score and whether it passed; the pre-test's baseline is the
    first attempt submitted, not the best (as the learner's course home says)."""
    eve = accounts.create_learner(store, "Eve Fox")
    take_quiz(store, course, eve.id, "pretest", right=False)
    take_quiz(store, course, eve.id, "pretest")  # not the baseline
    take_quiz(store, course, eve.id, "posttest", right=False)
    with qtbot.waitSignal(page.loaded):
        page.refresh()
    row = next(r for r in page.model.rows if r.name == "Eve Fox")
    model = page.model
    assert model.text(row, model.part_column("pretest")) == "Baseline: 0 of 2 right (0%)"
    assert row.pretest.score_words == "Baseline: 0 of 2 right (0%)"
    post = model.text(row, model.part_column("posttest"))
    assert post in ("Not passed yet · best 0%", "Not passed; no attempts left · best 0%")
    assert row.posttest.score_words == "0 of 2 right (0%)" and not row.posttest.passed_on


def test_sorting_by_the_post_test_and_the_evaluation(page) -> None:
    post = page.model.part_column("posttest")
    page.table.sortByColumn(post, Qt.SortOrder.DescendingOrder)
    assert shown(page)[0] == "Ana Ruiz"  # the only one who passed it
    page.table.sortByColumn(post, Qt.SortOrder.AscendingOrder)
    assert shown(page)[-1] == "Ana Ruiz"
    page.table.sortByColumn(page.model.part_column("evaluation"), Qt.SortOrder.DescendingOrder)
    assert shown(page)[0] == "Ana Ruiz"
    page.table.sortByColumn(page.model.part_column("pretest"), Qt.SortOrder.AscendingOrder)
    assert shown(page)[0] == "Cara Diaz"  # the only one who has not taken it


def test_the_pdf_prints_the_test_and_evaluation_columns_and_their_totals(
    page, monkeypatch, tmp_path
) -> None:
    save_as(monkeypatch, tmp_path / "report.pdf")
    page.export_pdf()
    text = " ".join(
        " ".join(p.extract_text() for p in PdfReader(str(tmp_path / "report.pdf")).pages).split()
    )
    for words in ("Pre-test", "Post-test", "evaluation", "Baseline: 2 of 2 right (100%)",
                  "3 taken", "1 passed", "1 submitted", "Not submitted"):  # fmt: skip
        assert words in text, words
    totals = page.model.report_totals(page.proxy.visible_rows())
    assert len(totals) == page.model.columnCount()
    assert totals[6:] == ["3 taken", "1 complete", "1 passed", "1 submitted"]


# the learner column stays in view -------------------------------------------------------


@pytest.fixture
def crowded(page, qtbot, store):
    """40 more learners and a window too narrow for every column: the grid scrolls both
    ways."""
    for n in range(40):
        accounts.create_learner(store, f"Zed {n:02d}", credential=f"LPC-{n:02d}")
    with qtbot.waitSignal(page.loaded):
        page.refresh()
    page.resize(520, 760)
    qtbot.waitUntil(lambda: page.table.horizontalScrollBar().maximum() > 0)
    return page


def _frozen_rows_match(page) -> None:
    """Every row the table shows, the overlay shows at the same height with the same name."""
    table, frozen = page.table, page.table.frozen
    assert frozen.isVisible() and frozen.model() is table.model()
    assert frozen.selectionModel() is table.selectionModel()
    assert frozen.width() == table.columnWidth(0)
    assert frozen.mapTo(table, frozen.viewport().pos()).x() == table.viewport().x()
    column = table.columnAt(table.viewport().width() - 2)  # one the table shows now
    assert column > 0
    rows = [r for r in range(table.model().rowCount())
            if table.viewport().rect().intersects(table.visualRect(table.model().index(r, column)))]  # fmt: skip
    assert len(rows) > 3
    for row in rows:
        cell = table.visualRect(table.model().index(row, column))
        name = frozen.visualRect(table.model().index(row, 0))
        at = frozen.viewport().mapTo(table, name.topLeft()).y()
        assert at == table.viewport().mapTo(table, cell.topLeft()).y(), row
        assert name.height() == cell.height(), row
        level = frozen.viewport().mapFromGlobal(table.viewport().mapToGlobal(cell.center())).y()
        assert frozen.indexAt(QPoint(name.center().x(), level)).row() == row


def test_the_learner_column_stays_in_view_when_the_grid_scrolls_right(crowded, qtbot) -> None:
    page = crowded
    table, frozen = page.table, page.table.frozen
    bar = table.horizontalScrollBar()
    bar.setValue(bar.maximum())  # scrolled fully right...
    first = table.model().index(0, 0)
    assert table.visualRect(first).right() < table.columnWidth(0)  # ...the names went left
    assert all(frozen.isColumnHidden(c) for c in range(1, table.model().columnCount()))
    assert not frozen.isColumnHidden(0)
    shown_names = {frozen.indexAt(frozen.visualRect(table.model().index(r, 0)).center()).data()
                   for r in range(5)}  # fmt: skip
    assert shown_names == set(shown(page)[:5])
    _frozen_rows_match(page)
    table.verticalScrollBar().setValue(table.verticalScrollBar().maximum())  # and down
    assert frozen.verticalScrollBar().value() == table.verticalScrollBar().value()
    _frozen_rows_match(page)
    frozen.verticalScrollBar().setValue(0)  # the wheel over the names scrolls the table too
    assert table.verticalScrollBar().value() == 0


def test_the_keyboard_never_leaves_the_current_cell_under_the_names(crowded, qtbot) -> None:
    page = crowded
    table, frozen = page.table, page.table.frozen
    table.setFocus()
    table.setCurrentIndex(table.model().index(0, 0))
    last = table.model().columnCount() - 1
    for _ in range(last):
        qtbot.keyClick(table, Qt.Key.Key_Right)
    assert table.currentIndex().column() == last
    assert table.horizontalScrollBar().value() > 0
    for _ in range(last - 1):
        qtbot.keyClick(table, Qt.Key.Key_Left)
        assert table.visualRect(table.currentIndex()).left() >= frozen.width()
    assert table.currentIndex().column() == 1
    for _ in range(30):
        qtbot.keyClick(table, Qt.Key.Key_Down)
    assert table.currentIndex().row() == 30
    assert frozen.verticalScrollBar().value() == table.verticalScrollBar().value() > 0
    _frozen_rows_match(page)
    assert frozen.focusPolicy() == Qt.FocusPolicy.NoFocus and table.hasFocus()
    selected = {i.row() for i in frozen.selectionModel().selectedIndexes()}
    assert selected == {30}  # the overlay shows the same selection
    qtbot.keyClick(table, Qt.Key.Key_Return)  # Enter still opens the learner's record
    qtbot.waitUntil(lambda: page.detail is not None)
    page.detail.close()


def test_a_double_click_on_a_frozen_name_opens_that_learners_record(crowded, qtbot) -> None:
    page = crowded
    frozen = page.table.frozen
    page.table.horizontalScrollBar().setValue(page.table.horizontalScrollBar().maximum())
    row = shown(page).index("Dan Eto")
    centre = frozen.visualRect(page.proxy.index(row, 0)).center()
    qtbot.mouseClick(frozen.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    assert page.table.currentIndex().row() == row and page.table.hasFocus()
    qtbot.mouseDClick(frozen.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    qtbot.waitUntil(lambda: page.detail is not None)
    dialog = page.detail
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.record is not None)
    assert dialog.windowTitle() == "Learner record: Dan Eto"
    dialog.close()


def test_clicking_the_frozen_learner_header_sorts_by_name(crowded, qtbot) -> None:
    page = crowded
    names = shown(page)
    header = page.table.frozen.horizontalHeader()
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=_section_centre(header, 0))
    assert page.table.horizontalHeader().sortIndicatorSection() == 0
    first = shown(page)
    assert first in (names, names[::-1])
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=_section_centre(header, 0))
    assert shown(page) == first[::-1]  # a second click reverses
    page.table.sortByColumn(5, Qt.SortOrder.AscendingOrder)  # the overlay's header follows
    assert header.sortIndicatorSection() == 5


def test_zoom_keeps_the_frozen_names_the_size_of_the_rows(crowded, qtbot) -> None:
    from trainer.ui.shell import text_size

    page = crowded
    table, frozen = page.table, page.table.frozen
    try:
        text_size.apply_text_size(6)
        qtbot.waitUntil(lambda: frozen.font().pointSizeF() == table.font().pointSizeF())
        table.horizontalScrollBar().setValue(table.horizontalScrollBar().maximum())
        assert frozen.width() == table.columnWidth(0)
        assert frozen.horizontalHeader().height() == table.horizontalHeader().height()
        assert frozen.rowHeight(0) == table.rowHeight(0)
        _frozen_rows_match(page)
    finally:
        text_size.apply_text_size(0)


def test_the_frozen_names_have_an_accessible_name_and_take_no_focus(page) -> None:
    frozen = page.table.frozen
    assert frozen.accessibleName() == "Learner names, kept in view"
    assert page.table.accessibleName() == "Completion by learner and module"
    assert frozen.focusPolicy() == Qt.FocusPolicy.NoFocus


def test_after_zooming_in_and_back_every_frozen_name_sits_on_its_row(crowded, qtbot) -> None:
    from trainer.ui.shell import text_size

    page = crowded
    table, frozen = page.table, page.table.frozen

    def every_row_matches() -> bool:
        rows = page.proxy.rowCount()
        return all(frozen.rowHeight(row) == table.rowHeight(row) for row in range(rows))

    try:
        for step in range(1, text_size.LARGEST + 1):  # Ctrl++ pressed ten times
            text_size.apply_text_size(step)
            qtbot.wait(1)  # one turn of the event loop between presses, as between keys
        qtbot.waitUntil(
            lambda: frozen.font().pointSizeF() == table.font().pointSizeF(), timeout=15000
        )
        qtbot.waitUntil(every_row_matches, timeout=15000)
        page.resize(900, 600)  # and the window made smaller
        qtbot.waitUntil(every_row_matches, timeout=15000)
        text_size.apply_text_size(0)
        qtbot.waitUntil(
            lambda: frozen.font().pointSizeF() == table.font().pointSizeF(), timeout=15000
        )
        qtbot.waitUntil(every_row_matches, timeout=15000)
        table.verticalScrollBar().setValue(table.verticalScrollBar().maximum())
        _frozen_rows_match(page)
    finally:
        text_size.apply_text_size(0)


def test_details_opens_the_first_learner_before_any_click(page, qtbot) -> None:
    """Tab into the grid lands on a learner: Details… opens one, never a dead end."""
    assert page.table.currentIndex().isValid()
    page.detail_button.click()
    qtbot.waitUntil(lambda: page.detail is not None)
    dialog = page.detail
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.record is not None)
    assert dialog.windowTitle() == f"Learner record: {shown(page)[0]}"
    dialog.close()
