"""Render lessons: Markdown → sanitised HTML → Jinja2 page, cached by content hash."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlsplit

import markdown
import nh3
from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from trainer.content.image_sources import safe_file_uri, unsafe_image_source
from trainer.content.limits import FOOTNOTE_USE as FOOTNOTE_USE
from trainer.content.limits import markdown_hazards
from trainer.content.markdown_ext import LessonExtension
from trainer.content.model import Course, Lesson, Module
from trainer.content.problems import Problem

RENDERER_VERSION = "4"
FOOTNOTE_DEFINITION = re.compile(r"^\[\^([^\]\s]+)\]:", re.MULTILINE)
BACK_LINK = r'<a class="footnote-backref" [^>]*>&#8617;</a>'
BACK_LINKS = re.compile(f"(?:{BACK_LINK}){{2,}}")
EXTENSIONS = ["tables", "footnotes", "toc", "admonition", "attr_list", "def_list"]
ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "caption", "code", "dd", "div", "dl", "dt", "em",
    "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "li", "ol", "p", "pre", "small",
    "span", "strong", "sub", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "u",
    "ul",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "*": {"id", "class", "title"},
    "a": {"href"},
    "img": {"src", "alt", "width", "height"},
    "table": {"width", "cellpadding", "cellspacing", "border"},
    "td": {"colspan", "rowspan", "align"},
    "th": {"colspan", "rowspan", "align"},
    "ol": {"start"},
}
LINK_SCHEMES = {"http", "https", "mailto", "lesson", "module", "glossary"}
LinkStyle = Literal["app", "export"]


@dataclass(frozen=True)
class TocEntry:
    level: int
    anchor: str
    title: str


@dataclass(frozen=True)
class RenderedPage:
    """A lesson (or module introduction) as a full HTML page, with its table of contents."""

    html: str
    toc: tuple[TocEntry, ...]
    anchors: frozenset[str]
    footnotes: tuple[str, ...]


def sanitise(html: str, course_root: Path | None = None) -> str:
    """Keep allow-listed HTML only: no script, frames, handlers, javascript: or remote images.

    Images load from relative paths, and from `file:` URIs inside `course_root` if given.
    """
    root = course_root.resolve() if course_root is not None else None
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=LINK_SCHEMES | {"file"},
        attribute_filter=lambda tag, name, value: _filter_attribute(tag, name, value, root),
        link_rel=None,
        strip_comments=True,
    )


def _filter_attribute(tag: str, attribute: str, value: str, root: Path | None) -> str | None:
    if attribute not in {"src", "href"}:
        return value
    if tag == "img":  # remote or network-share images would be fetched: never
        inside = root is not None and safe_file_uri(value, root)
        return value if inside or unsafe_image_source(value) is None else None
    parts = urlsplit(value)
    scheme = parts.scheme.lower()
    if attribute == "href" and scheme == "file":
        return None
    return value


class Renderer:
    """Renders a course's pages; one instance per course and link style."""

    def __init__(self, course: Course, link_style: LinkStyle = "app") -> None:
        self.course = course
        self.link_style = link_style
        self._cache: dict[str, RenderedPage] = {}
        self._fragments: dict[str, str] = {}  # rendered case texts, by the same kind of key
        # pages that Python-Markdown could not render (the loader's limits let them through)
        self.problems: list[Problem] = []
        self._lessons_by_path = {lesson.path.resolve(): lesson for lesson in course.lessons}

    @cached_property
    def _environment(self) -> Environment:
        return Environment(
            loader=PackageLoader("trainer", "templates"),
            autoescape=select_autoescape(["html", "j2"]),
        )

    @cached_property
    def stylesheet(self) -> str:
        loader = self._environment.loader
        assert loader is not None  # _environment always has the package's templates
        return loader.get_source(self._environment, "style.css")[0]

    def render_lesson(self, lesson: Lesson) -> RenderedPage:
        """The lesson as a page; the same content is rendered only once."""
        module = self.course.module(lesson.module_id)
        return self._page(lesson.body, lesson.path, module, lesson.title, lesson.minutes)

    def render_module_intro(self, module: Module) -> RenderedPage:
        return self._page(
            module.intro, module.path / "module.md", module, module.title, module.minutes
        )

    def render_case_text(self, text: str, path: Path) -> str:
        """A client case's Markdown (the client, what they say, feedback, a debrief) as a
        sanitised HTML fragment, its footnotes resolved to references as in a lesson;
        `path` is the case file, which relative links and images start from."""
        key = self._cache_key(text, path, "case text", 0)
        fragment = self._fragments.get(key)
        if fragment is None:
            fragment = self._fragments[key] = self._render_fragment(text, path)
        return fragment

    def _render_fragment(self, text: str, path: Path) -> str:
        footnotes = tuple(dict.fromkeys(FOOTNOTE_USE.findall(text)))
        source = text + self._footnote_definitions(text, footnotes)
        hazards = markdown_hazards(source)
        if hazards:  # the case loader has reported them
            return str(Markup("<p>This text cannot be shown: {}.</p>").format(hazards[0][1]))
        md = self._markdown(path)
        try:
            html = md.convert(source)
        except RecursionError:
            return "<p>This text is nested too deeply to show: flatten its lists and quotes.</p>"
        return sanitise(BACK_LINKS.sub(_numbered_back_links, html), self.course.root)

    def _page(
        self, body: str, path: Path, module: Module | None, title: str, minutes: int
    ) -> RenderedPage:
        key = self._cache_key(body, path, title, minutes)
        page = self._cache.get(key)
        if page is None:
            page = self._render(body, path, module, title, minutes)
            self._cache[key] = page
        return page

    def _cache_key(self, body: str, path: Path, title: str, minutes: int) -> str:
        digest = hashlib.sha256()
        for part in (RENDERER_VERSION, self.link_style, str(path), title, str(minutes), body):
            digest.update(part.encode("utf-8") + b"\0")
        digest.update(self._course_key.encode())
        return digest.hexdigest()

    @cached_property
    def _course_key(self) -> str:
        """References and glossary change every page, so they are part of every key."""
        parts = [r.model_dump_json() for r in self.course.references.values()]
        parts += [t.model_dump_json() for t in self.course.glossary]
        return hashlib.sha256("\n".join(parts).encode()).hexdigest()

    def _render(
        self, body: str, path: Path, module: Module | None, title: str, minutes: int
    ) -> RenderedPage:
        footnotes = tuple(dict.fromkeys(FOOTNOTE_USE.findall(body)))
        source = body + self._footnote_definitions(body, footnotes)
        hazards = markdown_hazards(source)
        if hazards:  # the loader has reported them
            return self._unrenderable(title, module, minutes, hazards[0][1])
        md = self._markdown(path)
        try:
            html = md.convert(source)
        except RecursionError:
            message = "the page is nested too deeply to show: flatten its lists and quotes"
            self.problems.append(Problem(path, 1, message))
            return self._unrenderable(title, module, minutes, message)
        html = sanitise(BACK_LINKS.sub(_numbered_back_links, html), self.course.root)
        # the toc extension adds toc_tokens to the Markdown instance; the stubs don't know it
        toc = tuple(_flatten(md.toc_tokens))  # type: ignore[attr-defined]
        page = self._environment.get_template("lesson.html.j2").render(
            title=title,
            module_title=module.title if module else "",
            minutes=minutes,
            body=Markup(html),
            stylesheet=Markup(self.stylesheet) if self.link_style == "app" else None,
        )
        anchors = frozenset(re.findall(r'\sid="([^"]+)"', html))
        return RenderedPage(page, toc, anchors, footnotes)

    def _markdown(self, path: Path) -> markdown.Markdown:
        """The lesson pipeline for a text in the file at `path`."""
        return markdown.Markdown(
            extensions=[
                *EXTENSIONS,
                LessonExtension(
                    self.course.glossary,
                    link=lambda href: self._link(href, path),
                    image=lambda src: self._image(src, path),
                ),
            ],
            extension_configs={"footnotes": {"SUPERSCRIPT_TEXT": "[{}]"}},  # [1][2], not 12
        )

    def _unrenderable(
        self, title: str, module: Module | None, minutes: int, reason: str
    ) -> RenderedPage:
        """A page saying why the page cannot be shown, in place of the page."""
        page = self._environment.get_template("lesson.html.j2").render(
            title=title,
            module_title=module.title if module else "",
            minutes=minutes,
            body=Markup(
                "<p>This page cannot be shown: {}. `trainer validate` lists what to change.</p>"
            ).format(reason),
            stylesheet=Markup(self.stylesheet) if self.link_style == "app" else None,
        )
        return RenderedPage(page, (), frozenset(), ())

    def _footnote_definitions(self, body: str, used: tuple[str, ...]) -> str:
        defined = set(FOOTNOTE_DEFINITION.findall(body))
        lines = [
            f"[^{label}]: {self.course.references[label].citation_markdown()}"
            for label in used
            if label not in defined and label in self.course.references
        ]
        return "\n\n" + "\n".join(lines) + "\n" if lines else ""

    def _link(self, href: str, page_path: Path) -> str:
        target, _, anchor = href.partition("#")
        if urlsplit(target).scheme or not target.endswith(".md"):
            return href
        lesson = self._lessons_by_path.get((page_path.parent / target).resolve())
        if lesson is None:
            return href
        suffix = f"#{anchor}" if anchor else ""
        if self.link_style == "export":
            return f"{lesson.id}.html{suffix}"
        return f"lesson:{lesson.id}{suffix}"

    def _image(self, source: str, page_path: Path) -> str | None:
        if unsafe_image_source(source) is not None:
            return None
        found = resolve_media(source, page_path.parent, self.course.root)
        if found is None:
            return source
        if self.link_style == "export":
            return f"media/{found.relative_to(self.course.root).as_posix()}"
        return found.resolve().as_uri()


def resolve_media(source: str, module_folder: Path, course_root: Path) -> Path | None:
    """The image file `source` names: the module's own media first, then the course's."""
    for base in (module_folder, course_root):
        candidate = (base / source).resolve()
        if candidate.is_file() and candidate.is_relative_to(course_root.resolve()):
            return candidate
    return None


def _numbered_back_links(run: re.Match[str]) -> str:
    """A footnote cited several times gets one back-link per citation: ↩¹ ↩² ↩³, not ↩↩↩."""
    links = re.findall(BACK_LINK, run.group(0))
    return " ".join(
        link.replace("&#8617;</a>", f"&#8617;<sup>{n}</sup></a>") for n, link in enumerate(links, 1)
    )


def _flatten(tokens: list[dict[str, Any]], into: list[TocEntry] | None = None) -> list[TocEntry]:
    into = [] if into is None else into
    for token in tokens:
        into.append(TocEntry(token["level"], token["id"], token["name"]))
        _flatten(token["children"], into)
    return into
