"""The trainer's live preview: an edited lesson as the learner will read it, an edited quiz
as the learner will take it, an edited client case as its outline, or the problems that
stop it from loading."""

from __future__ import annotations

import html
from typing import Any

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

from trainer.content.problems import Problem
from trainer.quiz.answer_text import right_answer
from trainer.quiz.grading import feedback, grade
from trainer.quiz.model import Question, QuizSpec
from trainer.services.authoring_preview import (
    Preview,
    problem_lines,
)
from trainer.ui.learner.question_widgets import make_question_widget
from trainer.ui.shell import theme
from trainer.ui.shell.text_and_tables import scaled, wrapping_label

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


def answer_feedback(question: Question, answer: Any) -> str:
    """What a learner is told for `answer`: the score, then the author's feedback."""
    result = grade(question, answer)
    verdict = (
        _tr("Right")
        if result.score >= result.points
        else _tr("Partly right")
        if result.score > 0
        else _tr("Not right")
    )
    score = (
        _tr("%1: %2 of %3 points")
        .replace("%1", verdict)
        .replace("%2", f"{result.score:g}")
        .replace("%3", f"{result.points:g}")
    )
    return "\n".join([score, *feedback(question, answer)])


def _problems_html(problems: tuple[Problem, ...]) -> str:
    """A case that loads may still name what the course lacks: said above its outline."""
    if not problems:
        return ""
    items = "".join(f"<li>{html.escape(line)}</li>" for line in problem_lines(problems))
    lead = html.escape(_tr("Problems to fix in this case:"))
    return f"<p><b>{lead}</b></p><ul>{items}</ul>"


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
        settings = _tr("Pass mark %1 %. Questions: %2. Feedback %3.").replace(
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
            # the trainer can try the answers and see what a learner is told; none is saved
            answers = make_question_widget(question)
            inner.addWidget(answers)
            key = wrapping_label(_tr("Right answer: %1").replace("%1", right_answer(question)))
            key.setAccessibleName(key.text())
            inner.addWidget(key)
            told = wrapping_label("")
            told.setAccessibleName(_tr("Feedback on the answer tried"))
            inner.addWidget(told)
            answers.answered.connect(
                lambda answer, question=question, told=told: told.setText(
                    answer_feedback(question, answer)
                )
            )
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
        """Show the page, the quiz, the case outline or the problems, keeping the reader's
        scroll place."""
        if preview.outline:
            self._show_html(_problems_html(preview.problems) + preview.outline)
        elif preview.problems and preview.quiz is None:
            self._show_message(
                _tr("This file cannot be loaded as it is:"), problem_lines(preview.problems)
            )
        elif preview.page is not None:
            self._show_html(preview.page.html)
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

    def _show_html(self, fragment: str) -> None:
        bar = self.browser.verticalScrollBar()
        place = bar.value()
        self.browser.setHtml(theme.lesson_html(fragment))
        bar.setValue(place)
        self.setCurrentWidget(self.browser)

    def _show_message(self, lead: str, lines: list[str]) -> None:
        items = "".join(f"<li>{html.escape(line)}</li>" for line in lines)
        body = f"<p>{html.escape(lead)}</p>" + (f"<ul>{items}</ul>" if items else "")
        self.message.setText(body)
        self.message.setAccessibleDescription("\n".join([lead, *lines]))
        self.setCurrentWidget(self.message)
