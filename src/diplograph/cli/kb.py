"""``diplograph kb``: check the knowledge base and look entries up."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.console import Console

from diplograph.actors.kb import kb_folders, load_kb
from diplograph.actors.lexicon import lexicon
from diplograph.cli.app import app
from diplograph.lang.load import SUPPORTED_LANGUAGES
from diplograph.temporal.grammar import grammar

kb_app = typer.Typer(help="Knowledge base: check it, look things up.", no_args_is_help=True)
app.add_typer(kb_app, name="kb")


@kb_app.command("check")
def check_cli(kb: Path | None = typer.Option(None, "--kb", help="Folder with your own knowledge-base files.")) -> None:
    """Load and validate every data file; print counts, or the first problem with file and line."""
    knowledge = load_kb(kb_folders(kb))
    console = Console()
    kinds: dict[str, int] = {}
    for entity in knowledge.entities.values():
        kinds[entity.kind] = kinds.get(entity.kind, 0) + 1
    tenures = sum(len(v) for v in knowledge.tenures.values())
    console.print(
        f"entities: {', '.join(f'{n} {k}' for k, n in sorted(kinds.items()))}; "
        f"people: {len(knowledge.people)}; tenures: {tenures}; outlets: {len(knowledge.outlets)}"
    )
    for lang in SUPPORTED_LANGUAGES:
        lex = lexicon(lang, knowledge)
        surfaces = sum(len(v) for v in lex.index.values())
        patterns = len(grammar(lang).patterns)
        console.print(f"{lang}: {surfaces} surface forms, {patterns} time patterns")
    console.print("[green]ok[/green]")


@kb_app.command("who")
def who_cli(
    actor: str = typer.Argument(..., help="Actor code, e.g. IRN."),
    office: str = typer.Argument(..., help="Office key, e.g. president."),
    on: str = typer.Argument(..., help="Date, YYYY-MM-DD."),
    kb: Path | None = typer.Option(None, "--kb"),
) -> None:
    """Who held an office on a date."""
    from datetime import date

    knowledge = load_kb(kb_folders(kb))
    person = knowledge.holder(actor.upper(), office, date.fromisoformat(on))
    typer.echo(f"{person.name} ({person.id})" if person else "nobody known")
