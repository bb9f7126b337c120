"""Cases load with the course: in module order, picklable, rendered like lessons."""

from __future__ import annotations

import pickle
from pathlib import Path

from tests.cases.fixtures import CASE_PATH, VALID_CASE, changed
from tests.conftest import MODULE_MD
from trainer.cases.graph import helpful_path, paths_to_endings
from trainer.cases.loader import load_case
from trainer.services import course_cache
from trainer.services.catalog import Catalog, open_catalog

SECOND = changed("id: first-visit", "id: second-visit")
THIRD = changed("id: first-visit", "id: a-third-visit")


def catalog_of(root: Path) -> Catalog:
    return open_catalog(root / "curriculum", root / "quizzes")


def test_cases_follow_module_md_then_the_file_names(write_course) -> None:
    module = MODULE_MD.replace(
        "\n---\nThis module", "\ncases: [second-visit, first-visit]\n---\nThis module"
    )
    root = write_course(
        {
            CASE_PATH: VALID_CASE,
            "curriculum/basics/cases/second-visit.yaml": SECOND,
            "curriculum/basics/cases/a-third-visit.yaml": THIRD,
            "curriculum/basics/module.md": module,
        }
    )
    catalog = catalog_of(root)
    assert catalog.problems == ()
    assert list(catalog.cases) == ["second-visit", "first-visit", "a-third-visit"]


def test_a_broken_case_is_left_out_of_the_catalog_with_its_problem(write_course) -> None:
    root = write_course({CASE_PATH: changed("next: walks-out", "next: lost")})
    catalog = catalog_of(root)
    assert catalog.cases == {}
    assert [(p.file.name, p.line) for p in catalog.problems] == [("first-visit.yaml", 26)]


def test_the_catalog_with_its_cases_survives_the_course_cache(write_course) -> None:
    root = write_course({CASE_PATH: VALID_CASE})
    catalog = catalog_of(root)
    again = pickle.loads(pickle.dumps(catalog))
    assert again.cases == catalog.cases
    assert again.case("first-visit").spec.node("arrives") is not None
    assert "cases" in course_cache.CODE_FOLDERS


def test_case_text_renders_with_its_citation_and_without_script(write_course) -> None:
    root = write_course({CASE_PATH: VALID_CASE})
    catalog = catalog_of(root)
    case = catalog.case("first-visit")
    feedback = case.spec.choice("arrives", "ask-more").feedback
    html = catalog.renderer.render_case_text(feedback, case.path)
    assert "<p>Opening with curiosity" in html
    assert "The revised IASP definition of pain" in html
    hostile = catalog.renderer.render_case_text("Hi <script>alert(1)</script>", case.path)
    assert "<script" not in hostile


def test_the_graph_gives_the_helpful_path_and_every_path(write_course) -> None:
    root = write_course({CASE_PATH: VALID_CASE})
    spec = load_case(root / CASE_PATH).spec
    assert helpful_path(spec) == [("arrives", "ask-more"), ("tells-more", "reflect")]
    assert sorted(paths_to_endings(spec)) == [
        [("arrives", "ask-more"), ("tells-more", "reflect")],
        [("arrives", "doubt")],
    ]
    assert load_case(root / CASE_PATH).decisions == 2
