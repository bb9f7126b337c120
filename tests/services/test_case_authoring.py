"""Authoring client cases: the file list shows them, the preview outlines them (or says
what stops them loading), `trainer new case` makes one that validates strictly, and item
analysis counts the choices taken."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from tests.cases.fixtures import CASE_PATH, VALID_CASE, changed
from tests.conftest import MODULE_MD
from tests.test_cli import paths, run
from trainer.content.render import Renderer
from trainer.services import accounts, case_play
from trainer.services.authoring_preview import (
    FileKind,
    build_preview,
    case_outline_html,
    file_kind,
    problem_lines,
)
from trainer.services.case_analysis import case_choice_analysis
from trainer.services.catalog import Catalog, open_catalog
from trainer.services.course_files import course_files
from trainer.services.scaffold import ScaffoldError, new_case

NOW = datetime(2026, 12, 3, 9, 0, tzinfo=UTC)
SECOND_PATH = "curriculum/basics/cases/another-visit.yaml"
SECOND_CASE = VALID_CASE.replace("id: first-visit", "id: another-visit")


def opened(root: Path) -> Catalog:
    catalog = open_catalog(root / "curriculum", root / "quizzes")
    assert catalog.problems == ()
    return catalog


def test_a_module_s_cases_are_listed_after_its_lessons_in_the_order_module_md_gives(
    write_course,
) -> None:
    listed = MODULE_MD.replace("quiz: basics-quiz\n", "quiz: basics-quiz\ncases: [first-visit]\n")
    root = write_course(
        {CASE_PATH: VALID_CASE, SECOND_PATH: SECOND_CASE, "curriculum/basics/module.md": listed}
    )
    files = course_files(root / "curriculum", root / "quizzes")
    [(folder, module_files)] = files.modules
    assert folder.name == "basics"
    assert [path.name for path in module_files] == [
        "module.md",
        "01-what-is-pain.md",
        "02-steps.md",
        "first-visit.yaml",  # listed under `cases:`, so before the others
        "another-visit.yaml",
    ]


def test_without_cases_a_module_lists_its_markdown_only(demo_root) -> None:
    [(_folder, module_files)] = course_files(
        demo_root / "curriculum", demo_root / "quizzes"
    ).modules
    assert [path.suffix for path in module_files] == [".md", ".md", ".md"]


def test_the_preview_outlines_the_case_nodes_choices_and_endings(write_course) -> None:
    root = write_course({CASE_PATH: VALID_CASE})
    catalog = opened(root)
    path = root / CASE_PATH
    assert file_kind(path, root / "quizzes") is FileKind.CASE
    preview = build_preview(VALID_CASE, path, FileKind.CASE, Renderer(catalog.course))
    assert preview.problems == ()
    outline = preview.outline
    assert "A first visit: the pain is real" in outline
    for node in ("arrives", "tells-more"):
        assert f"Node <code>{node}</code>" in outline
    assert "Ask Dana to tell you more about the pain." in outline
    assert "Rated helpful → node <code>tells-more</code>" in outline
    assert "Rated partly helpful → node <code>arrives</code>" in outline
    assert "Rated harmful → ending <code>walks-out</code>: Dana leaves (harmful)" in outline
    assert "Ending <code>plan-made</code>: A plan together (helpful)" in outline
    assert "Opening with curiosity" in outline  # the feedback, rendered
    assert "Helpful path: <code>arrives</code> → <code>tells-more</code> → ending" in outline


def test_case_outline_html_is_the_same_for_the_loaded_case(write_course) -> None:
    catalog = opened(write_course({CASE_PATH: VALID_CASE}))
    case = catalog.case("first-visit")
    outline = case_outline_html(case, Renderer(catalog.course))
    assert outline.count("<li>") == 4  # one per choice
    assert "Lessons: <code>what-is-pain#definition</code>, <code>steps</code>" in outline


def test_a_broken_case_shows_its_problem_with_its_line(write_course) -> None:
    root = write_course({CASE_PATH: VALID_CASE})
    catalog = opened(root)
    broken = changed("        next: tells-more\n", "        next: tells-mor\n")
    preview = build_preview(broken, root / CASE_PATH, FileKind.CASE, Renderer(catalog.course))
    assert preview.outline == ""
    [line] = problem_lines(preview.problems)
    assert line.startswith("first-visit.yaml:20: choice `ask-more`: `next: tells-mor`")


def test_a_case_naming_a_missing_objective_is_outlined_with_the_problem(write_course) -> None:
    root = write_course({CASE_PATH: VALID_CASE})
    catalog = opened(root)
    text = changed("objectives: [b-define]\nclient", "objectives: [b-nope]\nclient")
    preview = build_preview(text, root / CASE_PATH, FileKind.CASE, Renderer(catalog.course))
    assert "Node <code>arrives</code>" in preview.outline
    assert [line.split(": ", 1)[0] for line in problem_lines(preview.problems)] == [
        "first-visit.yaml:4"
    ]


def test_new_case_validates_strictly_as_created(capsys, demo_root) -> None:
    code, out, err = run(
        capsys, *paths(demo_root), "new", "case", "basics", "--title", "A night shift"
    )
    assert (code, err) == (0, "")
    path = demo_root / "curriculum" / "basics" / "cases" / "a-night-shift.yaml"
    assert out.splitlines() == [str(path)]
    code, out, _ = run(capsys, "validate", "--strict", *paths(demo_root))
    assert code == 0, out
    assert "1 cases" in out or "1 case" in out
    catalog = opened(demo_root)
    case = catalog.case("a-night-shift")
    assert case.spec.objectives == ["b-define"]  # the module's first objective
    assert {ending.outcome for ending in case.spec.endings} == {"helpful", "partly", "harmful"}
    assert all(ending.lessons == ["what-is-pain"] for ending in case.spec.endings)
    choices = [choice for node in case.spec.nodes for choice in node.choices]
    assert len(choices) >= 2 and all(choice.feedback.strip() for choice in choices)
    assert "cases" not in (demo_root / "curriculum" / "basics" / "module.md").read_text()


@pytest.mark.parametrize(
    ("listing", "expected", "order"),
    [
        (
            "cases: [first-visit]\n",
            "cases: [first-visit, a-night-shift]\n",
            ["first-visit", "a-night-shift"],
        ),
        ("cases: []\n", "cases: [a-night-shift]\n", ["a-night-shift", "first-visit"]),
        (
            "cases:\n  - first-visit\n",
            "cases:\n  - first-visit\n  - a-night-shift\n",
            ["first-visit", "a-night-shift"],
        ),
    ],
)
def test_new_case_is_added_to_the_module_s_case_list(
    write_course, listing, expected, order
) -> None:
    module_md = MODULE_MD.replace("reviewed:", listing + "reviewed:")
    root = write_course({CASE_PATH: VALID_CASE, "curriculum/basics/module.md": module_md})
    created = new_case(root / "curriculum", "basics", "A night shift")
    module_file = root / "curriculum" / "basics" / "module.md"
    assert created.changed == (created.path, module_file)
    assert expected in module_file.read_text()
    catalog = opened(root)
    assert list(catalog.cases) == order


def test_new_case_refuses_an_unknown_module(demo_root) -> None:
    with pytest.raises(ScaffoldError, match="no module `sleep`"):
        new_case(demo_root / "curriculum", "sleep", "A night shift")


def test_new_case_takes_a_free_id(write_course) -> None:
    root = write_course({CASE_PATH: VALID_CASE})
    created = new_case(root / "curriculum", "basics", "First visit")
    assert created.id == "first-visit-2"
    opened(root)


def test_case_choice_analysis_counts_each_choice_and_its_share(store, write_course) -> None:
    catalog = opened(write_course({CASE_PATH: VALID_CASE}))
    ana = accounts.create_learner(store, "Ana Ruiz").id
    ben = accounts.create_learner(store, "Ben Ode").id
    for minute, (learner, choice) in enumerate(
        [(ana, "ask-more"), (ben, "ask-more"), (ana, "doubt")]
    ):
        run = case_play.start_run(store, catalog, learner, "first-visit", NOW)
        case_play.choose(
            store, catalog, learner, run.run_id, "arrives", choice, NOW + timedelta(minutes=minute)
        )
    rows = case_choice_analysis(store, catalog)
    table = {(row.node_id, row.choice_id): (row.rating, row.taken, row.share) for row in rows}
    assert table[("arrives", "ask-more")] == ("helpful", 2, pytest.approx(2 / 3))
    assert table[("arrives", "doubt")] == ("harmful", 1, pytest.approx(1 / 3))
    assert table[("tells-more", "reflect")] == ("helpful", 0, None)  # nobody got there
    assert rows[0].text == "Ask Dana to tell you more about the pain."
    assert rows[0].case_title == "A first visit: the pain is real"
