"""Export the course as static HTML pages a trainer can open or print in a browser."""

from __future__ import annotations

import shutil
from pathlib import Path

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from trainer.content.media_files import media_files
from trainer.content.model import Course
from trainer.content.render import Renderer
from trainer.services import output_files


def export_html(course: Course, outdir: Path) -> Path:
    """Write every lesson, the stylesheet, the media and an index page; return the index."""
    outdir.mkdir(parents=True, exist_ok=True)
    renderer = Renderer(course, link_style="export")
    _write(outdir / "style.css", renderer.stylesheet)
    for lesson in course.lessons:
        page = renderer.render_lesson(lesson)
        _write(outdir / f"{lesson.id}.html", page.html)
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
    _write(index, environment.get_template("index.html.j2").render(course=course, intros=intros))
    return index


def _write(path: Path, text: str) -> None:
    """Each page whole or not at all; replacing the previous export's page (pages are for
    publishing, so not private)."""
    output_files.write_text_file(path, text, force=True, private=False)


def _body_of(page: str) -> str:
    """The rendered introduction without the page's own heading and frame."""
    start = page.index("</h1>") + len("</h1>")
    return page[start : page.rindex("</body>")]


def _copy_media(course: Course, target: Path) -> None:
    """Copy regular files only, never through a link out of the course (validate names those)."""
    for relative, source in media_files(course.root).files.items():
        destination = target / relative
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, destination)
