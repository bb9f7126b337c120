"""Whatever bytes a file holds, loaders raise nothing but ContentError."""

from __future__ import annotations

import contextlib
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from trainer.content.frontmatter import split_front_matter
from trainer.content.loader import load_course, load_lesson
from trainer.content.problems import ContentError
from trainer.content.yamlsource import parse_yaml, read_text
from trainer.quiz.loader import load_quiz
from trainer.services.validation import validate

YAMLISH = st.text(
    alphabet=st.sampled_from(list("ab:- \n\t[]{}'\"#&*!|>%@`,?0123456789.\\")), max_size=200
)
BYTES = st.one_of(st.binary(max_size=300), YAMLISH.map(lambda t: t.encode("utf-8")))
SETTINGS = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


@SETTINGS
@given(data=BYTES)
def test_yaml_bytes_raise_only_content_error(tmp_path: Path, data: bytes) -> None:
    path = write(tmp_path, "any.yaml", data)
    with contextlib.suppress(ContentError):
        parse_yaml(read_text(path), path)


@SETTINGS
@given(data=BYTES)
def test_quiz_bytes_raise_only_content_error(tmp_path: Path, data: bytes) -> None:
    path = write(tmp_path, "quiz.yaml", data)
    with contextlib.suppress(ContentError):
        load_quiz(path)


@SETTINGS
@given(front=YAMLISH, body=st.text(max_size=300))
def test_markdown_files_raise_only_content_error(tmp_path: Path, front: str, body: str) -> None:
    path = write(tmp_path, "m/01-lesson.md", f"---\n{front}\n---\n{body}".encode())
    with contextlib.suppress(ContentError):
        split_front_matter(read_text(path), path)
    lesson, problems = load_lesson(path, "m")
    assert lesson is not None or problems


@SETTINGS
@given(data=BYTES, body=st.text(max_size=300))
def test_a_course_of_garbage_is_reported_not_raised(tmp_path: Path, data: bytes, body: str) -> None:
    course = tmp_path / "c"
    write(
        course,
        "course.yaml",
        b"id: c\ntitle: T\nversion: 1\nprovider: P\nce_hours: 1\nmodules: [m]\n",
    )
    write(course, "references.yaml", data)
    write(course, "glossary.yaml", data)
    write(course, "m/module.md", data)
    write(course, "m/01-lesson.md", b"---\nid: lesson\ntitle: L\nminutes: 1\n---\n" + body.encode())
    write(tmp_path, "q/quiz.yaml", data)
    with contextlib.suppress(ContentError):
        load_course(course)
    report = validate(course, tmp_path / "q")
    assert not report.ok
