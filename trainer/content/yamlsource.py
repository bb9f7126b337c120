"""YAML parsing that remembers the line of every key, so problems can name it."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

import yaml

from trainer.content.limits import MAX_CONTENT_FILE_BYTES, FileRefused, read_regular_file
from trainer.content.problems import ContentError, Problem

Loc = tuple[str | int, ...]
# libyaml's parser when PyYAML was built with it (the wheels are): the same nodes, marks
# and errors as the pure-Python one, several times faster on the course's files
_Loader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
NO_UNSAVED_TEXTS: Mapping[Path, str] = MappingProxyType({})
# texts that `read_text` returns instead of the saved file's, by resolved path (see
# `unsaved_texts`); a context variable, so another thread's loading reads the saved files
_UNSAVED: ContextVar[Mapping[Path, str]] = ContextVar("unsaved_texts", default=NO_UNSAVED_TEXTS)


@dataclass(frozen=True)
class YamlDocument:
    """Parsed YAML data with the file line of every mapping key and list item."""

    path: Path
    data: Any
    lines: Mapping[Loc, int] = field(default_factory=dict)
    first_line: int = 1

    def line_of(self, loc: tuple[Any, ...]) -> int:
        """The line of the deepest part of `loc` that exists in the file.

        Parts of `loc` that the file does not have (such as the tag pydantic adds
        for a tagged union) are skipped.
        """
        line = self.first_line
        found: Loc = ()
        for part in loc:
            key = part if isinstance(part, int) else str(part)
            if (*found, key) in self.lines:
                found = (*found, key)
                line = self.lines[found]
        return line

    def problem(self, loc: tuple[Any, ...], message: str) -> Problem:
        return Problem(self.path, self.line_of(loc), message)


def parse_yaml(text: str, path: Path, first_line: int = 1) -> YamlDocument:
    """Parse `text`, which starts on line `first_line` of `path`; ContentError if not YAML."""
    loader = None
    try:
        loader = _Loader(text)
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as error:
        raise ContentError([syntax_problem(error, path, first_line, text)]) from None
    except (yaml.YAMLError, ValueError, TypeError, OverflowError, RecursionError) as error:
        raise ContentError([Problem(path, first_line, f"not valid YAML: {error}")]) from None
    finally:
        if loader is not None:
            loader.dispose()
    lines: dict[Loc, int] = {}
    problems: list[Problem] = []
    if node is not None:
        _record_lines(node, (), lines, problems, path, first_line, set())
    if problems:
        raise ContentError(problems)
    return YamlDocument(path, data, lines, first_line)


def syntax_problem(
    error: yaml.MarkedYAMLError, path: Path, first_line: int = 1, text: str = ""
) -> Problem:
    """The YAML mistake at the line a person would fix, with what to do there.

    PyYAML's `problem_mark` is where the parser gave up, often the line after the mistake
    (the end of the file for an unclosed quote); for the mistakes in `MISTAKE_AT_CONTEXT`
    its `context_mark` is the line of the mistake itself. A quote left open that a later
    apostrophe closes makes the parser give up on that later line: the quote's line is named.
    """
    gave_up = error.problem_mark.line if error.problem_mark else None
    opened = _quote_closed_on(text, gave_up) if gave_up is not None else None
    if opened is not None and gave_up is not None:
        return Problem(
            path,
            first_line + opened,
            "not valid YAML: a quote opened on this line is closed only on line"
            f" {first_line + gave_up}: close it on this line"
            " (inside single quotes write an apostrophe as '')",
        )
    mistake = _mistake_at_context(error)
    mark = error.context_mark if mistake else (error.problem_mark or error.context_mark)
    line = first_line + (mark.line if mark else 0)
    if mistake:
        return Problem(path, line, f"not valid YAML: {MISTAKE_AT_CONTEXT[mistake]}")
    what = error.problem or error.context or "not valid YAML"
    if "tab character" in what:
        return Problem(path, line, "not valid YAML: a tab indents this line: indent with spaces")
    return Problem(path, line, f"not valid YAML: {what}; check indentation and quoting")


# what PyYAML was reading (its `context`) when the mistake is where that reading began
MISTAKE_AT_CONTEXT = {
    "while scanning a quoted scalar": "a quote opened on this line is never closed:"
    " close it with the same quote mark",
    "while scanning a simple key": "this line has no `:` after its key: write `key: value`"
    " (or start the line with `- ` for a list item)",
    "while parsing a flow sequence": "a `[` opened on this line is not closed: close it with `]`"
    " and separate the items with commas",
    "while parsing a flow mapping": "a `{` opened on this line is not closed: close it with `}`"
    " and separate the entries with commas",
}


def _quote_closed_on(text: str, line: int) -> int | None:
    """The line (from 0) a quoted text starts on that runs over lines and ends on `line`."""
    opened = None
    try:
        for token in yaml.scan(text, Loader=_Loader):
            if (
                isinstance(token, yaml.ScalarToken)
                and token.style in ("'", '"')
                and token.start_mark.line < token.end_mark.line == line
            ):
                opened = token.start_mark.line
    except yaml.YAMLError:
        pass
    return opened


def _mistake_at_context(error: yaml.MarkedYAMLError) -> str | None:
    context = error.context or ""
    if error.context_mark is None or context not in MISTAKE_AT_CONTEXT:
        return None
    return context


def _record_lines(
    node: yaml.Node,
    loc: Loc,
    lines: dict[Loc, int],
    problems: list[Problem],
    path: Path,
    first_line: int,
    seen: set[int],
) -> None:
    if id(node) in seen:  # an alias of a node already walked
        return
    seen.add(id(node))
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key = str(key_node.value) if isinstance(key_node, yaml.ScalarNode) else repr(key_node)
            line = first_line + key_node.start_mark.line
            if (*loc, key) in lines:
                problems.append(
                    Problem(path, line, f"duplicate key `{key}`: each key may appear once")
                )
                continue
            lines[(*loc, key)] = line
            _record_lines(value_node, (*loc, key), lines, problems, path, first_line, seen)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            lines[(*loc, index)] = first_line + item.start_mark.line
            _record_lines(item, (*loc, index), lines, problems, path, first_line, seen)


@contextmanager
def unsaved_texts(texts: Mapping[Path, str]) -> Iterator[None]:
    """While inside, `read_text(path)` returns `texts[path]` (the text of a file open in an
    editor, not yet saved) instead of reading the file; nothing is written."""
    token = _UNSAVED.set({path.resolve(): text for path, text in texts.items()})
    try:
        yield
    finally:
        _UNSAVED.reset(token)


def read_text(path: Path) -> str:
    """The file's text (its unsaved text inside `unsaved_texts`); ContentError if it cannot
    be read or is not UTF-8."""
    unsaved = _UNSAVED.get()
    if unsaved and path.resolve() in unsaved:
        return _checked_unsaved(path, unsaved[path.resolve()])
    try:
        raw = read_regular_file(path, MAX_CONTENT_FILE_BYTES)
    except OSError as error:
        raise ContentError([Problem(path, 1, f"cannot read file: {error.strerror}")]) from None
    except FileRefused as refused:
        raise ContentError(
            [Problem(path, 1, f"not read: the file {refused}; course files are plain text files")]
        ) from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise ContentError(
            [Problem(path, line, "not UTF-8 text: save the file as UTF-8")]
        ) from None


def _checked_unsaved(path: Path, text: str) -> str:
    """Unsaved text as the file would read once saved as UTF-8: within the size limit."""
    size = len(text.encode("utf-8", errors="surrogatepass"))
    if size > MAX_CONTENT_FILE_BYTES:
        raise ContentError(
            [
                Problem(
                    path,
                    1,
                    f"not read: the text is more than the limit of"
                    f" {MAX_CONTENT_FILE_BYTES // 1024} KB; course files are plain text files",
                )
            ]
        )
    return text.removeprefix("\ufeff")
