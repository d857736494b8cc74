"""Synthetic German/English news corpus with ground truth, for the store, query, scaling and robustness benchmarks.

    python benchmarks/corpus_generator.py --docs 10000 --out DIR [--seed 1] [--format jsonl|txt]
                                          [--junk 0.05] [--huge-mb 50] [--lang de,en]

Why synthetic: benchmarks need tens of thousands of documents whose events are known exactly, and no
news text may be copied. A simulated "world" of state-to-state events (PLOVER types, skewed dyads, two
blocs that cooperate inside and clash across) is reported by many documents from different outlets,
each written from our own templates (active/passive, prepositional frames, attribution, absolute and
relative dates, metonyms, leaders by role) plus filler sentences without events. Optional junk (empty,
binary, Latin-1, one huge file, malformed JSON, other languages) exercises the readers' robustness.

Everything is deterministic for a given seed, written by streaming (only the world is held in memory),
and independent of the ``diplograph`` package on purpose: the corpus must not share the coder's lexicon.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import re
import sys
import time
from bisect import bisect_right
from collections import Counter, deque
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import accumulate
from pathlib import Path
from typing import Any

PLOVER_TYPES: tuple[str, ...] = (
    "CONSULT", "AGREE", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)  # fmt: skip
MODALITIES: tuple[str, ...] = ("actual", "planned", "desired", "negated")
MODALITY_WEIGHTS: tuple[float, ...] = (0.82, 0.07, 0.05, 0.06)
JUNK_KINDS_JSONL: tuple[str, ...] = ("empty", "binary", "latin1", "malformed", "foreign")
JUNK_KINDS_TXT: tuple[str, ...] = ("empty", "binary", "latin1", "malformed_meta", "foreign")
DEFAULT_START = dt.date(2023, 1, 1)
DEFAULT_END = dt.date(2025, 12, 31)

# ---------------------------------------------------------------------------------------------
# States. One row per state: code | camp (W, B or N = non-aligned) | activity weight |
# German name (one form, or nom;acc;dat;gen when it takes an article) | German plural (0/1) |
# German adjective stem | German capital | German leader role | English name | English adjective |
# English capital | English leader role | capital usable as a metonym (0/1).
# Names without article decline only in the genitive (+s, or "von X" after a sibilant).
# ---------------------------------------------------------------------------------------------
# Long rows continue on an indented line.
_STATE_ROWS = """
RUS|B|9|Russland|0|russisch|Moskau|Präsident|Russia|Russian|Moscow|president|1
UKR|W|7|die Ukraine;die Ukraine;der Ukraine;der Ukraine|0|ukrainisch|Kiew|Präsident|Ukraine|Ukrainian|Kyiv|president|1
USA|W|10|die USA;die USA;den USA;der USA|1|amerikanisch|Washington|Präsident|
    the United States|US|Washington|president|1
CHN|B|7|China|0|chinesisch|Peking|Präsident|China|Chinese|Beijing|president|1
IRN|B|6|der Iran;den Iran;dem Iran;des Iran|0|iranisch|Teheran|Präsident|Iran|Iranian|Tehran|president|1
ISR|W|6|Israel|0|israelisch|Jerusalem|Ministerpräsident|Israel|Israeli|Jerusalem|prime minister|1
PRK|B|3|Nordkorea|0|nordkoreanisch|Pjöngjang|Machthaber|North Korea|North Korean|Pyongyang|leader|1
DEU|W|5|Deutschland|0|deutsch|Berlin|Bundeskanzler|Germany|German|Berlin|chancellor|1
FRA|W|4|Frankreich|0|französisch|Paris|Präsident|France|French|Paris|president|1
GBR|W|4|Großbritannien|0|britisch|London|Premierminister|Britain|British|London|prime minister|1
POL|W|3|Polen|0|polnisch|Warschau|Ministerpräsident|Poland|Polish|Warsaw|prime minister|1
ITA|W|2|Italien|0|italienisch|Rom|Regierungschef|Italy|Italian|Rome|prime minister|1
JPN|W|3|Japan|0|japanisch|Tokio|Regierungschef|Japan|Japanese|Tokyo|prime minister|1
KOR|W|3|Südkorea|0|südkoreanisch|Seoul|Präsident|South Korea|South Korean|Seoul|president|1
CAN|W|2|Kanada|0|kanadisch|Ottawa|Premierminister|Canada|Canadian|Ottawa|prime minister|1
AUS|W|2|Australien|0|australisch|Canberra|Premierminister|Australia|Australian|Canberra|prime minister|1
NLD|W|2|die Niederlande;die Niederlande;den Niederlanden;der Niederlande|1|niederländisch|Amsterdam|Regierungschef|
    the Netherlands|Dutch|Amsterdam|prime minister|0
TWN|W|2|Taiwan|0|taiwanisch|Taipeh|Präsident|Taiwan|Taiwanese|Taipei|president|1
HUN|W|2|Ungarn|0|ungarisch|Budapest|Ministerpräsident|Hungary|Hungarian|Budapest|prime minister|1
BLR|B|2|Belarus|0|belarussisch|Minsk|Machthaber|Belarus|Belarusian|Minsk|president|1
VEN|B|2|Venezuela|0|venezolanisch|Caracas|Präsident|Venezuela|Venezuelan|Caracas|president|1
CUB|B|1|Kuba|0|kubanisch|Havanna|Präsident|Cuba|Cuban|Havana|president|1
YEM|B|2|der Jemen;den Jemen;dem Jemen;des Jemen|0|jemenitisch|Sanaa|Machthaber|Yemen|Yemeni|Sanaa|leader|1
SYR|N|3|Syrien|0|syrisch|Damaskus|Präsident|Syria|Syrian|Damascus|president|1
TUR|N|4|die Türkei;die Türkei;der Türkei;der Türkei|0|türkisch|Ankara|Präsident|Turkey|Turkish|Ankara|president|1
IND|N|3|Indien|0|indisch|Neu-Delhi|Premierminister|India|Indian|New Delhi|prime minister|1
BRA|N|2|Brasilien|0|brasilianisch|Brasília|Präsident|Brazil|Brazilian|Brasília|president|1
SAU|N|3|Saudi-Arabien|0|saudi-arabisch|Riad|Kronprinz|Saudi Arabia|Saudi|Riyadh|crown prince|1
EGY|N|2|Ägypten|0|ägyptisch|Kairo|Präsident|Egypt|Egyptian|Cairo|president|1
QAT|N|2|Katar|0|katarisch|Doha|Emir|Qatar|Qatari|Doha|emir|1
ARE|N|2|die Vereinigten Arabischen Emirate;die Vereinigten Arabischen Emirate;
    den Vereinigten Arabischen Emiraten;der Vereinigten Arabischen Emirate|1|emiratisch|Abu Dhabi|Präsident|
    the United Arab Emirates|Emirati|Abu Dhabi|president|1
ZAF|N|1|Südafrika|0|südafrikanisch|Pretoria|Präsident|South Africa|South African|Pretoria|president|1
PAK|N|2|Pakistan|0|pakistanisch|Islamabad|Premierminister|Pakistan|Pakistani|Islamabad|prime minister|1
SRB|N|1|Serbien|0|serbisch|Belgrad|Präsident|Serbia|Serbian|Belgrade|president|1
AZE|N|2|Aserbaidschan|0|aserbaidschanisch|Baku|Präsident|Azerbaijan|Azerbaijani|Baku|president|1
ARM|N|2|Armenien|0|armenisch|Eriwan|Regierungschef|Armenia|Armenian|Yerevan|prime minister|1
LBN|N|2|der Libanon;den Libanon;dem Libanon;des Libanon|0|libanesisch|Beirut|Regierungschef|
    Lebanon|Lebanese|Beirut|prime minister|1
IRQ|N|2|der Irak;den Irak;dem Irak;des Irak|0|irakisch|Bagdad|Regierungschef|Iraq|Iraqi|Baghdad|prime minister|1
AFG|N|1|Afghanistan|0|afghanisch|Kabul|Machthaber|Afghanistan|Afghan|Kabul|leader|1
CHE|N|1|die Schweiz;die Schweiz;der Schweiz;der Schweiz|0|schweizerisch|Bern|Bundespräsident|
    Switzerland|Swiss|Bern|president|1
