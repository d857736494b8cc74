"""``diplograph eval``: score the pipeline on a folder of gold-annotated articles."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table

from diplograph.cli.app import app
from diplograph.evaluation.events import EventScore, evaluate, prf
from diplograph.pipeline import Options


def _ratio(right: int, total: int) -> str:
    return f"{right / total:.2f}" if total else "-"


@app.command("eval")
def eval_cli(
    gold_dir: Path = typer.Argument(..., help="Folder with NAME.txt, NAME.meta.json and NAME.gold.json files."),
    kb: Path | None = typer.Option(None, "--kb", help="Folder with your own knowledge-base files."),
    verbose: bool = typer.Option(False, "--verbose", "-v", help="List misses, extras and wrong details."),
) -> None:
    """Event precision, recall and F1; date, modality and attribution accuracy; actor recall and times."""
    results = evaluate(gold_dir, options=Options.create(kb_dir=kb))
    console = Console(width=160)
    table = Table("document", "lang", "P", "R", "F1", "tp/fp/fn", "date", "mod.", "attr.", "actors", "times",
                  title="diplograph eval")  # fmt: skip
    for reading, events in results:
        p, r, f = prf(events.true_positives, events.false_positives, events.false_negatives)
        tp = events.true_positives
        table.add_row(
            events.id, events.lang, f"{p:.2f}", f"{r:.2f}", f"{f:.2f}",
            f"{tp}/{events.false_positives}/{events.false_negatives}",
            _ratio(events.date_right, tp), _ratio(events.modality_right, tp), _ratio(events.attribution_right, tp),
            f"{reading.actor_recall:.2f}", f"{reading.times_correct}/{reading.gold_times}",
        )  # fmt: skip
    console.print(table)
    if verbose:
        for _reading, events in results:
            _details(console, events)
    _calibration(console, [e for _r, e in results])
    for lang in sorted({e.lang for _r, e in results}):
        subset = [(r, e) for r, e in results if e.lang == lang]
        tp = sum(e.true_positives for _r, e in subset)
        fp = sum(e.false_positives for _r, e in subset)
        fn = sum(e.false_negatives for _r, e in subset)
        p, r, f = prf(tp, fp, fn)
        gold_codes = sum(len(x.gold_codes) for x, _e in subset)
        found_codes = sum(len(x.gold_codes & x.found_codes) for x, _e in subset)
        times = sum(x.gold_times for x, _e in subset)
        times_right = sum(x.times_correct for x, _e in subset)
        console.print(
            f"{lang}: events P {p:.2f} R {r:.2f} F1 {f:.2f} (tp {tp}, fp {fp}, fn {fn}); "
            f"on matched: date {_ratio(sum(e.date_right for _r, e in subset), tp)}, "
            f"modality {_ratio(sum(e.modality_right for _r, e in subset), tp)}, "
            f"attribution {_ratio(sum(e.attribution_right for _r, e in subset), tp)}; "
            f"actor recall {found_codes}/{gold_codes} = {found_codes / max(gold_codes, 1):.2f}; "
            f"times right {times_right}/{times} = {times_right / max(times, 1):.2f}",
            highlight=False,
            soft_wrap=True,
        )


def _details(console: Console, score: EventScore) -> None:
    console.rule(score.id)
    for g in score.misses:
        console.print(f"  [red]missed[/red] {g['type']} {g['source']}->{g['target']} {g['modality']} | "
                      f"{g['evidence'][0][:90]}", highlight=False)  # fmt: skip
    for e in score.extras:
        src = ",".join(p.entity.code for p in e.source)
        tgt = ",".join(p.entity.code for p in e.target)
        console.print(f"  [yellow]extra[/yellow]  {e.type} [{src}]->[{tgt}] {e.modality} {e.confidence} | "
                      f"{e.evidence[0].text[:90]}", highlight=False)  # fmt: skip
    for g, e, name in score.disagreements:
        found = {"date": e.date, "modality": e.modality,
                 "attribution": e.attribution and (e.attribution.code or e.attribution.name)}[name]  # fmt: skip
        console.print(f"  [magenta]{name}[/magenta] {g['type']} gold {g.get(name)!r} ours {found!r} | "
                      f"{e.evidence[0].text[:80]}", highlight=False)  # fmt: skip


def _calibration(console: Console, scores: list[EventScore]) -> None:
    """Precision by confidence band: does a higher confidence mean a likelier correct event?"""
    pairs = [c for s in scores for c in s.confidences]
    if not pairs:
        return
    bands = [(0.0, 0.5), (0.5, 0.7), (0.7, 0.85), (0.85, 1.01)]
    parts = []
    for low, high in bands:
        inside = [ok for conf, ok in pairs if low <= conf < high]
        if inside:
            parts.append(f"[{low:.2f},{min(high, 1):.2f}): {sum(inside) / len(inside):.2f} of {len(inside)}")
    console.print("precision by confidence: " + "; ".join(parts), highlight=False)
