"""A counselor from a new profile to a certificate, through the real window, offscreen."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QRadioButton

from tests.conftest import EVALUATION
from tests.services.helpers import right_answer, wrong_answer
from tests.ui.test_app_window import open_app, settle, sign_in


def answer_every_question(qtbot, window, right: bool) -> None:
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.pages.get("quiz"))
    page = window.pages["quiz"]
    qtbot.waitUntil(lambda: page.open)
    spec = page.quiz.spec
    for index, question_id in enumerate(page.attempt.question_ids):
        page.show_question(index)
        question = spec.question(question_id)
        page.widget.answered.emit(right_answer(question) if right else wrong_answer(question))
    page.submit()
    qtbot.waitUntil(lambda: page.stack.currentWidget() is page.results)


def read_lesson_to_the_end(qtbot, window, clock: list[float]) -> None:
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.pages.get("reader"))
    reader = window.pages["reader"]
    qtbot.waitUntil(lambda: reader.lesson is not None)
    bar = reader.browser.verticalScrollBar()
    bar.setValue(bar.maximum())
    # about 11 minutes of steady reading each: CE credit needs 80% of the course's 27 minutes
    while not reader.completed or reader.active_seconds < 660:
        clock[0] += 5
        window.activity.touch()
        reader.tick()


def home_shown(qtbot, window):
    """The course home, once it shows the learner record as the last writes left it."""
    window.show_home()
    settle(qtbot, window.tasks)
    return window.pages["home"]


def test_new_profile_to_certificate(qtbot, write_course, tmp_path: Path, monkeypatch) -> None:
    from pypdf import PdfReader

    root = write_course({"curriculum/evaluation.yaml": EVALUATION})
    window = open_app(qtbot, root)
    clock = [1000.0]
    window.activity.clock = lambda: clock[0]
    sign_in(qtbot, window, "Ana Ruiz")
    home = window.pages["home"]

    # the pre-test first: Continue goes there
    qtbot.mouseClick(home.continue_button, Qt.MouseButton.LeftButton)
    answer_every_question(qtbot, window, right=False)
    baseline = window.pages["quiz"].results
    text = baseline.summary.toPlainText()
    assert "Baseline recorded" in text and "Baseline: 0 of " in text
    assert "Passed" not in text and "attempt" not in text and not baseline.try_again.isVisible()
    home_shown(qtbot, window)
    pretest = home.steps.topLevelItem(0)
    assert pretest.text(1) == "Baseline taken"  # never passed or failed
    assert pretest.text(3).startswith("Baseline: 0 of ") and pretest.text(3).endswith("right (0%)")

    # every lesson, read to the end with active time
    for _lesson in ("what-is-pain", "steps"):
        qtbot.mouseClick(home.continue_button, Qt.MouseButton.LeftButton)
        read_lesson_to_the_end(qtbot, window, clock)
        home_shown(qtbot, window)
    assert home.steps.topLevelItem(1).text(1) == "In progress: 2 of 2 lessons read"

    # the module quiz: failed, then passed on the second attempt
    qtbot.mouseClick(home.continue_button, Qt.MouseButton.LeftButton)
    answer_every_question(qtbot, window, right=False)
    results = window.pages["quiz"].results
    assert "Not passed" in results.summary.toPlainText() and results.try_again.isVisible()
    qtbot.mouseClick(results.try_again, Qt.MouseButton.LeftButton)
    answer_every_question(qtbot, window, right=True)
    assert "✔ Passed" in results.summary.toPlainText()
    home_shown(qtbot, window)
    assert home.steps.topLevelItem(1).text(1) == "Complete"

    # the post-test, then the evaluation
    qtbot.mouseClick(home.continue_button, Qt.MouseButton.LeftButton)
    answer_every_question(qtbot, window, right=True)
    home_shown(qtbot, window)
    qtbot.mouseClick(home.continue_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.pages.get("evaluation"))
    evaluation = window.pages["evaluation"]
    qtbot.waitUntil(lambda: bool(evaluation.fields))
    evaluation.fields[0].box.findChildren(QRadioButton)[4].click()
    evaluation.fields[1].box.findChildren(QRadioButton)[0].click()
    with qtbot.waitSignal(evaluation.submitted):
        evaluation.submit()

    # the certificate: preview and PDF
    window.show_certificate()
    certificate = window.pages["certificate"]
    qtbot.waitUntil(lambda: certificate.certificate is not None)
    code = certificate.certificate.code
    target = tmp_path / "certificate.pdf"
    monkeypatch.setattr(
        "trainer.ui.shell.file_dialogs.save_file_name",
        lambda *args: str(target),
    )
    with qtbot.waitSignal(certificate.pdf_saved):
        certificate.save_pdf()
    text = " ".join(PdfReader(target).pages[0].extract_text().split())
    for expected in ("Ana Ruiz", "LADC-123", "Demo course", "Continuing-education hours: 1", code):
        assert expected in text, expected
    home_shown(qtbot, window)
    assert home.certificate_button.isEnabled()
    assert "CE hours earned 1 of 1" in home.summary.text()
