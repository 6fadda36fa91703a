"""Fold fresh eval batches into a regulation package's training questions, once their first run is reported.

Run: .venv/bin/python -m eval.fold_questions [--splits fresh2 fresh3 probe english]
Writes corpus/<id>/questions/folded.yaml (the loader reads every questions/*.yaml), labelled by eval/labels.py
from each batch's own labels. Held-out and the newest fresh batch are never folded: they measure what the heads
did not see. Deterministic: the same batches give the same file.
"""

from __future__ import annotations

import argparse
import os
import tempfile
from pathlib import Path

import yaml

from assistant.services import build_services
from assistant.settings import Settings
from eval.labels import clause_owners, training_label
from eval.runner import DATA_DIR

NEVER_FOLDED = {"heldout", "dev"}  # dev's questions are already the package's; held-out stays unseen
HEADER = """# Eval batches folded into the answering heads' training questions after their first runs were reported
# (written by `python -m eval.fold_questions`; do not edit by hand). Splits: {splits}.
"""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--splits", nargs="+", default=[*(f"fresh{n}" for n in range(2, 24)), "probe", "english"])
    args = parser.parse_args(argv)
    if NEVER_FOLDED & set(args.splits):
        parser.error(f"never folded: {sorted(NEVER_FOLDED & set(args.splits))}")
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    with tempfile.TemporaryDirectory(prefix="fold-") as data_dir:
        services = build_services(Settings(data_dir=Path(data_dir)))
        try:
            answerer = services.answerer
            owners = clause_owners(answerer)
            labels = [
                training_label(answerer, owners, case)
                for split in args.splits
                for case in yaml.safe_load((DATA_DIR / f"qa_{split}.yaml").read_text(encoding="utf-8"))["questions"]
            ]
            target = services.default.package.directory / "questions" / "folded.yaml"
        finally:
            services.close()
    body = yaml.safe_dump({"questions": labels}, allow_unicode=True, sort_keys=False, width=200)
    target.write_text(HEADER.format(splits=", ".join(args.splits)) + body, encoding="utf-8")
    print(f"{len(labels)} questions → {target}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
