"""The HTTP API: routes, request limits, the per-request timeout and JSON errors.

Checks are CPU-bound: each runs in the check pool (threads of this process, or check processes;
see pool.py), in order, so the event loop keeps answering `/healthz` and refusing bad requests
while articles are checked. A request whose check has not started within the timeout is answered
503 (the server is busy); one whose check overruns it, 504.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
import time
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from http import HTTPStatus
from typing import Any

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import ClientDisconnect, Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from .. import __version__
from ..config import Config
from ..engine import default_registry
from ..language import available_languages
from . import languagetool
from .answers import Answer
from .checker import Checker
from .fields import RequestError, check_request, form_fields, json_fields
from .page import Page
from .pool import CheckPool

log = logging.getLogger("newslint.serve")

FORM = "application/x-www-form-urlencoded"
JSON = "application/json"


@dataclass(frozen=True)
class Limits:
    max_bytes: int = 1024 * 1024  # a request body (or query string), in bytes
    timeout: float = 10.0  # seconds a check may wait for its turn and run
    processes: int = 1  # check processes; 1: checks run in threads of this process
    threads: int = 1  # with one process, checks at once (the engine holds the GIL: more rarely help)


def create_app(
    config: Config,
    limits: Limits | None = None,
    cors_origins: tuple[str, ...] = (),
    *,
    checker: Checker | None = None,
) -> Starlette:
    """The application, with the engine loaded (a second or two), or sharing `checker`'s."""
    limits = limits or Limits()
    routes = [
        Route("/", page, methods=["GET"]),
        Route("/healthz", healthz, methods=["GET"]),
        Route("/v2/languages", v2_languages, methods=["GET"]),
        Route("/v2/check", _answering_bugs(v2_check), methods=["GET", "POST"]),
        Route("/api/check", _answering_bugs(api_check), methods=["POST"]),
    ]
    middleware = [Middleware(_HeadersLimit)]
    if cors_origins:
        middleware.append(
            Middleware(CORSMiddleware, allow_origins=list(cors_origins), allow_methods=["GET", "POST"],
                       allow_headers=["Content-Type"])
        )
    pool = CheckPool(config, processes=limits.processes, threads=limits.threads, checker=checker)

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        yield
        app.state.pool.close()

    app = Starlette(
        routes=routes,
        middleware=middleware,
        exception_handlers={RequestError: _request_error, HTTPException: _http_error, Exception: _internal_error},
        lifespan=lifespan,
    )
    app.state.pool = pool
    app.state.checker = pool.checker  # None with check processes: each has its own
    app.state.limits = limits
    app.state.languages = available_languages()
    app.state.rules = len(default_registry().select(config.select, config.ignore))
    app.state.page = Page.load()
    return app


# -- routes ---------------------------------------------------------------------------------------
async def page(request: Request) -> Response:
    return request.app.state.page.response()


async def healthz(request: Request) -> Response:
    state = request.app.state
    return JSONResponse({"status": "ok", "version": __version__, "languages": list(state.languages),
                         "rules": state.rules})


async def v2_languages(request: Request) -> Response:
    return JSONResponse(languagetool.languages(request.app.state.languages))


async def v2_check(request: Request) -> Response:
    return await _check(request, "languagetool")


async def api_check(request: Request) -> Response:
    """newslint's own JSON report (the versioned contract) for the one article sent."""
    return await _check(request, "report")


async def _check(request: Request, fmt: str) -> Response:
    fields = await _fields(request)
    req = check_request(fields, request.app.state.languages)
    answer, queued = await _in_pool(request, req, fmt)
    response = Response(answer.body, media_type=JSON)
    # Server-Timing: where a request's time went, for a load test or the browser's network panel
    timing = {"queue": answer.began - queued, "check": answer.checked - answer.began,
              "encode": answer.encoded - answer.checked}
    response.headers["Server-Timing"] = ", ".join(f"{k};dur={v * 1000:.1f}" for k, v in timing.items())
    return response


# -- a check --------------------------------------------------------------------------------------
async def _in_pool(request: Request, req: Any, fmt: str) -> tuple[Answer, float]:
    """The answer from the check pool, under the timeout, and when it was asked for.

    The pool is the limit: a check that overruns is abandoned by its request (Python cannot stop a
    thread) but keeps its thread or process until it ends, so a flood of slow checks cannot run
    more at once than the pool has room for."""
    limits: Limits = request.app.state.limits
    queued = time.monotonic()
    future = request.app.state.pool.submit(req, fmt)
    try:
        answer = await asyncio.wait_for(asyncio.wrap_future(future), limits.timeout)
    except TimeoutError:
        if future.cancel():  # it never started
            raise RequestError(503, f"the server is busy: no check started within {limits.timeout:g} s") from None
        raise RequestError(504, f"the check took longer than {limits.timeout:g} s") from None
    return answer, queued


