"""Summary lines per folder, language and tune/held-out group."""

from __future__ import annotations

from diplograph.evaluation.events import EventScore
from diplograph.evaluation.reading import ReadingScore
from diplograph.evaluation.report import calibration, cause_counts, folder_lines, split, total_lines


def result(id_: str, lang: str, tp: int, fp: int, fn: int, confidence: float = 0.9):
    reading = ReadingScore(id_, lang, frozenset({"RUS"}), frozenset({"RUS"}), 1, 1, 1)
    events = EventScore(id_, lang, tp, fp, fn, date_right=tp, modality_right=tp, attribution_right=tp,
                        confidences=[(confidence, True)] * tp + [(confidence, False)] * fp,
                        miss_causes=["trigger not found"] * fn, extra_causes=["wrong role"] * fp)  # fmt: skip
    return reading, events


RESULTS = [result("de-a", "de", 2, 0, 1), result("de-b", "de", 1, 1, 1, 0.75), result("en-a", "en", 1, 0, 0)]


def test_without_held_out_articles_there_is_one_group():
    assert [name for name, _g in split(RESULTS, frozenset({"elsewhere"}))] == [None]
    assert [(name, len(g)) for name, g in split(RESULTS, frozenset({"de-b"}))] == [("tune", 2), ("held-out", 1)]


def test_folder_lines_per_language_and_group():
    lines = folder_lines("dev", RESULTS, frozenset({"de-b"}))
    assert lines[:3] == [
        "dev de tune: events P 1.00 R 0.67 F1 0.80 (tp 2, fp 0, fn 1); on matched: date 1.00, modality 1.00, "
        "attribution 1.00; actor recall 1/1 = 1.00; times right 1/1 = 1.00",
        "dev de held-out: events P 0.50 R 0.50 F1 0.50 (tp 1, fp 1, fn 1); on matched: date 1.00, modality 1.00, "
        "attribution 1.00; actor recall 1/1 = 1.00; times right 1/1 = 1.00",
        "dev en tune: events P 1.00 R 1.00 F1 1.00 (tp 1, fp 0, fn 0); on matched: date 1.00, modality 1.00, "
        "attribution 1.00; actor recall 1/1 = 1.00; times right 1/1 = 1.00",
    ]
    assert lines[3:] == [
        "dev tune precision by confidence: [0.85,1.00): 1.00 of 3",
        "dev held-out precision by confidence: [0.70,0.85): 0.50 of 2",
    ]
    assert folder_lines("world", RESULTS, frozenset())[0].startswith("world de: events P 0.75 R 0.60")


def test_totals_and_causes():
    assert [line.split(":")[0] for line in total_lines(RESULTS)] == ["de", "en", "precision by confidence"]
    assert calibration([]) == "precision by confidence: no events"
    assert cause_counts(RESULTS) == {("missed", "trigger not found"): 2, ("extra", "wrong role"): 1}
