"""Event triggers: the lemma lexicon of a language (``lang/*/lexicon/*.tsv``) compiled for matching.

An entry names lemmas, not inflected strings: ``angreifen`` matches "greift … an", "griff …
an", "angegriffen", "anzugreifen"; ``strike`` matches "struck", "strikes", "striking". Words
are reduced to their lemma by :mod:`diplograph.text.lemmas`, and an element matches a word
whose lemma or lower-case form it is. Three rules carry what a list of forms cannot:

- **Several elements** ("Sanktion verhängen", "impose sanction", "Kraft treten") must all
  occur within one clause, within ``MAX_GAP`` tokens of the first, in either order: German
  word order puts the verb before or after its noun ("verhängte Sanktionen" / "Sanktionen
  verhängt"), an English passive too ("sanctions imposed").
- **Separable verbs** listed joined ("zurückziehen") also match split, with the particle as
  the clause's last word ("zog seine Truppen zurück"); the particles are listed per language
  (``[lemmas] separable_particles``).
- **Compound heads**: where ``[lemmas] compound_heads`` is on (German), a noun whose lemma ends
  in a listed noun reads as that noun ("Raketenangriffe" → Angriff, "Militärhilfe" → Hilfe),
  unless the entry is flagged ``nohead``.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path

from diplograph.events.plover import DEFAULT_CAMEO, TYPES, cameo_codes
from diplograph.lang import load
from diplograph.lang.cache import compiled
from diplograph.text.lemmas import Lemmatizer, lemmatizer

MAX_GAP = 8
FLAGS = frozenset({"noun", "complement", "reverse", "nohead"})
POS = frozenset({"verb", "noun"})
_MIN_HEAD = 4  # letters of a compound head ("Hilfe"), and of what comes before it ("Luft-")
_MEMO_LIMIT = 200_000
_LEXICON_COLUMNS = ("lemma", "pos", "type", "cameo")


@dataclass(frozen=True, slots=True)
class Element:
    text: str  # a lemma or a lower-case word form
    clause_final: bool = False  # "~zurück": a separable particle, the clause's last word

    def matches(self, word: str, lemma: str) -> bool:
        return word == self.text or lemma == self.text


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
    file: str = ""


@dataclass(frozen=True, slots=True)
class TriggerMatch:
    trigger: Trigger
    positions: tuple[int, ...]  # token index of each element, ascending
    anchor: int = -1  # token index of the entry's first element (the verb of "withdraw troops")

    @property
    def head(self) -> int:
        """Where the entry's first element stands: "troops were withdrawn" is headed by its verb."""
        return self.anchor if self.anchor >= 0 else self.positions[0]

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
    by_element: dict[str, tuple[Trigger, ...]]  # first element -> triggers
    heads: dict[str, tuple[Trigger, ...]]  # noun lemma -> single-element noun triggers it heads
    lemma: Lemmatizer
    compound_heads: bool
    # Memo: word -> triggers its lemma, form or compound head starts. Words repeat (Zipf).
    _starting: dict[str, tuple[Trigger, ...]] = field(default_factory=dict, repr=False)

    def starting_with(self, word: str) -> tuple[Trigger, ...]:
        found = self._starting.get(word)
        if found is None:
            found = self._lookup(word)
            if len(self._starting) >= _MEMO_LIMIT:
                self._starting.clear()
            self._starting[word] = found
        return found

    def _lookup(self, word: str) -> tuple[Trigger, ...]:
        lemma = self.lemma(word)
        found = self.by_element.get(word, ())
        if lemma != word:
            found = found + tuple(t for t in self.by_element.get(lemma, ()) if t not in found)
        if not found and "-" in word.strip("-"):
            # "US-brokered", "US-vermittelte": a participle joined to its agent by a hyphen.
            tail = word.rsplit("-", 1)[1]
            verbs = (*self.by_element.get(tail, ()), *self.by_element.get(self.lemma(tail), ()))
            found = tuple(dict.fromkeys(t for t in verbs if len(t.elements) == 1 and "noun" not in t.flags))
            if found:
                return found
        if not self.compound_heads or len(word) < 2 * _MIN_HEAD - 1:
            return found
        for k in range(_MIN_HEAD - 1, len(word) - _MIN_HEAD + 1):
            head = self.heads.get(self.lemma(word[k:]))
            if head:  # the longest head: "Vergeltungsangriffe" -> Angriff
                return found + tuple(t for t in head if t not in found)
        return found

    def find(self, words: list[str], start: int, end: int) -> list[TriggerMatch]:
        """All matches inside ``words[start:end]`` (lower-cased tokens of one clause)."""
        found = []
        lemmas: list[str] | None = None
        for i in range(start, end):
            for trigger in self.starting_with(words[i]):
                if len(trigger.elements) == 1:
                    found.append(TriggerMatch(trigger, (i,)))
                    continue
                if lemmas is None:
                    lemmas = [self.lemma(w) if start <= k < end else "" for k, w in enumerate(words)]
                positions = _rest(trigger.elements, words, lemmas, i, start, end)
                if positions is not None:
                    found.append(TriggerMatch(trigger, positions, i))
        return found


