"""The trainer's authoring screen: edit with live preview, save, validate, reload, item analysis."""

from __future__ import annotations

import sys
import types

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QRadioButton,
    QTabWidget,
)

from tests.conftest import COURSE_YAML, LESSON_TWO, MODULE_MD, QUIZ
from tests.ui.conftest import FakeNavigator
from trainer.services.catalog import open_catalog
from trainer.services.item_analysis import ItemStats
from trainer.ui.authoring.trainer_page import TrainerPage
from trainer.ui.shell import file_dialogs
from trainer.ui.shell.context import AppContext
from trainer.ui.shell.tasks import TaskRunner

Button = QMessageBox.StandardButton


class ReloadingNavigator(FakeNavigator):
    def reload_course(self, course_dir=None, quiz_dir=None) -> None:
        self.calls.append("reload_course")


def open_in_list(qtbot, page: TrainerPage, name: str) -> None:
    """Select a file in the list by keyboard and press Enter on it."""
    item = next(i for p, i in page._items.items() if p.name == name)
    page.files.setCurrentItem(item)
    page.files.setFocus()
    qtbot.keyClick(page.files, Qt.Key.Key_Return)
    assert page.path is not None and page.path.name == name


def type_at_end(qtbot, editor: QPlainTextEdit, text: str) -> None:
    editor.setFocus()
    editor.moveCursor(editor.textCursor().MoveOperation.End)
    for number, line in enumerate(text.split("\n")):
        if number:
            qtbot.keyClick(editor, Qt.Key.Key_Return)
        qtbot.keyClicks(editor, line)


def cursor_line(page: TrainerPage) -> int:
    return page.editor.textCursor().blockNumber() + 1


def test_the_page_opens_on_the_course_the_app_runs(make_page):
    page = make_page()
    root = page.context.catalog.course.root
    assert page.course_dir == root
    assert page.quiz_dir == root.parent / "quizzes"
    names = set(p.name for p in page._items)
    assert {"course.yaml", "glossary.yaml", "references.yaml", "module.md"} <= names
    assert {"01-what-is-pain.md", "02-steps.md", "basics-quiz.yaml", "pretest.yaml"} <= names


def listed(page: TrainerPage) -> list[tuple[str, list[str]]]:
    """The file list as the trainer sees it: each group's title and its files' names."""
    groups = [page.files.topLevelItem(i) for i in range(page.files.topLevelItemCount())]
    return [(g.text(0), [g.child(i).text(0) for i in range(g.childCount())]) for g in groups]


def test_files_are_listed_in_course_order_with_unused_files_last(make_page):
    applied = MODULE_MD.replace("id: basics", "id: applied").replace("quiz: basics-quiz\n", "")
    page = make_page(
        {
            "curriculum/course.yaml": COURSE_YAML.replace("  - basics", "  - basics\n  - applied"),
            "curriculum/applied/module.md": applied,
            "curriculum/applied/01-in-practice.md": LESSON_TWO.replace("id: steps", "id: practice"),
            "curriculum/appendix/module.md": MODULE_MD.replace("id: basics", "id: appendix"),
            "curriculum/basics/01a-draft.md": "A draft the course does not use.\n",
            "quizzes/a-spare-quiz.yaml": QUIZ.replace("id: basics-quiz", "id: a-spare-quiz"),
        }
    )
    assert listed(page)[1:] == [
        ("basics", ["module.md", "01-what-is-pain.md", "02-steps.md", "01a-draft.md"]),
        ("applied", ["module.md", "01-in-practice.md"]),
        ("appendix", ["module.md"]),  # a folder course.yaml does not list
        ("Quizzes", ["pretest.yaml", "basics-quiz.yaml", "posttest.yaml", "a-spare-quiz.yaml"]),
    ]


