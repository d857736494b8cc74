"""Stores for the graph tests: one synthetic corpus per session, and tiny hand-written stores."""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Callable, Iterable
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

import pytest

from diplograph.ingest import read_inputs
from diplograph.pipeline import Options, analyze_all
from diplograph.store.events import rebuild_events
from diplograph.store.writer import connect, ingest

GENERATOR = Path(__file__).resolve().parents[2] / "benchmarks" / "corpus_generator.py"
# Large enough that middle-weight states (GBR has a quarter of the USA's activity) have several ties in
# each half of the corpus; about five seconds to generate and ingest.
SYNTHETIC_DOCS = 1500
SYNTHETIC_SEED = 1


def load_generator() -> ModuleType:
    """benchmarks/ is not a package: load the script from its path (registered so its dataclasses resolve)."""
    name = "corpus_generator_for_graph_tests"
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, GENERATOR)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def synthetic_store(tmp_path_factory: pytest.TempPathFactory, options: Options) -> Path:
    """A store ingested from the synthetic corpus: a Western and a Russia–China camp, 2023–2025."""
    generator = load_generator()
    folder = tmp_path_factory.mktemp("synthetic")
    generator.generate_corpus(generator.Settings(out=folder / "corpus", docs=SYNTHETIC_DOCS, seed=SYNTHETIC_SEED,
                                                 fmt="jsonl"))  # fmt: skip
    db = folder / "store.duckdb"
    assert options.settings is not None
    with closing(connect(db)) as con:
        result = ingest(con, analyze_all(read_inputs([str(folder / "corpus")], settings=options.settings),
                                         options=options))  # fmt: skip
        assert result.added == SYNTHETIC_DOCS and not result.rejected
        rebuild_events(con)
    return db


@pytest.fixture(scope="session")
def camps() -> dict[str, str]:
    """The generator's camp per state: W (Western), B (Russia–China) or N (non-aligned)."""
    return {code: state.camp for code, state in load_generator().STATES.items()}


@dataclass(frozen=True)
class Ev:
    """One merged event for a hand-written store."""

    source: tuple[str, ...]
    target: tuple[str, ...]
    goldstein: float
    quad_class: int
    date: str | None = "2024-03-01"
    joint: bool = False
    modality: str = "actual"
    confidence: float = 1.0


KINDS = {"EU": "igo", "NATO": "igo", "HAMAS": "group"}


def write_store(path: Path, events: Iterable[Ev]) -> Path:
    """A store whose events tables hold exactly ``events`` (names = codes, kinds from KINDS or state)."""
    with closing(connect(path)) as con:
        for n, e in enumerate(events):
            event = f"E{n:04d}"
            month = e.date[:7] if e.date and len(e.date) >= 7 else None
            con.execute(
                "INSERT INTO events (event, type, goldstein, quad_class, joint, date, month, modality, source, target,"
                " mentions, outlets, confidence) VALUES (?, 'TEST', ?, ?, ?, ?, ?, ?, ?, ?, 1, 1, ?)",
                [event, e.goldstein, e.quad_class, e.joint, e.date, month, e.modality, list(e.source), list(e.target),
                 e.confidence],
            )  # fmt: skip
            for side, codes in (("source", e.source), ("target", e.target)):
                for code in codes:
                    con.execute("INSERT INTO event_actors VALUES (?, ?, ?, ?, ?)",
                                [event, side, code, code, KINDS.get(code, "state")])  # fmt: skip
    return path


@pytest.fixture
def tiny_store(tmp_path: Path) -> Callable[[Iterable[Ev]], Path]:
    """``tiny_store([Ev(...), ...])`` writes a fresh store in the test's tmp folder and returns its path."""
    counter = iter(range(1000))
    return lambda events: write_store(tmp_path / f"tiny{next(counter)}.duckdb", events)
