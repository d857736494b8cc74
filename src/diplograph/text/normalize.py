"""Repair hard line breaks and hyphenation from PDF and web extracts.

Articles arrive wrapped at a fixed width, split by blank lines in mid-sentence, with words
hyphenated across lines. We rebuild running text, keeping a map from every character of the
repaired text back to the raw text, so spans found later still point at the source.
The repaired text marks paragraph breaks that end a sentence with a single ``\\n``.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

_TERMINAL = frozenset('.!?:;"“”»«)›‹…')
_SUSPENDED_HYPHEN_FOLLOWERS = frozenset({"und", "oder", "sowie", "bzw", "als", "and", "or"})
_HEADING_MAX_CHARS = 80
_PARAGRAPH_STYLE_MEDIAN = 150  # median line length above which every line is a paragraph

# Whitespace runs that contain a line break, optionally after a hyphen that ends a line.
_BREAK = re.compile(r"(-?)([ \t\u00a0\u200b]*\r?\n[\s\u00a0\u200b]*)")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u3000]{2,}|[\t\u00a0\u2000-\u200b\u202f\u3000]|\u00ad")
_WORD_AFTER = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class NormText:
    """Repaired text plus the piecewise map back to the raw text."""

    text: str
    raw: str
    _norm_starts: tuple[int, ...]
    _raw_starts: tuple[int, ...]

    def to_raw(self, offset: int) -> int:
        """Raw offset of the character at ``offset`` in the repaired text."""
        i = bisect_right(self._norm_starts, offset) - 1
        if i < 0:
            return 0
        return self._raw_starts[i] + (offset - self._norm_starts[i])

    def raw_spans(self, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """Raw spans of many non-empty repaired-text spans in text order, in one walk."""
        norm_starts, raw_starts = self._norm_starts, self._raw_starts
        if len(norm_starts) == 1 and norm_starts[0] == raw_starts[0] == 0:
            return spans  # nothing was repaired: offsets are the same
        if not spans:
            return []
        i = max(bisect_right(norm_starts, spans[0][0]) - 1, 0)
        if bisect_right(norm_starts, spans[-1][1] - 1) - 1 <= i:
            shift = raw_starts[i] - norm_starts[i]  # all inside one repaired piece: one shift
            return [(start + shift, end + shift) for start, end in spans]
        out = []
        last = len(norm_starts) - 1
        for start, end in spans:
            while i < last and norm_starts[i + 1] <= start:
                i += 1
            j = i
            while j < last and norm_starts[j + 1] <= end - 1:
                j += 1
            out.append((raw_starts[i] + start - norm_starts[i], raw_starts[j] + end - 1 - norm_starts[j] + 1))
        return out

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        """Raw (start, end) of a repaired-text span; ``end`` is exclusive."""
        if end <= start:
            s = self.to_raw(start)
            return s, s
        return self.to_raw(start), self.to_raw(end - 1) + 1


def _median_line_length(raw: str) -> int:
    lengths = sorted(len(line) for line in raw.splitlines() if line.strip())
    return lengths[len(lengths) // 2] if lengths else 0


def normalize(raw: str) -> NormText:
    """Rebuild running text from ``raw``; see the module docstring for the rules."""
    out: list[str] = []
    norm_starts: list[int] = []
    raw_starts: list[int] = []
    pos_norm = 0

    def copy(start: int, end: int) -> None:
        """Copy raw[start:end], collapsing runs of spaces; records map segments."""
        nonlocal pos_norm
        cursor = start
        for m in _SPACES.finditer(raw, start, end):
            emit(cursor, m.start())
            if m.group() != "\u00ad":
                replace(m.start(), " ")
            cursor = m.end()
        emit(cursor, end)

    def emit(start: int, end: int) -> None:
        nonlocal pos_norm
        if end <= start:
            return
        norm_starts.append(pos_norm)
        raw_starts.append(start)
        out.append(raw[start:end])
        pos_norm += end - start

    def replace(raw_at: int, text: str) -> None:
        nonlocal pos_norm
        norm_starts.append(pos_norm)
        raw_starts.append(raw_at)
        out.append(text)
        pos_norm += len(text)

    # Leading and trailing whitespace carry no text.
    first = len(raw) - len(raw.lstrip())
    last = len(raw.rstrip())
    paragraph_style = _median_line_length(raw) >= _PARAGRAPH_STYLE_MEDIAN
    cursor = first
    para_start = first
    for m in _BREAK.finditer(raw, first, last):
        hyphen, gap = m.group(1), m.group(2)
        newlines = gap.count("\n")
        before_end = m.start()
        after = m.end()
        prev_char = raw[before_end - 1] if before_end > first else ""
        next_char = raw[after] if after < last else ""
        if hyphen and prev_char.isalpha() and next_char.isalpha():
            word = _WORD_AFTER.match(raw, after)
            follower = word.group().lower() if word else ""
            if follower in _SUSPENDED_HYPHEN_FOLLOWERS:
                copy(cursor, m.start() + 1)  # keep "Handels-" and a space
                replace(m.start() + 1, " ")
            elif next_char.isupper():
                copy(cursor, m.start() + 1)  # "US-\nPräsident" -> "US-Präsident"
            else:
                copy(cursor, m.start())  # "Wirt-\nschaft" -> "Wirtschaft"
            cursor = after
            continue
        copy(cursor, m.start(1) + len(hyphen))
        joiner = _joiner(raw, para_start, before_end, prev_char, next_char, newlines, paragraph_style)
        replace(m.start(2), joiner)
        cursor = after
        if newlines >= 2 or joiner == "\n":
            para_start = after
    copy(cursor, last)
    return NormText("".join(out), raw, tuple(norm_starts), tuple(raw_starts))


def _joiner(
    raw: str, para_start: int, para_end: int, prev_char: str, next_char: str, newlines: int, paragraph_style: bool
) -> str:
    """Decide whether a line break is a space or a sentence-ending paragraph break."""
    if prev_char in _TERMINAL:
        return "\n" if (newlines >= 2 or paragraph_style) else " "
    if next_char.islower() or next_char in ",;)":
        return " "
    if paragraph_style:
        return "\n"
    if newlines < 2:
        return " "
    paragraph = raw[para_start:para_end]
    words = paragraph.split()
    last_word = words[-1] if words else ""
    is_single_short_line = "\n" not in paragraph.strip() and len(paragraph.strip()) <= _HEADING_MAX_CHARS
    if is_single_short_line and "," not in paragraph and (not last_word[:1].islower() or len(words) <= 4):
        return "\n"  # a heading, a dateline, a date line
    if last_word[:1].islower() or prev_char in ",-–":
        return " "  # a sentence broken by a blank line in the middle
    return "\n"
