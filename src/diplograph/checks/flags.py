"""Document-level flags: the same event with conflicting dates, a weekday that does not match
its date, an office holder named for a role they did not hold on that date."""

from __future__ import annotations

from datetime import date

from diplograph.actors.kb import KnowledgeBase
from diplograph.model import ActorMention, Event, Flag, TimeExpression
from diplograph.temporal.dates import PartialDate

_INCOMING_DAYS = 90
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def check_document(
    events: tuple[Event, ...],
    times: tuple[TimeExpression, ...],
    actors: tuple[ActorMention, ...],
    *,
    kb: KnowledgeBase,
    on: date | None,
) -> tuple[Flag, ...]:
    return (*_date_conflicts(events), *_weekday_mismatches(times, events), *_office_mismatches(actors, events, kb, on))


def _date_conflicts(events: tuple[Event, ...]) -> list[Flag]:
    flags = []
    for event in events:
        days = [d for d in event.dates if len(d) == 10]
        if len(set(days)) > 1:
            flags.append(
                Flag(
                    "date-conflict",
                    (event.id,),
                    f"{event.type} {'/'.join(p.entity.code for p in event.source + event.target)} is dated "
                    + " and ".join(sorted(set(days)))
                    + " in different places of the text",
                )
            )
    return flags


def _events_in_sentence(events: tuple[Event, ...], sentence: int) -> tuple[str, ...]:
    return tuple(e.id for e in events if any(ev.sentence == sentence for ev in e.evidence))


def _weekday_mismatches(times: tuple[TimeExpression, ...], events: tuple[Event, ...]) -> list[Flag]:
    flags = []
    for t in times:
        if t.stated_weekday is None or not t.value or len(t.value) != 10:
            continue
        actual = PartialDate.parse(t.value).as_date()  # type: ignore[union-attr]
        if actual is not None and actual.weekday() != t.stated_weekday:
            flags.append(
                Flag(
                    "weekday-mismatch",
                    _events_in_sentence(events, t.sentence),
                    f"'{t.text}': {t.value} is a {_WEEKDAYS[actual.weekday()]}, not a {_WEEKDAYS[t.stated_weekday]}",
                )
            )
    return flags


def _office_mismatches(
    actors: tuple[ActorMention, ...], events: tuple[Event, ...], kb: KnowledgeBase, on: date | None
) -> list[Flag]:
    """A role phrase naming a person ("Präsident X") when the knowledge base says Y held it."""
    if on is None:
        return []
    flags = []
    for m in actors:
        if m.form != "role" or m.entity.kind != "person" or not m.role or m.entity.id is None:
            continue
        holder = kb.holder(m.entity.code, m.role, on)
        if holder is None or holder.id == m.entity.id or kb.office_on(m.entity.id, on) is not None:
            continue
        # An incoming holder ("US-Präsident Trump" a week before his inauguration) is no error.
        # (A difference of dates, not a sum: 9999-12-31 plus a week is past the calendar.)
        if any(
            t.office in kb.expand_office(m.entity.code, m.role) and 0 < (t.start - on).days <= _INCOMING_DAYS
            for t in kb.tenures_by_person.get(m.entity.id, ())
        ):
            continue
        flags.append(
            Flag(
                "office-mismatch",
                _events_in_sentence(events, m.sentence),
                f"'{m.text}' names {m.entity.name}, but on {on.isoformat()} the {m.role.replace('_', ' ')} "
                f"of {m.entity.code} was {holder.name}",
            )
        )
    return flags
