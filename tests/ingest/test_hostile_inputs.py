"""Inputs built to break the readers (issue 17): each costs only its own record, with a code."""

from __future__ import annotations

import json
import os

import pytest

from diplograph import errors
from diplograph.ingest import read_inputs
from diplograph.ingest.parts import plan_parts, read_part
from diplograph.model import Article, Rejection
from diplograph.settings import load_settings

GOOD = "Russland und der Iran haben am Freitag in Moskau einen Vertrag über eine Partnerschaft unterzeichnet."


@pytest.fixture()
def settings():
    return load_settings()


def read_all(paths, settings):
    return list(read_inputs([str(p) for p in paths], settings=settings))


def test_json_nested_a_thousand_levels_deep_is_one_malformed_record(tmp_path, settings):
    corpus = tmp_path / "deep.jsonl"
    deep = '{"text": "x", "extra": ' + "[" * 1000 + "]" * 1000 + "}"
    corpus.write_text("\n".join([json.dumps({"text": GOOD}), deep, json.dumps({"text": GOOD + " Zwei."})]) + "\n")
    first, bad, last = read_all([corpus], settings)
    assert isinstance(first, Article) and isinstance(last, Article)
    assert (bad.origin, bad.code) == (f"{corpus}:2", errors.MALFORMED_JSON) and "nested" in bad.reason


def test_a_lone_surrogate_escape_rejects_its_record_and_no_other(tmp_path, settings):
    corpus = tmp_path / "surrogate.jsonl"
    lines = [json.dumps({"id": f"d{n}", "text": f"{GOOD} ({n})"}) for n in range(1000)]
    lines[700] = '{"id": "d700", "text": "Russland \\ud800 und Iran unterzeichneten einen Vertrag."}'
    corpus.write_text("\n".join(lines) + "\n", encoding="utf-8")
    parts = plan_parts([str(corpus)], settings=settings)
    results = [item for part in parts for item in read_part(part, settings=settings)]
    [bad] = [r for r in results if isinstance(r, Rejection)]
    assert (bad.origin, bad.code) == (f"{corpus}:701", errors.UNDECODABLE) and "surrogate" in bad.reason
    assert len([r for r in results if isinstance(r, Article)]) == 999


def test_a_lone_surrogate_in_a_metadata_field_drops_the_field_with_a_warning(tmp_path, settings):
    corpus = tmp_path / "meta.jsonl"
    corpus.write_text('{"text": "' + GOOD + '", "title": "T\\udc00", "lang": "de"}\n', encoding="utf-8")
    [article] = read_all([corpus], settings)
    assert isinstance(article, Article) and article.title is None and article.lang == "de"
    assert errors.BAD_METADATA in article.warnings[0]


def test_a_number_too_long_to_convert_is_malformed_json(tmp_path, settings):
    corpus = tmp_path / "number.jsonl"
    corpus.write_text('{"text": "' + GOOD + '", "id": ' + "9" * 5000 + "}\n", encoding="utf-8")
    [bad] = read_all([corpus], settings)
    assert isinstance(bad, Rejection) and bad.code == errors.MALFORMED_JSON


@pytest.mark.skipif(os.name != "posix", reason="POSIX file names are bytes")
def test_a_file_name_that_is_not_utf8_is_read_and_shown_escaped(tmp_path, settings):
    (tmp_path / os.fsdecode(b"bad-\xff.txt")).write_text(GOOD, encoding="utf-8")
    (tmp_path / "good.txt").write_text(GOOD + " Zwei.", encoding="utf-8")
    bad, good = read_all([tmp_path], settings)
    assert isinstance(bad, Article) and isinstance(good, Article)
    assert bad.id == "bad-\\xff" and bad.origin == f"{tmp_path}/bad-\\xff.txt"
    bad.origin.encode("utf-8")  # printable and storable


def test_an_unreadable_folder_is_reported_not_skipped(tmp_path, settings, monkeypatch):
    (tmp_path / "open").mkdir()
    (tmp_path / "open" / "a.txt").write_text(GOOD, encoding="utf-8")
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "b.txt").write_text(GOOD + " Zwei.", encoding="utf-8")
    scandir = os.scandir

    def refusing(path="."):  # as for a folder without read permission (tests may run as root)
        if os.fspath(path) == str(locked):
            raise PermissionError(13, "Permission denied", str(locked))
        return scandir(path)

    monkeypatch.setattr(os, "scandir", refusing)
    article, rejection = read_all([tmp_path], settings)
    assert isinstance(article, Article) and article.origin.endswith("a.txt")
    assert (rejection.origin, rejection.code) == (str(locked), errors.UNREADABLE)
    assert "Permission denied" in rejection.reason
    parts = plan_parts([str(tmp_path)], settings=settings)
    assert [item for part in parts for item in read_part(part, settings=settings)][1] == rejection


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root reads any folder")
def test_a_folder_without_read_permission_is_reported(tmp_path, settings):
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "b.txt").write_text(GOOD, encoding="utf-8")
    locked.chmod(0)
    try:
        [rejection] = read_all([tmp_path], settings)
    finally:
        locked.chmod(0o755)
    assert (rejection.origin, rejection.code) == (str(locked), errors.UNREADABLE)
