"""Preview as a learner: a lesson or a quiz on the learner's own screens, from the files as
saved, with nothing recorded in the app's database."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from trainer.services import accounts
from trainer.ui.authoring.learner_preview import LearnerPreview
from trainer.ui.authoring.trainer_page import TrainerPage


def previewed(qtbot, page: TrainerPage, file: Path | None) -> LearnerPreview:
    if file is not None:
        page.open_file(file)
    with qtbot.waitSignal(page.learner_preview_opened):
        qtbot.keyClick(page, Qt.Key.Key_F6)
    preview = page.learner_preview
    qtbot.waitUntil(lambda: preview.context is not None)
    qtbot.waitUntil(lambda: preview.stack.currentWidget() is not preview.loading)
    return preview


def test_a_lesson_is_shown_on_the_reader_as_saved(qtbot, make_page) -> None:
    page = make_page()
    lesson = page.course_dir / "basics" / "02-steps.md"
    preview = previewed(qtbot, page, lesson)
    assert preview.stack.currentWidget() is preview.reader
    qtbot.waitUntil(lambda: "four steps" in preview.reader.browser.toPlainText().lower())
    assert "nothing is recorded" in preview.windowTitle()


def test_a_quiz_is_played_and_graded_with_nothing_recorded(
    qtbot, make_page, store, questions
) -> None:
    page = make_page()
    preview = previewed(qtbot, page, page.quiz_dir / "basics-quiz.yaml")
    quiz = preview.quiz
    assert quiz is not None and preview.stack.currentWidget() is quiz
    assert quiz.attempt is not None and len(quiz.attempt.question_ids) == 2
    _asked, answers = questions
    answers.append("Submit anyway")
    with qtbot.waitSignal(quiz.submitted):
        quiz.submit()
    qtbot.waitUntil(lambda: quiz.stack.currentWidget() is quiz.results)
    shown = quiz.results.summary.toPlainText()
    assert "Not passed" in shown and "0 of 2 right" in shown, shown
    assert accounts.list_learners(store) == []  # the app's own database is untouched
    folder = preview.folder
    assert (folder / "preview.sqlite3").exists()
    preview.close()
    qtbot.waitUntil(lambda: not folder.exists())


def test_the_contents_stand_in_for_the_course_home(qtbot, make_page) -> None:
    page = make_page()
    preview = previewed(qtbot, page, page.course_dir / "course.yaml")
    assert preview.stack.currentWidget() is preview.index
    texts = [preview.contents.item(i).text() for i in range(preview.contents.count())]
    assert texts[0] == "Pre-test" and texts[-1] == "Post-test"
    assert any(text.endswith(" — Quiz") for text in texts)
    lesson_row = next(i for i, text in enumerate(texts) if " — " in text and "Quiz" not in text)
    preview.contents.setCurrentRow(lesson_row)
    qtbot.keyClick(preview.contents, Qt.Key.Key_Return)
    assert preview.stack.currentWidget() is preview.reader
    preview.reader.home_button.click()
    assert preview.stack.currentWidget() is preview.index


def test_the_preview_closes_by_keyboard(qtbot, make_page) -> None:
    page = make_page()
    preview = previewed(qtbot, page, page.course_dir / "basics" / "02-steps.md")
    folder = preview.folder
    preview.activateWindow()
    qtbot.waitUntil(preview.isActiveWindow)
    qtbot.keyClick(preview, Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not folder.exists())
