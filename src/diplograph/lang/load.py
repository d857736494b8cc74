"""Read the per-language data files and the knowledge base through one validating loader.

Files are TSV (first line header, ``#`` comments) or plain word lists. Every problem is a
:class:`~diplograph.errors.LexiconError` naming the file and line, so a coder who edits a
lexicon learns at once what is wrong.
"""

from __future__ import annotations

import csv
import tomllib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

from diplograph.errors import LexiconError

SUPPORTED_LANGUAGES = ("de", "en")


@dataclass(frozen=True, slots=True)
class Row:
    """One data row, with where it came from for error messages."""

    values: dict[str, str]
    file: str
    line: int

    def __getitem__(self, key: str) -> str:
        return self.values[key]

    def get(self, key: str, default: str = "") -> str:
        return self.values.get(key) or default

    def error(self, message: str) -> LexiconError:
        return LexiconError(f"{self.file}:{self.line}: {message}", code="D201")


def package_path(*parts: str) -> Path:
    """Path of a data file shipped in the package."""
    return Path(str(resources.files("diplograph").joinpath(*parts)))


def read_tsv(path: Path, *, required: Sequence[str]) -> Iterator[Row]:
    """Yield the rows of a TSV file, checking the header and the column count."""
    try:
        handle = path.open(encoding="utf-8", newline="")
    except OSError as exc:
        raise LexiconError(f"{path}: cannot read ({exc.strerror})", code="D202") from exc
    with handle:
        lines = ((n, line) for n, line in enumerate(handle, 1) if line.strip() and not line.startswith("#"))
        header: list[str] | None = None
        for number, line in lines:
            cells = next(csv.reader([line.rstrip("\r\n")], delimiter="\t", quoting=csv.QUOTE_NONE))
            if header is None:
                header = [c.strip() for c in cells]
                missing = [c for c in required if c not in header]
                if missing:
                    raise LexiconError(f"{path}:{number}: header lacks column(s) {', '.join(missing)}", code="D203")
                continue
            if len(cells) > len(header):
                raise LexiconError(
                    f"{path}:{number}: {len(cells)} cells but the header has {len(header)} columns", code="D204"
                )
            cells += [""] * (len(header) - len(cells))
            yield Row(dict(zip(header, (c.strip() for c in cells), strict=True)), str(path), number)


def read_words(path: Path) -> list[str]:
    """A plain list: one entry per line, ``#`` comments and blank lines ignored."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise LexiconError(f"{path}: cannot read ({exc.strerror})", code="D202") from exc
    return [line.strip() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]


def read_toml(path: Path) -> dict:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise LexiconError(f"{path}: cannot read ({exc.strerror})", code="D202") from exc
    except tomllib.TOMLDecodeError as exc:
        raise LexiconError(f"{path}: {exc}", code="D205") from exc


def lang_file(lang: str, name: str) -> Path:
    if lang not in SUPPORTED_LANGUAGES:
        raise LexiconError(f"no language data for {lang!r}", code="D206")
    return package_path("lang", lang, name)


@cache
def settings_toml(lang: str) -> dict:
    """The language's ``lang.toml``: small word lists and rule parameters."""
    return read_toml(lang_file(lang, "lang.toml"))


@cache
def abbreviations(lang: str) -> frozenset[str]:
    return frozenset(read_words(lang_file(lang, "abbreviations.txt")))


@cache
def function_words() -> dict[str, frozenset[str]]:
    """Frequent function words of many languages, to tell ours from others."""
    table: dict[str, set[str]] = {}
    for row in read_tsv(package_path("text", "data", "function_words.tsv"), required=("lang", "word")):
        table.setdefault(row["lang"], set()).add(row["word"])
    return {lang: frozenset(words) for lang, words in table.items()}


@cache
def months(lang: str) -> dict[str, int]:
    table = {}
    for row in read_tsv(lang_file(lang, "months.tsv"), required=("surface", "month")):
        month = row["month"]
        if not month.isdigit() or not 1 <= int(month) <= 12:
            raise row.error(f"month must be 1..12, not {month!r}")
        table[row["surface"]] = int(month)
    return table


@cache
def weekdays(lang: str) -> dict[str, int]:
    """Weekday names to ISO numbers (Monday = 0, as in :meth:`datetime.date.weekday`)."""
    table = {}
    for row in read_tsv(lang_file(lang, "weekdays.tsv"), required=("surface", "weekday")):
        day = row["weekday"]
        if not day.isdigit() or not 0 <= int(day) <= 6:
            raise row.error(f"weekday must be 0 (Monday) .. 6 (Sunday), not {day!r}")
        table[row["surface"]] = int(day)
    return table


@cache
def numbers(lang: str) -> dict[str, int]:
    table = {}
    for row in read_tsv(lang_file(lang, "numbers.tsv"), required=("surface", "value")):
        if not row["value"].isdigit():
            raise row.error(f"value must be a whole number, not {row['value']!r}")
        table[row["surface"]] = int(row["value"])
    return table
