"""Which time expression dates which event mention.

A sentence may name several times and several events; each time belongs to the trigger
nearest it, and the day something was reported does not date what was reported.
"""

from __future__ import annotations

from bisect import bisect_left

from diplograph.events.rules import EventRules
from diplograph.events.triggers import TriggerMatch
from diplograph.model import TimeExpression


def time_owners(
    times: list[TimeExpression],
    spans: list[tuple[int, int]],
    clauses: list[tuple[int, int]],
    clause_matches: list[list[TriggerMatch]],
) -> dict[int, tuple[int, ...]]:
    """Each time expression dates the trigger nearest to it, in its own clause if it has one
    ("Iran has launched attacks … amid the war that began with the attack on October 7")."""
    starts = [s for s, _e in spans]
    owners: dict[int, tuple[int, ...]] = {}
    for t in times:
        i = min(bisect_left(starts, t.start), len(starts) - 1)
        clause = next((n for n, (a, b) in enumerate(clauses) if a <= i < b), None)
        candidates = clause_matches[clause] if clause is not None and clause_matches[clause] else None
        if candidates is None:
            candidates = [m for matches in clause_matches for m in matches]
        if candidates:
            owners[id(t)] = min(candidates, key=lambda m: min(abs(p - i) for p in m.positions)).positions
    return owners


def unreported_times(
    times: list[TimeExpression], spans: list[tuple[int, int]], words: list[str], rules: EventRules
) -> list[TimeExpression]:
    """Times that may date a reported act: not the day of the report itself ("Iranian media
    reported on Saturday that jets will be delivered", "nach Angaben vom Mittwoch")."""
    starts = [s for s, _e in spans]
    kept = []
    for t in times:
        i = bisect_left(starts, t.start)
        before = words[max(0, i - 2) : i]
        if any(w in rules.speech_verbs or w in rules.report_nouns for w in before):
            continue
        kept.append(t)
    return kept


def nearest_date(
    times: list[TimeExpression],
    spans: list[tuple[int, int]],
    match: TriggerMatch,
    *,
    clause: tuple[int, int] | None = None,
) -> str | None:
    """The value of the time expression nearest the trigger: in its clause if there is one
    there, else in the sentence."""
    anchor = spans[match.first][0]
    dated = [t for t in times if t.value]
    if clause is not None:
        dated = [t for t in dated if clause[0] <= t.start < clause[1]] or dated
    if not dated:
        return None
    return min(dated, key=lambda t: abs(t.start - anchor)).value
