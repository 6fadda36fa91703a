"""The composition root: build every heavy part once (model, index, packages, sessions) and share it.

The CLI and the API both call ``build_services``; nothing heavy happens at import time. Each
regulation package becomes one ``Bundle`` (regulation, rule book, facts, vocabulary, answerer);
the search stack is shared and filters by regulation.
"""

from __future__ import annotations

import hashlib
import json
import logging
import time
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from assistant.answering import Answerer, QuestionComputer, category_clause_map
from assistant.answering.evidence import EvidenceReader, QuestionSignals
from assistant.answering.question import QuestionReader
from assistant.answering.training import UNFITTED, AnsweringModels, fit_models
from assistant.corpus import RegulationPackage, corpus_hash, load_packages
from assistant.eligibility import RuleBook
from assistant.errors import CorpusError, UnknownRegulation
from assistant.language.english import EnglishGlossary
from assistant.language.normalise import normalise_query
from assistant.language.pinyin import TermCorrector
from assistant.reading import (
    FactReader,
    another_sum_after,
    another_sum_before,
    read_facts,
    read_question_figures,
    warm_up,
)
from assistant.retrieval import Embedder, SearchStack, Thesaurus, build_search_stack, domain_tokenizer
from assistant.retrieval.index_opening import build_lock
from assistant.retrieval.vector_store import IndexMode
from assistant.settings import Settings

log = logging.getLogger(__name__)
# Bump when the evidence features or the heads change: fitted heads in data dirs are then refitted.
MODELS_VERSION = "answering-heads-11"


@dataclass
class Bundle:
    """One regulation, ready to answer, pre-check and chat."""

    package: RegulationPackage
    answerer: Answerer
    reader: FactReader  # the package's fact words, compiled once (chat reading, and answering's own figures)
    _dialogue: Any = None

    @property
    def id(self) -> str:
        return self.package.id

    @property
    def rulebook(self) -> RuleBook:
        return self.package.rulebook


@dataclass
class Services:
    settings: Settings
    search: SearchStack
    bundles: dict[str, Bundle]
    started_at: float = field(default_factory=time.time)
    _sessions: object | None = None

    @property
    def default(self) -> Bundle:
        """The primary package (or the only one)."""
        return next(iter(self.bundles.values()))

    def bundle(self, regulation: str | None = None) -> Bundle:
        """The bundle of a regulation id; the default one when none is given."""
        if regulation is None:
            return self.default
        try:
            return self.bundles[regulation]
        except KeyError:
            raise UnknownRegulation(f"unknown regulation {regulation!r}; loaded: {sorted(self.bundles)}") from None

    def answer(self, question: str, regulation: str | None = None) -> Any:
        """Answer with the named regulation, or the one whose clause retrieval ranks first."""
        if regulation is None and len(self.bundles) > 1:
            # Searched as the answerer will search it (preface dropped, typos of terms undone), so that
            # the query vector computed here is the one the answer reuses: one model run, not two.
            top = self.search.retriever.ranked(self.default.answerer.reader.analyse(question).text or question, 1)
            regulation = top[0].metadata["regulation"] if top else None
        return self.bundle(regulation).answerer.ask(question)

    # The primary bundle's parts, for callers that serve one regulation.
    @property
    def rulebook(self) -> RuleBook:
        return self.default.rulebook

    @property
    def answerer(self) -> Answerer:
        return self.default.answerer

    @property
    def sessions(self):
        """The session store, opened on first use (the CLI's ask/precheck never need it)."""
        if self._sessions is None:
            from assistant.conversation.sessions import SessionStore

            try:
                self.settings.data_dir.mkdir(parents=True, exist_ok=True)
            except OSError as error:  # read-only: the store reports storage_unavailable when used
                log.error("data dir %s cannot be created: %s", self.settings.data_dir, error)
            self._sessions = SessionStore(
                self.settings.resolved_session_db_url,
                retention_days=self.settings.session_retention_days,
                busy_timeout_s=self.settings.session_busy_timeout_s,
                migrate=self.settings.session_migrate_on_start,
            )
            log.info("session store open")
        return self._sessions

    def dialogue_for(self, regulation: str | None = None):
        """The dialogue manager of a regulation, built on first use."""
        bundle = self.bundle(regulation)
        if bundle._dialogue is None:
            from assistant.conversation.dialogue import DialogueManager
            from assistant.conversation.parts import DialogueParts

            parts = DialogueParts(
                ask=bundle.answerer.ask,
                categories_of=bundle.answerer.reader.categories,
                rulebook=bundle.rulebook,
                reader=bundle.reader,
                checklist_words=tuple(bundle.package.vocabulary.aspects.get("material", ())),
            )
            bundle._dialogue = DialogueManager(parts, self.sessions, max_turns=self.settings.max_session_turns)
        return bundle._dialogue

    @property
    def dialogue(self):
        return self.dialogue_for(None)

    def close(self) -> None:
        if self._sessions is not None:
            self._sessions.close()  # type: ignore[attr-defined]


