"""Event triggers of a language (``lang/*/triggers.tsv``) compiled for fast matching.

A pattern is a sequence of elements (words or ``stem*``) found in order within a clause.
Elements are indexed by their first letters so a clause only tries the triggers whose first
element can match one of its tokens.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

from diplograph.events.plover import DEFAULT_CAMEO, TYPES, cameo_codes
from diplograph.lang import load

MAX_GAP = 8  # German separable verbs put their particle at the clause end
FLAGS = frozenset({"noun", "complement", "reverse"})
_MEMO_LIMIT = 200_000


@dataclass(frozen=True, slots=True)
class Element:
    text: str  # lower case
    prefix: bool
    clause_final: bool = False  # "~ein": a separable particle, anywhere later in the clause

    def matches(self, word: str) -> bool:
        return word.startswith(self.text) if self.prefix else word == self.text


@dataclass(frozen=True, slots=True)
class Trigger:
    pattern: str
    elements: tuple[Element, ...]
    type: str
    mode: str | None
    target_preps: frozenset[str]
    symmetric: bool
    cameo: str
    flags: frozenset[str]
    line: int
    required: frozenset[str] = frozenset()  # whole-word elements after the first


@dataclass(frozen=True, slots=True)
class TriggerMatch:
    trigger: Trigger
    positions: tuple[int, ...]  # token index of each element

    @property
    def first(self) -> int:
        return self.positions[0]

    @property
    def last(self) -> int:
        return self.positions[-1]


@dataclass(frozen=True, eq=False)
class TriggerLexicon:
    lang: str
    triggers: tuple[Trigger, ...]
    by_key: dict[str, tuple[Trigger, ...]]  # first three letters of the first element
    # Memo: word -> triggers whose first element it matches. Words repeat (Zipf), so most
    # lookups are one dict access; bounded so a huge vocabulary cannot grow it without end.
    _starting: dict[str, tuple[Trigger, ...]] = field(default_factory=dict, repr=False)

    def starting_with(self, word: str) -> tuple[Trigger, ...]:
        found = self._starting.get(word)
        if found is None:
            found = tuple(t for t in self.by_key.get(word[:3], ()) if t.elements[0].matches(word))
            if len(self._starting) >= _MEMO_LIMIT:
                self._starting.clear()
            self._starting[word] = found
        return found

    def find(self, words: list[str], start: int, end: int) -> list[TriggerMatch]:
        """All matches inside ``words[start:end]`` (lower-cased tokens of one clause)."""
        found = []
        present: set[str] | None = None
        for i in range(start, end):
            for trigger in self.starting_with(words[i]):
                if len(trigger.elements) == 1:
                    found.append(TriggerMatch(trigger, (i,)))
                    continue
                if trigger.required:  # whole words the rest needs: a set lookup rules most out
                    if present is None:
                        present = set(words[start:end])
                    if not trigger.required <= present:
                        continue
                positions = _rest(trigger.elements, words, i, end)
                if positions is not None:
                    found.append(TriggerMatch(trigger, positions))
        return found


def _rest(elements: tuple[Element, ...], words: list[str], first: int, end: int) -> tuple[int, ...] | None:
    positions = [first]
    cursor = first
    for element in elements[1:]:
        limit = end if element.clause_final else min(end, cursor + MAX_GAP + 2)
        for j in range(cursor + 1, limit):
            if element.matches(words[j]):
                positions.append(j)
                cursor = j
                break
        else:
            return None
    return tuple(positions)


def _element(raw: str) -> Element:
    return Element(raw.lstrip("~").rstrip("*").lower(), raw.endswith("*"), raw.startswith("~"))


@cache
def trigger_lexicon(lang: str) -> TriggerLexicon:
    codes = cameo_codes()
    triggers = []
    seen: set[str] = set()
    for row in load.read_tsv(load.lang_file(lang, "triggers.tsv"), required=("pattern", "type", "cameo")):
        pattern = " ".join(row["pattern"].split())
        if not pattern or pattern in seen:
            continue
        seen.add(pattern)
        if row["type"] not in TYPES:
            raise row.error(f"unknown PLOVER type {row['type']!r}")
        cameo = row.get("cameo") or DEFAULT_CAMEO[row["type"]]
        if cameo not in codes:
            raise row.error(f"unknown CAMEO code {cameo!r} (not in events/data/cameo.tsv)")
        flags = frozenset(f for f in row.get("flags").split("|") if f)
        if flags - FLAGS:
            raise row.error(f"unknown flag(s) {', '.join(sorted(flags - FLAGS))}")
        elements = tuple(_element(part) for part in pattern.split() if part.strip("*~"))
        if elements[0].clause_final:
            raise row.error("the first element cannot be a clause-final particle (~)")
        if len(elements[0].text) < 3 and elements[0].prefix:
            raise row.error(f"stem {pattern.split()[0]!r} is too short to be useful")
        triggers.append(
            Trigger(
                pattern=pattern,
                elements=elements,
                type=row["type"],
                mode=row.get("mode") or None,
                target_preps=frozenset(p.lower() for p in row.get("target_preps").split("|") if p),
                symmetric=row.get("symmetric") == "1",
                cameo=cameo,
                flags=flags,
                line=row.line,
                required=frozenset(e.text for e in elements[1:] if not e.prefix),
            )
        )
    by_key: dict[str, list[Trigger]] = {}
    for trigger in triggers:
        by_key.setdefault(trigger.elements[0].text[:3], []).append(trigger)
    return TriggerLexicon(lang, tuple(triggers), {k: tuple(v) for k, v in by_key.items()})
