"""The API's one error shape, ``{"detail", "code"}`` (and ``errors`` for a malformed request), and
the handlers that give it: bad input 422, a bad filter 400, a store that cannot be opened now 503
(with ``Retry-After``), anything else 500 with a generic message (the traceback goes to the log)."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from diplograph.errors import DiplographError, InputError, StoreError, UsageError
from diplograph.web.models import FieldProblem, Problem

RETRY_AFTER_S = 1  # a store being written is usually free again within the ingest's next batch

ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": Problem, "description": "A filter value that cannot be right (code D410)."},
    422: {"model": Problem, "description": "A malformed parameter or body."},
    500: {"model": Problem, "description": "Unexpected error (generic message; details in the server log)."},
    503: {"model": Problem, "description": "The store cannot be opened now (another program is writing to it?)."},
}


def problem(
    status: int, detail: str, code: str | None = None, problems: list[FieldProblem] | None = None
) -> JSONResponse:
    body = Problem(detail=detail, code=code, errors=problems).model_dump(exclude_none=True)
    return JSONResponse(body, status_code=status)


async def _diplograph_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, DiplographError)
    if isinstance(exc, InputError):
        return problem(422, exc.reason, exc.code)
    if isinstance(exc, UsageError):
        return problem(400, exc.reason, exc.code)
    if isinstance(exc, StoreError) and exc.code in ("D301", "D302", "D303"):
        # The reason names the file on the server; the client learns only what it can act on.
        answer = problem(503, "the store cannot be opened now; try again later", exc.code)
        answer.headers["Retry-After"] = str(RETRY_AFTER_S)
        return answer
    return problem(500, "internal error", exc.code)


async def _validation_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    problems = [
        FieldProblem(loc=[p if isinstance(p, int) else str(p) for p in e.get("loc", ())], msg=str(e.get("msg", "")),
                     type=str(e.get("type", "")))
        for e in exc.errors()
    ]  # fmt: skip
    detail = "; ".join(f"{'.'.join(map(str, p.loc))}: {p.msg}" for p in problems) or "invalid request"
    return problem(422, detail, "D400", problems)


async def _http_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    return JSONResponse({"detail": str(exc.detail)}, status_code=exc.status_code, headers=exc.headers)


async def _unexpected_error(request: Request, exc: Exception) -> JSONResponse:
    return problem(500, "internal error")


def add_handlers(app: FastAPI) -> None:
    app.add_exception_handler(DiplographError, _diplograph_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(Exception, _unexpected_error)
