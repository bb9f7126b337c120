"""Edits of course files line by line, so that the authors' comments and layout survive.

The YAML is never re-dumped: the parser says on which line a key or list item is, and only
that line changes.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from trainer.content.frontmatter import split_front_matter
from trainer.content.problems import ContentError
from trainer.content.yamlsource import YamlDocument, parse_yaml, read_text
from trainer.services.errors import ServiceError

# `key: value   # comment`: the comment is kept when the value is replaced
_KEY_LINE = re.compile(r"^(?P<indent>\s*)(?P<key>[\w-]+):(?P<value>.*?)(?P<comment>\s+#[^\"']*)?$")
_PLAIN_SCALAR = re.compile(r"^[A-Za-z][A-Za-z0-9 ._()/,-]*$")
# a month or a version: YAML reads these as text, as authors write them (`reviewed: 2026-12`)
_PLAIN_TEXT_NUMBERS = re.compile(r"^\d{4}-\d{2}$|^\d+\.\d+\.\d+$")


class EditError(ServiceError):
    """A file could not be read or edited as asked; the message says what to do."""


def yaml_scalar(text: str) -> str:
    """`text` as a YAML scalar on one line: plain when that is safe, else double-quoted."""
    if _PLAIN_TEXT_NUMBERS.match(text):
        return text
    if _PLAIN_SCALAR.match(text) and text == text.strip() and text.lower() not in _YAML_WORDS:
        return text
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a YAML double-quoted one


_YAML_WORDS = {"true", "false", "yes", "no", "on", "off", "null", "y", "n", "~"}


def read_lines(path: Path) -> list[str]:
    """The file's lines with their line ends; EditError naming the file if unreadable."""
    try:
        return read_text(path).splitlines(keepends=True)
    except ContentError as error:
        raise EditError(_one_line(error)) from None


def _one_line(error: ContentError) -> str:
    return "; ".join(problem.display() for problem in error.problems)


def write_lines(path: Path, lines: list[str]) -> None:
    try:
        path.write_text("".join(lines), encoding="utf-8")
    except OSError as error:
        raise EditError(f"cannot write {path}: {error.strerror}") from None


def parse_yaml_file(path: Path) -> YamlDocument:
    """The YAML of `path` with its lines; EditError (file:line: reason) if it is not YAML."""
    try:
        return parse_yaml(read_text(path), path)
    except ContentError as error:
        raise EditError(f"{_one_line(error)}: fix the file first") from None


def parse_front_matter(path: Path) -> YamlDocument:
    """The front matter of a Markdown file, its lines numbered as in the file."""
    try:
        return split_front_matter(read_text(path), path).front
    except ContentError as error:
        raise EditError(f"{_one_line(error)}: fix the file first") from None


def document_of(path: Path) -> YamlDocument:
    """The YAML a course file holds: the front matter of a `.md` file, else the whole file."""
    return parse_front_matter(path) if path.suffix == ".md" else parse_yaml_file(path)


def set_top_level_value(path: Path, key: str, value: str) -> bool:
    """Set the top-level `key` of a YAML file or of a Markdown file's front matter to the
    scalar `value`, keeping the line's comment; add the key when it is missing. Returns
    whether the file changed."""
    document = document_of(path)
    lines = read_lines(path)
    new_value = yaml_scalar(value)
    line = document.lines.get((key,))
    if line is None:
        _insert_key(path, lines, document, f"{key}: {new_value}\n")
    else:
        index = line - 1
        match = _KEY_LINE.match(lines[index].rstrip("\r\n"))
        if match is None or match.group("key") != key:
            raise EditError(f"{path}:{line}: `{key}:` is not on one line here: edit it by hand")
        ending = lines[index][len(lines[index].rstrip("\r\n")) :] or "\n"
        replaced = f"{match.group('indent')}{key}: {new_value}{match.group('comment') or ''}"
        end = _continuation_end(lines, index)
        if lines[index : end + 1] == [replaced + ending]:
            return False
        lines[index : end + 1] = [replaced + ending]
    write_lines(path, lines)
    return True


def _continuation_end(lines: list[str], index: int) -> int:
    """The last line of the value that starts on `index` (a folded value goes on, indented)."""
    indent = len(lines[index]) - len(lines[index].lstrip())
    end = index
    for following in range(index + 1, len(lines)):
        text = lines[following]
        if text.strip() in ("", "---") or len(text) - len(text.lstrip()) <= indent:
            break
        end = following
    return end


def _insert_key(path: Path, lines: list[str], document: YamlDocument, text: str) -> None:
    """Add a top-level key: in front matter before its closing `---`, else at the end."""
    if path.suffix == ".md":
        closing = next(
            index for index in range(1, len(lines)) if lines[index].strip() == "---"
        )  # split_front_matter found it
        lines.insert(closing, text)
        return
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    lines.append(text)


def replace_on_line(path: Path, line: int, old: str, new: str, in_value: bool = False) -> bool:
    """Replace `old` by `new` on one line of `path` where it stands as a whole id or path
    segment, not inside a longer id. With `in_value`, only its first use in the value of a
    YAML `key: value` line (or list item): never the key. Returns whether the line changed."""
    lines = read_lines(path)
    text = lines[line - 1]
    pattern = re.compile(rf"(?<![a-z0-9-]){re.escape(old)}(?![a-z0-9-])")
    if in_value:
        key = re.match(r"^\s*(?:-\s+)?(?:[\w-]+:)?", text)
        start = key.end() if key else 0
        changed = text[:start] + pattern.sub(lambda _: new, text[start:], count=1)
    else:
        changed = pattern.sub(lambda _: new, text)
    if changed == text:
        return False
    lines[line - 1] = changed
    write_lines(path, lines)
    return True


def list_item_lines(document: YamlDocument, key: str) -> list[int]:
    """The line of each item of the top-level list `key`, in order."""
    lines = []
    index = 0
    while (key, index) in document.lines:
        lines.append(document.lines[(key, index)])
        index += 1
    return lines
