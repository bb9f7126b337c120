"""Course-wide checks beyond each file's own format: ids, references, links, media, glossary."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from urllib.parse import urlsplit

from trainer.content.image_sources import unsafe_image_source
from trainer.content.markdown_ext import ADMONITION_LABELS, term_pattern
from trainer.content.media_files import media_files
from trainer.content.model import Course, Lesson
from trainer.content.problems import ContentError, Problem
from trainer.content.render import FOOTNOTE_DEFINITION, FOOTNOTE_USE, Renderer, resolve_media
from trainer.content.yamlsource import read_text

LINK = re.compile(r"(!?)\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
ADMONITION = re.compile(r"^\s*!!!\s+([\w-]+)")
HTML_IMAGE = re.compile(r"<img\b[^>]*?\bsrc\s*=\s*[\"']?([^\"'\s>]*)", re.IGNORECASE)
# What an item's own words promise the learner about who reads their answers
SAYS_PRIVATE = re.compile(
    r"\bprivate\b|stays? on this computer|nobody else (?:sees|reads)|no one else (?:sees|reads)",
    re.IGNORECASE,
)
SAYS_SHARED = re.compile(
    r"supervisor (?:receives|sees|reads)|shared with your supervisor", re.IGNORECASE
)


def check_course(
    course: Course, renderer: Renderer, broken_files: Mapping[Path, Problem] | None = None
) -> list[Problem]:
    """Every cross-file problem of the course; each file's own format is checked by the loader.

    `broken_files` maps the resolved path of each lesson file that did not load to the
    problem why: a link to such a file follows from that problem.
    """
    problems: list[Problem] = []
    problems += _duplicate_ids(course)
    problems += _lesson_objectives(course)
    problems += _glossary_references(course)
    problems += _practice_sharing(course)
    problems += media_files(course.root).problems
    anchors = {lesson.id: renderer.render_lesson(lesson).anchors for lesson in course.lessons}
    for module in course.modules:
        pages: list[tuple[Path, str, int, Lesson | None]] = [
            (module.path / "module.md", module.intro, module.intro_line, None)
        ]
        pages += [(lesson.path, lesson.body, lesson.body_line, lesson) for lesson in module.lessons]
        for path, body, first_line, lesson in pages:
            own_anchors = anchors.get(lesson.id, frozenset()) if lesson else frozenset[str]()
            problems += _check_markdown(
                course, path, body, first_line, own_anchors, anchors, broken_files or {}
            )
    problems += _unused_glossary_terms(course, broken_files or {})
    return problems


def _duplicate_ids(course: Course) -> list[Problem]:
    problems = []
    seen: dict[str, tuple[str, Path]] = {}

    def claim(kind: str, item_id: str, path: Path, line: int) -> None:
        if item_id in seen:
            other_kind, other_path = seen[item_id]
            problems.append(
                Problem(
                    path,
                    line,
                    f"{kind} id `{item_id}` is already used by a {other_kind} in"
                    f" {other_path.name}: ids must be unique across the course",
                )
            )
        else:
            seen[item_id] = (kind, path)

    for module in course.modules:
        claim("module", module.id, module.path / "module.md", module.lines.get(("id",), 1))
        for index, objective in enumerate(module.objectives):
            line = module.lines.get(("objectives", index), 1)
            claim("objective", objective.id, module.path / "module.md", line)
        for lesson in module.lessons:
            claim("lesson", lesson.id, lesson.path, lesson.lines.get(("id",), 1))
            for index, item in enumerate(lesson.practice):
                claim(
                    "practice item", item.id, lesson.path, lesson.lines.get(("practice", index), 1)
                )
    return problems


def _lesson_objectives(course: Course) -> list[Problem]:
    problems = []
    for module in course.modules:
        known = {o.id for o in module.objectives}
        for lesson in module.lessons:
            for index, objective in enumerate(lesson.objectives):
                if objective not in known:
                    problems.append(
                        Problem(
                            lesson.path,
                            lesson.lines.get(("objectives", index), 1),
                            f"objective `{objective}` is not an objective of module"
                            f" `{module.id}`: use one of {_listing(known)}",
                        )
                    )
    return problems


def _practice_sharing(course: Course) -> list[Problem]:
    """An item's `share` setting must keep the promise its own words make to the learner."""
    problems = []
    for lesson in course.lessons:
        for index, item in enumerate(lesson.practice):
            words = " ".join([item.title, item.instructions, *getattr(item, "prompts", [])])
            line = lesson.lines.get(("practice", index, "share")) or lesson.lines.get(
                ("practice", index), 1
            )
            if item.share == "answers" and SAYS_PRIVATE.search(words):
                problems.append(
                    Problem(
                        lesson.path,
                        line,
                        f"practice item `{item.id}` tells the learner their answers are private"
                        " but has `share: answers`: use `share: done`, or change the words",
                    )
                )
            elif item.share == "done" and SAYS_SHARED.search(words):
                problems.append(
                    Problem(
                        lesson.path,
                        line,
                        f"practice item `{item.id}` tells the learner their supervisor receives"
                        " the answers but does not share them: add `share: answers`",
                    )
                )
    return problems


