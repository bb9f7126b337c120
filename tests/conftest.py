"""Fixtures that build small courses of their own in a temporary folder."""

from __future__ import annotations

import os
import textwrap
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

COURSE_YAML = """\
id: demo-course
title: Demo course
version: 1.0.0
provider: Demo provider
ce_hours: 1
modules:
  - basics
pretest: pretest
posttest: posttest
delivery_format: Home study
"""

MODULE_MD = """\
---
id: basics
title: Basics
summary: The basics of pain.
minutes: 2
quiz: basics-quiz
objectives:
  - id: b-define
    text: Define pain.
  - id: b-steps
    text: Order the steps of nociception.
reviewed: THIS-MONTH
---
This module covers the basics.
"""

LESSON_ONE = """\
---
id: what-is-pain
title: What pain is
minutes: 10
objectives: [b-define]
practice:
  - id: b-reflect
    type: reflection
    title: Your pain story
    prompts:
      - When did you last feel pain?
reviewed: THIS-MONTH
---
## A definition {#definition}

Pain is an unpleasant experience.[^raja2020] Nociception is not pain.

!!! key-point "Key point"
    Respect the person's report of pain.

See [the steps](02-steps.md#four-steps).
"""

LESSON_TWO = """\
---
id: steps
title: The steps
minutes: 15
objectives: [b-steps]
reviewed: THIS-MONTH
---
## The four steps {#four-steps}

Transduction, transmission, modulation and perception.[^raja2020]

## Why it matters

Back to [the definition](01-what-is-pain.md#definition).
"""

# reviewed this month, so that the demo course is never overdue for review
THIS_MONTH = f"{date.today():%Y-%m}"
MODULE_MD, LESSON_ONE, LESSON_TWO = (
    text.replace("THIS-MONTH", THIS_MONTH) for text in (MODULE_MD, LESSON_ONE, LESSON_TWO)
)

REFERENCES = """\
- id: raja2020
  authors: Raja SN, Carr DB, Cohen M
  year: 2020
  title: The revised IASP definition of pain
  source: Pain 161(9):1976-1982
  doi: 10.1097/j.pain.0000000000001939
"""

GLOSSARY = """\
- id: nociception
  term: Nociception
  definition: The nervous system's detection of possible harm.
"""

QUIZ = """\
id: basics-quiz
title: Basics quiz
module: basics
pass_mark: 75
attempts_allowed: 2
shuffle_questions: true
shuffle_options: true
questions:
  - id: bq-define
    type: single
    objective: b-define
    lesson: what-is-pain#definition
    prompt: What is pain?
    options:
      - {id: a, text: An experience, feedback: Yes.}
      - {id: b, text: A nerve signal, feedback: That is nociception.}
    key: a
    explanation: See "What pain is".
  - id: bq-steps
    type: ordering
    objective: b-steps
    lesson: steps#four-steps
    prompt: Put the steps in order.
    items:
      - {id: t1, text: Transduction, feedback: First.}
      - {id: t2, text: Transmission, feedback: Second.}
      - {id: t3, text: Modulation, feedback: Third.}
      - {id: t4, text: Perception, feedback: Last.}
    explanation: See "The steps".
"""

REVIEW_SETTINGS = """\
review:
  target_retention: 0.9
  items_per_session: 5
  min_items_per_objective: 2
"""

# booster items of the demo course: two per objective, as `REVIEW_SETTINGS` asks
BOOSTERS = """\
id: basics-boosters
title: "Basics: booster reviews"
module: basics
purpose: booster
feedback: immediate
questions:
  - id: bb-define-1
    type: single
    objective: b-define
    lesson: what-is-pain#definition
    safety: true
    prompt: A client says their pain "is all in the nerves". What is pain?
    options:
      - {id: a, text: A nerve signal only, feedback: That is nociception.}
      - {id: b, text: An unpleasant experience, feedback: Yes.}
    key: b
    explanation: See "What pain is".
  - id: bb-define-2
    type: true_false
    objective: b-define
    lesson: what-is-pain#definition
    prompt: Nociception and pain are the same thing.
    key: false
    feedback:
      true: They differ; nociception is the signal.
      false: Right; nociception is not pain.
    explanation: See "What pain is".
  - id: bb-steps-1
    type: ordering
    objective: b-steps
    lesson: steps#four-steps
    prompt: Order the first three steps.
    items:
      - {id: t1, text: Transduction, feedback: First.}
      - {id: t2, text: Transmission, feedback: Second.}
      - {id: t3, text: Modulation, feedback: Third.}
    explanation: See "The steps".
  - id: bb-steps-2
    type: single
    objective: b-steps
    lesson: steps#four-steps
    prompt: Which step comes last?
    options:
      - {id: a, text: Transduction, feedback: That is the first.}
      - {id: b, text: Perception, feedback: Yes.}
    key: b
    explanation: See "The steps".
"""


