"""Merging reports from different articles into one event per occurrence."""

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from diplograph.store.merge import Report, _clusters, compatible_dates, first_day, merge


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

    def in_time(anchor, members, r):  # no member saying it happened was published before the event's start
        anchor = r.date if r.date and len(r.date) > len(anchor) else anchor
        told = [date.fromisoformat(m.published) for m in [*members, r]
                if m.published and m.modality not in ("planned", "desired", "possible")]  # fmt: skip
        return not anchor or not told or first_day(anchor) <= min(told) + timedelta(days=1)

    def gap(members, r, *, span=False):  # to the nearest member's publication, or to the span of them
        days = [date.fromisoformat(m.published) for m in members if m.published]
        if not days or not r.published:
            return None
        day = date.fromisoformat(r.published)
        if span and min(days) <= day <= max(days):
            return 0
        return min(abs((d - day).days) for d in days)

    for r in dated:
        for cluster in clusters:
            if compatible_dates(cluster[0], r.date) and fits(cluster[1], r) and in_time(cluster[0], cluster[1], r):
                cluster[1].append(r)
                cluster[0] = r.date if len(r.date) > len(cluster[0]) else cluster[0]
                break
        else:
            clusters.append([r.date, [r]])
    homeless = []
    for r in sorted((r for r in reports if not r.date), key=lambda r: r.report):
        candidates = [members for anchor, members in clusters if fits(members, r) and in_time(anchor, members, r)]
        home = None
        if len(candidates) == 1 and (gap(candidates[0], r, span=True) or 0) <= 365:
            home = candidates[0]
        if home is None and r.published:
            best_gap = None
            for members in candidates:
                g = gap(members, r)
                if g is not None and g <= 31 and (best_gap is None or g < best_gap):
                    home, best_gap = members, g
        (home if home is not None else homeless).append(r)
    groups = [members for _anchor, members in clusters]
    runs = []  # undated and homeless: runs of publications at most 31 days apart, spanning at most a year
    for r in sorted((r for r in homeless if r.published), key=lambda r: (r.published, r.report)):
        day = date.fromisoformat(r.published)
        if not runs or (day - runs[-1][-1][0]).days > 31 or (day - runs[-1][0][0]).days > 365:
            runs.append([])
        runs[-1].append((day, r))
    groups += [[r for _day, r in run] for run in runs]
    unknown = [r for r in homeless if not r.published]
    return groups + ([unknown] if unknown else [])


DAYS = st.dates(date(2024, 12, 20), date(2025, 2, 10))
DATES = st.one_of(
    DAYS.map(date.isoformat), DAYS.map(lambda d: d.isoformat()[:7]), st.just("2025"), st.just("2024"),
    DAYS.map(lambda d: f"{d.isocalendar().year}-W{d.isocalendar().week:02d}"), st.none(),
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(DATES, st.sampled_from([None, None, "Moskau", "Teheran"]), st.one_of(st.none(), DAYS),
                          st.sampled_from(["actual", "actual", "planned"])), max_size=30))  # fmt: skip
def test_indexed_clustering_equals_trying_each_cluster(rows):
    reports = [report(n, date=d, location=place, published=p and p.isoformat(), modality=m)
               for n, (d, place, p, m) in enumerate(rows)]  # fmt: skip
    expected = [[r.report for r in members] for members in clusters_by_trying_each(reports)]
    assert [[r.report for r in members] for members in _clusters(reports)] == expected


def transfer(n, *, date=None, published, modality="actual"):
    return report(n, type_="AID", source=("IRN",), target=("RUS",), joint=False, date=date,
                  published=published, modality=modality)  # fmt: skip


def test_four_transfers_between_one_pair_stay_four_events():
    """Iran → Russia arms deliveries reported over two years: each its own occurrence. Before the
    guards, the undated reports all fell into one event, and the one published months before the
    September delivery joined it too."""
    reports = [
        transfer(1, date="2024-09-05", published="2024-09-06"),  # a delivery in September 2024
        transfer(2, published="2024-04-10"),  # an earlier one, reported undated five months before
        transfer(3, published="2023-09-01"),  # one a year before that, undated
        transfer(4, date="2022-08", published="2022-08-20"),  # the first, in August 2022
    ]
    events = merge(reports)
    assert sorted(tuple(r.report for r in e.reports) for e in events) == [("doc1:e1",), ("doc2:e1",), ("doc3:e1",),
                                                                        ("doc4:e1",)]  # fmt: skip


def test_a_report_never_joins_an_event_dated_after_its_publication_unless_planned():
    done = merge([transfer(1, date="2024-09-05", published="2024-09-06"), transfer(2, published="2024-09-01")])
    assert len(done) == 2  # published five days before the delivery, yet saying it happened: another one
    plan = merge([transfer(1, date="2024-09-05", published="2024-09-06"),
                  transfer(2, published="2024-09-01", modality="planned")])  # fmt: skip
    assert len(plan) == 1  # announced, then done: one event
    dated = merge([transfer(1, date="2024-09", published="2024-09-30"),
                   transfer(2, date="2024-09-20", published="2024-09-10")])  # fmt: skip
    assert len(dated) == 2  # refining the month to the 20th would date it after the second report
    grace = merge([transfer(1, date="2024-09-05", published="2024-09-06"), transfer(2, published="2024-09-04")])
    assert len(grace) == 1  # a day's grace: time zones, "today" read against the article's date


def test_undated_reports_more_than_a_year_apart_never_merge():
    lone = merge([transfer(1, date="2022-08-01", published="2022-08-02"), transfer(2, published="2024-01-10")])
    assert len(lone) == 2  # the only event of the pair, but seventeen months earlier
    near = merge([transfer(1, date="2024-01-02", published="2024-01-03"), transfer(2, published="2024-05-10")])
    assert len(near) == 1  # the only event of the pair, within the year: as before
    undated = merge([transfer(1, published="2023-01-01"), transfer(2, published="2023-01-20"),
                     transfer(3, published="2023-02-15"), transfer(4, published="2023-09-01")])  # fmt: skip
    assert sorted(len(e.reports) for e in undated) == [1, 3]  # a run of weeks apart, then one months later