def test_opening_a_lesson_shows_its_text_and_the_learners_page(qtbot, make_page):
    page = make_page()
    open_in_list(qtbot, page, "01-what-is-pain.md")
    assert "Pain is an unpleasant experience." in page.editor.toPlainText()
    preview = page.preview.text()
    assert "What pain is" in preview  # the title, as the reader shows it
    assert "Pain is an unpleasant experience." in preview
    assert "id: what-is-pain" not in preview  # front matter is not part of the page
    assert "Raja SN" in preview  # the citation, filled in from references.yaml


def test_typing_updates_the_preview_after_a_pause(qtbot, make_page):
    page = make_page()
    open_in_list(qtbot, page, "02-steps.md")
    type_at_end(qtbot, page.editor, "\nCounselors ask about pain first.\n")
    assert "Counselors ask about pain first." not in page.preview.text()  # not on every key
    qtbot.waitUntil(lambda: "Counselors ask about pain first." in page.preview.text())


def test_a_broken_edit_shows_the_problem_and_its_line_instead_of_the_page(qtbot, make_page):
    page = make_page()
    open_in_list(qtbot, page, "02-steps.md")
    page.editor.setPlainText(LESSON_TWO.replace("minutes: 15", "minutes: fifteen"))
    with qtbot.waitSignal(page.preview_updated):
        pass
    shown = page.preview.text()
    assert "02-steps.md:4:" in shown
    assert "minutes" in shown
    page.editor.setPlainText(LESSON_TWO)
    qtbot.waitUntil(lambda: "The four steps" in page.preview.text())


def test_the_cursor_position_is_shown_as_line_and_column(qtbot, make_page):
    page = make_page()
    open_in_list(qtbot, page, "02-steps.md")
    page.go_to_line(7)
    qtbot.keyClick(page.editor, Qt.Key.Key_Right)
    qtbot.keyClick(page.editor, Qt.Key.Key_Right)
    assert page.position.text() == "Line 7, column 3"


def test_ctrl_s_saves_the_file_and_clears_the_unsaved_mark(qtbot, make_page):
    page = make_page()
    open_in_list(qtbot, page, "02-steps.md")
    item = page._items[page.path]
    type_at_end(qtbot, page.editor, "Added line.")
    assert item.text(0) == "02-steps.md (unsaved)"
    qtbot.keyClick(page.editor, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert page.path.read_text(encoding="utf-8").endswith("Added line.")
    assert item.text(0) == "02-steps.md"
    assert "Saved 02-steps.md" in page.status.text()


def test_switching_files_keeps_unsaved_edits_and_save_all_writes_them(qtbot, make_page):
    page = make_page()
    open_in_list(qtbot, page, "02-steps.md")
    lesson = page.path
    type_at_end(qtbot, page.editor, "Unsaved words.")
    open_in_list(qtbot, page, "module.md")  # nothing is asked: the edits stay open
    module_md = page.path
    type_at_end(qtbot, page.editor, "More words.")
    assert page._items[lesson].text(0) == "02-steps.md (unsaved)"
    assert page._items[module_md].text(0) == "module.md (unsaved)"
    open_in_list(qtbot, page, "02-steps.md")
    assert page.editor.toPlainText().endswith("Unsaved words.")
    assert "Unsaved words." not in lesson.read_text(encoding="utf-8")
    qtbot.keyClick(
        page.editor,
        Qt.Key.Key_S,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert lesson.read_text(encoding="utf-8").endswith("Unsaved words.")
    assert module_md.read_text(encoding="utf-8").endswith("More words.")
    assert page.unsaved_files() == []
    assert page._items[module_md].text(0) == "module.md"


@pytest.mark.parametrize(
    ("answer", "closed", "written"),
    [(Button.Cancel, False, False), (Button.Discard, True, False), (Button.Save, True, True)],
)
def test_leaving_asks_once_about_every_unsaved_file(
    qtbot, make_page, monkeypatch, answer, closed, written
):
    page = make_page()
    for name in ("02-steps.md", "module.md"):
        open_in_list(qtbot, page, name)
        type_at_end(qtbot, page.editor, "Unsaved words.")
    asked: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "question", staticmethod(lambda *a, **k: asked.append(a[2]) or answer)
    )
    assert page.close() is closed
    assert asked == ["Save the changes to 2 files (02-steps.md, module.md)?"]
    lesson = page.course_dir / "basics" / "02-steps.md"
    assert ("Unsaved words." in lesson.read_text(encoding="utf-8")) is written
    assert bool(page.unsaved_files()) is not closed


def test_a_file_changed_by_another_program_is_shown_as_it_is_now(qtbot, make_page):
    page = make_page()
    open_in_list(qtbot, page, "02-steps.md")
    lesson = page.path
    lesson.write_text(LESSON_TWO + "\nWritten elsewhere.\n", encoding="utf-8")
    qtbot.waitUntil(lambda: "Written elsewhere." in page.editor.toPlainText())
    assert not page.is_modified()
    assert "changed by another program" in page.status.text()


@pytest.mark.parametrize(("answer", "overwritten"), [(Button.Cancel, False), (Button.Save, True)])
def test_saving_over_changes_made_elsewhere_asks_first(
    qtbot, make_page, monkeypatch, answer, overwritten
):
    page = make_page()
    open_in_list(qtbot, page, "02-steps.md")
    lesson = page.path
    type_at_end(qtbot, page.editor, "Mine.")
    lesson.write_text(LESSON_TWO + "\nTheirs.\n", encoding="utf-8")
    qtbot.waitUntil(lambda: "changed by another program" in page.status.text())
    assert page.editor.toPlainText().endswith("Mine.")  # the edits are kept
    asked: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "question", staticmethod(lambda *a, **k: asked.append(a[2]) or answer)
    )
    assert page.save() is overwritten
    assert asked[0].startswith("02-steps.md was changed by another program since you opened it")
    on_disk = lesson.read_text(encoding="utf-8")
    assert on_disk.endswith("Mine.") is overwritten and ("Theirs." in on_disk) is not overwritten


