"""Web view of the store: pages (network, dyad timeline, event with its evidence, search)
and a JSON REST API under ``/api/``.

    from diplograph.web import create_app
    app = create_app(Path("diplograph.duckdb"))            # read-only
    app = create_app(db, allow_ingest=True, token="s3cret")  # POST /api/documents accepted

``diplograph serve --db FILE`` runs it with uvicorn; the schema is at ``/api/openapi.json``.
"""

from __future__ import annotations

from diplograph.web.api import create_app

__all__ = ["create_app"]
