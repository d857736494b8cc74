"""``diplograph eval``: score the pipeline on folders of gold-annotated articles.

Each folder is reported on its own, split into tune and held-out articles where the
held-out list names some of them; held-out articles show scores only, never their errors,
so nobody tunes on them by accident.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

import typer
from rich.console import Console
from rich.table import Table

from diplograph.cli.app import app
from diplograph.model import Event
from diplograph.pipeline import Options

if TYPE_CHECKING:
    from diplograph.evaluation.events import EventScore
    from diplograph.evaluation.report import Result

# The scorer (and networkx under it) is imported when `eval` runs: other commands start without it.


@app.command("eval")
def eval_cli(
    paths: list[Path] = typer.Argument(
        ..., help="Folders with NAME.txt, NAME.meta.json and NAME.gold.json files, or folders above them."
    ),
    kb: Path | None = typer.Option(None, "--kb", help="Folder with your own knowledge-base files."),
    config: Path | None = typer.Option(None, "--config", help="Settings file overriding settings.toml."),
    verbose: bool = typer.Option(False, "--verbose", "-v", help="List misses, extras and wrong details by cause."),
    holdout: str | None = typer.Option(
        None,
        "--holdout",
        help="File of held-out article names, one a line (default: evaluation/holdout.txt); 'none': no held-out set.",
    ),
    no_holdout: bool = typer.Option(False, "--no-holdout", help="Score every article as a tuning article."),
) -> None:
    """Event precision, recall and F1; date, modality and attribution accuracy; actor recall and times."""
    from diplograph.evaluation.corpus import DEFAULT_HOLDOUT, gold_folders, read_holdout
    from diplograph.evaluation.report import folder_lines, total_lines

    folders = gold_folders(paths)
    held: frozenset[str] = frozenset()
    holdout_file = Path(holdout) if holdout else DEFAULT_HOLDOUT
    if not no_holdout and (holdout or "").lower() != "none":
        held = read_holdout(holdout_file)
    options = Options.create(kb_dir=kb, config=config)
    from diplograph.evaluation.events import evaluate

    runs = [(label, evaluate(folder, options=options)) for label, folder in folders]
    console = Console(width=160)
    for label, results in runs:
        console.print(_table(label, results, held))
    found = {e.id for _label, results in runs for _r, e in results} & held
    if held:
        console.print(f"held-out: {len(found)} of the {len(held)} articles in {holdout_file} are here; they show "
                      "scores only, never their misses, extras or wrong details (--no-holdout lists them)",
                      highlight=False, soft_wrap=True)  # fmt: skip
    tuning = [(label, [(r, e) for r, e in results if e.id not in held]) for label, results in runs]
    console.print(_cause_table(tuning))
    if verbose:
        for label, results in tuning:
            _errors(console, label, [e for _r, e in results])
    for label, results in runs:
        for line in folder_lines(label, results, held):
            console.print(line, highlight=False, soft_wrap=True)
    for line in total_lines([x for _label, results in runs for x in results]):
        console.print(line, highlight=False, soft_wrap=True)


def _table(label: str, results: list[Result], held: frozenset[str]) -> Table:
    from diplograph.evaluation.events import prf
    from diplograph.evaluation.report import HELD_OUT, TUNE, ratio

    table = Table("document", "lang", "set", "P", "R", "F1", "tp/fp/fn", "date", "mod.", "attr.", "actors", "times",
                  title=f"diplograph eval: {label}")  # fmt: skip
    for reading, events in results:
        p, r, f = prf(events.true_positives, events.false_positives, events.false_negatives)
        tp = events.true_positives
        table.add_row(
            events.id, events.lang, HELD_OUT if events.id in held else TUNE, f"{p:.2f}", f"{r:.2f}", f"{f:.2f}",
            f"{tp}/{events.false_positives}/{events.false_negatives}",
            ratio(events.date_right, tp), ratio(events.modality_right, tp), ratio(events.attribution_right, tp),
            f"{reading.actor_recall:.2f}", f"{reading.times_correct}/{reading.gold_times}",
        )  # fmt: skip
    return table


def _cause_table(runs: list[tuple[str, list[Result]]]) -> Table:
    """Misses and extras per cause and folder, biggest class first (tune articles only)."""
    from diplograph.evaluation.causes import EXTRA_CAUSES, MISS_CAUSES
    from diplograph.evaluation.report import cause_counts

    counts = {label: cause_counts(results) for label, results in runs}
    total: Counter[tuple[str, str]] = sum(counts.values(), Counter())
    columns = [*counts, "all"] if len(counts) > 1 else list(counts)
    table = Table("error", "cause", *columns, title="errors by cause (tune articles)")
    rows = [("missed", c) for c in MISS_CAUSES] + [("extra", c) for c in EXTRA_CAUSES]
    for kind, cause in sorted(rows, key=lambda row: (row[0] != "missed", -total[row])):
        cells = [counts[label][kind, cause] for label in counts] + ([total[kind, cause]] if len(counts) > 1 else [])
        table.add_row(kind, cause, *(str(n) for n in cells))
    return table


def _event_line(e: Event) -> str:
    src = ",".join(p.entity.code for p in e.source)
    tgt = ",".join(p.entity.code for p in e.target)
    return f"{e.type} [{src}]->[{tgt}] {e.modality} {e.confidence} | {e.evidence[0].text[:90]}"


def _errors(console: Console, label: str, scores: list[EventScore]) -> None:
    """Misses and extras under their cause, biggest cause first; then wrong details by field."""
    lines: dict[tuple[str, str], list[str]] = {}
    for s in scores:
        for g, cause in zip(s.misses, s.miss_causes, strict=True):
            lines.setdefault(("missed", cause), []).append(
                f"{s.id}  {g['type']} {g['source']}->{g['target']} {g['modality']} | {g['evidence'][0][:90]}"
            )
        for e, cause in zip(s.extras, s.extra_causes, strict=True):
            lines.setdefault(("extra", cause), []).append(f"{s.id}  {_event_line(e)}")
        for g, e, name in s.disagreements:
            found = {"date": e.date, "modality": e.modality,
                     "attribution": e.attribution and (e.attribution.code or e.attribution.name)}[name]  # fmt: skip
            lines.setdefault(("wrong", name), []).append(
                f"{s.id}  {g['type']} gold {g.get(name)!r} ours {found!r} | {e.evidence[0].text[:80]}"
            )
    order = {"missed": 0, "extra": 1, "wrong": 2}
    for (kind, cause), items in sorted(lines.items(), key=lambda kv: (order[kv[0][0]], -len(kv[1]))):
        console.rule(f"{label}: {kind} {cause} ({len(items)})" if kind == "wrong" else
                     f"{label}: {kind}, {cause} ({len(items)})")  # fmt: skip
        for item in items:
            console.print(f"  {item}", highlight=False, soft_wrap=True)