"""

# German role nouns: nominative, accusative/dative (weak nouns take -en), genitive.
_DE_ROLES: dict[str, tuple[str, str, str]] = {
    "Präsident": ("Präsident", "Präsidenten", "Präsidenten"),
    "Bundespräsident": ("Bundespräsident", "Bundespräsidenten", "Bundespräsidenten"),
    "Ministerpräsident": ("Ministerpräsident", "Ministerpräsidenten", "Ministerpräsidenten"),
    "Premierminister": ("Premierminister", "Premierminister", "Premierministers"),
    "Bundeskanzler": ("Bundeskanzler", "Bundeskanzler", "Bundeskanzlers"),
    "Regierungschef": ("Regierungschef", "Regierungschef", "Regierungschefs"),
    "Machthaber": ("Machthaber", "Machthaber", "Machthabers"),
    "Kronprinz": ("Kronprinz", "Kronprinzen", "Kronprinzen"),
    "Emir": ("Emir", "Emir", "Emirs"),
    "Außenminister": ("Außenminister", "Außenminister", "Außenministers"),
}
_CASES = ("nom", "acc", "dat", "gen")


def _de_genitive(name: str) -> str:
    """German genitive of a bare proper name: Russlands, but "von Belarus" after a sibilant."""
    return f"von {name}" if name[-1] in "sßxz" else f"{name}s"


@dataclass(frozen=True)
class State:
    """One state with the written forms the templates need in both languages."""

    code: str
    camp: str
    weight: float
    de_forms: tuple[str, str, str, str]  # nom, acc, dat, gen (with article where German needs one)
    de_plural: bool
    de_adj: str  # stem: "russisch" -> "russische", "russischen"
    de_cap: str
    de_role: str
    en_name: str
    en_adj: str
    en_cap: str
    en_role: str
    metonym: bool

    @property
    def de_bare(self) -> bool:
        """True when the German name takes no article (Russland, not die Ukraine)."""
        return self.de_forms[0] == self.de_forms[2]

    def de_cap_gen(self) -> str:
        """Genitive of the capital: Moskaus, but "von Damaskus"."""
        return _de_genitive(self.de_cap)

    def en_poss(self) -> str:
        """English possessive of the name: Russia's, the United States'."""
        return _en_poss(self.en_name)


def _en_poss(phrase: str) -> str:
    """English possessive: add 's, or only ' after a final s."""
    return f"{phrase}'" if phrase.endswith("s") else f"{phrase}'s"


def _parse_states(rows: str) -> dict[str, State]:
    """Read the state table above; fails loudly on a malformed row so a typo cannot slip through."""
    states: dict[str, State] = {}
    lines: list[str] = []
    for raw in rows.strip().splitlines():
        if raw[:1].isspace():  # continuation of a long row
            lines[-1] += raw.strip()
        else:
            lines.append(raw)
    for line in lines:
        cols = line.split("|")
        if len(cols) != 13:
            raise ValueError(f"state row needs 13 columns: {line!r}")
        code, camp, weight, de_name, de_pl, de_adj, de_cap, de_role, en_name, en_adj, en_cap, en_role, meto = cols
        parts = de_name.split(";")
        forms = (parts[0], parts[0], parts[0], _de_genitive(parts[0])) if len(parts) == 1 else tuple(parts)
        if len(forms) != 4 or de_role not in _DE_ROLES:
            raise ValueError(f"bad German forms in {line!r}")
        states[code] = State(
            code, camp, float(weight), forms, de_pl == "1", de_adj, de_cap, de_role,  # type: ignore[arg-type]
            en_name, en_adj, en_cap, en_role, meto == "1",
        )  # fmt: skip
    return states


STATES: dict[str, State] = _parse_states(_STATE_ROWS)
_STATE_LIST: list[State] = list(STATES.values())

# Dyads that dominate the news, with a weight (directed: source first).
HOT_DYADS: tuple[tuple[str, str, float], ...] = (
    ("RUS", "UKR", 30), ("UKR", "RUS", 18), ("ISR", "IRN", 12), ("IRN", "ISR", 10),
    ("USA", "CHN", 10), ("CHN", "USA", 8), ("RUS", "IRN", 8), ("IRN", "RUS", 7),
    ("PRK", "RUS", 7), ("RUS", "PRK", 6), ("USA", "UKR", 7), ("DEU", "UKR", 4),
    ("USA", "IRN", 5), ("USA", "RUS", 6), ("ISR", "LBN", 4), ("CHN", "TWN", 4),
    ("CHN", "RUS", 4), ("RUS", "CHN", 4), ("USA", "ISR", 4), ("AZE", "ARM", 2),
    ("IND", "PAK", 2), ("SAU", "YEM", 2), ("USA", "PRK", 2), ("KOR", "PRK", 2),
    ("FRA", "UKR", 2), ("GBR", "UKR", 2), ("IRN", "YEM", 2), ("TUR", "SYR", 2),
)  # fmt: skip
HOT_SHARE = 0.5
# Pairs at war (either direction): the only ones that get ASSAULT events.
_WAR_PAIRS = "RUS-UKR ISR-IRN ISR-LBN ISR-SYR ISR-YEM USA-YEM SAU-YEM AZE-ARM IND-PAK PAK-AFG TUR-SYR USA-IRN"
WAR_DYADS: frozenset[frozenset[str]] = frozenset(frozenset(pair.split("-")) for pair in _WAR_PAIRS.split(" "))
COOP_TYPE_WEIGHTS: dict[str, float] = {
    "CONSULT": 25, "AGREE": 15, "SUPPORT": 15, "COOPERATE": 15, "AID": 15, "CONCEDE": 3, "RETREAT": 2, "REQUEST": 10,
}  # fmt: skip
CONFLICT_TYPE_WEIGHTS: dict[str, float] = {
    "ACCUSE": 18, "REJECT": 10, "THREATEN": 12, "PROTEST": 6, "SANCTION": 14, "MOBILIZE": 8, "COERCE": 8,
    "ASSAULT": 14, "REQUEST": 5, "CONSULT": 3, "RETREAT": 2, "CONCEDE": 1,
}  # fmt: skip

OUTLETS: dict[str, tuple[str, ...]] = {
    "de": ("dpa", "AFP", "Reuters", "Der Spiegel", "Krone", "Süddeutsche Zeitung", "FAZ", "Die Zeit", "ORF",
           "NZZ", "Deutsche Welle", "Tagesspiegel"),
    "en": ("Reuters", "AFP", "AP", "BBC", "Tass", "Tasnim", "Newsday", "The Guardian", "Al Jazeera", "Xinhua",
           "Yonhap", "Times of Israel", "Kyiv Independent"),
}  # fmt: skip
AGENCIES: tuple[str, ...] = ("Reuters", "AFP", "AP", "dpa", "Tass", "Tasnim", "Xinhua", "Yonhap", "Anadolu", "IRNA")

# ---------------------------------------------------------------------------------------------
# Templates. Slots: {S} / {T} source and target, optionally with a case (_acc, _dat, _gen; English
# _poss) and an actor group (/p person, /m military, /n name only, /s state: name, government or
# capital). {v:sg|pl} agrees with the source, {vt:sg|pl} with the target. {d} is an optional date
# ("am Freitag", may be empty), {D} a required, capitalised one at the start; {att} an inline German
# attribution ("laut Reuters", may be empty). {Scap}/{Tcap} capitals as places, {Sadj_e}, {Tadj_en}
# German adjective endings, {Tadj}/{a_Tadj} English adjectives, {num}, {mio}, {fut} fillers.
# ---------------------------------------------------------------------------------------------
DE_TEMPLATES: dict[str, tuple[str, ...]] = {
    "CONSULT": (
        "{S/p} {v:traf|trafen} sich {d} {att} mit {T_dat/p}.",
        "{S/p} und {T/p} kamen {d} zu Gesprächen zusammen.",
        "{S/p} {v:empfing|empfingen} {d} {T_acc/p} zu Gesprächen in {Scap}.",
        "{D} {v:führte|führten} {S} {att} Gespräche mit {T_dat}.",
        "{S/p} {v:telefonierte|telefonierten} {d} mit {T_dat/p}.",
        "{S/p} {v:reiste|reisten} {d} zu Gesprächen nach {Tcap}.",
    ),
    "AGREE": (
        "{S} {v:einigte|einigten} sich {d} {att} mit {T_dat} auf eine gemeinsame Erklärung.",
        "{S/s} und {T/s} verständigten sich {d} auf einen Fahrplan für weitere Verhandlungen.",
        "{S} {v:hat|haben} {T_dat} {d} Unterstützung zugesagt.",
        "{S} {v:erklärte|erklärten} sich {d} bereit, mit {T_dat} über eine Waffenruhe zu verhandeln.",
        "{D} {v:bot|boten} {S} {T_dat} neue Gespräche an.",
    ),
    "SUPPORT": (
        "{S/s} und {T/s} unterzeichneten {d} ein Abkommen über eine strategische Partnerschaft.",
        "{S} {v:unterzeichnete|unterzeichneten} {d} {att} ein Kooperationsabkommen mit {T_dat}.",
        "{S} {v:stellte|stellten} sich {d} demonstrativ hinter {T_acc}.",
        "{S} {v:hat|haben} {d} die Haltung {T_gen} ausdrücklich begrüßt.",
        "{S} {v:lobte|lobten} {d} die besonnene Politik {T_gen}.",
    ),
    "CONCEDE": (
        "{S} {v:lockerte|lockerten} {d} {att} die Sanktionen gegen {T_acc}.",
        "{S} {v:hob|hoben} {d} die Einreisebeschränkungen für Diplomaten {T_gen} auf.",
        "{S} {v:machte|machten} {T_dat} {d} weitreichende Zugeständnisse.",
        "{S/p} {v:entschuldigte|entschuldigten} sich {d} bei {T_dat} für den Vorfall.",
        "Im Streit mit {T_dat} {v:lenkte|lenkten} {S} {d} ein.",
    ),
    "COOPERATE": (
        "{S/s} und {T/s} begannen {d} ein gemeinsames Militärmanöver.",
        "{S} {v:baute|bauten} {d} {att} die wirtschaftliche Zusammenarbeit mit {T_dat} aus.",
        "{S} {v:arbeitete|arbeiteten} {d} bei der Grenzsicherung eng mit {T_dat} zusammen.",
        "Marineeinheiten aus {S_dat/n} und {T_dat/n} hielten {d} eine gemeinsame Übung ab.",
        "{S} {v:tauschte|tauschten} {d} Geheimdienstinformationen mit {T_dat} aus.",
    ),
    "AID": (
        "{S} {v:lieferte|lieferten} {d} {att} weitere Drohnen an {T_acc}.",
        "{T} {vt:erhielt|erhielten} {d} ein neues Militärhilfepaket von {S_dat}.",
        "{S} {v:schickte|schickten} {d} humanitäre Hilfsgüter nach {Tcap}.",
        "{T} {vt:wurde|wurden} {d} von {S_dat} mit Munition beliefert.",
        "{S} {v:stellte|stellten} {T_dat} {d} Finanzhilfen in Höhe von {mio} Millionen Euro bereit.",
    ),
    "RETREAT": (
        "{S} {v:zog|zogen} {d} {att} Truppen aus dem Grenzgebiet zu {T_dat/n} ab.",
        "{S/s} und {T/s} tauschten {d} Gefangene aus.",
        "{S} {v:ließ|ließen} {d} {num} Gefangene aus {T_dat/n} frei.",
        "{D} trat eine Waffenruhe zwischen {S_dat/n} und {T_dat/n} in Kraft.",
        "{S} {v:stellte|stellten} {d} die Angriffe auf {T_acc/n} vorerst ein.",
    ),
    "REQUEST": (
        "{S} {v:forderte|forderten} {T_acc} {d} {att} zur Freilassung der festgehaltenen Diplomaten auf.",
        "{S} {v:rief|riefen} {T_acc} {d} zur Zurückhaltung auf.",
        "{S} {v:bat|baten} {T_acc} {d} um Hilfe beim Wiederaufbau.",
        "{S} {v:verlangte|verlangten} {d} von {T_dat} Aufklärung über den Vorfall.",
        "{S} {v:appellierte|appellierten} {d} an {T_acc}, an den Verhandlungstisch zurückzukehren.",
    ),
    "ACCUSE": (
        "{S} {v:warf|warfen} {T_dat} {d} {att} Spionage vor.",
        "{S} {v:beschuldigte|beschuldigten} {T_acc} {d}, gegen das Völkerrecht zu verstoßen.",
        "{S} {v:verurteilte|verurteilten} {d} das Vorgehen {T_gen} scharf.",
        "{S} {v:kritisierte|kritisierten} {T_acc} {d} für die Festnahme eines Journalisten.",
        "{T} {vt:wurde|wurden} {d} von {S_dat} der Einmischung in innere Angelegenheiten bezichtigt.",
    ),
    "REJECT": (
        "{S} {v:wies|wiesen} {d} {att} die Forderungen {T_gen} zurück.",
        "{S} {v:lehnte|lehnten} {d} ein Gesprächsangebot {T_gen} ab.",
        "{S} {v:wies|wiesen} die Vorwürfe {T_gen} {d} als haltlos zurück.",
        "{S} {v:lehnte|lehnten} es {d} ab, mit {T_dat} über einen Gefangenenaustausch zu verhandeln.",
        "Der Vorschlag {T_gen} wurde {d} von {S_dat} abgelehnt.",
    ),
    "THREATEN": (
        "{S} {v:drohte|drohten} {T_dat} {d} {att} mit Vergeltung.",
        "{S} {v:drohte|drohten} {d} mit neuen Strafmaßnahmen gegen {T_acc}.",
        "{S} {v:warnte|warnten} {T_acc} {d} vor einer weiteren Eskalation.",
        "{T_dat} wurde {d} von {S_dat} mit harten Konsequenzen gedroht.",
        "{S} {v:drohte|drohten} {d} mit einem Gegenschlag, {vt:sollte|sollten} {T} die Angriffe fortsetzen.",
    ),
    "PROTEST": (
        "{S} {v:protestierte|protestierten} {d} {att} scharf gegen das Vorgehen {T_gen}.",
        "{S} {v:bestellte|bestellten} {d} den {Tadj_en} Botschafter ein.",
        "In {Scap} demonstrierten {d} Tausende Menschen vor der Botschaft {T_gen/n}.",
        "{S} {v:legte|legten} {d} bei {T_dat} offiziell Protest ein.",
        "{S} {v:übergab|übergaben} {T_dat} {d} eine Protestnote.",
    ),
    "SANCTION": (
        "{S} {v:verhängte|verhängten} {d} {att} neue Sanktionen gegen {T_acc}.",
        "{T} {vt:wurde|wurden} {d} von {S_dat} mit Sanktionen belegt.",
        "{S} {v:wies|wiesen} {d} {num} {Tadj_e} Diplomaten aus.",
        "{S} {v:belegte|belegten} {T_acc} {d} mit einem Ölembargo.",
        "{D} {v:beschloss|beschlossen} {S} weitere Strafmaßnahmen gegen {T_acc}.",
    ),
    "MOBILIZE": (
        "{S} {v:verlegte|verlegten} {d} {att} zusätzliche Truppen an die Grenze zu {T_dat/n}.",
        "{S} {v:stationierte|stationierten} {d} weitere Raketensysteme in der Nähe {T_gen/n}.",
        "{S} {v:versetzte|versetzten} {d} die Truppen an der Grenze zu {T_dat/n} in Alarmbereitschaft.",
        "{S} {v:entsandte|entsandten} {d} Kriegsschiffe vor die Küste {T_gen/n}.",
        "{D} {v:begann|begannen} {S} mit einem Truppenaufmarsch nahe der Grenze zu {T_dat/n}.",
    ),
    "COERCE": (
        "{S} {v:nahm|nahmen} {d} {att} {num} {Tadj_e} Staatsbürger fest.",
        "{S} {v:beschlagnahmte|beschlagnahmten} {d} einen Öltanker {T_gen/n}.",
        "Insgesamt wurden {d} {num} {Tadj_e} Staatsbürger von den Behörden in {Scap} festgenommen.",
        "{S} {v:setzte|setzten} {d} ein Frachtschiff {T_gen/n} fest.",
        "{S} {v:verhaftete|verhafteten} {d} einen Diplomaten {T_gen/n} wegen Spionageverdachts.",
    ),
    "ASSAULT": (
        "{S/m} {v:griff|griffen} {d} {att} Ziele in {T_dat/n} an.",
        "{T} {vt:wurde|wurden} {d} von {S_dat/m} mit Raketen beschossen.",
        "{S/m} {v:flog|flogen} {d} Luftangriffe auf {T_acc/n}.",
        "{S/m} {v:bombardierte|bombardierten} {d} militärische Einrichtungen {T_gen/n}.",
        "{D} {v:griff|griffen} {S/m} {T_acc/n} mit Drohnen an.",
    ),
}

EN_TEMPLATES: dict[str, tuple[str, ...]] = {
    "CONSULT": (
        "{S/p} met {T/p} in {Scap} {d}.",
        "{S/p} held talks with {T/p} {d}.",
        "{S/p} spoke by phone with {T/p} {d}.",
        "{S/p} travelled to {Tcap} for talks {d}.",
        "{D}, {S/p} hosted {T/p} for talks in {Scap}.",
        "{S/s} and {T/s} held a round of consultations {d}.",
    ),
    "AGREE": (
        "{S} agreed with {T} {d} on a joint statement.",
        "{S/s} and {T/s} reached an agreement {d} on a roadmap for further talks.",
        "{S} pledged support to {T} {d}.",
        "{S} offered {d} to resume talks with {T}.",
        "{D}, {S} accepted {T_poss} invitation to negotiate.",
    ),
    "SUPPORT": (
        "{S/s} and {T/s} signed a strategic partnership agreement {d}.",
        "{S} signed a cooperation agreement with {T} {d}.",
        "{S} praised {T_poss} stance {d}.",
        "{S} endorsed {T_poss} peace proposal {d}.",
        "{S} voiced strong support for {T} {d}.",
    ),
    "CONCEDE": (
        "{S} eased sanctions on {T} {d}.",
        "{S} lifted travel restrictions on {Tadj} diplomats {d}.",
        "{S} made sweeping concessions to {T} {d}.",
        "{S/p} apologised to {T} for the incident {d}.",
        "{D}, {S/s} backed down in its dispute with {T}.",
    ),
    "COOPERATE": (
        "{S/s} and {T/s} began joint military exercises {d}.",
        "{S} expanded economic cooperation with {T} {d}.",
        "{S} shared intelligence with {T} {d}.",
        "Naval units from {S/n} and {T/n} held joint drills {d}.",
        "{S} worked closely with {T} on border security {d}.",
    ),
    "AID": (
        "{S} delivered more drones to {T} {d}.",
        "{T} received a new military aid package from {S} {d}.",
        "{S} sent humanitarian supplies to {Tcap} {d}.",
        "{T} was supplied with ammunition by {S} {d}.",
        "{S} provided {T} with {mio} million dollars in financial aid {d}.",
    ),
    "RETREAT": (
        "{S} withdrew troops from the border with {T/n} {d}.",
        "{S/s} and {T/s} exchanged prisoners {d}.",
        "{S} released {num} {Tadj} prisoners {d}.",
        "{D}, a ceasefire between {S/n} and {T/n} took effect.",
        "{S/s} halted its strikes on {T/n} {d}.",
    ),
    "REQUEST": (
        "{S} called on {T} {d} to release the detained diplomats.",
        "{S} urged {T} to show restraint {d}.",
        "{S} asked {T} for help with reconstruction {d}.",
        "{S} demanded an explanation from {T} {d}.",
        "{S} appealed to {T} {d} to return to the negotiating table.",
    ),
    "ACCUSE": (
        "{S} accused {T} of espionage {d}.",
        "{S} blamed {T} for the incident {d}.",
        "{S} condemned {T_poss} actions {d}.",
        "{S} criticised {T} {d} over the arrest of a journalist.",
        "{T/s} was accused by {S} {d} of meddling in its internal affairs.",
    ),
    "REJECT": (
        "{S} rejected {T_poss} demands {d}.",
        "{S} turned down an offer of talks from {T} {d}.",
        "{S} dismissed the allegations made by {T} as baseless {d}.",
        "{S} refused {d} to negotiate with {T} on a prisoner exchange.",
        "{T_poss} proposal was rejected by {S} {d}.",
    ),
    "THREATEN": (
        "{S} threatened {T} with retaliation {d}.",
        "{S} warned {T} {d} against further escalation.",
        "{S} threatened {d} to impose new sanctions on {T}.",
        "{T} was threatened with severe consequences by {S} {d}.",
        "{S/s} vowed {d} to retaliate if {T} continued its attacks.",
    ),
    "PROTEST": (
        "{S} protested {d} against {T_poss} actions.",
        "{S} summoned the {Tadj} ambassador {d}.",
        "Thousands of people protested outside the {Tadj} embassy in {Scap} {d}.",
        "{S} lodged a formal protest with {T} {d}.",
        "{S} handed {T} a note of protest {d}.",
    ),
    "SANCTION": (
        "{S} imposed new sanctions on {T} {d}.",
        "{T} was sanctioned by {S} {d}.",
        "{S} expelled {num} {Tadj} diplomats {d}.",
        "{S} hit {T} with an oil embargo {d}.",
        "{D}, {S} adopted further sanctions against {T}.",
    ),
    "MOBILIZE": (
        "{S} moved additional troops to the border with {T/n} {d}.",
        "{S} deployed missile systems near {T/n} {d}.",
        "{S/s} put its troops on the border with {T/n} on high alert {d}.",
        "{S} sent warships off the coast of {T/n} {d}.",
        "{D}, {S} began massing troops near the border with {T/n}.",
    ),
    "COERCE": (
        "{S} arrested {num} {Tadj} nationals {d}.",
        "{S} seized {a_Tadj} oil tanker {d}.",
        "Authorities in {Scap} detained {num} {Tadj} citizens {d}.",
        "{S} detained {a_Tadj} diplomat {d} on suspicion of espionage.",
        "{S} impounded a cargo ship belonging to {T/n} {d}.",
    ),
    "ASSAULT": (
        "{S/m} attacked targets in {T/n} {d}.",
        "{T} was struck by missiles fired by {S/m} {d}.",
        "{S/m} launched air strikes on {T/n} {d}.",
        "{S/m} shelled military positions in {T/n} {d}.",
        "{D}, {S/m} attacked {T/n} with drones.",
    ),
}

# Verb phrases for non-actual modalities. German: (object, rest, infinitive, zu-infinitive,
# participle); negation goes between object and rest ("den Iran nicht mit Sanktionen belegt").
DE_VERB_PHRASES: dict[str, tuple[str, str, str, str, str]] = {
    "CONSULT": ("sich", "mit {T_dat}", "treffen", "zu treffen", "getroffen"),
    "AGREE": ("sich", "mit {T_dat} auf eine Waffenruhe", "einigen", "zu einigen", "geeinigt"),
    "SUPPORT": ("{T_acc}", "politisch", "unterstützen", "zu unterstützen", "unterstützt"),
    "CONCEDE": ("die Sanktionen gegen {T_acc}", "", "lockern", "zu lockern", "gelockert"),
    "COOPERATE": ("", "mit {T_dat} militärisch", "zusammenarbeiten", "zusammenzuarbeiten", "zusammengearbeitet"),
    "AID": ("{T_acc}", "mit Waffen", "beliefern", "zu beliefern", "beliefert"),
    "RETREAT": ("die Truppen", "aus dem Grenzgebiet zu {T_dat/n}", "abziehen", "abzuziehen", "abgezogen"),
    "REQUEST": ("{T_acc}", "zur Freilassung der Gefangenen", "auffordern", "aufzufordern", "aufgefordert"),
    "ACCUSE": ("{T_acc}", "der Spionage", "beschuldigen", "zu beschuldigen", "beschuldigt"),
    "REJECT": ("die Forderungen {T_gen}", "", "zurückweisen", "zurückzuweisen", "zurückgewiesen"),
    "THREATEN": ("{T_dat}", "mit Vergeltung", "drohen", "zu drohen", "gedroht"),
    "PROTEST": ("", "gegen das Vorgehen {T_gen}", "protestieren", "zu protestieren", "protestiert"),
    "SANCTION": ("{T_acc}", "mit neuen Sanktionen", "belegen", "zu belegen", "belegt"),
    "MOBILIZE": ("die Truppen an der Grenze zu {T_dat/n}", "", "verstärken", "zu verstärken", "verstärkt"),
    "COERCE": ("den Öltanker {T_gen/n}", "", "festsetzen", "festzusetzen", "festgesetzt"),
    "ASSAULT": ("{T_acc/n}", "militärisch", "angreifen", "anzugreifen", "angegriffen"),
}
EN_VERB_PHRASES: dict[str, str] = {
    "CONSULT": "hold talks with {T}",
    "AGREE": "agree on a ceasefire with {T}",
    "SUPPORT": "back {T} politically",
    "CONCEDE": "ease sanctions on {T}",
    "COOPERATE": "cooperate militarily with {T}",
    "AID": "supply weapons to {T}",
    "RETREAT": "withdraw troops from the border with {T/n}",
    "REQUEST": "call on {T} to release the detainees",
    "ACCUSE": "accuse {T} of espionage",
    "REJECT": "reject {T_poss} demands",
    "THREATEN": "threaten {T} with retaliation",
    "PROTEST": "lodge a formal protest with {T}",
    "SANCTION": "impose new sanctions on {T}",
    "MOBILIZE": "deploy additional troops to the border with {T/n}",
    "COERCE": "seize {a_Tadj} oil tanker",
    "ASSAULT": "attack {T/n}",
}
DE_MODAL_TEMPLATES: dict[str, tuple[str, ...]] = {
    "planned": (
        "{S} {v:kündigte|kündigten} {d} {att} an, {vp_zu}.",
        "{S} {v:plant|planen} nach eigenen Angaben, {vp_zu}.",
        "{S} {v:wird|werden} {fut} {vp_inf}.",
        "{D} {v:kündigte|kündigten} {S} an, {vp_zu}.",
    ),
    "desired": (
        "{S} {v:will|wollen} {vp_inf}.",
        "{S} {v:strebt|streben} an, {vp_zu}.",
        "{S} {v:sprach|sprachen} sich {d} dafür aus, {vp_zu}.",
        "{S} {v:möchte|möchten} nach eigenen Worten {vp_inf}.",
    ),
    "negated": (
        "{S} {v:hat|haben} {d} {vp_neg_part}.",
        "{S} {v:schloss|schlossen} es {d} aus, {vp_zu}.",
        "{S} {v:wird|werden} {vp_neg_inf}.",
        "Anders als berichtet {v:hat|haben} {S} {vp_neg_part}.",
    ),
}
EN_MODAL_TEMPLATES: dict[str, tuple[str, ...]] = {
    "planned": (
        "{S} announced plans {d} to {vp}.",
        "{S} plans to {vp}.",
        "{S} will {vp} {fut}.",
        "{D}, {S} unveiled plans to {vp}.",
    ),
    "desired": (
        "{S} wants to {vp}.",
        "{S} is seeking to {vp}.",
        "{S} is keen to {vp}.",
        "{S} expressed a wish {d} to {vp}.",
    ),
    "negated": (
        "{S} did not {vp} {d}.",
        "{S} ruled out plans {d} to {vp}.",
        "{S} will not {vp}.",
        "Contrary to earlier reports, {S} did not {vp}.",
    ),
}

DE_FUTURE = ("in der kommenden Woche", "in Kürze", "noch in diesem Monat", "in den nächsten Tagen")
EN_FUTURE = ("next week", "later this month", "in the coming days", "soon")
DE_NUMBERS = ("zwei", "drei", "vier", "fünf", "sechs", "sieben", "acht", "zehn", "zwölf", "mehrere", "15", "20")
EN_NUMBERS = ("two", "three", "four", "five", "six", "seven", "eight", "ten", "twelve", "several", "15", "20")
DE_MONTHS = ("Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober",
             "November", "Dezember")  # fmt: skip
EN_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
             "November", "December")  # fmt: skip
DE_WEEKDAYS = ("Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag")
EN_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

# Inline (German {att}) and wrapping attributions. Each entry: (text, who is credited: "outlet",
# "source" for the source state, or "" for nobody in particular).
DE_ATT_INLINE: tuple[tuple[str, str], ...] = (
    ("laut {outlet}", "outlet"), ("nach Angaben von {outlet}", "outlet"), ("nach Informationen von {outlet}", "outlet"),
    ("nach Angaben des {Sadj_en} Außenministeriums", "source"), ("Berichten zufolge", ""),
    ("offiziellen Angaben zufolge", ""),
)  # fmt: skip
DE_ATT_SUFFIX: tuple[tuple[str, str], ...] = (
    (", berichtete {outlet}", "outlet"), (", wie {outlet} berichtete", "outlet"),
    (", meldete die Nachrichtenagentur {agency}", "outlet"), (", teilte das {Sadj_e} Außenministerium mit", "source"),
    (", hieß es aus Regierungskreisen in {Scap}", "source"),
)  # fmt: skip
EN_ATT_PREFIX: tuple[tuple[str, str], ...] = (
    ("According to {outlet}, ", "outlet"), ("{outlet} reported that ", "outlet"),
    ("Officials in {Scap} said that ", "source"),
)  # fmt: skip
EN_ATT_SUFFIX: tuple[tuple[str, str], ...] = (
    (", {outlet} reported", "outlet"), (", according to {outlet}", "outlet"),
    (", the {Sadj} foreign ministry said", "source"), (", officials in {Scap} said", "source"),
    (", a spokesperson said", ""),
)  # fmt: skip

# Filler sentences: background, quotes and numbers, written to contain no event.
DE_FILLERS: tuple[str, ...] = (
    "Die Lage in der Region gilt seit Monaten als angespannt.",
    "Beobachter rechnen in den kommenden Wochen mit weiteren Entwicklungen.",
    "Die Inflation lag zuletzt bei {pct} Prozent.",
    "„Wir beobachten die Situation sehr genau“, sagte ein Sprecher in {cap}.",
    "Der Ölpreis stieg am Nachmittag um {pct} Prozent.",
    "Nach Schätzungen von Fachleuten leben in dem Gebiet rund {num} Menschen.",
    "Eine Stellungnahme aus {cap} lag zunächst nicht vor.",
    "Ein Sprecher wollte sich zu Einzelheiten nicht äußern.",
    "Die Nachrichtenlage blieb am Abend unübersichtlich.",
    "Experten sprechen von einer schwierigen Phase.",
    "Im vergangenen Jahr wuchs die Wirtschaft {gen} um {pct} Prozent.",
    "Die Zahl der Binnenflüchtlinge wird auf {num} geschätzt.",
    "Unabhängig überprüfen ließen sich die Angaben zunächst nicht.",
    "„Die Lage ist ernst, aber nicht hoffnungslos“, sagte ein Diplomat, der anonym bleiben wollte.",
    "Der Wechselkurs der Landeswährung fiel auf ein Rekordtief.",
    "Der Bericht umfasst mehr als {small} Seiten.",
    "Das Parlament in {cap} tritt in der kommenden Woche erneut zusammen.",
    "Bereits {year} hatte es in der Region schwere Spannungen gegeben.",
    "Die Vereinten Nationen zählen rund {num} Vertriebene in dem Gebiet.",
    "In {cap} war es am Morgen sonnig bei {temp} Grad.",
    "Die Angaben beruhen auf offiziellen Statistiken.",
    "An den Börsen in Asien schlossen die Kurse uneinheitlich.",
    "Die Beziehungen der beiden Länder gelten seit Jahren als wechselhaft.",
    "Ein Ende der Spannungen ist nach Einschätzung von Fachleuten nicht in Sicht.",
)
EN_FILLERS: tuple[str, ...] = (
    "The situation in the region has been tense for months.",
    "Analysts expect further developments in the coming weeks.",
    "Inflation stood at {pct} percent last month.",
    '"We are watching the situation very closely," a spokesperson in {cap} said.',
    "Oil prices rose {pct} percent in afternoon trading.",
    "{name} has a population of about {mio} million.",
    "There was no immediate comment from {cap}.",
    "The claims could not be independently verified.",
    "An official declined to give further details.",
    "The economy of {name} grew by {pct} percent last year.",
    "The United Nations estimates that {num} people have been displaced in the area.",
    "The weather in {cap} was sunny in the morning, with temperatures around {temp} degrees.",
    "The report runs to more than {small} pages.",
    "Parliament in {cap} is due to reconvene next week.",
    "Tensions in the region have flared repeatedly since {year}.",
    '"The situation is serious but not hopeless," said a diplomat who spoke on condition of anonymity.',
    "The national currency fell to a record low against the dollar.",
    "Markets in Asia closed mixed.",
    "Relations between the two countries have long been volatile.",
    "The figures are based on official statistics.",
    "Observers see no end to the tensions any time soon.",
)
FOREIGN_SENTENCES: dict[str, tuple[str, ...]] = {
    "es": (
        "El tiempo en la capital fue soleado durante toda la mañana.",
        "Los mercados cerraron con ligeras pérdidas al final de la jornada.",
        "La inflación se situó en el {pct} por ciento el mes pasado.",
        "Miles de turistas pasearon por la ciudad durante el fin de semana.",
        "El informe tiene más de {small} páginas.",
        "Según los expertos, la economía crecerá lentamente este año.",
        "La biblioteca municipal abrirá sus puertas el próximo lunes.",
        "El equipo local ganó el partido por dos goles a uno.",
    ),
    "fr": (
        "Le temps était ensoleillé dans la capitale toute la matinée.",
        "Les marchés ont clôturé en légère baisse en fin de journée.",
        "L'inflation s'est établie à {pct} % le mois dernier.",
        "Des milliers de touristes se sont promenés dans la ville pendant le week-end.",
        "Le rapport compte plus de {small} pages.",
        "Selon les experts, l'économie devrait croître lentement cette année.",
        "La bibliothèque municipale ouvrira ses portes lundi prochain.",
        "L'équipe locale a gagné le match deux buts à un.",
    ),
}
FOREIGN_TITLES: dict[str, tuple[str, ...]] = {
    "es": ("Noticias del día", "La economía en breve"),
    "fr": ("Les nouvelles du jour", "L'économie en bref"),
}
DE_TOPICS: dict[str, str] = {
    "CONSULT": "Gespräche", "AGREE": "Einigung", "SUPPORT": "Rückendeckung", "CONCEDE": "Zugeständnisse",
    "COOPERATE": "Zusammenarbeit", "AID": "Hilfe", "RETREAT": "Rückzug", "REQUEST": "Forderungen",
    "ACCUSE": "Vorwürfe", "REJECT": "Absage", "THREATEN": "Drohungen", "PROTEST": "Protest",
    "SANCTION": "Sanktionen", "MOBILIZE": "Truppenaufmarsch", "COERCE": "Festnahmen", "ASSAULT": "Angriffe",
}  # fmt: skip
EN_TOPICS: dict[str, str] = {
    "CONSULT": "talks", "AGREE": "agreement", "SUPPORT": "backing", "CONCEDE": "concessions",
    "COOPERATE": "cooperation", "AID": "aid", "RETREAT": "withdrawal", "REQUEST": "demands",
    "ACCUSE": "accusations", "REJECT": "rebuff", "THREATEN": "threats", "PROTEST": "protest",
    "SANCTION": "sanctions", "MOBILIZE": "troop build-up", "COERCE": "arrests", "ASSAULT": "attacks",
}  # fmt: skip

# Actor kinds per group, with weights. German and English share the kinds.
_KIND_GROUPS: dict[str, tuple[tuple[str, float], ...]] = {
    "any": (("name", 50), ("gov", 14), ("cap", 14), ("leader", 12), ("fm", 10)),
    "p": (("leader", 60), ("fm", 40)),
    "m": (("name", 45), ("mil", 30), ("army", 25)),
    "n": (("name", 1),),
    "s": (("name", 60), ("gov", 20), ("cap", 20)),
}
# Who acts, by event type, where a template does not say: leaders talk and accuse, armies attack.
TYPE_SOURCE_GROUP: dict[str, str] = {
    "COOPERATE": "s", "AID": "s", "RETREAT": "s", "SANCTION": "s", "COERCE": "s", "MOBILIZE": "m", "ASSAULT": "m",
}  # fmt: skip
_SLOT = re.compile(r"\{([^{}]+)\}")
_ENTITY = re.compile(r"^([ST])(?:_(nom|acc|dat|gen|poss))?(?:/([pmns]))?$")
_CONTRACT = re.compile(r"\b([Zz]u|[Vv]on|[Ii]n|[Bb]ei|[Aa]n) (dem|der|das)\b")
_CONTRACTIONS = {("zu", "dem"): "zum", ("zu", "der"): "zur", ("von", "dem"): "vom", ("in", "dem"): "im",
                 ("bei", "dem"): "beim", ("an", "dem"): "am", ("in", "das"): "ins"}  # fmt: skip


def template_count() -> dict[str, int]:
    """Templates per language (actual sentences, plus modal wrappers x verb phrases); a quick check of variety."""
    return {
        "de": sum(map(len, DE_TEMPLATES.values())) + sum(map(len, DE_MODAL_TEMPLATES.values())) * len(DE_VERB_PHRASES),
        "en": sum(map(len, EN_TEMPLATES.values())) + sum(map(len, EN_MODAL_TEMPLATES.values())) * len(EN_VERB_PHRASES),
    }


# ---------------------------------------------------------------------------------------------
# Actor mentions
# ---------------------------------------------------------------------------------------------


def de_mention(state: State, kind: str, case: str) -> str:
    """German phrase for a state in a case; the adjective ending follows the article (die russische, den russischen)."""
    i = _CASES.index(case)
    a = state.de_adj
    if kind == "name":
        return state.de_forms[i]
    if kind == "cap":
        return state.de_cap_gen() if case == "gen" else state.de_cap
    if kind in ("gov", "army"):
        noun = "Regierung" if kind == "gov" else "Armee"
        return f"die {a}e {noun}" if case in ("nom", "acc") else f"der {a}en {noun}"
    if kind == "mil":
        return (f"das {a}e Militär", f"das {a}e Militär", f"dem {a}en Militär", f"des {a}en Militärs")[i]
    if kind in ("leader", "fm"):
        nom, obl, gen = _DE_ROLES[state.de_role if kind == "leader" else "Außenminister"]
        return (f"der {a}e {nom}", f"den {a}en {obl}", f"dem {a}en {obl}", f"des {a}en {gen}")[i]
    raise ValueError(f"unknown actor kind {kind!r}")


def en_mention(state: State, kind: str, case: str, rng: random.Random | None = None) -> str:
    """English phrase for a state; leaders sometimes as "Russia's president" rather than "the Russian president"."""
    a = state.en_adj
    if kind == "name":
        phrase = state.en_name
    elif kind == "cap":
        phrase = state.en_cap
    elif kind in ("gov", "mil", "army"):
        phrase = f"the {a} " + {"gov": "government", "mil": "military", "army": "army"}[kind]
    elif kind in ("leader", "fm"):
        role = state.en_role if kind == "leader" else "foreign minister"
        bare = not state.en_name.startswith("the ")
        phrase = f"{state.en_poss()} {role}" if bare and rng is not None and rng.random() < 0.5 else f"the {a} {role}"
    else:
        raise ValueError(f"unknown actor kind {kind!r}")
    return _en_poss(phrase) if case == "poss" else phrase


def _mention_plural(state: State, kind: str, lang: str) -> bool:
    """Whether a German mention takes a plural verb (die USA griffen); English mentions are all singular."""
    return lang == "de" and kind == "name" and state.de_plural


_KIND_CACHE: dict[tuple[str, str], tuple[tuple[str, ...], tuple[float, ...]]] = {}


def _pick_kind(rng: random.Random, state: State, group: str) -> str:
    """Draw an actor kind from a group, skipping capitals that are not used as metonyms."""
    key = (state.code, group)
    hit = _KIND_CACHE.get(key)
    if hit is None:
        options = [(k, w) for k, w in _KIND_GROUPS[group] if k != "cap" or state.metonym]
        hit = tuple(k for k, _ in options), tuple(accumulate(w for _, w in options))
        _KIND_CACHE[key] = hit
    kinds, cum = hit
    return kinds[min(bisect_right(cum, rng.random() * cum[-1]), len(kinds) - 1)]


# ---------------------------------------------------------------------------------------------
# Dates
# ---------------------------------------------------------------------------------------------


def render_date(
    rng: random.Random, lang: str, event: dt.date, published: dt.date, *, required: bool
) -> tuple[str, str]:
    """A date expression as news write it, and its form; relative forms only when the gap makes them unambiguous."""
    lag = (published - event).days
    forms: list[tuple[str, float]] = [("absolute", 30), ("absolute_noyear", 15)]
    if 0 <= lag <= 6:
        forms.append(("weekday", 40))
    if lag in (0, 1) or (lang == "de" and lag == 2):
        forms.append(("relative", 20))
    if not required:
        forms.append(("none", 30))
    r = rng.random() * sum(w for _, w in forms)
    form = forms[-1][0]
    for name, weight in forms:
        r -= weight
        if r < 0:
            form = name
            break
    if form == "none":
        return "", form
    if lang == "de":
        if form == "absolute":
            text = f"am {event.day}. {DE_MONTHS[event.month - 1]} {event.year}"
        elif form == "absolute_noyear":
            text = f"am {event.day}. {DE_MONTHS[event.month - 1]}"
        elif form == "weekday":
            text = f"am {DE_WEEKDAYS[event.weekday()]}"
        else:
            text = ("heute", "gestern", "vorgestern")[lag]
    else:
        month = EN_MONTHS[event.month - 1]
        us = rng.random() < 0.6
        if form == "absolute":
            text = f"on {month} {event.day}, {event.year}" if us else f"on {event.day} {month} {event.year}"
        elif form == "absolute_noyear":
            text = f"on {month} {event.day}" if us else f"on {event.day} {month}"
        elif form == "weekday":
            text = f"on {EN_WEEKDAYS[event.weekday()]}"
        else:
            text = ("today", "yesterday")[lag]
    return text, form


# ---------------------------------------------------------------------------------------------
# Sentences
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Compiled:
    """What a template needs decided before its slots are filled."""

    s_group: str | None  # None: the event type's default (TYPE_SOURCE_GROUP)
    t_group: str
    has_d: bool
    has_D: bool
    has_att: bool
    entity_first: bool


_COMPILED: dict[str, _Compiled] = {}


def _compile(template: str) -> _Compiled:
    """Find actor groups and date/attribution slots once per template (cached)."""
    hit = _COMPILED.get(template)
    if hit is not None:
        return hit
    groups: dict[str, str] = {}
    slots = _SLOT.findall(template)
    for slot in slots:
        m = _ENTITY.match(slot)
        if m and m.group(3) and m.group(1) not in groups:
            groups[m.group(1)] = m.group(3)
    compiled = _Compiled(
        s_group=groups.get("S"),
        t_group=groups.get("T", "s"),
        has_d="d" in slots,
        has_D="D" in slots,
        has_att="att" in slots,
        entity_first=bool(_ENTITY.match(slots[0])) and template.startswith("{"),
    )
    _COMPILED[template] = compiled
    return compiled


def _tidy(text: str, lang: str) -> str:
    """Collapse the gaps left by empty slots, contract German prepositions (zu dem -> zum), capitalise."""
    text = " ".join(text.split()).replace(" ,", ",").replace(" .", ".")
    if lang == "de":
        text = _CONTRACT.sub(_contract, text)
    if text.startswith("dpa "):  # the agency writes itself in lower case
        return text
    return text[:1].upper() + text[1:]


def _contract(m: re.Match[str]) -> str:
    prep, art = m.group(1), m.group(2)
    short = _CONTRACTIONS.get((prep.lower(), art))
    if short is None:
        return m.group(0)
    return short.capitalize() if prep[0].isupper() else short


def _modal_template(rng: random.Random, lang: str, etype: str, modality: str) -> str:
    """Wrap the type's verb phrase in a planned/desired/negated frame."""
    if lang == "de":
        obj, rest, inf, zu, part = DE_VERB_PHRASES[etype]
        wrapper = rng.choice(DE_MODAL_TEMPLATES[modality])
        return (
            wrapper.replace("{vp_zu}", f"{obj} {rest} {zu}")
            .replace("{vp_inf}", f"{obj} {rest} {inf}")
            .replace("{vp_neg_part}", f"{obj} nicht {rest} {part}")
            .replace("{vp_neg_inf}", f"{obj} nicht {rest} {inf}")
        )
    return rng.choice(EN_MODAL_TEMPLATES[modality]).replace("{vp}", EN_VERB_PHRASES[etype])


