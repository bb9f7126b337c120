"""The GIFT text parser (Moodle's question bank format; docs/authoring.md): the text cut into
question blocks at blank lines (comment lines `//` dropped), each question into its title,
text and answer block `{…}`, answers into their markers, weights and feedback, and GIFT's
backslash escapes swapped out while parsing and restored in the text kept. Converting the
parsed questions to our quiz format is trainer.quiz.gift's job."""

from __future__ import annotations

import re
from dataclasses import dataclass

# escaped characters are swapped for private-use ones while parsing, then restored
_ESCAPES = {"\\\\": "\ue000", "\\~": "\ue001", "\\=": "\ue002", "\\#": "\ue003",
            "\\{": "\ue004", "\\}": "\ue005", "\\:": "\ue006"}  # fmt: skip
_RESTORE = str.maketrans({v: k[1] for k, v in _ESCAPES.items()})
_PRIVATE = re.compile("[\ue000-\ue006]")
_ESCAPE = re.compile(r"\\[\\~=#{}:]")
_FORMAT = re.compile(r"^\s*\[(html|moodle|plain|markdown)\]", re.IGNORECASE)
_MARKER = re.compile("[=~]")
_WEIGHT = re.compile(r"^\s*%(-?\d+(?:\.\d+)?)%")
MAX_ANSWERS = 100  # far more than a question asks; a runaway `~~~~` is refused before parsing


class _Skip(Exception):
    """This question cannot be converted; the message says what and why."""


@dataclass(frozen=True)
class _Block:
    line: int
    text: str


def _blocks(text: str) -> list[_Block]:
    """Questions: runs of lines between blank lines, comment lines left out."""
    blocks: list[_Block] = []
    lines: list[str] = []
    start = 0
    text = _PRIVATE.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    for number, line in enumerate([*text.split("\n"), ""], 1):
        if line.lstrip().startswith("//"):
            continue
        if line.strip():
            start = start or number
            lines.append(line)
        elif lines:
            blocks.append(_Block(start, "\n".join(lines)))
            lines, start = [], 0
    return blocks


def _category_title(line: str) -> str | None:
    parts = [p.strip() for p in line.removeprefix("$CATEGORY:").split("/")]
    parts = [p for p in parts if p and not p.startswith("$") and p.lower() != "top"]
    return parts[-1] if parts else None


def _parse_question(raw: str) -> tuple[str, str, str, str, bool]:
    """A question's title, prompt (`___` where the answers stood), answer block, general
    feedback (escapes swapped out) and whether it is declared `[html]`; _Skip when it is not a
    question the app can ask."""
    text = _ESCAPE.sub(lambda m: _ESCAPES[m.group()], raw).strip()
    title = ""
    if text.startswith("::"):
        title, found, text = text[2:].partition("::")
        if not found:
            raise _Skip("the title opened with `::` is not closed with `::`")
    declared = _FORMAT.match(text)
    html = declared is not None and declared.group(1).lower() == "html"
    text = _FORMAT.sub("", text)
    before, brace, rest = text.partition("{")
    if not brace:
        raise _Skip("a description (no answer block in `{…}`), not a question")
    answer, closed, after = rest.partition("}")
    if not closed:
        raise _Skip("the answer block `{` is not closed with `}`")
    if "{" in after or "}" in after:
        raise _Skip(
            "more than one answer block: separate questions with a blank line;"
            " the app asks one thing per question"
        )
    blank = " ___ " if after.strip() else ""
    prompt = _clean(f"{before.rstrip()}{blank}{after.lstrip()}")
    if not prompt:
        raise _Skip("the question has no text")
    body, _, general = answer.partition("####")
    return _clean(title), prompt, body.strip(), general, html


def _split_answers(body: str) -> list[tuple[str, float | None, str, str]]:
    """`=right#fb ~%50%partial` as (marker, weight or None, text, feedback) tuples."""
    if body.count("=") + body.count("~") > MAX_ANSWERS:
        raise _Skip(
            f"more than {MAX_ANSWERS} answers: a question offers a handful;"
            " escape a literal = or ~ with a backslash"
        )
    starts = [marker.start() for marker in _MARKER.finditer(body)]
    if not starts or body[: starts[0]].strip():
        raise _Skip(
            "the answer block is not GIFT: answers start with `=` (right) or `~` (wrong);"
            " escape a literal = ~ # { } : with a backslash"
        )
    answers = []
    for start, end in zip(starts, [*starts[1:], len(body)], strict=True):
        chunk = body[start + 1 : end]
        weight = None
        match = _WEIGHT.match(chunk)
        if match:
            weight = float(match.group(1))
            chunk = chunk[match.end() :]
        text, _, feedback = chunk.partition("#")
        answers.append((body[start], weight, text, feedback))
    return answers


def _clean(text: str) -> str:
    """Restore escaped characters; `\\n` becomes a new line."""
    return text.replace("\\n", "\n").translate(_RESTORE).strip()
