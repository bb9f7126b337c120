"""The trainer's live preview: an edited lesson as the learner will read it, an edited quiz
as the learner will take it, or the problems that stop it from loading."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QFrame,
    QLabel,
    QScrollArea,
    QStackedWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from trainer.content.formats import LessonFront, ModuleFront
from trainer.content.frontmatter import split_front_matter
from trainer.content.model import Lesson, Module
from trainer.content.problems import ContentError, Problem
from trainer.content.render import RenderedPage, Renderer
from trainer.content.schema import validate_document
from trainer.content.yamlsource import parse_yaml
from trainer.quiz.model import QuizSpec
from trainer.ui.learner.question_widgets import make_question_widget
from trainer.ui.shell.text_and_tables import scaled, wrapping_label

LESSON_NAME = re.compile(r"^(\d{2})-(.+)\.md$")
KINDS = {
    "single": "one answer",
    "multiple": "several answers",
    "true_false": "true or false",
    "matching": "matching",
    "ordering": "ordering",
    "numeric": "a number",
}


def _tr(text: str) -> str:
    return QCoreApplication.translate("AuthoringPreview", text)


class FileKind(Enum):
    """What an authored file is, which decides how it is previewed."""

    LESSON = "lesson"
    MODULE = "module"
    QUIZ = "quiz"
    YAML = "yaml"  # course.yaml, glossary, references, evaluation
    OTHER = "other"


def file_kind(path: Path, quiz_dir: Path) -> FileKind:
    """The kind of `path`: quizzes are the YAML files of the quiz folder."""
    if path.suffix in {".yaml", ".yml"}:
        return FileKind.QUIZ if path.parent.resolve() == quiz_dir.resolve() else FileKind.YAML
    if path.name == "module.md":
        return FileKind.MODULE
    if LESSON_NAME.match(path.name):
        return FileKind.LESSON
    return FileKind.OTHER


@dataclass(frozen=True)
class Preview:
    """What the preview pane shows for one edited text: a page, a quiz, or problems."""

    page: RenderedPage | None = None
    quiz: QuizSpec | None = None
    problems: tuple[Problem, ...] = ()
    note: str = ""


def build_preview(text: str, path: Path, kind: FileKind, renderer: Renderer | None) -> Preview:
    """Load the edited `text` of `path` as the app would; never raises for bad content."""
    try:
        if kind is FileKind.QUIZ:
            spec, problems = validate_document(QuizSpec, parse_yaml(text, path))
            return Preview(quiz=spec, problems=tuple(problems))
        if kind is FileKind.YAML:
            parse_yaml(text, path)
            return Preview(note=_tr("Valid YAML. Validate (F5) checks what it says."))
        if kind not in {FileKind.LESSON, FileKind.MODULE}:
            return Preview(note=_tr("No preview for this file."))
        if renderer is None:
            return Preview(note=_tr("The preview appears once the course has loaded."))
        return Preview(page=render_markdown(text, path, kind, renderer))
    except ContentError as error:
        return Preview(problems=tuple(error.problems))


def render_markdown(text: str, path: Path, kind: FileKind, renderer: Renderer) -> RenderedPage:
    """The lesson or module introduction in `text`, rendered as the learner sees it.

    Raises ContentError with the problems of its front matter."""
    source = split_front_matter(text, path)
    if kind is FileKind.MODULE:
        module_front, problems = validate_document(ModuleFront, source.front)
        if module_front is None:
            raise ContentError(problems)
        module = Module(
            id=module_front.id,
            title=module_front.title,
            path=path.parent,
            minutes=module_front.minutes,
            intro=source.body,
            intro_line=source.body_line,
        )
        return renderer.render_module_intro(module)
    front, problems = validate_document(LessonFront, source.front)
    if front is None:
        raise ContentError(problems)
    match = LESSON_NAME.match(path.name)
    lesson = Lesson(
        id=front.id,
        title=front.title,
        minutes=front.minutes,
        objectives=tuple(front.objectives),
        practice=tuple(front.practice),
        module_id=path.parent.name,
        number=int(match.group(1)) if match else 0,
        path=path,
        body=source.body,
        body_line=source.body_line,
        hash="",
    )
    return renderer.render_lesson(lesson)


def problem_lines(problems: tuple[Problem, ...]) -> list[str]:
    """Each problem as `file:line: message`, the file by its name alone."""
    return [f"{p.file.name}:{p.line}: {p.message}" for p in problems]


class QuizPreview(QScrollArea):
    """A quiz's questions in the written order, with the controls the learner will use;
    answering them saves nothing."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setAccessibleName(_tr("Quiz preview"))
        self.question_labels: list[QLabel] = []

    def show_quiz(self, spec: QuizSpec) -> None:
        """Replace what is shown with `spec`, its questions in the order written."""
        body = QWidget()
        layout = QVBoxLayout(body)
        title = scaled(QLabel(spec.title), 1.4)
        title.setAccessibleName(spec.title)
        layout.addWidget(title)
        settings = _tr("Pass mark %1 %; %2 questions; feedback %3").replace(
            "%1", f"{spec.pass_mark:g}"
        )
        settings = settings.replace("%2", str(len(spec.questions)))
        feedback = _tr("after each answer") if spec.feedback == "immediate" else _tr("at the end")
        settings = settings.replace("%3", feedback)
        layout.addWidget(wrapping_label(settings + " " + _tr("Try the answers: nothing is saved.")))
        self.question_labels = []
        for number, question in enumerate(spec.questions, start=1):
            frame = QFrame()
            frame.setFrameShape(QFrame.Shape.StyledPanel)
            inner = QVBoxLayout(frame)
            prompt = wrapping_label(
                _tr("Question %1 (%2): %3")
                .replace("%1", str(number))
                .replace("%2", _tr(KINDS.get(question.type, question.type)))
                .replace("%3", question.prompt)
            )
            prompt.setAccessibleName(prompt.text())
            inner.addWidget(prompt)
            # connected to nothing: the trainer can try the answers, none is saved
            inner.addWidget(make_question_widget(question))
            layout.addWidget(frame)
            self.question_labels.append(prompt)
        layout.addStretch(1)
        old = self.takeWidget()
        if old is not None:
            old.deleteLater()
        self.setWidget(body)


