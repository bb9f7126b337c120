"""Hostile or huge course files: each is a `file:line: message` problem, never a hang,
a crash or a file fetched from outside the course."""

from __future__ import annotations

import os
from pathlib import Path

import markdown
import pytest

from tests.conftest import LESSON_ONE, LESSON_TWO
from tests.timeouts import within
from trainer.content.limits import MAX_NESTING
from trainer.content.loader import load_course
from trainer.content.render import Renderer, sanitise
from trainer.services.authoring_preview import FileKind, build_preview
from trainer.services.export_html import export_html
from trainer.services.validation import validate

HOSTILE = Path(__file__).parent / "fixtures" / "hostile"
IMAGE_SOURCES = [
    line
    for line in (HOSTILE / "image-sources.txt").read_text(encoding="utf-8").splitlines()
    if line and not line.startswith("#")
]
LESSON = "curriculum/basics/02-steps.md"
needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")


def problems(root: Path) -> list[tuple[str, int, str]]:
    with within(20):
        report = validate(root / "curriculum", root / "quizzes")
    return [(p.file.relative_to(root).as_posix(), p.line, p.message) for p in report.problems]


def line_of(text: str, needle: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), 1) if needle in line)


def rendered(root: Path, style: str = "app") -> list[str]:
    course, _ = load_course(root / "curriculum")
    renderer = Renderer(course, link_style=style)  # type: ignore[arg-type]
    with within(20):
        return [renderer.render_lesson(lesson).html for lesson in course.lessons]


# ---------------------------------------------------------------- media and images


@pytest.mark.parametrize("source", IMAGE_SOURCES)
def test_an_image_outside_the_course_is_a_problem_and_never_an_img(
    write_course, source: str
) -> None:
    text = LESSON_TWO + f"\nA figure: ![gate figure]({source})\n"
    root = write_course({LESSON: text})
    found = [p for p in problems(root) if p[0] == LESSON]
    assert [(n, m.startswith("image `")) for _, n, m in found] == [
        (line_of(text, "A figure"), True)
    ]
    for style in ("app", "export"):
        html = rendered(root, style)[1]
        assert "<img" not in html and "gate figure" in html


@pytest.mark.parametrize("source", IMAGE_SOURCES)
def test_raw_html_images_outside_the_course_are_problems_and_lose_their_source(
    write_course, source: str
) -> None:
    text = LESSON_TWO + f'\n<p><img src="{source}" alt="raw figure"></p>\n'
    root = write_course({LESSON: text})
    found = [(n, m) for f, n, m in problems(root) if f == LESSON]
    assert [n for n, m in found if m.startswith("image `")] == [line_of(text, "raw figure")]
    assert "src=" not in sanitise(f'<img src="{source}" alt="x">')


def test_an_image_in_the_module_media_still_shows(write_course) -> None:
    root = write_course({LESSON: LESSON_TWO + "\n![gate figure](media/gate.png)\n"})
    media = root / "curriculum/basics/media"
    media.mkdir()
    (media / "gate.png").write_bytes(b"\x89PNG")
    assert [p for p in problems(root) if p[0] == LESSON] == []
    assert 'src="media/basics/media/gate.png"' in rendered(root, "export")[1]


# ---------------------------------------------------------------- limits of the Markdown


def hostile_lesson(body: str) -> str:
    return "---\nid: hostile\ntitle: Hostile\nminutes: 1\n---\n" + body


@pytest.mark.parametrize(
    ("body", "line", "message"),
    [
        pytest.param(
            "\n\n".join(
                "\n".join("Pain hurts.[^raja2020] " * 5 for _ in range(20)) for _ in range(100)
            ),
            6,
            "footnote `[^raja2020]` is used 10000 times, more than 100",
            id="10,000 uses of one footnote",
        ),
        pytest.param(
            "Intro.\n\n" + "[" * 10_240 + "\n",
            8,
            "line of 10240 characters, more than 10000",
            id="a 10 KB line of [",
        ),
        pytest.param(
            "Intro.\n\n" + ("[[[[[[[[[[" * 10 + "\n") * 40,
            8,
            "`[` appears 4000 times in one paragraph, more than 300",
            id="a paragraph of [",
        ),
        pytest.param(
            "Intro.\n\n" + "<http://a " * 400 + "\n",
            8,
            "`<` appears 400 times in one paragraph, more than 300",
            id="a paragraph of autolinks",
        ),
        pytest.param(
            "".join("    " * depth + "- item\n" for depth in range(300)),
            6 + MAX_NESTING,
            f"nested {MAX_NESTING + 1} levels deep",
            id="a list nested 300 deep",
        ),
        pytest.param(
            ">" * 5000 + " quoted\n",
            6,
            "nested 5000 levels deep",
            id="quotes nested 5,000 deep",
        ),
        pytest.param("- " * 3000 + "item\n", 6, "nested 3000 levels deep", id="- - - - item"),
        pytest.param("a\n" * 20_000, 3006, "the page has 20000 lines", id="20,000 lines"),
    ],
)
def test_markdown_that_would_hang_or_crash_the_parser_is_a_problem(
    write_course, tmp_path: Path, body: str, line: int, message: str
) -> None:
    root = write_course({"curriculum/basics/03-hostile.md": hostile_lesson(body)})
    found = [(n, m) for f, n, m in problems(root) if f == "curriculum/basics/03-hostile.md"]
    assert any(n == line and m.startswith(message) for n, m in found), found
    course, _ = load_course(root / "curriculum")
    assert [lesson.id for lesson in course.lessons] == ["what-is-pain", "steps"]
    with within(20):
        export_html(course, tmp_path / "site")


