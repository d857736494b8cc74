"""Mentions of one document merged into events: one event per occurrence.

An article names the same meeting or strike several times, some mentions with a date, some
with only one of the parties; merging gives each occurrence its fullest roles, its date
(or the publication day, for what the lead reports as done) and the modality most
mentions agree on.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from diplograph.events.draft import EventDraft, entity_codes
from diplograph.events.plover import goldstein
from diplograph.model import ActorMention, Event, Modality, Participant

# The lead: news reports the day's events in its first sentences.
_LEAD_SENTENCES = 2
# Types where one side's act is part of a joint occurrence (a visit is part of the meeting);
# elsewhere "expelled each other's diplomats" and "Germany expelled Russians" are two events.
_JOINT_TYPES = frozenset({"CONSULT", "AGREE", "SUPPORT", "COOPERATE"})


def merge_drafts(drafts: list[EventDraft], min_confidence: float, published: str | None) -> tuple[Event, ...]:
    """One event per occurrence: repeated mentions of the same type and actors merge.

    Mentions that name the same participants merge whether or not they give a direction
    ("Putin und Pezeshkian treffen sich" / "Pezeshkian besucht Moskau"); a mention that names
    only some participants ("hofft Teheran auf …") joins the fuller event it belongs to.
    """
    buckets: dict[tuple, list[EventDraft]] = {}
    for draft in drafts:
        source, target = entity_codes(draft.source), entity_codes(draft.target)
        if draft.match.trigger.symmetric:
            key: tuple = (draft.match.trigger.type, "joint", source | target)
        else:
            key = (draft.match.trigger.type, source, target)
        buckets.setdefault(key, []).append(draft)
    for key in list(buckets):
        if key[1] == "joint" or not key[1] or not key[2]:
            continue
        joint = (key[0], "joint", key[1] | key[2])
        if joint in buckets and key[0] in _JOINT_TYPES:  # "Pezeshkian besucht Moskau" is part of "treffen sich"
            buckets[joint].extend(buckets.pop(key))
    for key in sorted(buckets, key=lambda k: len(k[1]) + len(k[2])):
        if key[1] == "joint" or (key[1] and key[2]):
            continue
        fuller = [other for other in buckets if other != key and other[0] == key[0] and _extends(other, key)]
        if len(fuller) == 1:
            buckets[fuller[0]].extend(buckets.pop(key))
    events = []
    ordered = sorted(buckets.values(), key=lambda g: min((d.sentence, d.evidence.start) for d in g))
    ordered = [g for g in ordered if _merged_confidence(g) >= min_confidence]
    group_of = {id(d): group for group in ordered for d in group}
    for n, group in enumerate(ordered, 1):
        group.sort(key=lambda d: (d.sentence, d.evidence.start))
        first = group[0]
        dates = [d.date for d in group if d.date]
        if not dates:
            companions = [group_of.get(id(d.companion)) for d in group if d.companion is not None]
            dates = [d.date for g in companions if g is not None for d in g if d.date]
        date = Counter(dates).most_common(1)[0][0] if dates else None
        if date is None and published and _reported_in_lead(first):
            # Done: the day of the report. Announced ("will expel"): some time around it.
            # "have been deployed" (English perfect): some time around it too.
            date = published if first.modality == "actual" and not first.indefinite else published[:7]
        modality = _merged_modality([d.modality for d in group], date, published)
        attribution = next((d.attribution for d in group if d.attribution), None)
        mode = next((d.match.trigger.mode for d in group if d.match.trigger.mode), None)
        cameo = next(
            (d.match.trigger.cameo for d in group if len(d.match.trigger.cameo) > 3), first.match.trigger.cameo
        )
        confidence = _merged_confidence(group)
        symmetric = any(d.match.trigger.symmetric for d in group)
        # Direction from the mentions that give one; the rest are participants of a joint event.
        directed = [d for d in group if d.source and d.target and not d.match.trigger.symmetric] or group
        source = _participants(d.source for d in directed)
        source_codes = {p.entity.code for p in source}
        target = tuple(p for p in _participants(d.target for d in group) if p.entity.code not in source_codes)
        if symmetric:
            others = _participants([*d.source, *d.target] for d in group)
            source = source + tuple(p for p in others if p.entity.code not in source_codes | entity_codes(target))
        events.append(
            Event(
                id=f"e{n}",
                type=first.match.trigger.type,
                mode=mode,
                cameo=cameo,
                goldstein=goldstein(cameo),
                source=source,
                target=target,
                symmetric=symmetric,
                date=date,
                modality=modality,  # type: ignore[arg-type]
                attribution=attribution,
                location=next((d.location for d in group if d.location), None),
                evidence=tuple(dict.fromkeys(d.evidence for d in group)),
                confidence=round(confidence, 2),
                dates=tuple(dict.fromkeys(dates)),
            )
        )
    return tuple(events)


def _merged_modality(modalities: list[Modality], date: str | None, published: str | None) -> Modality:
    """Planned when a mention says so and the event lies ahead of the report ("bevorstehendes
    Treffen … diesen Freitag"); otherwise what most mentions say, the first on a tie."""
    if "planned" in modalities and date and published:
        length = min(len(date), len(published))
        if date[:length] >= published[:length]:
            return "planned"
        modalities = [m for m in modalities if m != "planned"] or modalities
    counts = Counter(modalities)
    best = max(counts.values())
    return next(m for m in modalities if counts[m] == best)


def _reported_in_lead(draft: EventDraft) -> bool:
    """An undated act the lead reports (done or announced) is dated by the report."""
    trigger = draft.match.trigger
    return draft.sentence < _LEAD_SENTENCES and draft.modality in ("actual", "planned") and "noun" not in trigger.flags


def _merged_confidence(group: list[EventDraft]) -> float:
    """The best mention's confidence, a little more for each further mention."""
    return round(min(0.99, max(d.confidence for d in group) + 0.05 * (len(group) - 1)), 2)


def _extends(fuller: tuple, partial: tuple) -> bool:
    """Whether a complete event's roles contain a partial mention's ("hofft Teheran auf …")."""
    _type, source, target = partial
    if fuller[1] == "joint":
        return (source | target) < fuller[2]
    return bool(fuller[1] and fuller[2]) and source <= fuller[1] and target <= fuller[2]


def _participants(lists: Iterable[list[ActorMention]]) -> tuple[Participant, ...]:
    seen: dict[str, Participant] = {}
    for mentions in lists:
        for m in mentions:
            if m.entity.code not in seen:
                seen[m.entity.code] = Participant(m.entity, m.role, m.text)
    return tuple(seen.values())
