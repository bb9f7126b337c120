"""Quiz results: score, pass or fail in words, and the review of every question."""

from __future__ import annotations

from collections.abc import Callable
from html import escape
from typing import TYPE_CHECKING, Any

import markdown
from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QTextDocumentFragment
from PySide6.QtWidgets import (
    QHBoxLayout,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from trainer.content.render import sanitise
from trainer.services.figures import percent_text, points_text
from trainer.ui.learner.question_widgets import (
    describe_answer,
    key_answer,
)
from trainer.ui.shell import theme

if TYPE_CHECKING:
    from trainer.quiz.model import QuizSpec
    from trainer.services.attempts import AttemptOutcome, QuestionReview


def prompt_html(text: str) -> str:
    """A prompt's Markdown as sanitised HTML for a rich-text label."""
    return sanitise(markdown.markdown(text, extensions=["tables", "attr_list"]))


def plain_text(html: str) -> str:
    return QTextDocumentFragment.fromHtml(html).toPlainText().strip()


def button(text: str, name: str, action: Callable[[], Any]) -> QPushButton:
    made = QPushButton(text)
    made.setAccessibleName(name)
    made.clicked.connect(lambda _checked=False: action())
    return made


class ResultsView(QWidget):
    """The score, passed or not (in words), attempts left, and the review once it is open."""

    open_lesson = Signal(str, str)  # lesson id, anchor

    def __init__(self, lesson_title: Callable[[str], str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lesson_title = lesson_title
        self.summary = QTextBrowser()
        self.summary.setOpenLinks(False)
        self.summary.setAccessibleName(self.tr("Quiz results and review"))
        self.summary.setAccessibleDescription(self.tr("Tab moves between the lesson links"))
        self.summary.anchorClicked.connect(self._link)
        self.try_again = QPushButton(self.tr("&Try again"))
        self.try_again.setAccessibleName(self.tr("Try the quiz again"))
        self.back = QPushButton(self.tr("&Back to the course"))
        self.back.setAccessibleName(self.tr("Back to the course"))
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.try_again)
        buttons.addWidget(self.back)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.summary, 1)
        layout.addLayout(buttons)

    def show_outcome(
        self,
        spec: QuizSpec,
        outcome: AttemptOutcome,
        reviews: list[QuestionReview] | None,
        notice: str = "",
    ) -> None:
        score_words = outcome.score.text if outcome.score else percent_text(outcome.percent)
        if outcome.baseline:  # nothing to pass: no verdict, no attempts to count down
            self.try_again.setVisible(False)
            verdict = self.tr("Baseline recorded")
            score = self.tr("Baseline: %s.") % score_words
            left = self.tr(
                "This shows what you knew before the course; it is not passed or failed. Your"
                " post-test is compared with it in My progress."
            )
        else:
            self.try_again.setVisible(not outcome.passed and outcome.attempts_left != 0)
            verdict = self.tr("✔ Passed") if outcome.passed else self.tr("✘ Not passed")
            score = self.tr("Your score: %s. The pass mark is %s.") % (
                score_words, percent_text(spec.pass_mark),
            )  # fmt: skip
            left = self._attempts_left(outcome)
        tone = theme.ACTIVE if outcome.baseline else theme.GOOD if outcome.passed else theme.BAD
        parts = [_coloured("h1", verdict, tone), f"<p>{escape(score)} {escape(left)}</p>"]
        if notice:
            parts.append(f"<p><b>{escape(notice)}</b></p>")
        if reviews is None:
            later = self.tr("The full review opens once you pass or use every attempt.")
            parts.append(f"<p>{escape(later)}</p>")
        else:
            parts.append(f"<h2>{escape(self.tr('Review'))}</h2>")
            parts += [self._card(n, len(reviews), r) for n, r in enumerate(reviews, 1)]
        self.summary.setHtml("\n".join(parts))

    def _attempts_left(self, outcome: AttemptOutcome) -> str:
        if outcome.attempts_left is None:
            return self.tr("You may take this quiz again as often as you like.")
        if outcome.attempts_left == 0:
            return self.tr("You have no attempts left.")
        return self.tr("You have %n attempt(s) left.", "", outcome.attempts_left)

    def show_message(self, heading: str, text: str) -> None:
        self.try_again.hide()
        self.summary.setHtml(f"<h1>{escape(heading)}</h1><p>{escape(text)}</p>")

    def _card(self, number: int, total: int, review: QuestionReview) -> str:
        question = review.question
        if review.correct:
            mark, tone = self.tr("✔ Right"), theme.GOOD
        elif review.score > 0:
            mark = self.tr("◐ Partly right: {part}")
            mark = mark.format(part=points_text(review.score, question.points))
            tone = theme.PARTIAL
        else:
            mark, tone = self.tr("✘ Wrong"), theme.BAD
        title = self.tr("Question {n} of {total}: {mark}").format(n=number, total=total, mark=mark)
        rows = [_coloured("h3", title, tone), prompt_html(question.prompt)]
        rows.append(self._answer(self.tr("Your answer:"), describe_answer(question, review.answer)))
        if not review.correct:
            right = describe_answer(question, key_answer(question))
            rows.append(self._answer(self.tr("The right answer:"), right))
        if review.feedback:
            items = "".join(f"<li>{escape(text)}</li>" for text in review.feedback)
            rows.append(f"<ul>{items}</ul>")
        rows.append(self._line(self.tr("Why:"), review.explanation))
        href = f"lesson:{review.lesson_id}" + (f"#{review.anchor}" if review.anchor else "")
        link = self.tr("Open the lesson “%s”") % self.lesson_title(review.lesson_id)
        rows.append(f'<p><a href="{escape(href)}">{escape(link)}</a></p>')
        return "\n".join(rows)

    @staticmethod
    def _line(label: str, text: str) -> str:
        return f"<p><b>{escape(label)}</b> {escape(text)}</p>"

    @classmethod
    def _answer(cls, label: str, text: str) -> str:
        """An answer of several options or pairs (one a line) as a list, one item each."""
        lines = [line for line in text.split("\n") if line.strip()]
        if len(lines) < 2:
            return cls._line(label, text)
        items = "".join(f"<li>{escape(line)}</li>" for line in lines)
        return f"<p><b>{escape(label)}</b></p><ul>{items}</ul>"

    def _link(self, url: QUrl) -> None:
        if url.scheme() == "lesson":
            self.open_lesson.emit(url.path(), url.fragment())


def _coloured(tag: str, text: str, tone: str) -> str:
    """A heading in the colour of its verdict (its words and mark say it too)."""
    colour = theme.status_colour(tone).name()
    return f'<{tag} style="color: {colour};">{escape(text)}</{tag}>'
