"""Summary lines of an evaluation: per folder, language and tune/held-out group, then totals.

Plain one-line strings with a stable prefix (``dev de tune: events P …``), so a developer
can grep a run and compare it with the last; the CLI only prints them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from diplograph.evaluation.events import EventScore, prf
from diplograph.evaluation.reading import ReadingScore

Result = tuple[ReadingScore, EventScore]
TUNE = "tune"
HELD_OUT = "held-out"
_BANDS = ((0.0, 0.5), (0.5, 0.7), (0.7, 0.85), (0.85, 1.01))


def ratio(right: int, total: int) -> str:
    return f"{right / total:.2f}" if total else "-"


def split(results: Sequence[Result], held_out: frozenset[str]) -> list[tuple[str | None, list[Result]]]:
    """(group, results): one unnamed group when no article is held out, else tune and held-out."""
    held = [r for r in results if r[1].id in held_out]
    if not held:
        return [(None, list(results))]
    tune = [r for r in results if r[1].id not in held_out]
    return [(name, group) for name, group in ((TUNE, tune), (HELD_OUT, held)) if group]


def summary(results: Sequence[Result]) -> str:
    """Events P/R/F1 with counts; date, modality, attribution on matched events; actors; times."""
    events = [e for _r, e in results]
    readings = [r for r, _e in results]
    tp = sum(e.true_positives for e in events)
    fp = sum(e.false_positives for e in events)
    fn = sum(e.false_negatives for e in events)
    p, r, f = prf(tp, fp, fn)
    gold_codes = sum(len(x.gold_codes) for x in readings)
    found_codes = sum(len(x.gold_codes & x.found_codes) for x in readings)
    times = sum(x.gold_times for x in readings)
    times_right = sum(x.times_correct for x in readings)
    return (
        f"events P {p:.2f} R {r:.2f} F1 {f:.2f} (tp {tp}, fp {fp}, fn {fn}); "
        f"on matched: date {ratio(sum(e.date_right for e in events), tp)}, "
        f"modality {ratio(sum(e.modality_right for e in events), tp)}, "
        f"attribution {ratio(sum(e.attribution_right for e in events), tp)}; "
        f"actor recall {found_codes}/{gold_codes} = {found_codes / max(gold_codes, 1):.2f}; "
        f"times right {times_right}/{times} = {times_right / max(times, 1):.2f}"
    )


def calibration(results: Sequence[Result]) -> str:
    """Precision by confidence band: does a higher confidence mean a likelier correct event?"""
    pairs = [c for _r, e in results for c in e.confidences]
    parts = []
    for low, high in _BANDS:
        inside = [ok for conf, ok in pairs if low <= conf < high]
        if inside:
            parts.append(f"[{low:.2f},{min(high, 1):.2f}): {sum(inside) / len(inside):.2f} of {len(inside)}")
    return "precision by confidence: " + ("; ".join(parts) if parts else "no events")


def _label(*parts: str | None) -> str:
    return " ".join(p for p in parts if p)


def folder_lines(folder: str, results: Sequence[Result], held_out: frozenset[str]) -> list[str]:
    """``dev de tune: events …`` per language and group, then precision by confidence per group."""
    lines = []
    groups = split(results, held_out)
    for lang in sorted({e.lang for _r, e in results}):
        for name, group in groups:
            subset = [(r, e) for r, e in group if e.lang == lang]
            if subset:
                lines.append(f"{_label(folder, lang, name)}: {summary(subset)}")
    lines += [f"{_label(folder, name)} {calibration(group)}" for name, group in groups]
    return lines


def total_lines(results: Sequence[Result]) -> list[str]:
    """``de: events …`` per language over every folder and group, then precision by confidence."""
    langs = sorted({e.lang for _r, e in results})
    return [f"{lang}: {summary([x for x in results if x[1].lang == lang])}" for lang in langs] + [calibration(results)]


def cause_counts(results: Sequence[Result]) -> Counter[tuple[str, str]]:
    """(``missed`` or ``extra``, cause) -> how many."""
    counts: Counter[tuple[str, str]] = Counter()
    for _r, e in results:
        counts.update(("missed", cause) for cause in e.miss_causes)
        counts.update(("extra", cause) for cause in e.extra_causes)
    return counts
