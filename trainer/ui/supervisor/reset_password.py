"""Set or reset the password of another trainer or supervisor profile, from the supervisor's
screen: the new password is typed twice, and a refusal is shown in the dialog."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from trainer.services import accounts
from trainer.services.profile_info import LearnerInfo
from trainer.ui.shell.context import AppContext
from trainer.ui.shell.tasks import LEARNERS
from trainer.ui.shell.text_and_tables import plain_text, sentence


class ResetPasswordDialog(QDialog):
    """Choose a trainer or supervisor profile (not your own) and give it a new password."""

    def __init__(
        self, context: AppContext, profiles: list[LearnerInfo], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.done_text = ""  # what happened, once the password is set
        self.setWindowTitle(self.tr("Reset a password"))
        intro = QLabel(
            self.tr(
                "Set a new password for a trainer or supervisor, for example one who forgot"
                " theirs or whose profile was imported from another computer. Tell them the"
                " new password in person."
            )
        )
        intro.setWordWrap(True)
        self.profile = QComboBox()
        self.profile.setAccessibleName(self.tr("Profile whose password is set"))
        for learner in profiles:
            role = self.tr("trainer") if learner.role == "trainer" else self.tr("supervisor")
            self.profile.addItem(f"{learner.display_name} ({role})", learner.id)
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setAccessibleName(self.tr("New password"))
        self.again = QLineEdit()
        self.again.setEchoMode(QLineEdit.EchoMode.Password)
        self.again.setAccessibleName(self.tr("New password again"))
        form = QFormLayout()
        for text, field in (
            (self.tr("&Profile:"), self.profile),
            (self.tr("&New password:"), self.password),
            (self.tr("&Again:"), self.again),
        ):
            label = QLabel(text)
            label.setBuddy(field)
            form.addRow(label, field)
        self.message = plain_text(
            QLabel(self.tr("At least %d characters.") % accounts.MIN_PASSWORD_LENGTH)
        )
        self.message.setWordWrap(True)
        self.message.setAccessibleName(self.tr("Message"))
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByKeyboard)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.set_button = buttons.addButton(
            self.tr("&Set password"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.set_button.setDefault(True)
        buttons.accepted.connect(self.set_password)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.password.setFocus()

    def set_password(self) -> None:
        """Check the two entries, then set the password in the background; a refusal (too
        short, say) shows in the dialog."""
        learner_id = self.profile.currentData()
        password = self.password.text()
        if learner_id is None:
            return
        if password != self.again.text():
            self._say(self.tr("The two passwords differ: type the new password twice."))
            self.again.clear()
            self.again.setFocus()
            return
        if len(password) < accounts.MIN_PASSWORD_LENGTH:
            self._say(
                self.tr("The password needs at least %d characters; this one has %d.")
                % (accounts.MIN_PASSWORD_LENGTH, len(password))
            )
            self.password.setFocus()
            return
        store = self.context.store
        self.set_button.setEnabled(False)
        self.context.tasks.write(
            lambda: accounts.set_password(store, learner_id, password),
            self._set,
            what=self.tr("Setting the password"),
            changes={LEARNERS},
            on_failure=self._refused,
        )

    def _set(self, learner: LearnerInfo) -> None:
        if not isValid(self):
            return
        self.done_text = (
            self.tr("%s's password is set: they open their profile with it now.")
            % learner.display_name
        )
        self.accept()

    def _refused(self, error: Exception) -> None:
        if isValid(self):
            self.set_button.setEnabled(True)
            self._say(sentence(error))

    def _say(self, text: str) -> None:
        self.message.setText(text)
        self.message.setAccessibleDescription(text)
