"""Item analysis on a seeded data set whose answers, and so whose statistics, are known."""

from __future__ import annotations

import argparse
import json
import statistics
from pathlib import Path

import pytest

from trainer import cli
from trainer.cli.authoring import run_authoring
from trainer.cli.authoring_parser import add_authoring_commands
from trainer.services import accounts, attempts
from trainer.services.catalog import open_catalog
from trainer.services.errors import ServiceError
from trainer.services.item_analysis import item_analysis, item_analysis_as_json


def _single(qid: str, key: str = "a") -> str:
    return f"""\
  - id: {qid}
    type: single
    objective: b-define
    lesson: what-is-pain
    prompt: Question {qid}?
    options:
      - {{id: a, text: A, feedback: A.}}
      - {{id: b, text: B, feedback: B.}}
      - {{id: c, text: C, feedback: C.}}
    key: {key}
    explanation: Because.
"""


FILLERS = ["ia-f1", "ia-f2", "ia-f3", "ia-f4"]
ANALYSIS_QUIZ = (
    "id: basics-quiz\ntitle: Basics quiz\nmodule: basics\nquestions:\n"
    + "".join(_single(q) for q in ["ia-easy", "ia-inverse", "ia-clean", *FILLERS])
    + """\
  - id: ia-steps
    type: multiple
    objective: b-steps
    lesson: steps
    prompt: Which are steps of nociception?
    options:
      - {id: a, text: Transduction, feedback: Yes.}
      - {id: b, text: Perception, feedback: Yes.}
      - {id: c, text: Digestion, feedback: No.}
    key: [a, b]
    explanation: Four steps.
"""
)

# learner n answers this many fillers right, and these three questions as listed
FILLERS_RIGHT = [0, 0, 1, 1, 2, 2, 3, 3, 4, 4]
CLEAN_RIGHT = [False, False, False, True, False, True, True, True, True, True]
INVERSE_RIGHT = [True, True, True, True, True, False, False, False, False, False]


@pytest.fixture
def analysis_catalog(write_course):
    root = write_course({"quizzes/basics-quiz.yaml": ANALYSIS_QUIZ})
    opened = open_catalog(root / "curriculum", root / "quizzes")
    assert opened.problems == ()
    return opened


def _answer(attempt_id, store, catalog, question_id: str, right: bool) -> None:
    attempts.save_answer(store, catalog, attempt_id, question_id, "a" if right else "b")


def _seed(store, catalog) -> None:
    for n in range(10):
        learner = accounts.create_learner(store, f"Learner {n}")
        attempt = attempts.start_attempt(store, catalog, learner.id, "basics-quiz", seed=1)
        _answer(attempt.id, store, catalog, "ia-easy", True)
        _answer(attempt.id, store, catalog, "ia-inverse", INVERSE_RIGHT[n])
        _answer(attempt.id, store, catalog, "ia-clean", CLEAN_RIGHT[n])
        for index, filler in enumerate(FILLERS):
            _answer(attempt.id, store, catalog, filler, index < FILLERS_RIGHT[n])
        steps = ["a", "b"] if n % 2 else ["a", "c"]
        attempts.save_answer(store, catalog, attempt.id, "ia-steps", steps)
        attempts.submit_attempt(store, catalog, attempt.id)
    # an unfinished attempt counts for nothing, however wrong it is
    late = accounts.create_learner(store, "Still answering")
    attempt = attempts.start_attempt(store, catalog, late.id, "basics-quiz", seed=1)
    for question in ["ia-easy", "ia-inverse", "ia-clean"]:
        _answer(attempt.id, store, catalog, question, False)


def _expected_discrimination(item: list[bool]) -> float:
    """The point-biserial by hand: item 0/1 against the total of the other questions."""
    steps_score = [0.0 if n % 2 == 0 else 1.0 for n in range(10)]  # a,c earns 0; a,b earns 1
    totals = [
        1 + INVERSE_RIGHT[n] + CLEAN_RIGHT[n] + FILLERS_RIGHT[n] + steps_score[n] for n in range(10)
    ]
    rest = [totals[n] - item[n] for n in range(10)]
    return statistics.correlation([float(x) for x in item], rest)


def test_item_statistics_match_the_known_answers(store, analysis_catalog):
    _seed(store, analysis_catalog)

    rows = {row.question_id: row for row in item_analysis(store, analysis_catalog, "basics-quiz")}

    easy = rows["ia-easy"]
    assert (easy.responses, easy.difficulty, easy.discrimination) == (10, 1.0, None)
    assert easy.flags == ["too easy"]
    assert easy.option_counts == {"a": 10, "b": 0, "c": 0}
    question = analysis_catalog.quiz("basics-quiz").spec.questions[0]
    assert easy.option_label("b") == f"{question.options[1].text} (b)"  # what learners read

    inverse = rows["ia-inverse"]
    assert inverse.difficulty == 0.5
    assert inverse.discrimination == pytest.approx(_expected_discrimination(INVERSE_RIGHT))
    assert inverse.discrimination < -0.5
    assert inverse.flags == ["strong learners miss it"]
    assert inverse.option_counts == {"a": 5, "b": 5, "c": 0}

    clean = rows["ia-clean"]
    assert clean.difficulty == 0.6
    assert clean.discrimination == pytest.approx(_expected_discrimination(CLEAN_RIGHT))
    assert clean.discrimination > 0.5
    assert clean.flags == []

    steps = rows["ia-steps"]
    assert steps.difficulty == 0.5
    assert steps.option_counts == {"a": 10, "b": 5, "c": 5}
    assert steps.prompt == "Which are steps of nociception?"


