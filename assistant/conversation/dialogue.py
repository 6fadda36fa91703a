"""The dialogue manager: one chat turn = read facts, route, answer or pre-check, ask what is missing.

State lives in the session store, so a restart loses nothing; the engines are the same ones the
/v1/ask and /v1/precheck routes use. Everything regulation-specific is injected (``DialogueParts``).
"""

from __future__ import annotations

from datetime import UTC, datetime
from functools import lru_cache
from typing import Any

from pydantic import ValidationError

from assistant.conversation.choices import checked_choice, choices_of, next_question_body, typed_choice
from assistant.conversation.facts_paths import changed_paths, subdelta, value_at
from assistant.conversation.parts import AnswerLike, DialogueParts
from assistant.conversation.replies import decision_line, understood_line
from assistant.conversation.routing import route
from assistant.conversation.sessions import SessionState, SessionStore
from assistant.eligibility import (
    CategoryResult,
    PrecheckReport,
    build_checklist,
    evaluate,
    relevant_categories,
)
from assistant.eligibility.report import NextQuestion
from assistant.errors import InvalidInput, SessionConflict, SessionFull
from assistant.reading import ReadingContext, fact_paths, merge_facts, read_facts
from assistant.reading.extraction import nested

PANEL_EDIT_SOURCE = "edited in the pre-check panel"
MAX_ASKS = 2  # a question the user leaves unanswered is asked twice at most
# A turn that loses the compare-and-set re-reads the session and is handled again on top of the
# winner's write; two requests racing on one session need one retry, a burst needs a few.
MAX_WRITE_ATTEMPTS = 8


def _now() -> str:
    return datetime.now(UTC).isoformat()


def _ordered(categories: list[str]) -> list[str]:
    return list(dict.fromkeys(categories))


