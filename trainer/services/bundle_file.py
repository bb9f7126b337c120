"""Reading a progress bundle's file safely: capped in size, unpacked and nesting.

A hostile file must not take the importing machine down: a small gzip file can unpack
to gigabytes, and JSON nested thousands of levels deep makes Python's parser (and every
walk over the result) run out of stack. A real bundle is far inside every limit here:
one installation's rows are a few megabytes, nested about six levels.
"""

from __future__ import annotations

import json
import zlib
from pathlib import Path
from typing import Any

from trainer.content.limits import FileRefused, read_regular_file

MAX_BUNDLE_BYTES = 100 * 1024 * 1024  # the file as stored, and its JSON once unpacked
MAX_BUNDLE_DEPTH = 64  # levels of JSON objects and arrays
GZIP_MAGIC = b"\x1f\x8b"
CHUNK_BYTES = 1024 * 1024


class UnreadableBundle(Exception):
    """The file was refused before it was parsed; the message names it and says why."""


def load_bundle_json(path: Path, marker: bytes, damaged: str) -> Any:
    """The JSON value in the (optionally gzip-compressed) file at `path`.

    None when the file is not JSON at all and does not hold `marker` near its start (so
    it is some other file); UnreadableBundle, with `damaged` or a reason, otherwise.
    """
    name = path.name
    try:
        raw = read_regular_file(path, MAX_BUNDLE_BYTES)
    except OSError as error:
        raise UnreadableBundle(f"cannot read {path}: {error.strerror}") from None
    except FileRefused as refused:
        raise UnreadableBundle(f"{name} was not imported: the file {refused}") from None
    if raw[:2] == GZIP_MAGIC:
        raw = _gunzip(raw, name, damaged)
    try:
        value = json.loads(raw.decode("utf-8"), parse_constant=_refuse_constant)
    except RecursionError:
        raise UnreadableBundle(_too_deep(name)) from None
    except (UnicodeDecodeError, ValueError):  # ValueError: bad JSON, NaN, a 5,000-digit number
        if marker in raw[:200]:
            raise UnreadableBundle(damaged) from None
        return None
    if _deeper_than(value, MAX_BUNDLE_DEPTH):
        raise UnreadableBundle(_too_deep(name))
    return value


def _too_deep(name: str) -> str:
    return (
        f"{name} was not imported: its data is nested more than {MAX_BUNDLE_DEPTH} levels"
        " deep, which no progress bundle is"
    )


def _refuse_constant(constant: str) -> Any:
    raise ValueError(f"{constant} is not a number a bundle holds")


def _gunzip(raw: bytes, name: str, damaged: str) -> bytes:
    """Every gzip member of `raw`, unpacked a chunk at a time up to MAX_BUNDLE_BYTES."""
    out = bytearray()
    data = raw
    try:
        while data:
            data = _inflate_member(data, out, name)
            data = data.lstrip(b"\0")  # padding some tools leave after the last member
            if data and data[:2] != GZIP_MAGIC:
                raise UnreadableBundle(damaged)
    except zlib.error:
        raise UnreadableBundle(damaged) from None
    return bytes(out)


def _inflate_member(data: bytes, out: bytearray, name: str) -> bytes:
    """Unpack one gzip member onto `out`; return the bytes after it."""
    inflater = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS)
    while not inflater.eof:
        room = MAX_BUNDLE_BYTES + 1 - len(out)
        chunk = inflater.decompress(data, min(room, CHUNK_BYTES))
        out += chunk
        if len(out) > MAX_BUNDLE_BYTES:
            raise UnreadableBundle(_too_big(name))
        data = inflater.unconsumed_tail
        if not chunk and not data:
            raise zlib.error("the compressed data ends early")
    return inflater.unused_data


def _too_big(name: str) -> str:
    return (
        f"{name} was not imported: it unpacks to more than"
        f" {MAX_BUNDLE_BYTES // (1024 * 1024)} MB, far more than any progress bundle"
    )


def _deeper_than(value: Any, limit: int) -> bool:
    """True when `value` nests objects and arrays more than `limit` levels (no recursion)."""
    pending: list[tuple[Any, int]] = [(value, 1)] if isinstance(value, dict | list) else []
    while pending:
        item, depth = pending.pop()
        children = item.values() if isinstance(item, dict) else item
        for child in children:
            if isinstance(child, dict | list):
                if depth + 1 > limit:
                    return True
                pending.append((child, depth + 1))
    return False
