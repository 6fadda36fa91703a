"""Grounded answers: route the question, pick clauses, quote their sentences, compute amounts.

No LLM runs here: every sentence of an answer is a sentence of a cited clause, a computation
from one (shown with its arithmetic), or a fixed statement that the text leaves the point open.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.answering.clause_map import CategoryClauses
from assistant.answering.computations import Computation, ComputeHook
from assistant.answering.model import Answer
from assistant.answering.question import QuestionAnalysis, QuestionReader
from assistant.answering.sentences import relevant_sentences
from assistant.errors import InvalidInput
from assistant.package import VocabularyFile
from assistant.regulation import Clause, Regulation, find_clause
from assistant.retrieval.retriever import HybridRetriever


@dataclass
class Answerer:
    """Answers questions about one regulation, with its vocabulary and rule-derived clause map."""

    regulation: Regulation
    retriever: HybridRetriever
    reader: QuestionReader
    category_clauses: dict[str, CategoryClauses]
    category_titles: dict[str, str]
    compute: ComputeHook | None = None
    materials_clause: str | None = None  # the rules' clause listing application materials

    @property
    def vocabulary(self) -> VocabularyFile:
        return self.reader.vocabulary

    def _tokens(self, text: str) -> list[str]:
        return self.reader.tokenizer.tokenize(text)

    def _quote(self, clause: Clause, question: str) -> str:
        return relevant_sentences(clause.text, question, self._tokens)

    def ask(self, question: str) -> Answer:
        """Answer from the clauses (status answered), say the text leaves it open (not_found), or ask which category (clarify)."""
        if not isinstance(question, str) or not question.strip():
            raise InvalidInput("question must be a non-empty string")
        replies = self.vocabulary.replies
        not_covered = replies.not_covered + replies.not_covered_hint
        analysis = self.reader.analyse(question)
        if not analysis.text:
            return Answer("not_found", replies.injection_only if analysis.injection else not_covered)
        if analysis.open_topic:
            topic = next(topic for topic in self.vocabulary.open_topics if topic.id == analysis.open_topic)
            return Answer("not_found", topic.reply)
        if analysis.out_of_scope:
            return Answer("not_found", not_covered)
        computations = self.compute(analysis.text, analysis.categories) if self.compute else []
        if analysis.uncovered_terms and not computations and not analysis.aspect:
            terms = "、".join(f"“{term}”" for term in analysis.uncovered_terms[:3])
            return Answer("not_found", replies.uncovered_terms.format(terms=terms) + replies.not_covered_hint)
        if not analysis.categories and not computations and analysis.aspect in ("amount", "condition") and analysis.vague:
            return self._clarify(analysis)
        clauses = self._choose_clauses(analysis, computations)
        if not clauses:
            return Answer("not_found", not_covered)
        if analysis.asks_quantity and not computations and not any(re.search(r"\d", c.text) for c in clauses):
            # Asked for a figure the cited text does not hold: say the text leaves it open, never guess.
            quoted = "".join(f"{self._quote(c, analysis.text)}（{c.label}）" for c in clauses)
            return Answer("not_found", replies.no_figure.format(quoted=quoted), clauses)
        answer = self._compose(analysis, clauses, computations)
        if analysis.uncovered_terms:
            # Answer what the text says about the aspect, and say plainly what it does not mention.
            terms = "、".join(f"“{term}”" for term in analysis.uncovered_terms[:3])
            answer.answer += replies.uncovered_terms_note.format(terms=terms)
        return answer

    def _clarify(self, analysis: QuestionAnalysis) -> Answer:
        replies = self.vocabulary.replies
        asked = {"amount": replies.clarify_amount, "condition": replies.clarify_condition}.get(
            analysis.aspect or "", replies.clarify_other
        )
        choices = list(self.category_titles.values())
        return Answer("clarify", replies.clarify.format(asked=asked, choices="、".join(choices)), choices=choices)

    def _clause(self, clause_id: str) -> Clause:
        return find_clause(self.regulation, clause_id)

    def _choose_clauses(self, analysis: QuestionAnalysis, computations: list[Computation]) -> list[Clause]:
        chosen: list[str] = []
        for computation in computations:
            chosen += [clause_id for clause_id in computation.clause_ids if clause_id not in chosen]
        ranked = [d.metadata["clause_id"] for d in self.retriever.ranked(analysis.text, 12, self.regulation.id)]
        if analysis.categories and analysis.aspect:
            for category in analysis.categories[:2]:
                clauses = self.category_clauses.get(category)
                if clauses is None:
                    continue
                best = self._best_for_aspect(clauses, analysis)
                for clause_id in best:
                    if clause_id not in chosen:
                        chosen.append(clause_id)
        if not chosen and analysis.aspect == "material" and self.materials_clause:
            # Materials asked with no category: the rules' list of application materials.
            chosen.append(self.materials_clause)
        if not chosen and ranked and (analysis.has_domain_word or analysis.categories):
            chosen.append(ranked[0])
        return [self._clause(clause_id) for clause_id in chosen[:3]]

    def _category_tokens(self) -> set[str]:
        return {token for entry in self.vocabulary.categories for word in entry.words for token in self._tokens(word)}

    def _best_for_aspect(self, clauses: CategoryClauses, analysis: QuestionAnalysis) -> list[str]:
        """The category's clause for the asked aspect; for conditions, the one whose wording the question echoes."""
        evidence_asked = any(word in analysis.text for word in self.vocabulary.evidence_words)
        if analysis.aspect == "material" and evidence_asked and clauses.evidence:
            return clauses.evidence[:1] + clauses.material[:1]
        if analysis.aspect == "condition":
            # Words that name a category say which category, not which condition.
            question_tokens = set(self._tokens(self.reader.thesaurus(analysis.text))) - self._category_tokens()
            overlaps = [(len(question_tokens & set(self._tokens(wording))), clause_id) for clause_id, wording in clauses.wordings]
            best_overlap = max((overlap for overlap, _ in overlaps), default=0)
            if best_overlap > 0:
                tied = {clause_id for overlap, clause_id in overlaps if overlap == best_overlap}
                # Ties go to the category's own condition clause, which lists its conditions.
                return [next(clause_id for clause_id in clauses.condition if clause_id in tied)]
        return clauses.for_aspect(analysis.aspect or "")[:1]

    def _compose(self, analysis: QuestionAnalysis, clauses: list[Clause], computations: list[Computation]) -> Answer:
        replies = self.vocabulary.replies
        # A computation already states its clause's rule: cite it there instead of quoting it again,
        # so the answer stays short enough to read out on the phone.
        lines = [
            computation.text if computation.labelled else
            computation.text.rstrip("。") + "（" + "、".join(self._clause(c).label for c in computation.clause_ids) + "）。"
            for computation in computations
        ]
        computed_from = {clause_id for computation in computations for clause_id in computation.clause_ids}
        for clause in clauses:
            if clause.address.id in computed_from:
                continue
            lines.append(f"{self._quote(clause, analysis.text)}（{clause.label}）")
        if analysis.aspect == "amount" or any(computation.numbers for computation in computations):
            if any(self.vocabulary.merit_word in clause.text for clause in clauses):
                lines.append(replies.merit_based)
            lines.append(replies.draft_note)
        if analysis.categories and len(analysis.categories) == 1 and not computations and analysis.aspect is None:
            lines.insert(0, replies.about_category.format(title=self.category_titles[analysis.categories[0]]))
        numbers = [number for computation in computations for number in computation.numbers]
        if computations and all(c.met is not False for c in computations) and analysis.aspect == "condition":
            # Every stated figure meets its threshold: say what the category gives, from its clause.
            for category in analysis.categories[:1]:
                for clause_id in self.category_clauses[category].amount:
                    amount_clause = self._clause(clause_id)
                    if amount_clause not in clauses:
                        clauses.append(amount_clause)
                        amount_words = " ".join(self.vocabulary.amount_clause_words)
                        quoted = relevant_sentences(amount_clause.text, amount_words, self._tokens)
                        lines.insert(len(computations), f"{replies.also_eligible}{quoted}（{amount_clause.label}）")
        return Answer("answered", "".join(lines), clauses, computed_numbers=numbers)
