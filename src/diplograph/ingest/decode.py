"""Turn bytes into text, or say clearly why not."""

from __future__ import annotations

import os
import re
from os import PathLike

from diplograph import errors
from diplograph.errors import InputError

_SNIFF = 8192


def decode(data: bytes, *, max_bytes: int) -> tuple[str, tuple[str, ...]]:
    """Text of ``data`` and any warnings; raises :class:`InputError` for unusable input."""
    if len(data) > max_bytes:
        raise InputError(f"{len(data):,} bytes is over the limit of {max_bytes:,} (setting ingest.max_bytes)",
                         code=errors.TOO_LARGE)  # fmt: skip
    if not data.strip():
        raise InputError("empty document", code=errors.EMPTY)
    head = data[:_SNIFF]
    if b"\x00" in head and not (head.startswith((b"\xff\xfe", b"\xfe\xff"))):
        raise InputError("binary content (NUL bytes), not text", code=errors.BINARY)
    for bom, codec in ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if data.startswith(bom):
            try:
                return data.decode(codec), ()
            except UnicodeDecodeError as exc:
                raise InputError(f"starts with a {codec} byte-order mark but does not decode: {exc.reason}",
                                 code=errors.UNDECODABLE) from exc  # fmt: skip
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text, warning = _guess(data)
        return _check_text(text), (warning,)
    return _check_text(text), ()


def _guess(data: bytes) -> tuple[str, str]:
    """Windows-1252 first (most non-UTF-8 German and English news is), then detection."""
    try:
        return data.decode("cp1252"), "not UTF-8: decoded as cp1252"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data[:200_000]).best()
    if best is None or best.encoding is None:
        raise InputError("not UTF-8 and no other encoding fits", code=errors.UNDECODABLE)
    try:
        text = data.decode(best.encoding)
    except (UnicodeDecodeError, LookupError) as exc:
        raise InputError(f"not UTF-8; {best.encoding} does not decode it either", code=errors.UNDECODABLE) from exc
    return text, f"not UTF-8: decoded as {best.encoding}"


# Control characters other than line breaks and tabs. Text almost never holds one: a regex
# search (a C loop) says so, and only then are they counted.
_CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f]")


def _check_text(text: str) -> str:
    sample = text[:_SNIFF]
    if _CONTROL.search(sample) is not None and len(_CONTROL.findall(sample)) / len(sample) > 0.05:
        raise InputError("binary content (control characters), not text", code=errors.BINARY)
    if not text.strip():
        raise InputError("empty document (only whitespace)", code=errors.EMPTY)
    return text


def shown_path(path: str | PathLike[str]) -> str:
    """A path as text that can be printed and stored: bytes of a file name that are not UTF-8
    (which Python keeps as lone surrogates) become ``\\xff`` escapes, so one odd name cannot fail
    the batch its document is written in."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def printable(text: str) -> str:
    """``text`` with any lone surrogate written as an escape (``\\udcff``): safe to print and store."""
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


def check_characters(text: str, *, what: str = "text") -> str:
    """``text`` unchanged, or :class:`InputError` (D103) when it holds a lone surrogate, as a JSON
    escape such as ``"\\ud800"`` can produce: such a string is not Unicode and cannot be stored."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise InputError(f"{what} holds a lone surrogate (\\u{ord(text[exc.start]):04x}) at character {exc.start}, "
                         "which is not a character", code=errors.UNDECODABLE) from None  # fmt: skip
    return text
