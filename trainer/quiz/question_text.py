"""A quiz file's questions as blocks of its text: find one, read it, and write it back.

Everything outside the question being written stays byte for byte as its author left it,
so a form can edit one question while the file keeps its comments and layout.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import yaml

# libyaml when PyYAML was built with it: the same nodes and marks, faster
_Loader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

QUESTION_TYPES = ("single", "multiple", "true_false", "matching", "ordering", "numeric")
QUESTION_KEYS = (
    "id",
    "type",
    "objective",
    "lesson",
    "points",
    "prompt",
    "options",
    "pairs",
    "items",
    "distractors",
    "key",
    "tolerance",
    "unit",
    "feedback",
    "explanation",
    "credit",
)
_PART_KEYS = ("id", "text", "left", "right", "feedback", "credit")
_FEEDBACK_KEYS: tuple[Any, ...] = (True, False, "correct", "incorrect")


@dataclass(frozen=True)
class QuestionBlock:
    """One question of a quiz file: its id, type, and first and last line (from 1)."""

    id: str
    type: str
    first_line: int
    last_line: int
    indent: int  # the column of the `-` that starts the question


@dataclass(frozen=True)
class _QuestionList:
    """The `questions:` list of a quiz file as composed nodes."""

    node: yaml.Node | None  # None: the key is missing
    key_line: int  # the 0-based line of the `questions:` key, -1 if missing
    blocks: list[QuestionBlock]


def question_blocks(text: str) -> list[QuestionBlock]:
    """Each question in the file's `questions:` list, in file order; [] if it does not parse."""
    try:
        return _question_list(text).blocks
    except (yaml.YAMLError, ValueError):
        return []


def parses(text: str) -> bool:
    """Whether `text` is YAML at all (a form can show it); its content may still be wrong."""
    try:
        yaml.compose(text, Loader=_Loader)
    except yaml.YAMLError:
        return False
    return True


def question_data(text: str, question_id: str) -> dict[str, Any]:
    """The question with id `question_id` as plain data; KeyError if there is none."""
    document = yaml.load(text, Loader=_Loader)
    questions = document.get("questions") if isinstance(document, dict) else None
    for question in questions if isinstance(questions, list) else []:
        if isinstance(question, dict) and question.get("id") == question_id:
            return question
    raise KeyError(question_id)


def replace_question(text: str, question_id: str, data: dict[str, Any]) -> str:
    """`text` with the question `question_id` written anew from `data`."""
    found = _question_list(text)
    block = _block(found, question_id)
    lines = text.splitlines(keepends=True)
    dumped = dump_question(data, block.indent, _indents_lists(text, found), _newline(text))
    return _splice(lines, block.first_line - 1, block.last_line, dumped)


def add_question(text: str, data: dict[str, Any]) -> str:
    """`text` with the question `data` added at the end of its `questions:` list."""
    found = _question_list(text)
    newline = _newline(text)
    lines = text.splitlines(keepends=True)
    if lines and not lines[-1].endswith(("\n", "\r")):
        lines[-1] += newline
    if found.blocks:
        last = found.blocks[-1]
        dumped = dump_question(data, last.indent, _indents_lists(text, found), newline)
        return _splice(lines, last.last_line, last.last_line, dumped)
    if found.node is not None and found.node.tag != "tag:yaml.org,2002:null":
        raise ValueError("the `questions:` list is written on one line: add the question there")
    dumped = dump_question(data, 0, False, newline)
    if found.key_line < 0:
        return "".join([*lines, f"questions:{newline}", dumped])
    return _splice(lines, found.key_line + 1, found.key_line + 1, dumped)


def _splice(lines: list[str], start: int, end: int, new: str) -> str:
    """The text of `lines` with `lines[start:end]` replaced by `new`."""
    return "".join([*lines[:start], new, *lines[end:]])


def remove_question(text: str, question_id: str) -> str:
    """`text` without the question `question_id` (and without a blank line it leaves doubled)."""
    block = _block(_question_list(text), question_id)
    lines = text.splitlines(keepends=True)
    start, end = block.first_line - 1, block.last_line
    blank_before = start == 0 or not lines[start - 1].strip()
    if blank_before and end < len(lines) and not lines[end].strip():
        end += 1
    return _splice(lines, start, end, "")


def dump_question(
    data: dict[str, Any], indent: int = 0, indent_lists: bool = False, newline: str = "\n"
) -> str:
    """The question as a block-style list item whose `-` is at column `indent`."""
    dumper = _IndentedDumper if indent_lists else _Dumper
    dumped = yaml.dump(
        [canonical_order(data)],
        Dumper=dumper,
        sort_keys=False,
        allow_unicode=True,
        width=100,
        default_flow_style=False,
    )
    prefix = " " * indent
    return "".join(
        (prefix + line if line.strip() else line) + newline for line in dumped.splitlines()
    )


def canonical_order(data: dict[str, Any]) -> dict[str, Any]:
    """The question's keys in the order authors read them; keys not known come last."""
    ordered = {key: data[key] for key in QUESTION_KEYS if key in data}
    if ordered.get("points") == 1:
        del ordered["points"]
    ordered.update({key: value for key, value in data.items() if key not in QUESTION_KEYS})
    for key in ("options", "pairs", "items"):
        if isinstance(ordered.get(key), list):
            ordered[key] = [_ordered_part(part) for part in ordered[key]]
    if isinstance(ordered.get("feedback"), dict):
        ordered["feedback"] = _in_order(ordered["feedback"], _FEEDBACK_KEYS)
    return ordered


