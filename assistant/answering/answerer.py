"""Grounded answers: route the question, pick clauses, quote their sentences, compute amounts.

No LLM runs here: every sentence of an answer is a sentence of a cited clause, a computation
from one (shown with its arithmetic), or a fixed statement that the text leaves the point open.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

import numpy as np

from assistant.answering.clause_map import CategoryClauses
from assistant.answering.computations import Computation, ComputeHook
from assistant.answering.evidence import EvidenceReader, QuestionSignals
from assistant.answering.model import Answer
from assistant.answering.question import QuestionAnalysis, QuestionReader
from assistant.answering.sentences import relevant_sentences
from assistant.answering.training import NONE, AnsweringModels
from assistant.errors import InvalidInput
from assistant.language.references import LAST_ARTICLE, article_numbers
from assistant.language.requests import speaks_of_self
from assistant.language.segments import scene_end
from assistant.package import VocabularyFile
from assistant.regulation import Clause, Regulation, find_clause
from assistant.retrieval.fusion import z_score_fusion
from assistant.retrieval.retriever import HybridRetriever, Rankings


@dataclass(frozen=True)
class Reading:
    """What the answerer made of one question: its analysis, retrieval's rankings and the heads' verdicts."""

    analysis: QuestionAnalysis
    rankings: Rankings
    decision: str  # answered | clarify | open_topic | out_of_scope
    categories: tuple[str, ...]
    aspect: str | None
    topic: str | None


@dataclass
class Answerer:
    """Answers questions about one regulation: retrieval first, fitted heads decide what to do with it."""

    regulation: Regulation
    retriever: HybridRetriever
    reader: QuestionReader
    evidence: EvidenceReader
    models: AnsweringModels
    embed: Callable[[str], list[float]]  # the retriever's cached query embedding: no second model call
    category_clauses: dict[str, CategoryClauses]
    category_titles: dict[str, str]
    compute: ComputeHook | None = None
    # The conditions the question's own statements settle (分公司 → 不满足 the legal-form condition).
    check_conditions: Callable[[str, tuple[str, ...], bool], list[Computation]] | None = None
    materials_clause: str | None = None  # the rules' clause listing application materials

    @property
    def vocabulary(self) -> VocabularyFile:
        return self.reader.vocabulary

    def _tokens(self, text: str) -> list[str]:
        return self.reader.tokenizer.tokenize(text)

    def _quote(self, clause: Clause, question: str) -> str:
        return relevant_sentences(clause.text, question, self._tokens)

    def rankings(self, text: str) -> Rankings:
        """Retrieval's candidates for a normalised question, ordered by how far each stands out in both lists.

        Reciprocal rank fusion keeps ranks only; a clause the lexical side finds far ahead of the rest
        ("打到企业账户" → 资金拨付) was outvoted by dense scores that are all alike. Only the order of
        retrieval's own candidates changes: nothing is added.
        """
        rankings = self.retriever.rankings(text, self.regulation.id)
        return replace(rankings, fused=z_score_fusion([rankings.lexical, rankings.vector]))

    def signals(self, analysis: QuestionAnalysis, rankings: Rankings) -> QuestionSignals:
        """The evidence the heads read, from the query vector retrieval already computed."""
        return self.evidence.signals(analysis, np.asarray(self.embed(analysis.text)), rankings)

    def read(self, question: str) -> Reading:
        """Analyse, retrieve and let the fitted heads decide: the whole reading of one question.

        An opening that only sets the scene ("企业法务做台账要登记日期：…", "我在高校科技处，…") weighs on the
        question's vector as much as what is asked. When the whole question is not read as answerable, the
        asked part alone is read too, and an answerable reading of it wins; the whole question's categories
        stay (the scene may name one). One more model run, for such questions only."""
        analysis = self.reader.analyse(question)
        reading = self._read(analysis)
        start = scene_end(analysis.text)
        if reading.decision == "answered" or not start:
            return reading
        asked = self._read(self.reader.analyse(analysis.text[start:]))
        if asked.decision != "answered":
            return reading
        categories = tuple(dict.fromkeys([*asked.categories, *analysis.categories]))[:2]
        return replace(asked, analysis=replace(analysis, uncovered_terms=asked.analysis.uncovered_terms),
                       categories=categories)

    def _read(self, analysis: QuestionAnalysis) -> Reading:
        rankings = self.rankings(analysis.text)
        if not analysis.text:
            return Reading(analysis, rankings, "out_of_scope", (), None, None)
        signals = self.signals(analysis, rankings)
        models = self.models
        category_p = models.category.probabilities(signals.head_input(signals.category_hits))
        aspect_p = models.aspect.probabilities(signals.head_input(signals.aspect_hits))
        topic, similarity = models.topic_similarity(signals.vector)
        decision, _p = models.answerability.best(models.answerability_input(signals, category_p, aspect_p, topic=similarity))
        category = max(category_p, key=category_p.__getitem__)
        aspect = max(aspect_p, key=aspect_p.__getitem__)
        # The head's category first; words naming another category keep it too ("双跨和试点都…").
        categories = tuple(dict.fromkeys([*([category] if category != NONE else []), *analysis.categories]))[:2]
        return Reading(
            analysis, rankings, decision, categories, None if aspect == NONE else aspect, analysis.open_topic or topic
        )

    def ask(self, question: str) -> Answer:
        """Answer from the clauses (status answered), say the text leaves it open (not_found), or ask which category (clarify)."""
        if not isinstance(question, str) or not question.strip():
            raise InvalidInput("question must be a non-empty string")
        replies = self.vocabulary.replies
        not_covered = replies.not_covered + replies.not_covered_hint
        reading = self.read(question)
        analysis = reading.analysis
        if not analysis.text:
            return Answer("not_found", replies.injection_only if analysis.injection else not_covered)
        if analysis.seeks_deception:
            # Help to fabricate or to get round a review is never given, whatever figures the request holds.
            return Answer("not_found", replies.deception or replies.injection_only)
        # Figures are compared with the rules' thresholds only when the question is about the rules or names a
        # category: "咱厂年营收1.5个亿，能给多少" is a factory's turnover, not a security firm's revenue.
        about_rules = reading.decision == "answered" or bool(reading.categories)
        computations = self._computations(analysis, reading.categories) if self.compute and about_rules else []
        # A figure checked against one of the rules is always in scope.
        decision = "answered" if computations else reading.decision
        if decision == "open_topic":
            topic = next((t for t in self.vocabulary.open_topics if t.id == reading.topic), None)
            return Answer("not_found", topic.reply if topic else not_covered)
        if decision == "out_of_scope":
            if analysis.uncovered_terms:
                terms = "、".join(f"“{term}”" for term in analysis.uncovered_terms[:3])
                return Answer("not_found", replies.uncovered_terms.format(terms=terms) + replies.not_covered_hint)
            return Answer("not_found", not_covered)
        if decision == "clarify":
            return self._clarify(analysis, reading.aspect)
        computations = self._with_condition_verdicts(analysis, reading, computations)
        clauses = self._choose_clauses(reading, computations)
        answer = self._compose(analysis, reading, clauses, computations)
        if analysis.uncovered_terms:
            # Answer what the text says, and say plainly what it does not mention.
            terms = "、".join(f"“{term}”" for term in analysis.uncovered_terms[:3])
            answer.answer += replies.uncovered_terms_note.format(terms=terms)
        return answer

    def _computations(self, analysis: QuestionAnalysis, categories: tuple[str, ...]) -> list[Computation]:
        """Lines computed from the question's figures, read in the caller's own words ("serves exactly 100
        enterprises" binds 100 to the served enterprises) and, for what those leave out, in the text's terms."""
        assert self.compute is not None
        return self.compute(analysis.own_words or analysis.text, categories, terms=analysis.text)

    def _with_condition_verdicts(
        self, analysis: QuestionAnalysis, reading: Reading, computations: list[Computation]
    ) -> list[Computation]:
        """A condition the speaker's own facts fail comes first: an amount means nothing before it."""
        if self.check_conditions is None:
            return computations
        # A met condition is worth a line only when the speakers ask whether they qualify; a failed one always is
        # ("个体工商户能报平台项目吗": whoever it is about fails it).
        asks_whether = speaks_of_self(analysis.text) and (analysis.asks_applicability or reading.aspect == "condition")
        # Read in the caller's own words: an English question's glossary terms drop its "no" ("No major
        # accidents…" is 重大事故 in terms), which would fail a condition the caller meets.
        verdicts = self.check_conditions(analysis.own_words or analysis.text, reading.categories, asks_whether)
        unmet = [line for line in verdicts if line.met is False]
        met = [line for line in verdicts if line.met]
        return [*unmet, *computations, *met]

    def _clarify(self, analysis: QuestionAnalysis, aspect: str | None) -> Answer:
        replies = self.vocabulary.replies
        asked = {"amount": replies.clarify_amount, "condition": replies.clarify_condition}.get(
            aspect or analysis.aspect or "", replies.clarify_other
        )
        choices = list(self.category_titles.values())
        return Answer("clarify", replies.clarify.format(asked=asked, choices="、".join(choices)), choices=choices)

    def _clause(self, clause_id: str) -> Clause:
        return find_clause(self.regulation, clause_id)

    def _choose_clauses(self, reading: Reading, computations: list[Computation]) -> list[Clause]:
        """Retrieval's ranking, re-ranked by the question's category and aspect; computed clauses first."""
        ranked = [self.retriever.documents_by_key[key].clause_id for key, _score in reading.rankings.fused]
        chosen: list[str] = []
        for computation in computations:
            chosen += [clause_id for clause_id in computation.clause_ids if clause_id not in chosen]
        # An article the caller names is what is asked about ("第一条说…", "Article 2 lists…").
        chosen += [clause_id for clause_id in self._named_articles(reading, ranked) if clause_id not in chosen]
        if reading.categories and reading.aspect:
            # The named category's clause for the asked aspect (its amount, its conditions …).
            for category in reading.categories:
                clauses = self.category_clauses.get(category)
                for clause_id in self._best_for_aspect(clauses, reading, ranked) if clauses else []:
                    if clause_id not in chosen:
                        chosen.append(clause_id)
            # Retrieval's best clause stays cited when it is one of the category's own (its amount,
            # its conditions) and the heads chose another: the two together answer either reading.
            top = ranked[0] if ranked else None
            own = self._own_clauses(reading.categories)
            if top and top not in chosen and top in own and not computations:
                chosen.append(top)
        elif reading.aspect == "material" and self.materials_clause and self.materials_clause in ranked[:5]:
            chosen.append(self.materials_clause)  # retrieved, and what a question about materials needs
        if not chosen and ranked and reading.categories:
            # A category named with no aspect ("那工业互联网试点示范呢？") when retrieval's best is another category's own
            # clause sharing its words: the named category's best clause instead.
            own = self._own_clauses(reading.categories)
            others = self._own_clauses(tuple(c for c in self.category_clauses if c not in reading.categories))
            if ranked[0] in others and ranked[0] not in own:
                chosen += [clause_id for clause_id in ranked[:5] if clause_id in own][:1]
        if not chosen and ranked:
            chosen.append(ranked[0])
        return [self._clause(clause_id) for clause_id in chosen[:3]]

    def _own_clauses(self, categories: tuple[str, ...]) -> set[str]:
        """The categories' own clauses: their amounts, conditions and materials."""
        return {c for category in categories if (cc := self.category_clauses.get(category))
                for c in (*cc.amount, *cc.condition, *cc.material)}

    def _named_articles(self, reading: Reading, ranked: list[str]) -> list[str]:
        """The best-ranked leaf of each article of this regulation the question names."""
        named = article_numbers(reading.analysis.original, self.regulation.title)
        chosen = []
        for number in named:
            number = len(self.regulation.articles) if number == LAST_ARTICLE else number
            if not 1 <= number <= len(self.regulation.articles):
                continue  # no such article: nothing of it to cite
            leaves = [clause.address.id for clause in self.regulation.articles[number - 1].walk() if clause.is_leaf]
            retrieved = [clause_id for clause_id in ranked if clause_id in leaves]
            chosen.append((retrieved or leaves)[0])
        return chosen

    def _best_for_aspect(self, clauses: CategoryClauses, reading: Reading, ranked: list[str]) -> list[str]:
        """The category's clause for the asked aspect; among several, the one retrieval ranks highest."""
        analysis = reading.analysis
        evidence_asked = any(word in analysis.text for word in self.vocabulary.evidence_words)
        if reading.aspect == "material" and evidence_asked and clauses.evidence:
            return clauses.evidence[:1] + clauses.material[:1]
        if reading.aspect == "condition":
            # Words that name a category say which category, not which condition.
            question_tokens = set(self._tokens(self.reader.thesaurus(analysis.text))) - self._category_tokens()
            overlaps = [(len(question_tokens & set(self._tokens(wording))), clause_id) for clause_id, wording in clauses.wordings]
            best_overlap = max((overlap for overlap, _ in overlaps), default=0)
            if best_overlap > 0:
                tied = {clause_id for overlap, clause_id in overlaps if overlap == best_overlap}
                # Ties go to the category's own condition clause, which lists its conditions.
                return [next(clause_id for clause_id in clauses.condition if clause_id in tied)]
        candidates = clauses.for_aspect(reading.aspect or "")
        if reading.aspect == "condition":
            # The category's amount clause states a condition only in passing (上线以来新建): its own come first.
            candidates = [clause_id for clause_id in candidates if clause_id not in clauses.amount] or candidates
        retrieved = [clause_id for clause_id in ranked if clause_id in candidates]
        # Otherwise retrieval decides among the category's clauses; unretrieved, the one listing its conditions.
        return retrieved[:1] or candidates[:1]

    def _category_tokens(self) -> set[str]:
        return {token for entry in self.vocabulary.categories for word in entry.words for token in self._tokens(word)}

    def _compose(
        self, analysis: QuestionAnalysis, reading: Reading, clauses: list[Clause], computations: list[Computation]
    ) -> Answer:
        replies = self.vocabulary.replies
        # A computation already states its clause's rule: cite it there instead of quoting it again,
        # so the answer stays short enough to read out on the phone.
        lines = [
            computation.text if computation.labelled else
            computation.text.rstrip("。") + "（" + "、".join(self._clause(c).label for c in computation.clause_ids) + "）。"
            for computation in computations
        ]
        computed_from = {clause_id for computation in computations if not computation.verdict
                         for clause_id in computation.clause_ids}
        for clause in clauses:
            if clause.address.id in computed_from:
                continue
            lines.append(f"{self._quote(clause, analysis.text)}（{clause.label}）")
        if reading.aspect == "amount" or any(computation.numbers for computation in computations):
            if any(self.vocabulary.merit_word in clause.text for clause in clauses):
                lines.append(replies.merit_based)
            lines.append(replies.draft_note)
        if len(reading.categories) == 1 and not computations and reading.aspect is None:
            lines.insert(0, replies.about_category.format(title=self.category_titles[reading.categories[0]]))
        numbers = [number for computation in computations for number in computation.numbers]
        if computations and all(c.met is not False for c in computations) and reading.aspect == "condition":
            # Every stated figure meets its threshold: say what the category gives, from its clause.
            for category in reading.categories[:1]:
                for clause_id in self.category_clauses[category].amount:
                    amount_clause = self._clause(clause_id)
                    if amount_clause not in clauses:
                        clauses.append(amount_clause)
                        amount_words = " ".join(self.vocabulary.amount_clause_words)
                        quoted = relevant_sentences(amount_clause.text, amount_words, self._tokens)
                        lines.insert(len(computations), f"{replies.also_eligible}{quoted}（{amount_clause.label}）")
        return Answer("answered", "".join(lines), clauses, computed_numbers=numbers)
