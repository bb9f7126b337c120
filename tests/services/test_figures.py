"""Every figure is written one way: what a learner reads beside a score or a time."""

from __future__ import annotations

import pytest

from trainer.services.figures import Score, duration_text, percent_text, required_text


@pytest.mark.parametrize(
    ("percent", "possible", "text"),
    [
        (88.57, 35, "31 of 35 right (88%)"),  # a stored, rounded percentage still gives 31
        (79.6, 5, "3.98 of 5 right (79%)"),  # never shown as reaching a pass mark of 80%
        (73.3333, 5, "3.66 of 5 right (73%)"),  # points rounded down like the percentage
        (66.6667, 1, "0.66 of 1 right (66%)"),
        (0, 35, "0 of 35 right (0%)"),
        (100, 2, "2 of 2 right (100%)"),
    ],
)
def test_a_score_agrees_with_itself(percent: float, possible: float, text: str) -> None:
    assert Score(percent, possible).text == text


def test_times_are_rounded_down_when_spent_and_up_when_still_needed() -> None:
    assert duration_text(59) == "0 min" and duration_text(7530) == "2 h 05 min"
    assert required_text(1) == "1 min" and required_text(1296) == "22 min"  # 21 min 36 s
    assert percent_text(89.999999999) == "90%" and percent_text(None) == ""


def test_part_of_a_questions_points_reads_as_the_review_says_it() -> None:
    from trainer.services.figures import points_text

    assert points_text(1 / 3, 1) == "0.33 of 1 point"
    assert points_text(1.5, 2) == "1.5 of 2 points"
    assert points_text(2 / 3, 2) == "0.66 of 2 points"