def blank_question(question_type: str, objective: str, lesson: str, new_id: str) -> dict[str, Any]:
    """A starter question of `question_type` that loads; its texts are for the author to
    replace, and validation points at any left as they are."""
    if question_type not in QUESTION_TYPES:
        raise ValueError(f"unknown question type `{question_type}`")
    question: dict[str, Any] = {
        "id": new_id,
        "type": question_type,
        "objective": objective,
        "lesson": lesson,
        "prompt": "New question: write the prompt here.",
    }
    question.update(_STARTERS[question_type]())
    question["explanation"] = "Explain the answer here and name the lesson that teaches it."
    return question


def _option(option_id: str, text: str, feedback: str) -> dict[str, str]:
    return {"id": option_id, "text": text, "feedback": feedback}


def _choice_starter() -> dict[str, Any]:
    return {
        "options": [
            # the key no longer than a wrong option, or validation warns of a longest key
            _option("a", "Right answer", "Right: say why this is the answer."),
            _option("b", "A wrong answer", "Not quite: say why this is wrong."),
        ]
    }


_STARTERS: dict[str, Any] = {
    "single": lambda: {**_choice_starter(), "key": "a"},
    "multiple": lambda: {**_choice_starter(), "key": ["a"]},
    "true_false": lambda: {
        "key": True,
        "feedback": {
            True: "Right: say why the statement is true.",
            False: "Not quite: say why the statement is true.",
        },
    },
    "matching": lambda: {
        "pairs": [
            {"id": "a", "left": "First term", "right": "Its match", "feedback": "Say why."},
            {"id": "b", "left": "Second term", "right": "Its match", "feedback": "Say why."},
        ]
    },
    "ordering": lambda: {
        "items": [
            {"id": "a", "text": "First step", "feedback": "Say why this comes first."},
            {"id": "b", "text": "Second step", "feedback": "Say why this comes next."},
        ]
    },
    "numeric": lambda: {
        "key": 0,
        "tolerance": 0,
        "feedback": {
            "correct": "Right: say what the number means.",
            "incorrect": "Not quite: give the number and what it means.",
        },
    },
}


class _Dumper(yaml.SafeDumper):
    """Writes a text of several lines as a `|` block, the lines as its author sees them."""


def _text(dumper: yaml.SafeDumper, text: str) -> yaml.ScalarNode:
    style = "|" if "\n" in text.strip("\n") or text.endswith("\n") else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", text, style=style)


_Dumper.add_representer(str, _text)


class _IndentedDumper(_Dumper):
    """Indents a list under its key (`options:` then `  - id: a`), as some files do."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)


def _ordered_part(part: Any) -> Any:
    return _in_order(part, _PART_KEYS) if isinstance(part, dict) else part


def _in_order(mapping: dict[Any, Any], order: tuple[Any, ...]) -> dict[Any, Any]:
    ordered = {key: mapping[key] for key in order if key in mapping}
    ordered.update({key: value for key, value in mapping.items() if key not in ordered})
    return ordered


def _question_list(text: str) -> _QuestionList:
    """The file's `questions:` list and its blocks; yaml.YAMLError if it does not parse."""
    root = yaml.compose(text, Loader=_Loader)
    if not isinstance(root, yaml.MappingNode):
        raise ValueError("a quiz file is a mapping of keys")
    for key_node, value_node in root.value:
        if isinstance(key_node, yaml.ScalarNode) and key_node.value == "questions":
            return _QuestionList(value_node, key_node.start_mark.line, _blocks(text, value_node))
    return _QuestionList(None, -1, [])


def _blocks(text: str, node: yaml.Node) -> list[QuestionBlock]:
    if not isinstance(node, yaml.SequenceNode):
        return []
    flow = bool(node.flow_style)
    blocks = []
    for item in node.value:
        dash = item.start_mark.index if flow else _dash_before(text, item.start_mark.index)
        first = text.count("\n", 0, dash)
        column = dash - (text.rfind("\n", 0, dash) + 1)
        blocks.append(
            QuestionBlock(
                id=_scalar(item, "id"),
                type=_scalar(item, "type"),
                first_line=first + 1,
                last_line=_last_line(text, item) + 1,
                indent=column,
            )
        )
    return blocks


def _dash_before(text: str, index: int) -> int:
    """The index of the `-` that starts the block list item whose content is at `index`."""
    dash = index - 1
    while dash > 0 and text[dash] != "-":
        dash -= 1
    return dash


def _last_line(text: str, node: yaml.Node) -> int:
    """The 0-based line of the last character of `node`'s own text (not of what follows)."""
    if isinstance(node, (yaml.MappingNode, yaml.SequenceNode)) and not node.flow_style:
        children = node.value
        if children:
            last = children[-1]
            return _last_line(text, last[1] if isinstance(last, tuple) else last)
    # a block scalar (`|`, `>`) ends after the blank lines that follow its text
    own = text[node.start_mark.index : node.end_mark.index].rstrip()
    return text.count("\n", 0, node.start_mark.index + len(own)) if own else node.start_mark.line


def _scalar(node: yaml.Node, key: str) -> str:
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            if key_node.value == key and isinstance(value_node, yaml.ScalarNode):
                return str(value_node.value)
    return ""


def _block(found: _QuestionList, question_id: str) -> QuestionBlock:
    if found.node is not None and getattr(found.node, "flow_style", False):
        raise ValueError("the `questions:` list is written on one line: edit it as YAML")
    for block in found.blocks:
        if block.id == question_id:
            return block
    raise KeyError(question_id)


def _indents_lists(text: str, found: _QuestionList) -> bool:
    """Whether the file indents a list under its key (`questions:` then `  - id:`)."""
    if not found.blocks:
        return False
    key_line = text.splitlines()[found.key_line]
    key_column = len(key_line) - len(key_line.lstrip())
    return found.blocks[0].indent > key_column


def _newline(text: str) -> str:
    return "\r\n" if "\r\n" in text else "\n"