def _rest(
    elements: tuple[Element, ...], words: list[str], lemmas: list[str], anchor: int, start: int, end: int
) -> tuple[int, ...] | None:
    """Positions of the other elements: near the anchor in either order, a particle last."""
    positions = [anchor]
    for element in elements[1:]:
        if element.clause_final:
            j = _clause_final(words, anchor, end)
            if j is None or not element.matches(words[j], lemmas[j]):
                return None
            positions.append(j)
            continue
        window = range(max(start, anchor - MAX_GAP - 1), min(end, anchor + MAX_GAP + 2))
        j = next((j for j in window if j not in positions and element.matches(words[j], lemmas[j])), None)
        if j is None:
            return None
        positions.append(j)
    return tuple(sorted(positions))


def _clause_final(words: list[str], anchor: int, end: int) -> int | None:
    """The clause's last word after the anchor (a separable particle stands there)."""
    for j in range(end - 1, anchor, -1):
        if words[j][:1].isalpha():
            return j
    return None


def _element(raw: str) -> Element:
    return Element(raw.lstrip("~").lower(), raw.startswith("~"))


def lexicon_elements(lang: str) -> frozenset[str]:
    """The words whose forms ``scripts/build_lemmas.py`` compiles: every element the rows write,
    and the stems of split separable verbs (not the particles the split adds: they do not inflect)."""
    triggers = _read_triggers(lang)
    return frozenset(e.text for t in triggers for e in t.elements if not e.clause_final or "~" in t.pattern)


def lexicon_files(lang: str) -> list[Path]:
    """The lexicon files of a language, in name order (the earlier file wins a duplicate)."""
    folder = load.lang_file(lang, "lexicon")
    return sorted(folder.glob("*.tsv")) if folder.is_dir() else []


@cache
def trigger_lexicon(lang: str) -> TriggerLexicon:
    """The lexicon of ``lang``, compiled once and kept on disk between runs (:mod:`diplograph.lang.cache`)."""
    compound_heads = bool(load.settings_toml(lang).get("lemmas", {}).get("compound_heads", False))
    return compiled(f"triggers-{lang}", lambda: _compile(lang, _read_triggers(lang), compound_heads))


def _read_triggers(lang: str) -> list[Trigger]:
    """The lexicon's rows as triggers, each separable verb followed by its split form."""
    codes = cameo_codes()
    settings = load.settings_toml(lang).get("lemmas", {})
    particles = tuple(sorted((p.lower() for p in settings.get("separable_particles", [])), key=len, reverse=True))
    triggers: list[Trigger] = []
    seen: set[tuple[str, str]] = set()
    for path in lexicon_files(lang):
        for row in load.read_tsv(path, required=_LEXICON_COLUMNS):
            lemma = " ".join(row["lemma"].split())
            pos = row["pos"]
            if not lemma or (lemma.lower(), pos) in seen:
                continue
            seen.add((lemma.lower(), pos))
            trigger = _trigger(row, lemma, pos, codes, path.name)
            triggers.append(trigger)
            split = _separated(trigger, particles)
            if split is not None:
                triggers.append(split)
    return triggers


