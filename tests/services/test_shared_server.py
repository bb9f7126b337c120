"""Several installations on one PostgreSQL server see each other's progress at once."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tests.services.helpers import read_module, take_quiz
from trainer.services import accounts, reports
from trainer.store.db import open_store

pytestmark = pytest.mark.skipif(
    not os.environ.get("TRAINER_TEST_PG_URL"),
    reason="needs TRAINER_TEST_PG_URL (./test starts a server)",
)

OTHER_MACHINE = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    sys.path.insert(0, sys.argv[3])
    from tests.services.helpers import read_module, take_quiz
    from trainer.services import accounts
    from trainer.services.catalog import open_catalog
    from trainer.store.db import open_store

    url, root = sys.argv[1:3]
    catalog = open_catalog(Path(root) / "curriculum", Path(root) / "quizzes")
    store = open_store(url)
    learner = accounts.create_learner(store, "Bea on the other laptop", organisation="South")
    take_quiz(store, catalog, learner.id, "pretest")
    read_module(store, catalog, learner.id, "basics")
    take_quiz(store, catalog, learner.id, "basics-quiz")
    store.close()
    """
)


@pytest.mark.parametrize("db_url", ["postgresql"], indirect=True)
def test_two_installations_share_one_server_live(db_url: str, demo_root: Path, catalog) -> None:
    clinic = open_store(db_url)
    supervisor_view = open_store(db_url)  # another installation, its own connections
    ana = accounts.create_learner(clinic, "Ana at the clinic", organisation="North")
    take_quiz(clinic, catalog, ana.id, "pretest")
    read_module(clinic, catalog, ana.id, "basics", seconds=60)
    # the supervisor's grid sees the clinic's progress at once
    [row] = reports.completion_grid(supervisor_view, catalog)
    assert (row.learner, row.completion, row.lessons_read) == ("Ana at the clinic", "incomplete", 2)

    other = subprocess.run(
        [sys.executable, "-c", OTHER_MACHINE, db_url, str(demo_root), str(Path(__file__).resolve().parents[2])],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert other.returncode == 0, other.stderr
    rows = {r.learner: r for r in reports.completion_grid(supervisor_view, catalog)}
    assert rows["Bea on the other laptop"].completion == "completed"
    assert rows["Bea on the other laptop"].organisation == "South"
    assert {p.display_name for p in accounts.list_learners(clinic)} == {
        "Ana at the clinic",
        "Bea on the other laptop",
    }
    clinic.close()
    supervisor_view.close()