def _signals_of(answerer: Answerer, question: str) -> QuestionSignals:
    analysis = answerer.reader.analyse(question)
    return answerer.signals(analysis, answerer.rankings(analysis.text))


def fit_answering(answerer: Answerer, package: RegulationPackage) -> AnsweringModels:
    """Fit the heads on the package's labelled questions, with this answerer's retrieval and vectors."""
    if not package.questions:
        raise CorpusError(f"{package.id}: no labelled questions (questions/*.yaml) to fit the answering heads on")
    signals = [_signals_of(answerer, question.question) for question in package.questions]
    examples = {
        topic.id: [np.asarray(answerer.embed(normalise_query(example))) for example in topic.examples]
        for topic in package.vocabulary.open_topics
    }
    roles: dict[str, list[str]] = {}
    for category, clauses in answerer.category_clauses.items():
        for aspect in ("amount", "condition", "material"):
            for clause in clauses.for_aspect(aspect):
                roles.setdefault(clause, []).append(f"{category}/{aspect}")
    return fit_models(package.questions, signals, examples, roles)


def _models_path(settings: Settings, package: RegulationPackage, model_name: str) -> Path:
    digest = hashlib.sha256(MODELS_VERSION.encode())
    digest.update(model_name.encode())
    for name in ("text.txt", "vocabulary.yaml", "rules.yaml", *sorted(
        str(p.relative_to(package.directory)) for p in (package.directory / "questions").glob("*.yaml")
    )):
        digest.update((package.directory / name).read_bytes())
    return settings.data_dir / "answering" / f"{package.id}-{digest.hexdigest()[:16]}.json"


def load_or_fit_answering(settings: Settings, answerer: Answerer, package: RegulationPackage, model_name: str) -> AnsweringModels:
    """The fitted heads, from the data directory when the same inputs were fitted before.

    Workers started together on an empty data dir take turns under a file lock: the first fits (about a minute of
    CPU), the others wait and read its file, instead of all fitting at once on the same cores."""
    path = _models_path(settings, package, model_name)
    models = _saved_models(path)
    if models is not None:
        return models
    with ExitStack() as held:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            held.enter_context(build_lock(path.with_suffix(".lock")))
        except OSError as error:  # a read-only or full data dir: fit here, unlocked
            log.warning("answering heads fitted without the lock (%s)", error)
        models = _saved_models(path)  # fitted by the worker this one waited for
        if models is not None:
            return models
        started = time.perf_counter()
        models = fit_answering(answerer, package)
        log.info("answering heads of %s fitted in %.1fs: %s", package.id, time.perf_counter() - started, models.report)
        _save_models(path, models)
    return models


def _saved_models(path: Path) -> AnsweringModels | None:
    if not path.exists():
        return None
    try:
        return AnsweringModels.from_json(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError, KeyError) as error:
        log.warning("answering heads at %s unreadable (%s): fitting again", path, error)
        return None


def _save_models(path: Path, models: AnsweringModels) -> None:
    temporary = path.with_suffix(".tmp")
    try:
        temporary.write_text(json.dumps(models.to_json()), encoding="utf-8")
        temporary.replace(path)  # atomic: a worker reads the old file or the new one
    except OSError as error:
        # A cache that could not be written gives its space back: on a full disk the half-written file would
        # leave the session store no room to open.
        temporary.unlink(missing_ok=True)
        log.warning("answering heads not saved (%s): they are fitted again at the next start", error)


