"""POST /v1/ask answered without FastAPI's per-request machinery when the request is well formed.

/v1/ask is the route whose cost is measured against one embedding (issue 16's bar, bench/round_trip.py).
FastAPI's request handling (routing, dependency solving, body field validation, exit stacks) costs
~0.1 ms on a warm CPU and several times that on the cold one a request meets after the model ran;
this path skips it for the common request and keeps everything else as it was:
- it sits inside the request-id/limits/logging and rate-limit middleware, so those apply unchanged;
- it answers only a request FastAPI would accept the same way: Content-Type application/json, a JSON
  object that AskRequest validates, a question within max_message_chars; the body is the route's own
  (routes.answer_json), our errors go through the one mapping of api/errors.py;
- anything else is handed on, body replayed, to the FastAPI route, which answers or refuses it with
  the contract's error exactly as before. The route also documents the operation in OpenAPI.
"""

from __future__ import annotations

import json

from pydantic import ValidationError
from starlette.concurrency import run_in_threadpool
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from assistant.api.errors import assistant_error_response
from assistant.api.routes import answer_json, too_long
from assistant.api.schemas import AskRequest
from assistant.errors import AssistantError

PATH = "/v1/ask"


class AskFastPath:
    """Pure ASGI; add it before the other middleware so that it runs inside them."""

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"] != PATH or scope["method"] != "POST":
            await self.app(scope, receive, send)
            return
        messages = await _read_body(receive)
        state = scope["app"].state
        question = _well_formed(scope, messages)
        if question is None or too_long(question.question, state.services):
            await self.app(scope, _replaying(messages, receive), send)
            return
        try:
            response = await run_in_threadpool(answer_json, state.services, question.question, question.regulation)
        except AssistantError as error:
            response = assistant_error_response(error)
        await response(scope, receive, send)


def _well_formed(scope: Scope, messages: list[Message]) -> AskRequest | None:
    """The request as AskRequest, or None when FastAPI should decide (and word any refusal)."""
    if messages[-1]["type"] != "http.request":  # the client went away: let the route see it
        return None
    content_type = next((value for name, value in scope["headers"] if name == b"content-type"), b"")
    if content_type.split(b";", 1)[0].strip().lower() != b"application/json":
        return None
    try:
        data = json.loads(b"".join(message.get("body", b"") for message in messages))  # as Request.json()
        return AskRequest.model_validate(data) if isinstance(data, dict) else None
    except (ValueError, ValidationError, RecursionError):  # JSONDecodeError, UnicodeDecodeError are ValueErrors;
        # a body nested past the parser's depth is the route's to refuse
        return None


async def _read_body(receive: Receive) -> list[Message]:
    """The messages up to the end of the body (or a disconnect)."""
    messages = []
    while True:
        message = await receive()
        messages.append(message)
        if message["type"] != "http.request" or not message.get("more_body", False):
            return messages


def _replaying(messages: list[Message], receive: Receive) -> Receive:
    """A receive that gives the messages read here again, in order, then whatever comes next."""
    pending = list(messages)

    async def replay() -> Message:
        if pending:
            return pending.pop(0)
        return await receive()

    return replay
