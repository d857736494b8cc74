"""The pipeline: article -> repaired text -> sentences -> times -> actors -> events -> checks.

Each stage is a plain function; this module only calls them in order.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from diplograph import errors
from diplograph.actors.kb import KnowledgeBase, kb_folders, load_kb
from diplograph.actors.lexicon import english_capitals, lexicon
from diplograph.actors.recognize import find_actors
from diplograph.checks.flags import check_document
from diplograph.errors import InputError
from diplograph.events.coder import code_events
from diplograph.ingest.parts import InputPart, read_part
from diplograph.ingest.readers import unexpected
from diplograph.lang.load import SUPPORTED_LANGUAGES
from diplograph.model import Article, Document, Rejection, Sentence
from diplograph.settings import Settings, load_settings
from diplograph.temporal.dates import PartialDate
from diplograph.temporal.tagger import TimeScan, resolve_times, scan_times
from diplograph.text.langid import identify
from diplograph.text.normalize import NormText, normalize
from diplograph.text.tokenize import split_sentences

_DATELINE_CHARS = 300
_LABEL_CHECK_CHARS = 1_500


@dataclass(frozen=True, slots=True)
class Options:
    """What a run is told from outside: language and date overrides, knowledge base, settings."""

    lang: str = "auto"
    published: str | None = None
    kb: KnowledgeBase | None = None
    settings: Settings | None = None

    @classmethod
    def create(
        cls,
        *,
        lang: str = "auto",
        published: str | None = None,
        kb_dir: str | Path | None = None,
        config: str | Path | None = None,
    ) -> Options:
        if lang not in ("auto", *SUPPORTED_LANGUAGES):
            raise errors.UsageError(f"--lang must be auto, de or en, not {lang!r}", code="D404")
        if published is not None and PartialDate.parse(published) is None:
            raise errors.UsageError(f"--published must be YYYY-MM-DD, YYYY-MM or YYYY, not {published!r}",
                                    code="D405")  # fmt: skip
        return cls(lang=lang, published=published, kb=load_kb(kb_folders(kb_dir)), settings=load_settings(config))


def analyze(article: Article, *, options: Options | None = None) -> Document:
    """Read one article. Raises :class:`InputError` when it cannot be analysed."""
    options = options or Options.create()
    kb = options.kb or load_kb(kb_folders())
    settings = options.settings or load_settings()
    if not article.text.strip():
        raise InputError("empty document", code=errors.EMPTY)
    norm = normalize(article.text)
    lang = _language(article, norm.text, options, settings)
    sentences = split_sentences(norm.text, lang=lang)
    scan = scan_times(norm, sentences, lang=lang)  # one pass serves the dateline and the text
    published, published_from = _publication_date(article, norm, sentences, scan, options)
    reference = PartialDate.parse(published)
    times = resolve_times(scan, norm, sentences, reference=reference)
    on = None
    if reference is not None:
        # A month or year stands for its middle for role resolution ("2024-10" -> 2024-10-01).
        on = reference.as_date() or PartialDate(reference.year, reference.month or 7, 1).as_date()
    actors, outlets = find_actors(norm, sentences, lexicon=lexicon(lang, kb), kb=kb, on=on)
    events = code_events(
        norm, sentences, actors, outlets, times,
        lang=lang, capitals=english_capitals(), min_confidence=settings.min_confidence, published=published,
    )  # fmt: skip
    flags = check_document(events, times, actors, kb=kb, on=on)
    return Document(
        article=article,
        lang=lang,
        published=published,
        published_from=published_from,  # type: ignore[arg-type]
        norm_text=norm.text,
        sentences=sentences,
        actors=actors,
        outlets=outlets,
        times=times,
        events=events,
        flags=flags,
        warnings=article.warnings,
    )


def analyze_all(items: Iterable[Article | Rejection], *, options: Options) -> Iterator[Document | Rejection]:
    """Analyse a stream; a document that fails becomes a rejection and the stream goes on."""
    for item in items:
        yield analyze_or_reject(item, options=options)


def analyze_parts(parts: Iterable[InputPart], *, options: Options) -> Iterator[Document | Rejection]:
    """Read and analyse the parts of an input in turn: the corpus is never all in memory."""
    settings = options.settings or load_settings()
    for part in parts:
        yield from analyze_all(read_part(part, settings=settings), options=options)


def analyze_or_reject(item: Article | Rejection, *, options: Options) -> Document | Rejection:
    """One item of a batch: its document, or why it cannot have one (within the time limit)."""
    if isinstance(item, Rejection):
        return item
    try:
        with time_limit(options.settings.max_seconds if options.settings else 0.0):
            return analyze(item, options=options)
    except InputError as exc:
        return Rejection(item.origin or item.id, exc.code, exc.reason)
    except Exception as exc:  # a bug (or a limit such as recursion depth) costs this document, not the batch
        return unexpected(item.origin or item.id, exc, stage="analysing")


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Reject a document that takes longer than ``seconds`` (D109), so no input can hang a
    batch. Uses a timer signal, so it holds in a process's main thread (the CLI and each worker
    process); elsewhere, or with 0 seconds, there is no limit."""
    if seconds <= 0 or not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread():
        yield
        return

    def expire(_signum, _frame):
        raise InputError(f"analysis took longer than {seconds:g} s (setting ingest.max_seconds)", code=errors.TOO_SLOW)

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _language(article: Article, text: str, options: Options, settings: Settings) -> str:
    if options.lang != "auto":
        return options.lang
    declared = (article.lang or "").lower()[:2]
    # With a declared language, the opening is enough to catch a wrong label.
    found, _counts = identify(text[:_LABEL_CHECK_CHARS] if declared else text)
    if declared:
        if declared not in SUPPORTED_LANGUAGES:
            raise InputError(f"language {declared!r} is not supported (only de, en)", code=errors.UNKNOWN_LANGUAGE)
        if found is not None and found not in SUPPORTED_LANGUAGES:
            # A wrong label must not send Spanish text through the German lexicons.
            raise InputError(f"labelled {declared!r} but the text reads as {found!r}; only de and en are supported",
                             code=errors.UNKNOWN_LANGUAGE)  # fmt: skip
        return declared
    if found in SUPPORTED_LANGUAGES:
        return found
    if found is None and settings.fallback_language:
        return settings.fallback_language
    what = f"identified as {found!r}" if found else "could not be identified"
    raise InputError(f"language {what}; only de and en are supported (use --lang to force one)",
                     code=errors.UNKNOWN_LANGUAGE)  # fmt: skip


def _publication_date(
    article: Article, norm: NormText, sentences: tuple[Sentence, ...], scan: TimeScan, options: Options
) -> tuple[str | None, str]:
    """Option, then metadata, then a full date in the dateline or header of the text."""
    if options.published:
        return options.published, "option"
    meta = PartialDate.parse(article.published)
    if meta is not None and meta.granularity == "day":
        return meta.iso(), "metadata"
    header = _dateline(norm, sentences, scan)
    if meta is not None:
        # A header date refines a partial metadata date ("2024-10" + "25.10.2024").
        if header and meta.granularity != "day" and header.startswith(meta.iso()):
            return header, "text"
        return meta.iso(), "metadata"
    if header:
        return header, "text"
    return None, "none"


def _dateline(norm: NormText, sentences: tuple[Sentence, ...], scan: TimeScan) -> str | None:
    """The first full date among the opening sentences, read without a publication date."""
    head = sum(1 for s in sentences[:3] if s.start < _DATELINE_CHARS)
    for expression in resolve_times(scan, norm, sentences, reference=None, within=head):
        if expression.kind == "date" and expression.granularity == "day" and expression.value:
            return expression.value
    return None