class DialogueManager:
    def __init__(self, parts: DialogueParts, sessions: SessionStore, max_turns: int | None = None):
        self.parts = parts
        self.max_turns = max_turns
        self.rulebook = parts.rulebook
        self.reader = parts.reader
        self.sessions = sessions
        # Every turn looks at the session's earlier messages: their categories are read once each.
        self.categories_of = lru_cache(maxsize=8192)(lambda text: tuple(parts.categories_of(text)))
        self.words = parts.reader.replies
        self.own_case = parts.reader.pattern(self.words.own_case)

    def turn(
        self, session_id: str | None, message: str, choice: dict[str, Any] | None = None
    ) -> dict[str, Any]:
        """Handle one user message (and/or a clicked choice); returns the /v1/chat body.

        The turn is computed on the session as read (its row only: a turn's cost does not grow with
        the history) and written only if nobody wrote the session meanwhile; otherwise it is
        recomputed on the newer session, so concurrent turns each keep their facts.
        """
        if "\x00" in message:
            raise InvalidInput("a message cannot contain NUL characters")
        clicked = None
        if choice is not None:
            clicked = (choice["fact"], checked_choice(choice["fact"], choice["value"], self.reader.facts))
        for _attempt in range(MAX_WRITE_ATTEMPTS):
            state = self.sessions.create() if session_id is None else self.sessions.get(session_id, with_turns=False)
            session_id = state.id
            if self.max_turns is not None and state.turn_count + 2 > self.max_turns:
                raise SessionFull(f"this conversation has reached its limit of {self.max_turns} turns; start a new one")
            body = self._respond(state, message.strip(), clicked)
            shown = message if message.strip() else self._choice_label(clicked)
            new_turns = [
                {"role": "user", "text": shown, "at": _now()},
                {"role": "assistant", "text": body["reply"], "at": _now(), "citations": body["citations"]},
            ]
            try:
                self.sessions.commit(state, new_turns, max_turns=self.max_turns)
            except SessionConflict:
                continue
            body["version"] = state.version
            return body
        raise SessionConflict("the conversation is being changed by other requests; send the message again")

    def replace_facts(self, session_id: str, facts_dict: dict[str, Any],
                      expected_version: int | None = None) -> dict[str, Any]:
        """Replace a session's facts with the caller's (the pre-check panel); returns facts and pre-check.

        With `expected_version` (the version the caller's copy came from) a session changed since is
        refused with SessionConflict rather than overwritten; without it the edit replaces the facts
        as they are when it is written, and a turn racing it is recomputed on top of it.
        """
        # Normalised so that an explicit null reads as what it means, an unknown fact, and is not stored.
        facts = self.rulebook.parse_facts(facts_dict)
        new_facts = facts.model_dump(exclude_none=True)
        for _attempt in range(MAX_WRITE_ATTEMPTS):
            state = self.sessions.get(session_id, with_turns=False)
            if expected_version is not None and state.version != expected_version:
                raise SessionConflict(
                    f"the conversation changed since version {expected_version} (now {state.version}); "
                    "reload it and edit again"
                )
            for path in changed_paths(state.facts, new_facts):
                if value_at(new_facts, path) is None:
                    state.fact_sources.pop(path, None)
                else:
                    state.fact_sources[path] = PANEL_EDIT_SOURCE
            state.facts = new_facts
            # The question asked before the edit may now be answered or moot; the next turn asks afresh.
            state.pending_question_fact = None
            try:
                self.sessions.commit(state)
            except SessionConflict:
                if expected_version is not None:
                    raise
                continue
            return {
                "session_id": state.id,
                "version": state.version,
                "facts": state.facts,
                "precheck": evaluate(facts, self.rulebook).to_dict(),
            }
        raise SessionConflict("the conversation is being changed by other requests; send the edit again")

    def transcript(self, session_id: str) -> dict[str, Any]:
        """The GET /v1/sessions/{id} body: turns in order, facts, and the pre-check (null without facts)."""
        state = self.sessions.get(session_id)
        turns = [
            {key: turn[key] for key in ("role", "text", "citations") if key in turn} for turn in state.turns
        ]
        precheck = evaluate(self.rulebook.parse_facts(state.facts), self.rulebook).to_dict() if state.facts else None
        return {"session_id": state.id, "version": state.version, "turns": turns, "facts": state.facts,
                "precheck": precheck}

    # ------------------------------------------------------------------ reading

    def _choice_label(self, clicked: tuple[str, Any] | None) -> str:
        if clicked is None:
            return ""
        return self.reader.display(*clicked)

    def _typed_choice(self, state: SessionState, message: str) -> tuple[str, Any] | None:
        """ "是", "独立法人" or "2" typed in answer to the pending question with choices."""
        pending = state.pending_question_fact
        spec = self.reader.facts.fact(pending) if pending else None
        if spec is None:
            return None
        choice = typed_choice(message, choices_of(spec, self.reader.facts, value_at(state.facts, spec.path)))
        return (spec.path, choice.value) if choice is not None else None

    def _apply_delta(
        self, state: SessionState, delta: dict[str, Any], message: str, refused: list[str] | None = None
    ) -> list[str]:
        """Merge what the message states; a value the facts schema refuses is not stored but asked back."""
        applied: list[str] = []
        for path in fact_paths(delta):
            candidate = merge_facts(state.facts, subdelta(delta, path))
            try:
                self.rulebook.facts_model.model_validate(candidate)
            except ValidationError:
                if refused is not None:
                    refused.append(path)
                continue
            state.facts = candidate
            state.fact_sources[path] = message
            applied.append(path)
        return applied

    def _mentioned_categories(self, state: SessionState, message: str) -> list[str]:
        """Categories the user named so far, this message included; recorded on the session row."""
        mentioned = state.mentioned_categories
        if mentioned is None:  # a session from before the column: read its history once
            texts = [turn["text"] for turn in self._history(state) if turn["role"] == "user"]
            mentioned = _ordered([category for text in texts for category in self.categories_of(text)])
        state.mentioned_categories = _ordered(mentioned + list(self.categories_of(message)))
        return state.mentioned_categories

    def _history(self, state: SessionState) -> list[dict[str, Any]]:
        """The stored turns: read only for sessions from before the per-session counters."""
        if not state.turns and state.turn_count:
            state.turns = self.sessions.turns(state.id)
        return state.turns

    # ------------------------------------------------------------------ asking

    def _times_asked(self, state: SessionState, question: NextQuestion) -> int:
        if state.asked_questions is not None:
            return state.asked_questions.get(question.question, 0)
        # a session from before the column: count in its history
        return sum(question.question in turn["text"] for turn in self._history(state) if turn["role"] == "assistant")

    def _next_question(
        self, state: SessionState, results: list[CategoryResult]
    ) -> tuple[NextQuestion, int] | None:
        """The first question still worth asking: not about a known fact, not asked twice already."""
        for result in results:
            if result.status != "undetermined":
                continue
            for question in result.next_questions:
                known = value_at(state.facts, question.fact)
                if known is not None and not isinstance(known, list):
                    continue  # a known fact is never asked again
                asked = self._times_asked(state, question)
                if asked < MAX_ASKS:
                    return question, asked
        return None

    def _ask_lines(self, question: NextQuestion, asked: int, results: list[CategoryResult]) -> list[str]:
        lines = [self.words.ask.format(question=question.question)]
        if asked == 0:
            return lines
        spec = self.reader.facts.fact(question.fact)
        titles = "、".join(
            r.title
            for r in results
            if r.status == "undetermined" and any(q.fact == question.fact for q in r.next_questions)
        )
        lines.insert(0, self.words.why_it_matters.format(categories=titles))
        if spec is not None:
            options = choices_of(spec, self.reader.facts)
            if options:
                lines.append("  ".join(f"{n}. {c.label}" for n, c in enumerate(options, 1)))
        return lines

    # ------------------------------------------------------------------ one turn

    def _respond(self, state: SessionState, message: str, clicked: tuple[str, Any] | None) -> dict[str, Any]:
        clicked = clicked or (self._typed_choice(state, message) if message else None)
        if clicked is not None:
            delta, understood, to_confirm = nested({clicked[0]: clicked[1]}), [], []
            understood = [f"{self.reader.label(clicked[0])}：{self.reader.display(*clicked)}"]
            text = message or self._choice_label(clicked)
        else:
            context = ReadingContext(
                list(state.last_fact_paths), state.pending_question_fact, known=state.facts, sources=state.fact_sources
            )
            reading = read_facts(message, context, self.reader)
            delta, to_confirm, text = reading.delta, reading.to_confirm, message
        refused: list[str] = []
        applied = self._apply_delta(state, delta, text, refused)
        to_confirm = list(to_confirm) + [self._ask_again(path) for path in refused]
        if clicked is None:
            understood = [fact.display for fact in reading.understood if fact.path in applied]
        answered_pending = bool(applied) and state.pending_question_fact in applied
        intent = route(text, bool(applied), answered_pending, self.parts.checklist_words, self.own_case)
        facts = self.rulebook.facts_model.model_validate(state.facts)
        report = evaluate(facts, self.rulebook) if state.facts else None
        relevant = _ordered(
            relevant_categories(facts, self.rulebook.facts_spec) + self._mentioned_categories(state, text)
        )
        body: dict[str, Any] = {
            "session_id": state.id,
            "facts": state.facts,
            "precheck": report.to_dict() if report is not None else None,
        }
        answer = self.parts.ask(text) if intent.ask_question or (not applied and not to_confirm) else None
        plain = intent.ask_question and not applied and not to_confirm and not intent.checklist
        if answer is not None and plain and (answer.status == "answered" or report is None):
            return self._plain_question(answer, text, report, body)

        lines: list[str] = [understood_line(understood, self.words)] + list(to_confirm)
        citations: list[dict[str, Any]] = []
        if answer is not None:
            # "两个都能奖吗？" mid-check is answered by the decisions below, not by a refusal.
            if answer.status == "answered" or not (applied or relevant):
                lines.append(answer.answer)
                citations += [clause.to_address() for clause in answer.citations]
        state.pending_question_fact = None
        next_question = None
        if report is not None and relevant:
            results = [report.result(category) for category in relevant]
            lines += [decision_line(result, self.words) for result in results]
            for result in results:
                citations += [dict(c) for c in result.citations if dict(c) not in citations]
            chosen = self._next_question(state, results)
            if chosen is not None:
                question, asked = chosen
                state.pending_question_fact = question.fact
                if state.asked_questions is not None:
                    state.asked_questions[question.question] = asked + 1
                lines += self._ask_lines(question, asked, results)
                next_question = self._question_body(state, question)
            elif applied:
                open_titles = "、".join(r.title for r in results if r.status == "undetermined")
                # Questions asked twice are not asked again; then say what is open, not "all decided".
                lines.append(self.words.still_open.format(categories=open_titles) if open_titles else self.words.all_decided)
        elif applied and not relevant:
            lines.append(self.words.which_category + "、".join(self.parts.category_titles.values()) + "。")
        if intent.checklist:
            category = next(iter(relevant or self.parts.categories_of(text)), None)
            if category:
                checklist = build_checklist(category, self.rulebook)
                body["checklist"] = checklist.to_dict()
                lines.append(checklist.to_text())
        state.last_fact_paths = applied or state.last_fact_paths
        lines = [line for line in lines if line] or [self.words.greeting]
        body.update(
            {
                "reply": "\n".join(lines),
                "citations": citations,
                "next_question": next_question,
                "intent": intent.kind,
            }
        )
        return body

    def _ask_again(self, path: str) -> str:
        spec = self.reader.facts.fact(path)
        question = spec.question if spec is not None and spec.question else path
        return self.words.ask.format(question=question)

    def _question_body(self, state: SessionState, question: NextQuestion) -> dict[str, Any] | None:
        spec = self.reader.facts.fact(question.fact)
        if spec is None:
            return None
        return next_question_body(
            spec, question.question, self.reader.facts, value_at(state.facts, spec.path)
        )

    def _plain_question(
        self, answer: AnswerLike, message: str, report: PrecheckReport | None, body: dict[str, Any]
    ) -> dict[str, Any]:
        """A question in a session: its answer and the clauses it used, plus one line when the facts decide it."""
        lines = [answer.answer]
        citations = [clause.to_address() for clause in answer.citations]
        if report is not None:
            for category in self.parts.categories_of(message):
                result = report.result(category)
                if result.status != "undetermined":
                    lines.append(self.words.decision_changed.format(line=decision_line(result, self.words)))
                    break
        body.update(
            {"reply": "\n".join(lines), "citations": citations, "next_question": None, "intent": "question"}
        )
        return body
