"""Which folders an evaluation covers, and the held-out list."""

from __future__ import annotations

import hashlib

import pytest

from diplograph.errors import UsageError
from diplograph.evaluation.corpus import DEFAULT_HOLDOUT, gold_folders, read_holdout
from tests.conftest import SHARED_CORPUS

FOUNDING_EXAMPLE = "de-putin-pezeshkian-2025-01"


def touch_gold(folder, name="a"):
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{name}.gold.json").write_text("{}", encoding="utf-8")


def test_a_root_is_walked_for_every_folder_with_gold_files(tmp_path):
    touch_gold(tmp_path / "corpus" / "dev")
    touch_gold(tmp_path / "corpus" / "world")
    (tmp_path / "corpus" / "empty").mkdir()
    found = gold_folders([tmp_path / "corpus"])
    assert [label for label, _f in found] == ["dev", "world"]
    # A folder named twice is scored once; a folder that holds gold itself is its own label.
    assert [label for label, _f in gold_folders([tmp_path / "corpus" / "dev", tmp_path / "corpus"])] == ["dev", "world"]


def test_folders_that_share_a_name_are_labelled_by_path(tmp_path):
    touch_gold(tmp_path / "one" / "dev")
    touch_gold(tmp_path / "two" / "dev")
    labels = [label for label, _f in gold_folders([tmp_path / "one", tmp_path / "two"])]
    assert labels == [str(tmp_path / "one" / "dev"), str(tmp_path / "two" / "dev")]


def test_a_folder_without_gold_is_an_error(tmp_path):
    with pytest.raises(UsageError, match=r"no \*\.gold\.json"):
        gold_folders([tmp_path])
    with pytest.raises(UsageError, match="not a folder"):
        gold_folders([tmp_path / "missing"])


def test_holdout_names_skip_comments_and_blank_lines(tmp_path):
    path = tmp_path / "holdout.txt"
    path.write_text("# chosen by lot\n\nen-one\nde-two  # a comment\n", encoding="utf-8")
    assert read_holdout(path) == {"en-one", "de-two"}
    with pytest.raises(UsageError, match="held-out list"):
        read_holdout(tmp_path / "missing.txt")


def test_the_default_holdout_is_three_articles_a_language_by_sha1():
    names = read_holdout(DEFAULT_HOLDOUT)
    assert len(names) == 6
    assert FOUNDING_EXAMPLE not in names
    if not SHARED_CORPUS.is_dir():
        pytest.skip("no shared corpus")
    dev = sorted(p.name[: -len(".gold.json")] for p in SHARED_CORPUS.glob("*.gold.json"))
    chosen = set()
    for lang in ("de", "en"):
        candidates = [n for n in dev if n.startswith(f"{lang}-") and n != FOUNDING_EXAMPLE]
        chosen |= set(sorted(candidates, key=lambda n: hashlib.sha1(n.encode()).hexdigest())[:3])
    assert names == chosen
