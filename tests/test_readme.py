"""The README's "Using the data" examples run as written, on a store and exports made here."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

import diplograph.cli.export  # noqa: F401  (registers the command)
from diplograph.cli.app import app
from tests.conftest import DEMO, build_store, write_articles

README = Path(__file__).resolve().parents[1] / "README.md"
ARTICLES = {
    "treaty": ("en", "Reuters", "2025-01-17", "Russia and Iran signed a partnership treaty in Moscow on Friday."),
    "visit": ("de", "dpa", "2025-02-03", "Der iranische Präsident besuchte am Montag Moskau."),
}  # fmt: skip


def using_the_data() -> list[str]:
    """The Python code blocks of the section."""
    section = README.read_text(encoding="utf-8").split("## Using the data", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```python\n(.*?)```", section, flags=re.DOTALL)


def test_the_section_has_pandas_and_geopandas_examples():
    blocks = using_the_data()
    assert len(blocks) >= 3
    assert any("read_parquet" in b for b in blocks) and any("geopandas.read_file" in b for b in blocks)


def test_examples_run(tmp_path, monkeypatch, options):
    articles = write_articles(tmp_path / "articles", ARTICLES)
    build_store(tmp_path / "news.duckdb", [articles, DEMO], options)
    runner = CliRunner()
    for fmt, out in (("parquet", "dataset"), ("geojson", "events.geojson")):
        db, target = str(tmp_path / "news.duckdb"), str(tmp_path / out)
        result = runner.invoke(app, ["export", fmt, "--db", db, "--out", target])
        assert result.exit_code == 0, result.output
    monkeypatch.chdir(tmp_path)
    for block in using_the_data():
        namespace: dict = {}
        try:
            exec(compile(block, "README.md", "exec"), namespace)  # our own documentation
        except Exception as exc:  # pragma: no cover - the message names the failing example
            pytest.fail(f"README example failed: {exc!r}\n{block}")