def realise(
    template: str,
    lang: str,
    source: str,
    target: str,
    rng: random.Random,
    event_date: dt.date,
    published: dt.date,
    *,
    outlet: str = "Reuters",
    etype: str | None = None,
    s_kind: str | None = None,
    t_kind: str | None = None,
    attribution: bool = True,
) -> tuple[str, dict[str, Any]]:
    """Fill one template for a dyad; returns the sentence and what it encodes (date form, attribution)."""
    comp = _compile(template)
    s, t = STATES[source], STATES[target]
    ks = s_kind or _pick_kind(rng, s, comp.s_group or TYPE_SOURCE_GROUP.get(etype or "", "any"))
    kt = t_kind or _pick_kind(rng, t, comp.t_group)
    date_text, date_form = "", "none"
    if comp.has_D or comp.has_d:
        date_text, date_form = render_date(rng, lang, event_date, published, required=comp.has_D)
    credited: str | None = None
    inline = ""
    prefix = suffix = ""
    if attribution:
        r = rng.random()
        if lang == "de":
            if comp.has_att and r < 0.35:
                inline, who = rng.choice(DE_ATT_INLINE)
            elif r < 0.6:
                suffix, who = rng.choice(DE_ATT_SUFFIX)
            else:
                who = ""
        elif r < 0.2 and comp.entity_first:
            prefix, who = rng.choice(EN_ATT_PREFIX)
        elif r < 0.45:
            suffix, who = rng.choice(EN_ATT_SUFFIX)
        else:
            who = ""
        if who == "outlet":  # outlets cite another agency, not themselves
            credited = rng.choice([a for a in AGENCIES if a != outlet])
        elif who == "source":
            credited = source
    cited = credited if credited and credited != source else rng.choice(AGENCIES)
    extra = {"outlet": cited, "agency": cited}

    def fill(m: re.Match[str]) -> str:
        slot = m.group(1)
        e = _ENTITY.match(slot)
        if e:
            who, case = e.group(1), e.group(2) or "nom"
            st, kind = (s, ks) if who == "S" else (t, kt)
            if lang == "de":
                return de_mention(st, kind, "gen" if case == "poss" else case)
            return en_mention(st, kind, case, rng)
        if slot.startswith(("v:", "vt:")):
            sg, pl = slot.split(":", 1)[1].split("|")
            plural = _mention_plural(s, ks, lang) if slot[1] == ":" else _mention_plural(t, kt, lang)
            return pl if plural else sg
        if slot in ("d", "D"):
            return date_text
        if slot == "att":
            return _SLOT.sub(fill, inline) if inline else ""
        return _scalar(slot, lang, s, t, rng, extra)

    body = _SLOT.sub(fill, template)
    if comp.has_D:
        body = body.replace(date_text, date_text[:1].upper() + date_text[1:], 1)
    if suffix:
        body = body.rstrip(". ") + _SLOT.sub(fill, suffix) + "."
    if prefix:
        body = _SLOT.sub(fill, prefix) + body
    info = {"date_form": date_form, "attribution": credited, "source_kind": ks, "target_kind": kt}
    return _tidy(body, lang), info


