"""Limits that keep a hostile or huge file from hanging or crashing the app.

Python-Markdown takes quadratic time on some inputs (many `[` or `<` in one paragraph,
thousands of uses of one footnote, thousands of headings) and recurses once per level
of nesting, so a page is checked against these limits before it is rendered. Each limit
is far above what a lesson of the shipped course uses.
"""

from __future__ import annotations

import os
import re
import stat
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

MAX_CONTENT_FILE_BYTES = 1024 * 1024  # any course or quiz file; the largest lesson is ~20 KB
MAX_PAGE_LINES = 3_000
MAX_LINE_CHARS = 10_000
MAX_NESTING = 16  # levels of lists, quotes, admonitions and indented blocks
MAX_MARKS_PER_PARAGRAPH = 300  # of `[` and of `<`, each
MAX_MARKS_PER_PAGE = 2_000
MAX_FOOTNOTE_USES = 500
MAX_USES_OF_ONE_FOOTNOTE = 100

FOOTNOTE_USE = re.compile(r"\[\^([^\]\s]+)\](?!:)")
# what a line starts with that opens a level: indentation, quote marks, list markers
NESTING_CHARS = " \t>-*+:!0123456789.)"
LINE_PREFIX = re.compile(r"(?:[ \t]|>|[-*+:][ \t]|\d{1,9}[.)][ \t]|!!!)*")


class FileRefused(Exception):
    """A file that is not read at all: not a regular file, or larger than the limit."""


def read_regular_file(path: Path, limit: int) -> bytes:
    """The bytes of `path`, only if it is a regular file of at most `limit` bytes.

    FileRefused for a pipe, device, socket or folder (reading a pipe would wait forever)
    and for a file over the limit; OSError when it cannot be opened. The file is opened
    without blocking and checked through its descriptor, so it cannot be swapped between
    the check and the read.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    descriptor = os.open(path, flags)
    with os.fdopen(descriptor, "rb") as handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise FileRefused("is not a regular file (a folder, pipe, device or socket)")
        if info.st_size > limit:
            raise FileRefused(f"is {_size(info.st_size)}, more than the limit of {_size(limit)}")
        data = handle.read(limit + 1)
    if len(data) > limit:
        raise FileRefused(f"is more than the limit of {_size(limit)}")
    return data


def _size(count: int) -> str:
    if count >= 1024 * 1024:
        return f"{count / (1024 * 1024):.1f} MB"
    return f"{count / 1024:.0f} KB" if count >= 1024 else f"{count} bytes"


def markdown_hazards(body: str) -> list[tuple[int, str]]:
    """(line offset in `body`, message) for each limit the Markdown breaks; [] when safe.

    A linear scan: it runs before Python-Markdown, whose time it bounds.
    """
    lines = body.splitlines()
    if len(lines) > MAX_PAGE_LINES:
        return [
            (
                MAX_PAGE_LINES,
                f"the page has {len(lines)} lines, more than {MAX_PAGE_LINES}:"
                " split it into several lessons",
            )
        ]
    hazards = _line_hazards(lines)
    # the counts below only matter on a page with many marks: skip them on every other
    if max(body.count("["), body.count("<")) > MAX_MARKS_PER_PARAGRAPH:
        hazards += _paragraph_hazards(lines)
    if body.count("[^") > MAX_USES_OF_ONE_FOOTNOTE:
        hazards += _footnote_hazards(lines)
    return sorted(hazards)


def _line_hazards(lines: list[str]) -> list[tuple[int, str]]:
    """The first line that is too long and the first nested too deeply, if any."""
    too_long: tuple[int, str] | None = None
    too_deep: tuple[int, str] | None = None
    for offset, text in enumerate(lines):
        if len(text) > MAX_LINE_CHARS:
            too_long = too_long or (
                offset,
                f"line of {len(text)} characters, more than {MAX_LINE_CHARS}:"
                " break it into shorter lines",
            )
        elif too_deep is None and len(text) - len(text.lstrip(NESTING_CHARS)) > MAX_NESTING:
            # (every level takes at least one of those characters)
            depth = _nesting(text)
            if depth > MAX_NESTING:
                too_deep = (
                    offset,
                    f"nested {depth} levels deep (lists, quotes, admonitions or"
                    f" indentation), more than {MAX_NESTING}: flatten the structure",
                )
    return [hazard for hazard in (too_long, too_deep) if hazard is not None]


def _nesting(text: str) -> int:
    prefix = LINE_PREFIX.match(text)
    assert prefix is not None  # the pattern matches the empty string
    opened = prefix.group(0)
    columns = len(opened.expandtabs(4)) - len(opened.lstrip(" \t").expandtabs(4))
    markers = len(re.findall(r">|[-*+:][ \t]|\d[.)][ \t]|!!!", opened))
    return columns // 4 + markers


def _paragraph_hazards(lines: list[str]) -> list[tuple[int, str]]:
    """`[` and `<` counted per paragraph (lines between blank lines) and per page."""
    hazards = []
    totals: Counter[str] = Counter()
    start, counts = 0, Counter[str]()
    for offset, text in enumerate([*lines, ""]):
        if text.strip():
            counts.update({"[": text.count("["), "<": text.count("<")})
            continue
        for mark, count in counts.items():
            if count > MAX_MARKS_PER_PARAGRAPH:
                hazards.append(
                    (
                        start,
                        f"`{mark}` appears {count} times in one paragraph, more than"
                        f" {MAX_MARKS_PER_PARAGRAPH}: split the paragraph",
                    )
                )
        totals.update(counts)
        start, counts = offset + 1, Counter()
    for mark, count in totals.items():
        if count > MAX_MARKS_PER_PAGE:
            hazards.append(
                (
                    0,
                    f"`{mark}` appears {count} times on the page, more than"
                    f" {MAX_MARKS_PER_PAGE}: split the page into several lessons",
                )
            )
    return hazards


def _footnote_hazards(lines: list[str]) -> list[tuple[int, str]]:
    uses: Counter[str] = Counter()
    first_line: dict[str, int] = {}
    for offset, text in enumerate(lines):
        for label in FOOTNOTE_USE.findall(text):
            uses[label] += 1
            first_line.setdefault(label, offset)
    hazards = [
        (
            first_line[label],
            f"footnote `[^{label}]` is used {count} times, more than"
            f" {MAX_USES_OF_ONE_FOOTNOTE}: cite it once per paragraph at most",
        )
        for label, count in uses.items()
        if count > MAX_USES_OF_ONE_FOOTNOTE
    ]
    total = uses.total()
    if total > MAX_FOOTNOTE_USES:
        hazards.append(
            (
                0,
                f"the page cites footnotes {total} times, more than {MAX_FOOTNOTE_USES}:"
                " split it into several lessons",
            )
        )
    return hazards


def text_hazards(data: Any) -> Iterator[tuple[tuple[str | int, ...], str]]:
    """(location, message) for each string in YAML `data` that breaks a Markdown limit.

    Prompts, feedback and instructions are Markdown too; the walk is iterative, as
    the data may nest as deeply as the YAML parser allowed.
    """
    pending: list[tuple[tuple[str | int, ...], Any]] = [((), data)]
    while pending:
        loc, value = pending.pop()
        if isinstance(value, str):
            hazards = markdown_hazards(value)
            if hazards:
                yield loc, hazards[0][1]
        elif isinstance(value, dict):
            pending += [((*loc, str(key)), item) for key, item in value.items()]
        elif isinstance(value, list):
            pending += [((*loc, index), item) for index, item in enumerate(value)]
