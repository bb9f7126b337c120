"""Which image sources a page may use: plain relative paths inside the course, nothing else.

Browsers read `\\\\host\\share\\x.png`, `/\\host/x.png`, `//host/x.png` and their `%5C`
encodings as addresses on a network share, and fetch them (leaking the reader's
Windows credentials to that host), so anything that is not a plain relative path is
refused, before and after percent-decoding.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname

MAX_DECODING_ROUNDS = 3  # `%255C` decodes to `%5C`, then to `\`


def unsafe_image_source(source: str) -> str | None:
    """Why `source` may not be an image source, or None for a plain relative path."""
    if not source:
        return "is empty"
    text = source
    for _ in range(MAX_DECODING_ROUNDS + 1):
        reason = _reason(text)
        if reason:
            return reason
        decoded = unquote(text)
        if decoded == text:
            return None
        text = decoded
    return "is encoded more than once: write the plain path, like `media/figure.png`"


def _reason(text: str) -> str | None:
    if any(ord(char) < 0x20 or ord(char) == 0x7F for char in text) or text != text.strip():
        return "has control characters or surrounding spaces"
    if "\\" in text:
        return "has a backslash (a network or Windows path)"
    if text.startswith("/"):
        return "is an absolute path"
    parts = urlsplit(text)
    if parts.scheme or ":" in text.split("/", 1)[0]:
        return "has a scheme like `http:` or `file:`"
    if any(segment == ".." for segment in parts.path.split("/")):
        return "has `..`, which leads out of the module"
    return None


def safe_file_uri(source: str, root: Path) -> bool:
    """True for a `file:` URI of a local file inside `root` (resolved), as the renderer
    makes for the app's reader."""
    if "\\" in source or "%5c" in source.lower():
        return False
    parts = urlsplit(source)
    if parts.scheme.lower() != "file" or parts.netloc or not parts.path.startswith("/"):
        return False
    if parts.path.startswith("//"):
        return False
    try:
        return Path(url2pathname(parts.path)).resolve().is_relative_to(root)
    except (OSError, ValueError):
        return False