def test_a_hostile_module_introduction_makes_the_module_unavailable(write_course) -> None:
    root = write_course({})
    module = root / "curriculum/basics/module.md"
    module.write_text(module.read_text() + "[" * 20_000 + "\n")
    course, found = load_course(root / "curriculum")
    assert not course.modules[0].available
    assert any("line of 20000 characters" in p.message for p in found)
    assert "[[[[" not in Renderer(course).render_module_intro(course.modules[0]).html


def test_a_page_the_parser_cannot_render_is_shown_as_a_problem(write_course, monkeypatch) -> None:
    root = write_course({})

    def too_deep(self: markdown.Markdown, source: str) -> str:
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr(markdown.Markdown, "convert", too_deep)
    found = problems(root)
    assert ("curriculum/basics/01-what-is-pain.md", 1) in [(f, n) for f, n, _ in found]
    assert "This page cannot be shown" in rendered(root)[0]


def test_a_lesson_over_one_megabyte_is_not_read(write_course) -> None:
    root = write_course({"curriculum/basics/03-huge.md": hostile_lesson("word " * 4_000_000)})
    assert (
        "curriculum/basics/03-huge.md",
        1,
        "not read: the file is 19.1 MB, more than the limit of 1.0 MB;"
        " course files are plain text files",
    ) in problems(root)


@needs_fifo
def test_a_pipe_named_like_a_lesson_is_reported_not_waited_on(write_course) -> None:
    root = write_course({})
    os.mkfifo(root / "curriculum/basics/03-pipe.md")
    os.mkfifo(root / "quizzes/pipe.yaml")
    found = problems(root)
    for name in ("curriculum/basics/03-pipe.md", "quizzes/pipe.yaml"):
        assert (
            name,
            1,
            "not read: the file is not a regular file (a folder, pipe, device or socket);"
            " course files are plain text files",
        ) in found


# ---------------------------------------------------------------- quizzes and footnotes


@pytest.mark.parametrize("value", [".nan", ".inf", "-.inf", ".NaN"])
@pytest.mark.parametrize("field", ["key", "tolerance"])
def test_nan_and_infinity_are_not_numbers_a_quiz_may_hold(
    write_course, field: str, value: str
) -> None:
    root = write_course({})
    path = root / "quizzes/posttest.yaml"
    text = path.read_text().replace("    key: 4\n", f"    key: 4\n    {field}: {value}\n")
    text = text.replace("    key: 4\n    key:", "    key:")  # the key itself replaced
    path.write_text(text)
    found = [(n, m) for f, n, m in problems(root) if f == "quizzes/posttest.yaml"]
    assert (line_of(text, f"{field}: {value}"), "finite") in [
        (n, "finite") for n, m in found if "finite number" in m
    ], found


def test_an_authors_footnote_may_not_replace_a_citation(write_course) -> None:
    text = LESSON_ONE + "\n[^raja2020]: My own words instead of the reference.\n"
    root = write_course({"curriculum/basics/01-what-is-pain.md": text})
    assert (
        "curriculum/basics/01-what-is-pain.md",
        line_of(text, "My own words"),
        "footnote `[^raja2020]` is defined here, which would replace the citation of"
        " reference `raja2020`: remove this definition (the citation comes from"
        " references.yaml)",
    ) in problems(root)


def test_a_quiz_prompt_that_would_hang_the_quiz_page_is_a_problem(write_course) -> None:
    root = write_course({})
    path = root / "quizzes/basics-quiz.yaml"
    text = path.read_text().replace("prompt: What is pain?", "prompt: '" + "[" * 400 + "'")
    path.write_text(text)
    assert (
        "quizzes/basics-quiz.yaml",
        line_of(text, "[[[["),
        "`[` appears 400 times in one paragraph, more than 300: split the paragraph",
    ) in problems(root)


def test_practice_instructions_that_would_hang_the_page_are_a_problem(write_course) -> None:
    text = LESSON_ONE.replace(
        "    title: Your pain story\n",
        "    title: Your pain story\n    instructions: '" + "<http://a " * 400 + "'\n",
    )
    root = write_course({"curriculum/basics/01-what-is-pain.md": text})
    assert (
        "curriculum/basics/01-what-is-pain.md",
        line_of(text, "instructions:"),
        "`<` appears 400 times in one paragraph, more than 300: split the paragraph",
    ) in problems(root)


def test_a_reference_that_would_hang_every_page_citing_it_is_a_problem(write_course) -> None:
    root = write_course({})
    path = root / "curriculum/references.yaml"
    text = path.read_text().replace(
        "title: The revised IASP definition of pain", "title: '" + "[" * 400 + "'"
    )
    path.write_text(text)
    found = problems(root)
    assert (
        "curriculum/references.yaml",
        line_of(text, "[[[["),
        "`[` appears 400 times in one paragraph, more than 300: split the paragraph",
    ) in found
    assert "This page cannot be shown" not in rendered(root)[0]


def test_the_authoring_preview_lists_the_limits_a_page_or_quiz_breaks(write_course) -> None:
    root = write_course({})
    course, _ = load_course(root / "curriculum")
    renderer = Renderer(course)
    lesson = root / "curriculum/basics/03-draft.md"
    text = hostile_lesson("Intro.\n\n" + "[" * 20_000 + "\n")
    with within(20):
        preview = build_preview(text, lesson, FileKind.LESSON, renderer)
    assert preview.page is None
    assert (8, "line of 20000 characters") in [(p.line, p.message[:24]) for p in preview.problems]
    quiz = root / "quizzes/basics-quiz.yaml"
    text = quiz.read_text().replace("prompt: What is pain?", "prompt: '" + "[" * 400 + "'")
    with within(20):
        preview = build_preview(text, quiz, FileKind.QUIZ, renderer)
    assert preview.quiz is None
    assert [p.line for p in preview.problems] == [line_of(text, "[[[[")]
