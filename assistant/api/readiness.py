"""GET /healthz/ready: is the index answering, is the session store usable — each said separately."""

from __future__ import annotations

import asyncio
from typing import Any

from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool

from assistant.api.storage_pool import StoragePool
from assistant.errors import AssistantError
from assistant.services import Services

PROBE_TIMEOUT_S = 2.0


async def _part(check: Any) -> dict[str, Any]:
    try:
        detail = await asyncio.wait_for(check, PROBE_TIMEOUT_S)
    except TimeoutError:
        return {"ready": False, "error": f"no answer within {PROBE_TIMEOUT_S:g} s"}
    except AssistantError as error:
        return {"ready": False, "error": error.message}
    except Exception as error:  # a probe reports any failure; it never fails itself
        return {"ready": False, "error": f"{type(error).__name__}: {str(error)[:200]}"}
    return {"ready": True, **(detail or {})}


async def probe(services: Services, pool: StoragePool) -> JSONResponse:
    """200 when both parts are ready, else 503; the body says which part is not, and why."""
    index = await _part(run_in_threadpool(services.search.vector_index.check))
    sessions = await _part(pool.run(lambda: services.sessions.check()))
    ready = index["ready"] and sessions["ready"]
    body = {"status": "ready" if ready else "not_ready", "index": index, "sessions": sessions}
    return JSONResponse(body, status_code=200 if ready else 503, headers=None if ready else {"Retry-After": "2"})
