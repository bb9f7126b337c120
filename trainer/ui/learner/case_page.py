"""The client-case player: one decision at a time, feedback after each choice, then the
ending's debrief with the objectives practised and the lessons to read again.

Each choice is committed as it is made (services/case_play.py), in the background; the
choices wait, unchangeable, until it is written, and a refusal is said on the page,
which stays as it was. Opening a case resumes the learner's unfinished run of it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, datetime
from html import escape
from itertools import pairwise
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QSize, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QCursor, QDesktopServices, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QToolButton,
    QToolTip,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from trainer.cases.model import Ending
from trainer.content.limits import FOOTNOTE_USE
from trainer.services import case_play
from trainer.ui.shell import theme
from trainer.ui.shell.tasks import PROGRESS
from trainer.ui.shell.text_and_tables import follow_focus, scaled, sentence, wrapping_label
from trainer.ui.shell.theme import make_primary, set_tone

if TYPE_CHECKING:
    from trainer.cases.loader import Case
    from trainer.cases.model import Node
    from trainer.services.case_play import CaseRun, ChoiceOutcome
    from trainer.ui.shell.context import AppContext

# the rendered footnotes: said below the text as "Why: …" lines instead
FOOTNOTES = re.compile(r'<div class="footnote">.*?</div>', re.DOTALL)
MAX_KEYED_CHOICES = 9  # digit keys 1 to 9 choose


class WrappingButton(QPushButton):
    """A large, full-width button whose text wraps (a QPushButton's own text never does):
    a mark (the number that chooses a choice by key), then the text in a wrapping label.
    Enter activates it; the up and down arrows move to the next control and back."""

    def __init__(self, mark: str, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(text)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.mark = QLabel(mark)
        self.label = wrapping_label(text)
        font = self.mark.font()
        font.setBold(True)
        self.mark.setFont(font)
        for label in (self.mark, self.label):
            label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.row = row = QHBoxLayout(self)
        row.setContentsMargins(
            theme.SPACE["m"], theme.SPACE["s"], theme.SPACE["m"], theme.SPACE["s"]
        )
        row.setSpacing(theme.SPACE["m"])
        row.addWidget(self.mark, 0, Qt.AlignmentFlag.AlignTop)
        row.addWidget(self.label, 1)

    def sizeHint(self) -> QSize:
        return self.row.sizeHint()

    def minimumSizeHint(self) -> QSize:
        return self.row.minimumSize()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.click()
        elif key == Qt.Key.Key_Down:
            self.focusNextChild()
        elif key == Qt.Key.Key_Up:
            self.focusPreviousChild()
        else:
            super().keyPressEvent(event)


def choice_button(number: int, text: str) -> WrappingButton:
    """A choice: its number, which also chooses it by key, then its text."""
    button = WrappingButton(str(number), text)
    button.setAccessibleDescription(
        QCoreApplication.translate("CasePage", "Choice %s: press %s to choose it")
        % (number, number)
    )
    return button


class EnterButton(QPushButton):
    """A button that Enter activates as well as Space."""

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.click()
        else:
            super().keyPressEvent(event)


def enter_button(text: str, name: str, action: Callable[[], object]) -> EnterButton:
    made = EnterButton(text)
    made.setAccessibleName(name)
    made.clicked.connect(lambda _checked=False: action())
    return made


class CasePage(QWidget):
    """Plays one client case: open_case(case_id) resumes the learner's unfinished run of it,
    or starts a new one."""

    opened = Signal(str)  # the case id, once its run is shown (or why it cannot be)
    choice_saved = Signal(object)  # the ChoiceOutcome, once the choice is committed
    finished = Signal(str, str)  # case id, ending id: the choice that reached an ending

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.case: Case | None = None
        self.run: CaseRun | None = None
        self.opening: str | None = None  # the case whose run is being found
        self.saving = False
        self.outcome: ChoiceOutcome | None = None  # the last choice, while its feedback shows
        self.choices: list[WrappingButton] = []
        self.now: Callable[[], datetime] = lambda: datetime.now(UTC)

        self.title = scaled(QLabel(), 1.5)
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.about_toggle = QToolButton()
        self.about_toggle.setText(self.tr("About the client"))
        self.about_toggle.setAccessibleName(self.tr("About the client"))
        self.about_toggle.setCheckable(True)
        self.about_toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.about_toggle.toggled.connect(self._show_about)
        self.about = self._rich_label(self.tr("About the client"))
        self.body = QWidget()
        self.body_layout = QVBoxLayout(self.body)
        for widget in (self.title, self.about_toggle, self.about):
            self.body_layout.addWidget(widget)
        self.body_layout.addWidget(self._build_scene())
        self.body_layout.addWidget(self._build_decision())
        self.body_layout.addWidget(self._build_feedback())
        self.body_layout.addWidget(self._build_ending())
        self.error = wrapping_label("")
        self.error.setAccessibleName(self.tr("Problem"))
        self.error.hide()
        self.body_layout.addWidget(self.error)
        self.body_layout.addStretch(1)
        self.scroll_area = QScrollArea()
        follow_focus(self.scroll_area)
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setWidget(self.body)
        self.scroll_area.setAccessibleName(self.tr("Client case"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.scroll_area)
        self.keys = [self._digit_key(number) for number in range(1, MAX_KEYED_CHOICES + 1)]
        self._show_nothing()

    def _digit_key(self, number: int) -> QShortcut:
        key = QShortcut(QKeySequence(str(number)), self)
        key.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        key.activated.connect(lambda: self._choose_number(number))
        return key

    def _rich_label(self, name: str) -> QLabel:
        label = wrapping_label("", rich=True)
        label.setAccessibleName(name)
        label.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.LinksAccessibleByMouse
        )
        label.linkActivated.connect(self._link_activated)
        return label

    def _build_scene(self) -> QWidget:
        """The step and what the client says: kept in view under the choice's feedback."""
        self.scene = QWidget()
        self.step = scaled(QLabel(), 1.2)
        self.node_text = self._rich_label(self.tr("What the client says"))
        layout = QVBoxLayout(self.scene)
        layout.setContentsMargins(0, theme.SPACE["l"], 0, 0)
        layout.addWidget(self.step)
        layout.addWidget(self.node_text)
        return self.scene

    def _build_decision(self) -> QWidget:
        self.decision = QWidget()
        self.choices_box = QVBoxLayout()
        self.choices_box.setSpacing(theme.SPACE["s"])
        self.keys_hint = wrapping_label(
            self.tr("Press a choice's number, or move with Tab or the arrow keys and press Enter.")
        )
        self.path_so_far = wrapping_label("", rich=True)
        self.path_so_far.setAccessibleName(self.tr("Your path so far"))
        layout = QVBoxLayout(self.decision)
        layout.setContentsMargins(0, theme.SPACE["s"], 0, 0)
        layout.addLayout(self.choices_box)
        layout.addWidget(self.keys_hint)
        layout.addWidget(self.path_so_far)
        return self.decision

    def _build_feedback(self) -> QWidget:
        self.feedback = QWidget()
        self.chosen = wrapping_label("")
        self.chosen.setAccessibleName(self.tr("Your choice"))
        self.rating = scaled(QLabel(), 1.1, bold=True)
        self.rating.setAccessibleName(self.tr("How helpful your choice was"))
        self.rating.setMargin(self.rating.fontMetrics().height() // 3)
        self.feedback_text = self._rich_label(self.tr("Feedback"))
        self.why = wrapping_label("", rich=True)
        self.why.setAccessibleName(self.tr("Why: the sources"))
        self.continue_button = enter_button(
            self.tr("&Continue"), self.tr("Continue"), self.continue_on
        )
        make_primary(self.continue_button)
        row = QHBoxLayout()
        row.addWidget(self.continue_button)
        row.addStretch(1)
        layout = QVBoxLayout(self.feedback)
        layout.setContentsMargins(0, theme.SPACE["m"], 0, 0)
        for widget in (self.chosen, self.rating, self.feedback_text, self.why):
            layout.addWidget(widget)
        layout.addLayout(row)
        return self.feedback

    def _build_ending(self) -> QWidget:
        self.ending_view = QWidget()
        self.ending_title = scaled(QLabel(), 1.3)
        self.ending_title.setTextFormat(Qt.TextFormat.PlainText)
        self.outcome_label = scaled(QLabel(), 1.1, bold=True)
        self.outcome_label.setAccessibleName(self.tr("How the session went"))
        self.outcome_label.setMargin(self.outcome_label.fontMetrics().height() // 3)
        self.debrief = self._rich_label(self.tr("Debrief"))
        self.debrief_why = wrapping_label("", rich=True)
        self.debrief_why.setAccessibleName(self.tr("Why: the sources"))
        self.practised = wrapping_label("", rich=True)
        self.practised.setAccessibleName(self.tr("What this case practised"))
        self.lessons_heading = wrapping_label(self.tr("Read again:"))
        self.lesson_buttons: list[WrappingButton] = []
        self.lessons_box = QVBoxLayout()
        self.path = wrapping_label("", rich=True)
        self.path.setAccessibleName(self.tr("Your path"))
        self.again = enter_button(
            self.tr("&Try another path"), self.tr("Try another path"), self.try_again
        )
        make_primary(self.again)
        self.home = enter_button(
            self.tr("Back to the course &home"),
            self.tr("Back to the course home"),
            lambda: self.context.navigator.show_home(),
        )
        buttons = QHBoxLayout()
        buttons.addWidget(self.again)
        buttons.addWidget(self.home)
        buttons.addStretch(1)
        layout = QVBoxLayout(self.ending_view)
        layout.setContentsMargins(0, theme.SPACE["l"], 0, 0)
        for widget in (self.ending_title, self.outcome_label, self.debrief, self.debrief_why):
            layout.addWidget(widget)
        layout.addWidget(self.practised)
        layout.addWidget(self.lessons_heading)
        layout.addLayout(self.lessons_box)
        layout.addWidget(self.path)
        layout.addLayout(buttons)
        return self.ending_view

    # Opening a case

    def open_case(
        self, case_id: str, ready: Callable[[], object] | None = None, *, fresh: bool = False
    ) -> None:
        """Show the learner's latest run of the case: where an unfinished one stopped, or
        the ending and debrief of a finished one; a new run when there is none, or when
        `fresh` (Try another path). In the background; then call `ready` (the window shows
        the page)."""
        context = self.context
        store, catalog, learner_id = context.store, context.catalog, context.learner_id
        self.opening = case_id

        def work() -> CaseRun:
            latest = None if fresh else case_play.latest_run(store, catalog, learner_id, case_id)
            return latest or case_play.start_run(store, catalog, learner_id, case_id, self.now())

        def done(run: CaseRun) -> None:
            if self._still_wanted(case_id, learner_id):
                self._begin(run)
                self._opened(case_id, ready)

        def refused(error: Exception) -> None:
            if self._still_wanted(case_id, learner_id):
                self._show_nothing()
                self._show_error(self.tr("The case cannot be opened: %s") % sentence(error))
                self._opened(case_id, ready)

        context.tasks.read(
            work, done, what=self.tr("Opening the client case"), on_failure=refused
        )  # fmt: skip

    def _still_wanted(self, case_id: str, learner_id: str) -> bool:
        return isValid(self) and self.opening == case_id and self.context.is_current(learner_id)

    def _opened(self, case_id: str, ready: Callable[[], object] | None) -> None:
        self.opening = None
        if ready is not None:
            ready()
        self.opened.emit(case_id)

    def try_again(self) -> None:
        """A new run of the same case, from its start."""
        if self.case is not None:
            self.open_case(self.case.id, fresh=True)

    def _begin(self, run: CaseRun) -> None:
        case = self.context.catalog.case(run.case_id)
        self.case, self.run, self.outcome = case, run, None
        self.saving = False  # a choice of another run still being written is dropped
        self.title.setText(case.spec.title)
        self.about.setText(self._about_html(case))
        self.about_toggle.setChecked(not run.steps)  # said before the first decision
        self._show_about(self.about_toggle.isChecked())
        self.error.hide()
        ending = next((e for e in case.spec.endings if e.id == run.ending_id), None)
        if ending is not None:  # played to its end before: its debrief, and Try another path
            self._show_ending(ending)
            self._enable_keys(False)
            return
        node = case.spec.node(run.node_id or "")
        if node is None:  # an opened run is never stale
            self._show_nothing()
            return
        self._show_decision(node)

    def _about_html(self, case: Case) -> str:
        render = self._render
        return (
            f"<p><b>{escape(self.tr('The client'))}</b></p>{render(case.spec.client)}"
            f"<p><b>{escape(self.tr('The setting'))}</b></p>{render(case.spec.setting)}"
        )

    def _show_about(self, shown: bool) -> None:
        self.about.setVisible(shown)
        self.about_toggle.setArrowType(Qt.ArrowType.DownArrow if shown else Qt.ArrowType.RightArrow)
        self.about_toggle.setAccessibleDescription(
            self.tr("Shown: press Space to hide it") if shown else self.tr("Press Space to show it")
        )

    # One decision

    def _show_nothing(self) -> None:
        for section in (self.scene, self.decision, self.feedback, self.ending_view):
            section.hide()
        self._enable_keys(False)

    def _show_decision(self, node: Node) -> None:
        assert self.run is not None
        self.step.setText(self.tr("Decision %s") % (len(self.run.steps) + 1))
        self.node_text.setText(self._render(node.text))
        self._fill_choices(node)
        self.path_so_far.setText(self._path_html(self.tr("Your path so far:")))
        self.path_so_far.setVisible(bool(self.run.steps))
        self.scene.show()
        self.decision.show()
        self.feedback.hide()
        self.ending_view.hide()
        self._enable_keys(True)
        if self.choices:
            self.choices[0].setFocus(Qt.FocusReason.OtherFocusReason)
        QTimer.singleShot(0, self, lambda: self.scroll_area.verticalScrollBar().setValue(0))

    def _fill_choices(self, node: Node) -> None:
        for old in self.choices:
            self.choices_box.removeWidget(old)
            old.deleteLater()
        self.choices = []
        for number, choice in enumerate(node.choices, 1):
            button = choice_button(number, choice.text)
            button.clicked.connect(lambda _checked=False, c=choice.id: self.choose(c))
            self.choices_box.addWidget(button)
            self.choices.append(button)
        chain([self.about_toggle, *self.choices])

    def _enable_keys(self, on: bool) -> None:
        for number, key in enumerate(self.keys, 1):
            key.setEnabled(on and number <= len(self.choices))

    def _choose_number(self, number: int) -> None:
        if self.decision.isVisible() and 0 < number <= len(self.choices):
            self.choices[number - 1].click()

    def choose(self, choice_id: str) -> None:
        """Commit the choice in the background, then show its feedback; the choices wait,
        unchangeable, until it is written."""
        if self.run is None or self.run.node_id is None or self.saving:
            return
        context, run, node_id = self.context, self.run, self.run.node_id
        store, catalog, learner_id = context.store, context.catalog, context.learner_id
        made_at = self.now()
        self.saving = True
        self._set_choices_enabled(False)

        def work() -> ChoiceOutcome:
            return case_play.choose(
                store, catalog, learner_id, run.run_id, node_id, choice_id, made_at
            )

        context.tasks.write(
            work,
            lambda outcome: self._saved(run.run_id, outcome),
            what=self.tr("Saving your choice"),
            changes={PROGRESS},
            on_failure=self._not_saved,
        )

    def _set_choices_enabled(self, enabled: bool) -> None:
        for button in self.choices:
            button.setEnabled(enabled)
        self._enable_keys(enabled)

    def _not_saved(self, error: Exception) -> None:
        if not isValid(self):
            return
        self.saving = False
        self._set_choices_enabled(True)
        self._show_error(self.tr("Your choice could not be saved: %s") % sentence(error))
        if self.choices:
            self.choices[0].setFocus(Qt.FocusReason.OtherFocusReason)

    def _saved(self, run_id: str, outcome: ChoiceOutcome) -> None:
        if not isValid(self) or self.run is None or self.run.run_id != run_id:
            return  # another run was opened meanwhile
        self.saving = False
        self.run, self.outcome = outcome.run, outcome
        self.error.hide()
        self.context.navigator.saved(self.tr("Choice saved"))
        self._show_feedback(outcome)
        self.choice_saved.emit(outcome)
        if outcome.ending is not None:
            self.finished.emit(outcome.run.case_id, outcome.ending.id)

    def _show_feedback(self, outcome: ChoiceOutcome) -> None:
        self.decision.hide()
        self._enable_keys(False)
        self.about_toggle.setChecked(False)  # the step and the feedback come first now
        self.chosen.setText(self.tr("You chose: %s") % outcome.choice.text)
        self.rating.setText(rating_words(outcome.rating))
        set_tone(self.rating, TONES[outcome.rating])
        html, why = self._render_with_sources(outcome.feedback)
        self.feedback_text.setText(html)
        self.why.setText(why)
        self.why.setVisible(bool(why))
        self.continue_button.setAccessibleDescription(
            self.tr("On to the ending") if outcome.ending else self.tr("On to the next decision")
        )
        self.feedback.show()
        self.continue_button.setFocus(Qt.FocusReason.OtherFocusReason)
        QTimer.singleShot(0, self, lambda: self.scroll_area.ensureWidgetVisible(self.rating))

    def continue_on(self) -> None:
        """From a choice's feedback to the next decision, or to the ending."""
        if self.outcome is None:
            return
        outcome, self.outcome = self.outcome, None
        if outcome.ending is not None:
            self._show_ending(outcome.ending)
        elif outcome.next_node is not None:
            self._show_decision(outcome.next_node)

    # The ending

    def _show_ending(self, ending: Ending) -> None:
        assert self.case is not None
        self.feedback.hide()
        self.scene.hide()
        self.decision.hide()
        self.ending_title.setText(self.tr("How it ended: %s") % ending.title)
        self.outcome_label.setText(self.tr("Outcome: %s") % rating_words(ending.outcome))
        set_tone(self.outcome_label, TONES[ending.outcome])
        html, why = self._render_with_sources(ending.debrief)
        self.debrief.setText(html)
        self.debrief_why.setText(why)
        self.debrief_why.setVisible(bool(why))
        self.practised.setText(self._practised_html())
        self._fill_lessons(ending)
        self.path.setText(self._path_html(self.tr("Your path:")))
        self.ending_view.show()
        self.again.setFocus(Qt.FocusReason.OtherFocusReason)
        QTimer.singleShot(0, self, lambda: self.scroll_area.ensureWidgetVisible(self.ending_title))

    def _practised_html(self) -> str:
        assert self.case is not None
        texts = {o.id: o.text for o in self.context.catalog.course.objectives}
        items = "".join(
            f"<li>{escape(texts.get(objective, objective))}</li>"
            for objective in self.case.spec.objectives
        )
        return f"<p><b>{escape(self.tr('What this case practised:'))}</b></p><ul>{items}</ul>"

    def _fill_lessons(self, ending: Ending) -> None:
        for old in self.lesson_buttons:
            self.lessons_box.removeWidget(old)
            old.deleteLater()
        self.lesson_buttons = []
        for link in case_play.ending_lessons(self.context.catalog, ending):
            anchor = Ending.anchor(link.href.removeprefix("lesson:")) or ""
            button = WrappingButton("→", self.tr("Read the lesson “%s”") % link.title)
            button.clicked.connect(
                lambda _checked=False, lesson=link.lesson_id, at=anchor: (
                    self.context.navigator.open_lesson(lesson, at)
                )
            )
            self.lessons_box.addWidget(button)
            self.lesson_buttons.append(button)
        chain([self.about_toggle, *self.lesson_buttons, self.again, self.home])
        self.lessons_heading.setVisible(bool(self.lesson_buttons))

    def _path_html(self, heading: str) -> str:
        """Each decision of the run so far: the choice made and its rating."""
        assert self.case is not None and self.run is not None
        items = []
        for step in self.run.steps:
            choice = self.case.spec.choice(step.node_id, step.choice_id)
            text = choice.text if choice else step.choice_id
            items.append(f"<li>{escape(text)} — {escape(rating_words(step.rating))}</li>")
        return f"<p><b>{escape(heading)}</b></p><ol>{''.join(items)}</ol>"

    # Text

    def _render(self, text: str) -> str:
        assert self.case is not None
        return self.context.catalog.renderer.render_case_text(text, self.case.path)

    def _render_with_sources(self, text: str) -> tuple[str, str]:
        """The text rendered without its footnotes, and a "Why:" line for each source."""
        html = FOOTNOTES.sub("", self._render(text))
        references = self.context.catalog.course.references
        lines = [
            self.tr("Why: [%s] %s") % (number, references[label].citation())
            for number, label in enumerate(dict.fromkeys(FOOTNOTE_USE.findall(text)), 1)
            if label in references
        ]
        return html, "".join(f"<p>{escape(line)}</p>" for line in lines)

    def _link_activated(self, href: str) -> None:
        url = QUrl(href)
        scheme = url.scheme()
        if scheme == "glossary":
            term = self.context.catalog.glossary_term(url.path())
            if term is not None:
                QToolTip.showText(
                    QCursor.pos(),
                    f"<b>{escape(term.term)}</b>: {escape(term.definition)}",
                    self,
                )
        elif not scheme and url.fragment().startswith("fn:"):
            reference = self.context.catalog.course.references.get(url.fragment()[3:])
            if reference is not None:
                QToolTip.showText(QCursor.pos(), escape(reference.citation()), self)
        elif scheme == "lesson":
            self.context.navigator.open_lesson(url.path(), url.fragment())
        elif scheme in {"http", "https", "mailto"}:
            QDesktopServices.openUrl(url)  # never fetched by the app itself

    def _show_error(self, text: str) -> None:
        self.error.setText("⚠ " + text)
        set_tone(self.error, "bad")
        self.error.show()


def chain(widgets: list[QWidget]) -> None:
    """Tab in the order shown: buttons made as a case is played come after the others."""
    for first, second in pairwise(widgets):
        QWidget.setTabOrder(first, second)


TONES = {"helpful": "good", "partly": "partial", "harmful": "bad"}


def rating_words(rating: str) -> str:
    """A rating in words and a symbol, never colour alone."""
    words = {
        "helpful": QCoreApplication.translate("CasePage", "Helpful ✓"),
        "partly": QCoreApplication.translate("CasePage", "Partly helpful ~"),
        "harmful": QCoreApplication.translate("CasePage", "Harmful ✗"),
    }
    return words.get(rating, rating)
