"""``diplograph eval`` on a tiny gold corpus of our own: folders, held-out group, causes."""

from __future__ import annotations

import json

import pytest

from tests.cli.test_cli import run
from tests.conftest import write_articles

SIGNED = "Russia and North Korea signed a treaty on Wednesday."
ARTICLES = {
    "alpha": {
        "en-alpha-one": f"{SIGNED} Zebras grazed near the lake at dawn.",
        "en-alpha-two": f"{SIGNED} Giraffes slept under the acacia trees. Putin invited Kim Jong-un to visit Moscow.",
    },
    "beta": {"en-beta-one": SIGNED},
}


def gold_event(id_: str, type_: str, evidence: str, **extra) -> dict:
    return {"id": id_, "type": type_, "source": ["RUS"], "target": ["PRK"], "date": None, "modality": "actual",
            "attribution": None, "evidence": [evidence], **extra}  # fmt: skip


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    root = tmp_path_factory.mktemp("corpus")
    for folder, articles in ARTICLES.items():
        write_articles(root / folder, {name: ("en", "Example", "2024-06-20", text) for name, text in articles.items()})
        for name, text in articles.items():
            events = [gold_event("e1", "SUPPORT", "North Korea signed a treaty", symmetric=True)]
            if len(text) > len(SIGNED):  # the animals' sentence: an event no coder will find
                events.append(gold_event("e2", "ASSAULT", text[len(SIGNED) + 1 :].split(".")[0]))
            gold = {"id": name, "events": events}
            (root / folder / f"{name}.gold.json").write_text(json.dumps(gold), encoding="utf-8")
    holdout = root / "holdout.txt"
    holdout.write_text("# never tuned on\nen-alpha-two\n", encoding="utf-8")
    return root


def test_held_out_articles_show_scores_only(corpus):
    result = run("eval", str(corpus), "--holdout", str(corpus / "holdout.txt"), "--verbose")
    assert result.returncode == 0, result.stderr.decode()
    out = result.stdout.decode()
    lines = out.splitlines()
    for prefix in ("alpha en tune: events P", "alpha en held-out: events P", "beta en: events P", "en: events P",
                   "alpha tune precision by confidence", "alpha held-out precision by confidence",
                   "beta precision by confidence", "held-out: 1 of the 1 articles"):  # fmt: skip
        assert any(line.startswith(prefix) for line in lines), prefix
    assert "Zebras grazed near the lake" in out  # a tuning article's miss is listed ...
    assert "trigger not found" in out  # ... under its cause
    assert "Giraffes" not in out  # the held-out article's is not,
    assert out.count("en-alpha-two") == 1  # nor anything else of it but its row in the table


@pytest.mark.parametrize("switch", [["--no-holdout"], ["--holdout", "none"]])
def test_without_holdout_every_article_is_listed(corpus, switch):
    result = run("eval", str(corpus / "alpha"), str(corpus / "beta"), *switch, "-v")
    assert result.returncode == 0, result.stderr.decode()
    out = result.stdout.decode()
    assert "Giraffes slept under the acacia trees" in out
    assert "alpha en: events P" in out
    assert "held-out" not in out
