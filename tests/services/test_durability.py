"""A killed process loses no committed answer; two processes can write one file at once."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

from trainer.services import accounts, attempts
from trainer.services.catalog import open_catalog
from trainer.store.db import open_store

ANSWER_THEN_HANG = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from trainer.services import attempts
    from trainer.services.catalog import open_catalog
    from trainer.store.db import open_store

    db, root, learner = sys.argv[1:4]
    catalog = open_catalog(Path(root) / "curriculum", Path(root) / "quizzes")
    store = open_store(db)
    attempt = attempts.start_attempt(store, catalog, learner, "basics-quiz", seed=11)
    for question_id in attempt.question_ids:
        attempts.save_answer(store, catalog, attempt.id, question_id, "a")
        print(question_id, flush=True)
    print("READY", flush=True)
    time.sleep(600)
    """
)

WRITE_MANY = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from trainer.services import progress
    from trainer.services.catalog import open_catalog
    from trainer.store.db import open_store

    db, root, learner, count = sys.argv[1:5]
    catalog = open_catalog(Path(root) / "curriculum", Path(root) / "quizzes")
    store = open_store(db)
    for _ in range(int(count)):
        progress.record_reading(store, catalog, learner, "steps", position=0.5, active_seconds=1)
    print("DONE", flush=True)
    """
)


def _python(script: str, *args: str) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    return subprocess.Popen(
        [sys.executable, "-c", script, *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )


def test_killed_attempt_resumes_with_all_answers(demo_root: Path, db_url: str) -> None:
    if "://" not in db_url:
        Path(db_url).parent.mkdir(parents=True)
    store = open_store(db_url)
    learner = accounts.create_learner(store, "Ana")
    store.close()
    child = _python(ANSWER_THEN_HANG, db_url, str(demo_root), learner.id)
    answered = []
    for line in child.stdout:  # type: ignore[union-attr]
        if line.strip() == "READY":
            break
        answered.append(line.strip())
    child.send_signal(signal.SIGKILL)
    child.wait()
    assert child.returncode == -signal.SIGKILL and len(answered) == 2

    catalog = open_catalog(demo_root / "curriculum", demo_root / "quizzes")
    store = open_store(db_url)
    [resumed] = attempts.unfinished_attempts(store, catalog, learner.id)
    assert resumed.answers == dict.fromkeys(answered, "a")
    again = attempts.start_attempt(store, catalog, learner.id, "basics-quiz")
    assert again.id == resumed.id
    outcome = attempts.submit_attempt(store, catalog, resumed.id)
    assert outcome.attempts_used == 1
    store.close()


def test_two_processes_writing_one_file_lose_nothing(demo_root: Path, tmp_path: Path) -> None:
    db = str(tmp_path / "shared.sqlite3")
    store = open_store(db)
    learner = accounts.create_learner(store, "Ana")
    store.close()
    writers = [_python(WRITE_MANY, db, str(demo_root), learner.id, "150") for _ in range(2)]
    results = [writer.communicate(timeout=120) for writer in writers]
    for writer, (out, err) in zip(writers, results, strict=True):
        assert writer.returncode == 0, err
        assert out.strip() == "DONE" and "Traceback" not in err
    store = open_store(db)
    with store.engine.connect() as connection:
        seconds = connection.exec_driver_sql("SELECT active_seconds FROM lesson_progress").scalar()
    store.close()
    assert seconds == 300  # every one of the 2 x 150 writes is there


def test_cli_never_prints_a_traceback_for_a_bad_database(tmp_path: Path) -> None:
    bad = tmp_path / "bad.sqlite3"
    bad.write_bytes(b"garbage" * 1000)
    child = _python(
        "import sys; from trainer.cli import main; sys.exit(main())",
        "--db",
        str(bad),
        "learners",
        "list",
    )
    out, err = child.communicate(timeout=60)
    assert child.returncode == 1
    assert err.startswith(f"trainer: the database {bad} is damaged")
    assert "Traceback" not in err and json.dumps(out)
