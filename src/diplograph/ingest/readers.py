"""Read every supported input into articles; a bad document becomes a :class:`Rejection`.

Supported: plain text (with an optional ``NAME.meta.json`` beside ``NAME.txt``), HTML
(article body extracted with trafilatura), JSON Lines (one article per line with ``text``),
folders of those, and ``-`` for standard input.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from diplograph import errors
from diplograph.errors import InputError, UsageError
from diplograph.ingest.decode import check_characters, decode, printable, shown_path
from diplograph.ingest.html import extract_html, looks_like_html
from diplograph.model import Article, Rejection
from diplograph.settings import Settings

log = logging.getLogger(__name__)
META_FIELDS = ("title", "published", "url", "source", "lang", "id")
_SKIPPED_SUFFIXES = (".meta.json", ".gold.json")


def read_inputs(paths: Iterable[str], *, settings: Settings) -> Iterator[Article | Rejection]:
    """Articles (or rejections) from files, folders and ``-``, in a stable order."""
    for raw_path in paths:
        if raw_path == "-":
            yield from read_stream(sys.stdin.buffer.read(), "<stdin>", settings)
            continue
        for file in input_files(raw_path, settings):
            if isinstance(file, Rejection):
                yield file
            else:
                yield from read_file(file, settings)


def input_files(raw_path: str, settings: Settings) -> list[Path | Rejection]:
    """The file, or the files of the folder (sorted, metadata and gold files left out), then a
    rejection (D107) for each folder in it that cannot be listed: its files are not silently lost."""
    path = Path(raw_path)
    if path.is_dir():
        unreadable: list[Rejection] = []

        def report(exc: OSError) -> None:
            folder = shown_path(exc.filename or raw_path)
            reason = f"folder cannot be read ({exc.strerror}): its files were left out"
            unreadable.append(Rejection(folder, errors.UNREADABLE, reason))

        files = sorted(
            Path(root, name) for root, _folders, names in os.walk(path, onerror=report) for name in names
            if name.lower().endswith(settings.extensions) and not name.endswith(_SKIPPED_SUFFIXES)
            and Path(root, name).is_file()
        )  # fmt: skip
        return [*files, *sorted(unreadable, key=lambda r: r.origin)]
    if path.is_file():
        return [path]
    raise UsageError(f"{raw_path}: no such file or folder", code="D403")


def is_jsonl(path: Path) -> bool:
    return path.name.lower().endswith((".jsonl", ".ndjson"))


def read_file(path: Path, settings: Settings) -> Iterator[Article | Rejection]:
    """One file's articles: a JSON Lines file has many, any other file one."""
    origin = shown_path(path)
    if is_jsonl(path):
        yield from read_jsonl_lines(path, settings)
        return
    try:
        size = path.stat().st_size
        if size > settings.max_bytes:
            raise InputError(f"{size:,} bytes is over the limit of {settings.max_bytes:,} (setting ingest.max_bytes)",
                             code=errors.TOO_LARGE)  # fmt: skip
        data = path.read_bytes()
    except InputError as exc:
        yield Rejection(origin, exc.code, exc.reason)
        return
    except OSError as exc:
        yield Rejection(origin, errors.UNREADABLE, f"cannot read: {exc.strerror}")
        return
    name = path.name.lower()
    try:
        text, warnings = decode(data, max_bytes=settings.max_bytes)
        meta, meta_warnings = _sidecar(path, settings)
        if name.endswith((".html", ".htm")) or looks_like_html(text):
            body, html_meta = extract_html(text)
            meta = {**html_meta, **meta}
            text = body
        doc_id = str(meta.get("id") or shown_path(document_name(path, settings)))
        yield _article(doc_id, text, meta, origin, warnings + meta_warnings)
    except InputError as exc:
        yield Rejection(origin, exc.code, exc.reason)
    except Exception as exc:  # a bug must cost this document, not the batch
        yield unexpected(origin, exc, stage="reading")


def read_stream(data: bytes, origin: str, settings: Settings) -> Iterator[Article | Rejection]:
    lines = [line for line in data.splitlines() if line.strip()]
    if lines and all(line.lstrip().startswith(b"{") for line in lines[:5]):
        yield from _read_jsonl(data, origin, settings)
        return
    try:
        text, warnings = decode(data, max_bytes=settings.max_bytes)
        meta: dict = {}
        if looks_like_html(text):
            text, meta = extract_html(text)
        # One text per stdin read: named by its content, so texts piped in one after another keep apart.
        yield _article(f"stdin-{hashlib.sha256(text.encode('utf-8')).hexdigest()[:12]}", text, meta, origin, warnings)
    except InputError as exc:
        yield Rejection(origin, exc.code, exc.reason)
    except Exception as exc:  # a bug must cost this document, not the batch
        yield unexpected(origin, exc, stage="reading")


