"""A response body shaped by its response model and encoded in one step, off the event loop."""

from __future__ import annotations

from typing import Any

from fastapi.responses import Response
from pydantic import BaseModel, TypeAdapter, ValidationError


class ResponseShapeError(RuntimeError):
    """A route produced a body its response model refuses: a bug of ours, hence a 500, never a 422."""


class ShapedJSON:
    """What FastAPI does with a route's ``response_model`` (validate, drop undeclared keys, fill
    defaults, encode as JSON), callable where the body is made, so a route can return the bytes.

    The route keeps ``response_model=`` for its OpenAPI schema; FastAPI passes a returned Response
    through untouched.
    """

    def __init__(self, model: type[BaseModel]):
        self.model = model
        self._adapter = TypeAdapter(model)

    def encode(self, body: Any) -> bytes:
        """The JSON FastAPI would send for ``body`` under this response model."""
        try:
            shaped = self._adapter.validate_python(body, from_attributes=True)
        except ValidationError as error:
            raise ResponseShapeError(f"{self.model.__name__}: {error}") from None
        return self._adapter.dump_json(shaped, by_alias=True)

    def response(self, body: Any, status_code: int = 200) -> Response:
        return Response(self.encode(body), status_code=status_code, media_type="application/json")
