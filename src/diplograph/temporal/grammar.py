"""Compile a language's time patterns (``lang/*/lang.toml``) into regular expressions.

The grammar's word order is data: German writes "vor drei Tagen", English "three days ago";
both are templates whose placeholders are filled from the language's word lists.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from diplograph.errors import LexiconError
from diplograph.lang import load

RULES = frozenset(
    {
        "anchored", "anchor_only", "date", "numeric_dmy", "numeric_mdy", "iso", "month_year", "month",
        "year", "season_year", "weekday", "ago", "ahead", "relative_unit", "part_of_unit", "deictic",
        "relative_year",
    }
)  # fmt: skip


@dataclass(frozen=True)
class TimeGrammar:
    lang: str
    patterns: tuple[tuple[str, re.Pattern[str]], ...]
    months: dict[str, int]
    weekdays: dict[str, int]
    numbers: dict[str, int]
    units: dict[str, str]
    plural_units: frozenset[str]
    parts: dict[str, str]
    deictic: dict[str, int]
    relative_years: dict[str, int]
    this: frozenset[str]
    last: frozenset[str]
    next: frozenset[str]
    since: frozenset[str]
    until: frozenset[str]
    future_markers: tuple[str, ...]
    cues: dict[str, frozenset[str]]  # lower-case word -> the cue categories it belongs to
    needs: tuple[frozenset[str], ...]  # per pattern: cue categories one of which its matches hold
    anchor_groups: tuple[str, ...]  # group of each anchor alternative, by index
    anchor_dates: dict[str, tuple[str, ...]]  # group -> ISO dates


CUES = frozenset({"digit", "month", "weekday", "unit", "deictic", "relative_year", "anchor"})
# Placeholder -> the cue category that finds where it may match.
_CUE_OF = {
    "month": "month", "weekday": "weekday", "unit": "unit", "deictic": "deictic",
    "relative_year": "relative_year", "anchor": "anchor", "day": "digit", "year": "digit", "number": "digit",
}  # fmt: skip


def _alternation(name: str, words: object) -> str:
    """Named alternation of ``words`` (also capitalised, for sentence starts), longest first."""
    variants = {str(w) for w in words}  # type: ignore[attr-defined]
    variants |= {w[:1].upper() + w[1:] for w in variants}
    items = sorted(variants, key=len, reverse=True)
    body = "|".join(re.escape(w) for w in items) if items else "(?!)"
    return f"(?P<{name}>{body})(?:(?<!\\w)|(?!\\w))"


def _words(phrase: str) -> list[str]:
    """Lower-case words of a phrase or pattern; "[Kk]rieg" reads as "krieg"."""
    phrase = re.sub(r"\[(\w)(\w)\]", lambda m: m.group(2) if m.group(1).lower() == m.group(2) else m.group(0), phrase)
    return [w.lower() for w in re.findall(r"[^\W\d_]{3,}", phrase)]


_OPTIONAL_PART = re.compile(r"\((?:\?:)?([^()]*)\)[?*]|\\?[^()?\]\x01]\?")
_CASE_CLASS = re.compile(r"\[(\w)(\w)\]")  # [Kk]
_BOUNDED = r"(?:(?<=^)|(?<=[ '’(:|-])){}(?=$|[ '’)|-])"
# "Wahl(?:en)?", "Krieg(?:s|es)", "Trumps?": a word whose endings the pattern spells out.
_INFLECTED = re.compile(_BOUNDED.format(r"([^\W\d_]{3,})(?:\((?:\?:)?([^\W\d_]+(?:\|[^\W\d_]+)*)\)(\?)?|([^\W\d_])\?)"))
_WORD = re.compile(_BOUNDED.format(r"(?:[^\W\d_]{3,}|\x01\d+\x01)"))


def _required_words(pattern: str) -> list[str]:
    """Words one of which every match of an anchor pattern holds as a whole token: outside
    optional groups, each with the endings the pattern allows ("Wahl(?:en)?" -> wahl, wahlen)."""
    pattern = _CASE_CLASS.sub(lambda m: m.group(2) if m.group(1).lower() == m.group(2) else "\0", pattern)
    forms: list[list[str]] = []

    def inflect(m: re.Match[str]) -> str:
        stem, endings, optional, letter = m.groups()
        variants = [stem + e for e in (endings.split("|") if endings else [letter])]
        forms.append([stem, *variants] if optional or letter else variants)
        return f"\x01{len(forms) - 1}\x01"

    pattern = _INFLECTED.sub(inflect, pattern)
    # One optional part at a time, innermost first: "(?:Donald )?Trump" keeps a boundary
    # before "Trump" whatever the group holds; "Trump(?:s)" glues the ending to the word.
    while m := _OPTIONAL_PART.search(pattern):
        before = pattern[m.start() - 1] if m.start() else " "
        held = m.group(1) or ""
        keeps_boundary = before in " -(:|" and held[-1:] in (" ", "-")
        pattern = pattern[: m.start()] + ("" if keeps_boundary else "\0") + pattern[m.end() :]
    words = []
    for word in _WORD.findall(pattern):
        words.extend(forms[int(word[1:-1])] if word.startswith("\x01") else [word])
    return [w.lower() for w in words]


@cache
def grammar(lang: str) -> TimeGrammar:
    """The compiled grammar for ``lang`` (cached: it is built once per process)."""
    cfg = load.settings_toml(lang).get("time", {})
    path = load.lang_file(lang, "lang.toml")
    months = load.months(lang)
    weekdays = load.weekdays(lang)
    numbers = load.numbers(lang)
    anchor_rows = list(load.read_tsv(load.lang_file(lang, "anchors.tsv"), required=("pattern", "group")))
    anchor_dates: dict[str, list[str]] = {}
    for row in load.read_tsv(load.package_path("temporal", "data", "anchors.tsv"), required=("id", "group", "date")):
        anchor_dates.setdefault(row["group"], []).append(row["date"])
    for row in anchor_rows:
        if row["group"] not in anchor_dates:
            raise row.error(f"unknown anchor group {row['group']!r} (not in temporal/data/anchors.tsv)")
        try:
            re.compile(row["pattern"])
        except re.error as exc:
            raise row.error(f"bad regular expression: {exc}") from exc
    anchor = "(?P<anchor>" + "|".join(f"(?P<anchor_{i}>{r['pattern']})" for i, r in enumerate(anchor_rows)) + ")"
    fills = {
        "day": r"(?P<day>[012]?\d|3[01])",
        "year": r"(?P<year>(?:19|20)\d\d)",
        "month": _alternation("month", months),
        "weekday": _alternation("weekday", weekdays),
        "number": r"(?P<number>\d{1,3}|" + _alternation("numword", numbers) + ")",
        "unit": _alternation("unit", cfg.get("units", {})),
        "part": _alternation("part", cfg.get("parts", {})),
        "this": _alternation("this", cfg.get("this", [])),
        "last": _alternation("last", cfg.get("last", [])),
        "next": _alternation("next", cfg.get("next", [])),
        "deictic": _alternation("deictic", cfg.get("deictic", {})),
        "relative_year": _alternation("relyear", cfg.get("relative_years", {})),
        "anchor": anchor,
    }
    prefix_words = list(cfg.get("prepositions", [])) + list(cfg.get("since", [])) + list(cfg.get("until", []))
    prefix = "(?:" + _alternation("prep", prefix_words) + " )?"
    patterns = []
    needs = []
    for n, spec in enumerate(cfg.get("patterns", []), 1):
        rule = spec.get("rule")
        if rule not in RULES:
            raise LexiconError(f"{path}: time pattern {n}: unknown rule {rule!r}", code="D207")
        try:
            body = re.sub(r"\{([a-z_]+)\}", lambda m: fills[m.group(1)], spec["pattern"])
            regex = re.compile(f"(?<!\\w){prefix}(?:{body})(?:(?<!\\w)|(?!\\w))")
        except KeyError as exc:
            raise LexiconError(f"{path}: time pattern {n}: unknown placeholder {exc}", code="D207") from exc
        except re.error as exc:
            raise LexiconError(f"{path}: time pattern {n}: {exc}", code="D207") from exc
        patterns.append((rule, regex))
        # Where to look: the cue its matches always hold (`needs`), else any it may hold.
        need = set(spec.get("needs", []))
        if need - CUES:
            raise LexiconError(f"{path}: time pattern {n}: unknown cue(s) {sorted(need - CUES)}", code="D207")
        if not need:
            need = {_CUE_OF[p] for p in re.findall(r"\{([a-z_]+)\}", spec["pattern"]) if p in _CUE_OF}
            if "\\d" in spec["pattern"] or not need:
                need.add("digit")
        needs.append(frozenset(need))
    # Every expression holds a digit or a cue word: a month, weekday, unit, deictic word, or a
    # literal word of an anchor pattern (one of those is always in its match).
    # Phrases are written with articles and prepositions ("the day before", "Beginn des
    # Krieges"); as cues those would send their patterns over nearly every sentence. A phrase's
    # distinctive words suffice (one with none keeps all of its words).
    common = load.function_words().get(lang, frozenset())
    cues: dict[str, set[str]] = {}
    for category, words in (
        ("month", months), ("weekday", weekdays), ("unit", cfg.get("units", {})),
        ("deictic", cfg.get("deictic", {})), ("relative_year", cfg.get("relative_years", {})),
    ):  # fmt: skip
        for phrase in words:
            phrase_words = _words(str(phrase))
            for word in [w for w in phrase_words if w not in common] or phrase_words:
                cues.setdefault(word, set()).add(category)
    for row in anchor_rows:
        required = [w for w in _required_words(row["pattern"]) if w not in common]
        for word in required or _words(row["pattern"]):
            cues.setdefault(word, set()).add("anchor")
    return TimeGrammar(
        lang=lang,
        cues={word: frozenset(c) for word, c in cues.items()},
        needs=tuple(needs),
        patterns=tuple(patterns),
        months=months,
        weekdays=weekdays,
        numbers=numbers,
        units=dict(cfg.get("units", {})),
        plural_units=frozenset(cfg.get("plural_units", [])),
        parts=dict(cfg.get("parts", {})),
        deictic={k: int(v) for k, v in cfg.get("deictic", {}).items()},
        relative_years={k: int(v) for k, v in cfg.get("relative_years", {}).items()},
        this=frozenset(cfg.get("this", [])),
        last=frozenset(cfg.get("last", [])),
        next=frozenset(cfg.get("next", [])),
        since=frozenset(cfg.get("since", [])),
        until=frozenset(cfg.get("until", [])),
        future_markers=tuple(cfg.get("future_markers", [])),
        anchor_groups=tuple(r["group"] for r in anchor_rows),
        anchor_dates={k: tuple(v) for k, v in anchor_dates.items()},
    )
