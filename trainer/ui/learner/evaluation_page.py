"""The course evaluation: a form built from evaluation.yaml, opened once the post-test is passed."""

from __future__ import annotations

import html
import itertools
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from trainer.content.formats import EvaluationForm, RatingItem, YesNoItem
from trainer.services import evaluation
from trainer.services.learner_progress import LearnerProgress, learner_progress
from trainer.ui.shell.context import AppContext
from trainer.ui.shell.tasks import LEARNERS, PROGRESS, Freshness
from trainer.ui.shell.text_and_tables import (
    LinesBox,
    follow_focus,
    heading,
    local_time,
    message_page,
    sentence,
)

if TYPE_CHECKING:
    from trainer.content.formats import TextItem
    from trainer.services.completion import CourseStatus

    Item = RatingItem | YesNoItem | TextItem


@dataclass
class _Field:
    """One item of the form on screen: how to read and restore its answer."""

    item: Item
    box: QGroupBox
    focus: QWidget
    error: QLabel
    read: Callable[[], Any]
    restore: Callable[[Any], None]
    prompt: QLabel | None = None


class EvaluationPage(QWidget):
    """The course evaluation form; after submitting, a thank-you and the way to the certificate."""

    loaded = Signal()
    submitted = Signal()

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.status: CourseStatus | None = None
        self.record: LearnerProgress | None = None
        self.fields: list[_Field] = []
        self._restoring = False
        self.freshness = Freshness(self, context.tasks, {PROGRESS, LEARNERS}, self.refresh)
        self.title = heading(self.tr("Course evaluation"))
        self.pages = QStackedWidget()

        self.message = QLabel(self.tr("Loading…"))
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.RichText)
        self.message.setAccessibleName(self.tr("About the evaluation"))
        self.message.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.certificate_button = QPushButton(self.tr("Go to your &certificate"))
        self.certificate_button.setAccessibleName(self.tr("Go to your certificate"))
        self.certificate_button.clicked.connect(lambda: self.context.navigator.show_certificate())
        thanks_page = message_page(self.message, self.certificate_button)

        self.form = QWidget()
        self.scroll_area = QScrollArea()
        follow_focus(self.scroll_area)
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setWidget(self.form)
        self.scroll_area.setAccessibleName(self.tr("Evaluation questions"))
        self.scroll_area.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # it scrolls to the focused answer
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setAccessibleName(self.tr("Problem with the form"))
        self.error.setVisible(False)
        self.submit_button = QPushButton(self.tr("&Submit the evaluation"))
        self.submit_button.setAccessibleName(self.tr("Submit the evaluation"))
        self.submit_button.setAccessibleDescription(
            self.tr("Sends your answers; they cannot be changed afterwards")
        )
        self.submit_button.clicked.connect(self.submit)
        form_page = QWidget()
        form_layout = QVBoxLayout(form_page)
        form_layout.setContentsMargins(0, 0, 0, 0)
        form_layout.addWidget(self.scroll_area, 1)
        form_layout.addWidget(self.error)

        self.pages.addWidget(thanks_page)
        self.pages.addWidget(form_page)
        self.back_button = QPushButton(self.tr("&Back to the course"))
        self.back_button.setAccessibleName(self.tr("Back to the course"))
        self.back_button.clicked.connect(lambda: self.context.navigator.show_home())
        buttons = QHBoxLayout()
        buttons.addWidget(self.submit_button)
        buttons.addStretch(1)
        buttons.addWidget(self.back_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.pages, 1)
        layout.addLayout(buttons)

    @property
    def form_spec(self) -> EvaluationForm | None:
        return self.context.catalog.course.evaluation

    def refresh(self) -> None:
        """Read where the learner stands in the background, then show the right state."""
        context = self.context
        store, catalog, learner_id = context.store, context.catalog, context.learner_id
        self.freshness.loading()
        context.tasks.read(
            lambda: learner_progress(store, catalog, learner_id),
            self._show,
            what=self.tr("Showing the course evaluation"),
            on_failure=self._failed,
        )

    def _failed(self, error: Exception) -> None:
        if not isValid(self):
            return
        self.freshness.failed()
        self._show_message(
            self.tr("The evaluation cannot be shown: %s") % html.escape(sentence(error))
        )
        self.loaded.emit()

    def _show(self, record: LearnerProgress) -> None:
        if not isValid(self) or not self.context.is_current(record.learner.id):
            return
        self.record = record
        self.status = status = record.status
        form = self.form_spec
        if form is not None:
            self.title.setText(f"<h1>{html.escape(form.title)}</h1>")
            self.title.setAccessibleName(form.title)
        if form is None:
            self._show_message(self.tr("This course has no evaluation form."), certificate=True)
        elif status.evaluation_submitted_at is not None:
            self._show_thanks(status)
        elif not status.evaluation_unlocked:
            self._show_message(self._what_is_left(record))
        else:
            self._show_form(form)
        self.loaded.emit()

    def _show_message(self, text: str, *, certificate: bool = False) -> None:
        self.message.setText(text)
        self.certificate_button.setVisible(certificate)
        self.submit_button.setVisible(False)
        self.pages.setCurrentIndex(0)
        (self.certificate_button if certificate else self.back_button).setFocus()

    def _show_thanks(self, status: CourseStatus) -> None:
        when = status.evaluation_submitted_at
        text = self.tr("<p><b>Thank you.</b> Your evaluation was submitted on %s.</p>") % (
            local_time(when) if when else ""
        )
        if status.completed_at is not None:
            text += self.tr("<p>The course is complete: your certificate is ready.</p>")
        else:
            text += self.tr("<p>The certificate page shows what is still missing.</p>")
        self._show_message(text, certificate=True)

    def _what_is_left(self, record: LearnerProgress) -> str:
        left = [
            html.escape(item.text)
            for item in record.still_to_do
            if item.kind in ("module", "posttest")
        ]
        items = "".join(f"<li>{line}</li>" for line in left)
        return (
            self.tr("<p>The evaluation opens once you have passed the post-test. Still to do:</p>")
            + f"<ul>{items}</ul>"
        )

    def _show_form(self, form: EvaluationForm) -> None:
        self._build_form(form)
        self.error.setVisible(False)
        self.submit_button.setEnabled(True)
        self.submit_button.setVisible(True)
        self.pages.setCurrentIndex(1)
        # the form is rebuilt after the buttons exist, so the focus chain is set here
        chain = [
            w
            for f in self.fields
            for w in f.box.findChildren(QWidget)
            if w.focusPolicy() & Qt.FocusPolicy.TabFocus
        ]
        for first, second in itertools.pairwise([*chain, self.submit_button, self.back_button]):
            QWidget.setTabOrder(first, second)
        if self.fields:
            self.fields[0].focus.setFocus()

    def _build_form(self, form: EvaluationForm) -> None:
        self.form = QWidget()
        layout = QVBoxLayout(self.form)
        intro = QLabel(
            self.tr(
                "Your answers help the provider improve the course. Questions marked"
                " “required” must be answered; your answers are kept as you go and sent"
                " when you submit."
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        draft = self._load_draft()
        self.fields = []
        self._restoring = True
        for number, item in enumerate(form.items, 1):
            field = self._field(number, item)
            if item.id in draft:
                field.restore(draft[item.id])
            layout.addWidget(field.box)
            self.fields.append(field)
        self._restoring = False
        layout.addStretch(1)
        self.scroll_area.setWidget(self.form)  # the old form is deleted by the scroll area

    def _field(self, number: int, item: Item) -> _Field:
        need = self.tr("required") if item.required else self.tr("optional")
        # a group box names the group for screen readers; the prompt is a label so it wraps
        box = QGroupBox()
        box.setAccessibleName(item.prompt)
        box.setAccessibleDescription(need)
        layout = QVBoxLayout(box)
        prompt = QLabel(f"{number}. {item.prompt} ({need})")
        prompt.setWordWrap(True)
        layout.addWidget(prompt)
        error = QLabel()
        error.setWordWrap(True)
        error.setVisible(False)
        if isinstance(item, RatingItem | YesNoItem):
            field = self._choice_field(item, box, layout, error)
        else:
            edit = LinesBox(4)
            edit.setAccessibleName(item.prompt)
            edit.setAccessibleDescription(need)
            edit.textChanged.connect(self._save_draft)
            layout.addWidget(edit)
            field = _Field(
                item,
                box,
                edit,
                error,
                lambda: edit.toPlainText().strip() or None,
                lambda value: edit.setPlainText(str(value)),
            )
        prompt.setBuddy(field.focus)
        field.prompt = prompt
        layout.addWidget(error)
        return field

    def _choice_field(
        self, item: RatingItem | YesNoItem, box: QGroupBox, layout: QVBoxLayout, error: QLabel
    ) -> _Field:
        group = QButtonGroup(box)
        row = QHBoxLayout()
        choices: list[tuple[int | bool, str]]
        if isinstance(item, RatingItem):
            scale = item.scale
            labels = {scale.min: scale.min_label, scale.max: scale.max_label}
            choices = [
                (value, f"{value} ({labels[value]})" if labels.get(value) else str(value))
                for value in range(scale.min, scale.max + 1)
            ]
        else:
            choices = [(True, self.tr("Yes")), (False, self.tr("No"))]
        values = [value for value, _ in choices]
        for index, (_value, text) in enumerate(choices):
            radio = QRadioButton(text)
            radio.setAccessibleName(text)
            radio.setAccessibleDescription(item.prompt)
            group.addButton(radio, index)
            row.addWidget(radio)
        row.addStretch(1)
        layout.addLayout(row)
        group.idToggled.connect(lambda _id, checked: self._save_draft() if checked else None)

        def read() -> Any:
            chosen = group.checkedId()
            return None if chosen < 0 else values[chosen]

        def restore(value: Any) -> None:
            # JSON gives back what was stored; a bool is only an answer to a yes/no item
            if type(value) is type(values[0]) and value in values:
                group.button(values.index(value)).setChecked(True)

        return _Field(item, box, group.buttons()[0], error, read, restore)

    def answers(self) -> dict[str, Any]:
        """The answers given so far, as submit_evaluation takes them (unanswered left out)."""
        given = {f.item.id: f.read() for f in self.fields}
        return {key: value for key, value in given.items() if value is not None}

    def submit(self) -> None:
        answers = self.answers()
        missing = [f for f in self.fields if f.item.required and f.item.id not in answers]
        for field in self.fields:
            field.error.setVisible(field in missing)
            field.error.setText("⚠ " + self.tr("Please answer this question."))
        if missing:
            self._show_error(
                self.tr("%n required question(s) not answered yet: see the marked items.", "", len(missing))
            )  # fmt: skip
            self.scroll_area.ensureWidgetVisible(missing[0].box)
            missing[0].focus.setFocus()
            return
        self.error.setVisible(False)
        self.submit_button.setEnabled(False)
        context = self.context
        store, catalog, learner_id = context.store, context.catalog, context.learner_id
        context.tasks.write(
            lambda: evaluation.submit_evaluation(store, catalog, learner_id, answers),
            self._submitted,
            what=self.tr("Submitting the evaluation"),
            changes={PROGRESS},
            on_failure=self._refused,
        )

    def _submitted(self, _result: object) -> None:
        if not isValid(self):
            return
        self._clear_draft()  # the page reloads, showing the thanks, on the runner's `changed`
        self.context.navigator.saved(self.tr("Evaluation submitted"))
        self.submitted.emit()

    def _refused(self, error: Exception) -> None:
        if not isValid(self):
            return
        self.submit_button.setEnabled(True)
        self._show_error(sentence(error))
        self.submit_button.setFocus()

    def _show_error(self, text: str) -> None:
        self.error.setText("⚠ " + text)
        self.error.setVisible(True)

    # The service stores an evaluation only once, whole; until then the answers given
    # are kept in the settings, so a closed app or a visit elsewhere loses nothing.
    def _draft_key(self) -> str:
        return f"evaluation-drafts/{self.context.catalog.course.id}/{self.context.learner_id}"

    def _load_draft(self) -> dict[str, Any]:
        text = QSettings().value(self._draft_key(), "")
        try:
            draft = json.loads(str(text)) if text else {}
        except ValueError:
            return {}
        return draft if isinstance(draft, dict) else {}

    def _save_draft(self) -> None:
        if self._restoring:
            return
        QSettings().setValue(self._draft_key(), json.dumps(self.answers()))

    def _clear_draft(self) -> None:
        QSettings().remove(self._draft_key())
