"""Start: choose a profile or create one; trainer and supervisor profiles ask for a password.

Profiles are listed, checked and created in the background (ui/shell/tasks.py); the
buttons wait, disabled, while that runs, so a second press does nothing."""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from trainer.ui.shell import theme
from trainer.ui.shell.tasks import LEARNERS, TaskRunner
from trainer.ui.shell.text_and_tables import as_typed, plain_text, scaled, sentence

if TYPE_CHECKING:
    from trainer.services.database import Store
    from trainer.services.profile_info import LearnerInfo

ID_ROLE = Qt.ItemDataRole.UserRole
LAST_PROFILE = "app/last_profile"  # of earlier releases: one for every database
LAST_PROFILE_OF = "app/last_profile_of/"  # + the database's installation id
ROLE_NAMES = {"learner": "", "trainer": " (trainer)", "supervisor": " (supervisor)"}


class StartPage(QWidget):
    """Profiles on this machine, the last one preselected, and a form for a new one.

    It can show before the database is open, listing the profiles of a first look
    (services/first_look.py): opening or creating a profile then waits for `attach`."""

    profile_opened = Signal(object)  # LearnerInfo

    def __init__(
        self,
        tasks: TaskRunner,
        course_title: str,
        parent: QWidget | None = None,
        ask_password: Callable[[QWidget, str], str | None] | None = None,
    ) -> None:
        super().__init__(parent)
        self.store: Store | None = None
        self.installation_id = ""  # the database's: each has its own last profile
        self.tasks = tasks
        self.busy = False  # a profile is being opened or created
        self.listed = False  # the profiles are listed (from a first look, or the database)
        self._waiting: Callable[[Store], None] | None = None  # asked before `attach`
        self.ask_password = ask_password or _ask_password
        welcome = QLabel(self.tr("Welcome"))
        welcome.setProperty("muted", True)
        scaled(welcome, 1.25)
        title = QLabel(f"<h1>{html.escape(course_title)}</h1>")
        title.setWordWrap(True)
        intro = QLabel(
            self.tr(
                "A one-day course on helping clients who live with chronic pain and opioid use"
                " disorder. Your place is kept in your profile: choose it to continue where you"
                " left off, or create one to begin."
            )
        )
        intro.setWordWrap(True)

        self.profiles = QListWidget()
        self.profiles.setAccessibleName(self.tr("Profiles on this computer"))
        self.profiles.itemActivated.connect(lambda _item: self.open_selected())
        self.profiles.setWordWrap(True)
        self.profiles.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        profiles_label = QLabel(self.tr("&Profiles"))
        profiles_label.setBuddy(self.profiles)
        self.open_button = QPushButton(self.tr("&Open profile"))
        self.open_button.setAccessibleName(self.tr("Open the selected profile"))
        self.open_button.clicked.connect(self.open_selected)
        self.message = plain_text(QLabel())  # may name a profile
        self.message.setWordWrap(True)
        self.message.setAccessibleName(self.tr("Message"))
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByKeyboard)

        self.name = QLineEdit()
        self.credential = QLineEdit()
        self.organisation = QLineEdit()
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for text, field, accessible in (
            (self.tr("&Name:"), self.name, self.tr("Your name, as it should appear on the certificate")),
            (self.tr("&Credential or licence no.:"), self.credential, self.tr("Credential or licence number (optional)")),
            (self.tr("Or&ganisation:"), self.organisation, self.tr("Organisation (optional)")),
        ):  # fmt: skip
            label = QLabel(text)
            label.setBuddy(field)
            field.setAccessibleName(accessible)
            form.addRow(label, field)
        self.create_button = QPushButton(self.tr("C&reate profile"))
        self.create_button.setAccessibleName(self.tr("Create a new profile with these details"))
        self.create_button.clicked.connect(self.create_profile)
        for field in (self.name, self.credential, self.organisation):
            field.returnPressed.connect(self.create_profile)
        self.name.textEdited.connect(lambda _text: self._form_note(""))
        new_box = QGroupBox(self.tr("New profile"))
        new_layout = QVBoxLayout(new_box)
        self.form_message = plain_text(QLabel())  # a refused name, or a namesake already here
        self.form_message.setWordWrap(True)
        self.form_message.setAccessibleName(self.tr("About the new profile"))
        self.form_message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.form_message.hide()
        self._namesake_ok = ""  # the name whose namesakes were shown: the next press creates it
        new_layout.addLayout(form)
        new_layout.addWidget(self.form_message)
        new_layout.addWidget(self.create_button, alignment=Qt.AlignmentFlag.AlignRight)

        self.no_profiles = QLabel(
            self.tr("No profiles yet: create yours with the form beside this.")
        )
        self.no_profiles.setWordWrap(True)
        theme.make_primary(self.open_button)
        existing_box = QGroupBox(self.tr("Your profile"))
        existing = QVBoxLayout(existing_box)
        existing.addWidget(profiles_label)
        existing.addWidget(self.no_profiles)
        existing.addWidget(self.profiles, 1)
        existing.addWidget(self.open_button, alignment=Qt.AlignmentFlag.AlignRight)
        new_layout.addStretch(1)
        columns = QHBoxLayout()
        columns.setSpacing(theme.SPACE["xl"])
        columns.addWidget(existing_box, 1)
        columns.addWidget(new_box, 1)
        column = QWidget()
        column.setMaximumWidth(1000)
        inner = QVBoxLayout(column)
        inner.setContentsMargins(0, theme.SPACE["xxl"], 0, theme.SPACE["l"])
        inner.setSpacing(theme.SPACE["s"])
        inner.addWidget(welcome)
        inner.addWidget(title)
        inner.addWidget(intro)
        inner.addSpacing(theme.SPACE["l"])
        inner.addLayout(columns, 1)
        inner.addWidget(self.message)
        content = QWidget()
        layout = QHBoxLayout(content)
        layout.addStretch(1)
        layout.addWidget(column, 10)
        layout.addStretch(1)
        self.profiles.setMinimumHeight(self.profiles.fontMetrics().lineSpacing() * 5)
        # at large text sizes the page scrolls instead of squeezing its fields out of sight
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        self.open_button.setEnabled(False)  # until `refresh` lists the profiles
        self.create_button.setEnabled(False)

    def show_first_look(self, learners: list[LearnerInfo], installation_id: str) -> None:
        """The profiles as read before the database opened: usable at once."""
        self.installation_id = installation_id
        self._list(learners)

    def attach(self, store: Store) -> None:
        """The database is open: open or create the profile asked for while it opened.
        `refresh` lists its profiles (the window does, as it shows the page)."""
        self.store = store
        self.installation_id = store.installation_id
        waiting, self._waiting = self._waiting, None
        if waiting is not None:
            waiting(store)

    def _with_store(self, action: Callable[[Store], None]) -> None:
        """`action` now, or once the database is open (the page is busy till then)."""
        if self.store is None:
            self._waiting = action
        else:
            action(self.store)

    def refresh(self) -> None:
        """List the profiles in the background (another program may have added some);
        the buttons are enabled once they are listed."""
        if self.store is None:
            return  # the first look's list stays until the database is open
        from trainer.services import accounts

        if not self.listed:
            self.open_button.setEnabled(False)
            self.create_button.setEnabled(False)
        store = self.store
        self.tasks.read(
            lambda: accounts.list_learners(store),
            self._list,
            what=self.tr("Listing the profiles"),
            on_failure=lambda error: self.show_message(sentence(error)),
        )

    def _list(self, learners: list[LearnerInfo]) -> None:
        if not isValid(self):
            return
        chosen = self.profiles.currentItem()
        keep = chosen.data(ID_ROLE) if chosen is not None else self._last_profile()
        self.profiles.clear()
        for learner in learners:
            item = QListWidgetItem(profile_text(learner, self.tr(ROLE_NAMES[learner.role])))
            item.setData(ID_ROLE, learner.id)
            self.profiles.addItem(item)
            if learner.id == keep:
                self.profiles.setCurrentItem(item)
        if self.profiles.count() and self.profiles.currentRow() < 0:
            self.profiles.setCurrentRow(0)
        has_profiles = self.profiles.count() > 0
        self.open_button.setEnabled(has_profiles and not self.busy)
        self.create_button.setEnabled(not self.busy)
        self.profiles.setVisible(has_profiles)
        self.open_button.setVisible(has_profiles)
        self.no_profiles.setVisible(not has_profiles)
        theme.make_primary(self.create_button, not has_profiles)
        if not self.listed:
            (self.profiles if has_profiles else self.name).setFocus()
        self.listed = True

    def _last_profile(self) -> str:
        """The profile last opened on this database (each database has its own profiles)."""
        settings = QSettings()
        earlier = settings.value(LAST_PROFILE, "")
        return str(settings.value(LAST_PROFILE_OF + self.installation_id, earlier))

    def open_selected(self) -> None:
        """Open the chosen profile: looked up in the background; a trainer's or a
        supervisor's after their password is checked."""
        item = self.profiles.currentItem()
        if item is None or self.busy:
            return
        self._set_busy(True)
        self._with_store(lambda store: self._look_up(store, item.data(ID_ROLE)))

    def _look_up(self, store: Store, learner_id: str) -> None:
        from trainer.services import accounts

        self.tasks.read(
            lambda: (
                accounts.find_learner(store, learner_id),
                accounts.has_password(store, learner_id),
            ),
            self._found,
            what=self.tr("Opening the profile"),
            on_failure=self._refused,
        )

    def _found(self, found: tuple[LearnerInfo, bool]) -> None:
        if not isValid(self):
            return
        learner, has_password = found
        if learner.role == "learner":
            self._opened(learner)
            return
        if not has_password:  # imported from another computer: no password could succeed
            self._set_busy(False)
            self.show_message(
                self.tr(
                    "%s has no password on this computer yet (profiles imported from another"
                    " computer come without one). Ask a supervisor to set one: Supervisor:"
                    " completion, Reset password…. Then open the profile with it."
                )
                % learner.display_name
            )
            return
        password = self.ask_password(self, learner.display_name)
        if password is None:
            self._set_busy(False)
            return
        from trainer.services import accounts

        store = self.store
        assert store is not None  # the profile was found in it
        self.tasks.read(
            lambda: accounts.authenticate(store, learner.id, password),
            self._opened,
            what=self.tr("Checking the password"),
            on_failure=lambda error: self._refused(error, capital=False),
        )

    def create_profile(self) -> None:
        """Check the name in the background, then create the profile and open it. A refused
        name says why under the form; a namesake already here is named there, and pressing
        Create anyway makes the profile all the same."""
        if self.busy:
            return
        self._set_busy(True)
        name = self.name.text()
        if self._namesake_ok and self._namesake_ok == name.strip().lower():
            self._with_store(self._create)
        else:
            self._with_store(lambda store: self._check_name(store, name))

    def _check_name(self, store: Store, name: str) -> None:
        from trainer.services import accounts

        self.tasks.read(
            lambda: accounts.duplicate_names(store, accounts.clean_name(name), role="learner"),
            lambda namesakes: self._checked(name, namesakes),
            what=self.tr("Checking the name"),
            on_failure=self._not_created,
        )

    def _checked(self, name: str, namesakes: list[LearnerInfo]) -> None:
        if not isValid(self):
            return
        if not namesakes:
            self._with_store(self._create)
            return
        self._set_busy(False)
        self._namesake_ok = name.strip().lower()
        shown = "; ".join(profile_text(learner) for learner in namesakes)
        self._form_note(
            self.tr(
                "There is already a profile called %s here (%s). Lists, the supervisor's grid"
                " and certificates tell them apart only by credential and organisation: fill"
                " those in, or change the name. Press Create anyway to add this profile."
            )
            % (namesakes[0].display_name, shown)
        )
        self.create_button.setText(self.tr("Create &anyway"))
        self.create_button.setAccessibleName(self.tr("Create this profile despite the namesake"))

    def _create(self, store: Store) -> None:
        from trainer.services import accounts

        name, credential = self.name.text(), self.credential.text()
        organisation = self.organisation.text()
        self.tasks.write(
            lambda: accounts.create_learner(
                store, name, credential=credential, organisation=organisation
            ),
            self._created,
            what=self.tr("Creating the profile"),
            changes={LEARNERS},
            on_failure=self._not_created,
        )

    def _form_note(self, text: str) -> None:
        """Say something about the new profile under its form; "" clears it (the name was
        edited: its namesakes are looked up again)."""
        self.form_message.setText(text)
        self.form_message.setAccessibleDescription(text)
        self.form_message.setVisible(bool(text))
        if not text:
            self._namesake_ok = ""
            self.create_button.setText(self.tr("C&reate profile"))
            self.create_button.setAccessibleName(self.tr("Create a new profile with these details"))

    def _created(self, learner: LearnerInfo) -> None:
        if not isValid(self):
            return
        for field in (self.name, self.credential, self.organisation):
            field.clear()
        self._form_note("")
        self._opened(learner)

    def _not_created(self, error: Exception) -> None:
        if isValid(self):
            self._set_busy(False)
            self._form_note(sentence(error))
            self.name.setFocus()

    def _refused(self, error: Exception, *, capital: bool = True) -> None:
        if isValid(self):
            self._set_busy(False)
            self.show_message(sentence(error) if capital else str(error))

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        self.create_button.setEnabled(not busy)
        self.open_button.setEnabled(not busy and self.profiles.count() > 0)

    def show_message(self, text: str) -> None:
        self.message.setText(text)
        self.message.setAccessibleDescription(text)

    def _opened(self, learner: LearnerInfo) -> None:
        if not isValid(self):
            return
        self._set_busy(False)
        QSettings().setValue(LAST_PROFILE_OF + self.installation_id, learner.id)
        self.message.clear()
        self.profile_opened.emit(learner)


def profile_text(learner: LearnerInfo, role: str = "") -> str:
    """A profile as the list shows it: name and role, then credential and organisation, so
    two people of the same name can be told apart."""
    details = ", ".join(part for part in (learner.credential, learner.organisation) if part)
    return learner.display_name + role + (f" — {details}" if details else "")


def _ask_password(parent: QWidget, name: str) -> str | None:
    text, ok = QInputDialog.getText(
        parent,
        parent.tr("Password"),
        as_typed(parent.tr("Password for %s:") % name),
        QLineEdit.EchoMode.Password,
    )
    return text if ok else None
