"""create_app(settings): the FastAPI application, its lifespan, middleware and the web page."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi.staticfiles import StaticFiles
from pydantic import ValidationError
from slowapi import Limiter
from slowapi.middleware import SlowAPIMiddleware
from slowapi.util import get_remote_address

from assistant.api import openai_compat, routes
from assistant.api.errors import error_response, install_error_handlers
from assistant.api.middleware import HardeningMiddleware
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
        app.state.services = services or build_services(settings)
        yield
        if services is None:
            app.state.services.close()

    app = FastAPI(
        title="policy-assistant",
        summary="《武汉市工业互联网发展专项资金管理办法（征求意见稿）》: clause-cited answers, pre-check, checklist",
        version="0.1.0",
        lifespan=lifespan,
    )
    install_error_handlers(app)

    @app.exception_handler(ValidationError)
    async def facts_invalid(_request, error: ValidationError):  # type: ignore[no-untyped-def]
        return error_response(422, "invalid_input", _validation_message(error))

    limiter = Limiter(key_func=get_remote_address, default_limits=[settings.rate_limit],
                      storage_uri="memory://", headers_enabled=False)
    app.state.limiter = limiter
    app.add_middleware(SlowAPIMiddleware)
    if settings.cors_origins:
        app.add_middleware(CORSMiddleware, allow_origins=settings.cors_origins, allow_methods=["GET", "POST", "DELETE"],
                           allow_headers=["content-type"])
    app.add_middleware(HardeningMiddleware, max_body_bytes=settings.max_body_bytes)
    app.include_router(routes.router)
    app.include_router(openai_compat.router)
    if WEB_DIR.is_dir():
        app.mount("/", StaticFiles(directory=WEB_DIR, html=True), name="web")
    return app
