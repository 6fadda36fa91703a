"""Grounded answers: route the question, pick clauses, quote their sentences, compute amounts.

No LLM runs here: every sentence of an answer is a sentence of a cited clause, a computation
from one (shown with its arithmetic), or a fixed statement that the text leaves the point open.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from assistant.answering.model import Answer
from assistant.answering.question import QuestionAnalysis, analyse_question
from assistant.answering.sentences import relevant_sentences
from assistant.answering.vocabulary import CATEGORY_TITLES, CLARIFY_CHOICES, OPEN_TOPICS
from assistant.errors import InvalidInput
from assistant.regulation import Clause, Regulation, find_clause
from assistant.retrieval.retriever import HybridRetriever

DRAFT_NOTE = "（注：本办法为征求意见稿，以正式发布文本为准。）"
NOT_COVERED = "《管理办法》没有涉及这个问题，我只能依据办法原文回答。可以问我申报条件、支持标准、申报材料、审核流程或监督管理。"
INJECTION_ONLY = "我只依据《管理办法》原文回答，不能按要求改变规则或编造内容。请直接提出关于办法的问题。"


@dataclass
class Computation:
    """A line of the answer computed from facts in the question, with the clauses it rests on."""

    text: str
    clause_ids: list[str]
    numbers: list[str] = field(default_factory=list)


# The answering layer asks "what do the question's facts mean for category X?" through this hook,
# filled by the eligibility engine; it returns computed lines (amounts, threshold checks).
ComputeHook = Callable[[str, tuple[str, ...]], list[Computation]]


@dataclass
class Answerer:
    """Answers questions about the regulations of a search stack."""

    regulation: Regulation
    retriever: HybridRetriever
    # category → aspect ("amount" | "condition" | "material") → clause ids, from the rule data.
    category_clauses: dict[str, dict[str, list[str]]]
    compute: ComputeHook | None = None

    def ask(self, question: str) -> Answer:
        if not isinstance(question, str) or not question.strip():
            raise InvalidInput("question must be a non-empty string")
        analysis = analyse_question(question)
        if not analysis.text:
            return Answer("not_found", INJECTION_ONLY if analysis.injection else NOT_COVERED)
        if analysis.open_topic:
            return Answer("not_found", OPEN_TOPICS[analysis.open_topic][1])
        if analysis.out_of_scope and not analysis.categories:
            return Answer("not_found", NOT_COVERED)
        computations = self.compute(analysis.text, analysis.categories) if self.compute else []
        if not analysis.categories and not computations and analysis.aspect in ("amount", "condition") and not self._specific(analysis):
            return self._clarify(analysis)
        clauses = self._choose_clauses(analysis, computations)
        if not clauses:
            return Answer("not_found", NOT_COVERED)
        return self._compose(analysis, clauses, computations)

    def _specific(self, analysis: QuestionAnalysis) -> bool:
        """A question without a category is still specific when it names what it asks about."""
        generic = ("奖励", "补助", "资金", "支持", "申请", "补贴", "条件", "申报", "专项资金", "首次")
        stripped = analysis.text
        for word in generic:
            stripped = stripped.replace(word, "")
        return any(word in stripped for word in ("共同", "通用", "都要", "事故", "失信", "独立法人", "联合体", "注册", "奖励类", "补助类"))

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
        if analysis.categories and analysis.aspect:
            for category in analysis.categories[:2]:
                for clause_id in self.category_clauses.get(category, {}).get(analysis.aspect, [])[:2]:
                    if clause_id not in chosen:
                        chosen.append(clause_id)
        if not chosen:
            documents = self.retriever.ranked(analysis.text, 3)
            primary = [d for d in documents if d.metadata["regulation"] == self.regulation.id]
            if primary and (analysis.has_domain_word or analysis.categories):
                chosen.append(primary[0].metadata["clause_id"])
        return [self._clause(clause_id) for clause_id in chosen[:3]]

    def _compose(self, analysis: QuestionAnalysis, clauses: list[Clause], computations: list[Computation]) -> Answer:
        lines = [computation.text for computation in computations]
        for clause in clauses:
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
        return Answer("answered", "".join(lines), clauses, computed_numbers=numbers)