def _glossary_references(course: Course) -> list[Problem]:
    path = course.root / "glossary.yaml"
    return [
        Problem(
            path,
            course.entry_line("glossary.yaml", term.id),
            f"glossary term `{term.id}` cites unknown reference `{ref}`",
        )
        for term in course.glossary
        for ref in term.references
        if ref not in course.references
    ]


def _check_markdown(
    course: Course,
    path: Path,
    body: str,
    first_line: int,
    own_anchors: frozenset[str],
    anchors: dict[str, frozenset[str]],
    broken_files: Mapping[Path, Problem],
) -> Iterator[Problem]:
    lessons_by_path = {lesson.path.resolve(): lesson for lesson in course.lessons}
    for offset, text in enumerate(body.splitlines()):
        line = first_line + offset
        for label in FOOTNOTE_DEFINITION.findall(text):
            if label in course.references:
                yield Problem(
                    path,
                    line,
                    f"footnote `[^{label}]` is defined here, which would replace the citation"
                    f" of reference `{label}`: remove this definition (the citation comes from"
                    " references.yaml)",
                )
        for label in [*FOOTNOTE_USE.findall(text), *FOOTNOTE_DEFINITION.findall(text)]:
            if label not in course.references:
                yield Problem(
                    path,
                    line,
                    f"footnote `[^{label}]` has no reference: add `{label}` to references.yaml"
                    " or use an existing reference id",
                )
        match = ADMONITION.match(text)
        if match and match.group(1) not in ADMONITION_LABELS:
            yield Problem(
                path,
                line,
                f"unknown admonition type `{match.group(1)}`: use one of"
                f" {_listing(ADMONITION_LABELS)}",
            )
        for source in HTML_IMAGE.findall(text):
            problem = _check_image(course, path, source)
            if problem:
                yield Problem(path, line, problem)
        for is_image, target in LINK.findall(text):
            problem = (
                _check_image(course, path, target)
                if is_image
                else _check_link(path, target, own_anchors, anchors, lessons_by_path)
            )
            if problem:
                cause = None if is_image else _link_cause(path, target, broken_files)
                yield Problem(path, line, problem).follows(cause)


def _link_cause(path: Path, target: str, broken_files: Mapping[Path, Problem]) -> Problem | None:
    """The problem of the lesson file a link points to, when that file did not load."""
    file_part = target.partition("#")[0]
    if not file_part or urlsplit(target).scheme:
        return None
    return broken_files.get((path.parent / file_part).resolve())


def _check_image(course: Course, path: Path, target: str) -> str | None:
    if urlsplit(target).scheme.lower() in {"http", "https"}:
        return f"image `{target}` is remote: put the file in media/ (remote images are not loaded)"
    unsafe = unsafe_image_source(target)
    if unsafe:
        return (
            f"image `{target}` {unsafe}: use a relative path inside the course,"
            " like `media/figure.png` (the image is not shown)"
        )
    if resolve_media(target, path.parent, course.root) is None:
        return f"image `{target}` not found in {path.parent.name}/media/ or media/"
    return None


def _check_link(
    path: Path,
    target: str,
    own_anchors: frozenset[str],
    anchors: dict[str, frozenset[str]],
    lessons_by_path: dict[Path, Lesson],
) -> str | None:
    if urlsplit(target).scheme:
        return None
    file_part, _, anchor = target.partition("#")
    if not file_part:
        if anchor and anchor not in own_anchors:
            return f"link to `#{anchor}`: no heading or id `{anchor}` on this page"
        return None
    if not file_part.endswith(".md"):
        return f"link `{target}` points to no lesson: link to a lesson file like `02-topic.md`"
    lesson = lessons_by_path.get((path.parent / file_part).resolve())
    if lesson is None:
        return f"dead link: `{file_part}` is not a lesson of this course"
    if anchor and anchor not in anchors.get(lesson.id, frozenset()):
        return f"dead link: `{file_part}` has no heading or id `{anchor}`"
    return None


def _unused_glossary_terms(course: Course, broken_files: Mapping[Path, Problem]) -> list[Problem]:
    """Terms no lesson uses; when a lesson that did not load uses it, that is the cause."""
    path = course.root / "glossary.yaml"
    text = "\n".join(lesson.body for lesson in course.lessons)
    broken_texts = [(cause, _raw_text(file)) for file, cause in broken_files.items()]
    problems = []
    for term in course.glossary:
        pattern = term_pattern((term.term, *term.aliases))
        if not pattern.search(text):
            cause = next((c for c, raw in broken_texts if pattern.search(raw)), None)
            problems.append(
                Problem(
                    path,
                    course.entry_line("glossary.yaml", term.id),
                    f"glossary term `{term.term}` appears in no lesson: use it or remove it",
                ).follows(cause)
            )
    return problems


def _raw_text(path: Path) -> str:
    """The text of a file that did not load as a lesson, or "" when it cannot be read."""
    try:
        return read_text(path)
    except ContentError:
        return ""


def _listing(ids: Iterable[str]) -> str:
    return ", ".join(f"`{i}`" for i in sorted(ids))
