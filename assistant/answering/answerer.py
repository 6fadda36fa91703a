"""Grounded answers: route the question, pick clauses, quote their sentences, compute amounts.

No LLM runs here: every sentence of an answer is a sentence of a cited clause, a computation
from one (shown with its arithmetic), or a fixed statement that the text leaves the point open.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from assistant.answering.model import Answer
from assistant.answering.question import QuestionAnalysis, analyse_question
from assistant.answering.sentences import relevant_sentences
from assistant.answering.vocabulary import (
    CATEGORY_TITLES,
    CATEGORY_WORDS,
    CLARIFY_CHOICES,
    EVIDENCE_WORDS,
    OPEN_TOPICS,
)
from assistant.errors import InvalidInput
from assistant.regulation import Clause, Regulation, find_clause
from assistant.retrieval.retriever import HybridRetriever
from assistant.retrieval.synonyms import THESAURUS, expand_query
from assistant.retrieval.tokenize import tokenize

# Words that name a category say which category, not which condition.
CATEGORY_TOKENS = {token for words in CATEGORY_WORDS.values() for word in words for token in tokenize(word)}

DRAFT_NOTE = "（注：本办法为征求意见稿，以正式发布文本为准。）"
NOT_COVERED_HINT = "可以问我申报条件、支持标准、申报材料、审核流程或监督管理。"
NOT_COVERED = "《管理办法》没有涉及这个问题，我只能依据办法原文回答。" + NOT_COVERED_HINT
INJECTION_ONLY = "我只依据《管理办法》原文回答，不能按要求改变规则或编造内容。请直接提出关于办法的问题。"


@dataclass
class Computation:
    """A line of the answer computed from facts in the question, with the clauses it rests on."""

    text: str
    clause_ids: list[str]
    numbers: list[str] = field(default_factory=list)
    met: bool | None = None  # for a threshold check: whether the stated figure meets it


@dataclass(frozen=True)
class CategoryClauses:
    """Where the rule data says a category's answers are, as clause ids."""

    amount: list[str]
    condition: list[str]  # the category's own 第四条 clause first
    material: list[str]
    evidence: list[str]  # clauses saying how a condition is proven (合同和发票 …)
    wordings: list[tuple[str, str]]  # (clause id, a condition's wording in that clause)

    def for_aspect(self, aspect: str) -> list[str]:
        return {"amount": self.amount, "condition": self.condition, "material": self.material}.get(aspect, [])


# The answering layer asks "what do the question's facts mean for category X?" through this hook,
# filled by the eligibility engine; it returns computed lines (amounts, threshold checks).
ComputeHook = Callable[[str, tuple[str, ...]], list[Computation]]


