"""A small valid client case for the demo course's `basics` module, and ways to break it."""

from __future__ import annotations

from pathlib import Path

CASE_PATH = "curriculum/basics/cases/first-visit.yaml"

# line numbers in the tests below count lines of this text, from 1
VALID_CASE = """\
id: first-visit
title: "A first visit: the pain is real"
module: basics
objectives: [b-define]
client: |
  Dana, 52, is a person in recovery from opioid use disorder.
setting: |
  An intake session in an outpatient program.
start: arrives
nodes:
  - id: arrives
    text: |
      Dana says: "Nobody believes my back hurts."
    choices:
      - id: ask-more
        text: Ask Dana to tell you more about the pain.
        rating: helpful
        feedback: |
          Opening with curiosity respects the person's report of pain.[^raja2020]
        next: tells-more
      - id: doubt
        text: Say that pain is often in the head.
        rating: harmful
        feedback: |
          Doubting the report damages the alliance.
        next: walks-out
  - id: tells-more
    text: |
      Dana describes sharp pain that wakes them at night.
    choices:
      - id: reflect
        text: Reflect what you heard and agree on next steps.
        rating: helpful
        objectives: [b-define]
        feedback: |
          A reflection shows you listened.
        next: plan-made
      - id: lecture
        text: Explain the four steps of nociception at length.
        rating: partly
        feedback: |
          Accurate, but it takes the session away from Dana.
        next: arrives
endings:
  - id: plan-made
    title: A plan together
    outcome: helpful
    debrief: |
      You listened first.
    lessons: [what-is-pain#definition, steps]
  - id: walks-out
    title: Dana leaves
    outcome: harmful
    debrief: |
      Doubt ends conversations.
    lessons: [what-is-pain]
"""


def write_case(root: Path, text: str = VALID_CASE, path: str = CASE_PATH) -> Path:
    target = root / path
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    return target


def changed(old: str, new: str, text: str = VALID_CASE) -> str:
    """The valid case with `old` (which must occur once) replaced by `new`."""
    assert text.count(old) == 1, old
    return text.replace(old, new)
