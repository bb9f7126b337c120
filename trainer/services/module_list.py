"""The `modules:` list of course.yaml, edited line by line so its comments stay."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from trainer.services.text_edits import (
    EditError,
    list_item_lines,
    parse_yaml_file,
    read_lines,
    write_lines,
)

COURSE_FILE = "course.yaml"
# `  - module-id   # comment`
_BLOCK_ITEM = re.compile(r"^(?P<prefix>\s*-\s+)(?P<id>[a-z0-9-]+)(?P<rest>\s*(#.*)?)$")
_FLOW_LIST = re.compile(r"^(?P<head>modules:\s*)\[[^\]#]*\](?P<rest>\s*(#.*)?)$")


@dataclass(frozen=True)
class ModuleList:
    """The module ids as course.yaml lists them, and where: one line per item (block
    style), or all on the `modules:` line (flow style, `modules: [a, b]`)."""

    path: Path
    ids: list[str]
    item_lines: list[int]
    key_line: int

    @property
    def flow(self) -> bool:
        return all(line == self.key_line for line in self.item_lines)


def read_module_list(course_dir: Path) -> ModuleList:
    """The `modules:` list; EditError when course.yaml cannot be read or has none."""
    path = course_dir / COURSE_FILE
    if not path.is_file():
        raise EditError(f"no {COURSE_FILE} in {course_dir}: open the curriculum folder")
    document = parse_yaml_file(path)
    data = document.data
    if not isinstance(data, dict) or not isinstance(data.get("modules"), list):
        raise EditError(f"{path}:1: no `modules:` list: add one listing the module ids")
    ids = [str(item) for item in data["modules"]]
    return ModuleList(path, ids, list_item_lines(document, "modules"), document.lines[("modules",)])


def write_module_order(modules: ModuleList, order: list[str]) -> None:
    """Write `order` (the same ids, or some added or left out) as the `modules:` list."""
    lines = read_lines(modules.path)
    if modules.flow:
        lines[modules.key_line - 1] = _flow_line(modules, lines[modules.key_line - 1], order)
        write_lines(modules.path, lines)
        return
    items = {_item_id(modules, lines, line): lines[line - 1] for line in modules.item_lines}
    prefix = _BLOCK_ITEM.match(lines[modules.item_lines[-1] - 1].rstrip("\r\n"))
    assert prefix is not None  # _item_id checked every item line
    new_items = [
        items.get(module_id) or f"{prefix.group('prefix')}{module_id}\n" for module_id in order
    ]
    first, last = modules.item_lines[0] - 1, modules.item_lines[-1] - 1
    # comment lines between the items stay where they were, after the list
    between = [lines[i] for i in range(first, last + 1) if i + 1 not in modules.item_lines]
    lines[first : last + 1] = [*new_items, *between]
    write_lines(modules.path, lines)


def _item_id(modules: ModuleList, lines: list[str], line: int) -> str:
    match = _BLOCK_ITEM.match(lines[line - 1].rstrip("\r\n"))
    if match is None:
        raise EditError(
            f"{modules.path}:{line}: this `modules:` entry is not one `- module-id` line:"
            " write one module id per line"
        )
    return match.group("id")


def _flow_line(modules: ModuleList, text: str, order: list[str]) -> str:
    ending = text[len(text.rstrip("\r\n")) :] or "\n"
    match = _FLOW_LIST.match(text.rstrip("\r\n"))
    if match is None:
        raise EditError(
            f"{modules.path}:{modules.key_line}: the `modules:` list is not one"
            " `modules: [a, b]` line: write one `- module-id` line per module"
        )
    return f"{match.group('head')}[{', '.join(order)}]{match.group('rest')}{ending}"
