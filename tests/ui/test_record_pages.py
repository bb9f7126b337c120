"""The learner's record: My progress, the course evaluation and the certificate page."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QApplication,
    QHeaderView,
    QLineEdit,
    QRadioButton,
    QWidget,
)

from tests.services.helpers import read_module, right_answer, take_quiz, wrong_answer
from tests.ui.conftest import RecordingNavigator
from trainer.services import accounts, attempts
from trainer.services.evaluation import submit_evaluation
from trainer.services.learner_progress import learner_progress
from trainer.ui.learner.certificate_page import CertificatePage
from trainer.ui.learner.evaluation_page import EvaluationPage
from trainer.ui.learner.progress_page import ProgressPage
from trainer.ui.shell.context import AppContext
from trainer.ui.shell.tasks import TaskRunner

LEFT = Qt.MouseButton.LeftButton


@pytest.fixture
def make_context(qtbot, store):
    runners: list[TaskRunner] = []

    def make(catalog, name: str = "Ana Ruiz") -> AppContext:
        learner = accounts.create_learner(store, name, credential="LADC-123")
        runners.append(TaskRunner())
        return AppContext(catalog, store, runners[-1], RecordingNavigator(), learner)

    yield make
    for runner in runners:
        runner.wait()


def opened(qtbot, page):
    qtbot.addWidget(page)
    page.resize(1100, 750)
    page.show()
    with qtbot.waitSignal(page.loaded):
        page.refresh()
    return page


def take_quiz_with(store, catalog, learner_id: str, quiz_id: str, right_ids: set[str]):
    attempt = attempts.start_attempt(store, catalog, learner_id, quiz_id)
    spec = catalog.quiz(quiz_id).spec
    for question_id in attempt.question_ids:
        question = spec.question(question_id)
        answer = right_answer(question) if question_id in right_ids else wrong_answer(question)
        attempts.save_answer(store, catalog, attempt.id, question_id, answer)
    return attempts.submit_attempt(store, catalog, attempt.id)


def finish_course(store, catalog, learner_id: str) -> None:
    take_quiz(store, catalog, learner_id, "pretest")
    read_module(store, catalog, learner_id, "basics", seconds=900)
    take_quiz(store, catalog, learner_id, "basics-quiz")
    take_quiz(store, catalog, learner_id, "posttest")


def table_text(table) -> list[list[str]]:
    return [
        [table.item(row, column).text() for column in range(table.columnCount())]
        for row in range(table.rowCount())
    ]


def unnamed_controls(page: QWidget) -> list[str]:
    interactive = (QAbstractButton, QLineEdit, QAbstractScrollArea)  # tables, text, scrolling
    return [
        f"{type(w).__name__} {getattr(w, 'text', lambda: '')()!r}"
        for w in page.findChildren(QWidget)
        if isinstance(w, interactive)
        and not isinstance(w, QHeaderView)  # a table's header is named by the table
        and w.isVisibleTo(page)
        and w.focusPolicy() != Qt.FocusPolicy.NoFocus
        and not w.accessibleName()
    ]


# My progress


def test_progress_shows_time_per_module_and_the_pre_post_gain(qtbot, catalog, make_context) -> None:
    context = make_context(catalog)
    store, learner = context.store, context.learner_id
    take_quiz_with(store, catalog, learner, "pretest", {"pre-define"})  # 1 of 2 right
    read_module(store, catalog, learner, "basics", seconds=1500)  # 25 minutes per lesson
    take_quiz(store, catalog, learner, "basics-quiz", right=False)
    take_quiz(store, catalog, learner, "basics-quiz")
    take_quiz(store, catalog, learner, "posttest")  # 2 of 2 right

    page = opened(qtbot, ProgressPage(context))

    assert table_text(page.modules) == [
        ["1. Basics", "2 of 2", "2 of 2 right (100%)", "50 min", "Complete"]
    ]
    assert "Active study time in all: 50 min (lessons 50 min; quizzes and tests 0 min)." in (
        page.summary.text()
    )
    assert "Pre-test: Baseline: 1 of 2 right (50%)." in page.summary.text()
    assert table_text(page.gains) == [
        ["Basics", "1 of 2 right (50%)", "2 of 2 right (100%)", "up 50 points"],
        ["All questions", "1 of 2 right (50%)", "2 of 2 right (100%)", "up 50 points"],
    ]
    history = table_text(page.history)
    assert [(row[0], row[2], row[3]) for row in history] == [
        ("posttest", "2 of 2 right (100%)", "Passed"),
        ("Basics quiz", "2 of 2 right (100%)", "Passed"),
        ("Basics quiz", "0 of 2 right (0%)", "Not passed"),
        ("pretest", "1 of 2 right (50%)", "Baseline"),
    ]
    assert page.focusWidget() is page.modules


def test_gain_counts_the_questions_asked_and_a_skipped_one_as_wrong(store, catalog) -> None:
    learner = accounts.create_learner(store, "Ana").id
    take_quiz_with(store, catalog, learner, "pretest", set())  # both wrong
    post = attempts.start_attempt(store, catalog, learner, "posttest")
    attempts.save_answer(store, catalog, post.id, "post-define", False)  # right; one skipped
    attempts.submit_attempt(store, catalog, post.id)

    record = learner_progress(store, catalog, learner)

    [basics, total] = record.gains_by_module
    assert (basics.pre.text, basics.post.text) == ("0 of 2 right (0%)", "1 of 2 right (50%)")
    assert total.title == "All questions" and total.post.text == "1 of 2 right (50%)"
    assert [g.change_words for g in record.gains_by_module] == ["up 50 points"] * 2
    assert all(g.post is not None for g in record.gains_by_objective)


def test_progress_of_a_new_learner_says_what_credit_needs(qtbot, catalog, make_context) -> None:
    context = make_context(catalog)
    page = opened(qtbot, ProgressPage(context))
    # the demo course has 27 minutes of reading; 80% of it is 21 min 36 s, shown rounded up
    assert (
        "CE hours earned: 0 of 1. CE credit needs 22 min of active study; 22 min still needed."
        in page.summary.text()
    )
    assert table_text(page.modules) == [["1. Basics", "0 of 2", "not taken", "0 min", "Locked"]]
    assert page.gains.rowCount() == 0 and page.gain_note.isVisibleTo(page)
    assert "Take the pre-test" in page.gain_note.text()
    assert page.history_note.text() == "No quiz taken yet."
    qtbot.mouseClick(page.back_button, LEFT)
    assert context.navigator.calls == [("show_home",)]


def test_a_refusal_while_loading_is_shown_on_the_page(
    qtbot, catalog, make_context, monkeypatch
) -> None:
    from trainer.services.errors import ServiceError

    def refuse(*args):
        raise ServiceError("the database is locked by another program")

    monkeypatch.setattr("trainer.ui.learner.progress_page.learner_progress", refuse)
    page = opened(qtbot, ProgressPage(make_context(catalog)))
    assert page.summary.text() == (
        "Your progress cannot be shown: The database is locked by another program."
    )


# The evaluation


def test_evaluation_is_locked_until_the_post_test_is_passed(qtbot, course, make_context) -> None:
    context = make_context(course)
    page = opened(qtbot, EvaluationPage(context))
    assert page.pages.currentIndex() == 0
    text = page.message.text()
    assert "opens once you have passed the post-test" in text
    assert "Module “Basics”: read 2 more of its 2 lessons and pass its quiz." in text
    assert "Pass the post-test (pass mark 80%)." in text
    assert not page.certificate_button.isVisibleTo(page)


def test_evaluation_asks_for_required_answers_then_submits(qtbot, course, make_context) -> None:
    context = make_context(course)
    finish_course(context.store, course, context.learner_id)
    page = opened(qtbot, EvaluationPage(context))
    assert page.pages.currentIndex() == 1
    titles = [field.prompt.text() for field in page.fields]
    assert titles[:2] == [
        "1. The content was relevant to my work. (required)",
        "2. Would you recommend it? (required)",
    ]
    radios = page.fields[0].box.findChildren(QRadioButton)
    assert [r.text() for r in radios] == [
        "1 (Strongly disagree)", "2", "3", "4", "5 (Strongly agree)"
    ]  # fmt: skip
    assert page.focusWidget() is radios[0]

    radios[3].click()  # 4
    qtbot.mouseClick(page.submit_button, LEFT)
    assert page.error.isVisibleTo(page)
    assert page.error.text() == "⚠ 1 required question not answered yet: see the marked item."
    assert page.fields[1].error.isVisibleTo(page) and not page.fields[0].error.isVisibleTo(page)
    assert page.focusWidget() is page.fields[1].focus

    yes = page.fields[1].box.findChildren(QRadioButton)[0]
    yes.click()
    qtbot.keyClicks(page.fields[2].focus, "More role plays, please.")
    assert page.answers() == {
        "relevance": 4,
        "recommend": True,
        "comments": "More role plays, please.",
    }
    with qtbot.waitSignal(page.submitted), qtbot.waitSignal(page.loaded):
        qtbot.mouseClick(page.submit_button, LEFT)
    assert ("saved", "Evaluation submitted") in context.navigator.calls
    assert page.pages.currentIndex() == 0
    assert "Thank you." in page.message.text() and "certificate is ready" in page.message.text()
    qtbot.mouseClick(page.certificate_button, LEFT)
    assert context.navigator.calls[-1] == ("show_certificate",)


def test_evaluation_can_be_filled_by_keyboard_alone(qtbot, course, make_context) -> None:
    context = make_context(course)
    finish_course(context.store, course, context.learner_id)
    page = opened(qtbot, EvaluationPage(context))
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)

    def press(key) -> None:
        qtbot.keyClick(QApplication.focusWidget(), key)

    press(Qt.Key.Key_Space)  # rating 1
    press(Qt.Key.Key_Right)  # rating 2
    press(Qt.Key.Key_Tab)  # to "Would you recommend it?"
    assert QApplication.focusWidget() is page.fields[1].focus
    press(Qt.Key.Key_Space)  # Yes
    press(Qt.Key.Key_Tab)
    qtbot.keyClicks(QApplication.focusWidget(), "Thanks")
    press(Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is page.submit_button
    assert page.answers() == {"relevance": 2, "recommend": True, "comments": "Thanks"}
    with qtbot.waitSignal(page.submitted):
        press(Qt.Key.Key_Space)


def test_evaluation_shows_a_refusal_inline_and_keeps_a_draft(qtbot, course, make_context) -> None:
    context = make_context(course)
    finish_course(context.store, course, context.learner_id)
    page = opened(qtbot, EvaluationPage(context))
    page.fields[0].box.findChildren(QRadioButton)[4].click()
    page.fields[1].box.findChildren(QRadioButton)[1].click()  # No

    again = opened(qtbot, EvaluationPage(context))  # e.g. after visiting another screen
    assert again.answers() == {"relevance": 5, "recommend": False}

    # submitted meanwhile from elsewhere (another window on the same database)
    submit_evaluation(
        context.store, course, context.learner_id, {"relevance": 3, "recommend": True}
    )
    again.submit()
    qtbot.waitUntil(lambda: again.error.isVisibleTo(again))
    assert again.error.text() == "⚠ The evaluation is submitted already: thank you."
    assert again.submit_button.isEnabled()


# The certificate


def test_certificate_lists_what_is_missing(qtbot, course, make_context) -> None:
    context = make_context(course)
    take_quiz(context.store, course, context.learner_id, "pretest")
    read_module(context.store, course, context.learner_id, "basics", seconds=60)
    page = opened(qtbot, CertificatePage(context))
    assert page.pages.currentIndex() == 0
    text = page.missing.text()
    assert "Module “Basics”: pass its quiz." in text
    assert "Pass the post-test (pass mark 80%)." in text
    assert "Submit the course evaluation (it opens after the post-test)." in text
    assert "Study actively for 22 min in all (so far 2 min; 20 min still needed)." in text
    assert page.certificate is None and page.focusWidget() is page.back_button


def test_certificate_preview_and_pdf(qtbot, course, make_context, tmp_path, monkeypatch) -> None:
    from pypdf import PdfReader

    context = make_context(course)
    finish_course(context.store, course, context.learner_id)
    submit_evaluation(
        context.store, course, context.learner_id, {"relevance": 5, "recommend": True}
    )
    page = opened(qtbot, CertificatePage(context))
    assert page.pages.currentIndex() == 1
    code = page.certificate.code
    assert page.code.text() == code and page.code.isReadOnly()
    preview = " ".join(page.preview.toPlainText().split())
    for expected in ("Ana Ruiz", "Demo course", "Continuing-education hours: 1", code):
        assert expected in preview, expected
    assert page.focusWidget() is page.save_button
    assert not page.folder_button.isEnabled()

    offered: list[str] = []

    def choose(parent, caption, start, filters):
        offered.append(start)
        return str(tmp_path / "mine")

    monkeypatch.setattr("trainer.ui.shell.file_dialogs.save_file_name", choose)
    with qtbot.waitSignal(page.pdf_saved) as saved:
        qtbot.mouseClick(page.save_button, LEFT)
    target = tmp_path / "mine.pdf"
    assert saved.args == [target]
    assert (
        Path(offered[0]).name == f"certificate-ana-ruiz-{page.certificate.completed_at.date()}.pdf"
    )
    text = " ".join(PdfReader(target).pages[0].extract_text().split())
    for expected in ("Ana Ruiz", "Demo course", "Continuing-education hours: 1", code):
        assert expected in text, expected
    assert page.save_status.text() == f"Saved to {target}"

    opened_urls: list[QUrl] = []
    monkeypatch.setattr(
        "trainer.ui.learner.certificate_page.QDesktopServices.openUrl",
        lambda url: opened_urls.append(url) or True,
    )
    qtbot.mouseClick(page.folder_button, LEFT)
    assert opened_urls == [QUrl.fromLocalFile(str(tmp_path))]

    # the same certificate comes back on the next visit: issued once
    again = opened(qtbot, CertificatePage(context))
    assert again.code.text() == code


def test_the_certificate_is_one_page_whatever_the_text_size(qtbot, tmp_path) -> None:
    from pypdf import PdfReader

    from trainer.services.certificates import CertificateInfo
    from trainer.ui.pdf import write_certificate_pdf
    from trainer.ui.shell import text_size

    now = datetime.now(UTC)
    certificate = CertificateInfo(
        "7K3M-Q9PX-2RTV", "Maximiliana Esperanza Rodríguez-Villanueva", "LCADC-12345",
        "North Valley Recovery Services", "course",
        "Chronic Pain and Opioid Use Disorder for Addiction Counselors", "1.0.0",
        "Demo provider", "", 6, 92, now, now, now,
    )  # fmt: skip
    pages = []
    try:
        for steps in (text_size.SMALLEST, 0, text_size.LARGEST):
            text_size.apply_text_size(steps)
            target = write_certificate_pdf(certificate, tmp_path / f"size{steps}.pdf")
            pages.append(len(PdfReader(target).pages))
    finally:
        text_size.apply_text_size(0)
    assert pages == [1, 1, 1]


def test_certificate_save_error_is_shown_not_raised(
    qtbot, course, make_context, tmp_path, monkeypatch
) -> None:
    context = make_context(course)
    finish_course(context.store, course, context.learner_id)
    submit_evaluation(
        context.store, course, context.learner_id, {"relevance": 5, "recommend": True}
    )
    page = opened(qtbot, CertificatePage(context))
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setattr(
        "trainer.ui.shell.file_dialogs.save_file_name",
        lambda *args: str(blocker / "certificate.pdf"),
    )
    page.save_button.click()
    assert page.save_status.text().startswith(f"⚠ The PDF could not be saved to {blocker}")
    assert not page.folder_button.isEnabled()


# Every page, every control


@pytest.mark.parametrize("state", ["new", "finished"])
def test_every_control_has_an_accessible_name(qtbot, course, make_context, state) -> None:
    context = make_context(course)
    if state == "finished":
        finish_course(context.store, course, context.learner_id)
    for page_class in (ProgressPage, EvaluationPage, CertificatePage):
        page = opened(qtbot, page_class(context))
        assert unnamed_controls(page) == [], page_class.__name__
    if state == "finished":
        submit_evaluation(
            context.store, course, context.learner_id, {"relevance": 5, "recommend": True}
        )
        for page_class in (EvaluationPage, CertificatePage):
            page = opened(qtbot, page_class(context))
            assert unnamed_controls(page) == [], page_class.__name__
