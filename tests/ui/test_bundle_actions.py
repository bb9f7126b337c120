"""The File menu's Export progress and Import progress: file dialogs, then one message box."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox, QWidget

from tests.services.helpers import read_module
from tests.ui.conftest import RecordingNavigator
from trainer.services import accounts, org_key
from trainer.store.db import open_store
from trainer.store.models import Setting
from trainer.ui.shell import file_dialogs
from trainer.ui.shell.bundle_actions import export_progress_dialog, import_progress_dialog
from trainer.ui.shell.context import AppContext
from trainer.ui.shell.tasks import TaskRunner


@pytest.fixture
def boxes(monkeypatch) -> list[tuple[str, str, str]]:
    """Every message box shown, as (kind, title, text), instead of a modal dialog."""
    shown: list[tuple[str, str, str]] = []
    for kind in ("information", "warning"):

        def record(parent, title, text, *rest, kind=kind):
            shown.append((kind, title, text))
            return QMessageBox.StandardButton.Ok

        monkeypatch.setattr(QMessageBox, kind, staticmethod(record))
    return shown


@pytest.fixture
def choose(monkeypatch):
    """Answer the next file dialogs with the given paths (an empty list: cancelled)."""
    asked: list[str] = []

    def answer(save: str = "", open_: list[str] | None = None) -> list[str]:
        def save_name(parent, caption, suggested, filters):
            asked.append(suggested)
            return save

        def open_names(parent, caption, folder, filters):
            return open_ or []

        monkeypatch.setattr(file_dialogs, "save_file_name", save_name)
        monkeypatch.setattr(file_dialogs, "open_file_names", open_names)
        return asked

    return answer


@pytest.fixture
def machines(qtbot, store, catalog, tmp_path):
    key = org_key.new_key("North Clinic")
    office = open_store(str(tmp_path / "office.sqlite3"))
    runners = [TaskRunner(), TaskRunner()]
    for database in (store, office):
        org_key.install_key(database, key)
    ana = accounts.create_learner(store, "Ana Ruiz")
    accounts.create_learner(store, "Bea")
    read_module(store, catalog, ana.id, "basics", seconds=300)
    laptop = AppContext(catalog, store, runners[0], RecordingNavigator(), ana)
    supervisor = accounts.create_learner(office, "Sam", role="supervisor", password="long enough")
    office_context = AppContext(catalog, office, runners[1], RecordingNavigator(), supervisor)
    parent = QWidget()
    qtbot.addWidget(parent)
    yield laptop, office_context, parent
    for runner in runners:
        runner.wait()
    office.close()


def test_a_learner_exports_their_own_progress_and_the_supervisor_imports_it(
    qtbot, machines, boxes, choose, tmp_path: Path
) -> None:
    laptop, office, parent = machines
    bundle = tmp_path / "ana.json"
    asked = choose(save=str(bundle))
    export_progress_dialog(parent, laptop)
    qtbot.waitUntil(lambda: len(boxes) == 1)
    kind, title, text = boxes[0]
    assert (kind, title) == ("information", "Progress exported")
    assert text.startswith(
        f"Saved 2 lessons, 0 quiz attempts and 0 certificates of Ana Ruiz to {bundle}."
    )
    assert Path(asked[0]).name.startswith("progress-ana-ruiz-")

    choose(open_=[str(bundle)])
    import_progress_dialog(parent, office)
    qtbot.waitUntil(lambda: len(boxes) == 2)
    kind, title, text = boxes[1]
    assert (kind, title) == ("information", "Progress imported")
    assert "  new profiles: Ana Ruiz" in text.splitlines()
    assert [p.display_name for p in accounts.list_learners(office.store)] == ["Ana Ruiz", "Sam"]


def test_a_refused_bundle_is_named_and_the_good_one_still_imported(
    qtbot, machines, boxes, choose, tmp_path: Path
) -> None:
    laptop, office, parent = machines
    good, bad = tmp_path / "good.json", tmp_path / "bad.json"
    choose(save=str(good))
    export_progress_dialog(parent, laptop)
    qtbot.waitUntil(lambda: len(boxes) == 1)
    bad.write_text(good.read_text()[:100])

    choose(open_=[str(bad), str(good)])
    import_progress_dialog(parent, office)
    qtbot.waitUntil(lambda: len(boxes) == 2)
    kind, title, text = boxes[1]
    assert (kind, title) == ("warning", "Some files were refused")
    assert text.startswith(
        "1 of 2 files were refused; nothing of them was imported:\n\n"
        "bad.json: the file is incomplete or damaged: export it again and copy it whole.\n\n"
        "good.json: from installation"
    )
    assert "Ana Ruiz" in [p.display_name for p in accounts.list_learners(office.store)]


def test_cancelled_dialogs_do_nothing(qtbot, machines, boxes, choose) -> None:
    laptop, office, parent = machines
    choose()
    export_progress_dialog(parent, laptop)
    import_progress_dialog(parent, office)
    assert boxes == []


@pytest.fixture
def questions(monkeypatch):
    """Answer the next questions with the button called `answer`; each is recorded as
    (text, informative text, buttons, default button)."""
    asked: list[tuple[str, str, list[str], str]] = []
    answers: list[str] = []

    def answer_box(box: QMessageBox) -> int:
        buttons = [b.text() for b in box.buttons()]
        asked.append((box.text(), box.informativeText(), buttons, box.defaultButton().text()))
        wanted = answers.pop(0)
        next(b for b in box.buttons() if b.text() == wanted).click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", answer_box)
    return asked, answers


def forget_key(store) -> None:
    with store.session() as session:
        session.query(Setting).filter(Setting.key.like("bundle_%")).delete()


def test_without_a_key_export_says_so_before_asking_for_a_file(
    qtbot, machines, boxes, choose, questions
) -> None:
    laptop, _office, parent = machines
    forget_key(laptop.store)
    asked_files = choose(save="never.json")
    asked, answers = questions
    answers.append("Cancel")
    export_progress_dialog(parent, laptop)
    qtbot.waitUntil(lambda: len(asked) == 1)
    text, details, buttons, default = asked[0]
    assert text == "Progress cannot be exported yet: this computer has no organisation key."
    assert "Ask your supervisor for the key file" in details
    assert buttons == ["Install key file…", "Cancel"] and default == "Install key file…"
    assert asked_files == [] and boxes == []


def test_the_key_file_is_installed_from_the_app_then_the_export_goes_on(
    qtbot, machines, boxes, choose, questions, monkeypatch, tmp_path
) -> None:
    laptop, _office, parent = machines
    forget_key(laptop.store)
    key = org_key.create_key_file(tmp_path / "north.key", "North Clinic")
    monkeypatch.setattr(
        file_dialogs,
        "open_file_name",
        lambda *args: str(tmp_path / "north.key"),
    )
    choose(save=str(tmp_path / "out.json"))
    _asked, answers = questions
    answers.append("Install key file…")
    export_progress_dialog(parent, laptop)
    qtbot.waitUntil(lambda: len(boxes) == 2)
    assert boxes[0] == (
        "information",
        "Organisation key installed",
        f"The key of North Clinic (key {key.key_id}) is installed: progress exported here is"
        " signed with it.",
    )
    assert boxes[1][:2] == ("information", "Progress exported")
    assert (tmp_path / "out.json").exists()
    assert org_key.installed_key(laptop.store).key_id == key.key_id


def test_another_organisations_key_is_replaced_only_when_asked(
    qtbot, machines, boxes, questions, monkeypatch, tmp_path
) -> None:
    from trainer.ui.shell.bundle_actions import install_key_dialog

    laptop, _office, parent = machines
    before = org_key.installed_key(laptop.store)
    org_key.create_key_file(tmp_path / "south.key", "South Clinic")
    monkeypatch.setattr(
        file_dialogs,
        "open_file_name",
        lambda *args: str(tmp_path / "south.key"),
    )
    asked, answers = questions
    answers.append("Keep current key")
    install_key_dialog(parent, laptop)
    qtbot.waitUntil(lambda: len(asked) == 1)
    laptop.tasks.wait()
    assert asked[0][0] == (
        "This computer has the key of North Clinic; the file holds the key of South Clinic."
    )
    assert asked[0][2:] == (["Replace key", "Keep current key"], "Keep current key")
    assert org_key.installed_key(laptop.store) == before and boxes == []


def test_exporting_over_the_open_database_is_refused_and_it_stays_whole(
    qtbot, machines, boxes, choose
) -> None:
    laptop, _office, parent = machines
    database = laptop.store.path
    if database is None:
        pytest.skip("a PostgreSQL database has no file to write over")
    for target in (database, database.with_name(database.name + "-wal")):
        before = database.read_bytes()
        choose(save=str(target))  # the save dialog asked "replace?", and the user said yes
        export_progress_dialog(parent, laptop)
        qtbot.waitUntil(lambda: len(boxes) == 1)
        assert boxes.pop() == (
            "warning",
            "Export failed",
            f"{target} is the app's database (or one of its files): it is never written over;"
            " choose another name.",
        )
        assert database.read_bytes() == before
    assert [p.display_name for p in accounts.list_learners(laptop.store)] == ["Ana Ruiz", "Bea"]
