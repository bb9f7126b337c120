"""Export the course as static HTML pages a trainer can open or print in a browser."""

from __future__ import annotations

import shutil
from pathlib import Path

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from trainer.content.model import Course
from trainer.content.render import Renderer


def export_html(course: Course, outdir: Path) -> Path:
    """Write every lesson, the stylesheet, the media and an index page; return the index."""
    outdir.mkdir(parents=True, exist_ok=True)
    renderer = Renderer(course, link_style="export")
    (outdir / "style.css").write_text(renderer.stylesheet, encoding="utf-8")
    for lesson in course.lessons:
        page = renderer.render_lesson(lesson)
        (outdir / f"{lesson.id}.html").write_text(page.html, encoding="utf-8")
    _copy_media(course, outdir / "media")
    environment = Environment(
        loader=PackageLoader("trainer", "templates"), autoescape=select_autoescape(["j2"])
    )
    intros = {
        module.id: Markup(_body_of(renderer.render_module_intro(module).html))
        for module in course.modules
        if module.available
    }
    index = outdir / "index.html"
    index.write_text(
        environment.get_template("index.html.j2").render(course=course, intros=intros),
        encoding="utf-8",
    )
    return index


def _body_of(page: str) -> str:
    """The rendered introduction without the page's own heading and frame."""
    start = page.index("</h1>") + len("</h1>")
    return page[start : page.rindex("</body>")]


def _copy_media(course: Course, target: Path) -> None:
    for media in course.root.rglob("media"):
        if media.is_dir():
            destination = target / media.relative_to(course.root)
            shutil.copytree(media, destination, dirs_exist_ok=True)
