"""The composition root: build every heavy part once (model, index, packages, sessions) and share it.

The CLI and the API both call ``build_services``; nothing heavy happens at import time. Each
regulation package becomes one ``Bundle`` (regulation, rule book, facts, vocabulary, answerer);
the search stack is shared and filters by regulation.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field
from typing import Any

from assistant.answering import Answerer, QuestionComputer, category_clause_map
from assistant.answering.question import QuestionReader
from assistant.corpus import RegulationPackage, corpus_hash, load_packages
from assistant.eligibility import RuleBook
from assistant.errors import UnknownRegulation
from assistant.retrieval import Embedder, SearchStack, Thesaurus, build_search_stack, domain_tokenizer
from assistant.settings import Settings

log = logging.getLogger(__name__)


@dataclass
class Bundle:
    """One regulation, ready to answer, pre-check and chat."""

    package: RegulationPackage
    answerer: Answerer
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
            top = self.search.retriever.ranked(question, 1)
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

            self.settings.data_dir.mkdir(parents=True, exist_ok=True)
            self._sessions = SessionStore(
                self.settings.resolved_session_db_url, retention_days=self.settings.session_retention_days
            )
            purged = self._sessions.purge_expired()
            log.info("session store open; %d expired session(s) purged", purged)
        return self._sessions

    def dialogue_for(self, regulation: str | None = None):
        """The dialogue manager of a regulation, built on first use."""
        bundle = self.bundle(regulation)
        if bundle._dialogue is None:
            from assistant.conversation.dialogue import DialogueManager

            bundle._dialogue = DialogueManager(bundle.answerer, bundle.rulebook, self.sessions)
        return bundle._dialogue

    @property
    def dialogue(self):
        return self.dialogue_for(None)

    def close(self) -> None:
        if self._sessions is not None:
            self._sessions.close()  # type: ignore[attr-defined]


def _read_question_facts(text: str) -> dict[str, Any]:
    from assistant.conversation.extraction import extract_facts

    return extract_facts(text).delta


def build_answerer(package: RegulationPackage, search: SearchStack, thesaurus: Thesaurus, tokenizer) -> Answerer:  # type: ignore[no-untyped-def]
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
    return Answerer(
        regulation=regulation,
        retriever=search.retriever,
        reader=QuestionReader(package.vocabulary, tokenizer, thesaurus, known_text),
        category_clauses=category_clause_map(rulebook),
        category_titles={category.id: category.title for category in rulebook.categories},
        compute=QuestionComputer(rulebook, package.vocabulary, _read_question_facts),
        materials_clause=rulebook.clauses[rulebook.rules.materials.clause].address.id,
    )


def open_search_stack(
    settings: Settings, packages: list[RegulationPackage], embedder: Embedder | None = None
) -> SearchStack:
    """The shared search stack over every package, with their dictionaries and thesauri merged."""
    return build_search_stack(
        settings,
        [package.regulation for package in packages],
        corpus_hash(settings.corpus_dir),
        tokenizer=domain_tokenizer(tuple(entry for package in packages for entry in package.vocabulary.dictionary)),
        thesaurus=Thesaurus({k: v for package in packages for k, v in package.vocabulary.thesaurus.items()}),
        embedder=embedder,
    )


def build_services(settings: Settings | None = None) -> Services:
    """Load the packages, open or build the index: once per process."""
    settings = settings or Settings()
    started = time.perf_counter()
    packages = load_packages(settings.corpus_dir)
    search = open_search_stack(settings, packages)
    bundles = {
        package.id: Bundle(package, build_answerer(package, search, search.retriever.expand, search.lexical_index.tokenizer))  # type: ignore[arg-type]
        for package in packages
    }
    from assistant.conversation.extraction import warm_up

    warm_up()  # jieba's place dictionary: load it now, not during the first caller's turn
    log.info("services ready in %.1fs (%d regulation(s), index %s)", time.perf_counter() - started, len(bundles),
             "rebuilt" if search.vector_index.rebuilt else "reused")
    return Services(settings=settings, search=search, bundles=bundles)
