"""Load the regulation packages of a corpus directory: one folder per regulation (``corpus/<id>/``).

A package holds ``text.txt`` (unedited), ``meta.toml``, ``rules.yaml``, ``facts.yaml`` and
``vocabulary.yaml``; every file is validated here, and an error names the file and the entry.
"""

from __future__ import annotations

import hashlib
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from assistant.eligibility import RuleBook, build_rulebook
from assistant.errors import CorpusError
from assistant.package import (
    FactsFile,
    FactSpec,
    LabelledQuestion,
    PackageMeta,
    QuestionsFile,
    VocabularyFile,
)
from assistant.regulation import Regulation, parse_regulation

DEFAULT_CORPUS_DIR = Path(__file__).resolve().parent.parent / "corpus"
TEXT_FILE = "text.txt"
HASHED_FILES = (TEXT_FILE, "meta.toml")  # what the vector index is built from
ModelT = TypeVar("ModelT", bound=BaseModel)


@dataclass(frozen=True)
class RegulationPackage:
    """Everything one regulation brings: its clause tree, rule book, facts and vocabulary."""

    directory: Path
    meta: PackageMeta
    regulation: Regulation
    facts: FactsFile
    vocabulary: VocabularyFile
    rulebook: RuleBook
    questions: tuple[LabelledQuestion, ...] = ()  # what the fitted parts of answering learn from

    @property
    def id(self) -> str:
        return self.meta.id

    def facts_schema(self) -> dict[str, Any]:
        """Categories and facts with labels, units, types, questions and choices (GET /v1/facts/schema)."""
        sections = {section.category: section.path for section in self.facts.sections if section.category}

        def section_of(path: str) -> str:
            return max((s.path for s in self.facts.sections if path == s.path or path.startswith(s.path + ".")), key=len)

        def fact_body(fact: FactSpec, section: str) -> dict[str, Any]:
            choices = fact.choices or (self.facts.yes_no if fact.type == "boolean" else [])
            body: dict[str, Any] = {
                "path": fact.path, "type": fact.type, "unit": fact.unit, "label": fact.label,
                "question": fact.question, "section": section,
                "choices": [choice.model_dump() for choice in choices] or None,
            }
            if fact.fields:
                body["fields"] = [fact_body(field, section) for field in fact.fields]
            return body

        return {
            "regulation": self.id,
            "categories": [
                {"id": category.id, "title": category.title, "section": sections.get(category.id)}
                for category in self.rulebook.categories
            ],
            "facts": [fact_body(fact, section_of(fact.path)) for fact in self.facts.facts],
        }


def package_dirs(corpus_dir: Path) -> list[Path]:
    """The package folders of a corpus directory (those with a text.txt), in a stable order."""
    return sorted(path.parent for path in corpus_dir.glob(f"*/{TEXT_FILE}"))


def corpus_hash(corpus_dir: Path) -> str:
    """A content hash of the texts and their metadata: the vector index is rebuilt when it changes."""
    digest = hashlib.sha256()
    for directory in package_dirs(corpus_dir):
        for name in HASHED_FILES:
            path = directory / name
            if path.exists():
                digest.update(f"{directory.name}/{name}".encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def _read_yaml(path: Path) -> Any:
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise CorpusError(f"{path.parent.name}/{path.name}: cannot read: {error}") from error


def _validated(model: type[ModelT], raw: Any, path: Path) -> ModelT:
    try:
        return model.model_validate(raw)
    except ValidationError as error:
        problems = "; ".join(
            f"{'.'.join(str(part) for part in problem['loc']) or '(top)'}: {problem['msg']}"
            for problem in error.errors()[:5]
        )
        raise CorpusError(f"{path.parent.name}/{path.name}: {problems}") from error


def read_meta(directory: Path) -> PackageMeta:
    path = directory / "meta.toml"
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise CorpusError(f"{directory.name}/meta.toml: cannot read: {error}") from error
    return _validated(PackageMeta, raw, path)


def load_regulation(directory: Path) -> Regulation:
    """The clause tree of one package (text and metadata only: what the index needs)."""
    meta = read_meta(directory)
    if meta.id != directory.name:
        raise CorpusError(f"{directory.name}/meta.toml: id {meta.id!r} differs from the folder name")
    try:
        text = (directory / TEXT_FILE).read_text(encoding="utf-8")
        return parse_regulation(text, meta.id, meta.model_dump())
    except (OSError, CorpusError) as error:
        message = getattr(error, "message", str(error))
        raise CorpusError(f"{directory.name}/{TEXT_FILE}: {message}") from error


def load_package(directory: Path) -> RegulationPackage:
    """Read and validate every file of one package; raises CorpusError or RuleDataError naming the file."""
    regulation = load_regulation(directory)
    facts = _validated(FactsFile, _read_yaml(directory / "facts.yaml"), directory / "facts.yaml")
    vocabulary = _validated(VocabularyFile, _read_yaml(directory / "vocabulary.yaml"), directory / "vocabulary.yaml")
    for name, file in (("facts.yaml", facts), ("vocabulary.yaml", vocabulary)):
        if file.regulation != regulation.id:
            raise CorpusError(f"{directory.name}/{name}: written for {file.regulation}, not {regulation.id}")
    rulebook = build_rulebook(
        _read_yaml(directory / "rules.yaml"), regulation, facts, source=f"{directory.name}/rules.yaml"
    )
    questions = tuple(
        question
        for path in sorted((directory / "questions").glob("*.yaml"))
        for question in _validated(QuestionsFile, _read_yaml(path), path).questions
    )
    _check_labels(directory, questions, rulebook, vocabulary)
    meta = read_meta(directory)
    return RegulationPackage(directory, meta, regulation, facts, vocabulary, rulebook, questions)


def _check_labels(
    directory: Path, questions: tuple[LabelledQuestion, ...], rulebook: RuleBook, vocabulary: VocabularyFile
) -> None:
    categories = set(rulebook.category_ids)
    topics = {topic.id for topic in vocabulary.open_topics}
    for number, question in enumerate(questions, start=1):
        if question.category is not None and question.category not in categories:
            raise CorpusError(f"{directory.name}/questions: question {number}: unknown category {question.category!r}")
        if question.topic is not None and question.topic not in topics:
            raise CorpusError(f"{directory.name}/questions: question {number}: unknown topic {question.topic!r}")


def _primary_first(regulation: Regulation) -> bool:
    return not regulation.metadata.get("primary", False)


def load_corpus(corpus_dir: Path = DEFAULT_CORPUS_DIR) -> list[Regulation]:
    """The clause trees of every package (all the index needs); the ``primary`` one comes first."""
    directories = package_dirs(corpus_dir)
    if not directories:
        raise CorpusError(f"no regulation package (<id>/{TEXT_FILE}) in {corpus_dir}")
    return sorted((load_regulation(directory) for directory in directories), key=_primary_first)


def load_packages(corpus_dir: Path = DEFAULT_CORPUS_DIR) -> list[RegulationPackage]:
    """Every package of the directory, validated; the ``primary`` one comes first."""
    directories = package_dirs(corpus_dir)
    if not directories:
        raise CorpusError(f"no regulation package (<id>/{TEXT_FILE}) in {corpus_dir}")
    return sorted((load_package(directory) for directory in directories), key=lambda p: _primary_first(p.regulation))
