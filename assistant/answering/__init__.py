"""Grounded answers: clause sentences, computed amounts, honest refusals."""

from assistant.answering.answerer import Answerer, Computation
from assistant.answering.model import Answer
from assistant.answering.rules_bridge import category_clause_map, question_computations

__all__ = ["Answer", "Answerer", "Computation", "category_clause_map", "question_computations"]