EVALUATION = """\
id: course-evaluation
title: Course evaluation
items:
  - id: relevance
    type: rating
    prompt: The content was relevant to my work.
    scale: {min: 1, max: 5, min_label: Strongly disagree, max_label: Strongly agree}
  - {id: recommend, type: yes_no, prompt: "Would you recommend it?"}
  - {id: comments, type: text, prompt: "Anything else?"}
"""


def _test_quiz(quiz_id: str, kind: str, prefix: str) -> str:
    return f"""\
id: {quiz_id}
title: {quiz_id}
module: {kind}
questions:
  - id: {prefix}-define
    type: true_false
    objective: b-define
    lesson: what-is-pain
    prompt: Pain and nociception are the same.
    key: false
    feedback: {{true: "No.", false: "Right."}}
    explanation: See "What pain is".
  - id: {prefix}-steps
    type: numeric
    objective: b-steps
    lesson: steps
    prompt: How many steps does nociception have?
    key: 4
    feedback: {{correct: "Yes, four.", incorrect: "There are four."}}
    explanation: See "The steps".
"""


DEMO_FILES = {
    "curriculum/course.yaml": COURSE_YAML,
    "curriculum/references.yaml": REFERENCES,
    "curriculum/glossary.yaml": GLOSSARY,
    "curriculum/basics/module.md": MODULE_MD,
    "curriculum/basics/01-what-is-pain.md": LESSON_ONE,
    "curriculum/basics/02-steps.md": LESSON_TWO,
    "quizzes/basics-quiz.yaml": QUIZ,
    "quizzes/pretest.yaml": _test_quiz("pretest", "pretest", "pre"),
    "quizzes/posttest.yaml": _test_quiz("posttest", "posttest", "post"),
}

WriteFiles = Callable[[dict[str, str]], Path]


@pytest.fixture(autouse=True)
def private_user_folders(tmp_path_factory, monkeypatch) -> None:
    """Tests never touch the real user data, settings or log folders."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_STATE_HOME", str(home / "state"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "cache"))
    monkeypatch.setenv("TRAINER_LOG_DIR", str(home / "log"))
    monkeypatch.delenv("TRAINER_DB_URL", raising=False)


@pytest.fixture
def write_course(tmp_path: Path) -> WriteFiles:
    """Write the demo course, with `changes` replacing or adding files (None deletes one)."""

    def write(changes: dict[str, str | None] | None = None) -> Path:
        files: dict[str, str | None] = {**DEMO_FILES, **(changes or {})}
        for name, text in files.items():
            path = tmp_path / name
            if text is None:
                if path.exists():
                    path.unlink()
                continue
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(textwrap.dedent(text), encoding="utf-8")
        return tmp_path

    return write


@pytest.fixture
def demo_root(write_course: WriteFiles) -> Path:
    return write_course({})


def _reset_postgres(url: str) -> None:
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(text("DROP SCHEMA public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))
    engine.dispose()


DATABASES = ["sqlite"] + (["postgresql"] if os.environ.get("TRAINER_TEST_PG_URL") else [])


@pytest.fixture(params=DATABASES)
def db_url(request, tmp_path: Path) -> str:
    """A fresh, empty database: an SQLite file always, a PostgreSQL schema when configured."""
    if request.param == "sqlite":
        return str(tmp_path / "data" / "trainer.sqlite3")
    url = os.environ["TRAINER_TEST_PG_URL"]
    _reset_postgres(url)
    return url


@pytest.fixture
def store(db_url: str):
    from trainer.store.db import open_store

    Path(db_url).parent.mkdir(parents=True, exist_ok=True) if "://" not in db_url else None
    opened = open_store(db_url)
    yield opened
    opened.close()


@pytest.fixture
def catalog(demo_root: Path):
    from trainer.services.catalog import open_catalog

    opened = open_catalog(demo_root / "curriculum", demo_root / "quizzes")
    assert opened.problems == ()
    return opened
