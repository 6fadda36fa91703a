"""create_app(settings): the FastAPI application, its lifespan, middleware and the web page."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi.staticfiles import StaticFiles
from pydantic import ValidationError
from starlette.exceptions import HTTPException
from starlette.routing import Match

from assistant.api import openai_compat, routes
from assistant.api.ask_fast_path import AskFastPath
from assistant.api.errors import error_response, install_error_handlers
from assistant.api.limits import limit_worker_threads
from assistant.api.middleware import HardeningMiddleware
from assistant.api.purge import purge_forever
from assistant.api.rate_limit import RateLimitMiddleware
from assistant.api.storage_pool import StoragePool
from assistant.services import Services, build_services
from assistant.settings import Settings

WEB_DIR = Path(__file__).resolve().parent.parent.parent / "web"


def _validation_message(error: ValidationError) -> str:
    parts = []
    for detail in error.errors()[:5]:
        location = ".".join(str(part) for part in detail.get("loc", ()))
        parts.append(f"facts.{location}: {detail.get('msg', 'invalid')}")
    return "; ".join(parts)


def create_app(settings: Settings | None = None, services: Services | None = None) -> FastAPI:
    """The app; the model, index, rules and session store are built once, in the lifespan."""
    settings = settings or (services.settings if services else Settings())

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        limit_worker_threads(settings.server_threads)
        app.state.services = services or build_services(settings)
        app.state.storage_pool = pool = StoragePool(settings.storage_threads, queue=4 * settings.storage_threads)
        built = app.state.services
        # Sessions older than the configured retention go at start and then every hour.
        purger = asyncio.create_task(purge_forever(lambda: built.sessions.purge_expired(), pool.run))
        yield
        purger.cancel()
        pool.close()
        if services is None:
            built.close()

    app = FastAPI(
        title="policy-assistant",
        summary="Clause-cited answers, eligibility pre-check and material checklists for the regulations in corpus/",
        version="0.1.0",
        lifespan=lifespan,
    )
    install_error_handlers(app)

    @app.exception_handler(ValidationError)
    async def facts_invalid(_request, error: ValidationError):  # type: ignore[no-untyped-def]
        return error_response(422, "invalid_input", _validation_message(error))

    # Middleware added first runs innermost: the fast path is inside the rate limit and the hardening.
    app.add_middleware(AskFastPath)
    app.add_middleware(RateLimitMiddleware, limit=settings.rate_limit, storage_url=settings.rate_limit_storage,
                       trusted_proxies=settings.trusted_proxies)
    if settings.cors_origins:
        app.add_middleware(CORSMiddleware, allow_origins=settings.cors_origins, allow_methods=["GET", "POST", "DELETE"],
                           allow_headers=["content-type"])
    app.add_middleware(HardeningMiddleware, max_body_bytes=settings.max_body_bytes,
                       body_timeout_s=settings.body_read_timeout_s)
    app.include_router(routes.router)
    app.include_router(openai_compat.router)
    if WEB_DIR.is_dir():
        app.mount("/", WebFiles(directory=WEB_DIR, html=True), name="web")
    return app


def _methods_for(routes, scope) -> set[str]:  # type: ignore[no-untyped-def]
    """The HTTP methods the API serves at a path (routers included by FastAPI are walked into)."""
    methods: set[str] = set()
    for route in routes:
        nested = getattr(route, "original_router", None)
        if nested is not None:
            methods |= _methods_for(nested.routes, scope)
        elif getattr(route, "methods", None) and route.matches({**scope, "method": "GET"})[0] != Match.NONE:
            methods |= set(route.methods)
    return methods


class WebFiles(StaticFiles):
    """The page's files; a wrong method on an API path is a 405, not a missing file."""

    async def get_response(self, path: str, scope):  # type: ignore[no-untyped-def]
        if path.startswith("v1/") or path.startswith("healthz"):
            app = scope["app"]
            api_scope = {**scope, "path": "/" + path}
            allowed = sorted(_methods_for(app.routes, api_scope))
            if allowed:
                raise HTTPException(405, headers={"Allow": ", ".join(allowed)})
            raise HTTPException(404)
        return await super().get_response(path, scope)