def test_unsaved_text_is_checked_as_typed_and_its_problems_marked(qtbot, make_page):
    page = make_page()
    open_in_list(qtbot, page, "02-steps.md")
    lesson = page.path
    with qtbot.waitSignal(page.validated, timeout=15000):
        type_at_end(qtbot, page.editor, "\nA claim.[^nobody2024]")
    problems = page.panel.problem_texts()
    assert any("footnote `[^nobody2024]` has no reference" in p for p in problems), problems
    assert "checked as edited: 1 unsaved file" in page.panel.summary.text()
    line = len(page.editor.toPlainText().splitlines())
    assert [n for n, _message in page.code.marks()] == [line]
    assert "nobody2024" not in lesson.read_text(encoding="utf-8")  # nothing was written
    open_in_list(qtbot, page, "module.md")
    assert page.code.marks() == []
    open_in_list(qtbot, page, "02-steps.md")
    assert [n for n, _message in page.code.marks()] == [line]


def test_closing_with_unsaved_changes_asks_and_can_be_cancelled(qtbot, make_page, monkeypatch):
    page = make_page()
    open_in_list(qtbot, page, "02-steps.md")
    type_at_end(qtbot, page.editor, "More.")
    monkeypatch.setattr(QMessageBox, "question", staticmethod(lambda *a, **k: Button.Cancel))
    assert page.close() is False
    assert page.isVisible()
    monkeypatch.setattr(QMessageBox, "question", staticmethod(lambda *a, **k: Button.Discard))
    assert page.close() is True


