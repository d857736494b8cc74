"""Merge reports from many articles into one record per real-world event.

Two reports are of the same event when they have the same type, the same actors (as one set
for joint events such as meetings and signings, else source with source and target with
target), compatible dates and compatible places. Dates are compatible when one refines the
other ("2025-01" and "2025-01-17") or two days lie at most a day apart (time zones, "gestern"
read against different publication dates). An undated report joins the event of its type and
actors reported nearest in time (within 31 days), or the only one when that one was reported
within a year of it; undated reports that join no dated event merge with each other only when
published within 31 days of one another.

Two guards keep distinct occurrences apart (the same pair does the same thing again: arms
deliveries, talks, sanctions): a report never joins an event dated after its own publication
(a day's grace for time zones) unless it calls the event planned, desired or possible: it
cannot describe what has not happened yet; and reports more than a year apart never merge
without a date of their own that matches.

What reports disagree on becomes a flag of the merged event: a different day, one saying it
happened and another that it did not, two places. A planned event reported later as done is
not a disagreement: the plan came true.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from itertools import islice

from diplograph.events.plover import QUAD_CLASS, goldstein

_UNDATED_REACH_DAYS = 31  # an undated report joins an event first reported at most this far away
_YEAR_DAYS = 365  # reports further apart than this merge only on a matching date of their own
_ONE_DAY = timedelta(days=1)
FUTURE_MODALITIES = frozenset({"planned", "desired", "possible"})  # may describe what has not happened yet


@dataclass(frozen=True, slots=True)
class Report:
    """One article's account of an event, as merging needs it."""

    report: str
    doc: str
    type: str
    cameo: str
    symmetric: bool
    date: str | None
    modality: str
    location: str | None
    confidence: float
    outlet: str | None
    published: str | None
    source: frozenset[str]
    target: frozenset[str]
    flags: tuple[tuple[str, str], ...] = ()  # (kind, message) of document flags on this report


@dataclass(slots=True)
class MergedEvent:
    event: str
    type: str
    cameo: str
    goldstein: float
    quad_class: int
    symmetric: bool
    date: str | None
    modality: str
    location: str | None
    source: tuple[str, ...]
    target: tuple[str, ...]
    reports: list[Report]
    outlets: int
    first_report: str | None
    last_report: str | None
    confidence: float
    flags: list[tuple[str, str]] = field(default_factory=list)

    @property
    def disputed(self) -> bool:
        return any(kind in DISAGREEMENTS for kind, _message in self.flags)


DISAGREEMENTS = frozenset({"date-disagreement", "modality-disagreement", "place-disagreement"})


def merge(reports: Iterable[Report]) -> list[MergedEvent]:
    """Merged events, ordered by date then id; deterministic for a given set of reports."""
    by_key: dict[tuple, list[Report]] = defaultdict(list)
    for r in reports:
        by_key[merge_key(r)].append(r)
    events = []
    for key in sorted(by_key, key=_key_order):
        events.extend(merge_group(by_key[key]))
    events.sort(key=lambda e: (e.date or "9999", e.event))
    return events


def merge_key(r: Report) -> tuple:
    """Reports can only be of one event when they share this: type and actors (one set for joint events)."""
    if r.symmetric:
        return r.type, "joint", r.source | r.target, frozenset()
    return r.type, "directed", r.source, r.target


def merge_group(reports: list[Report]) -> list[MergedEvent]:
    """The events of reports that share a :func:`merge_key`."""
    return [_merged(cluster) for cluster in _clusters(reports)]


def _key_order(key: tuple) -> tuple:
    kind, first, second = key[1:]
    return key[0], kind, sorted(first), sorted(second)


class _Cluster:
    """Reports of one event so far, with what joining it checks kept at hand."""

    __slots__ = ("anchor", "members", "newest", "oldest", "places", "told_by")

    def __init__(self, report: Report) -> None:
        self.anchor = report.date or ""  # the most specific date of its members
        self.members: list[Report] = []
        self.places: set[str] = set()
        self.told_by: int | None = None  # earliest publication (ordinal) of a member saying it happened
        self.oldest: int | None = None  # earliest and latest publication of any member (ordinals)
        self.newest: int | None = None
        self.add(report)

    def add(self, report: Report) -> None:
        self.members.append(report)
        if report.location is not None:
            self.places.add(report.location)
        published = _ordinal(report.published)
        if published is None:
            return
        if report.modality not in FUTURE_MODALITIES:
            self.told_by = published if self.told_by is None else min(self.told_by, published)
        self.oldest = published if self.oldest is None else min(self.oldest, published)
        self.newest = published if self.newest is None else max(self.newest, published)

    def admits_place(self, report: Report) -> bool:
        return report.location is None or self.places <= {report.location}

    def admits_time(self, report: Report) -> bool:
        """Whether the event, dated as it would be with ``report``, starts no later than a day after
        every member that says it happened was published (:func:`starts_by`)."""
        anchor = report.date if report.date and len(report.date) > len(self.anchor) else self.anchor
        told_by = self.told_by
        if report.modality not in FUTURE_MODALITIES and (published := _ordinal(report.published)) is not None:
            told_by = published if told_by is None else min(told_by, published)
        return starts_by(anchor, told_by)

    def gap(self, report: Report) -> int | None:
        """Days between ``report``'s publication and the nearest publication span of the members."""
        published = _ordinal(report.published)
        if published is None or self.oldest is None or self.newest is None:
            return None
        return max(0, self.oldest - published, published - self.newest)


