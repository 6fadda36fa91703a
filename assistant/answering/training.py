"""Fit the answering heads from a package's labelled questions (scikit-learn logistic regression).

Deterministic: the same questions, vocabulary and embedding model give the same weights. The
services fit once per data directory and keep the result as JSON beside the vector index.
"""

from __future__ import annotations

import base64
import functools
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from assistant.answering.evidence import QuestionSignals
from assistant.answering.heads import LinearHead
from assistant.package import LabelledQuestion

NONE = "none"
# What the answerability head decides between; open_topic and out_of_scope are both not_found.
ANSWERABILITY_CLASSES = ("answered", "clarify", "open_topic", "out_of_scope")
FOLDS = 5
# Regularisation strengths tried for the answerability head; cross-validation on the training questions picks one.
C_GRID = (0.1, 0.3, 1.0, 3.0)


NEAREST_K = 3  # labelled questions per class whose similarities are averaged


@dataclass(frozen=True)
class AnsweringModels:
    """The fitted heads of one package and the vectors of its open topics' examples."""

    category: LinearHead
    aspect: LinearHead
    answerability: LinearHead
    topic_vectors: dict[str, np.ndarray]  # topic id → (examples, dimensions)
    report: dict[str, Any] = field(default_factory=dict)  # cross-validated accuracies on the training questions
    # The training questions' vectors by answerability class: how close a question comes to each kind.
    labelled_vectors: dict[str, np.ndarray] = field(default_factory=dict)
    # What the rules use each clause for: clause id → ["category/aspect", …].
    clause_roles: dict[str, list[str]] = field(default_factory=dict)

    def agreement(self, signals: QuestionSignals, category: dict[str, float], aspect: dict[str, float]) -> float:
        """How strongly retrieval's best clauses are the ones the heads expect (the category's clause for the aspect)."""
        best = 0.0
        for clause in signals.top_clauses:
            for role in self.clause_roles.get(clause, []):
                role_category, role_aspect = role.split("/")
                best = max(best, category.get(role_category, 0.0) * aspect.get(role_aspect, 0.0))
        return best

    def nearest(self, vector: np.ndarray, exclude: np.ndarray | None = None) -> list[float]:
        """How much closer the nearest labelled question of each answerability class comes than the nearest of
        any class (0 for the nearest class; cosine differences). Relative, because a caller's own wording sits
        further from every labelled question alike: absolute similarities read a new style as out of scope."""
        found = []
        for label in ANSWERABILITY_CLASSES:
            vectors = self.labelled_vectors.get(label)
            if vectors is None or not len(vectors):
                found.append(0.0)
                continue
            similarities = vectors @ vector
            if exclude is not None:
                similarities = similarities[~np.all(np.isclose(vectors, exclude), axis=1)]
            # the mean of the few nearest, not the one nearest: a single close example of a class
            # ("需不需要CCRC资质" beside "需要是什么类型的单位") should not decide alone
            nearest = np.sort(similarities)[-NEAREST_K:]
            found.append(float(nearest.mean()) if nearest.size else 0.0)
        closest = max(found)
        return [similarity - closest for similarity in found]

    def answerability_input(self, signals: QuestionSignals, category: dict[str, float], aspect: dict[str, float],
                            exclude: np.ndarray | None = None, topic: float | None = None) -> np.ndarray:
        """The answerability head's input for one question (``exclude``: its own vector, when training;
        ``topic``: its topic similarity, when the caller has it)."""
        if topic is None:
            topic = self.topic_similarity(signals.vector, exclude=exclude)[1]
        return np.concatenate([
            head_features(signals, category, aspect, topic),
            self.nearest(signals.vector, exclude),
            [self.agreement(signals, category, aspect)],
        ])

    @functools.cached_property
    def _stacked_topics(self) -> tuple[list[str], np.ndarray, np.ndarray]:
        """Every topic's examples in one matrix (one product per question instead of one per topic)."""
        topics = [topic for topic, vectors in self.topic_vectors.items() if len(vectors)]
        if not topics:
            return [], np.zeros((0, 0), dtype=np.float32), np.zeros(0, dtype=np.intp)
        sizes = [len(self.topic_vectors[topic]) for topic in topics]
        starts = np.concatenate([[0], np.cumsum(sizes)[:-1]]).astype(np.intp)
        return topics, np.vstack([self.topic_vectors[topic] for topic in topics]), starts

    def topic_similarity(self, vector: np.ndarray, exclude: np.ndarray | None = None) -> tuple[str | None, float]:
        """The open topic whose examples come closest to a query vector, and how close (cosine); ``exclude``:
        a vector whose copies among the examples are left out (the question's own, when training)."""
        topics, matrix, starts = self._stacked_topics
        if not topics:
            return None, 0.0
        similarities = matrix @ vector
        if exclude is not None:
            similarities[np.all(np.isclose(matrix, exclude), axis=1)] = -np.inf
        maxima = np.maximum.reduceat(similarities, starts)
        index = int(np.argmax(maxima))  # the first of equals
        return (topics[index], float(maxima[index])) if maxima[index] > 0.0 else (None, 0.0)

    def to_json(self) -> dict[str, Any]:
        return {
            "category": self.category.to_json(),
            "aspect": self.aspect.to_json(),
            "answerability": self.answerability.to_json(),
            "topic_vectors": {topic: _packed(vectors) for topic, vectors in self.topic_vectors.items()},
            "report": self.report,
            "labelled_vectors": {label: _packed(vectors) for label, vectors in self.labelled_vectors.items()},
            "clause_roles": self.clause_roles,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> AnsweringModels:
        return cls(
            LinearHead.from_json(data["category"]),
            LinearHead.from_json(data["aspect"]),
            LinearHead.from_json(data["answerability"]),
            {topic: _unpacked(vectors) for topic, vectors in data["topic_vectors"].items()},
            data.get("report", {}),
            {label: _unpacked(vectors) for label, vectors in data.get("labelled_vectors", {}).items()},
            data.get("clause_roles", {}),
        )


def _packed(vectors: np.ndarray) -> dict[str, Any]:
    """Sentence vectors as float32 bytes in base64: the model's own precision, ~4× smaller than JSON numbers
    (652 training questions made an 8 MB cache that filled a small data disk)."""
    array = np.ascontiguousarray(vectors, dtype="<f4")
    return {"shape": list(array.shape), "float32_base64": base64.b64encode(array.tobytes()).decode("ascii")}


def _unpacked(packed: dict[str, Any] | list[Any]) -> np.ndarray:
    if isinstance(packed, list):  # a cache written before the vectors were packed
        return np.asarray(packed, dtype=float)
    array = np.frombuffer(base64.b64decode(packed["float32_base64"]), dtype="<f4").reshape(packed["shape"])
    return array.astype(float)  # the float64 the answering arithmetic has always used


def head_features(signals: QuestionSignals, category: dict[str, float], aspect: dict[str, float], topic: float) -> np.ndarray:
    """The answerability head's input: the evidence, then the heads' confidence and the topic similarity."""
    category_confidence = max((p for label, p in category.items() if label != NONE), default=0.0)
    aspect_confidence = max((p for label, p in aspect.items() if label != NONE), default=0.0)
    return np.concatenate([signals.evidence, [category_confidence, aspect_confidence, topic]])


def _fit_linear(x: np.ndarray, labels: Sequence[str], c: float, balanced: bool = False) -> LinearHead:
    from sklearn.linear_model import LogisticRegression

    mean = x.mean(axis=0)
    scale = x.std(axis=0)
    scale[scale == 0] = 1.0
    model = LogisticRegression(C=c, max_iter=5000, class_weight="balanced" if balanced else None)
    model.fit((x - mean) / scale, list(labels))
    return LinearHead(tuple(str(c) for c in model.classes_), model.coef_, model.intercept_, mean, scale)


def _out_of_fold(x: np.ndarray, labels: Sequence[str], c: float) -> tuple[list[dict[str, float]], float]:
    """Each question's class probabilities from a head fitted without it, and the accuracy they give."""
    from sklearn.model_selection import StratifiedKFold

    smallest = min(list(labels).count(label) for label in set(labels))
    folds = StratifiedKFold(n_splits=max(2, min(FOLDS, smallest)), shuffle=True, random_state=0)
    probabilities: list[dict[str, float]] = [{} for _ in labels]
    for train, test in folds.split(x, labels):
        head = _fit_linear(x[train], [labels[i] for i in train], c)
        for index in test:
            probabilities[index] = head.probabilities(x[index])
    correct = sum(_status(max(p, key=p.__getitem__)) == _status(label) for p, label in zip(probabilities, labels, strict=True))
    return probabilities, correct / len(labels)


def _log_loss(probabilities: Sequence[dict[str, float]], labels: Sequence[str]) -> float:
    """Mean negative log probability given to each question's own label."""
    return -float(np.mean([np.log(max(p.get(label, 0.0), 1e-9)) for p, label in zip(probabilities, labels, strict=True)]))


def _status(label: str) -> str:
    # Accuracy is counted on what the user sees: an open topic and an out-of-scope question are both not_found.
    return "not_found" if label in ("open_topic", "out_of_scope") else label


def answerability_label(question: LabelledQuestion) -> str:
    if question.status == "not_found":
        return "open_topic" if question.topic else "out_of_scope"
    return question.status


def fit_models(
    questions: Sequence[LabelledQuestion],
    signals: Sequence[QuestionSignals],
    topic_examples: dict[str, list[np.ndarray]],
    clause_roles: dict[str, list[str]] | None = None,
) -> AnsweringModels:
    """Fit the category, aspect and answerability heads on labelled questions and their signals."""
    category_x = np.stack([s.head_input(s.category_hits) for s in signals])
    aspect_x = np.stack([s.head_input(s.aspect_hits) for s in signals])
    category_y = [q.category or NONE for q in questions]
    aspect_y = [q.aspect or NONE for q in questions]
    # The answerability head learns from probabilities the heads gave without seeing the question.
    category_oof, category_accuracy = _out_of_fold(category_x, category_y, c=1.0)
    aspect_oof, aspect_accuracy = _out_of_fold(aspect_x, aspect_y, c=1.0)
    vectors = dict(topic_examples)
    for question, signal in zip(questions, signals, strict=True):
        if question.topic:
            vectors.setdefault(question.topic, []).append(signal.vector)
    topic_vectors = {topic: np.stack(found) for topic, found in vectors.items() if found}
    answer_y = [answerability_label(q) for q in questions]
    labelled = {
        label: np.stack([s.vector for s, y in zip(signals, answer_y, strict=True) if y == label])
        for label in set(answer_y)
    }
    partial = AnsweringModels(
        _fit_linear(category_x, category_y, c=1.0), _fit_linear(aspect_x, aspect_y, c=1.0),
        LinearHead((), np.zeros((0, 0)), np.zeros(0), np.zeros(0), np.ones(0)), topic_vectors, {}, labelled,
        clause_roles or {},
    )
    answer_x = np.stack([
        partial.answerability_input(signal, category_oof[i], aspect_oof[i], exclude=signal.vector)
        for i, signal in enumerate(signals)
    ])  # fmt: skip
    out_of_fold = {c: _out_of_fold(answer_x, answer_y, c=c) for c in C_GRID}
    # Chosen by the cross-validated log loss, a proper score: accuracy moves by one question between values of
    # C and flipped the choice with every few questions added. Ties go to the stronger regularisation.
    loss_by_c = {c: _log_loss(out_of_fold[c][0], answer_y) for c in C_GRID}
    answer_c = min(C_GRID, key=lambda c: (loss_by_c[c], c))
    answer_accuracy = out_of_fold[answer_c][1]
    report = {
        "questions": len(questions),
        "category_accuracy_cv": round(category_accuracy, 3),
        "aspect_accuracy_cv": round(aspect_accuracy, 3),
        "answerability_accuracy_cv": round(answer_accuracy, 3),
        "answerability_c": answer_c,
        "answerability_log_loss_cv": round(loss_by_c[answer_c], 3),
        "answerability_accuracy_cv_by_c": {str(c): round(out_of_fold[c][1], 3) for c in C_GRID},
    }
    return AnsweringModels(
        partial.category, partial.aspect, _fit_linear(answer_x, answer_y, c=answer_c), topic_vectors, report,
        labelled, clause_roles or {},
    )


# Placeholder until a package's heads are fitted (the answerer is needed to compute their training signals).
UNFITTED = AnsweringModels(*(LinearHead((), np.zeros((0, 0)), np.zeros(0), np.zeros(0), np.ones(0)),) * 3, {})
