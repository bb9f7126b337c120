"""What a person typed is shown as typed: a name written as HTML never renders as HTML
(a learner named `<h1>COURSE COMPLETE</h1><!--` must not hide their real status)."""

from __future__ import annotations

from PySide6 import QtGui
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QLabel, QMessageBox, QWidget

from tests.services.helpers import read_module, take_quiz
from tests.ui.conftest import RecordingNavigator
from trainer.services import accounts, certificates
from trainer.services.evaluation import submit_evaluation
from trainer.services.learner_grid import learner_grid
from trainer.ui.learner.certificate_page import CertificatePage
from trainer.ui.learner.home_page import HomePage
from trainer.ui.shell.context import AppContext
from trainer.ui.shell.questions import ask
from trainer.ui.shell.tasks import TaskRunner
from trainer.ui.shell.text_and_tables import as_typed, fill_table, report_table
from trainer.ui.supervisor.completion_model import CompletionModel
from trainer.ui.supervisor.learner_detail import LearnerDetailDialog
from trainer.ui.supervisor.supervisor_page import SupervisorPage

NAME = "<b>x</b><h1>COURSE COMPLETE</h1><!--"
CREDENTIAL = "<img src=x>"
ORGANISATION = "<i>North</i> & <u>Co</u>"


def shown_as_typed(label: QLabel, text: str) -> None:
    assert text in label.text()
    assert label.textFormat() == Qt.TextFormat.PlainText


def rendered(text: str) -> str:
    """What Qt shows for `text` where it guesses the format (a tooltip, a message box)."""
    if not QtGui.Qt.mightBeRichText(text):
        return text
    document = QTextDocument()
    document.setHtml(text)
    return document.toPlainText()


def learner_with_a_certificate(store, course) -> str:
    learner = accounts.create_learner(store, NAME, credential=CREDENTIAL, organisation=ORGANISATION)
    take_quiz(store, course, learner.id, "pretest")
    read_module(store, course, learner.id, "basics", seconds=900)
    take_quiz(store, course, learner.id, "basics-quiz")
    take_quiz(store, course, learner.id, "posttest")
    comments = {"relevance": 5, "recommend": True, "comments": NAME}
    submit_evaluation(store, course, learner.id, comments)
    return learner.id


def supervisor_context(store, course) -> AppContext:
    sam = accounts.create_learner(store, "Sam", role="supervisor", password="long enough")
    return AppContext(course, store, TaskRunner(), RecordingNavigator(), sam)


def test_the_learner_record_shows_the_name_as_typed(qtbot, store, course) -> None:
    learner_id = learner_with_a_certificate(store, course)
    dialog = LearnerDetailDialog(supervisor_context(store, course), learner_id)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.record is not None)
    for text in (NAME, f"Credential: {CREDENTIAL}", f"Organisation: {ORGANISATION}"):
        shown_as_typed(dialog.summary, text)
    assert NAME in dialog.windowTitle()
    comments = dialog.evaluation.item(dialog.evaluation.rowCount() - 1, 1)
    assert comments.text() == NAME and rendered(comments.toolTip()) == NAME


def test_the_home_summary_and_certificate_page_show_the_name_as_typed(qtbot, store, course) -> None:
    learner_id = learner_with_a_certificate(store, course)
    certificates.issue_certificate(store, course, learner_id)
    learner = accounts.find_learner(store, learner_id)
    context = AppContext(course, store, TaskRunner(), RecordingNavigator(), learner)
    home = HomePage(context)
    qtbot.addWidget(home)
    with qtbot.waitSignal(home.loaded):
        home.refresh()
    shown_as_typed(home.summary, NAME)
    page = CertificatePage(context)
    qtbot.addWidget(page)
    page.refresh()
    qtbot.waitUntil(lambda: NAME in page.summary.text())
    shown_as_typed(page.summary, NAME)


def test_certificate_verification_shows_the_holder_as_typed(qtbot, store, course) -> None:
    learner_id = learner_with_a_certificate(store, course)
    issued = certificates.issue_certificate(store, course, learner_id)
    page = SupervisorPage(supervisor_context(store, course))
    qtbot.addWidget(page)
    page.code.setText(issued.code)
    page.verify()
    qtbot.waitUntil(lambda: page.verdict.text().startswith("Valid:"))
    shown_as_typed(page.verdict, f"Valid: {NAME} ({CREDENTIAL})")


def test_grid_and_table_tooltips_show_the_text_as_typed(qtbot, store, course) -> None:
    learner_with_a_certificate(store, course)
    model = CompletionModel([module.title for module in course.course.modules])
    model.set_rows(learner_grid(store, course))
    tooltips = {
        model.data(model.index(0, column), Qt.ItemDataRole.ToolTipRole)
        for column in range(model.columnCount())
    }
    assert NAME in {rendered(tip) for tip in tooltips}
    table = report_table("Answers", ["Question", "Answer"])
    qtbot.addWidget(table)
    fill_table(table, [[CREDENTIAL, ORGANISATION]])
    assert rendered(table.item(0, 0).toolTip()) == CREDENTIAL
    assert rendered(table.item(0, 1).toolTip()) == ORGANISATION


def test_messages_and_questions_show_names_as_typed(qtbot, monkeypatch) -> None:
    seen: list[tuple[str, Qt.TextFormat]] = []

    def answer(box: QMessageBox) -> int:
        seen.append((box.text(), box.textFormat()))
        return 0

    monkeypatch.setattr(QMessageBox, "exec", answer)
    parent = QWidget()
    qtbot.addWidget(parent)
    ask(parent, "Restore?", f"It removes {NAME}.", "Restore", "Keep")
    assert seen == [(f"It removes {NAME}.", Qt.TextFormat.PlainText)]
    for text in (NAME, CREDENTIAL, f"{NAME}\n{CREDENTIAL}", "plain words"):
        assert rendered(as_typed(text)) == text
