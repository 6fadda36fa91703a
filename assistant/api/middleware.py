"""Request-level hardening: a request id and structured access log, body size and read-time limits,
security headers, and the error shape for anything that escapes the routes."""

from __future__ import annotations

import asyncio
import json
import logging
import os
import re
import time

from starlette.types import ASGIApp, Message, Receive, Scope, Send

log = logging.getLogger("assistant.access")
errors_log = logging.getLogger("assistant.api")

SECURITY_HEADERS = [
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
    (b"content-security-policy", b"default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'"),
    (b"cross-origin-opener-policy", b"same-origin"),
]
# Session ids are bearer tokens: whoever reads a log line must not be able to resume the conversation.
_SESSION_IN_PATH = re.compile(r"(/v1/sessions/)[^/]+")


def redact_path(path: str) -> str:
    """The request path with any session id replaced by a placeholder."""
    return _SESSION_IN_PATH.sub(r"\1<redacted>", path)


class HardeningMiddleware:
    """Pure ASGI (so streaming responses pass through): limits body size and read time, tags and logs
    requests, and answers in the error shape for an exception no handler took.

    The 500 is sent here rather than by Starlette's ServerErrorMiddleware, which re-raises and so
    makes the server drop the keep-alive connection under the client.
    """

    def __init__(self, app: ASGIApp, max_body_bytes: int, body_timeout_s: float = 10.0):
        self.app = app
        self.max_body_bytes = max_body_bytes
        self.body_timeout_s = body_timeout_s

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request_id = os.urandom(8).hex()
        started = time.perf_counter()
        state = {"status": 0, "answered_here": False}
        headers = dict(scope.get("headers") or [])
        declared = headers.get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > self.max_body_bytes):
            await self._reject(send, request_id, 413, "payload_too_large", f"request body over {self.max_body_bytes} bytes")
            self._log(scope, 413, started, request_id)
            return

        received = 0
        body_done = False

        async def answer_here(status: int, code: str, message: str) -> None:
            if not state["status"]:
                await self._reject(send, request_id, status, code, message)
                state["status"], state["answered_here"] = status, True

        async def limited_receive() -> Message:
            nonlocal received, body_done
            if body_done:  # after the body: only a disconnect can come, and may take any time
                return await receive()
            try:
                # asyncio.timeout, not wait_for: no extra task and loop turn for every body message.
                async with asyncio.timeout(self.body_timeout_s):
                    message = await receive()
            except TimeoutError:
                await answer_here(408, "request_timeout", f"request body not received within {self.body_timeout_s:g} s")
                raise _BodyAborted from None
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                body_done = not message.get("more_body", False)
                if received > self.max_body_bytes:
                    # Answered here, at once: the framework would turn the exception into a 400.
                    await answer_here(413, "payload_too_large", f"request body over {self.max_body_bytes} bytes")
                    raise _BodyAborted
            return message

        async def tagged_send(message: Message) -> None:
            if state["answered_here"]:
                return  # the app's own answer to an aborted body is dropped: the client has ours
            if message["type"] == "http.response.start":
                state["status"] = message["status"]
                message.setdefault("headers", [])
                message["headers"] = [*message["headers"], (b"x-request-id", request_id.encode()), *SECURITY_HEADERS]
            await send(message)

        try:
            await self.app(scope, limited_receive, tagged_send)
        except _BodyAborted:
            pass
        except Exception:
            errors_log.exception("unhandled error on %s %s (request %s)", scope.get("method"),
                                 redact_path(scope.get("path", "")), request_id)
            if state["status"]:
                raise  # the response has begun: the connection cannot be saved
            await answer_here(500, "internal_error", "internal error; the request id is in the X-Request-ID header")
        self._log(scope, state["status"], started, request_id)

    async def _reject(self, send: Send, request_id: str, status: int, code: str, message: str) -> None:
        body = json.dumps({"error": {"code": code, "message": message}}).encode()
        headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
                   (b"x-request-id", request_id.encode()), *SECURITY_HEADERS]
        if status in (408, 413):
            headers.append((b"connection", b"close"))  # the rest of the body is not read
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send({"type": "http.response.body", "body": body})

    @staticmethod
    def _log(scope: Scope, status: int, started: float, request_id: str) -> None:
        log.info(json.dumps({
            "request_id": request_id,
            "method": scope.get("method"),
            "path": redact_path(scope.get("path", "")),
            "status": status,
            "ms": round((time.perf_counter() - started) * 1000, 2),
        }))


class _BodyAborted(Exception):
    """The body was refused (too large, too slow) and the client already has the answer."""