def read_jsonl_lines(
    path: Path, settings: Settings, *, offset: int = 0, first_line: int = 1, line_count: int | None = None
) -> Iterator[Article | Rejection]:
    """A JSON Lines corpus, line by line (or ``line_count`` lines from byte ``offset``, whose line
    number is ``first_line``): the size limit holds per record, not per file, so one giant
    record costs only itself (and is never read whole into memory)."""
    origin = shown_path(path)
    limit = settings.max_bytes
    last_line = None if line_count is None else first_line + line_count - 1
    try:
        with path.open("rb") as handle:
            handle.seek(offset)
            number = first_line - 1
            while number != last_line:
                raw_line = handle.readline(limit + 1)
                if not raw_line:
                    return
                number += 1
                if len(raw_line) > limit and not raw_line.endswith(b"\n"):
                    size = len(raw_line)
                    while raw_line and not raw_line.endswith(b"\n"):  # skip the rest of the record
                        raw_line = handle.readline(1 << 20)
                        size += len(raw_line)
                    reason = f"record of {size:,} bytes is over the limit of {limit:,} (setting ingest.max_bytes)"
                    yield Rejection(f"{origin}:{number}", errors.TOO_LARGE, reason)
                    continue
                yield from _read_jsonl(raw_line, origin, settings, first_line=number)
    except OSError as exc:
        yield Rejection(origin, errors.UNREADABLE, f"cannot read: {exc.strerror}")


def _read_jsonl(data: bytes, origin: str, settings: Settings, *, first_line: int = 1) -> Iterator[Article | Rejection]:
    """One article per line; a bad line is rejected with its line number, the rest go on."""
    for number, raw_line in enumerate(data.split(b"\n"), first_line):
        if not raw_line.strip():
            continue
        where = f"{origin}:{number}"
        try:
            line, warnings = decode(raw_line, max_bytes=settings.max_bytes)
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                raise InputError(
                    f"malformed JSON: {exc.msg} at column {exc.colno}", code=errors.MALFORMED_JSON
                ) from exc
            except RecursionError:
                raise InputError("malformed JSON: nested too deeply to read", code=errors.MALFORMED_JSON) from None
            except ValueError as exc:  # a number of more than 4,300 digits, say
                raise InputError(f"malformed JSON: {exc}"[:300], code=errors.MALFORMED_JSON) from None
            if not isinstance(record, dict):
                raise InputError("a JSON Lines record must be an object", code=errors.MALFORMED_JSON)
            text = record.get("text")
            if not isinstance(text, str):
                raise InputError("record has no string field 'text'", code=errors.MALFORMED_JSON)
            if not text.strip():
                raise InputError("empty document", code=errors.EMPTY)
            check_characters(text, what="field 'text'")
            meta, meta_warnings = _clean_meta(record)
            if looks_like_html(text):
                text, html_meta = extract_html(text)
                meta = {**html_meta, **meta}
            doc_id = str(meta.get("id") or f"{document_name(Path(origin), settings)}-{number}")
            yield _article(doc_id, text, meta, where, warnings + meta_warnings)
        except InputError as exc:
            yield Rejection(where, exc.code, exc.reason)
        except Exception as exc:  # a bug must cost this record, not the batch
            yield unexpected(where, exc, stage="reading")


def document_name(path: Path, settings: Settings) -> str:
    """The file name without its extension, dots inside kept: ``report.2008.08.06.txt`` is
    ``report.2008.08.06``, so two reports of one series stay two documents."""
    name = path.name
    lowered = name.lower()
    for extension in sorted(settings.extensions, key=len, reverse=True):
        if lowered.endswith(extension) and len(name) > len(extension):
            return name[: -len(extension)]
    return name


def _sidecar(path: Path, settings: Settings) -> tuple[dict, tuple[str, ...]]:
    """Metadata from ``NAME.meta.json`` beside ``NAME.txt``; a broken one is a warning, not a loss."""
    meta_path = path.with_name(document_name(path, settings) + ".meta.json")
    if not meta_path.is_file():
        return {}, ()
    try:
        record = json.loads(meta_path.read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError) as exc:  # ValueError: JSON or UTF-8
        return {}, (f"[{errors.BAD_METADATA}] ignored {shown_path(meta_path.name)}: {exc}",)
    if not isinstance(record, dict):
        return {}, (f"[{errors.BAD_METADATA}] ignored {shown_path(meta_path.name)}: not a JSON object",)
    return _clean_meta(record)


def _clean_meta(record: dict) -> tuple[dict, tuple[str, ...]]:
    meta = {}
    warnings = []
    for key in META_FIELDS:
        value = record.get(key)
        if value is None:
            continue
        if not isinstance(value, str | int) or isinstance(value, bool):
            warnings.append(f"[{errors.BAD_METADATA}] ignored field {key!r}: not a string")
            continue
        try:
            meta[key] = check_characters(str(value), what=f"field {key!r}")
        except InputError as exc:
            warnings.append(f"[{errors.BAD_METADATA}] ignored {exc.reason}")
    return meta, tuple(warnings)


def unexpected(origin: str, exc: BaseException, *, stage: str) -> Rejection:
    """A rejection (D111) for a failure no rule foresaw; the traceback goes to the log."""
    log.error("%s: unexpected error while %s", origin, stage, exc_info=exc)
    reason = f"unexpected error while {stage} ({type(exc).__name__}: {exc}); please report it"
    return Rejection(origin, errors.INTERNAL, printable(reason[:500]))


def _article(doc_id: str, text: str, meta: dict, origin: str, warnings: tuple[str, ...]) -> Article:
    return Article(
        id=doc_id,
        text=text,
        lang=meta.get("lang"),
        published=meta.get("published"),
        title=meta.get("title"),
        url=meta.get("url"),
        source=meta.get("source"),
        origin=origin,
        warnings=warnings,
    )
