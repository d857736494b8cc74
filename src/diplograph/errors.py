"""Errors with stable codes, so users can search for them and tests can pin them.

Codes: D1xx input (one document is rejected, the batch goes on), D2xx knowledge-base and
lexicon files (the run stops: the data is broken), D3xx store, D4xx usage.
"""

from __future__ import annotations

from collections.abc import Iterable
from difflib import get_close_matches


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
    diplograph store, D303 another schema version, D304 SQL error, D305 a statement that is not
    a query, D306 a query that reaches outside the store (files, extensions)."""

    code = "D300"


class UsageError(DiplographError):
    """Bad command-line arguments or options."""

    code = "D400"


def did_you_mean(value: str, known: Iterable[str]) -> str:
    """``"did you mean 'president'? "`` for a near miss among ``known``, else ``""``: a typo in a code
    should read as a typo, not as "nothing found"."""
    choices = sorted(set(known))
    # A shared start of four letters or more: "publish" → "publication", which difflib ranks low.
    prefixed = [c for c in choices if len(value) >= 4 and value[:4] == c[:4]]
    close = list(dict.fromkeys(prefixed + get_close_matches(value, choices, n=3, cutoff=0.6)))[:3]
    if not close:
        return ""
    return "did you mean " + " or ".join(repr(c) for c in close) + "? "


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
INTERNAL = "D111"  # an unexpected failure inside diplograph, confined to the document (a bug: see the log)

# Store error codes of read-only SQL (``diplograph sql``, any query string from outside).
SQL_ERROR = "D304"
NOT_A_QUERY = "D305"
EXTERNAL_ACCESS = "D306"
DUPLICATE_ID = "D112"  # two inputs would share one document id
