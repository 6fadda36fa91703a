"""The dialogue manager: one chat turn = extract facts, route, answer or pre-check, ask what is missing.

State lives in the session store, so a restart loses nothing; the engines are the same ones the
/v1/ask and /v1/precheck routes use.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from pydantic import ValidationError

from assistant.answering import Answerer
from assistant.conversation.extraction import ExtractionContext, extract_facts
from assistant.conversation.facts_merge import fact_paths, merge_facts
from assistant.conversation.replies import decision_line, understood_line
from assistant.conversation.routing import route
from assistant.conversation.sessions import SessionState, SessionStore
from assistant.eligibility import build_checklist, evaluate, relevant_categories
from assistant.eligibility.rules import RuleBook

PANEL_EDIT_SOURCE = "edited in the pre-check panel"
GREETING_HINT = "请告诉我贵单位的情况（如注册地、组织形式、获评的国家平台或试点示范、安全服务收入、标识解析节点或平台数据），或直接提问。"
ALL_DECIDED = "相关类别均已判定。需要申报材料清单，可以问我“要交哪些材料”。"


def _now() -> str:
    return datetime.now(UTC).isoformat()


class DialogueManager:
    def __init__(self, answerer: Answerer, rulebook: RuleBook, sessions: SessionStore):
        self.answerer = answerer
        self.rulebook = rulebook
        self.sessions = sessions

    def turn(self, session_id: str | None, message: str) -> dict[str, Any]:
        """Handle one user message; returns the /v1/chat body."""
        state = self.sessions.create() if session_id is None else self.sessions.get(session_id)
        body = self._respond(state, message.strip())
        state.turns.append({"role": "user", "text": message, "at": _now()})
        state.turns.append({"role": "assistant", "text": body["reply"], "at": _now()})
        self.sessions.save(state)
        return body

    def replace_facts(self, session_id: str, facts_dict: dict[str, Any]) -> dict[str, Any]:
        """Replace a session's facts with the caller's (the pre-check panel); returns facts and pre-check."""
        state = self.sessions.get(session_id)
        # Normalised so that an explicit null reads as what it means, an unknown fact, and is not stored.
        facts = self.rulebook.parse_facts(facts_dict)
        new_facts = facts.model_dump(exclude_none=True)
        for path in _changed_paths(state.facts, new_facts):
            if _value_at(new_facts, path) is None:
                state.fact_sources.pop(path, None)
            else:
                state.fact_sources[path] = PANEL_EDIT_SOURCE
        state.facts = new_facts
        # The question asked before the edit may now be answered or moot; the next turn asks afresh.
        state.pending_question_fact = None
        self.sessions.save(state)
        return {
            "session_id": state.id,
            "facts": state.facts,
            "precheck": evaluate(facts, self.rulebook).to_dict(),
        }

    def _mentioned_categories(self, state: SessionState, message: str) -> list[str]:
        texts = [turn["text"] for turn in state.turns if turn["role"] == "user"] + [message]
        mentioned: list[str] = []
        for text in texts:
            for category in self.answerer.reader.categories(text):
                if category not in mentioned:
                    mentioned.append(category)
        return mentioned

    def _apply_delta(self, state: SessionState, delta: dict[str, Any], message: str) -> list[str]:
        """Merge what the message states; values the facts schema refuses are dropped, not guessed."""
        applied: list[str] = []
        for path in fact_paths(delta):
            single = _subdelta(delta, path)
            candidate = merge_facts(state.facts, single)
            try:
                self.rulebook.facts_model.model_validate(candidate)
            except ValidationError:
                continue
            state.facts = candidate
            state.fact_sources[path] = message
            applied.append(path)
        return applied

    def _respond(self, state: SessionState, message: str) -> dict[str, Any]:
        context = ExtractionContext(last_fact_paths=list(state.last_fact_paths),
                                    pending_question_fact=state.pending_question_fact)
        extraction = extract_facts(message, context)
        applied = self._apply_delta(state, extraction.delta, message)
        intent = route(message, self.answerer.vocabulary.aspects.get("material", []), bool(applied), answers_pending_question=bool(applied) and state.pending_question_fact in applied)
        lines: list[str] = []
        citations: list[dict[str, Any]] = []
        body: dict[str, Any] = {}

        understood = [fact.display for fact in extraction.understood if fact.path in applied]
        if understood:
            lines.append(understood_line(understood))
        lines += extraction.to_confirm

        facts = self.rulebook.facts_model.model_validate(state.facts)
        relevant = _ordered(relevant_categories(facts, self.rulebook.facts_spec) + self._mentioned_categories(state, message))
        if intent.ask_question or (not applied and not extraction.to_confirm):
            answer = self.answerer.ask(message)
            # "两个都能奖吗？" mid-check is answered by the decisions below, not by a refusal.
            if answer.status == "answered" or not (applied or relevant):
                lines.append(answer.answer)
                citations += [clause.to_address() for clause in answer.citations]

        report = evaluate(facts, self.rulebook) if state.facts else None
        state.pending_question_fact = None
        if report is not None and relevant:
            results = [report.result(category) for category in relevant]
            lines += [decision_line(result) for result in results]
            for result in results:
                citations += [dict(c) for c in result.citations if dict(c) not in citations]
            undecided = [result for result in results if result.status == "undetermined" and result.next_questions]
            if undecided:
                question = undecided[0].next_questions[0]
                state.pending_question_fact = question.fact
                lines.append(f"请问：{question.question}")
            elif applied:
                lines.append(ALL_DECIDED)
        elif applied and not relevant:
            lines.append("请问贵单位想了解哪一类支持？" + "、".join(c.title for c in self.rulebook.categories) + "。")

        if intent.checklist:
            category = next(iter(relevant or self.answerer.reader.categories(message)), None)
            if category:
                checklist = build_checklist(category, self.rulebook)
                body["checklist"] = checklist.to_dict()
                lines.append(checklist.to_text())

        state.last_fact_paths = applied or state.last_fact_paths
        if not lines:
            lines.append(GREETING_HINT)
        body.update({
            "session_id": state.id,
            "reply": "\n".join(line for line in lines if line),
            "citations": citations,
            "facts": state.facts,
            "precheck": report.to_dict() if report is not None else None,
            "intent": intent.kind,
        })
        return body


def _ordered(categories: list[str]) -> list[str]:
    seen: list[str] = []
    for category in categories:
        if category not in seen:
            seen.append(category)
    return seen


def _subdelta(delta: dict[str, Any], path: str) -> dict[str, Any]:
    """The part of a delta that sets one path."""
    keys = path.split(".")
    value: Any = delta
    for key in keys:
        value = value[key]
    for key in reversed(keys):
        value = {key: value}
    return value


def _value_at(facts: dict[str, Any], path: str) -> Any:
    """The value at a dotted path of a facts dict, or None when absent."""
    value: Any = facts
    for key in path.split("."):
        if not isinstance(value, dict) or key not in value:
            return None
        value = value[key]
    return value


def _changed_paths(old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    """Dotted paths set in either facts dict whose values differ (added, changed or removed)."""
    paths = list(dict.fromkeys([*fact_paths(old), *fact_paths(new)]))
    return [path for path in paths if _value_at(old, path) != _value_at(new, path)]
