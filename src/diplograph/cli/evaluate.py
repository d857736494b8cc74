"""``diplograph eval``: score the pipeline on a folder of gold-annotated articles."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table

from diplograph.cli.app import app
from diplograph.evaluation.reading import evaluate_reading
from diplograph.pipeline import Options


@app.command("eval")
def eval_cli(
    gold_dir: Path = typer.Argument(..., help="Folder with NAME.txt, NAME.meta.json and NAME.gold.json files."),
    kb: Path | None = typer.Option(None, "--kb", help="Folder with your own knowledge-base files."),
    verbose: bool = typer.Option(False, "--verbose", "-v", help="List what was missed."),
) -> None:
    """Actor recall (gold event actors found at least once) and time accuracy, per document."""
    scores = evaluate_reading(gold_dir, options=Options.create(kb_dir=kb))
    console = Console()
    table = Table("document", "lang", "actor recall", "missing", "times found", "times right", title="reading layer")
    for s in scores:
        missing = " ".join(sorted(s.missing)) if verbose or s.missing else ""
        table.add_row(s.id, s.lang, f"{s.actor_recall:.2f}", missing,
                      f"{s.times_found}/{s.gold_times}", f"{s.times_correct}/{s.gold_times}")  # fmt: skip
    console.print(table)
    for lang in sorted({s.lang for s in scores}):
        subset = [s for s in scores if s.lang == lang]
        gold = sum(len(s.gold_codes) for s in subset)
        hit = sum(len(s.gold_codes & s.found_codes) for s in subset)
        times = sum(s.gold_times for s in subset)
        right = sum(s.times_correct for s in subset)
        console.print(f"{lang}: actor recall {hit}/{gold} = {hit / max(gold, 1):.2f}; "
                      f"times right {right}/{times} = {right / max(times, 1):.2f}")  # fmt: skip
