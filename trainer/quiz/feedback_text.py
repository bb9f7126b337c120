"""Feedback that is only a placeholder: learners would read it, and it tells them nothing."""

from __future__ import annotations

# Whole texts (case and spacing aside) that stand in for feedback not yet written
PLACEHOLDER_FEEDBACK_TEXTS = frozenset(
    {"todo", "tbd", "feedback", "correct!", "incorrect.", "lorem ipsum", "...", "…"}
)
# The keys under which a question holds feedback: an option's, a pair's or an item's
# `feedback`, the `feedback:` of a true/false or numeric question, and the `explanation`
FEEDBACK_KEYS = frozenset({"feedback", "explanation"})


def is_placeholder_feedback(text: str) -> bool:
    """Whether the whole of `text` is one of PLACEHOLDER_FEEDBACK_TEXTS."""
    return " ".join(text.split()).casefold() in PLACEHOLDER_FEEDBACK_TEXTS


def is_feedback_loc(loc: tuple[str | int, ...]) -> bool:
    """Whether the text at `loc` (within a question) is feedback a learner reads."""
    return any(part in FEEDBACK_KEYS for part in loc)
