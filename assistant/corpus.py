"""Load every regulation dropped into the corpus directory: ``NAME.txt`` plus optional ``NAME.toml``."""

from __future__ import annotations

import hashlib
import tomllib
from pathlib import Path

from assistant.errors import CorpusError
from assistant.regulation import Regulation, parse_regulation

DEFAULT_CORPUS_DIR = Path(__file__).resolve().parent.parent / "corpus"


def corpus_files(corpus_dir: Path) -> list[Path]:
    """The regulation texts of a corpus directory, in a stable order."""
    return sorted(corpus_dir.glob("*.txt"))


def corpus_hash(corpus_dir: Path) -> str:
    """A content hash of the texts and their metadata: the index is rebuilt when it changes."""
    digest = hashlib.sha256()
    for path in sorted([*corpus_dir.glob("*.txt"), *corpus_dir.glob("*.toml")]):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def load_regulation(text_path: Path) -> Regulation:
    meta_path = text_path.with_suffix(".toml")
    metadata = tomllib.loads(meta_path.read_text(encoding="utf-8")) if meta_path.exists() else {}
    regulation_id = metadata.get("id", text_path.stem)
    try:
        return parse_regulation(text_path.read_text(encoding="utf-8"), regulation_id, metadata)
    except CorpusError as error:
        raise CorpusError(f"{text_path.name}: {error.message}") from error


def load_corpus(corpus_dir: Path = DEFAULT_CORPUS_DIR) -> list[Regulation]:
    """Every regulation of the directory; the one marked ``primary`` (or the first) comes first."""
    regulations = [load_regulation(path) for path in corpus_files(corpus_dir)]
    if not regulations:
        raise CorpusError(f"no regulation text (*.txt) in {corpus_dir}")
    regulations.sort(key=lambda regulation: not regulation.metadata.get("primary", False))
    return regulations
