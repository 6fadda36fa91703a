"""Routes: declare shapes, call the services, nothing else."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.responses import Response, StreamingResponse
from starlette.concurrency import run_in_threadpool

from assistant.api.schemas import (
    SESSION_ID_REGEX,
    AskRequest,
    AskResponse,
    ChatRequest,
    ErrorResponse,
    FactsSchemaResponse,
    HealthResponse,
    PrecheckRequest,
    RegulationsResponse,
    SearchResponse,
    SessionFactsRequest,
)
from assistant.api.shaped import ShapedJSON
from assistant.api.storage_pool import StoragePool
from assistant.eligibility import build_checklist, evaluate
from assistant.errors import InvalidInput
from assistant.regulation import find_clause
from assistant.services import Services

ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    status: {"model": ErrorResponse, "description": description}
    for status, description in (
        (400, "malformed request"), (404, "no such clause, category, session or route"),
        (413, "request body too large"), (422, "invalid input; the message names the field"),
        (429, "rate limit exceeded"), (503, "storage_unavailable: the session store is locked, full or "
                                            "damaged; a Retry-After header says when to try again"),
    )
}
ASK_RESPONSE = ShapedJSON(AskResponse)
SESSION_ID = Path(..., pattern=SESSION_ID_REGEX, description="the 32-character id /v1/chat returned")
router = APIRouter(responses=ERROR_RESPONSES)


# Dependencies are async on purpose: FastAPI runs a plain `def` dependency on the thread pool, one
# thread hop (two wake-ups) per request just to read an attribute.
async def get_services(request: Request) -> Services:
    return request.app.state.services


async def get_storage_pool(request: Request) -> StoragePool:
    return request.app.state.storage_pool


def _check_length(text: str, services: Services, field: str) -> None:
    if too_long(text, services):
        raise InvalidInput(f"{field}: longer than {services.settings.max_message_chars} characters")


def too_long(text: str, services: Services) -> bool:
    return len(text) > services.settings.max_message_chars


@router.get("/healthz", response_model=HealthResponse, tags=["service"])
async def healthz(services: Services = Depends(get_services)) -> dict[str, Any]:
    """Liveness: 200 once the model and the index are loaded. Touches no storage and needs no thread."""
    regulation = services.default.package.regulation
    return {"status": "ok", "regulation": regulation.title, "clauses": len(regulation.leaves())}


@router.get("/healthz/ready", tags=["service"], responses={503: {"description": "index or session store not ready"}})
async def ready(services: Services = Depends(get_services), pool: StoragePool = Depends(get_storage_pool)) -> Any:
    """Readiness of the index and of the session store, each probed with a 2 s limit; 503 unless both are."""
    from assistant.api.readiness import probe

    return await probe(services, pool)


@router.post("/v1/ask", response_model=AskResponse, tags=["answers"])
async def ask(body: AskRequest, services: Services = Depends(get_services)) -> Response:
    """A question about the measures → an answer citing its clauses, not_found, or clarify."""
    _check_length(body.question, services, "question")
    # One thread hop for the whole request: answering, then shaping by AskResponse and encoding. A sync
    # route returning a dict would cost two (the route, then FastAPI's response validation).
    return await run_in_threadpool(answer_json, services, body.question, body.regulation)


def answer_json(services: Services, question: str, regulation: str | None) -> Response:
    """The /v1/ask response for a valid request (also made by api/ask_fast_path.py)."""
    return ASK_RESPONSE.response(services.answer(question, regulation).to_dict())


@router.post("/v1/precheck", tags=["eligibility"])
def precheck(body: PrecheckRequest, services: Services = Depends(get_services)) -> dict[str, Any]:
    """Facts → a decision, amount bound, conditions and open questions for each of the five categories."""
    rulebook = services.bundle(body.regulation).rulebook
    return evaluate(rulebook.parse_facts(body.facts), rulebook).to_dict()


@router.get("/v1/checklist/{category}", tags=["eligibility"])
def checklist(
    category: str, regulation: str | None = Query(None, max_length=100), services: Services = Depends(get_services)
) -> dict[str, Any]:
    """The materials and the evidence of each condition for one category."""
    result = build_checklist(category, services.bundle(regulation).rulebook)
    return {**result.to_dict(), "text": result.to_text()}


@router.get("/v1/regulations", response_model=RegulationsResponse, tags=["regulations"])
def regulations(services: Services = Depends(get_services)) -> dict[str, Any]:
    """The regulation packages loaded, the primary one first."""
    return {"regulations": [
        {**bundle.package.meta.model_dump(include={"id", "title", "short_title", "issuer", "status", "primary"})}
        for bundle in services.bundles.values()
    ]}


@router.get("/v1/facts/schema", response_model=FactsSchemaResponse, response_model_exclude_none=True, tags=["eligibility"])
def facts_schema(
    regulation: str | None = Query(None, max_length=100), services: Services = Depends(get_services)
) -> dict[str, Any]:
    """Categories and facts with labels, units, types, questions and choices: the page builds its panel from this."""
    return services.bundle(regulation).package.facts_schema()


def _tree(clause) -> dict[str, Any]:
    node = clause.to_address()
    node["caption"] = clause.caption
    node["children"] = [_tree(child) for child in clause.children]
    return node


@router.get("/v1/clauses", tags=["clauses"])
def clauses(
    q: str | None = Query(None, max_length=200, description="only leaf clauses whose text contains these words"),
    regulation_id: str | None = Query(None, alias="regulation", max_length=100),
    services: Services = Depends(get_services),
) -> dict[str, Any]:
    """The clause tree of the regulation, or the leaf clauses matching ``q``."""
    regulation = services.bundle(regulation_id).package.regulation
    body: dict[str, Any] = {
        "regulation": {"id": regulation.id, "title": regulation.title, **{
            key: value for key, value in regulation.metadata.items() if key in ("issuer", "status", "bases")
        }},
        "chapters": [{"label": label, "title": title} for label, title in regulation.chapters],
    }
    if q:
        from assistant.language.normalise import normalise_query

        words = normalise_query(q).split()
        body["clauses"] = [
            clause.to_address() for clause in regulation.leaves()
            if all(word in clause.text or word in clause.label for word in words)
        ]
    else:
        body["clauses"] = [_tree(article) for article in regulation.articles]
    return body


@router.get("/v1/clauses/{reference}", tags=["clauses"])
def clause(
    reference: str,
    regulation: str | None = Query(None, max_length=100),
    services: Services = Depends(get_services),
) -> dict[str, Any]:
    """One clause by label (第五条第（一）项第3目) or id (a5p1i1s3), with its children."""
    return _tree(find_clause(services.bundle(regulation).package.regulation, reference[:100]))


@router.get("/v1/search", response_model=SearchResponse, tags=["clauses"])
def search(
    q: str = Query(..., min_length=1, max_length=200, description="words, a caller's phrase, a typo or a number"),
    k: int = Query(8, ge=1, le=30, description="how many clauses"),
    regulation: str | None = Query(None, max_length=100, description="only this regulation's clauses"),
    services: Services = Depends(get_services),
) -> dict[str, Any]:
    """Clauses nearest in meaning to ``q``, each with the spans of its text to highlight."""
    if regulation is not None:
        services.bundle(regulation)  # an unknown id is the contract's 404, not an empty list
    return services.search.clause_search.search(q, k, regulation).to_dict()


def _sse(event: str, data: Any) -> str:
    return f"event: {event}\ndata: {json.dumps(data, ensure_ascii=False)}\n\n"


def text_chunks(text: str, size: int = 12) -> Iterator[str]:
    for start in range(0, len(text), size):
        yield text[start:start + size]


_CHAT_RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {"description": "the turn's reply, facts and pre-check; with `?stream=true`, server-sent events: "
                         "`delta` events carrying pieces of the reply, then one `done` event with the whole body",
          "content": {"text/event-stream": {"schema": {
              "type": "object", "required": ["event", "data"],
              "properties": {"event": {"type": "string", "enum": ["delta", "done"]},
                             "data": {"type": "string", "description": "JSON: {\"text\"} for delta, the /v1/chat body for done"}},
          }}}},
    409: {"model": ErrorResponse, "description": "session_full: the session reached its turn limit; "
                                                 "session_conflict: too many concurrent writes, send again"},
}


@router.post("/v1/chat", tags=["chat"], responses=_CHAT_RESPONSES)
async def chat(body: ChatRequest, stream: bool = Query(False, description="server-sent events"),
               services: Services = Depends(get_services), pool: StoragePool = Depends(get_storage_pool)) -> Any:
    """One chat turn: facts are extracted and remembered, questions answered, the pre-check re-run."""
    _check_length(body.message, services, "message")
    choice = body.choice.model_dump() if body.choice is not None else None
    result = await pool.run(lambda: services.dialogue_for(body.regulation).turn(body.session_id, body.message, choice))
    if not stream:
        return result

    def events() -> Iterator[str]:
        for piece in text_chunks(result["reply"]):
            yield _sse("delta", {"text": piece})
        yield _sse("done", result)

    return StreamingResponse(events(), media_type="text/event-stream")


@router.delete("/v1/sessions/{session_id}", status_code=200, tags=["chat"])
async def forget_session(session_id: str = SESSION_ID, services: Services = Depends(get_services),
                         pool: StoragePool = Depends(get_storage_pool)) -> dict[str, Any]:
    """Forget a conversation and its facts."""
    await pool.run(lambda: services.sessions.delete(session_id))
    return {"deleted": session_id}


@router.get("/v1/sessions/{session_id}", tags=["chat"])
async def read_session(session_id: str = SESSION_ID, services: Services = Depends(get_services),
                       pool: StoragePool = Depends(get_storage_pool)) -> dict[str, Any]:
    """A conversation as stored: its turns, facts and pre-check, so a page reload restores it."""
    return await pool.run(services.dialogue.transcript, session_id)


@router.put("/v1/sessions/{session_id}/facts", tags=["chat"],
            responses={409: {"model": ErrorResponse, "description": "session_conflict: the session changed since "
                                                                    "`version`; reload and edit again"}})
async def replace_session_facts(body: SessionFactsRequest, session_id: str = SESSION_ID,
                                services: Services = Depends(get_services),
                                pool: StoragePool = Depends(get_storage_pool)) -> dict[str, Any]:
    """Replace a conversation's facts (edited in the pre-check panel) and re-run the pre-check."""
    return await pool.run(lambda: services.dialogue.replace_facts(session_id, body.facts, expected_version=body.version))
