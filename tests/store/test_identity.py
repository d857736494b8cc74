"""Documents keep their identity: two texts under one id are reported (D112), never merged."""

from __future__ import annotations

from contextlib import closing

from diplograph import errors
from diplograph.ingest import read_inputs
from diplograph.pipeline import analyze_all
from diplograph.store.writer import connect, ingest

FIRST = "Russia and Iran signed a strategic partnership treaty in Moscow on Friday."
SECOND = "The European Union imposed new sanctions on Iran on Monday."


def _ingest(db, paths, options):
    with closing(connect(db)) as con:
        result = ingest(con, analyze_all(read_inputs([str(p) for p in paths], settings=options.settings),
                                         options=options))  # fmt: skip
        rows = con.execute("SELECT id, origin FROM documents ORDER BY id").fetchall()
        rejections = con.execute("SELECT origin, code FROM rejections").fetchall()
    return result, rows, rejections


def test_two_files_with_one_id_in_a_run_are_reported(tmp_path, options):
    (tmp_path / "brief.txt").write_text(FIRST, encoding="utf-8")
    (tmp_path / "brief.html").write_text(f"<html><body><p>{SECOND}</p></body></html>", encoding="utf-8")
    result, rows, rejections = _ingest(tmp_path / "s.duckdb", [tmp_path / "brief.html", tmp_path / "brief.txt"],
                                       options)  # fmt: skip
    assert [r.code for r in result.rejected] == [errors.DUPLICATE_ID]
    assert result.rejected[0].origin.endswith("brief.txt") and "brief.html" in result.rejected[0].reason
    assert [doc_id for doc_id, _origin in rows] == ["brief"]
    assert rejections == [(result.rejected[0].origin, errors.DUPLICATE_ID)]


def test_an_id_already_stored_with_another_text_is_reported(tmp_path, options):
    db = tmp_path / "s.duckdb"
    first, second = tmp_path / "a", tmp_path / "b"
    first.mkdir(), second.mkdir()
    (first / "report.2008.08.06.txt").write_text(FIRST, encoding="utf-8")
    (second / "report.2008.08.06.txt").write_text(SECOND, encoding="utf-8")
    (second / "report.2008.08.07.txt").write_text(SECOND + " Iran protested.", encoding="utf-8")
    assert not _ingest(db, [first], options)[0].rejected
    result, rows, _ = _ingest(db, [second], options)
    assert [(r.code, r.origin.endswith("report.2008.08.06.txt")) for r in result.rejected] == [
        (errors.DUPLICATE_ID, True)
    ]
    assert [doc_id for doc_id, _ in rows] == ["report.2008.08.06", "report.2008.08.07"]


def test_the_same_text_again_is_no_clash(tmp_path, options):
    db = tmp_path / "s.duckdb"
    (tmp_path / "a.txt").write_text(FIRST, encoding="utf-8")
    _ingest(db, [tmp_path / "a.txt"], options)
    result, rows, _ = _ingest(db, [tmp_path / "a.txt"], options)
    assert (result.added, result.skipped, result.rejected, len(rows)) == (0, 1, [], 1)


def test_the_dask_route_reports_a_taken_id_too(tmp_path):
    """Partitions analysed as Dask tasks would (no cluster needed: the task is a plain function)."""
    from diplograph.ingest.parts import InputPart
    from diplograph.store.dask_ingest import Recipe, analyse_partition, load_partition

    (tmp_path / "brief.txt").write_text(FIRST, encoding="utf-8")
    (tmp_path / "brief.html").write_text(f"<html><body><p>{SECOND}</p></body></html>", encoding="utf-8")
    (tmp_path / "other.txt").write_text(SECOND + " Iran protested.", encoding="utf-8")
    parts = tmp_path / "parts"
    analyse_partition(0, InputPart(files=(str(tmp_path / "brief.txt"),)), Recipe(lang="en"), str(parts))
    analyse_partition(1, InputPart(files=(str(tmp_path / "brief.html"), str(tmp_path / "other.txt"))),
                      Recipe(lang="en"), str(parts))  # fmt: skip
    with closing(connect(tmp_path / "s.duckdb")) as con:
        assert load_partition(con, parts, 0) == (1, [])
        added, clashes = load_partition(con, parts, 1)
        assert added == 1 and [(r.code, r.origin.endswith("brief.html")) for r in clashes] == [
            (errors.DUPLICATE_ID, True)
        ]
        (tmp_path / "twin.txt").write_text(FIRST + " Iran agreed.", encoding="utf-8")
        (tmp_path / "twin.html").write_text(f"<html><body><p>{SECOND} Russia agreed.</p></body></html>")
        analyse_partition(2, InputPart(files=(str(tmp_path / "twin.html"), str(tmp_path / "twin.txt"))),
                          Recipe(lang="en"), str(parts))  # fmt: skip
        added, clashes = load_partition(con, parts, 2)  # two new texts under one id within a partition
        assert added == 1 and [r.origin.endswith("twin.txt") for r in clashes] == [True]
        rows = con.execute("SELECT id FROM documents ORDER BY id").fetchall()
        assert rows == [("brief",), ("other",), ("twin",)]
        assert con.execute("SELECT count(*) FROM reports WHERE doc NOT IN (SELECT doc FROM documents)").fetchone() == (
            0,
        )


def test_rows_from_worker_processes_are_checked_too(tmp_path, options):
    """Workers send rows, not documents (``--workers``): the id and origin come from the rows."""
    from diplograph.store.writer import to_rows

    (tmp_path / "brief.txt").write_text(FIRST, encoding="utf-8")
    (tmp_path / "brief.html").write_text(f"<html><body><p>{SECOND}</p></body></html>", encoding="utf-8")
    docs = analyze_all(read_inputs([str(tmp_path / "brief.txt"), str(tmp_path / "brief.html")],
                                   settings=options.settings), options=options)  # fmt: skip
    with closing(connect(tmp_path / "s.duckdb")) as con:
        result = ingest(con, [to_rows(doc) for doc in docs])
    assert result.added == 1 and [(r.code, r.origin.endswith("brief.html")) for r in result.rejected] == [
        (errors.DUPLICATE_ID, True)
    ]
