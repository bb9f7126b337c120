"""Split a Markdown file into its YAML front matter and its body."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from trainer.content.problems import ContentError, Problem
from trainer.content.yamlsource import YamlDocument, parse_yaml

FENCE = "---"


@dataclass(frozen=True)
class MarkdownFile:
    """A Markdown file's front matter, its body and the line the body starts on."""

    front: YamlDocument
    body: str
    body_line: int


def split_front_matter(text: str, path: Path) -> MarkdownFile:
    """Parse `---`-fenced front matter at the top of `text`; ContentError if absent or broken."""
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].strip() != FENCE:
        raise ContentError(
            [Problem(path, 1, "missing front matter: start the file with a `---` line")]
        )
    for index in range(1, len(lines)):
        if lines[index].strip() == FENCE:
            front = parse_yaml("".join(lines[1:index]), path, first_line=2)
            if not isinstance(front.data, dict):
                raise ContentError([Problem(path, 2, "front matter must be `key: value` lines")])
            return MarkdownFile(front, "".join(lines[index + 1 :]), index + 2)
    raise ContentError([Problem(path, 1, "front matter is not closed: add a `---` line after it")])