def starts_by(value: str | None, published: int | None) -> bool:
    """Whether a date (any granularity, its first day counts) is no later than a day after the
    publication day ``published`` (an ordinal): an article cannot report as done what comes later."""
    if not value or published is None:
        return True
    start = first_day(value)
    return start is None or start.toordinal() <= published + 1


def _clusters(reports: list[Report]) -> list[list[Report]]:
    """Group one type-and-actors key's reports by compatible date and place.

    A report joins the first cluster (in order of creation) whose date and place fit; the
    clusters whose dates might fit are looked up by date prefix and neighbouring day rather
    than tried one by one, which keeps a pair reported on hundreds of days linear."""
    dated = sorted((r for r in reports if r.date), key=lambda r: (-len(r.date or ""), r.date, r.report))
    clusters: list[_Cluster] = []
    by_prefix: dict[str, list[int]] = defaultdict(list)  # every prefix of a cluster's anchor -> clusters
    exact: dict[str, list[int]] = defaultdict(list)  # anchor -> clusters

    def register(n: int) -> None:
        anchor = clusters[n].anchor
        exact[anchor].append(n)
        for end in range(1, len(anchor) + 1):
            by_prefix[anchor[:end]].append(n)

    for r in dated:
        assert r.date is not None
        candidates = set(by_prefix.get(r.date, ()))  # anchors that refine this date
        for end in range(1, len(r.date)):  # anchors this date refines
            candidates.update(exact.get(r.date[:end], ()))
        day = _day(r.date)
        if day is not None:
            for neighbour in _neighbours(day):
                candidates.update(exact.get(neighbour.isoformat(), ()))
        for n in sorted(candidates):
            cluster = clusters[n]
            if compatible_dates(cluster.anchor, r.date) and cluster.admits_place(r) and cluster.admits_time(r):
                cluster.add(r)
                if len(r.date) > len(cluster.anchor):
                    cluster.anchor = r.date
                    register(n)
                break
        else:
            clusters.append(_Cluster(r))
            register(len(clusters) - 1)
    undated = sorted((r for r in reports if not r.date), key=lambda r: r.report)
    homeless = []
    if undated:
        published_on: dict[int, list[int]] = defaultdict(list)  # day -> clusters with a report published then
        for n, cluster in enumerate(clusters):
            for published in {_ordinal(m.published) for m in cluster.members} - {None}:
                published_on[published].append(n)
        for r in undated:
            home = _nearest(clusters, published_on, r)
            if home is None:
                homeless.append(r)
                continue
            clusters[home].add(r)
            published = _ordinal(r.published)
            if published is not None and home not in published_on[published]:
                published_on[published].append(home)  # _nearest takes the first cluster by number, not by list order
    groups = [cluster.members for cluster in clusters]
    groups.extend(_undated_groups(homeless))
    return groups


def _undated_groups(reports: list[Report]) -> list[list[Report]]:
    """Undated reports that joined no dated event: one event per run of reports published within
    :data:`_UNDATED_REACH_DAYS` of the previous one and within a year of the first; those without
    a publication date together."""
    unknown = [r for r in reports if _ordinal(r.published) is None]
    known = sorted((r for r in reports if _ordinal(r.published) is not None), key=lambda r: (r.published, r.report))
    groups: list[list[Report]] = []
    first = last = 0
    for r in known:
        day = _ordinal(r.published)
        assert day is not None
        if not groups or day - last > _UNDATED_REACH_DAYS or day - first > _YEAR_DAYS:
            groups.append([])
            first = day
        groups[-1].append(r)
        last = day
    if unknown:
        groups.append(unknown)
    return groups