def test_a_quiz_is_previewed_as_the_learner_takes_it_in_the_written_order(qtbot, make_page):
    page = make_page()
    open_in_list(qtbot, page, "basics-quiz.yaml")
    assert page.preview.text().splitlines() == [
        "Question 1 (one answer): What is pain?",
        "Question 2 (ordering): Put the steps in order.",
    ]
    options = [b.accessibleName() for b in page.preview.quiz.findChildren(QRadioButton)]
    assert options == ["An experience", "A nerve signal"]  # written order, not shuffled
    labels = [w.text() for w in page.preview.quiz.findChildren(QLabel)]
    assert "Right answer: An experience" in labels
    assert "Right answer: Transduction → Transmission → Modulation → Perception" in labels
    page.preview.quiz.findChildren(QRadioButton)[1].click()  # trying an answer saves nothing
    told = [
        w.text()
        for w in page.preview.quiz.findChildren(QLabel)
        if w.accessibleName() == "Feedback on the answer tried"
    ]
    assert told[0] == "Not right: 0 of 1 points\n“A nerve signal”: That is nociception."
    assert not page.is_modified()


def test_a_broken_quiz_shows_its_problem_with_the_line(qtbot, make_page):
    page = make_page()
    open_in_list(qtbot, page, "basics-quiz.yaml")
    text = page.editor.toPlainText().replace("    key: a\n", "    key: z\n")
    with qtbot.waitSignal(page.preview_updated):
        page.editor.setPlainText(text)
    shown = page.preview.text()
    assert "basics-quiz.yaml:" in shown and "`z`" in shown


BROKEN_LESSON = LESSON_TWO.replace("perception.[^raja2020]", "perception.[^nobody2024]")


def test_validation_lists_every_problem_and_activating_one_opens_the_line(qtbot, make_page):
    broken_quiz = QUIZ.replace("    key: a\n", "    key: z\n")
    page = make_page(
        {"curriculum/basics/02-steps.md": BROKEN_LESSON, "quizzes/basics-quiz.yaml": broken_quiz}
    )
    page.files.setFocus()
    with qtbot.waitSignal(page.validated, timeout=10000):
        qtbot.keyClick(page.files, Qt.Key.Key_F5)
    problems = page.panel.problem_texts()
    expected = "curriculum/basics/02-steps.md:10: footnote `[^nobody2024]` has no reference"
    assert any(p.startswith(expected) for p in problems), problems
    assert any(p.startswith("quizzes/basics-quiz.yaml:") and "`z`" in p for p in problems)
    assert page.panel.summary.text().startswith(f"{len(problems)} problem")
    row = next(n for n, p in enumerate(problems) if p.startswith(expected))
    page.panel.select_row(row)
    qtbot.keyClick(page.panel.tree, Qt.Key.Key_Return)
    assert page.path is not None and page.path.name == "02-steps.md"
    assert cursor_line(page) == 10
    assert page.editor.textCursor().block().text().startswith("Transduction")


def test_warnings_follow_the_problems_marked_as_warnings_and_open_their_line(qtbot, make_page):
    longest_key = QUIZ.replace("text: An experience,", "text: An unpleasant experience,")
    page = make_page(
        {"curriculum/basics/02-steps.md": BROKEN_LESSON, "quizzes/basics-quiz.yaml": longest_key}
    )
    with qtbot.waitSignal(page.validated, timeout=10000):
        page.validate()
    texts = page.panel.problem_texts()
    assert texts[0].startswith("curriculum/basics/02-steps.md:10: footnote")
    assert len(texts) == 2
    assert texts[1].startswith("Warning: quizzes/basics-quiz.yaml:")
    assert "the key is the longest option in 1 of its 1 single-answer questions" in texts[1]
    assert not page.panel.items()[1].icon(0).isNull()
    assert page.panel.items()[0].icon(0).isNull()
    assert page.panel.summary.text().startswith("1 problem, 1 warning (1 modules")
    page.panel.select_row(1)
    qtbot.keyClick(page.panel.tree, Qt.Key.Key_Return)
    assert page.path is not None and page.path.name == "basics-quiz.yaml"
    assert page.editor.textCursor().block().text() == "questions:"
    (page.course_dir / "basics" / "02-steps.md").write_text(LESSON_TWO, encoding="utf-8")
    with qtbot.waitSignal(page.validated, timeout=10000):
        page.validate()
    assert page.panel.summary.text().startswith("No problems, 1 warning (1 modules")
    assert [t[:9] for t in page.panel.problem_texts()] == ["Warning: "]


