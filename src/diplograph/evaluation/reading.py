"""Score the reading layer: are the gold events' actors found, are the gold times right?"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from diplograph.errors import InputError, UsageError
from diplograph.ingest import read_inputs
from diplograph.model import Article, Document
from diplograph.pipeline import Options


@dataclass(frozen=True, slots=True)
class ReadingScore:
    """Per-document figures for actors and times."""

    id: str
    lang: str
    gold_codes: frozenset[str]
    found_codes: frozenset[str]
    gold_times: int
    times_found: int  # gold time texts found as (part of) one of our expressions
    times_correct: int  # ... with the gold value

    @property
    def actor_recall(self) -> float:
        return len(self.gold_codes & self.found_codes) / len(self.gold_codes) if self.gold_codes else 1.0

    @property
    def missing(self) -> frozenset[str]:
        return self.gold_codes - self.found_codes


def gold_pairs(gold_dir: Path) -> list[tuple[Path, Path]]:
    """(text, gold) file pairs: every ``NAME.txt`` that has a ``NAME.gold.json``."""
    if not gold_dir.is_dir():
        raise UsageError(f"{gold_dir} is not a folder", code="D406")
    pairs = [(p, p.with_name(p.name[: -len(".txt")] + ".gold.json")) for p in sorted(gold_dir.glob("*.txt"))]
    return [(text, gold) for text, gold in pairs if gold.is_file()]


def load_article(text_path: Path, options: Options) -> Article:
    assert options.settings is not None
    item = next(read_inputs([str(text_path)], settings=options.settings))
    if not isinstance(item, Article):
        raise InputError(f"{text_path}: {item.reason}", code=item.code)
    return item


def score_reading(doc: Document, gold: dict) -> ReadingScore:
    gold_codes = {code for event in gold.get("events", []) for code in (*event["source"], *event["target"])}
    found = {m.entity.code for m in doc.actors}
    times_found = times_correct = 0
    for gold_time in gold.get("times", []):
        match = next((t for t in doc.times if gold_time["text"] in t.text or t.text in gold_time["text"]), None)
        if match is not None:
            times_found += 1
            times_correct += match.value == gold_time["value"]
    return ReadingScore(doc.article.id, doc.lang, frozenset(gold_codes), frozenset(found), len(gold.get("times", [])),
                        times_found, times_correct)  # fmt: skip
