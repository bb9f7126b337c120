"""How every figure of a learner's record is written, on every screen, export and command.

One function per kind of figure, so that a time or a score reads the same wherever it
appears (the README's "Time and scores" section says the same in words):

- a percentage is rounded down to a whole number, so a score shown never reaches a pass
  mark the attempt did not reach (79.6% shows as 79%, and it did not pass at 80%);
- a score is "31 of 35 right (88%)": points earned of the points possible (one per
  question unless the author weighted it; partial credit counts as a fraction, written
  with two decimals at most and rounded down like the percentage);
- active time is kept in seconds and turned into minutes only here, rounded down once.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

_EPSILON = 1e-9  # 89.99999999 that was meant to be 90 stays 90


def whole_percent(percent: float) -> int:
    """A percentage as the whole number shown: rounded down."""
    return math.floor(percent + _EPSILON)


def percent_text(percent: float | None) -> str:
    """'88%', or '' when there is no score."""
    return "" if percent is None else f"{whole_percent(percent)}%"


def _number(value: float) -> str:
    """Points with 2 decimals at most, rounded down like the percentage beside them (so
    '3.66 of 5 right (73%)' agrees with itself), and none for a whole number: '31', '1.5'."""
    # the tolerance absorbs the rounding of a stored percentage (88.57% of 35 is 31)
    hundredths = math.floor(value * 100 + 0.1)
    return f"{hundredths / 100:g}"


@dataclass(frozen=True)
class Score:
    """A submitted attempt's result: `percent` of `possible` points."""

    percent: float
    possible: float

    @property
    def points(self) -> float:
        return self.percent * self.possible / 100

    @property
    def whole_percent(self) -> int:
        return whole_percent(self.percent)

    @property
    def text(self) -> str:
        """'31 of 35 right (88%)'."""
        return (
            f"{_number(self.points)} of {_number(self.possible)} right"
            f" ({whole_percent(self.percent)}%)"
        )


def score_of(percent: float | None, possible: float | None) -> Score | None:
    """The score of an attempt row (None while it is not submitted)."""
    if percent is None:
        return None
    return Score(percent, possible or 0.0)


def whole_minutes(seconds: int) -> int:
    """Active time in whole minutes, rounded down (the only place seconds become minutes)."""
    return max(0, int(seconds)) // 60


def duration_text(seconds: int) -> str:
    """'2 h 05 min', '12 min' or '0 min'."""
    hours, minutes = divmod(whole_minutes(seconds), 60)
    if hours:
        return f"{hours} h {minutes:02d} min"
    return f"{minutes} min"


def required_text(seconds: int) -> str:
    """Time required or still needed, rounded up: '0 min' is never said while any is needed,
    and a requirement is never shown lower than it is."""
    return duration_text(-(-max(0, int(seconds)) // 60) * 60)


def hours_text(hours: float) -> str:
    """CE hours: '6.5', '7', '0'."""
    return f"{hours:g}"


def points_text(score: float, possible: float) -> str:
    """Part of a question's points, as the review says it: '0.33 of 1 point', '1.5 of 2
    points' (two decimals at most, rounded down like every score)."""
    unit = "point" if possible == 1 else "points"
    return f"{_number(score)} of {_number(possible)} {unit}"


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    """'1 lesson', '3 lessons'."""
    word = singular if count == 1 else (plural_form or singular + "s")
    return f"{count} {word}"
