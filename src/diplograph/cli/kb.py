"""``diplograph kb``: check the knowledge base and look entries up."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import typer
from rich.console import Console

from diplograph.actors.kb import OFFICES, kb_folders, load_kb
from diplograph.actors.lexicon import lexicon
from diplograph.cli.app import app
from diplograph.errors import UsageError, did_you_mean
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
    knowledge = load_kb(kb_folders(kb))
    code = actor.upper()
    codes = {entity.code for entity in knowledge.entities.values()} | {key[0] for key in knowledge.tenures}
    if code not in codes:
        hint = did_you_mean(code, codes)
        raise UsageError(f"unknown actor code {actor!r}; {hint}codes are ISO 3166 alpha-3, EU, NATO …", code="D411")
    offices = sorted(OFFICES | set(knowledge.office_groups) | {key[1] for key in knowledge.tenures})
    if office not in offices:
        hint = did_you_mean(office, offices)
        raise UsageError(f"unknown office {office!r}; {hint}known: {', '.join(offices)}", code="D412")
    try:
        day = date.fromisoformat(on)
    except ValueError:
        raise UsageError(f"date must be a real day YYYY-MM-DD, not {on!r}", code="D413") from None
    person = knowledge.holder(code, office, day)
    typer.echo(f"{person.name} ({person.id})" if person else f"nobody known as {office} of {code} on {on}")