def build_answerer(  # type: ignore[no-untyped-def]
    package: RegulationPackage, search: SearchStack, thesaurus: Thesaurus, tokenizer, reader: FactReader
) -> Answerer:
    regulation = package.regulation
    # Every word the regulation uses, plus its thesaurus: a question noun outside it is not covered.
    known_text = (
        "".join(clause.text for clause in regulation.walk())
        + "".join(clause.caption or "" for clause in regulation.articles)
        + "".join(title for _label, title in regulation.chapters)
        + thesaurus.text
        + regulation.title
    )
    rulebook = package.rulebook
    vocabulary = package.vocabulary
    clause_texts = {
        document.key: document.search_text
        for document in search.retriever.documents_by_key.values()
        if document.regulation_id == regulation.id
    }
    computer = QuestionComputer(
        rulebook, package.vocabulary, lambda text: read_question_figures(text, reader).delta,
        another_sum_before=lambda prefix: another_sum_before(prefix, reader.quantities),
        another_sum_after=lambda suffix: another_sum_after(suffix, reader.quantities),
        read_statements=lambda text: read_facts(text, None, reader).delta if reader.may_state_facts(text) else {},
    )
    return Answerer(
        regulation=regulation,
        retriever=search.retriever,
        reader=QuestionReader(
            vocabulary, tokenizer, thesaurus, known_text,
            corrector=TermCorrector(vocabulary.spelling_terms()), glossary=EnglishGlossary(vocabulary.english),
        ),
        evidence=EvidenceReader(
            tokenizer, thesaurus, clause_texts,
            {entry.id: entry.words for entry in vocabulary.categories}, dict(vocabulary.aspects),
            {document.key: document.clause_id for document in search.retriever.documents_by_key.values()},
        ),
        models=UNFITTED,
        embed=search.vector_index.embed_query,
        category_clauses=category_clause_map(rulebook),
        category_titles={category.id: category.title for category in rulebook.categories},
        compute=computer,
        check_conditions=computer.condition_lines,
        materials_clause=rulebook.clauses[rulebook.rules.materials.clause].address.id,
    )


def open_search_stack(
    settings: Settings, packages: list[RegulationPackage], embedder: Embedder | None = None,
    index_mode: IndexMode | None = None,
) -> SearchStack:
    """The shared search stack over every package, with their dictionaries and thesauri merged."""
    stack = build_search_stack(
        settings,
        [package.regulation for package in packages],
        corpus_hash(settings.corpus_dir),
        tokenizer=domain_tokenizer(tuple(entry for package in packages for entry in package.vocabulary.dictionary),
                                   settings.token_cache_size),
        thesaurus=Thesaurus({k: v for package in packages for k, v in package.vocabulary.thesaurus.items()}),
        embedder=embedder,
        index_mode=index_mode,
    )
    stack.amount_words = tuple(dict.fromkeys(w for p in packages for w in p.vocabulary.aspects.get("amount", [])))
    return stack


def build_services(settings: Settings | None = None) -> Services:
    """Load the packages, open or build the index: once per process."""
    settings = settings or Settings()
    started = time.perf_counter()
    packages = load_packages(settings.corpus_dir)
    search = open_search_stack(settings, packages)
    readers = {package.id: FactReader.from_facts(package.facts) for package in packages}
    bundles = {}
    for package in packages:
        reader = readers[package.id]
        answerer = build_answerer(package, search, search.retriever.expand, search.lexical_index.tokenizer, reader)  # type: ignore[arg-type]
        answerer.models = load_or_fit_answering(settings, answerer, package, search.vector_index.embedding_key)
        bundles[package.id] = Bundle(package, answerer, reader)
        warm_up(reader)  # jieba's place dictionary: load it now, not during the first caller's turn
    services = Services(settings=settings, search=search, bundles=bundles)
    if not settings.session_migrate_on_start:
        _ = services.sessions  # a worker checks the schema now, and fails at start rather than at a chat
    log.info("services ready in %.1fs (%d regulation(s), index %s)", time.perf_counter() - started, len(bundles),
             "rebuilt" if search.vector_index.rebuilt else "reused")
    return services
