"""Whether the course is still current: when each page was last reviewed, and phrases that
are now wrong (curriculum/outdated-phrases.yaml)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from pathlib import Path

from pydantic import field_validator

from trainer.content.model import Course
from trainer.content.problems import ContentError, Problem
from trainer.content.schema import Month, Strict, Text, validate_document
from trainer.content.yamlsource import YamlDocument, parse_yaml, read_text

PHRASES_FILE = "outdated-phrases.yaml"
REVIEW_MONTHS = 24
# `<!-- quoting: X-waiver -->` on a line: the phrase is quoted on purpose there
QUOTING_MARKER = re.compile(r"<!--\s*quoting:\s*(.*?)\s*-->", re.IGNORECASE)


class OutdatedPhrase(Strict):
    """A phrase that was right once and is wrong now; `pattern` (a regular expression)
    matches its variants, otherwise the phrase itself is matched, ignoring case."""

    phrase: Text
    why: Text
    since: Month
    instead: str | None = None
    pattern: str | None = None

    @field_validator("pattern")
    @classmethod
    def _compiles(cls, value: str | None) -> str | None:
        if value is not None:
            try:
                re.compile(value)
            except re.error as error:
                raise ValueError(f"`{value}` is not a regular expression: {error}") from None
        return value

    @cached_property
    def matcher(self) -> re.Pattern[str]:
        return re.compile(self.pattern or _literal(self.phrase), re.IGNORECASE)

    def message(self) -> str:
        text = f'"{self.phrase}" is out of date since {self.since}: {self.why}'
        if self.instead:
            text += f" (instead: {self.instead})"
        return text


@dataclass(frozen=True)
class _Page:
    path: Path
    first_line: int
    body: str


def _literal(phrase: str) -> str:
    """The phrase as a pattern: any run of spaces matches, words are whole words."""
    pattern = r"\s+".join(re.escape(word) for word in phrase.split())
    start = r"\b" if phrase[0].isalnum() else ""
    end = r"\b" if phrase[-1].isalnum() else ""
    return start + pattern + end


def months_since(month: str, today: date) -> int:
    """Whole calendar months from `month` (YYYY-MM) to today's month."""
    year, number = (int(part) for part in month.split("-"))
    return (today.year - year) * 12 + today.month - number


def review_warnings(course: Course, today: date) -> list[Problem]:
    """Pages without `reviewed:`, and pages last reviewed REVIEW_MONTHS or more ago."""
    warnings = []
    for path, reviewed, line in _reviewed_pages(course):
        if reviewed is None:
            warnings.append(Problem(path, 1, "not marked reviewed: add `reviewed: YYYY-MM`"))
        elif months_since(reviewed, today) >= REVIEW_MONTHS:
            warnings.append(
                Problem(
                    path,
                    line,
                    f"last reviewed {reviewed}, over {REVIEW_MONTHS} months ago: review it and"
                    " update `reviewed:`",
                )
            )
    return warnings


def _reviewed_pages(course: Course) -> Iterator[tuple[Path, str | None, int]]:
    """Each loaded page with its `reviewed:` month (None when absent) and that line."""
    for module in course.modules:
        if not module.available:
            continue
        yield module.path / "module.md", module.reviewed, module.lines.get(("reviewed",), 1)
        for lesson in module.lessons:
            yield lesson.path, lesson.reviewed, lesson.lines.get(("reviewed",), 1)


def load_outdated_phrases(root: Path) -> tuple[list[OutdatedPhrase], list[Problem]]:
    """The phrases of `root/outdated-phrases.yaml` (none if there is no such file), with the
    problems of the entries that are not valid."""
    path = root / PHRASES_FILE
    if not path.is_file():
        return [], []
    try:
        document = parse_yaml(read_text(path), path)
    except ContentError as error:
        return [], error.problems
    if document.data is None:
        return [], []
    if not isinstance(document.data, list):
        return [], [Problem(path, 1, "expected a list of entries, each starting with `- phrase:`")]
    phrases: list[OutdatedPhrase] = []
    problems: list[Problem] = []
    for index in range(len(document.data)):
        phrase, entry_problems = validate_document(OutdatedPhrase, _entry(document, index))
        problems += entry_problems
        if phrase is not None:
            phrases.append(phrase)
    return phrases, problems


def _entry(document: YamlDocument, index: int) -> YamlDocument:
    return YamlDocument(
        document.path,
        document.data[index],
        {key[1:]: line for key, line in document.lines.items() if key[:1] == (index,)},
        document.lines.get((index,), 1),
    )


def outdated_in(text: str, phrases: list[OutdatedPhrase]) -> list[OutdatedPhrase]:
    """The phrases `text` uses, except those a `<!-- quoting: phrase -->` marker names."""
    quoted = {name.casefold() for name in QUOTING_MARKER.findall(text)}
    bare = QUOTING_MARKER.sub(" ", text)
    return [
        phrase
        for phrase in phrases
        if phrase.phrase.casefold() not in quoted and phrase.matcher.search(bare)
    ]


def phrase_warnings(course: Course, phrases: list[OutdatedPhrase]) -> list[Problem]:
    """Every line of a module introduction or lesson that uses an outdated phrase."""
    return [
        Problem(page.path, page.first_line + offset, phrase.message())
        for page in _pages(course)
        for offset, text in enumerate(page.body.splitlines())
        for phrase in outdated_in(text, phrases)
    ]


def _pages(course: Course) -> Iterator[_Page]:
    for module in course.modules:
        yield _Page(module.path / "module.md", module.intro_line, module.intro)
        for lesson in module.lessons:
            yield _Page(lesson.path, lesson.body_line, lesson.body)
