"""Article body and metadata from HTML, with trafilatura (well kept, and made for news pages)."""

from __future__ import annotations

import json
import re

from diplograph import errors
from diplograph.errors import InputError

_HTML_START = re.compile(r"^\s*(?:<!doctype html|<html|<head|<body|<article)", re.IGNORECASE)


def looks_like_html(text: str) -> bool:
    return bool(_HTML_START.match(text[:1000]))


def extract_html(html: str) -> tuple[str, dict]:
    """Main text and the metadata trafilatura finds (title, date, url, source)."""
    import trafilatura

    result = trafilatura.extract(html, output_format="json", with_metadata=True, include_comments=False,
                                 favor_precision=True)  # fmt: skip
    if not result:
        raise InputError("HTML page without an article body", code=errors.EMPTY)
    record = json.loads(result)
    text = record.get("text") or ""
    if not text.strip():
        raise InputError("HTML page without an article body", code=errors.EMPTY)
    meta = {}
    for ours, theirs in (("title", "title"), ("published", "date"), ("url", "url"), ("source", "sitename")):
        if record.get(theirs):
            meta[ours] = str(record[theirs])
    return text, meta
