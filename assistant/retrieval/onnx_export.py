"""Export a sentence-transformers model to ONNX (float32 and int8) once, at install or first start.

This is the only module of the serving stack that imports torch, and it runs in its own process
(``python -m assistant.retrieval.onnx_export MODEL_DIR OUT_DIR``), so a server whose backend is
ONNX never holds torch in memory — not even on the first start that exports.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import warnings
from pathlib import Path
from typing import Any

# The float32 graph with the transformer's operators fused (attention, layer norm, GELU): same vectors
# (cosine ≥ 0.9999998 against the plain export), a few per cent less CPU per query.
FLOAT_FILE = "model.fused.onnx"
TOKENIZER_FILE = "tokenizer.json"
CONFIG_FILE = "encoder.json"
INT8_FILE = "model.int8.onnx"
INPUT_NAMES = ("input_ids", "attention_mask", "token_type_ids")


def export(model_dir: Path, out_dir: Path) -> None:
    """Write OUT_DIR/model.fused.onnx (the transformer's last hidden state) and its int8 twin."""
    import torch
    from onnxruntime.quantization import QuantType, quantize_dynamic
    from onnxruntime.transformers.optimizer import optimize_model
    from sentence_transformers import SentenceTransformer

    # Eager attention: SDPA's mask shortcuts would be traced as constants and drop the padding mask.
    model = SentenceTransformer(str(model_dir), device="cpu", model_kwargs={"attn_implementation": "eager"})
    if len(model) != 2 or getattr(model[1], "pooling_mode", None) not in ("mean", ("mean",), ["mean"]):
        raise SystemExit(f"only a transformer with mean pooling can be exported; {model_dir} is {model}")
    transformer = model[0].auto_model.eval()  # type: ignore[union-attr]

    class LastHiddenState(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.transformer = transformer

        def forward(self, input_ids, attention_mask, token_type_ids):  # type: ignore[no-untyped-def]
            return self.transformer(input_ids=input_ids, attention_mask=attention_mask,
                                    token_type_ids=token_type_ids).last_hidden_state

    # A padded batch as the example, so the traced graph keeps the mask path.
    input_ids = torch.tensor([[101, 2769, 812, 102, 0], [101, 1963, 862, 704, 102]])
    attention_mask = (input_ids != 0).long()
    out_dir.mkdir(parents=True, exist_ok=True)
    partial = out_dir / "model.plain.onnx.partial"  # torch's export, before fusion
    with warnings.catch_warnings(), torch.no_grad():
        warnings.simplefilter("ignore")
        torch.onnx.export(
            LastHiddenState(), (input_ids, attention_mask, torch.zeros_like(input_ids)), str(partial),
            input_names=list(INPUT_NAMES), output_names=["last_hidden_state"],
            dynamic_axes={name: {0: "batch", 1: "tokens"} for name in (*INPUT_NAMES, "last_hidden_state")},
            opset_version=17, dynamo=False,
        )
    # The tokenizer exactly as sentence-transformers builds it, and the sequence length it truncates at.
    model.tokenizer.backend_tokenizer.save(str(out_dir / TOKENIZER_FILE))
    (out_dir / CONFIG_FILE).write_text(json.dumps({"max_tokens": model.max_seq_length, "pooling": "mean",
                                                   "dimension": model.get_embedding_dimension()}))
    int8_partial = out_dir / (INT8_FILE + ".partial")
    # Per-tensor weights: per-channel ones came out at cosine 0.65 against torch with onnxruntime 1.31/1.32 and
    # onnx 1.23 (measured on the test sentences; per-tensor 0.985-0.993).
    quantize_dynamic(str(partial), str(int8_partial), weight_type=QuantType.QInt8, per_channel=False)
    fused_partial = out_dir / (FLOAT_FILE + ".partial")
    config: Any = transformer.config  # a transformers PretrainedConfig
    # opt_level 1: portable fusions only; the session applies the machine-specific ones when it loads.
    optimize_model(str(partial), model_type="bert", num_heads=config.num_attention_heads,
                   hidden_size=config.hidden_size, opt_level=1).save_model_to_file(str(fused_partial))
    # Renames last: a reader never sees a half-written file.
    os.replace(int8_partial, out_dir / INT8_FILE)
    os.replace(fused_partial, out_dir / FLOAT_FILE)
    partial.unlink()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("model_dir", nargs="?", help="sentence-transformers model directory (default: the configured model)")
    parser.add_argument("out_dir", nargs="?", help="where the .onnx files go (default: the configured cache)")
    args = parser.parse_args(argv)
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    if args.model_dir and args.out_dir:
        export(Path(args.model_dir), Path(args.out_dir))
        return 0
    # `make install`: export the configured model into the configured cache, if not done yet.
    from assistant.retrieval.embeddings import default_model_cache_dir
    from assistant.retrieval.onnx_encoder import ensure_exported
    from assistant.settings import Settings

    settings = Settings()
    if settings.embedding_backend != "torch":
        folder = ensure_exported(settings.embedding_model, settings.model_cache_dir or default_model_cache_dir())
        print(f"ONNX export of {settings.embedding_model}: {folder}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
