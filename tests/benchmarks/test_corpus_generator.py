"""The synthetic corpus generator (benchmarks/corpus_generator.py): deterministic, complete, grammatical, with junk."""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
import random
import re
import sys
from collections import Counter
from pathlib import Path
from types import ModuleType

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "benchmarks" / "corpus_generator.py"


def _load() -> ModuleType:
    """benchmarks/ is not a package: load the script from its path (registered so dataclasses resolve)."""
    name = "corpus_generator_under_test"
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, SCRIPT)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


cg = _load()
DOCS, JUNK = 300, 0.1


def _generate(out: Path, *, fmt: str = "jsonl", seed: int = 7, docs: int = DOCS, junk: float = JUNK) -> dict:
    cg.generate_corpus(cg.Settings(out=out, docs=docs, seed=seed, fmt=fmt, junk=junk, huge_mb=0.02, shard_size=100))
    return json.loads((out / "manifest.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict, dict[str, bytes]]:
    """One jsonl corpus for most checks: folder, manifest, and each document's raw line by id order."""
    out = tmp_path_factory.mktemp("jsonl")
    manifest = _generate(out)
    lines: list[bytes] = []
    for name in manifest["files"]:
        data = (out / name).read_bytes()
        assert data.endswith(b"\n")
        lines.extend(data[:-1].split(b"\n"))
    return out, manifest, dict(zip([f"doc-{i:06d}" for i in range(len(lines))], lines, strict=True))


def _good_docs(manifest: dict, lines: dict[str, bytes]) -> list[dict]:
    junk = {j["id"] for j in manifest["junk"]}
    return [json.loads(raw) for doc_id, raw in lines.items() if doc_id not in junk]


def test_same_seed_same_bytes_other_seed_differs(tmp_path: Path) -> None:
    a, b, c = tmp_path / "a", tmp_path / "b", tmp_path / "c"
    _generate(a, docs=120)
    _generate(b, docs=120)
    _generate(c, docs=120, seed=8)
    names = sorted(p.name for p in a.iterdir())
    assert names == sorted(p.name for p in b.iterdir())
    for name in names:
        assert (a / name).read_bytes() == (b / name).read_bytes(), name
    assert (a / "corpus-00000.jsonl").read_bytes() != (c / "corpus-00000.jsonl").read_bytes()


def test_counts_and_shards(corpus: tuple[Path, dict, dict[str, bytes]]) -> None:
    _out, manifest, lines = corpus
    counts = manifest["counts"]
    assert len(lines) == DOCS == counts["docs"]
    assert manifest["files"] == ["corpus-00000.jsonl", "corpus-00001.jsonl", "corpus-00002.jsonl"]
    assert counts["junk_docs"] == len(manifest["junk"]) == round(DOCS * JUNK)
    assert counts["good_docs"] == DOCS - counts["junk_docs"] == sum(counts["by_lang"].values())
    assert set(counts["by_lang"]) == {"de", "en"}
    assert counts["world_events"] == len(manifest["world"])
    assert counts["reports"] == sum(len(e["reported_by"]) for e in manifest["world"])
    assert 2.0 <= counts["mean_reports_per_event"] <= 3.5


def test_documents_carry_their_sentences_and_metadata(corpus: tuple[Path, dict, dict[str, bytes]]) -> None:
    _out, manifest, lines = corpus
    docs = _good_docs(manifest, lines)
    assert docs
    for doc in docs:
        assert list(doc) == ["id", "lang", "source", "published", "title", "text", "truth"]
        assert doc["lang"] in ("de", "en") and doc["source"] in cg.OUTLETS[doc["lang"]] and doc["title"]
        assert 1 <= len(doc["truth"]) <= 5  # 1-4, rarely one more at the very end of the plan
        published = dt.date.fromisoformat(doc["published"])
        for ev in doc["truth"]:
            assert ev["sentence"] in doc["text"]
            assert ev["type"] in cg.PLOVER_TYPES and ev["modality"] in cg.MODALITIES
            assert ev["source"] in cg.STATES and ev["target"] in cg.STATES and ev["source"] != ev["target"]
            assert dt.date.fromisoformat(ev["date"]) <= published
        sentences = re.split(r"(?<=[.“\"])\s+", doc["text"])
        assert 2 + len(doc["truth"]) <= len(sentences)


def test_every_world_event_reported_and_truth_matches(corpus: tuple[Path, dict, dict[str, bytes]]) -> None:
    _out, manifest, lines = corpus
    docs = {d["id"]: d for d in _good_docs(manifest, lines)}
    world = manifest["world"]
    assert all(e["reported_by"] for e in world)
    multi_outlet = [e for e in world if len({docs[d]["source"] for d in e["reported_by"]}) >= 2]
    assert len(multi_outlet) >= len(world) // 5
    for e in world:
        for doc_id in e["reported_by"]:
            (ev,) = [t for t in docs[doc_id]["truth"] if t["event"] == e["id"]]
            assert (ev["type"], ev["source"], ev["target"], ev["date"], ev["modality"]) == (
                e["type"], e["source"], e["target"], e["date"], e["modality"]
            )  # fmt: skip


def test_junk_fraction_and_kinds(corpus: tuple[Path, dict, dict[str, bytes]]) -> None:
    _out, manifest, _lines = corpus
    kinds = Counter(j["kind"] for j in manifest["junk"])
    assert kinds["huge"] == 1
    for kind in cg.JUNK_KINDS_JSONL:
        assert kinds[kind] >= 5, kinds
    huge = next(j for j in manifest["junk"] if j["kind"] == "huge")
    assert huge["bytes"] >= 0.9 * 0.02 * 1024 * 1024


def test_jsonl_lines_parse_except_the_malformed_ones(corpus: tuple[Path, dict, dict[str, bytes]]) -> None:
    _out, manifest, lines = corpus
    junk = {j["id"]: j for j in manifest["junk"]}
    for doc_id, raw in lines.items():
        try:
            obj = json.loads(raw.decode("utf-8"))
            ok = True
        except (UnicodeDecodeError, json.JSONDecodeError):
            ok = False
        expected = junk[doc_id]["parses"] if doc_id in junk else True
        assert ok == expected, (doc_id, raw[:80])
        if ok:
            assert obj["id"] == doc_id
    by_kind = {j["kind"]: j for j in manifest["junk"]}
    assert lines[by_kind["empty"]["id"]] and json.loads(lines[by_kind["empty"]["id"]])["text"] == ""
    latin1 = lines[by_kind["latin1"]["id"]].decode("latin-1")
    assert json.loads(latin1)["lang"] == "de" and not latin1.isascii()
    assert b"\x00" in lines[by_kind["binary"]["id"]]


BAD_GERMAN = re.compile(
    r"\b(gegen|für|durch|ohne|um) (dem|der)\b"  # accusative prepositions
    r"|\b(mit|von|aus|bei|nach|seit) (den|die|das) (Ukraine|Türkei|Schweiz|Iran|Irak|Libanon|Jemen)\b"
    r"|\b(zu|von|in|bei) dem\b|\bzu der\b"  # should be contracted
    r"|\bden (Ukraine|Türkei|Schweiz)\b|\bdie (Iran|Irak|Libanon|Jemen)\b|\bdem (USA|Niederlanden)\b"
)


def test_german_case_forms_in_all_templates() -> None:
    rng = random.Random(0)
    event, published = dt.date(2025, 1, 17), dt.date(2025, 1, 18)
    templates = [t for ts in cg.DE_TEMPLATES.values() for t in ts]
    templates += [cg._modal_template(rng, "de", ty, mod) for ty in cg.PLOVER_TYPES for mod in cg.MODALITIES[1:]]
    for source, target in (("USA", "IRN"), ("RUS", "UKR"), ("IRN", "TUR"), ("NLD", "CHE"), ("CHN", "USA")):
        for template in templates:
            for kind in ("name", "gov"):
                sentence, _ = cg.realise(template, "de", source, target, rng, event, published, t_kind=kind)
                assert not BAD_GERMAN.search(sentence), sentence
                assert "{" not in sentence and "  " not in sentence and sentence[0].isupper()


def test_english_templates_render_cleanly() -> None:
    rng = random.Random(0)
    event, published = dt.date(2025, 1, 17), dt.date(2025, 1, 20)
    templates = [t for ts in cg.EN_TEMPLATES.values() for t in ts]
    templates += [cg._modal_template(rng, "en", ty, mod) for ty in cg.PLOVER_TYPES for mod in cg.MODALITIES[1:]]
    for source, target in (("USA", "IRN"), ("RUS", "UKR"), ("ARE", "ISR")):
        for template in templates:
            sentence, _ = cg.realise(template, "en", source, target, rng, event, published)
            assert "{" not in sentence and "  " not in sentence and " ," not in sentence, sentence
            assert sentence[0].isupper() or sentence.startswith("dpa "), sentence
            assert not re.search(r"\ba [AEIO]|\ban [^AEIOUaeiou]|\bThe the\b", sentence), sentence


def test_german_forms_examples() -> None:
    rng = random.Random(0)
    d = dt.date(2025, 1, 17)

    def say(template: str, source: str, target: str, **kw: str) -> str:
        return cg.realise(template, "de", source, target, rng, d, d, attribution=False, **kw)[0]

    sanction = "{S} {v:verhängte|verhängten} Sanktionen gegen {T_acc}."
    assert say(sanction, "USA", "IRN", s_kind="name", t_kind="name") == "Die USA verhängten Sanktionen gegen den Iran."
    assert say(sanction, "IRN", "USA", s_kind="gov", t_kind="name") == (
        "Die iranische Regierung verhängte Sanktionen gegen die USA."
    )
    assert say("{S} {v:drohte|drohten} {T_dat} mit Vergeltung.", "USA", "UKR", s_kind="name", t_kind="name") == (
        "Die USA drohten der Ukraine mit Vergeltung."
    )
    assert say("{S} {v:griff|griffen} Ziele in {T_dat/n} an.", "RUS", "IRN", s_kind="name") == (
        "Russland griff Ziele im Iran an."
    )
    assert say("{T} {vt:wurde|wurden} von {S_dat} mit Sanktionen belegt.", "TUR", "NLD", s_kind="mil",
               t_kind="name") == "Die Niederlande wurden vom türkischen Militär mit Sanktionen belegt."  # fmt: skip
    assert say("{S} warnte {T_acc} vor einer Eskalation.", "RUS", "UKR", s_kind="leader", t_kind="gov") == (
        "Der russische Präsident warnte die ukrainische Regierung vor einer Eskalation."
    )
    assert cg.de_mention(cg.STATES["BLR"], "name", "gen") == "von Belarus"
    assert cg.de_mention(cg.STATES["USA"], "name", "dat") == "den USA"


def test_english_forms_examples() -> None:
    rng = random.Random(0)
    d = dt.date(2025, 1, 17)
    sentence, info = cg.realise("{S} seized {a_Tadj} oil tanker {d}.", "en", "USA", "IRN", rng, d,
                                d + dt.timedelta(days=1), s_kind="name", attribution=False)  # fmt: skip
    assert sentence.startswith("The United States seized an Iranian oil tanker")
    assert info["date_form"] in ("absolute", "absolute_noyear", "weekday", "relative", "none")
    assert cg.en_mention(cg.STATES["USA"], "name", "poss") == "the United States'"
    assert cg.en_mention(cg.STATES["IRN"], "gov", "poss") == "the Iranian government's"


def test_dates_match_publication_date() -> None:
    rng = random.Random(1)
    event = dt.date(2025, 1, 17)  # a Friday
    seen = set()
    for _ in range(300):
        text, form = cg.render_date(rng, "de", event, dt.date(2025, 1, 18), required=False)
        seen.add(form)
        assert {"weekday": "am Freitag", "relative": "gestern", "none": "",
                "absolute": "am 17. Januar 2025", "absolute_noyear": "am 17. Januar"}[form] == text  # fmt: skip
    assert seen == {"weekday", "relative", "none", "absolute", "absolute_noyear"}
    for _ in range(50):  # three weeks later: no weekday, no "yesterday"
        _text, form = cg.render_date(rng, "en", event, dt.date(2025, 2, 7), required=True)
        assert form in ("absolute", "absolute_noyear")


def test_template_variety() -> None:
    for table in (cg.DE_TEMPLATES, cg.EN_TEMPLATES):
        assert set(table) == set(cg.PLOVER_TYPES)
        assert all(len(ts) >= 4 for ts in table.values())
    assert sum(cg.template_count().values()) >= 120
    assert len(cg.STATES) >= 30


def test_world_blocs_and_skew() -> None:
    world = cg.build_world(random.Random(2), 3000, cg.DEFAULT_START, cg.DEFAULT_END)
    dyads = Counter((e.source, e.target) for e in world)
    assert dyads.most_common(1)[0][0] == ("RUS", "UKR")
    coop = {"CONSULT", "AGREE", "SUPPORT", "COOPERATE", "AID", "CONCEDE", "RETREAT"}
    share = {}
    for rel in ("coop", "conflict"):
        events = [e for e in world if cg.relation(e.source, e.target) == rel]
        share[rel] = sum(e.type in coop for e in events) / len(events)
    assert share["coop"] > 0.7 and share["conflict"] < 0.3
    assert all(frozenset((e.source, e.target)) in cg.WAR_DYADS for e in world if e.type == "ASSAULT")


def test_txt_format(tmp_path: Path) -> None:
    manifest = _generate(tmp_path, fmt="txt", docs=80, junk=0.2)
    junk = {j["id"]: j for j in manifest["junk"]}
    assert {j["kind"] for j in junk.values()} == {*cg.JUNK_KINDS_TXT, "huge"}
    for i in range(80):
        doc_id = f"doc-{i:06d}"
        assert (tmp_path / f"{doc_id}.txt").exists() and (tmp_path / f"{doc_id}.truth.json").exists()
        meta_raw = (tmp_path / f"{doc_id}.meta.json").read_text(encoding="utf-8")
        if junk.get(doc_id, {}).get("kind") == "malformed_meta":
            with pytest.raises(json.JSONDecodeError):
                json.loads(meta_raw)
            continue
        meta = json.loads(meta_raw)
        assert list(meta) == ["id", "lang", "source", "published", "title"] and meta["id"] == doc_id
        if doc_id not in junk:
            text = (tmp_path / f"{doc_id}.txt").read_text(encoding="utf-8")
            truth = json.loads((tmp_path / f"{doc_id}.truth.json").read_text(encoding="utf-8"))
            assert truth and all(t["sentence"] in text for t in truth)


def test_cli_prints_summary(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rc = cg.main(["--docs", "40", "--out", str(tmp_path), "--junk", "0.1", "--huge-mb", "0.01", "--lang", "de"])
    assert rc == 0
    out = capsys.readouterr().out
    assert "wrote 40 docs" in out and "world events" in out and "mean reports per event" in out
    manifest = json.loads((tmp_path / "manifest.json").read_text(encoding="utf-8"))
    assert set(manifest["counts"]["by_lang"]) == {"de"}
