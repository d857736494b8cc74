"""Write an export so that it is never seen half-written, and never replaces anything unasked.

Every export is written under a hidden temporary name next to its target (same folder, hence
same file system) and renamed into place when complete: a crash or an error leaves the
previous file, or nothing, never a truncated one. An existing target is replaced only with
``force``; a file never replaces a folder or a folder a file, even then, because a typo in
``--out`` must not delete a folder of someone's work.
"""

from __future__ import annotations

import os
import secrets
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from diplograph.errors import UsageError

OUTPUT_EXISTS = "D420"
NO_SUCH_FOLDER = "D421"
WRONG_KIND = "D422"


def check_target(out: Path, *, force: bool, folder: bool) -> None:
    """Refuse before any work is done: an existing target without ``force``, a missing parent
    folder, or a target of the other kind (file for folder)."""
    if not out.parent.is_dir():
        raise UsageError(f"cannot write {out}: no folder {out.parent}", code=NO_SUCH_FOLDER)
    if not (out.exists() or out.is_symlink()):
        return
    if not force:
        raise UsageError(f"{out} exists; add --force to replace it", code=OUTPUT_EXISTS)
    if folder and not out.is_dir():
        raise UsageError(f"{out} is a file; this format writes a folder", code=WRONG_KIND)
    if not folder and out.is_dir():
        raise UsageError(f"{out} is a folder; this format writes a file", code=WRONG_KIND)


def _temporary_name(out: Path) -> Path:
    # A hidden sibling with a random part: two exports to the same target cannot collide, and
    # the name is created by the writer itself so that it gets the user's usual permissions.
    return out.parent / f".{out.name}.{secrets.token_hex(4)}.tmp"


@contextmanager
def atomic_file(out: Path, *, force: bool = False) -> Iterator[Path]:
    """A path to write the file to; renamed to ``out`` when the block ends without error."""
    check_target(out, force=force, folder=False)
    temporary = _temporary_name(out)
    try:
        yield temporary
        if not temporary.exists():  # a writer that wrote nothing still leaves a valid (empty) file
            temporary.touch()
        check_target(out, force=force, folder=False)  # appeared meanwhile?
        os.replace(temporary, out)
    finally:
        temporary.unlink(missing_ok=True)


@contextmanager
def atomic_folder(out: Path, *, force: bool = False) -> Iterator[Path]:
    """An empty folder to write into; it becomes ``out`` when the block ends without error.

    A folder cannot be swapped in one step, so a replaced ``out`` is first renamed aside and
    deleted only once the new one is in place."""
    check_target(out, force=force, folder=True)
    temporary = _temporary_name(out)
    temporary.mkdir()
    try:
        yield temporary
        check_target(out, force=force, folder=True)
        if out.exists():
            previous = _temporary_name(out)
            out.rename(previous)
            temporary.rename(out)
            shutil.rmtree(previous)
        else:
            temporary.rename(out)
    finally:
        if temporary.exists():
            shutil.rmtree(temporary)