def test_a_clean_course_says_so_with_what_it_holds(qtbot, make_page):
    page = make_page()
    with qtbot.waitSignal(page.validated, timeout=10000):
        page.validate()
    assert page.panel.problem_texts() == []
    assert page.panel.summary.text().startswith("No problems: 1 modules, 2 lessons, 6 questions")


def test_opening_another_folder_lists_its_files_and_checks_it(
    qtbot, make_page, monkeypatch, tmp_path
):
    page = make_page()
    other = tmp_path / "other"
    (other / "curriculum").mkdir(parents=True)
    (other / "quizzes").mkdir()
    for path in page.course_dir.rglob("*"):
        if path.is_file():
            target = other / "curriculum" / path.relative_to(page.course_dir)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    monkeypatch.setattr(file_dialogs, "existing_directory", lambda *a: str(other))
    with qtbot.waitSignal(page.validated, timeout=10000):
        next(b for b in page.findChildren(QAbstractButton) if "Open folder" in b.text()).click()
    assert page.course_dir == other / "curriculum"  # the project folder holding it works too
    assert page.quiz_dir == other / "quizzes"
    assert all(path.is_relative_to(other) for path in page._items)
    assert any("has no file basics-quiz.yaml" in p for p in page.panel.problem_texts())
    open_in_list(qtbot, page, "01-what-is-pain.md")
    assert "Pain is an unpleasant experience." in page.preview.text()  # its own renderer


def test_reload_course_asks_the_main_window_to_reload_then_validates(qtbot, make_page):
    navigator = ReloadingNavigator()
    page = make_page(navigator=navigator)
    button = next(b for b in page.findChildren(QAbstractButton) if "Reload" in b.text())
    with qtbot.waitSignal(page.validated, timeout=10000):
        button.click()
    assert navigator.calls == ["reload_course"]


def test_reload_without_a_reloading_window_only_validates(qtbot, make_page):
    page = make_page()
    with qtbot.waitSignal(page.validated, timeout=10000):
        page.reload_course()
    assert page.panel.summary.text().startswith("No problems")


def test_item_analysis_shows_each_question_sortable_and_opens_one(qtbot, make_page, monkeypatch):
    texts = {"a": "An experience", "b": "A nerve signal"}
    rows = [
        ItemStats(
            "basics-quiz", "bq-define", "What is pain?", 8, 0.75, 0.42, {"a": 6, "b": 2}, [], texts
        ),
        ItemStats(
            "basics-quiz",
            "bq-steps",
            "Put the steps in order.",
            8,
            0.125,
            -0.3,
            {},
            ["too hard", "strong learners miss it"],
        ),
        ItemStats("pretest", "pre-define", "Pain and nociception…", 1, None, None, {}, []),
        ItemStats("posttest", "post-define", "Pain is…", 0, None, None, {}, []),
    ]
    fake = types.ModuleType("trainer.services.item_analysis")
    fake.item_analysis = lambda store, catalog: rows  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "trainer.services.item_analysis", fake)
    page = make_page()
    table = page.analysis
    cells = [[table.item(r, c).text() for c in range(table.columnCount())] for r in range(4)]
    by_question = {row[0].split(":")[0]: row for row in cells}
    assert by_question["bq-define"][2:6] == [
        "8", "75 %", "0.42", "An experience (a): 6; A nerve signal (b): 2"
    ]  # fmt: skip
    assert by_question["bq-steps"][3:5] == ["12 %", "-0.30"]
    assert by_question["bq-steps"][6] == "too hard, strong learners miss it"
    assert by_question["pre-define"][3] == "not enough answers"
    table.sortItems(3, Qt.SortOrder.DescendingOrder)
    assert [table.item(r, 3).text() for r in range(3)] == ["75 %", "12 %", "not enough answers"]
    assert page.analysis_note.text().startswith("3 of 4 questions have answers.")
    row = next(r for r in range(4) if table.item(r, 0).text().startswith("bq-steps"))
    table.setCurrentCell(row, 0)
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_Return)
    assert page.path == page.quiz_dir / "basics-quiz.yaml"
    assert page.editor.textCursor().block().text().strip() == "- id: bq-steps"
    assert page.tabs.currentIndex() == 0