# -- reading a request ----------------------------------------------------------------------------
async def _fields(request: Request) -> dict[str, Any]:
    limits: Limits = request.app.state.limits
    if request.method == "GET":
        query = request.scope.get("query_string", b"")
        if len(query) > limits.max_bytes:
            raise RequestError(413, f"the query string is larger than {limits.max_bytes} bytes")
        return form_fields(query)
    media_type, charset = _content_type(request)
    if media_type not in (FORM, JSON):
        given = media_type or "none"
        raise RequestError(415, f"Content-Type {given!r} is not accepted: send {FORM} or {JSON}")
    if charset not in (None, "utf-8", "utf8"):
        raise RequestError(415, f"charset {charset!r} is not accepted: send UTF-8")
    encoding = request.headers.get("content-encoding", "identity").strip().lower()
    if encoding != "identity":
        raise RequestError(415, f"Content-Encoding {encoding!r} is not accepted")
    body = await _body(request, limits.max_bytes)
    return form_fields(body) if media_type == FORM else json_fields(body)


def _content_type(request: Request) -> tuple[str, str | None]:
    media_type, *params = request.headers.get("content-type", "").split(";")
    charset = None
    for param in params:
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset":
            charset = value.strip().strip('"').lower()
    return media_type.strip().lower(), charset


async def _body(request: Request, max_bytes: int) -> bytes:
    """The body, refused as soon as it is known to be too large: by its Content-Length, or while
    it streams in (a client may send no length, or a false one); 408 if it has not all arrived
    within the timeout."""
    declared = request.headers.get("content-length")
    if declared is not None:
        if not declared.strip().isdigit():
            raise RequestError(400, f"bad Content-Length {declared!r}")
        if int(declared) > max_bytes:
            raise RequestError(413, f"the body is larger than {max_bytes} bytes")
    chunks: list[bytes] = []

    async def read() -> None:
        size = 0
        async for chunk in request.stream():
            size += len(chunk)
            if size > max_bytes:
                raise RequestError(413, f"the body is larger than {max_bytes} bytes")
            chunks.append(chunk)

    # A deadline for the whole body: uvicorn has none while a request's body streams in, so a client
    # that stalls (or sends a byte a minute) would hold its connection and this request forever.
    timeout = request.app.state.limits.timeout
    try:
        await asyncio.wait_for(read(), timeout)
    except TimeoutError:
        raise RequestError(408, f"the body did not arrive within {timeout:g} s") from None
    except ClientDisconnect:
        # the client went away mid-body: nobody to answer, and not a bug to log with a traceback
        raise RequestError(400, "the client disconnected before its body was sent") from None
    return b"".join(chunks)


MAX_HEADERS_BYTES = 16 * 1024  # uvicorn's (h11's) own limit on a head still arriving


class _HeadersLimit:
    """431 for a request whose headers are larger than MAX_HEADERS_BYTES. h11 refuses (400) a head
    that grows past 16 KB while it arrives, but parses one that came in a single read whatever its
    size (up to a read's 256 KB): the same limit here, however the bytes were split."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] == "http" and sum(len(k) + len(v) + 4 for k, v in scope["headers"]) > MAX_HEADERS_BYTES:
            response = error_response(431, f"the request's headers are larger than {MAX_HEADERS_BYTES} bytes")
            await response(scope, receive, send)
            return
        await self.app(scope, receive, send)


# -- errors: always JSON, never a traceback -------------------------------------------------------
def error_response(status: int, message: str, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse(
        {"status": status, "error": HTTPStatus(status).phrase, "message": message}, status_code=status, headers=headers
    )


async def _request_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestError)
    # after a 408 the rest of the body may still trickle in: close the connection rather than read
    # it (uvicorn would, with no deadline, once the answer is sent)
    headers = {"connection": "close"} if exc.status == 408 else None
    return error_response(exc.status, exc.message, headers=headers)


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    return error_response(exc.status_code, str(exc.detail), headers=dict(exc.headers or {}))


INTERNAL_ERROR = "internal error: the server's log has the details"


def _answering_bugs(handler: Callable[[Request], Any]) -> Callable[[Request], Any]:
    """A bug in a check is logged and answered 500 here, so that the connection stays open for the
    client's next request (an exception that reaches uvicorn closes it)."""

    @functools.wraps(handler)
    async def handle(request: Request) -> Response:
        try:
            return await handler(request)
        except (RequestError, HTTPException):
            raise
        except Exception:
            log.exception("internal error on %s %s", request.method, request.url.path)
            return error_response(500, INTERNAL_ERROR)

    return handle


async def _internal_error(request: Request, exc: Exception) -> Response:
    # the last resort, outside the routes: Starlette raises the exception again once this is sent,
    # and uvicorn logs it with its traceback
    return error_response(500, INTERNAL_ERROR)
