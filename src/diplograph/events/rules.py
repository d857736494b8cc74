"""What a language's ``[events]`` settings (``lang/*/lang.toml``) tell the event coder.

Word classes and cue words stand in for a parser: every other events module reads clauses
through these, so adding a language means editing data, not code.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from diplograph.lang import load

# Modality kinds by precedence: the first a clause has wins ("will not sign" is negated, not planned).
MODALITY_ORDER = ("negated", "desired", "possible", "planned")


@dataclass(frozen=True)
class EventRules:
    """One language's word classes and cue words, lower-cased, as the events modules read them."""

    clause_openers: frozenset[str]
    relative_pronouns: frozenset[str]
    group_connectors: frozenset[str]
    prepositions: frozenset[str]
    determiners: frozenset[str]
    passive_agents: frozenset[str]
    passive_auxiliaries: frozenset[str]
    joint_prepositions: frozenset[str]
    genitive_links: frozenset[str]
    material_nouns: tuple[str, ...]
    subject_nearest: bool
    pronouns: frozenset[str]
    verb_suffixes: tuple[str, ...]
    bare_clause_openers: frozenset[str]
    quote_open: tuple[str, ...]
    quote_close: tuple[str, ...]
    modality_before_trigger: bool
    clause_opener_suffixes: tuple[str, ...]
    infinitive_openers: frozenset[str]
    conjunctions: frozenset[str]
    cues: dict[str, frozenset[str]]
    negation_exceptions: tuple[tuple[str, ...], ...]
    attribution_before: tuple[tuple[str, ...], ...]
    speech_verbs: frozenset[str]
    speech_anaphors: frozenset[str]
    claim_adjuncts: frozenset[str]
    self_claims: tuple[tuple[str, ...], ...]
    report_nouns: frozenset[str]
    indefinite_perfect: frozenset[str]
    media_nouns: frozenset[str]
    place_prepositions: frozenset[str]
    # Connectors that join actors only with their partner word: "as" with "well" ("as well as").
    paired_connectors: dict[str, tuple[str, ...]]
    reciprocals: tuple[tuple[str, ...], ...]  # "each other", "sich gegenseitig"
    mediator_markers: tuple[tuple[str, ...], ...]  # "unter Vermittlung", "mediated by"
    feature_nouns: frozenset[str]  # "Sea" in "Sea of Japan", "Meer" in "Japanisches Meer"
    capitalised_nouns: bool  # German writes every noun with a capital: a cue for noun phrases
    plural_pronouns: frozenset[str]  # "they": never one person
    origin_prepositions: frozenset[str]  # "from", "aus": where a noun's referent comes from
    nominal_agents: frozenset[str]  # "durch", "by": the agent of a noun ("die Festnahme … durch China")
    agent_genitive: bool  # a name's genitive after a noun with a prepositional target is its agent
    subject_pronouns: frozenset[str]  # "It", "Er" opening a clause: the previous sentence's subject
    open_compounds: bool  # a bare name before a noun modifies it ("the Hamas attack"), not in German

    @property
    def clause_breakers(self) -> frozenset[str]:
        """Words at which a clause may end (see :func:`split_clauses`)."""
        return _clause_breakers(self.bare_clause_openers)


@cache
def _clause_breakers(bare_clause_openers: frozenset[str]) -> frozenset[str]:
    """Words at which a clause may end: punctuation, and openers that need no comma."""
    return frozenset({",", ";", "–", "—"}) | bare_clause_openers


@cache
def event_rules(lang: str) -> EventRules:
    """The rules of ``lang``, read once: every sentence of every document uses them."""
    cfg = load.settings_toml(lang).get("events", {})

    def words(key: str) -> frozenset[str]:
        return frozenset(w.lower() for w in cfg.get(key, []))

    def phrases(key: str) -> tuple[tuple[str, ...], ...]:
        return tuple(tuple(p.lower().split()) for p in cfg.get(key, []))

    return EventRules(
        clause_openers=words("clause_openers"),
        relative_pronouns=words("relative_pronouns"),
        group_connectors=words("group_connectors"),
        prepositions=words("prepositions"),
        determiners=words("determiners"),
        passive_agents=words("passive_agents"),
        passive_auxiliaries=words("passive_auxiliaries"),
        joint_prepositions=words("joint_prepositions"),
        genitive_links=words("genitive_links"),
        material_nouns=tuple(words("material_nouns")),
        subject_nearest=cfg.get("subject_position", "first") == "nearest",
        pronouns=words("pronouns"),
        verb_suffixes=tuple(words("verb_suffixes")),
        bare_clause_openers=words("bare_clause_openers"),
        quote_open=tuple(cfg.get("quote_open", [])),
        quote_close=tuple(cfg.get("quote_close", [])),
        modality_before_trigger=cfg.get("modality_scope", "clause") == "before",
        clause_opener_suffixes=tuple(cfg.get("clause_opener_suffixes", [])),
        infinitive_openers=words("infinitive_openers"),
        conjunctions=words("conjunctions"),
        cues={kind: words(kind) for kind in MODALITY_ORDER},
        negation_exceptions=phrases("negation_exceptions"),
        attribution_before=phrases("attribution_before"),
        speech_verbs=frozenset(w.lower() for phrase in cfg.get("speech_verbs", []) for w in phrase.split()[:1]),
        speech_anaphors=words("speech_anaphors"),
        claim_adjuncts=words("claim_adjuncts"),
        self_claims=phrases("self_claims"),
        report_nouns=words("report_nouns"),
        indefinite_perfect=words("indefinite_perfect"),
        media_nouns=words("media_nouns"),
        place_prepositions=words("place_prepositions"),
        paired_connectors={k.lower(): tuple(v.lower().split("|")) for k, v in cfg.get("paired_connectors", {}).items()},
        reciprocals=phrases("reciprocals"),
        mediator_markers=phrases("mediator_markers"),
        feature_nouns=words("feature_nouns"),
        capitalised_nouns=bool(cfg.get("capitalised_nouns", False)),
        open_compounds=bool(cfg.get("open_compounds", False)),
        subject_pronouns=words("subject_pronouns"),
        plural_pronouns=words("plural_pronouns"),
        nominal_agents=words("nominal_agents"),
        origin_prepositions=words("origin_prepositions"),
        agent_genitive=bool(cfg.get("agent_genitive", False)),
    )


@cache
def _first_words(phrases: tuple[tuple[str, ...], ...]) -> frozenset[str]:
    """First words of phrases, so most sentences are ruled out by one set test."""
    return frozenset(p[0] for p in phrases)


def has_word(words: list[str], start: int, end: int, vocabulary: frozenset[str]) -> bool:
    """Whether ``words[start:end]`` holds a word of ``vocabulary``."""
    return any(w in vocabulary for w in words[start:end])


def has_phrase(words: list[str], phrases: tuple[tuple[str, ...], ...]) -> bool:
    """Whether ``words`` contain one of the (lower-cased, tokenised) ``phrases``."""
    if not phrases or _first_words(phrases).isdisjoint(words):
        return False
    return any(
        tuple(words[i : i + len(phrase)]) == phrase
        for phrase in phrases
        for i in range(len(words) - len(phrase) + 1)
        if words[i] == phrase[0]
    )
