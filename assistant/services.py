"""The composition root: build every heavy part once (model, index, rules, sessions) and share it.

The CLI and the API both call ``build_services``; nothing heavy happens at import time.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field

from assistant.answering import Answerer, category_clause_map, question_computations
from assistant.eligibility import RuleBook, load_rulebook
from assistant.retrieval import SearchStack, build_search_stack
from assistant.settings import Settings

log = logging.getLogger(__name__)


@dataclass
class Services:
    settings: Settings
    search: SearchStack
    rulebook: RuleBook
    answerer: Answerer
    started_at: float = field(default_factory=time.time)
    _sessions: object | None = None
    _dialogue: object | None = None

    @property
    def sessions(self):
        """The session store, opened on first use (the CLI's ask/precheck never need it)."""
        if self._sessions is None:
            from assistant.conversation.sessions import SessionStore

            self.settings.data_dir.mkdir(parents=True, exist_ok=True)
            self._sessions = SessionStore(
                self.settings.resolved_session_db_url, retention_days=self.settings.session_retention_days,
                migrate=self.settings.session_migrate_on_start,
            )
            purged = self._sessions.purge_expired()
            log.info("session store open; %d expired session(s) purged", purged)
        return self._sessions

    @property
    def dialogue(self):
        if self._dialogue is None:
            from assistant.conversation.dialogue import DialogueManager

            self._dialogue = DialogueManager(self.answerer, self.rulebook, self.sessions)
        return self._dialogue

    def close(self) -> None:
        if self._sessions is not None:
            self._sessions.close()  # type: ignore[attr-defined]


def build_services(settings: Settings | None = None) -> Services:
    """Load the corpus, open or build the index, load the rules: once per process."""
    settings = settings or Settings()
    started = time.perf_counter()
    search = build_search_stack(settings)
    rulebook = load_rulebook(search.primary)
    from assistant.conversation.extraction import warm_up

    warm_up()  # jieba's place dictionary: load it now, not during the first caller's turn
    answerer = Answerer(
        regulation=search.primary,
        retriever=search.retriever,
        category_clauses=category_clause_map(rulebook),
        compute=question_computations(rulebook),
    )
    services = Services(settings=settings, search=search, rulebook=rulebook, answerer=answerer)
    if not settings.session_migrate_on_start:
        _ = services.sessions  # a worker checks the schema now, and fails at start rather than at a chat
    log.info("services ready in %.1fs (index %s)", time.perf_counter() - started,
             "rebuilt" if search.vector_index.rebuilt else "reused")
    return services
