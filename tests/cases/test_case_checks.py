"""`trainer validate` names every problem of a client case as `file:line: message`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cases.fixtures import CASE_PATH, VALID_CASE, changed
from tests.conftest import MODULE_MD
from trainer.services.validation import validate

FILE = CASE_PATH

UNREACHABLE_NODE = """\
  - id: asks-again
    text: |
      Dana asks again.
    choices:
      - id: answer-again
        text: Answer the question.
        rating: helpful
        feedback: |
          Answering plainly builds trust.
        next: plan-made
endings:
"""

DEAD_END_NODE = """\
  - id: stuck
    text: |
      Dana stares at the floor.
endings:
"""

LOOP_NODES = """\
  - id: circles
    text: |
      Dana repeats the story.
    choices:
      - id: listen-again
        text: Listen again.
        rating: partly
        feedback: |
          Listening is good; the session does not move on.
        next: round
  - id: round
    text: |
      Dana starts over.
    choices:
      - id: nod
        text: Nod.
        rating: partly
        feedback: |
          Nodding keeps the loop going.
        next: circles
endings:
"""


def case_problems(write_course, text: str, extra: dict[str, str] | None = None) -> list[str]:
    root = write_course({CASE_PATH: text, **(extra or {})})
    report = validate(root / "curriculum", root / "quizzes")
    return [problem.display(root) for problem in report.problems]


def test_the_valid_case_has_no_problems_and_is_counted(write_course) -> None:
    root = write_course({CASE_PATH: VALID_CASE})
    report = validate(root / "curriculum", root / "quizzes")
    assert report.problems == []
    assert (report.stats.cases, report.stats.case_decisions) == (1, 2)
    assert report.as_json()["stats"]["cases"] == 1


def test_a_course_without_cases_counts_none(write_course) -> None:
    root = write_course({})
    stats = validate(root / "curriculum", root / "quizzes").stats
    assert (stats.cases, stats.case_decisions) == (0, 0)


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        pytest.param(
            "endings:\n",
            UNREACHABLE_NODE,
            f"{FILE}:44: node `asks-again` cannot be reached from `start: arrives`: point a"
            " choice's `next:` at it, or delete it",
            id="unreachable-node",
        ),
        pytest.param(
            "next: walks-out",
            "next: lost",
            f"{FILE}:26: choice `doubt`: `next: lost` names no node or ending of this case:"
            " use one of `arrives`, `tells-more`, `plan-made`, `walks-out`",
            id="unknown-next",
        ),
        pytest.param(
            "start: arrives",
            "start: arrival",
            f"{FILE}:9: `start: arrival` names no node of this case: use one of `arrives`,"
            " `tells-more`",
            id="unknown-start",
        ),
        pytest.param(
            "start: arrives",
            "start: plan-made",
            f"{FILE}:9: `start: plan-made` names an ending: a case starts at a node; use one"
            " of `arrives`, `tells-more`",
            id="start-at-an-ending",
        ),
        pytest.param(
            "  - id: tells-more\n",
            "  - id: arrives\n",
            f"{FILE}:27: node id `arrives` is used twice in this case (line 11): a `next:`"
            " naming it would be ambiguous: give this node its own id",
            id="duplicate-node",
        ),
        pytest.param(
            "  - id: walks-out\n",
            "  - id: tells-more\n",
            f"{FILE}:51: ending id `tells-more` is also a node id (line 27): a `next:` naming"
            " it would be ambiguous: give this ending its own id",
            id="ending-clashes-with-node",
        ),
        pytest.param(
            "      - id: lecture\n",
            "      - id: doubt\n",
            f"{FILE}:38: choice id `doubt` is already used in this case (line 21): give each"
            " choice its own id",
            id="duplicate-choice",
        ),
        pytest.param(
            "        rating: helpful\n        objectives",
            "        rating: partly\n        objectives",
            f"{FILE}:9: no path of `helpful` choices leads from `start: arrives` to an ending:"
            " a counselor who chooses well must be able to finish the case; rate the best"
            " choice at each step `rating: helpful`, with a `next:` that leads on to an ending",
            id="no-helpful-path",
        ),
        pytest.param(
            "        feedback: |\n          Accurate, but it takes the session away from Dana.\n",
            "",
            f"{FILE}:38: `feedback` is missing in nodes[1].choices[1]: add `feedback: …`",
            id="missing-feedback",
        ),
        pytest.param(
            "        feedback: |\n          Accurate, but it takes the session away from Dana.\n",
            "        feedback:\n",
            f"{FILE}:41: nodes[1].choices[1].feedback: `feedback` is empty: write what the"
            " counselor should learn from this choice",
            id="empty-feedback",
        ),
        pytest.param(
            "        rating: partly\n",
            "",
            f"{FILE}:38: `rating` is missing in nodes[1].choices[1]: add `rating: …`",
            id="missing-rating",
        ),
        pytest.param(
            "        rating: partly\n",
            "        rating: so-so\n",
            f"{FILE}:40: nodes[1].choices[1].rating: should be 'helpful', 'partly' or 'harmful'",
            id="unknown-rating",
        ),
        pytest.param(
            "objectives: [b-define]\nclient",
            "objectives: [b-define, b-nothing]\nclient",
            f"{FILE}:4: objective `b-nothing` is not an objective of any module: use one of"
            " `b-define`, `b-steps`",
            id="unknown-objective",
        ),
        pytest.param(
            "        objectives: [b-define]\n",
            "        objectives: [b-define, pretend]\n",
            f"{FILE}:34: objective `pretend` is not an objective of any module: use one of"
            " `b-define`, `b-steps`",
            id="unknown-choice-objective",
        ),
        pytest.param(
            "    lessons: [what-is-pain]\n",
            "    lessons: [what-pain-is]\n",
            f"{FILE}:56: lesson `what-pain-is` does not exist: use a lesson id",
            id="unknown-lesson",
        ),
        pytest.param(
            "    lessons: [what-is-pain]\n",
            "    lessons: [what-is-pain#nowhere]\n",
            f"{FILE}:56: lesson `what-is-pain` has no heading or id `nowhere`: use a heading's"
            " anchor or give the heading `{#nowhere}`",
            id="unknown-anchor",
        ),
        pytest.param(
            "report of pain.[^raja2020]",
            "report of pain.[^smith1999]",
            f"{FILE}:19: footnote `[^smith1999]` has no reference: add `smith1999` to"
            " references.yaml or use an existing reference id",
            id="unknown-footnote",
        ),
        pytest.param(
            "module: basics",
            "module: advanced",
            f"{FILE}:3: `module: advanced` does not match the folder the case is in: set"
            " `module: basics` or move the file to advanced/cases/",
            id="module-not-its-folder",
        ),
        pytest.param(
            "id: first-visit",
            "id: first-session",
            f"{FILE}:1: case id `first-session` must match the file name: rename the file to"
            " `first-session.yaml` or set `id: first-visit`",
            id="id-not-its-file-name",
        ),
    ],
)
def test_each_broken_rule_is_named_at_its_line(write_course, old, new, expected) -> None:
    assert case_problems(write_course, changed(old, new)) == [expected]


def test_a_node_without_choices_is_a_dead_end(write_course) -> None:
    text = changed("endings:\n", DEAD_END_NODE, changed("next: arrives", "next: stuck"))
    assert case_problems(write_course, text) == [
        f"{FILE}:44: node `stuck` is a dead end: it has no choices, so the case stops here"
        " without an ending: add `choices:`, at least one leading on to an ending"
    ]


def test_a_loop_without_a_way_out_is_named_once(write_course) -> None:
    text = changed("endings:\n", LOOP_NODES, changed("next: arrives", "next: circles"))
    assert case_problems(write_course, text) == [
        f"{FILE}:44: node `circles` never leads to an ending: its choices go round in a loop"
        " (circles → round → circles) with no way out: point a choice's `next:` in the loop"
        " at an ending, or at a node that leads to one"
    ]


def test_an_ending_no_choice_leads_to_is_named(write_course) -> None:
    text = changed("next: walks-out", "next: plan-made")
    assert case_problems(write_course, text) == [
        f"{FILE}:51: ending `walks-out` cannot be reached from `start: arrives`: point a"
        " choice's `next:` at it, or delete it"
    ]


def test_a_footnote_in_a_one_line_text_is_named_at_that_line(write_course) -> None:
    text = changed(
        "text: Say that pain is often in the head.",
        "text: Say that pain is often in the head.[^nobody]",
    )
    assert case_problems(write_course, text) == [
        f"{FILE}:22: footnote `[^nobody]` has no reference: add `nobody` to references.yaml"
        " or use an existing reference id"
    ]


def test_a_case_listed_in_module_md_without_a_file_is_named(write_course) -> None:
    module = MODULE_MD.replace(
        "\n---\nThis module", "\ncases: [first-visit, second-visit]\n---\nThis module"
    )
    problems = case_problems(write_course, VALID_CASE, {"curriculum/basics/module.md": module})
    line = module.splitlines().index("cases: [first-visit, second-visit]") + 1
    assert problems == [
        f"curriculum/basics/module.md:{line}: case `second-visit` is listed in `cases:` but"
        " there is no file cases/second-visit.yaml in basics/: create it or remove the id"
        " from `cases:`"
    ]


def test_yaml_mistakes_are_named_like_any_course_file(write_course) -> None:
    text = changed('title: "A first visit: the pain is real"', 'title: "A first visit')
    [problem] = case_problems(write_course, text)
    assert problem.startswith(f"{FILE}:2: not valid YAML: a quote opened on this line")


def test_problems_of_a_broken_case_do_not_hide_the_rest_of_the_course(write_course) -> None:
    text = changed("next: walks-out", "next: lost")
    root = write_course({CASE_PATH: text})
    report = validate(root / "curriculum", root / "quizzes")
    assert report.course is not None and report.stats.lessons == 2
    assert report.stats.cases == 0
    assert Path(report.problems[0].file).name == "first-visit.yaml"


def test_trainer_validate_counts_the_cases(capsys, write_course) -> None:
    from tests.test_cli import paths, run

    root = write_course({CASE_PATH: VALID_CASE})
    code, out, _ = run(capsys, "validate", *paths(root))
    assert code == 0 and out.strip().endswith("2 objectives, 1 cases")
    code, out, _ = run(capsys, "validate", "--json", *paths(root))
    stats = json.loads(out)["stats"]
    assert (stats["cases"], stats["case_decisions"]) == (1, 2)


def test_a_case_in_a_module_that_did_not_load_follows_from_its_problem(write_course) -> None:
    broken_module = MODULE_MD.replace("title: Basics\n", "title: Basics\n  oops: [\n")
    root = write_course({CASE_PATH: VALID_CASE, "curriculum/basics/module.md": broken_module})
    report = validate(root / "curriculum", root / "quizzes")
    mine = [p for p in report.problems if p.file.name == "first-visit.yaml"]
    assert [(p.line, p.message.split(":")[0]) for p in mine] == [
        (4, "objective `b-define` is not an objective of any module"),
        (34, "objective `b-define` is not an objective of any module"),
        (50, "lesson `steps` does not exist"),
        (50, "lesson `what-is-pain` does not exist"),
        (56, "lesson `what-is-pain` does not exist"),
    ]
    assert {p.because.file.name for p in mine if p.because} == {"module.md"}
    assert all(p.because for p in mine)
