"""POST /v1/chat/completions in the shape of OpenAI's Chat Completions API, so existing clients work."""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import Iterator
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends
from fastapi.responses import StreamingResponse
from pydantic import BaseModel, ConfigDict, Field, StrictStr, model_validator

from assistant.api.routes import ERROR_RESPONSES, get_services, text_chunks
from assistant.errors import InvalidInput
from assistant.services import Services

router = APIRouter(responses=ERROR_RESPONSES)
MODEL_NAME = "policy-assistant"


class TextPart(BaseModel):
    """A text part of a message's content; `text` must be a string (not a number, not null)."""

    model_config = ConfigDict(extra="allow")
    type: Literal["text"]
    text: StrictStr


class OtherPart(BaseModel):
    """An image, audio, file or refusal part: accepted as OpenAI clients send it, and not read."""

    model_config = ConfigDict(extra="allow")
    type: Literal["image_url", "input_audio", "file", "refusal"]


ContentPart = Annotated[TextPart | OtherPart, Field(discriminator="type")]


class ChatMessage(BaseModel):
    model_config = ConfigDict(extra="allow")
    role: Literal["system", "user", "assistant", "tool", "developer"]
    content: StrictStr | list[ContentPart] | None = Field(None, max_length=100)


class CompletionRequest(BaseModel):
    model_config = ConfigDict(
        extra="allow",  # clients send temperature, top_p …; they change nothing here
        json_schema_extra={"description": "`messages` must contain at least one message with role `user`",
                           "properties": {"messages": {"contains": {
                               "type": "object", "properties": {"role": {"const": "user"}}, "required": ["role"],
                           }}}},
    )
    model: str = Field(MODEL_NAME, max_length=200)
    messages: list[ChatMessage] = Field(..., min_length=1, max_length=100)
    stream: bool = False

    @model_validator(mode="after")
    def _has_a_user_message(self) -> CompletionRequest:
        if not any(message.role == "user" for message in self.messages):
            raise ValueError("messages must contain a message with role 'user'")
        return self


def _text(message: ChatMessage) -> str:
    if isinstance(message.content, list):
        return "".join(part.text for part in message.content if isinstance(part, TextPart))
    return message.content or ""


_RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {
        "description": "a chat.completion object; with `\"stream\": true`, server-sent events of "
                       "chat.completion.chunk objects ending with `data: [DONE]`",
        "content": {"text/event-stream": {"schema": {
            "type": "object", "required": ["data"],
            "properties": {"data": {"type": "string", "description": "a chat.completion.chunk as JSON, or [DONE]"}},
        }}},
    },
}


def _reply(answer: dict[str, Any]) -> str:
    labels = "、".join(citation["label"] for citation in answer["citations"])
    return answer["answer"] + (f"\n\n引用：{labels}" if labels else "")


@router.post("/v1/chat/completions", tags=["openai"], responses=_RESPONSES)
def chat_completions(body: CompletionRequest, services: Services = Depends(get_services)) -> Any:
    """The last user message is answered from the measures; system prompts cannot change the rules."""
    user_messages = [_text(message) for message in body.messages if message.role == "user"]
    if not user_messages or not user_messages[-1].strip():
        raise InvalidInput("messages: no user message with text")
    question = user_messages[-1]
    if len(question) > services.settings.max_message_chars:
        raise InvalidInput(f"messages: longer than {services.settings.max_message_chars} characters")
    answer = services.answerer.ask(question).to_dict()
    completion_id = f"chatcmpl-{uuid.uuid4().hex[:24]}"
    created = int(time.time())
    content = _reply(answer)
    if not body.stream:
        return {
            "id": completion_id,
            "object": "chat.completion",
            "created": created,
            "model": body.model,
            "choices": [{"index": 0, "message": {"role": "assistant", "content": content},
                         "finish_reason": "stop", "logprobs": None}],
            "usage": {"prompt_tokens": len(question), "completion_tokens": len(content),
                      "total_tokens": len(question) + len(content)},
            "citations": answer["citations"],
            "status": answer["status"],
        }

    def chunk(delta: dict[str, Any], finish: str | None, extra: dict[str, Any] | None = None) -> str:
        payload = {"id": completion_id, "object": "chat.completion.chunk", "created": created, "model": body.model,
                   "choices": [{"index": 0, "delta": delta, "finish_reason": finish, "logprobs": None}], **(extra or {})}
        return f"data: {json.dumps(payload, ensure_ascii=False)}\n\n"

    def events() -> Iterator[str]:
        yield chunk({"role": "assistant", "content": ""}, None)
        for piece in text_chunks(content):
            yield chunk({"content": piece}, None)
        yield chunk({}, "stop", {"citations": answer["citations"], "status": answer["status"]})
        yield "data: [DONE]\n\n"

    return StreamingResponse(events(), media_type="text/event-stream")