def _scalar(slot: str, lang: str, s: State, t: State, rng: random.Random, extra: dict[str, str]) -> str:
    """Values for the non-actor slots: capitals, adjectives, numbers, outlets."""
    if slot in extra:
        return extra[slot]
    if slot == "Scap":
        return s.de_cap if lang == "de" else s.en_cap
    if slot == "Tcap":
        return t.de_cap if lang == "de" else t.en_cap
    if slot.startswith(("Sadj", "Tadj")):
        st = s if slot[0] == "S" else t
        if lang == "de":
            return st.de_adj + slot.split("_", 1)[1]
        return st.en_adj
    if slot == "a_Tadj":
        return ("an " if t.en_adj[0] in "AEIO" else "a ") + t.en_adj
    if slot == "num":
        return rng.choice(DE_NUMBERS if lang == "de" else EN_NUMBERS)
    if slot == "mio":
        return str(rng.choice((10, 25, 50, 75, 100, 150, 200, 250, 400, 500)))
    if slot == "fut":
        return rng.choice(DE_FUTURE if lang == "de" else EN_FUTURE)
    raise KeyError(f"unknown slot {{{slot}}}")


def event_sentence(
    rng: random.Random, lang: str, event: WorldEvent, published: dt.date, outlet: str
) -> tuple[str, dict[str, Any]]:
    """A sentence reporting one world event in the event's modality, from a randomly chosen template."""
    if event.modality == "actual":
        template = rng.choice((DE_TEMPLATES if lang == "de" else EN_TEMPLATES)[event.type])
    else:
        template = _modal_template(rng, lang, event.type, event.modality)
    return realise(
        template, lang, event.source, event.target, rng, event.date, published, outlet=outlet, etype=event.type
    )


