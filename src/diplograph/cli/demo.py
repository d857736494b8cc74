"""``diplograph demo``: run the main job on the bundled demo corpus."""

from __future__ import annotations

import typer

from diplograph.cli.analyze import OutputFormat, run_analyze
from diplograph.cli.app import app
from diplograph.lang.load import package_path
from diplograph.pipeline import Options


@app.command("demo")
def demo_cli(
    output_format: OutputFormat = typer.Option(OutputFormat.table, "--format", "-f", help="json, pretty or table."),
) -> None:
    """Analyse the demo corpus shipped with the package (short articles we wrote ourselves)."""
    folder = package_path("demo", "corpus")
    rejected = run_analyze([str(folder)], options=Options.create(), output_format=output_format.value)
    if rejected:
        raise typer.Exit(1)
