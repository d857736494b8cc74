"""What became of each event id when a merge after an ingest no longer gives it as it was.

An event's id is the hash of its first report (by report id), so the same reports always give the
same events and ids, whatever the order of ingestion. A new article can still change an event: join
it under a report that sorts first (a new id), join two events into one, take part of one into
another (a split), or move its date. Published ids must stay traceable, so every such change
leaves a row: old id, new id, and the kind of change. :func:`changes` decides this from the
reports each old id had and where they are now; it is pure, so the merge stays pure too.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

Kind = Literal["merged", "split", "redated", "dropped"]


@dataclass(frozen=True, slots=True)
class Change:
    old: str
    new: str | None
    kind: Kind


def changes(
    old: str, successors: Iterable[str], *, survives: bool, old_date: str | None, new_date: str | None
) -> list[Change]:
    """The history rows of one old event id.

    Args:
        successors: the new events holding any of its reports (itself included when it survives).
        survives: whether the merge still gives this id.
        old_date, new_date: its date before, and (when it survives) after.
    """
    others = sorted(set(successors) - {old})
    if survives:
        rows = [Change(old, new, "split") for new in others]  # part of it went elsewhere
        if old_date != new_date:
            rows.append(Change(old, old, "redated"))
        return rows
    if not others:
        return [Change(old, None, "dropped")]
    if len(others) == 1:
        return [Change(old, others[0], "merged")]
    return [Change(old, new, "split") for new in others]


def supersedes(history: Iterable[tuple[str, str | None]], current: set[str]) -> dict[str, list[str]]:
    """Current event id -> the earlier ids that lead to it, following history rows (old, new)
    through any number of later merges and splits. An id still current leads only to itself."""
    following: dict[str, set[str]] = {}
    for old, new in history:
        if new is not None and new != old:
            following.setdefault(old, set()).add(new)
    result: dict[str, set[str]] = {}
    for old in following:
        if old in current:
            continue
        seen, todo = {old}, [old]
        while todo:
            for new in following.get(todo.pop(), ()):
                if new in seen:
                    continue
                seen.add(new)
                if new in current:
                    result.setdefault(new, set()).add(old)
                else:
                    todo.append(new)
    return {event: sorted(olds) for event, olds in result.items()}