def test_questions_come_in_quiz_order_and_unanswered_ones_have_no_statistics(
    store, analysis_catalog
):
    rows = item_analysis(store, analysis_catalog)

    assert [(r.quiz_id, r.question_id) for r in rows][:3] == [
        ("basics-quiz", "ia-easy"),
        ("basics-quiz", "ia-inverse"),
        ("basics-quiz", "ia-clean"),
    ]
    assert {r.quiz_id for r in rows} == {"basics-quiz", "pretest", "posttest"}
    assert all(r.responses == 0 and r.difficulty is None for r in rows)
    assert all(r.flags == ["few responses"] for r in rows)


def test_few_responses_are_flagged_and_answers_are_counted_by_value(store, catalog):
    for n, answer in enumerate([4, 4, 5]):
        learner = accounts.create_learner(store, f"Learner {n}")
        attempt = attempts.start_attempt(store, catalog, learner.id, "pretest")
        attempts.save_answer(store, catalog, attempt.id, "pre-steps", answer)
        attempts.save_answer(store, catalog, attempt.id, "pre-define", n == 0)
        attempts.submit_attempt(store, catalog, attempt.id)

    rows = {r.question_id: r for r in item_analysis(store, catalog, "pretest")}

    assert rows["pre-steps"].option_counts == {"4": 2, "5": 1}
    assert rows["pre-steps"].difficulty == pytest.approx(2 / 3)
    assert rows["pre-steps"].discrimination is None
    assert rows["pre-steps"].flags == ["few responses"]
    assert rows["pre-define"].option_counts == {True: 1, False: 2}
    assert rows["pre-define"].option_label(True) == "True"
    assert item_analysis_as_json([rows["pre-define"]])[0]["option_counts"] == {
        "true": 1,
        "false": 2,
    }


def test_an_unknown_quiz_is_refused(store, catalog):
    with pytest.raises(ServiceError, match="quiz `nope` is unavailable"):
        item_analysis(store, catalog, "nope")


def main(argv: list[str]) -> int:
    """`trainer ARGS`, with the authoring commands added if trainer.cli does not have them yet."""
    parser = cli.build_parser()
    commands = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    if "item-analysis" in commands.choices:
        return cli.main(argv)
    add_authoring_commands(commands)
    args = parser.parse_args(argv)
    return run_authoring(args, args.course, args.quizzes)


def _cli(root: Path, db_url: str, *args: str) -> list[str]:
    return [
        "--db", db_url, "--course", str(root / "curriculum"), "--quizzes", str(root / "quizzes"),
        "item-analysis", *args,
    ]  # fmt: skip


def test_cli_prints_a_table_and_json(store, analysis_catalog, db_url, capsys):
    _seed(store, analysis_catalog)
    root = Path(analysis_catalog.quizzes["basics-quiz"].path).parent.parent

    assert main(_cli(root, db_url, "--quiz", "basics-quiz")) == 0
    table = capsys.readouterr().out.splitlines()
    assert table[0] == "basics-quiz: Basics quiz"
    assert table[1].split() == ["question", "responses", "difficulty", "discrimination", "flags"]
    easy = next(line for line in table if line.startswith("ia-easy"))
    assert easy.split()[:4] == ["ia-easy", "10", "100%", "-"]
    assert easy.endswith("too easy")
    inverse = next(line for line in table if line.startswith("ia-inverse"))
    assert "strong learners miss it" in inverse

    assert main(_cli(root, db_url, "--json")) == 0
    data = json.loads(capsys.readouterr().out)
    by_id = {row["question_id"]: row for row in data}
    assert by_id["ia-easy"]["difficulty"] == 1.0
    assert by_id["ia-clean"]["discrimination"] == round(_expected_discrimination(CLEAN_RIGHT), 4)


def test_cli_refuses_an_unknown_quiz_in_one_line(store, demo_root, db_url, capsys):
    assert main(_cli(demo_root, db_url, "--quiz", "nope")) == 1
    err = capsys.readouterr().err
    assert err.startswith("trainer: quiz `nope` is unavailable") and err.count("\n") == 1


def test_an_ordering_answer_is_shown_in_words(store, catalog):
    learner = accounts.create_learner(store, "Learner")
    attempt = attempts.start_attempt(store, catalog, learner.id, "basics-quiz")
    attempts.save_answer(store, catalog, attempt.id, "bq-steps", ["t4", "t1", "t2", "t3"])
    attempts.submit_attempt(store, catalog, attempt.id)

    steps = next(
        r for r in item_analysis(store, catalog, "basics-quiz") if r.question_id == "bq-steps"
    )

    [answer] = steps.option_counts
    assert steps.option_label(answer) == "Perception → Transduction → Transmission → Modulation"
