"""How blocs change between two windows: which bloc became which, who moved, joined or left.

    before = find_blocs(con, "2023-01", "2023-12")
    after = find_blocs(con, "2024-01", "2025-06")
    change = compare(before, after)
    change.changes_frame()     # actor, change (moved / joined / left), bloc before, bloc after

Bloc ids are per window (1 = largest), so blocs are first matched by overlap: the pair with the
highest Jaccard index (shared actors / actors in either) is matched first, then the next best pair
of blocs still unmatched, and so on (greedy; ties broken by bloc id, so the result is deterministic).
Pairs sharing no actor are never matched. An actor then

* **moved** when it is in a bloc in both windows but its new bloc is not the match of its old one;
* **joined** when it is in a bloc only in the later window (new, or isolated before);
* **left** when it is in a bloc only in the earlier window (absent, or isolated after).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandas as pd

from diplograph.graph.blocs import Blocs, vars_


@dataclass(frozen=True, slots=True)
class BlocMatch:
    """A bloc of the earlier window and its counterpart in the later one (``None``: no counterpart)."""

    before: int | None
    after: int | None
    jaccard: float
    shared: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ActorChange:
    actor: str
    change: str  # moved | joined | left
    before: int | None  # bloc id in the earlier window
    after: int | None  # bloc id in the later window


@dataclass(frozen=True, slots=True)
class Comparison:
    """Two windows' blocs, how they correspond, and what changed."""

    before: Blocs
    after: Blocs
    matches: tuple[BlocMatch, ...]
    changes: tuple[ActorChange, ...]

    @property
    def balance_change(self) -> float | None:
        """Later minus earlier share of balanced triangles (``None`` if either has no triangle)."""
        return _delta(self.before.balance, self.after.balance)

    @property
    def weighted_balance_change(self) -> float | None:
        return _delta(self.before.weighted_balance, self.after.weighted_balance)

    @property
    def frustration_change(self) -> float | None:
        """Later minus earlier frustration: positive means the blocs fit the ties less well."""
        return _delta(self.before.frustration, self.after.frustration)

    def matches_frame(self) -> pd.DataFrame:
        rows = [{**vars_(m), "shared": list(m.shared)} for m in self.matches]
        frame = pd.DataFrame(rows, columns=["before", "after", "jaccard", "shared"])
        return frame.astype({"before": "Int64", "after": "Int64"})

    def changes_frame(self) -> pd.DataFrame:
        frame = pd.DataFrame([vars_(c) for c in self.changes], columns=["actor", "change", "before", "after"])
        return frame.astype({"before": "Int64", "after": "Int64"})

    def to_dict(self) -> dict[str, Any]:
        return {
            "before": self.before.to_dict(),
            "after": self.after.to_dict(),
            "matches": [{**vars_(m), "shared": list(m.shared)} for m in self.matches],
            "changes": [vars_(c) for c in self.changes],
            "balance_change": self.balance_change,
            "weighted_balance_change": self.weighted_balance_change,
            "frustration_change": self.frustration_change,
        }


def compare(before: Blocs, after: Blocs) -> Comparison:
    """Match the blocs of two windows by Jaccard overlap and list the actors that moved, joined or left."""
    old = {b.id: set(b.actors) for b in before.blocs}
    new = {b.id: set(b.actors) for b in after.blocs}
    candidates = []
    for i, first in old.items():
        for j, second in new.items():
            shared = first & second
            if shared:
                candidates.append((len(shared) / len(first | second), i, j))
    candidates.sort(key=lambda c: (-c[0], c[1], c[2]))
    partner: dict[int, int] = {}
    taken: set[int] = set()
    for _score, i, j in candidates:
        if i not in partner and j not in taken:
            partner[i] = j
            taken.add(j)
    matches = []
    for i in sorted(old):
        counterpart = new.get(partner[i], set()) if i in partner else set()
        matches.append(BlocMatch(i, partner.get(i), round(_jaccard(old[i], counterpart), 4),
                                 tuple(sorted(old[i] & counterpart))))  # fmt: skip
    matches += [BlocMatch(before=None, after=j, jaccard=0.0, shared=()) for j in sorted(new) if j not in taken]

    was, now = before.membership(), after.membership()
    changes = []
    for actor in sorted(set(was) | set(now)):
        i, j = was.get(actor), now.get(actor)
        if i is not None and j is not None:
            if partner.get(i) != j:
                changes.append(ActorChange(actor, "moved", i, j))
        elif j is not None:
            changes.append(ActorChange(actor, "joined", None, j))
        else:
            changes.append(ActorChange(actor, "left", i, None))
    order = {"moved": 0, "joined": 1, "left": 2}
    changes.sort(key=lambda c: (order[c.change], c.actor))
    return Comparison(before=before, after=after, matches=tuple(matches), changes=tuple(changes))


def _jaccard(first: set[str], second: set[str]) -> float:
    union = first | second
    return len(first & second) / len(union) if union else 0.0


def _delta(first: float | None, second: float | None) -> float | None:
    return round(second - first, 4) if first is not None and second is not None else None
