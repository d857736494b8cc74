"""Scoring coded events against gold annotations."""

from diplograph.evaluation.events import score_events

TEXT = (
    "Russland und Nordkorea unterzeichneten am Mittwoch einen Vertrag. "
    "Putin lud Kim Jong-un zu einem Besuch in Moskau ein."
)


def gold_event(id_, type_, source, target, **extra):
    return {"id": id_, "type": type_, "source": source, "target": target, "date": None, "modality": "actual",
            "attribution": None, "evidence": ["…"], **extra}  # fmt: skip


def test_each_gold_event_gets_the_event_that_fits_it_best(read):
    doc = read(TEXT, lang="de", published="2024-06-20")
    # The symmetric signing also accepts AGREE: a greedy matcher could hand it the invitation
    # and leave the invitation's own gold event unmatched.
    gold = {
        "events": [
            gold_event("e1", "SUPPORT", ["RUS", "PRK"], [], symmetric=True, alt_types=["AGREE"]),
            gold_event("e2", "AGREE", ["RUS"], ["PRK"]),
        ]
    }
    score = score_events(doc, gold)
    assert (score.true_positives, score.false_negatives) == (2, 0), [e.type for e in doc.events]


def test_optional_gold_events_neither_reward_nor_punish(read):
    doc = read(TEXT, lang="de", published="2024-06-20")
    gold = {"events": [gold_event("e1", "SUPPORT", ["RUS", "PRK"], [], symmetric=True, optional=True)]}
    score = score_events(doc, gold)
    assert score.true_positives == 0
    assert score.false_negatives == 0
    assert score.false_positives == len(doc.events) - 1


def test_wrong_details_are_listed(read):
    doc = read(TEXT, lang="de", published="2024-06-20")
    gold = {"events": [gold_event("e1", "SUPPORT", ["RUS", "PRK"], [], symmetric=True, date="2024-01-01")]}
    score = score_events(doc, gold)
    assert score.date_right == 0
    assert [name for _g, _e, name in score.disagreements] == ["date"]


def test_misses_and_extras_get_a_cause(read):
    doc = read(TEXT, lang="de", published="2024-06-20")
    gold = {"events": [gold_event("e1", "SUPPORT", ["RUS", "PRK"], [], symmetric=True,
                                  evidence=["Russland und Nordkorea unterzeichneten"]),
                       gold_event("e2", "ASSAULT", ["RUS"], ["PRK"], evidence=["Putin lud Kim Jong-un"])]}  # fmt: skip
    score = score_events(doc, gold)
    assert [g["id"] for g in score.misses] == ["e2"]
    assert score.miss_causes == ["wrong type"]  # the invitation (AGREE RUS->PRK) stands in its sentence
    assert [e.type for e in score.extras] == ["AGREE"]
    assert score.extra_causes == ["wrong type"]  # pairs with the ASSAULT gold event of its sentence
