"""The ``diplograph`` command: one typer app, a module per command group."""

from __future__ import annotations

import sys

import typer
from rich.console import Console
from rich.markup import escape

from diplograph import __version__
from diplograph.errors import DiplographError

app = typer.Typer(
    name="diplograph",
    help="Turn news articles into a sourced, time-stamped graph of international relations.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
err_console = Console(stderr=True)
_state = {"debug": False}


def _version(value: bool) -> None:
    if value:
        typer.echo(f"diplograph {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    debug: bool = typer.Option(False, "--debug", help="Show tracebacks for errors."),
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="Print the version."),
) -> None:
    _state["debug"] = debug


def register() -> None:
    from diplograph.cli import analyze, demo, evaluate, export, graph, kb, store, web  # noqa: F401  (commands register themselves)


def main() -> None:
    """Entry point: a :class:`DiplographError` becomes one red line and exit code 1, a usage error
    (unknown command or option, missing argument) click's usage message and exit code 2."""
    register()
    try:
        code = app(standalone_mode=False, prog_name="diplograph")
        if isinstance(code, int) and code:
            sys.exit(code)
    except DiplographError as exc:
        if _state["debug"]:
            raise
        err_console.print(f"[red]error:[/red] {escape(str(exc))}", highlight=False, soft_wrap=True)
        sys.exit(1)
    except typer.Exit as exc:
        sys.exit(exc.exit_code)
    except typer.Abort:
        err_console.print("[red]aborted[/red]")
        sys.exit(130)
    except typer.TyperException as exc:
        # typer bundles its own click (typer._click): its usage errors derive from TyperException,
        # not from the click package's ClickException, and carry show() and exit_code (2 for usage).
        show = getattr(exc, "show", None)
        if show is None:
            err_console.print(f"[red]error:[/red] {exc.format_message()}", highlight=False)
            sys.exit(exc.exit_code)
        show()
        sys.exit(exc.exit_code)
    except Exception as exc:
        if _state["debug"]:
            raise
        err_console.print(
            f"[red]internal error:[/red] {type(exc).__name__}: {escape(str(exc))} (run with --debug for details)"
        )
        sys.exit(3)
