"""Merging reports from different articles into one event per occurrence."""

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from diplograph.store.merge import Report, _clusters, compatible_dates, merge


def report(n, *, type_="SUPPORT", source=("RUS", "IRN"), target=(), joint=True, date="2025-01-17",
           modality="actual", location=None, outlet=None, published="2025-01-17", flags=()):  # fmt: skip
    return Report(
        report=f"doc{n}:e1", doc=f"doc{n}", type=type_, cameo="057", symmetric=joint, date=date, modality=modality,
        location=location, confidence=0.9, outlet=outlet or f"outlet{n}", published=published,
        source=frozenset(source), target=frozenset(target), flags=flags,
    )  # fmt: skip


def test_reports_of_one_signing_from_several_outlets_become_one_event():
    events = merge([report(1), report(2, outlet="Reuters"), report(3, outlet="Reuters")])
    assert len(events) == 1
    event = events[0]
    assert (event.date, len(event.reports), event.outlets) == ("2025-01-17", 3, 2)
    assert event.source == ("IRN", "RUS") and event.target == ()
    assert not event.disputed


def test_dates_of_different_granularity_are_compatible():
    assert compatible_dates("2025-01", "2025-01-17")
    assert compatible_dates("2025-01-16", "2025-01-17")  # a day apart: time zones, "yesterday"
    assert not compatible_dates("2025-01-10", "2025-01-17")
    assert not compatible_dates("2025-02", "2025-01-17")
    events = merge([report(1, date="2025-01"), report(2, date="2025-01-17")])
    assert len(events) == 1 and events[0].date == "2025-01-17"


def test_same_actors_a_week_apart_are_two_events():
    events = merge([report(1, date="2025-01-10"), report(2, date="2025-01-17")])
    assert len(events) == 2


def test_planned_then_done_is_one_event_without_dispute():
    events = merge([report(1, modality="planned", published="2025-01-13"), report(2)])
    assert len(events) == 1
    assert events[0].modality == "actual" and not events[0].disputed
    assert (events[0].first_report, events[0].last_report) == ("2025-01-13", "2025-01-17")


def test_happened_and_did_not_happen_is_a_disputed_event():
    events = merge([report(1), report(2, modality="negated")])
    assert len(events) == 1
    assert events[0].disputed
    assert [kind for kind, _m in events[0].flags] == ["modality-disagreement"]


def test_neighbouring_days_are_merged_and_flagged():
    events = merge([report(1, date="2025-01-16"), report(2), report(3)])
    assert len(events) == 1
    assert events[0].date == "2025-01-17"  # what most reports say
    assert events[0].flags[0][0] == "date-disagreement"


def test_undated_report_joins_the_only_event_of_its_kind():
    events = merge([report(1), report(2, date=None, published=None)])
    assert len(events) == 1 and len(events[0].reports) == 2


def test_undated_report_joins_the_event_reported_nearest_in_time():
    older = report(1, date="2024-06-19", published="2024-06-19")
    newer = report(2, date="2025-01-17")
    undated = report(3, date=None, published="2025-01-18")
    events = {e.date: e for e in merge([older, newer, undated])}
    assert len(events["2025-01-17"].reports) == 2 and len(events["2024-06-19"].reports) == 1


def test_direction_and_type_keep_events_apart():
    attack = dict(type_="ASSAULT", joint=False)
    events = merge([report(1, source=("RUS",), target=("UKR",), **attack),
                    report(2, source=("UKR",), target=("RUS",), **attack),
                    report(3, source=("RUS",), target=("UKR",), type_="SANCTION", joint=False)])  # fmt: skip
    assert len(events) == 3


def test_different_places_do_not_merge():
    events = merge([report(1, location="Moscow"), report(2, location="Tehran"), report(3)])
    assert len(events) == 2


def test_merging_does_not_depend_on_order():
    reports = [report(1), report(2, date="2025-01"), report(3, date=None), report(4, date="2025-01-16")]
    first = [(e.event, [r.report for r in e.reports]) for e in merge(reports)]
    second = [(e.event, sorted(r.report for r in e.reports)) for e in merge(list(reversed(reports)))]
    assert [(e, sorted(r)) for e, r in first] == second


def clusters_by_trying_each(reports):
    """The merging rule spelled out plainly (quadratic): what the indexed clustering must give."""
    dated = sorted((r for r in reports if r.date), key=lambda r: (-len(r.date), r.date, r.report))
    clusters = []  # [anchor, members]

    def fits(members, r):
        return r.location is None or all(m.location in (None, r.location) for m in members)

    for r in dated:
        for cluster in clusters:
            if compatible_dates(cluster[0], r.date) and fits(cluster[1], r):
                cluster[1].append(r)
                cluster[0] = r.date if len(r.date) > len(cluster[0]) else cluster[0]
                break
        else:
            clusters.append([r.date, [r]])
    homeless = []
    for r in sorted((r for r in reports if not r.date), key=lambda r: r.report):
        candidates = [members for _anchor, members in clusters if fits(members, r)]
        home = candidates[0] if len(candidates) == 1 else None
        if home is None and r.published:
            day = date.fromisoformat(r.published)
            best_gap = None
            for members in candidates:
                gaps = [abs((date.fromisoformat(m.published) - day).days) for m in members if m.published]
                gap = min(gaps, default=None)
                if gap is not None and gap <= 31 and (best_gap is None or gap < best_gap):
                    home, best_gap = members, gap
        (home if home is not None else homeless).append(r)
    return [members for _anchor, members in clusters] + ([homeless] if homeless else [])


DAYS = st.dates(date(2024, 12, 20), date(2025, 2, 10))
DATES = st.one_of(
    DAYS.map(date.isoformat), DAYS.map(lambda d: d.isoformat()[:7]), st.just("2025"), st.just("2024"),
    DAYS.map(lambda d: f"{d.isocalendar().year}-W{d.isocalendar().week:02d}"), st.none(),
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(DATES, st.sampled_from([None, None, "Moskau", "Teheran"]), st.one_of(st.none(), DAYS)),
                max_size=30))  # fmt: skip
def test_indexed_clustering_equals_trying_each_cluster(rows):
    reports = [report(n, date=d, location=place, published=p and p.isoformat()) for n, (d, place, p) in enumerate(rows)]
    expected = [[r.report for r in members] for members in clusters_by_trying_each(reports)]
    assert [[r.report for r in members] for members in _clusters(reports)] == expected
