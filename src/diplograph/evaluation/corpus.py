"""Which folders an evaluation covers, and which articles are held out from tuning.

A corpus root (``../shared/corpus``) holds one folder per collection (``dev``, ``world``);
each is scored and reported on its own. The held-out list names development articles that
nobody reads or tunes on, so their scores stay an honest estimate of unseen text.
"""

from __future__ import annotations

from pathlib import Path

from diplograph.errors import UsageError

DEFAULT_HOLDOUT = Path(__file__).with_name("holdout.txt")


def _has_gold(folder: Path) -> bool:
    return any(folder.glob("*.gold.json"))


def gold_folders(paths: list[Path]) -> list[tuple[str, Path]]:
    """(label, folder) for every folder at or under ``paths`` that holds ``*.gold.json`` files.

    A folder's label is its name (``dev``), or its path where two folders share a name.
    """
    folders: list[Path] = []
    for path in paths:
        if not path.is_dir():
            raise UsageError(f"{path} is not a folder", code="D406")
        found = [path] if _has_gold(path) else []
        found += sorted(p for p in path.rglob("*") if p.is_dir() and _has_gold(p))
        if not found:
            raise UsageError(f"{path}: no *.gold.json files in it or its subfolders", code="D406")
        folders += [f for f in found if f.resolve() not in {g.resolve() for g in folders}]
    names = [f.name or str(f) for f in folders]
    return [(name if names.count(name) == 1 else str(f), f) for name, f in zip(names, folders, strict=True)]


def read_holdout(path: Path) -> frozenset[str]:
    """Article names, one a line; ``#`` starts a comment, blank lines are skipped."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise UsageError(f"cannot read the held-out list {path}: {exc.strerror}", code="D403") from exc
    return frozenset(name for line in lines if (name := line.split("#", 1)[0].strip()))
