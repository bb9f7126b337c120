"""`trainer import-gift --module X`: a module has one quiz, so the imported quiz becomes X's
quiz, and a module that has one already is refused unless --replace."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import MODULE_MD
from tests.test_cli import paths, run

FIXTURES = Path(__file__).parent / "fixtures"
GIFT = "::q1:: Pain is an experience. {T#Right.#It is.}\n"
OPTIONS = ["--objective", "b-define", "--lesson", "what-is-pain"]


def _import(capsys, root: Path, *extra: str) -> tuple[int, str, str]:
    source = root / "bank.gift"
    source.write_text(GIFT, encoding="utf-8")
    out = root / "quizzes" / "imported.yaml"
    return run(capsys, *paths(root), "import-gift", str(source), "--out", str(out), *extra)


def test_refuses_a_module_that_has_a_quiz_naming_it(capsys, demo_root: Path) -> None:
    code, _, err = _import(capsys, demo_root, "--module", "basics", *OPTIONS)
    assert code == 1 and err.count("\n") == 1
    assert "module `basics` already has the quiz `basics-quiz`" in err
    assert "--replace" in err
    assert not (demo_root / "quizzes" / "imported.yaml").exists()


def test_replace_makes_the_imported_quiz_the_modules_quiz(capsys, demo_root: Path) -> None:
    code, out, _ = _import(capsys, demo_root, "--module", "basics", "--replace", *OPTIONS)
    assert code == 0 and "`quiz: imported`" in out
    module = (demo_root / "curriculum" / "basics" / "module.md").read_text(encoding="utf-8")
    assert "quiz: imported\n" in module and "basics-quiz" not in module


def test_a_module_without_a_quiz_gets_the_imported_one(capsys, write_course) -> None:
    root = write_course(
        {"curriculum/basics/module.md": MODULE_MD.replace("quiz: basics-quiz\n", "")}
    )
    code, _, _ = _import(capsys, root, "--module", "basics", *OPTIONS)
    assert code == 0
    module = (root / "curriculum" / "basics" / "module.md").read_text(encoding="utf-8")
    assert "quiz: imported\n" in module


def test_without_module_nothing_else_changes(capsys, demo_root: Path) -> None:
    before = (demo_root / "curriculum" / "basics" / "module.md").read_text(encoding="utf-8")
    code, _, _ = _import(capsys, demo_root, *OPTIONS)
    assert code == 0
    assert (demo_root / "curriculum" / "basics" / "module.md").read_text() == before
