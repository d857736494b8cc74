"""Which diplograph and which ingest runs made an export: so a dataset can be cited and redone.

Parquet files carry it as key-value metadata (``diplograph.version``, ``diplograph.runs``, …); every
export also gets a ``manifest.json``: inside a folder export, beside a file export as
``NAME.manifest.json`` (two exports in one folder must not overwrite each other's).
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import duckdb

from diplograph import __version__
from diplograph.export.output import atomic_file
from diplograph.store.query import EventFilter
from diplograph.store.runs import list_runs
from diplograph.store.schema import SCHEMA_VERSION


def provenance(con: duckdb.DuckDBPyConnection, where: EventFilter) -> dict[str, Any]:
    """The exporting version, the filter, and the store's runs (id, version, fingerprints, status)."""
    frame = list_runs(con)
    columns = [c for c in ("run", "started", "ended", "status", "route", "version", "settings", "kb", "lexicon")
               if c in frame.columns]  # fmt: skip
    runs = [{c: _plain(row[c]) for c in columns} for _, row in frame.iterrows()]
    chosen = {k: v for k, v in dataclasses.asdict(where).items() if v not in (None, 1) or k == "min_sources"}
    return {
        "diplograph_version": __version__,
        "store_schema": SCHEMA_VERSION,
        "exported": datetime.now(UTC).isoformat(timespec="seconds"),
        "filter": chosen,
        "last_run": runs[-1]["run"] if runs else None,
        "runs": runs,
    }


def parquet_metadata(info: dict[str, Any]) -> dict[bytes, bytes]:
    """Key-value metadata for a Parquet schema (strings; the run list as JSON)."""
    return {
        b"diplograph.version": info["diplograph_version"].encode(),
        b"diplograph.store_schema": str(info["store_schema"]).encode(),
        b"diplograph.last_run": (info["last_run"] or "").encode(),
        b"diplograph.runs": json.dumps([r["run"] for r in info["runs"]]).encode(),
        b"diplograph.filter": json.dumps(info["filter"], default=str).encode(),
    }


def manifest_path(out: Path) -> Path:
    return out / "manifest.json" if out.is_dir() else out.with_name(out.name + ".manifest.json")


def write_manifest(out: Path, info: dict[str, Any], *, export_format: str, written: int, unit: str) -> Path:
    """Write the manifest of the finished export ``out`` (its files listed with SHA-256)."""
    files = sorted(p for p in out.rglob("*") if p.is_file() and p.name != "manifest.json") if out.is_dir() else [out]
    listed = [{"path": str(p.relative_to(out) if out.is_dir() else p.name), "bytes": p.stat().st_size,
               "sha256": _sha256(p)} for p in files]  # fmt: skip
    manifest = {"format": export_format, "written": written, "unit": unit, **info, "files": listed}
    target = manifest_path(out)
    with atomic_file(target, force=True) as temporary:
        temporary.write_text(json.dumps(manifest, ensure_ascii=False, indent=2, default=str) + "\n", encoding="utf-8")
    return target


def _sha256(path: Path) -> str:
    sha = hashlib.sha256()
    with path.open("rb") as handle:
        while block := handle.read(1 << 20):
            sha.update(block)
    return sha.hexdigest()


def _plain(value: Any) -> Any:
    return None if value is None or value != value else value  # NaN != NaN
