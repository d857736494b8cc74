"""``diplograph analyze``: read documents and print what was found in each."""

from __future__ import annotations

import json
import sys
from enum import Enum
from pathlib import Path

import typer
from rich.console import Console, Group
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn
from rich.table import Table
from rich.text import Text

from diplograph.cli.app import app, err_console
from diplograph.ingest.parts import plan_parts
from diplograph.model import Document, Rejection
from diplograph.pipeline import Options, analyze_parts
from diplograph.serialize import document_json, json_line


class OutputFormat(str, Enum):
    json = "json"
    pretty = "pretty"
    table = "table"


@app.command("analyze")
def analyze_cli(
    paths: list[str] = typer.Argument(..., help="Files, folders, JSON Lines corpora, or - for stdin."),
    output_format: OutputFormat = typer.Option(
        OutputFormat.json, "--format", "-f", help="json: one JSON object per line; pretty: indented JSON; table."
    ),
    lang: str = typer.Option("auto", "--lang", help="auto, de or en."),
    published: str | None = typer.Option(None, "--published", help="Publication date for every document."),
    kb: Path | None = typer.Option(None, "--kb", help="Folder with your own knowledge-base files."),
    config: Path | None = typer.Option(None, "--config", help="Settings file overriding settings.toml."),
) -> None:
    """Find actors and times in each document and print them."""
    options = Options.create(lang=lang, published=published, kb_dir=kb, config=config)
    rejected = run_analyze(paths, options=options, output_format=output_format.value)
    if rejected:
        raise typer.Exit(1)


def run_analyze(paths: list[str], *, options: Options, output_format: str) -> int:
    """Print every document; report rejections on stderr. Returns how many were rejected."""
    assert options.settings is not None
    console = Console(soft_wrap=True)
    parts = plan_parts(paths, settings=options.settings)  # streamed: a corpus need not fit in memory
    total = sum(part.size for part in parts)
    analysed = rejected = 0
    progress = Progress(
        TextColumn("analysing"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), TextColumn("eta"),
        TimeRemainingColumn(),
        console=err_console, transient=True, disable=not (err_console.is_terminal and total > 20),
    )  # fmt: skip
    with progress:
        task = progress.add_task("analyse", total=total)
        for result in analyze_parts(parts, options=options):
            progress.advance(task)
            if isinstance(result, Rejection):
                rejected += 1
                err_console.print(
                    f"[yellow]skipped[/yellow] {escape(result.origin)}: [{result.code}] {escape(result.reason)}",
                    highlight=False,
                )
                continue
            analysed += 1
            _print(result, output_format, console)
    if rejected:
        err_console.print(f"{analysed} analysed, {rejected} skipped", highlight=False)
    return rejected


def _print(doc: Document, output_format: str, console: Console) -> None:
    record = document_json(doc)
    if output_format == "json":
        line = json_line(record)
        if (out := getattr(sys.stdout, "buffer", None)) is not None:  # bytes straight out: no re-encoding
            out.write(line)
        else:
            sys.stdout.write(line.decode("utf-8"))
    elif output_format == "pretty":  # for people: what was found first, the mentions behind it after
        first = ("schema", "document", "events", "flags")
        record = {key: record[key] for key in first if key in record} | record
        sys.stdout.write(json.dumps(record, ensure_ascii=False, indent=2) + "\n")
    else:
        _table(record, console)


def event_lines(events: list[dict]) -> Group:
    """The events of one document, one line each (type, source → target, date, modality, who the
    text credits), the evidence sentence indented below: readable at any terminal width."""
    lines: list[Text] = [Text(f"events ({len(events)})", style="bold")]
    for event in events:
        sources = [a["code"] for a in event["source"]]
        targets = [a["code"] for a in event["target"]]
        if event.get("symmetric"):
            pair = " + ".join(sources + targets) + " (joint)"
        else:
            pair = f"{', '.join(sources) or '?'} → {', '.join(targets) or '–'}"
        line = Text(f"  {event['id']:<4} ")
        line.append(event["type"], style="bold")
        line.append(f"  {pair}  {event['date'] or 'undated'}  {event['modality']}")
        if attribution := event["attribution"]:
            line.append(f"  according to {attribution['name']} ({attribution['kind']})")
        lines.append(line)
        evidence = " … ".join(" ".join(span["text"].split()) for span in event["evidence"])
        lines.append(Text(f"       “{evidence}”", style="dim"))
    if not events:
        lines.append(Text("  none found"))
    return Group(*lines)


def _table(record: dict, console: Console) -> None:
    meta = record["document"]
    console.rule(f"{meta['id']}  ({meta['lang']}, published {meta['published'] or 'unknown'})")
    console.print(event_lines(record["events"]))  # the result first: who did what to whom, when, says who
    actors = Table("text", "span", "code", "name", "kind", "role", "form", title="actors", title_justify="left")
    for a in record["actors"]:
        e = a["entity"]
        actors.add_row(a["text"], f"{a['start']}-{a['end']}", e["code"], e["name"], e["kind"], e["role"] or "",
                       a["form"] + (" (metonymy)" if a["metonymy"] else ""))  # fmt: skip
    console.print(actors)
    if record["outlets"]:
        outlets = Table("text", "span", "outlet", "country", title="outlets (sources)", title_justify="left")
        for o in record["outlets"]:
            outlets.add_row(o["text"], f"{o['start']}-{o['end']}", o["name"], o["country"] or "")
        console.print(outlets)
    times = Table("text", "span", "value", "granularity", "kind", "modifier", title="times", title_justify="left")
    for t in record["times"]:
        times.add_row(t["text"], f"{t['start']}-{t['end']}", t["value"] or "?", t["granularity"] or "", t["kind"],
                      t["modifier"] or "")  # fmt: skip
    console.print(times)
