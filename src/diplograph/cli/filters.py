"""The event filter options, defined once for every command that filters events."""

from __future__ import annotations

import typer

ACTOR = typer.Option(None, "--actor", help="Actor code on either side (RUS, EU, HAMAS).")
DYAD = typer.Option(None, "--dyad", help="Two actor codes: first acts on second.")
TYPE = typer.Option(None, "--type", help="PLOVER type (SANCTION, ASSAULT …).")
QUAD = typer.Option(None, "--quad", help="1 verbal / 2 material cooperation, 3 / 4 conflict.")
SINCE = typer.Option(None, "--from", help="From this date (YYYY, YYYY-MM, YYYY-MM-DD).")
UNTIL = typer.Option(None, "--to", help="Up to this date, inclusive.")
MODALITY = typer.Option(
    None, "--modality", help="actual, planned, desired, possible, negated; several: actual,planned; every one: any."
)
MIN_SOURCES = typer.Option(1, "--min-sources", min=1, help="At least this many distinct outlets.")
TEXT = typer.Option(None, "--text", help="Words in an evidence sentence.")
UNDATED = typer.Option(
    "publication", "--undated", help="include, exclude or publication (the default; see README 'Undated events')."
)
