"""Atomic writes, no overwriting without --force, and bad filters failing before anything is written."""

from __future__ import annotations

import pytest

from diplograph.errors import UsageError
from diplograph.export import write_gdelt, write_gexf, write_graphml, write_jsonld, write_parquet, write_polecat
from diplograph.export.output import atomic_file, atomic_folder
from diplograph.store.query import EventFilter, QueryError

WRITERS = [write_gdelt, write_polecat, write_parquet, write_gexf, write_graphml, write_jsonld]


def test_existing_file_is_kept_unless_forced(tmp_path):
    out = tmp_path / "out.tsv"
    out.write_text("keep")
    with pytest.raises(UsageError, match=r"D420.*--force"), atomic_file(out) as temporary:
        temporary.write_text("new")
    assert out.read_text() == "keep"
    with atomic_file(out, force=True) as temporary:
        temporary.write_text("new")
    assert out.read_text() == "new"
    assert [p.name for p in tmp_path.iterdir()] == ["out.tsv"]


def test_a_failed_write_leaves_the_old_file_and_no_debris(tmp_path):
    out = tmp_path / "out.tsv"
    out.write_text("old")
    with pytest.raises(RuntimeError), atomic_file(out, force=True) as temporary:
        temporary.write_text("half")
        raise RuntimeError("disk full")
    assert out.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.tsv"]


def test_folders_are_replaced_whole_or_not_at_all(tmp_path):
    out = tmp_path / "dataset"
    with atomic_folder(out) as temporary:
        (temporary / "a").write_text("1")
    with pytest.raises(RuntimeError), atomic_folder(out, force=True) as temporary:
        (temporary / "b").write_text("2")
        raise RuntimeError("interrupted")
    assert [p.name for p in out.iterdir()] == ["a"]
    with atomic_folder(out, force=True) as temporary:
        (temporary / "b").write_text("2")
    assert [p.name for p in out.iterdir()] == ["b"]
    assert [p.name for p in tmp_path.iterdir()] == ["dataset"]


def test_never_a_file_for_a_folder_nor_into_a_missing_folder(tmp_path):
    (tmp_path / "folder").mkdir()
    with pytest.raises(UsageError, match="D422"), atomic_file(tmp_path / "folder", force=True):
        pass
    (tmp_path / "file").write_text("x")
    with pytest.raises(UsageError, match="D422"), atomic_folder(tmp_path / "file", force=True):
        pass
    with pytest.raises(UsageError, match="D421"), atomic_file(tmp_path / "missing" / "out.tsv"):
        pass


@pytest.mark.parametrize("write", WRITERS, ids=lambda w: w.__name__)
def test_bad_filter_fails_before_writing(con, tmp_path, write):
    out = tmp_path / "out"
    with pytest.raises(QueryError, match="D410"):
        write(con, EventFilter(since="last week"), out)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("write", WRITERS, ids=lambda w: w.__name__)
def test_every_writer_refuses_to_overwrite(empty_con, tmp_path, write):
    out = tmp_path / "out"
    write(empty_con, EventFilter(), out)
    with pytest.raises(UsageError, match="D420"):
        write(empty_con, EventFilter(), out)
    write(empty_con, EventFilter(), out, force=True)
