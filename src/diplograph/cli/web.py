"""``diplograph serve``: the pages and the REST API over a store, with uvicorn."""

from __future__ import annotations

import ipaddress
from pathlib import Path

import typer

from diplograph.cli.app import app, err_console
from diplograph.cli.store import DB_OPTION
from diplograph.errors import UsageError

# uvicorn, FastAPI and the store (DuckDB, pandas) are imported when the command runs: `diplograph --help`
# stays quick.

TOKEN_VARIABLE = "DIPLOGRAPH_TOKEN"


@app.command("serve")
def serve_cli(
    db: Path = DB_OPTION,
    host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on (loopback: this machine only)."),
    port: int = typer.Option(8000, "--port", min=1, max=65535),
    allow_ingest: bool = typer.Option(
        False, "--allow-ingest", help="Accept POST /api/documents (needs --token); the store is created if missing."
    ),
    token: str | None = typer.Option(
        None,
        "--token",
        envvar=TOKEN_VARIABLE,
        show_envvar=True,
        help="Bearer token that POST requests must send (the variable keeps it out of the process list).",
    ),
    config: Path | None = typer.Option(None, "--config", help="Settings file overriding settings.toml."),
    cache_mb: int = typer.Option(
        64, "--cache-mb", min=0, help="Memory for answers kept while the store cannot change (0: keep none)."
    ),
) -> None:
    """Serve the store as a JSON API under /api/ (schema: /api/openapi.json, docs: /api/docs).

    Read-only unless --allow-ingest is given with a token."""
    import uvicorn

    from diplograph.store import query
    from diplograph.store.writer import connect
    from diplograph.web import create_app

    if allow_ingest and not token:
        raise UsageError(f"--allow-ingest needs --token TOKEN (or {TOKEN_VARIABLE}): anyone could write otherwise",
                         code="D430")  # fmt: skip
    if allow_ingest:
        connect(db).close()  # create it now, so that reads work before the first POST
    else:
        query.open_store(db).close()  # a missing or foreign store fails here, not on every request
    if not is_loopback(host):
        err_console.print(
            f"[yellow]warning:[/yellow] listening on {host}: other machines can read the whole store"
            + (", and the token travels in clear text unless a TLS proxy is in front" if allow_ingest else ""),
            highlight=False,
        )
    mode = "ingest allowed with the token" if allow_ingest else "read-only"
    where = f"http://{host}:{port}/ (API under /api/, docs at /api/docs)"
    err_console.print(f"serving {db} ({mode}) at {where}", highlight=False)
    web_app = create_app(db, allow_ingest=allow_ingest, token=token, config=config, cache_bytes=cache_mb * 1024 * 1024)
    uvicorn.run(web_app, host=host, port=port, log_level="info")


def is_loopback(host: str) -> bool:
    """Whether ``host`` is reachable from this machine only (localhost, 127.0.0.0/8, ::1)."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:  # a host name: it may resolve anywhere
        return False