def _trigger(row: load.Row, lemma: str, pos: str, codes: frozenset[str], file: str) -> Trigger:
    if pos not in POS:
        raise row.error(f"unknown part of speech {pos!r} (verb or noun)")
    if row["type"] not in TYPES:
        raise row.error(f"unknown PLOVER type {row['type']!r}")
    cameo = row.get("cameo") or DEFAULT_CAMEO[row["type"]]
    if cameo not in codes:
        raise row.error(f"unknown CAMEO code {cameo!r} (not in events/data/cameo.tsv)")
    flags = frozenset(f for f in row.get("flags").split("|") if f)
    if flags - FLAGS:
        raise row.error(f"unknown flag(s) {', '.join(sorted(flags - FLAGS))}")
    if pos == "noun":
        flags |= {"noun"}
    elements = tuple(_element(part) for part in lemma.split() if part.strip("~"))
    if elements[0].clause_final:
        raise row.error("the first element cannot be a clause-final particle (~)")
    if len(elements[0].text) < 2:
        raise row.error(f"element {elements[0].text!r} is too short to be useful")
    return Trigger(
        pattern=lemma,
        elements=elements,
        type=row["type"],
        mode=row.get("mode") or None,
        target_preps=frozenset(p.lower() for p in row.get("target_preps").split("|") if p),
        symmetric=row.get("symmetric") == "1",
        cameo=cameo,
        flags=flags,
        line=row.line,
        file=file,
    )


def _separated(trigger: Trigger, particles: tuple[str, ...]) -> Trigger | None:
    """The split form of a separable verb: "zurückziehen" -> "ziehen … ~zurück"."""
    if "noun" in trigger.flags or len(trigger.elements) != 1:
        return None
    text = trigger.elements[0].text
    particle = next((p for p in particles if text.startswith(p) and len(text) - len(p) >= 4), None)
    if particle is None:
        return None
    return replace(trigger, elements=(Element(text[len(particle) :]), Element(particle, clause_final=True)))


def _compile(lang: str, triggers: list[Trigger], compound_heads: bool) -> TriggerLexicon:
    by_element: dict[str, list[Trigger]] = {}
    heads: dict[str, list[Trigger]] = {}
    lemma = lemmatizer(lang)
    for trigger in triggers:
        by_element.setdefault(trigger.elements[0].text, []).append(trigger)
        single_noun = "noun" in trigger.flags and len(trigger.elements) == 1
        if single_noun and "nohead" not in trigger.flags and len(trigger.elements[0].text) >= _MIN_HEAD:
            # Keyed by the noun and by its lower-case form's lemma ("angriff" -> angreifen), which
            # is what the end of "raketenangriffe" reduces to.
            for key in dict.fromkeys((trigger.elements[0].text, lemma(trigger.elements[0].text))):
                heads.setdefault(key, []).append(trigger)
    return TriggerLexicon(
        lang=lang,
        triggers=tuple(triggers),
        by_element={k: tuple(v) for k, v in by_element.items()},
        heads={k: tuple(v) for k, v in heads.items()},
        lemma=lemma,
        compound_heads=compound_heads,
    )


def best_matches(matches: list[TriggerMatch]) -> list[TriggerMatch]:
    """Non-overlapping matches, longest and most specific first, then in text order. A
    construction whose words enclose a whole other construction is two readings run together
    ("called on Ethiopia to pull its troops back" is no "back call"): it gives way."""
    nested = [m for m in matches if len(m.positions) > 1]
    matches = [
        m for m in matches
        if len(m.positions) < 2
        or not any(o is not m and m.first < o.first and o.last < m.last and not set(o.positions) & set(m.positions)
                   for o in nested)
    ]  # fmt: skip
    ranked = sorted(matches, key=lambda m: (-(m.last - m.first + 1) - 2 * len(m.positions), m.first))
    taken: set[int] = set()
    kept = []
    for match in ranked:
        if any(p in taken for p in match.positions):
            continue
        kept.append(match)
        taken.update(match.positions)
    return sorted(kept, key=lambda m: m.first)
