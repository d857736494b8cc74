"""``pipeline_speed.py --peer``: the sentences TABARI is given, its project, and the side-by-side run
(a stand-in TABARI here: none is installed)."""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path
from types import ModuleType

from tests.conftest import write_articles

SCRIPT = Path(__file__).resolve().parents[2] / "benchmarks" / "peer.py"
ARTICLES = {
    "treaty": ("en", "Reuters", "2025-01-17", "Russia and Iran signed a treaty in Moscow. Both sides praised it."),
    "visit": ("de", "dpa", "2025-02", "Der iranische Präsident besuchte am Montag Moskau."),
}  # fmt: skip
# Stands in for TABARI: reads the project's text file, writes one line per record to its event file.
FAKE = """#!{python}
import re, sys
assert sys.argv[1] == "-a"
project = open(sys.argv[2], encoding="latin-1").read()
text = re.search(r"<textfile> (.*)", project).group(1)
events = re.search(r"<eventfile> (.*)", project).group(1)
assert "<verbsfile> cameo.verbs" in project
records = open(text, encoding="utf-8").read().strip().split("\\n\\n")
open(events, "w").write("".join(r.split("\\n")[0] + "\\n" for r in records))
"""


def _load() -> ModuleType:
    name = "peer_under_test"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, SCRIPT)
        assert spec and spec.loader
        sys.modules[name] = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(sys.modules[name])
    return sys.modules[name]


def test_sentences_become_tabari_records(tmp_path, options):
    peer = _load()
    folder = write_articles(tmp_path / "articles", ARTICLES)
    corpus = tmp_path / "corpus.jsonl"
    peer.write_corpus(peer.articles(folder, options, only_lang=None), 2, corpus)
    assert len(corpus.read_text(encoding="utf-8").splitlines()) == 4
    _seconds, docs = peer.run_analysis(corpus, options)
    count = peer.write_tabari_text(docs, tmp_path / "t.txt")
    records = (tmp_path / "t.txt").read_text(encoding="utf-8").strip().split("\n\n")
    assert count == len(records) == sum(len(d.sentences) for d in docs) == 6
    heads = [r.split("\n")[0] for r in records]
    assert all(re.fullmatch(r"\d{6} DG\d{6}-\d{3}", h) for h in heads)
    assert {h[:6] for h in heads} == {"250117", "250201"}  # a month-only date gets day 01
    assert "Russia and Iran signed a treaty in Moscow." in records[0]


def test_only_one_language(tmp_path, options):
    peer = _load()
    folder = write_articles(tmp_path / "articles", ARTICLES)
    assert [a.lang for a in peer.articles(folder, options, only_lang="en")] == ["en"]


def test_side_by_side_runs_tabari_on_the_same_sentences(tmp_path, options, capsys):
    peer = _load()
    folder = write_articles(tmp_path / "articles", ARTICLES)
    corpus = tmp_path / "corpus.jsonl"
    peer.write_corpus(peer.articles(folder, options, only_lang=None), 1, corpus)
    binary = tmp_path / "TABARI"
    binary.write_text(FAKE.format(python=sys.executable))
    binary.chmod(0o755)
    project = tmp_path / "dictionaries" / "CAMEO.project"
    project.parent.mkdir()
    project.write_text("<textfile> theirs.txt\n<eventfile> theirs.evt\n<verbsfile> cameo.verbs\n")
    peer.compare(peer.Peer(corpus, tmp_path / "ours.txt", binary, project), options, rounds=1)
    out = capsys.readouterr().out
    assert "TABARI records: 3" in out and re.search(r"whole CLI / TABARI: \d+\.\d\d×", out), out
    assert len((tmp_path / "ours.events").read_text().splitlines()) == 3  # TABARI read our file, wrote its own
