"""Mentions of one document merged into events, from drafts built by hand."""

from diplograph.events.document_merge import merge_drafts
from diplograph.events.draft import EventDraft
from diplograph.model import Attribution, Evidence, Modality
from tests.events.conftest import actor, make_match

POLAND, LITHUANIA, LATVIA = actor("POL"), actor("LTU"), actor("LVA")
PUBLISHED = "2025-01-13"


def draft(
    type_: str,
    source: list,
    target: list,
    *,
    sentence: int = 3,
    date: str | None = None,
    modality: Modality = "actual",
    symmetric: bool = False,
    confidence: float = 0.8,
    attribution: Attribution | None = None,
) -> EventDraft:
    return EventDraft(
        match=make_match(type_, 1, symmetric=symmetric),
        source=source,
        target=target,
        modality=modality,
        attribution=attribution,
        date=date,
        location=None,
        evidence=Evidence(f"{type_} in sentence {sentence}", sentence * 100, sentence * 100 + 10, sentence),
        confidence=confidence,
        sentence=sentence,
    )


def codes(participants) -> list[str]:
    return [p.entity.code for p in participants]


def test_repeated_mentions_merge_into_one_event():
    first = draft("AID", [POLAND], [LITHUANIA], sentence=3, date="2025-01-10")
    second = draft("AID", [POLAND], [LITHUANIA], sentence=5, attribution=Attribution("AFP", None, "outlet"))
    (event,) = merge_drafts([second, first], 0.0, PUBLISHED)
    assert (event.type, codes(event.source), codes(event.target)) == ("AID", ["POL"], ["LTU"])
    assert [e.sentence for e in event.evidence] == [3, 5]
    assert event.date == "2025-01-10"
    assert event.confidence == 0.85  # the best mention's, plus 0.05 for the second
    assert event.attribution == Attribution("AFP", None, "outlet")


def test_different_targets_stay_apart():
    events = merge_drafts(
        [draft("AID", [POLAND], [LITHUANIA]), draft("AID", [POLAND], [LATVIA], sentence=4)], 0.0, PUBLISHED
    )
    assert [(e.id, codes(e.target)) for e in events] == [("e1", ["LTU"]), ("e2", ["LVA"])]


def test_partial_mention_joins_the_fuller_event():
    full = draft("AID", [POLAND], [LITHUANIA])
    partial = draft("AID", [], [LITHUANIA], sentence=4)
    (event,) = merge_drafts([full, partial], 0.0, PUBLISHED)
    assert len(event.evidence) == 2


def test_directed_visit_is_part_of_the_joint_meeting():
    meeting = draft("CONSULT", [POLAND, LITHUANIA], [], symmetric=True)
    visit = draft("CONSULT", [POLAND], [LITHUANIA], sentence=4)
    (event,) = merge_drafts([meeting, visit], 0.0, PUBLISHED)
    assert event.symmetric
    assert sorted(codes(event.source) + codes(event.target)) == ["LTU", "POL"]


def test_one_sided_and_mutual_sanctions_stay_apart():
    mutual = draft("SANCTION", [POLAND, LITHUANIA], [], symmetric=True)
    one_sided = draft("SANCTION", [POLAND], [LITHUANIA], sentence=4)
    assert len(merge_drafts([mutual, one_sided], 0.0, PUBLISHED)) == 2


def test_undated_act_in_the_lead_happened_on_the_publication_day():
    (done,) = merge_drafts([draft("AID", [POLAND], [LITHUANIA], sentence=0)], 0.0, PUBLISHED)
    assert done.date == PUBLISHED
    (announced,) = merge_drafts([draft("AID", [POLAND], [LITHUANIA], sentence=1, modality="planned")], 0.0, PUBLISHED)
    assert announced.date == "2025-01"
    (later,) = merge_drafts([draft("AID", [POLAND], [LITHUANIA], sentence=2)], 0.0, PUBLISHED)
    assert later.date is None


def test_planned_only_while_the_date_lies_ahead():
    ahead = draft("CONSULT", [POLAND], [LITHUANIA], modality="planned", date="2025-01-17")
    (event,) = merge_drafts([ahead, draft("CONSULT", [POLAND], [LITHUANIA], sentence=4)], 0.0, PUBLISHED)
    assert event.modality == "planned"
    past = draft("CONSULT", [POLAND], [LITHUANIA], modality="planned", date="2025-01-06")
    (event,) = merge_drafts([past, draft("CONSULT", [POLAND], [LITHUANIA], sentence=4)], 0.0, PUBLISHED)
    assert event.modality == "actual"


def test_events_below_the_confidence_threshold_are_left_out():
    drafts = [draft("AID", [POLAND], [LITHUANIA], confidence=0.5)]
    assert merge_drafts(drafts, 0.6, PUBLISHED) == ()
    assert len(merge_drafts(drafts, 0.5, PUBLISHED)) == 1