def filler_sentence(
    rng: random.Random, lang: str, involved: Sequence[str], year: int, template: str | None = None
) -> str:
    """A sentence without events (background, quote, figures), mentioning a state of the story now and then."""
    rnd = rng.random
    st = STATES[involved[int(rnd() * len(involved))]] if involved else _STATE_LIST[int(rnd() * len(_STATE_LIST))]
    if template is None:
        fillers = DE_FILLERS if lang == "de" else EN_FILLERS
        template = fillers[int(rnd() * len(fillers))]
    if "{" not in template:
        return template

    def value(m: re.Match[str]) -> str:
        slot = m.group(1)
        if slot == "cap":
            return st.de_cap if lang == "de" else st.en_cap
        if slot == "gen":
            return st.de_forms[3]
        if slot == "name":
            return st.en_name[:1].upper() + st.en_name[1:] if m.start() == 0 else st.en_name
        if slot == "pct":
            return f"{1 + int(rnd() * 9)}{',' if lang == 'de' else '.'}{int(rnd() * 10)}"
        if slot == "num":
            return f"{(2 + int(rnd() * 899)) * 1000:,}".replace(",", "." if lang == "de" else ",")
        if slot == "small":
            return str(20 + int(rnd() * 380))
        if slot == "mio":
            return str(2 + int(rnd() * 300))
        if slot == "temp":
            return str(int(rnd() * 40) - 5)
        if slot == "year":
            return str(year - 2 - int(rnd() * 14))
        raise KeyError(f"unknown filler slot {{{slot}}}")

    return _SLOT.sub(value, template)