def _nearest(clusters: list[_Cluster], published_on: dict[int, list[int]], report: Report) -> int | None:
    """The only cluster whose place and time fit (reported within a year), else the one reported
    nearest in time (the first on a tie)."""
    fitting = list(islice((n for n, c in enumerate(clusters) if c.admits_place(report) and c.admits_time(report)), 2))
    if len(fitting) == 1:
        gap = clusters[fitting[0]].gap(report)
        if gap is None or gap <= _YEAR_DAYS:
            return fitting[0]
    day = _ordinal(report.published)
    if day is None:
        return None
    for gap in range(_UNDATED_REACH_DAYS + 1):
        near = [n for d in {day - gap, day + gap} for n in published_on.get(d, ())
                if clusters[n].admits_place(report) and clusters[n].admits_time(report)]  # fmt: skip
        if near:
            return min(near)
    return None


def _neighbours(day: date) -> list[date]:
    """The days before and after ``day`` that the calendar has (none before 0001-01-01 or after 9999-12-31)."""
    return ([day - _ONE_DAY] if day > date.min else []) + ([day + _ONE_DAY] if day < date.max else [])


def _ordinal(value: str | None) -> int | None:
    day = _day(value)
    return None if day is None else day.toordinal()


def compatible_dates(a: str, b: str) -> bool:
    """Whether two dates of any granularity may name the same day ("2025-01" ~ "2025-01-17")."""
    if a.startswith(b) or b.startswith(a):
        return True
    day_a, day_b = _day(a), _day(b)
    return day_a is not None and day_b is not None and abs((day_a - day_b).days) <= 1


def first_day(value: str) -> date | None:
    """The first day of a date of any granularity: ``2025`` → 1 January, ``2025-W04`` → its Monday."""
    try:
        if "-W" in value:
            return date.fromisocalendar(int(value[:4]), int(value[6:8]), 1)
        if len(value) == 4:
            return date(int(value), 1, 1)
        if len(value) == 7:
            return date(int(value[:4]), int(value[5:7]), 1)
    except ValueError:
        return None
    return _day(value)


def _day(value: str | None) -> date | None:
    if not value or len(value) != 10:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


def _compatible_place(members: list[Report], report: Report) -> bool:
    if report.location is None:
        return True
    return all(m.location in (None, report.location) for m in members)


def _merged(cluster: list[Report]) -> MergedEvent:
    cluster = sorted(cluster, key=lambda r: (r.published or "9999", r.report))
    first = min(cluster, key=lambda r: r.report)
    flags: list[tuple[str, str]] = []
    days = sorted({r.date for r in cluster if r.date and len(r.date) == 10})
    dates = [r.date for r in cluster if r.date]
    # The most specific date; among days, the one most reports give (the earliest on a tie).
    if days:
        counts = Counter(d for d in dates if len(d) == 10)
        event_date: str | None = max(days, key=lambda d: (counts[d], -days.index(d)))
        if len(days) > 1:
            flags.append(("date-disagreement", f"reports date it {', '.join(days)}"))
    else:
        event_date = max(dates, key=len) if dates else None
    modalities = Counter(r.modality for r in cluster)
    if modalities["actual"] and modalities["negated"]:
        flags.append(("modality-disagreement", "some reports say it happened, others that it did not"))
    modality = "actual" if modalities["actual"] >= modalities["negated"] and modalities["actual"] else None
    modality = modality or modalities.most_common(1)[0][0]
    places = sorted({r.location for r in cluster if r.location})
    if len(places) > 1:
        flags.append(("place-disagreement", f"reports place it in {', '.join(places)}"))
    for r in cluster:
        flags.extend((kind, f"{r.doc}: {message}") for kind, message in r.flags)
    cameos = Counter(r.cameo for r in cluster)
    cameo = max(cameos, key=lambda c: (cameos[c], len(c), c))
    source = sorted(set().union(*(r.source for r in cluster)))
    target = sorted(set().union(*(r.target for r in cluster)) - set(source))
    published = sorted(r.published for r in cluster if r.published)
    unlikely = 1.0
    for r in cluster:
        unlikely *= 1.0 - r.confidence
    return MergedEvent(
        event="E" + hashlib.sha1(first.report.encode()).hexdigest()[:12],
        type=first.type,
        cameo=cameo,
        goldstein=goldstein(cameo),
        quad_class=QUAD_CLASS[first.type],
        symmetric=first.symmetric,
        date=event_date,
        modality=modality,
        location=places[0] if len(places) == 1 else None,
        source=tuple(source),
        target=tuple(target),
        reports=cluster,
        outlets=len({r.outlet or f"doc:{r.doc}" for r in cluster}),
        first_report=published[0] if published else None,
        last_report=published[-1] if published else None,
        confidence=round(min(0.99, 1.0 - unlikely), 3),
        flags=flags,
    )
