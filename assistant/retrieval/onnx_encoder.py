"""The lean embedding runtime: onnxruntime + tokenizers, no torch in the process.

The model is exported once (``onnx_export``, in a subprocess) into a cache directory keyed by the
model's files; this module only loads the export and does what sentence-transformers' encode does
for a mean-pooled model: tokenise, run the transformer, average the token vectors, normalise.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import logging
import re
import subprocess
import sys
from pathlib import Path

import numpy as np

from assistant.retrieval.embeddings import ModelNotFound, resolve_model_path
from assistant.retrieval.onnx_export import CONFIG_FILE, FLOAT_FILE, INT8_FILE, TOKENIZER_FILE

log = logging.getLogger(__name__)


# Bumped whenever onnx_export.export writes different files (2: per-tensor int8 weights).
EXPORT_VERSION = "2"


def export_dir(model_name: str, cache_dir: Path) -> Path:
    """Where the export of this model lives: a new model file (or a new model) gets a new folder."""
    model_dir = resolve_model_path(model_name).resolve()
    fingerprint = hashlib.sha256(str(model_dir).encode())
    fingerprint.update(EXPORT_VERSION.encode())  # a change in how the export is made redoes it
    for path in sorted(model_dir.rglob("*")):
        if path.is_file():
            stat = path.stat()
            fingerprint.update(f"{path.relative_to(model_dir)}:{stat.st_size}:{stat.st_mtime_ns}".encode())
    name = re.sub(r"[^a-zA-Z0-9-]", "-", model_dir.name)[-40:].strip("-") or "model"
    return cache_dir / f"{name}-{fingerprint.hexdigest()[:12]}"


def ensure_exported(model_name: str, cache_dir: Path) -> Path:
    """The export folder of the model, exporting it first (in a child process, under a file lock) if missing."""
    target = export_dir(model_name, cache_dir)
    if (target / FLOAT_FILE).is_file():
        return target
    cache_dir.mkdir(parents=True, exist_ok=True)
    with open(cache_dir / ".export.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # several workers starting at once: one exports, the others wait
        if not (target / FLOAT_FILE).is_file():
            log.info("exporting %s to ONNX under %s (once)", model_name, target)
            done = subprocess.run(
                [sys.executable, "-m", "assistant.retrieval.onnx_export", str(resolve_model_path(model_name)), str(target)],
                capture_output=True, text=True,
            )
            if done.returncode != 0:
                raise ModelNotFound(f"ONNX export of {model_name!r} failed: {done.stderr.strip()[-2000:]}")
    return target


class OnnxEncoder:
    """Normalised mean-pooled sentence vectors from an exported transformer, one intra-op thread per call."""

    # One text per run: onnxruntime's arena keeps the peak of the largest batch for the life of the
    # process (~100 MB for 16 clauses), and batching saves little on CPU.
    batch_size = 1

    def __init__(self, folder: Path, *, int8: bool = False, threads: int = 1):
        import onnxruntime as ort
        from tokenizers import Tokenizer

        config = json.loads((folder / CONFIG_FILE).read_text())
        options = ort.SessionOptions()
        # Requests run in parallel on the server's threads; one thread per call avoids oversubscription.
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        options.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
        options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        self._session = ort.InferenceSession(str(folder / (INT8_FILE if int8 else FLOAT_FILE)), options,
                                             providers=["CPUExecutionProvider"])
        self._input_names = {node.name for node in self._session.get_inputs()}
        self._tokenizer = Tokenizer.from_file(str(folder / TOKENIZER_FILE))
        self._tokenizer.no_padding()
        self._tokenizer.enable_truncation(int(config["max_tokens"]))
        self.dimension = int(config["dimension"])

    def encode(self, texts: list[str]) -> np.ndarray:
        """float32 array (len(texts) × dimension), each row of unit length."""
        encodings = self._tokenizer.encode_batch(texts, add_special_tokens=True)
        width = max(len(encoding.ids) for encoding in encodings)
        ids = np.zeros((len(texts), width), dtype=np.int64)
        mask = np.zeros((len(texts), width), dtype=np.int64)
        for row, encoding in enumerate(encodings):
            ids[row, : len(encoding.ids)] = encoding.ids
            mask[row, : len(encoding.ids)] = 1
        feeds = {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
        hidden = self._session.run(None, {name: value for name, value in feeds.items() if name in self._input_names})[0]
        weights = mask[..., None].astype(np.float32)
        vectors = (hidden * weights).sum(axis=1) / np.clip(weights.sum(axis=1), 1e-9, None)
        return (vectors / np.clip(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-12, None)).astype(np.float32)