def _title(rng: random.Random, lang: str, event: WorldEvent) -> str:
    """A headline naming the first event's dyad and topic, without a verb so it adds no event."""
    s, t = STATES[event.source], STATES[event.target]
    if lang == "de":
        topic = DE_TOPICS[event.type]
        forms = (
            f"{s.de_forms[0]} und {t.de_forms[0]}: {topic}",
            f"{topic} zwischen {s.de_forms[2]} und {t.de_forms[2]}",
            f"{topic}: {s.de_forms[0]} und {t.de_forms[0]} – die Lage bleibt angespannt",
        )
    else:
        topic = EN_TOPICS[event.type]
        forms = (
            f"{s.en_name} and {t.en_name}: {topic}",
            f"{topic.capitalize()} between {s.en_name} and {t.en_name}",
            f"{s.en_adj}-{t.en_adj} {topic}",
        )
    text = rng.choice(forms)
    return text[:1].upper() + text[1:]


# ---------------------------------------------------------------------------------------------
# World
# ---------------------------------------------------------------------------------------------


@dataclass(slots=True)
class WorldEvent:
    """One real-world event of the simulation; documents report it, possibly many times."""

    id: str
    type: str
    source: str
    target: str
    date: dt.date
    modality: str
    theatre: str
    weight: float
    reported_by: list[str] = field(default_factory=list)
    outlets: set[str] = field(default_factory=set)

    def as_json(self) -> dict[str, Any]:
        """The manifest entry."""
        return {
            "id": self.id, "type": self.type, "source": self.source, "target": self.target,
            "date": self.date.isoformat(), "modality": self.modality, "reported_by": self.reported_by,
            "outlets": sorted(self.outlets),
        }  # fmt: skip


def _weighted(rng: random.Random, weights: dict[str, float]) -> str:
    keys = list(weights)
    return rng.choices(keys, weights=[weights[k] for k in keys])[0]


def relation(source: str, target: str) -> str:
    """Relation of a dyad: "coop" inside a camp, "conflict" across the two camps, "mixed" with a non-aligned state."""
    a, b = STATES[source].camp, STATES[target].camp
    if "N" in (a, b):
        return "mixed"
    return "coop" if a == b else "conflict"


def draw_event_type(rng: random.Random, source: str, target: str) -> str:
    """A PLOVER type fitting the dyad: cooperation inside blocs, conflict across; ASSAULT only between belligerents."""
    rel = relation(source, target)
    p_coop = {"coop": 0.88, "conflict": 0.15, "mixed": 0.55}[rel]
    weights = COOP_TYPE_WEIGHTS if rng.random() < p_coop else CONFLICT_TYPE_WEIGHTS
    etype = _weighted(rng, weights)
    if etype == "ASSAULT" and frozenset((source, target)) not in WAR_DYADS:
        etype = _weighted(rng, {k: v for k, v in CONFLICT_TYPE_WEIGHTS.items() if k != "ASSAULT"})
    return etype


