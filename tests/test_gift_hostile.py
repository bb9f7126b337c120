"""A hostile GIFT corpus: every file converts to a quiz that validates, or is refused with
`FILE:LINE: …` and exit 1, within a couple of seconds and never with a traceback."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from tests.conftest import MODULE_MD
from tests.test_gift import main
from trainer.services.validation import validate

HOSTILE = Path(__file__).parent / "fixtures" / "gift" / "hostile"
OPTIONS = ["--module", "basics", "--objective", "b-define", "--lesson", "what-is-pain"]
SECONDS = 3.0


def _five_megabytes(folder: Path) -> Path:
    """Written here rather than kept in the repository: questions, a runaway answer block
    and a long HTML answer, 5 MB in all."""
    question = "::Same title:: Which one? {=right#yes ~%50%half#half ~wrong#no}\n\n"
    html = "[html]Which? {=" + "<p>word <b>bold</b></p>" * 20_000 + " ~no}\n\n"
    runaway = "Runaway {=a " + "~" * 1_000_000 + "}\n\n"
    text = question * 900 + html + runaway
    path = folder / "five-mb.gift"
    path.write_text(text + "x" * (5_000_000 - len(text)), encoding="utf-8")
    return path


def test_the_corpus_holds_the_hostile_cases() -> None:
    names = {path.stem for path in HOSTILE.glob("*.gift")}
    assert {"unterminated-brace", "escaped-equals", "empty-answers", "huge-numbers", "nan-inf",
            "many-tildes", "non-utf8", "bom", "crlf"} <= names  # fmt: skip


@pytest.mark.parametrize("name", [*sorted(p.name for p in HOSTILE.glob("*.gift")), "five-mb.gift"])
def test_each_file_converts_to_a_valid_quiz_or_is_refused_by_line(
    name: str, write_course, tmp_path: Path, capsys
) -> None:
    # the module takes the imported quiz, so that the quiz is used (an unused quiz is a problem)
    root = write_course(
        {
            "curriculum/basics/module.md": MODULE_MD.replace("quiz: basics-quiz", "quiz: imported"),
            "quizzes/basics-quiz.yaml": None,
        }
    )
    source = HOSTILE / name if name != "five-mb.gift" else _five_megabytes(tmp_path)
    out = root / "quizzes" / "imported.yaml"
    started = time.monotonic()
    code = main(["import-gift", str(source), "--out", str(out), *OPTIONS])
    elapsed = time.monotonic() - started
    err = capsys.readouterr().err

    assert elapsed < SECONDS, f"{name} took {elapsed:.1f} s"
    assert "Traceback" not in err
    assert all(line.startswith((f"{source}:", "trainer: ")) for line in err.splitlines()), err
    if code == 0:
        report = validate(root / "curriculum", root / "quizzes")
        assert report.problems == [], [p.display() for p in report.problems]
    else:
        assert code == 1 and not out.exists()
        assert any(f"{source}:" in line for line in err.splitlines()), err