def test_item_analysis_says_when_it_is_not_available(make_page, monkeypatch):
    monkeypatch.setitem(sys.modules, "trainer.services.item_analysis", None)
    page = make_page()
    assert page.analysis_note.text() == "Item analysis is not available yet."


def test_every_control_has_an_accessible_name(qtbot, make_page):
    page = make_page()
    open_in_list(qtbot, page, "basics-quiz.yaml")
    controls = [
        *page.findChildren(QAbstractButton),
        *page.findChildren(QAbstractItemView),
        *page.findChildren(QPlainTextEdit),
        *page.findChildren(QTabWidget),
    ]
    nameless = [
        w
        for w in controls
        if w.isVisibleTo(page)
        and not (
            w.accessibleName() or w.text() if isinstance(w, QAbstractButton) else w.accessibleName()
        )
    ]
    assert nameless == []
    page.editor.setFocus()  # Tab indents; Ctrl+Tab leaves the editor: keyboard only works
    qtbot.keyClick(page.editor, Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)
    assert not page.editor.hasFocus()


def test_the_editor_uses_a_fixed_width_font(make_page):
    page = make_page()
    fixed = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
    assert page.editor.font().family() == fixed.family()


def test_the_quiz_folder_the_app_was_started_with_is_honoured(
    qtbot, store, write_course, tmp_path
) -> None:
    """`trainer --quizzes DIR`: validation and the file list use DIR, not a guess."""
    root = write_course({})
    elsewhere = tmp_path / "elsewhere"
    (root / "quizzes").rename(elsewhere)
    catalog = open_catalog(root / "curriculum", elsewhere)
    runner = TaskRunner()
    page = TrainerPage(AppContext(catalog, store, runner, FakeNavigator()))
    qtbot.addWidget(page)
    page.refresh()
    assert page.quiz_dir == elsewhere
    assert elsewhere / "basics-quiz.yaml" in page._items
    with qtbot.waitSignal(page.validated, timeout=10000):
        page.validate()
    assert page.panel.problem_texts() == []
    runner.wait()


def test_a_quiz_is_edited_in_the_question_form_and_one_undo_takes_it_back(qtbot, make_page):
    from PySide6.QtWidgets import QComboBox

    from trainer.quiz.question_text import question_data

    page = make_page()
    open_in_list(qtbot, page, "02-steps.md")
    assert not page.views.isTabEnabled(1)  # a lesson is edited as text
    open_in_list(qtbot, page, "basics-quiz.yaml")
    assert page.views.isTabEnabled(1)
    page.views.setCurrentIndex(1)
    form = page.question_form

    def lesson_choices() -> list[str]:  # the form is made again when the choices arrive
        combo = next(w for w in form.findChildren(QComboBox) if w.accessibleName() == "Lesson")
        return [combo.itemText(n) for n in range(combo.count())]

    qtbot.waitUntil(lambda: "steps#four-steps" in lesson_choices())
    prompt = next(w for w in form.findChildren(QPlainTextEdit) if w.accessibleName() == "Prompt")
    prompt.setPlainText("What is pain, in the IASP's words?")
    qtbot.waitUntil(lambda: page.is_modified())
    text = page.editor.toPlainText()
    assert question_data(text, "bq-define")["prompt"] == "What is pain, in the IASP's words?"
    assert page._items[page.path].text(0) == "basics-quiz.yaml (unsaved)"
    page.code.undo_action.trigger()
    assert question_data(page.editor.toPlainText(), "bq-define")["prompt"] == "What is pain?"
    open_in_list(qtbot, page, "02-steps.md")
    assert page.views.currentIndex() == 0
