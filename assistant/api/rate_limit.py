"""Per-client rate limiting with the `limits` library (moving window, in memory per process)."""

from __future__ import annotations

import json

from limits import parse_many
from limits.storage import MemoryStorage
from limits.strategies import MovingWindowRateLimiter
from starlette.types import ASGIApp, Receive, Scope, Send


class RateLimitMiddleware:
    def __init__(self, app: ASGIApp, limit: str):
        self.app = app
        self.limits = parse_many(limit)
        self.limiter = MovingWindowRateLimiter(MemoryStorage())

    # Only the API is limited: liveness probes and the static page are not what the limit protects.
    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = scope.get("path", "")
        if scope["type"] != "http" or not (path.startswith("/v1/")):
            await self.app(scope, receive, send)
            return
        client = (scope.get("client") or ("unknown", 0))[0]
        if all(self.limiter.hit(limit, client) for limit in self.limits):
            await self.app(scope, receive, send)
            return
        body = json.dumps({"error": {"code": "rate_limited", "message": "too many requests; retry later"}}).encode()
        await send({"type": "http.response.start", "status": 429, "headers": [
            (b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()), (b"retry-after", b"60")]})
        await send({"type": "http.response.body", "body": body})