class PreviewPane(QStackedWidget):
    """Shows a Preview: the rendered page, the quiz, or the problems with their lines."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(_tr("Preview"))
        self.browser = QTextBrowser()
        self.browser.setOpenLinks(False)  # a preview never navigates away
        self.browser.setAccessibleName(_tr("Page preview"))
        self.quiz = QuizPreview()
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.RichText)
        self.message.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.message.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.message.setAccessibleName(_tr("Preview message"))
        for widget in (self.browser, self.quiz, self.message):
            self.addWidget(widget)

    def show_preview(self, preview: Preview) -> None:
        """Show the page, the quiz or the problems, keeping the reader's scroll place."""
        if preview.problems and preview.quiz is None:
            self._show_message(
                _tr("This file cannot be loaded as it is:"), problem_lines(preview.problems)
            )
        elif preview.page is not None:
            bar = self.browser.verticalScrollBar()
            place = bar.value()
            self.browser.setHtml(preview.page.html)
            bar.setValue(place)
            self.setCurrentWidget(self.browser)
        elif preview.quiz is not None:
            self.quiz.show_quiz(preview.quiz)
            self.setCurrentWidget(self.quiz)
        else:
            self._show_message(preview.note, [])

    def text(self) -> str:
        """What the pane shows, as plain text (for the status and for tests)."""
        current = self.currentWidget()
        if current is self.browser:
            return self.browser.toPlainText()
        if current is self.quiz:
            return "\n".join(label.text() for label in self.quiz.question_labels)
        return self.message.accessibleDescription()

    def _show_message(self, lead: str, lines: list[str]) -> None:
        items = "".join(f"<li>{html.escape(line)}</li>" for line in lines)
        body = f"<p>{html.escape(lead)}</p>" + (f"<ul>{items}</ul>" if items else "")
        self.message.setText(body)
        self.message.setAccessibleDescription("\n".join([lead, *lines]))
        self.setCurrentWidget(self.message)
