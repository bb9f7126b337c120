"""The graph of a case: which nodes lead where, what can be reached, and the helpful path."""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator

from trainer.cases.model import CaseSpec, Choice

Step = tuple[str, str]  # (node id, choice id)


def reachable(spec: CaseSpec, *, helpful_only: bool = False) -> set[str]:
    """Ids of the nodes and endings a counselor can reach from `start` (by helpful
    choices only, with `helpful_only`)."""
    seen = {spec.start}
    pending = deque([spec.start])
    while pending:
        node = spec.node(pending.popleft())
        for choice in node.choices if node else ():
            if helpful_only and choice.rating != "helpful":
                continue
            if choice.next not in seen:
                seen.add(choice.next)
                pending.append(choice.next)
    return seen


def leads_to_ending(spec: CaseSpec) -> set[str]:
    """Ids of the nodes from which some series of choices reaches an ending."""
    good = {ending.id for ending in spec.endings}
    changed = True
    while changed:
        changed = False
        for node in spec.nodes:
            if node.id not in good and any(choice.next in good for choice in node.choices):
                good.add(node.id)
                changed = True
    return good


def helpful_path(spec: CaseSpec) -> list[Step] | None:
    """The shortest series of helpful choices from `start` to an ending; None if none."""
    endings = {ending.id for ending in spec.endings}
    came_from: dict[str, tuple[str, Choice] | None] = {spec.start: None}
    pending = deque([spec.start])
    while pending:
        at = pending.popleft()
        if at in endings:
            return _path_to(at, came_from)
        node = spec.node(at)
        for choice in node.choices if node else ():
            if choice.rating == "helpful" and choice.next not in came_from:
                came_from[choice.next] = (at, choice)
                pending.append(choice.next)
    return None


def _path_to(target: str, came_from: dict[str, tuple[str, Choice] | None]) -> list[Step]:
    steps: list[Step] = []
    link = came_from[target]
    while link is not None:
        node_id, choice = link
        steps.append((node_id, choice.id))
        link = came_from[node_id]
    return steps[::-1]


def cycle_through(spec: CaseSpec, node_id: str, trapped: set[str]) -> list[str]:
    """A round trip `node_id → … → node_id` inside the `trapped` nodes (those that never
    reach an ending), for the message; just `[node_id]` when it only leads into one."""
    came_from: dict[str, str] = {}
    pending = deque([node_id])
    while pending:
        at = pending.popleft()
        node = spec.node(at)
        for choice in node.choices if node else ():
            if choice.next == node_id:
                path = [at]
                while path[-1] != node_id:
                    path.append(came_from[path[-1]])
                return [*path[::-1], node_id]
            if choice.next in trapped and choice.next not in came_from:
                came_from[choice.next] = at
                pending.append(choice.next)
    return [node_id]


def paths_to_endings(spec: CaseSpec, limit: int = 10_000) -> Iterator[list[Step]]:
    """Every series of choices from `start` to an ending that visits no node twice (up to
    `limit` of them): what a counselor could play through."""
    endings = {ending.id for ending in spec.endings}
    found = 0
    stack: list[tuple[str, list[Step], frozenset[str]]] = [(spec.start, [], frozenset())]
    while stack and found < limit:
        at, steps, visited = stack.pop()
        if at in endings:
            found += 1
            yield steps
            continue
        node = spec.node(at)
        for choice in reversed(node.choices if node else []):
            if choice.next not in visited:
                stack.append((choice.next, [*steps, (at, choice.id)], visited | {at}))
