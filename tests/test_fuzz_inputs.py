"""Fuzzing every loader and importer with random bytes, deep nesting and huge inputs.

Each call must end within a time limit in a result or the module's own error type
(ContentError, GiftError, BundleError, ServiceError): never a hang, a RecursionError or
another exception. Derandomized, so CI sees the same examples every run.
"""

from __future__ import annotations

import contextlib
import gzip
import json
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TypeVar

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import DEMO_FILES
from tests.timeouts import within
from trainer.content.loader import load_course
from trainer.content.problems import ContentError
from trainer.content.render import Renderer
from trainer.quiz.gift import GiftError, convert_gift
from trainer.quiz.loader import load_quiz
from trainer.services import bundles, org_key
from trainer.services.errors import ServiceError
from trainer.services.validation import validate

T = TypeVar("T")
PER_CALL_SECONDS = 2.0
FUZZ = settings(
    max_examples=100,
    deadline=None,  # the per-call limit below is the deadline, and it also stops hangs
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
KEY = org_key.new_key("North Clinic")

# pieces that have hung, crashed or fooled a parser before, to be repeated and nested
UNITS = [
    "[", "]", "(", "<", "<http://a ", "![", "[](", "[^raja2020]", "[^x]:", "*", "_", "`",
    "\\", "- ", "> ", "    ", "\t", "!!! note\n", ": ", "|", "#", "{", "}", "&", "\n", "\r",
    "\x00", "\ufeff", "%5C", "\\\\host\\x.png", "---\n", ": x\n", "- [", "{:", "&#", "~",
    "=", "->", "$CATEGORY:", "::", "\u202e",
]  # fmt: skip


def repeated(units: list[str], max_count: int) -> st.SearchStrategy[str]:
    """One unit repeated up to `max_count` times: the inputs that are super-linear."""
    return st.builds(
        lambda unit, count: unit * count, st.sampled_from(units), st.integers(0, max_count)
    )


def nested(opening: str, closing: str, max_depth: int) -> st.SearchStrategy[str]:
    return st.integers(0, max_depth).map(lambda depth: opening * depth + closing * depth)


TEXT = st.one_of(
    st.text(max_size=400),
    st.lists(st.sampled_from(UNITS), max_size=200).map("".join),
    repeated(UNITS, 30_000),
    nested("[", "]", 5_000),
    st.integers(0, 3_000).map(lambda depth: "".join("    " * d + "- a\n" for d in range(depth))),
    st.integers(0, 20_000).map(lambda depth: ">" * depth + " a\n"),
)
BYTES = st.one_of(
    st.binary(max_size=400),
    TEXT.map(lambda text: text.encode("utf-8", "surrogatepass")),
    st.integers(0, 3 * 1024 * 1024).map(lambda size: b"a" * size),  # over every size limit
)


@contextlib.contextmanager
def folder() -> Iterator[Path]:
    with tempfile.TemporaryDirectory() as name:
        yield Path(name)


def write(root: Path, name: str, data: bytes) -> Path:
    path = root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def ends_well(call: Callable[[], T], *errors: type[Exception]) -> T | Exception:
    """The call's result, or its error when it is one of `errors`; anything else fails."""
    with within(PER_CALL_SECONDS):
        try:
            return call()
        except errors as error:
            return error


def course_with(root: Path, changes: dict[str, bytes]) -> Path:
    for name, text in DEMO_FILES.items():
        write(root, name, text.encode())
    for name, data in changes.items():
        write(root, name, data)
    return root


@FUZZ
@given(front=TEXT, body=TEXT)
def test_a_lesson_is_validated_and_rendered_or_reported(front: str, body: str) -> None:
    lesson = f"---\nid: fuzz\ntitle: Fuzz\nminutes: 1\n{front}\n---\n{body}"
    with folder() as root:
        course_with(root, {"curriculum/basics/03-fuzz.md": lesson.encode("utf-8", "replace")})
        report = ends_well(lambda: validate(root / "curriculum", root / "quizzes"))
        course, _ = load_course(root / "curriculum")
        renderer = Renderer(course, link_style="export")
        for page in course.lessons:
            ends_well(lambda page=page: renderer.render_lesson(page))  # type: ignore[misc]
    assert not isinstance(report, Exception)


@FUZZ
@given(data=BYTES)
def test_a_lesson_file_of_any_bytes_is_a_problem_or_a_lesson(data: bytes) -> None:
    with folder() as root:
        course_with(root, {"curriculum/basics/01-what-is-pain.md": data})
        report = ends_well(lambda: validate(root / "curriculum", root / "quizzes"))
    assert not isinstance(report, Exception)


@FUZZ
@given(data=BYTES)
def test_a_quiz_file_loads_or_raises_content_error(data: bytes) -> None:
    with folder() as root:
        path = write(root, "quiz.yaml", data)
        ends_well(lambda: load_quiz(path), ContentError)


@FUZZ
@given(data=BYTES, body=TEXT)
def test_a_quiz_of_nested_yaml_loads_or_raises_content_error(data: bytes, body: str) -> None:
    yaml_text = DEMO_FILES["quizzes/basics-quiz.yaml"].replace(
        "explanation: See", f"explanation: {body!r} See"
    )
    with folder() as root:
        path = write(root, "basics-quiz.yaml", yaml_text.encode() + b"\n" + data)
        ends_well(lambda: load_quiz(path), ContentError)


@FUZZ
@given(data=BYTES)
def test_course_yaml_loads_or_raises_content_error(data: bytes) -> None:
    with folder() as root:
        course_with(root, {"curriculum/course.yaml": data})
        ends_well(lambda: load_course(root / "curriculum"), ContentError)
        report = ends_well(lambda: validate(root / "curriculum", root / "quizzes"))
    assert not isinstance(report, Exception)


@FUZZ
@given(text=TEXT)
def test_gift_text_converts_or_raises_gift_error(text: str) -> None:
    ends_well(lambda: convert_gift(text, "fuzz-quiz", title="Fuzz"), GiftError)


@FUZZ
@given(text=TEXT, wrap=st.sampled_from(["{}", "::Q::{} {{=a ~b}}", "Q {{{}}}", "Q {{#{}}}"]))
def test_gift_questions_convert_or_raise_gift_error(text: str, wrap: str) -> None:
    ends_well(lambda: convert_gift(wrap.format(text), "fuzz-quiz", title="Fuzz"), GiftError)


JSON_TEXT = st.one_of(
    nested("[", "]", 200_000),
    nested('{"a":', "}", 50_000),
    st.integers(0, 100_000).map(
        lambda depth: '{"format":"pain-oud-trainer-progress","x":' + "[" * depth + "]" * depth + "}"
    ),
    st.recursive(
        st.none() | st.booleans() | st.floats() | st.text(max_size=20),
        lambda children: (
            st.lists(children, max_size=5)
            | st.dictionaries(st.text(max_size=10), children, max_size=5)
        ),
        max_leaves=50,
    ).map(json.dumps),
)


@FUZZ
@given(data=st.one_of(BYTES, JSON_TEXT.map(str.encode)), packed=st.booleans())
def test_a_bundle_is_read_or_refused_with_bundle_error(data: bytes, packed: bool) -> None:
    with folder() as root:
        path = write(
            root, "fuzz.json.gz" if packed else "fuzz.json", gzip.compress(data) if packed else data
        )
        ends_well(lambda: bundles.read_bundle(path, KEY), bundles.BundleError)


@FUZZ
@given(data=st.one_of(BYTES, JSON_TEXT.map(str.encode)))
def test_a_key_file_is_read_or_refused_with_service_error(data: bytes) -> None:
    with folder() as root:
        path = write(root, "fuzz.key", data)
        ends_well(lambda: org_key.read_key_file(path), ServiceError)
