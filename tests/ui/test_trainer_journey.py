"""A new trainer, entirely in the app: a module with two lessons and a quiz of three
question types, reordered, previewed as a learner and released as a new version."""

from __future__ import annotations

from PySide6.QtCore import Qt

from trainer.quiz.question_text import question_blocks
from trainer.services.validation import validate
from trainer.ui.authoring import course_actions, question_editor


def test_a_trainer_builds_reorders_previews_and_releases_a_module(
    qtbot, make_page, monkeypatch, questions
) -> None:
    typed: list[str] = []
    monkeypatch.setattr(course_actions, "ask_text", lambda *_args: typed.pop(0))
    types: list[str] = []
    monkeypatch.setattr(question_editor, "ask_question_type", lambda _parent: types.pop(0))
    page = make_page()

    # a module (with its first lesson and a quiz), then a second lesson in it
    typed.append("Sleep and pain")
    with qtbot.waitSignal(page.validated, timeout=15000):
        course_actions.new_module(page)
    module = page.course_dir / "sleep-and-pain"
    typed.append("Sleep hygiene is not enough")
    with qtbot.waitSignal(page.validated, timeout=15000):
        course_actions.new_lesson(page)
    lessons = sorted(p.name for p in module.glob("[0-9][0-9]-*.md"))
    assert len(lessons) == 2 and lessons[1].endswith("-sleep-hygiene-is-not-enough.md")

    # the module's quiz: two more questions of other types, written in the form
    quiz = next(page.quiz_dir.glob("sleep-and-pain*.yaml"))
    page.open_file(quiz)
    page.views.setCurrentIndex(1)
    types.extend(["single", "ordering"])  # the new quiz holds a true/false
    page.question_form.new_question()
    page.question_form.new_question()
    kinds = {block.type for block in question_blocks(page.editor.toPlainText())}
    assert len(kinds) >= 3, kinds
    page.views.setCurrentIndex(0)
    qtbot.keyClick(page.editor, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert not page.is_modified()

    # the second lesson moved first: files renumbered, still valid
    page.open_file(module / lessons[1])
    page.files.setFocus()
    with qtbot.waitSignal(page.validated, timeout=15000):
        qtbot.keyClick(
            page.files,
            Qt.Key.Key_Up,
            Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
        )
    assert sorted(p.name for p in module.glob("[0-9][0-9]-*.md"))[0].endswith(
        "-sleep-hygiene-is-not-enough.md"
    )

    # the quiz played as a learner, nothing recorded
    page.open_file(quiz)
    with qtbot.waitSignal(page.learner_preview_opened):
        qtbot.keyClick(page, Qt.Key.Key_F6)
    preview = page.learner_preview
    qtbot.waitUntil(lambda: preview.quiz is not None and preview.quiz.attempt is not None)
    assert len(preview.quiz.attempt.question_ids) == len(question_blocks(quiz.read_text()))
    preview.close()

    # a release: strict validation passes, the version goes up, the change is logged
    report = validate(page.course_dir, page.quiz_dir)
    assert [p.display() for p in report.problems] == []
    typed.extend(["1.1.0", "New module: Sleep and pain."])
    with qtbot.waitSignal(page.validated, timeout=15000):
        course_actions.release(page)
    assert "version: 1.1.0" in (page.course_dir / "course.yaml").read_text()
    assert "New module: Sleep and pain." in (page.course_dir / "CHANGELOG.md").read_text()