def build_world(rng: random.Random, n: int, start: dt.date, end: dt.date) -> list[WorldEvent]:
    """Draw n events over [start, end], sorted by date; hot dyads dominate and get more coverage."""
    codes = list(STATES)
    state_weights = list(accumulate(STATES[c].weight for c in codes))
    hot_weights = list(accumulate(w for _, _, w in HOT_DYADS))
    span = (end - start).days + 1
    drafts = []
    for _ in range(n):
        if rng.random() < HOT_SHARE:
            src, tgt, _ = HOT_DYADS[bisect_right(hot_weights, rng.random() * hot_weights[-1])]
            theatre = "-".join(sorted((src, tgt)))
            weight = 1.5
        else:
            src = codes[bisect_right(state_weights, rng.random() * state_weights[-1])]
            tgt = src
            while tgt == src:
                tgt = codes[bisect_right(state_weights, rng.random() * state_weights[-1])]
            theatre = "-".join(sorted((STATES[src].camp, STATES[tgt].camp)))
            weight = 1.0
        etype = draw_event_type(rng, src, tgt)
        modality = rng.choices(MODALITIES, weights=MODALITY_WEIGHTS)[0]
        date = start + dt.timedelta(days=rng.randrange(span))
        drafts.append((date, etype, src, tgt, modality, theatre, weight * rng.lognormvariate(0.0, 0.9)))
    drafts.sort(key=lambda d: d[0])
    width = max(6, len(str(n)))
    return [
        WorldEvent(f"ev-{i:0{width}d}", etype, src, tgt, date, modality, theatre, w)
        for i, (date, etype, src, tgt, modality, theatre, w) in enumerate(drafts)
    ]


def _draw_lag(rng: random.Random) -> int:
    """Days between an event and a report: mostly 0-3, a few follow-ups weeks later."""
    r = rng.random()
    if r < 0.35:
        return 0
    if r < 0.70:
        return 1
    if r < 0.85:
        return 2
    if r < 0.93:
        return 3
    if r < 0.98:
        return rng.randint(4, 14)
    return rng.randint(15, 60)


def plan_reports(rng: random.Random, world: list[WorldEvent], counts: list[int]) -> list[tuple[dt.date, list[int]]]:
    """Group report slots into documents: every event at least once, popular ones often, close in time.

    Slots are sorted by (publication day, theatre) so one document covers one region's news of a day;
    an event never appears twice in the same document.
    """
    if not world:
        return []
    total = sum(counts)
    cum = list(accumulate(e.weight for e in world))
    reports = list(range(len(world))) + [
        bisect_right(cum, rng.random() * cum[-1]) for _ in range(max(0, total - len(world)))
    ]
    slots = []
    for idx in reports:
        ev = world[idx]
        pub = ev.date.toordinal() + _draw_lag(rng)
        slots.append((pub, ev.theatre, rng.random(), idx))
    slots.sort()
    groups: list[list[tuple[int, int]]] = []
    pending: deque[tuple[int, int]] = deque()
    it: Iterator[tuple[int, str, float, int]] = iter(slots)
    for n in counts:
        cur: list[tuple[int, int]] = []
        seen: set[int] = set()
        skipped: list[tuple[int, int]] = []
        while len(cur) < n:
            if pending:
                slot = pending.popleft()
            else:
                nxt = next(it, None)
                if nxt is None:
                    break
                slot = (nxt[0], nxt[3])
            if slot[1] in seen:
                skipped.append(slot)
                continue
            cur.append(slot)
            seen.add(slot[1])
        pending.extendleft(reversed(skipped))
        groups.append(cur)
    for slot in pending:  # duplicates left at the very end: hand them to a recent document without that event
        for group in reversed(groups):
            if all(slot[1] != other for _, other in group):
                group.append(slot)
                break
    return [(dt.date.fromordinal(max(p for p, _ in g)), [i for _, i in g]) for g in groups]


def _events_per_doc(rng: random.Random) -> int:
    return rng.choices((1, 2, 3, 4), weights=(30, 35, 22, 13))[0]


# ---------------------------------------------------------------------------------------------
# Documents and output
# ---------------------------------------------------------------------------------------------


def compose_document(
    rng: random.Random, doc_id: str, lang: str, outlet: str, published: dt.date, events: Sequence[WorldEvent]
) -> dict[str, Any]:
    """One article: a lede reporting the first event, further events and 2-8 fillers, in 1-3 sentence paragraphs."""
    truth = []
    event_sentences = []
    for ev in events:
        sentence, info = event_sentence(rng, lang, ev, published, outlet)
        event_sentences.append(sentence)
        truth.append({
            "event": ev.id, "type": ev.type, "source": ev.source, "target": ev.target,
            "date": ev.date.isoformat(), "modality": ev.modality, "date_form": info["date_form"],
            "attribution": info["attribution"], "sentence": sentence,
        })  # fmt: skip
    involved = sorted({c for ev in events for c in (ev.source, ev.target)})
    pool = DE_FILLERS if lang == "de" else EN_FILLERS
    fillers = [filler_sentence(rng, lang, involved, published.year, f) for f in rng.sample(pool, rng.randint(2, 8))]
    body = event_sentences[1:] + fillers
    rng.shuffle(body)
    sentences = [event_sentences[0], *body]
    paragraphs = []
    i = 0
    while i < len(sentences):
        k = rng.randint(1, 3)
        paragraphs.append(" ".join(sentences[i : i + k]))
        i += k
    return {
        "id": doc_id, "lang": lang, "source": outlet, "published": published.isoformat(),
        "title": _title(rng, lang, events[0]), "text": "\n\n".join(paragraphs), "truth": truth,
    }  # fmt: skip


class _Output:
    """Streams documents to jsonl shards or txt/meta/truth triples and counts bytes."""

    def __init__(self, out: Path, fmt: str, shard_size: int) -> None:
        self.out, self.fmt, self.shard_size = out, fmt, shard_size
        self.bytes = 0
        self.files: list[str] = []
        self._fh: Any = None
        self._lines = 0

    def _shard(self) -> Any:
        if self._fh is None or self._lines >= self.shard_size:
            if self._fh is not None:
                self._fh.close()
            name = f"corpus-{len(self.files):05d}.jsonl"
            self.files.append(name)
            self._fh = open(self.out / name, "wb")  # noqa: SIM115 - closed on rotation and in close()
            self._lines = 0
        return self._fh

    def line(self, data: bytes | Iterable[bytes]) -> tuple[str, int]:
        """Write one jsonl line (bytes or a stream of chunks, newline added); returns shard name and 1-based line."""
        fh = self._shard()
        for chunk in [data] if isinstance(data, bytes) else data:
            fh.write(chunk)
            self.bytes += len(chunk)
        fh.write(b"\n")
        self.bytes += 1
        self._lines += 1
        return self.files[-1], self._lines

    def file(self, name: str, data: bytes | Iterable[bytes]) -> None:
        """Write one file under out/ (bytes or a stream of chunks)."""
        with open(self.out / name, "wb") as fh:
            for chunk in [data] if isinstance(data, bytes) else data:
                fh.write(chunk)
                self.bytes += len(chunk)

    def close(self) -> None:
        if self._fh is not None:
            self._fh.close()
            self._fh = None


def _dumps(obj: Any) -> bytes:
    return json.dumps(obj, ensure_ascii=False).encode("utf-8")


def _meta(doc: dict[str, Any]) -> dict[str, Any]:
    return {k: doc[k] for k in ("id", "lang", "source", "published", "title")}


