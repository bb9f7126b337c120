"""The lesson pipeline: Markdown, sanitiser, references, glossary, links, media, cache."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import LESSON_ONE
from trainer.content.loader import load_course
from trainer.content.render import Renderer, sanitise


def renderer_for(root: Path, style: str = "app") -> Renderer:
    course, problems = load_course(root / "curriculum")
    assert problems == []
    return Renderer(course, link_style=style)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("dirty", "must_not_contain"),
    [
        ("<script>alert('x')</script><p>ok</p>", ["<script", "alert"]),
        ('<iframe src="https://evil.example"></iframe><p>ok</p>', ["<iframe", "evil"]),
        ('<p onclick="steal()">ok</p>', ["onclick", "steal"]),
        ('<a href="javascript:steal()">ok</a>', ["javascript:"]),
        ('<img src="https://tracker.example/pixel.png" alt="x">', ["tracker.example"]),
        ('<img src="//tracker.example/pixel.png" alt="x">', ["tracker.example"]),
        ('<object data="x.swf"></object><embed src="x.swf">', ["<object", "<embed"]),
        ('<p style="background:url(https://x.example/a.png)">ok</p>', ["x.example", "style="]),
        ('<form action="https://x.example"><input name="a"></form>', ["<form", "<input"]),
        ('<a href="file:///etc/passwd">x</a>', ["file:"]),
    ],
)
def test_sanitiser_strips_dangerous_html(dirty: str, must_not_contain: list[str]) -> None:
    clean = sanitise(dirty)
    for fragment in must_not_contain:
        assert fragment not in clean


def test_sanitiser_keeps_lesson_html() -> None:
    html = '<h2 id="x">T</h2><table class="admonition key-point" width="100%"><tr><td><p>k</p></td></tr></table><a href="https://example.org">w</a><a href="lesson:steps#a">l</a>'
    clean = sanitise(html)
    for fragment in [
        'id="x"',
        'class="admonition key-point"',
        'href="https://example.org"',
        'href="lesson:steps#a"',
    ]:
        assert fragment in clean


def test_raw_html_in_a_lesson_is_sanitised(write_course) -> None:
    text = (
        LESSON_ONE
        + '\n<script>alert(1)</script>\n\n<a href="javascript:alert(1)" onmouseover="x()">bad</a>\n'
    )
    root = write_course({"curriculum/basics/01-what-is-pain.md": text})
    renderer = renderer_for(root)
    html = renderer.render_lesson(renderer.course.lessons[0]).html
    assert "<script" not in html and "javascript:" not in html and "onmouseover" not in html


def test_footnotes_show_the_full_reference(demo_root: Path) -> None:
    renderer = renderer_for(demo_root)
    page = renderer.render_lesson(renderer.course.lessons[0])
    assert 'href="#fn:raja2020"' in page.html
    assert "Raja SN, Carr DB, Cohen M (2020). The revised IASP definition of pain." in page.html
    assert 'href="https://doi.org/10.1097/j.pain.0000000000001939"' in page.html
    assert page.footnotes == ("raja2020",)


def test_glossary_term_is_marked_once(demo_root: Path) -> None:
    renderer = renderer_for(demo_root)
    html = renderer.render_lesson(renderer.course.lessons[0]).html
    assert html.count('href="glossary:nociception"') == 1
    assert 'title="The nervous system\'s detection of possible harm."' in html.replace("&#39;", "'")


def test_admonition_becomes_a_framed_box_with_its_title(demo_root: Path) -> None:
    renderer = renderer_for(demo_root)
    html = renderer.render_lesson(renderer.course.lessons[0]).html
    assert 'class="admonition key-point"' in html
    assert "Key point" in html


def test_table_of_contents_and_anchors(demo_root: Path) -> None:
    renderer = renderer_for(demo_root)
    page = renderer.render_lesson(renderer.course.lesson("steps"))
    assert [(e.level, e.anchor, e.title) for e in page.toc] == [
        (2, "four-steps", "The four steps"),
        (2, "why-it-matters", "Why it matters"),
    ]
    assert {"four-steps", "why-it-matters"} <= page.anchors


def test_lesson_links_point_into_the_app_or_the_export(demo_root: Path) -> None:
    app = renderer_for(demo_root, "app")
    assert 'href="lesson:steps#four-steps"' in app.render_lesson(app.course.lessons[0]).html
    export = renderer_for(demo_root, "export")
    assert 'href="steps.html#four-steps"' in export.render_lesson(export.course.lessons[0]).html


def test_images_resolve_into_the_module_media(write_course) -> None:
    root = write_course(
        {"curriculum/basics/01-what-is-pain.md": LESSON_ONE + "\n![Gate](media/gate.png)\n"}
    )
    media = root / "curriculum/basics/media"
    media.mkdir()
    (media / "gate.png").write_bytes(b"\x89PNG")
    app = renderer_for(root)
    assert (
        f'src="{(media / "gate.png").resolve().as_uri()}"'
        in app.render_lesson(app.course.lessons[0]).html
    )
    export = renderer_for(root, "export")
    assert (
        'src="media/basics/media/gate.png"' in export.render_lesson(export.course.lessons[0]).html
    )


def test_rendered_pages_are_cached_by_content(demo_root: Path) -> None:
    renderer = renderer_for(demo_root)
    lesson = renderer.course.lessons[0]
    assert renderer.render_lesson(lesson) is renderer.render_lesson(lesson)


def test_stylesheet_is_inline_for_the_app_and_linked_for_export(demo_root: Path) -> None:
    app = renderer_for(demo_root, "app")
    assert "<style>" in app.render_lesson(app.course.lessons[0]).html
    assert '"DejaVu Sans Mono"' in app.render_lesson(app.course.lessons[0]).html
    export = renderer_for(demo_root, "export")
    assert (
        '<link rel="stylesheet" href="style.css">'
        in export.render_lesson(export.course.lessons[0]).html
    )


def test_glossary_names_in_capitals_match_only_in_capitals(write_course) -> None:
    glossary = "- id: stop\n  term: STOP\n  definition: A group program.\n- id: nociception\n  term: Nociception\n  definition: x.\n"
    text = LESSON_ONE + "\nClients may stop coming. The STOP group helps.\n"
    root = write_course(
        {"curriculum/glossary.yaml": glossary, "curriculum/basics/01-what-is-pain.md": text}
    )
    renderer = renderer_for(root)
    html = renderer.render_lesson(renderer.course.lessons[0]).html
    assert "may stop coming" in html
    assert '<a class="term" href="glossary:stop" title="A group program.">STOP</a> group' in html


def test_glossary_terms_match_across_line_breaks(write_course) -> None:
    glossary = "- id: negative-mood\n  term: negative mood\n  definition: Low or anxious feelings.\n- id: nociception\n  term: Nociception\n  definition: x.\n"
    text = LESSON_ONE + "\nA negative\nmood raises craving.\n"
    root = write_course(
        {"curriculum/glossary.yaml": glossary, "curriculum/basics/01-what-is-pain.md": text}
    )
    renderer = renderer_for(root)
    assert (
        'href="glossary:negative-mood"' in renderer.render_lesson(renderer.course.lessons[0]).html
    )
