"""Cut the input into parts that worker processes or Dask tasks read on their own.

Planning only lists files and counts the lines of JSON Lines files, so reading, decoding and
HTML extraction — and the memory the articles take — happen where the analysis happens. The
process that plans holds a list of small descriptors, however large the corpus. Reading every
part in order gives exactly what :func:`~diplograph.ingest.read_inputs` gives.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from diplograph.ingest.readers import input_files, is_jsonl, read_file, read_jsonl_lines, read_stream
from diplograph.model import Article, Rejection
from diplograph.settings import Settings

DEFAULT_PART_SIZE = 50  # documents per part: small enough to keep workers evenly busy, big enough to cost nothing
_BLOCK = 1 << 20


@dataclass(frozen=True, slots=True)
class InputPart:
    """Whole files, or a run of lines of one JSON Lines file, or what came on standard input."""

    files: tuple[str, ...] = ()
    jsonl: str | None = None  # a run of this file's lines:
    offset: int = 0  # the byte where the run starts
    first_line: int = 1  # its first line number
    line_count: int | None = None  # how many lines (None: to the end of the file)
    stdin: bytes | None = None
    rejected: tuple[Rejection, ...] = ()  # found while planning: a folder that cannot be listed
    tail_lines: int = 1  # lines from offset to the end when line_count is None: for progress bars only

    @property
    def size(self) -> int:
        """Documents it holds at most (blank lines are counted): for progress bars."""
        if self.jsonl is not None:
            return self.line_count if self.line_count is not None else self.tail_lines
        return len(self.files) + (self.stdin is not None) + len(self.rejected)


def plan_parts(paths: Iterable[str], *, settings: Settings, size: int = DEFAULT_PART_SIZE) -> list[InputPart]:
    """The input as parts of at most ``size`` documents, in the order ``read_inputs`` reads it.

    Standard input (``-``) is read here, once, and becomes a single part."""
    if size < 1:
        raise ValueError("a part holds at least one document")
    parts: list[InputPart] = []
    loose: list[str] = []  # consecutive plain-text and HTML files, grouped

    def flush() -> None:
        for start in range(0, len(loose), size):
            parts.append(InputPart(files=tuple(loose[start : start + size])))
        loose.clear()

    for raw_path in paths:
        if raw_path == "-":
            flush()
            parts.append(InputPart(stdin=sys.stdin.buffer.read()))
            continue
        for file in input_files(raw_path, settings):
            if isinstance(file, Rejection):
                flush()
                parts.append(InputPart(rejected=(file,)))
            elif is_jsonl(file):
                flush()
                parts.extend(_line_runs(file, size))
            else:
                loose.append(str(file))
    flush()
    return parts


def read_part(part: InputPart, *, settings: Settings) -> Iterator[Article | Rejection]:
    """The articles (or rejections) of one part."""
    yield from part.rejected
    if part.stdin is not None:
        yield from read_stream(part.stdin, "<stdin>", settings)
    elif part.jsonl is not None:
        yield from read_jsonl_lines(Path(part.jsonl), settings, offset=part.offset, first_line=part.first_line,
                                    line_count=part.line_count)  # fmt: skip
    else:
        for name in part.files:
            yield from read_file(Path(name), settings)


def _line_runs(path: Path, size: int) -> list[InputPart]:
    """Runs of ``size`` lines; counting newlines block by block costs about a millisecond a megabyte."""
    runs: list[InputPart] = []
    start_offset, start_line, line, base = 0, 1, 1, 0
    unfinished = False  # the file ends without a newline: its last line counts too
    try:
        with path.open("rb") as handle:
            while block := handle.read(_BLOCK):
                unfinished = not block.endswith(b"\n")
                pos, available = 0, block.count(b"\n")
                wanted = size - (line - start_line)
                while available >= wanted:
                    for _ in range(wanted):
                        pos = block.index(b"\n", pos) + 1
                    available -= wanted
                    line += wanted
                    runs.append(InputPart(jsonl=str(path), offset=start_offset, first_line=start_line,
                                          line_count=size))  # fmt: skip
                    start_offset, start_line, wanted = base + pos, line, size
                line += available
                base += len(block)
    except OSError:
        pass  # reading the part reports it, with the reason
    if base > start_offset or not runs:
        tail = max(1, line - start_line + (unfinished and base > start_offset))
        runs.append(InputPart(jsonl=str(path), offset=start_offset, first_line=start_line, tail_lines=tail))
    return runs
