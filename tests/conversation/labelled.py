"""The labelled conversation data every test here reads: extraction batches and pre-check dialogues.

extraction_cases.yaml is the team's own set; extraction_fresh*.yaml are fresh batches, each written apart
from the reader and run once untouched before any tuning — its first-run figures stay beside it in
extraction_fresh*.firstrun.md (batch 1: 100/158 exact; 2: 106/128; 3: 120/159; 4: 130/166; 5: 135/165;
6: 144/165; 7: 133/166; 8: 140/160; 9: 157/215; 10: 195/258; 11: 173/211; 12: 149/208; 13: 171/228; 14: 201/268; 15: 217/280; 16: 197/282; 17: 184/288; 18: 212/297; 19: 201/290; 20: 211/290; 21: 189/290; 22: 227/290; 23: 191/290; 24: 175/290; 25: 179/290; 26: 230/290; 27: 215/290; 28: 215/290; 29: 241/290; 30: 247/290). The fresh dialogues (eval/data/dialogues_fresh*.yaml)
came with batches 2–30; their first runs are in the same reports (batches 9–30: dialogues_fresh*.firstrun.md). A new batch is picked up by its file name.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from tests.conftest import REPO

HERE = Path(__file__).parent


def _load(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _fresh_number(path: Path) -> int:
    digits = path.stem.rsplit("fresh", 1)[1]
    return int(digits or 1)


_FRESH_FILES = sorted(HERE.glob("extraction_fresh*.yaml"), key=_fresh_number)
# Batch id → its cases: "old" is extraction_cases.yaml, then "fresh", "fresh2", … in order.
EXTRACTION_BATCHES: dict[str, list[dict[str, Any]]] = {
    "old": _load(HERE / "extraction_cases.yaml"),
    **{path.stem.removeprefix("extraction_"): _load(path) for path in _FRESH_FILES},
}
OWN_CASES = EXTRACTION_BATCHES["old"]
ALL_CASES = [case for cases in EXTRACTION_BATCHES.values() for case in cases]

DIALOGUE_SOURCES = [
    HERE / "dialogues.yaml",
    REPO / "eval/data/dialogues_dev.yaml",
    *sorted((REPO / "eval/data").glob("dialogues_fresh*.yaml"), key=_fresh_number),
]
DIALOGUES = [dialogue for path in DIALOGUE_SOURCES for dialogue in _load(path)["dialogues"]]
