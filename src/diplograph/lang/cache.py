"""Compiled data kept on disk between runs, so that a command starts without rebuilding it.

The knowledge base and the gazetteers take most of a second to build from their files and load
from a pickle in a few hundredths. :func:`compiled` returns ``build()``'s result from the cache
when one was written for the same inputs, else builds it and writes it for the next process.

The key is a hash of everything the result could depend on: the diplograph version, the Python
version, where the package is, and the contents of every source and data file of the package (``.py``, ``.tsv``,
``.txt``, ``.toml``, ``.json``, so that an edited lexicon or an edited builder both count) and
of the user's knowledge-base folders. Reading them costs a few milliseconds, once per process.

Where: ``$DIPLOGRAPH_CACHE_DIR``, else the user's cache folder (``platformdirs``: on Linux
``$XDG_CACHE_HOME/diplograph`` or ``~/.cache/diplograph``); ``DIPLOGRAPH_CACHE_DIR=off`` turns
it off. Files are written to a temporary name and renamed, so concurrent processes never read a
half-written file (the last writer wins; both wrote the same). A cache that cannot be read
(corrupt, from another version) is rebuilt; one that cannot be written (read-only folder, full
disk) costs only the time: the result is built in memory as before. The folder is created
private (0700): a pickle is code, and only its owner should be able to put one there.
"""

from __future__ import annotations

import gc
import hashlib
import logging
import os
import pickle
import sys
import tempfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import TypeVar

from diplograph import __version__

CACHE_ENV = "DIPLOGRAPH_CACHE_DIR"
OFF = ("off", "0", "none")
SOURCE_SUFFIXES = frozenset({".py", ".tsv", ".txt", ".toml", ".json"})
SKIP_FOLDERS = frozenset({"__pycache__", "demo", "static"})  # sample corpus, web assets: nothing compiled reads them
PACKAGE = Path(__file__).resolve().parents[1]

T = TypeVar("T")
log = logging.getLogger(__name__)


def cache_dir() -> Path | None:
    """Where compiled data goes, or None when caching is off."""
    configured = os.environ.get(CACHE_ENV)
    if configured is not None:
        return None if configured.strip().lower() in OFF or not configured.strip() else Path(configured)
    import platformdirs  # only when a cache is used: `diplograph --help` does not pay for it

    return Path(platformdirs.user_cache_dir("diplograph", appauthor=False))


def compiled(name: str, build: Callable[[], T], *, folders: Iterable[Path] = ()) -> T:
    """``build()``, or what it returned in an earlier process for the same inputs.

    ``name`` tells results apart (``"lexicon-de"``); ``folders`` are data folders outside the
    package that ``build`` reads (a user's knowledge base)."""
    folder = cache_dir()
    if folder is None:
        return build()
    # The package's path too: a compiled knowledge base names its folders, so two checkouts never share one.
    parts = (name, __version__, sys.version, str(PACKAGE), fingerprint(PACKAGE), *map(_folder_print, folders))
    key = hashlib.blake2b("\0".join(parts).encode(), digest_size=16).hexdigest()
    # Named by checkout as well, so that one checkout's clean-up of its old keys spares another's files.
    where = hashlib.blake2b(str(PACKAGE).encode(), digest_size=4).hexdigest()
    path = folder / f"{_safe(name)}-{where}-{key}.pickle"
    try:
        with path.open("rb") as handle, _no_gc():
            return pickle.load(handle)
    except FileNotFoundError:
        pass
    except Exception as exc:  # corrupt, truncated, classes changed: build it anew
        log.info("compiled data %s unreadable (%s); rebuilding", path, exc)
    result = build()
    _write(path, result)
    return result


@contextmanager
def _no_gc() -> Iterator[None]:
    """Collection paused while a pickle loads: its tens of thousands of new containers would set
    off collections that find nothing to free (a third of the load time)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _folder_print(folder: Path) -> str:
    resolved = Path(folder).resolve()
    return f"{resolved}={fingerprint(resolved)}"


@cache
def fingerprint(root: Path) -> str:
    """Hash of the names and contents of every source and data file under ``root`` (computed once
    per process: the files do not change under a running command)."""
    digest = hashlib.blake2b(digest_size=16)
    for path in sorted(_files(root)):
        digest.update(str(path.relative_to(root)).encode() + b"\0")
        try:
            digest.update(path.read_bytes())
        except OSError as exc:  # unreadable: the build will say so; the key just must not match
            digest.update(f"unreadable {exc.errno}".encode())
        digest.update(b"\0")
    return digest.hexdigest()


def _files(root: Path) -> Iterable[Path]:
    for folder, subfolders, names in os.walk(root):
        subfolders[:] = [s for s in subfolders if s not in SKIP_FOLDERS and not s.startswith(".")]
        for name in names:
            if os.path.splitext(name)[1] in SOURCE_SUFFIXES:
                yield Path(folder, name)


def _write(path: Path, result: object) -> None:
    """Write atomically (a temporary file renamed over the name); any failure only logs."""
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("wb", dir=path.parent, prefix=".tmp-", delete=False) as handle:
            temporary = Path(handle.name)
            try:
                pickle.dump(result, handle, protocol=pickle.HIGHEST_PROTOCOL)
            except BaseException:
                handle.close()
                temporary.unlink(missing_ok=True)
                raise
        os.replace(temporary, path)
    except Exception as exc:  # unwritable, full, or a result that does not pickle: keep it in memory only
        log.info("cannot keep compiled data in %s (%s); built in memory", path.parent, exc)
        return
    stem = path.name.rsplit("-", 1)[0]
    for older in path.parent.glob(f"{stem}-*.pickle"):  # earlier keys of the same name: never read again
        if older != path and older.name.rsplit("-", 1)[0] == stem:  # not "kb-x-…" for "kb"
            older.unlink(missing_ok=True)


def _safe(name: str) -> str:
    return "".join(c if c.isalnum() or c in "-_" else "_" for c in name)
