"""Find time expressions and resolve them against the article's publication date.

dateparser resolves none of "diesen Freitag", "im vergangenen Jahr" or "am 13. Januar 2025"
in German, so this is our own: patterns from :mod:`diplograph.temporal.grammar`, resolution
rules here. A value keeps its granularity: "im vergangenen Jahr" is ``2024``, not a day.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TypeVar

from diplograph.model import Sentence, TimeExpression
from diplograph.temporal.dates import PartialDate, nearest_day_year, nearest_year, shift
from diplograph.temporal.grammar import TimeGrammar, grammar
from diplograph.text.normalize import NormText

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class TimeScan:
    """The pattern matches of a text, before resolution: they do not depend on the publication
    date, so one scan serves the dateline (resolved without a date) and the text (with one)."""

    lang: str
    found: tuple[tuple[int, int, int, str, re.Match[str]], ...]  # start, -length, priority, rule, match


def tag_times(
    norm: NormText, sentences: tuple[Sentence, ...], *, lang: str, reference: PartialDate | None
) -> tuple[TimeExpression, ...]:
    """All time expressions of the text, longest match first, resolved against ``reference``."""
    return resolve_times(scan_times(norm, sentences, lang=lang), norm, sentences, reference=reference)


def scan_times(norm: NormText, sentences: tuple[Sentence, ...], *, lang: str) -> TimeScan:
    """Every pattern match inside the stretches around its cues, in text order, longest first."""
    g = grammar(lang)
    text = norm.text
    found: list[tuple[int, int, int, str, re.Match[str]]] = []
    hits = _cue_hits(sentences, g)
    windows_for: dict[frozenset[str], list[tuple[int, int]]] = {}
    for priority, (rule, regex) in enumerate(g.patterns):
        need = g.needs[priority]
        if need not in windows_for:
            windows_for[need] = _windows(sentences, hits, need)
        for window_start, window_end in windows_for[need]:
            for m in regex.finditer(text, window_start, window_end):
                if m.end() > m.start():
                    found.append((m.start(), -(m.end() - m.start()), priority, rule, m))
    found.sort(key=lambda f: (f[0], f[1], f[2]))
    return TimeScan(lang, tuple(found))


def resolve_times(
    scan: TimeScan,
    norm: NormText,
    sentences: tuple[Sentence, ...],
    *,
    reference: PartialDate | None,
    within: int | None = None,
) -> tuple[TimeExpression, ...]:
    """The expressions of ``scan`` resolved against ``reference``, overlaps dropped.

    Args:
        within: only the first ``within`` sentences (the dateline): a match never crosses a
            sentence, so this is what scanning those sentences alone finds.
    """
    g = grammar(scan.lang)
    text = norm.text
    if within is not None:
        sentences = sentences[:within]
    until = sentences[-1].end if sentences else 0
    sentence_starts = [s.start for s in sentences]
    result: list[TimeExpression] = []
    taken_until = -1
    for start, _neg_len, _priority, rule, m in scan.found:
        if start < taken_until:
            continue
        if within is not None and start >= until:
            break
        index = max(bisect_right(sentence_starts, start) - 1, 0)
        sentence_text = text[sentences[index].start : sentences[index].end] if sentences else text
        expression = _resolve_in_calendar(rule, m, g, reference, sentence_text)
        if expression is None:
            continue
        taken_until = m.end()
        raw_start, raw_end = norm.raw_span(m.start(), m.end())
        value, granularity, kind, modifier, anchor = expression
        weekday = m.groupdict().get("weekday") if rule == "date" else None
        result.append(
            TimeExpression(
                text=m.group(),
                start=raw_start,
                end=raw_end,
                value=value,
                granularity=granularity,  # type: ignore[arg-type]
                kind=kind,  # type: ignore[arg-type]
                modifier=modifier,
                anchor=anchor,
                sentence=index,
                stated_weekday=_lookup(g.weekdays, weekday) if weekday else None,
            )
        )
    return tuple(result)


Resolved = tuple[str | None, str | None, str, str | None, str | None]
_REACH = 80  # characters an expression may extend before or after its keyword ("seit dem … Januar")


def _cue_hits(sentences: tuple[Sentence, ...], g: TimeGrammar) -> list[list[tuple[frozenset[str], int, int]]]:
    """Per sentence, the tokens a time expression needs, with their cue categories: a set
    lookup per token is far cheaper than running every pattern over every sentence."""
    cues = g.cues
    hits = []
    for s in sentences:
        found = []
        for token in s.tokens:
            word = token.text.lower()
            categories = cues.get(word)
            if categories is None and not word.isalpha():
                categories = _cue_categories(word, cues)
            if categories:
                found.append((categories, token.start, token.end))
        hits.append(found)
    return hits


_DIGIT = frozenset({"digit"})


def _cue_categories(word: str, cues: dict[str, frozenset[str]]) -> frozenset[str] | None:
    """Cues of a token that is not a plain word: "Jan.", "2025", "13.", "Su-35", "Hamas-Angriff"."""
    if word.endswith(".") and word[:-1] in cues:
        return cues[word[:-1]]
    if any(c.isdigit() for c in word):
        return _DIGIT
    parts = [cues[p] for p in word.split("-") if p in cues]
    return frozenset().union(*parts) if parts else None


def _windows(
    sentences: tuple[Sentence, ...], hits: list[list[tuple[frozenset[str], int, int]]], need: frozenset[str]
) -> list[tuple[int, int]]:
    """Stretches around the cues a pattern needs, within their sentence: the pattern need not
    scan the rest."""
    windows: list[tuple[int, int]] = []
    for s, found in zip(sentences, hits, strict=True):
        current: tuple[int, int] | None = None
        for categories, token_start, token_end in found:
            if not (categories & need):
                continue
            start, end = max(s.start, token_start - _REACH), min(s.end, token_end + _REACH)
            if current is not None and start <= current[1]:
                current = (current[0], end)
                continue
            if current is not None:
                windows.append(current)
            current = (start, end)
        if current is not None:
            windows.append(current)
    return windows


def _modifier(m: re.Match[str], g: TimeGrammar) -> str | None:
    prep = m.group("prep") if "prep" in m.re.groupindex else None
    if prep in g.since:
        return "since"
    if prep in g.until:
        return "until"
    part = m.groupdict().get("part")
    return _lookup(g.parts, part) if part else None


def _lookup(table: dict[str, T], key: str) -> T:
    """``table[key]``, also for the capitalised form of a key written in lower case."""
    if key in table:
        return table[key]
    return table[key[:1].lower() + key[1:]]


def _number(m: re.Match[str], g: TimeGrammar) -> int:
    raw = m.group("number")
    return int(raw) if raw.isdigit() else _lookup(g.numbers, raw)


def _relation(m: re.Match[str], g: TimeGrammar) -> int | None:
    rel = m.groupdict().get("rel")
    if rel is None:
        return None
    if rel in g.last:
        return -1
    if rel in g.next:
        return 1
    return 0


_CALENDAR_YEAR = re.compile(r"(?!0000)\d{4}(?!\d)")


def _resolve_in_calendar(
    rule: str, m: re.Match[str], g: TimeGrammar, ref: PartialDate | None, sentence: str
) -> Resolved | None:
    """:func:`_resolve`, or None when the date lies outside years 1–9999: "next week" said on
    31.12.9999 has no date, and must not cost the document (``datetime`` raises OverflowError)."""
    try:
        expression = _resolve(rule, m, g, ref, sentence)
    except (OverflowError, ValueError):
        return None
    if expression is not None and expression[0] is not None and not _CALENDAR_YEAR.match(expression[0]):
        return None
    return expression


def _resolve(rule: str, m: re.Match[str], g: TimeGrammar, ref: PartialDate | None, sentence: str) -> Resolved | None:
    groups = m.groupdict()
    modifier = _modifier(m, g)
    ref_day = ref.as_date() if ref else None
    if rule in ("date", "numeric_dmy", "numeric_mdy", "iso"):
        month = g.months[groups["month"]] if groups.get("month") else int(groups["monthnum"])
        day = int(groups["day"])
        if groups.get("year"):
            year = int(groups["year"])
            if year < 100:
                year += 2000 if year < 70 else 1900
        elif ref is not None:
            year = nearest_day_year(month, day, ref)  # type: ignore[assignment]
        else:
            return None, "day", "date", modifier, None
        try:
            value = date(year, month, day)
        except (ValueError, TypeError):
            return None
        return value.isoformat(), "day", "date", modifier, None
    if rule == "month_year":
        return f"{int(groups['year']):04d}-{g.months[groups['month']]:02d}", "month", "date", modifier, None
    if rule == "month":
        month = g.months[groups["month"]]
        if ref is None:
            return None, "month", "date", modifier, None
        return f"{nearest_year(month, ref):04d}-{month:02d}", "month", "date", modifier, None
    if rule == "year":
        return groups["year"], "year", "date", modifier, None
    if rule == "season_year":
        return groups["year"], "year", "date", modifier, None
    if rule == "weekday":
        return _weekday(groups, g, ref, sentence, modifier)
    if rule in ("ago", "ahead"):
        unit = _lookup(g.units, groups["unit"])
        amount = _number(m, g) * (-1 if rule == "ago" else 1)
        return _shifted(ref, ref_day, amount, unit, "relative", modifier, None)
    if rule == "relative_unit":
        unit = _lookup(g.units, groups["unit"])
        if groups["unit"] in g.plural_units:
            return None, None, "duration", "recent" if _relation(m, g) == -1 else modifier, None
        return _shifted(ref, ref_day, _relation(m, g) or 0, unit, "relative", modifier, None)
    if rule == "part_of_unit":
        unit = _lookup(g.units, groups["unit"])
        if unit not in ("month", "year") or groups.get("part") is None:
            return None
        return _shifted(ref, ref_day, _relation(m, g) or 0, unit, "relative", modifier, None)
    if rule == "deictic":
        offset = _lookup(g.deictic, groups["deictic"])
        if ref_day is None:
            return _coarse(ref, "relative", modifier)
        return (ref_day + timedelta(days=offset)).isoformat(), "day", "relative", modifier, None
    if rule == "relative_year":
        if ref is None:
            return None, "year", "relative", modifier, None
        return f"{ref.year + _lookup(g.relative_years, groups['relyear']):04d}", "year", "relative", modifier, None
    if rule in ("anchored", "anchor_only"):
        return _anchored(rule, m, g, ref)
    return None


def _coarse(ref: PartialDate | None, kind: str, modifier: str | None) -> Resolved:
    """A day-level expression against a month-level article date: the month is all we know."""
    if ref is None or ref.month is None:
        return None, "day", kind, modifier, None
    return f"{ref.year:04d}-{ref.month:02d}", "month", kind, modifier, None


def _shifted(
    ref: PartialDate | None,
    ref_day: date | None,
    amount: int,
    unit: str,
    kind: str,
    modifier: str | None,
    anchor: str | None,
) -> Resolved:
    granularity = unit
    if ref is None:
        return None, granularity, kind, modifier, anchor
    if unit == "year":
        return f"{ref.year + amount:04d}", "year", kind, modifier, anchor
    if unit == "month":
        if ref.month is None:
            return None, "month", kind, modifier, anchor
        moved = shift(date(ref.year, ref.month, 1), amount, "month")
        return f"{moved.year:04d}-{moved.month:02d}", "month", kind, modifier, anchor
    if ref_day is None:
        return None, granularity, kind, modifier, anchor
    moved = shift(ref_day, amount, unit)
    if unit == "week":
        return PartialDate(moved.year, moved.month, moved.day, "week").iso(), "week", kind, modifier, anchor
    return moved.isoformat(), "day", kind, modifier, anchor


def _weekday(groups: dict, g: TimeGrammar, ref: PartialDate | None, sentence: str, modifier: str | None) -> Resolved:
    ref_day = ref.as_date() if ref else None
    if ref_day is None:
        return _coarse(ref, "weekday", modifier)
    target = g.weekdays[groups["weekday"]]
    rel = groups.get("rel")
    this_week_monday = ref_day - timedelta(days=ref_day.weekday())
    if rel in g.this:
        value = this_week_monday + timedelta(days=target)
    elif rel in g.last:
        back = (ref_day.weekday() - target) % 7 or 7
        value = ref_day - timedelta(days=back)
    elif rel in g.next:
        ahead = (target - ref_day.weekday()) % 7 or 7
        value = ref_day + timedelta(days=ahead)
    elif target == ref_day.weekday():
        value = ref_day
    elif _mentions_future(sentence, g):
        value = ref_day + timedelta(days=(target - ref_day.weekday()) % 7)
    else:
        value = ref_day - timedelta(days=(ref_day.weekday() - target) % 7)
    return value.isoformat(), "day", "weekday", modifier, None


def _mentions_future(sentence: str, g: TimeGrammar) -> bool:
    padded = f" {sentence} "
    return any(re.search(rf"(?<!\w){re.escape(marker)}(?!\w)", padded) for marker in g.future_markers)


def _anchored(rule: str, m: re.Match[str], g: TimeGrammar, ref: PartialDate | None) -> Resolved | None:
    groups = m.groupdict()
    group = next(
        (g.anchor_groups[int(k.split("_")[1])] for k, v in groups.items() if k.startswith("anchor_") and v), None
    )
    if group is None:
        return None
    candidates = [PartialDate.parse(d) for d in g.anchor_dates[group]]
    dates = [c.as_date() for c in candidates if c and c.as_date()]
    if not dates:
        return None
    ref_day = ref.as_date() if ref else None
    if ref_day is None and ref is not None:
        ref_day = date(ref.year, ref.month or 7, 15)
    anchor_day = min(dates, key=lambda d: abs((d - ref_day).days)) if ref_day else max(dates)
    anchor_id = f"{group}@{anchor_day.isoformat()}"
    direction = groups.get("dir", "")
    before = direction in ("vor", "before", "ahead of")
    if rule == "anchor_only":
        return anchor_day.isoformat(), "day", "anchored", "before" if before else "after", anchor_id
    amount = _number(m, g) * (-1 if before else 1)
    moved = shift(anchor_day, amount, _lookup(g.units, groups["unit"]))
    return moved.isoformat(), "day", "anchored", None, anchor_id
