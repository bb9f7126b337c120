"""Cells of the CSV files the app and the command write, safe to open in a spreadsheet.

A spreadsheet runs a cell that starts with `=`, `+`, `-` or `@` (and some read a leading
tab or carriage return the same way) as a formula, so a learner who calls themselves
`=HYPERLINK("http://…")` would put a live link, or worse, in a supervisor's spreadsheet.
As OWASP advises, such text gets a leading single quote, which the spreadsheet shows as
text. Numbers are written as they are, so they stay numbers (a score of -5 is a number,
the name "-Ana" is text).
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from typing import Any, TextIO

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> Any:
    """`value` as a CSV cell: text that a spreadsheet would run gets a leading quote;
    numbers, empty cells (None) and everything else are left as they are."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def safe_row(values: Iterable[Any]) -> list[Any]:
    return [safe_cell(value) for value in values]


class SafeWriter:
    """A `csv.writer` whose text cells are made safe (`safe_cell`) on the way out."""

    def __init__(self, handle: TextIO, **options: Any) -> None:
        self._writer = csv.writer(handle, **options)

    def writerow(self, values: Iterable[Any]) -> None:
        self._writer.writerow(safe_row(values))

    def writerows(self, rows: Iterable[Iterable[Any]]) -> None:
        self._writer.writerows(safe_row(values) for values in rows)