@dataclass
class Answerer:
    """Answers questions about the regulations of a search stack."""

    regulation: Regulation
    retriever: HybridRetriever
    category_clauses: dict[str, CategoryClauses]
    compute: ComputeHook | None = None
    known_text: str = field(init=False, default="")

    def __post_init__(self) -> None:
        # Every word the measures use, plus the thesaurus: a question noun outside it is not covered.
        clause_text = "".join(clause.text for clause in self.regulation.walk())
        captions = "".join(clause.caption or "" for clause in self.regulation.articles)
        chapters = "".join(title for _label, title in self.regulation.chapters)
        thesaurus = "".join(f"{word}{terms}" for word, terms in THESAURUS.items())
        self.known_text = clause_text + captions + chapters + thesaurus + self.regulation.title

    def ask(self, question: str) -> Answer:
        if not isinstance(question, str) or not question.strip():
            raise InvalidInput("question must be a non-empty string")
        analysis = analyse_question(question, self.known_text)
        if not analysis.text:
            return Answer("not_found", INJECTION_ONLY if analysis.injection else NOT_COVERED)
        if analysis.open_topic:
            return Answer("not_found", OPEN_TOPICS[analysis.open_topic][1])
        if analysis.out_of_scope:
            return Answer("not_found", NOT_COVERED)
        computations = self.compute(analysis.text, analysis.categories) if self.compute else []
        if analysis.uncovered_terms and not computations and not analysis.aspect:
            terms = "、".join(f"“{term}”" for term in analysis.uncovered_terms[:3])
            return Answer("not_found", f"《管理办法》没有涉及{terms}，我只能依据办法原文回答。{NOT_COVERED_HINT}")
        if not analysis.categories and not computations and analysis.aspect in ("amount", "condition") and analysis.vague:
            return self._clarify(analysis)
        clauses = self._choose_clauses(analysis, computations)
        if not clauses:
            return Answer("not_found", NOT_COVERED)
        if analysis.asks_quantity and not computations and not any(re.search(r"\d", c.text) for c in clauses):
            # Asked for a figure the cited text does not hold: say the text leaves it open, never guess.
            quoted = "".join(f"{relevant_sentences(c.text, analysis.text)}（{c.label}）" for c in clauses)
            return Answer("not_found", f"《管理办法》没有规定这个具体数字。相关规定：{quoted}", clauses)
        answer = self._compose(analysis, clauses, computations)
        if analysis.uncovered_terms:
            # Answer what the text says about the aspect, and say plainly what it does not mention.
            terms = "、".join(f"“{term}”" for term in analysis.uncovered_terms[:3])
            answer.answer += f"（办法原文没有提到{terms}，以年度申报通知为准。）"
        return answer

    def _clarify(self, analysis: QuestionAnalysis) -> Answer:
        asked = {"amount": "金额", "condition": "条件"}.get(analysis.aspect or "", "内容")
        choices = "、".join(CLARIFY_CHOICES)
        return Answer(
            "clarify",
            f"《管理办法》按类别规定{asked}，请问您问的是哪一类？可选：{choices}。",
            choices=list(CLARIFY_CHOICES),
        )

    def _clause(self, clause_id: str) -> Clause:
        return find_clause(self.regulation, clause_id)

    def _choose_clauses(self, analysis: QuestionAnalysis, computations: list[Computation]) -> list[Clause]:
        chosen: list[str] = []
        for computation in computations:
            chosen += [clause_id for clause_id in computation.clause_ids if clause_id not in chosen]
        ranked = [
            d.metadata["clause_id"] for d in self.retriever.ranked(analysis.text, 12)
            if d.metadata["regulation"] == self.regulation.id
        ]
        if analysis.categories and analysis.aspect:
            for category in analysis.categories[:2]:
                clauses = self.category_clauses.get(category)
                if clauses is None:
                    continue
                best = self._best_for_aspect(clauses, analysis)
                for clause_id in best:
                    if clause_id not in chosen:
                        chosen.append(clause_id)
        if not chosen and ranked and (analysis.has_domain_word or analysis.categories):
            chosen.append(ranked[0])
        return [self._clause(clause_id) for clause_id in chosen[:3]]

    def _best_for_aspect(self, clauses: CategoryClauses, analysis: QuestionAnalysis) -> list[str]:
        """The category's clause for the asked aspect; for conditions, the one whose wording the question echoes."""
        if analysis.aspect == "material" and any(word in analysis.text for word in EVIDENCE_WORDS) and clauses.evidence:
            return clauses.evidence[:1] + clauses.material[:1]
        if analysis.aspect == "condition":
            question_tokens = set(tokenize(expand_query(analysis.text))) - set(CATEGORY_TOKENS)
            overlaps = [(len(question_tokens & set(tokenize(wording))), clause_id) for clause_id, wording in clauses.wordings]
            best_overlap = max((overlap for overlap, _ in overlaps), default=0)
            if best_overlap > 0:
                tied = {clause_id for overlap, clause_id in overlaps if overlap == best_overlap}
                # Ties go to the category's own 第四条 clause, which lists its conditions.
                return [next(clause_id for clause_id in clauses.condition if clause_id in tied)]
        return clauses.for_aspect(analysis.aspect or "")[:1]

    def _compose(self, analysis: QuestionAnalysis, clauses: list[Clause], computations: list[Computation]) -> Answer:
        # A computation already states its clause's rule: cite it there instead of quoting it again,
        # so the answer stays short enough to read out on the phone.
        lines = [
            computation.text.rstrip("。") + "（" + "、".join(self._clause(c).label for c in computation.clause_ids) + "）。"
            for computation in computations
        ]
        computed_from = {clause_id for computation in computations for clause_id in computation.clause_ids}
        for clause in clauses:
            if clause.address.id in computed_from:
                continue
            quoted = relevant_sentences(clause.text, analysis.text)
            lines.append(f"{quoted}（{clause.label}）")
        if analysis.aspect == "amount" or any(computation.numbers for computation in computations):
            if any("择优" in clause.text for clause in clauses):
                lines.append("“最高”是上限，实际金额择优确定。")
            lines.append(DRAFT_NOTE)
        if analysis.categories and len(analysis.categories) == 1 and not computations and analysis.aspect is None:
            title = CATEGORY_TITLES[analysis.categories[0]]
            lines.insert(0, f"关于{title}：")
        numbers = [number for computation in computations for number in computation.numbers]
        if computations and all(c.met is not False for c in computations) and analysis.aspect == "condition":
            # Every stated figure meets its threshold: say what the category gives, from its clause.
            for category in analysis.categories[:1]:
                for clause_id in self.category_clauses[category].amount:
                    amount_clause = self._clause(clause_id)
                    if amount_clause not in clauses:
                        clauses.append(amount_clause)
                        lines.insert(len(computations), "其余条件也满足的，" + relevant_sentences(amount_clause.text, "最高 给予 资金支持") + f"（{amount_clause.label}）")
        return Answer("answered", "".join(lines), clauses, computed_numbers=numbers)
