"""Grounded answers: clause sentences, amounts computed by the eligibility engine, honest refusals."""

from assistant.answering.answerer import Answerer
from assistant.answering.clause_map import CategoryClauses, category_clause_map
from assistant.answering.computations import Computation, QuestionComputer
from assistant.answering.model import Answer

__all__ = ["Answer", "Answerer", "CategoryClauses", "Computation", "QuestionComputer", "category_clause_map"]
