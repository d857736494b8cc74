"""Errors with stable codes, so users can search for them and tests can pin them.

Codes: D1xx input (one document is rejected, the batch goes on), D2xx knowledge-base and
lexicon files (the run stops: the data is broken), D3xx store, D4xx usage.
"""

from __future__ import annotations


class DiplographError(Exception):
    """Base class; every message starts with its code, e.g. ``[D101] empty document``."""

    code = "D000"

    def __init__(self, message: str, *, code: str | None = None) -> None:
        self.code = code or self.code
        self.reason = message
        super().__init__(f"[{self.code}] {message}")


class InputError(DiplographError):
    """A document cannot be read; it is skipped and reported, the batch goes on."""

    code = "D100"


class LexiconError(DiplographError):
    """A data file (knowledge base, lexicon) is malformed; names the file and line."""

    code = "D200"


class StoreError(DiplographError):
    """The store cannot be used: D301 cannot open (another program holds it?), D302 not a
    diplograph store, D303 another schema version, D304 SQL error."""

    code = "D300"


class UsageError(DiplographError):
    """Bad command-line arguments or options."""

    code = "D400"


# Input error codes, one per reason, so a batch report can be grouped by them.
EMPTY = "D101"
BINARY = "D102"
UNDECODABLE = "D103"
TOO_LARGE = "D104"
MALFORMED_JSON = "D105"
UNKNOWN_LANGUAGE = "D106"
UNREADABLE = "D107"
BAD_METADATA = "D108"
TOO_SLOW = "D109"
WORKER_CRASHED = "D110"
DUPLICATE_ID = "D111"  # two inputs would share one document id