def _huge_chunks(rng: random.Random, lang: str, size: int, *, json_escaped: bool) -> Iterator[bytes]:
    """About `size` bytes of filler text in 64 KiB pieces, so a 50 MB file never sits in memory."""
    block = " ".join(filler_sentence(rng, lang, [], 2025) for _ in range(40)) + " "
    if json_escaped:
        block = json.dumps(block, ensure_ascii=False)[1:-1]
    piece = block.encode("utf-8") * max(1, 65536 // len(block.encode("utf-8")))
    written = 0
    while written + len(piece) <= size:
        written += len(piece)
        yield piece
    cut = piece.rfind(b" ", 0, size - written) + 1  # end on a space: never inside an escape or a UTF-8 sequence
    if cut > 0:
        yield piece[:cut]


@dataclass
class Settings:
    """Generation parameters (the CLI's options)."""

    out: Path
    docs: int = 10_000
    seed: int = 1
    fmt: str = "jsonl"
    junk: float = 0.0
    huge_mb: float = 50.0
    langs: tuple[str, ...] = ("de", "en")
    start: dt.date = DEFAULT_START
    end: dt.date = DEFAULT_END
    shard_size: int = 1000
    mean_reports: float = 2.8


def generate_corpus(settings: Settings) -> dict[str, Any]:
    """Write the corpus and manifest.json; returns the manifest's counts (the summary)."""
    st = settings
    if st.fmt not in ("jsonl", "txt"):
        raise ValueError("format must be jsonl or txt")
    if not 0.0 <= st.junk <= 1.0 or st.docs < 0 or st.end < st.start:
        raise ValueError("need 0 <= junk <= 1, docs >= 0 and start <= end")
    for lang in st.langs:
        if lang not in OUTLETS:
            raise ValueError(f"unsupported language {lang!r} (de, en)")
    st.out.mkdir(parents=True, exist_ok=True)
    world_rng, doc_rng, junk_rng = (random.Random(f"{part}:{st.seed}") for part in ("world", "docs", "junk"))

    n_junk = round(st.docs * st.junk)
    n_good = st.docs - n_junk
    counts = [_events_per_doc(world_rng) for _ in range(n_good)]
    n_world = max(1, round(sum(counts) / st.mean_reports)) if n_good else 0
    world = build_world(world_rng, n_world, st.start, st.end)
    groups = plan_reports(world_rng, world, counts)

    junk_positions = sorted(junk_rng.sample(range(st.docs), n_junk))
    kinds = JUNK_KINDS_JSONL if st.fmt == "jsonl" else JUNK_KINDS_TXT
    junk_kinds = [kinds[i % len(kinds)] for i in range(n_junk)]
    junk_rng.shuffle(junk_kinds)
    if n_junk and st.huge_mb > 0:
        junk_kinds[junk_rng.randrange(n_junk)] = "huge"
    junk_at = dict(zip(junk_positions, junk_kinds, strict=True))

    width = max(6, len(str(max(st.docs - 1, 0))))
    output = _Output(st.out, st.fmt, st.shard_size)
    junk_list: list[dict[str, Any]] = []
    by_lang: Counter[str] = Counter()
    reports = 0
    last_pub = st.start
    group_iter = iter(groups)
    try:
        for pos in range(st.docs):
            doc_id = f"doc-{pos:0{width}d}"
            if pos in junk_at:
                entry = _write_junk(junk_rng, output, st, doc_id, junk_at[pos], last_pub, world)
                junk_list.append(entry)
                continue
            published, idxs = next(group_iter)
            last_pub = published
            lang = doc_rng.choice(st.langs)
            outlet = doc_rng.choice(OUTLETS[lang])
            events = [world[i] for i in idxs]
            doc = compose_document(doc_rng, doc_id, lang, outlet, published, events)
            for ev in events:
                ev.reported_by.append(doc_id)
                ev.outlets.add(outlet)
            reports += len(events)
            by_lang[lang] += 1
            _write_doc(output, doc)
    finally:
        output.close()

    junk_by_kind = Counter(j["kind"] for j in junk_list)
    summary = {
        "docs": st.docs,
        "good_docs": n_good,
        "junk_docs": n_junk,
        "junk_by_kind": dict(sorted(junk_by_kind.items())),
        "by_lang": dict(sorted(by_lang.items())),
        "world_events": len(world),
        "reports": reports,
        "mean_reports_per_event": round(reports / len(world), 3) if world else 0.0,
        "events_reported_by_2plus_outlets": sum(1 for e in world if len(e.outlets) >= 2),
        "bytes": output.bytes,
    }
    manifest = {
        "generator": "benchmarks/corpus_generator.py",
        "seed": st.seed,
        "format": st.fmt,
        "settings": {
            "docs": st.docs,
            "junk": st.junk,
            "huge_mb": st.huge_mb,
            "langs": list(st.langs),
            "start": st.start.isoformat(),
            "end": st.end.isoformat(),
            "shard_size": st.shard_size,
        },
        "counts": summary,
        "files": output.files,
        "junk": junk_list,
        "world": [e.as_json() for e in world],
    }
    with open(st.out / "manifest.json", "w", encoding="utf-8") as fh:
        fh.write(json.dumps(manifest, ensure_ascii=False))  # dumps uses the C encoder, dump does not
    return summary


def _write_doc(output: _Output, doc: dict[str, Any]) -> tuple[str, int | None]:
    """A well-formed document: one jsonl line, or NAME.txt + NAME.meta.json + NAME.truth.json."""
    if output.fmt == "jsonl":
        return output.line(_dumps(doc))
    output.file(f"{doc['id']}.txt", doc["text"].encode("utf-8"))
    output.file(f"{doc['id']}.meta.json", _dumps(_meta(doc)))
    output.file(f"{doc['id']}.truth.json", _dumps(doc["truth"]))
    return f"{doc['id']}.txt", None


def _write_junk(
    rng: random.Random,
    output: _Output,
    st: Settings,
    doc_id: str,
    kind: str,
    published: dt.date,
    world: list[WorldEvent],
) -> dict[str, Any]:
    """Write one bad input of the given kind; returns its manifest entry (kind, file, line, whether it parses)."""
    lang = rng.choice(st.langs)
    outlet = rng.choice(OUTLETS[lang])
    doc: dict[str, Any] = {
        "id": doc_id, "lang": lang, "source": outlet, "published": published.isoformat(),
        "title": "", "text": "", "truth": [],
    }  # fmt: skip
    entry: dict[str, Any] = {"id": doc_id, "kind": kind, "detail": ""}
    jsonl = output.fmt == "jsonl"
    before = output.bytes
    parses = True
    if kind == "empty":
        doc["title"] = rng.choice(("Eilmeldung", "Kurz notiert") if lang == "de" else ("Breaking", "In brief"))
        where = _write_doc(output, doc)
    elif kind == "binary":
        raw = b"\x00\xff" + rng.randbytes(rng.randint(200, 4000))
        entry["detail"] = f"{len(raw)} random bytes"
        if jsonl:
            where = output.line(raw.replace(b"\n", b"\x00").replace(b"\r", b"\x00"))
            parses = False
        else:
            output.file(f"{doc_id}.txt", raw)
            output.file(f"{doc_id}.meta.json", _dumps(_meta(doc)))
            output.file(f"{doc_id}.truth.json", b"[]")
            where = (f"{doc_id}.txt", None)
    elif kind == "latin1":
        events = [rng.choice(world)] if world else []
        if events:
            pub = events[0].date + dt.timedelta(days=_draw_lag(rng))
            good = compose_document(rng, doc_id, "de", rng.choice(OUTLETS["de"]), pub, events)
        else:
            good = dict(doc, lang="de", text="Die Lage in der Region bleibt unübersichtlich.")
        text = good["text"].replace("„", '"').replace("“", '"').replace("–", "-")
        if text.isascii():
            text += " Die Lage in der Region bleibt unübersichtlich."
        good["text"] = text
        entry["detail"] = "German text encoded as Latin-1"
        if jsonl:
            where = output.line(json.dumps(good, ensure_ascii=False).encode("latin-1", errors="replace"))
            parses = False
        else:
            output.file(f"{doc_id}.txt", text.encode("latin-1", errors="replace"))
            output.file(f"{doc_id}.meta.json", _dumps(_meta(good)))
            output.file(f"{doc_id}.truth.json", _dumps(good["truth"]))
            where = (f"{doc_id}.txt", None)
    elif kind == "huge":
        size = int(st.huge_mb * 1024 * 1024)
        doc["title"] = "Dokumentation" if lang == "de" else "Documentation"
        entry["detail"] = f"about {size} bytes of text"
        if jsonl:
            head = _dumps(_meta(doc))[:-1] + b', "text": "'
            tail = b'", "truth": []}'
            where = output.line([head, *_huge_chunks(rng, lang, size, json_escaped=True), tail])
        else:
            output.file(f"{doc_id}.txt", _huge_chunks(rng, lang, size, json_escaped=False))
            output.file(f"{doc_id}.meta.json", _dumps(_meta(doc)))
            output.file(f"{doc_id}.truth.json", b"[]")
            where = (f"{doc_id}.txt", None)
    elif kind == "foreign":
        other = rng.choice(sorted(FOREIGN_SENTENCES))
        values = {"pct": str(rng.randint(1, 9)), "small": str(rng.randint(20, 400))}
        sentences = rng.sample(FOREIGN_SENTENCES[other], rng.randint(3, 6))
        doc["text"] = " ".join(_SLOT.sub(lambda m: values[m.group(1)], s) for s in sentences)
        doc["title"] = rng.choice(FOREIGN_TITLES[other])
        entry["detail"] = f"text in {other}, labelled {lang}"
        where = _write_doc(output, doc)
    elif kind in ("malformed", "malformed_meta"):
        doc["title"] = "Meldung" if lang == "de" else "Report"
        doc["text"] = filler_sentence(rng, lang, [], published.year)
        full = _dumps(doc if kind == "malformed" else _meta(doc))
        style = rng.choice(("truncated", "single quotes", "trailing comma"))
        if style == "truncated":
            bad = full[: rng.randint(5, len(full) - 3)]
        elif style == "single quotes":
            bad = full.replace(b'"', b"'")
        else:
            bad = full[:-1] + b", }"
        entry["detail"] = style
        if jsonl:
            where = output.line(bad)
            parses = False
        else:
            output.file(f"{doc_id}.txt", doc["text"].encode("utf-8"))
            output.file(f"{doc_id}.meta.json", bad)
            output.file(f"{doc_id}.truth.json", b"[]")
            where = (f"{doc_id}.txt", None)
    else:
        raise ValueError(f"unknown junk kind {kind!r}")
    entry["file"], entry["line"] = where
    entry["parses"] = parses
    entry["bytes"] = output.bytes - before
    return entry


# ---------------------------------------------------------------------------------------------
# CLI
# ---------------------------------------------------------------------------------------------


def parse_args(argv: Sequence[str] | None = None) -> Settings:
    """Command-line options -> Settings."""
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument("--docs", type=int, default=10_000, help="documents to write, junk included (default 10000)")
    p.add_argument("--out", type=Path, required=True, help="output folder (created)")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--format", choices=("jsonl", "txt"), default="jsonl")
    p.add_argument("--junk", type=float, default=0.0, help="fraction of bad documents, e.g. 0.05 (default 0)")
    p.add_argument("--huge-mb", type=float, default=50.0, help="size of the one huge junk document (MiB)")
    p.add_argument("--lang", default="de,en", help="languages, comma-separated (de, en)")
    p.add_argument("--start", type=dt.date.fromisoformat, default=DEFAULT_START)
    p.add_argument("--end", type=dt.date.fromisoformat, default=DEFAULT_END)
    p.add_argument("--shard-size", type=int, default=1000, help="documents per jsonl shard")
    a = p.parse_args(argv)
    langs = tuple(x.strip() for x in a.lang.split(",") if x.strip())
    return Settings(
        out=a.out, docs=a.docs, seed=a.seed, fmt=a.format, junk=a.junk, huge_mb=a.huge_mb, langs=langs,
        start=a.start, end=a.end, shard_size=max(1, a.shard_size),
    )  # fmt: skip


def main(argv: Sequence[str] | None = None) -> int:
    """Generate, then print a short summary."""
    settings = parse_args(argv)
    t0 = time.perf_counter()
    s = generate_corpus(settings)
    elapsed = time.perf_counter() - t0
    junk = ", ".join(f"{k} {v}" for k, v in s["junk_by_kind"].items()) or "none"
    print(
        f"wrote {s['docs']} docs to {settings.out} ({settings.fmt}; {s['good_docs']} good: "
        + ", ".join(f"{k} {v}" for k, v in s["by_lang"].items())
        + f"; junk {s['junk_docs']}: {junk})\n"
        f"world events {s['world_events']}, reports {s['reports']}, mean reports per event "
        f"{s['mean_reports_per_event']:.2f}, reported by 2+ outlets {s['events_reported_by_2plus_outlets']}\n"
        f"{s['bytes'] / 1e6:.1f} MB in {elapsed:.2f} s ({s['docs'] / max(elapsed, 1e-9):,.0f} docs/s)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
